"""Markdown as a PDF-to-Markdown converter writes it (pymupdf4llm): the document reads as its PDF does.

pymupdf4llm sets each paragraph on one line, the page furniture in bold, the notes in block quotes
or list items wherever the page has them, and spans apart with spaces. Each test reads an invented
document shaped like the corpus PDFs as pymupdf4llm printed them (`python -m benchmarks.extract_forms
--forms pymupdf4llm`), the documents named in the docstrings."""

from __future__ import annotations

import pytest
from conftest import read_text

from builder.model import Document, Heading
from builder.reading.masthead import split_sponsors

MASTHEAD = """A/C.3/99/L.9

United Nations

# **General Assembly**

Distr.: Limited 9 October 2099

Original: English

**Ninety-ninth session Third Committee** Agenda item 68 **Promotion and protection of human rights**

**Xland and Yland:** * **draft resolution**

## **Access to public archives**

_The General Assembly_ ,

"""

FOOT = """



99-38861 (E)    091099 **_*9938861*_**

**A/C.3/99/L.9**

"""


def _read(body: str, masthead: str = MASTHEAD) -> Document:
    doc, _ = read_text(masthead + body, name="A_C.3_99_L.9.md")
    return doc


def _texts(doc: Document) -> dict[str, str]:
    return {p.anchor: p.content.text for p in doc.paragraphs() if p.anchor}


def _notes(doc: Document) -> dict[str, str]:
    return {n.label: n.content.text for n in doc.notes}


def test_bold_furniture_is_taken_out_and_the_paragraph_joined() -> None:
    """`99-38861 (E)    091099 **_*9938861*_**` / `**A/C.3/99/L.9**` … `**2/3**` (A/C.1/80/L.10): the job
    number and barcode on one line, the running symbol and the page number in bold."""
    doc = _read(
        "_Recalling_ its resolution 98/120 of 16 December 2098 on access to public archives and the right\n"
        + FOOT
        + "to know,\n\n1. _Calls upon_ States to open their archives;\n\n99-38861\n\n**2/3**\n\n**A/C.3/99/L.9**\n\n"
        "2. _Decides_ to continue its consideration of the question.\n"
    )
    assert _texts(doc) == {
        "pp1": "Recalling its resolution 98/120 of 16 December 2098 on access to public archives and the right to know,",
        "op1": "Calls upon States to open their archives;",
        "op2": "Decides to continue its consideration of the question.",
    }


def test_a_reissues_starred_job_number_is_furniture() -> None:
    """`25-17755* (E)    121125 **_*2517755*_**` (A/C.3/80/L.29, reissued): the job number carries a star."""
    doc = _read(
        "_Recalling_ its resolution 98/120,\n"
        + FOOT.replace("99-38861 (E)", "99-38861* (E)")
        + "1. _Calls upon_ States to act.\n"
    )
    assert _texts(doc) == {"pp1": "Recalling its resolution 98/120,", "op1": "Calls upon States to act."}


def test_spans_lose_the_space_before_punctuation() -> None:
    """`_The General Assembly_ ,`, `_Treaty Series_ , vol.`, `( _continued_ )`: no such space is printed."""
    doc = _read(
        "_Recalling_ the Convention,<sup>1</sup> and its debate ( _continued_ ),\n\n> 1 United Nations, _Treaty Series_ , vol. 9901, No. 1.\n"
    )
    assert doc.parts[0].blocks[0].content.text == "The General Assembly,"
    assert _texts(doc)["pp1"] == "Recalling the Convention, and its debate (continued),"
    assert _notes(doc)["1"] == "United Nations, Treaty Series, vol. 9901, No. 1."


def test_masthead_fields_read_through_bold() -> None:
    """`**Ninety-ninth session Third Committee** Agenda item 68 **Promotion …**` and `**Xland and Yland:** *
    **draft resolution**` (A/C.3/80/L.11): the session, agenda item and its title, the sponsors, the type,
    and the star marker after the sponsors' bold."""
    doc = _read(
        "_Recalling_ its resolution 98/120,\n\n> * Any changes to the list of sponsors will be reflected in the record.\n"
    )
    meta = doc.meta
    assert (meta.session, meta.committee, meta.agenda_item) == ("Ninety-ninth", "Third Committee", "68")
    assert meta.agenda_title == "Promotion and protection of human rights"
    assert (meta.sponsors, meta.document_type) == (["Xland", "Yland"], "draft resolution")
    assert _notes(doc) == {"*": "Any changes to the list of sponsors will be reflected in the record."}
    assert [r.label for r in meta.field_refs["sponsors"]] == ["*"]


def test_a_bold_document_type_line() -> None:
    """`**Draft resolution submitted by the President of the General Assembly**` (A/80/L.15): the type."""
    masthead = MASTHEAD.replace(
        "**Xland and Yland:** * **draft resolution**", "**Draft resolution submitted by the Chair**"
    )
    doc = _read("_Recalling_ its resolution 98/120,\n", masthead)
    assert doc.meta.document_type == "Draft resolution submitted by the Chair"
    assert doc.meta.title == "Access to public archives"


def test_a_star_note_printed_as_a_bullet() -> None:
    """`- On behalf of the States Members …` (A/C.1/80/L.54): pymupdf4llm took the note's `*` for a bullet."""
    doc = _read(
        "_Recalling_ its resolution 98/120,<sup>1</sup>\n\n"
        "- On behalf of the States Members of the United Nations that are members of the Group of Ninety.\n\n"
        "> 1 See A/99/1.\n" + FOOT + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "*": "On behalf of the States Members of the United Nations that are members of the Group of Ninety.",
        "1": "See A/99/1.",
    }
    assert list(_texts(doc)) == ["pp1", "op1"]


def test_notes_quoted_listed_and_in_the_clear() -> None:
    """`> 1 …`, `- 2  …` and `3  …` at one page's foot (A/80/L.17): all three are notes."""
    doc = _read(
        "_Recalling_ the Convention<sup>1</sup> and the Agreement,<sup>2</sup>\n\n"
        "_Noting_ the Code,<sup>3</sup>\n\n"
        "> 1 United Nations, _Treaty Series_ , vol. 1833, No. 31363.\n\n"
        "- 2  Ibid., vol. 2167, No. 37924.\n\n"
        "3  A/99/3, annex.\n" + FOOT + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "1": "United Nations, Treaty Series, vol. 1833, No. 31363.",
        "2": "Ibid., vol. 2167, No. 37924.",
        "3": "A/99/3, annex.",
    }
    assert list(_texts(doc)) == ["pp1", "pp2", "op1"]


def test_a_bold_rule_with_the_first_note_on_its_line() -> None:
    """`**__________________** 2 A/HRC/25/63.` (A/C.3/80/L.29): the rule, then note 2."""
    doc = _read(
        "_Recalling_ the report<sup>1</sup> and the study,<sup>2</sup>\n\n> 1 A/99/1.\n"
        + FOOT
        + "_Noting_ the findings,\n\n**__________________** 2 A/HRC/99/63.\n"
        + FOOT.replace("(E)", "")
        + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {"1": "A/99/1.", "2": "A/HRC/99/63."}
    assert list(_texts(doc)) == ["pp1", "pp2", "op1"]


def test_unruled_notes_after_a_ruled_page() -> None:
    """A rule on the first page only (A/C.2/80/L.56): the notes of later pages, printed without one, are
    notes still when the text cites them with markers of their own."""
    doc = _read(
        "_Recalling_ the report,<sup>1</sup>\n\n> **__________________**\n\n> 1 A/99/1.\n"
        + FOOT
        + "_Noting_ the Agreement,<sup>2</sup>\n\n> 2  Adopted under the Convention in A/99/2, decision 1.\n"
        + FOOT.replace("(E)", "")
        + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {"1": "A/99/1.", "2": "Adopted under the Convention in A/99/2, decision 1."}
    assert list(_texts(doc)) == ["pp1", "pp2", "op1"]


def test_no_unruled_note_after_ruled_ones_without_a_marker_of_its_own() -> None:
    """A budget's total under the last ruled note, as pdftotext prints it (`2 450 426 300` below `Part I.
    Overall policymaking` / `2`, shaped like A/C.5/80/L.6's `3 450 426 300`): a section's number printed in a
    table is no marker of a note printed without a rule."""
    doc, _ = read_text(
        "The General Assembly,\n\n1. Approves the appropriations for the biennium;1\n\n"
        "__________________\n1 A/99/1.\n\n99-38861 (E) 091099\n\n*9938861*\n\n"
        "Part I. Overall policymaking\n2\n\nGeneral Assembly affairs\n\n40 000 000\n\nTotal\n\n2 450 426 300\n",
        name="A_C.5_99_L.6.txt",
    )
    assert _notes(doc) == {"1": "A/99/1."}
    assert [p.content.text for p in doc.paragraphs()][-1] == "2 450 426 300"


def test_a_note_cut_into_several_blocks() -> None:
    """`> 8 Official Records …, 2087, Supplement No. 11` / `> (E/2088/31); ibid., …` / `- (E/2090/31); …` /
    `> (E/2091/31).` (A/C.2/80/L.47): one note, its pieces in order."""
    doc = _read(
        "_Recalling_ the reports,<sup>1</sup>\n\n"
        "> 1 _Official Records of the Economic and Social Council, 2087, Supplement No. 11_\n\n"
        "> (E/2088/31); ibid., _2089, Supplement No. 11_\n\n"
        "- (E/2090/31); and ibid., _2091, Supplement No. 11_\n\n"
        "> (E/2091/31).\n" + FOOT + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "1": "Official Records of the Economic and Social Council, 2087, Supplement No. 11 (E/2088/31); ibid., "
        "2089, Supplement No. 11 (E/2090/31); and ibid., 2091, Supplement No. 11 (E/2091/31).",
    }
    assert list(_texts(doc)) == ["pp1", "op1"]


def test_a_pages_notes_out_of_order() -> None:
    """`> 2 A/74/821.` / `> 3 A/75/982.` / `1  Resolution 78/317, annex.` (A/C.2/80/L.58): the converter
    printed the page's first note last."""
    doc = _read(
        "_Recalling_ its resolution,<sup>1</sup> the reports<sup>2</sup> and the study,<sup>3</sup>\n\n"
        "> 2 A/74/821.\n\n> 3 A/75/982.\n\n1  Resolution 78/317, annex.\n" + FOOT + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {"1": "Resolution 78/317, annex.", "2": "A/74/821.", "3": "A/75/982."}
    assert list(_texts(doc)) == ["pp1", "op1"]


@pytest.mark.parametrize("rule", ["", "**__________________**\n\n"], ids=["without a rule", "under a rule"])
def test_two_notes_run_on_one_line(rule: str) -> None:
    """`> 3  United Nations, Treaty Series, vol. 1249, No. 20378. 4  Ibid., vol. 1577, No. 27531.`
    (A/C.3/80/L.11): note 4 starts after note 3's stop, whether a rule stands above them or not."""
    doc = _read(
        "_Recalling_ the Conventions<sup>1</sup> and the Protocol,<sup>2</sup>\n\n"
        + rule
        + "> 1  United Nations, _Treaty Series_ , vol. 1249, No. 20378. 2  Ibid., vol. 1577, No. 27531.\n"
        + FOOT
        + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "1": "United Nations, Treaty Series, vol. 1249, No. 20378.",
        "2": "Ibid., vol. 1577, No. 27531.",
    }


def test_a_numbered_paragraph_run_on_after_the_one_before() -> None:
    """`… against Hunger and Poverty. 30. We reaffirm …` (A/80/L.5) and `…; 21 . _Reaffirms_ …` (A/80/L.22):
    the paragraph that follows in number opens a paragraph of its own; `para. 2. The` does not."""
    doc = _read(
        "1. _Calls upon_ States to act, as set out in chap. IV, para. 2. The Assembly notes it;\n\n"
        "2. _Requests_ the Secretary-General to report; 3 . _Decides_ to remain seized of the matter.\n"
    )
    assert _texts(doc) == {
        "op1": "Calls upon States to act, as set out in chap. IV, para. 2. The Assembly notes it;",
        "op2": "Requests the Secretary-General to report;",
        "op3": "Decides to remain seized of the matter.",
    }


def test_a_converters_html_and_tables() -> None:
    """`_<mark>Emphasizing</mark>_`, `<!-- Start of picture text -->`, `<br>`, and a programme of work as a
    Markdown table (A/C.3/80/L.1): the words, without the markup, a table's row a paragraph."""
    doc = _read(
        "_<mark>Emphasizing</mark>_ <mark>the importance of the work,</mark>\n\n"
        "1. _Approves_ the programme of work:\n\n"
        "|Date|Item|\n|---|---|\n|Monday, 6 October|General debate<br>(continued)|\n\n"
        "2. _Decides_ to continue its work.<!-- End of picture text -->\n"
    )
    texts = [p.content.text for p in doc.paragraphs() if p.anchor]
    assert texts == [
        "Emphasizing the importance of the work,",
        "Approves the programme of work:",
        "Date Item",
        "Monday, 6 October General debate (continued)",
        "Decides to continue its work.",
    ]


def test_sponsors_keep_the_and_in_a_states_name() -> None:
    """`Antigua and Barbuda, … Sweden and United Kingdom of Great Britain and Northern Ireland` (A/80/L.13):
    commas and the last `and` part the sponsors, a State's own `and` does not."""
    assert split_sponsors("Antigua and Barbuda, Bosnia and Herzegovina, Chile and Trinidad and Tobago") == [
        "Antigua and Barbuda",
        "Bosnia and Herzegovina",
        "Chile",
        "Trinidad and Tobago",
    ]
    assert split_sponsors("Sweden and United Kingdom of Great Britain and Northern Ireland") == [
        "Sweden",
        "United Kingdom of Great Britain and Northern Ireland",
    ]
    assert split_sponsors("Xland and Yland") == ["Xland", "Yland"]


def test_an_agenda_sub_item_of_two_letters() -> None:
    """`Agenda item 99 (ee)` (A/C.1/80/L.26): the sub-item is the item's, not its title's."""
    doc = _read("_Recalling_ its resolution 98/120,\n", MASTHEAD.replace("Agenda item 68", "Agenda item 99 (ee)"))
    assert (doc.meta.agenda_item, doc.meta.agenda_title) == ("99 (ee)", "Promotion and protection of human rights")


def test_a_long_running_title_on_one_line() -> None:
    """`**Sustainable fisheries, including through the 1995 Agreement … and related instruments**` above the
    running symbol (A/RES/80/109): the page's title lines, which pymupdf4llm joined, are furniture however long."""
    title = (
        "Access to public archives, including through the Convention on the Stewardship of Records of 9 December "
        "2089 relating to the Conservation and Management of Archives of States and related instruments"
    )
    doc = _read(
        "_Recalling_ its resolution 98/120 of 16 December 2098 on access to public archives and the right\n"
        + FOOT
        + f"**{title}**\n\nto know,\n\n1. _Calls upon_ States to act.\n",
        MASTHEAD.replace("Access to public archives", title),
    )
    assert _texts(doc) == {
        "pp1": "Recalling its resolution 98/120 of 16 December 2098 on access to public archives and the right to know,",
        "op1": "Calls upon States to act.",
    }


def test_divisions_a_converter_set_as_headings() -> None:
    """`#### **Chapter I General provisions**`, `_Article 1 Scope of application_`, `#### **Chapter II**`,
    `_Article 3_` (A/RES/80/162's convention), `**I**` and `#### **II. Signature**` (A/RES/80/243,
    A/RES/80/119): each division's number opens its heading, its title on the next line, as printed."""
    doc = _read(
        "**I**\n\n#### **Adoption**\n\n1. _Adopts_ the Convention annexed to the present resolution.\n\n"
        "#### **II. Signature**\n\n1. _Decides_ that the Convention shall be open for signature.\n\n"
        "#### **Annex Convention on archives**\n\n_The States Parties to this Convention_ ,\n\n"
        "_Have agreed_ as follows:\n\n#### **Chapter I General provisions**\n\n_Article 1 Scope of application_\n\n"
        "1. This Convention applies to public archives.\n\n2. It applies to private archives too.\n\n"
        "_Article 2 Definitions_\n\n1. “Archives” means records.\n\n"
        "#### **Chapter II**\n\n**Access**\n\n_Article 3_\n\n_Access to archives_\n\n"
        "1. Archives shall be open.\n\n2. Access shall be free.\n"
    )
    headings = [(h.anchor, h.number) for part in doc.parts for h in part.blocks if isinstance(h, Heading)]
    assert headings == [
        ("sec-i", "I"),
        ("sec-ii", "II"),
        ("annex-chap-i", "Chapter I"),
        ("annex-art-1", "Article 1"),
        ("annex-art-2", "Article 2"),
        ("annex-chap-ii", "Chapter II"),
        ("annex-art-3", "Article 3"),
    ]
    assert list(_texts(doc)) == [
        "sec-i-op1",
        "sec-ii-op1",
        "annex-pp1",
        "annex-art-1-op1",
        "annex-art-1-op2",
        "annex-art-2-op1",
        "annex-art-3-op1",
        "annex-art-3-op2",
    ]


def test_note_one_run_on_after_the_star_note() -> None:
    """`> * On behalf of the States … of 10 May 2024. 1  Resolution 217 A (III).` (A/C.3/80/L.38): the star's
    note, then note 1, then the page's other notes."""
    doc = _read(
        "_Recalling_ the Universal Declaration of Human Rights<sup>1</sup> and the Covenant,<sup>2</sup>\n\n"
        "> * On behalf of the States that are members of the Group of Ninety. 1  Resolution 217 A (III).\n\n"
        "> 2  See resolution 2200 A (XXI), annex.\n" + FOOT + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "*": "On behalf of the States that are members of the Group of Ninety.",
        "1": "Resolution 217 A (III).",
        "2": "See resolution 2200 A (XXI), annex.",
    }
    assert list(_texts(doc)) == ["pp1", "op1"]


def test_a_preambular_paragraph_run_on_after_the_one_before() -> None:
    """`The General Assembly, _Recalling_ its relevant resolutions, …` (A/RES/80/72) and `… Connectivity,
    _Recognizing_ the fact …` (A/C.2/80/L.58): an italic opening phrase after a clause's end opens a paragraph;
    a title's italics after a comma do not."""
    doc = _read(
        "_Recalling_ its relevant resolutions, and the _Treaty Series_ , vol. 9, _Noting_ the report,\n\n"
        "1. _Calls upon_ States to act.\n",
        MASTHEAD.replace("_The General Assembly_ ,\n\n", "_The General Assembly_ , "),
    )
    assert doc.parts[0].blocks[0].content.text == "The General Assembly,"
    assert _texts(doc) == {
        "pp1": "Recalling its relevant resolutions, and the Treaty Series, vol. 9,",
        "pp2": "Noting the report,",
        "op1": "Calls upon States to act.",
    }


def test_a_number_joined_at_its_hyphen() -> None:
    """`at its eightyfirst session` (pymupdf4llm joined `eighty-` / `first` at a line's end, A/C.1/80/L.14):
    English writes no such word; the hyphen is back."""
    doc = _read("1. _Decides_ to include the item in the agenda of its eightyfirst session.\n")
    assert _texts(doc)["op1"] == "Decides to include the item in the agenda of its eighty-first session."


def test_a_note_piece_opening_with_a_capital_after_a_comma() -> None:
    """`> 4 Report of the Conference, Rio de Janeiro,` / `> 3–14 June 1992, vol. I (United Nations publication,` /
    `> Sales No. E.93.I.8), annex I.` (A/RES/80/131): a piece may open with a capital after one that stopped
    mid-sentence."""
    doc = _read(
        "_Recalling_ the Rio Declaration,<sup>1</sup>\n\n"
        "> 1 _Report of the Conference, Rio de Janeiro,_\n\n> _3–14 June 2092_ , vol. I (United Nations publication,\n\n"
        "> Sales No. E.93.I.8), annex I.\n" + FOOT + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "1": "Report of the Conference, Rio de Janeiro, 3–14 June 2092, vol. I (United Nations publication, "
        "Sales No. E.93.I.8), annex I."
    }
    assert list(_texts(doc)) == ["pp1", "op1"]


def test_a_ruled_note_after_unruled_ones() -> None:
    """`**__________________** 37  United Nations, …` after notes 33–36 printed without a rule (A/80/L.17):
    note 37 opens under the rule, though the last note the rule has seen is 32; its words are not note 32's."""
    doc = _read(
        "_Recalling_ the report,<sup>1</sup>\n\n**__________________** 1 A/99/1.\n"
        + FOOT
        + "_Noting_ the Agreement<sup>2</sup> and the Code,<sup>3</sup>\n\n> 2  A/99/2.\n\n> 3  A/99/3.\n"
        + FOOT.replace("(E)", "")
        + "_Welcoming_ the Protocol,<sup>4</sup>\n\n**__________________** 4  United Nations, _Treaty Series_ , vol. 1.\n"
        + FOOT.replace("(E)", "")
        + "1. _Calls upon_ States to act.\n"
    )
    assert _notes(doc) == {
        "1": "A/99/1.",
        "2": "A/99/2.",
        "3": "A/99/3.",
        "4": "United Nations, Treaty Series, vol. 1.",
    }
    assert list(_texts(doc)) == ["pp1", "pp2", "pp3", "op1"]


def test_a_paragraphs_stop_inside_its_verbs_italics() -> None:
    """`321 _. Reaffirms_ the importance …` at a page's top (A/80/L.22): the stop is the number's; the
    paragraph is paragraph 321, not the end of 320 across the page."""
    doc = _read(
        "1. _Invites_ relevant organizations to contribute to the activities of the cycle;\n"
        + FOOT
        + "2 _. Reaffirms_ the importance of the assessments;\n\n3. _Decides_ to remain seized of the matter.\n"
    )
    assert _texts(doc) == {
        "op1": "Invites relevant organizations to contribute to the activities of the cycle;",
        "op2": "Reaffirms the importance of the assessments;",
        "op3": "Decides to remain seized of the matter.",
    }


def test_a_marker_in_italics_inside_its_tag() -> None:
    """`programme<sup>_a_</sup>` (a table's heading in A/C.3/80/L.1): the italics are the label's, the marker a
    marker, not `<sup>` printed as text."""
    doc = _read("_Recalling_ the programme,<sup>_a_</sup>\n\n1. _Approves_ it.\n")
    assert _texts(doc)["pp1"] == "Recalling the programme,"
    assert [r.label for r in doc.paragraphs()[1].content.refs] == ["a"]
