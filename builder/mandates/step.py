"""The build's mandates step: every document's mandates with lineage, its panel, and the index files.

`mandates_step` gives the build, for every document, its mandates with their lineage
(`series`, `repeats`), its page's panel and its mandates as `document.json` holds them; and
the index files (`mandates/index.md`, `mandates/mandates.json`, `data/mandates.csv`).

A document's result depends on its own reading (its read key), its page, and the reading of
the documents of its series that the site has (their pages and read keys): under that key,
a `Kept` (held by a long-lived build cache, `make serve`) keeps it from build to build, so
an edit works out again the edited document and the documents whose series name it, not
the corpus. The index files are joined from each document's pieces (`pages.Pieces`), and
kept whole while no document changed. Without a `Kept`, everything is made, the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.cache import value_digest
from builder.linking.corpus import official_symbols
from builder.mandates import Recognized, as_dict, lineage, recognized_in
from builder.mandates.pages import Clauses, Pieces, index_files, panel_html, pieces
from builder.mandates.recognize import Mandate
from builder.model import Document


@dataclass
class DocumentMandates:
    """One document's share of the step, under `key` (see the module docstring)."""

    key: tuple
    mandates: list[Mandate]
    panel: str
    dicts: list[dict]  # the mandates as `document.json` holds them (`as_dict`)
    digest: str  # of `dicts`: what the open-data files read of the mandates
    pieces: Pieces  # what the index files take of them


@dataclass
class Kept:
    """What the step keeps from build to build (a long-lived cache)."""

    documents: dict[str, DocumentMandates] = field(default_factory=dict)  # page → its share
    symbols: dict[str, list[str]] = field(default_factory=dict)  # read key → the document's official symbols
    index: tuple[tuple, dict[str, str]] | None = None  # the index files, under every document's key
    clauses: Clauses = field(default_factory=Clauses)  # the index's clauses in order (`pages.Clauses`)


@dataclass
class Step:
    """What the step gives the build, by page (every document, in build order)."""

    documents: dict[str, DocumentMandates]
    index: dict[str, str]

    @property
    def mandates(self) -> dict[str, list[Mandate]]:
        return {page: one.mandates for page, one in self.documents.items()}

    @property
    def panels(self) -> dict[str, str]:
        return {page: one.panel for page, one in self.documents.items()}


def mandates_step(
    docs: list[Document],
    recognized: dict[str, Recognized],
    read_keys: dict[str, str],
    kept: Kept | None = None,
) -> Step:
    """Every document's mandates, panel and data, and the index files (see the module docstring).

    `recognized` is page → what `recognized_in` found (read and cached with the document);
    `read_keys`, page → the document's read key."""
    kept = kept if kept is not None else Kept()
    symbols = kept.symbols

    def official(doc: Document) -> list[str]:
        key = read_keys[doc.path]
        if key not in symbols:
            symbols[key] = official_symbols(doc)
        return symbols[key]

    by_symbol = lineage.symbol_pages(docs, official)
    found: dict[str, Recognized] = {}
    keys: dict[str, tuple] = {}
    for doc in docs:
        known = recognized.get(doc.path)
        found[doc.path] = known if known is not None else recognized_in(doc)
        pages = lineage.series_pages(doc.path, found[doc.path].series, by_symbol)
        keys[doc.path] = (doc.path, read_keys[doc.path], tuple((p, read_keys[p]) for p in pages))
    was = kept.documents
    todo = [doc for doc in docs if doc.path not in was or was[doc.path].key != keys[doc.path]]
    mandates = {doc.path: was[doc.path].mandates if doc.path in was else [] for doc in docs}
    for doc in todo:
        mandates[doc.path] = found[doc.path].mandates
        for m in mandates[doc.path]:
            m.page = doc.path
    index = lineage.Index(mandates)
    for doc in todo:
        earlier = found[doc.path].series
        ms = mandates[doc.path]
        lineage.repeat(ms, earlier, lineage.series_pages(doc.path, earlier, by_symbol), index)
        dicts = [as_dict(m) for m in ms]
        kept.documents[doc.path] = DocumentMandates(
            keys[doc.path], ms, panel_html(doc, ms), dicts, value_digest(dicts), pieces(ms)
        )
    documents = {doc.path: kept.documents[doc.path] for doc in docs}
    for page in kept.documents.keys() - documents.keys():
        del kept.documents[page]
    index_key = tuple(keys[doc.path] for doc in docs)
    if kept.index is None or kept.index[0] != index_key:
        every = [m for one in documents.values() for m in one.mandates]
        kept.index = (index_key, index_files(docs, every, [one.pieces for one in documents.values()], kept.clauses))
    for key in symbols.keys() - set(read_keys.values()):
        del symbols[key]
    return Step(documents, kept.index[1])
