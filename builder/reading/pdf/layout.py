"""Page regions: running header and footer, the text, the notes below the rule.

Guarantees to the next step: every printed line of a page is in exactly one
region of its `PageLayout` — `furniture` (running header, job number,
barcode, page number: never document text), `text` (the masthead on the
first page, then the document's own lines) or `notes` (the lines below the
short rule at the page foot, smaller than the text) — each list top to
bottom.

The regions come from the page's own geometry: the header is the top band
of lines set apart from the text (smaller, tagged as artifacts, or
repeating the symbol), the footer the same at the foot, and the notes start
at the rule that has only smaller lines below it. Hand-written: no library
segments a PDF page into these regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.reading.pdf.extract import Page, Rule
from builder.reading.pdf.lines import PrintedLine

# The bands where a running header or footer may stand, as a fraction of the
# page height (measured: headers at 28-60 pt, footers from 736 pt, of 792).
_BAND = 0.1
# Footer and header tokens: job number (`25-15106`, `23-24915*`), language
# and date of the job (`(E)`, `211025`), page number (`2/18`), barcode.
_FURNITURE_TOKEN = re.compile(r"\d{2}-\d{5}\*?|\([A-Z]\)|\d{6,7}|\d{1,3}\s*/\s*\d{1,3}|\*\d{7,8}\*")
_RECYCLE = re.compile(r"Please recycle", re.IGNORECASE)


@dataclass
class PageLayout:
    page: Page
    lines: list[PrintedLine]
    furniture: list[PrintedLine] = field(default_factory=list)
    text: list[PrintedLine] = field(default_factory=list)
    notes: list[PrintedLine] = field(default_factory=list)


def body_size(pages_lines: list[list[PrintedLine]]) -> float:
    """The document's text size: the size most of its characters are printed in."""
    weight: dict[float, int] = {}
    for lines in pages_lines:
        for line in lines:
            key = round(line.size * 2) / 2
            weight[key] = weight.get(key, 0) + len(line.plain)
    return max(weight, key=lambda s: weight[s]) if weight else 10.0


def _is_furniture_text(text: str, symbols: set[str]) -> bool:
    """A line only a printed page has: job or page number, barcode, the running symbol."""
    rest = [word for word in text.split() if not _FURNITURE_TOKEN.fullmatch(word)]
    return not rest or bool(_RECYCLE.search(text)) or " ".join(rest).rstrip("*") in symbols


def _header_like(line: PrintedLine, size: float, symbols: set[str]) -> bool:
    return (
        line.artifact
        or line.size < 0.95 * size
        or _is_furniture_text(line.plain, symbols)
        or _has_symbol(line, symbols)
    )


def _has_symbol(line: PrintedLine, symbols: set[str]) -> bool:
    return any(word.rstrip("*") in symbols for word in line.plain.split()[:1] + line.plain.split()[-1:])


def split_page(page: Page, lines: list[PrintedLine], size: float, symbols: set[str]) -> PageLayout:
    """Sort one page's lines into furniture, text and notes (see the module docstring)."""
    layout = PageLayout(page, lines)
    top_band, foot_band = page.height * _BAND, page.height * (1 - _BAND)
    start, end = 0, len(lines)
    # The footer: lines in the foot band that are furniture by tag or by form.
    while end > start and lines[end - 1].baseline >= foot_band:
        line = lines[end - 1]
        if not (line.artifact or _is_furniture_text(line.plain, symbols)):
            break
        end -= 1
    # The running header (not on the first page, whose top is the masthead).
    if page.number > 1:
        while start < end and lines[start].baseline <= top_band and _header_like(lines[start], size, symbols):
            start += 1
    layout.furniture = lines[:start] + lines[end:]
    body = lines[start:end]
    cut = _notes_start(page.rules, body, size)
    layout.text, layout.notes = body[:cut], body[cut:]
    return layout


def _notes_start(rules: list[Rule], body: list[PrintedLine], size: float) -> int:
    """Index of the first note line in `body` (len(body) if the page has no notes).

    The notes rule is a horizontal line with at least one line below it,
    and nothing below it printed as large as the text but a note's first line.
    """
    for rule in sorted(rules, key=lambda r: r.y):
        below = next((i for i, line in enumerate(body) if line.baseline > rule.y), None)
        if below is None:
            continue
        if all(line.size < 0.95 * size or line.lead_label for line in body[below:]):
            return below
    return len(body)
