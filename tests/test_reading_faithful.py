"""Faithful reading of the raw PDF text: numbered paragraphs run 1..N in each part, every note
is tied to its marker, and what the source itself gets wrong stays a precise warning.

Each test reads invented text shaped like the corpus documents named in its docstring."""

from __future__ import annotations

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
    assert ["annex-para1", "annex-para2", "annex-para3"] == [a for a in anchors if a.startswith("annex-para")]
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
    assert ["annex-rule-7-para1", "annex-rule-7-para2", "annex-rule-8-para1", "annex-rule-8-para2"] == [
        a for a in anchors if "-para" in a
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
