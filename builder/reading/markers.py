"""Note-marker rules: every way a source writes a note reference, made one token.

Guarantees to the next stage: each marker written as `¹²`, `<sup>5</sup>`, `[^5]`,
the mangled `<sup>&</sup>lt;sup>5</sup>`, `$^{6}\\ …$` or a lone `*`/`**`/`***`
after a word is the token `marker(label)`; a converter's backslash escapes
are resolved last (after the stars, so an escaped `\\*` is never a marker). Plain digits after a word (the raw
PDF form, `Development,1`) are recognised later, by `digit_markers`, once the
notes are known: only a digit that matches a note printed on that page is one.
"""

from __future__ import annotations

import re

from builder.reading import markup
from builder.reading.state import (
    EM_CLOSE,
    EM_OPEN,
    MARK_OPEN,
    MARKER_RE,
    STRONG_CLOSE,
    STRONG_OPEN,
    ReadState,
    Ruler,
    marker,
)

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MANGLED_SUP = re.compile(r"<sup>&</sup>lt;sup>([\w*]{1,4})</sup>")
# (a converter's italics inside the tag are the label's: `<sup>_a_</sup>`)
_HTML_SUP = re.compile(f"<sup>\\s*[{EM_OPEN}{STRONG_OPEN}]?([\\w*]{{1,4}})[{EM_CLOSE}{STRONG_CLOSE}]?\\s*</sup>")
_LATEX = re.compile(r"\$\s*\^\s*\{\s*(?:\^\s*\{\s*)?([\w*]{1,4})\s*\}(?:\s*\\?\})?\s*(?:\\\s?)?((?:[^$]{0,200}?)\$)?")
_FOOTNOTE_DEF = re.compile(r"^\[\^([\w*]{1,8})\]:\s*")
_FOOTNOTE_REF = re.compile(r"\[\^([\w*]{1,8})\]")
_UNICODE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_STARS_AFTER_WORD = re.compile(r"(?<=[\w.,;:)\]”’\"])\*{1,3}(?=\s|$|[,;.:)])")
_STARS_AT_START = re.compile(r"^\*{1,3}(?=\s)")
# After emphasis, with the space a converter sets after each span: `**Indonesia:** * **draft resolution**`.
_STARS_AFTER_EMPHASIS = re.compile(f"(?<=[{EM_CLOSE}{STRONG_CLOSE}]) ?(\\*{{1,3}})(?=\\s|$)")


def _each_text_block(state: ReadState):
    return (b for b in state.blocks if b.kind == "text")


def mangled_sup(state: ReadState) -> None:
    """`<sup>&</sup>lt;sup>5</sup>`: an HTML converter escaped its own tag."""
    for block in _each_text_block(state):
        if "<sup>&" in block.text:
            block.text = _MANGLED_SUP.sub(lambda m: marker(m.group(1)), block.text)


def html_sup(state: ReadState) -> None:
    for block in _each_text_block(state):
        if "<sup" in block.text:
            block.text = _HTML_SUP.sub(lambda m: marker(m.group(1)), block.text)


def latex_sup(state: ReadState) -> None:
    """`$^{6}\\ A/HRC/58/25$ and …` → marker 6, then the text the `$…$` wrapped."""

    def swap(m: re.Match[str]) -> str:
        inner = (m.group(2) or "").removesuffix("$")
        return marker(m.group(1)) + inner

    for block in _each_text_block(state):
        if "$" in block.text:
            block.text = _LATEX.sub(swap, block.text)


def footnote_refs(state: ReadState) -> None:
    """Markdown footnotes: `[^5]` is marker 5; `[^5]: text` opening a block is note 5's definition."""
    for block in _each_text_block(state):
        if "[^" in block.text:
            text = _FOOTNOTE_DEF.sub(lambda m: marker(m.group(1)) + " ", block.text)
            block.text = _FOOTNOTE_REF.sub(lambda m: marker(m.group(1)), text)


def unicode_superscripts(state: ReadState) -> None:
    for block in _each_text_block(state):
        if not block.text.isascii():  # superscript digits are not ASCII
            block.text = _UNICODE.sub(lambda m: marker(m.group(0).translate(_SUPERSCRIPTS)), block.text)


def star_markers(state: ReadState) -> None:
    """`agenda**`, `Iraq:*`, `**Iraq:** *` and `* Reissued …` at a note's start.

    Runs after star emphasis, so stars left are markers, not bold or italics.
    """
    for block in _each_text_block(state):
        if "*" in block.text:
            text = _STARS_AFTER_WORD.sub(lambda m: marker(m.group(0)), block.text)
            text = _STARS_AFTER_EMPHASIS.sub(lambda m: marker(m.group(1)), text)
            block.text = _STARS_AT_START.sub(lambda m: marker(m.group(0)), text)


def space_before_markers(state: ReadState) -> None:
    """`Development, ⁵` → `Development,⁵`: the space belonged to the layout."""
    for block in _each_text_block(state):
        if MARK_OPEN in block.text and MARKER_RE.search(block.text):
            block.text = re.sub(r"(?<=\S) +(?=" + MARKER_RE.pattern + ")", "", block.text)


MARKER_RULES = Ruler(
    "markers",
    [
        ("mangled_sup", mangled_sup),
        ("html_sup", html_sup),
        ("latex_sup", latex_sup),
        ("footnote_refs", footnote_refs),
        ("unicode_superscripts", unicode_superscripts),
        ("star_markers", star_markers),
        ("space_before_markers", space_before_markers),
        ("unescape", markup.unescape),
    ],
)
