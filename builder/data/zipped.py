"""`documents.zip` from entries deflated one by one, so an unchanged document is never compressed again.

`zipfile` compresses every member when the archive is written: 2 s at 1,180
documents, on every build. Here each `document.json` is deflated once, where
it is made (on a worker, cached with the document's other files: `entry`),
and `archive` lays the entries out as `zipfile` would have written them,
byte for byte (the same local headers, central directory and end record:
entries sorted, timestamps 1980-01-01, Unix permissions 0644, deflate level 6,
no data descriptor, UTF-8 flag on a non-ASCII name). Hand-written because
`zipfile` has no way to add an entry compressed elsewhere; tests compare the
bytes with `zipfile`'s.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass

LEVEL = 6
_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_DATE = (_TIME[0] - 1980) << 9 | _TIME[1] << 5 | _TIME[2]
_DOS_TIME = _TIME[3] << 11 | _TIME[4] << 5 | _TIME[5] // 2
_VERSION = 20  # zipfile's DEFAULT_VERSION: deflate, no zip64
_UNIX = 3
_MODE = 0o644 << 16
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1  # past it (or past 65,535 entries) zipfile writes zip64: left to zipfile


@dataclass(frozen=True)
class Entry:
    """One member: its name, the CRC-32 and size of its content, and the content deflated."""

    name: str
    crc: int
    size: int
    deflated: bytes


def entry(name: str, content: bytes) -> Entry:
    """`content` deflated as `zipfile` does it (raw deflate, level 6, one write then a flush)."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Entry(name, zlib.crc32(content), len(content), compressor.compress(content) + compressor.flush())


def _name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def archive(entries: list[Entry]) -> bytes:
    """The zip archive of `entries`, sorted by name: the bytes `zipfile` writes for them."""
    entries = sorted(entries, key=lambda e: e.name)
    total = sum(len(e.deflated) + len(e.name) * 4 + 100 for e in entries)
    if len(entries) >= 0xFFFF or total > _LIMIT or any(e.size * 1.05 > _LIMIT for e in entries):
        return _with_zipfile(entries)
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        name, flags = _name(e.name)
        header = struct.pack(
            "<4s2B4HL2L2H", b"PK\003\004", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
            e.crc, len(e.deflated), e.size, len(name), 0,
        )  # fmt: skip
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\001\002",
                _VERSION,
                _UNIX,
                _VERSION,
                0,
                flags,
                zipfile.ZIP_DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                e.crc,
                len(e.deflated),
                e.size,
                len(name),
                0,
                0,
                0,
                0,
                _MODE,
                offset,
            )
            + name
        )
        local += (header, name, e.deflated)
        offset += len(header) + len(name) + len(e.deflated)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(local) + directory + end


def _with_zipfile(entries: list[Entry]) -> bytes:
    """An archive too big for the plain layout: `zipfile` writes it (zip64), compressing again."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for e in entries:
            info = zipfile.ZipInfo(e.name, date_time=_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _MODE
            out.writestr(info, zlib.decompress(e.deflated, -15), compresslevel=LEVEL)
    return buffer.getvalue()
