"""Paragraphs from a page's text lines: vertical gaps, size changes, enumerators.

Guarantees to the next step: a page's text lines are cut into runs of lines,
one per printed paragraph (a masthead item, a heading, a paragraph); and
`join_lines` gives a run's text with lines joined by one space, a line-end
hyphen after a letter joined without one (`health-` + `care`), and emphasis
running over a line end kept as one span.

Hand-written: no library finds paragraph boundaries from PDF line geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from builder.reading import starts
from builder.reading.blocks import glue
from builder.reading.pdf.lines import PrintedLine
from builder.reading.state import EM_CLOSE, EM_OPEN

# A paragraph gap: the space between two baselines exceeds the line pitch by
# this factor (measured: 12 pt pitch, 18 pt between paragraphs).
GAP = 1.3
# A line of a size this different from the one before starts a new paragraph.
SIZE_STEP = 0.15
_EM_OVER_SPACE = re.compile(f"{EM_CLOSE} {EM_OPEN}")


def line_pitch(lines: list[PrintedLine], size: float) -> float:
    """The distance between baselines of consecutive lines of one text-size paragraph.

    The smallest step that is common (a tenth of all steps) rather than the
    most common one: tables and lists may space their lines wider.
    """
    counts: dict[float, int] = {}
    for a, b in pairwise(lines):
        if a.page == b.page and abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5:
            step = round((b.baseline - a.baseline) * 2) / 2
            if 0.8 * size <= step <= 2.5 * size:
                counts[step] = counts.get(step, 0) + 1
    total = sum(counts.values())
    common = [step for step, n in counts.items() if n >= max(2, total / 10)]
    return min(common) if common else 1.2 * size


@dataclass
class Margins:
    """Where the document's text lines start and end (the body's left and right margins)."""

    left: float
    right: float
    size: float

    @classmethod
    def of(cls, lines: list[PrintedLine], size: float) -> Margins:
        body = [line for line in lines if abs(line.size - size) < 0.5]
        if not body:
            return cls(0.0, 0.0, size)
        return cls(_mode(line.left for line in body), _mode(line.right for line in body), size)

    def goes_on(self, last: PrintedLine, first: PrintedLine | None) -> bool:
        """Does the paragraph ending a page with `last` go on with `first` on the next page?

        Yes when `last` is a full line (it reaches the right margin) and
        `first` starts at the left margin without a first-line indent, in the
        same style, and is not a numbered paragraph.
        """
        if first is None or last.bold or first.bold or abs(last.size - first.size) > 0.5:
            return False
        full = last.right >= self.right - 1.5 * self.size
        flush = abs(first.left - self.left) < 0.2 * self.size
        return full and flush and not starts.ENUMERATOR.match(first.plain)


def _mode(values) -> float:
    counts: dict[float, int] = {}
    for value in values:
        key = round(value)
        counts[key] = counts.get(key, 0) + 1
    return float(max(counts, key=lambda v: (counts[v], -v)))


def group_paragraphs(lines: list[PrintedLine], size: float, pitch: float) -> list[list[PrintedLine]]:
    """Lines to paragraphs; a table row is one, with the wrapped lines of its cells."""
    groups: list[list[PrintedLine]] = []
    columns: list[float] = []  # where the cells of the table being read start
    for line in lines:
        in_cell = _in_cell(line, size, columns, groups[-1] if groups else None) or _small_rows(
            groups[-1][-1] if groups else None, line, size
        )
        if groups and (in_cell or not _starts_paragraph(groups[-1], line, size, pitch)):
            groups[-1].append(line)
        else:
            groups.append([line])
        if line.columns and line.size <= size + 0.5:
            columns = line.columns
        elif not in_cell:
            columns = []
    return groups


def _small_rows(before: PrintedLine | None, line: PrintedLine, size: float) -> bool:
    """Two rows of a table set smaller than the text (a budget table): one paragraph."""
    return before is not None and all(x.columns and x.size < 0.95 * size for x in (before, line))


def _in_cell(line: PrintedLine, size: float, columns: list[float], group: list[PrintedLine] | None) -> bool:
    """A wrapped line of a table cell: it starts where a cell of the row above starts, and does not
    open a list item the text starts a paragraph with (`Item 1.` | `Social development:` / `(a) …`
    under the second cell, A/C.3/80/L.60: the item's list, not its wrapped title)."""
    if line.columns or not any(abs(line.left - x) < 0.5 * size for x in columns):
        return False
    return not (group and starts.numbered_start([ln.plain for ln in group], line.plain))


def _starts_paragraph(group: list[PrintedLine], line: PrintedLine, size: float, pitch: float) -> bool:
    before = group[-1]
    larger = max(before.size, line.size)
    if line.baseline - before.baseline > GAP * pitch * max(1.0, larger / size):
        return True
    if abs(line.size - before.size) > SIZE_STEP * larger:
        return True
    # The text front end's own rule, so PDF and text cannot drift apart ("(b)" of an inline list stays).
    return starts.numbered_start([ln.plain for ln in group], line.plain)


def join_lines(lines: list[PrintedLine], first: str | None = None) -> str:
    """The lines' text as one paragraph; `first` stands for the first line's text if given."""
    text = ""
    for before, line in zip([None, *lines], lines, strict=False):
        if before is None:
            text = line.text if first is None else first
        else:  # the text front end's own rule (`Secretary-` / `General`, `burden-` / `and responsibility-`)
            text += glue(before.plain, line.plain) + line.text
    return _EM_OVER_SPACE.sub(" ", text)


def paragraph_text(lines: list[PrintedLine]) -> str:
    """`join_lines`, less the emphasis of a paragraph printed wholly in italics.

    A wholly italic paragraph is a heading's or a caption's style, not
    emphasis, and the structure stage reads headings ("Article 1 Scope")
    from the paragraph's start.
    """
    text = join_lines(lines)
    inner = text[1:-1]
    if text[:1] == EM_OPEN and text[-1:] == EM_CLOSE and EM_OPEN not in inner and EM_CLOSE not in inner:
        return inner
    return text
