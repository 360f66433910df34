"""Command line: `python -m builder build --sources DIR --out DIR`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from builder import check
from builder.build import BuildResult, build
from builder.linking.instruments import REGISTRY_FILE
from builder.render.engine_config import PROJECT_CONFIG


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="builder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="read the sources and write Markdown pages and the engine config")
    b.add_argument("--sources", type=Path, default=Path("source_docs"))
    b.add_argument("--out", type=Path, default=Path("build"))
    b.add_argument("--keep-going", action="store_true", help="publish the good documents, list the bad")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--quiet", action="store_true", help="print the summary only")
    b.add_argument("--no-cache", action="store_true", help="read every document again (benchmarks)")
    b.add_argument(
        "--pages",
        choices=("files", "folders"),
        default="files",
        help="a document's page as <address>.md (files) or <address>/index.md (folders, for Zensical)",
    )
    b.add_argument(
        "--config",
        type=Path,
        default=PROJECT_CONFIG,
        help="the site's engine settings, completed into OUT/mkdocs.yml (default: the project's mkdocs.yml)",
    )
    b.add_argument(
        "--instruments",
        type=Path,
        help=f"instrument registry (default: {REGISTRY_FILE} in the sources, else source_docs/{REGISTRY_FILE})",
    )
    c = sub.add_parser("check", help="read the sources without building; report numbering, notes and errors")
    c.add_argument("--sources", type=Path, default=Path("source_docs"))
    c.add_argument("--all", action="store_true", help="a line for every document, not only those with findings")
    c.add_argument("--strict", action="store_true", help="exit with 1 when anything is reported")
    c.add_argument("--json", type=Path, metavar="FILE", help="also write the per-document figures as JSON")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check.run(args.sources, show_all=args.all, strict=args.strict, json_path=args.json)

    instruments = args.instruments or default_instruments(args.sources)
    progress = None if args.quiet else (lambda message: print(f"builder: {message}", file=sys.stderr, flush=True))
    result = build(
        args.sources,
        args.out,
        keep_going=args.keep_going,
        instruments=instruments,
        progress=progress,
        use_cache=not args.no_cache,
        site_config=args.config,
        folders=args.pages == "folders",
        keep_files=False,  # each file is let go once written: the build's peak memory
    )
    if not args.quiet:
        for warning in result.warnings:
            print(warning.render(), file=sys.stderr)
    for error in result.errors:
        print(error.render(), file=sys.stderr)
    print(summary(result))
    if result.errors and not args.keep_going:
        return 1
    if args.strict and result.warnings:
        return 1
    return 0


def default_instruments(sources: Path) -> Path:
    """The sources' own instrument registry, else the project's."""
    own = sources / REGISTRY_FILE
    return own if own.exists() else Path("source_docs") / REGISTRY_FILE


def summary(result: BuildResult) -> str:
    """The build's last line: documents, paragraphs, notes, links, errors, warnings, cache, seconds per stage."""
    kinds = Counter(w.kind for w in result.warnings)
    paragraphs = sum(len(d.paragraphs()) for d in result.documents)
    notes = sum(len(d.notes) for d in result.documents)
    links = ""
    if result.links is not None:
        counts = result.links.counts
        links = (
            f"{counts['corpus']} links within the corpus, {counts['undocs']} to undocs.org, "
            f"{counts['instrument']} to the glossary, "
        )
    return (
        f"builder: {len(result.documents)} documents, {paragraphs} paragraphs, {notes} notes, {links}"
        f"{len(result.errors)} errors, {len(result.warnings)} warnings"
        + (f" ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})" if kinds else "")
        + f", {result.cache_hits} read from cache, {result.written} files written, {result.seconds:.1f} s"
        + (f" ({', '.join(f'{k} {v:.1f} s' for k, v in result.stages.items())})" if result.stages else "")
    )
