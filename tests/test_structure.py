"""Structures of real UN documents, on small documents written in their shapes."""

from __future__ import annotations

from conftest import read_text

from builder.render.page import render_page

SECTIONED = """United Nations A/RES/99/1

The General Assembly,

I

Enterprise resource planning project

Recalling its resolution 60/283,

1.
Takes note of the report;

2.
Endorses the conclusions;

II
Financial performance report

Recalling its resolutions 72/266 A,

1.
Takes note of the report;
"""


def test_sectioned_resolution_scopes_ids_by_section():
    doc, _ = read_text(SECTIONED)
    assert [h.anchor for h in doc.headings()] == ["sec-i", "sec-ii"]
    assert [p.anchor for p in doc.paragraphs() if p.kind != "formula"] == [
        "sec-i-pp1",
        "sec-i-op1",
        "sec-i-op2",
        "sec-ii-pp1",
        "sec-ii-op1",
    ]
    assert doc.headings()[0].content.text == "Enterprise resource planning project"


def test_unsectioned_document_keeps_plain_ids():
    doc, _ = read_text("The General Assembly,\n\nI\nA title\n\n1. Decides;\n\n2. Decides also;\n")
    assert [p.anchor for p in doc.paragraphs() if p.anchor] == ["op1", "op2"]


def test_annex_with_articles():
    text = (
        "The General Assembly,\n\n1. Adopts the Convention annexed to the present resolution;\n\n"
        "Annex\n\nConvention on Things\n\nThe States Parties to the present Convention,\n\n"
        "Have agreed as follows:\n\nArticle 1\nUse of terms\n\n1. For the purposes of this Convention;\n\n"
        "2. Other terms;\n\nArticle 2\n\nScope\n\n1. This Convention applies;\n"
    )
    doc, _ = read_text(text)
    annex = doc.parts[1]
    assert annex.prefix == "annex-" and annex.title.text == "Convention on Things"
    assert [h.anchor for h in doc.headings()] == ["annex-art-1", "annex-art-2"]
    ids = [p.anchor for p in doc.paragraphs() if p.anchor]
    assert ids == ["op1", "annex-pp1", "annex-art-1-op1", "annex-art-1-op2", "annex-art-2-op1"]


def test_numbered_paragraphs_without_blank_lines_between():
    text = (
        "The General Assembly,\n\n1. We will accelerate progress. Poverty remains the greatest\n"
        "challenge.\n2. Climate change is one of the greatest challenges of our time,\nwith adverse "
        "impacts.\n3.\nWe reaffirm the Charter;\n"
    )
    doc, _ = read_text(text)
    ops = [p for p in doc.paragraphs() if p.kind == "operative"]
    assert [p.anchor for p in ops] == ["op1", "op2", "op3"]
    assert ops[0].content.text.endswith("greatest challenge.")
    assert ops[2].content.text == "We reaffirm the Charter;"


def test_marker_glued_to_a_year():
    text = (
        "The General Assembly,\n\nRecalling the Geneva Convention of 12 August 19495 and its report of "
        "25 November 20246 on 1,200 cases,\n\n__________________\n\n5 United Nations, Treaty Series, "
        "vol. 75, No. 973.\n\n6 A/79/552.\n"
    )
    doc, _ = read_text(text)
    pp1 = doc.paragraphs()[1]
    assert "12 August 1949 and its report of 25 November 2024 on 1,200 cases" in pp1.content.text
    assert [r.ref_id for r in pp1.content.refs] == ["fnref:5", "fnref:6"]


def test_note_split_across_a_page_break_is_joined():
    text = (
        "United Nations A/RES/99/2\n\nThe General Assembly,\n\nRecalling the report,1\n\n__________________\n\n1 See Official Records "
        "of the General Assembly, Supplement\n\nA/RES/99/2\n\n2/3\n\n99-12345\n\nTaking note of the plan,"
        "\n\n__________________\n\nNo. 53 (A/80/53), chap. V.\n"
    )
    doc, _ = read_text(text)
    assert [p.anchor for p in doc.paragraphs() if p.anchor] == ["pp1", "pp2"]
    assert (
        doc.notes[0].content.text
        == "See Official Records of the General Assembly, Supplement No. 53 (A/80/53), chap. V."
    )


PACT = """The General Assembly

Adopts the following Pact:

19. We are determined to act now, and to place people at the centre of all our actions,
as set out in the Agenda.17
Action 1. We will take bold, ambitious, accelerated and transformative actions
to implement the 2030 Agenda.
20. We reaffirm that the Goals are a comprehensive set of universal Goals.
Action 2. We will place the eradication of poverty at the centre of our efforts.

__________________
17 Resolution 70/1.
"""


def test_actions_are_units_of_their_own_never_note_markers():
    doc, state = read_text(PACT)
    paragraphs = {p.anchor: p for p in doc.paragraphs()}
    assert [p.anchor for p in doc.paragraphs() if p.anchor] == ["intro1", "para19", "action1", "para20", "action2"]
    assert paragraphs["action1"].citation == "action 1"
    assert paragraphs["action1"].content.text.startswith("We will take bold")
    assert not paragraphs["action1"].content.refs
    assert [r.label for r in paragraphs["para19"].content.refs] == ["17"]
    numbering = [w.message for w in state.diagnostics.warnings if "numbering" in w.kind]
    assert numbering == ["paragraph number starts at 19 (expected 1, found 19)"], "actions leave 19, 20 in sequence"


LONG_TITLES = """The General Assembly,

I

Conditions of service of the members of the Court

1. Takes note of the report of the Secretary-General;

2. Endorses the conclusions of the Advisory Committee;

II

Conditions of service and compensation for officials, other than Secretariat
officials, serving the General Assembly: full-time members of the International
Civil Service Commission and the Chair of the Advisory Committee on
Administrative and Budgetary Questions

Recalling its resolution 35/221,

1. Takes note of the report of the Secretary-General;

2. Requests a report at its eighty-fifth session;

Annex

Rules of procedure

Rule 4 Credentials Committee

A Credentials Committee of nine members shall be appointed at the beginning of the Conference. Its
composition shall be based on that of the Credentials Committee of the General Assembly at its current
session. It shall examine the credentials of representatives and report to the Conference without delay.
"""


def test_a_section_title_of_several_lines_is_a_heading_however_long():
    doc, state = read_text(LONG_TITLES)
    headings = {h.anchor: h.content.text for h in doc.headings()}
    assert headings["sec-ii"].startswith("Conditions of service and compensation for officials")
    assert len(headings["sec-ii"]) > 250
    assert [p.anchor for p in doc.paragraphs() if p.kind == "operative"] == [
        "sec-i-op1", "sec-i-op2", "sec-ii-op1", "sec-ii-op2"
    ]  # fmt: skip
    assert not [w for w in state.diagnostics.warnings if w.kind in ("numbering", "duplicate-number")]


def test_sentences_opening_with_a_capital_a_are_no_lettered_heading():
    doc, _ = read_text(LONG_TITLES)
    assert not [h for h in doc.headings() if h.anchor.endswith("-a")]
    assert any(p.content.text.startswith("A Credentials Committee of nine") for p in doc.paragraphs())


TWO_RESOLUTIONS = """United Nations A/C.5/99/L.17

General Assembly Distr.: Limited
24 December 2099
Original: English

Ninety-ninth session
Fifth Committee
Agenda item 144
United Nations common system

Draft resolution submitted by the Chair of the Committee following informal consultations

United Nations common system

A

The General Assembly,

Recalling its resolution 44/198,

I

Conditions of service applicable to both categories of staff

1. Approves the revised scale of staff assessment;

II

Conditions of service of staff in the Professional and higher categories

A

Base/floor salary scale

1. Approves the revised base/floor salary scale;

B

Evolution of the margin

1. Reaffirms the range of 110 to 120 for the margin;

2. Notes the margin for 2099;

B

The General Assembly,

Having considered the report of the Secretary-General,

1. Takes note of the report of the Secretary-General;

2. Endorses the conclusions and recommendations of the Advisory Committee.
"""


def test_a_lettered_resolution_after_sections_is_a_heading_of_its_own():
    doc, state = read_text(TWO_RESOLUTIONS)
    assert doc.meta.title == "United Nations common system"  # not "A", and not shorn of "United Nations"
    assert [h.anchor for h in doc.headings()] == ["sec-i", "sec-ii", "sec-ii-a", "sec-ii-b", "sec-b"]
    b = [p for p in doc.paragraphs() if p.anchor.startswith("sec-b-")]
    assert [(p.anchor, p.citation) for p in b] == [
        ("sec-b-pp1", "resolution B, preambular paragraph 1"),
        ("sec-b-op1", "resolution B, operative paragraph 1"),
        ("sec-b-op2", "resolution B, operative paragraph 2"),
    ]
    assert not [w for w in state.diagnostics.warnings if w.kind in ("numbering", "duplicate-number")]
    assert "\n## B\\. {#sec-b}\n" in render_page(doc)  # a heading with no title of its own: its letter alone
