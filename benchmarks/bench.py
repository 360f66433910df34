"""Benchmark: our full pipeline against plain MkDocs + Material, in the same run.

For each corpus size it builds, in fresh folders:

- the baseline: equivalent hand-written Markdown (one plain page per document:
  its title, paragraphs and notes as Markdown footnotes) with MkDocs + Material
  and its default navigation, timing `mkdocs build` only;
- ours: source text to finished site (`python -m builder build` without cache,
  then `mkdocs build` of its output).

It reports the median of several runs, ours/baseline, growth t(4N)/t(N),
site and HTML bytes per page, peak memory, the search bytes a browser loads
before the first result (ours measured in Chromium by `search_bench`; the
baseline's is Material's whole index and worker, which must load first), the
query time, and the time to rebuild after editing one document, then writes
the table to `benchmarks/results.md`. Past `--baseline-limit` documents the
baseline is not built (a run would pass 10 minutes): its time is extrapolated
from the two largest measured sizes (t ∝ N^k) and marked "≈".

    python -m benchmarks.bench                      # 100, 400, 1180 and 4000 documents, 3 runs
    python -m benchmarks.bench --sizes 5 --runs 1   # a smoke run
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks import search_bench
from benchmarks.serving import serve
from benchmarks.site_config import mkdocs_config
from builder.build import read_source
from builder.render.page import display_title
from builder.sources import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Run:
    seconds: float
    peak_kib: int


def corpus(size: int, folder: Path) -> list[Path]:
    """`size` corpus documents in `folder`; past the corpus, copies under new symbols."""
    originals = sorted(CORPUS.glob("*.txt")) or sorted((ROOT / "source_docs").glob("*.txt"))
    folder.mkdir(parents=True)
    out = []
    for n in range(size):
        source = originals[n % len(originals)]
        copy = n // len(originals)
        target = folder / (source.stem + (f"_copy{copy}" if copy else "") + ".txt")
        text = source.read_text(encoding="utf-8")
        if copy:
            symbol = source.stem.replace("_", "/")
            text = text.replace(symbol, f"{symbol}/Add.{900 + copy}")
        target.write_text(text, encoding="utf-8")
        meta = source.with_suffix(".yml")
        if meta.exists() and not copy:
            shutil.copy(meta, target.with_suffix(".yml"))
        out.append(target)
    return out


def timed(command: list[str], cwd: Path) -> Run:
    """Wall time and peak memory (maximum resident set, KiB) of one command."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed:\n{log.read()[-4000:].decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss)


def our_config(work: Path) -> Path:
    return mkdocs_config(work / "build", work / "site")


def ours(sources: Path, work: Path) -> Run:
    """Source text to finished site, no cache."""
    build = timed(
        [sys.executable, "-m", "builder", "build", "--sources", str(sources), "--out", "build", "--quiet",
         "--keep-going", "--no-cache", "--instruments", str(ROOT / "source_docs/instruments.yml")],
        work,
    )  # fmt: skip
    site = timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(our_config(work))], work)
    return Run(build.seconds + site.seconds, max(build.peak_kib, site.peak_kib))


def baseline_pages(files: list[Path], docs: Path) -> None:
    """Plain Markdown a person would write for the same documents."""
    docs.mkdir(parents=True)
    for n, path in enumerate(files):
        outcome = read_source(Source(path, None))
        if outcome.doc is None:
            continue
        doc = outcome.doc
        lines = [f"# {display_title(doc)}", ""]
        for para in doc.paragraphs():
            marks = "".join(f"[^{r.label.replace('*', 's')}]" for r in para.content.refs)
            lines += [f"{para.label} {para.content.text}{marks}".strip(), ""]
        for note in doc.notes:
            lines += [f"[^{note.label.replace('*', 's')}]: {note.content.text}", ""]
        (docs / f"doc{n:05}.md").write_text("\n".join(lines), encoding="utf-8")
    (docs / "index.md").write_text("# Documents\n", encoding="utf-8")


def baseline(work: Path) -> Run:
    config = {
        "site_name": "Baseline",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["footnotes"],
    }
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], work)


def site_figures(site: Path, pages: int) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    html = [p.stat().st_size for p in site.rglob("index.html") if p.parent != site]
    return {
        "site_mb": total / 1e6,
        "bytes_per_page": total / max(1, pages),
        "html_kb_per_page": statistics.mean(html) / 1e3 if html else 0.0,
    }


def baseline_search_gz(site: Path) -> int:
    """Material's search: the whole index and the worker load before the first result."""
    index = site / "search/search_index.json"
    worker = next(site.glob("assets/javascripts/workers/search.*.min.js"), None)
    return sum(len(gzip.compress(p.read_bytes())) for p in (index, worker) if p and p.exists())


def our_search(site: Path) -> dict | None:
    """Our search figures (`search_bench.measure`), or None without Chromium."""
    if not Path(search_bench.CHROMIUM).exists():
        return None
    with serve(site) as url:
        return search_bench.measure(site, url)


def rebuild_after_edit(sources: Path, work: Path) -> float:
    """Edit one document and rebuild: cached reads, then `mkdocs build --dirty`."""
    command = [sys.executable, "-m", "builder", "build", "--sources", str(sources), "--out", "build", "--quiet",
               "--keep-going", "--instruments", str(ROOT / "source_docs/instruments.yml")]  # fmt: skip
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--dirty", "-f", str(our_config(work))]
    timed(command, work)
    timed(mkdocs, work)
    victim = sorted(sources.glob("*.txt"))[len(list(sources.glob("*.txt"))) // 2]
    victim.write_text(victim.read_text(encoding="utf-8").replace("Requests", "Requests also", 1), encoding="utf-8")
    return timed(command, work).seconds + timed(mkdocs, work).seconds


def bench(sizes: list[int], runs: int, baseline_limit: int, out: Path | None) -> str:
    rows = []
    times: dict[int, float] = {}
    baselines: dict[int, float] = {}
    in_corpus = len(list(CORPUS.glob("*.txt")))
    rebuild_size = max([s for s in sizes if s <= in_corpus] or [min(sizes)])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for size in sizes:
            sources = tmp / f"src{size}"
            files = corpus(size, sources)
            ours_runs, base_runs = [], []
            figures, search = {}, None
            for r in range(runs):
                work = tmp / f"ours{size}-{r}"
                work.mkdir()
                ours_runs.append(ours(sources, work))
                if r == 0:
                    figures = site_figures(work / "site", size)
                    search = our_search(work / "site")
                shutil.rmtree(work)
            base, base_site, estimated = None, None, False
            if size <= baseline_limit:
                bwork = tmp / f"base{size}"
                baseline_pages(files, bwork / "docs")
                for _ in range(runs):
                    base_runs.append(baseline(bwork))
                base = baselines[size] = statistics.median(r.seconds for r in base_runs)
                base_site = {**site_figures(bwork / "site", size), "search_gz": baseline_search_gz(bwork / "site")}
                shutil.rmtree(bwork)
            elif len(baselines) >= 2:
                (n1, t1), (n2, t2) = sorted(baselines.items())[-2:]
                exponent = math.log(t2 / t1) / math.log(n2 / n1)
                base, estimated = t2 * (size / n2) ** exponent, True
            t = statistics.median(r.seconds for r in ours_runs)
            times[size] = t
            rebuild = ""
            if size == rebuild_size:
                work = tmp / f"rebuild{size}"
                work.mkdir()
                rebuild = f"{rebuild_after_edit(sources, work):.1f}"
                shutil.rmtree(work)
            peak = max(r.peak_kib for r in ours_runs) / 1024
            rows.append(Row(size, t, base, estimated, peak, figures, base_site, search, rebuild))
            shutil.rmtree(sources)
            print(_table(rows[-1:], {size: t}, runs).splitlines()[-1], file=sys.stderr, flush=True)
    return _table(rows, times, runs)


@dataclass
class Row:
    size: int
    seconds: float
    baseline: float | None
    estimated: bool
    peak_mb: float
    site: dict
    baseline_site: dict | None
    search: dict | None
    rebuild: str


def _table(rows: list[Row], times: dict[int, float], runs: int) -> str:
    out = [
        f"Median of {runs} runs on {os.cpu_count()} cores; ours = source text to finished site; baseline = "
        "`mkdocs build` of equivalent hand-written Markdown with Material's default navigation and search "
        "(≈: extrapolated). Search: gzip bytes fetched before the first result is shown (ours: the largest over "
        "the queries of `search_bench`, measured in Chromium; baseline: Material's whole index and worker), and "
        "our query time once the index is loaded (median / slowest query).",
        "",
        "| documents | ours (s) | baseline (s) | ours/baseline | peak memory (MB) | site (MB) | bytes/page "
        "| HTML/page (KB) | baseline bytes/page | search before 1st result, gzip (KB) | baseline search, gzip (KB) "
        "| query (ms) | rebuild after 1 edit (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        fig, base_site, search = row.site, row.baseline_site, row.search
        mark = "≈" if row.estimated else ""
        ratio = f"{mark}{row.seconds / row.baseline:.2f}" if row.baseline else "—"
        base_text = f"{mark}{row.baseline:.1f}" if row.baseline else "—"
        base_bytes = f"{base_site['bytes_per_page']:,.0f}" if base_site else "—"
        base_search = f"{base_site['search_gz'] / 1e3:,.0f}" if base_site else "—"
        ours_search = f"{search['before_first_gzip_max'] / 1e3:,.0f}" if search else "—"
        query = f"{search['query_ms_median']:.0f} / {search['query_ms_max']:.0f}" if search else "—"
        out.append(
            f"| {row.size} | {row.seconds:.1f} | {base_text} | {ratio} | {row.peak_mb:.0f} | {fig['site_mb']:.1f} "
            f"| {fig['bytes_per_page']:,.0f} | {fig['html_kb_per_page']:.0f} | {base_bytes} "
            f"| {ours_search} | {base_search} | {query} | {row.rebuild or '—'} |"
        )
    sizes = sorted(times)
    growth = [
        f"t({b})/t({a}) = {times[b] / times[a]:.2f} (for 4× the documents at that rate: {_four_times(a, b, times):.2f})"
        for a, b in itertools.pairwise(sizes)
    ]
    if growth:
        out += ["", "Growth: " + "; ".join(growth) + "."]
    return "\n".join(out) + "\n"


def _four_times(a: int, b: int, times: dict[int, float]) -> float:
    """t(4N)/t(N) implied by growth from a to b documents (t ∝ N^k)."""
    exponent = math.log(times[b] / times[a]) / math.log(b / a)
    return 4**exponent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100, 400, 1180, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-limit", type=int, default=1180, help="largest size the baseline is built at")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results.md")
    args = parser.parse_args(argv)
    table = bench(args.sizes, args.runs, args.baseline_limit, args.out)
    args.out.write_text("# Benchmark results\n\nWritten by `make bench` (`python -m benchmarks.bench`).\n\n" + table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
