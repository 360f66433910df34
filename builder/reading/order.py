"""Lines an extractor printed out of reading order, put back before the lines are grouped.

pdftotext (without -layout) and pdfminer.six order a page by text blocks, and a
numbered paragraph whose last line is short can come out tail first: its
number, its last line, then (past a blank line, sometimes past the page's
number) its first line:

    17.
    session.

    Decides to continue its consideration of the question at its eighty-first

Read as printed, `session.` would be paragraph 17 and its first words a
paragraph of their own. No paragraph opens with a lower-case word, a digit or
a lone name (`Agency;`) right after its number, and a first line that ends in
no punctuation goes on:
the two shapes together are the out-of-order tail, and the first line is put
back between the number and the tail. Where the next number has such a tail
too (pdfminer.six scrambles some pages so, each tail the paragraph's before),
whose tail is whose cannot be told, and anything short of both shapes is left
as it is.

Guarantees to the next stage: the same lines, each once, only these moved.
Hand-written: no library knows these extractors' block order.
"""

from __future__ import annotations

import re

from builder.reading import starts
from builder.reading.furniture import BREAK
from builder.reading.patterns import ENDS_CLAUSE
from builder.reading.state import Line, ReadState

# A paragraph's own words after its number open with a capital, and run on: a tail opens in lower case
# or with a digit (`session.`, `2026;`), or it is a name or two ending the sentence (`Agency;`, `Fund:`).
_TAIL = re.compile(r"^\s*(?:[a-z0-9]|\S+(?:\s+\S+)?\s*$)")
_TAIL_WORDS = 6  # a tail is a short last line
_HEAD_OPENS = re.compile(r"^\s*[“\"]?[A-Z]")
_HEAD_LINES = 3  # lines of the paragraph printed after its tail
_HEAD_WORDS = 6  # each a line of running text (a dozen words), not a heading's `Article 21`
_GAP_LINES = 6  # blank lines and page breaks between the tail and the first line
_NUMBER_WIDTH = 16  # a line holding a paragraph number alone (`(viii)`, indented) is no longer


def _blank(line: Line) -> bool:
    return line.text == BREAK or not line.text.strip()


def _tail_at(lines: list[Line], i: int) -> bool:
    """Whether lines[i] is a short clause end right under a lone paragraph number, a blank line after it."""
    if not 0 < i < len(lines) - 1:
        return False
    text = lines[i].text
    return (
        bool(starts.LONE_ENUMERATOR.match(lines[i - 1].text))
        and bool(_TAIL.match(text))
        and len(text.split()) <= _TAIL_WORDS
        and bool(ENDS_CLAUSE.search(text))
        and _blank(lines[i + 1])
    )


def _head_after(lines: list[Line], start: int) -> tuple[int, int] | None:
    """The first lines of the paragraph whose tail ends at `start - 1`: (first, end) of a run of at most
    `_HEAD_LINES` lines of running text, past blank lines and page breaks, opening with a capital and
    ending in no punctuation, up to a blank line, the end, or a line opening a paragraph of its own
    (`3rd plenary meeting`)."""
    first = start
    while first < len(lines) and _blank(lines[first]):
        first += 1
        if first - start > _GAP_LINES:
            return None
    if first >= len(lines) or not _HEAD_OPENS.match(lines[first].text) or starts.ENUMERATOR.match(lines[first].text):
        return None
    end = first + 1
    while (
        end < len(lines)
        and not _blank(lines[end])
        and not starts.opens_paragraph([ln.text for ln in lines[first:end]], lines[end].text)
    ):
        end += 1
        if end - first > _HEAD_LINES:
            return None
    if ENDS_CLAUSE.search(lines[end - 1].text):
        return None  # a paragraph of its own: the tail is not its end
    if any(len(ln.text.split()) < _HEAD_WORDS for ln in lines[first:end]):
        return None
    after = end
    while after < len(lines) and _blank(lines[after]):
        after += 1
    if (
        after + 1 < len(lines)
        and starts.LONE_ENUMERATOR.match(lines[after].text)
        and _TAIL.match(lines[after + 1].text)
    ):
        return None  # the next number has a tail too: the tails may be their paragraphs' or the one's before
    return first, end


def detached_tails(state: ReadState) -> None:
    """`17.` / `session.` / … / `Decides to continue … eighty-first`: the first line(s) put back after the
    number, before the tail (see the module docstring)."""
    lines = state.lines
    moves: dict[int, tuple[int, int]] = {}  # a tail's index → the (first, end) of its paragraph's first lines
    for k, line in enumerate(lines):
        # most lines are longer than a number alone: the length is asked before the pattern
        if len(line.text) <= _NUMBER_WIDTH and starts.LONE_ENUMERATOR.match(line.text) and _tail_at(lines, k + 1):
            head = _head_after(lines, k + 2)
            if head is not None:
                moves[k + 1] = head
    if not moves:
        return
    out: list[Line] = []
    i = 0
    while i < len(lines):
        head = moves.get(i)
        if head is None:
            out.append(lines[i])
            i += 1
            continue
        first, end = head
        out += lines[first:end]
        out += lines[i:first]  # the tail, then the blank lines and breaks that stood before the head
        i = end
    state.lines = out
