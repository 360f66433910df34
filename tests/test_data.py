"""Open data (issue 18): document.json against its schema, the ids contract with the data,
the corpus downloads (documents.json, paragraphs.csv, documents.zip), byte-identical rebuilds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, SOURCES, corpus_files, read_text
from invented_resolution import resolution

from builder.build import build
from builder.data.document import KINDS, document_data
from builder.data.files import data_files
from builder.data.ids import eids
from builder.linking.corpus import link_corpus
from builder.linking.instruments import load_registry
from builder.mandates import document_mandates
from builder.model import Metadata

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).parent.parent / "builder/data/document.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

RESOLUTION = resolution('Cooperation on data, with "quotes", commas; and a semicolon')


def validate(data: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


@pytest.fixture(scope="module")
def resolution():
    doc, _ = read_text(RESOLUTION, "A_RES_99_7.txt", Metadata(Path("A_RES_99_7.txt")))
    doc.path = "A/RES/99/7.md"
    link_corpus([doc], load_registry(SOURCES / "instruments.yml"))
    return doc


def test_every_seed_document_json_validates(linked):
    assert len(linked.documents) == 5
    for doc in linked.documents:
        data = json.loads(linked.data[doc.path.removesuffix(".md") + "/document.json"])
        assert validate(data) == [], doc.path


def test_the_paragraphs_are_the_page_s_paragraphs_in_reading_order(linked):
    for doc in linked.documents:
        data = json.loads(linked.data[doc.path.removesuffix(".md") + "/document.json"])
        listed = [p["id"] for p in data["paragraphs"] if p["kind"] != "heading"]
        assert listed == [p.anchor for p in doc.paragraphs()]
        page = linked.pages[doc.path]
        for p in data["paragraphs"]:
            if p["id"]:
                assert f'id="{p["id"]}"' in page or f"{{#{p['id']}}}" in page, (doc.path, p["id"])


def test_the_contract_with_issues_19_and_21(linked):
    """document.json carries what the comparison (19) and the mandates (21) read."""
    doc = next(d for d in linked.documents if d.meta.symbol == "A/C.3/61/L.7/Rev.1")
    data = json.loads(linked.data["A/C.3/61/L.7/Rev.1/document.json"])
    assert data["symbol"] == "A/C.3/61/L.7/Rev.1" and data["title"] == doc.meta.title
    assert data["date"] == "19 October 2006" and data["date_iso"] == "2006-10-19"
    assert data["url"] == "A/C.3/61/L.7/Rev.1/"
    op5 = next(p for p in data["paragraphs"] if p["id"] == "op5")
    assert op5["kind"] == "operative" and op5["number"] == "5" and op5["part"] == "main"
    assert op5["text"] == next(p.content.text for p in doc.paragraphs() if p.anchor == "op5")
    assert validate(data | {"mandates": [{"id": "m1"}]}) == []  # a key another stage adds is allowed


def test_kinds_numbers_eids_and_annotations(resolution):
    data = document_data(resolution)
    assert validate(data) == []
    by_id = {p["id"]: p for p in data["paragraphs"]}
    assert [by_id[i]["kind"] for i in ("pp1", "pp2", "op1", "op2", "op2-a", "op2-b-i")] == [
        "preambular", "preambular", "operative", "operative", "sub-paragraph", "sub-paragraph",
    ]  # fmt: skip
    assert by_id["op2-b"]["eid"] == "para_2__subpara_b" and by_id["op2-b"]["parent"] == "op2"
    assert by_id["op2-b-i"]["eid"] == "para_2__subpara_b__subpara_i"
    assert by_id["pp2"]["eid"] == "preamble__container_2" and by_id["pp1"]["opening"] == "Recalling"
    assert by_id["op2"]["number"] == "2" and by_id["op2"]["label"] == "2."
    # Emphasis and note references are offsets into the plain text.
    em = next(a for a in by_id["op2-a"]["annotations"] if a["type"] == "emphasis")
    assert by_id["op2-a"]["text"][em["start"] : em["end"]] == "implementation" and em["style"] == "italic"
    note = next(a for a in by_id["op1"]["annotations"] if a["type"] == "note")
    assert note["start"] == note["end"] == len(by_id["op1"]["text"]) and note["note"] == "fn:1"
    # The note lists both references, each with the paragraph it is in.
    assert data["notes"][0]["references"] == [{"ref": "fnref:1", "in": "pp1"}, {"ref": "fnref2:1", "in": "op1"}]
    # A citation of another resolution: a document annotation, and in `cites`.
    ref = next(a for a in by_id["pp1"]["annotations"] if a["type"] == "document")
    assert by_id["pp1"]["text"][ref["start"] : ref["end"]] == "98/5" and ref["symbol"] == "A/RES/98/5"
    assert ref["url"] == "https://undocs.org/A/RES/98/5" and not ref["in_corpus"]
    assert {
        "symbol": "A/RES/98/5",
        "in_corpus": False,
        "url": "https://undocs.org/A/RES/98/5",
        "from": ["pp1"],
    } in data["cites"]
    assert set(KINDS.values()) | {"heading"} == set(SCHEMA["$defs"]["paragraph"]["properties"]["kind"]["enum"])


def test_annotation_offsets_are_inside_the_text(linked):
    for path, content in linked.data.items():
        if not path.endswith("document.json"):
            continue
        data = json.loads(content)
        for item in data["paragraphs"] + data["notes"]:
            for a in item["annotations"]:
                assert 0 <= a["start"] <= a["end"] <= len(item["text"]), (path, item["id"], a)
                if a["type"] in ("document", "instrument"):
                    assert a["end"] > a["start"]


def test_cited_by_and_instruments_come_from_the_linking(linked):
    data = json.loads(linked.data["ga-58-note-ecosoc-2003-20/document.json"])
    citing = {(c["document"], c["paragraph"]) for c in data["cited_by"]}
    assert ("A/C.3/61/L.7/Rev.1", "pp1") in citing
    places = linked.links.cited_by["ga-58-note-ecosoc-2003-20.md"]
    assert len(data["cited_by"]) == len(places)
    instruments = {i["id"]: i["paragraphs"] for i in data["instruments"]}
    assert set(instruments) == set(
        i for i, by_page in linked.links.mentions.items() if "ga-58-note-ecosoc-2003-20.md" in by_page
    )
    assert "op4" in instruments["trafficking-in-persons-protocol"]


def test_eids_are_unique_and_never_look_like_page_ids(linked):
    for doc in linked.documents:
        mapping = eids(doc)
        assert len(set(mapping.values())) == len(mapping), doc.path
        assert all("_" in eid for eid in mapping.values()) and not any("_" in a for a in mapping)


def test_documents_json_rows(linked):
    rows = json.loads(linked.data["data/documents.json"])
    assert [r["url"] for r in rows] == [d.path.removesuffix(".md") + "/" for d in linked.documents]
    row = next(r for r in rows if r["symbol"] == "A/C.3/61/L.7/Rev.1")
    assert row["json"] == "A/C.3/61/L.7/Rev.1/document.json" and row["akn"] == "A/C.3/61/L.7/Rev.1/akn.xml"
    assert row["source"] == "A/C.3/61/L.7/Rev.1/source.txt" and row["body"] == "General Assembly"
    for r in rows:
        for key in ("json", "akn", "source"):
            assert r[key] in linked.data, r[key]


def test_paragraphs_csv_opens_as_a_spreadsheet_would_read_it(linked, resolution):
    raw = linked.data["data/paragraphs.csv"]
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 BOM, RFC 4180 line ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["symbol", "page", "id", "eid", "kind", "number", "part", "text"]
    expected = sum(
        len(json.loads(linked.data[r]).get("paragraphs")) for r in linked.data if r.endswith("document.json")
    )
    assert len(rows) - 1 == expected
    # Quotes, commas, semicolons and line breaks survive the round trip.
    from builder.data.corpus import paragraph_rows, paragraphs_csv

    data = document_data(resolution)
    data["paragraphs"][0]["text"] = 'He said "yes", then; left\nand came back'
    back = list(csv.DictReader(io.StringIO(paragraphs_csv([paragraph_rows(data)]).decode("utf-8-sig"), newline="")))
    assert back[0]["text"] == 'He said "yes", then; left\nand came back'
    assert [r["id"] for r in back] == [p["id"] for p in data["paragraphs"]]


def test_the_archive_holds_every_document_json_deterministically(linked):
    archive = zipfile.ZipFile(io.BytesIO(linked.data["data/documents.zip"]))
    names = archive.namelist()
    assert names == sorted(names) == sorted(p for p in linked.data if p.endswith("/document.json"))
    for info in archive.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.compress_type == zipfile.ZIP_DEFLATED
        assert archive.read(info) == linked.data[info.filename]


def test_a_rebuild_gives_the_same_bytes(linked):
    mandates = {d.path: document_mandates(d, linked.mandates[d.path]) for d in linked.documents}
    again = data_files(linked.documents, linked.links, {d.path: t for d, t in _titles(linked)}, mandates)
    assert again.keys() == linked.data.keys()
    assert [k for k in again if again[k] != linked.data[k]] == []


def _titles(result):
    from builder.render.page import cite_name

    return [(d, cite_name(d)) for d in result.documents]


def test_the_files_are_written_beside_the_page(tmp_path):
    result = build(SOURCES, tmp_path / "build")
    docs = tmp_path / "build/docs"
    for doc in result.documents:
        folder = docs / doc.path.removesuffix(".md")
        assert (folder / "document.json").is_file() and (folder / "akn.xml").is_file()
        assert (folder / "source.txt").read_bytes() == doc.meta.source.read_bytes()
    assert (docs / "data/document.schema.json").read_bytes() == json.dumps(
        SCHEMA, indent=2, ensure_ascii=False
    ).encode() + b"\n"
    page = (docs / "data/index.md").read_text(encoding="utf-8")
    for name in ("documents.json", "paragraphs.csv", "documents.zip", "document.schema.json"):
        assert f"[{name}]({name})" in page
    nav = (tmp_path / "build/mkdocs.yml").read_text(encoding="utf-8")  # the engine config, nav included
    assert "Open data: data/index.md" in nav


# A sample of the corpus in `make test` (every 40th document, 30; ~15 s); all of it: `make data-check`.
SAMPLE = corpus_files(40)


@pytest.fixture(scope="module")
def corpus_sample(tmp_path_factory):
    if not SAMPLE:
        pytest.skip("the corpus (../shared/corpus) is not here")
    src = tmp_path_factory.mktemp("sample-src")
    for path in SAMPLE:
        (src / path.name).symlink_to(path)
        meta = path.with_suffix(".yml")
        if meta.exists():
            (src / meta.name).symlink_to(meta)
    instruments = CORPUS / "instruments.yml"
    result = build(src, tmp_path_factory.mktemp("sample"), keep_going=True,
                   instruments=instruments if instruments.exists() else SOURCES / "instruments.yml")  # fmt: skip
    return result


def test_a_corpus_sample_validates(corpus_sample):
    """document.json against its schema, akn.xml against the Akoma Ntoso 3.0 XSD (strict)."""
    from lxml import etree

    from benchmarks.data_bench import validators

    _, xsd = validators()
    assert len(corpus_sample.documents) >= len(SAMPLE) - 2
    for doc in corpus_sample.documents:
        folder = doc.path.removesuffix(".md")
        data = json.loads(corpus_sample.data[folder + "/document.json"])
        assert validate(data) == [], doc.path
        assert xsd(etree.fromstring(corpus_sample.data[folder + "/akn.xml"])), (doc.path, str(xsd.error_log))
        assert [p["id"] for p in data["paragraphs"] if p["kind"] != "heading"] == [p.anchor for p in doc.paragraphs()]


def test_the_menu_names_each_file_and_follows_the_source_and_the_date(resolution):
    from builder.data.menu import download_menu_html
    from builder.data.paths import data_urls

    html = download_menu_html(resolution)
    assert 'href="document.json" download="A_RES_99_7.json"' in html
    assert 'href="akn.xml" download="A_RES_99_7.akn.xml"' in html
    assert 'href="source.txt" download="A_RES_99_7.txt"' in html and "Source (text)" in html
    assert 'class="unp-official" href="https://undocs.org/A/RES/99/7"' in html
    from dataclasses import replace

    pdf = replace(resolution, meta=replace(resolution.meta, source=Path("A_RES_99_7.pdf")))
    assert 'href="source.pdf" download="A_RES_99_7.pdf"' in download_menu_html(pdf)
    # Without a full date there is no FRBR identity, so no Akoma Ntoso file: the menu and the data say so.
    undated = replace(resolution, meta=replace(resolution.meta, date="2099"))
    assert "akn.xml" not in download_menu_html(undated) and data_urls(undated)["akn"] is None
    assert document_data(undated)["date_iso"] is None and validate(document_data(undated)) == []


def test_an_asterism_is_in_the_data_as_the_paragraph_it_follows():
    from test_reading_faithful import ASTERISM

    doc, _ = read_text(ASTERISM, "A_RES_99_8.txt", Metadata(Path("A_RES_99_8.txt")))
    doc.path = "A/RES/99/8.md"
    link_corpus([doc], load_registry(SOURCES / "instruments.yml"))
    data = document_data(doc)
    assert validate(data) == []
    assert [p["id"] for p in data["paragraphs"] if p.get("divided")] == ["pp2"]
    assert all(p.get("divided", True) is True for p in data["paragraphs"])
