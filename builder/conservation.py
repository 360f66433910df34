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
from html.parser import HTMLParser

from builder.reading.state import MARKER_RE

_WORD = re.compile(r"[^\W_]+")
_HEADING = re.compile(r"^#{1,6} (.*?)(?: \{([^}]*)\})?$")
_MD_ESCAPE = re.compile(r"\\([^\w\s])")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(MARKER_RE.sub(" ", text))]


class _PageText(HTMLParser):
    """Collects the words of a rendered page outside `unp-chrome` elements.

    Text is tokenised per block element, so `<em>Calls</em> on` and
    `Calls <em>on</em>ce` read as a reader sees them.
    """

    _INLINE = frozenset({"em", "strong", "a", "span", "sup", "sub", "b", "i", "abbr", "code"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.stack: list[bool] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        self.words.extend(words("".join(self.buffer)))
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._INLINE:
            self.flush()
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        skip = "unp-chrome" in classes or tag == "sup" or (self.stack and self.stack[-1])
        if skip:
            self.buffer.append(" ")  # as the source side reads a marker: a word boundary
        self.stack.append(bool(skip))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._INLINE:
            self.flush()
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self.flush()


def page_words(markdown: str) -> list[str]:
    """The words a reader sees in the document part of a page, in order."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    parser = _PageText()
    for chunk in body.split("\n\n"):
        heading = _HEADING.match(chunk)
        if heading:
            if chunk.startswith("# ") or "unp-chrome" in (heading.group(2) or ""):
                continue
            chunk = _MD_ESCAPE.sub(r"\1", heading.group(1))
        parser.feed(chunk + "\n")
    parser.close()
    return parser.words


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
