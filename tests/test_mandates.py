"""Mandates (issue 21): each rule of the recognizer on made-up paragraphs, the data files, the
panel, and the verb table the README shares with the code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, read_text

from builder.mandates import as_dict, collect, document_mandates, verbs
from builder.mandates.addressees import addressees
from builder.mandates.due import due, ordinal_value
from builder.mandates.lineage import series
from builder.mandates.pages import CSV_COLUMNS, csv_text, data_json, index_page, panel_html
from builder.mandates.recognize import recognize
from builder.model import Metadata


def _doc(operative: str, symbol: str = "A/RES/99/5", preamble: str = "", date: str = "1 December 2099", **meta):
    text = "The General Assembly,\n\n" + (preamble + "\n\n" if preamble else "") + operative.strip() + "\n"
    doc, _ = read_text(text, meta=Metadata(source=Path("doc.txt"), symbol=symbol, date=date, **meta))
    doc.path = symbol + ".md"
    return doc


def _one(paragraph: str, **kw):
    found = recognize(_doc("1. " + paragraph, **kw))
    return [(m.verb, m.addressee, m.kind, m.due_session, m.due_date) for m in found]


# -- verbs ----------------------------------------------------------------------------------------


def test_statements_ask_no_one_to_act():
    for opening in ("Reaffirms", "Notes", "Welcomes", "Expresses concern at", "Takes note of", "Recognizes"):
        assert _one(f"{opening} the work of the Secretary-General and Member States;") == [], opening


def test_a_request_names_its_addressee_verb_and_kind():
    assert _one(
        "Requests the Secretary-General to submit to the General Assembly at its one hundredth session a report "
        "on the implementation of the present resolution;"
    ) == [("requests", "Secretary-General", "report", 100, "")]


def test_states_are_their_own_addressees():
    assert _one("Calls upon Member States to ratify the Convention;") == [
        ("calls upon", "Member States", "other action", None, "")
    ]
    assert _one("Urges all States to cooperate;") == [("urges", "States", "other action", None, "")]
    assert _one("Also encourages States parties to the Convention to share information;") == [
        ("encourages", "States parties", "other action", None, "")
    ]


def test_decisions_are_mandates_only_for_a_recognised_action():
    assert _one("Decides to remain seized of the matter.") == []
    assert _one("Decides to give urgent consideration to the question;") == []
    assert _one(
        "Decides to include in the provisional agenda of its one hundredth session the item entitled “Invented”;"
    ) == [("decides", "General Assembly", "other action", 100, "")]
    assert _one("Decides to extend the mandate of the Special Rapporteur for a period of three years;") == [
        ("decides", "General Assembly", "establishment or extension", None, "")
    ]
    assert _one("Decides to convene a high-level meeting on invented matters in 2100;")[0][2] == "meeting or event"


def test_the_security_council_formulas():
    doc = _doc(
        "1. Requests the Secretary-General to report to the Council within 90 days on the situation;\n\n"
        "2. Decides to remain seized of the matter.",
        symbol="S/RES/9999(2099)",
        body="Security Council",
    )
    found = recognize(doc)
    assert [(m.paragraph_id, m.addressee, m.kind, m.due_text) for m in found] == [
        ("op1", "Secretary-General", "report", ["within 90 days"])
    ]


def test_a_later_clause_of_the_paragraph_is_read():
    found = _one(
        "Takes note of the report of the Secretary-General, and in this regard requests the Secretary-General to "
        "report thereon to the General Assembly at its one hundredth session, and decides to include in the "
        "provisional agenda of its one hundredth session the item entitled “Invented”;"
    )
    assert found == [
        ("requests", "Secretary-General", "report", 100, ""),
        ("decides", "General Assembly", "other action", 100, ""),
    ]


def test_reiterated_and_that_forms():
    assert _one("Reiterates its request to the Secretary-General to continue his efforts;") == [
        ("reiterates its request", "Secretary-General", "other action", None, "")
    ]
    assert _one("Recommends that the Secretary-General consider the matter;")[0][:2] == (
        "recommends",
        "Secretary-General",
    )
    assert _one("Demands that Freedonia cease all violations;")[0][:2] == ("demands", "Freedonia")
    # a phrase that is no one
    assert _one("Recommends that further intensive efforts be devoted to the search for a common approach;") == []
    assert _one("Encourages continued cooperation between the Government and the United Nations;") == []


# -- addressees ------------------------------------------------------------------------------------


def test_addressees_are_normalized_and_split_but_names_stay_whole():
    names, _ = addressees(
        "the United Nations Office on Drugs and Crime, the Office of the United Nations High Commissioner for "
        "Human Rights and all relevant United Nations entities, within their mandates, to cooperate"
    )
    assert names == ["UNODC", "OHCHR", "United Nations entities"]
    assert addressees("the Secretary-General, in consultation with Member States, to report")[0] == [
        "Secretary-General"
    ]
    assert addressees("Member States of the region to cooperate")[0] == ["Member States"]
    assert addressees("Governments, international and regional organizations and other relevant stakeholders to act")[
        0
    ] == ["States", "international and regional organizations", "stakeholders"]
    assert addressees("the Secretary- General to act")[0] == ["Secretary-General"]  # a hyphen broken at a line end


def test_asides_between_commas_do_not_end_the_list():
    assert addressees("all States and, where appropriate, relevant international organizations to implement")[0] == [
        "States",
        "international organizations",
    ]


def test_an_untrusted_addressee_gives_no_mandate():
    assert _one("Encourages the collaboration of civil society organizations in the efforts of States;") == []
    assert _one("Urges continued efforts to end the conflict;") == []
    assert _one("Encourages the Office to continue its work;") == []  # which office, out of context?
    assert _one("Requests that interns be enlisted for the preparation of materials;") == []


# -- when ----------------------------------------------------------------------------------------------


def test_ordinals_in_words_and_figures():
    assert ordinal_value("eighty-first") == 81
    assert ordinal_value("81st") == 81
    assert ordinal_value("one hundredth") == 100
    assert ordinal_value("one hundred and first") == 101
    assert ordinal_value("twelfth") == 12
    assert ordinal_value("eightieth") == 80
    assert ordinal_value("report") is None


def test_due_sessions_are_the_organs_own_and_not_past():
    assert due("to report to the General Assembly at its 101st session", 99).session == 101
    assert due("to report at its next session", 99).session == 100
    # another body's session, and a past one, are not due points of the Assembly
    assert due("to report to the Human Rights Council at its sixtieth session", 59).session is None
    assert due("as set out in his report to the Assembly at its seventy-fifth session", 99).session is None
    assert due("at its one hundredth and one hundred and second sessions", 99).session == 100
    assert due("during the one hundredth session under the item entitled “Invented”", 99).session == 100


def test_due_dates_and_periods():
    when = due("to conclude the negotiations by 1 May 2100 and to report biennially thereafter", 99, (2099, 12, 1))
    assert when.date == "2100-05-01" and "biennially" in when.text
    assert due("by 1 May 2020", 99, (2099, 12, 1)).date == ""  # before the document: a reference, not a due date
    assert due("for a period of three years", 99).text == ["for a period of three years"]
    assert due("to continue its work", 99).open_ended


# -- sub-paragraphs -----------------------------------------------------------------------------------


def test_sub_paragraphs_inherit_the_verb_and_addressee():
    doc = _doc(
        "1. Requests the Secretary-General:\n\n(a) To submit to the General Assembly at its one hundredth session "
        "a report on the present resolution;\n\n(b) To convene an expert meeting;\n\n"
        "2. Reaffirms the following principles:\n\n(a) Everyone counts;\n\n"
        "(b) Calls upon Member States to act;"
    )
    found = [(m.paragraph_id, m.verb, m.addressee, m.kind, m.due_session) for m in recognize(doc)]
    assert found == [
        ("op1-a", "requests", "Secretary-General", "report", 100),
        ("op1-b", "requests", "Secretary-General", "meeting or event", None),
        ("op2-b", "calls upon", "Member States", "other action", None),
    ]


def test_exceptions_listed_after_a_colon_are_no_mandates():
    doc = _doc(
        "1. Authorizes the Secretary-General to enter into commitments for unforeseen expenses, provided that "
        "the concurrence of the Advisory Committee shall not be necessary for:\n\n(a) Such commitments as the "
        "President of the Court certifies;\n\n(b) Other commitments;"
    )
    assert [(m.paragraph_id, m.verb) for m in recognize(doc)] == [("op1", "authorizes")]


# -- lineage ---------------------------------------------------------------------------------------------


def test_lineage_names_the_series_and_the_repeated_request():
    request = (
        "1. Requests the Secretary-General to submit to the General Assembly at its {n} session a report on the "
        "implementation of the present resolution on invented matters;"
    )
    earlier = _doc(request.format(n="ninety-ninth"), symbol="A/RES/98/7", date="1 December 2098")
    later = _doc(
        request.format(n="one hundredth"),
        preamble="Recalling its resolution 98/7 of 1 December 2098,",
    )
    assert series(later) == ["A/RES/98/7"]
    found = collect([earlier, later])
    m = found[later.path][0]
    assert m.series == ["A/RES/98/7"]
    assert m.repeats == [{"symbol": "A/RES/98/7", "page": "A/RES/98/7.md", "paragraph_id": "op1"}]
    assert found[earlier.path][0].repeats == []
    # open data names the earlier request by its address, whatever the page layout (files or folders)
    assert as_dict(m)["repeats"] == [{"symbol": "A/RES/98/7", "url": "A/RES/98/7/#op1", "paragraph_id": "op1"}]
    m.repeats[0]["page"] = "A/RES/98/7/index.md"
    assert as_dict(m)["repeats"][0]["url"] == "A/RES/98/7/#op1"


# -- data and pages -----------------------------------------------------------------------------------


def _corpus():
    docs = [
        _doc(
            "1. Requests the Secretary-General to submit to the General Assembly at its one hundredth session a report "
            'on "quotes", commas & <x>;\n\n2. Calls upon Member States and UNODC to cooperate;'
        ),
        _doc("1. Welcomes the report;", symbol="A/RES/99/6"),
    ]
    return docs, collect(docs)


def test_csv_is_rfc_4180_with_one_row_per_addressee():
    docs, found = _corpus()
    text = csv_text([m for d in docs for m in found[d.path]])
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["paragraph_id"], r["addressee"], r["due_session"]) for r in rows] == [
        ("op1", "Secretary-General", "100"),
        ("op2", "Member States", ""),
        ("op2", "UNODC", ""),
    ]
    assert rows[0]["text"].endswith('on "quotes", commas & <x>')


def test_document_mandates_are_json_ready():
    docs, found = _corpus()
    data = document_mandates(docs[0], found[docs[0].path])
    assert json.loads(json.dumps(data)) == data
    assert data[0]["due_session"] == 100 and data[0]["kind"] == "report" and data[0]["paragraph_id"] == "op1"
    assert data == [as_dict(m) for m in found[docs[0].path]]
    assert document_mandates(docs[1]) == []


def test_panel_and_index_escape_source_text():
    docs, found = _corpus()
    panel = panel_html(docs[0], found[docs[0].path])
    assert "<x>" not in panel and "&amp; &lt;x&gt;" in panel
    assert 'href="#op1"' in panel and "due 100th session" in panel and "unp-chrome" in panel
    assert panel_html(docs[1], []) == ""
    rows = [m for d in docs for m in found[d.path]]
    page = index_page(docs, rows)
    assert "<x>" not in page
    assert "?kind=report&amp;session=100" in page  # "Reports due at the 100th session", one click
    data = json.loads(data_json(docs, rows))
    assert len(data["rows"]) == 2 and data["docs"][0] == ["A/RES/99/5", "A/RES/99/5/", "adopted"]


def test_the_panel_leaves_the_conservation_check_whole(tmp_path):
    from builder.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "doc.txt").write_text(
        "The General Assembly,\n\n1. Requests the Secretary-General to report at its one hundredth session;\n",
        encoding="utf-8",
    )
    (src / "doc.yml").write_text("symbol: A/RES/99/5\ndate: 1 December 2099\n", encoding="utf-8")
    result = build(src, tmp_path / "build")
    assert not result.errors, [e.render() for e in result.errors]
    page = (tmp_path / "build/docs/A/RES/99/5.md").read_text(encoding="utf-8")
    assert "unp-mandates" in page
    assert (tmp_path / "build/docs/data/mandates.csv").is_file()
    assert (tmp_path / "build/docs/mandates/index.md").is_file()
    assert "mandates" in result.stages


def test_readme_verb_table_is_the_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert verbs.markdown_table() in readme
