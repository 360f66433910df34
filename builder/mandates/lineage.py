"""Lineage where the text states it: the earlier resolutions of a document's series, and the
requests a mandate repeats.

A document's series is what its preamble recalls of its own organ ("Recalling its resolution
79/154 of …", "Reaffirming its resolutions 77/201 and 78/190"): those resolutions, latest
first. A mandate repeats a request made before when a resolution of its series that the
site has holds a mandate to the same addressee, of the same kind, asking much the same
(at least `SIMILAR` of the words of the shorter request are shared). Nothing is inferred
beyond what the preamble names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from builder.linking.corpus import official_symbols
from builder.linking.references import find_references
from builder.mandates.recognize import Mandate, organ
from builder.model import Document

SIMILAR = 0.6
_RECALLS = re.compile(r"^[“\"]?(?:(?:Also|Further|Once again)\s+)?(?:Recalling|Reaffirming)\b", re.I)
_OWN = re.compile(r"\bits (?:own )?resolutions?\b")
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    {"the", "and", "for", "with", "its", "his", "her", "their", "that", "this", "which", "from", "have", "has"}
    | {"been", "all", "also", "further", "including", "within", "present", "resolution", "assembly", "general"}
    | {"session"}
)


def series(doc: Document) -> list[str]:
    """The organ's own resolutions the preamble recalls, latest first (the document itself left out)."""
    body = organ(doc)
    own = set(official_symbols(doc))
    found: dict[str, None] = {}
    for para in doc.paragraphs():
        if para.kind != "preamble" or not _RECALLS.match(para.content.text) or not _OWN.search(para.content.text):
            continue
        for ref in find_references(para.content.text, body):
            if ref.symbol and "/RES/" in ref.symbol and ref.symbol not in own:
                found[ref.symbol] = None
    return sorted(found, key=_order, reverse=True)


def _order(symbol: str) -> tuple:
    return tuple(int(n) if n.isdigit() else 0 for n in re.findall(r"\d+", symbol))


@lru_cache(maxsize=1 << 16)  # the same actions come back on every rebuild under `make serve`
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def link(docs: list[Document], mandates: dict[str, list[Mandate]], known: dict[str, list[str]] | None = None) -> None:
    """Fill each mandate's `series` and `repeats` (`mandates` is page → its mandates; `known`,
    page → its `series`, when already found)."""
    by_symbol = symbol_pages(docs, official_symbols)
    index = Index(mandates)
    for doc in docs:
        earlier = known[doc.path] if known is not None and doc.path in known else series(doc)
        repeat(mandates.get(doc.path, []), earlier, series_pages(doc.path, earlier, by_symbol), index)


def symbol_pages(docs: list[Document], symbols) -> dict[str, str]:
    """Official symbol → the page of the first document known by it (`symbols(doc)` gives a document's)."""
    by_symbol: dict[str, str] = {}
    for doc in docs:
        for symbol in symbols(doc):
            by_symbol.setdefault(symbol, doc.path)
    return by_symbol


def series_pages(page: str, earlier: list[str], by_symbol: dict[str, str]) -> list[str]:
    """The pages of the site holding the resolutions of a series, latest first (`page` itself left out)."""
    return [by_symbol[s] for s in earlier if s in by_symbol and by_symbol[s] != page]


class Index:
    """Each page's mandates by (addressee, kind), with their words: made for a page when first asked."""

    def __init__(self, mandates: dict[str, list[Mandate]]) -> None:
        self.mandates = mandates
        self.pages: dict[str, dict[tuple[str, str], list[tuple[Mandate, frozenset[str]]]]] = {}

    def get(self, page: str) -> dict[tuple[str, str], list[tuple[Mandate, frozenset[str]]]]:
        keyed = self.pages.get(page)
        if keyed is None:
            keyed = self.pages[page] = defaultdict(list)
            for m in self.mandates.get(page, []):
                keyed[(m.addressee, m.kind)].append((m, _words(m.action)))
        return keyed


def repeat(mandates: list[Mandate], earlier: list[str], pages: list[str], index: Index) -> None:
    """Fill `series` (`earlier`) and `repeats` of one document's mandates; `pages` are the pages of
    its series in the site."""
    for m in mandates:
        m.series = earlier  # assigned, never appended to: a mandate may come from the cache of an earlier build
        m.repeats = []
        words = _words(m.action) if pages else frozenset()
        for page in pages:
            best = _best(words, index.get(page).get((m.addressee, m.kind), []))
            if best is not None:
                m.repeats.append({"symbol": best.symbol, "page": best.page, "paragraph_id": best.paragraph_id})


def _best(words: frozenset[str], candidates: list[tuple[Mandate, frozenset[str]]]) -> Mandate | None:
    best, score = None, SIMILAR
    for other, theirs in candidates:
        small = min(len(words), len(theirs))
        if not small:
            continue
        share = len(words & theirs) / small
        if share >= score and (best is None or share > score):
            best, score = other, share
    return best
