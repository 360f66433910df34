"""The ids a page defines, read from the builder's own output.

Pages are scanned, not parsed: every id in them was written by the builder in
one of a few fixed forms (`id="…"`/`name="…"` in tags of HTML blocks, `{#id}`
on Markdown headings) and source text is escaped, so it never looks like one.
The link check (`builder.linkcheck`) resolves fragments against these ids;
rendering (`builder.render.heading_ids`) keeps a heading's id from clashing
with them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape

# Attributes of a tag only: source text is escaped, so `&lt;a href="…"&gt;` in a document is text.
_ID = re.compile(r'<[a-z][a-z0-9]*(?:\s[^<>]*?)?\s(?:id|name)="([^"]*)"|\{#([^\s}]+)')
_ATTRS = (re.compile(r'id="[^"]*"'), re.compile(r'name="[^"]*"'))  # where `_ID` may end (literal: fast)
_HEADING_ID = re.compile(r"\{#([^\s}]+)")


def page_ids(text: str) -> set[str]:
    """Every id a page defines (HTML `id`/`name` attributes and Markdown `{#id}`): what `_ID`
    finds, found faster. `_ID` tries a tag at each of the millions of `<` of the pages; here
    each `id="…"`/`name="…"` is found directly and kept when `_ID`, tried at the `<` before it,
    ends on it (the first id of the tag, as `_ID`'s scan takes)."""
    out: set[str] = set()
    taken: list[tuple[int, int]] = []  # the text `_ID`'s tag matches span: a `{#…}` in one is not an id
    for attr in _ATTRS:
        for m in attr.finditer(text):
            if not (m.start() and text[m.start() - 1].isspace()):  # `_ID` wants white space before the name
                continue
            start = text.rfind("<", 0, m.start())
            tag = _ID.match(text, start) if start >= 0 else None
            if tag is not None and tag.end() == m.end() and tag[1] is not None:
                out.add(unescape(tag[1]))
                taken.append((start, tag.end()))
    if "{#" in text:
        taken.sort()
        starts = [start for start, _ in taken]
        for m in _HEADING_ID.finditer(text):
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or taken[i][1] <= m.start():
                out.add(m[1])
    return out
