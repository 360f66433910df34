"""Grouping lines into blocks.

Guarantees to the next stage: `state.blocks` holds one `Block` per run of
non-blank lines, its text the lines joined with single spaces (a line ending
in a hyphen after a letter joins without one: `capacity-` + `building`), its
line number that of its first line; page breaks become "break" blocks and a
`_____` rule a "rule" block. A numbered line after a line that ends a clause
starts a block of its own, blank line or not, and so does a line that one of
`PARAGRAPH_STARTS` says opens a paragraph; a number alone on its line is one
block with the text after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from builder.reading.furniture import BREAK
from builder.reading.patterns import ENDS_CLAUSE, FORMULA_RE, NOTE_AFTER, OPENING, SYMBOL
from builder.reading.state import Block, Line, ReadState

_RULE = re.compile(r"^\s*(?:\\?_){5,}\s*$")  # `_____`, or `\_\_\_\_\_` as Markdown writers escape it
_SPACES = re.compile(r"\s+")

# Where no blank line separates paragraphs (text from pypdf, pypdfium2,
# pdftotext without -layout, paragraphs one after another in PDF text), a
# paragraph starts where the text says so: a number or letter, an enacting
# formula, an opening phrase — after a line that closed the one before.
# Hand-written: no library segments UN resolutions into paragraphs.
_ENUMERATOR = re.compile(r"^\s*[“\"]?(\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,7})\))(\s|$)")
_LONE_ENUMERATOR = re.compile(r"^\s*[“\"]?(\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,7})\))$")
# (or an amendment's "… paragraph reading:" before the paragraph it quotes)
_ENDS_PREAMBLE = re.compile(rf"(?:[,;]|\b(?:reading|follows|text):){NOTE_AFTER}?\s*$")
_ORGAN = re.compile(r"\b(?:Assembly|Council|Commission|Committee|Conference|Board|Meeting|Parties|Forum|Court)\b")


def _is_formula(text: str) -> bool:
    """An enacting formula names an organ: "The Security Council," (not "The Hague, 15 May 2023,")."""
    text = text.strip()
    return bool(FORMULA_RE.match(text) and _ORGAN.search(text))


def numbered_start(before: list[str], line: str) -> bool:
    """`5. Decides` or `(b) to report` after a line that closed a clause."""
    return bool(_ENUMERATOR.match(line) and ENDS_CLAUSE.search(before[-1]))


_NUMBERED_SENTENCE = re.compile(r"^\s*[“\"]?\d{1,3}\.\s+[A-Z“\"]")
_HEADING_MAX = 250


def after_heading_start(before: list[str], line: str) -> bool:
    """`36. We recognize …` right under a heading (`IV. Remittances`, `Priority area 1: Structural …`).

    A heading is short (a few lines) and starts with a capital; a paragraph
    number followed by a capitalised sentence after it starts the text.
    """
    heading = " ".join(part.strip() for part in before)
    return (
        len(before) <= 3
        and len(heading) < _HEADING_MAX
        and heading[:1].isupper()
        and bool(_NUMBERED_SENTENCE.match(line))
    )


def formula_start(before: list[str], line: str) -> bool:
    """The enacting formula is a paragraph of its own, and so is what follows it."""
    return _is_formula(line) or _is_formula(before[-1])


def opening_phrase_start(before: list[str], line: str) -> bool:
    """`Recalling its resolution …`, `Deeply concerned that …` after a line ending a preambular paragraph.

    A preambular paragraph ends with a comma or semicolon; after a full stop a
    participle more often opens the next sentence of the same paragraph.
    """
    return bool(OPENING.match(line) and _ENDS_PREAMBLE.search(before[-1]))


_NOTE_DEFINITION = re.compile(r"^\s*(?:\[\^[\w*]{1,8}\]:|\*{1,3}\s+[A-Z]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*[A-Z])")


def note_definition_start(before: list[str], line: str) -> bool:
    """`[^2]: A/98/77, annex.`, `* Any changes …`, `¹ See …`: each note definition is a block of its own."""
    return bool(_NOTE_DEFINITION.match(line) and (line.lstrip().startswith("[^") or ENDS_CLAUSE.search(before[-1])))


# Rules deciding that `line` starts a paragraph though no blank line precedes it
# (`before` is the paragraph so far), in order; the first that says so wins.
PARAGRAPH_STARTS: list[tuple[str, Callable[[list[str], str], bool]]] = [
    ("numbered_start", numbered_start),
    ("after_heading_start", after_heading_start),
    ("formula_start", formula_start),
    ("opening_phrase_start", opening_phrase_start),
    ("note_definition_start", note_definition_start),
]


def join_lines(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = _SPACES.sub(" ", part.strip())
        if not text:
            text = part
        elif re.search(r"[A-Za-z]-$", text) and part[:1].islower():
            text += part
        else:
            text += " " + part
    return text


def _starts_paragraph(pending: list[str], line: str) -> bool:
    if not pending or (len(pending) == 1 and _LONE_ENUMERATOR.match(pending[0])):
        return False  # a number alone on its line belongs to the text after it
    return any(rule(pending, line) for _, rule in PARAGRAPH_STARTS)


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


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A line of the masthead that is one field and nothing else; in text without
# blank lines each is a block of its own, as the masthead stage expects.
_MASTHEAD_FIELD = re.compile(
    rf"^\s*(?:United Nations(?:\s+{SYMBOL}\*?)?|{SYMBOL}\*?"
    r"|(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council)(?:\s+Distr\.:.*)?"
    rf"|Distr\.:.*|\d{{1,2}} (?:{_MONTHS}) \d{{4}}|Original:.*|[A-Z][a-z]+(?:-[a-z]+)? (?:special )?session"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|(?:Agenda items?|Item) \d.{0,60}"
    r"|\d{1,3}/\d{1,4}(?: [A-Z])?\.|\[.{5,200}\]|.{3,1500}:\W{0,4}(?:revised )?draft (?:resolution|decision)s?"
    r"|.{3,1500}:\W{0,4}amendments? to .{3,120}|(?:Note|Letter|Memorandum) (?:by|from) the .{3,120}"
    r"|(?:Resolution|Decision) adopted by the .{3,120})\s*$"
)
# An amendment's text opens with what it does to the draft.
_AMENDMENT = re.compile(
    r"^\s*(?:Delete|Replace|Insert|Add|After|Before"
    r"|In (?:the )?(?:\w+[- ])?(?:\w+ )?(?:operative|preambular) paragraph)\b"
)
_BODY = re.compile(rf"^\s*(?:{FORMULA_RE.pattern[1:-1]}\s*$|[“\"]?\d{{1,3}}\.(?:\s|$))")


def _unspaced_masthead(lines: list[Line]) -> bool:
    """No blank line before the text starts: the masthead's fields run together."""
    for line in lines:
        if _BODY.match(line.text) or _AMENDMENT.match(line.text):
            return True
        if not line.text.strip() or line.text == BREAK:
            return False
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
        elif _RULE.match(line.text):
            flush()
            blocks.append(Block("", line.number, "rule"))
            notes.active = True
        elif not line.text.strip():
            flush()
        else:
            if masthead and (_BODY.match(line.text) or _AMENDMENT.match(line.text)):
                masthead = False
                flush()
            field = masthead and bool(_MASTHEAD_FIELD.match(line.text))
            if field or notes.starts_note(line.text) or _starts_paragraph(pending, line.text):
                flush()
            if not pending:
                start = line.number
            pending.append(line.text)
            if field:
                flush()
    flush()
    state.blocks = blocks
