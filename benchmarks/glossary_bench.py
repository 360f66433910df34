"""Glossary figures for a folder of documents: what discovery finds, and what it costs.

`python -m benchmarks.glossary_bench ../shared/corpus` reads every document (as
the build does, cached in `--cache`), then prints:

- instruments: curated (instruments.yml), discovered from the notes, merged
  (known by more than one name or identification), conflicts reported;
- the 20 instruments mentioned in the most paragraphs;
- the index page's size, and the largest instrument page;
- seconds: discovery (per-document citations, and the corpus-wide merge), and
  linking the corpus with the curated registry alone against the discovered
  one, median of `--runs`, both measured in this run (the baseline beside it).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path

from builder.build import read_all
from builder.cache import ReadCache
from builder.linking.corpus import link_corpus
from builder.linking.discovery import document_citations, merge
from builder.linking.instruments import REGISTRY_FILE, Registry, load_registry
from builder.render import page
from builder.render.glossary import glossary_pages
from builder.render.html import GLOSSARY_PAGE
from builder.sources import discover

ROOT = Path(__file__).resolve().parent.parent


def _timed(work, runs: int) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", type=Path)
    parser.add_argument("--instruments", type=Path, default=ROOT / "source_docs" / REGISTRY_FILE)
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "cache")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)

    outcomes = read_all(discover(args.sources), ReadCache(args.cache), None)
    docs = [o.doc for o in outcomes if o.doc is not None]
    curated = load_registry(args.instruments)

    t_cite, citations = _timed(lambda: [c for d in docs for c in document_citations(d)], args.runs)
    t_merge, found = _timed(lambda: merge(citations, curated), args.runs)
    registry = Registry(found.instruments)
    t_base, _ = _timed(lambda: link_corpus(copy.deepcopy(docs), curated), args.runs)
    linked_docs = copy.deepcopy(docs)
    t_all, links = _timed(lambda: link_corpus(linked_docs, registry), args.runs)

    discovered = [i for i in registry.instruments if i.discovered]
    print(f"documents: {len(docs)}")
    print(f"citations (a name and its identifying note): {found.citations}, identifications: {found.identifications}")
    print(
        f"instruments: {len(registry.instruments)} ({len(curated.instruments)} curated, {len(discovered)} discovered); "
        f"treaties (Treaty Series): {sum(1 for i in registry.instruments if i.unts)}, "
        f"by adopting resolution only: {sum(1 for i in registry.instruments if i.adopted and not i.unts)}"
    )
    print(f"merged (more than one name or identification): {found.merged}")
    print(f"conflicts reported: {len(found.conflicts)}")
    for c in found.conflicts:
        where = f"{len(c.places)}×, e.g. {c.places[0][0]} {c.places[0][1]}"
        print(f"  “{c.name}”: {c.other.text} ({where}) vs kept {c.kept.text}")
    mentioned = sum(1 for i in registry.instruments if links.mentions.get(i.id))
    print(f"instruments mentioned at least once: {mentioned}; instrument links: {links.counts['instrument']}")
    ranked = sorted(
        registry.instruments, key=lambda i: (-sum(len(v) for v in links.mentions.get(i.id, {}).values()), i.title)
    )
    print(f"top {args.top} by paragraphs mentioning them (paragraphs / documents):")
    for i in ranked[: args.top]:
        by_doc = links.mentions.get(i.id, {})
        print(f"  {sum(len(v) for v in by_doc.values()):6} / {len(by_doc):4}  {i.title}")
    titles = {d.path: page.cite_name(d) for d in linked_docs}
    pages = glossary_pages(links, linked_docs, titles)
    largest = max((p for p in pages if p != GLOSSARY_PAGE), key=lambda p: len(pages[p].encode()))
    print(f"glossary index: {len(pages[GLOSSARY_PAGE].encode()):,} bytes of Markdown; "
          f"largest entry {largest}: {len(pages[largest].encode()):,} bytes")  # fmt: skip
    print(f"seconds (median of {args.runs}): citations {t_cite:.2f}, merge {t_merge:.3f}, "
          f"link with curated only {t_base:.2f}, link with all {t_all:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
