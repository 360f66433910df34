"""Paragraph-start rules and the layout and front-matter stages, each held to what it promises.

Every rule of `builder.reading.starts.PARAGRAPH_STARTS` is shown the shape it
exists for and the near miss it must leave alone (a line that only looks like
a paragraph start, in the middle of a sentence).
"""

from __future__ import annotations

import pytest
from conftest import ROOT, stage_state

from builder.reading import starts

CASES = [
    # rule, paragraph so far, next line, starts a paragraph?
    ("numbered_start", ["Recalling its resolution 70/1,"], "1. Decides to act;", True),
    ("numbered_start", ["trafficking in persons.8"], "6.", True),
    ("numbered_start", ["in accordance with its resolution 70/1 and"], "2. Decides", False),
    ("numbered_start", ["9. Notes that there are: (a) 1.3 billion adults;"], "(b) 800 million adults;", False),
    ("numbered_start", ["(a) To report on the matter;"], "(b) To act;", True),
    ("numbered_start", ["(vii) Any applicable industry standard; or"], "(b) Proven in fact to have fulfilled", True),
    ("numbered_start", ["in accordance with rules and"], "(b) of article 5", False),
    ("unstopped_number_start", ["5. Reaffirms the role of the General Assembly;"], "6 Also reaffirms the role", True),
    ("unstopped_number_start", ["5. Notes that the cost of the meetings was shared by"], "14 Member States;", False),
    ("unstopped_number_start", ["5. Reaffirms the role of the General Assembly;"], "14 Member States have", False),
    ("unstopped_number_start", ["5. Notes the report of the meeting."], "6 Member States attended it", False),
    ("after_heading_start", ["IV. Remittances"], "298. We recognize that remittances", True),
    ("after_heading_start", ["Priority area 1: Structural transformation and science, technology", "and innovation"],
     "36. We recognize", True),
    ("after_heading_start", ["considering all the issues before it in its report on"], "2. the", False),
    ("section_after_heading_start", ["Priority area 2: Trade, trade facilitation and regional integration"], "I.", True),
    ("section_after_heading_start", ["Annex"], "I.", False),
    ("section_number_start", ["at its thirty-sixth session, to accelerate this work,"], "I", True),
    ("section_number_start", ["Welcomes the report;"], "II.", True),
    ("section_number_start", ["as set out in annex"], "II", False),
    ("section_number_start", ["and supply of consumer products throughout their life cycle."],
     "II. Product safety regulation and standards", True),
    ("section_number_start", ["as set out in the recommendations of chapter"], "II. Product safety", False),
    ("section_number_start", ["as set out in its resolution."], "II. the product safety", False),
    ("section_number_start", ["Measures (the Tokyo Rules)."], "B. Individualized approaches", True),
    ("under_section_heading_start", ["A. Base/floor salary scale"], "Recalling its resolution 44/198, by", True),
    ("under_section_heading_start", ["A. Base/floor salary scale;"], "Recalling its resolution 44/198, by", False),
    ("annex_start", ["the present resolution."], "Annex", True),
    ("annex_start", ["15 December 2025"], "Annex II", True),
    ("annex_start", ["as contained in the"], "Annex I", False),
    ("operative_after_preamble_start", ["Recalling its resolution 79/232,", "Having received the opinion,"],
     "Decides:", True),
    ("operative_after_preamble_start", ["Having considered the report of the Committee and the recommendation",
     "contained therein,"], "Approves the report of the Committee.", True),
    ("operative_after_preamble_start", ["1. Requests the Secretary-General,"], "Notes with concern", False),
    ("operative_after_preamble_start", ["in Ukraine;"], "Stresses the importance of continued support", True),
    ("operative_after_preamble_start", ["in Ukraine;"], "States Parties to the Treaty", False),
    ("operative_after_preamble_start", ["Recalling the report entitled"], "Notes on the Work of the Board", False),
    ("formula_start", ["Peace and Security"], "The Security Council,", True),
    ("formula_start", ["Peace and Security"], "The General Assembly, at its 2nd plenary meeting, decides", True),
    ("formula_start", ["Draft programme of work of the Committee"], "The General Assembly:", True),
    ("after_formula_start", ["The General Assembly,"], "Recalling its resolution 70/1,", True),
    ("after_formula_start", ["The General Assembly, at its 2nd plenary meeting,"], "upon the recommendation", True),
    ("after_formula_start", ["The Hague, 15 May 2023,"], "in the presence of", False),
    ("formula_start", ["held in"], "The Hague, 15 May 2023,", False),
    ("opening_phrase_start", ["the Charter of the United Nations,"], "Recalling its resolution 70/1,", True),
    ("under_section_heading_start", ["XIII", "Programme budget implications arising from", "the report for 2025"],
     " Having considered the statement submitted by", True),
    ("under_section_heading_start", ["XIV", "Gross jointly financed budget of the Commission"], "Approves the budget", True),
    ("under_section_heading_start", ["XIII"], "Recalling its resolution 70/1,", False),
    ("division_start", ["Chapter I", "General provisions"], "Article 1", True),
    ("division_start", ["of transport if the goods are carried by sea."], "Chapter II", True),
    ("division_start", ["2. Rights of the holder shall be as agreed in accordance with"], "Article 5", False),
    ("division_start", ["Chapter I", "General provisions"], "Article 1 applies to the holder", False),
    ("under_division_title_start", ["Article 16", "Endorsement requirements"], "For the purposes of this", True),
    ("under_division_title_start", ["Article 18", "General reliability standard"], "The method referred to", True),
    ("under_division_title_start", ["Article 15", "Relationship to the"], "Hague Rules and the", False),
    ("under_division_title_start", ["Article 15", "Relationship with other"], "Rotterdam Rules", False),
    ("under_division_title_start", ["Part XIV", "Staff assessment"], "Income section 2", False),
    ("under_division_title_start", ["Article 2", "Definitions", "of terms"], "For the purposes of this", False),
    ("under_section_heading_start", ["Programme budget implications arising from", "the report for 2025"],
     "Having considered the statement", False),
    ("under_section_heading_start", ["II", "The Assembly, noting its resolution 70/1,"], "Recalling also", False),
    ("opening_phrase_start", ["workers in all sectors,"], "Ever mindful that the Treaty", True),
    ("opening_phrase_start", ["the Development, Production,"], "Stockpiling and Use of Chemical Weapons", False),
    ("opening_phrase_start", ["against women.1"], "According to the global database", False),
    ("opening_phrase_start", ["of the United Nations in the Territory?"], "Commending the Court for its decision", True),
    ("opening_phrase_start", ["respectively,"], "Re-emphasizing its unequivocal support", True),
    ("opening_phrase_start", ["in Syrian-led,"], "Syrian-owned accountability and justice;", False),
    ("opening_phrase_start", ["in international relations,"], "Seized of the danger of the use of weapons", True),
    ("we_start", ["conditions;"], "We therefore commit to urgently:", True),
    ("we_start", ["36. We recognize the role of remittances."], "We also commit to act", False),
    ("we_start", ["Outcome document of the high-level meeting on the", "World Summit"], "We, the Ministers", True),
    ("we_start", ["Section 11", "support for the African Union’s Agenda 2063: The Africa"], "We Want", False),
    ("we_start", ["1. Decides that the meeting shall adopt a declaration"], "We, the Ministers", False),
    ("following_title_start", ["Adopts the following outcome document of the", "meeting at its eightieth session:"],
     "Outcome document of the high-level meeting", True),
    ("following_title_start", ["Adopts the following outcome document of the meeting:"], "(a) To act", False),
    ("following_title_start", ["Recalling the following documents:"], "Report of the Secretary-General", False),
    ("note_definition_start", ["of the Council;"], "* Any changes to the list of sponsors", True),
    ("note_definition_start", ["[^1]: See A/HRC/98/44."], "[^2]: A/98/77, annex.", True),
    ("note_definition_start", ["observed on 26 April, and"], "* Any changes to the list of sponsors", True),
    ("note_definition_start", ["observed on 26 April, and"], "¹ See A/98/77.", False),
    ("amendment_start", ["United Nations personnel"], "Delete operative paragraph 9.", True),
    ("amendment_start", ["Replace operative paragraph 200 with the following text:"], "Welcomes, in this regard,", True),
    ("amendment_start", ["the Council will"], "Deliver its report", False),
    ("amendment_start", ["render an advisory opinion on the following question:"], "What are the obligations", True),
    ("amendment_start", ["After operative paragraph 70, insert the following operative paragraph:"],
     "Stresses that there is", True),
    ("action_start", ["place people at the centre of all our actions."], "Action 1. We will take bold", True),
    ("action_start", ["the Addis Ababa"], "Action Agenda and the Paris Agreement;", False),
    ("next_item_start", ["(a)", "Operational activities for development of the system"], "(b) South-South", True),
    ("next_item_start", ["(a) Operational activities for development under"], "(c) of article 5", False),
    ("next_item_start", ["(a) The measures set out in subparagraph"], "(b) of paragraph 2 above", False),
    ("next_item_start", ["(iv) the number of packages or pieces; and"], "(v) the gross weight", True),
    ("item_start", ["Literacy for life: shaping future agendas."], "Item 2.", True),
    ("item_start", ["(b) South-South cooperation for development"], "Item 23: Operational activities", True),
    ("item_start", ["as set out under"], "Item 2 of the provisional agenda", False),
    ("plenary_start", ["the present resolution."], "51st plenary meeting", True),
    ("plenary_start", ["the present resolution."], "69th (resumed) plenary meeting", True),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "before", "line", "starts_here"), CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_each_rule_starts_what_it_promises_and_nothing_else(rule, before, line, starts_here):
    found = dict(starts.PARAGRAPH_STARTS)[rule](before, line)
    assert found is starts_here


def test_every_rule_has_a_case():
    assert {name for name, _ in starts.PARAGRAPH_STARTS} == {case[0] for case in CASES}


def test_layout_stage_leaves_columns_apart_and_no_margin():
    state = stage_state(ROOT / "tests" / "forms" / "ga-resolution.pdftotext-layout.txt", "layout")
    texts = [ln.text for ln in state.lines]
    assert state.laid_out
    assert not [t for t in texts if t.startswith(" ")]
    assert "United Nations" in texts and "A/RES/99/17" in texts, "the masthead's two columns are two lines"


def test_layout_stage_leaves_other_text_alone():
    path = ROOT / "tests" / "forms" / "ga-resolution.pypdf.txt"
    state = stage_state(path, "layout")
    assert not state.laid_out
    assert [ln.text for ln in state.lines] == [t.rstrip() for t in path.read_text(encoding="utf-8").split("\n")]


def test_front_matter_stage_blanks_the_metadata_and_keeps_line_numbers():
    path = ROOT / "tests" / "forms" / "c3-draft.frontmatter.md"
    state = stage_state(path, "front matter")
    raw = path.read_text(encoding="utf-8").split("\n")
    assert [ln.number for ln in state.lines] == list(range(1, len(raw) + 1))
    assert not [ln for ln in state.lines[:4] if ln.text], "the front matter is no longer text"
    assert state.meta.symbol == "A/C.3/99/L.5"


def _lines_of_the_test_documents() -> list[str]:
    paths = sorted((ROOT / "tests" / "forms").glob("*.txt")) + sorted((ROOT / "source_docs").glob("*.txt"))
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_rule_fires_only_on_a_line_opening_as_it_declares():
    """`OPENS` lets the grouping skip the rules a line's first character rules out: each claim must hold."""
    lines = _lines_of_the_test_documents() + [case[2] for case in CASES] + ["  “1. Decides", "\t(b) to act"]
    befores = [[line] for line in lines[:400]] + [case[1] for case in CASES]
    for name, rule in starts.PARAGRAPH_STARTS:
        opens = starts.OPENS.get(name)
        if opens is None:
            continue
        for line in lines:
            if not opens.fullmatch(line.lstrip()[:1]):
                assert not any(rule(before, line) for before in befores), (name, line)


def test_rules_for_keeps_the_order_and_drops_only_what_the_opening_rules_out():
    assert starts.rules_for("") == tuple(rule for _, rule in starts.PARAGRAPH_STARTS)
    assert starts.rules_for("w") == (starts.after_formula_start,)
    assert starts.rules_for("5") == (
        starts.numbered_start,
        starts.unstopped_number_start,
        starts.after_heading_start,
        starts.after_formula_start,
        starts.plenary_start,
    )
