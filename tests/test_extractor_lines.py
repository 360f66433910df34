"""Lines as extractors print them: out of order (`builder.reading.order`), put back and nothing else
moved; a hyphen pdfium marked at a line end, or pdftotext dropped inside a compound (`builder.reading.lines`).

The texts are shaped like pdftotext's and pdfminer.six's output of real resolutions (no blank line
between a paragraph's number and its text, a short last line printed before the first), words invented.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import read_text

from builder.reading.furniture import BREAK
from builder.reading.order import detached_tails
from builder.reading.state import Line

HEAD = """The General Assembly,

Recalling its resolution 70/1,
1.
Welcomes the report of the Secretary-General;
2.
session.

4/4

Decides to continue its consideration of the question at its eighty-first

25-17758
"""


def test_a_tail_printed_before_its_first_line_is_put_back():
    """`2.` / `session.` / … / `Decides to continue … eighty-first`: paragraph 2 reads as printed."""
    doc, _ = read_text(HEAD)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op2"] == "Decides to continue its consideration of the question at its eighty-first session."
    assert [p.anchor for p in doc.paragraphs()] == ["", "pp1", "op1", "op2"]


def _lines(text: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(text.split("\n"), start=1)]


def _after(text: str) -> list[str]:
    class State:
        lines = _lines(text)

    state = State()
    detached_tails(state)  # type: ignore[arg-type]
    return [ln.text for ln in state.lines]


def test_the_rule_moves_lines_and_loses_none():
    """As the rule sees the text: the page's furniture already a break."""
    text = HEAD.replace("4/4", BREAK).replace("25-17758", BREAK)
    before = [ln.text for ln in _lines(text)]
    after = _after(text)
    assert Counter(after) == Counter(before)
    at = after.index("2.")
    assert after[at : at + 3] == [
        "2.",
        "Decides to continue its consideration of the question at its eighty-first",
        "session.",
    ]


def test_a_tail_of_one_name_is_put_back():
    """`4.` / `Agency;` / … / `Appeals to Member States to continue to support the activities of the`."""
    text = "3.\nNotes the report;\n4.\nAgency;\n\nAppeals to Member States to continue to support the activities of the\n\n5.\n"
    assert _after(text)[2:5] == [
        "4.",
        "Appeals to Member States to continue to support the activities of the",
        "Agency;",
    ]


def test_a_first_line_ending_its_sentence_is_a_paragraph_of_its_own():
    """The line after the tail ends in a full stop: it is not the tail's paragraph's beginning."""
    text = HEAD.replace("at its eighty-first", "at its eighty-first session.")
    assert _after(text) == text.split("\n")


def test_a_heading_after_the_tail_stays_where_it_is():
    """`4.` / `with the depositary.` / `Article 21` / `Participation by …`: a heading, no running text."""
    text = "3.\nText of paragraph three.\n4.\nwith the depositary.\n\nArticle 21\nParticipation by organizations\n"
    assert _after(text) == text.split("\n")


def test_tails_under_every_number_are_left_alone():
    """pdfminer.six scrambles some pages so that each number's tail is the paragraph's before:
    whose tail is whose cannot be told."""
    text = (
        "1.\ntransport contract.\n\n“Consignee” means a person named in the transport contract as the person\n\n"
        "2.\nentitled to take delivery of the goods.\n\n3.\n“Electronic record” means information generated\n"
    )
    assert _after(text) == text.split("\n")


def test_a_number_followed_by_its_own_text_is_untouched():
    text = "2.\nDecides to remain seized of the matter.\n\nsession of the Assembly, as follows\n"
    assert _after(text) == text.split("\n")


def test_a_hyphen_pdfium_marked_at_a_line_end_is_a_hyphen():
    """pypdfium2 writes a hyphen that ended a printed line as U+0002 and joins the lines: the hyphen stays
    (`Secretary-General`, `capacity-building`), as the PDF front end keeps it; other control characters go."""
    doc, _ = read_text(
        "The General Assembly,\n\n1. Requests the Secretary\x02General to support capacity\x02building\x07 efforts.\n"
    )
    assert doc.paragraphs()[1].content.text == "Requests the Secretary-General to support capacity-building efforts."


def test_a_hyphen_pdftotext_dropped_inside_a_compound_the_document_prints_goes_back():
    """pdftotext drops a line-end hyphen and joins the halves (`SecretaryGeneral`, `SouthSouth`): where the
    document prints the compound with its hyphen elsewhere it goes back; a name in one piece stays, and so
    does a joined compound the document never prints otherwise (nothing tells it was one)."""
    doc, _ = read_text(
        "The General Assembly,\n\n"
        "1. Requests the Secretary-General to support South-South cooperation through SaferGuard;\n\n"
        "2. Also requests the SecretaryGeneral to report on SouthSouth and TriangularCooperation.\n"
    )
    assert doc.paragraphs()[2].content.text == (
        "Also requests the Secretary-General to report on South-South and TriangularCooperation."
    )
    assert doc.paragraphs()[1].content.text.endswith("through SaferGuard;")


# pdfminer.six sets blank lines between a paragraph's lines; a short last line then looks like a
# paragraph's end (`builder.reading.joining.wrapped_lines`).
WRAPPED = """The General Assembly,

Recalling its resolution 70/1 on the long-range questions of the world's fisheries and the
oceans, and welcoming the work of the Committee,

1.

Takes note of the report of the Executive Secretary of the Convention on

Fisheries Management;

2.

Decides to include in the provisional agenda of its eighty-first session the item entitled
"Oceans", under the heading of the present resolution, and to consider it there;

Questions of the

Fisheries Committee
"""


def test_a_block_ending_on_a_word_no_sentence_ends_on_goes_on():
    """`… the Convention on` / `Fisheries Management;`: one paragraph, however short the line."""
    doc, _ = read_text(WRAPPED)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert (
        paras["op1"] == "Takes note of the report of the Executive Secretary of the Convention on Fisheries Management;"
    )
    assert [p.anchor for p in doc.paragraphs()][:4] == ["", "pp1", "op1", "op2"]


def test_what_follows_a_dangling_word_goes_on_only_to_a_clause_end():
    """`Questions of the` / `Fisheries Committee`: no clause ends there (a heading's words, not a paragraph's end)."""
    doc, _ = read_text(WRAPPED)
    assert not any(p.content.text.endswith("of the Fisheries Committee") for p in doc.paragraphs())


def test_an_opening_adverb_starts_a_paragraph_after_a_dangling_word():
    """`… the principles of` / `Unequivocally condemning …,`: a preambular paragraph of its own."""
    text = WRAPPED.replace("Fisheries Management;", "Unequivocally condemning the practice,")
    doc, _ = read_text(text)
    assert any(p.content.text.startswith("Unequivocally condemning") for p in doc.paragraphs())


# pdfminer.six keeps a justified line's widened spaces; a paragraph's last line is never justified.
STRETCHED = """The General Assembly,

Recalling its resolution 70/1 on the long-range questions of the world's fisheries and the
oceans, and welcoming the work of the Committee,

1.

Takes  note  of  the  statements  by  the  Co-Chairs  of  the  Preparatory

Commission at the closing of the first and second sessions of the Commission;

2.

Decides to include in the provisional agenda of its eighty-first session the item entitled
"Oceans", recalling the  synergies  between  the  Committees

Countries in special situations
"""


def test_a_justified_last_line_goes_on_into_the_next_block():
    """`Takes  note  of  the  statements  by  the  Co-Chairs  of  the  Preparatory` (widened spaces) /
    `Commission at the closing …;`: one paragraph, however short the line against the margin."""
    doc, _ = read_text(STRETCHED)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op1"] == (
        "Takes note of the statements by the Co-Chairs of the Preparatory Commission at the closing of the first "
        "and second sessions of the Commission;"
    )


def test_a_justified_line_does_not_go_on_into_a_heading():
    """`… the  synergies  between  the  Committees` / `Countries in special situations`: a heading's words."""
    doc, _ = read_text(STRETCHED)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op2"].endswith("recalling the synergies between the Committees")


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("requests the Secretary -General to report", "requests the Secretary-General to report"),
        ("under the sub -item entitled", "under the sub-item entitled"),
        ("the nuclear-weapon -free zones", "the nuclear-weapon-free zones"),
        ("recovery from COVID -19 and", "recovery from COVID-19 and"),
        ("for the Decade (2018 –2028),", "for the Decade (2018–2028),"),
        ("country-owned and -driven innovation", "country-owned and -driven innovation"),  # a suspended hyphen
        ("temperatures of -20 degrees", "temperatures of -20 degrees"),
        ("requests the Secretary -\nGeneral to report", "requests the Secretary-General to report"),  # pypdf
        (
            "the principles of burden-\nand responsibility-sharing",
            "the principles of burden- and responsibility-sharing",
        ),
    ],
)
def test_a_space_pdftotext_set_before_a_joining_hyphen_goes(printed, read):
    """pdftotext sets a space where the text before a hyphen ends its piece of the page."""
    text = f"The General Assembly,\n\n1. Decides that {printed} at its next session;\n"
    doc, _ = read_text(text)
    assert doc.paragraphs()[1].content.text == f"Decides that {read} at its next session;"


def test_a_block_ending_on_a_words_hyphen_goes_on():
    """pdfminer.six: `(h) … the Peoples of Non-Self-` / blank / `Governing Territories;`: one item."""
    text = WRAPPED.replace(
        "Takes note of the report of the Executive Secretary of the Convention on\n\nFisheries Management;",
        "Takes note of the work of Non-Self-\n\nGoverning Territories;",
    )
    doc, _ = read_text(text)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op1"] == "Takes note of the work of Non-Self-Governing Territories;"


SPLIT = """The General Assembly,

Recalling its resolution 70/1 on sustainable development and partnership,

1. Decides to promote su stainable development through partnersh ip with the road map and
ionizing radiatio n sciences of the region;

2. Welcomes the roadmap and ionizing radiation sciences, as set out in the asset register.
"""


def test_a_word_an_extractor_split_is_whole_where_the_document_prints_it_whole():
    doc, _ = read_text(SPLIT)
    paras = {p.anchor: p.content.text for p in doc.paragraphs()}
    assert paras["op1"] == (
        "Decides to promote sustainable development through partnership with the road map and ionizing "
        "radiation sciences of the region;"
    )
    assert paras["op2"] == "Welcomes the roadmap and ionizing radiation sciences, as set out in the asset register."


# pdftotext joins a line that ended on a compound's hyphen to the next, a space for the hyphen: one line of
# twice the width (shaped like A/80/L.16's, words invented).
JOINED = (
    "The General Assembly,\n\n"
    "1. Takes note of the report of the Secretary-General on the question of the protection\n"
    "of civilians in armed conflict and of the work of the Office for the Coordination of\n"
    "Humanitarian Affairs in the field, with data collection and capacity-building where\n"
    "they are most needed, and of the cooperation of the regional organizations concerned\n"
    "with the Office, and welcomes the progress made in the past year in that regard, and\n"
    "encourages Member States to support the work of the Office, and requests the Secretary"
    " General to report on the protection of civilians in armed conflict at its hundredth\n"
    'session, under the item entitled "Strengthening of the coordination of humanitarian\n'
    'assistance", and to include in that report information on the work of the Office.\n'
)


def test_a_compounds_hyphen_pdftotext_made_a_space_of_where_it_joined_two_lines_goes_back():
    """`… requests the Secretary` + `General to report …` (one line twice the width): `Secretary-General`;
    `data collection`, not where the lines were joined, stays as printed."""
    doc, _ = read_text(JOINED)
    text = doc.paragraphs()[1].content.text
    assert "requests the Secretary-General to report" in text
    assert "with data collection and capacity-building" in text


# The same join with the hyphen dropped (shaped like A/80/L.17's `decisionmaking`, `capacitybuilding`).
GLUED = (
    "The General Assembly,\n\n"
    "1. Takes note of the report of the Secretary-General on the question of the protection\n"
    "of civilians in armed conflict and of the work of the Office for the Coordination of\n"
    "Humanitarian Affairs in the field, with data collection and decision-making where\n"
    "they are most needed, and of the cooperation of the regional organizations concerned\n"
    "with the Office, and welcomes the progress made in the past year in that regard, and\n"
    "encourages Member States to support the work of the Office and its capacitybuilding"
    " for the protection of civilians in armed conflict at its hundredth session, and to\n"
    "include in its next report information on the cooperation of the Office and on its\n"
    "capacity-building.\n\n"
    "2. Encourages cooperation between the regional organizations in all their work.\n"
)


def test_a_compounds_hyphen_pdftotext_dropped_where_it_joined_two_lines_goes_back():
    """`… its capacity-` + `building for …` joined into one line as `capacitybuilding`: `capacity-building`,
    as the document prints it elsewhere; `cooperation`, printed so elsewhere too, stays as it is."""
    doc, _ = read_text(GLUED)
    text = doc.paragraphs()[1].content.text
    assert "the Office and its capacity-building for the protection" in text
    assert "capacitybuilding" not in text
    assert "cooperation of the regional" in text and "on the cooperation of the Office" in text


def test_a_glued_word_the_document_also_prints_as_a_word_stays():
    """`cooperation` at the join, printed as a word elsewhere too: not `co-operation`, though one
    paragraph prints that."""
    text = GLUED.replace("its capacitybuilding", "all of its cooperation").replace(
        "2. Encourages cooperation", "2. Encourages co-operation"
    )
    doc, _ = read_text(text)
    assert "the Office and all of its cooperation for the protection" in doc.paragraphs()[1].content.text


def test_a_join_onto_a_paragraphs_short_last_line_is_found_too():
    """The line pdftotext joined is barely longer than the others where the second line was short."""
    text = GLUED.replace(
        "the Office and its capacitybuilding for the protection",
        "the Office and its capacity-building\nfor the protection",
    ).replace(
        "include in its next report information on the cooperation of the Office and on its\ncapacity-building.\n",
        "include in its next report information on the work of the Office and on its capacitybuilding efforts.\n",
    )
    width = sorted(len(line) for line in text.splitlines())[int(0.9 * len(text.splitlines()))]
    assert 1.1 * width < max(len(line) for line in text.splitlines()) < 1.4 * width
    doc, _ = read_text(text)
    assert doc.paragraphs()[1].content.text.endswith("the Office and on its capacity-building efforts.")


# Stubs that stand more than once, each time a piece of a word the document prints whole; a label `(e)`;
# a word printed letter-spaced (shaped like A/RES/79/172's `I n v i t e s`).
SPLITS = """The General Assembly,

Recalling the advantage of effective cooperation for the work of the Council,

1. Stresses the advantag e of effectiv e cooperation with th e Council:

(e) To report;

2. I n v i t e s the Council to take it up in its work and to invite the States to cooperate.
"""


def test_a_stub_in_several_splits_is_joined_in_each_and_a_label_is_no_word():
    paras = {p.anchor: p.content.text for p in read_text(SPLITS)[0].paragraphs()}
    assert paras["op1"] == "Stresses the advantage of effective cooperation with the Council:"
    assert paras["op2"] == "I n v i t e s the Council to take it up in its work and to invite the States to cooperate."


def test_a_number_pdftotext_joined_across_its_hyphen_is_spelled_with_it():
    """`… to report at its seventy-` + `ninth session …` joined as `seventy ninth` (or `seventyninth`): the
    number's hyphen back, though the document prints it nowhere else; `twenty second`, printed so in a line
    nothing was joined to, stays as printed."""
    for printed in ("seventy ninth", "seventyninth"):
        text = GLUED.replace("its capacitybuilding", f"its {printed}").replace(
            "2. Encourages cooperation between the regional organizations in all their work.",
            "2. Encourages at its twenty second session cooperation between the regional\norganizations.",
        )
        paras = read_text(text)[0].paragraphs()
        assert "the Office and its seventy-ninth for the protection" in paras[1].content.text
        assert "at its twenty second session" in paras[2].content.text


def test_a_prefix_pdftotext_joined_across_its_hyphen_takes_it_back():
    """`… its self-` + `determination for …` joined as `self determination`: English writes the prefix with
    its hyphen (`self`, `multi`, `non`, `anti` never stand alone), printed elsewhere or not."""
    text = GLUED.replace("its capacitybuilding", "its self determination")
    assert "the Office and its self-determination for the protection" in read_text(text)[0].paragraphs()[1].content.text
