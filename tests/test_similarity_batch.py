"""The agreed-language stage's batched and parallel paths give what the plain definitions give:
a document's signatures in one piece (`Signed`) equal each paragraph's shingles and MinHash;
signatures made on forked workers equal those made here; words as characters score as word
lists do; the precedents of all pages at once equal, page by page, a direct reading of the
rule (`precedents` module docstring), also for a text printed by more documents than
`precedents._MANY`; a remembered word diff is the diff."""

from __future__ import annotations

import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
import similarity_docs as sd
from conftest import read_text
from rapidfuzz.distance import Indel

from builder import workers
from builder.similarity import precedents as precedents_module
from builder.similarity.diff import word_diff
from builder.similarity.index import Index, Para, Signed, _signature_of, build_index, minhash, signature
from builder.similarity.precedents import EARLIER, LATER, Corpus, _back, corpus, precedents, precedents_of
from builder.similarity.relations import relate
from builder.similarity.text import comparable, shingles, word_chars, word_ids

SHARED = "Calls upon all States to cooperate in the conservation and management of straddling fish stocks and highly migratory fish stocks;"


def _documents(count: int) -> list:
    """`count` resolutions of one series, a year apart, each printing the shared paragraph (a
    word changed in every third one), the series' paragraphs and one of its own."""
    rng = random.Random(count)
    docs = []
    for n in range(count):
        session = 98 + n % 2
        shared = SHARED.replace("cooperate", "work together") if n % 3 == 0 else SHARED
        own = f"Requests the Secretary-General to report on item {n} concerning {rng.choice(sd.TOPICS)};"
        paras = [sd.PRE[n % len(sd.PRE)], shared, *sd.OPS[: 1 + n % 3], own]
        text = sd.resolution(f"A/RES/{session}/{100 + n}", session, f"{1 + n % 28} December 20{10 + n // 28}",
                             sd.OCEANS, paras, "without reference to a Main Committee")  # fmt: skip
        doc = read_text(text, f"A_RES_{session}_{100 + n}.txt")[0]
        doc.path = f"A/RES/{session}/{100 + n}.md"
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def docs() -> list:
    return _documents(3 * precedents_module._MANY)


def test_signed_equals_each_paragraph(docs):
    for doc in docs:
        signed = signature(doc)
        found = comparable(doc)
        assert signed.anchors == [p.anchor for p, _ in found]
        for k, (_, words) in enumerate(found):
            ids = word_ids(words)
            assert signed.words[signed.bounds[k] : signed.bounds[k + 1]].tolist() == ids
            expected = shingles(words, ids)
            got = signed.shingles[signed.shingle_bounds[k] : signed.shingle_bounds[k + 1]]
            assert got.tolist() == expected.tolist()
            assert signed.signatures[k].tolist() == minhash(expected).tolist()


def test_an_index_of_signed_documents_equals_one_of_paragraphs(docs):
    by_paragraph = Index()
    for doc in docs:
        signed = signature(doc)
        sb = signed.shingle_bounds
        paras = [
            Para(a, signed.words[signed.bounds[k] : signed.bounds[k + 1]].tolist(),
                 signed.shingles[sb[k] : sb[k + 1]], signed.signatures[k])
            for k, a in enumerate(signed.anchors)
        ]  # fmt: skip
        by_paragraph.add(doc.path, paras)
    by_paragraph.build()
    whole = build_index(docs)
    assert whole.of_doc == by_paragraph.of_doc
    assert whole.similar == by_paragraph.similar and whole.similar


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_signatures_on_workers_equal_those_made_here(docs):
    here = [signature(d) for d in docs]
    context = multiprocessing.get_context("fork")
    with workers.sharing(signing=docs), ProcessPoolExecutor(2, mp_context=context) as pool:
        there = workers.run(pool, _signature_of, len(docs))
    assert len(there) == len(here)
    for a, b in zip(here, there, strict=True):
        assert isinstance(b, Signed) and a.anchors == b.anchors
        for field in ("words", "bounds", "shingles", "shingle_bounds", "signatures"):
            assert np.array_equal(getattr(a, field), getattr(b, field)), field


def test_words_as_characters_score_as_word_lists():
    rng = random.Random(5)
    vocabulary = [rng.getrandbits(32) for _ in range(60)]
    texts = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 30))] for _ in range(80)]
    chars = [word_chars(np.array(t, dtype=np.uint32)) for t in texts]
    assert [len(c) for c in chars] == [len(t) for t in texts]
    for a, ca in zip(texts, chars, strict=True):
        for b, cb in zip(texts[:20], chars[:20], strict=True):
            assert (ca == cb) == (a == b)
            assert Indel.normalized_similarity(ca, cb) == Indel.normalized_similarity(a, b)


def _by_the_rule(data: Corpus, page: str) -> dict[str, list[tuple]]:
    """Precedents read straight from the rule: every page printing the text or a similar one
    (its best paragraph), not the page, a version of it or a page of the same time; earlier ones
    by score then nearest first, later ones by score then earliest first."""
    index = data.index
    skip = {page, *data.relations.versions.get(page, ())}
    out = {}
    for anchor, tid in index.of_doc.get(page, []):
        best: dict[str, tuple[float, str]] = {}
        for other, score in index.neighbours(tid):
            for p, a in index.members(other):
                if p not in skip and (p not in best or best[p][0] < score):
                    best[p] = (score, a)
        mine = data.order[page]
        earlier = [(p, a, s, True) for p, (s, a) in best.items() if data.order[p] < mine]
        later = [(p, a, s, False) for p, (s, a) in best.items() if data.order[p] > mine]
        earlier.sort(key=lambda x: (-x[2], _back(data.order[x[0]])))
        later.sort(key=lambda x: (-x[2], data.order[x[0]]))
        out[anchor] = earlier[:EARLIER] + later[:LATER]
    return out


def test_precedents_of_all_pages_equal_the_rule(docs):
    index = build_index(docs)
    data = corpus(docs, index, relate(docs, index), {d.path: d.meta.symbol for d in docs})
    shared = next(tid for tid, t in enumerate(index.texts) if len(t.members) > precedents_module._MANY)
    assert shared is not None  # the many-pages path is taken
    found = precedents_of(data, [d.path for d in docs])
    for doc in docs:
        expected = _by_the_rule(data, doc.path)
        assert {a: [tuple(p[:4]) for p in f] for a, f in found[doc.path].items()} == expected, doc.path
        assert precedents(data, doc.path) == found[doc.path]
    assert any(len(f) == EARLIER + LATER for page in found.values() for f in page.values())


def test_a_remembered_word_diff_is_the_diff_and_a_list_of_its_own():
    old, new = "Takes note of the report of the Secretary-General", "Takes note with appreciation of the report"
    first = word_diff(old, new)
    first.append(("=", "mutated"))
    second = word_diff(old, new)
    assert second == first[:-1] and second is not first
    assert [s for s in second if s[0] != "="] == [("+", " with appreciation"), ("-", " of the Secretary-General")]


def test_signatures_remembered_by_text_equal_those_made_afresh(docs):
    """A text signed once in this process (`index._SIGNED`) gives what signing it anew gives,
    whatever documents were signed before it and in whatever order."""
    from builder.similarity import index as index_module

    index_module._SIGNED.clear()
    fresh = [signature(d) for d in docs]
    index_module._SIGNED.clear()
    remembered = [signature(d) for d in reversed(docs)][::-1]
    again = [signature(d) for d in docs]
    for a, b, c in zip(fresh, remembered, again, strict=True):
        assert a.anchors == b.anchors == c.anchors
        for field in ("words", "bounds", "shingles", "shingle_bounds", "signatures"):
            assert np.array_equal(getattr(a, field), getattr(b, field)), field
            assert np.array_equal(getattr(a, field), getattr(c, field)), field
            assert getattr(a, field).dtype == getattr(b, field).dtype, field


def test_distinctive_shares_of_all_pairs_equal_each_pair(docs):
    """`Index._share_distinctive_all` (every kept pair at once) gives `_share_distinctive` of each."""
    index = build_index(docs)
    pairs = index.candidates()
    for limit in (1, 2, index.common_df(), 50):
        index._distinct = {}
        together = index._share_distinctive_all(pairs, limit).tolist()
        index._distinct = {}
        assert together == [index._share_distinctive(i, j, limit) for i, j in pairs.tolist()]
        assert any(together) or limit == 1
