"""Instruments discovered from the documents' notes, on small invented documents (session 99)."""

from __future__ import annotations

import pytest

from builder.build import build
from builder.linking.discovery import name_before, note_identifications
from builder.model import Inline, Note

# Notes as the corpus prints them: plain-digit markers after a word or a comma, notes under a rule.
SEAS = """United Nations A/RES/99/10

General Assembly

Resolution adopted by the General Assembly on 10 December 2099

99/10. Protecting imaginary seas

The General Assembly,

Recalling the Convention on the Protection of Imaginary Seas,1

Reaffirming the Declaration on Invented Principles of the Sea,2

Recalling also the Protocol on Imaginary Fish Stocks3 and the Protocol on Imaginary Whales,4

Taking note of the Global Framework for Imaginary Seas,5

Recalling further the Treaty on Invented Borders,6

1. Calls upon States to ratify the Convention on the Protection of Imaginary Seas;

2. Decides to apply the Invented Sea Principles Declaration and the Convention;

_______________
1 United Nations, Treaty Series, vol. 9999, No. 99999.
2 Resolution 98/50, annex.
3 United Nations, Treaty Series, vol. 9998, No. 88888.
4 Ibid., vol. 9997, No. 88888.
5 A/99/123.
6 United Nations, Treaty Series, vol. 1111, No. 11.
"""

SEAS_META = "symbol: A/RES/99/10\nbody: General Assembly\ndate: 10 December 2099\n"

WHALES = """United Nations A/RES/99/20

General Assembly

Resolution adopted by the General Assembly on 20 December 2099

99/20. Whales and principles

The General Assembly,

Guided by the Invented Sea Principles Declaration,1

Welcoming the Protocol on Imaginary Whales,2

Recalling the Treaty on Invented Borders,3

1. Invites States to apply the Declaration on Invented Principles of the Sea;

2. Notes the Treaty on Invented Borders,4 and the Protocol on Imaginary Whales;

_______________
1 See resolution 98/50, annex.
2 United Nations, Treaty Series, vol. 9997, No. 88888.
3 United Nations, Treaty Series, vol. 2222, No. 22.
4 Ibid.
"""

WHALES_META = "symbol: A/RES/99/20\nbody: General Assembly\ndate: 20 December 2099\n"

# The resolution that adopted the declaration, in the corpus.
ADOPTING = """United Nations A/RES/98/50

General Assembly

Resolution adopted by the General Assembly on 1 December 2098

98/50. Invented principles of the sea

The General Assembly,

1. Adopts the Declaration on Invented Principles of the Sea, annexed to the present resolution;
"""

ADOPTING_META = "symbol: A/RES/98/50\nbody: General Assembly\ndate: 1 December 2098\n"

DOCUMENTS = {
    "A_RES_99_10": (SEAS, SEAS_META),
    "A_RES_99_20": (WHALES, WHALES_META),
    "A_RES_98_50": (ADOPTING, ADOPTING_META),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("glossary") / "src"
    src.mkdir()
    for name, (text, meta) in DOCUMENTS.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        (src / f"{name}.yml").write_text(meta, encoding="utf-8")
    result = build(src, src.parent / "out")
    assert not result.errors, [e.render() for e in result.errors]
    return result


def by_title(result, title):
    found = [i for i in result.links.registry.instruments if i.title == title]
    assert len(found) == 1, [i.title for i in result.links.registry.instruments]
    return found[0]


def mentioned_in(result, instrument):
    return {(doc, p.anchor) for doc, places in result.links.mentions[instrument.id].items() for p in places}


def test_a_treaty_is_found_by_its_treaty_series_note(built):
    seas = by_title(built, "Convention on the Protection of Imaginary Seas")
    assert seas.discovered and seas.kind == "Convention" and seas.unts == "vol. 9999, No. 99999"
    # op1 names it again; op2's bare "the Convention" is the only convention that document names
    assert mentioned_in(built, seas) == {
        ("A/RES/99/10.md", "pp1"),
        ("A/RES/99/10.md", "op1"),
        ("A/RES/99/10.md", "op2"),
    }
    page = built.pages["A/RES/99/10.md"]
    assert f'href="../../../../glossary/{seas.id}/"' in page
    entry = built.pages[f"glossary/{seas.id}/index.md"]
    assert "United Nations, <i>Treaty Series</i>, vol. 9999, No. 99999" in entry


def test_an_annexed_declaration_is_found_by_its_adopting_resolution(built):
    declaration = by_title(built, "Declaration on Invented Principles of the Sea")
    assert declaration.kind == "Declaration" and declaration.adopted == "General Assembly resolution 98/50, annex"
    assert declaration.adopted_symbol == "A/RES/98/50"
    entry = built.pages[f"glossary/{declaration.id}/index.md"]
    # the adopting resolution is in the corpus: its page, not undocs.org
    assert '<a href="../../A/RES/98/50/">General Assembly resolution 98/50, annex</a>' in entry


def test_two_names_with_one_identification_are_one_instrument(built):
    declaration = by_title(built, "Declaration on Invented Principles of the Sea")
    assert declaration.aliases == ["Invented Sea Principles Declaration"]
    assert mentioned_in(built, declaration) == {
        ("A/RES/99/10.md", "pp2"),
        ("A/RES/99/10.md", "op2"),  # by its other name, with no note
        ("A/RES/99/20.md", "pp1"),
        ("A/RES/99/20.md", "op1"),
        ("A/RES/98/50.md", "op1"),  # the resolution that adopted it
    }
    entry = built.pages[f"glossary/{declaration.id}/index.md"]
    assert "<dt>Also called</dt><dd>Invented Sea Principles Declaration</dd>" in entry


def test_a_document_cited_by_symbol_is_not_an_instrument(built):
    titles = {i.title for i in built.links.registry.instruments}
    assert not any("Global Framework" in t for t in titles)
    doc = next(d for d in built.documents if d.meta.symbol == "A/RES/99/10")
    note5 = next(n for n in doc.notes if n.label == "5")
    assert [(lk.kind, lk.target) for lk in note5.content.links] == [("document", "A/99/123")]


def test_an_ibid_chain_keeps_the_treaty_series_and_gives_its_own_number(built):
    fish = by_title(built, "Protocol on Imaginary Fish Stocks")
    whales = by_title(built, "Protocol on Imaginary Whales")
    assert fish.unts == "vol. 9998, No. 88888" and whales.unts == "vol. 9997, No. 88888"
    # the other document identifies the whales protocol directly: the same instrument
    assert ("A/RES/99/20.md", "pp2") in mentioned_in(built, whales)
    assert ("A/RES/99/20.md", "op2") in mentioned_in(built, whales)


def test_two_registrations_under_one_name_are_reported_not_merged(built):
    borders = by_title(built, "Treaty on Invented Borders")
    warnings = [w for w in built.warnings if w.kind == "instrument-conflict"]
    assert len(warnings) == 1
    message = warnings[0].render()
    assert "Treaty on Invented Borders" in message and "vol. 2222, No. 22" in message and "vol. 1111, No. 11" in message
    # the registration given twice ("Ibid." repeats it) is kept; the other is not merged in
    assert borders.unts == "vol. 2222, No. 22"
    assert str(warnings[0].place.path).endswith("A_RES_99_10.txt")


def test_the_index_lists_every_instrument_a_to_z_and_entries_list_newest_documents_first(built):
    index = built.pages["glossary/index.md"]
    titles = [i.title for i in built.links.registry.instruments]
    assert len(titles) == 5
    for instrument in built.links.registry.instruments:
        assert f'<li id="{instrument.id}"><a href="{instrument.id}/">' in index
    assert index.index("## C {#letter-c}") < index.index("## D {#letter-d}") < index.index("## P {#letter-p}")
    declaration = by_title(built, "Declaration on Invented Principles of the Sea")
    entry = built.pages[f"glossary/{declaration.id}/index.md"]
    assert entry.index("A/RES/99/20") < entry.index("A/RES/99/10") < entry.index(">A/RES/98/50<"), "newest first"
    assert "Mentioned in 5 paragraphs of 3 documents, newest documents first." in entry


def test_hover_text_says_what_identifies_a_discovered_instrument(built):
    doc = next(d for d in built.documents if d.meta.symbol == "A/RES/99/10")
    pp1 = next(p for p in doc.paragraphs() if p.anchor == "pp1")
    (link,) = [lk for lk in pp1.content.links if lk.kind == "instrument"]
    assert link.title == (
        "Convention on the Protection of Imaginary Seas (Convention; United Nations, Treaty Series, vol. 9999, No. 99999)"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reaffirming the United Nations Convention on the Law of Invented Seas,", "United Nations Convention on the Law of Invented Seas"),
        ("the International Covenant on Economic, Social and Cultural Rights and the Convention on the Rights of Invented Children,", "Convention on the Rights of Invented Children"),
        ("the Protocol to Prevent Invented Harm, Especially to Fish, supplementing the Convention against Invented Crime,", "Protocol to Prevent Invented Harm, Especially to Fish, supplementing the Convention against Invented Crime"),
        ("the Beijing Declaration and Platform for Action adopted at the Fourth World Conference on Invention,", "Beijing Declaration and Platform for Action"),
        ("the Minimum Age Convention, 2099 (No. 999)", "Minimum Age Convention, 2099 (No. 999)"),
        ("Recalling the SIDS Accelerated Modalities of Invention (SAMOI) Pathway,", "SIDS Accelerated Modalities of Invention (SAMOI) Pathway"),
        ("the Treaty on the South-East Asia Nuclear- Weapon-Free Zone (Treaty of Invention),", "Treaty on the South-East Asia Nuclear-Weapon-Free Zone"),
    ],
)  # fmt: skip
def test_the_name_just_before_the_marker(text, name):
    found = name_before(text)
    assert found is not None and found[0] == name


@pytest.mark.parametrize(
    "text",
    [
        "Recalling its resolution 98/50 of 1 December 2098,",  # no instrument word
        "the Optional Protocol,",  # too generic to identify anything
        "the Convention and the Protocols thereto,",  # ends in a lower-case word
        "the report of the Secretary-General,",
    ],
)
def test_no_name_where_the_text_gives_none(text):
    assert name_before(text) is None


def test_a_name_ending_a_longer_phrase_only_confirms():
    assert name_before("the review of the Sendai Framework for Invented Risk,")[2] is False
    assert name_before("Guided by the Sendai Framework for Invented Risk,")[2] is True
    # words about the instrument itself: the note is the instrument's
    assert name_before("to promote the implementation of the Declaration on Invented Things,")[2] is True
    assert name_before("calls upon States parties to the Convention on Invented Things")[2] is True
    # ... unless those words belong to a document of their own, which the note may identify
    declaration = "the political declaration on the implementation of the Global Plan of Action on Invented Things,"
    assert name_before(declaration)[2] is False
    assert name_before("the report on the implementation of the Convention on Invented Things")[2] is False
    assert name_before("the Commission to review the implementation of the Declaration on Invented Things")[2] is True


def test_note_identifications_resolve_ibid_and_refuse_symbols_and_several_instruments():
    notes = [
        Note(str(n), f"fn:{n}", Inline(text), 1)
        for n, text in enumerate(
            [
                "See resolution 2200 A (XXI), annex.",
                "Ibid.",
                "Resolution S-99/2, annex, and resolution S-99/3, annex.",  # two instruments: none
                "A/99/123.",
                "United Nations, Treaty Series, vols. 9001 and 9002, No. 12345.",  # several volumes: none
                "Report of the World Conference on Invention, Geneva, 1–2 May 2099 (A/CONF.999/1), chap. I, "
                "resolution 1, annex II.",
                "Ibid., resolution 2, annex.",
                "Economic and Social Council resolution 2099/5, annex.",
            ],
            start=1,
        )
    ]
    found = note_identifications(notes)
    assert found["fn:1"].text == "General Assembly resolution 2200 A (XXI), annex" and found["fn:1"].symbol == ""
    assert found["fn:2"] == found["fn:1"]
    assert "fn:3" not in found and "fn:4" not in found and "fn:5" not in found
    assert found["fn:6"].key == "Report of the World Conference on Invention|1|annex II"
    assert found["fn:6"].symbol == "A/CONF.999/1"
    assert found["fn:7"].key == "Report of the World Conference on Invention|2|annex"
    assert found["fn:8"].symbol == "E/RES/2099/5"


def test_search_finds_every_discovered_instrument_by_any_of_its_names(built):
    from builder.search.records import glossary_records
    from builder.search.terms import terms

    records = {r.shown[1]: r for r in glossary_records(built.links.registry)}  # what each result opens
    assert set(records) == {f"glossary/#{i.id}" for i in built.links.registry.instruments}
    declaration = by_title(built, "Declaration on Invented Principles of the Sea")
    title_terms = records[f"glossary/#{declaration.id}"].fields["title"]
    assert set(terms("Invented Sea Principles Declaration")) <= set(title_terms), "the alias finds it too"
