"""Agreed language built again from the last build (`similarity.stage`, `similarity.live`) is
exactly what a cold build makes: after an edit, an addition and a removal, on the made-up
documents of `similarity_docs` (a series, drafts, boilerplate), and, for the index alone, on
random paragraphs with a small bucket cap and frequency limit so that every rule is crossed."""

from __future__ import annotations

import random
import shutil
import zlib

import numpy as np
import pytest
import similarity_docs as sd
from conftest import tree_digest

from builder.build import build
from builder.similarity import index as index_module
from builder.similarity import live as live_module
from builder.similarity import stage
from builder.similarity.index import Index, Para, minhash
from builder.similarity.live import Live
from builder.similarity.text import shingles, word_ids


def _check(sources, work, step):
    """Build warm (the same cache folder as the last step) and cold; same pages, same files."""
    warm = build(sources, work / "warm", keep_going=True)
    cold = build(sources, work / f"cold-{step}", keep_going=True, use_cache=False)
    assert not warm.errors and not cold.errors
    assert warm.pages == cold.pages, step
    assert tree_digest(work / "warm/docs") == tree_digest(work / f"cold-{step}/docs"), step
    shutil.rmtree(work / f"cold-{step}")
    return warm


def _kept():
    return next(iter(stage._KEPT.values()))


def test_edit_add_remove_give_the_cold_agreed_language(tmp_path):
    sources = sd.write(tmp_path / "src")
    first = _check(sources, tmp_path, "first")
    pages_before = dict(_kept().pages)
    assert str(tmp_path / "warm/cache") in stage._KEPT, "the state is kept under the build's cache folder"

    # An edit of one operative paragraph: its precedents and those of the texts it resembles change.
    res = sources / "A_RES_99_60.txt"
    res.write_text(res.read_text(encoding="utf-8").replace("enhance the monitoring", "improve the monitoring"))
    edited = _check(sources, tmp_path, "edit")
    changed = {p for p in first.pages if first.pages[p] != edited.pages.get(p)}
    assert "A/RES/98/50/precedents-1.json" in changed, "the series' earlier resolution shows the new wording"
    assert "compare/A_RES_98_50--A_RES_99_60/index.md" in changed
    kept = _kept().pages
    assert kept["A/RES/99/201.md"] is pages_before["A/RES/99/201.md"], "an unrelated page is kept as it was"
    assert kept["A/RES/98/50.md"] is not pages_before["A/RES/98/50.md"]

    # A new resolution repeating a paragraph of 98/50 word for word: a precedent appears.
    added = sd.resolution(
        "A/RES/99/90",
        99,
        "15 December 2024",
        "Coral reefs",
        [sd.PRE[1], sd.OPS[3], "Decides to include in the provisional agenda of its hundredth session the item;"],
        "without reference to a Main Committee",
    )
    (sources / "A_RES_99_90.txt").write_text(added, encoding="utf-8")
    grown = _check(sources, tmp_path, "add")
    assert "A/RES/99/90/precedents-1.json" in grown.pages

    # The plenary draft removed: the resolution has no draft any more, 98/50 loses a precedent.
    (sources / "A_99_L.11.txt").unlink()
    _check(sources, tmp_path, "remove")

    _check(sources, tmp_path, "unchanged")


def _para(anchor: str, words: list[str]) -> Para:
    ids = word_ids(words)
    found = shingles(words, ids)
    return Para(anchor, ids, found, minhash(found))


def _document(rng: random.Random, n: int, vocabulary: list[str], stock: list[list[str]]) -> list[Para]:
    """Paragraphs of one random document: copies, near-copies (a word changed) and new text."""
    out = []
    for k in range(rng.randint(2, 6)):
        roll = rng.random()
        if roll < 0.3 and stock:
            words = list(rng.choice(stock))
        elif roll < 0.7 and stock:
            words = list(rng.choice(stock))
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        else:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(4, 12))]
            stock.append(words)
        out.append(_para(f"p{n}-{k}", words))
    return out


def _view(index: Index) -> dict:
    """What the index answers, by text (not by id): members in order, neighbours in order."""

    def words(tid: int) -> tuple[int, ...]:
        return tuple(index.texts[tid].words)

    return {
        words(tid): (index.members(tid), [(words(o), s) for o, s in index.neighbours(tid)])
        for tid in index.by_words.values()
    }


@pytest.mark.parametrize(("seed", "cap"), [(1, 2), (2, 2), (3, 3), (4, 4)])
def test_the_live_index_equals_a_cold_index(seed, cap, monkeypatch):
    # Small limits, so that buckets cross the cap and shingles cross the frequency limit.
    monkeypatch.setattr(index_module, "BUCKET_CAP", cap)
    monkeypatch.setattr(live_module, "BUCKET_CAP", cap)
    monkeypatch.setattr(Index, "common_df", lambda self: max(2, len(self.by_words) // 25))
    rng = random.Random(seed)
    vocabulary = [f"w{zlib.crc32(str(i).encode()) % 997}" for i in range(40)]
    stock: list[list[str]] = []
    corpus = {f"doc{n}": _document(rng, n, vocabulary, stock) for n in range(40)}
    order = list(corpus)

    def cold() -> Index:
        index = Index()
        for page in order:
            index.add(page, corpus[page])
        index.build()
        return index

    live = Live(cold(), order)
    changes = 0
    for step in range(30):
        removed, added = [], []
        action = rng.random()
        if action < 0.4:  # an edit
            page = rng.choice(order)
            corpus[page] = _document(rng, 100 + step, vocabulary, stock)
            removed, added = [page], [page]
        elif action < 0.7:  # a removal
            page = rng.choice(order)
            order.remove(page)
            del corpus[page]
            removed = [page]
        else:  # an addition, somewhere in the order
            page = f"new{step}"
            corpus[page] = _document(rng, 200 + step, vocabulary, stock)
            order.insert(rng.randrange(len(order) + 1), page)
            added = [page]
        live.place(order)
        touched = live.update(removed, [(p, corpus[p]) for p in added])
        changes += bool(touched)
        expected = cold()
        assert _view(live.index) == _view(expected), step
        assert {tuple(live.index.texts[t].words) for t in live.index.similar} == {
            tuple(expected.texts[t].words) for t in expected.similar
        }
        for t in live.index.by_words.values():  # every similar pair scored as a cold index does
            row = live.index.strong.get(t, {})
            assert all(np.isfinite(v) for v in row.values())
    assert changes


def test_a_live_index_may_start_empty():
    """A first build with no comparable paragraph, then documents added."""
    empty = Index()
    empty.build()
    live = Live(empty, [])
    words = ["the", "assembly", "decides", "to", "remain", "seized", "of", "the", "matter"]
    docs = {"a": [_para("a-1", words)], "b": [_para("b-1", [*words[:-1], "question"])]}
    live.place(["a", "b"])
    live.update([], list(docs.items()))
    cold = Index()
    for page, paras in docs.items():
        cold.add(page, paras)
    cold.build()
    assert _view(live.index) == _view(cold)
