"""The maintainers' check: read every source the way the build does, and say what is odd.

    python -m builder check --sources ../shared/corpus            # documents with something to report
    python -m builder check --sources ../shared/corpus --all      # every document
    python -m builder check --sources DIR --strict --json check.json

Why a command of its own: a build links, renders and writes a whole site, but
what a maintainer fixing sources wants to know is only what reading found —
numbering that skips, notes nobody refers to, markers with no note, errors —
per document and for the corpus, in seconds. So this reads exactly as the
build does (`builder.sources.discover`, `builder.build.read_source`, on all
cores) and writes nothing: no cache, no pages, no linking.

Each worker sends back a small `Report` (counts and warnings), never the read
document, so the parallel read costs no more than reading. The last three
lines printed are the corpus summary, ending with the numbering, note and
marker totals (a hook shows `tail -n 3` of this command).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

from builder.build import read_source
from builder.errors import InputError, Place
from builder.render.html import page_address
from builder.sources import NO_SOURCES, Source, discover

T = TypeVar("T")

# Paragraph kinds in the order a reader meets them; any other kind follows, by name.
KINDS = ("intro", "formula", "preamble", "operative", "para", "item", "sub", "text")
UNREFERENCED = "unreferenced-note"
MISSING = "missing-note"


def is_numbering(kind: str) -> bool:
    """Numbering problems of paragraphs and sub-paragraphs ("numbering", "sub-numbering", ...)."""
    return "numbering" in kind


@dataclass
class Report:
    """What reading one source found: the figures a maintainer acts on, small enough to pickle cheaply."""

    file: str
    address: str = ""  # the symbol, else the slug: where the page would live
    paragraphs: dict[str, int] = field(default_factory=dict)  # by kind
    notes: int = 0
    warnings: list[dict] = field(default_factory=list)  # {"kind", "line", "message"}
    error: str = ""

    @property
    def found(self) -> bool:
        """Whether there is anything to report (a warning or an error)."""
        return bool(self.warnings or self.error)


def examine(source: Source) -> Report:
    """Read one source as the build does and keep only the figures (runs in a worker).

    A crash is reported on its document like an error: one unexpected file
    must not hide what the check found in the others.
    """
    report = Report(str(source.path))
    try:
        outcome = read_source(source)
    except Exception as exc:
        report.error = f"the builder crashed reading this document ({type(exc).__name__}: {exc}); please report it"
        return report
    report.warnings = [{"kind": w.kind, "line": w.place.line, "message": w.message} for w in outcome.warnings]
    if outcome.error is not None:
        report.error = _one_line(outcome.error)
        return report
    doc = outcome.doc
    report.address = doc.meta.symbol or page_address(doc.path)
    report.paragraphs = dict(Counter(p.kind for p in doc.paragraphs()))
    report.notes = len(doc.notes)
    return report


def _one_line(error: InputError) -> str:
    where = f"line {error.place.line}: " if error.place.line else ""
    return where + error.message


def map_sources(work: Callable[[Source], T], sources: Sequence[Source]) -> list[T]:
    """`work(source)` for every source, in order, on all cores when there is enough to share.

    The same split as `builder.build.read_all`: one worker per 16 documents at
    most, chunks small enough to keep every core busy to the end.
    """
    workers = min(os.cpu_count() or 1, max(1, len(sources) // 16))
    if workers < 2:
        return [work(s) for s in sources]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(work, sources, chunksize=max(1, len(sources) // (workers * 16))))


def check(folder: Path) -> list[Report]:
    """A report for every source of `folder`, in source order; a missing folder is an `InputError`."""
    reports = map_sources(examine, discover(folder))
    _shared_addresses(reports)
    return reports


def _shared_addresses(reports: list[Report]) -> None:
    """Two documents with one symbol or slug: the build refuses the second, so the check says so."""
    owners: dict[str, str] = {}
    for report in reports:
        if report.error or not report.address:
            continue
        if report.address in owners:
            report.error = f"{report.address} is already the address of {owners[report.address]}"
        else:
            owners[report.address] = report.file


def order_kinds(kinds: Iterable[str]) -> list[str]:
    known = [k for k in KINDS if k in kinds]
    return known + sorted(set(kinds) - set(KINDS))


def _paragraph_counts(counts: dict[str, int] | Counter) -> str:
    parts = [f"{k} {counts[k]}" for k in order_kinds(counts)]
    return ", ".join(parts) if parts else "no paragraphs"


def _listing(warnings: list[dict], with_kind: bool = False) -> str:
    def one(w: dict) -> str:
        where = f"line {w['line']}" if w["line"] else "header"
        kind = f"[{w['kind']}] " if with_kind else ""
        return f"{where}: {kind}{w['message']}"

    return "; ".join(one(w) for w in warnings)


def document_line(report: Report) -> str:
    """One line per document: file, address, paragraphs by kind, then each class of problem."""
    head = f"{report.file}: {report.address or '?'}"
    if report.error:
        return f"{head}: ERROR {report.error}" + (f" | warnings: {len(report.warnings)}" if report.warnings else "")
    pieces = [_paragraph_counts(report.paragraphs) + f", notes {report.notes}"]
    groups = [
        ("numbering", is_numbering),
        ("unreferenced notes", lambda k: k == UNREFERENCED),
        ("markers without a note", lambda k: k == MISSING),
    ]
    for title, predicate in groups:
        chosen = [w for w in report.warnings if predicate(w["kind"])]
        if chosen:
            pieces.append(f"{title} {len(chosen)} ({_listing(chosen, with_kind=title == 'numbering')})")
    other = [w for w in report.warnings if not _counted(w["kind"])]
    if other:
        pieces.append(f"other {len(other)} ({_listing(other, with_kind=True)})")
    return f"{head}: " + " | ".join(pieces)


def _counted(kind: str) -> bool:
    return is_numbering(kind) or kind in (UNREFERENCED, MISSING)


@dataclass
class Summary:
    """Corpus totals: what the last three lines say."""

    documents: int
    errors: int
    paragraphs: Counter
    numbering: Counter  # by kind: paragraphs, sub-paragraphs, ...
    unreferenced: int
    missing: int
    other: Counter

    @classmethod
    def of(cls, reports: list[Report]) -> Summary:
        paragraphs: Counter = Counter()
        for r in reports:
            paragraphs.update(r.paragraphs)
        kinds = Counter(w["kind"] for r in reports for w in r.warnings)
        return cls(
            documents=len(reports),
            errors=sum(1 for r in reports if r.error),
            paragraphs=paragraphs,
            numbering=Counter({k: v for k, v in kinds.items() if is_numbering(k)}),
            unreferenced=kinds[UNREFERENCED],
            missing=kinds[MISSING],
            other=Counter({k: v for k, v in kinds.items() if not _counted(k)}),
        )

    def lines(self, reported: int, seconds: float) -> list[str]:
        total = sum(self.paragraphs.values())
        others = ", ".join(f"{k} {v}" for k, v in sorted(self.other.items()))
        by_kind = ", ".join(f"{k} {v}" for k, v in sorted(self.numbering.items()))
        by_kind = f" ({by_kind})" if len(self.numbering) > 1 else ""
        return [
            f"check: documents read {self.documents}, errors {self.errors}, "
            f"documents with findings {reported} ({seconds:.1f} s)",
            f"check: {total} paragraphs ({_paragraph_counts(self.paragraphs)})",
            f"check: numbering gaps {self.numbering.total()}{by_kind}, unreferenced notes {self.unreferenced}, "
            f"markers without a note {self.missing}" + (f"; other warnings: {others}" if others else ""),
        ]


def write_json(path: Path, reports: list[Report], summary: Summary) -> None:
    """Per-document figures for scripts (and the totals), as the report lines give them."""
    data = {
        "summary": {
            "documents": summary.documents,
            "errors": summary.errors,
            "paragraphs": dict(summary.paragraphs),
            "numbering": summary.numbering.total(),
            "numbering_by_kind": dict(summary.numbering),
            "unreferenced_notes": summary.unreferenced,
            "markers_without_note": summary.missing,
            "other_warnings": dict(summary.other),
        },
        "documents": [asdict(r) for r in reports],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def run(sources: Path, show_all: bool = False, strict: bool = False, json_path: Path | None = None) -> int:
    """The `check` command: print the report, return the exit code (1 only with --strict and findings)."""
    started = time.perf_counter()
    try:
        reports = check(sources)
    except InputError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    if not reports:
        print(InputError(Place(sources), NO_SOURCES).render(), file=sys.stderr)
        return 1
    reported = [r for r in reports if r.found]
    for report in reports if show_all else reported:
        print(document_line(report))
    summary = Summary.of(reports)
    if json_path is not None:
        write_json(json_path, reports, summary)
    for line in summary.lines(len(reported), time.perf_counter() - started):
        print(line)
    return 1 if strict and reported else 0
