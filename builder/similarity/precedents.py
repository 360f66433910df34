"""Each paragraph's precedents: the most similar paragraphs of other documents, earlier first.

Reads a scored `Index` and the `Relations`; guarantees to rendering, per paragraph:
at most `EARLIER` precedents from earlier documents (best score first, then the
nearest in time) and `LATER` from later ones, never from the document itself nor
from another version of it (its draft, the draft it replaced, the resolution it
became: those are *related documents*, compared whole), one paragraph per document.
A paragraph with no earlier precedent is *new language*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from builder.model import Document
from builder.render.page import date_parts, is_resolution
from builder.similarity.index import Index
from builder.similarity.relations import Relations

EARLIER = 3
LATER = 2


class Precedent(NamedTuple):
    """A paragraph of another document like one of this page's (a tuple: tens of thousands are made)."""

    page: str
    anchor: str
    score: float
    earlier: bool
    same_day: bool = False  # adopted or issued the same day: neither precedent nor reuse


@dataclass
class Corpus:
    """What precedents and comparisons need of every document, shared by the render workers."""

    index: Index
    relations: Relations
    order: dict[str, tuple]  # page → sort key in time
    names: dict[str, str]  # page → symbol or name
    dates: dict[str, str]
    paragraphs: dict[str, dict[str, tuple[str, str]]]  # page → anchor → (text, citation)
    back: dict[str, tuple] = field(default_factory=dict)  # page → `_back` of its order, made once


def time_key(doc: Document) -> tuple:
    """Documents in time: by date, a draft before the resolution of the same day, then symbol."""
    return (date_parts(doc.meta.date) or (0,), is_resolution(doc), doc.meta.symbol or doc.path)


def corpus(docs: list[Document], index: Index, relations: Relations, names: dict[str, str]) -> Corpus:
    return Corpus(
        index,
        relations,
        {d.path: time_key(d) for d in docs},
        names,
        {d.path: d.meta.date for d in docs},
        {d.path: paragraphs_of(d) for d in docs},
    )


def paragraphs_of(doc: Document) -> dict[str, tuple[str, str]]:
    """anchor → (text, citation) of every paragraph of `doc`."""
    return {p.anchor: (" ".join(p.content.text.split()), p.citation or p.anchor) for p in doc.paragraphs()}


def precedents(data: Corpus, page: str) -> dict[str, list[Precedent]]:
    """The precedents of every comparable paragraph of `page` ([] for new language)."""
    return precedents_of(data, [page])[page]


def precedents_of(data: Corpus, pages: list[str]) -> dict[str, dict[str, list[Precedent]]]:
    """`precedents` of each of `pages`, each text's ranked candidates made once for all the
    pages printing it (boilerplate is printed by hundreds)."""
    at = {key: n for n, key in enumerate(sorted(set(data.order.values())))}
    position = {page: at[key] for page, key in data.order.items()}  # the order, as integers
    ranked: dict[int, _Ranked] = {}
    return {page: _precedents(data, page, position, ranked) for page in pages}


class _Candidates(NamedTuple):
    """Pages in the order they are chosen: (order as an integer, page, anchor, score) each, and the
    integers alone as an array when there are many (a boilerplate text's hundreds of pages)."""

    pages: list[tuple[int, str, str, float]]
    positions: np.ndarray | None


_Ranked = tuple[_Candidates, _Candidates]
_MANY = 24


def _candidates(pages: list[tuple[int, str, str, float]]) -> _Candidates:
    return _Candidates(pages, np.array([c[0] for c in pages], dtype=np.int64) if len(pages) > _MANY else None)


def _first(found: _Candidates, mine: int, versions, count: int, earlier: bool) -> list[Precedent]:
    """The first `count` candidates earlier (or later) than the page at `mine`, not versions of it."""
    out: list[Precedent] = []
    pages = found.pages
    if found.positions is not None:  # only the pages on the right side, found at once
        at = np.flatnonzero(found.positions < mine if earlier else found.positions > mine)
        pages = [pages[i] for i in at[: count + len(versions)].tolist()]
    for n, p, a, s in pages:
        if (n < mine if earlier else n > mine) and p not in versions:
            out.append(Precedent(p, a, s, earlier))
            if len(out) == count:
                break
    return out


def _precedents(
    data: Corpus, page: str, position: dict[str, int], ranked: dict[int, _Ranked]
) -> dict[str, list[Precedent]]:
    mine = position[page]
    versions = data.relations.versions.get(page, ())
    out: dict[str, list[Precedent]] = {}
    for anchor, tid in data.index.of_doc.get(page, []):
        found = ranked.get(tid)
        if found is None:
            found = ranked[tid] = _rank(data, tid, position)
        by_back, by_order = found
        earlier = _first(by_back, mine, versions, EARLIER, True)
        later = _first(by_order, mine, versions, LATER, False)
        out[anchor] = earlier + later
    return out


def _rank(data: Corpus, tid: int, position: dict[str, int]) -> _Ranked:
    """Every page printing text `tid` or a text similar to it, once each (with its best-scoring
    paragraph, the first in the index's order), best score first: ties to the nearest earlier
    document first, and to the earliest document first. The precedents of a paragraph printing
    `tid` are the first of these that are earlier (later) than its page, and not a version of it."""
    index = data.index
    best: dict[str, tuple[str, float]] = {}
    for other, score in index.neighbours(tid):  # best score first: a page's first paragraph is its best
        for member_page, member_anchor in index.members(other):
            if member_page not in best:
                best[member_page] = (member_anchor, score)
    found = [(position[p], p, a, s) for p, (a, s) in best.items()]
    back = data.back
    for p in best:
        if p not in back:
            back[p] = _back(data.order[p])
    return (
        _candidates(sorted(found, key=lambda x: (-x[3], back[x[1]]))),
        _candidates(sorted(found, key=lambda x: (-x[3], x[0]))),
    )


def _back(key: tuple) -> tuple:
    """Sorts the nearest earlier document first."""
    return tuple(-x if isinstance(x, int) else x for x in key[0]), key[2]


def is_new(found: list[Precedent]) -> bool:
    return not any(p.earlier for p in found)


def new_share(found: dict[str, list[Precedent]]) -> tuple[int, int]:
    """(paragraphs that are new language, comparable paragraphs)."""
    return sum(is_new(f) for f in found.values()), len(found)
