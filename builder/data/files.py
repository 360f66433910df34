"""All open-data files of a build, from the read and linked corpus.

`data_files` is called once per build, after linking: it writes each
document's `document.json`, `akn.xml` and source copy beside its page (each a
pure function of the document and the linking result, so an incremental
build can redo one document's alone: `document_files`), then the corpus
downloads under `data/` and the Open data page. Output is bytes, the same
for the same sources (no clock, no order of work in it).
"""

from __future__ import annotations

import json

from builder import workers
from builder.data import corpus
from builder.data.akn import akn_xml
from builder.data.document import document_data
from builder.data.ids import part_trees
from builder.data.paths import AKN_FILE, JSON_FILE, has_akn, source_name
from builder.linking.corpus import Links
from builder.model import Document
from builder.render.html import url_dir


def dumps(data: dict) -> bytes:
    """Compact UTF-8 JSON, keys in the order the schema lists them, one newline at the end."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def document_files(
    doc: Document, links: Links | None, titles: dict[str, str], mandates: list[dict] | None = None
) -> tuple[dict, dict[str, bytes]]:
    """One document's data (as a dict) and its files, by path under the docs folder; `mandates`
    (`builder.mandates.document_mandates`) go in as the `mandates` key."""
    trees = part_trees(doc)
    data = document_data(doc, links, titles, trees)
    if mandates is not None:
        data["mandates"] = mandates
    folder = url_dir(doc.path)
    files = {folder + JSON_FILE: dumps(data)}
    if has_akn(doc):
        files[folder + AKN_FILE] = akn_xml(doc, links, trees)
    files[folder + source_name(doc)] = doc.meta.source.read_bytes()
    return data, files


def _one(i: int) -> tuple[dict, dict[str, bytes]]:
    shared = workers.SHARED
    doc = shared["docs"][i]
    return document_files(doc, shared["links"], shared["titles"], shared["mandates"].get(doc.path))


def data_files(
    docs: list[Document], links: Links | None, titles: dict[str, str], mandates: dict[str, list[dict]] | None = None
) -> dict[str, bytes]:
    """Every document's files and the corpus downloads, on forked workers at corpus scale."""
    shared = workers.sharing(docs=docs, links=links, titles=titles, mandates=mandates or {})
    with shared, workers.pool(len(docs)) as pool:
        done = workers.run(pool, _one, len(docs))
    out: dict[str, bytes] = {}
    for _, files in done:
        out.update(files)
    out.update(corpus.corpus_files(docs, [data for data, _ in done], out))
    return out
