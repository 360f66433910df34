"""Line clean-up rules: characters that are not text.

Guarantees to the next stage: no control or private-use characters (so the
builder's own tokens cannot be forged by a source), no soft hyphens, tabs
turned into spaces, no trailing white space; a hyphen pdfium marked as ending
a line is a hyphen. (What extractors do to words: `builder.reading.extracted`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from builder.reading.state import ReadState, Ruler

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u00ad\ue000-\uf8ff\ufeff\u200b]")


# pdfium's marks for a hyphen that ended a printed line (the PDF front end reads them too).
PDFIUM_HYPHENS = {"\x02": "-", "\ufffe": "-"}
_PDFIUM_HYPHENS = str.maketrans(PDFIUM_HYPHENS)


def pdfium_hyphens(state: ReadState) -> None:
    """pdfium writes a hyphen that ended a printed line as U+0002 (or U+FFFE) and joins the line to the
    next (`the Secretary\x02General to`, pypdfium2's text): the hyphen was printed, and it is kept, as
    the PDF front end keeps it (`builder.reading.pdf.extract`). Dropped as a control character, it
    glued the words (`SecretaryGeneral`, `capacitybuilding`)."""
    for line in state.lines:
        if any(mark in line.text for mark in PDFIUM_HYPHENS):
            line.text = line.text.translate(_PDFIUM_HYPHENS)


def strip_controls(state: ReadState) -> None:
    """Drop control characters, zero-width marks and private-use code points."""
    for line in state.lines:
        # `isprintable` (one pass in C) is true of most lines and of none holding such a character
        if not line.text.isprintable() and _CONTROL.search(line.text):
            line.text = _CONTROL.sub("", line.text)


def tabs_to_spaces(state: ReadState) -> None:
    for line in state.lines:
        if "\t" in line.text:
            line.text = line.text.replace("\t", " ")


def trailing_space(state: ReadState) -> None:
    for line in state.lines:
        line.text = line.text.rstrip()


def text_width(texts: Iterable[str]) -> int:
    """The width the text's lines run to: the 90th percentile of their lengths (the longest lines, past a
    few over-long ones), 0 for no text. Rules that ask whether a line runs to the margin share it."""
    lengths = sorted(len(text) for text in texts if text)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


LINE_RULES = Ruler(
    "lines",
    [
        ("pdfium_hyphens", pdfium_hyphens),
        ("strip_controls", strip_controls),
        ("tabs_to_spaces", tabs_to_spaces),
        ("trailing_space", trailing_space),
    ],
)
