"""Grouping lines into blocks.

Guarantees to the next stage: `state.blocks` holds one `Block` per run of
non-blank lines, its text the lines joined with single spaces (a line ending
in a hyphen after a letter joins without one: `capacity-` + `building`), its
line number that of its first line; page breaks become "break" blocks and a
`_____` rule a "rule" block. A numbered line after a line that ends a clause
starts a block of its own, blank line or not.
"""

from __future__ import annotations

import re

from builder.reading.furniture import BREAK
from builder.reading.state import Block, ReadState

_RULE = re.compile(r"^\s*_{5,}\s*$")
# A paragraph number or sub-paragraph letter at the start of a line, after a
# line that ended a sentence or clause, starts a paragraph even without a
# blank line between (raw PDF text often has none).
_ENUMERATOR = re.compile(r"^\s*[“\"]?(\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,7})\))(\s|$)")
_ENDS_CLAUSE = re.compile(r"[.;:,”\"]\s*$")
_SPACES = re.compile(r"\s+")


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


def group_blocks(state: ReadState) -> None:
    blocks: list[Block] = []
    pending: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal pending
        if pending:
            blocks.append(Block(join_lines(pending), start, "text", pending[0].strip()))
            pending = []

    for line in state.lines:
        if line.text == BREAK:
            flush()
            blocks.append(Block("", line.number, "break"))
        elif _RULE.match(line.text):
            flush()
            blocks.append(Block("", line.number, "rule"))
        elif not line.text.strip():
            flush()
        else:
            if pending and _ENUMERATOR.match(line.text) and _ENDS_CLAUSE.search(pending[-1]):
                flush()
            if not pending:
                start = line.number
            pending.append(line.text)
    flush()
    state.blocks = blocks
