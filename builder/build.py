"""The build: every source to a page, checked, written to the build folder.

One bad document never takes its neighbours down: each is read, rendered and
checked on its own, and its problems are collected. The build folder gets
`docs/` (the Markdown MkDocs renders) and `nav.yml` (the navigation).
Files are rewritten only when their content changes, and files no longer
produced are removed, so the folder is always exactly this build's output.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder import conservation, workers
from builder.cache import ReadCache, source_key
from builder.errors import Diagnostics, InputError, Place, Warning_
from builder.linking.corpus import Links, link_corpus
from builder.linking.instruments import REGISTRY_FILE, Registry, load_registry
from builder.mandates import NAV_ENTRY, collect
from builder.mandates.pages import index_files, panel_html
from builder.model import Document
from builder.reading import read_document
from builder.render import page, site
from builder.render.glossary import glossary_page
from builder.render.html import GLOSSARY_PAGE
from builder.search.files import search_files
from builder.search.records import paragraph_terms
from builder.sources import NO_SOURCES, Source, discover, load_metadata, page_path


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    links: Links | None = None
    cache_hits: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order

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
    words: list[str]
    warnings: list[Warning_]
    error: InputError | None = None
    terms: list[list[str]] = field(default_factory=list)  # search terms of each paragraph


def read_one(source: Source, result: BuildResult) -> tuple[Document, str, list[str]] | None:
    """Read one document, recording its warnings and error in `result`.

    Returns the document, its page (before cross-links) and the source's words.
    """
    outcome = read_source(source)
    result.warnings.extend(outcome.warnings)
    if outcome.error is not None:
        result.errors.append(outcome.error)
        return None
    return outcome.doc, outcome.markdown, outcome.words


def read_source(source: Source) -> Outcome:
    """Read, render and check one document; never raise for bad input."""
    diagnostics = Diagnostics(source.path)
    for other in source.set_aside:
        diagnostics.warn("set-aside", f"{other.name} is another form of this document; {source.path.name} is read")
    try:
        meta = load_metadata(source, diagnostics)
        doc, state = read_document(source.path, source.path.read_bytes(), meta, diagnostics)
        doc.path = page_path(doc.meta)
        markdown = page.render_page(doc)
        lost = conservation.first_difference(state.source_words, conservation.page_words(markdown))
        if lost:
            raise InputError(
                Place(source.path),
                f"conservation check failed, the page would not say what the source says: {lost}",
                "this is a builder bug or an unhandled quirk of the text; please report it with the file",
            )
    except InputError as exc:
        return Outcome(None, "", [], diagnostics.warnings, exc)
    return Outcome(doc, markdown, state.source_words, diagnostics.warnings, terms=paragraph_terms(doc))


def _read_cached(source: Source, cache: ReadCache) -> tuple[str, Outcome | None]:
    key = source_key(source)
    return key, cache.get(key)


def read_all(sources: list[Source], cache: ReadCache, progress: Callable[[str], None] | None) -> list[Outcome]:
    """Every source's outcome, in source order: from the cache, else read on all cores."""
    keys, outcomes = [], []
    for source in sources:
        key, outcome = _read_cached(source, cache)
        keys.append(key)
        outcomes.append(outcome)
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    started = time.perf_counter()
    workers = min(os.cpu_count() or 1, max(1, len(todo) // 16))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(todo) // (workers * 16))
            fresh = pool.map(read_source, [sources[i] for i in todo], chunksize=chunk)
            for done, (i, outcome) in enumerate(zip(todo, fresh, strict=True), start=1):
                outcomes[i] = outcome
                _report(progress, done, len(todo), started)
    else:
        for done, i in enumerate(todo, start=1):
            outcomes[i] = read_source(sources[i])
            _report(progress, done, len(todo), started)
    for i in todo:
        cache.put(keys[i], outcomes[i])
    return outcomes  # type: ignore[return-value]


def _report(progress: Callable[[str], None] | None, done: int, total: int, started: float) -> None:
    """Progress on long builds: every tenth of the way, with the time left."""
    if progress is None or total < 200 or (done % max(1, total // 10) and done != total):
        return
    spent = time.perf_counter() - started
    left = spent / done * (total - done)
    progress(f"read {done}/{total} documents, {spent:.1f} s, about {left:.0f} s left")


def build(
    sources: Path,
    out: Path,
    keep_going: bool = False,
    instruments: Path | None = None,
    progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
) -> BuildResult:
    """Build every document of `sources` into `out`; see the module docstring."""
    started = time.perf_counter()
    result = BuildResult()
    try:
        found = discover(sources)
    except InputError as exc:
        result.errors.append(exc)
        return result
    if not found:
        result.errors.append(InputError(Place(sources), NO_SOURCES))
    cache = ReadCache(out / "cache" if use_cache else None)
    outcomes = read_all(found, cache, progress)
    words = _collect(found, outcomes, result)
    result.cache_hits = cache.hits
    lap = result.lap("read", started)
    if not result.errors or keep_going:
        try:
            registry = load_registry(instruments or sources / REGISTRY_FILE)
        except InputError as exc:
            result.errors.append(exc)
            registry = Registry([])
        text_terms = {o.doc.path: o.terms for o in outcomes if o.doc is not None}
        tree = _render(result, registry, words, text_terms)
        lap = result.lap("link, render and index", lap)
        write_tree(out / "docs", result.pages)
        nav = site.nav(tree, glossary=bool(registry.instruments))
        nav.insert(2 if registry.instruments else 1, NAV_ENTRY)  # issue 21: the mandates index
        write_file(out / "nav.yml", yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False, width=10_000))
        result.lap("write", lap)
        if progress is not None:
            progress(f"wrote {len(result.pages)} files")
    result.seconds = time.perf_counter() - started
    return result


def _collect(found: list[Source], outcomes: list[Outcome], result: BuildResult) -> dict[str, list[str]]:
    """Keep the documents that read well and have an address of their own; return their words."""
    owners: dict[str, Path] = {}
    words: dict[str, list[str]] = {}
    for source, outcome in zip(found, outcomes, strict=True):
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
        words[doc.path] = outcome.words
        result.documents.append(doc)
    return words


def _render(
    result: BuildResult, registry: Registry, words: dict[str, list[str]], text_terms: dict[str, list[list[str]]]
) -> dict:
    """Link the corpus, render every page (checked again), the search files and the corpus pages.

    Returns the nav tree. Linking, and then rendering with the search index
    beside it, run on forked workers at corpus scale.
    """
    links = link_corpus(result.documents, registry)
    result.links = links
    since = time.perf_counter()
    mandates = collect(result.documents)
    result.stages["mandates"] = time.perf_counter() - since
    titles = {doc.path: page.cite_name(doc) for doc in result.documents}
    count = len(result.documents)
    shared = workers.sharing(
        docs=result.documents, links=links, titles=titles, words=words, terms=text_terms, mandates=mandates
    )
    with shared, workers.pool(count) as pool:
        searching = pool.submit(_search_files) if pool else None
        rendered = workers.run(pool, _render_linked, count)
        result.pages.update(searching.result() if searching else _search_files())
    for doc, (markdown, lost) in zip(result.documents, rendered, strict=True):
        if lost:
            result.errors.append(InputError(Place(doc.meta.source), f"conservation check failed after linking: {lost}"))
        result.pages[doc.path] = markdown
    if registry.instruments:
        result.pages[GLOSSARY_PAGE] = glossary_page(links, titles)
    tree = site.group(result.documents)
    result.pages["index.md"] = site.home_page(result.documents, tree)
    result.pages.update(index_files(result.documents, [m for doc in result.documents for m in mandates[doc.path]]))
    result.pages.update(site.browse_pages(tree))
    return tree


def _render_linked(i: int) -> tuple[str, str]:
    """Document i's final page, and the first word it lost ("" when none)."""
    shared = workers.SHARED
    doc = shared["docs"][i]
    panel = panel_html(doc, shared["mandates"][doc.path])
    markdown = page.render_page(doc, shared["links"].cited_by.get(doc.path), shared["titles"], panel)
    # Checked again on purpose: the first check (at read time) keeps a bad document out
    # before others link to it; this one guards the published page against linking bugs.
    return markdown, conservation.first_difference(shared["words"][doc.path], conservation.page_words(markdown))


def _search_files() -> dict[str, str]:
    shared = workers.SHARED
    return search_files(shared["docs"], shared["links"], shared["terms"])


def write_file(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_tree(root: Path, pages: dict[str, str]) -> None:
    """Write `pages` under `root`, removing any file this build did not produce."""
    for rel, text in pages.items():
        write_file(root / rel, text)
    if root.exists():
        wanted = {root / rel for rel in pages}
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
