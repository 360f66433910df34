"""The search index the builder writes: what it holds, and what lunr finds in it.

Queries here run through lunr.py's own query engine (`lunr.Index.load` on the
files the site serves), so these tests check the index, not a re-implementation
of search. The browser side is tested in test_search_browser.py.
"""

from __future__ import annotations

import json

import pytest
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import QueryPresence

from builder.render.html import url_dir
from builder.search.lunr_index import build_index
from builder.search.records import PARAGRAPH_FIELDS, Record
from builder.search.terms import terms


def test_symbols_stay_whole_and_words_are_folded_and_stemmed():
    assert terms("resolution 61/180 (A/C.3/61/L.7/Rev.1), and E/2002/68/Add.1.") == [
        "resolut",
        "61/180",
        "a/c.3/61/l.7/rev.1",
        "e/2002/68/add.1",
    ]
    assert terms("A/RES/S-27/2") == ["a/res/s-27/2"]
    assert terms("Trafficking TRAFFICKED trafficking’s") == ["traffick"] * 3
    assert terms("Côte d’Ivoire, São Tomé") == terms("cote d'ivoire, sao tome")
    assert terms("the of and") == []
    assert terms("Secretary-General") == ["secretari", "gener"]


@pytest.fixture(scope="module")
def files(linked) -> dict:
    return {path: json.loads(text) for path, text in linked.pages.items() if path.startswith("search/")}


def _paragraph_index(files: dict) -> Index:
    """The shards put back together into one whole lunr index, as lunr.py loads it."""
    index = files["search/index.json"]
    fields = index["fields"]
    inverted, vectors = [], {}
    for n in range(len(index["shards"])):
        for term, number, per_field in files[f"search/t/{n}.json"]:
            posting = {"_index": number}
            for field, pairs in zip(fields, per_field, strict=True):
                posting[field] = {ref: {} for ref in pairs[::2]}
                for ref, score in zip(pairs[::2], pairs[1::2], strict=True):
                    vectors.setdefault(f"{field}/{ref}", []).append((number, score))
            inverted.append([term, posting])
    return Index.load(
        {
            "version": "2.3.9",
            "fields": fields,
            "fieldVectors": [[k, [x for pair in sorted(v) for x in pair]] for k, v in vectors.items()],
            "invertedIndex": sorted(inverted),
            "pipeline": [],
        }
    )


def _query(index: Index, text: str) -> list[str]:
    """Refs for `text`, every term required, as the browser asks."""
    wanted = terms(text)

    def build(q):
        for t in wanted:
            q.term(t, use_pipeline=False, presence=QueryPresence.REQUIRED)

    return [r["ref"] for r in index.query(callback=build)]


def test_one_entry_per_anchored_paragraph_with_its_location(linked, files):
    index = files["search/index.json"]
    assert [d[0] for d in index["documents"]] == [url_dir(doc.path) for doc in linked.documents]
    for n, doc in enumerate(linked.documents):
        stored = files[f"search/p/{n}.json"]
        assert [row[0] for row in stored] == [p.anchor for p in doc.paragraphs()]
        assert [row[1] for row in stored] == [p.citation for p in doc.paragraphs()]
    refs_in_index = set()
    for n in range(len(index["shards"])):
        for _term, _number, per_field in files[f"search/t/{n}.json"]:
            refs_in_index.update(per_field[0][::2])
    expected = {f"{n:x}.{i:x}" for n, doc in enumerate(linked.documents) for i, _ in enumerate(doc.paragraphs())}
    # every paragraph with a searchable word is in the index, and nothing else is
    assert refs_in_index <= expected
    for ref in expected - refs_in_index:
        n, i = (int(x, 16) for x in ref.split("."))
        assert terms(linked.documents[n].paragraphs()[i].content.text) == [], ref


def test_every_term_is_in_the_shard_its_longest_key_names(files):
    keys = files["search/index.json"]["shards"]
    for n, key in enumerate(keys):
        for term, *_ in files[f"search/t/{n}.json"]:
            owner = max((k for k in keys if term.startswith(k)), key=len)
            assert owner == key, (term, key, owner)


def test_shards_are_cut_to_size_on_a_large_index():
    records = [Record(f"{i:x}", "", "", "", {"text": [f"w{i % 500}", f"x{i % 7}", "common"]}) for i in range(3000)]
    shards = build_index(records, PARAGRAPH_FIELDS).shards(20_000)
    assert len(shards) > 3
    assert any(len(key) > 2 for key in shards)
    assert sorted(t[0] for entries in shards.values() for t in entries) == sorted(
        {t for r in records for t in r.fields["text"]}
    )


def test_index_equals_what_lunr_py_builds(linked):
    """The hand-written builder (fast) gives exactly lunr.py's index (slow), scores included."""
    from builder.search.records import document_records

    records = [p for doc in document_records(linked.documents, linked.links) for p in doc.paragraphs][:150]
    builder = Builder()
    builder.ref("ref")
    for name, boost in PARAGRAPH_FIELDS.items():
        builder.field(name, boost=boost)
    for record in records:
        builder.add({"ref": record.ref, **record.fields})
    expected = json.loads(json.dumps(builder.build().serialize()))
    ours = json.loads(json.dumps(build_index(records, PARAGRAPH_FIELDS).serialize()))
    assert ours["invertedIndex"] == expected["invertedIndex"]
    assert ours["fieldVectors"] == expected["fieldVectors"]
    assert ours["fields"] == expected["fields"]


def _doc_number(linked, symbol_or_slug: str) -> int:
    return next(n for n, d in enumerate(linked.documents) if symbol_or_slug in (d.meta.symbol, d.meta.slug))


def test_a_resolution_number_finds_its_document_first_then_the_paragraphs_citing_it(linked, files):
    documents = Index.load(files["search/index.json"]["index"])
    draft = _doc_number(linked, "A/C.3/61/L.7/Rev.1")  # adopted as resolution 61/180
    assert _query(documents, "61/180")[0] == f"d{draft:x}"
    assert _query(documents, "A/RES/61/180")[0] == f"d{draft:x}"
    assert _query(documents, "A/C.3/61/L.7/Rev.1")[0] == f"d{draft:x}"
    paragraphs = _paragraph_index(files)
    citing = _query(paragraphs, "61/180")
    assert citing, "the 2012 draft recalls resolution 61/180"
    later = _doc_number(linked, "ga-67-c3-draft-improving-coordination-trafficking")
    assert all(ref.startswith(f"{later:x}.") for ref in citing)
    # written "resolution 61/180" in the text, found by its full symbol too
    assert _query(paragraphs, "A/RES/61/180") == citing


def test_a_symbol_finds_the_paragraphs_that_cite_it(linked, files):
    paragraphs = _paragraph_index(files)
    found = _query(paragraphs, "A/67/156")
    assert found
    n, i = (int(x, 16) for x in found[0].split("."))
    assert "A/67/156" in linked.documents[n].paragraphs()[i].content.text or any(
        "A/67/156" in note.content.text for note in linked.documents[n].notes
    )


def test_an_instrument_alias_finds_paragraphs_naming_it_any_way(linked, files):
    paragraphs = _paragraph_index(files)
    found = _query(paragraphs, "Palermo Protocol")
    assert len(found) >= 10
    texts = []
    for ref in found:
        n, i = (int(x, 16) for x in ref.split("."))
        texts.append(linked.documents[n].paragraphs()[i].content.text)
    # none of the seeds says "Palermo": every hit is the Protocol under another of its names
    assert not any("Palermo" in t for t in texts)
    assert any("Trafficking in Persons Protocol" in t or "Protocol to Prevent" in t for t in texts)
    documents = Index.load(files["search/index.json"]["index"])
    assert _query(documents, "Palermo Protocol")[0] == "g1"
