"""Search figures for a built site: index size, bytes before the first result, query time.

`python -m benchmarks.search_bench SITE_DIR` prints them; `bench.py` calls
`measure` for each corpus size. Sizes "gzip" are what a server that compresses
(GitHub Pages does) sends: each file gzipped at level 6. Bytes before the
first result count everything search fetches after the page has loaded
(lunr.js, the index, the shards of the query's terms, the paragraphs of the
results shown), plus assets/unp-search.js itself, in a fresh browser.
Query time is `unpSearch.search()` in the page once the index is loaded,
median of 5 runs per query, then the median over queries.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
from pathlib import Path
from urllib.parse import unquote, urlparse

from benchmarks.serving import serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WORD_QUERIES = ["trafficking", "climate change", "Palermo Protocol", "sustainable development goals"]


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def index_sizes(site: Path) -> dict[str, int]:
    search = site / "search"
    files = [p for p in search.rglob("*.json")]
    shards = list((search / "t").glob("*.json"))
    return {
        "index_raw": sum(p.stat().st_size for p in files),
        "index_gzip": sum(gzip_size(p) for p in files),
        "always_loaded_gzip": gzip_size(search / "index.json") + gzip_size(site / "assets" / "lunr.js"),
        "paragraph_index_gzip": sum(gzip_size(p) for p in shards),
        "shards": len(shards),
    }


def symbol_query(site: Path) -> str:
    """A symbol query on the built corpus: a resolution number (`78/1`), else a document's symbol."""
    index = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    symbols = [url.strip("/") for url, *_ in index["documents"] if "/" in url.strip("/")]
    for symbol in symbols:
        parts = symbol.split("/")
        if len(parts) == 4 and parts[1] == "RES":
            return f"{parts[2]}/{parts[3]}"
    return symbols[0] if symbols else "resolution"


def measure(site: Path, base_url: str, queries: list[str] | None = None) -> dict:
    """Search figures for the site in `site`, served at `base_url`."""
    from playwright.sync_api import sync_playwright

    queries = queries or [*WORD_QUERIES, symbol_query(site)]
    figures: dict = index_sizes(site)
    before_first, cold, warm = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base_url + "/")
            fetched: list[str] = []
            page.on("request", lambda r, fetched=fetched: fetched.append(r.url))
            cold.append(page.evaluate("q => window.unpSearch.search(q).then(r => r.ms)", query))
            page.locator("input.md-search__input").fill(query)
            page.wait_for_function(  # the results shown (maybe none) are this query's
                "q => document.querySelector('[data-unp-search-list]').dataset.unpQuery === q",
                arg=query,
                timeout=30_000,
            )
            paths = {_local(site, base_url, u) for u in fetched} | {site / "assets" / "unp-search.js"}
            before_first.append(sum(gzip_size(path) for path in paths if path is not None and path.is_file()))
            runs = [page.evaluate("q => window.unpSearch.search(q).then(r => r.ms)", query) for _ in range(5)]
            warm.append(statistics.median(runs))
            context.close()
        browser.close()
    figures.update(
        {
            "queries": queries,
            "before_first_gzip_max": max(before_first),
            "before_first_gzip_median": int(statistics.median(before_first)),
            "first_query_ms_median": round(statistics.median(cold), 1),
            "query_ms_median": round(statistics.median(warm), 1),
            "query_ms_max": round(max(warm), 1),
        }
    )
    return figures


def _local(site: Path, base_url: str, url: str) -> Path | None:
    if not url.startswith(base_url):
        return None
    path = unquote(urlparse(url).path[len(urlparse(base_url).path) :]).lstrip("/")
    return site / path if path else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    with serve(args.site.resolve()) as url:
        print(json.dumps(measure(args.site.resolve(), url), indent=2))


if __name__ == "__main__":
    main()
