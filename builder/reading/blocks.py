"""Grouping lines into blocks.

Guarantees to the next stage: `state.blocks` holds one `Block` per run of
non-blank lines, its text the lines joined with single spaces (a line ending
in a hyphen after a letter joins without one: `capacity-` + `building`), its
line number that of its first line; page breaks become "break" blocks and a
`_____` rule a "rule" block. A line that one of `starts.PARAGRAPH_STARTS`
says opens a paragraph starts a block of its own, blank line or not; a number
alone on its line is one block with the text after it, and a note number alone
on its line is the end of the line before. Below a notes rule each note is a
block, and a masthead printed without blank lines is one block per field.
"""

from __future__ import annotations

import re
from functools import lru_cache

from builder.reading import starts
from builder.reading.furniture import BREAK
from builder.reading.patterns import LONE_NUMBER, OPENING, RULE, search_end
from builder.reading.state import EM_OPEN, STRONG_OPEN, Block, Line, ReadState

# An asterism: `* * *` (`***` as pdftotext prints it, `\* \* \*` as Markdown writers escape it) or `⁂`,
# centred on a line of its own between two groups of paragraphs.
ASTERISM = re.compile(r"^\s*(?:(?:\\?\*\s*){3}|⁂)\s*$")
_SPACES = re.compile(r"\s+")
HYPHEN_END = re.compile(r"[^\W\d_]-$")  # `capacity-` / `building`: a word broken at the line end


_SUSPENDED = re.compile(r"(?:and|or|nor)\b")  # `small-` / `and medium-sized`: the hyphen waits for its word


def glue(before: str, after: str) -> str:
    """What joins two pieces of a paragraph's text a line end parted: nothing after a word's hyphen
    when a word goes on (`capacity-` / `building`, `Secretary-` / `General`: the hyphen is printed,
    UN texts break lines at hyphens only), unless that word is a conjunction; else a space."""
    if after[:1].isalpha() and search_end(HYPHEN_END, before, 2) and not _SUSPENDED.match(after):
        return ""
    return " "


def join_lines(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if "  " in part or not part.isprintable():  # else its only white space is single spaces already
            part = _SPACES.sub(" ", part)
        text = text + glue(text, part) + part if text else part
    return text


def _starts_paragraph(pending: list[str], line: str) -> bool:
    if not pending or (len(pending) == 1 and starts.LONE_ENUMERATOR.match(pending[0])):
        return False  # a number alone on its line belongs to the text after it
    return starts.opens_paragraph(pending, line)


_NOTE_LABEL = re.compile(r"^\s*(?:(\d{1,3})(?:\s+\S|$)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>|\*{1,3}\s)")


class _NoteArea:
    """Below a notes rule, up to the page break: each note starts a block, blank line or not.

    A line opening with a number starts a note only when the number is the
    next note's (`2 October 2015, affirming …` continues note 3).
    """

    def __init__(self) -> None:
        self.active = False
        self.last = 0

    def starts_note(self, line: str) -> bool:
        m = _NOTE_LABEL.match(line) if self.active else None
        if m is None:
            return False
        if m.group(1) is None:
            return True
        number = int(m.group(1))
        if self.last and number != self.last + 1:
            return False
        self.last = number
        return True


_BEFORE_MARKER = re.compile(r"[,;.:)”’\"]\s*$")  # after a word it may be a table cell


def _unspaced_masthead(lines: list[Line]) -> bool:
    """No blank line before the text starts: the masthead's fields run together."""
    for i, line in enumerate(lines):
        if starts.BODY.match(line.text) or starts.AMENDMENT.match(line.text):
            return True
        beside_break = BREAK in (lines[i - 1].text if i else "", lines[i + 1].text if i + 1 < len(lines) else "")
        if not line.text.strip() and not beside_break and line.text != BREAK:
            return False  # a blank line of the text's own (furniture leaves blanks around its breaks)
    return False


def group_blocks(state: ReadState) -> None:
    blocks: list[Block] = []
    pending: list[str] = []
    start = 0
    notes = _NoteArea()
    # Until the enacting formula, a numbered paragraph or an amendment's text, in a
    # masthead printed without blank lines (pypdfium2), each field is a block.
    masthead = _unspaced_masthead(state.lines)

    def flush() -> None:
        nonlocal pending
        if pending:
            blocks.append(Block(join_lines(pending), start, "text", pending[0].strip(), pending[-1].strip()))
            pending = []

    for line in state.lines:
        if line.text == BREAK:
            flush()
            blocks.append(Block("", line.number, "break"))
            notes.active = False
        elif RULE.match(line.text):
            flush()
            blocks.append(Block("", line.number, "rule"))
            notes.active = True
        elif ASTERISM.match(line.text):  # printed right under a paragraph's last line, it is not part of it
            flush()
            blocks.append(Block(line.text.strip(), line.number, "asterism"))
        elif not line.text.strip():
            flush()
        elif (
            pending
            and not (masthead or notes.active)
            and LONE_NUMBER.match(line.text)
            and _BEFORE_MARKER.search(pending[-1])
        ):
            pending[-1] = pending[-1].rstrip() + line.text.strip()  # `November 2024,` / `4`: the marker of that line
        else:
            if masthead and (starts.BODY.match(line.text) or starts.AMENDMENT.match(line.text)):
                masthead = False
                flush()
            field = masthead and bool(starts.MASTHEAD_FIELD.match(line.text))
            if field or notes.starts_note(line.text) or _starts_paragraph(pending, line.text):
                flush()
            if not pending:
                start = line.number
            pending.append(line.text)
            if field:
                flush()
    flush()
    state.blocks = blocks


# Where a paragraph may end: a clause's last punctuation after a word, a bracket or a quote (not `para. 5.`,
# `No. 5.`, `art. 5.`: a reference's number is not a paragraph's).
_ENDS_BEFORE = r"(?<=[\w)”’\"][.;:])(?<![Pp]ara\.)(?<![Pp]aras\.)(?<!No\.)(?<!art\.)(?<!chap\.)(?<!sect\.)(?<!vol\.)"


@lru_cache(maxsize=512)
def _run_on_number(number: int) -> re.Pattern[str]:
    return re.compile(rf"{_ENDS_BEFORE} {number} ?\. (?=[A-Z“\"{EM_OPEN}{STRONG_OPEN}])")


def _prints_number(text: str, number: int) -> bool:
    """A quick test before `_run_on_number`'s: the number as a paragraph's, anywhere in the text."""
    return f" {number}. " in text or f" {number} . " in text


def run_on_paragraphs(state: ReadState) -> None:
    """`… against Hunger and Poverty. 30. We reaffirm …`: a converter (pymupdf4llm) may run a numbered
    paragraph on after the one before, on the same line. Where a block's text, after a clause's end,
    prints the number that follows the last numbered paragraph (`30.` after `29.`, or `321 .` as the
    converter spaces it), the paragraph it opens becomes a block of its own."""
    out: list[Block] = []
    last: int | None = None
    for block in state.blocks:
        out.append(block)
        if block.kind != "text":
            continue
        numbered = starts.NUMBERED_OPENING.match(block.text)
        if numbered:
            last = int(numbered.group(1))
        while last is not None and _prints_number(out[-1].text, last + 1):
            m = _run_on_number(last + 1).search(out[-1].text)
            if m is None:
                break
            head, tail = out[-1].text[: m.start()], f"{last + 1}. " + out[-1].text[m.end() :]
            out[-1].text = out[-1].last_line = head
            out.append(Block(tail, block.line, first_line=tail, last_line=tail))
            last += 1
    state.blocks = out


_EMPHASIS_AFTER_CLAUSE = re.compile(f"(?<=[,;:]) (?={EM_OPEN})")


def run_on_openings(state: ReadState) -> None:
    """`The General Assembly, _Recalling_ its relevant resolutions, …`, `… Connectivity, _Recognizing_ the fact
    …` (pymupdf4llm, A/RES/80/72, A/C.2/80/L.58): a converter may run a preambular paragraph on after the one
    before. An italic opening phrase (`patterns.OPENING`) right after a clause's end opens a block of its own:
    inside a paragraph, italics after a comma are a title's (`Treaty Series`), never an opening verb's."""
    out: list[Block] = []
    for block in state.blocks:
        cuts = []
        if block.kind == "text" and EM_OPEN in block.text:
            cuts = [
                m.start()
                for m in _EMPHASIS_AFTER_CLAUSE.finditer(block.text)
                if OPENING.match(Block(block.text[m.end() :], 0).plain)
            ]
        if not cuts:
            out.append(block)
            continue
        pieces = [block.text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(block.text)], strict=True)]
        block.text = block.last_line = pieces[0]
        out += [block, *(Block(piece, block.line, first_line=piece, last_line=piece) for piece in pieces[1:])]
    state.blocks = out
