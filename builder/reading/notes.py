"""Note rules: take note definitions out of the running text, then find their markers.

Guarantees to the next stage: `state.notes` holds every note definition (label,
text, line) in the order printed, a note continued on the next page's foot
joined back into one; the blocks they occupied, `_____` rules and a closing
"Notes" heading are "break" blocks, so the text on either side can be joined.
After `digit_markers`, plain-digit markers of the raw PDF form are tokens too.
"""

from __future__ import annotations

import re

from builder.reading.state import MARK_OPEN, MARKER_RE, Block, Line, NoteDef, ReadState, Ruler, marker

_STARTS_WITH_MARKER = re.compile(r"^[“\"]?" + MARKER_RE.pattern + r"\s*(.*)$", re.DOTALL)
_STARTS_WITH_DIGITS = re.compile(r"^(\d{1,3})\s+(\S.*)$", re.DOTALL)
_NOTES_HEADING = re.compile(r"^(Notes|Endnotes|Footnotes)$")


def _as_break(block: Block) -> None:
    block.kind, block.text = "break", ""


def extract_notes(state: ReadState) -> None:
    """Find note definitions at page feet, below `_____` rules, or under "Notes"."""
    in_region = False
    blocks = state.blocks
    for i, block in enumerate(blocks):
        if block.kind == "rule":
            in_region = True
            _as_break(block)
            continue
        if block.kind == "break":
            in_region = False
            continue
        found = _STARTS_WITH_MARKER.match(block.text)
        if found:
            state.notes.append(NoteDef(found.group(1), found.group(2).strip(), block.line, i))
            _as_break(block)
            continue
        if in_region:
            digits = _STARTS_WITH_DIGITS.match(block.text)
            if digits:
                state.notes.append(NoteDef(digits.group(1), digits.group(2).strip(), block.line, i))
            elif state.notes:
                state.notes[-1].text += " " + block.text
            else:
                continue
            _as_break(block)
            continue
        if _NOTES_HEADING.match(block.plain.strip()):
            following = next((b for b in blocks[i + 1 :] if b.kind == "text"), None)
            if following is not None and _STARTS_WITH_MARKER.match(following.text):
                state.furniture.append(Line(block.text, block.line))
                _as_break(block)


# A marker in the raw PDF form: digits right after a word or punctuation, or
# after punctuation and one or two spaces. Hand-written: no library reads
# footnote numbers out of extracted PDF text.
_NOT_BEFORE_SPACED = re.compile(
    r"(?i)\b(paragraphs?|paras?|articles?|art|resolutions?|decisions?|No|Nos|of|and|to|from|items?|"
    r"chapters?|chap|annex|sect|section|at|on|by|in|under|pages?|part|goals?|targets?|rules?|"
    r"principles?|per|than|about|some|over|the|a|an|with|for|or|nor|all|Add|Rev|Corr|session|Vol)\W*$"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_AFTER = re.compile(rf"^\s*(?:{_MONTHS}|per cent|%|years?|months?|days?|weeks?|hours?|million|billion|[\d/.,]\d)")


def _candidates(text: str, label: str) -> list[tuple[int, int]]:
    """Positions (start, end) where `label` may stand as a marker in text, in order."""
    found = []
    for m in re.finditer(rf"(?<![\d/.\-–]){re.escape(label)}(?![\d/°%])", text):
        start, end = m.start(), m.end()
        if start == 0 or text[start - 1] == MARK_OPEN:
            continue
        after = text[end:]
        if after[:1] and not (after[:1].isspace() or after[:1] in ',;.:)”’"' + MARK_OPEN):
            continue
        if _NOT_AFTER.match(after):
            continue
        if _marker_may_follow(text[:start]):
            found.append((start, end))
    # A marker glued to a year: "of 12 August 19495" is 1949 and note 5.
    for m in re.finditer(rf"(?<!\d)(?:1[89]|20)\d\d({re.escape(label)})(?![\d/°%])", text):
        found.append((m.start(1), m.end(1)))
    return sorted(found)


def _marker_may_follow(before: str) -> bool:
    """A marker sits right after a word or punctuation (not a decimal point),
    or after punctuation or a word and one or two spaces, unless that word
    calls for a number ("paragraph 5", "of 14")."""
    if re.search(r"[^\W\d_]$|[,;:)”’\"]$", before):
        return not re.search(r"\d\.$", before)
    return bool(re.search(r"(?:[^\W\d_]|[,;:)”’\"]) {1,2}$", before)) and not _NOT_BEFORE_SPACED.search(before.rstrip())


def digit_markers(state: ReadState) -> None:
    """Tie each digit-labelled note to its marker: the label, in order, on its page.

    Notes are numbered in reading order and printed at the foot of the page
    that cites them, so the marker of note N lies after the marker of note
    N-1 and before the place where note N is printed.
    """
    cited = {m for b in state.blocks if b.kind == "text" for m in MARKER_RE.findall(b.text)}
    cursor = (0, 0)
    for note in state.notes:
        if not note.label.isdigit() or note.label in cited:
            continue
        hit = None
        for bi in range(cursor[0], min(note.position, len(state.blocks))):
            block = state.blocks[bi]
            if block.kind != "text":
                continue
            offset = cursor[1] if bi == cursor[0] else 0
            found = _candidates(block.text[offset:], note.label)
            if found:
                hit = (bi, offset + found[0][0], offset + found[0][1])
                break
        if hit is None:
            continue
        bi, start, end = hit
        block = state.blocks[bi]
        head = block.text[:start].rstrip(" ")
        block.text = head + marker(note.label) + block.text[end:]
        cursor = (bi, len(head) + len(marker(note.label)))
        cited.add(note.label)


NOTE_RULES = Ruler(
    "notes",
    [
        ("extract_notes", extract_notes),
        ("digit_markers", digit_markers),
    ],
)
