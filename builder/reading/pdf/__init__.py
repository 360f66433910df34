"""The PDF front end: an official PDF to the shared reading intermediate.

`read_pdf` fills what the text front end's stages 1–7 give the shared
stages (see `builder.reading`), from the pages' geometry and fonts rather
than from extracted text:

- `state.lines`: every printed line, numbered 1, 2, ... through the
  document, top to bottom, page after page (furniture and notes included);
  `state.diagnostics` learns which page each number is on, so warnings say
  `page N`;
- `state.blocks`: one "text" block per printed paragraph in reading order —
  on the first page the masthead items too — with note markers as
  `marker(label)` tokens and italics as EM tokens, and a "break" block at
  the end of every page (where its notes and footer were) for the joining
  stage;
- `state.notes`: each note at a page foot, in order, a note continued on
  the next page joined back, `position` the index of its page's break block;
- `state.furniture`: every running header, footer, job number, barcode and
  page number line taken out.

The steps, one module each: `extract` (pdfium objects to runs), `lines`
(runs to printed lines), `layout` (page regions), `paragraphs` (lines to
paragraphs), `footnotes` (note lines to notes).
"""

from __future__ import annotations

import re
from pathlib import Path

from builder.reading.pdf.extract import read_pages
from builder.reading.pdf.footnotes import PendingNote, split_notes
from builder.reading.pdf.layout import PageLayout, body_size, split_page
from builder.reading.pdf.lines import PrintedLine, group_lines
from builder.reading.pdf.paragraphs import Margins, group_paragraphs, join_lines, line_pitch, paragraph_text
from builder.reading.state import Block, Line, NoteDef, ReadState

_SYMBOL = re.compile(r"^[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9][A-Za-z0-9.\-]*){2,}$")


def read_pdf(path: Path, raw: bytes, state: ReadState) -> None:
    """Fill `state` from the PDF in `raw` (see the module docstring); `InputError` if unreadable."""
    pages = read_pages(path, raw)
    page_lines = [group_lines(page.number, page.runs) for page in pages]
    _number_lines(state, page_lines)
    size = body_size(page_lines)
    symbols = _symbols(page_lines[0], size)
    layouts = [split_page(page, lines, size, symbols) for page, lines in zip(pages, page_lines, strict=True)]
    text_lines = [line for layout in layouts for line in layout.text]
    pitch = line_pitch(text_lines, size)
    margins = Margins.of(text_lines, size)
    pending: list[PendingNote] = []
    carried: list[PrintedLine] = []  # the end of a paragraph that goes on over the page
    for layout in layouts:
        state.furniture.extend(Line(line.plain, line.number) for line in layout.furniture)
        first_new = len(pending)
        orphans = split_notes(layout.notes, pending)
        groups = group_paragraphs(layout.text + orphans, size, pitch)
        if carried and groups:
            groups[0] = carried + groups[0]
            state.blocks.insert(len(state.blocks) - 1, _text_block(groups.pop(0)))
        carried = []
        if groups and layout is not layouts[-1] and margins.goes_on(groups[-1][-1], _first_text_line(layouts, layout)):
            carried = groups.pop()
        state.blocks.extend(_text_block(group) for group in groups)
        for note in pending[first_new:]:
            note.position = len(state.blocks)
        state.blocks.append(Block("", _break_line(layout), "break"))
    if carried:
        state.blocks.insert(len(state.blocks) - 1, _text_block(carried))
    state.notes = [_note_def(note) for note in pending]


def _text_block(group: list[PrintedLine]) -> Block:
    return Block(paragraph_text(group), group[0].number, "text", group[0].first_cell)


def _first_text_line(layouts: list[PageLayout], layout: PageLayout) -> PrintedLine | None:
    following = layouts[layouts.index(layout) + 1]
    return following.text[0] if following.text else None


def _note_def(note: PendingNote) -> NoteDef:
    """The note's text: its lines joined, less the label the first one starts with."""
    return NoteDef(note.label, join_lines(note.lines, note.first_text), note.lines[0].number, note.position)


def _break_line(layout: PageLayout) -> int:
    lines = layout.notes or layout.furniture[-1:] or layout.lines[-1:]
    return lines[0].number if lines else 0


def _number_lines(state: ReadState, page_lines: list[list[PrintedLine]]) -> None:
    number = 0
    starts = []
    for lines in page_lines:
        starts.append(number + 1)
        for line in lines:
            number += 1
            line.number = number
            state.lines.append(Line(line.plain, number))
    state.diagnostics.page_starts = starts


def _symbols(first_page: list[PrintedLine], size: float) -> set[str]:
    """The document symbols the first page prints (the running header repeats them)."""
    words = {w.rstrip("*") for line in first_page[:12] for w in line.plain.split()}
    return {w for w in words if _SYMBOL.match(w)}
