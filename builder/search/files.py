"""The search files the site serves, under `search/`.

- `search/index.json`, loaded when the search box takes focus (a few KB): the
  shard keys, where each document's records start, the facets of each
  document, the record-file size;
- `search/t/<n>.json`: shard n of the scored index (`index.shards`), fetched
  when a word of the query falls in it;
- `search/r/<n>.json`: records `n * CHUNK` to `(n + 1) * CHUNK - 1`, what a
  result shows (label with section and annex, text for the excerpt, the notes
  it cites in; for a document, its paragraph anchors), fetched only for the
  results on screen;
- `assets/lunr.js`: lunr.js, copied from the installed MkDocs package, for
  its stemmer and stop-word list (the browser makes query terms exactly as
  `terms.py` makes index terms).

Two stages, so a rebuild after one document changed is cheap:
`records.document_records` (per document, pure, cacheable) and `assemble`
(numbering, term statistics, shards; the whole corpus, about a second at
1,180 documents). Every file is JSON with fixed content: the same corpus
gives the same bytes. `version` (a digest of the whole) lets the browser tell
a new build from the copy it has cached.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import asdict
from pathlib import Path

import orjson

from builder.linking.corpus import Links
from builder.model import Document
from builder.search.index import score_records, shards
from builder.search.records import (
    FIELDS,
    DocumentLinks,
    DocumentRecords,
    Record,
    document_links,
    document_records,
    glossary_records,
    instrument_names,
)

LUNR_JS = "assets/lunr.js"
LUNR_VERSION = "2.3.9"  # the lunr.js that ships inside mkdocs
SHARD_BYTES = 24_000
CHUNK = 16  # records per record file: about 3 KB gzipped
FACETS = ("body", "session", "year", "status")


def _json(data) -> str:
    """Compact JSON, non-ASCII as is: orjson writes the bytes `json.dumps(data, ensure_ascii=False,
    separators=(",", ":"))` writes for this data (strings, integers, lists, objects with string
    keys; no floats, where the two differ), several times faster; what orjson refuses (a lone
    surrogate, an integer past 64 bits) goes to the standard library."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def search_files(
    docs: list[Document], links: Links, text_terms: dict[str, list[list[str]]] | None = None
) -> dict[str, str]:
    """Every search file, by its path under the site root.

    `text_terms` holds `records.paragraph_terms(doc)` by page, where already computed.
    """
    facts = document_links(links)
    names = instrument_names(links.registry)
    per_doc = [
        document_records(doc, facts.get(doc.path, DocumentLinks()), names, (text_terms or {}).get(doc.path))
        for doc in docs
    ]
    return assemble(per_doc, glossary_records(links.registry))


def assemble(per_doc: list[DocumentRecords], glossary: list[Record]) -> dict[str, str]:
    """The search files from every document's records (in build order) and the glossary's."""
    records: list[Record] = []
    starts: list[int] = []
    owner: list[int] = []
    for n, doc in enumerate(per_doc):
        starts.append(len(records))
        records += doc.records
        owner += [n] * len(doc.records)
    glossary_start = len(records)
    records += glossary
    keyed = shards(score_records(records, FIELDS), len(records), SHARD_BYTES)
    files = {f"search/t/{n}.json": _json(entries) for n, entries in enumerate(keyed.values())}
    for first in range(0, len(records), CHUNK):
        docs: dict[str, list[str]] = {}
        shown = []
        for number in range(first, min(first + CHUNK, len(records))):
            record = records[number]
            if number < glossary_start:
                doc = per_doc[owner[number]]
                docs[str(owner[number])] = [doc.url, doc.name, doc.title]
                shown.append([record.shown[0], owner[number], *record.shown[1:]])
            else:
                shown.append(record.shown)
        files[f"search/r/{first // CHUNK}.json"] = _json({"docs": docs, "records": shown})
    facets = {name: sorted({getattr(d.facets, name) for d in per_doc} - {""}) for name in FACETS}
    index = {
        "fields": list(FIELDS),
        "chunk": CHUNK,
        "records": len(records),
        "glossary": glossary_start,
        "starts": [b - a for a, b in zip([0, *starts], starts, strict=False)],
        "shards": list(keyed),
        "facets": facets,
        "documentFacets": [
            facets[name].index(value) if (value := asdict(d.facets)[name]) else -1 for d in per_doc for name in FACETS
        ],
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
    """lunr.js 2.3.9 as the installed MkDocs ships it (its stemmer and stop words), never fetched."""
    spec = importlib.util.find_spec("mkdocs")
    origin = Path(spec.origin).parent if spec and spec.origin else Path()
    path = origin / "contrib" / "search" / "templates" / "search" / "lunr.js"
    text = path.read_text(encoding="utf-8")
    if f'lunr.version = "{LUNR_VERSION}"' not in text:
        raise RuntimeError(f"{path}: expected lunr.js {LUNR_VERSION}; search terms are made as that version makes them")
    return text
