"""The conservation check: every word of the source reaches its page, in order.

It compares two word streams and fails loudly on the first difference:

- the source's, taken after furniture removal and marker normalisation (the
  only deletions allowed are page furniture and the note markers themselves):
  the masthead and text blocks in reading order, then each note's text;
- the page's, read back from the Markdown page the renderer wrote: the
  masthead as printed, headings and paragraphs in order, then the notes,
  skipping the site's own controls (elements of class `unp-chrome`).

So a reading or rendering stage that drops, duplicates or reorders a word is
caught on every build, for every document.
"""

from __future__ import annotations

import re
from html import unescape

from builder.reading.state import MARKER_RE

_WORD = re.compile(r"[^\W_]+")
_HEADING = re.compile(r"^#{1,6} (.*?)(?: \{([^}]*)\})?$")
_MD_ESCAPE = re.compile(r"\\([^\w\s])")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


def words(text: str) -> list[str]:
    """Words for comparison; a note marker is not a word boundary (`Natio¹ns` reads `Nations`)."""
    return _WORD.findall(MARKER_RE.sub("", text).casefold())


# Hand-written rather than html.parser: the pages are the renderer's own
# output, where every `<` of text is escaped, so a tag is exactly `<...>`;
# this is several times faster on a thousand pages.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_CLASS = re.compile(r'class="([^"]*)"')
_INLINE = frozenset({"em", "strong", "a", "span", "sup", "sub", "b", "i", "abbr", "code"})


def _html_words(html: str) -> list[str]:
    """Words of an HTML fragment outside `unp-chrome` elements and markers.

    Text is tokenised per block element, so `<em>Calls</em> on` and
    `Calls <em>on</em>ce` read as a reader sees them.
    """
    out: list[str] = []
    skipping: list[bool] = []
    buffer: list[str] = []
    last = 0

    def flush() -> None:
        out.extend(words(unescape("".join(buffer))))
        buffer.clear()

    for m in _TAG.finditer(html):
        if not (skipping and skipping[-1]):
            buffer.append(html[last : m.start()])
        last = m.end()
        closing, tag = m.group(1), m.group(2).lower()
        if tag not in _INLINE:
            flush()
        if tag in _VOID:
            continue
        if closing:
            if skipping:
                skipping.pop()
            continue
        cls = _CLASS.search(m.group(3))
        skip = (skipping and skipping[-1]) or tag == "sup" or (cls is not None and "unp-chrome" in cls.group(1).split())
        skipping.append(bool(skip))
    if not (skipping and skipping[-1]):
        buffer.append(html[last:])
    flush()
    return out


def page_words(markdown: str) -> list[str]:
    """The words a reader sees in the document part of a page, in order."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    found: list[str] = []
    for chunk in body.split("\n\n"):
        heading = _HEADING.match(chunk)
        if heading:
            if chunk.startswith("# ") or "unp-chrome" in (heading.group(2) or ""):
                continue
            chunk = _MD_ESCAPE.sub(r"\1", heading.group(1))
        found.extend(_html_words(chunk))
    return found


def first_difference(expected: list[str], actual: list[str]) -> str:
    """A readable account of where two word streams part, or "" if equal."""
    if expected == actual:
        return ""
    i = next(
        (k for k, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), min(len(expected), len(actual))
    )
    source = " ".join(expected[max(0, i - 6) : i + 6])
    page = " ".join(actual[max(0, i - 6) : i + 6])
    return f"word {i + 1} differs: source has “…{source}…”, page has “…{page}…”"
