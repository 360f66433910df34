"""Ids are a public contract: re-wrapping a source or re-encoding its notes never moves them."""

from __future__ import annotations

import re
import textwrap

import pytest
from conftest import SOURCES, corpus_files, read_text

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PLAIN = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def fingerprint(doc):
    """What must not change: every id with its paragraph's text and note references."""
    paras = [(p.anchor, p.content.text, [(r.label, r.ref_id) for r in p.content.refs]) for p in doc.paragraphs()]
    notes = [(n.note_id, n.content.text, n.ref_ids) for n in doc.notes]
    return paras, notes, [h.anchor for h in doc.headings()]


def rewrap(text: str, width: int) -> str:
    """Hard-wrap every long line, as a PDF text extractor does."""
    out = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(out)


@pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("width", [50, 83])
def test_rewrapping_keeps_every_id(path, width):
    text = path.read_text(encoding="utf-8")
    before = fingerprint(read_text(text)[0])
    after = fingerprint(read_text(rewrap(text, width))[0])
    assert after == before


def _reencode(text: str, style: str) -> str:
    """Write every `<sup>n</sup>` and superscript-digit marker in another form."""

    def swap(m: re.Match[str]) -> str:
        digits = m.group(1) or m.group(2).translate(PLAIN)
        if style == "html":
            return f"<sup>{digits}</sup>"
        if style == "latex":
            return f"$^{{{digits}}}$"
        return digits.translate(SUPERSCRIPT)

    return re.sub(r"<sup>(\d+)</sup>|(?<![\d\w])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", swap, text)


# Each document re-encoded into the marker forms it does not already use
# (001 writes <sup>n</sup>; the others superscript digits).
REENCODINGS = [("001", "unicode"), ("001", "latex")] + [
    (p, st) for p in ("000", "002", "003", "004") for st in ("html", "latex")
]


@pytest.mark.parametrize(("prefix", "style"), REENCODINGS)
def test_reencoding_note_markers_keeps_every_id(prefix, style):
    path = next(SOURCES.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    recoded = _reencode(text, style)
    assert recoded != text, "the markers really were re-encoded"
    before = fingerprint(read_text(text)[0])
    after = fingerprint(read_text(recoded)[0])
    assert after == before


@pytest.mark.parametrize("path", corpus_files(step=97), ids=lambda p: p.name)
def test_unwrapping_raw_pdf_text_keeps_every_id(path):
    """Raw PDF text joined into one line per paragraph reads the same."""
    text = path.read_text(encoding="utf-8")
    unwrapped = re.sub(r"(?<=[a-z,;])[ \t]*\n(?=[a-z])", " ", text)
    assert unwrapped != text
    assert [p.anchor for p in read_text(unwrapped)[0].paragraphs()] == [
        p.anchor for p in read_text(text)[0].paragraphs()
    ]
