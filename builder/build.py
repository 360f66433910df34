"""The build: every source to a page, checked, written to the build folder.

One bad document never takes its neighbours down: each is read, rendered and
checked on its own, and its problems are collected. The build folder gets
`docs/` (the Markdown the engine renders) and `mkdocs.yml` (the engine's whole
config, navigation included: `builder.render.engine_config`). Every internal
link of the pages is checked first (`builder.linkcheck`): a dangling one is an error.
Files are rewritten only when their content changes, and files no longer
produced are removed, so the folder is always exactly this build's output.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from builder import conservation, linkcheck, workers
from builder.cache import BuildCache, Store, digest, source_key, value_digest
from builder.data.corpus import PAGE as DATA_PAGE
from builder.data.files import Kept as DataKept
from builder.data.files import data_files
from builder.errors import Diagnostics, InputError, Place, Warning_
from builder.linking.corpus import DocumentLinks, Links, corpus_index, link_one, merge_links
from builder.linking.discovery import Citation, conflict_warnings, discover_instruments, document_citations
from builder.linking.instruments import REGISTRY_FILE, Registry, load_registry
from builder.mandates import NAV_ENTRY, Recognized, recognized_in
from builder.mandates.recognize import Mandate
from builder.mandates.step import Kept as MandatesKept
from builder.mandates.step import Step, mandates_step
from builder.model import Document
from builder.reading import read_document
from builder.render import page, site
from builder.render.agreed import PageAgreed, agreed_files
from builder.render.engine_config import PROJECT_CONFIG, folder_page, write_config
from builder.render.glossary import glossary_pages
from builder.search.files import search_files
from builder.search.records import paragraph_terms
from builder.similarity.stage import agreed_language
from builder.sources import NO_SOURCES, Source, discover, load_metadata, page_path


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # Pages and open data files (builder.data), by path under docs/: their texts when the build
    # kept them (`keep_files`), else the files as written, read back on access (`Files`).
    pages: Mapping[str, str] = field(default_factory=dict)
    data: Mapping[str, bytes] = field(default_factory=dict)
    mandates: dict[str, list[Mandate]] = field(default_factory=dict)  # page → its mandates (builder.mandates)
    links: Links | None = None
    cache_hits: int = 0
    links_checked: int = 0  # internal links the builder checked (builder.linkcheck)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order
    written: int = 0  # files written (the others were unchanged)
    changed: frozenset[str] = frozenset()  # paths under docs/ this build wrote or removed
    search_job: SearchJob | None = None  # with `search_later`: what makes the search files

    def lap(self, stage: str, since: float) -> float:
        """Record the time `stage` took since `since`; return now."""
        now = time.perf_counter()
        self.stages[stage] = now - since
        return now


@dataclass
class Outcome:
    """What reading one source gave: a checked document and its page, or an error."""

    doc: Document | None
    markdown: str
    words: str  # the source's words, space-separated (a tenth of a list's memory; `word_list`)
    warnings: list[Warning_]
    error: InputError | None = None
    terms: list[list[str]] = field(default_factory=list)  # search terms of each paragraph
    mandates: Recognized | None = None  # its mandates, before lineage (builder.mandates)
    citations: list[Citation] = field(default_factory=list)  # instruments its notes identify (discovery)


def read_one(source: Source, result: BuildResult) -> tuple[Document, str, list[str]] | None:
    """Read one document, recording its warnings and error in `result`.

    Returns the document, its page (before cross-links) and the source's words.
    """
    outcome = read_source(source)
    result.warnings.extend(outcome.warnings)
    if outcome.error is not None:
        result.errors.append(outcome.error)
        return None
    return outcome.doc, outcome.markdown, word_list(outcome.words)


def read_source(source: Source) -> Outcome:
    """Read, render and check one document on its own; never raise for bad input.

    For `builder check` and anything that wants one document's page: the build
    itself reads with `read_model` and checks each page once, after linking.
    """
    outcome = read_model(source)
    if outcome.doc is None:
        return outcome
    markdown = page.render_page(outcome.doc)
    lost = conservation.first_difference(word_list(outcome.words), conservation.page_words(markdown))
    if lost:
        return Outcome(None, "", "", outcome.warnings, _lost(source.path, lost))
    outcome.markdown = markdown
    return outcome


def read_model(source: Source) -> Outcome:
    """Read one document into the model, with its words, search terms, mandates and instrument citations;
    never raise for bad input.

    Everything here depends on the one source alone, so the read store caches it whole."""
    diagnostics = Diagnostics(source.path)
    for other in source.set_aside:
        diagnostics.warn("set-aside", f"{other.name} is another form of this document; {source.path.name} is read")
    try:
        meta = load_metadata(source, diagnostics)
        doc, state = read_document(source.path, source.path.read_bytes(), meta, diagnostics)
        doc.path = page_path(doc.meta)
    except InputError as exc:
        return Outcome(None, "", "", diagnostics.warnings, exc)
    return Outcome(
        doc,
        "",
        " ".join(state.source_words),
        diagnostics.warnings,
        terms=paragraph_terms(doc),
        mandates=recognized_in(doc),
        citations=document_citations(doc),
    )


def word_list(words: str) -> list[str]:
    """The source's words as the conservation check compares them (a word never holds a space)."""
    return words.split(" ") if words else []


def _lost(path: Path, lost: str) -> InputError:
    return InputError(
        Place(path),
        f"conservation check failed, the page would not say what the source says: {lost}",
        "this is a builder bug or an unhandled quirk of the text; please report it with the file",
    )


def read_all(
    sources: list[Source], store: Store, progress: Callable[[str], None] | None, stamps: dict | None = None
) -> tuple[list[str], list[Outcome]]:
    """Every source's read key and outcome, in source order: from the cache, else read on all cores."""
    keys = [source_key(source, stamps) for source in sources]
    outcomes = [store.get(key) for key in keys]
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    started = time.perf_counter()
    count = min(os.cpu_count() or 1, max(1, len(todo) // 16))
    if count > 1:
        with ProcessPoolExecutor(max_workers=count) as pool:
            chunk = max(1, len(todo) // (count * 16))
            fresh = pool.map(read_model, [sources[i] for i in todo], chunksize=chunk)
            for done, (i, outcome) in enumerate(zip(todo, fresh, strict=True), start=1):
                outcomes[i] = outcome
                _report(progress, done, len(todo), started)
    else:
        for done, i in enumerate(todo, start=1):
            outcomes[i] = read_model(sources[i])
            _report(progress, done, len(todo), started)
    for i in todo:
        store.put(keys[i], outcomes[i])
    return keys, outcomes  # type: ignore[return-value]


def _report(progress: Callable[[str], None] | None, done: int, total: int, started: float) -> None:
    """Progress on long builds: every tenth of the way, with the time left."""
    if progress is None or total < 200 or (done % max(1, total // 10) and done != total):
        return
    spent = time.perf_counter() - started
    left = spent / done * (total - done)
    progress(f"read {done}/{total} documents, {spent:.1f} s, about {left:.0f} s left")


@workers.no_collections()
def build(
    sources: Path,
    out: Path,
    keep_going: bool = False,
    instruments: Path | None = None,
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
    cache: BuildCache | None = None,
    search_later: bool = False,
    site_config: Path = PROJECT_CONFIG,
    folders: bool = False,
    keep_files: bool = True,
) -> BuildResult:
    """Build every document of `sources` into `out`; see the module docstring.

    `cache` is kept by a caller that builds again and again in one process
    (`make serve`); else the cache lives in `out/cache` (`use_cache`). With
    `search_later`, changed search files are not computed now: the last
    ones are written, and `result.search_job` computes the new ones.
    `site_config` holds the project's engine settings (`mkdocs.yml`), completed into `out/mkdocs.yml`.
    With `folders`, each document's page is `<address>/index.md` (`engine_config.folder_page`).
    Each file is written as soon as it is made (`Output`); with `keep_files` False its text is
    then let go, and `result.pages`/`result.data` read the written files back on access.
    """
    started = time.perf_counter()
    result = BuildResult()
    try:
        found = discover(sources)
    except InputError as exc:
        result.errors.append(exc)
        return result
    if not found:
        result.errors.append(InputError(Place(sources), NO_SOURCES))
    if cache is None:
        cache = BuildCache(out / "cache" if use_cache else None)
    keys, outcomes = read_all(found, cache.read, progress, cache.stamps)
    read_keys, kept = _collect(found, keys, outcomes, result)
    del outcomes  # what a document's outcome holds besides its model is let go stage by stage (`Corpus`)
    if folders:
        for doc in result.documents:
            doc.path = folder_page(doc.path)
        kept = {folder_page(path): outcome for path, outcome in kept.items()}
        read_keys = {folder_page(path): k for path, k in read_keys.items()}
    result.cache_hits = cache.read.hits
    lap = result.lap("read", started)
    if not result.errors or keep_going:
        registry = _registry(instruments or sources / REGISTRY_FILE, result, kept, cache)
        lap = result.lap("discover instruments", lap)
        corpus = Corpus(
            registry, read_keys, {p: o.words for p, o in kept.items()}, {p: o.terms for p, o in kept.items()}, cache,
            recognized={p: o.mandates for p, o in kept.items() if o.mandates is not None},
        )  # fmt: skip
        del kept
        output = Output(out / "docs", cache.written, keep_files)
        nav = _render(result, corpus, lap, search_later, output)
        lap = time.perf_counter()
        titles = {doc.path: page.cite_name(doc) for doc in result.documents}
        mandates = {doc.path: corpus.mandates.documents[doc.path].dicts for doc in result.documents}
        doc_keys = {d.path: corpus.read_keys[d.path] + corpus.link_keys[d.path] for d in result.documents}
        data_kept = corpus.cache.kept.setdefault("open data", DataKept())
        mandate_keys = {page: one.digest for page, one in corpus.mandates.documents.items()}
        stream = None if output.keep else output.add_data  # keeping nothing: each document's files as made
        output.add_data(
            data_files(
                result.documents, result.links, titles, mandates, corpus.cache.data, doc_keys, data_kept,
                mandate_keys, write=stream,
            )
        )  # fmt: skip
        lap = result.lap("open data", lap)
        sources = {doc.path: doc.meta.source for doc in result.documents}
        dangling, result.links_checked = linkcheck.check(output.to_check(), out / "docs", sources, cache.link_memo)
        result.errors.extend(dangling)
        lap = result.lap("check links", lap)
        result.written = output.finish()
        result.changed = frozenset(output.touched | output.removed)
        result.pages, result.data = output.pages(), output.data()
        try:
            write_config(out, nav, site.NOT_IN_NAV, site_config)
        except InputError as exc:
            result.errors.append(exc)
        result.lap("write", lap)
        if progress is not None:
            progress(f"wrote {result.written} of {len(result.pages) + len(result.data)} files")
        cache.prune()  # only after a whole build: a build stopped by errors keeps what the next one needs
    result.seconds = time.perf_counter() - started
    return result


def _registry(path: Path, result: BuildResult, kept: dict[str, Outcome], cache: BuildCache) -> Registry:
    """The curated registry and the instruments the notes identify, with the conflicts' warnings.

    What it reads: the registry file, and each document's page, source and citations (read with
    it). Kept in memory from the last build (`cache.kept`) while those are the same."""
    try:
        text = path.read_bytes() if path.exists() else None
    except OSError:
        text = None
    inputs = (str(path), text, [(doc.path, doc.meta.source, kept[doc.path].citations) for doc in result.documents])
    last = cache.kept.get("instruments")
    if last is None or last[0] != inputs:
        errors = []
        try:
            curated = load_registry(path)
        except InputError as exc:
            errors.append(exc)
            curated = Registry([])
        discovery = discover_instruments(result.documents, curated, {p: o.citations for p, o in kept.items()})
        warnings = conflict_warnings(discovery, result.documents)
        last = cache.kept["instruments"] = (inputs, errors, warnings, Registry(discovery.instruments))
    result.errors.extend(last[1])
    result.warnings.extend(last[2])
    return last[3]


def _collect(
    found: list[Source], keys: list[str], outcomes: list[Outcome], result: BuildResult
) -> tuple[dict[str, str], dict[str, Outcome]]:
    """Keep the documents that read well and have an address of their own.

    Returns, by page, each kept document's read key and what reading it gave.
    """
    owners: dict[str, Path] = {}
    read_keys: dict[str, str] = {}
    kept: dict[str, Outcome] = {}
    for source, key, outcome in zip(found, keys, outcomes, strict=True):
        result.warnings.extend(outcome.warnings)
        if outcome.error is not None:
            result.errors.append(outcome.error)
            continue
        doc = outcome.doc
        if doc.path in owners:
            result.errors.append(
                InputError(
                    Place(source.path),
                    f"{doc.path.removesuffix('.md')} is already the address of {owners[doc.path]}",
                    "two documents cannot share a symbol or slug; fix the symbol in one metadata file",
                )
            )
            continue
        owners[doc.path] = source.path
        read_keys[doc.path], kept[doc.path] = key, outcome
        result.documents.append(doc)
    return read_keys, kept


@dataclass
class Corpus:
    """What the corpus-wide stages share: the registry, and per page its read key, words and terms."""

    registry: Registry
    read_keys: dict[str, str]
    words: dict[str, str]
    terms: dict[str, list[list[str]]]
    cache: BuildCache
    registry_key: str = ""
    link_keys: dict[str, str] = field(default_factory=dict)  # page → digest of its links
    panels: dict[str, str] = field(default_factory=dict)  # page → its mandates panel (builder.mandates)
    agreed: dict[str, PageAgreed] = field(default_factory=dict)  # page → its agreed language, made once
    recognized: dict[str, Recognized] = field(default_factory=dict)  # page → its mandates, read with it
    mandates: Step | None = None  # every document's mandates with lineage, panel and data; the index files

    def __post_init__(self) -> None:
        self.registry_key = value_digest(repr(self.registry.instruments))


def _render(result: BuildResult, corpus: Corpus, lap: float, search_later: bool, output: Output) -> list:
    """Link the corpus, render and check every page, write the search files and the corpus pages.

    Each document's links and page come from the cache when what they depend
    on is unchanged, else are made on forked workers (the search files beside
    the pages). A page that fails the conservation check is left out, and the
    rest linked again without it, so nothing links to a page that is not there.
    Returns the nav.
    """
    while True:
        links = _link(result.documents, corpus)
        lap = result.lap("link", lap)
        search = _Search(result.documents, links, corpus, search_later, output)
        if search.future is not None:
            corpus.terms = {}  # the worker has them (and a build that links again reads them anew)
        titles = {doc.path: page.cite_name(doc) for doc in result.documents}
        # precedents, related documents (kept from the last build in this process for unchanged pages)
        agreed = agreed_language(result.documents, titles, corpus.cache.folder, corpus.read_keys)
        corpus.agreed = agreed.pages
        lap = result.lap("agreed language", lap)
        kept = corpus.cache.kept.setdefault("mandates", MandatesKept())
        corpus.mandates = mandates_step(result.documents, corpus.recognized, corpus.read_keys, kept)
        mandates, corpus.panels = corpus.mandates.mandates, corpus.mandates.panels
        lap = result.lap("mandates", lap)
        failed = _render_documents(result, links, titles, corpus, search, output)
        lap = result.lap("render, check and index", lap)
        search.close()
        if not failed:
            break
        result.documents = [doc for doc in result.documents if doc.path not in failed]
        output.forget_pages()
    # Every page is made and checked, and the search files too (unless later): let go of what only they read.
    corpus.words, corpus.recognized = {}, {}
    if result.search_job is None:
        corpus.terms = {}
    result.links = links
    with (
        workers.sharing(docs=result.documents, titles=titles, agreed=agreed, agreed_pages=corpus.agreed),
        workers.pool(len(result.documents)) as pool,
    ):
        output.add(agreed_files(pool))  # precedents files, pre-built comparisons
    del agreed
    corpus.agreed = {}  # the pages are made: the agreed-language index need not outlive them
    lap = result.lap("agreed language files", lap)
    result.mandates = mandates
    output.add(corpus.mandates.index)
    nav = _corpus_pages(result, links, titles, corpus, output)
    result.lap("corpus pages", lap)
    return nav


def _corpus_pages(result: BuildResult, links: Links, titles: dict[str, str], corpus: Corpus, output: Output) -> list:
    """The pages made from the whole corpus (glossary, home, browse pages) and the nav.

    A corpus-wide step of its own (a page or data file made from every
    document, after linking) goes in `_make_corpus_pages`, as one call adding
    to its pages; when what it reads is more than every document's metadata
    and the instruments' mentions, add that to the key here.
    """
    kept = corpus.cache.kept.setdefault("corpus pages", {})  # (page, read key) → digest of its metadata
    metas = {(doc.path, corpus.read_keys[doc.path]): doc for doc in result.documents}
    metas = {k: kept[k] if k in kept else value_digest(repr(doc.meta)) for k, doc in metas.items()}
    kept.clear()
    kept.update(metas)
    # digests of reprs, not of pickles: a pickle's bytes depend on which equal strings are one object
    mentions = repr({instrument: dict(pages) for instrument, pages in links.mentions.items()})
    key = digest(corpus.registry_key, *(f"{page}\0{meta}" for (page, _), meta in metas.items()), value_digest(mentions))
    made = corpus.cache.corpus.get(key)
    if made is None:
        made = _make_corpus_pages(result.documents, links, titles, corpus.registry)
        corpus.cache.corpus.put(key, made)
    pages, nav = made
    output.add(pages)
    return nav


def _make_corpus_pages(
    docs: list[Document], links: Links, titles: dict[str, str], registry: Registry
) -> tuple[dict[str, str], list]:
    pages: dict[str, str] = {}
    if registry.instruments:
        pages.update(glossary_pages(links, docs, titles))
    tree = site.group(docs)
    pages["index.md"] = site.home_page(docs, tree)
    pages.update(site.browse_pages(tree))
    nav = site.nav(tree, glossary=bool(registry.instruments))
    nav.insert(1 + bool(registry.instruments), NAV_ENTRY)  # the mandates index, after Home and the Glossary
    nav.insert(2 + bool(registry.instruments), {"Open data": DATA_PAGE})
    return pages, nav


class _RecordingIndex(dict):
    """The corpus index (symbol → document), noting which symbols linking looked up."""

    looked_up: set[str]

    def get(self, key, default=None):
        self.looked_up.add(key)
        return super().get(key, default)


def _target(doc: Document | None, corpus: Corpus) -> tuple[str, str]:
    """What a lookup resolved to: the page, and a digest of its anchors and their citations."""
    if doc is None:
        return "", ""
    key = corpus.read_keys[doc.path]
    prints = corpus.cache.prints
    if key not in prints:
        prints[key] = value_digest([(p.anchor, p.citation) for p in doc.paragraphs()])
    return doc.path, prints[key]


def _link(docs: list[Document], corpus: Corpus) -> Links:
    """Link every document: from the cache where its source, the registry and every symbol
    it looked up resolve as before, else on forked workers."""
    index = _RecordingIndex(corpus_index(docs))
    index.looked_up = set()
    links = Links(corpus.registry, pages=index)
    store = corpus.cache.link
    keys = [digest(corpus.read_keys[doc.path], corpus.registry_key) for doc in docs]
    found: list[tuple | None] = []
    resolved: dict[str, tuple[str, str]] = {}  # symbol → what it resolves to (documents look up the same few)
    for key in keys:
        entry = store.get(key)
        valid = entry is not None
        for s, was in entry[1] if entry is not None else ():
            now = resolved.get(s)
            if now is None:
                now = resolved[s] = _target(index.get(s), corpus)
            if now != was:
                valid = False
                break
        found.append(entry if valid else None)
    todo = [i for i, one in enumerate(found) if one is None]
    with workers.sharing(docs=[docs[i] for i in todo], links=links), workers.pool(len(todo)) as pool:
        fresh = workers.run(pool, _link_one, len(todo))
    for i, (one, looked_up) in zip(todo, fresh, strict=True):
        found[i] = (one, [(s, _target(index.get(s), corpus)) for s in sorted(looked_up)], value_digest(one.contents))
        store.put(keys[i], found[i])
    index.looked_up = set()
    merge_links(links, docs, [entry[0] for entry in found])  # type: ignore[index]
    for doc, entry in zip(docs, found, strict=True):
        corpus.link_keys[doc.path] = entry[2]  # type: ignore[index]
    return links


def _link_one(i: int) -> tuple[DocumentLinks, set[str]]:
    """Link document i of those shared; what it found, and the symbols it looked up."""
    index = workers.SHARED["links"].pages
    index.looked_up = set()
    return link_one(i), index.looked_up


def _render_documents(
    result: BuildResult, links: Links, titles: dict[str, str], corpus: Corpus, search: _Search, output: Output
) -> set[str]:
    """Every document's page (cached or rendered now, and checked), and the search files, each
    written as it comes (`output`).

    Returns the pages that failed the conservation check (not written).
    """
    docs = result.documents
    store = corpus.cache.page
    keys = [_page_key(doc, links, titles, corpus) for doc in docs]
    rendered: list[tuple[str, str] | None] = [store.get(key) for key in keys]
    todo = [i for i, one in enumerate(rendered) if one is None]
    shared = workers.sharing(
        docs=[docs[i] for i in todo], links=links, titles=titles, words=corpus.words, agreed_pages=corpus.agreed,
        panels=corpus.panels,
    )  # fmt: skip
    failed = set()
    with shared, workers.pool(len(todo)) as pool:
        fresh = workers.each(pool, _render_linked, len(todo))
        for i, (doc, key) in enumerate(zip(docs, keys, strict=True)):
            one = rendered[i]
            if one is None:
                one = next(fresh)
                store.put(key, one)
            rendered[i] = None  # written below: let go of its text
            markdown, lost = one
            if lost:
                lost = f"conservation check failed after linking: {lost}"
                result.errors.append(InputError(Place(doc.meta.source), lost))
                failed.add(doc.path)
            else:
                output.add({doc.path: markdown})
    files = search.result(output)
    if files is None:  # search_later: the last search files stay until the new ones are made
        files = corpus.cache.last_search
        result.search_job = search.job
    if corpus.cache.long_lived:
        corpus.cache.last_search = files
    output.add(files)
    return failed


def _page_key(doc: Document, links: Links, titles: dict[str, str], corpus: Corpus) -> str:
    """What a document's page depends on: its source, its links, who cites it and their names,
    whether the resolution it was adopted as has a page, and its agreed language (which other
    documents change)."""
    shown = corpus.agreed[doc.path]
    cited_by = links.cited_by.get(doc.path, [])
    citing = sorted({place.doc for place in cited_by})
    return digest(
        corpus.read_keys[doc.path],
        corpus.link_keys[doc.path],
        value_digest(cited_by),
        value_digest([(p, titles[p]) for p in citing]),
        page.adopted_page(doc, titles),
        value_digest((shown.header(), shown.related_html(), [shown.paragraph(a) for a in shown.found])),
        corpus.panels[doc.path],
    )


def _render_linked(i: int) -> tuple[str, str]:
    """Shared document i's final page, and the first word it lost ("" when none): the one
    conservation check of the page, against the source's words."""
    shared = workers.SHARED
    doc = shared["docs"][i]
    agreed = shared["agreed_pages"][doc.path]
    panel = shared["panels"][doc.path]
    markdown = page.render_page(doc, shared["links"].cited_by.get(doc.path), shared["titles"], agreed, panel)
    expected = word_list(shared["words"][doc.path])
    return markdown, conservation.first_difference(expected, conservation.page_words(markdown))


class _Search:
    """The search files of the linked documents: from the cache; else, with `later`, a `SearchJob`
    (not made now); else made on a worker forked as soon as the documents are linked, running
    beside the agreed-language stage: a forked worker's memory counts its parent's, and the
    parent is at its smallest then (forked after that stage, the worker passed 2 GB at 4,000
    documents). When the build keeps no file (`Output.keep`), the worker writes them itself and
    sends back only their names: they never pass through this process. With too few documents
    to fork for, made here when asked for."""

    def __init__(self, docs: list[Document], links: Links, corpus: Corpus, later: bool, output: Output) -> None:
        self.key = digest(corpus.registry_key, *(corpus.read_keys[d.path] + corpus.link_keys[d.path] for d in docs))
        self.store = corpus.cache.search
        self.later = later
        self.files: dict[str, str] | None = self.store.get(self.key)
        self.job = SearchJob(self.key, docs, links, corpus.terms) if self.files is None else None
        self.workers = contextlib.ExitStack()
        self.future = None
        if self.files is None and not later:
            root = None if output.keep or self.store.keep else output.root
            with workers.sharing(all_docs=docs, links=links, terms=corpus.terms, search=(self.key, self.store, root)):
                pool = self.workers.enter_context(workers.pool(len(docs), most=1))
                if pool is not None:
                    self.future = pool.submit(_search_files)  # forks now, while `SHARED` holds the corpus
                    self.job = None

    def result(self, output: Output) -> dict[str, str] | None:
        """The search files (None with `later`: `job` makes them); those the worker wrote itself
        are noted in `output`, and not returned."""
        if self.files is None and not self.later:
            made = self.future.result() if self.future is not None else self.job.run()  # type: ignore[union-attr]
            if isinstance(made, _Written):
                self.store.used.add(self.key)  # the worker cached them
                output.note(made)
                return {}
            self.files = made
            self.store.put(self.key, self.files)
        return self.files

    def close(self) -> None:
        self.workers.close()


@dataclass
class _Written:
    """Files a worker wrote itself: their paths, and those it wrote (the others were unchanged)."""

    files: list[str]
    written: list[str]


def _search_files() -> dict[str, str] | _Written:
    shared = workers.SHARED
    files = search_files(shared["all_docs"], shared["links"], shared["terms"])
    key, store, root = shared["search"]
    if root is None:
        return files
    store.put(key, files)
    output = Output(root, {}, keep=False)
    output.add(files)
    return _Written(list(files), sorted(output.touched))


@dataclass
class SearchJob:
    """The search files of a build that deferred them (`search_later`): `run()` makes them."""

    key: str
    docs: list[Document]
    links: Links
    terms: dict[str, list[list[str]]]

    def run(self) -> dict[str, str]:
        return search_files(self.docs, self.links, self.terms)


class Output:
    """The build's `docs/` folder, written file by file as the stages make them.

    A file is written as soon as it is made (only when what is there differs), so
    the build never holds every page and data file at once: at 4,000 documents they
    are over a gigabyte. `finish` then removes every file this build did not make,
    so the folder is exactly this build's output. With
    `keep`, the texts are kept as well (callers that read `result.pages`, and a
    long-lived cache, whose `written` spares comparing unchanged files with the disk).
    """

    def __init__(self, root: Path, written: dict[str, str | bytes], keep: bool) -> None:
        self.root = root
        self.written = written
        self.keep = keep
        self.made: dict[str, str | None] = {}  # page → its text when kept
        self.made_data: dict[str, bytes | None] = {}
        self.touched: set[str] = set()  # every file written, even by a page made again later
        self.removed: set[str] = set()  # files of an earlier build this one did not make
        self.count = 0
        self.listed: dict[str, frozenset[str]] = {}  # folder under docs/ → its file names, read once
        self.folders: set[str] = set()  # folders under docs/ known to exist (made or listed)

    def present(self, rel: str) -> bool:
        """Whether `rel` (a file an earlier build wrote) is still there: one listing per folder,
        not one stat per file (a warm rebuild asks for each of the ~14,000 files). A file this
        build wrote after its folder was listed may be reported missing: it is written again,
        never skipped."""
        folder, _, name = rel.rpartition("/")
        names = self.listed.get(folder)
        if names is None:
            try:
                with os.scandir(self.root / folder if folder else self.root) as entries:
                    names = frozenset(entry.name for entry in entries if entry.is_file())
                self.folders.add(folder)
            except (FileNotFoundError, NotADirectoryError):
                names = frozenset()
            self.listed[folder] = names
        return name in names

    def _write_new(self, rel: str, text: str | bytes) -> None:
        """Write a file no earlier build left (`present` says so): nothing to read back and
        compare, its folder made once, not once per file (a cold build writes ~14,000 files)."""
        folder = rel.rpartition("/")[0]
        if folder not in self.folders:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        _replace(self.root / rel, _bytes(text))

    def add(self, files: Mapping[str, str] | Mapping[str, bytes], data: bool = False) -> None:
        """Write `files` (path under docs/ → text or bytes); `data`: they are open-data files."""
        made = self.made_data if data else self.made
        written = self.written
        for rel, text in files.items():
            known = written.get(rel)
            if known is not None and (known is text or known == text):
                if self.present(rel):
                    made[rel] = text if self.keep else None  # type: ignore[assignment]
                    continue
                known = None  # the file is gone: written again
            if known is None and rel not in self.touched and not self.present(rel):
                self._write_new(rel, text)
                self.count += 1
                self.touched.add(rel)
            elif write_file(self.root / rel, text, known):
                self.count += 1
                self.touched.add(rel)
            made[rel] = text if self.keep else None  # type: ignore[assignment]

    def add_data(self, files: Mapping[str, bytes]) -> None:
        self.add(files, data=True)

    def note(self, written: _Written) -> None:
        """Files a worker wrote (as `add` would have)."""
        self.made.update(dict.fromkeys(written.files))
        self.count += len(written.written)
        self.touched.update(written.written)

    def forget_pages(self) -> None:
        """The pages made so far will be made again (after a conservation failure)."""
        self.made.clear()

    def to_check(self) -> Files:
        """Every file for the link check: the pages' texts (read back when not kept); the open-data
        files need only be there."""
        return Files(self.root, {**self.made, **dict.fromkeys(self.made_data, "")})

    def pages(self) -> Mapping[str, str]:
        return self.made if self.keep else Files(self.root, self.made)  # type: ignore[return-value]

    def data(self) -> Mapping[str, bytes]:
        return self.made_data if self.keep else Files(self.root, self.made_data, binary=True)  # type: ignore[return-value]

    def finish(self) -> int:
        """Remove every file this build did not make; return how many files it wrote."""
        made = self.made.keys() | self.made_data.keys()
        if self.written or not self.root.exists():
            stale = (self.written.keys() | self.touched) - made
            for rel in stale:
                (self.root / rel).unlink(missing_ok=True)
            self.removed.update(stale)
            _remove_empty_folders(self.root, {str(Path(rel).parent) for rel in stale})
        else:
            wanted = {self.root / rel for rel in made}
            for path in sorted(self.root.rglob("*"), reverse=True):
                if path.is_file() and path not in wanted:
                    path.unlink()
                    self.removed.add(path.relative_to(self.root).as_posix())
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        self.written.clear()
        if self.keep:
            self.written.update(self.made)
            self.written.update(self.made_data)  # type: ignore[arg-type]
        return self.count


class Files(Mapping):
    """Files of the build folder by path under docs/: the text given, else the file as written.

    The last few read are kept: the link check reads a page, then again for the ids its
    own links lead to."""

    RECENT = 8

    def __init__(self, root: Path, files: Mapping[str, str | bytes | None], binary: bool = False) -> None:
        self.root = root
        self.files = files
        self.binary = binary
        self.recent: dict[str, str | bytes] = {}

    def __getitem__(self, rel: str) -> str | bytes:
        text = self.files[rel]
        if text is not None:
            return text
        content = self.recent.get(rel)
        if content is None:
            content = (self.root / rel).read_bytes()
            content = content if self.binary else content.decode("utf-8")
            if len(self.recent) >= self.RECENT:
                del self.recent[next(iter(self.recent))]
            self.recent[rel] = content
        return content

    def __contains__(self, rel: object) -> bool:
        return rel in self.files

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def write_file(path: Path, text: str | bytes, known: str | bytes | None = None) -> bool:
    """Write `text` (or bytes) to `path` unless it already holds it; return whether it wrote.

    `known`: what this process last wrote there, when it differs from `text` (the file
    is not read back then). The file is replaced, not rewritten in place: a reader (the
    engine's server) never sees it half-written, and a hard link to the old file (a site
    that links the files it only copies: `builder/engine/static_hook.py`) keeps the old content."""
    content = _bytes(text)
    if known is None:
        try:
            if path.read_bytes() == content:
                return False
        except (FileNotFoundError, NotADirectoryError):
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, content)
    return True


def _bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _replace(path: Path, content: bytes) -> None:
    """Replace `path` with `content` whole (`write_file`); its folder exists."""
    temporary = path.with_name(f".{path.name}.new")  # a dot file: the engine lists no such file
    temporary.write_bytes(content)
    os.replace(temporary, path)


def write_tree(root: Path, pages: dict[str, str | bytes], written: dict[str, str | bytes] | None = None) -> int:
    """Write `pages` under `root`, removing any file this build did not produce; return how many
    files were written: `Output` given every file at once. `written` (page → text last written
    by this process, kept by the caller) spares reading back files known to be unchanged."""
    output = Output(root, written if written is not None else {}, keep=written is not None)
    output.add(pages)
    return output.finish()


def _remove_empty_folders(root: Path, folders: set[str]) -> None:
    for folder in sorted(folders, key=len, reverse=True):
        path = root / folder
        while path != root and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            path = path.parent
