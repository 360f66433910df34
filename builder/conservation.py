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
from collections.abc import Iterable
from html import unescape

from builder.reading.state import MARK_OPEN, MARKER_RE

_WORD = re.compile(r"[^\W_]+")
_WORD_CHARS = re.compile(r"\w+")  # `_WORD` in a text without "_" (a faster pattern: a class of one category)
_HEADING = re.compile(r"^#{1,6} (.*?)(?: \{([^}]*)\})?$")
_MD_ESCAPE = re.compile(r"\\([^\w\s])")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


def words(text: str) -> list[str]:
    """Words for comparison; a note marker is not a word boundary (`Natio¹ns` reads `Nations`)."""
    return _WORD.findall(MARKER_RE.sub("", text).casefold())


def words_in(texts: Iterable[str]) -> list[str]:
    """`words` of each text in turn, in one pass: markers come out of each text on its own, then the
    texts are read as one, a space between each (a space ends a word, so none runs from one into the next)."""
    return _WORD.findall(" ".join(MARKER_RE.sub("", t) if MARK_OPEN in t else t for t in texts).casefold())


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
    return _words_of(_block_texts(html))


def _block_texts(html: str) -> list[str]:
    """The text a reader sees in each block element of an HTML fragment, in order (entities not yet resolved)."""
    if "<" not in html:
        return [html]
    pieces = _TAG.split(html)  # text, then (closing, tag, attributes, text) for each tag
    texts: list[str] = []
    skipping: list[bool] = [False]  # the bottom entry: outside every element
    buffer: list[str] = [pieces[0]]
    for closing, tag, attributes, text in zip(pieces[1::4], pieces[2::4], pieces[3::4], pieces[4::4], strict=True):
        tag = tag.lower()
        if tag not in _INLINE:
            texts.append("".join(buffer))
            buffer.clear()
        if tag not in _VOID:
            if closing:
                if len(skipping) > 1:
                    skipping.pop()
            else:
                skip = skipping[-1] or tag == "sup"
                if not skip and "unp-chrome" in attributes:
                    cls = _CLASS.search(attributes)
                    skip = cls is not None and "unp-chrome" in cls.group(1).split()
                skipping.append(skip)
        if not skipping[-1]:
            buffer.append(text)
    texts.append("".join(buffer))
    return texts


def _words_of(texts: list[str]) -> list[str]:
    """The words of each text (entities resolved), in order: `words_in`, as the texts hold no marker token
    once resolved (`&#57344;` would be one)."""
    resolved = unescape(" ".join(texts))  # an entity never spans a space
    if MARK_OPEN not in resolved:
        return (_WORD if "_" in resolved else _WORD_CHARS).findall(resolved.casefold())
    return [w for text in texts for w in words(unescape(text))]


def page_words(markdown: str) -> list[str]:
    """The words a reader sees in the document part of a page, in order."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    texts: list[str] = []
    for chunk in body.split("\n\n"):
        heading = _HEADING.match(chunk)
        if heading:
            if chunk.startswith("# ") or "unp-chrome" in (heading.group(2) or ""):
                continue
            chunk = _MD_ESCAPE.sub(r"\1", heading.group(1))
        texts += _block_texts(chunk)
    return _words_of(texts)


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
