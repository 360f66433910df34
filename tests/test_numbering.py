"""Numbering integrity: paragraphs of each part run 1..N, or the build says where they do not.

Shapes taken from raw PDF text of real declarations: a paragraph number alone
on its line after a paragraph that ends with a note digit, a number and its
text parted by a page break, preambular paragraphs with no blank line between.
"""

from __future__ import annotations

from conftest import read_text

DECLARATION = """United Nations A/RES/99/5

General Assembly

Distr.: General
1 December 2099

Resolution adopted by the General Assembly on 1 December 2099

99/5. Declaration on trafficking in persons

The General Assembly,
Adopts the following declaration:

Annex

Declaration on trafficking in persons

4. We are concerned at the scale of trafficking in persons.7
5. We commit to prevent and combat trafficking in persons.8
6.
We recall our obligations under the Protocol,9 and resolve
to implement them fully;
7.
We welcome the work of the Office;

__________________
7 A/99/10.
8 A/99/11.
9 Resolution 55/25, annex II.
99-12345
2/3

8. We invite all States to join the Protocol,10 and to implement its provisions in
__________________
10 A/99/12.
99-12345
3/3

full; we request the Secretary-General to report on it.
"""


def anchors(doc):
    return [p.anchor for p in doc.paragraphs() if p.anchor]


def test_a_number_alone_after_a_note_digit_starts_its_own_paragraph():
    doc, state = read_text(DECLARATION, name="decl.txt")
    assert anchors(doc) == ["pp1", "annex-para4", "annex-para5", "annex-para6", "annex-para7", "annex-para8"]
    by_id = {p.anchor: p for p in doc.paragraphs()}
    assert by_id["annex-para6"].content.text.startswith("We recall our obligations under the Protocol,")
    assert by_id["annex-para8"].content.text.endswith("we request the Secretary-General to report on it.")
    assert [r.label for r in by_id["annex-para5"].content.refs] == ["8"]
    assert all(note.ref_ids for note in doc.notes)
    numbering = [w.render() for w in state.diagnostics.warnings if "numbering" in w.kind]
    assert numbering == ["decl.txt:19: warning [numbering]: paragraph number starts at 4 (expected 1, found 4)"]


PREAMBLE_WITHOUT_BLANK_LINES = """The Security Council,
Recalling its resolutions 9990 (2098) and 9995 (2098) and the statement of its President
S/PRST/2098/3,
Welcoming the report of the Secretary-General (S/2099/123),
Deeply concerned at the situation in the Region,
1.     Decides to extend the mandate of the Mission until 31 December 2099;
2.     Requests the Secretary-General:
(a)     to report every three months;
(c)     to keep the Council informed;
(i)     of the situation;
(iii)     of the Mission;
4.     Decides to remain seized of the matter.
"""


def test_council_text_without_blank_lines_and_its_gaps_are_reported():
    doc, state = read_text(PREAMBLE_WITHOUT_BLANK_LINES, name="council.txt")
    assert doc.meta.symbol == ""
    assert anchors(doc) == ["pp1", "pp2", "pp3", "op1", "op2", "op2-a", "op2-c", "op2-c-i", "op2-c-iii", "op4"]
    assert [w.render() for w in state.diagnostics.warnings] == [
        "council.txt:9: warning [sub-numbering]: sub-paragraph (c) of op2 out of sequence (expected (b), found (c))",
        "council.txt:11: warning [sub-numbering]: "
        "sub-paragraph (iii) of op2-c out of sequence (expected (ii), found (iii))",
        "council.txt:12: warning [numbering]: paragraph number jumps from 2 to 4 (expected 3, found 4)",
    ]


AGENDA = """The General Assembly,

Recalling its resolution 77/1,

10. Welcomes the work of the Commission;

11. Approves the following provisional agenda for the Congress, finalized by the Commission:

1.
Opening of the Congress.

2.
Organizational matters.

3.
Adoption of the report of the Congress.

Objectives

12. Decides that the following issues shall be considered in workshops:

(a) Building resilient societies;

(b) Criminal justice in the digital age.

Annex

Amendments to the terms of reference of the Trust Fund

Amend paragraph 8 to read:

Independent panel

8. The Secretary-General may engage an independent panel to examine applications.
"""


def test_a_list_a_paragraph_introduces_hangs_under_it_and_the_numbering_goes_on():
    doc, _state = read_text(AGENDA.replace("10. Welcomes", "1. Welcomes").replace("\n11.", "\n2.").replace("12.", "4."))
    op2 = next(p for p in doc.paragraphs() if p.anchor == "op2")
    assert [(c.anchor, c.label, c.content.text) for c in op2.children] == [
        ("op2-1", "1.", "Opening of the Congress."),
        ("op2-2", "2.", "Organizational matters."),
    ]
    # 1, 2 then 3: the text cannot tell items from paragraphs, so 3 is read as the paragraph it may be
    assert [p.anchor for p in doc.paragraphs() if p.kind == "operative"] == ["op1", "op2", "op3", "op4"]


def test_a_gap_after_a_list_read_as_paragraphs_is_still_reported():
    _doc, state = read_text(AGENDA.replace("10. Welcomes", "1. Welcomes").replace("\n11.", "\n2.").replace("12.", "5."))
    numbering = [w.message for w in state.diagnostics.warnings if w.kind == "numbering"]
    assert numbering == ["paragraph number jumps from 3 to 5 (expected 4, found 5)"]


def test_agenda_items_under_paragraph_11_then_paragraph_12():
    paragraphs = "".join(f"{n}. Requests report {n};\n\n" for n in range(1, 10))
    doc, state = read_text(AGENDA.replace("10. Welcomes", paragraphs + "10. Welcomes"))
    op11 = next(p for p in doc.paragraphs() if p.anchor == "op11")
    assert [(c.anchor, c.citation) for c in op11.children] == [
        ("op11-1", "operative paragraph 11, item 1"),
        ("op11-2", "operative paragraph 11, item 2"),
        ("op11-3", "operative paragraph 11, item 3"),
    ]
    assert [c.anchor for c in next(p for p in doc.paragraphs() if p.anchor == "op12").children] == ["op12-a", "op12-b"]
    kinds = {w.kind for w in state.diagnostics.warnings}
    assert not kinds & {"numbering", "duplicate-number", "sub-numbering"}
    # The amendment quotes paragraph 8 with its own number: not a gap in the annex
    assert "annex-para8" in [p.anchor for p in doc.paragraphs()]


def test_a_list_after_a_colon_that_the_numbering_never_comes_back_from_is_reported():
    text = "The General Assembly,\n\n1. Decides a;\n\n2. Approves the following agenda:\n\n1. Opening.\n\n2. Closing.\n"
    doc, state = read_text(text)
    assert [w.kind for w in state.diagnostics.warnings if w.kind == "numbering"] == ["numbering"]
    assert not any(p.children for p in doc.paragraphs())


def test_a_number_that_lost_its_full_stop_before_an_italic_verb_is_the_next_paragraph():
    """`6` / `*Also reaffirms* …` (A/RES/80/167 as its PDF prints it: the opening verb in italics)."""
    text = "The General Assembly,\n\nRecalling x,\n\n1. Reaffirms the role;\n\n2\n*Also reaffirms* the role of the Commission;\n"
    doc, state = read_text(text)
    assert [(p.anchor, p.opening) for p in doc.paragraphs() if p.kind == "operative"] == [
        ("op1", "Reaffirms"),
        ("op2", "Also reaffirms"),
    ]
    assert not state.diagnostics.warnings
