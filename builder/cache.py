"""The build cache: work whose inputs did not change is not done again.

Each stage keeps its own store, keyed on exactly what its result depends on:

- `read`: a document's model, words, warnings or error, under its source
  bytes, its metadata file's bytes, its name and the builder's own code
  (`source_key`);
- `link`: the links one document found, under its read key and the
  instrument registry, with the corpus symbols it looked up and what each
  resolved to (the entry is used only while every one resolves the same way:
  a document added, removed or renumbered elsewhere relinks exactly the
  documents that cite it);
- `page`: a document's page and its conservation verdict, under its read
  key, its links, the places citing it and the names of their documents;
- `search`: the search files, under every document's read and link keys;
- `data`: a document's open-data files and its pieces of the corpus downloads
  (`builder.data.files`, which keys them);
- `corpus`: the pages made from the whole corpus (home, browse, glossary)
  and the nav, under every document's metadata and the instruments' mentions.

A long-lived cache (`make serve` keeps one across rebuilds) keeps entries in
memory; any cache given a folder keeps them as pickles under
`<build>/cache/<store>/`, so a later run (a CI job that restored the folder)
starts warm. A cache of one build keeps none in memory: that would hold every
page and data file of the build until its end (at 4,000 documents, gigabytes).
A missing or unreadable entry is simply a miss; `prune` drops the entries a
build no longer used, so the folder stays the size of one build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from builder.linkcheck import Memo
from builder.sources import Source

_PACKAGE = Path(__file__).resolve().parent
STORES = ("read", "link", "page", "search", "corpus", "data")


@cache
def code_version() -> str:
    """A digest of the builder's source, so a new builder never reuses old results."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts: bytes | str) -> str:
    """A key made of `parts` (and the builder's code)."""
    out = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        out.update(len(data).to_bytes(8, "little"))
        out.update(data)
    return out.hexdigest()


def value_digest(value) -> str:
    """A digest of plain data (dataclasses of strings, numbers, lists, dicts): equal data, equal digest."""
    return hashlib.sha256(pickle.dumps(value, protocol=4)).hexdigest()


def source_key(source: Source, seen: dict | None = None) -> str:
    """The read key of a source. `seen` (kept by a long-lived caller) skips hashing files whose
    size and modification time are those it hashed last."""
    files = [source.path] if source.meta_path is None else [source.path, source.meta_path]
    stamp = None
    if seen is not None:
        stamp = (
            tuple(p.name for p in source.set_aside),
            *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files),
        )
        if stamp in seen:
            return seen[stamp]
    meta = source.meta_path.read_bytes() if source.meta_path is not None else b""
    names = "\0".join(p.name for p in [source.path, *source.set_aside])
    key = digest(names, source.path.read_bytes(), meta)
    if seen is not None:
        seen[stamp] = key
    return key


class Store:
    """One stage's entries: in memory when `keep`, and on disk under `folder` when it is given."""

    def __init__(self, folder: Path | None, keep: bool = True) -> None:
        self.folder = folder
        self.keep = keep
        self.memory: dict[str, object] = {}
        self.used: set[str] = set()
        self.hits = 0
        self.on_disk: set[str] | None = None  # the entries under `folder`, once listed (see `prune`)

    def get(self, key: str):
        self.used.add(key)
        if key in self.memory:
            self.hits += 1
            return self.memory[key]
        if self.folder is None:
            return None
        try:
            with (self.folder / key[:2] / key).open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, TypeError):
            return None
        if self.keep:
            self.memory[key] = value
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        self.used.add(key)
        if self.keep:
            self.memory[key] = value
        if self.folder is None:
            return
        path = self.folder / key[:2] / key
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{key}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        if self.on_disk is not None:
            self.on_disk.add(key)

    def prune(self) -> None:
        """Forget every entry this build did not use (in memory and on disk); start counting afresh."""
        self.memory = {k: v for k, v in self.memory.items() if k in self.used}
        if self.folder is not None and self.folder.is_dir():
            # The folder is listed once; later prunes know its entries (a long-lived cache, `make serve`,
            # prunes after every rebuild: listing thousands of files each time was most of an edit's cost).
            if self.on_disk is None:
                self.on_disk = {path.name for path in self.folder.glob("*/*")}
            for key in self.on_disk - self.used:
                (self.folder / key[:2] / key).unlink(missing_ok=True)
            self.on_disk &= self.used
        self.used = set()
        self.hits = 0


class BuildCache:
    """The stores of one build folder (`folder` None: memory only, for this process)."""

    def __init__(self, folder: Path | None, long_lived: bool = False) -> None:
        self.folder = folder
        self.long_lived = long_lived
        for name in STORES:
            setattr(self, name, Store(folder / name if folder is not None else None, keep=long_lived))
        self.written: dict[str, str] = {}  # page → text this process last wrote (see `build.Output`)
        self.last_search: dict[str, str] = {}  # the search files last made
        self.prints: dict[str, str] = {}  # read key → digest of the document's anchors (see `build._target`)
        # A long-lived cache (`make serve`) remembers each source's key by its size and time (see `source_key`).
        self.stamps: dict | None = {} if long_lived else None
        self.link_memo: Memo | None = Memo() if long_lived else None  # what the link check read and found
        self.kept: dict[str, object] = {}  # what a stage keeps in memory from build to build, by stage

    def prune(self) -> None:
        for name in STORES:
            getattr(self, name).prune()


class ReadCache(Store):
    """The read store alone (kept for callers of the earlier single-store cache)."""
