"""Rules for text that passed through a Markdown or HTML converter.

Guarantees to the next stage: no Markdown heading hashes or list dashes before
paragraph numbers, dead links (`[72/1](#)`) reduced to their text, `<i>`/`<b>`
and `*italic*`/`**bold**` emphasis turned into emphasis tokens, backslash
escapes (`\\_`) resolved. Any other markup a source contains (a live Markdown
link, an HTML tag) is left as literal text: it is shown, never interpreted.
"""

from __future__ import annotations

import re

from builder.reading.state import (
    EM_CLOSE,
    EM_OPEN,
    STRONG_CLOSE,
    STRONG_OPEN,
    Line,
    ReadState,
    Ruler,
)

_HEADING_HASHES = re.compile(r"^#{1,6}\s+")
_LIST_DASH = re.compile(r"^\s*[-+•]\s+(?=[“\"]?(\d{1,3}\.|\([a-zivx]{1,5}\))(\s|$))")
_DEAD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*#?\s*\)")
_HTML_EMPHASIS = re.compile(r"<(i|em|b|strong)>(.*?)</\1>", re.IGNORECASE)
_STRONG = re.compile(r"(?<![\w*\\])\*\*(?=\S)(.+?)(?<=[^\s\\])\*\*(?![\w*])", re.DOTALL)
_EM = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s\\*])\*(?![\w*])", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>$&])")


def heading_hashes(state: ReadState) -> None:
    """`## The General Assembly,` → `The General Assembly,` (structure is ours to find)."""
    for line in state.lines:
        line.text = _HEADING_HASHES.sub("", line.text)


def list_dashes(state: ReadState) -> None:
    """`- 1. Recognizes` → `1. Recognizes`: a converter's bullet before a number.

    A list item starts a paragraph of its own even when the converter put the
    items on consecutive lines, so a blank line is put before it.
    """
    out: list[Line] = []
    for line in state.lines:
        stripped = _LIST_DASH.sub("", line.text)
        if stripped != line.text:
            out.append(Line("", line.number))
            line.text = stripped
        out.append(line)
    state.lines = out


def dead_links(state: ReadState) -> None:
    """`[72/1](#)` → `72/1`: keep the text of a link that goes nowhere."""
    for line in state.lines:
        if "](" in line.text:
            line.text = _DEAD_LINK.sub(r"\1", line.text)


def html_emphasis(state: ReadState) -> None:
    """`<i>x</i>`, `<b>x</b>` → emphasis tokens; other tags stay literal text."""

    def swap(m: re.Match[str]) -> str:
        strong = m.group(1).lower() in ("b", "strong")
        return (STRONG_OPEN if strong else EM_OPEN) + m.group(2) + (STRONG_CLOSE if strong else EM_CLOSE)

    for line in state.lines:
        if "<" in line.text:
            line.text = _HTML_EMPHASIS.sub(swap, line.text)


def star_emphasis(state: ReadState) -> None:
    """`**Title**` → strong, `*Recalling*` → em; lone stars stay (they are note markers)."""
    for block in state.blocks:
        if "*" in block.text:
            text = _STRONG.sub(lambda m: STRONG_OPEN + m.group(1) + STRONG_CLOSE, block.text)
            block.text = _EM.sub(lambda m: EM_OPEN + m.group(1) + EM_CLOSE, text)


def unescape(state: ReadState) -> None:
    """`\\_\\_` → `__`: a converter's backslash escapes are not part of the text."""
    for block in state.blocks:
        if "\\" in block.text:
            block.text = _ESCAPE.sub(r"\1", block.text)


LINE_MARKUP_RULES = Ruler(
    "line markup",
    [
        ("heading_hashes", heading_hashes),
        ("list_dashes", list_dashes),
        ("dead_links", dead_links),
        ("html_emphasis", html_emphasis),
    ],
)
