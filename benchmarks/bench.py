"""Benchmark: our full pipeline against plain MkDocs + Material, in the same run.

For each corpus size it builds, in fresh folders:

- the baseline: equivalent hand-written Markdown (one plain page per document:
  its title, paragraphs and notes as Markdown footnotes) with MkDocs + Material
  and its default navigation, timing `mkdocs build` only;
- ours: source text to finished site (`python -m builder build` without cache,
  then `mkdocs build` of its output).

It reports the median of several runs (ours and the baseline by turns, each
into an empty folder, so a slow spell of the machine hits both), ours/baseline, growth t(4N)/t(N),
site and HTML bytes per page, peak memory, the search bytes a browser loads
before the first result (ours measured in Chromium by `search_bench`; the
baseline's is Material's whole index and worker, which must load first), the
query time, and the time to rebuild after editing one document, then writes
the table to `benchmarks/results.md`. Past `--baseline-limit` documents the
baseline is not built (a run would pass 10 minutes): its time is extrapolated
from the two largest measured sizes (t ∝ N^k) and marked "≈".

It also times reading alone, PDF against text: `python -m builder check` (it
reads every document exactly as the build does, on all cores, and writes
nothing) over the official PDFs of `--pdfs` and, in a folder of their own, the
same documents' text from `--texts` (same file name, `.txt`): median seconds,
seconds per document and peak memory of each form, in a table of its own.
Without the PDF folder that part is skipped (and the table of an earlier run
is kept); `--reading-only` runs that part alone and keeps the other table.

    python -m benchmarks.bench                      # 100, 400, 1180 and 4000 documents, 3 runs; reading
    python -m benchmarks.bench --sizes 5 --runs 1   # a smoke run
    python -m benchmarks.bench --reading-only       # PDF vs text reading only (about 2 minutes)
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import itertools
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks import live, search_bench
from benchmarks.serving import serve
from benchmarks.site_config import mkdocs_config
from builder.build import read_source
from builder.render.page import display_title
from builder.sources import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PDF_CORPUS = ROOT.parent / "shared" / "corpus-pdf"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Run:
    seconds: float
    peak_kib: int
    output: str = ""  # what the command printed (stdout and stderr)
    cpu: float = 0.0  # user and system seconds of the command and the workers it waited for
    parts: tuple[float, ...] = ()  # seconds of each command, when the run was several (builder, engine)


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
        log.seek(0)
        output = log.read().decode(errors="replace")
    return Run(seconds, usage.ru_maxrss, output, usage.ru_utime + usage.ru_stime)


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
    return Run(build.seconds + site.seconds, max(build.peak_kib, site.peak_kib), parts=(build.seconds, site.seconds))


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
    if (work / "site").exists():  # into an empty folder, as ours: the last site moved aside, not deleted now
        (work / "site").rename(work / f"site-{len(list(work.glob('site*')))}")
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


def our_search(site: Path, size: int = 0) -> dict | None:
    """Our search figures (`search_bench.measure`: its queries typed key by key), or None without Chromium.
    A site of a few documents (the smoke test) types two of them."""
    queries = search_bench.QUERIES if size >= 100 else search_bench.QUERIES[:2]
    if not Path(search_bench.CHROMIUM).exists():
        return None
    with serve(site) as url:
        return search_bench.measure(site, url, queries)


def ci_second_run(sources: Path, work: Path) -> float:
    """GitHub Actions, simulated: a first run builds cold and keeps `build/cache` (what the
    workflow's cache step saves); a second run, in a fresh folder with that cache restored and
    one document edited, builds the site as the workflow does (builder, then a full `mkdocs
    build`). Returns the second run's seconds."""
    builder = [sys.executable, "-m", "builder", "build", "--sources", str(sources), "--out", "build", "--quiet",
               "--keep-going", "--instruments", str(ROOT / "source_docs/instruments.yml")]  # fmt: skip
    first, second = work / "run1", work / "run2"
    first.mkdir()
    timed(builder, first)
    (second / "build").mkdir(parents=True)
    shutil.copytree(first / "build/cache", second / "build/cache")  # actions/cache restores only the cache
    shutil.rmtree(first)
    victim = sorted(sources.glob("*.txt"))[len(list(sources.glob("*.txt"))) // 2]
    victim.write_text(victim.read_text(encoding="utf-8").replace("Requests", "Requests also", 1), encoding="utf-8")
    seconds = timed(builder, second).seconds
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(our_config(second))]
    return seconds + timed(mkdocs, second).seconds


def bench(sizes: list[int], runs: int, baseline_limit: int, out: Path | None, live_edits: int = 3) -> str:
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
            base, base_site, estimated = None, None, False
            bwork = tmp / f"base{size}"
            if size <= baseline_limit:
                baseline_pages(files, bwork / "docs")
            done: list[Path] = []
            for r in range(runs):  # ours and the baseline by turns: a slower spell of the machine hits both
                work = tmp / f"ours{size}-{r}"
                work.mkdir()
                ours_runs.append(ours(sources, work))
                if r == 0:
                    figures = site_figures(work / "site", size)
                    search = our_search(work / "site", size)
                done.append(work)  # removed after the runs: deleting a site costs the next run
                if size <= baseline_limit:
                    base_runs.append(baseline(bwork))
            for work in done:
                shutil.rmtree(work)
            if size <= baseline_limit:
                base = baselines[size] = statistics.median(r.seconds for r in base_runs)
                base_site = {**site_figures(bwork / "site", size), "search_gz": baseline_search_gz(bwork / "site")}
                shutil.rmtree(bwork)
            elif len(baselines) >= 2:
                (n1, t1), (n2, t2) = sorted(baselines.items())[-2:]
                exponent = math.log(t2 / t1) / math.log(n2 / n1)
                base, estimated = t2 * (size / n2) ** exponent, True
            t = statistics.median(r.seconds for r in ours_runs)
            split = tuple(statistics.median(r.parts[i] for r in ours_runs) for i in range(2))
            times[size] = t
            rebuild = reload = ""
            if size == rebuild_size:
                work = tmp / f"rebuild{size}"
                work.mkdir()
                rebuild = f"{ci_second_run(sources, work):.1f}"
                shutil.rmtree(work)
                if live_edits:
                    timing = live.measure(sources, live_edits)
                    reload = f"{timing['median']:.1f}"
                    print(f"bench: edit to reload ({timing['how']}): {timing['seconds']}", file=sys.stderr, flush=True)
            peak = max(r.peak_kib for r in ours_runs) / 1024
            rows.append(Row(size, t, base, estimated, peak, figures, base_site, search, rebuild, reload, split))
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
    reload: str = ""
    split: tuple[float, ...] = ()  # median seconds of the builder and of `mkdocs build`


def _table(rows: list[Row], times: dict[int, float], runs: int) -> str:
    out = [
        f"Median of {runs} runs on {os.cpu_count()} cores; ours = source text to finished site; baseline = "
        "`mkdocs build` of equivalent hand-written Markdown with Material's default navigation and search "
        "(≈: extrapolated); builder + engine: the medians of its two commands. "
        "Search: gzip bytes fetched before the first result is shown (ours: the largest over "
        "the queries of `search_bench`, measured in Chromium; baseline: Material's whole index and worker), and "
        "our query time once the index is loaded (median / slowest query). CI 2nd run: the build of a second "
        "GitHub Actions run that restored the first run's `build/cache` and has one document edited (builder, "
        "then a full `mkdocs build`). Edit to reload: `make serve`, one document edited, seconds from the save "
        "to the open page in Chromium showing the change (median of 3 edits; `python -m benchmarks.live`).",
        "",
        "| documents | ours (s) | builder + engine (s) | baseline (s) | ours/baseline | peak memory (MB) | site (MB) "
        "| bytes/page | HTML/page (KB) | baseline bytes/page | search before 1st result, gzip (KB) "
        "| baseline search, gzip (KB) | query (ms) | CI 2nd run, 1 edit (s) | edit to reload (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
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
        split = " + ".join(f"{s:.1f}" for s in row.split) or "—"
        out.append(
            f"| {row.size} | {row.seconds:.1f} | {split} | {base_text} | {ratio} | {row.peak_mb:.0f} "
            f"| {fig['site_mb']:.1f} | {fig['bytes_per_page']:,.0f} | {fig['html_kb_per_page']:.0f} | {base_bytes} "
            f"| {ours_search} | {base_search} | {query} | {row.rebuild or '—'} | {row.reload or '—'} |"
        )
    sizes = sorted(times)
    growth = [
        f"t({b})/t({a}) = {times[b] / times[a]:.2f} (for 4× the documents at that rate: {_four_times(a, b, times):.2f})"
        for a, b in itertools.pairwise(sizes)
    ]
    growth += [
        f"t({4 * a})/t({a}) = {times[4 * a] / times[a]:.2f} (measured)"
        for a in sizes
        if 4 * a in times and (a, 4 * a) not in itertools.pairwise(sizes)
    ]
    if growth:
        out += ["", "Growth: " + "; ".join(growth) + "."]
    return "\n".join(out) + "\n"


def _four_times(a: int, b: int, times: dict[int, float]) -> float:
    """t(4N)/t(N) implied by growth from a to b documents (t ∝ N^k)."""
    exponent = math.log(times[b] / times[a]) / math.log(b / a)
    return 4**exponent


READING_HEADING = "## Reading: PDF vs text"
HEADER = "# Benchmark results\n\nWritten by `make bench` (`python -m benchmarks.bench`).\n\n"
_CHECKED = re.compile(r"^check: documents read (\d+), errors (\d+)", re.MULTILINE)


@dataclass
class Reading:
    form: str  # "PDF" or "text"
    documents: int
    errors: int
    seconds: float  # median of the runs
    cpu: float  # median of the runs: CPU seconds, all cores together
    peak_mb: float  # largest of the runs


def reading_pairs(pdfs: Path, texts: Path, folder: Path) -> tuple[Path, Path]:
    """The PDFs of `pdfs` that have a text twin in `texts` (same name, `.txt`), each form copied to a folder of its own.

    Both forms are then the same documents, read from fresh copies: no extra file (a README, a
    document without its twin) on either side.
    """
    pdf_folder, text_folder = folder / "pdf", folder / "text"
    pdf_folder.mkdir(parents=True)
    text_folder.mkdir()
    for pdf in sorted(pdfs.glob("*.pdf")):
        text = texts / f"{pdf.stem}.txt"
        if text.is_file():
            shutil.copy(pdf, pdf_folder)
            shutil.copy(text, text_folder)
    return pdf_folder, text_folder


def read_form(form: str, sources: Path, runs: int, work: Path) -> Reading:
    """Reading `sources` only, as the build reads (`builder check`): median seconds, largest peak memory."""
    command = [sys.executable, "-m", "builder", "check", "--sources", str(sources)]
    done = [timed(command, work) for _ in range(runs)]
    summary = _CHECKED.search(done[-1].output)
    if summary is None:
        raise RuntimeError(f"{' '.join(command)} printed no summary:\n{done[-1].output[-4000:]}")
    seconds, cpu = statistics.median(r.seconds for r in done), statistics.median(r.cpu for r in done)
    return Reading(form, int(summary[1]), int(summary[2]), seconds, cpu, max(r.peak_kib for r in done) / 1024)


def reading(pdfs: Path, texts: Path, runs: int, command: str) -> str | None:
    """The reading table, PDF vs text; None (skipped) without PDFs that have a text twin."""
    if not pdfs.is_dir():
        print(f"bench: no folder {pdfs}; reading PDF vs text skipped", file=sys.stderr, flush=True)
        return None
    load = os.getloadavg()[0]  # a busy machine slows both forms: the table says how busy it was
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pdf_folder, text_folder = reading_pairs(pdfs, texts, tmp / "sources")
        pairs = len(list(pdf_folder.iterdir()))
        if not pairs:
            print(f"bench: no PDF in {pdfs} has its text in {texts}; reading skipped", file=sys.stderr, flush=True)
            return None
        rows = []
        for form, folder in (("PDF", pdf_folder), ("text", text_folder)):
            rows.append(read_form(form, folder, runs, tmp))
            print(_reading_rows(rows[-1:]), file=sys.stderr, flush=True)
    return _reading_table(rows, pairs, runs, pdfs, texts, command, load)


def _reading_rows(rows: list[Reading]) -> str:
    return "\n".join(
        f"| {r.form} | {r.documents} | {r.seconds:.1f} | {r.seconds / max(1, r.documents):.3f} | {r.peak_mb:.0f} "
        f"| {r.cpu:.1f} | {r.errors} |"
        for r in rows
    )


def _reading_table(
    rows: list[Reading], pairs: int, runs: int, pdfs: Path, texts: Path, command: str, load: float
) -> str:
    pdf, text = rows
    lines = [
        f"{READING_HEADING}, {pairs} documents",
        "",
        f"Measured {datetime.date.today().isoformat()} with `{command}`, median of {runs} runs on "
        f"{os.cpu_count()} cores (load average {load:.1f} at the start). Reading only: `python -m builder check "
        "--sources DIR` reads every document as the build does (on all cores) and writes nothing (no linking, no "
        f"pages, no MkDocs). The PDFs are those of `{_shown(pdfs)}` with a text twin in `{_shown(texts)}`; each "
        "form is read from a folder of its own copies. Seconds are the whole command's (interpreter start "
        "included); peak memory is the largest resident set of the command or of any one of its workers; CPU "
        "seconds (median) are those of the command and its workers together, what other work on the machine "
        "changes least.",
        "",
        f"| form | documents | seconds (median of {runs}) | seconds per document | peak memory (MB) | CPU seconds "
        "| errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        _reading_rows(rows),
        "",
        f"PDF/text: {pdf.seconds / text.seconds:.1f}× the time ({pdf.cpu / max(text.cpu, 0.01):.1f}× the CPU time), "
        f"{pdf.peak_mb / text.peak_mb:.1f}× the peak memory.",
    ]
    return "\n".join(lines) + "\n"


def _shown(path: Path) -> str:
    """A path as the README writes it: relative to the repository when beside it (`../shared/corpus-pdf`)."""
    path = path.resolve()
    return os.path.relpath(path, ROOT) if path.is_relative_to(ROOT.parent) else str(path)


def write_results(out: Path, table: str | None, reading_table: str | None) -> str:
    """Write the tables measured now to `out`, keeping the one not measured from its last run; return the text."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    old_table, heading, old_reading = old.partition(READING_HEADING)
    parts = [
        (table if table is not None else old_table.removeprefix(HEADER)).strip(),
        (reading_table if reading_table is not None else heading + old_reading).strip(),
    ]
    text = HEADER + "\n\n".join(p for p in parts if p) + "\n"
    out.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100, 400, 1180, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=3, help="edits timed under make serve (0: none)")
    parser.add_argument("--baseline-limit", type=int, default=1180, help="largest size the baseline is built at")
    parser.add_argument("--reading-only", action="store_true", help="only time reading, PDF vs text")
    parser.add_argument("--pdfs", type=Path, default=PDF_CORPUS, help="official PDFs (reading is skipped without)")
    parser.add_argument("--texts", type=Path, default=CORPUS, help="their text: same names, .txt")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results.md")
    args = parser.parse_args(argv)
    table = None if args.reading_only else bench(args.sizes, args.runs, args.baseline_limit, args.out, args.edits)
    command = " ".join(["python -m benchmarks.bench", *(sys.argv[1:] if argv is None else argv)])
    reading_table = reading(args.pdfs, args.texts, args.runs, command)
    write_results(args.out, table, reading_table)
    print("\n".join(t for t in (table, reading_table) if t is not None), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
