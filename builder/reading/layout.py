"""Layout rules: text laid out as on the page (`pdftotext -layout` and the like).

Such text keeps the page's geometry in spaces: a left margin, a first-line
indent that opens each paragraph, and columns (the masthead's "United Nations
… A/80/L.1", the footer's "2/5 … 25-20107") side by side on one line.

Guarantees to the next stage: when the text is laid out (most lines indented),
side-by-side columns are separate lines, a line indented past the margin
where the one before was not starts a paragraph (a blank line stands before
it), a blank line under a note's number printed raised on a line of its own
inside a paragraph is gone, and no line keeps its leading spaces. Other text
passes unchanged.
"""

from __future__ import annotations

import re
from collections import Counter

from builder.reading.patterns import LONE_NUMBER
from builder.reading.starts import LONE_ENUMERATOR
from builder.reading.state import Line, ReadState, Ruler

_COLUMN_GAP = re.compile(r"(?<=\S) {8,}(?=\S)")
_INDENT_STEP = 3
_MAX_FIRST_LINE_INDENT = 12  # deeper is centred or right-aligned (a heading, a date), not a first line


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _is_laid_out(lines: list[Line]) -> bool:
    """Most non-blank lines start after a margin of spaces."""
    filled = [ln.text for ln in lines if ln.text.strip()]
    return len(filled) >= 5 and sum(1 for t in filled if _indent(t) >= 4) > 0.6 * len(filled)


def _margin(lines: list[Line]) -> int:
    """The body's left margin: the most common indentation."""
    counts = Counter(_indent(ln.text) for ln in lines if ln.text.strip())
    return counts.most_common(1)[0][0] if counts else 0


def split_columns(state: ReadState) -> None:
    """`United Nations        A/80/L.1` → two lines (a gap of 8 or more spaces parts columns)."""
    if not state.laid_out:
        return
    out: list[Line] = []
    for line in state.lines:
        cells = _COLUMN_GAP.split(line.text)
        if len(cells) == 1 or LONE_ENUMERATOR.match(cells[0]):
            out.append(line)
            continue
        indent = " " * _indent(line.text)
        out.extend(Line((indent if n == 0 else "") + cell.strip(), line.number) for n, cell in enumerate(cells))
    state.lines = out


def indented_starts(state: ReadState) -> None:
    """A first-line indent opens a paragraph: a blank line goes before it."""
    if not state.laid_out:
        return
    margin = _margin(state.lines)
    out: list[Line] = []
    previous = ""
    for line in state.lines:
        indent = _indent(line.text)
        if (
            line.text.strip()
            and previous.strip()
            and margin + _INDENT_STEP <= indent <= margin + _MAX_FIRST_LINE_INDENT
            and indent > _indent(previous) + _INDENT_STEP - 1
        ):
            out.append(Line("", line.number))
        out.append(line)
        previous = line.text
    state.lines = out


def raised_markers(state: ReadState) -> None:
    """A note's number printed raised on a line of its own inside a paragraph, a blank line under it, the
    paragraph going on at the margin (`… 8 the Johannesburg` / `7` / blank / `Declaration on …`): the
    blank line is the raised number's, not a paragraph's end, and goes. (The margin is the lines' around
    it: odd and even pages set it apart.)"""
    if not state.laid_out:
        return
    lines = state.lines
    drop = {
        i + 1
        for i in range(1, len(lines) - 2)
        if LONE_NUMBER.match(lines[i].text)
        and lines[i - 1].text.strip()
        and not lines[i + 1].text.strip()
        and lines[i + 2].text.strip()
        and _indent(lines[i + 2].text) == _indent(lines[i - 1].text) < _indent(lines[i].text)
    }
    if drop:
        state.lines = [line for i, line in enumerate(lines) if i not in drop]


def dedent(state: ReadState) -> None:
    if not state.laid_out:
        return
    for line in state.lines:
        line.text = line.text.lstrip(" ")


def detect_layout(state: ReadState) -> None:
    state.laid_out = _is_laid_out(state.lines)


LAYOUT_RULES = Ruler(
    "layout",
    [
        ("detect_layout", detect_layout),
        ("split_columns", split_columns),
        ("raised_markers", raised_markers),
        ("indented_starts", indented_starts),
        ("dedent", dedent),
    ],
)
