"""A document's identity: where its symbol comes from, which files are documents, which form is read.

A page under another document's symbol is worse than no page: the symbol comes
from the metadata file, the masthead, or a file name that spells a symbol, and
never from a symbol the body cites.
"""

from __future__ import annotations

from pathlib import Path

from pdfmaker import Para, UNDoc, write_pdf

from builder.build import BuildResult, read_one
from builder.sources import discover, page_path

STATEMENT = (
    "At the 9999th meeting of the Security Council, held on 5 May 2099, the President of the Security Council "
    "made the following statement on behalf of the Council:\n\n"
    '"The Security Council recalls its resolutions 9990 (2098) and 9995 (2098) and the statement of its '
    'President S/PRST/2098/3.\n\n"The Security Council welcomes the report of the Secretary-General (S/2099/123).\n'
)
MASTHEAD = (
    "United Nations A/C.3/99/L.9\n\nGeneral Assembly\n\nDistr.: Limited\n1 October 2099\n\n"
    "Ninety-ninth session\nThird Committee\nAgenda item 1\n\nXland: draft resolution\n\nA title\n\n"
    "The General Assembly,\n\nRecalling its resolution 98/1 (A/98/L.5),\n\n1. Decides to act.\n"
)


def read(folder: Path, name: str, text: str, meta: str | None = None):
    (folder / name).write_text(text, encoding="utf-8")
    if meta is not None:
        (folder / name).with_suffix(".yml").write_text(meta, encoding="utf-8")
    result = BuildResult()
    (source,) = [s for s in discover(folder) if s.path.name == name]
    read = read_one(source, result)
    assert read is not None, [e.render() for e in result.errors]
    return read[0], [w.render() for w in result.warnings]


def test_a_body_citing_symbols_is_published_at_a_slug(tmp_path):
    doc, _ = read(tmp_path, "statement.txt", STATEMENT)
    assert doc.meta.symbol == ""
    assert page_path(doc.meta) == "statement.md"
    assert [p.anchor for p in doc.paragraphs()] == ["intro1", "intro2", "intro3"]


def test_a_file_name_that_spells_a_symbol_gives_it(tmp_path):
    doc, _ = read(tmp_path, "S_PRST_2099_1.txt", STATEMENT)
    assert doc.meta.symbol == "S/PRST/2099/1"


def test_the_masthead_wins_over_the_file_name_and_the_metadata_over_both(tmp_path):
    doc, _ = read(tmp_path, "A_C.3_99_L.8.txt", MASTHEAD)
    assert doc.meta.symbol == "A/C.3/99/L.9"
    other = tmp_path / "other"
    other.mkdir()
    doc, _ = read(other, "draft.txt", MASTHEAD, meta="symbol: A/C.3/99/L.9/Rev.1\n")
    assert doc.meta.symbol == "A/C.3/99/L.9/Rev.1"


def test_front_matter_is_metadata_and_the_metadata_file_wins(tmp_path):
    text = "---\nsymbol: A/RES/99/3\ntitle: From the front matter\n---\n\n" + MASTHEAD.split("\n\nThe General", 1)[1]
    doc, _ = read(tmp_path, "res.md", text)
    assert (doc.meta.symbol, doc.meta.title) == ("A/RES/99/3", "From the front matter")
    assert "front matter" not in " ".join(p.content.text for p in doc.paragraphs())
    other = tmp_path / "other"
    other.mkdir()
    doc, _ = read(other, "res.md", text, meta="title: From the metadata file\n")
    assert (doc.meta.symbol, doc.meta.title) == ("A/RES/99/3", "From the metadata file")


def test_a_folder_notes_are_not_documents_and_a_pdf_beats_its_text(tmp_path):
    (tmp_path / "README.md").write_text("# About these files\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "A_RES_99_1.txt").write_text(MASTHEAD, encoding="utf-8")
    blocks = [Para("The General Assembly,", "formula"), Para("Decides to act.", "operative", "1.")]
    write_pdf(UNDoc(symbol="A/RES/99/1", title="A title", blocks=blocks), tmp_path / "A_RES_99_1.pdf")
    (source,) = discover(tmp_path)
    assert source.path.name == "A_RES_99_1.pdf"
    assert [p.name for p in source.set_aside] == ["A_RES_99_1.txt"]
    result = BuildResult()
    assert read_one(source, result) is not None
    assert any("A_RES_99_1.txt is another form of this document" in w.render() for w in result.warnings)
