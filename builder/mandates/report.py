"""Mandate figures for a folder of documents: what was found, what it costs, how right it is.

    python -m builder.mandates.report --sources ../shared/corpus

prints mandates found by kind and by addressee (top 20), reports due by session, the share
with no review or end clause, the size of the index's data files, the time the mandates step
adds to a build (recognition and lineage; panels; index page and data files; median of
`--runs`), and precision and recall per column on the labelled set
(`tests/data/mandates_labels.csv`) when its files are in the folder. Documents are read as
the build reads them, with the build's read cache (`--cache`, default `build/cache`).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from builder.build import read_all
from builder.cache import ReadCache
from builder.mandates import collect, evaluate, verbs
from builder.mandates.pages import DATA_FILE, INDEX_PAGE, clauses, index_files, panel_html
from builder.render.page import is_resolution
from builder.sources import discover

ROOT = Path(__file__).resolve().parent.parent.parent
LABELS = ROOT / "tests" / "data" / "mandates_labels.csv"
# "dev": the paragraphs read while the rules were written; "holdout": drawn and labelled after, from other files
SETS = ("dev", "holdout")


def _timed(work, runs: int) -> tuple[float, object]:
    """Median CPU seconds of `work()` over `runs` (CPU time: the machine's other load does not count)."""
    times, result = [], None
    for _ in range(runs):
        started = time.process_time()
        result = work()
        times.append(time.process_time() - started)
    return statistics.median(times), result


def report(sources: Path, cache: Path | None, runs: int, labels: Path) -> str:
    started = time.perf_counter()
    outcomes = read_all(discover(sources), ReadCache(cache), None)
    docs = [o.doc for o in outcomes if o.doc is not None]
    read_seconds = time.perf_counter() - started
    step, found = _timed(lambda: collect(docs), runs)
    panels, html = _timed(lambda: [panel_html(doc, found[doc.path]) for doc in docs], runs)
    panel_bytes = sum(len(x.encode()) for x in html)
    rows = [m for doc in docs for m in found[doc.path]]
    files_time, files = _timed(lambda: index_files(docs, rows), runs)
    groups = clauses(rows)
    out = [f"# Mandates in {sources} ({len(docs)} documents)", ""]
    out.append(
        f"{len(rows)} mandates by addressee (CSV rows) in {len(groups)} clauses of "
        f"{len({m.page for m in rows})} documents."
    )
    kinds = Counter(g[0].kind for g in groups)
    out += ["", "## By kind (clauses)", "", "| kind | clauses |", "| --- | --- |"]
    out += [f"| {k} | {kinds[k]} |" for k in verbs.KINDS]
    out += ["", "## By addressee, top 20 (rows)", "", "| addressee | kind of addressee | rows |", "| --- | --- | --- |"]
    kind_of = {m.addressee: m.addressee_kind for m in rows}
    out += [f"| {a} | {kind_of[a]} | {n} |" for a, n in Counter(m.addressee for m in rows).most_common(20)]
    reports = Counter(g[0].due_session for g in groups if g[0].kind == verbs.REPORT)
    adopted_pages = {d.path for d in docs if is_resolution(d)}
    adopted = Counter(g[0].due_session for g in groups if g[0].kind == verbs.REPORT and g[0].page in adopted_pages)
    out += ["", "## Reports due by session (clauses)", "", "| session | reports | in adopted resolutions |"]
    out.append("| --- | --- | --- |")
    out += [
        f"| {s} | {reports[s]} | {adopted[s]} |" for s in sorted((s for s in reports if s is not None), reverse=True)
    ]
    out.append(f"| none named | {reports[None]} | {adopted[None]} |")
    open_rows = sum(m.open_ended for m in rows)
    open_clauses = sum(g[0].open_ended for g in groups)
    repeats = sum(bool(g[0].repeats) for g in groups)
    with_series = sum(bool(g[0].series) for g in groups)
    out += [
        "",
        f"No review or end clause (no session, date, period or rhythm named): {open_clauses / len(groups):.1%} "
        f"of clauses, {open_rows / len(rows):.1%} of rows.",
        f"Lineage: {with_series} clauses in documents that recall earlier resolutions of their series; "
        f"{repeats} repeat a request of an earlier resolution the corpus holds.",
    ]
    data = files[DATA_FILE].encode()
    index = files[INDEX_PAGE].encode()
    out += [
        "",
        "## Index page weight",
        "",
        f"- `{INDEX_PAGE}`: {len(index):,} bytes ({len(gzip.compress(index)):,} gzipped)",
        f"- `{DATA_FILE}` (fetched by the page's script): {len(data):,} bytes ({len(gzip.compress(data)):,} gzipped)",
        f"- `data/mandates.csv`: {len(files['data/mandates.csv'].encode()):,} bytes",
        f"- the panels on the document pages: {panel_bytes:,} bytes in all, "
        f"{panel_bytes // max(1, len(docs)):,} a page on average",
        "",
        f"## Time the mandates step adds (CPU seconds, median of {runs})",
        "",
        "| part | seconds |",
        "| --- | --- |",
        f"| recognition and lineage (`collect`) | {step:.2f} |",
        f"| panels of every document | {panels:.2f} |",
        f"| index page, mandates.json, mandates.csv | {files_time:.2f} |",
        f"| total | {step + panels + files_time:.2f} |",
        f"| (reading the documents, wall seconds, for scale{', with the read cache' if cache else ''}) | "
        f"{read_seconds:.2f} |",
    ]
    if labels.is_file():
        labelled = evaluate.load_labels(labels)
        have = evaluate.read_labelled(labelled, sources)
        kept = [row for row in labelled if row["file"] in have]
        for name, rows_of in (("all", kept), *((n, [r for r in kept if r.get("set") == n]) for n in SETS)):
            if not rows_of:
                continue
            paragraphs = len({(r["file"], r["paragraph_id"]) for r in rows_of})
            files_of = len({r["file"] for r in rows_of})
            out += [
                "",
                f"## Precision and recall, labelled set: {name} ({paragraphs} paragraphs of {files_of} files)",
                "",
                evaluate.table(evaluate.score(rows_of, have)),
            ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder.mandates.report", description=__doc__)
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "cache", help="read cache ('' for none)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    cache = args.cache if str(args.cache) else None
    sys.stdout.write(report(args.sources, cache, args.runs, args.labels))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
