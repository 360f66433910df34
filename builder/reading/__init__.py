"""Reading a source document: raw text or PDF in, `Document` out.

A front end turns the file into the shared intermediate — text blocks with
note markers and emphasis as tokens, "break" blocks where a page ended, note
definitions, the furniture it removed — and the shared stages (checkpoint,
masthead, joining, structure) do the rest, whatever the input form:

- text (`.txt`, `.md`, `.markdown`): stages 1–7 below;
- PDF (`.pdf`): `builder.reading.pdf`, from the page's own geometry and fonts.

The stages run in this declared order, each a `Ruler` of small named rules
(see each module's docstring for what it guarantees to the next):

1. decode: bytes to numbered lines (encodings, BOMs, line ends);
2. lines: control characters, tabs, trailing white space;
2a. extracted words: hyphens and spaces text extractors moved, put back;
2b. layout: columns and first-line indents of laid-out text (`pdftotext -layout`);
2c. front matter: a Markdown file's YAML metadata;
3. furniture: job numbers, page numbers, running headers, contents tables;
4. line markup: Markdown/HTML converter leftovers (hashes, dashes, dead links);
5. blocks: lines an extractor printed out of order put back; lines grouped into blocks; star emphasis;
6. markers: every note-marker form made one token; escapes resolved;
7. notes: note definitions taken out; plain-digit markers found;
7b. checkpoint: the source's words recorded for the conservation check;
8. masthead: metadata fields read, masthead blocks set aside;
9. joining: paragraphs cut by page breaks joined back;
10. structure: parts, headings, anchored paragraphs, notes with references.
"""

from __future__ import annotations

from pathlib import Path

from builder import conservation
from builder.errors import Diagnostics, InputError, Place
from builder.model import Document, Metadata
from builder.reading import (
    blocks,
    decode,
    extracted,
    furniture,
    joining,
    layout,
    lines,
    markers,
    markup,
    masthead,
    notes,
    order,
    structure,
)
from builder.reading.state import ReadState, Ruler


def snapshot_words(state: ReadState) -> None:
    """Record the source's words for the conservation check (see builder.conservation)."""
    texts = [b.text for b in state.blocks if b.kind == "text"] + [n.text for n in state.notes]
    state.source_words = conservation.words_in(texts)


BLOCK_RULES = Ruler(
    "blocks",
    [
        ("detached_labels", notes.detached_labels),
        ("detached_tails", order.detached_tails),
        ("group_blocks", blocks.group_blocks),
        ("star_emphasis", markup.star_emphasis),
        ("underscore_emphasis", markup.underscore_emphasis),
        ("emphasis_spacing", markup.emphasis_spacing),
        ("run_on_paragraphs", blocks.run_on_paragraphs),
        ("run_on_openings", blocks.run_on_openings),
    ],
)

# The text front end: decoded lines to the shared intermediate.
TEXT_STAGES: list[Ruler] = [
    lines.LINE_RULES,
    extracted.EXTRACTED_RULES,
    layout.LAYOUT_RULES,
    Ruler("front matter", [("front_matter", markup.front_matter)]),
    furniture.FURNITURE_RULES,
    markup.LINE_MARKUP_RULES,
    BLOCK_RULES,
    markers.MARKER_RULES,
    notes.NOTE_RULES,
]

# The stages every front end hands its intermediate to.
SHARED_STAGES: list[Ruler] = [
    Ruler("checkpoint", [("snapshot_words", snapshot_words)]),
    masthead.MASTHEAD_RULES,
    joining.JOIN_RULES,
    Ruler("structure", [("build_structure", structure.build_structure)]),
]

STAGES: list[Ruler] = TEXT_STAGES + SHARED_STAGES
PDF_SUFFIXES = {".pdf"}


def read_state(path: Path, raw: bytes, meta: Metadata, diagnostics: Diagnostics, until: str = "") -> ReadState:
    """Run the stages (every one, or up to the one named `until`) and return the state."""
    state = ReadState(diagnostics=diagnostics, meta=meta)
    if path.suffix.lower() in PDF_SUFFIXES:
        from builder.reading import pdf  # the PDF library loads only for PDF sources

        pdf.read_pdf(path, raw, state)
        stages = SHARED_STAGES
    else:
        state.lines = decode.split_lines(decode.decode(path, raw, diagnostics))
        stages = STAGES
    for stage in stages:
        stage.run(state)
        if stage.name == until:
            return state
    if until:
        raise ValueError(f"no reading stage named {until!r}")
    return state


def read_document(path: Path, raw: bytes, meta: Metadata, diagnostics: Diagnostics) -> tuple[Document, ReadState]:
    """Read one source document into the model."""
    state = read_state(path, raw, meta, diagnostics)
    if not any(p.blocks for p in state.parts):
        raise InputError(
            Place(path, state.lines[-1].number if state.lines else 0),
            "no paragraphs found: the text has a masthead but nothing after it",
            "check that the file holds the document's text, not only its cover page",
        )
    doc_notes = structure.build_notes(state, state.parts)
    return Document(meta=state.meta, parts=state.parts, notes=doc_notes), state
