"""The read cache: an unchanged document is not parsed again.

A document's outcome (its model, page, words, warnings or error) is stored
under a key made of the source bytes, its metadata file's bytes and the
builder's own code, so editing a document, its metadata or the builder
invalidates exactly what it must. Entries are pickles in `<build>/cache/`;
a missing or unreadable entry is simply a miss.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

from builder.sources import Source

_PACKAGE = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """A digest of the builder's source, so a new builder never reuses old results."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_key(source: Source) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update("\0".join(p.name for p in [source.path, *source.set_aside]).encode())
    digest.update(source.path.read_bytes())
    if source.meta_path is not None:
        digest.update(source.meta_path.read_bytes())
    return digest.hexdigest()


class ReadCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0

    def get(self, key: str):
        if self.folder is None:
            return None
        try:
            with (self.folder / key[:2] / key).open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        path = self.folder / key[:2] / key
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
