"""Citations name exactly one paragraph: section and annex as printed, the document
by symbol (or title, body and date), drafts as drafts; a number the document
repeats (a list inside a paragraph, a rule, a second resolution) is told apart."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, read_text

from builder.anchors import within_document
from builder.model import Document, Metadata
from builder.render.page import adopted_note, citation_name, cite_name, contents, header_html, render_page

SECTIONED = """The General Assembly,

I

Budget

Recalling its resolution 70/1,

Noting the report,

1. Approves the budget;

2. Requests the Secretary-General:

(a) To report;

(b) To act:

(i) now;

(ii) later;

II

Staff

Recalling its resolution 71/1,

Having considered the report,

1. Takes note of the report;

2. Decides to continue.

III

Conditions of service

Recalling its resolution 72/1,

1. Takes note of the conditions;

B

The General Assembly,

Having considered the note,

1. Endorses the conclusions;

2. Decides to revert to the matter.
"""

ANNEXED = """The General Assembly,

Recalling its resolution 70/1,

1. Adopts the texts contained in the annexes to the present resolution;

2. Approves the following provisional agenda:

1. Opening of the meeting.

2. Adoption of the agenda.

3. Decides to remain seized of the matter.

Annex I

Pact for the Future

1. We, the Heads of State and Government, have gathered.

2. We will pursue the following objectives:

1. Close all divides;

2. Expand inclusion.

3. Our cooperation must be agile.

Annex II

Provisional rules of procedure

Rule 1 Composition of delegations

The delegation of each State shall consist of a head of delegation.

Rule 2 Acting President

1. If the President is absent, a Vice-President presides.

2. A Vice-President acting as President has the same powers.

Rule 3 Replacement of the President

1. If the President is unable to perform the functions, a new President is elected.
"""

PLAIN = """The General Assembly,

Recalling its resolution 60/1,

1. Welcomes the report;

2. Requests the Secretary-General:

(a) To report;

(b) To act.
"""


def citations(doc: Document) -> dict[str, str]:
    return {p.anchor: p.citation for p in doc.paragraphs() if p.anchor}


def test_a_sectioned_resolution_cites_the_section_as_printed():
    doc, _ = read_text(SECTIONED)
    cites = citations(doc)
    assert cites["sec-i-pp2"] == "section I, preambular paragraph 2"
    assert cites["sec-ii-pp2"] == "section II, preambular paragraph 2"
    assert cites["sec-i-op2-b-ii"] == "section I, operative paragraph 2 (b) (ii)"
    assert cites["sec-ii-op1"] == "section II, operative paragraph 1"


def test_a_section_numeral_printed_apart_and_a_second_resolution_are_cited_by_them():
    doc, _ = read_text(SECTIONED)
    cites = citations(doc)
    # "III" stands alone, so reading keeps it as text and the ids stay in section II's
    # scope (sec-ii-op1-2); the citation still names section III.
    after_iii = [c for a, c in cites.items() if "conditions" in _text(doc, a)]
    assert after_iii == ["section III, operative paragraph 1"]
    endorses = [c for a, c in cites.items() if _text(doc, a).startswith("Endorses")]
    assert endorses == ["resolution B, operative paragraph 1"]
    assert len(set(cites.values())) == len(cites)


def _text(doc: Document, anchor: str) -> str:
    return next(p.content.text for p in doc.paragraphs() if p.anchor == anchor)


def test_two_annexes_are_cited_with_their_numerals_as_printed():
    doc, _ = read_text(ANNEXED)
    cites = citations(doc)
    assert cites["annex-para1"] == "annex I, paragraph 1"
    assert cites["annex-para3"] == "annex I, paragraph 3"
    assert not any("annex i," in c for c in cites.values())
    assert len(set(cites.values())) == len(cites)


def test_a_list_inside_a_paragraph_is_cited_as_its_items():
    doc, state = read_text(ANNEXED)
    by_text = {p.content.text: p.citation for p in doc.paragraphs()}
    assert by_text["Opening of the meeting."] == "operative paragraph 2, item 1"
    assert by_text["Adoption of the agenda."] == "operative paragraph 2, item 2"
    assert by_text["Decides to remain seized of the matter."] == "operative paragraph 3"
    assert by_text["Close all divides;"] == "annex I, paragraph 2, item 1"
    assert by_text["Our cooperation must be agile."] == "annex I, paragraph 3"
    # The items hang under the paragraph that introduced them, numbered as printed; the paragraphs'
    # numbering goes on unbroken and says nothing of a gap.
    items = {p.anchor: [c.anchor for c in p.children] for p in doc.paragraphs() if p.children}
    assert items == {"op2": ["op2-1", "op2-2"], "annex-para2": ["annex-para2-1", "annex-para2-2"]}
    assert not [w for w in state.diagnostics.warnings if w.kind in ("numbering", "duplicate-number")]


def test_rules_of_procedure_are_cited_by_rule():
    doc, _ = read_text(ANNEXED)
    by_text = {p.content.text: p.citation for p in doc.paragraphs()}
    assert by_text["If the President is absent, a Vice-President presides."] == "annex II, rule 2, paragraph 1"
    assert by_text["A Vice-President acting as President has the same powers."] == "annex II, rule 2, paragraph 2"
    assert by_text["If the President is unable to perform the functions, a new President is elected."] == (
        "annex II, rule 3, paragraph 1"
    )


def test_a_restarted_list_of_agenda_items_is_cited_by_its_item():
    text = """The General Assembly approves the following programme of work:

Item 1. Social development:

(a) Implementation of the outcome of the World Summit;

(b) Literacy for life. Item 2. Crime prevention. Item 3. Rights of children:

(a) Promotion of the rights of children;

(b) Follow-up to the special session.
"""
    doc, _ = read_text(text)
    subs = [p.citation for p in doc.paragraphs() if p.kind == "sub"]
    assert subs == ["item 1 (a)", "item 1 (b)", "item 3 (a)", "item 3 (b)"]


def test_a_programme_of_work_is_its_items():
    """Each `Item N.` on a line of its own, no blank lines (A/C.3/80/L.60): an item, its sub-items under it."""
    text = """The General Assembly approves the following programme of work:

Item 1.
Social development:
(a)
Implementation of the outcome of the World Summit;
(b)
Literacy for life.
Item 2.
Crime prevention.
Item 3.
Rights of children:
(a)
Promotion of the rights of children;
(b)
Follow-up to the special session.
"""
    doc, state = read_text(text)
    assert [(p.anchor, p.label, p.citation) for p in doc.paragraphs()[1:]] == [
        ("item1", "Item 1.", "item 1"),
        ("item1-a", "(a)", "item 1 (a)"),
        ("item1-b", "(b)", "item 1 (b)"),
        ("item2", "Item 2.", "item 2"),
        ("item3", "Item 3.", "item 3"),
        ("item3-a", "(a)", "item 3 (a)"),
        ("item3-b", "(b)", "item 3 (b)"),
    ]
    assert doc.paragraphs()[4].content.text == "Crime prevention."
    assert not state.diagnostics.warnings


def test_a_number_repeated_for_no_reason_found_is_cited_by_occurrence():
    doc, _ = read_text("The General Assembly,\n\nRecalling x,\n\n1. Decides a;\n\n2. Decides b;\n\n1. Decides c;\n")
    assert citations(doc)["op1-2"] == "operative paragraph 1, second occurrence"


def _doc(text: str, **meta) -> Document:
    doc, _ = read_text(text, meta=Metadata(Path("doc.txt"), **meta))
    doc.path = "doc.md"
    return doc


def test_a_document_without_symbol_is_cited_by_title_body_and_date():
    doc = _doc(
        PLAIN,
        title="Improving the coordination of efforts against trafficking in persons",
        body="General Assembly",
        date="19 October 2006",
        slug="x",
    )
    assert (
        cite_name(doc)
        == "Improving the coordination of efforts against trafficking in persons (General Assembly, 19 October 2006)"
    )
    page = render_page(doc)
    assert (
        'data-unp-doc="Improving the coordination of efforts against trafficking in persons (General Assembly, 19 October 2006)"'
        in page
    )
    other = _doc(PLAIN, title=doc.meta.title, body="General Assembly", date="13 November 2012", slug="y")
    assert cite_name(other) != cite_name(doc)


def test_a_draft_says_it_is_a_draft_and_where_it_was_adopted():
    doc = _doc(
        PLAIN,
        symbol="A/C.3/61/L.7/Rev.1",
        document_type="draft resolution",
        adopted_as="General Assembly resolution 61/180",
    )
    assert citation_name(doc) == "draft resolution A/C.3/61/L.7/Rev.1"
    assert cite_name(doc) == "A/C.3/61/L.7/Rev.1"  # search labels and lists, beside the document type
    assert adopted_note(doc) == "numbering may differ in the adopted resolution 61/180"
    header = header_html(doc)
    assert "<dt>Cite as</dt>" in header
    assert "draft resolution A/C.3/61/L.7/Rev.1" in header
    assert "numbering may differ in the adopted resolution 61/180" in header
    untitled = _doc(
        PLAIN, title="Measures", body="General Assembly", date="1 May 2018", document_type="revised draft resolution"
    )
    assert citation_name(untitled) == "revised draft resolution “Measures” (General Assembly, 1 May 2018)"


def test_an_adopted_resolution_is_cited_by_its_symbol_alone():
    doc = _doc(PLAIN, symbol="A/RES/61/180", document_type="resolution", adopted_as="resolution 61/180")
    assert citation_name(doc) == cite_name(doc) == "A/RES/61/180"
    assert adopted_note(doc) == ""


def test_the_citation_of_a_place_is_found_after_a_title_with_commas():
    label = "Trafficking in human beings, especially women and children, paragraph 8"
    assert within_document(label) == "paragraph 8"
    assert within_document("A/RES/79/1, annex I, paragraph 7, item 1") == "annex I, paragraph 7, item 1"


def test_the_seeds_are_named_apart_and_drafts_as_drafts(seeds):
    assert citation_name(seeds["002"]) == "draft resolution A/C.3/61/L.7/Rev.1"
    assert citation_name(seeds["001"]).startswith("revised draft resolution “Improving the coordination")
    assert seeds["001"].meta.title == seeds["002"].meta.title
    assert len({cite_name(d) for d in seeds.values()}) == len(seeds)
    note = seeds["000"]
    assert {p.anchor: p.citation for p in note.paragraphs()}["op5-b-ii"] == "operative paragraph 5 (b) (ii)"


# The corpus: no two anchored paragraphs of one document share a citation.


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_the_corpus_has_no_ambiguous_citation():
    from builder.check import map_sources
    from builder.sources import discover

    sources = discover(CORPUS)
    found = map_sources(_corpus_paragraphs, sources)
    ambiguous, lowercase_annex, unscoped = [], [], []
    for name, paragraphs in found:
        counts = Counter(c for _, c in paragraphs)
        ambiguous += [(name, a, c) for a, c in paragraphs if counts[c] > 1]
        lowercase_annex += [(name, a, c) for a, c in paragraphs if re.search(r"\bannex [ivxlc]+\b", c)]
        unscoped += [
            (name, a, c)
            for a, c in paragraphs
            if re.match(r"^(?:annex\d*-)?(?:sec|art|part|chap)-", a)
            and not re.search(r"\b(?:section|article|part|chapter|resolution|rule|item) ", c)
        ]
    assert len(found) > 1000
    assert ambiguous == []
    assert lowercase_annex == []
    assert unscoped == []


def _corpus_paragraphs(source) -> tuple[str, list[tuple[str, str]]]:
    from builder.build import read_source

    outcome = read_source(source)
    if outcome.doc is None:
        return source.path.name, []
    return source.path.name, [(p.anchor, p.citation) for p in outcome.doc.paragraphs() if p.anchor]


def test_a_timetable_takes_items_up_again_without_a_fault():
    """A Main Committee's timetable (A/C.2/80/L.1, annex): `Item 23:` items, sub-items ending in no
    punctuation, an item taken up again on a later day."""
    text = """The General Assembly approves the following programme of work:

Wednesday, 8 October

Introductory statements and joint general discussion on:
Item 21: Groups of countries in special situations:
(a)
Follow-up to the Fifth United Nations Conference on the Least
Developed Countries
(b) Follow-up to the Third United Nations Conference on Landlocked
Developing Countries
Item 23: Operational activities for development

Thursday, 9 October

Item 21: Groups of countries in special situations (concluded)
"""
    doc, state = read_text(text)
    items = [(p.anchor, p.label, p.citation) for p in doc.paragraphs() if p.kind in ("item", "sub")]
    assert items == [
        ("item21", "Item 21:", "item 21"),
        ("item21-a", "(a)", "item 21 (a)"),
        ("item21-b", "(b)", "item 21 (b)"),
        ("item23", "Item 23:", "item 23"),
        ("item21-2", "Item 21:", "item 21, second occurrence"),
    ]
    assert next(p for p in doc.paragraphs() if p.anchor == "item21-b").content.text.endswith("Developing Countries")
    assert not state.diagnostics.warnings


def test_a_timetables_items_are_each_listed_once_in_the_order_met():
    """The table of contents of a timetable (A/C.2/80/L.1, annex): every item once, where it is first
    taken up, and no range ("Items 137–121" would say nothing true)."""
    text = """Note by the Secretariat

1. The Committee will hold its organizational meeting on 1 October.

Annex

Draft programme of work

Wednesday, 1 October

Item 137: Programme planning

Thursday, 2 October

Item 21: Groups of countries in special situations
Item 23: Operational activities for development

Friday, 3 October

Item 21: Groups of countries in special situations (concluded)
"""
    doc, _ = read_text(text)
    annex = next(entry for entry in contents(doc) if entry["url"] == "#annex")
    assert annex["children"] == [
        {"title": "Items", "url": "#annex-item137", "numbers": "137:annex-item137 21:annex-item21 23:annex-item23"}
    ]
