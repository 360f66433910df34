"""Search as a reader uses it: 20 queries typed a key at a time in Chromium, what each costs.

For each query, in a fresh browser context (nothing cached): click the search
box, type the query character by character with a delay of 100–150 ms between
keys (seeded, the same every run; each key an input event from the page's own
timers), and wait until the results shown are the
whole query's. Counted from the click: every request the page makes, the
bytes a compressing server (GitHub Pages) sends for them (each file gzipped
at level 6), and the time from the last key to the final results on screen.

    python -m benchmarks.search_bench SITE_DIR            # one built site
    python -m benchmarks.search_bench --sizes 1180 4000 --write
        # builds the corpus (past 1,180 documents: copies under invented
        # symbols, as `make bench` makes them) with the builder, puts its search
        # files into a site built from source_docs/, measures, and writes the
        # table into benchmarks/results.md (its own section)
    python -m benchmarks.search_bench --assembly ../shared/corpus
        # seconds for the search files: every document's records, one
        # document's, and the global assembly
    python -m benchmarks.search_bench --tree /tmp/before --sizes 1180
        # the same with the builder and assets of another source tree (e.g.
        # `git archive 041e552 | tar -x -C /tmp/before`): the "before" figures

`bench.py` calls `measure` for each corpus size.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from benchmarks.serving import serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
RESULTS = ROOT / "benchmarks" / "results.md"
SECTION = ("<!-- search-bench -->", "<!-- /search-bench -->")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

# What readers type: topics, names, symbols and citations (the list and more of the same kind).
QUERIES = [
    "Secretary-General report",
    "human rights defenders",
    "sustainable development",
    "oceans and the law of the sea",
    "convention against cybercrime",
    "61/180",
    "A/RES/80/173",
    "61/180 op5",
    "A/RES/79/1 para 12",
    "79/1 action 17",
    "operative paragraph 5 of 61/180",
    "climate change",
    "trafficking in persons",
    "nuclear disarmament",
    "rights of the child",
    "Palermo Protocol",
    "programme budget",
    "violence against women",
    "Israeli settlements",
    "peacekeeping operations",
]
DELAY_MS = (100, 150)
_TYPE = """async ([text, delays]) => {
  const box = document.querySelector('input.md-search__input');
  for (let i = 0; i < text.length; i++) {
    if (i) await new Promise(resolve => setTimeout(resolve, delays[i]));
    box.value += text[i];
    box.dispatchEvent(new InputEvent('input', {bubbles: true, data: text[i], inputType: 'insertText'}));
  }
  return performance.now();
}"""


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _local(site: Path, base_url: str, url: str) -> Path | None:
    if not url.startswith(base_url):
        return None
    path = unquote(urlparse(url).path[len(urlparse(base_url).path) :]).lstrip("/")
    return site / path if path else None


def type_query(browser, site: Path, base_url: str, query: str, seed: int) -> dict:
    """Type `query` in a fresh context; what it cost until the final results were shown."""
    rng = random.Random(seed)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/")
    page.wait_for_load_state("networkidle")
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.locator("input.md-search__input").click()
    delays = [rng.randint(*DELAY_MS) for _ in query]
    # The keys are typed from inside the page, so the delays between them are the page's own
    # timers, not round trips to Playwright (which stretch them on a loaded machine).
    last_key = page.evaluate(_TYPE, [query, delays])
    page.wait_for_function(
        "q => document.querySelector('[data-unp-search-list]').dataset.unpQuery === q", arg=query, timeout=60_000
    )
    shown = page.evaluate("performance.now()")
    first = page.locator(".md-search-result__item .unp-search-label").first
    label = first.inner_text() if first.count() else ""
    context.close()
    paths = [_local(site, base_url, u) for u in fetched]
    return {
        "query": query,
        "requests": len(fetched),
        "gzip": sum(gzip_size(p) for p in paths if p is not None and p.is_file()),
        "ms": round(shown - last_key, 1),
        "first": label,
    }


def measure(site: Path, base_url: str, queries: list[str] | None = None) -> dict:
    """Search figures for the site in `site`, served at `base_url` (the keys `bench.py` reads)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n, query in enumerate(queries or QUERIES):
            rows.append(type_query(browser, site, base_url, query, seed=n))
        browser.close()
    return {
        "rows": rows,
        "before_first_gzip_max": max(r["gzip"] for r in rows),
        "before_first_gzip_median": int(statistics.median(r["gzip"] for r in rows)),
        "requests_max": max(r["requests"] for r in rows),
        "requests_median": statistics.median(r["requests"] for r in rows),
        "query_ms_median": round(statistics.median(r["ms"] for r in rows), 1),
        "query_ms_max": round(max(r["ms"] for r in rows), 1),
    }


def search_site(sources: Path, work: Path, tree: Path = ROOT) -> Path:
    """A site whose search covers `sources`: the builder's search files for them, put into a
    site built from `tree`'s source_docs (the search box and assets are the same on every page)."""
    env = {**ENV, "PYTHONPATH": str(tree)}
    builder = [sys.executable, "-m", "builder", "build", "--quiet", "--keep-going", "--no-cache",
               "--instruments", str(tree / "source_docs/instruments.yml")]  # fmt: skip
    subprocess.run([*builder, "--sources", str(sources), "--out", str(work / "corpus")], cwd=tree, env=env, check=True)
    subprocess.run([*builder, "--sources", str(tree / "source_docs"), "--out", str(work / "build")], cwd=tree, env=env,
                   check=True)  # fmt: skip
    write_config = "import sys; from pathlib import Path; from benchmarks.site_config import mkdocs_config as c; "
    write_config += "print(c(Path(sys.argv[1]), Path(sys.argv[2])))"
    config = subprocess.run([sys.executable, "-c", write_config, str(work / "build"), str(work / "site")], cwd=tree,
                            env=env, check=True, capture_output=True, text=True).stdout.strip()  # fmt: skip
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config], cwd=work, env=env, check=True)
    site = work / "site"
    shutil.rmtree(site / "search")
    shutil.copytree(work / "corpus" / "docs" / "search", site / "search")
    shutil.copy(work / "corpus" / "docs" / "assets" / "lunr.js", site / "assets" / "lunr.js")
    return site


def table(figures: dict[int, dict], label: str) -> str:
    sizes = sorted(figures)
    head = "| query | " + " | ".join(f"{n:,} docs: KB gz / requests / ms" for n in sizes) + " |"
    out = [f"**{label}**", "", head, "|---" * (len(sizes) + 1) + "|"]
    for i, query in enumerate(QUERIES):
        cells = []
        for n in sizes:
            r = figures[n]["rows"][i]
            cells.append(f"{r['gzip'] / 1e3:,.0f} / {r['requests']} / {r['ms']:.0f}")
        out.append(f"| {query} | " + " | ".join(cells) + " |")
    worst = [f"**{figures[n]['before_first_gzip_max'] / 1e3:,.0f} / {figures[n]['requests_max']} / "
             f"{figures[n]['query_ms_max']:.0f}**" for n in sizes]  # fmt: skip
    median = [f"{figures[n]['before_first_gzip_median'] / 1e3:,.0f} / {figures[n]['requests_median']:g} / "
              f"{figures[n]['query_ms_median']:.0f}" for n in sizes]  # fmt: skip
    out.append("| **worst** | " + " | ".join(worst) + " |")
    out.append("| median | " + " | ".join(median) + " |")
    return "\n".join(out)


def write_section(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    block = f"{SECTION[0]}\n{text}\n{SECTION[1]}"
    if SECTION[0] in current:
        start, end = current.index(SECTION[0]), current.index(SECTION[1]) + len(SECTION[1])
        current = current[:start] + block + current[end:]
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", help="a built site (else build one per --sizes)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1180, 4000])
    parser.add_argument("--tree", type=Path, default=ROOT, help="source tree whose builder and assets to measure")
    parser.add_argument("--label", default="", help="heading of the table (default: the tree's git commit)")
    parser.add_argument("--write", action="store_true", help="write the table into benchmarks/results.md")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--assembly", type=Path, help="time the search files' two stages for this source folder")
    args = parser.parse_args()
    if args.assembly:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(assembly_seconds(args.assembly, Path(tmp)), indent=2))
        return
    if args.site:
        with serve(args.site.resolve()) as url:
            print(json.dumps(measure(args.site.resolve(), url), indent=2))
        return
    from benchmarks.bench import corpus

    figures: dict[int, dict] = {}
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            work = Path(tmp) / str(size)
            work.mkdir()
            sources = work / "sources"
            corpus(size, sources)
            started = time.perf_counter()
            site = search_site(sources, work, tree)
            print(f"{size} documents: site in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            with serve(site) as url:
                figures[size] = measure(site, url)
            print(table({size: figures[size]}, str(size)), file=sys.stderr, flush=True)
            shutil.rmtree(work)
    label = args.label or f"Search typed key by key, tree {tree.name}"
    text = table(figures, label)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if args.write:
        write_section(text)


def assembly_seconds(sources: Path, out: Path) -> dict:
    """Seconds to make the search files of `sources`: per-document records (cacheable, done again
    only for a changed document) and the global assembly (numbering, scores, shards, files)."""
    sys.path.insert(0, str(ROOT))
    from builder.build import build
    from builder.search.files import assemble
    from builder.search.records import (
        DocumentLinks,
        document_links,
        document_records,
        glossary_records,
        instrument_names,
    )

    result = build(sources, out, keep_going=True, instruments=ROOT / "source_docs" / "instruments.yml")
    docs, links = result.documents, result.links
    started = time.perf_counter()
    facts = document_links(links)
    names = instrument_names(links.registry)
    per_doc = [document_records(doc, facts.get(doc.path, DocumentLinks()), names) for doc in docs]
    records_done = time.perf_counter()
    document_records(docs[len(docs) // 2], facts.get(docs[len(docs) // 2].path, DocumentLinks()), names)
    one_done = time.perf_counter()
    files = assemble(per_doc, glossary_records(links.registry))
    assembled = time.perf_counter()
    return {
        "documents": len(docs),
        "records_all_s": round(records_done - started, 2),
        "records_one_document_s": round(one_done - records_done, 4),
        "assemble_s": round(assembled - one_done, 2),
        "files": len(files),
    }


if __name__ == "__main__":
    main()
