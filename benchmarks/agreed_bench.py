"""Agreed-language figures on a folder of documents (issue 19): index speed, and what it finds.

    python -m benchmarks.agreed_bench ../shared/corpus [--sample 20] [--json out.json]

Reads the documents as the build does (read cache in `--work`), then times, on fresh
folders: the precedent index built with no signature cache (cold), again from the cache
(warm), and one document added to a built index. Prints how many paragraphs have a
precedent, the share of new language per document type, the draft ↔ adopted, replaced
and series links, and the size of the precedents files a page loads; `--sample N`
prints N links at random (seeded) with both texts' titles and openings, for checking by
reading.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from builder.build import read_all
from builder.cache import ReadCache
from builder.render.agreed import PageAgreed
from builder.render.page import cite_name, is_resolution
from builder.similarity.index import SignatureCache, build_index, signature
from builder.similarity.precedents import corpus, is_new
from builder.similarity.relations import is_draft, relate, session_of
from builder.sources import discover, page_path


def kind_of(doc) -> str:
    if is_resolution(doc):
        return f"resolution, session {session_of(doc)}"
    if is_draft(doc):
        return "draft (plenary)" if "/C." not in doc.meta.symbol else "draft (committee)"
    return doc.meta.document_type or "other"


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("--work", type=Path, default=Path("build/agreed-bench"))
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    _, outcomes = read_all(discover(args.sources), ReadCache(args.work / "read-cache"), None)
    docs = [o.doc for o in outcomes if o.doc is not None]
    for doc in docs:
        doc.path = page_path(doc.meta)
    figures: dict = {"documents": len(docs), "paragraphs": sum(len(d.paragraphs()) for d in docs)}

    with tempfile.TemporaryDirectory() as tmp:
        # Wall time, and CPU time of this process and its workers: on a shared machine the
        # CPU figure says what the work costs, the wall figure what it cost this time.
        started, cpu = time.perf_counter(), _cpu()
        build_index(docs, SignatureCache(Path(tmp)))
        figures["index_cold_s"] = round(time.perf_counter() - started, 2)
        figures["index_cold_cpu_s"] = round(_cpu() - cpu, 2)
        started, cpu = time.perf_counter(), _cpu()
        index = build_index(docs, SignatureCache(Path(tmp)))
        figures["index_warm_s"] = round(time.perf_counter() - started, 2)
        figures["index_warm_cpu_s"] = round(_cpu() - cpu, 2)
        partial = build_index(docs[:-1], SignatureCache(Path(tmp)))
        started = time.perf_counter()
        partial.update(docs[-1].path, signature(docs[-1]))
        figures["add_one_document_s"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    relations = relate(docs, index)
    figures["relations_s"] = round(time.perf_counter() - started, 2)
    names = {d.path: cite_name(d) for d in docs}
    data = corpus(docs, index, relations, names)

    with_precedent = comparable = 0
    new_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sizes, gz_sizes = [], []
    for doc in docs:
        agreed = PageAgreed(data, doc.path)
        for found in agreed.found.values():
            comparable += 1
            new = is_new(found)
            with_precedent += not new
            new_by_kind[kind_of(doc)][0] += new
            new_by_kind[kind_of(doc)][1] += 1
        for text in agreed.precedents_files().values():
            sizes.append(len(text.encode()))
            gz_sizes.append(len(gzip.compress(text.encode())))
    figures["comparable_paragraphs"] = comparable
    figures["paragraphs_with_earlier_precedent"] = with_precedent
    figures["new_language_share_by_type"] = {
        kind: f"{new / total:.1%} of {total}" for kind, (new, total) in sorted(new_by_kind.items())
    }
    figures["draft_adopted_links"] = {
        "stated": sum(1 for *_, inferred in relations.adopted if not inferred),
        "inferred": sum(1 for *_, inferred in relations.adopted if inferred),
    }
    figures["replaced_draft_links"] = len(relations.replaced)
    figures["series_links"] = len(relations.series)
    figures["precedents_file_bytes"] = {
        "max": max(sizes, default=0),
        "median": int(statistics.median(sizes)) if sizes else 0,
        "max_gzip": max(gz_sizes, default=0),
    }
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    if args.sample:
        by_page = {d.path: d for d in docs}
        links = [("adopted", a, b, "stated" if not i else "inferred") for a, b, i in relations.adopted]
        links += [("replaced", a, b, "stated") for a, b in relations.replaced]
        links += [("series", a, b, why) for a, b, why in relations.series]
        for what, a, b, why in random.Random(19).sample(links, min(args.sample, len(links))):
            da, db = by_page[a], by_page[b]
            print(f"\n[{what}: {why}] {names[a]} ({da.meta.date}) → {names[b]} ({db.meta.date})")
            print(f"   A title: {da.meta.title}\n   B title: {db.meta.title}")
            print(f"   A masthead: {' | '.join(da.meta.masthead_text[-3:])[:300]}")
            print(f"   B masthead: {' | '.join(db.meta.masthead_text[-3:])[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
