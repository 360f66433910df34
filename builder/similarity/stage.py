"""The agreed-language stage of the build: index, relations, precedents, comparison pages.

Runs after linking, before rendering. Guarantees to rendering: an `Agreed` whose
`corpus` answers every page's precedents and related documents, whose `pages`
hold each page's `PageAgreed`, and whose `pairs` are the comparisons pre-built
(`files`); the result is the same whether made cold or from the last build.

Signatures are cached per document in `<build>/cache/similarity/`. A caller that
builds again in one process with the same cache folder (`make serve`) gets the
last build's state back (`_KEPT`): the index is updated for the changed
documents only (`live`), precedents are made again only for the pages whose
texts, or the texts similar to them, changed (or whose versions changed), and a
page's `PageAgreed` (with its files, once made) is kept when neither its
precedents nor its related documents changed. A document is *changed* when its
key (its read key from the build, else a digest of its content), page or name is.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from builder import workers
from builder.model import Document
from builder.similarity.index import Index, SignatureCache, build_index
from builder.similarity.live import Live
from builder.similarity.precedents import Corpus, Precedent, corpus, paragraphs_of, precedents_of, time_key
from builder.similarity.relations import Relations, relate, session_of


@dataclass
class Agreed:
    corpus: Corpus
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (older page, newer page, why)
    seconds: float = 0.0
    pages: dict = field(default_factory=dict)  # page → its `PageAgreed`
    pair_keys: list[str] = field(default_factory=list)  # what each pre-built comparison depends on
    compare_pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # pair key → (path, Markdown)

    @cached_property
    def compared(self) -> set[tuple[str, str]]:
        """The pre-built comparisons as (older, newer): made once (every page asks for it)."""
        return {(a, b) for a, b, _ in self.pairs}


@dataclass
class _State:
    """What a build leaves for the next one in the same process."""

    keys: dict[str, str]
    live: Live
    found: dict[str, dict[str, list[Precedent]]]
    paragraphs: dict[str, dict[str, tuple[str, str]]]
    versions: dict[str, set[str]]
    shown: dict[str, tuple]  # page → what its related documents show (see `_related_key`)
    pages: dict
    compare_pages: dict[str, tuple[str, str]]


_KEPT: dict[str, _State] = {}  # the last build's state, under its cache folder (one at a time)


def _content_key(doc: Document) -> str:
    """A digest of what the stage reads of a document, for callers that give no read keys."""
    paras = [(p.anchor, p.kind, p.citation, p.content.text) for p in doc.paragraphs()]
    return hashlib.sha256(pickle.dumps((doc.meta, paras), protocol=4)).hexdigest()


def agreed_language(
    docs: list[Document], names: dict[str, str], cache: Path | None, keys: dict[str, str] | None = None
) -> Agreed:
    """Index every paragraph, relate the documents, choose the comparisons to pre-build.

    `keys` (page → the document's read key) spares digesting each document; with
    `cache` None nothing is kept for a next build."""
    with workers.no_collections():
        return _agreed_language(docs, names, cache, keys)


def _agreed_language(
    docs: list[Document], names: dict[str, str], cache: Path | None, keys: dict[str, str] | None
) -> Agreed:
    from builder.render.agreed import PageAgreed

    started = time.perf_counter()
    doc_keys = {
        d.path: f"{keys[d.path] if keys is not None else _content_key(d)}\0{d.path}\0{names[d.path]}" for d in docs
    }
    signatures = SignatureCache(cache / "similarity" if cache else None)
    state = _KEPT.pop(str(cache), None) if cache is not None else None
    if state is None:
        index = build_index(docs, signatures)
        relations = relate(docs, index)
        data = corpus(docs, index, relations, names)
        found = precedents_of(data, [d.path for d in docs])
        live = Live(index, [d.path for d in docs]) if cache is not None else None
        dirty = set(found)
        old_shown: dict[str, tuple] = {}
        old_pages: dict = {}
        compare_pages: dict[str, tuple[str, str]] = {}
    else:
        live = state.live
        index = live.index
        removed = [p for p, k in state.keys.items() if doc_keys.get(p) != k]
        changed = [d for d in docs if state.keys.get(d.path) != doc_keys[d.path]]
        live.place([d.path for d in docs])
        touched = live.update(removed, list(zip([d.path for d in changed], signatures.get_all(changed), strict=True)))
        relations = relate(docs, index)
        paragraphs = {
            d.path: state.paragraphs[d.path] if state.keys.get(d.path) == doc_keys[d.path] else paragraphs_of(d)
            for d in docs
        }
        data = Corpus(
            index,
            relations,
            {d.path: time_key(d) for d in docs},
            names,
            {d.path: d.meta.date for d in docs},
            paragraphs,
        )
        dirty = _dirty(index, touched, relations, state.versions) | {d.path for d in changed}
        fresh = precedents_of(data, [d.path for d in docs if d.path in dirty])
        found = {d.path: fresh[d.path] if d.path in dirty else state.found[d.path] for d in docs}
        old_shown, old_pages, compare_pages = state.shown, state.pages, state.compare_pages
    agreed = Agreed(data, _pairs(docs, relations, data))
    shown: dict[str, tuple] = {}
    for doc in docs:
        page = doc.path
        shown[page] = _related_key(data, page, agreed.compared)
        kept = old_pages.get(page)
        if kept is not None and page not in dirty and old_shown.get(page) == shown[page]:
            kept.data, kept.compared = data, agreed.compared
            agreed.pages[page] = kept
        else:
            agreed.pages[page] = PageAgreed(data, page, agreed.compared, found[page])
    agreed.pair_keys = [f"{doc_keys[a]}\0{doc_keys[b]}\0{why}" for a, b, why in agreed.pairs]
    agreed.compare_pages = {k: compare_pages[k] for k in agreed.pair_keys if k in compare_pages}
    if cache is not None and live is not None:
        _KEPT.clear()
        _KEPT[str(cache)] = _State(
            doc_keys, live, found, data.paragraphs, relations.versions, shown, agreed.pages, agreed.compare_pages
        )
    agreed.seconds = time.perf_counter() - started
    return agreed


def _dirty(index: Index, touched: set[int], relations: Relations, versions: dict[str, set[str]]) -> set[str]:
    """The pages whose precedents may have changed: those printing a touched text or a text
    similar to one, and those whose other versions changed."""
    texts = set(touched)
    for tid in touched:
        texts.update(index.similar.get(tid, ()))
    pages = {page for tid in texts for page, _ in index.texts[tid].members}
    for page in relations.versions.keys() | versions.keys():
        if relations.versions.get(page, set()) != versions.get(page, set()):
            pages.add(page)
    return pages


def _related_key(data: Corpus, page: str, compared: set[tuple[str, str]]) -> tuple:
    """Everything a page's related documents show besides its precedents."""
    out = []
    for rel in data.relations.of.get(page, []):
        t = rel.target
        out.append((rel, data.names[t], data.dates.get(t), data.order[t], (t, page) in compared, (page, t) in compared))
    return data.order[page], data.names[page], tuple(out)


def _pairs(docs: list[Document], relations: Relations, data: Corpus) -> list[tuple[str, str, str]]:
    """The comparisons to pre-build: drafts and their resolutions, replaced drafts, consecutive
    resolutions of a series; in the newer document's time order."""
    pairs: dict[tuple[str, str], str] = {}
    for draft, res, inferred in relations.adopted:
        pairs[(draft, res)] = "the draft and the resolution it became" + (
            " (inferred from the texts)" if inferred else ""
        )
    for old, new in relations.replaced:
        pairs.setdefault((old, new), "a draft and the draft that replaced it")
    by_page = {d.path: d for d in docs}
    nearest: dict[str, tuple[int, str]] = {}
    for earlier, later, _why in relations.series:
        gap = session_of(by_page[later]) - session_of(by_page[earlier])
        if later not in nearest or gap < nearest[later][0]:
            nearest[later] = (gap, earlier)
    for later, (_, earlier) in nearest.items():
        pairs.setdefault((earlier, later), "consecutive resolutions of a series (the same title)")
    return sorted(((a, b, why) for (a, b), why in pairs.items()), key=lambda p: (data.order[p[1]], p[0]))
