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

from builder.model import Document
from builder.render.page import date_parts, is_resolution
from builder.similarity.index import Index
from builder.similarity.relations import Relations

EARLIER = 3
LATER = 2


@dataclass(frozen=True)
class Precedent:
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
    index = data.index
    mine = data.order[page]
    skip = {page, *data.relations.versions.get(page, ())}
    out: dict[str, list[Precedent]] = {}
    for anchor, tid in index.of_doc.get(page, []):
        best: dict[str, tuple[float, str]] = {}
        for other, score in index.neighbours(tid):
            for member_page, member_anchor in index.members(other):
                if member_page in skip:
                    continue
                if member_page not in best or best[member_page][0] < score:
                    best[member_page] = (score, member_anchor)
        found = [Precedent(p, a, s, data.order[p] < mine) for p, (s, a) in best.items() if data.order[p] != mine]
        back = data.back
        for p in found:
            if p.earlier and p.page not in back:
                back[p.page] = _back(data.order[p.page])
        earlier = sorted((p for p in found if p.earlier), key=lambda p: (-p.score, back[p.page]))
        later = sorted((p for p in found if not p.earlier), key=lambda p: (-p.score, data.order[p.page]))
        out[anchor] = earlier[:EARLIER] + later[:LATER]
    return out


def _back(key: tuple) -> tuple:
    """Sorts the nearest earlier document first."""
    return tuple(-x if isinstance(x, int) else x for x in key[0]), key[2]


def is_new(found: list[Precedent]) -> bool:
    return not any(p.earlier for p in found)


def new_share(found: dict[str, list[Precedent]]) -> tuple[int, int]:
    """(paragraphs that are new language, comparable paragraphs)."""
    return sum(is_new(f) for f in found.values()), len(found)
