"""Printed lines from text runs: baselines, word spaces, note markers, italics.

Guarantees to the next step: each page's runs are grouped into `PrintedLine`s
top to bottom, each with its baseline, left and right edge, body size and
text; in the text a raised or smaller digit run (or `*`) is a `marker(label)`
token — `2019,⁶` and `March 2011⁴` give a marker after the printed digits, never
inside them — and italic runs are wrapped in EM_OPEN/EM_CLOSE. Word spaces
come from the run's own spaces, or from a gap between runs.

Hand-written geometry: no library groups PDF glyph runs into lines with
superscripts attached (pdfium's own text order breaks a line at every
raised marker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.reading.pdf.extract import Run
from builder.reading.state import EM_CLOSE, EM_OPEN, MARK_CLOSE, MARK_OPEN, MARKER_RE, marker

# A superscript is at most this fraction of the line's body size, or raised
# by at least this fraction of it (measured: 6.5 pt markers on 10 pt text,
# raised 3.5 pt).
SMALL = 0.8
RAISED = 0.2
# Word spaces are nearly always printed; a gap between runs wider than this
# fraction of the size is a space too (letters of one word, split into runs
# by kerning, stand at most 0.2 apart).
WORD_GAP = 0.3
# A gap this many times the size parts table columns; the gap after a
# paragraph's label ("1.", "(a)", "IV.") of up to _LABEL_CHARS is a tab, not a column.
COLUMN_GAP = 1.5
_LABEL_CHARS = 6
_OUTSIDE_EMPHASIS = re.compile(r"[\s.,;:]*")
_MARKER_TEXT = re.compile(r"^[\s,]*(?:(?:\d{1,3}|\*{1,3})[\s,]*)+$")
_LABEL = re.compile(r"\d{1,3}|\*{1,3}")
_SPACES = re.compile(r"\s+")
# A star glued to a word, printed at text size (the star glyph is raised by
# itself): `A/RES/78/68*`, `Palestine:**`.
_STARS_AFTER_WORD = re.compile(r"(?<=[\w.,;:)\]”’\"])\*{1,3}(?=\s|$|[,;.:)])")


@dataclass
class PrintedLine:
    """One printed line of a page, its text with marker and emphasis tokens."""

    page: int
    baseline: float
    left: float
    right: float
    size: float
    text: str
    runs: list[Run] = field(default_factory=list)
    bold: bool = False
    artifact: bool = False
    lead_label: str = ""  # a superscript label the line starts with (a note's number)
    first_cell: str = ""  # the plain text before the first tab-wide gap ("1.", "II.", "Annex")
    columns: list[float] = field(default_factory=list)  # where cells after column-wide gaps start
    number: int = 0  # the line's number counted through the document

    plain: str = field(init=False)  # the text without tokens, markers read as their labels (as printed)

    def __post_init__(self) -> None:
        self.plain = MARKER_RE.sub(lambda m: m.group(1), self.text).replace(EM_OPEN, "").replace(EM_CLOSE, "")


_TOKENS = {EM_OPEN, EM_CLOSE, MARK_OPEN, MARK_CLOSE}


def group_lines(page: int, runs: list[Run]) -> list[PrintedLine]:
    """Runs to lines, top to bottom; a run joins the line whose baseline is near its own
    unless it stands over or under a run already on that line."""
    clusters: list[list[Run]] = []
    anchor: list[Run] = []  # the largest run of each cluster: its baseline is the line's
    for run in sorted(runs, key=lambda r: (r.baseline, r.x)):
        if clusters:
            ref = anchor[-1]
            near = run.baseline - ref.baseline <= 0.45 * max(run.size, ref.size)
            if near and not any(_overlap(run, other) for other in clusters[-1]):
                clusters[-1].append(run)
                if run.text.strip() and (run.size > ref.size or not ref.text.strip()):
                    anchor[-1] = run
                continue
        clusters.append([run])
        anchor.append(run)
    lines = [_line(page, sorted(c, key=lambda r: r.x)) for c in clusters if any(r.text.strip() for r in c)]
    return [line for line in lines if line.text]


def _overlap(a: Run, b: Run) -> bool:
    """Do two runs share more than a sliver of their width? (Runs of one line never do.)"""
    if not (a.text.strip() and b.text.strip()):
        return False
    return min(a.right, b.right) - max(a.left, b.left) > 0.25 * min(a.size, b.size)


def _body_size(runs: list[Run]) -> float:
    weight: dict[float, int] = {}
    for run in runs:
        weight[run.size] = weight.get(run.size, 0) + len(run.text.strip())
    return max(weight, key=lambda s: (weight[s], s))


def is_superscript(run: Run, size: float, baseline: float) -> bool:
    return run.size <= SMALL * size or baseline - run.baseline >= RAISED * size


def _line(page: int, runs: list[Run]) -> PrintedLine:
    size = _body_size(runs)
    body = [r for r in runs if r.size == size and r.text.strip()]
    baseline = sorted(r.baseline for r in body)[len(body) // 2]
    parts: list[str] = []
    lead_label = ""
    previous: Run | None = None
    text_before: Run | None = None  # the last run of words read (not markers, nor a comma between them)
    owed = False  # a word space taken from before a marker, due after it
    italic = False
    first_cell = ""
    columns: list[float] = []
    for i, run in enumerate(runs):
        if previous is not None and run.x - previous.right > size:
            if (first_cell or len(_tidy("".join(parts))) > _LABEL_CHARS) and run.x - previous.right > COLUMN_GAP * size:
                columns.append(run.x)
            if not first_cell:
                first_cell = _tidy("".join(parts))
        text = _SPACES.sub(" ", run.text)
        if text == " ":  # a space printed on its own
            if parts and not parts[-1].endswith(" "):
                parts.append(" ")
            continue
        # Small against the line and against the text just before it: in a masthead line the
        # symbol (`A/RES/` `8` `0/149`, 10 pt) is small beside `United Nations` (14 pt) only.
        sup = is_superscript(run, size, baseline) and (
            text_before is None or is_superscript(run, text_before.size, text_before.baseline)
        )
        if sup and _MARKER_TEXT.match(text):
            labels = _LABEL.findall(text)
            if i == 0:
                lead_label = labels[0]
            if italic:
                parts.append(EM_CLOSE)
                italic = False
            # A marker set after the word space (`resolutions ³on`) keeps the words apart: the space moves after it;
            # so does one after a word's closing punctuation (`Human Rights,¹as well`, set tight on a justified line).
            owed = (_strip_trailing_space(parts) or owed or _after_punctuation(parts)) and not text.endswith(" ")
            parts.append("".join(marker(label) for label in labels) + (" " if text.endswith(" ") else ""))
            previous = run
            continue
        if owed and text[:1].isalnum():
            parts.append(" ")
        owed = False
        if previous is not None and not sup:
            _space(previous, run, size, parts)
        if run.italic != italic and not _inside_word(parts, text):
            # Emphasis opens at the first word, not at the space or full stop before it.
            lead = _OUTSIDE_EMPHASIS.match(text).end() if run.italic else len(text) - len(text.lstrip(" "))
            parts.append(text[:lead])
            text = text[lead:]
            parts.append(EM_OPEN if run.italic else EM_CLOSE)
            italic = run.italic
        parts.append(text)
        previous = run
        if not sup or any(ch.isalnum() for ch in text):  # not the comma between two markers
            text_before = run
    if italic:
        parts.append(EM_CLOSE)
    text = _STARS_AFTER_WORD.sub(lambda m: marker(m.group(0)), _tidy("".join(parts)))
    text = text.replace(MARK_CLOSE + "," + MARK_OPEN, MARK_CLOSE + MARK_OPEN)  # `*,**`: one cluster of markers
    return PrintedLine(
        page=page,
        baseline=baseline,
        left=min(r.x for r in runs),
        right=max(r.right for r in runs),
        size=size,
        text=text,
        runs=runs,
        bold=all(r.bold for r in runs if r.text.strip() and r.size == size),
        artifact=all(r.artifact for r in runs),
        lead_label=lead_label,
        columns=columns,
        first_cell=MARKER_RE.sub("", first_cell or text).replace(EM_OPEN, "").replace(EM_CLOSE, "").strip(),
    )


def _last_char(parts: list[str]) -> str:
    """The parts' last character, the tokens of markers and emphasis aside ("" when there is none)."""
    return next((c for part in reversed(parts) for c in reversed(part) if c not in _TOKENS), "")


def _after_punctuation(parts: list[str]) -> bool:
    """Do the parts end in punctuation that closes a word?"""
    return _last_char(parts) in _CLOSING


_CLOSING = frozenset(',;:.)”’"')


def _inside_word(parts: list[str], text: str) -> bool:
    """Does `text` go on with a word the parts end in? (Emphasis changes only between words.)"""
    return _last_char(parts).isalnum() and text[:1].isalnum()


def _strip_trailing_space(parts: list[str]) -> bool:
    """Take the spaces off the end of the parts; return whether there were any."""
    stripped = False
    while parts and parts[-1].endswith(" "):
        stripped = True
        parts[-1] = parts[-1].rstrip(" ")
        if parts[-1]:
            break
        parts.pop()
    return stripped


def _space(previous: Run, run: Run, size: float, parts: list[str]) -> None:
    """A space between two runs where the gap between them is as wide as one."""
    before = "".join(parts[-2:])
    gap = run.x - previous.right
    if (
        before
        and not before.endswith(" ")
        and not run.text.startswith(" ")
        and gap > WORD_GAP * min(size, previous.size)
    ):
        parts.append(" ")


def _tidy(text: str) -> str:
    """Spaces outside emphasis, none doubled, none at the ends; empty emphasis gone."""
    text = re.sub(f"{EM_OPEN}( *){EM_CLOSE}", r"\1", text)
    text = re.sub(f"( +){EM_CLOSE}", EM_CLOSE + " ", text)
    text = re.sub(f"{EM_OPEN}( +)", " " + EM_OPEN, text)
    text = re.sub(f"{EM_CLOSE}( *){EM_OPEN}", r"\1", text)
    return _SPACES.sub(" ", text).strip(" ")
