"""Note rules: take note definitions out of the running text, then find their markers.

Guarantees to the next stage: `state.notes` holds every note definition (label,
text, line) in the order printed, a note continued on the next page's foot
joined back into one; the blocks they occupied, `_____` rules and a closing
"Notes" heading are "break" blocks, so the text on either side can be joined.
After `digit_markers`, plain-digit markers of the raw PDF form are tokens too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from builder.reading.furniture import BREAK
from builder.reading.patterns import LONE_NUMBER, MONTHS, RULE, search_end
from builder.reading.state import MARK_CLOSE, MARK_OPEN, MARKER_RE, Block, Line, NoteDef, ReadState, Ruler, marker

_STARTS_WITH_MARKER = re.compile(r"^[“\"]?" + MARKER_RE.pattern + r"\s*(.*)$", re.DOTALL)
_STARTS_WITH_DIGITS = re.compile(r"^(\d{1,3})\s+(\S.*)$", re.DOTALL)
_NOTES_HEADING = re.compile(r"^(Notes|Endnotes|Footnotes)$")


def _as_break(block: Block) -> None:
    block.kind, block.text = "break", ""


_ENDS_NOTE = re.compile(r"[.)”\"]\s*$")
_ENDS_SENTENCE = re.compile(r"\.[)”\"]?\s*$")


def detached_labels(state: ReadState) -> None:
    """Note numbers printed apart from their notes (pdftotext): each number put back before its note.

    Below a notes rule some extractors print the numbers, out of order, on
    lines of their own (`1`, `A/80/129.`, `Treaty Series, …`, `3`, `Ibid.`,
    `2`). Where the numbers and the notes (each ending in a full stop) are
    as many, the numbers in order go with the notes in order. A page number
    between them (their notes then follow on the other side of it), or
    between the rule and them, is looked past. Anything else is left as it is.
    """
    lines = state.lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if not RULE.match(lines[i].text):
            i += 1
            continue
        start = i + 1
        end = _region_end(lines, start)
        lead = None  # a page number printed right under the rule (pdftotext), its notes after it
        if end < len(lines) and not any(ln.text.strip() for ln in lines[start:end]):
            lead, start = end, end + 1
            end = _region_end(lines, start)
        labels = [int(m.group(1)) for ln in lines[start:end] if (m := LONE_NUMBER.match(ln.text))]
        texts = [ln for ln in lines[start:end] if ln.text.strip() and not LONE_NUMBER.match(ln.text)]
        beyond: list[Line] = []
        further = end
        units = _note_units(texts)
        if labels and len(units) < len(labels) and end < len(lines):
            # The notes' text may follow the page number that cut them from their labels.
            further = _region_end(lines, end + 1)
            beyond = [ln for ln in lines[end + 1 : further] if ln.text.strip()]
            units += _note_units(beyond)
        if len(units) > len(labels):  # a line of a note ended on a quote (`… fisheries”` / `(Rome, 2023).`)
            units = _note_units(texts, _ENDS_SENTENCE) + _note_units(beyond, _ENDS_SENTENCE)
        if not labels or len(units) != len(labels) or sorted(labels) != list(range(min(labels), max(labels) + 1)):
            i += 1
            continue
        for label, unit in zip(sorted(labels), units, strict=True):
            text = " ".join(ln.text.strip() for ln in unit)
            out += [Line(f"{label} {text}", unit[0].number), Line("", unit[0].number)]
        out += [lines[k] for k in (lead, end if further > end else None) if k is not None]  # the page numbers' breaks
        i = further
    state.lines = out


def _region_end(lines: list[Line], start: int) -> int:
    """The index of the page break (or the end) that closes a notes area starting at `start`."""
    return next((k for k in range(start, len(lines)) if lines[k].text == BREAK), len(lines))


def _note_units(lines: list[Line], ends: re.Pattern[str] = _ENDS_NOTE) -> list[list[Line]]:
    """Lines grouped into notes: a note ends with a full stop (or a closing bracket or quote:
    `ends`), its brackets closed (`… (NPT/CONF.2010/50 (Vol. I), NPT/CONF.2010/50 (Vol. II)` goes on)."""
    units: list[list[Line]] = []
    current: list[Line] = []
    depth = 0
    for line in lines:
        current.append(line)
        depth += line.text.count("(") - line.text.count(")")
        if ends.search(line.text) and depth <= 0:
            units.append(current)
            current = []
            depth = 0
    if current:
        units.append(current)
    return units


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
        if not in_region and _take_tail(state, i):
            continue
        if in_region:
            digits = _STARTS_WITH_DIGITS.match(block.text)
            if LONE_NUMBER.match(block.text):
                # A label printed on a line of its own (pdftotext): its text is the next block.
                state.notes.append(NoteDef(block.text.strip(), "", block.line, i))
            elif state.notes and not state.notes[-1].text:
                state.notes[-1].text = block.text
            elif digits and _opens_note(state.notes, blocks[:i], digits.group(1)):
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


def _note_tail(blocks: list[Block], i: int, note: NoteDef) -> int:
    """How many blocks from `i` end `note`, the note right before them at the page's foot (0: none).

    `* On behalf of the States Members … of the Economic` / blank / `Community of Central African
    States.` / the page's foot (pdfminer.six sets a blank line between a note's lines): the block right
    after a note that stops mid-sentence, the last before the page break and ending the sentence, is
    the note's last line. A converter may cut a long note into several blocks (pymupdf4llm: `… ibid.,
    2017, Supplement No. 11` / `(E/2018/31); ibid., …` / `(E/2020/31); …` / `(E/2025/31).`): up to
    `_TAIL_BLOCKS` blocks then, none opening with a capital (a paragraph's start) after a piece that ended
    a sentence, the last ending it before the page break or the next note."""
    if _ENDS_NOTE.search(note.text) or blocks[i].kind != "text":
        return 0
    for k in range(i, min(i + _TAIL_BLOCKS, len(blocks))):
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        ends = after is None or after.kind == "break" or _opens_next(after, note)
        if ends and _ENDS_NOTE.search(blocks[k].text):
            return k - i + 1
        if after is None or after.kind != "text" or (after.text[:1].isupper() and _ENDS_NOTE.search(blocks[k].text)):
            return 0  # a tail of several blocks: none opens like a paragraph after a piece that ended
    return 0


_TAIL_BLOCKS = 4


def _opens_next(block: Block, note: NoteDef) -> bool:
    """The block opens the note after `note`: a marker, or the next number (`9 A/80/221.` after 8)."""
    if _STARTS_WITH_MARKER.match(block.text):
        return True
    digits = _STARTS_WITH_DIGITS.match(block.text)
    return bool(digits and note.label.isdigit() and int(digits.group(1)) == int(note.label) + 1)


def _take_tail(state: ReadState, i: int) -> int:
    """The blocks from `i` that end the note defined in the block before (`_note_tail`), joined to it (a
    converter's bullet before a piece dropped); how many."""
    if i == 0 or state.blocks[i - 1].kind != "break":
        return 0  # a note's block is a break once taken: none stands right before this one
    note = next((n for n in reversed(state.notes) if n.position == i - 1), None)
    if note is None:
        return 0
    tail = _note_tail(state.blocks, i, note)
    for block in state.blocks[i : i + tail]:
        note.text += " " + _BULLET.sub("", block.text)
        _as_break(block)
    return tail


def _insert_note(state: ReadState, note: NoteDef) -> None:
    """Add a note where it is printed among those found already (`state.notes` is in printed order)."""
    at = next((k for k, n in enumerate(state.notes) if n.position > note.position), len(state.notes))
    state.notes.insert(at, note)
    _as_break(state.blocks[note.position])


_BULLET = re.compile(r"^[-•]\s+")


def bulleted_star_notes(state: ReadState) -> None:
    """`- On behalf of the States …` at a page's foot: pymupdf4llm takes a star note's `*` for a list's
    bullet. Where the text cites a star (`**Chad:** *`) that no note defines, the first bulleted block
    right above a page break or the page's other notes is that note (then `**`'s, and so on)."""
    blocks = state.blocks
    if not any(b.text[:1] in "-•" and _BULLET.match(b.text) for b in blocks if b.kind == "text"):
        return
    defined = {n.label for n in state.notes}
    missing = [s for s in ("*", "**", "***") if s not in defined and any(marker(s) in b.text for b in blocks)]
    for i, block in enumerate(blocks):
        if not missing:
            return
        bullet = _BULLET.match(block.text) if block.kind == "text" else None
        if bullet is None or i + 1 >= len(blocks) or blocks[i + 1].kind != "break":
            continue
        _insert_note(state, NoteDef(missing.pop(0), block.text[bullet.end() :].strip(), block.line, i))


def _opens_note(notes: list[NoteDef], before: list[Block], label: str) -> bool:
    """A number opening a block under a rule opens a note: the next one (`_next_label`), or a later one the
    text before cites with a marker of its own (`<sup>37</sup>`: the notes between were printed without a
    rule, pymupdf4llm, and `unruled_notes` finds them)."""
    if _next_label(notes, label):
        return True
    previous = next((int(n.label) for n in reversed(notes) if n.label.isdigit()), 0)
    return int(label) > previous and _cited_before(before, label, tokens_only=True)


def _next_label(notes: list[NoteDef], label: str) -> bool:
    """A number opening a line in the notes area is a new note only if it is the next one.

    `2 October 2015, affirming …` after note 3 continues note 3.
    """
    previous = next((n.label for n in reversed(notes) if n.label.isdigit()), None)
    return previous is None or int(label) == int(previous) + 1


def shuffled_notes(state: ReadState) -> None:
    """`15 A/74/821.` / `16 A/75/982.` / `14 Resolution 78/317, annex.` / the page's foot: pymupdf4llm may print a
    page's notes out of order. A run of two or more blocks right above a page break, each opening with a
    number, the numbers one apart once sorted, is put in their order (then `unruled_notes` finds them)."""
    blocks = state.blocks
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "text" and _STARTS_WITH_DIGITS.match(blocks[j].text):
            j += 1
        if j - i < 2 or (j < len(blocks) and blocks[j].kind != "break"):
            i = j + 1
            continue
        labels = [int(m.group(1)) for b in blocks[i:j] if (m := _STARTS_WITH_DIGITS.match(b.text))]
        if sorted(labels) == list(range(min(labels), min(labels) + len(labels))):
            blocks[i:j] = [block for _, block in sorted(zip(labels, blocks[i:j], strict=True), key=lambda p: p[0])]
        i = j + 1


def unruled_notes(state: ReadState) -> None:
    """Notes printed with no rule above them (`1 See A/HRC/98/44.`), at a page foot or at the end.

    Converters that drop the rule still keep each note as a block opening with
    its number. Only runs of such blocks numbered in sequence (the notes found
    under a rule skipped), each run's first number cited as a marker in the text
    before it, are taken. Where notes were found under a rule (pymupdf4llm sets
    the rule on some pages only), the numbers they leave out below the last of
    them; after it, only a number the text cites with a marker of its own
    (`<sup>2</sup>`, not plain digits), unless a gap was filled: the document then
    prints some notes with a rule and some without.
    """
    ruled = {int(n.label) for n in state.notes if n.label.isdigit()}
    last = max(ruled, default=0)

    def free(label: int) -> int:
        while label in ruled:
            label += 1
        return label

    expected = free(1)
    took = False
    labels = {n.label for n in state.notes}
    blocks = state.blocks
    i = 0
    while i < len(blocks):
        digits = _STARTS_WITH_DIGITS.match(blocks[i].text) if blocks[i].kind == "text" else None
        beyond = ruled and expected > last and not took  # past the ruled notes: only a marker the text printed
        if (
            digits is None
            or int(digits.group(1)) != expected
            or not _cited_before(blocks[:i], digits.group(1), tokens_only=bool(beyond))
        ):
            i += 1
            continue
        while i < len(blocks) and blocks[i].kind == "text":
            digits = _STARTS_WITH_DIGITS.match(blocks[i].text)
            if digits is None or int(digits.group(1)) != expected:
                tail = _take_tail(state, i)
                if not tail:
                    break
                i += tail
                continue
            note = NoteDef(digits.group(1), digits.group(2).strip(), blocks[i].line, i)
            _insert_note(state, note)
            labels.add(note.label)
            following = _split_run_on(note, labels)
            while following is not None:
                _insert_note(state, following)
                expected = int(following.label)
                following = _split_run_on(following, labels)
            took = True
            expected = free(expected + 1)
            i += 1


def run_on_notes(state: ReadState) -> None:
    """`3  United Nations, Treaty Series, vol. 1249, No. 20378. 4  Ibid., vol. 1577, No. 27531.`: a converter
    ran two notes into one line. Where note N+1 is not defined, its number after note N's closing stop (a
    space after it, then the note's first character) starts it."""
    notes = state.notes
    labels = {n.label for n in notes}
    k = 0
    while k < len(notes):
        following = _split_run_on(notes[k], labels)
        if following is not None:
            notes.insert(k + 1, following)
        k += 1


def _split_run_on(note: NoteDef, labels: set[str]) -> NoteDef | None:
    """The note run on inside `note` (see `run_on_notes`), cut from it; its label joins `labels`. After a
    star's note (`* On behalf of … 10 May 2024. 1  Resolution 217 A (III).`) comes note 1."""
    following = str(int(note.label) + 1) if note.label.isdigit() else "1"
    m = _run_on(following).search(note.text) if following not in labels else None
    if m is None:
        return None
    note.text, rest = note.text[: m.start()].rstrip(), note.text[m.end() :]
    labels.add(following)
    return NoteDef(following, rest.strip(), note.line, note.position)


@lru_cache(maxsize=256)
def _run_on(label: str) -> re.Pattern[str]:
    """Note `label` run on after the note before it ends (`…27531. 4  Ibid.`), compiled once per label."""
    return re.compile(rf"(?<=[.)”\"]) {re.escape(label)}\s+(?=[^\s\d])")


def _cited_before(blocks: list[Block], label: str, tokens_only: bool = False) -> bool:
    """A marker for `label` in the text before: a token already (`<sup>1</sup>`, `¹`), or plain digits."""
    token = marker(label)
    return any(
        b.kind == "text" and (token in b.text or (not tokens_only and _candidates(b.text, label))) for b in blocks
    )


# A marker in the raw PDF form: digits right after a word or punctuation, or
# after punctuation and one or two spaces. Hand-written: no library reads
# footnote numbers out of extracted PDF text.
_NOT_BEFORE_SPACED = re.compile(
    r"(?i)\b(paragraphs?|paras?|articles?|art|resolutions?|decisions?|No|Nos|of|and|to|from|items?|"
    r"chapters?|chap|annex|sect|section|at|on|by|in|under|pages?|part|goals?|targets?|rules?|"
    r"principles?|per|than|about|some|over|the|a|an|with|for|or|nor|all|Add|Rev|Corr|session|Vol|"
    r"(?:its|their|our|these|those|agenda|annual|estimated)(?=\s*$))[^\w,;]*$"
)  # ("resolutions 3" is a number; "resolutions, 3" a marker; right after a count's or a name's word, a number of
#   the text: "its 17 Sustainable Development Goals", "Agenda 21", but "Action Agenda. 1" is a marker)
_NOT_AFTER = re.compile(  # matched at the position right after the candidate
    rf"(?:\s*(?:{MONTHS}|per cent|%|years?|months?|days?|weeks?|hours?|million|billion|trillion)|[\d/.,]\d)"
)
_GLUED_AFTER = re.compile(r"(?:[,;:.]\s?|[a-z])$")
_NUMBER_LISTED = re.compile(r"\d, {1,2}$")
_RIGHT_AFTER = re.compile(r"[^\W\d_]$|[,;:)”’\"]$|[a-z]{3}\.$")
_DECIMAL_POINT = re.compile(r"\d\.$")
_SPACED_AFTER = re.compile(r"(?:[^\W\d_]|[,;:)”’\"]|[a-z]{3}\.) {1,2}$")
_WORDISH = re.compile(r"[\w,;]")
_LONGEST_WORD = 16  # longer than any word `_NOT_BEFORE_SPACED` names
_REACH = 48  # how far back `_NOT_BEFORE_SPACED` is tried first


@lru_cache(maxsize=1024)
def _label_patterns(label: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The three ways `label` may stand as a marker (see `_candidates`), compiled once per label."""
    # Each opens with a literal (the label, or a year's first digit), so the engine skips ahead to where one
    # stands; the lookbehinds that would open them test the same characters from after it.
    digits = re.escape(label)
    return (
        re.compile(rf"{digits}(?:(?<![\d/.\-–]{digits})|(?<=[a-z]{{3}}\.{digits}))(?![\d/°%])"),
        re.compile(rf"(?:1[89]|20)(?<!\d..)\d\d({digits})(?![\d/°%])"),
        re.compile(rf"(?:1[89]|20)(?<![\d/]..)\d\d {{1,2}}({digits})(?= {{1,2}}[a-z]|[,;.]|$)"),
    )


def _candidates(text: str, label: str) -> list[tuple[int, int]]:
    """Positions (start, end) where `label` may stand as a marker in text, in order."""
    found: list[tuple[int, int]] = []
    if label not in text:
        return found  # every form below has the label in it
    anywhere, glued_to_year, after_year = _label_patterns(label)
    # After a full stop only at a sentence's end (`persons.8`), never in a number or symbol (`1.5`, `Add.1`).
    for m in anywhere.finditer(text):
        start, end = m.start(), m.end()
        if start == 0 or text[start - 1] == MARK_OPEN:
            continue
        following = text[end : end + 1]
        # `Observation,1and`, `Development, 3sport` (pypdfium2 loses the space after a marker)
        glued = following.islower() and search_end(_GLUED_AFTER, text, 2, start)
        if following and not (following.isspace() or following in ',;.:)”’"' + MARK_OPEN or glued):
            continue
        if _NOT_AFTER.match(text, end) or (text.startswith(". ", end) and text.endswith("Action ", 0, start)):
            continue  # `Action 17. We will …` numbers an action
        if search_end(_NUMBER_LISTED, text, 4, start) and _LISTS_NUMBERS.match(text, end):
            continue  # `programmes 2, 10, 17 and 25`: a number among numbers
        if _marker_may_follow(text, start):
            found.append((start, end))
    # A marker glued to a year: "of 12 August 19495" is 1949 and note 5; or set apart from
    # it by a space or two before a word: "of 12 August 1949 2 and".
    for m in glued_to_year.finditer(text):
        found.append((m.start(1), m.end(1)))
    for m in after_year.finditer(text):
        found.append((m.start(1), m.end(1)))
    return sorted(found)


def _marker_may_follow(text: str, start: int) -> bool:
    """A marker sits right after a word or punctuation (not a decimal point),
    or after punctuation or a word and one or two spaces, unless that word
    calls for a number ("paragraph 5", "of 14"). Only the text before `start` counts."""
    if search_end(_RIGHT_AFTER, text, 4, start):
        return not search_end(_DECIMAL_POINT, text, 2, start)
    spaced = search_end(_SPACED_AFTER, text, 6, start)  # `Nations. 11  We reiterate`
    return bool(spaced) and not _calls_for_number(text, start)


def _calls_for_number(text: str, start: int) -> bool:
    """`_NOT_BEFORE_SPACED` on the text before `start`, less trailing white space: tried on its last
    `_REACH` characters, and on the whole only when a word it names could begin before those."""
    end = start
    while end and text[end - 1].isspace():
        end -= 1
    window = max(0, end - _REACH)
    if _NOT_BEFORE_SPACED.search(text, window, end):
        return True
    if window == 0 or _WORDISH.search(text, window + _LONGEST_WORD, end):
        return False
    return bool(_NOT_BEFORE_SPACED.search(text, 0, end))


def digit_markers(state: ReadState) -> None:
    """Tie each digit-labelled note to its marker: the label, in order, on its page.

    Notes are numbered in reading order and printed at the foot of the page
    that cites them, so the marker of note N lies after the marker of note
    N-1 and before the place where note N is printed.
    """
    cited = {m for b in state.blocks if b.kind == "text" for m in MARKER_RE.findall(b.text)}
    later = {n.label: n for n in state.notes if n.label.isdigit() and n.label not in cited}
    cursor = (0, 0)
    for note in state.notes:
        if not note.label.isdigit() or note.label in cited:
            continue
        hit = _first_place(state.blocks, cursor, note)
        if hit is None:
            continue
        bi, start, end = hit
        block = state.blocks[bi]
        head = block.text[:start].rstrip(" ")
        tail = block.text[end:]
        if tail[:1].isalpha():  # `Knowledge2and`: the extractor lost the space the marker stood before
            tail = " " + tail
        stray = _overtaken(state.blocks, cursor, hit, note, later)
        block.text = head + marker(note.label) + tail
        if not stray:
            cursor = (bi, len(head) + len(marker(note.label)))
        cited.add(note.label)


def _first_place(
    blocks: list[Block], cursor: tuple[int, int], note: NoteDef, last: int | None = None
) -> tuple[int, int, int] | None:
    """The first place (block, start, end) after `cursor` where `note`'s label may stand as a marker
    (in block `last` at the latest)."""
    end = min(note.position, len(blocks), len(blocks) if last is None else last + 1)
    for bi in range(cursor[0], end):
        block = blocks[bi]
        if block.kind != "text":
            continue
        offset = cursor[1] if bi == cursor[0] else 0
        found = _candidates(block.text[offset:], note.label)
        if found:
            return bi, offset + found[0][0], offset + found[0][1]
    return None


_OVERTAKING = 3  # the next notes whose markers, all before a place, show it a stray number


def _overtaken(
    blocks: list[Block], cursor: tuple[int, int], hit: tuple[int, int, int], note: NoteDef, later: dict[str, NoteDef]
) -> bool:
    """Whether the markers of the next `_OVERTAKING` notes all stand, in order, before `hit` on its page:
    then `hit` is a marker the text layer lost from its place and printed at the end of the page's
    text (pdftotext: `Development Programme,5` after the markers of notes 6 to 14), and moving the
    cursor past it would leave every marker in between unfound."""
    page = hit[0]  # the first block of hit's page (a table's numbers pages before are not markers)
    while page > cursor[0] and blocks[page - 1].kind != "break":
        page -= 1
    if page > cursor[0]:
        cursor = (page, 0)
    number = int(note.label)
    if not any(str(number + 1) in text for text in _between(blocks, cursor, hit)):
        return False  # most places: the next label is not even written before them
    for k in range(1, _OVERTAKING + 1):
        following = later.get(str(number + k))
        place = _first_place(blocks, cursor, following, hit[0]) if following is not None else None
        if place is None or place[:2] >= hit[:2]:
            return False
        cursor = (place[0], place[2])
    return True


def _between(blocks: list[Block], cursor: tuple[int, int], hit: tuple[int, int, int]) -> list[str]:
    """The text of each block from `cursor` up to the start of `hit`."""
    return [
        blocks[bi].text[cursor[1] if bi == cursor[0] else 0 : hit[1] if bi == hit[0] else None]
        for bi in range(cursor[0], hit[0] + 1)
    ]


# The forms a marker takes where the text layer glued or spaced it so that it reads as part of a
# number (see `only_place_markers`); each group 1 is the marker. Hand-written, like `_candidates`.
_CALLS_FOR_NUMBER = re.compile(
    r"(?i)\b(?:paragraphs?|paras?|articles?|art|No|Nos|chapters?|chap|sections?|sect|annex|items?|pages?|part|"
    r"goal|targets?|rules?|resolution|decision|per|than|about|some|over|the|a|an|with|for|or|nor|all|of|and|"
    r"to|from|at|on|by|in|under|Add|Rev|Corr|Vol)$"
)
_LISTS_NUMBERS = re.compile(r"\s*(?:and|or|to)\s+\d|,\s*\d")  # `Goals 5 and 6`, `1, 2`: numbers, not a marker
_DATED = re.compile(r" of \d")
# `resolutions 5/7 27 and 5/8 28 of 2 March 2022`, `54/2639 and 54/3340 of 12 October 2023`: where the
# sentence already has a marker right after a symbol's number, its symbols carry their markers before
# the shared date
_MARKED_SYMBOL = re.compile(rf"\d/\d{{1,4}}[,;]? ?{MARK_OPEN}")
_SENTENCE_END = re.compile(r"[a-z]{3}\. [A-Z]")
# `including the decision 20  on funding`, `the Advisory Centre on … Dispute Resolution 5 as`: a decision
# or resolution called by the article or named in a title takes no bare number (decisions and resolutions
# are cited by symbol, `decision 1/CP.21`, `its resolution 78/1`)
_NAMED_NOT_NUMBERED = re.compile(
    r"(?:\b(?:the|a|draft) (?:decision|resolution)|\b[A-Z][a-z]+ (?:Decision|Resolution))$"
)  # `regretting that a draft resolution 8  was not adopted`: drafts too are cited by symbol
_YEAR = re.compile(r"(?:19|20)\d\d")  # `61/29 of 4 December 2006`: a dated symbol's marker follows the date


@lru_cache(maxsize=1024)
def _loose_patterns(label: str) -> tuple[re.Pattern[str], ...]:
    digits = re.escape(label)
    forms = (
        # `(the Nelson Mandela Rules) 40 and`, `Development Goals 5 and`, `at its eighth session 40 for`
        re.compile(rf"(?:(?<=[^\W\d_])|(?<=[)”’\"])) {{1,2}}({digits})(?=[\s,;.:]|$)"),
        # `resolution 5/1411 requesting`, `decision VII/1115`, `COVID-1916` (or `COVID‑1916`, a non-breaking
        # hyphen), `paragraphs VIII.7441`
        re.compile(rf"(?<=[/.\-–\u2011])\d+?({digits})(?=[\s,;:)]|\.(?:\s|$)|$)"),
        # `resolutions 71/205 20 and`, `5/7 27 and`, `COVID-19 13 and`: spaced after a symbol's number
        re.compile(
            rf"(?:(?<=[/\-–]\d)|(?<=[/\-–]\d\d)|(?<=[/\-–]\d{{3}})|(?<=[/\-–]\d{{4}})) {{1,2}}({digits})"
            r"(?= {1,2}[a-z]|[,;.]|$)"
        ),
        # `the 2010 8 Review Conferences`: spaced after a year, before a capitalised word
        re.compile(rf"(?<=\b(?:19|20)\d\d) {{1,2}}({digits})(?= {{1,2}}[A-Z])"),
        # `(A/80/100/Add.1).1`: after a full stop that closes a bracket
        re.compile(rf"(?<=[)”\"]\.)({digits})(?=\s|$)"),
        # `the Sendai Framework 2015–2030. 14 Disasters`, `“The future we want”. 5`: spaced after the full
        # stop that ends a sentence on a number or a quotation, before the next sentence or the block's end
        re.compile(rf"(?<=[\d)”’\"]\.)\s{{1,2}}({digits})(?=\s{{1,2}}[A-Z]|\s*$)"),
        # `resolution 5/14 of 2 March 2022.13`: glued to the full stop after a year that ends a sentence
        re.compile(rf"(?<=\b(?:19|20)\d\d\.)({digits})(?=\s|$)"),
        # `referred to under model strategy 10.24 Furthermore`: glued to the full stop after an item's
        # number that ends a sentence, before the next
        re.compile(rf"(?:(?<=[a-z] \d\.)|(?<=[a-z] \d\d\.)|(?<=[a-z] \d{{3}}\.))({digits})(?= {{1,2}}[A-Z][a-z])"),
        # `all previous resolutions 3on the follow-up`, `the Treaty 6and the`, `(Protocol V)8to the`: a
        # number is never glued to the word after it (but an ordinal's `2nd`, an article's `4bis`); a
        # marker is, where the text layer lost the space
        re.compile(rf"(?:(?<=[^\W\d_] )|(?<=[)”’\"]))({digits})(?=(?!(?:st|nd|rd|th|bis|ter|quater)\b)[a-z]{{2,}}\b)"),
    )
    if len(label) < 2:
        return forms  # glued to a number of up to three digits, a one-digit label makes at most four
    # `among at least 56514 humanitarian workers`: UN style writes 565 and 56,514, never five digits
    # in a row, so the run is a number of up to three digits and the marker glued to it
    return (*forms, re.compile(rf"(?<![\d,./\-–\u2011])\d{{{5 - len(label)},3}}({digits})(?=[\s,;:]|$)"))


def _marks_its_symbols(text: str, start: int) -> bool:
    """Does the sentence before `start` carry a marker right after a symbol's number (`_MARKED_SYMBOL`)?"""
    begin = max(0, start - 400)
    last_end = max((m.end() for m in _SENTENCE_END.finditer(text, begin, start)), default=begin)
    return bool(_MARKED_SYMBOL.search(text, last_end, start))


def _loose_candidates(text: str, label: str) -> list[tuple[int, int]]:
    """Where `label` may stand as a marker that the text layer glued to a number or spaced after a word
    that may call for one: the places `_candidates` refuses, less those that read as numbers."""
    found = _candidates(text, label)
    if label not in text:
        return found
    following = str(int(label) + 1)
    for form, pattern in enumerate(_loose_patterns(label)):
        for m in pattern.finditer(text):
            start, end = m.start(1), m.end(1)
            before = text[:start].rstrip(" ")
            if len(before) < start and not before.endswith((")", "”", "’", '"')):
                word = before[-16:].split()[-1:]  # a word before the spaces (after a bracket: none)
                if word and _CALLS_FOR_NUMBER.search(word[0]) and not _NAMED_NOT_NUMBERED.search(before):
                    continue
            if _NOT_AFTER.match(text, end) and not text.startswith("," + following, end):
                continue  # `conflict,10,11`: two markers, not the number 10,11
            if form == 0 and _LISTS_NUMBERS.match(text, end) and not text.startswith("," + following, end):
                continue  # after a word, `5 and 6` are numbers; after a symbol, `and 72/190` lists symbols
            if _DATED.match(text, end) and not (form in (1, 2) and _marks_its_symbols(text, start)):
                continue
            found.append((start, end))
    # `Agenda 216 and`: glued to the number of a name; the name's own number is never a year
    for m in re.finditer(rf"\b([A-Z][a-z]+) ([1-9]\d?)({re.escape(label)})(?=[\s,;:)]|\.(?:\s|$)|$)", text):
        number, end = m.group(2) + label, m.end(3)
        if _CALLS_FOR_NUMBER.search(m.group(1)) or _YEAR.fullmatch(number) or _NOT_AFTER.match(text, end):
            continue  # `Goal 16`, `Reduction 2015`, `Phase 25 per cent`: numbers
        if _LISTS_NUMBERS.match(text, end) or _DATED.match(text, end):
            continue
        found.append((m.start(3), end))
    # `conflict,10,11`: a marker right before the next one
    for m in re.finditer(rf"(?<=[^\W\d_][,;:])({re.escape(label)}),{following}(?!\d)", text):
        found.append((m.start(1), m.end(1)))
    return sorted(set(found))


def only_place_markers(state: ReadState) -> None:
    """A digit-labelled note whose marker `digit_markers` did not find, tied to the one place it can be.

    The text layer glues a marker to a number (`resolution 5/1411` is 5/14 and note 11,
    `COVID-1916`) or spaces it after a word that may call for a number (`the Nelson
    Mandela Rules) 40`, `Development Goals 5 and`), after a sentence's full stop
    (`2015–2030. 14 Disasters`, `March 2022.13`) or glued to the word after it
    (`resolutions 3on the`) or to the number of a name (`Agenda 216 and` is Agenda 21
    and note 6), to an item's number (`model strategy 10.24 Furthermore`) or to a number
    UN style never prints (`at least 56514 workers` is 565 and note 14), or sets it before
    the date a sentence's marked symbols share (`5/7 27 and 5/8 28 of 2 March 2022`),
    forms `digit_markers` refuses, since most such digits are numbers. Between the markers of
    the notes before and after it (and before the place the note is printed: `_window`), the
    marker of note N can only be where N is written; where exactly one such place is left, it
    is that place. Two places or none: the note stays unreferenced, and the build says so.
    A place inside a number the document prints elsewhere just so (`resolution 70/125` twice: not
    70/1 and note 25) is a number of the text, not a place.
    """
    blocks = state.blocks
    where = _marker_places(blocks)
    printed: Counter[str] | None = None
    for note in _unplaced(state, where):
        if note.label in where:
            continue  # a label printed twice, its marker placed for the first
        places: list[tuple[int, int, int]] = []
        for bi, offset, end in _window(note, where, blocks):
            # found in the whole block, so that what stands before the window still counts (a marker
            # placed after a symbol earlier in the sentence: `_marks_its_symbols`)
            for start, stop in _loose_candidates(blocks[bi].text[:end], note.label):
                if start >= offset:
                    places.append((bi, start, stop))
        if any(_glued(blocks[bi].text, start) for bi, start, _ in places):
            printed = printed if printed is not None else _printed(blocks)
            places = [p for p in places if not _glued(blocks[p[0]].text, p[1]) or printed[_number_at(*p, blocks)] < 2]
        if len(places) != 1:
            continue
        bi, start, end = places[0]
        block = blocks[bi]
        head = block.text[:start].rstrip(" ")
        tail = block.text[end:]
        if tail[:1].isalpha():
            tail = " " + tail
        block.text = head + marker(note.label) + tail
        where = _marker_places(blocks)


_EDGE_PUNCTUATION = ',;:.()[]“”‘’"'


def _glued(text: str, start: int) -> bool:
    """Whether a candidate at `start` is glued to what stands before it (part of a longer number)."""
    return start > 0 and not text[start - 1].isspace()


def _number_at(bi: int, start: int, end: int, blocks: list[Block]) -> str:
    """The whole white-space-delimited token a candidate lies in, without its edge punctuation."""
    text = blocks[bi].text
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(_EDGE_PUNCTUATION)


def _printed(blocks: list[Block]) -> Counter[str]:
    """How often each token (as `_number_at` cuts it) stands in the document's running text."""
    return Counter(w.strip(_EDGE_PUNCTUATION) for b in blocks if b.kind == "text" for w in b.text.split())


def _unplaced(state: ReadState, where: dict[str, tuple[int, int, int]]) -> list[NoteDef]:
    """The digit-labelled notes with no marker placed yet (`where`: `_marker_places`)."""
    return [n for n in state.notes if n.label.isdigit() and n.label not in where]


def _window(note: NoteDef, where: dict[str, tuple[int, int, int]], blocks: list[Block]) -> list[tuple[int, int, int]]:
    """Where the marker of digit-labelled `note` can be: (block index, from, to) for each text block
    between the markers of the notes before and after it, and before the place the note is printed."""
    number = int(note.label)
    lower = max((k for k in where if int(k) < number), key=int, default=None)
    upper = min((k for k in where if int(k) > number), key=int, default=None)
    lo = (where[lower][0], where[lower][2]) if lower is not None else (0, 0)
    hi = (min(note.position, len(blocks)), 0)
    if upper is not None and where[upper][:2] < hi:
        hi = where[upper][:2]
    return [
        (bi, lo[1] if bi == lo[0] else 0, hi[1] if bi == hi[0] else len(blocks[bi].text))
        for bi in range(lo[0], min(hi[0] + 1, len(blocks)))
        if blocks[bi].kind == "text"
    ]


_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")  # a word of letters alone (not the `nd` of `2nd`)


def split_word_markers(state: ReadState) -> None:
    """A digit-labelled note whose marker the text layer set inside the next word: `2015–2030, a 8 nd
    other` (A/RES/79/263: the superscript 8 after the comma landed between the `a` and the `nd` of
    "and"). Between its neighbours' markers, the one place where the label parts two pieces that
    make a word the document uses, the second piece standing as a word nowhere else, is the marker:
    it is put before the word made whole (`2015–2030,⁸ and other`). Hand-written, like the other
    marker rules."""
    blocks = state.blocks
    where = _marker_places(blocks)
    missing = _unplaced(state, where)
    if not missing:
        return  # every marker found (most documents)
    vocabulary = Counter(w.lower() for b in blocks if b.kind == "text" for w in _WORD.findall(b.plain))
    for note in missing:
        if note.label in where:
            continue
        split = re.compile(rf"(?<![^\W\d_])([^\W\d_]{{1,4}}) {re.escape(note.label)} ([a-z]{{1,8}})(?![^\W\d_])")
        places = [
            (bi, m)
            for bi, offset, end in _window(note, where, blocks)
            for m in split.finditer(blocks[bi].text, offset, end)
            if vocabulary[(m[1] + m[2]).lower()] and vocabulary[m[2]] == 1  # the piece stands only here
        ]
        if len(places) != 1:
            continue
        bi, m = places[0]
        block = blocks[bi]
        block.text = f"{block.text[: m.start()].rstrip(' ')}{marker(note.label)} {m[1]}{m[2]}{block.text[m.end() :]}"
        where = _marker_places(blocks)


_STAR_AFTER_LETTER = re.compile(rf"(?<=(?<![^\W\d_])[A-Z]){MARK_OPEN}(\*{{1,3}}){MARK_CLOSE}")


def lettered_stars(state: ReadState) -> None:
    """`Member States in level H* have a discount` (A/RES/79/250, under its table of levels A–J): a star
    right after a lone capital letter, in a document with no note of that many stars, is part of the
    letter's name (level H*), not a note marker; it is text again. Where such a note exists, the star
    stays its marker."""
    starred = {n.label for n in state.notes if n.label.startswith("*")}
    for block in state.blocks:
        if block.kind == "text" and MARK_OPEN in block.text and "*" in block.text:
            block.text = _STAR_AFTER_LETTER.sub(lambda m: m[0] if m[1] in starred else m[1], block.text)


def _marker_places(blocks: list[Block]) -> dict[str, tuple[int, int, int]]:
    """Each digit marker's first place: (block index, offset of its token, offset right after it)."""
    where: dict[str, tuple[int, int, int]] = {}
    for bi, block in enumerate(blocks):
        if block.kind != "text" or MARK_OPEN not in block.text:
            continue
        for m in MARKER_RE.finditer(block.text):
            if m.group(1).isdigit() and m.group(1) not in where:
                where[m.group(1)] = (bi, m.start(), m.end())
    return where


NOTE_RULES = Ruler(
    "notes",
    [
        ("extract_notes", extract_notes),
        ("shuffled_notes", shuffled_notes),
        ("run_on_notes", run_on_notes),  # before `unruled_notes`, which goes on from the notes it splits off
        ("unruled_notes", unruled_notes),
        ("bulleted_star_notes", bulleted_star_notes),
        ("digit_markers", digit_markers),
        ("only_place_markers", only_place_markers),
        ("split_word_markers", split_word_markers),
        ("lettered_stars", lettered_stars),
    ],
)
