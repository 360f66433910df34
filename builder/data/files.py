"""All open-data files of a build, from the read and linked corpus.

`data_files` is called once per build, after linking: it makes each
document's `document.json`, `akn.xml` and source copy beside its page, then
the corpus downloads under `data/` and the Open data page. Output is bytes,
the same for the same sources (no clock, no order of work in it).

A document's files are made on forked workers, each with the document's
pieces of the corpus files (its row of `documents.json`, its rows of
`paragraphs.csv`, its `document.json` deflated for `documents.zip`), so the
corpus files are only joined here. With a `store` (the build cache), a
document's pieces are kept under a key of exactly what they read
(`_key`: the document and its own links, its address, the registry, who cites
it and their names, its mandates, its instrument mentions) and reused while
every reference `akn.xml` made to another document still points where it did
(`Made.refs`): an edit remakes that document's files, and those of the
documents whose files show something of it, nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import orjson

from builder import workers
from builder.cache import Store, digest, value_digest
from builder.data import corpus, zipped
from builder.data.akn import akn_xml_refs, ref_href
from builder.data.document import _cited_by, document_data
from builder.data.ids import eids, part_trees
from builder.data.paths import AKN_FILE, JSON_FILE, has_akn, source_name
from builder.linking.corpus import Links
from builder.model import Document, Link
from builder.render.html import url_dir


def dumps(data: dict) -> bytes:
    """Compact UTF-8 JSON, keys in the order the schema lists them, one newline at the end.

    orjson writes the bytes `json.dumps(data, ensure_ascii=False, separators=(",", ":"))`
    writes for this data (strings, integers, booleans, null, lists, objects: the schema has
    no floats, where the two differ), ten times faster; what orjson refuses (an integer past
    64 bits, a lone surrogate) goes to the standard library."""
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass
class Made:
    """One document's data files and its pieces of the corpus files (see the module docstring)."""

    json: bytes
    akn: bytes | None
    row: bytes  # its object in documents.json, indented as there
    csv: bytes  # its rows of paragraphs.csv
    paragraphs: int
    entry: zipped.Entry  # document.json, deflated for documents.zip
    eids: dict[str, str]  # its own page id → eId (what other documents' akn.xml read of it)
    refs: dict[tuple[str, str, str], str]  # what its akn.xml read of other documents (`ref_href`)


def document_files(
    doc: Document, links: Links | None, titles: dict[str, str], mandates: list[dict] | None = None
) -> tuple[dict, dict[str, bytes]]:
    """One document's data (as a dict) and its files, by path under the docs folder; `mandates`
    (`builder.mandates.document_mandates`) go in as the `mandates` key."""
    data, made = _make(doc, links, titles, mandates)
    return data, _files(doc, made)


def _make(doc: Document, links: Links | None, titles: dict[str, str], mandates: list[dict] | None) -> tuple[dict, Made]:
    trees = part_trees(doc)
    data = document_data(doc, links, titles, trees)
    if mandates is not None:
        data["mandates"] = mandates
    text = dumps(data)
    akn, refs = akn_xml_refs(doc, links, trees) if has_akn(doc) else (None, {})
    path = url_dir(doc.path) + JSON_FILE
    made = Made(
        text, akn, corpus.document_row(data), corpus.paragraph_rows(data), len(data["paragraphs"]),
        zipped.entry(path, text), eids(doc, trees), refs,
    )  # fmt: skip
    return data, made


def _files(doc: Document, made: Made, source: bytes | None = None) -> dict[str, bytes]:
    """A document's files; `source`: its source file's bytes, when already read."""
    folder = url_dir(doc.path)
    files = {folder + JSON_FILE: made.json}
    if made.akn is not None:
        files[folder + AKN_FILE] = made.akn
    files[folder + source_name(doc)] = doc.meta.source.read_bytes() if source is None else source
    return files


def _one(i: int) -> Made:
    shared = workers.SHARED
    doc = shared["docs"][i]
    return _make(doc, shared["links"], shared["titles"], shared["mandates"].get(doc.path))[1]


@dataclass
class Kept:
    """What `data_files` keeps from build to build in one process (a long-lived cache, `make serve`),
    so an edit costs what changed, not a pass over every document's inputs.

    Each memo holds the objects it compared with, so an unchanged input is recognised by identity
    (equality is the fallback, never a digest of it again)."""

    keys: dict[str, tuple[tuple, str]] = field(default_factory=dict)  # page → (the inputs of its key, the key)
    valid: dict[str, tuple[Made, tuple]] = field(default_factory=dict)  # page → files whose references held, and
    # the pages and keys those references led to then
    sources: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # page → source, document key, bytes
    corpus: tuple[list[Made], dict[str, bytes]] | None = None  # the corpus files, and what they were joined from


def data_files(
    docs: list[Document],
    links: Links | None,
    titles: dict[str, str],
    mandates: dict[str, list[dict]] | None = None,
    store: Store | None = None,
    doc_keys: dict[str, str] | None = None,
    kept: Kept | None = None,
    mandate_keys: dict[str, str] | None = None,
    write: Callable[[dict[str, bytes]], None] | None = None,
) -> dict[str, bytes]:
    """Every document's files and the corpus downloads; what changed made on forked workers.

    `store` (the build cache's) and `doc_keys` (page → a key of the document as read and
    linked: its read key and its links' digest) make it incremental; without them all is made.
    `kept` (see `Kept`) spares working out again what did not change since the last build;
    `mandate_keys` (page → digest of `mandates[page]`) spares digesting the mandates again.
    With `write` (a build that keeps nothing: `builder.build.Output`), each document's files go
    to it as soon as they are made, and are not kept; only the corpus downloads are returned."""
    mandates = mandates or {}
    kept = kept if kept is not None else Kept()
    made: list[Made | None] = [None] * len(docs)
    keys: list[str] = []
    if store is not None and doc_keys is not None:
        keys = _keys(docs, links, titles, mandates, doc_keys, kept, mandate_keys)
        made = [store.get(key) for key in keys]
        own_eids = {doc.path: one.eids for doc, one in zip(docs, made, strict=True) if one is not None}
        for i, (doc, one) in enumerate(zip(docs, made, strict=True)):
            if one is not None and not _refs_hold(doc.path, one, links, own_eids, doc_keys, kept):
                made[i] = None
    todo = [i for i, one in enumerate(made) if one is None]
    fresh_set = set(todo)
    shared = workers.sharing(docs=[docs[i] for i in todo], links=links, titles=titles, mandates=mandates)
    out: dict[str, bytes] = {}
    with shared, workers.pool(len(todo)) as pool:
        for i, one in zip(todo, workers.each(pool, _one, len(todo)), strict=True):
            made[i] = one
            if keys:
                store.put(keys[i], one)  # type: ignore[union-attr]
            if write is not None:
                write(_files(docs[i], one, docs[i].meta.source.read_bytes()))
                made[i] = replace(one, json=b"", akn=None)  # the corpus files read the rest
    for i, (doc, one) in enumerate(zip(docs, made, strict=True)):
        if write is None:
            out.update(_files(doc, one, _source(doc, doc_keys, kept)))  # type: ignore[arg-type]
        elif i not in fresh_set:
            write(_files(doc, one, doc.meta.source.read_bytes()))  # type: ignore[arg-type]
            made[i] = replace(one, json=b"", akn=None)  # type: ignore[type-var]
    if write is not None:
        out.update(corpus.corpus_files(made))  # type: ignore[arg-type]
        return out
    last = kept.corpus
    if last is None or len(last[0]) != len(made) or any(a is not b for a, b in zip(last[0], made, strict=True)):
        kept.corpus = last = (made, corpus.corpus_files(made))  # type: ignore[arg-type]
    out.update(last[1])
    for memo in (kept.keys, kept.valid, kept.sources):
        for page in memo.keys() - {doc.path for doc in docs}:
            del memo[page]
    return out


def _source(doc: Document, doc_keys: dict[str, str] | None, kept: Kept) -> bytes:
    """The source file's bytes: read again only when the document's key changed (the read key is
    a digest of those bytes)."""
    if doc_keys is None:
        return doc.meta.source.read_bytes()
    path, key = str(doc.meta.source), doc_keys[doc.path]
    last = kept.sources.get(doc.path)
    if last is None or last[0] != path or last[1] != key:
        last = kept.sources[doc.path] = (path, key, doc.meta.source.read_bytes())
    return last[2]


def _keys(
    docs: list[Document], links: Links | None, titles: dict[str, str], mandates: dict[str, list[dict]],
    doc_keys: dict[str, str], kept: Kept, mandate_keys: dict[str, str] | None = None,
) -> list[str]:  # fmt: skip
    """Each document's key: all its files read, but for the references checked by `_refs_hold`.

    The key's inputs are compared with the last build's first (`kept.keys`): a document whose
    inputs are the same objects, or equal, keeps its key without digesting them again."""
    registry = value_digest(repr(links.registry.instruments)) if links else ""
    mentions: dict[str, list] = {}
    for instrument, by_page in sorted(links.mentions.items()) if links else []:
        for page, places in by_page.items():
            mentions.setdefault(page, []).append((instrument, places))
    out = []
    for doc in docs:
        cited = links.cited_by.get(doc.path, []) if links else []
        inputs = (
            doc.path,
            doc_keys[doc.path],
            registry,
            tuple(cited),
            tuple(titles.get(place.doc) for place in cited),
            mandate_keys[doc.path] if mandate_keys is not None else mandates.get(doc.path),
            tuple(mentions.get(doc.path, [])),
        )
        last = kept.keys.get(doc.path)
        if last is None or last[0] != inputs:
            key = digest(
                "data",
                doc.path,
                doc_keys[doc.path],
                registry,
                value_digest(_cited_by(doc, links, titles)),
                mandate_keys[doc.path] if mandate_keys is not None else value_digest(mandates.get(doc.path)),
                value_digest(mentions.get(doc.path, [])),
            )
            last = kept.keys[doc.path] = (inputs, key)
        out.append(last[1])
    return out


def _refs_hold(
    page: str, made: Made, links: Links | None, own_eids: dict[str, dict[str, str]], doc_keys: dict[str, str],
    kept: Kept,
) -> bool:  # fmt: skip
    """`_still_valid`, remembered: the references of files that held last time still hold while each
    symbol they name leads to the same page, whose document key is the same."""
    if not made.refs:
        return True
    targets = []
    for symbol in dict.fromkeys(symbol for symbol, _, _ in made.refs):
        target = links.pages.get(symbol) if links else None
        targets.append((symbol, target.path, doc_keys.get(target.path)) if target is not None else (symbol,))
    signature = tuple(targets)
    last = kept.valid.get(page)
    if last is not None and last[0] is made and last[1] == signature:
        return True
    if not _still_valid(made, links, own_eids):
        return False
    kept.valid[page] = (made, signature)
    return True


def _still_valid(made: Made, links: Links | None, own_eids: dict[str, dict[str, str]]) -> bool:
    """Whether every reference the cached `akn.xml` made to another document points where it did."""
    if not made.refs:
        return True

    def target_eids(target: Document) -> dict[str, str]:
        if target.path not in own_eids:
            own_eids[target.path] = eids(target)  # a target remade this build: computed once here
        return own_eids[target.path]

    return all(
        ref_href(Link(0, 0, "document", symbol, anchor=anchor, page=page), links, target_eids) == href
        for (symbol, page, anchor), href in made.refs.items()
    )
