"""Faithful reading of the raw PDF text: numbered paragraphs run 1..N in each part, every note
is tied to its marker, and what the source itself gets wrong stays a precise warning.

Each test reads invented text shaped like the corpus documents named in its docstring."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_text

from builder.model import Document, Heading


def _anchors(doc: Document) -> list[str]:
    return [p.anchor for p in doc.paragraphs() if p.anchor]


def _kinds(state) -> list[str]:
    return [w.kind for w in state.diagnostics.warnings]


# An annex numbered 1..N across its sections beside an annex of rules whose numbering starts
# again under each section (shaped like A/RES/78/128, annexes II and III).
TWO_ANNEXES = """The General Assembly,

Recalling its resolution 70/1,

1. Decides to convene the Conference;

2. Adopts the organization of work and the rules of procedure annexed to the present resolution.

Annex I

Organization of work

1.
The Conference will be held in Nice.

I.
Organization of work

A.
Plenary meetings

2.
The Conference will consist of ten plenary meetings.

B.
Panels

3. The Conference will include ten panels.

Annex II

Rules of procedure

I.
Representation

1. The delegation of each State shall consist of a head of delegation.

2. The head of delegation may designate an alternate.

II.
Officers

1. The Conference shall elect two Presidents.

2. The Presidents shall take turns in presiding.
"""


def test_each_annex_has_its_own_restart_level():
    """Annex I numbers its paragraphs across its sections: `annex-para2`, not `annex-sec-i-para2`,
    though annex II starts its numbering again under each section."""
    doc, state = read_text(TWO_ANNEXES)
    anchors = _anchors(doc)
    assert [a for a in anchors if a.startswith("annex-para")] == ["annex-para1", "annex-para2", "annex-para3"]
    assert "annex2-sec-i-para1" in anchors and "annex2-sec-ii-para2" in anchors
    assert "numbering" not in _kinds(state) and "duplicate-number" not in _kinds(state)


def test_one_part_scoped_by_section_leaves_the_text_before_the_annexes_alone():
    doc, _ = read_text(TWO_ANNEXES)
    assert "op1" in _anchors(doc) and "op2" in _anchors(doc)


# Rules of procedure, each a heading "Rule N Title" with its own paragraphs 1, 2, ... (shaped
# like A/RES/78/327, annex III, lines 880–1000).
RULES = """The General Assembly,

1. Adopts the rules of procedure annexed to the present resolution.

Annex

Rules of procedure

I.
Officers

Rule 6
Elections

The Conference shall elect from among the representatives of participating States the
following officers: two Presidents.

Rule 7
General powers of the presiding President

1.
The Presidents shall take turns in presiding at the plenary meetings of the
Conference.
2.
The presiding President remains under the authority of the Conference.

Rule 8
Acting President

1.
If both Presidents are absent, they may designate a Vice-President to preside.
2.
A Vice-President acting as President shall have the same powers.
"""


def test_rules_of_procedure_are_headings_that_scope_their_paragraphs():
    doc, state = read_text(RULES)
    headings = [b for part in doc.parts for b in part.blocks if isinstance(b, Heading)]
    assert [h.anchor for h in headings] == ["annex-sec-i", "annex-rule-6", "annex-rule-7", "annex-rule-8"]
    assert headings[2].content.text == "General powers of the presiding President"
    anchors = _anchors(doc)
    assert [a for a in anchors if "-para" in a] == [
        "annex-rule-7-para1",
        "annex-rule-7-para2",
        "annex-rule-8-para1",
        "annex-rule-8-para2",
    ]
    cites = {p.anchor: p.citation for p in doc.paragraphs() if p.anchor}
    assert cites["annex-rule-8-para2"] == "annex, rule 8, paragraph 2"
    assert "duplicate-number" not in _kinds(state) and "numbering" not in _kinds(state)


def test_a_sentence_opening_with_a_rule_is_not_a_heading():
    doc, _ = read_text(
        "The General Assembly,\n\n1. Recalls its rules of procedure;\n\n"
        "Rule 99 (b) of the rules of procedure of the General Assembly provides that an item may be added.\n\n"
        "2. Decides to remain seized of the matter.\n"
    )
    assert not [b for part in doc.parts for b in part.blocks if isinstance(b, Heading)]


def _page(body: str, notes: str) -> str:
    return (
        "United Nations A/RES/99/1\n\nGeneral Assembly\n\nThe General Assembly,\n\n"
        + body
        + "\n__________________\n\n"
        + notes
        + "\n\n1/2 99-12345\n"
    )


def _refs(doc: Document) -> dict[str, list[str]]:
    return {n.label: n.ref_ids for n in doc.notes}


# (body, notes, what the text reads once each marker is found), each marker where only it can be:
ONLY_PLACES = [
    # `resolution 5/1411 requesting` is resolution 5/14 and note 11 (A/80/L.17, line 489)
    (
        "Recalling the Convention,10 and recalling resolution 5/1411 requesting the committee to meet,\n\n"
        "Noting the report,12\n",
        "10 Treaty Series, vol. 1.\n\n11 UNEP/EA.5/Res.14.\n\n12 A/99/1.",
        "resolution 5/14 requesting",
    ),
    # `(the Nelson Mandela Rules) 40 and` (A/C.3/80/L.33, line 743), `Development Goals 5 and` (A/C.1/80/L.11)
    (
        "Recalling the Standard Minimum Rules (the Nelson Mandela Rules) 4 and the Bangkok Rules,5\n\n"
        "Determined to achieve the Sustainable Development Goals 6 and to leave no one behind,\n",
        "4 Resolution 70/175, annex.\n\n5 Resolution 65/229, annex.\n\n6 See resolution 70/1.",
        "Goals and to leave",
    ),
    # `a draft resolution 8  was` (A/RES/79/185), `among at least 56514 humanitarian workers` (565 and
    # note 14, A/RES/80/77), `model strategy 10.24 Furthermore` (A/RES/80/226), `COVID‑1916` with a
    # non-breaking hyphen (A/RES/80/150)
    (
        "Recalling the statement,13 and regretting that a draft resolution 14  was not adopted,\n\n"
        "Condemning the killing of staff among at least 56515 humanitarian workers killed,\n\n"
        "Noting the programmes referred to under model strategy 10.16 Furthermore, access is needed,\n\n"
        "Welcoming the declaration on COVID\u20111917 and its follow-up,\n",
        "13 A/99/2.\n\n14 S/2014/348.\n\n15 See the situation report.\n\n16 See para. 48.\n\n17 A/75/1.",
        "a draft resolution was not adopted | at least 565 humanitarian | strategy 10. Furthermore | COVID\u201119 and",
    ),
    # `resolutions 5/7 27 and 5/8 28 of 2 March 2022 and resolution 6/929 of 1 March 2024` (A/RES/79/204):
    # the sentence marks its symbols, so a symbol's marker may stand before the date
    (
        "Recalling Environment Assembly resolutions 5/7 27 and 5/8 28 of 2 March 2022 and resolution 6/929 of "
        "1 March 2024,\n",
        "27 UNEP/EA.5/Res.7.\n\n28 UNEP/EA.5/Res.8.\n\n29 UNEP/EA.6/Res.9.",
        "resolutions 5/7 and 5/8 of 2 March 2022 and resolution 6/9 of 1 March 2024",
    ),
    # `the Sendai Framework 2015–2030, a 8 nd other` (A/RES/79/263): the marker set inside "and"
    (
        "Highlighting the synergies between the Agenda and the New Urban Agenda,7 the Sendai Framework "
        "2015–2030, a 8 nd other relevant outcomes,\n",
        "7 Resolution 71/256, annex.\n\n8 Resolution 69/283, annex II.",
        "2015–2030, and other relevant",
    ),
    # `resolution 70/125` printed twice is 70/125 both times, not 70/1 and note 25: the marker is the
    # one spaced after `Goals` (A/C.2/80/L.17 as pdftotext prints it)
    (
        "Recalling its resolution 70/125 on the World Summit,\n\n"
        "Noting the summary for the Sustainable Development Goals 25 and other processes, in accordance with its "
        "resolution 70/125,\n",
        "25 E/HLPF/2025/6.",
        "resolution 70/125 on | Goals and other | its resolution 70/125,",
    ),
]


@pytest.mark.parametrize(
    ("body", "notes", "reads"),
    ONLY_PLACES,
    ids=["glued", "spaced", "numbers", "dated", "inside-a-word", "printed-elsewhere"],
)
def test_a_marker_is_found_where_it_is_the_only_place(body, notes, reads):
    doc, state = read_text(_page(body, notes))
    assert all(refs for refs in _refs(doc).values())
    text = " ".join(p.content.text for p in doc.paragraphs())
    assert all(part in text for part in reads.split(" | "))
    assert "unreferenced-note" not in _kinds(state)


def test_a_dated_symbol_in_a_sentence_marking_none_keeps_its_number():
    """`resolution 61/29 of 4 December 2006`: the marker of a dated symbol follows the date."""
    doc, _state = read_text(
        _page("Recalling its resolution 61/29 of 4 December 2006,\n", "29 See A/61/1."),
    )
    assert _refs(doc)["29"] == []
    assert "resolution 61/29 of 4 December" in doc.paragraphs()[1].content.text


def test_two_places_for_one_marker_stay_a_warning():
    """`paragraph 5`, `Goals 5 and 6`: numbers; with two places left, the note stays unreferenced."""
    doc, state = read_text(
        _page(
            "Recalling paragraph 5 of its resolution 70/1, and Goals 5 and 6 of the Agenda,\n\n"
            "Noting resolutions 71/205 5 and 72/1505 on the matter,\n",
            "5 See A/72/498.",
        )
    )
    assert _refs(doc)["5"] == []
    assert "unreferenced-note" in _kinds(state)
    assert "paragraph 5 of" in doc.parts[0].blocks[1].content.text


def test_a_marker_printed_at_the_end_of_its_page_leaves_the_markers_before_it_found():
    """pdftotext prints a marker it lost from its place at the end of the page's text (A/C.2/80/L.29:
    `Development Programme,` then `5` on a line of its own, after the markers of notes 6 to 14):
    that stray number is the note's marker, and the markers of the notes after it, which stand
    before it on the page, are still found."""
    doc, _ = read_text(
        _page(
            "Recalling the Rio Declaration on Environment and Development, 1 Agenda\n"
            "21, the Programme for the Further Implementation of Agenda 21, 3 the Johannesburg\n"
            "Declaration on Sustainable Development 4 and the Plan of Implementation, 5 the Monterrey\n"
            "Consensus and the 2005 World Summit Outcome, 6\n\n"
            "Noting regional initiatives, such as the Comprehensive Africa Agriculture Development Programme,\n"
            "2\n",
            "1 Report of the Conference, resolution 1, annex I.\n\n2 Ibid., annex II.\n\n"
            "3 Resolution S-19/2, annex.\n\n4 Report of the Summit, resolution 1, annex.\n\n"
            "5 Ibid., resolution 2, annex.\n\n6 Resolution 60/1.",
        )
    )
    recalling, noting = (p for p in doc.paragraphs() if p.anchor)
    assert [r.label for r in recalling.content.refs] == ["1", "3", "4", "5", "6"]
    assert [r.label for r in noting.content.refs] == ["2"]
    assert noting.content.text.endswith("Development Programme,")
    assert all(refs for refs in _refs(doc).values())


def test_a_star_notes_last_line_after_a_blank_line_is_the_notes():
    """`* On behalf of … of the Economic` / blank / `Community of Central African States.` / the page's foot
    (pdfminer.six sets a blank line between lines, A/C.1/80/L.54): one note, and the paragraphs after it
    keep their numbers."""
    doc, _ = read_text(
        "United Nations A/C.1/99/L.54\n\nGeneral Assembly\n\nGabon:* draft resolution\n\nRegional measures\n\n"
        "The General Assembly,\n\nRecalling its resolutions on confidence-building measures,\n\n"
        "*  On behalf of the States Members of the United Nations that are members of the Economic \n\n"
        "Community of Central African States. \n\n99-16788 (E)    281099\n*9916788*\n\f"
        "Reaffirming the importance of the Committee,\n\n1. Decides to remain seized of the matter.\n",
        "A_C.1_99_L.54.txt",
    )
    assert [n.content.text for n in doc.notes] == [
        "On behalf of the States Members of the United Nations that are members of the Economic Community of "
        "Central African States."
    ]
    texts = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert texts["pp2"] == "Reaffirming the importance of the Committee,"


# pdftotext -layout: a note's number printed raised on a line of its own inside a paragraph, a blank line
# under it (shaped like A/RES/80/157, words invented).
RAISED_NUMBER = """                                                                   A/RES/99/157
                   United Nations
                   General Assembly
                   99/157. Agriculture development
                         The General Assembly,
                         Recalling the Rio Declaration on Environment and Development, 1 Agenda
                   21, the Programme for the Further Implementation of Agenda 21, 3 the Johannesburg
                      2

                   Declaration on Sustainable Development 4 and the Plan of Implementation,
                         Recalling also its resolution 98/1,
                         1. Decides to remain seized of the matter.
                   ___________________
                   1 Report of the Conference, resolution 1, annex I.
                   2 Ibid., annex II.
                   3 Resolution S-19/2, annex.
                   4 Report of the Summit, resolution 1, annex.
"""


def test_a_raised_number_on_a_line_of_its_own_does_not_end_its_paragraph():
    """`… the Johannesburg` / `2` / blank / `Declaration on …`: one paragraph; the next keeps its id."""
    doc, _ = read_text(RAISED_NUMBER, "A_RES_99_157.txt")
    texts = {p.anchor: p.content.text for p in doc.paragraphs() if p.anchor}
    assert texts["pp1"].startswith("Recalling the Rio Declaration") and "Declaration on Sustainable" in texts["pp1"]
    assert texts["pp2"] == "Recalling also its resolution 98/1,"


def test_a_marker_before_the_next_one_is_not_a_thousands_number():
    """`in a single conflict,10,11` (A/80/L.18, line 268): markers 10 and 11."""
    doc, _ = read_text(
        _page(
            "Noting the highest number of fatalities ever recorded in a single conflict,10,11\n",
            "10 A/79/149, para. 61.\n\n11 See relevant statements.",
        )
    )
    assert _refs(doc)["10"] and _refs(doc)["11"]


# A running header whose title line the furniture refused: one word (`Multilingualism`,
# A/RES/78/330 line 624) or ending in a colon (`… Goal 6:`, A/RES/78/327 line 62).
def _with_header(title_lines: str) -> str:
    return (
        "United Nations A/RES/99/7\n\nGeneral Assembly\n\n99/7. " + title_lines.replace("\n", " ") + "\n\n"
        "The General Assembly,\n\nRecalling its resolution 98/1 on the Conference,\n\n"
        "1. Requests the Secretary-General to ensure the provision of documentation services and\n\n"
        "A/RES/99/7\n" + title_lines + "\n\n99-12345\n2/3\n\n"
        "effective communication in all the official languages;\n\n2. Decides to remain seized of the matter.\n"
    )


def test_a_one_word_running_title_is_furniture():
    doc, state = read_text(_with_header("Multilingualism"))
    texts = [p.content.text for p in doc.paragraphs()]
    assert texts[-2].endswith("documentation services and effective communication in all the official languages;")
    assert not [t for t in texts if "A/RES/99/7" in t]
    assert "Multilingualism" in [line.text.strip() for line in state.furniture]


def test_a_running_title_line_ending_in_a_colon_is_furniture():
    doc, _ = read_text(_with_header("Modalities of the Water Conference to Accelerate Goal 6:\nEnsure water for all"))
    texts = [p.content.text for p in doc.paragraphs()]
    assert not [t for t in texts if "A/RES/99/7" in t or t.startswith("Modalities")]
    assert texts[-2].endswith("services and effective communication in all the official languages;")


# A paragraph's last line right above the running symbol (pypdf prints the page's foot under the text): the
# masthead's words, but not as the masthead prints them, so the paragraph's, not the running title's.
LAST_LINES_ABOVE_THE_SYMBOL = [
    # one word of the agenda item's title, `Promotion and protection of human rights` (A/C.3/80/L.32)
    ("Agenda item 71 (c)\n\nPromotion and protection of human rights\n\nSituation of minorities in Utopia",
     "without adequate food, healthcare and", "protection,"),
    # the title's words, `The right to food`, ending in a comma the title does not print (A/C.3/80/L.41)
    ("The right to food", "in measures to address the realization of", "the right to food,"),
]  # fmt: skip


@pytest.mark.parametrize(("masthead", "line", "last"), LAST_LINES_ABOVE_THE_SYMBOL, ids=["one-word", "title-words"])
def test_a_paragraphs_last_line_above_the_running_symbol_is_text(masthead, line, last):
    doc, _ = read_text(
        f"United Nations A/C.3/99/L.32\n\nGeneral Assembly\n\n{masthead}\n\nThe General Assembly,\n\n"
        f"Deeply concerned about the restrictions imposed {line}\n{last}\n A/C.3/99/L.32\n\n9/21 99-17910\n\n"
        " Condemning the deliberate obstruction of humanitarian assistance,\n\n1. Decides to remain seized of the matter.\n",
        "A_C.3_99_L.32.txt",
    )
    texts = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert texts["pp1"].endswith(f"{line} {last}")
    assert texts["pp2"] == "Condemning the deliberate obstruction of humanitarian assistance,"


def test_a_one_word_running_title_a_blank_line_below_the_symbol_is_furniture():
    """`A/RES/80/124` / blank / `Commodities` / blank at a page's top (pdftotext): the running title, not a
    paragraph of its own that the text runs into."""
    doc, _ = read_text(
        "United Nations A/RES/99/124\n\nGeneral Assembly\n\n99/124.\n\nCommodities\nThe General Assembly,\n"
        "Recalling its resolutions on commodities,\nWelcoming the financing of investments\n\n99-20760 (E)\n\n"
        "*9920760*\n\n\fA/RES/99/124\n\nCommodities\n\nand catalyse sustainable development at scale,\n"
        "1. Decides to remain seized of the matter.\n",
        "A_RES_99_124.txt",
    )
    texts = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert texts["pp2"] == "Welcoming the financing of investments and catalyse sustainable development at scale,"
    assert not [t for t in texts.values() if "Commodities" in t or "A/RES/99/124" in t]


def test_a_paragraph_number_below_the_symbol_is_text_though_the_masthead_prints_it():
    """`A/RES/80/6` / blank / `6.` / blank / `Encourages …` (pdfminer.six): `6.` stands in the masthead
    (`80/6. Title`), but a number is never the running title."""
    doc, _ = read_text(
        "United Nations A/RES/99/6\n\nGeneral Assembly\n\n99/6. Invented matters\n\nThe General Assembly,\n\n"
        "1. Decides to act;\n\n2. Decides to act again;\n\n3. Decides to act once more;\n\n"
        "4. Decides to act further;\n\n5. Decides to act finally;\n\n99-20760 (E)\n\n*9920760*\n\n"
        "\fA/RES/99/6\n\n6.\n\nEncourages further efforts by States;\n",
        "A_RES_99_6.txt",
    )
    assert {p.anchor: p.content.text for p in doc.paragraphs()}["op6"] == "Encourages further efforts by States;"


def test_the_symbol_alone_between_two_paragraphs_is_the_running_header():
    """`… scientific information,` / `A/80/L.17` / `Welcoming …` (pdfminer.six prints the running header where
    it likes, no page number beside it): furniture; but the symbol as a table's cell (`Issued` / the
    symbol / `Note by the Secretariat …`) is text."""
    doc, _ = read_text(
        "United Nations\nGeneral Assembly\n\nA/99/L.17 \n\nDistr.: Limited\n\nSustainable fisheries\n\n"
        "The General Assembly,\n\nReaffirming its commitment to the best available scientific information, \n\n"
        "A/99/L.17 \n\nWelcoming the actions of States, \n\nDocuments\n\nIssued\n\nA/99/L.17\n\n"
        "Note by the Secretariat\n\n1. Decides to remain seized of the matter.\n",
        "A_99_L.17.txt",
    )
    texts = [p.content.text for p in doc.paragraphs() if p.anchor]
    assert texts[:2] == [
        "Reaffirming its commitment to the best available scientific information,",
        "Welcoming the actions of States,",
    ]
    assert any("A/99/L.17" in t for t in texts[2:])


def test_a_table_heading_repeating_a_title_word_is_text():
    """`Date/time` / `Programme` heads a programme-of-work table (A/C.4/80/L.15, line 44): no symbol, kept."""
    doc, _ = read_text(
        "United Nations A/C.4/99/L.1\n\nGeneral Assembly\n\nProposed programme of work\n\n"
        "The General Assembly,\n\n1. Approves the programme of work below.\n\n1/2 99-12345\n\n"
        "Date/time\nProgramme\nThursday, 1 October\n"
    )
    assert any("Programme" in p.content.text for p in doc.paragraphs())


# A list whose items are grouped under unnumbered sub-headings (shaped like A/RES/79/323, annex,
# lines 344–470), and lines an item ending in a colon introduces (A/RES/79/273, lines 108–120).
LIST_WITH_HEADINGS = """The General Assembly,

1. Adopts the commitments below.

2. To ensure that countries have the necessary resources:

Transparency in fiscal systems

(a) We commit to strengthen tax systems;

(b) We will promote budget transparency;

Fiscal systems and sustainable development

(c) We encourage national budgets that support sustainable development;

3. Decides that the organizational arrangements will be as follows:

(a) Two panels will be held;

(b) The panels will address the following themes:

Panel 1: Tackling the determinants of disease;

Panel 2: Reshaping health systems;

(c) Each panel will be co-chaired by two representatives.

4. Decides to remain seized of the matter.
"""


def test_sub_headings_inside_a_list_stay_in_it_in_order():
    doc, state = read_text(LIST_WITH_HEADINGS)
    op2 = next(p for p in doc.paragraphs() if p.anchor == "op2")
    assert [c.anchor for c in op2.children] == ["op2-text1", "op2-a", "op2-b", "op2-text2", "op2-c"]
    assert op2.children[3].content.text == "Fiscal systems and sustainable development"
    assert op2.children[3].citation == "operative paragraph 2, unnumbered paragraph 2"
    assert "sub-numbering" not in _kinds(state)


def test_lines_an_item_introduces_are_that_items():
    doc, state = read_text(LIST_WITH_HEADINGS)
    op3 = next(p for p in doc.paragraphs() if p.anchor == "op3")
    assert [c.anchor for c in op3.children] == ["op3-a", "op3-b", "op3-c"]
    assert [c.anchor for c in op3.children[1].children] == ["op3-b-text1", "op3-b-text2"]
    assert "op4" in _anchors(doc) and "sub-numbering" not in _kinds(state)


def test_a_list_belongs_to_the_block_ending_in_a_colon_before_it():
    """`Recalling …, in which it requested an opinion on the following question:` / the question /
    `Having received the advisory opinion, …, that:` / `(a)` (A/80/L.26, lines 87–113)."""
    doc, _ = read_text(
        "The General Assembly,\n\n1. Recalls its request for an advisory opinion on the following question:\n\n"
        "What are the obligations of the occupying Power?\n\n"
        "2. Having received the advisory opinion, in which the Court concluded that:\n\n"
        "(a) the occupying Power is required to fulfil its obligations;\n\n(b) it shall facilitate relief.\n"
    )
    assert "text1" in _anchors(doc)  # a numbered paragraph, not an item, follows the question
    op2 = next(p for p in doc.paragraphs() if p.anchor == "op2")
    assert [c.anchor for c in op2.children] == ["op2-a", "op2-b"]
    doc, _ = read_text(
        "The General Assembly,\n\n1. Recalls the following question:\n\nWhat are the obligations of the Power?\n\n"
        "Having received the advisory opinion, in which the Court concluded that:\n\n(a) the Power shall act;\n"
    )
    assert not [a for a in _anchors(doc) if "-text" in a]


def test_an_items_next_sentence_on_the_next_page_is_that_item():
    """`(a) We will promote … liquidity.` / page break / `We encourage the Fund …` (A/RES/79/323, line 2141)."""
    doc, _ = read_text(
        "United Nations A/RES/99/3\n\nGeneral Assembly\n\nThe General Assembly,\n\n1. Adopts the commitment.\n\n"
        "2. To ensure that debt assessments are accurate:\n\n(a) We will promote credit assessments.\n\n"
        "2/3 99-12345\n\nWe encourage the Fund to continue to implement revisions;\n\n"
        "(b) We call upon credit rating agencies to refine their methodologies.\n"
    )
    op2 = next(p for p in doc.paragraphs() if p.anchor == "op2")
    assert [c.anchor for c in op2.children] == ["op2-a", "op2-b"]
    assert op2.children[0].content.text.endswith(
        "credit assessments. We encourage the Fund to continue to implement revisions;"
    )


def test_a_sponsor_line_with_two_markers_is_the_sponsor_line():
    """`Iraq:*,** draft resolution` (A/80/L.23, line 25): sponsors read, both star notes referenced."""
    doc, state = read_text(
        "United Nations A/99/L.23\n\nGeneral Assembly\n\nEightieth session\nAgenda item 72 (a)\n\n"
        "Iraq:*,** draft resolution\n\nInternational cooperation on humanitarian assistance\n\n"
        "The General Assembly,\n\nRecalling its resolution 46/182,\n\n__________________\n\n"
        "* On behalf of the States that are members of the Group of 77 and China.\n"
        "** Any changes to the list of sponsors will be reflected in the official record of the meeting.\n"
    )
    assert doc.meta.sponsors == ["Iraq"]
    assert all(note.ref_ids for note in doc.notes)
    assert "unreferenced-note" not in _kinds(state)


def test_a_marker_in_a_list_of_symbols_is_found():
    """`resolutions 71/205 20 and 72/190,21` (A/C.3/80/L.33, line 224): a list of symbols, not of numbers."""
    doc, state = read_text(
        _page(
            "Welcoming the reports submitted pursuant to resolutions 71/205 20 and 72/190,21 and 77/229,22 "
            "78/22123 and 79/184,24\n",
            "20 See A/72/498.\n\n21 A/73/404.\n\n22 A/78/340.\n\n23 A/79/258.\n\n24 A/80/1.",
        )
    )
    assert all(_refs(doc)[label] for label in ("20", "21", "22", "23", "24"))
    assert "resolutions 71/205 and 72/190" in doc.parts[0].blocks[1].content.text
    assert "unreferenced-note" not in _kinds(state)


def test_a_running_title_line_opening_like_a_formula_is_furniture():
    """`The Wiphala for living well in harmony, balance and` (A/RES/79/315, line 65) reads like
    "The General Assembly," to the header test; in a run of title lines under the symbol it is furniture."""
    doc, _ = read_text(_with_header("The Wiphala for living well in harmony, balance and\ncomplementarity with Earth"))
    texts = [p.content.text for p in doc.paragraphs()]
    assert not [t for t in texts if "A/RES/99/7" in t or "Wiphala" in t]
    assert texts[-2].endswith("services and effective communication in all the official languages;")


def test_a_marker_spaced_after_a_sentence_ending_on_a_number_or_a_quotation_is_found():
    """`Risk Reduction 2015–2030. 14 Disasters and` (A/RES/79/323 annex, para. 17) and
    `of “The future we want”. 5` at a paragraph's end (A/RES/79/314 annex, para. 4)."""
    doc, state = read_text(
        _page(
            "Recalling the Convention,3 and alignment with the Sendai Framework 2015–2030. 4 Disasters grow.\n\n"
            "Recalling paragraph 158 of “The future we want”. 5\n\nNoting the report,6\n",
            "3 Treaty Series, vol. 1.\n\n4 Resolution 69/283, annex II.\n\n5 Resolution 66/288, annex.\n\n6 A/99/1.",
        )
    )
    assert all(_refs(doc)[label] for label in ("3", "4", "5", "6"))
    assert "2015–2030. Disasters grow." in doc.parts[0].blocks[1].content.text
    assert "unreferenced-note" not in _kinds(state)


def test_a_marker_glued_to_the_full_stop_after_a_year_is_found():
    """`resolution 5/14 of 2 March 2022.13` ending a sentence (A/RES/79/314 annex, para. 15)."""
    doc, state = read_text(
        _page(
            "Recalling the Convention,12 and resolution 5/14 of 2 March 2022.13\n\nNoting the report,14\n",
            "12 Treaty Series, vol. 1.\n\n13 UNEP/EA.5/Res.14.\n\n14 A/99/1.",
        )
    )
    assert all(_refs(doc)[label] for label in ("12", "13", "14"))
    assert doc.parts[0].blocks[1].content.text.endswith("of 2 March 2022.")
    assert "unreferenced-note" not in _kinds(state)


def test_a_marker_glued_to_the_small_word_after_it_is_found():
    """`all previous resolutions 3on the follow-up`, `the Paris Agreement 5and its` (A/RES/80/129, pp2 and pp6)."""
    doc, state = read_text(
        _page(
            "Recalling the Agenda,2 and all previous resolutions 3on the follow-up to the Conference,\n\n"
            "Reaffirming the Paris Agreement 4and its entry into force,\n",
            "2 Resolution 70/1.\n\n3 Resolutions 70/192 and 71/217.\n\n4 FCCC/CP/2015/10/Add.1, decision 1/CP.21.",
        )
    )
    assert all(_refs(doc)[label] for label in ("2", "3", "4"))
    assert "resolutions on the follow-up" in doc.parts[0].blocks[1].content.text
    assert "Agreement and its" in doc.parts[0].blocks[2].content.text
    assert "unreferenced-note" not in _kinds(state)


def test_a_marker_glued_to_the_word_after_it_is_found():
    """pypdfium2 prints a marker set before the word space on the next word: `the United Nations 1are
    prevented`, `(Protocol V)8to the Convention` (A/80/L.2, A/C.1/80/L.19); an article's `4bis` stays."""
    doc, state = read_text(
        _page(
            "Recalling that representatives of the United Nations 1are prevented from participating,\n\n"
            "Recalling also Protocol V on Explosive Remnants of War (Protocol V)2to the Convention and its article 4bis,\n",
            "1 A/80/1.\n\n2 United Nations, Treaty Series, vol. 2399, No. 22495.",
        )
    )
    assert all(_refs(doc)[label] for label in ("1", "2"))
    texts = [b.content.text for b in doc.parts[0].blocks[1:3]]
    assert "Nations are prevented" in texts[0]
    assert "(Protocol V) to the Convention and its article 4bis," in texts[1]
    assert "unreferenced-note" not in _kinds(state)


def test_a_star_note_at_a_page_foot_inside_a_paragraph_is_a_note():
    """pypdfium2 prints no rule above the sponsors' star note, and the paragraph above it goes on over
    the page (`… on 26 April, and` / `* Any changes …` / page furniture / `stressing its significance …`)."""
    doc, _ = read_text(
        "United Nations A/99/L.27\nGeneral Assembly Distr.: Limited\n1 November 2099\nOriginal: English\n"
        "Ninety-ninth session\nAgenda item 9\nXland:* draft resolution\nRemembrance\nThe General Assembly,\n"
        "Welcoming events organized to mark the Remembrance Day, observed on 26 April, and\n"
        "* Any changes to the list of sponsors will be reflected in the official records of the meeting.\n"
        "A/99/L.27\n2/3 99-19857\n"
        "stressing its significance for international cooperation,\n1. Decides to act.\n"
    )
    assert [p.content.text for p in doc.paragraphs()][1] == (
        "Welcoming events organized to mark the Remembrance Day, observed on 26 April, and stressing its "
        "significance for international cooperation,"
    )
    assert [n.content.text for n in doc.notes] == [
        "Any changes to the list of sponsors will be reflected in the official records of the meeting."
    ]


def test_a_reissued_documents_job_number_with_two_dates_is_furniture():
    """`25-16788 (E)     281025    031125` (printed, then reissued: A/C.1/80/L.54), which pdftotext -layout
    prints among the first page's paragraphs: furniture, not words of the paragraph above it."""
    doc, _ = read_text(
        "The General Assembly,\n\nConvinced that development can be achieved only in a climate of peace,\n\n"
        " 25-16788 (E)     281025    031125\n\nReaffirming the importance of the Standing Advisory Committee,\n"
    )
    assert [p.content.text for p in doc.paragraphs()][1:] == [
        "Convinced that development can be achieved only in a climate of peace,",
        "Reaffirming the importance of the Standing Advisory Committee,",
    ]


def test_a_number_before_a_sentence_or_a_word_stays_a_number_where_no_note_needs_it():
    """`in 2024. 14 States` and `Phase 2of` with every note cited: the text is left as it is."""
    doc, _ = read_text(_page("Noting that in 2024. 14 States acceded,1 and the Treaty 2of the region,\n", "1 A/99/1."))
    text = doc.parts[0].blocks[1].content.text
    assert "in 2024. 14 States acceded" in text and "Treaty 2of" in text
    assert _refs(doc)["1"]


def test_a_marker_glued_to_the_number_of_a_name_is_found():
    """`the Rio Declaration on Environment and Development5 and Agenda 216 and the principles`
    (Second Committee resolutions on sustainable development, e.g. A/RES/78/157 pp12): Agenda 21, note 6."""
    doc, state = read_text(
        _page(
            "Reaffirming the Rio Declaration on Environment and Development5 and Agenda 216 and the principles\n"
            "set out therein, and the Plan of Implementation,7\n",
            "5 A/CONF.151/26/Rev.1 (Vol. I), annex I.\n\n6 Ibid., annex II.\n\n7 A/CONF.199/20, chap. I.",
        )
    )
    assert all(_refs(doc)[label] for label in ("5", "6", "7"))
    assert "and Agenda 21 and the principles" in doc.parts[0].blocks[1].content.text
    assert "unreferenced-note" not in _kinds(state)


def test_a_year_or_a_goal_is_not_a_name_number_with_a_marker():
    """`Reduction 2015` and `Goal 16` keep their numbers: the note stays unreferenced."""
    doc, state = read_text(
        _page(
            "Recalling the Sendai Framework for Disaster Risk Reduction 2015 and the Agenda,4\n\n"
            "Noting Goal 16 and the Convention,7\n",
            "4 Resolution 69/283, annex II.\n\n5 A/99/5.\n\n6 A/99/6.\n\n7 A/99/7.",
        )
    )
    text = doc.parts[0].blocks[1].content.text + doc.parts[0].blocks[2].content.text
    assert "Reduction 2015 and" in text and "Goal 16 and" in text
    assert _refs(doc)["5"] == [] and _refs(doc)["6"] == []
    assert "unreferenced-note" in _kinds(state)


# A programme of action whose priority areas each hold sections I, II, … and whose paragraphs are
# numbered on across the areas; the areas are listed once in a paragraph before them (shaped like
# A/RES/79/233 annex, lines 397–434 and 905–912).
PROGRAMME = """The General Assembly,

1. Adopts the Programme of Action annexed to the present resolution.

Annex

Programme of Action

1. The present Programme of Action will have two priority areas for action, as follows:

Priority area 1: Structural transformation and science, technology and
innovation

Priority area 2: Means of implementation.

2. The fulfilment of commitments will be supported through dedicated actions.

Priority area 1: Structural transformation and science, technology
and innovation
3. We recognize that the landlocked developing countries face major structural impediments.

I.
Productive capacity development
4. We recognize that many landlocked developing countries have weak productive capacities.

II.
Private sector development
5. We note that the private sector is a driver of growth.

Priority area 2: Means of implementation
I.
Domestic resource mobilization
6. We recognize that domestic resources are the main source of finance.

Implementation, follow-up and monitoring

7. We emphasize that follow-up mechanisms are needed.

I.
National reviews
8. We encourage regular reviews at the national level.
"""


def test_priority_areas_are_headings_that_scope_their_sections():
    doc, state = read_text(PROGRAMME)
    headings = [(b.anchor, b.level) for part in doc.parts for b in part.blocks if isinstance(b, Heading)]
    assert headings == [
        ("annex-priority-area-1", 2),
        ("annex-priority-area-1-sec-i", 3),
        ("annex-priority-area-1-sec-ii", 3),
        ("annex-priority-area-2", 2),
        ("annex-priority-area-2-sec-i", 3),
        ("annex-sec-i", 2),
    ]
    assert [a for a in _anchors(doc) if "para" in a] == [f"annex-para{n}" for n in range(1, 9)]
    assert "duplicate-number" not in _kinds(state)


def test_priority_areas_listed_after_a_colon_stay_the_list():
    doc, _ = read_text(PROGRAMME)
    texts = [p.content.text for p in doc.paragraphs() if p.kind == "text"]
    assert texts[:2] == [
        "Priority area 1: Structural transformation and science, technology and innovation",
        "Priority area 2: Means of implementation.",
    ]


def test_a_lone_section_number_under_a_heading_starts_its_own_block():
    """`Priority area 2: Means of implementation` / `I.` / `Domestic resource mobilization` with no blank line:
    the section is its own heading, not the end of the area's title."""
    doc, _ = read_text(PROGRAMME)
    area = next(b for part in doc.parts for b in part.blocks if b.anchor == "annex-priority-area-2")
    assert area.content.text == "Means of implementation"


# Text as pdftotext gives it without -layout: no blank line anywhere, each paragraph number alone on its
# line, a section's number and title between the preamble and the first operative paragraph (shaped like
# A/80/L.17 there, words invented).
UNSPACED_SECTIONS = """The General Assembly,
Recalling its resolution 70/1,
Noting the work of the Committee on Fisheries, at
its thirty-sixth session, to accelerate this work,
I
Achieving sustainable fisheries
1.
Reaffirms the importance of the conservation of
living marine resources;
2.
Calls upon all States to act;
II
Related instruments
3.
Welcomes the entry into force of the Agreement.
"""


def test_a_section_number_after_the_preamble_starts_its_heading_without_blank_lines():
    """`… to accelerate this work,` / `I` / `Achieving sustainable fisheries` / `1.`: the section's number
    and title are its heading and paragraph 1 is operative paragraph 1, not the preamble's last words."""
    doc, _ = read_text(UNSPACED_SECTIONS)
    assert [(h.anchor, h.content.text) for h in doc.headings()] == [
        ("sec-i", "Achieving sustainable fisheries"),
        ("sec-ii", "Related instruments"),
    ]
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert (
        paras["pp2"]
        == "Noting the work of the Committee on Fisheries, at its thirty-sixth session, to accelerate this work,"
    )
    assert paras["op1"] == "Reaffirms the importance of the conservation of living marine resources;"
    assert paras["op2"] == "Calls upon all States to act;"
    assert paras["op3"] == "Welcomes the entry into force of the Agreement."


# Sections whose first paragraph is a preambular one or an unnumbered operative one, as pypdf prints them:
# no blank line under a section's title, a paragraph's first line indented by a space (shaped like
# A/RES/80/243, sections XIII and XIV, words invented).
UNSPACED_SECTION_PREAMBLES = """The General Assembly,
XIII
Programme budget implications arising from recommendations contained in
the report of the Commission for 2099
 Having considered the statement submitted by the Secretary-General on programme
budget implications and the related report of the Advisory Committee,
 1. Endorses the conclusions and recommendations contained in the report;
XIV
Gross jointly financed budget of the Commission
 Approves the gross budget for the Commission for 2100 in the amount of 13,393,100 dollars;
"""


def test_a_section_number_and_title_on_one_line_after_a_paragraph_start_a_heading():
    """`… throughout their entire life cycle.` / `II. Product safety regulation and standards` / `4. Member
    States should …` (pypdfium2 prints no blank lines; A/RES/80/119's annex): a heading, and paragraph 4."""
    doc, _ = read_text(
        "The General Assembly,\n1. Adopts the guidelines annexed to the present resolution.\nAnnex\n"
        "Guidelines for invented product safety\nI. General provisions\n1. These guidelines apply to products.\n"
        "2. Member States should promote the safety of consumer products throughout their entire life cycle.\n"
        "II. Product safety regulation and standards\n3. Member States should empower the relevant authorities.\n"
    )
    assert [h.content.text for h in doc.headings()][-1] == "Product safety regulation and standards"
    texts = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert texts["annex-para2"].endswith("throughout their entire life cycle.")
    assert texts["annex-para3"] == "Member States should empower the relevant authorities."


def test_a_preambular_paragraph_right_under_a_section_title_is_a_paragraph():
    """`XIII` / its title / `Having considered …`: the title is the heading, and its first paragraph (a
    preambular one, or a decision's unnumbered verb: `Approves …`) a paragraph, not the title's end."""
    doc, _ = read_text(UNSPACED_SECTION_PREAMBLES)
    assert [(h.anchor, h.content.text) for h in doc.headings()] == [
        ("sec-xiii", "Programme budget implications arising from recommendations contained in the report of the "
                     "Commission for 2099"),
        ("sec-xiv", "Gross jointly financed budget of the Commission"),
    ]  # fmt: skip
    texts = [p.content.text for p in doc.paragraphs() if p.anchor]
    assert [t.split(" ", 2)[:2] for t in texts] == [["Having", "considered"], ["Endorses", "the"], ["Approves", "the"]]


# A convention annexed to a resolution, as pypdfium2 or pdftotext print it: no blank line anywhere, each
# chapter's and article's number on a line of its own above its one-line title, an article's first
# paragraph unnumbered at times (shaped like A/RES/80/162, words invented).
UNSPACED_CONVENTION = """United Nations A/RES/99/162
General Assembly Distr.: General
20 December 2099
Resolution adopted by the General Assembly on 15 December 2099
99/162. Convention on Invented Cargo Documents
The General Assembly,
Recalling its resolution 98/1 of 1 December 2098,
1. Adopts the Convention annexed to the present resolution;
2. Decides to remain seized of the matter.
64th plenary meeting
15 December 2099
Annex
Convention on Invented Cargo Documents
Chapter I
General provisions
Article 1
Scope of application
1. This Convention applies to the issuance of invented cargo documents.
2. This Convention does not affect the application of national law.
Article 2
Definitions
For the purposes of this Convention:
1. “Holder” means a person that is in possession of an invented cargo document.
Chapter II
Issuance
Article 3
Issuance of an invented cargo document
The transport operator shall issue an invented cargo document.
"""


def test_chapters_and_articles_without_blank_lines_are_headings_over_their_paragraphs():
    """`Chapter I` / `General provisions` / `Article 1` / `Scope of application` / `1. This Convention …`:
    a heading for the chapter and one for the article, each with its title, and the paragraphs under
    the article, an unnumbered one (`For the purposes of this Convention:`) too."""
    doc, _ = read_text(UNSPACED_CONVENTION, "A_RES_99_162.txt")
    assert [(h.anchor, h.content.text) for h in doc.headings()] == [
        ("annex-chap-i", "General provisions"),
        ("annex-art-1", "Scope of application"),
        ("annex-art-2", "Definitions"),
        ("annex-chap-ii", "Issuance"),
        ("annex-art-3", "Issuance of an invented cargo document"),
    ]
    texts = {p.anchor: p.content.text for p in doc.paragraphs() if p.anchor.startswith("annex-")}
    assert list(texts.values()) == [
        "This Convention applies to the issuance of invented cargo documents.",
        "This Convention does not affect the application of national law.",
        "For the purposes of this Convention:",
        "“Holder” means a person that is in possession of an invented cargo document.",
        "The transport operator shall issue an invented cargo document.",
    ]
    assert all(anchor.startswith(("annex-art-1-", "annex-art-2-", "annex-art-3-")) for anchor in texts)


# A decision adopting an outcome document printed in full under it, as pypdfium2 and pdftotext print it:
# no blank line between the decision, the document's title and its first words (shaped like
# A/RES/80/173, words invented).
UNSPACED_OUTCOME = """United Nations A/RES/99/173
General Assembly Distr.: General
20 December 2099
Resolution adopted by the General Assembly on 17 December 2099
99/173. Outcome document of the high-level meeting on the Invented Summit
The General Assembly
Adopts the following outcome document of the high-level meeting of the General
Assembly on the overall review of the Invented Summit at its ninety-ninth session:
Outcome document of the high-level meeting of the General Assembly on the
overall review of the Invented Summit
We, the Ministers and heads of delegations participating in the high-level
meeting of the General Assembly on the review of the Invented Summit,
Recalling the outcomes of the Invented Summit,
1. We reaffirm our commitment to the vision of the Invented Summit.
"""


def test_an_adopted_documents_title_and_first_words_are_paragraphs_of_their_own():
    """`Adopts the following outcome document …:` / its title / `We, the Ministers …`: three blocks, not one."""
    doc, _ = read_text(UNSPACED_OUTCOME, "A_RES_99_173.txt")
    texts = [p.content.text for p in doc.paragraphs()]
    title = "Outcome document of the high-level meeting of the General Assembly on the overall review of the "
    assert title + "Invented Summit" in texts
    assert any(t.startswith("Adopts the following outcome document") and t.endswith("ninety-ninth session:")
               for t in texts)  # fmt: skip
    assert any(t.startswith("We, the Ministers") and t.endswith("review of the Invented Summit,") for t in texts)


# A decision and its annex as pypdf, pypdfium2 or pdftotext print them: no blank line anywhere (shaped
# like A/80/L.42 and A/RES/80/117, words invented).
UNSPACED_DECISION = """United Nations A/RES/99/5
General Assembly Distr.: General
20 December 2099
Resolution adopted by the General Assembly on 15 December 2099
99/5. Political declaration of the meeting
The General Assembly,
Recalling its resolution 98/232 of 19 December 2098,
Having considered the report of the Conference,
Decides:
(a) To postpone the consideration of the modalities;
(b) To endorse the political declaration annexed to the present resolution.
64th plenary meeting
15 December 2099
Annex
Political declaration of the high-level meeting
1. We reaffirm our commitment to the prevention of disease.
2. We decide to act together.
"""


def test_an_unnumbered_decision_and_an_annex_part_without_blank_lines():
    """`… the report of the Conference,` / `Decides:` is where the preamble ends, and `Annex` (after the
    closing date) opens the annex, its title on the next line: neither runs into the paragraph before."""
    doc, _ = read_text(UNSPACED_DECISION)
    texts = [(p.anchor, p.content.text) for p in doc.paragraphs()]
    assert texts[2:4] == [("pp2", "Having considered the report of the Conference,"), ("pp3", "Decides:")]
    assert texts[-2:] == [
        ("annex-para1", "We reaffirm our commitment to the prevention of disease."),
        ("annex-para2", "We decide to act together."),
    ]
    assert doc.parts[-1].title.text == "Political declaration of the high-level meeting"


# A Fifth Committee decision listing documents (shaped like A/C.5/80/L.22, words invented): the
# list names a `Report of the Secretary-General …`, as a report's own masthead does.
DEFERRED = """United Nations
A/C.5/99/L.22

General Assembly
Distr.: Limited
28 December 2099
Original: English

Ninety-ninth session
Fifth Committee
Agenda item 134
Review of the efficiency of the administrative and financial functioning of the United Nations

Draft decision submitted by the Chair

Questions deferred for future consideration

{opening} until the main part of its hundredth session consideration of the following documents:

Item 136

Report of the Secretary-General on the review of arrangements for funding special missions

Related report of the Advisory Committee on Administrative and Budgetary Questions
"""


@pytest.mark.parametrize("opening", ["The General Assembly decides to defer", "Decides to defer"])
def test_a_report_named_in_a_decision_does_not_end_its_masthead(opening):
    """The decision's sentence and the documents it lists are its text, not masthead lines, whether
    it opens with the organ or not: the masthead had ended at the listed report (a report's own
    masthead ends at its `Report of the …` line), taking the text before it with it."""
    doc, _ = read_text(DEFERRED.format(opening=opening))
    texts = [p.content.text for p in doc.paragraphs()]
    assert (
        texts[0] == f"{opening} until the main part of its hundredth session consideration of the following documents:"
    )
    assert texts[-2:] == [
        "Report of the Secretary-General on the review of arrangements for funding special missions",
        "Related report of the Advisory Committee on Administrative and Budgetary Questions",
    ]
    assert doc.meta.title == "Questions deferred for future consideration"


def test_a_decision_opening_with_its_organ_and_a_colon_is_text():
    """`The General Assembly:` / `(a) Approves …;` / `(b) Invites …` (a programme of work's decision,
    A/C.2/80/L.60): the decision, not the end of the masthead."""
    head = DEFERRED.split("Questions deferred")[0].replace("Draft decision submitted by the Chair", "Draft decision")
    doc, _ = read_text(
        head + "Draft programme of work\n\nThe General Assembly:\n\n(a) Approves the programme of work;\n\n"
        "(b) Invites the Bureau to act.\n\nProgramme\n\n1. Information and communications technologies.\n"
    )
    assert [(p.anchor, p.content.text) for p in doc.paragraphs()] == [
        ("intro1", "The General Assembly:"),
        ("intro1-a", "Approves the programme of work;"),
        ("intro1-b", "Invites the Bureau to act."),
        ("intro2", "Programme"),
        ("para1", "Information and communications technologies."),
    ]


def test_a_lettered_paragraph_taken_into_the_masthead_is_a_warning():
    """Where the text's start is missed (no enacting formula, no decision sentence the rules know),
    the masthead runs to the first numbered paragraph: the build says so at the line, once per
    paragraph it took, rather than publish the paragraphs without ids unremarked."""
    head = DEFERRED.split("Questions deferred")[0].replace("Draft decision submitted by the Chair", "Draft decision")
    _, state = read_text(
        head + "Draft programme of work\n\nThe Committee agrees:\n\n(a) To approve the programme;\n\n"
        "(b) To invite the Bureau.\n\n1. Information and communications technologies.\n"
    )
    taken = [w for w in state.diagnostics.warnings if w.kind == "masthead-text"]
    assert [w.message.split("”")[0] for w in taken] == ["“(a) To approve the programme;", "“(b) To invite the Bureau."]
    assert all(w.place.line for w in taken)


def test_an_agenda_item_titled_report_of_does_not_end_the_masthead():
    """pypdfium2 prints the masthead without blank lines, a field a line: `Agenda item 89` / `Report of
    the International Atomic Energy Agency` is the item's title, not a report's type line ending the
    masthead (the sponsors and the title after it had become paragraphs of the text)."""
    doc, _ = read_text(
        "United Nations A/99/L.7\nGeneral Assembly Distr.: Limited\n22 October 2099\nOriginal: English\n"
        "Ninety-ninth session\nAgenda item 89\nReport of the International Atomic Energy Agency\n"
        "Australia: draft resolution\nReport of the International Atomic Energy Agency\nThe General Assembly,\n"
        "Recognizing the importance of the work of the Agency,\n1. Appeals to Member States to support the Agency.\n"
    )
    assert [p.anchor for p in doc.paragraphs()] == ["", "pp1", "op1"]
    assert doc.meta.sponsors == ["Australia"]
    assert doc.meta.agenda_title == "Report of the International Atomic Energy Agency"


def test_an_amendment_under_a_masthead_without_blank_lines_is_text():
    """pypdfium2 runs the agenda title, the sponsors and the title together (A/80/L.38): the amendment's
    instruction after them is the text, not the title the masthead expects after the sponsors (the
    document had read as having no paragraphs at all)."""
    doc, _ = read_text(
        "United Nations A/99/L.38\nGeneral Assembly Distr.: Limited\n11 December 2099\nOriginal: English\n"
        "Ninety-ninth session\nAgenda item 16 (a)\nMacroeconomic policy questions: international trade\n"
        "and development\nAustria, Belgium and Sweden:* amendment to\ndraft resolution 4 recommended by the "
        "Second Committee\nInternational trade and development\n"
        "Delete the twenty-first preambular paragraph and operative paragraphs 35, 38\nand 39.\n"
    )
    assert [p.content.text for p in doc.paragraphs()] == [
        "Delete the twenty-first preambular paragraph and operative paragraphs 35, 38 and 39."
    ]


# A paragraph ending in a colon whose list goes on under lettered headings, each list starting
# again at (a) (shaped like A/RES/78/317 annex, lines 921–1000).
HEADED_LISTS = """The General Assembly,

1. Adopts the Agenda annexed to the present resolution.

Annex

The Antigua and Barbuda Agenda for Small Island Developing States

III.
How do small island developing States get there?

32. Therefore, we, the international community, commit to the following actions:

A.
Build economic resilience

(a)
Reform the international financial architecture by:

(i) Considering how best vulnerability could be incorporated into existing practices;

(ii) Expanding multilateral lending to small island developing States;

(b) Increase effectiveness of development finance by:

(i) Improving donors’ aid effectiveness;

B.
Scale up climate action

(a) Accelerated actions towards full implementation of the Paris Agreement by:

(i) Taking urgent actions;

33. We will monitor progress.
"""


def test_a_list_right_under_a_heading_is_the_headings_list():
    doc, state = read_text(HEADED_LISTS)
    anchors = _anchors(doc)
    assert [a for a in anchors if a.startswith("annex-sec")] == [
        "annex-sec-iii-a-a",
        "annex-sec-iii-a-a-i",
        "annex-sec-iii-a-a-ii",
        "annex-sec-iii-a-b",
        "annex-sec-iii-a-b-i",
        "annex-sec-iii-b-a",
        "annex-sec-iii-b-a-i",
    ]
    item = next(p for p in doc.paragraphs() if p.anchor == "annex-sec-iii-a-b")
    assert item.citation == "annex, section III.A (b)"
    assert item.content.text == "Increase effectiveness of development finance by:"
    assert "annex-para33" in anchors
    assert "sub-numbering" not in _kinds(state) and "duplicate-number" not in _kinds(state)


def test_a_list_under_a_heading_not_from_a_stays_text():
    """`(c)` first under a heading is no list the heading holds: it stays an unnumbered paragraph."""
    doc, _ = read_text(HEADED_LISTS.replace("(a)\nReform", "(c)\nReform"))
    assert not any(a.startswith("annex-sec-iii-a-") for a in _anchors(doc))


UNDOTTED = """The General Assembly,

Recalling its resolution 79/1,

5.
Reaffirms the role of the General Assembly in encouraging the progressive development of international law;

6
Also reaffirms the important role of the International Law Commission;

7.
Further reaffirms the imperative of upholding the rule of law;

12
Member States attended the meeting.
"""


def test_a_paragraph_number_that_lost_its_full_stop_is_the_next_number():
    """`6` alone on its line, then `Also reaffirms …` (A/RES/80/167 and A/C.6/80/L.16, para. 6; A/RES/79/160,
    paras. 26 and 27): the next paragraph, not an unnumbered text starting with a number."""
    doc, state = read_text(UNDOTTED.replace("5.\n", "1.\n").replace("6\n", "2\n").replace("7.\n", "3.\n"))
    ops = [p for p in doc.paragraphs() if p.kind == "operative"]
    assert [p.anchor for p in ops] == ["op1", "op2", "op3"]
    assert ops[1].content.text == "Also reaffirms the important role of the International Law Commission;"
    assert "numbering" not in _kinds(state)


def test_a_number_that_lost_its_full_stop_on_the_line_of_its_text_is_the_next_number():
    """pypdf prints `6 Also reaffirms …` on one line (A/C.6/80/L.16): paragraph 6 before an operative verb;
    the next number before a count (`4 Member States attended`) stays the sentence's."""
    text = UNDOTTED.replace("5.\n", "1.\n").replace("6\n", "2 ").replace("7.\n", "3.\n")
    doc, state = read_text(text.replace("12\nMember", "4 Member"))
    ops = [p for p in doc.paragraphs() if p.kind == "operative"]
    assert [p.anchor for p in ops] == ["op1", "op2", "op3"]
    assert ops[1].content.text == "Also reaffirms the important role of the International Law Commission;"
    assert doc.paragraphs()[-1].content.text == "4 Member States attended the meeting."
    assert "numbering" not in _kinds(state)


def test_a_lone_number_that_is_not_the_next_stays_text():
    """`12` after paragraph 3 is not paragraph 4: the text keeps it."""
    doc, _ = read_text(UNDOTTED.replace("5.\n", "1.\n").replace("6\n", "2\n").replace("7.\n", "3.\n"))
    last = doc.paragraphs()[-1]
    assert last.kind == "text" and last.content.text.startswith("12 Member States")


def test_a_marker_after_the_decision_or_a_named_resolution_is_found():
    """`reiterates the decision 21 to provide` (A/RES/78/233 op41), `Dispute Resolution 5 as one`
    (A/RES/79/117 op3): no decision or resolution is cited by a bare number; `resolution 5` still is."""
    doc, state = read_text(
        _page(
            "Recalling the Agenda,20 and reiterates the decision 21 to provide support,\n\n"
            "Commends the statute of the Advisory Centre on Dispute Resolution 22 as one element,\n\n"
            "Recalling its resolution 23 and the report,23\n",
            "20 Resolution 70/1.\n\n21 Resolution 69/313, annex, para. 46.\n\n22 Ibid., annex III.\n\n23 A/99/1.",
        )
    )
    assert all(_refs(doc)[label] for label in ("20", "21", "22", "23"))
    texts = [b.content.text for b in doc.parts[0].blocks[1:4]]
    assert "the decision to provide" in texts[0] and "Dispute Resolution as one" in texts[1]
    assert "its resolution 23 and" in texts[2]
    assert "unreferenced-note" not in _kinds(state)


def test_a_star_naming_a_lettered_level_is_text_unless_the_document_has_a_star_note():
    """`Member States in level H* have a discount` under a table of levels (A/RES/79/250)."""
    body = "11. Decides that the levels set forth below apply:\n\nLevel H 80 (or 70 on a voluntary basis)\n\n"
    body += "12. Notes that Member States in level H* have a discount of 70 per cent;\n"
    doc, state = read_text(_page(body, "1 A/99/1."))
    assert "level H* have a discount" in " ".join(p.content.text for p in doc.paragraphs())
    assert "missing-note" not in _kinds(state)
    doc, _ = read_text(_page(body, "* Reissued for technical reasons."))
    assert [n.ref_ids for n in doc.notes if n.label == "*"] == [["fnref:star"]]  # with a star note, its marker


TABLE_OF_REPORTS = """Annex

Programme of work

Item 147 Financing of the Residual Mechanism

A/80/5/Add.15 Financial report and audited financial statements, and report of the Board of Auditors:

(q) Residual Mechanism for Criminal Tribunals 14 October

A/80/___ Report of the Advisory Committee

Item 26 Advancement of women (a) Advancement of women

(b) Implementation of the outcome of the Fourth World Conference on Women

(c) Follow-up to the Conference
"""


def test_a_letter_opening_no_list_under_unnumbered_text_is_text():
    """A table of documents read as text: a report's volume `(q)` and the sub-items of an agenda
    item whose `(a)` ran into the item's line start lines, but open no list (A/C.5/80/L.1, A/C.3/80/L.1)."""
    doc, state = read_text(TABLE_OF_REPORTS)
    texts = {p.content.text: p for p in doc.paragraphs()}
    for label in ("(q) Residual Mechanism", "(b) Implementation", "(c) Follow-up"):
        para = next(p for text, p in texts.items() if text.startswith(label))
        assert para.kind == "text" and "-" not in para.anchor.removeprefix("annex-")
    assert "sub-numbering" not in _kinds(state)


def test_a_list_under_a_numbered_paragraph_that_lost_its_first_items_is_still_said():
    doc, state = read_text("The General Assembly,\n\n1. Decides:\n\n(c) to act;\n\n(d) to report.\n")
    op1 = next(p for p in doc.paragraphs() if p.anchor == "op1")
    assert [c.anchor for c in op1.children] == ["op1-c", "op1-d"]
    assert _kinds(state).count("sub-numbering") == 1


APPROPRIATIONS = """The General Assembly

Resolves that, for 2026:

1. Appropriations totalling 3,450,426,300 United States dollars are hereby approved for the following purposes:

Section Amount (United States dollars)

Part I. Overall policymaking, direction and coordination
1 Overall policymaking, direction and coordination 92 738 500
Subtotal, part I 446 092 700

Part XIV. Staff assessment
36 Staff assessment 276 513 300

Total 3 450 426 300

2. The Secretary-General shall be authorized to transfer credits between sections of the budget.
"""


def test_a_tables_row_under_a_part_name_is_no_heading():
    """A table of appropriations whose rows ran into each part's name (A/C.5/80/L.6 PDF): the rows
    are text, and paragraph 2 is the resolution's, not part XIV's."""
    doc, state = read_text(APPROPRIATIONS)
    assert not [b for p in doc.parts for b in p.blocks if isinstance(b, Heading)]
    assert [p.anchor for p in doc.paragraphs() if p.kind == "para"] == ["para1", "para2"]
    assert any(p.content.text.startswith("Part XIV. Staff assessment 36") for p in doc.paragraphs())
    assert "numbering" not in _kinds(state)
    alone = APPROPRIATIONS.replace("\n1 Overall policymaking, direction and coordination 92 738 500", "")
    doc, _ = read_text(alone.replace("\nSubtotal, part I 446 092 700", ""))  # the part's name alone: a heading
    assert [b.anchor for p in doc.parts for b in p.blocks if isinstance(b, Heading)][:1] == ["part-i"]


INCOME = """The General Assembly

Resolves that, for 2026:

1. Estimates of income totalling 312,115,000 United States dollars are approved as follows:

Income section
Amount (United States dollars)
1. Income from staff assessment
278 735 200
2. General income
32 815 100
Total
312 115 000

2. The income from staff assessment shall be credited to the Tax Equalization Fund.
"""


def test_a_tables_column_headings_stay_with_the_paragraph_and_its_rows():
    """`… approved as follows:` / the table's column headings / its numbered rows / paragraph 2
    (A/C.5/80/L.6, resolution B): the headings and the rows are the paragraph's, in order."""
    doc, state = read_text(INCOME)
    para1 = next(p for p in doc.paragraphs() if p.anchor == "para1")
    assert [(c.anchor, c.kind) for c in para1.children] == [("para1-text1", "text"), ("para1-1", "sub")]
    assert para1.children[0].content.text == "Income section Amount (United States dollars)"
    assert para1.children[1].content.text.startswith("Income from staff assessment 278 735 200 2. General income")
    assert [p.anchor for p in doc.paragraphs() if p.kind == "para"] == ["para1", "para2"]
    assert not {"numbering", "duplicate-number"} & set(_kinds(state))
    # lines before the paragraphs' next number are no table's headings: they stay the document's text
    doc, _ = read_text(
        INCOME.replace("1. Income from staff assessment\n278 735 200\n2. General income\n32 815 100\n", "")
    )
    assert "text1" in {p.anchor for p in doc.paragraphs()}


# Page breaks of raw PDF text inside paragraphs, shaped like A/C.2/80/L.45 (a paragraph stopped at a
# comma, its next page opening with a capitalized name), A/80/L.7 (a list of GC(69)/… decisions) and
# A/RES/80/210 (a convention's title, `… Desertification, Particularly in Africa`).
BROKEN_PAGES = """United Nations A/C.2/99/L.45
General Assembly Distr.: Limited
1 November 2099
Original: English

Ninety-ninth session
Second Committee
Agenda item 9
Education for development
Xland: draft resolution
Education for development

The General Assembly,

Recalling its resolution 98/1,1

1. Calls for the full implementation of the United Nations Convention to Combat
Desertification in Those Countries Experiencing Serious Drought and/or Desertification,
Particularly in Africa;

2. Calls upon Member States to provide quality education at all levels so that all people,
and persons with disabilities, migrants,
__________________
1 A/98/236.

A/C.2/99/L.45

99-18547
2/3

Indigenous people, children and youth may have access to lifelong learning;

3. Takes note of the decisions adopted by the General Conference, including decisions
GC(99)/DEC/10, entitled "Amendment to Article XIV.A of the Statute";

A/C.2/99/L.45

99-18547
3/3

GC(99)/DEC/11, entitled "Promotion of efficiency", all as reflected in the official records;

4. Decides to include in the provisional agenda of its one hundredth session the item.

A/C.2/99/L.45

99-18547
3/3

46th plenary meeting
19 November 2099
"""


def test_a_paragraph_goes_on_over_a_page_break_and_a_plenary_line_does_not():
    """A numbered paragraph stopped at a comma, or going on with another body's symbol, is one paragraph
    over the page; `Particularly in Africa` ends a title, not a paragraph; `46th plenary meeting` is no
    bare number going on from the page before."""
    doc, state = read_text(BROKEN_PAGES, "A_C.2_99_L.45.txt")
    assert not {"numbering", "symbol-mismatch"} & set(_kinds(state))
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert [a for a in paras if a.startswith("op")] == ["op1", "op2", "op3", "op4"]
    assert paras["op1"].endswith("Desertification, Particularly in Africa;")
    assert paras["op2"].endswith(
        "disabilities, migrants, Indigenous people, children and youth may have access to lifelong learning;"
    )
    assert paras["op3"].endswith(
        'Statute"; GC(99)/DEC/11, entitled "Promotion of efficiency", all as reflected in the official records;'
    )
    assert paras["op4"].endswith("the item.")
    assert "46th plenary meeting 19 November 2099" in paras.values()


def test_a_numbered_paragraph_stopped_at_a_titles_colon_goes_on_over_the_page():
    """`… entitled Financing for Sustainable Development Report 2098:` / page break / `Financing for
    Development at a Crossroads, calls upon …` (A/C.2/80/L.9): the subtitle opens like a participle,
    but after a numbered paragraph's colon the next page's words are the clause's own."""
    text = BROKEN_PAGES.replace(
        "4. Decides to include",
        "4. Recalls the report of the Task Force entitled Financing for Sustainable Development Report 2098:\n\n"
        "A/C.2/99/L.45\n\n99-18547\n3/3\n\n"
        "Financing for Development at a Crossroads, calls upon the Task Force to report annually;\n\n"
        "5. Decides to include",
    )
    doc, _ = read_text(text, "A_C.2_99_L.45.txt")
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op4"].endswith(
        "Report 2098: Financing for Development at a Crossroads, calls upon the Task Force to report annually;"
    )
    assert [a for a in paras if a.startswith("op")] == ["op1", "op2", "op3", "op4", "op5"]
    assert not [t for t in paras.values() if t.startswith("Financing")]


LISTED_NUMBERS = """The General Assembly,

Recalling its resolution 98/1,1

Recalling also its resolution 98/2,2

1. Approves, for programmes 5, 3, 17 and 26 of the proposed programme budget, the narrative;

2. Approves the programme plan as contained in the report of the Secretary-General.3

__________________
1 A/98/1.
2 A/98/2.
3 A/99/6 (Sect. 8).
"""


def test_a_number_among_listed_numbers_is_no_marker():
    """`for programmes 2, 10, 17, 25 and 26` (A/RES/80/233): the 10 is a programme, and note 10's
    marker is the one after `Secretary-General.` further on."""
    doc, state = read_text(LISTED_NUMBERS)
    paras = {p.anchor: p for p in doc.paragraphs()}
    assert paras["op1"].content.text.startswith("Approves, for programmes 5, 3, 17 and 26 of")
    assert not paras["op1"].content.refs
    assert [r.label for r in paras["op2"].content.refs] == ["3"]
    assert not {"missing-note", "unreferenced-note"} & set(_kinds(state))


COUNTS_AND_NAMES = """The General Assembly,

Recalling its resolution 98/1,1

1. Reaffirms its 2 Sustainable Development Goals, Agenda 3 and the estimated annual 2 trillion dollar gap;

2. Welcomes the report of the Secretary-General,2 building on the Addis Ababa Action Agenda. 3

__________________
1 A/98/1.
2 A/99/2.
3 Resolution 69/313, annex.
"""


def test_a_count_or_a_name_before_a_number_makes_it_no_marker():
    """`its 17 Sustainable Development Goals`, `agenda 21`, `the estimated annual 4 trillion` (A/C.2/80/L.19,
    L.27, L.58): numbers of the text; the notes' markers are further on (`Action Agenda. 1` is one)."""
    doc, state = read_text(COUNTS_AND_NAMES)
    paras = {p.anchor: p for p in doc.paragraphs()}
    assert paras["op1"].content.text == (
        "Reaffirms its 2 Sustainable Development Goals, Agenda 3 and the estimated annual 2 trillion dollar gap;"
    )
    assert not paras["op1"].content.refs
    assert [r.label for r in paras["op2"].content.refs] == ["2", "3"]
    assert not {"missing-note", "unreferenced-note"} & set(_kinds(state))


# A paragraph quoting the title on its last line before a page break (A/C.1/80/L.30 line 62), and a
# later page whose running header repeats the symbol and the title.
TITLE_QUOTED = """United Nations A/C.1/99/L.30
General Assembly Distr.: Limited
20 October 2099
Original: English

Ninety-ninth session
First Committee
Agenda item 9
Xland: draft resolution
Implementation of the Convention on the Prohibition of the Use, Stockpiling,
Production and Transfer of Anti-Personnel Mines and on Their Destruction

The General Assembly,

Noting with satisfaction the work undertaken to implement the Convention on the
Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines

A/C.1/99/L.30

99-16557
2/3

and on Their Destruction and the substantial progress made towards addressing the
global anti-personnel landmine problem,

1. Invites all States to accede to the Convention without delay;

99-16557
3/3

A/C.1/99/L.30
Implementation of the Convention on the Prohibition of the Use, Stockpiling,
Production and Transfer of Anti-Personnel Mines and on Their Destruction

2. Decides to remain seized of the matter.
"""


def test_the_texts_own_line_quoting_the_title_is_no_running_header():
    """The line ending a paragraph before the page's foot repeats the title's words, but it is the
    paragraph's (no blank line parts them): it stays; the next page's header (symbol and title) goes."""
    doc, state = read_text(TITLE_QUOTED, "A_C.1_99_L.30.txt")
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["pp1"] == (
        "Noting with satisfaction the work undertaken to implement the Convention on the Prohibition of the Use, "
        "Stockpiling, Production and Transfer of Anti-Personnel Mines and on Their Destruction and the substantial "
        "progress made towards addressing the global anti-personnel landmine problem,"
    )
    assert paras["op2"] == "Decides to remain seized of the matter."
    assert any("Anti-Personnel Mines and on Their Destruction" in line.text for line in state.furniture)


def test_a_resolution_number_alone_on_its_line_inside_a_sentence_is_kept():
    """Text extracted one word a line (A/RES/80/72): `73/89` has a page number's shape, but the
    sentence's own lines stand right above and below it: it is the resolution's number."""
    text = (
        "The General Assembly,\n\nRecalling\nalso\nits\nresolution\n73/89\nof\n6 December\n2018,\n"
        "entitled “Peace in the Middle East”,\n\n1. Decides to remain seized of the matter.\n"
    )
    doc, _ = read_text(text)
    assert next(p for p in doc.paragraphs() if p.anchor == "pp1").content.text == (
        "Recalling also its resolution 73/89 of 6 December 2018, entitled “Peace in the Middle East”,"
    )


def test_a_running_header_glued_to_the_text_is_still_the_header():
    """pypdf prints no blank line around a page's running header (`… to conserve` / the title / `… A/RES/…`
    / the page number): the title's lines run on into the symbol's line, so they are the header's."""
    text = TITLE_QUOTED.replace(
        "Noting with satisfaction the work undertaken to implement the Convention on the\n"
        "Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines\n\n"
        "A/C.1/99/L.30\n\n99-16557\n2/3\n\n",
        "Noting with satisfaction the work undertaken to implement the Convention\n"
        "Implementation of the Convention on the Prohibition of the Use, Stockpiling,\n"
        "Production and Transfer of Anti-Personnel Mines A/C.1/99/L.30\n"
        "2/3 99-16557\n",
    )
    doc, _ = read_text(text, "A_C.1_99_L.30.txt")
    assert next(p for p in doc.paragraphs() if p.anchor == "pp1").content.text == (
        "Noting with satisfaction the work undertaken to implement the Convention and on Their Destruction and "
        "the substantial progress made towards addressing the global anti-personnel landmine problem,"
    )


# A page of pdftotext's text whose notes' numbers stand alone, one printed after the last note,
# the rule glued to the text's last word (pdftotext drops the hyphen it ended on); shaped like
# A/C.1/80/L.40 and A/RES/80/102, words invented.
LOST_LABEL = """The General Assembly,
Recalling the treaties of Tlatelolco,1 Rarotonga,2 Bangkok3 and Pelindaba4 and the status of the Non-Self_______________
1
See A/98/914, annex.
The Disarmament Yearbook, vol. 10: 2085 (United Nations publication, Sales No. E.86.IX.7), appendix VII.
3
United Nations, Treaty Series, vol. 9981 (NPT/CONF.2090/50 (Vol. I), NPT/CONF.2090/50 (Vol. II)
and NPT/CONF.2090/50 (Vol. III)), annex.
4
A/98/426, annex.
2

25-16647 (E)
\f
Governing Territories,
1.
Requests the Secretary-
General to report to the Assembly at its hundredth session.
"""


def test_notes_whose_numbers_stand_alone_out_of_order_keep_their_numbers():
    """`1` / two notes / `3` / … / `2` (printed last): the numbers in order go with the notes in order; a
    note whose bracket is still open at a line end (`… (Vol. II)` / `and … (Vol. III)), annex.`) goes on."""
    doc, _ = read_text(LOST_LABEL)
    assert [(n.label, n.content.text) for n in doc.notes] == [
        ("1", "See A/98/914, annex."),
        ("2", "The Disarmament Yearbook, vol. 10: 2085 (United Nations publication, Sales No. E.86.IX.7), appendix VII."),
        ("3", "United Nations, Treaty Series, vol. 9981 (NPT/CONF.2090/50 (Vol. I), NPT/CONF.2090/50 (Vol. II) "
              "and NPT/CONF.2090/50 (Vol. III)), annex."),
        ("4", "A/98/426, annex."),
    ]  # fmt: skip


def test_a_rule_glued_to_the_last_word_gives_the_word_its_hyphen_back():
    """`… status of the Non-Self_______________` / notes / `Governing Territories,`: one paragraph,
    `Non-Self-Governing`, and the rule opens the notes."""
    doc, _ = read_text(LOST_LABEL)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["pp1"].endswith("and the status of the Non-Self-Governing Territories,")
    assert [r.label for r in doc.paragraphs()[1].content.refs] == ["1", "2", "3", "4"]


def test_a_rule_joined_to_the_last_word_by_a_space_gives_the_word_its_hyphen_back():
    """`… submit in writing to the Secretary __________________` / notes / `General any further comments`
    (A/C.6/80/L.19 as pdftotext prints it): pdftotext set a space for the hyphen; one paragraph,
    `Secretary-General`, and every note read."""
    text = LOST_LABEL.replace("status of the Non-Self_______________", "status of the Non-Self _______________")
    doc, _ = read_text(text)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["pp1"].endswith("and the status of the Non-Self-Governing Territories,")
    assert [n.label for n in doc.notes] == ["1", "2", "3", "4"]


# pdftotext prints a page's number right under the notes rule, before the notes, whose numbers stand
# alone; a note's line ends on a closing quote (shaped like A/C.2/80/L.40 and A/RES/80/109, words invented).
NUMBER_UNDER_RULE = """The General Assembly,
Recalling the regional framework 1 and the review of its implementation,2
__________________

6/12

1

Food and Agriculture Organization of the United Nations, “A regional framework among
regional fishery bodies – scaling up cooperation”
(Rome, 2093).
2

A/99/255.
99-17006
\f
A/C.2/99/L.40
1.
Decides to remain seized of the matter.
"""


def test_notes_under_a_page_number_printed_below_the_rule_are_notes():
    """Rule / page number / `1` / a note of three lines, one ending on a quote / `2` / a note: two notes,
    each with its text whole, each referenced."""
    doc, _ = read_text(NUMBER_UNDER_RULE, "A_C.2_99_L.40.txt")
    assert [(n.label, n.content.text) for n in doc.notes] == [
        ("1", "Food and Agriculture Organization of the United Nations, “A regional framework among regional "
              "fishery bodies – scaling up cooperation” (Rome, 2093)."),
        ("2", "A/99/255."),
    ]  # fmt: skip
    assert all(refs for refs in _refs(doc).values())


def test_a_hyphen_at_a_line_end_joins_a_capitalised_word():
    """`the Secretary-` / `General to report`: `Secretary-General`, as printed (not `Secretary- General`)."""
    doc, _ = read_text(LOST_LABEL)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op1"] == "Requests the Secretary-General to report to the Assembly at its hundredth session."


# Groups of preambular paragraphs divided by a centred asterism (shaped like A/RES/78/148): the text
# extractor prints `* * *` right under the last line of a paragraph, the PDF front end hands it
# over as a block of its own.
ASTERISM = """The General Assembly,

Recalling its resolutions on transport corridors,

Recognizing the role of transport in the least developed
countries,
* * *

Recognizing also the role of energy transportation hubs,

1. Calls upon Member States to cooperate;

2. Decides to remain seized of the matter.
"""


@pytest.mark.parametrize("printed", ["* * *", "***", "⁂"])  # `***`: pdftotext drops the spaces
def test_an_asterism_divides_paragraphs_and_is_none_of_them(printed):
    doc, state = read_text(ASTERISM.replace("* * *", printed))
    paras = doc.paragraphs()
    assert [p.anchor for p in paras] == ["", "pp1", "pp2", "pp3", "op1", "op2"]
    assert paras[2].content.text == "Recognizing the role of transport in the least developed countries,"
    assert [p.anchor for p in paras if p.divided] == ["pp2"]
    assert not state.diagnostics.warnings


def test_an_asterism_above_the_notes_is_no_note():
    """pdfminer.six can print the asterism after the page's last paragraph, right above its notes rule."""
    text = ASTERISM.replace("* * *\n", "").replace(
        "Decides to remain seized of the matter.\n",
        "Decides to remain seized of the matter.\n\n* * *\n\n_______________\n1 See A/79/594.\n",
    )
    doc, _ = read_text(text.replace("Recalling its resolutions", "Recalling its resolutions1"))
    assert [(n.label, n.content.text) for n in doc.notes] == [("1", "See A/79/594.")]
    assert [p.anchor for p in doc.paragraphs() if p.divided] == ["op2"]


def test_the_page_prints_the_asterism_between_the_groups():
    from builder import conservation
    from builder.render.page import render_page

    doc, state = read_text(ASTERISM)
    page = render_page(doc)
    first, second = page.index('id="pp2"'), page.index('id="pp3"')
    assert page.count('<p class="unp-asterism">* * *</p>') == 1
    assert first < page.index('<p class="unp-asterism">') < second
    assert conservation.first_difference(state.source_words, conservation.page_words(page)) == ""


def test_an_asterism_block_from_any_front_end_is_no_paragraph():
    from builder.errors import Diagnostics
    from builder.model import Metadata
    from builder.reading import SHARED_STAGES
    from builder.reading.state import Block, ReadState

    texts = ["The General Assembly,", "Recalling its resolution 70/1,", "* * *", "Noting the report,", "1. Decides so."]
    state = ReadState(Diagnostics(Path("doc.pdf")), Metadata(Path("doc.pdf")))
    state.blocks = [Block(text, n, "text", text, text) for n, text in enumerate(texts, start=1)]
    for stage in SHARED_STAGES:
        stage.run(state)
    paras = [p for part in state.parts for p in part.blocks]
    assert [(p.anchor, p.divided) for p in paras] == [("", False), ("pp1", True), ("pp2", False), ("op1", False)]


def test_an_asterism_before_any_paragraph_is_a_warning_with_its_line():
    _, state = read_text(ASTERISM.replace("The General Assembly,\n", "* * *\n\nThe General Assembly,\n", 1))
    warnings = [(w.kind, w.place.line) for w in state.diagnostics.warnings]
    assert warnings == [("asterism", 1)]
