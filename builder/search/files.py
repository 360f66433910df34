"""The search files the site serves, under `search/`.

- `search/index.json`, loaded when the search box is first used: the
  documents (address, label, title, facets), the glossary entries, a whole
  lunr index over them, and the list of paragraph-index shards;
- `search/t/<n>.json`: paragraph-index shard n (see `lunr_index.shards`),
  fetched only when a query has a term in it;
- `assets/lunr.js`: lunr.js, copied from the installed MkDocs package;
- `search/p/<n>.json`: document n's paragraphs (anchor, citation, text), for
  result labels and excerpts, fetched only when one of its paragraphs is shown.

Every file is JSON with sorted, fixed content: the same corpus gives the same
bytes. `version` (a digest of the whole) lets the browser tell a new build
from the copy it has cached.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

from builder.linking.corpus import Links
from builder.model import Document
from builder.search.lunr_index import LUNR_VERSION, build_index
from builder.search.records import DOCUMENT_FIELDS, PARAGRAPH_FIELDS, document_records, glossary_records

LUNR_JS = "assets/lunr.js"
SHARD_BYTES = 120_000
FACETS = ("body", "session", "year", "status")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def search_files(
    docs: list[Document], links: Links, text_terms: dict[str, list[list[str]]] | None = None
) -> dict[str, str]:
    """Every search file, by its path under the site root (see `records.document_records`)."""
    records = document_records(docs, links, text_terms)
    glossary = glossary_records(links)
    paragraphs = [p for doc in records for p in doc.paragraphs]
    shards = build_index(paragraphs, PARAGRAPH_FIELDS).shards(SHARD_BYTES)
    files = {f"search/t/{n}.json": _json(entries) for n, entries in enumerate(shards.values())}
    for number, doc in enumerate(docs):
        files[f"search/p/{number}.json"] = _json([[p.anchor, p.citation, p.content.text] for p in doc.paragraphs()])
    facets = {
        name: sorted({getattr(doc.facets, name) for doc in records if getattr(doc.facets, name)}) for name in FACETS
    }
    index = {
        "fields": list(PARAGRAPH_FIELDS),
        "shards": list(shards),
        "facets": facets,
        "documents": [
            [doc.page.url, doc.page.label, doc.page.text]
            + [facets[name].index(value) if (value := getattr(doc.facets, name)) else -1 for name in FACETS]
            for doc in records
        ],
        "glossary": [
            [g.ref, g.url, g.label, g.text, instrument.description]
            for g, instrument in zip(glossary, links.registry.instruments, strict=True)
        ],
        "index": build_index([doc.page for doc in records] + glossary, DOCUMENT_FIELDS).serialize(),
    }
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + files[path].encode())
    digest.update(_json(index).encode())
    index["version"] = digest.hexdigest()[:12]
    files["search/index.json"] = _json(index)
    files[LUNR_JS] = lunr_js()
    return files


def lunr_js() -> str:
    """lunr.js 2.3.9 as the installed MkDocs ships it: the browser side of the index, never fetched."""
    spec = importlib.util.find_spec("mkdocs")
    origin = Path(spec.origin).parent if spec and spec.origin else Path()
    path = origin / "contrib" / "search" / "templates" / "search" / "lunr.js"
    text = path.read_text(encoding="utf-8")
    if f'lunr.version = "{LUNR_VERSION}"' not in text:
        raise RuntimeError(f"{path}: expected lunr.js {LUNR_VERSION}; the search index is written for that version")
    return text
