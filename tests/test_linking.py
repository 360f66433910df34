"""Cross-links between documents and the instrument glossary, on the five documents."""

from __future__ import annotations

import shutil

import pytest
from conftest import SOURCES

from builder.build import build

OTC, TIP, MIG = "organized-crime-convention", "trafficking-in-persons-protocol", "migrants-protocol"
CRC, OPSC, CEDAW = "convention-on-the-rights-of-the-child", "optional-protocol-sale-of-children", "cedaw"
SLAVERY, VICTIMS, VIENNA = "supplementary-slavery-convention", "victims-declaration", "vienna-declaration-crime-justice"
PLAN, A2030, PRINCIPLES = "global-plan-of-action-trafficking", "agenda-2030", "recommended-principles-trafficking"
ILO29, ILO105, ILO182 = (
    "ilo-forced-labour-convention",
    "ilo-abolition-of-forced-labour-convention",
    "ilo-worst-forms-of-child-labour-convention",
)
BEIJING = "beijing-platform-for-action"

# Every instrument each document mentions (read by hand from the sources).
EXPECTED = {
    "ga-58-note-ecosoc-2003-20.md": {VICTIMS, PRINCIPLES, CRC, OPSC, ILO182, VIENNA, OTC, TIP, MIG},
    "ga-67-c3-draft-improving-coordination-trafficking.md": {
        OTC, TIP, OPSC, SLAVERY, PLAN, PRINCIPLES, CEDAW, ILO29, ILO105, ILO182,
    },
    "A/C.3/61/L.7/Rev.1.md": {OTC, TIP, OPSC, SLAVERY, CEDAW},
    "ccpcj-27-draft-strengthening-measures-trafficking.md": {OTC, TIP, A2030, PLAN},
    "ccpcj-12-note-sg-trafficking-human-beings.md": {OTC, TIP, MIG, CRC, OPSC, ILO182, PRINCIPLES, BEIJING},
}  # fmt: skip


def docs_by_path(result):
    return {d.path: d for d in result.documents}


def links_in(doc, kind=None):
    out = []
    for p in doc.paragraphs():
        out += [(p.anchor, p.content.text[lk.start : lk.end], lk) for lk in p.content.links if kind in (None, lk.kind)]
    for n in doc.notes:
        out += [(n.note_id, n.content.text[lk.start : lk.end], lk) for lk in n.content.links if kind in (None, lk.kind)]
    return out


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_every_instrument_mention_is_recognized(linked, path):
    found = {i for i, by_doc in linked.links.mentions.items() if path in by_doc}
    assert found == EXPECTED[path]


def test_no_false_instrument_links(linked):
    registry = linked.links.registry
    for doc in linked.documents:
        for anchor, text, link in links_in(doc, "instrument"):
            instrument = registry.by_id[link.target]
            names = [n.casefold() for n in instrument.names()]
            assert text.casefold().replace("“", '"') in names or text in ("the Global Plan of Action",), (anchor, text)
    op4 = next(p for p in docs_by_path(linked)["A/C.3/61/L.7/Rev.1.md"].paragraphs() if p.anchor == "op4")
    first = op4.content.links[0]
    assert op4.content.text[first.start : first.end].startswith("Optional Protocol to the Convention on the Rights")
    assert first.target == OPSC, "'Protocol' in 'Optional Protocol' links the Optional Protocol"


def test_first_mention_per_paragraph_is_linked_later_ones_are_counted(linked):
    para8 = next(
        p
        for p in docs_by_path(linked)["ccpcj-12-note-sg-trafficking-human-beings.md"].paragraphs()
        if p.anchor == "para8"
    )
    targets = [lk.target for lk in para8.content.links if lk.kind == "instrument"]
    assert targets.count(OTC) == 1 and "Organized Crime Convention and its Protocols" in para8.content.text


def test_learned_short_names_and_note_only_mentions(linked):
    doc = docs_by_path(linked)["ccpcj-12-note-sg-trafficking-human-beings.md"]
    para23 = next(p for p in doc.paragraphs() if p.anchor == "para23")
    assert {lk.target for lk in para23.content.links} == {TIP, OTC}
    pp2 = [p for p in linked.links.mentions[PRINCIPLES]["ga-58-note-ecosoc-2003-20.md"] if p.anchor == "pp2"]
    assert pp2, "pp2 cites the Recommended Principles only through its note (E/2002/68/Add.1)"


def test_resolution_links_go_to_corpus_pages_or_undocs(linked):
    doc = docs_by_path(linked)["ga-67-c3-draft-improving-coordination-trafficking.md"]
    by_text = {text: link for _, text, link in links_in(doc, "document")}
    assert by_text["61/180"].page == "A/C.3/61/L.7/Rev.1.md"
    assert by_text["58/137"].page == "ga-58-note-ecosoc-2003-20.md"
    assert by_text["55/67"].page == "" and by_text["55/67"].target == "A/RES/55/67"
    assert by_text["A/67/156"].target == "A/67/156" and by_text["A/67/156"].page == ""
    assert by_text["20/1"].target == "A/HRC/RES/20/1"
    assert by_text["2008/33"].target == "E/RES/2008/33"
    assert "8/12" not in by_text, "Human Rights Council resolutions in a bare list: no certain mapping, no link"
    assert not any("CTOC" in t for t in by_text), "an incomplete symbol is not linked"
    page = linked.pages["ga-67-c3-draft-improving-coordination-trafficking.md"]
    assert 'href="../A/C.3/61/L.7/Rev.1/"' in page
    assert 'href="https://undocs.org/A/67/156"' in page


def test_ranges_and_its(linked):
    doc = docs_by_path(linked)["A/C.3/61/L.7/Rev.1.md"]
    by_text = {text: link.target for _, text, link in links_in(doc, "document")}
    assert by_text["E/CN.4/2006/62"] == "E/CN.4/2006/62" and by_text["Add.1-3"] == "E/CN.4/2006/62/Add.1"
    assert by_text["58/137"] == "A/RES/58/137" and by_text["2006/27"] == "E/RES/2006/27"
    assert "16 (LVI)" not in by_text, "decisions have no certain symbol"


def test_cited_by_on_the_cited_page(linked):
    page = linked.pages["A/C.3/61/L.7/Rev.1.md"]
    assert "## Cited by {#cited-by .unp-chrome}" in page
    cited = page.split("## Cited by", 1)[1]
    assert 'href="../../../../../ga-67-c3-draft-improving-coordination-trafficking/#pp3"' in cited
    assert "preambular paragraph 3" in cited


def test_glossary_lists_every_mention(linked):
    index = linked.pages["glossary/index.md"]
    for instrument, by_doc in linked.links.mentions.items():
        assert f'<li id="{instrument}"><a href="{instrument}/">' in index
        entry = linked.pages[f"glossary/{instrument}/index.md"]
        paragraphs = sum(len(v) for v in by_doc.values())
        assert f"Mentioned in {paragraphs} paragraph" in entry and f"of {len(by_doc)} document" in entry
        for page, places in by_doc.items():
            base = "../../" + page.removesuffix(".md") + "/"
            for place in places:
                assert f'href="{base}#{place.anchor}"' in entry, (instrument, page, place.anchor)
    tip = linked.pages["glossary/trafficking-in-persons-protocol/index.md"]
    assert "Palermo Protocol" in tip and "vol. 2237, No. 39574" in tip and "resolution 55/25, annex II" in tip


def test_nothing_is_linked_in_headings(linked):
    for text in linked.pages.values():
        for line in text.splitlines():
            if line.startswith("#"):
                assert "unp-instrument" not in line and "unp-docref" not in line


CITING = """United Nations A/C.3/99/L.9

The General Assembly,

Recalling paragraph 5 of resolution 61/180 and the Convention against Transnational Organised Crime,

Recalling also the United Nations Convention against Transnational Organized Crime (the “Palermo Treaty”),

Noting that the Palermo Treaty and the Protocol against the Smuggling of Migrants by Land, Sea and Air are in force,

1. Welcomes the Protocol and the entry into force of the Convention;
"""


@pytest.fixture(scope="module")
def citing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("citing") / "src"
    shutil.copytree(SOURCES, folder)
    (folder / "zz_citing.txt").write_text(CITING, encoding="utf-8")
    result = build(folder, folder.parent / "out")
    assert not result.errors
    return docs_by_path(result)["A/C.3/99/L.9.md"], result


def test_paragraph_of_a_resolution_links_to_that_paragraph(citing):
    doc, result = citing
    link = next(lk for _, text, lk in links_in(doc, "document") if text == "61/180")
    assert (link.page, link.anchor) == ("A/C.3/61/L.7/Rev.1.md", "op5")
    # from /A/C.3/99/L.9/ to /A/C.3/61/L.7/Rev.1/
    assert (
        'href="../../61/L.7/Rev.1/#op5" title="A/RES/61/180, operative paragraph 5"' in result.pages["A/C.3/99/L.9.md"]
    )


def test_variants_learned_names_and_bare_references(citing):
    doc, _ = citing
    found = {(a, text): lk.target for a, text, lk in links_in(doc, "instrument")}
    assert found[("pp1", "Convention against Transnational Organised Crime")] == OTC
    assert found[("pp3", "Palermo Treaty")] == OTC, "a short name the document defines is learned"
    assert found[("op1", "the Protocol")] == MIG, "the only protocol the document names"
    assert found[("op1", "the Convention")] == OTC


def test_relative_links_between_pages_are_those_of_posixpath_relpath():
    """`relative_href` computes by hand what `posixpath.relpath` gives for served folders."""
    import posixpath

    from builder.render.html import relative_href, url_dir

    pages = [
        "index.md", "A/RES/99/1.md", "A/RES/99/10.md", "A/C.3/99/L.7/Rev.1.md", "glossary/index.md",
        "glossary/some-convention/index.md", "browse/general-assembly/session-99/index.md", "mandates/index.md",
        "compare/A_RES_98_1--A_RES_99_1/index.md", "A/RES/99/1/index.md", "A/99/L.1.md", "A/RES.md",
    ]  # fmt: skip
    for here in pages:
        for there in pages:
            rel = posixpath.relpath(url_dir(there) or ".", url_dir(here) or ".")
            assert relative_href(here, there) == ("./" if rel == "." else rel + "/"), (here, there)
