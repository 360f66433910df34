"""The reader on each of the five source documents: what a reader of the page gets."""

from __future__ import annotations

from collections import Counter

import pytest

EXPECTED = {
    # prefix: (preambular, operative, numbered report paragraphs, sub-paragraphs, note labels)
    "000": (16, 17, 0, 14, ["1", "2", "3", "4", "5", "6", "7", "8"]),
    "001": (25, 15, 0, 0, ["5", "1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "12", "13", "14"]),
    "002": (11, 19, 0, 0, ["1", "2", "3", "4", "5", "6", "7"]),
    "003": (7, 13, 0, 0, ["1", "2", "3", "4", "5"]),
    "004": (0, 0, 27, 14, ["*", "**", "***", "1"]),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_paragraph_and_note_counts(seeds, prefix):
    doc = seeds[prefix]
    kinds = Counter(p.kind for p in doc.paragraphs())
    preamble, operative, para, sub, labels = EXPECTED[prefix]
    assert (kinds["preamble"], kinds["operative"], kinds["para"], kinds["sub"]) == (preamble, operative, para, sub)
    assert [n.label for n in doc.notes] == labels


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_ids_follow_the_documents_numbering(seeds, prefix):
    doc = seeds[prefix]
    ids = [p.anchor for p in doc.paragraphs() if p.kind in ("preamble", "operative", "para")]
    preamble, operative, para, _, _ = EXPECTED[prefix]
    assert ids == (
        [f"pp{i}" for i in range(1, preamble + 1)]
        + [f"op{i}" for i in range(1, operative + 1)]
        + [f"para{i}" for i in range(1, para + 1)]
    )
    everything = [p.anchor for p in doc.paragraphs() if p.anchor] + [h.anchor for h in doc.headings()]
    assert len(everything) == len(set(everything)), "ids are unique on a page"


def test_sub_paragraphs_nest_under_their_paragraph(seeds):
    doc = seeds["000"]
    subs = [p.anchor for p in doc.paragraphs() if p.kind == "sub"]
    assert subs == [
        "op2-a", "op2-b", "op2-c", "op4-a", "op4-b", "op4-c",
        "op5-a", "op5-b", "op5-b-i", "op5-b-ii", "op6-a", "op6-b", "op6-c", "op6-d",
    ]  # fmt: skip
    op5 = next(p for p in doc.paragraphs() if p.anchor == "op5")
    assert [c.anchor for c in op5.children] == ["op5-a", "op5-b"]
    assert [c.anchor for c in op5.children[1].children] == ["op5-b-i", "op5-b-ii"]
    assert op5.children[1].children[1].citation == "operative paragraph 5 (b) (ii)"


def test_report_sections_and_sub_paragraphs(seeds):
    doc = seeds["004"]
    assert [h.anchor for h in doc.headings()] == [
        "sec-i", "sec-ii", "sec-iii", "sec-iii-a", "sec-iii-b", "sec-iii-c", "sec-iii-d", "sec-iii-e",
        "sec-iv", "sec-iv-a", "sec-iv-b", "sec-iv-c", "sec-v",
    ]  # fmt: skip
    para4 = next(p for p in doc.paragraphs() if p.anchor == "para4")
    assert [c.number for c in para4.children] == list("abcdef")
    assert "contents" not in " ".join(p.content.text.lower() for p in doc.paragraphs()[:3])


def _para(doc, anchor):
    return next(p for p in doc.paragraphs() if p.anchor == anchor)


@pytest.mark.parametrize(
    ("prefix", "anchor", "joined"),
    [
        ("000", "pp15", "to create awareness among civil society concerning the seriousness of the crime"),
        ("001", "op3", "of the International Labour Organization, and also urges States parties"),
        ("001", "op9", "and invites Member States to provide voluntary contributions"),
        ("002", "op3", "supplementing the United Nations Convention against Transnational Organized Crime,"),
        ("002", "op11", "with other international organizations to enhance cooperation"),
        ("003", "pp5", "Governments and intergovernmental and non-governmental organizations"),
        ("003", "op5", "including survivors of the crime of trafficking in persons"),
        ("004", "para15", "Investigation methods that do not require the involvement"),
        ("004", "para19", "for (male) peacekeepers (the military"),
    ],
)
def test_paragraph_split_by_page_break_and_notes_is_joined(seeds, prefix, anchor, joined):
    assert joined in _para(seeds[prefix], anchor).content.text


def test_footnote_references_every_place_that_cites(seeds):
    doc = seeds["000"]
    refs = {n.label: n.ref_ids for n in doc.notes}
    assert refs["4"] == ["fnref:4", "fnref2:4"]
    assert refs["6"] == ["fnref:6", "fnref2:6"]
    op4 = _para(doc, "op4")
    assert [r.label for r in op4.content.refs] == ["6", "7", "4"]
    assert op4.content.text[: op4.content.refs[0].offset].endswith("Transnational Organized Crime,")


@pytest.mark.parametrize(
    ("prefix", "label", "text"),
    [
        ("001", "5", "Resolutions 55/67, 58/137, 59/166, 61/144, 61/180, 63/156 and 63/194."),  # mangled <sup>
        ("001", "11", "See CTOC/COP/2012/__."),  # escaped \_
        ("002", "6", "A/HRC/Sub.1/58/25 and A/HRC/Sub.1/58/L.9."),  # $^{6}\ …$
        ("003", "4", "General Assembly resolution 64/293."),  # dead link [64/293](#)
        ("004", "***", "The footnote required in accordance with paragraph 8"),
        ("004", "1", "Report of the Fourth World Conference on Women"),  # under a final "Notes" heading
    ],
)
def test_note_text_in_every_encoding(seeds, prefix, label, text):
    note = next(n for n in seeds[prefix].notes if n.label == label)
    assert note.content.text.startswith(text)


def test_star_markers_in_the_masthead_and_bold_is_not_a_marker(seeds):
    doc = seeds["004"]
    refs = {name: [r.label for r in refs] for name, refs in doc.meta.field_refs.items()}
    assert refs == {"agenda_item": ["**"], "document_type": ["***"]}
    assert doc.meta.agenda_title == "Thematic discussion on trafficking in human beings, especially women and children"
    assert next(n for n in doc.notes if n.label == "**").ref_ids == ["fnref:star2"]


def test_metadata_from_the_masthead_and_the_yaml_file(seeds):
    m = seeds["002"].meta
    assert (m.symbol, m.body, m.committee, m.session, m.agenda_item) == (
        "A/C.3/61/L.7/Rev.1",
        "General Assembly",
        "Third Committee",
        "Sixty-first",
        "98",
    )
    assert m.date == "19 October 2006"
    assert m.title == "Improving the coordination of efforts against trafficking in persons"
    assert len(m.sponsors) == 21 and m.sponsors[0] == "Angola" and m.sponsors[-1] == "Viet Nam"
    assert m.adopted_as == "General Assembly resolution 61/180"
    assert seeds["002"].path == "A/C.3/61/L.7/Rev.1.md"
    note = seeds["000"].meta
    assert note.document_type == "Note by the Secretariat" and note.symbol == ""
    assert seeds["000"].path == "ga-58-note-ecosoc-2003-20.md"
    assert seeds["003"].meta.body == "Economic and Social Council"
    assert seeds["003"].meta.sponsors == ["Colombia", "Philippines"]


@pytest.mark.parametrize(
    ("prefix", "anchor", "opening"),
    [
        ("000", "pp4", "Recalling also"),
        ("000", "op2", "Calls upon"),
        ("001", "op9", "Reiterates its request"),
        ("002", "pp2", "Also recalling"),
        ("002", "op4", "Also urges"),
        ("003", "pp6", "Drawing attention"),
    ],
)
def test_opening_phrase(seeds, prefix, anchor, opening):
    assert _para(seeds[prefix], anchor).opening == opening


def test_quoted_draft_keeps_its_quotation_marks(seeds):
    doc = seeds["000"]
    assert _para(doc, "op1").label == "“1."
    assert _para(doc, "op17").content.text.endswith("implementation of the present resolution.”")
    assert _para(doc, "intro1").content.text.startswith("By its resolution 2003/20")
