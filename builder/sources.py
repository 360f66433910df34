"""Finding source documents and their optional metadata files.

A source is a text file (`.txt`, or Markdown: `.md`, `.markdown`) or an
official PDF (`.pdf`); its metadata file, if any, sits beside it with the same
name and a `.yml` or `.yaml` ending. The metadata file adds or corrects what
the text lacks; an unknown key is a warning, malformed YAML an error naming the
line. Where a folder holds the same document as PDF and as text (same name),
the PDF is read and the text is reported as set aside.

A document's identity comes from its metadata, its masthead, or a file name
that is a UN symbol written with `_` for `/` (`A_RES_80_1.txt` is
A/RES/80/1; see `builder.reading.masthead`) — never from symbols its body
cites; with none of these, its page lives at a slug of the file name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from builder.errors import Diagnostics, InputError, Place
from builder.model import Metadata

_LIST_KEYS = {"sponsors"}
_KEYS = {f.name for f in fields(Metadata)} - {"source", "masthead_text", "masthead_lines", "field_refs"}
_SYMBOL_SAFE = re.compile(r"[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+")
_SLUG_SAFE = re.compile(r"[a-z0-9][a-z0-9\-]{0,99}")
RESERVED = {"browse", "assets", "search", "glossary", "index", "404"}


TEXT_SUFFIXES = (".txt", ".md", ".markdown")
PDF_SUFFIX = ".pdf"
SUFFIXES = (PDF_SUFFIX, *TEXT_SUFFIXES)  # in order of preference for one document
# A folder's own notes (README.md, CHANGELOG.md) and hidden files are not documents.
_NOT_A_DOCUMENT = re.compile(r"^(?:\.|(?:README|CHANGELOG|CHANGES|LICENSE|CONTRIBUTING)(?:\.\w+)?$)", re.IGNORECASE)
NO_SOURCES = "no source documents (.txt, .md, .markdown or .pdf) found"


@dataclass
class Source:
    path: Path
    meta_path: Path | None
    set_aside: list[Path] = field(default_factory=list)  # other forms of the same document, not read


def discover(folder: Path) -> list[Source]:
    """Every document under `folder` (text, Markdown or PDF), in a stable (sorted) order.

    Files that differ only in their ending are one document: the PDF is read
    (its text is the printed page itself), else the first of `.txt`, `.md`,
    `.markdown`.
    """
    if not folder.is_dir():
        raise InputError(Place(folder), "the sources folder does not exist", "pass SOURCES=<folder>")
    forms: dict[Path, list[Path]] = {}
    names: dict[Path, set[str]] = {}  # folder → every name in it
    for path in sorted(_files(folder, names)):
        if path.suffix.lower() in SUFFIXES and not _NOT_A_DOCUMENT.match(path.name):
            forms.setdefault(path.with_suffix(""), []).append(path)
    out = []
    for stem, paths in sorted(forms.items()):
        paths.sort(key=lambda p: SUFFIXES.index(p.suffix.lower()))
        there = names[stem.parent]
        candidates = (stem.with_suffix(".yml"), stem.with_suffix(".yaml"))
        meta = next((p for p in candidates if p.name in there and p.exists()), None)
        out.append(Source(paths[0], meta, paths[1:]))
    return out


def _files(folder: Path, names: dict[Path, set[str]]) -> list[Path]:
    """Every file under `folder`, as `Path.rglob("*")` and `is_file()` find them (symlinked
    folders are not entered), from one listing per folder rather than a stat per file: a
    rebuild under `make serve` discovers the whole corpus on every edit. `names` gets each
    folder's names."""
    found: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except PermissionError:  # as rglob: a folder it cannot list has no files
        return found
    names[folder] = {entry.name for entry in listed}
    for entry in listed:
        path = folder / entry.name
        if entry.is_dir() and not entry.is_symlink():
            found.extend(_files(path, names))
        elif entry.is_file():
            found.append(path)
    return found


def read_yaml(path: Path, what: str):
    """A YAML file's data; malformed YAML is an `InputError` at the line and column it breaks."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise InputError(Place(path, line, column), f"{what} is not valid YAML: {problem}") from None


def load_metadata(source: Source, diagnostics: Diagnostics) -> Metadata:
    meta = Metadata(source=source.path)
    if source.meta_path is None:
        return meta
    apply_metadata(meta, read_yaml(source.meta_path, "metadata"), Place(source.meta_path, 1), diagnostics)
    return meta


def apply_metadata(meta: Metadata, data: object, place: Place, diagnostics: Diagnostics) -> None:
    """Set the fields a metadata mapping gives (a `.yml` file, a Markdown file's front matter).

    Fields already set are kept: the metadata file is applied first and wins.
    """
    if data is None:
        return
    if not isinstance(data, dict):
        raise InputError(place, "metadata must be a mapping of keys to values")
    for key, value in data.items():
        if key not in _KEYS:
            diagnostics.warn("metadata-key", f"unknown metadata key {key!r} in {place.path.name} (ignored)", place.line)
            continue
        if key in _LIST_KEYS:
            value = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        else:
            value = "" if value is None else str(value)
        if not getattr(meta, key):
            setattr(meta, key, value)


def page_path(meta: Metadata) -> str:
    """The Markdown file of a document: its symbol as undocs.org spells it, else its slug.

    `A/C.3/61/L.7/Rev.1` → `A/C.3/61/L.7/Rev.1.md`, served at `A/C.3/61/L.7/Rev.1/`.
    """
    if meta.symbol:
        if not _SYMBOL_SAFE.fullmatch(meta.symbol) or any(p in (".", "..") for p in meta.symbol.split("/")):
            raise InputError(
                Place(meta.source),
                f"symbol {meta.symbol!r} has characters that are unsafe in a web address",
                "a UN symbol is letters, digits, dots and hyphens between slashes (A/C.3/61/L.7/Rev.1)",
            )
        return meta.symbol + ".md"
    slug = meta.slug or slugify(meta.source.stem)
    if not _SLUG_SAFE.fullmatch(slug) or slug in RESERVED:
        raise InputError(
            Place(meta.source),
            f"slug {slug!r} cannot be a page address",
            "use lower-case letters, digits and hyphens, not one of: " + ", ".join(sorted(RESERVED)),
        )
    return slug + ".md"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100] or "document"
