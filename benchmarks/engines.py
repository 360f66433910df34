"""Engines on one build folder: MkDocs and ProperDocs, and what the builder's link check costs.

    make engines SOURCES=../shared/corpus          # or: python -m benchmarks.engines --sources DIR

The builder runs once (its cache makes later runs quick); then, in the same
run, for each engine and for MkDocs with its own anchor validation switched
off (`validation: anchors: ignore`, which the builder's check makes
redundant), a cold `build` into a fresh folder, `--runs` times, interleaved:
median wall and CPU seconds (CPU time, user and system, holds better on a
busy machine) and peak memory. It also counts the raw HTML links
Zensical would rewrite, with pages as files and as folders (`--pages
folders`). The sites are compared page for page (only the generator tag may
differ). The link check is timed in-process on the pages
as written (median of `--runs`), with the number of links it checked.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.bench import ENV, Run, timed
from benchmarks.site_config import mkdocs_config
from builder import linkcheck
from builder.render.engine_config import dump, load

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# Zensical's rule for a relative href/src, raw HTML included (zensical/extensions/links.py,
# `_rewrite_url`, read at 0.1): a path ending in .md becomes its page's address, and on a page that
# is not an index.md, "../" is put in front (the link is taken as relative to the Markdown file).
_RAW_LINK = re.compile(r'(?:href|src)=(["\'])([^"\']+)\1')


def zensical_rewrite(page: str, link: str) -> str:
    """`link` on `page` (a Markdown file under docs) as Zensical would rewrite it."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or parts.path.startswith("/") or not parts.path:
        return link
    path = parts.path
    if path.endswith(".md"):
        path = path.removesuffix("index.md") if path.endswith("index.md") else path.removesuffix(".md") + "/"
    if not page.endswith("index.md"):
        path = "../" + path
    return parts._replace(path=path).geturl()


def raw_links(pages: dict[str, str]) -> list[tuple[str, str]]:
    """(page, link) of every relative link written in raw HTML (not a bare #fragment)."""
    return [
        (name, m[2])
        for name, text in pages.items()
        if name.endswith(".md")
        for m in _RAW_LINK.finditer(text)
        if zensical_rewrite(name, m[2]) != m[2] or not m[2].startswith(("#", "http:", "https:", "mailto:"))
    ]


def zensical_rewrites(pages: dict[str, str]) -> list[tuple[str, str]]:
    """(page, link) of every raw HTML link Zensical would change."""
    return [(name, link) for name, link in raw_links(pages) if zensical_rewrite(name, link) != link]


def _pages(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file()}


def _variant(build: Path, site: Path, anchors: bool) -> Path:
    config_path = mkdocs_config(build, site, hooks=False)
    if not anchors:
        config = load(config_path)
        config.setdefault("validation", {})["anchors"] = "ignore"
        config_path.write_text(dump(config), encoding="utf-8")
    return config_path


def _differing(a: Path, b: Path) -> int:
    names = {p.relative_to(site) for site in (a, b) for p in site.rglob("*") if p.is_file()}
    return sum(
        1
        for n in names
        if not (a / n).is_file()
        or not (b / n).is_file()
        or GENERATOR.sub(b"", (a / n).read_bytes()) != GENERATOR.sub(b"", (b / n).read_bytes())
    )


def _builder(sources: Path, out: Path, *flags: str) -> dict[str, str]:
    """Run the builder (quietly, keeping going) into `out`; return the files it wrote under docs/."""
    command = [sys.executable, "-m", "builder", "build", "--sources", str(sources), "--out", str(out), "--quiet"]
    subprocess.run([*command, "--keep-going", *flags], check=True, env=ENV, capture_output=True)
    return _pages(out / "docs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=Path("source_docs"))
    parser.add_argument("--work", type=Path, help="build folder to use (default: a temporary one)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="engines-"))
    build = work / "build"
    pages = _builder(args.sources, build)
    documents = sum(1 for p in pages if p.startswith("search/p/"))
    seconds, cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        found, checked = linkcheck.dangling(pages)
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    note = f"{checked:,} links, {len(found)} dangling"
    rows = [("builder link check (in-process)", statistics.median(seconds), statistics.median(cpu), 0, note)]
    folders = _builder(args.sources, work / "folders", "--pages", "folders")
    for name, written in (("pages as files", pages), ("pages as folders", folders)):
        note = f"{len(zensical_rewrites(written)):,} of {len(raw_links(written)):,} relative raw HTML links"
        rows.append((f"Zensical would rewrite, {name}", 0.0, 0.0, 0, note))
    variants = [("mkdocs build", "mkdocs", True), ("properdocs build", "properdocs", True)]
    variants.append(("mkdocs build, anchors: ignore", "mkdocs", False))
    runs: dict[str, list[Run]] = {name: [] for name, _, _ in variants}
    sites: dict[str, Path] = {}
    for n in range(args.runs):  # interleaved, so a busy machine slows every engine alike
        for name, engine, anchors in variants:
            site = work / f"site-{engine}-{int(anchors)}-{n}"
            shutil.rmtree(site, ignore_errors=True)
            config = _variant(build, site, anchors)
            runs[name].append(timed([sys.executable, "-m", engine, "build", "--quiet", "-f", str(config)], work))
            sites[name] = site
    for name, engine, _ in variants:
        note = ""
        if engine == "properdocs":
            note = f"{_differing(sites['mkdocs build'], sites[name])} files differ from MkDocs' (generator tag aside)"
        wall, used = statistics.median(r.seconds for r in runs[name]), statistics.median(r.cpu for r in runs[name])
        rows.append((name, wall, used, max(r.peak_kib for r in runs[name]), note))
    print(f"{documents} documents, {len(pages):,} files in {build / 'docs'}; median of {args.runs} run(s)\n")
    print("| step | wall s | CPU s | peak MB | note |\n| --- | ---: | ---: | ---: | --- |")
    for name, wall, used, kib, note in rows:
        figures = [f"{wall:.2f}" if wall else "–", f"{used:.2f}" if used else "–", f"{kib / 1024:.0f}" if kib else "–"]
        print(f"| {name} | {' | '.join(figures)} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
