"""Structure rules: blocks to parts, headings and anchored paragraphs.

Guarantees to the renderer: every block of the text is in exactly one
`Paragraph` or `Heading` of one `Part`, in reading order, each with an anchor
that depends only on the document's own numbering (see `builder.anchors`);
sub-paragraphs are nested under their paragraph; notes are `Note`s whose
`ref_ids` list every reference to them, header fields included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder import anchors
from builder.model import Heading, Inline, Note, Paragraph, Part
from builder.reading.citations import Citer
from builder.reading.inline import to_inline
from builder.reading.patterns import FORMULA_RE, HEADING_MAX, ITEM_LABEL, LONE_LETTER, NAMED_DIVISION, ROMANS
from builder.reading.starts import OPERATIVE
from builder.reading.state import EM_OPEN, STRONG_OPEN, Block, ReadState

_QUOTE = r"(?P<quote>[“\"‘]?)"
_NUMBERED = re.compile(rf"^{_QUOTE}(?P<num>\d{{1,3}})\.(?:\s+|$)(?P<rest>.*)$", re.DOTALL)
_UNDOTTED = re.compile(rf"^{_QUOTE}(?P<num>\d{{1,3}})\s+(?P<rest>[{EM_OPEN}{STRONG_OPEN}]?[A-Z].*)$", re.DOTALL)
_ACTION = re.compile(rf"^{_QUOTE}Action (?P<num>\d{{1,3}})\.\s+(?P<rest>.*)$", re.DOTALL)
_ITEM = re.compile(rf"^{_QUOTE}{ITEM_LABEL}(?:\s+|$)(?P<rest>.*)$", re.DOTALL)
_SUB = re.compile(rf"^{_QUOTE}\((?P<num>[a-z]{{1,2}}|[ivxlc]{{1,7}})\)\s*(?P<rest>.*)$", re.DOTALL)
_FORMULA = FORMULA_RE
_ROMAN_HEADING = re.compile(r"^(?P<num>[IVXLC]{1,6})\.?\s+(?P<rest>[A-Z“\"].*)$", re.DOTALL)
_LETTER_HEADING = re.compile(r"^(?P<num>[A-H])\.?\s+(?P<rest>[A-Z“\"].*)$", re.DOTALL)
_ANNEX = re.compile(r"^Annex(?:es)?(?: (?P<num>[IVXLC]{1,6}|\d{1,2}))?$")
_ROMAN = re.compile(r"^[ivxlc]+$")
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_LONE_ROMAN = re.compile(r"[IVXLC]{1,6}\.?")
_LONE_SECTION = re.compile(r"[IVXLC]{1,6}\.?|[A-H]\.?")
_SECTION_AND_REST = re.compile(r"^(?P<num>[IVXLC]{1,6}|[A-H])\.?\s+(?P<rest>.+)$", re.DOTALL)
_ENDS_CLAUSE = re.compile(r"[;,:]\W*$")
_SHORT_HEADING = 250
_FIGURES = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3}){2,}(?![\d,])")  # an amount as tables print it: 92 738 500
_ENDS_SENTENCE = re.compile(r"[.;,:]\W*$")
_DEEPER = re.compile(r"^(?:[a-z]\.|[a-z]\)|\([A-Z]\)|[A-Z]\)|[-–•·]|\d{1,2}\))\s")
_NAMED_HEADING = re.compile(rf"^{NAMED_DIVISION}(?=\s|$)")
# A rule of procedure ("Rule 7 General powers of the President", numbered paragraphs under it) is an article.
# A programme of action's priority area ("Priority area 2: Trade, …"), its sections I, II, … under it,
# its paragraphs numbered on across the areas (A/RES/79/233 annex).
_AREA_HEADING = re.compile(r"^(?P<kind>Priority area) (?P<num>\d{1,2}):\s+(?P<rest>\S.*)$", re.DOTALL)
_NAMED_LEVEL = {"Part": 2, "Chapter": 2, "Section": 2, "Article": 3, "Rule": 3}
_NAMED_ID = {"Part": "part", "Chapter": "chap", "Section": "sec", "Article": "art", "Rule": "rule"}

_PREAMBLE_OPENING = re.compile(
    r"^(?:(?:Also|Further|Deeply|Profoundly|Seriously|Gravely|Strongly|Firmly|Fully|Particularly|"
    r"Greatly|Again|Once again|Expressing|Bearing|Taking|Having)\s+)?"
    r"(?:[A-Za-z][a-z]+(?:ing|ed)|Aware|Mindful|Cognizant|Conscious|Desirous|Determined|Convinced|Alarmed)\b"
    r"(?:\s+(?:also|further|again|in mind|into account|attention|note|with (?:deep |grave |great |serious )?"
    r"(?:concern|appreciation|satisfaction|regret|alarm)|of)\b)*"
)
_OPERATIVE_OPENING = re.compile(
    r"^(?:(?:Also|Further|Again|Once again|Strongly|Firmly|Urgently|Once more|Reiterates|Further)\s+)?"
    r"[A-Za-z][a-z]+(?:s|es)\b"
    r"(?:\s+(?:also|further|again|upon|on|note|with (?:deep |grave |great )?(?:appreciation|concern|satisfaction)|"
    r"its (?:request|call|support|concern|commitment))\b)*"
)


@dataclass
class _Cursor:
    """Where the structure walk is: the current part, paragraph and sub-paragraphs."""

    part: Part
    enacted: bool = False
    started: bool = False
    preamble: int = 0
    intro: int = 0
    text: int = 0
    section: str = ""
    subsection: str = ""
    scope: str = ""
    scoped_level: int = 0
    area: str = ""  # the open priority area's heading id and "-", which the ids of its sections begin with
    heading: Heading | None = None  # the last heading, while no paragraph has followed it
    top: Paragraph | None = None
    letter: Paragraph | None = None
    roman: Paragraph | None = None
    used: set[str] = field(default_factory=set)
    numbers: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)  # numbers still to come of the list a paragraph introduced
    host: Paragraph | None = None  # the paragraph that list belongs to (`_list_item`)
    cite: Citer = field(default_factory=Citer)  # how its paragraphs are cited (builder.reading.citations)


def _heading_like(rest: str) -> bool:
    """Short, and ending in no clause punctuation; past 250 characters, ending in no full stop either
    (`A Credentials Committee … shall be appointed …. It shall examine …`: sentences, not a title).
    Holding no table's figures: `Part IV. International cooperation for development` / `9 Economic
    and social affairs 92 232 500` … is a row of a table of appropriations, its rows run into it."""
    plain = rest.strip()
    if _ENDS_CLAUSE.search(plain) or _FIGURES.search(plain):
        return False
    return len(plain) < _SHORT_HEADING or (len(plain) < HEADING_MAX and not plain.endswith("."))


def build_structure(state: ReadState) -> None:
    """Classify every block and hang it in the document tree."""
    parts = [Part(prefix="")]
    levels = iter(_restart_levels(state.blocks))
    cur = _Cursor(parts[0], scoped_level=next(levels))
    annexes = 0
    pending_annex_title = False
    for index, block in enumerate(state.blocks):
        if block.kind == "asterism":
            _asterism(state, cur, block)
            continue
        plain = block.plain.strip()
        first = block.first_line.strip()

        annex = _ANNEX.match(first) if first else None
        if annex or _ANNEX.match(plain):  # as `_opens_annex` says
            annexes += 1
            prefix = anchors.annex_prefix(annexes)
            head = first if annex else plain
            part = Part(prefix=prefix, label=head, anchor=prefix.rstrip("-"))
            rest = block.text[len(head) :].strip() if annex and block.text.startswith(head) else ""
            if rest:
                part.title = to_inline(rest)
            parts.append(part)
            cur = _Cursor(part, scoped_level=next(levels))
            pending_annex_title = not rest
            continue
        if pending_annex_title:
            pending_annex_title = False
            if _heading_like(plain) and not _NUMBERED.match(plain) and not _FORMULA.match(plain):
                cur.part.title = to_inline(block.text)
                continue

        if _FORMULA.match(plain) and not cur.started:
            cur.enacted = _enacts(plain, state.blocks[index + 1 :])
            cur.part.blocks.append(Paragraph("", "formula", to_inline(block.text), block.line))
            continue

        m = _NUMBERED.match(block.text) or _undotted_number(cur, block)
        if m:
            if not _list_item(state, cur, m, block, state.blocks[index + 1 :]):
                _numbered(state, cur, m, block, state.blocks[max(0, index - _ANNOUNCED_REACH) : index])
            continue

        m = _ACTION.match(block.text)
        if m:
            _action(state, cur, m, block)
            continue

        m = _ITEM.match(block.text)
        if m:
            _item(state, cur, m, block)
            continue

        m = _SUB.match(block.text)
        if m and _sub(state, cur, m, block):
            continue

        if cur.roman is not None and _DEEPER.match(block.plain):
            state.diagnostics.warn(
                "nesting",
                f"a list nested deeper than ({cur.roman.number}) in {cur.roman.anchor}; kept as unnumbered text",
                block.line,
            )

        if _area(state, cur, block, state.blocks[:index]):
            continue

        if _resolution_heading(state, cur, block, plain, state.blocks[index + 1 : index + 3]):
            continue

        if _section(state, cur, block, first, plain):
            continue

        if _interlude(cur, block, state.blocks[index + 1 : index + 1 + _INTERLUDE_REACH]):
            continue

        if _column_headings(cur, block, state.blocks[index + 1 :]):
            continue

        _unnumbered(state, cur, block)
    state.parts = [p for p in parts if p.blocks or p.title or p.prefix]


def _asterism(state: ReadState, cur: _Cursor, block: Block) -> None:
    """An asterism divides the paragraph before it from the next: it is printed after that paragraph."""
    last = cur.part.blocks[-1] if cur.part.blocks else None
    if isinstance(last, Paragraph):
        last.divided = True
    else:
        state.diagnostics.warn("asterism", f"“{block.text}” follows no paragraph; left out", block.line)


def _enacts(formula: str, rest: list[Block]) -> bool:
    """Does the formula open a preamble and operative paragraphs?

    "The General Assembly," always does. Printed without its comma, it does
    when numbered paragraphs follow ("The General Assembly" / "1. Authorizes");
    before "Adopts the following declaration:" the numbered paragraphs are the
    adopted text's own (`paraN`), as they are under no formula at all.
    """
    if formula.rstrip('”"').endswith(","):
        return True
    following = next((b for b in rest if b.kind == "text"), None)
    return following is not None and bool(_NUMBERED.match(following.text))


def _claim(state: ReadState, cur: _Cursor, anchor: str, line: int, recurs: bool = False) -> str:
    """Reserve an anchor; a duplicate gets a suffix, and a warning unless the text `recurs` by nature."""
    if anchor not in cur.used:
        cur.used.add(anchor)
        return anchor
    n = 2
    while f"{anchor}-{n}" in cur.used:
        n += 1
    if not recurs:
        state.diagnostics.warn(
            "duplicate-number", f"paragraph id {anchor!r} appears again; this one is {anchor}-{n}", line
        )
    cur.used.add(f"{anchor}-{n}")
    return f"{anchor}-{n}"


def _numbered(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block, before: list[Block]) -> None:
    number = int(m["num"])
    expected = cur.numbers[-1] + 1 if cur.numbers else 1
    repeated = number in cur.numbers  # before this one
    if number != expected and not _announced(number, before):
        what = "repeated" if repeated else f"jumps from {expected - 1} to" if cur.numbers else "starts at"
        state.diagnostics.warn(
            "numbering", f"paragraph number {what} {number} (expected {expected}, found {number})", block.line
        )
    cur.numbers.append(number)
    cur.started = True
    kind = "operative" if cur.enacted else "para"
    anchor = _claim(state, cur, cur.part.prefix + cur.scope + anchors.numbered(kind, m["num"]), block.line)
    content = to_inline(m["rest"])
    para = Paragraph(anchor, kind, content, block.line, number=m["num"], label=f"{m['quote']}{m['num']}.")
    para.opening = _opening(content, _OPERATIVE_OPENING if kind == "operative" else None)
    para.citation = cur.cite.numbered(cur.part, para, number, repeated=repeated)
    cur.part.blocks.append(para)
    cur.top, cur.letter, cur.roman, cur.heading = para, None, None, None
    cur.items, cur.host = [], None


_ANNOUNCED_REACH = 2  # blocks before a number that may announce it
_ANNOUNCES = re.compile(r"\bparagraph (?P<num>\d{1,3})\b[^.;]*:\W*$", re.IGNORECASE)


def _announced(number: int, before: list[Block]) -> bool:
    """Does the text just before announce this very number? `Amend paragraph 8 to read:` / `Independent
    panel` / `8. The Secretary-General …` (A/RES/79/144, annex): an amendment quotes the paragraph it
    rewrites, with that paragraph's own number. Its numbering is the amended text's, not a gap."""
    return any(
        (m := _ANNOUNCES.search(b.plain.rstrip())) is not None and int(m["num"]) == number
        for b in before
        if b.kind == "text"
    )


def _list_item(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block, following: list[Block]) -> bool:
    """An item of a numbered list a paragraph introduces with a colon, numbered apart from the paragraphs.

    `11. Approves the following provisional agenda …:` / `1. Opening of the Congress.` … `7. Adoption of
    the report …` / `12. Decides …` (A/RES/78/223); `7. … we will pursue the following objectives:` /
    `1.` … `5.` / `Principles` / `8.` (A/RES/79/1, annex I); `Article 9, new paragraph 4:` / `4. In hearing
    …` / `15.` (A/RES/78/248). Read as paragraphs, the items broke the numbering (`op1-2`, "repeated").
    A number out of sequence opens such a list when the paragraph (or sub-paragraph) before it ends in
    a colon and, after a run of numbers each one more than the last, the paragraphs' own numbering goes
    on where it stopped. Each item hangs under the paragraph that introduced it, numbered as printed
    (`op11-1`, cited "operative paragraph 11, item 1"). A run that could be either (items 1, 2 after
    paragraph 2, then 3) is read as paragraphs: the text cannot tell.
    """
    number = int(m["num"])
    if cur.items and number == cur.items[0] and cur.host is not None:
        cur.items.pop(0)
        _add_item(state, cur, m, block)
        return True
    host = cur.roman or cur.letter or cur.top
    run = _list_run(cur, host, number, following)
    if run is None:
        return False
    cur.host, cur.items = host, run[1:]
    _add_item(state, cur, m, block)
    return True


def _list_run(cur: _Cursor, host: Paragraph | None, number: int, following: list[Block]) -> list[int] | None:
    """The numbers of the list `number` opens under `host` (`_list_item`), or None when it opens none."""
    if not cur.numbers or number == cur.numbers[-1] + 1:
        return None
    if host is None or not host.content.text.rstrip().endswith(":"):
        return None
    expected, run = cur.numbers[-1] + 1, [number]
    for later in following:
        if _opens_annex(later):
            return None
        n = _NUMBERED.match(later.text)
        if n is None:
            continue
        if int(n["num"]) == expected:
            return run
        if int(n["num"]) != run[-1] + 1:
            return None
        run.append(int(n["num"]))
    return None


def _column_headings(cur: _Cursor, block: Block, following: list[Block]) -> bool:
    """A table's column headings between a paragraph ending in a colon and the numbered rows it
    introduces: `1. Estimates of income … are approved as follows:` / `Income section` / `Amount
    (United States dollars)` / `1. Income from staff assessment` … / `2. The income …` (A/C.5/80/L.6,
    resolution B). Read as a paragraph of the document, the headings stood between the paragraph
    and its list, and the rows became paragraphs (`para1-2`, "repeated"). They are kept, in order,
    as the paragraph's unnumbered child (`para1-text1`), and the rows as its list (`_list_item`)."""
    host = cur.top
    if host is None or host.kind not in ("operative", "para") or cur.letter is not None or host.children:
        return False
    if not following or not _heading_like(block.plain) or _ENDS_SENTENCE.search(block.plain.strip()):
        return False
    m = _NUMBERED.match(following[0].text)
    if m is None or _list_run(cur, host, int(m["num"]), following[1:]) is None:
        return False
    _unnumbered_child(cur, host, block)
    return True


def _add_item(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block) -> None:
    host = cur.host
    anchor = _claim(state, cur, f"{host.anchor}-{m['num']}", block.line)
    label = f"{m['quote']}{m['num']}."
    para = Paragraph(anchor, "sub", to_inline(m["rest"]), block.line, number=m["num"], label=label)
    para.citation = cur.cite.list_item(host, para)
    host.children.append(para)


def _undotted_number(cur: _Cursor, block: Block) -> re.Match[str] | None:
    """`6` on a line of its own, then `Also reaffirms the important role …`: the next paragraph's number,
    its full stop lost in the text layer (A/RES/80/167 para. 6, A/RES/79/160 paras. 26–27). Only the
    number that comes next, printed alone on the first line, and a capitalised text after it (in
    italics, as a PDF prints the opening verb: `6` / `*Also reaffirms*`); on the line of its text only
    where that opens with an operative verb (`6 Also reaffirms …`, as pypdf prints it), not a count
    (`14 Member States …`)."""
    if not cur.numbers or not block.first_line[:1].isdigit():
        return None
    m = _UNDOTTED.match(block.text)
    if m is None or int(m["num"]) != cur.numbers[-1] + 1:
        return None
    if block.first_line.strip() != m["num"] and not OPERATIVE.match(Block(m["rest"], 0).plain):
        return None  # on one line with its text only before an operative verb (`6 Also reaffirms …`, pypdf)
    return m


def _action(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block) -> None:
    """`Action 17. We will …`: an outcome document's numbered actions (the Pact for the Future),
    cited "action 17"; they run beside the paragraph numbers, not in them."""
    anchor = _claim(state, cur, cur.part.prefix + cur.scope + anchors.action(m["num"]), block.line)
    label = f"{m['quote']}Action {m['num']}."
    para = Paragraph(anchor, "action", to_inline(m["rest"]), block.line, number=m["num"], label=label)
    para.citation = cur.cite.distinct(anchors.citation(cur.part, para))
    cur.part.blocks.append(para)
    cur.top, cur.letter, cur.roman, cur.heading = para, None, None, None


def _item(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block) -> None:
    """`Item 3. Promotion and protection of the rights of children:` / `(a)` … : an item of a programme
    of work (A/C.3/80/L.60), its sub-items under it (`item3-a`, cited "item 3 (a)"). Items number on
    their own: they are neither the paragraphs' numbers nor a break in them. A timetable takes an item
    up on each day it meets on (`Item 18: Sustainable development` … `Item 18: … (concluded)`, A/C.2/80/L.1):
    a later one is `item18-2`, cited "item 18, second occurrence", and no fault of the text."""
    anchor = _claim(state, cur, cur.part.prefix + cur.scope + anchors.item(m["num"]), block.line, recurs=True)
    label = f"{m['quote']}Item {m['num']}{m['sep']}"
    para = Paragraph(anchor, "item", to_inline(m["rest"]), block.line, number=m["num"], label=label)
    para.citation = cur.cite.distinct(anchors.citation(cur.part, para, cur.cite.scope))
    cur.part.blocks.append(para)
    cur.top, cur.letter, cur.roman, cur.heading = para, None, None, None


def _is_roman_sub(cur: _Cursor, num: str) -> bool:
    """(i) is roman under a lettered sub-paragraph, unless it follows (h); (c) after (b) (ii) is a letter."""
    if num not in ROMANS or cur.letter is None:
        return False  # (c), (l) are letters: sub-lists never run to a hundred
    next_letter = _next_sub(cur.letter.number, roman=False)
    next_roman = _next_sub(cur.roman.number if cur.roman else "", roman=True)
    if num != next_roman and num == next_letter:
        return False
    if num == next_roman and num != next_letter:
        return True
    previous = cur.letter.number
    follows = len(previous) == 1 and len(num) == 1 and ord(num) == ord(previous) + 1
    return not follows or cur.roman is not None


def _sub(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block) -> bool:
    num = m["num"]
    roman = _is_roman_sub(cur, num)
    parent = cur.letter if roman else cur.top
    if parent is None:
        return _heading_list_item(state, cur, m, block)
    previous = next((c.number for c in reversed(parent.children) if c.kind == "sub"), "")
    expected = _next_sub(previous, roman)
    # A list of romans right under a paragraph ((i), (ii) with no letters) runs in its own sequence.
    alternative = _next_sub(previous, roman=True) if not roman and previous in ("", *ROMANS) else expected
    in_sequence = num in (expected, alternative)
    if not in_sequence and _label_in_text(parent, previous):
        return False
    if not in_sequence:
        state.diagnostics.warn(
            "sub-numbering",
            f"sub-paragraph ({num}) of {parent.anchor} out of sequence (expected ({expected}), found ({num}))",
            block.line,
        )
    anchor = _claim(state, cur, f"{parent.anchor}-{num}", block.line)
    para = Paragraph(anchor, "sub", to_inline(m["rest"]), block.line, number=num, label=f"{m['quote']}({num})")
    para.citation = cur.cite.sub(parent, para)
    parent.children.append(para)
    if roman:
        cur.roman = para
    else:
        cur.letter, cur.roman = para, None
    return True


def _label_in_text(parent: Paragraph, previous: str) -> bool:
    """A letter out of sequence opening no list, under an unnumbered paragraph: a label within
    text, not a sub-paragraph, so it stays text (and no numbering is said to be broken).

    Tables read as text put such letters at the start of a line: a report's volume in a list
    of documents (`A/80/5/Add.15` / `… report of the Board of Auditors:` / `(q) International
    Residual Mechanism …`), an agenda item's sub-items after the first, which ran into the item's
    own line (`Item 26 Advancement of women (a) Advancement of women` / `(b) Implementation …`).
    Under a numbered paragraph the same letter is a list whose first items the source lost, and
    the build says so (`_sub`)."""
    return parent.kind == "text" and not previous


def _heading_list_item(state: ReadState, cur: _Cursor, m: re.Match[str], block: Block) -> bool:
    """`(a)`, `(b)`, … right under a heading, with no paragraph to hang on: the heading's own list.

    A paragraph ending in a colon ("… commit to the following actions:") may go on in lists under
    headings (`A. Build economic resilience` / `(a) Reform … by:` / `(i)` …, A/RES/78/317 annex,
    lines 921–975). Each item is a paragraph of the part, named by the heading
    (`annex-sec-iii-a-a`, cited "annex, section III.A (a)"); its romans hang on it. Only a list
    in order from (a) is taken; anything else stays text.
    """
    heading = cur.heading
    num = m["num"]
    previous = cur.letter.number if cur.letter is not None else ""
    if heading is None or num != _next_sub(previous, roman=False):
        return False
    anchor = _claim(state, cur, f"{heading.anchor}-{num}", block.line)
    para = Paragraph(anchor, "sub", to_inline(m["rest"]), block.line, number=num, label=f"{m['quote']}({num})")
    where = anchors.scope_label(heading.number, cur.section.upper() if heading.number != cur.section.upper() else "")
    prefix = [anchors.annex_label(cur.part)] if cur.part.prefix else []
    para.citation = cur.cite.distinct(", ".join([*prefix, where]) + f" ({num})")
    cur.part.blocks.append(para)
    cur.letter, cur.roman = para, None
    return True


_INTERLUDE_REACH = 4  # unnumbered blocks a list may hold between two of its items


def _interlude(cur: _Cursor, block: Block, following: list[Block]) -> bool:
    """An unnumbered block inside a running list: a sub-heading between its items, or lines an item
    ending in a colon introduces, with the list going on after them.

    `27. To ensure …:` / `Transparency and accountability in fiscal systems` / `(a)` … `(b)` /
    `Fiscal systems and sustainable development` / `(c)` (A/RES/79/323, annex); `(b) The panels will
    address the following themes:` / `Panel 1: …` / `Panel 2: …` / `(c)` (A/RES/79/273). Read as
    paragraphs of the document, such blocks took the list over (`text2-c`, "out of sequence"). It is an
    interlude when the next item after it (past at most `_INTERLUDE_REACH` unnumbered blocks) is the
    list's next: `(a)` under a numbered paragraph ending in a colon, or the letter after the last one,
    and no block between ends in a colon (that block would introduce the list itself). It is kept, in
    order, as an unnumbered child of the item ending in a colon before it, else of the paragraph:
    `op27-text1`, cited "operative paragraph 27, unnumbered paragraph 1".
    """
    if cur.top is None or cur.top.kind not in ("operative", "para") or cur.roman is not None:
        return False
    between = [block]
    for later in following:
        if not _unnumbered_block(later):
            break
        between.append(later)
    else:
        return False
    if any(b.plain.rstrip().endswith(":") for b in between):
        return False  # `Having received the advisory opinion, …:` / `(a)`: the list is that block's own
    m = _SUB.match(later.text)
    if m is None:
        return False
    if cur.letter is None:
        if m["num"] != "a" or not cur.top.content.text.rstrip().endswith(":"):
            return False
    elif m["num"] != _next_sub(cur.letter.number, roman=False):
        return False
    host = cur.letter if cur.letter is not None and cur.letter.content.text.rstrip().endswith(":") else cur.top
    _unnumbered_child(cur, host, block)
    return True


def _unnumbered_child(cur: _Cursor, host: Paragraph, block: Block) -> None:
    """`block` as the next unnumbered child of `host`: `op27-text1`, cited "operative paragraph 27,
    unnumbered paragraph 1"."""
    n = 1 + sum(1 for c in host.children if c.kind == "text")
    para = Paragraph(f"{host.anchor}-text{n}", "text", to_inline(block.text), block.line, number=str(n))
    para.citation = cur.cite.distinct(f"{host.citation}, unnumbered paragraph {n}")
    cur.used.add(para.anchor)
    host.children.append(para)


def _unnumbered_block(block: Block) -> bool:
    """A block the structure walk would read as an unnumbered paragraph (not a number, item or heading)."""
    text = block.text
    first = block.first_line.strip()
    return not (
        _NUMBERED.match(text)
        or _SUB.match(text)
        or _ACTION.match(text)
        or _ITEM.match(text)
        or _FORMULA.match(block.plain.strip())
        or _ANNEX.match(first)
        or _NAMED_HEADING.match(first)
        or _LONE_SECTION.fullmatch(first)
        or _ROMAN_HEADING.match(text[:80])
        or _LETTER_HEADING.match(text[:80])
    )


def _next_sub(previous: str, roman: bool) -> str:
    """The label that follows `previous` ("" for the first): (a) → (b), (z) → (aa) → (bb), (iv) → (v)."""
    if roman:
        return ROMANS[ROMANS.index(previous) + 1] if previous in ROMANS[:-1] else "i" if not previous else ""
    if not previous:
        return "a"
    if previous[-1] != "z":  # UN lists go on (z), (aa), (bb): letters doubled, not carried
        return chr(ord(previous[-1]) + 1) * len(previous)
    return "a" * (len(previous) + 1)


def _is_roman_heading(cur: _Cursor, num: str) -> bool:
    """ "II" is a section number; a lone "C" or "D" is the letter after "B" or "C"."""
    if not _ROMAN_NUMERAL.fullmatch(num):
        return False
    if len(num) > 1 or (num == "I" and cur.subsection != "h"):
        return True
    return {"V": "iv", "X": "ix"}.get(num) == cur.section


def _named_section(state: ReadState, cur: _Cursor, block: Block, first: str) -> bool:
    """`Chapter II`, `Article 5`, `Rule 7`: headings of conventions and rules of procedure, often in annexes."""
    m = _NAMED_HEADING.match(first)
    if m is None or not _heading_like(block.plain):
        return False
    if m["kind"] == "Rule" and _ENDS_SENTENCE.search(block.plain):
        return False  # `Rule 99 (b) of the rules of procedure provides …`: a sentence citing a rule
    kind, num = m["kind"], m["num"]
    anchor = anchors.named_section(_NAMED_ID[kind], num)
    level = _NAMED_LEVEL[kind]
    title = block.text[m.end() :].strip()
    _add_heading(state, cur, block, anchor, f"{kind} {num}", title, level)
    return True


def _resolution_heading(state: ReadState, cur: _Cursor, block: Block, plain: str, following: list[Block]) -> bool:
    """`B` alone, then `The General Assembly,`: the document's next resolution (A/C.5/80/L.17: resolution
    A in sections I and II.A–B, then `B` and its own preamble and paragraphs 1, 2). A heading of the top
    level (`sec-b`, cited "resolution B, operative paragraph 1"), whatever sections came before, under
    which the formula opens a preamble and the paragraphs number from 1 again; with a title too
    (`B` / `Income estimates for 2026` / `The General Assembly`, A/C.5/80/L.6)."""
    titled = _LETTER_HEADING.match(block.text)
    if not (LONE_LETTER.fullmatch(plain) or (titled and _heading_like(titled["rest"]))):
        return False
    after = next((b for b in following if b.kind == "text"), None)
    if after is None or not _FORMULA.match(after.plain.strip()):
        return False
    num = titled["num"] if titled else plain.rstrip(".")
    cur.area, cur.section, cur.subsection = "", "", num.lower()
    _add_heading(state, cur, block, anchors.section(num), num, titled["rest"] if titled else "", 2, restart=True)
    cur.cite.scope = f"resolution {num}"
    return True


def _add_heading(
    state: ReadState,
    cur: _Cursor,
    block: Block,
    anchor: str,
    number: str,
    title: str,
    level: int,
    restart: bool = False,
) -> None:
    """Add a heading; numbering starts again under it when its level is the part's restart level
    (`_restart_level`), or when it opens a resolution of its own (`restart`)."""
    anchor = _claim(state, cur, cur.part.prefix + anchor, block.line)
    cur.part.blocks.append(Heading(anchor, number, to_inline(title), level, block.line))
    if restart or (cur.scoped_level and level <= cur.scoped_level):
        # Numbering restarts under headings of this level: a new scope.
        cur.scope = anchor.removeprefix(cur.part.prefix) + "-"
        cur.started, cur.preamble, cur.text, cur.numbers = False, 0, 0, []
        cur.cite.scope = anchors.scope_label(number, cur.section.upper())
    cur.top = cur.letter = cur.roman = None
    cur.heading = cur.part.blocks[-1]
    cur.cite.after_heading()


def _section(state: ReadState, cur: _Cursor, block: Block, first: str, plain: str) -> bool:
    if _named_section(state, cur, block, first):
        return True
    m = None
    if _LONE_SECTION.fullmatch(first) and len(plain) > len(first):
        m = _SECTION_AND_REST.match(block.text)
    if m is None:
        m = _ROMAN_HEADING.match(block.text) or _LETTER_HEADING.match(block.text)
        if m and not _heading_like(m["rest"]):
            m = None
    if m is None:
        return False
    num = m["num"]
    if _is_roman_heading(cur, num):
        if cur.area and num == "I" and cur.section:
            # Sections start again at I under an unnumbered heading (`Implementation, follow-up and
            # monitoring`): the priority areas are over, these sections are the part's own (`sec-i`).
            cur.area = ""
        cur.section, cur.subsection = num.lower(), ""
        anchor, level = anchors.section(num), 2
    else:
        cur.subsection = num.lower()
        anchor, level = anchors.section(num, within=cur.section), (3 if cur.section else 2)
    if cur.area:
        anchor, level = cur.area + anchor, level + 1
    _add_heading(state, cur, block, anchor, num, m["rest"], level)
    return True


def _area(state: ReadState, cur: _Cursor, block: Block, before: list[Block]) -> bool:
    """`Priority area 2: Trade, trade facilitation and regional integration`: a heading above sections.

    Its sections start again at I, so their ids begin with the area's (`priority-area-2-sec-i`); the
    paragraphs run on (`annex-para104`). The same lines listed after a paragraph ending in a colon
    ("… five priority areas for action, as follows:") are that list, not headings.
    """
    m = _AREA_HEADING.match(block.plain)
    if m is None or not _heading_like(m["rest"]):
        return False
    previous = next((b for b in reversed(before) if b.kind == "text"), None)
    if previous is not None and (previous.plain.rstrip().endswith(":") or _AREA_HEADING.match(previous.plain)):
        return False
    anchor = anchors.named_section("priority-area", m["num"])
    _add_heading(state, cur, block, anchor, f"{m['kind']} {m['num']}", block.text[m.start("rest") :], 2)
    cur.area = anchor + "-"
    cur.section = cur.subsection = ""
    return True


def _opens_annex(block: Block) -> bool:
    """Does the block open an annex (a new part)? The test `build_structure` makes."""
    if "Annex" not in block.text[:12]:
        return False  # both forms open with the word (after white space or an emphasis token at most)
    first = block.first_line.strip()
    return bool((first and _ANNEX.match(first)) or _ANNEX.match(block.plain.strip()))


def _restart_levels(blocks: list[Block]) -> list[int]:
    """`_restart_level` of each part: the text before the first annex, then each annex.

    Each part numbers its paragraphs its own way: an annex of rules whose
    numbering starts again under each heading says nothing of an annex beside
    it numbered 1..N across its sections (A/RES/78/128, annexes II and III).
    """
    cuts = [i for i, block in enumerate(blocks) if _opens_annex(block)]
    bounds = zip([0, *(i + 1 for i in cuts)], [*cuts, len(blocks)], strict=True)
    return [_restart_level(blocks[start:end]) for start, end in bounds]


def _restart_level(blocks: list[Block]) -> int:
    """The heading level under which one part's paragraph numbering starts again at 1, or 0.

    Sectioned resolutions (I, II, ... each with its own preamble and
    paragraphs 1, 2, ...) are cited "section II, paragraph 3", so their ids
    are scoped by section (`sec-ii-op3`). Whether a part is sectioned
    depends only on its own numbering, so the ids stay stable.
    """
    level, seen, restart = 0, False, 0
    for block in blocks:
        first = block.first_line.strip()
        named = _NAMED_HEADING.match(first)
        if named:
            level = _NAMED_LEVEL[named["kind"]]
        elif _LONE_ROMAN.fullmatch(first) or _ROMAN_HEADING.match(block.text[:80]):
            level = 2
        elif LONE_LETTER.fullmatch(first) or _LETTER_HEADING.match(block.text[:80]):
            level = 3 if level else 2
        m = _NUMBERED.match(block.text)
        if m and m["num"] == "1":
            if seen and level:
                restart = min(restart or level, level)
            seen = True
    return restart


def _unnumbered(state: ReadState, cur: _Cursor, block: Block) -> None:
    content = to_inline(block.text)
    if cur.enacted and not cur.started:
        cur.preamble += 1
        anchor = _claim(state, cur, cur.part.prefix + cur.scope + anchors.preamble(cur.preamble), block.line)
        para = Paragraph(anchor, "preamble", content, block.line, number=str(cur.preamble))
        para.opening = _opening(content, _PREAMBLE_OPENING)
    elif not cur.started and not cur.part.prefix:
        cur.intro += 1
        anchor = _claim(state, cur, anchors.intro(cur.intro), block.line)
        para = Paragraph(anchor, "intro", content, block.line, number=str(cur.intro))
    else:
        cur.text += 1
        anchor = _claim(state, cur, cur.part.prefix + cur.scope + anchors.text(cur.text), block.line)
        para = Paragraph(anchor, "text", content, block.line, number=str(cur.text))
    para.citation = cur.cite.unnumbered(cur.part, para, cur.section)
    cur.part.blocks.append(para)
    cur.top, cur.letter, cur.roman, cur.heading = para, None, None, None


def _opening(content: Inline, pattern: re.Pattern[str] | None) -> str:
    """The opening phrase: the leading italics if the source has them, else by wording."""
    text = content.text
    lead = len(text) - len(text.lstrip('“"‘ '))
    for span in content.spans:
        if span.kind == "em" and span.start <= lead and span.end - span.start < 60:
            return text[span.start : span.end].strip()
    if pattern is None:
        return ""
    m = pattern.match(text[lead:])
    return m.group(0).strip() if m else ""


def build_notes(state: ReadState, parts: list[Part]) -> list[Note]:
    """Make `Note`s and give every reference (header, text, notes) its id."""
    notes: list[Note] = []
    by_label: dict[str, Note] = {}
    used: set[str] = set()
    for definition in state.notes:
        key = anchors.note_key(definition.label)
        note_id = f"fn:{key}"
        if note_id in used:
            n = 2
            while f"fn:{key}-{n}" in used:
                n += 1
            state.diagnostics.warn("duplicate-note", f"note {definition.label} is defined again", definition.line)
            note_id = f"fn:{key}-{n}"
        used.add(note_id)
        note = Note(definition.label, note_id, to_inline(definition.text), definition.line)
        notes.append(note)
        by_label[definition.label] = note

    counts: dict[str, int] = {}

    def bind(refs, line: int) -> None:
        for ref in refs:
            note = by_label.get(ref.label)
            if note is None:
                state.diagnostics.warn("missing-note", f"note marker {ref.label} has no note", line)
                continue
            counts[note.note_id] = counts.get(note.note_id, 0) + 1
            n = counts[note.note_id]
            ref.note_id = note.note_id
            ref.ref_id = ("fnref:" if n == 1 else f"fnref{n}:") + note.note_id[3:]
            note.ref_ids.append(ref.ref_id)

    for name in sorted(state.meta.field_refs):
        bind(state.meta.field_refs[name], 0)

    def walk(paragraphs: list[Paragraph]) -> None:
        for p in paragraphs:
            bind(p.content.refs, p.line)
            walk(p.children)

    for part in parts:
        if part.title:
            bind(part.title.refs, 0)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                walk([block])
            else:
                bind(block.content.refs, block.line)
    for note in notes:
        bind(note.content.refs, note.line)
    for note in notes:
        if not note.ref_ids:
            state.diagnostics.warn("unreferenced-note", f"note {note.label} is never referenced", note.line)
    return notes
