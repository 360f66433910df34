"""The PDF front end: official-looking PDFs read into the same documents as their text.

The PDFs are made here with the shared maker (`tests/pdfmaker.py`, fpdf2): a masthead, a
preamble with italic openings, numbered paragraphs with sub-paragraphs, note markers as
smaller raised digits (one glued to a year), notes below a rule at the page foot (one with a
line that starts with a number), a running header and footer on later pages, a paragraph cut
by a page break. What is tested is what a reader of the built page sees.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from pdfmaker import Para, UNDoc, plain, write_pdf

from builder.build import read_source
from builder.errors import Diagnostics, InputError, Place
from builder.model import Metadata
from builder.reading import read_state
from builder.reading.state import marker
from builder.sources import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PDF = ROOT.parent / "shared" / "corpus-pdf"
CORPUS_TXT = ROOT.parent / "shared" / "corpus"

_LONG = " ".join(["the Assembly shall keep the question under review in all its aspects"] * 8)


def _doc(**changes) -> UNDoc:
    fields = dict(
        symbol="A/RES/99/17",
        title="Cooperation on ocean data",
        number="99/17.",
        reissued=True,
        preface=["Resolution adopted by the General Assembly on 3 December 2099"],
        blocks=[
            Para("The General Assembly,", "formula"),
            Para("*Recalling* its resolution 98/1 of 3 March 2011^1 on ocean data,", "preamble"),
            Para("*Recalling also* the Convention,^2 " + _LONG + ",", "preamble"),
            Para("*Decides* to act as follows:", "operative", "1."),
            Para("to share data openly;", "sub", "(a)"),
            Para("to publish it on time;^3", "sub", "(b)"),
            Para("*Requests* the Secretary-General " + _LONG + " " + _LONG + ";", "operative", "2."),
            Para("*Further decides* " + " ".join([_LONG] * 5) + ".", "operative", "3."),
            Para("*Also decides* to remain seized of the matter.^4", "operative", "4."),
        ],
        notes={
            "*": "Reissued for technical reasons on 9 December 2099.",
            "1": "See A/98/100.",
            "2": "United Nations, *Treaty Series*, vol. 1833, adopted on\n2 October 2015, affirming the law.",
            "3": "Ibid.",
            "4": "A/99/1.",
        },
    )
    fields.update(changes)
    return UNDoc(**fields)


def _read(path: Path):
    return read_source(Source(path, None))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "A_RES_99_17.pdf"
    rendered = write_pdf(_doc(), path)
    outcome = _read(path)
    assert outcome.error is None, outcome.error.render()
    return path, rendered, outcome


def test_the_maker_gives_what_the_tests_need(made):
    _, rendered, _ = made
    assert rendered.pages >= 2
    assert rendered.split, "a paragraph should run over a page break"
    assert rendered.note_pages["4"] == rendered.pages


def test_paragraph_ids(made):
    _, _, outcome = made
    ids = [p.anchor for p in outcome.doc.paragraphs() if p.anchor]
    assert ids == ["pp1", "pp2", "op1", "op1-a", "op1-b", "op2", "op3", "op4"]


def test_a_paragraph_cut_by_a_page_break_is_one(made):
    _, rendered, outcome = made
    by_anchor = {p.anchor: p.content.text for p in outcome.doc.paragraphs()}
    doc = _doc()
    for index in rendered.split:
        para = doc.blocks[index]
        anchor = {"2.": "op2", "3.": "op3"}.get(para.label, "pp2")
        assert by_anchor[anchor] == plain(para.text)


def test_words_and_openings(made):
    _, _, outcome = made
    paragraphs = {p.anchor: p for p in outcome.doc.paragraphs()}
    assert paragraphs["pp1"].content.text == "Recalling its resolution 98/1 of 3 March 2011 on ocean data,"
    assert paragraphs["pp1"].opening == "Recalling"
    assert paragraphs["pp2"].opening == "Recalling also"
    assert paragraphs["op1"].opening == "Decides"
    assert paragraphs["op1-a"].content.text == "to share data openly;"


def test_markers_and_notes_are_linked_both_ways(made):
    _, _, outcome = made
    notes = {n.label: n for n in outcome.doc.notes}
    assert list(notes) == ["*", "1", "2", "3", "4"]
    # The reissue's star stands after the symbol in the masthead and refers to its note from there.
    assert [r.note_id for r in outcome.doc.meta.field_refs["symbol"]] == [notes.pop("*").note_id]
    refs = {r.label: r for p in outcome.doc.paragraphs() for r in p.content.refs}
    for label, note in notes.items():
        assert note.note_id == f"fn:{label}"
        assert refs[label].note_id == note.note_id
        assert note.ref_ids == [refs[label].ref_id]
    # The marker glued to a year stands after it: "2011" is whole, the marker at its end.
    pp1 = next(p for p in outcome.doc.paragraphs() if p.anchor == "pp1")
    assert pp1.content.text[: pp1.content.refs[0].offset].endswith("March 2011")
    assert not [w for w in outcome.warnings if w.kind in ("missing-note", "unreferenced-note", "numbering")]


def test_note_text_keeps_a_line_that_starts_with_a_number(made):
    _, _, outcome = made
    note = next(n for n in outcome.doc.notes if n.label == "2")
    assert (
        note.content.text == "United Nations, Treaty Series, vol. 1833, adopted on 2 October 2015, affirming the law."
    )
    assert [s.kind for s in note.content.spans] == ["em"]
    assert [n.label for n in outcome.doc.notes].count("2") == 1


def test_masthead_and_symbol(made):
    path, _, outcome = made
    meta = outcome.doc.meta
    assert meta.symbol == "A/RES/99/17"
    # The reissue star is read as a marker, so the symbol is right and the star is no word.
    state = read_state(path, path.read_bytes(), Metadata(path), Diagnostics(path), until="checkpoint")
    assert state.blocks[0].text == "United Nations A/RES/99/17" + marker("*")
    assert meta.masthead_text[0] == "United Nations A/RES/99/17"
    assert meta.date == "1 October 2099"
    assert meta.title == "Cooperation on ocean data"
    assert meta.adopted_on == "3 December 2099"


def test_running_header_and_footer_are_furniture(made):
    path, rendered, _ = made
    state = read_state(path, path.read_bytes(), Metadata(path), Diagnostics(path))
    furniture = [line.text for line in state.furniture]
    assert "99-12345 (E) 011099" in furniture
    assert "*9912345*" in furniture
    assert f"2/{rendered.pages} 99-12345" in furniture
    assert "A/RES/99/17 Cooperation on ocean data" in furniture
    text = " ".join(b.text for b in state.blocks)
    assert "99-12345" not in text and f"2/{rendered.pages}" not in text


def test_lines_are_numbered_and_pages_known(made):
    path, rendered, _ = made
    diagnostics = Diagnostics(path)
    state = read_state(path, path.read_bytes(), Metadata(path), diagnostics, until="checkpoint")
    assert [line.number for line in state.lines] == list(range(1, len(state.lines) + 1))
    assert len(diagnostics.page_starts) == rendered.pages
    assert diagnostics.page_of(state.lines[-1].number) == rendered.pages
    assert diagnostics.page_of(1) == 1
    kinds = [b.kind for b in state.blocks]
    assert kinds.count("break") == rendered.pages


def test_a_warning_names_the_page(tmp_path):
    doc = _doc(reissued=False, notes={k: v for k, v in _doc().notes.items() if k != "*"})
    doc.blocks[-1] = Para("*Also decides* to remain seized of the matter.^4", "operative", "6.")
    path = tmp_path / "A_RES_99_18.pdf"
    rendered = write_pdf(doc, path)
    outcome = _read(path)
    assert outcome.error is None
    warnings = [w.render() for w in outcome.warnings if w.kind == "numbering"]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: page {rendered.pages}: warning [numbering]: paragraph number jumps")


def test_text_places_render_as_before():
    assert str(Place(Path("doc.txt"), 12, 3)) == "doc.txt:12:3"
    assert str(Place(Path("doc.txt"), 12)) == "doc.txt:12"
    assert str(Place(Path("doc.pdf"), 40, 0, 3)) == "doc.pdf: page 3"
    diagnostics = Diagnostics(Path("doc.txt"))
    diagnostics.warn("numbering", "a gap", 7)
    assert diagnostics.warnings[0].render() == "doc.txt:7: warning [numbering]: a gap"


def _png(width: int = 8, height: int = 8) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width * 3 for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _rejected(path: Path) -> InputError:
    outcome = _read(path)
    assert outcome.doc is None and outcome.error is not None
    assert isinstance(outcome.error, InputError)
    return outcome.error


def test_a_scan_has_no_text_layer(tmp_path):
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.image(io.BytesIO(_png()), x=72, y=72, w=468)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    error = _rejected(path)
    assert "no text layer" in error.render()
    assert "scan.pdf" in error.render()


def test_an_encrypted_pdf_is_rejected(tmp_path):
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    pdf.text(72, 100, "The General Assembly,")
    path = tmp_path / "locked.pdf"
    path.write_bytes(bytes(pdf.output()))
    error = _rejected(path)
    assert "encrypted" in error.message and "password" in error.message
    assert "locked.pdf" in error.render()


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n1 0 obj <<", b"<html>not a pdf</html>"])
def test_a_damaged_pdf_is_rejected(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    error = _rejected(path)
    assert "broken.pdf" in error.render()
    assert "PDF" in error.message


def test_a_truncated_official_shape_pdf_is_rejected(tmp_path):
    made = write_pdf(_doc(), tmp_path / "whole.pdf")
    path = tmp_path / "cut.pdf"
    path.write_bytes(made.pdf[: len(made.pdf) // 3])
    error = _rejected(path)
    assert "cut.pdf" in error.render()


# A sample of the official PDFs (../shared/corpus-pdf), read as the build reads them and
# compared with the build of the same documents' text.
SAMPLE = [
    "A_80_L.1",
    "A_80_L.9",
    "A_C.1_80_L.40",
    "A_C.2_80_L.2",
    "A_C.3_80_L.6",
    "A_C.5_80_L.2",
    "A_RES_80_1",
    "A_RES_80_103",
    "A_RES_80_180",
    "A_RES_80_56",
]


@pytest.mark.skipif(not CORPUS_PDF.is_dir(), reason="../shared/corpus-pdf is not beside the project")
@pytest.mark.parametrize("name", SAMPLE)
def test_corpus_pdf_reads_like_its_text(name):
    outcome = _read(CORPUS_PDF / f"{name}.pdf")
    assert outcome.error is None, outcome.error.render()
    bad = [w.render() for w in outcome.warnings if w.kind in ("missing-note", "unreferenced-note", "numbering")]
    assert not bad
    text = _read(CORPUS_TXT / f"{name}.txt")
    if text.doc is not None:
        assert [p.anchor for p in outcome.doc.paragraphs()] == [p.anchor for p in text.doc.paragraphs()]
        assert outcome.doc.meta.symbol == text.doc.meta.symbol


def test_a_list_under_the_second_cell_of_a_row_is_its_own_paragraphs():
    """`Item 1.` | `Social development:` then `(a) …` starting under the second cell (A/C.3/80/L.60's
    PDF): the item's list, each entry a paragraph, not wrapped lines of the row."""
    from builder.reading.pdf.lines import PrintedLine
    from builder.reading.pdf.paragraphs import group_paragraphs

    def line(baseline: float, left: float, text: str, columns=()) -> PrintedLine:
        return PrintedLine(1, baseline, left, 500.0, 10.0, text, columns=list(columns))

    lines = [
        line(480, 123, "Item 1. Social development:", [171.0]),
        line(498, 171, "(a) Implementation of the outcome of the World Summit for Social"),
        line(510, 195, "Development and of the special session;"),
        line(528, 171, "(b) Literacy for life."),
        line(546, 123, "Item 2. Crime prevention and criminal justice", [171.0]),
        line(564, 171, "and the rule of law."),  # the row's second cell, wrapped (a wider step, as in tables)
    ]
    groups = group_paragraphs(lines, 10.0, 12.0)
    assert [[ln.text for ln in group] for group in groups] == [
        ["Item 1. Social development:"],
        ["(a) Implementation of the outcome of the World Summit for Social", "Development and of the special session;"],
        ["(b) Literacy for life."],
        ["Item 2. Crime prevention and criminal justice", "and the rule of law."],  # a wrapped cell stays
    ]


def _lines(raw: bytes, tmp_path: Path) -> list[str]:
    """The printed lines of page 1 as the PDF front end reads them (marker tokens as `[n]`)."""
    from builder.reading.pdf.extract import read_pages
    from builder.reading.pdf.lines import group_lines
    from builder.reading.state import MARKER_RE

    path = tmp_path / "runs.pdf"
    path.write_bytes(raw)
    page = read_pages(path, raw)[0]
    return [MARKER_RE.sub(lambda m: f"[{m.group(1)}]", line.text) for line in group_lines(1, page.runs)]


def test_a_space_pdfium_makes_up_inside_a_word_is_dropped(tmp_path):
    """A justified line can print a word as two text objects a little apart (`investme` `nts`):
    pdfium's text then holds a space the page does not print. Closer than a word space, the
    word is one; a gap as wide as a space still parts two words."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    for n, gap in enumerate((1.0, 1.5, 2.5)):  # points, at 10 pt: a Times space is 2.5
        x = 72 + pdf.get_string_width("the investme") + gap
        pdf.text(72, 100 + 14 * n, "the investme")
        pdf.text(x, 100 + 14 * n, "nts of")
    lines = _lines(bytes(pdf.output()), tmp_path)
    assert lines == ["the investments of", "the investments of", "the investme nts of"]


def test_a_word_set_tight_after_a_marker_that_follows_punctuation_is_a_word_of_its_own(tmp_path):
    """`Human Rights,¹as well` on a tight justified line (A/RES/80/207): no space glyph after the marker and
    a gap narrower than a word space, but after a comma and a marker a word never goes on: `Rights,¹ as`."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    pdf.text(72, 100, "Human Rights,")
    x = 72 + pdf.get_string_width("Human Rights,") + 0.5
    pdf.set_font("Times", size=6.5)
    pdf.text(x, 96.5, "1")
    x += pdf.get_string_width("1") + 1.0
    pdf.set_font("Times", size=10)
    pdf.text(x, 100, "as well")
    assert _lines(bytes(pdf.output()), tmp_path) == ["Human Rights,[1] as well"]


def test_a_symbol_beside_a_larger_name_keeps_its_digits(tmp_path):
    """`United Nations` (14 pt) and the symbol (10 pt, its `8` a text object of its own) on one
    line: the `8` is small beside the name, not beside `A/RES/`, so it is the symbol's, not a
    note marker (A/RES/80/149 was read as A/RES/0/149). Markers after words stay markers."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    x = 72.0
    for text, size in (("United Nations ", 14), ("A", 20), ("/RES/", 10), ("8", 10), ("0/149", 10)):
        pdf.set_font("Times", size=size)
        pdf.text(x if text != "A" else 400, 60, text)
        x = (x if text != "A" else 400) + pdf.get_string_width(text) + 0.4
    pdf.set_font("Times", size=10)
    pdf.text(72, 100, "in a single conflict,")
    x = 72 + pdf.get_string_width("in a single conflict,") + 1
    pdf.set_font("Times", size=6.5)
    for text in ("10", ",", "11"):
        pdf.text(x, 96.5, text)
        x += pdf.get_string_width(text) + 0.3
    assert _lines(bytes(pdf.output()), tmp_path) == ["United Nations A/RES/80/149", "in a single conflict,[10][11]"]


def test_a_marker_set_after_the_word_space_keeps_the_words_apart(tmp_path):
    """`resolutions ³on` (A/RES/80/129): the marker goes to the word before, the space after it."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    pdf.text(72, 100, "all previous resolutions ")
    x = 72 + pdf.get_string_width("all previous resolutions ")
    pdf.set_font("Times", size=6.5)
    pdf.text(x + 0.5, 96.5, "3")
    x += 0.5 + pdf.get_string_width("3") + 0.5
    pdf.set_font("Times", size=10)
    pdf.text(x, 100, "on the follow-up")
    assert _lines(bytes(pdf.output()), tmp_path) == ["all previous resolutions[3] on the follow-up"]
