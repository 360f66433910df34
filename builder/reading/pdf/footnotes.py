"""Notes from the lines below a page's notes rule.

Guarantees to the next step: each note printed at a page foot is one
`PendingNote` — its label, its lines in order — a note whose text runs on to
the next page's foot continuing the same note. A note starts only at a line
that begins with a superscript label (or a `*`, which reissue notes print at
text size): a line that begins with plain digits ("2 October 2015, affirming
...") goes on with the note before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.reading.pdf.lines import PrintedLine
from builder.reading.state import MARKER_RE

_STAR_NOTE = re.compile(r"^(\*{1,3})\s+(?=\S)")


@dataclass
class PendingNote:
    label: str
    lines: list[PrintedLine] = field(default_factory=list)
    first_text: str = ""  # the first line's text, less its label
    position: int = 0  # index of the break block of the page it starts on


def split_notes(lines: list[PrintedLine], notes: list[PendingNote]) -> list[PrintedLine]:
    """Append one page's notes to `notes` (a continuation to the note before).

    Returns the lines that begin the notes area without a label when there is
    no note before them to continue: not a note, so the caller keeps them as text.
    """
    orphans: list[PrintedLine] = []
    for line in lines:
        label, text = _label(line)
        if label:
            notes.append(PendingNote(label, [line], text))
        elif notes:
            notes[-1].lines.append(line)
        else:
            orphans.append(line)
    return orphans


def _label(line: PrintedLine) -> tuple[str, str]:
    """The note label a line starts with and the text after it; ("", "") if none."""
    if line.lead_label:
        m = MARKER_RE.match(line.text)
        if m:
            return m.group(1), line.text[m.end() :].lstrip()
    m = _STAR_NOTE.match(line.text)
    if m:
        return m.group(1), line.text[m.end() :]
    return "", ""
