"""Joining rules: mend paragraphs that a page break cut in two.

Guarantees to the next stage: no "break" or "rule" blocks remain; an asterism
(`* * *`) is an "asterism" block of its own, whatever the front end; a paragraph
number printed alone (`6.`, `(b)`) is one block with its text; a paragraph
split by a page break, with or without a block of notes between its halves,
is one block again; a section numeral printed alone (`II`) is one block with
its title.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from builder.reading.blocks import ASTERISM, glue
from builder.reading.lines import text_width
from builder.reading.patterns import ENDS_CLAUSE, FORMULA, HEADING_MAX, OPENING
from builder.reading.starts import LONE_ENUMERATOR
from builder.reading.state import Block, ReadState, Ruler

_ENDS_COMPLETE = re.compile(r"[.,;:!?]\W*$")
_STARTS_NEW = re.compile(
    rf"^(?:{FORMULA}$|[“\"]?(\d{{1,3}}\.(\s|$)|\([a-z]{{1,2}}\)\s|\([ivxlc]{{1,6}}\)\s|[IVXLC]{{1,6}}\.?\s"
    r"|[A-Z]\.\s|Annex\b|[a-z][.)]\s|[-–•·]\s))"
)


# A bare number (`2019 (No. 190), …`), not a numbered paragraph's `3.` nor an ordinal (`46th plenary meeting`).
_NEVER_OPENS = re.compile(r"^(?:\d+(?![\d.)]|st\b|nd\b|rd\b|th\b)(?!\.\s)|[A-Z]{1,6}(?:\(\d{1,3}\))?/\S)")


def _continues(before: Block, after: Block) -> bool:
    """Does `after` read on from `before` across the page break?

    A paragraph never opens in lower case, with a bare number (`2019 (No. 190), …`)
    or with a document symbol (`A/77/123, …`, `GC(69)/DEC/11, …`): such a block goes on
    from the page before.
    """
    if _lowercase_start(after) or _NEVER_OPENS.match(after.plain):
        return True
    if _ENDS_COMPLETE.search(before.plain):
        return _next_sentence(before, after) or _numbered_clause_goes_on(before, after)
    return not _STARTS_NEW.match(after.plain)


_NUMBERED = re.compile(r"[“\"]?\d{1,3}\.\s")
_ENDS_MID_CLAUSE = re.compile(r"([,:])\W*$")


def _numbered_clause_goes_on(before: Block, after: Block) -> bool:
    """A numbered paragraph stopped at a comma goes on over the page, whatever its next word
    (`… persons with disabilities, migrants,` / `Indigenous people, children …`, A/C.2/80/L.45):
    a comma ends a preambular paragraph, but those are not numbered. Not when the next block
    opens a paragraph of its own (a number, a preambular opening such as `Noting`). After a colon
    the next page's words are the clause's too, a participle or not (`entitled Financing for
    Sustainable Development Report 2024:` / `Financing for Development at a Crossroads, calls
    upon …`, A/C.2/80/L.9): a list it opens starts with its letter or number.
    """
    m = _NUMBERED.match(before.plain) and _ENDS_MID_CLAUSE.search(before.plain)
    if not m or _STARTS_NEW.match(after.plain):
        return False
    return m.group(1) == ":" or not OPENING.match(after.plain)


def _next_sentence(before: Block, after: Block) -> bool:
    """A numbered paragraph's next sentence, on the next page (`1. We … Agenda.` / `We also uphold …`).

    Between numbered paragraphs (or lettered items: `(a) We will promote … liquidity.` / `We
    encourage the Fund …`, A/RES/79/323 line 2141) an unnumbered block of whole sentences that
    opens with "We" goes on from the paragraph before, as declarations write.
    """
    return bool(
        re.match(r"[“\"]?(?:\d{1,3}\.|\([a-z]{1,2}\))\s", before.plain)
        and re.match(r"We\b", after.plain)
        and _ENDS_COMPLETE.search(after.plain)
    )


def _lowercase_start(block: Block) -> bool:
    plain = block.plain
    return plain.lstrip("“\"‘'( ")[:1].islower() and not _STARTS_NEW.match(plain)


def join_across_breaks(state: ReadState) -> None:
    """Join across a page break, or wherever a block starts in lower case.

    A paragraph never starts in lower case, so such a block is the rest of the
    one before, cut by a page break the converter did not leave a trace of.
    """
    out: list[Block] = []
    broken = False
    for block in state.blocks:
        if block.kind == "asterism":  # it stays, between the paragraphs it divides
            out.append(block)
            broken = False
            continue
        if block.kind != "text":
            broken = True
            continue
        if out and out[-1].kind == "text" and ((broken and _continues(out[-1], block)) or _lowercase_start(block)):
            out[-1].text += glue(out[-1].text, block.plain) + block.text
            out[-1].last_line = block.last_line
        else:
            out.append(block)
        broken = False
    state.blocks = out


def _merge(state: ReadState, joins: Callable[[Block, Block], bool]) -> None:
    """Each text block that `joins(previous, block)` says goes on from the text block before is appended to it."""
    out: list[Block] = []
    for block in state.blocks:
        if out and out[-1].kind == block.kind == "text" and joins(out[-1], block):
            out[-1].text += glue(out[-1].text, block.plain) + block.text
            out[-1].last_line = block.last_line
            continue
        out.append(block)
    state.blocks = out


_FULL_WIDTH = 0.85
# A word no sentence ends on: a block ending so goes on, however short its last line.
_DANGLING = re.compile(
    r"\b(?:of|the|to|and|in|for|on|with|by|at|from|an?|its|their|between|among|against|into|upon|under|within|"
    r"without|through|towards?|or|nor|as|including|such)$"
)
_STRETCHED = re.compile(r"\w {2,}(?=\w)")  # a justified line's widened word spaces (pdfminer.six keeps them)
_SHORT_TITLE = re.compile(r"^[A-Z][^.;:,]{0,80}$")  # `Countries in special situations`: a heading, not a clause's rest
_HEADING = re.compile(r"^(?:(?:[IVXLC]{1,6}|[A-H])\.?\s|(?:Part|Chapter|Section|Article|Rule|Annex)\b)")


def wrapped_lines(state: ReadState) -> None:
    """A paragraph whose lines an extractor set apart with blank lines (pdfminer.six): one block.

    A block whose last line runs to the right margin and ends mid-sentence
    goes on in the next block, unless that one opens a paragraph of its own; so
    does one whose last line is justified (pdfminer.six keeps the widened word
    spaces; a paragraph's last line never is) unless a short title follows, one
    whose last line ends on a word's hyphen (`… of Non-Self-`), and one whose
    last line, however short, ends on a word no sentence ends on (`… the
    Convention on` / `Biological Diversity;`) where the next block ends a clause
    (a heading's words do not). Hand-written: the margin is the text's own (the
    longest lines, 90th percentile).
    """
    margin = text_width(ln.text.strip() for ln in state.lines)
    if not margin:
        return

    def wrapped(previous: Block, block: Block) -> bool:
        if len(previous.last_line) >= _FULL_WIDTH * margin:
            return True
        # Justified: a paragraph's last line never is.
        if "  " in previous.last_line and len(_STRETCHED.findall(previous.last_line)) >= 2:
            return not _SHORT_TITLE.match(block.plain)
        if glue(previous.last_line, block.plain) == "":  # `… of Non-Self-` / `Governing Territories;`
            return True
        # A short last line ending on a word no sentence ends on, then the clause's end (not a heading).
        return bool(_DANGLING.search(previous.last_line.rstrip()) and ENDS_CLAUSE.search(block.plain))

    def joins(previous: Block, block: Block) -> bool:
        return (
            not ENDS_CLAUSE.search(previous.last_line)
            and wrapped(previous, block)
            and not _STARTS_NEW.match(block.plain)
            and not _HEADING.match(previous.plain)  # `II Conditions of service …` is a heading
            and not OPENING.match(block.plain)
        )

    _merge(state, joins)


_LONE_NUMERAL = re.compile(
    r"^(?:(?:Part|Chapter|Section|Article|Rule) (?:[IVXLC]{1,6}|\d{1,3}(?: ?(?:bis|ter|[a-z]))?)"
    r"|[IVXLC]{1,6}\.?|[A-H]\.?)$"
)


def lone_section_numbers(state: ReadState) -> None:
    """`II` or `Article 5` alone, then its title in the next block: one heading block."""

    def joins(previous: Block, block: Block) -> bool:
        return (
            bool(_LONE_NUMERAL.match(previous.plain.strip()))
            and len(block.plain) < HEADING_MAX
            and not _ENDS_COMPLETE.search(block.plain.rstrip(" ,"))
            and not _STARTS_NEW.match(block.plain)
        )

    _merge(state, joins)


def asterisms(state: ReadState) -> None:
    """A block that is only an asterism (`* * *`, as the PDF front end hands over the centred line)
    separates two groups of paragraphs: it is no paragraph, and a page break on either side of it
    joins nothing across it."""
    for block in state.blocks:
        if block.kind == "text" and ASTERISM.match(block.plain):
            block.kind = "asterism"


def lone_enumerators(state: ReadState) -> None:
    """`6.` or `(b)` alone, its text in the next block (after a blank line or a page break): one block.

    Extractors print a paragraph's number as a line of its own when the PDF
    placed it in a column of its own; it is never a paragraph by itself.
    """
    out: list[Block] = []
    waiting: Block | None = None
    for block in state.blocks:
        if waiting is not None and block.kind == "text":
            waiting.text += " " + block.text
            waiting.last_line = block.last_line
            waiting = None
            continue
        out.append(block)
        if block.kind == "text" and LONE_ENUMERATOR.match(block.plain.strip()):
            waiting = block
    state.blocks = out


JOIN_RULES = Ruler(
    "joining",
    [
        ("asterisms", asterisms),
        ("lone_enumerators", lone_enumerators),
        ("join_across_breaks", join_across_breaks),
        ("lone_section_numbers", lone_section_numbers),
        ("wrapped_lines", wrapped_lines),
    ],
)
