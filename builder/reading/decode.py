"""Bytes to lines: encoding detection and line-end normalisation.

Guarantees to the next stage: a list of `Line`s of Unicode text, numbered as
in the file, with no BOM and no CR characters. Undecodable input is an
`InputError` naming the file; a non-UTF-8 file that can be read is a warning.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from builder.errors import Diagnostics, InputError, Place
from builder.reading.state import Line

MAX_BYTES = 50 * 1024 * 1024


def decode(path: Path, raw: bytes, diagnostics: Diagnostics) -> str:
    """Decode a source file, accepting UTF-8 (with or without BOM) and UTF-16 with BOM."""
    place = Place(path)
    if not raw.strip():
        raise InputError(place, "the file is empty", "a source document needs its text")
    if len(raw) > MAX_BYTES:
        raise InputError(place, f"the file is {len(raw)} bytes, over the {MAX_BYTES}-byte limit")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(place, f"bad UTF-16 text at byte {exc.start}") from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if b"\x00" in raw[:4096] or _looks_binary(raw):
            raise InputError(
                Place(path, line),
                "this is not a text file (binary content)",
                "give the builder the document's text, e.g. from a PDF text extractor",
            ) from None
        diagnostics.warn("encoding", "the file is not UTF-8; read it as Windows-1252/Latin-1", line)
        return raw.decode("cp1252", errors="replace") if _cp1252_ok(raw) else raw.decode("latin-1")


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def _cp1252_ok(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def split_lines(text: str) -> list[Line]:
    """Split on LF, CRLF or CR alike, numbering lines from 1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(t, n) for n, t in enumerate(text.split("\n"), start=1)]
