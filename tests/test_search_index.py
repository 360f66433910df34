"""The search files the builder writes: what they hold, how they are cut, what they cost.

Queries are answered from the served files by `test_search_relevance.SearchFiles`;
the browser side is tested in test_search_browser.py.
"""

from __future__ import annotations

import json
import time

import pytest

from builder.render.html import url_dir
from builder.search.files import CHUNK, assemble, search_files
from builder.search.index import score_records, shards
from builder.search.records import (
    FIELDS,
    DocumentLinks,
    Record,
    document_links,
    document_records,
    glossary_records,
    instrument_names,
)
from builder.search.terms import terms
from tests.test_search_relevance import PAGE, PARAGRAPH, SearchFiles


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
def files(linked) -> dict[str, str]:
    return {path: text for path, text in linked.pages.items() if path.startswith("search/")}


def test_one_record_per_document_and_anchored_paragraph_with_its_citation(linked, files):
    search = SearchFiles(files)
    ref = 0
    for doc in linked.documents:
        assert search.kind(ref) == PAGE
        row, docs = search.record(ref)
        assert docs[str(row[1])][0] == url_dir(doc.path)
        assert row[3].split(" ") == [p.anchor for p in doc.paragraphs()]
        ref += 1
        for para in doc.paragraphs():
            row, _ = search.record(ref)
            assert search.kind(ref) == PARAGRAPH
            assert row[2:5] == [para.anchor, para.citation, para.content.text]
            ref += 1
    assert ref == search.index["glossary"]
    assert search.index["records"] == ref + len(linked.links.registry.instruments)
    assert len([p for p in files if p.startswith("search/r/")]) == -(-search.index["records"] // CHUNK)


def test_every_term_is_in_the_shard_its_longest_key_names(files):
    keys = json.loads(files["search/index.json"])["shards"]
    for n, key in enumerate(keys):
        for term, *_ in json.loads(files[f"search/t/{n}.json"]):
            owner = max((k for k in keys if term.startswith(k)), key=len)
            assert owner == key, (term, key, owner)


def test_a_note_citation_says_which_note(linked, files):
    """A paragraph citing a document in a note records the symbol and that note's label."""
    search = SearchFiles(files)
    by_url = {url_dir(doc.path): doc for doc in linked.documents}
    noted = 0
    for ref in range(search.index["glossary"]):
        row, docs = search.record(ref)
        if row[0] != PARAGRAPH:
            continue
        doc = by_url[docs[str(row[1])][0]]
        para = next(p for p in doc.paragraphs() if p.anchor == row[2])
        notes = {n.note_id: n for n in doc.notes}
        expected = [
            [link.target, notes[r.note_id].label]
            for r in para.content.refs
            if r.note_id in notes
            for link in notes[r.note_id].content.links
            if link.kind == "document"
        ]
        assert row[5] == list(map(list, dict.fromkeys(map(tuple, expected))))
        noted += bool(row[5])
    assert noted >= 3


def test_shards_are_cut_to_size_and_common_terms_carry_one_score():
    records = [Record({"text": [f"w{i % 500}", f"x{i % 7}", "common"]}) for i in range(30_000)]
    keyed = shards(score_records(records, FIELDS), len(records), 20_000)
    assert len(keyed) > 3
    assert any(len(key) > 2 for key in keyed)
    entries = {e[0]: e for group in keyed.values() for e in group}
    assert sorted(entries) == sorted({t for r in records for t in r.fields["text"]})
    assert isinstance(entries["common"][2], int)  # in every record: no score per record
    assert isinstance(entries["w1"][2], (int, list))
    assert sum(entries["common"][1]) == len(records)  # gaps from -1 add up to the last record number + 1


def test_a_title_match_keeps_its_score_in_a_common_term():
    """A common word scores one value, except where it scores far more (a title): that ranks a document."""
    records = [Record({"text": ["right" if i % 5 == 0 else "left", f"w{i}"]}) for i in range(12_000)]
    records.append(Record({"title": ["right"], "text": ["w1"]}))
    scores = score_records(records, FIELDS)
    (entry,) = [e for group in shards(scores, len(records), 1_000_000).values() for e in group if e[0] == "right"]
    assert len(entry) == 5  # a common term: one score, then the few records far above it
    assert sum(entry[3]) - 1 == 12_000 and entry[4][0] > 2 * entry[2]


def test_glossary_entries_are_found_by_every_name_and_stay_small(linked):
    for record, instrument in zip(
        glossary_records(linked.links.registry), linked.links.registry.instruments, strict=True
    ):
        found = {t for field in record.fields.values() for t in field}
        for name in instrument.names():
            assert set(terms(name)) <= found, name
        assert sum(len(f) for f in record.fields.values()) < 200


def test_document_records_are_a_pure_function_of_the_document(linked):
    """The build may cache them per document: the same document gives the same records,
    whatever else is in the corpus, and the assembly of cached records gives the same files."""
    links = linked.links
    facts, names = document_links(links), instrument_names(links.registry)
    docs = linked.documents
    alone = [document_records(doc, facts.get(doc.path, DocumentLinks()), names) for doc in docs]
    again = [document_records(doc, facts.get(doc.path, DocumentLinks()), names) for doc in reversed(docs)]
    assert alone == list(reversed(again))
    assert assemble(alone, glossary_records(links.registry)) == search_files(docs, links)


def test_the_assembly_is_fast(linked):
    links = linked.links
    facts, names = document_links(links), instrument_names(links.registry)
    per_doc = [document_records(doc, facts.get(doc.path, DocumentLinks()), names) for doc in linked.documents] * 40
    started = time.perf_counter()
    assemble(per_doc, glossary_records(links.registry))
    assert time.perf_counter() - started < 10  # 200 documents, 7,400 records: well under a second when idle
