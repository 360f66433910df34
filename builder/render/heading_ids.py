"""A clean id for a heading whose text carries note markers.

Engines give a heading without an explicit id one derived from its text, and
the text of "Draft programme of work¹" includes the marker: the title's id
became `draft-programme-of-work1`. A heading with markers gets instead, as an
explicit `{#id}` (which every engine keeps as written), the id its text alone
would have: the marker keeps its own id (`fnref:1`) and a working backlink,
and the heading's id does not depend on notes.
"""

from __future__ import annotations

import re
import unicodedata

from builder.render.page_ids import page_ids


def slug(text: str) -> str:
    """The id Python-Markdown's toc extension derives from a heading's text (its default `slugify`,
    written again here: the builder imports no engine code): accents folded to ASCII, anything but
    word characters, spaces and hyphens dropped, lower case, runs of spaces and hyphens one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower())


def explicit_id(text: str, page: str) -> str:
    """` {#slug}` for a heading of `text` on `page` (Markdown), or "" when the slug is empty or is
    already an id of the page (the engine then makes the heading's id unique its own way)."""
    found = slug(text)
    return f" {{#{found}}}" if found and found not in page_ids(page) else ""
