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
    utf16 = _utf16_without_bom(raw)
    if utf16:
        diagnostics.warn("encoding", f"the file is UTF-16 ({utf16}) without a byte-order mark; read it as such")
        try:
            return raw.decode(utf16)
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
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: Latin-1 reads them
            return raw.decode("latin-1")


def _utf16_without_bom(raw: bytes) -> str:
    """ "utf-16-le"/"utf-16-be" when every other byte is NUL, as in ASCII text in UTF-16."""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return ""


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def split_lines(text: str) -> list[Line]:
    """Split on LF, CRLF or CR alike, numbering lines from 1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(t, n) for n, t in enumerate(text.split("\n"), start=1)]
