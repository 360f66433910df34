"""Masthead rules: the metadata a document prints above its text.

Guarantees to the next stage: the masthead blocks (symbol, body, distribution,
date, session, agenda item, sponsors, title, "Resolution adopted by ...") are
out of `state.blocks` and kept verbatim (less note markers and emphasis) in
`meta.masthead_text`; the fields
recognised in them are set on `state.meta` (where the YAML file has not set
them already: the file corrects the text, never the other way round); the
first remaining block starts the document's own text.
"""

from __future__ import annotations

import re

from builder.model import NoteRef
from builder.reading.patterns import DATE, FORMULA, LONE_LETTER, MONTHS, SYMBOL
from builder.reading.starts import AMENDMENT, DECISION, ENUMERATOR, MASTHEAD_FIELD
from builder.reading.state import EM_CLOSE, EM_OPEN, MARKER_RE, STRONG_CLOSE, STRONG_OPEN, Block, ReadState, Ruler

_BODIES = ("General Assembly", "Economic and Social Council", "Security Council", "Human Rights Council")
_BODY_START = re.compile(rf"^(?:{FORMULA}$|[“\"]?(?:\d{{1,3}}\.(?:\s|$)|[IVX]{{1,5}}\.\s|Annex\b|Contents$))")
_ENDS_MASTHEAD = re.compile(r"^(Note|Report|Letter|Memorandum) (by|of|from) the \w")
_MAX_BLOCKS = 25
# What is left of the masthead's first line once its symbol and body are read: "United Nations" alone
# (a title may open with the words: "United Nations common system").
_UN_LINE = re.compile(r"^[\s,.;:]*United Nations(?=[\s,.;:]*$)")

# (field, pattern): a field takes the first group of the first block matching it.
_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    # The document's own symbol opens a masthead line ("United Nations A/80/L.1", "A/RES/80/1");
    # a symbol inside a sentence is one the document cites, never its own.
    (
        "symbol",
        re.compile(
            rf"(?:^|^United Nations\s+|^(?:{'|'.join(_BODIES)})\s+|(?<=\s\s))({SYMBOL})(?![\w/])(?!\S*\s*[,;)])"
        ),
    ),
    ("body", re.compile(r"\b(" + "|".join(_BODIES) + r")\b(?!\s+(?:resolution|decision|on|at))")),
    ("distribution", re.compile(r"Distr\.:\s*(General|Limited|Restricted)")),
    ("date", re.compile(rf"(?<=\s)({DATE})|^({DATE})")),
    ("original", re.compile(r"Original:\s*([A-Z][a-z]+(?:/[A-Z][a-z]+)*)")),
    ("session", re.compile(r"\b([A-Z][a-z]+(?:-[a-z]+)?(?: special| emergency special)?) session\b")),
    (
        "committee",
        re.compile(
            r"\b((?:First|Second|Third|Fourth|Fifth|Sixth) Committee"
            r"|Commission on [A-Z][a-z]+(?: (?:and|on|of|[A-Z][a-z]+))*)"
        ),
    ),
    (
        "place",
        re.compile(
            rf"^((?:Vienna|New York|Geneva|Nairobi|Bonn|Rome), "
            rf"(?:\d{{1,2}}[–-]\d{{1,2}} (?:{MONTHS})|{DATE}|\d{{1,2}} (?:{MONTHS})[–-]).*\d{{4}})$"
        ),
    ),
]
_ITEM = r"\d+(?: ?\([a-z]{1,2}\))?"  # `99`, `72 (a)`, `99 (ee)`
_AGENDA = re.compile(rf"\b(?:Agenda items?|Item) ({_ITEM}(?:,? (?:and )?{_ITEM})*)(?: of the provisional agenda)?")
_SPONSORS = re.compile(  # `Iraq:*,** draft resolution`: the markers' comma stays when they are taken out
    r"^(?P<who>.+?):[\s,]*"
    r"(?P<kind>(?:revised )?draft (?:resolution|decision)s?|amendments? to .+|resolution adopted by .+)$",
    re.IGNORECASE,
)
_ADOPTED = re.compile(rf"^(?P<kind>Resolution|Decision) adopted by the (?P<by>.+?) on (?P<on>{DATE})$")
_TYPE_LINE = re.compile(
    r"^((?:Note|Report|Letter|Memorandum) (?:by|of|from) the .+|(?:Revised )?[Dd]raft (?:resolution|decision).*)$"
)
_BRACKETED = re.compile(r"^\[(.+)\]$")
_MARKER_RUN = re.compile(rf"(?:{MARKER_RE.pattern})*")
_NO_EMPHASIS = str.maketrans("", "", EM_OPEN + EM_CLOSE + STRONG_OPEN + STRONG_CLOSE)
_RESOLUTION_TITLE = re.compile(r"^(\d{1,3}/\d{1,4}(?: [A-Z])?)\.\s+(.+)$")


def _take_refs(meta, field: str, text: str) -> str:
    """Strip note markers from a field's text, remembering them for the header."""
    for label in MARKER_RE.findall(text):
        meta.field_refs.setdefault(field, []).append(NoteRef(0, label))
    return MARKER_RE.sub("", text).strip()


def split_masthead(state: ReadState) -> None:
    """Move the leading masthead blocks out of the text, keeping them verbatim. A block taken that
    opens like a numbered or lettered paragraph is a warning (`masthead-text`): the masthead is
    shown as printed, so no word is lost, but a paragraph there gets no id of its own."""
    blocks = [b for b in state.blocks if b.kind == "text"]
    end = None
    typed = False  # a document-type line seen: a later `Report of the …` is the text's, not the masthead's
    titled = False  # the block before is `Agenda item 89` alone: this one is the item's title
    for i, block in enumerate(blocks[:_MAX_BLOCKS]):
        plain = block.plain.strip()
        if _BODY_START.match(plain) or DECISION.match(plain):  # a decision's one sentence opens with its organ
            end = i
            break
        if _ENDS_MASTHEAD.match(plain) and not typed and not titled:
            end = i + 1
            break
        typed = typed or bool(_TYPE_LINE.match(plain))
        m = _AGENDA.match(plain)
        titled = bool(m and m.end() == len(plain))
    if end is None:
        end = _fallback_end(blocks[:_MAX_BLOCKS])
    head = blocks[:end]
    for block in head:
        if ENUMERATOR.match(block.plain):
            state.diagnostics.warn(
                "masthead-text",
                f"“{block.plain[:60]}” opens like a paragraph but was read as part of the masthead "
                "(shown as printed, not as a paragraph of the text): check where the text starts",
                block.line,
            )
    state.masthead = head
    ids = {id(b) for b in head}
    state.blocks = [b for b in state.blocks if id(b) not in ids]
    state.meta.masthead_text = [b.plain for b in head]
    state.meta.masthead_lines = [b.line for b in head]


def _fallback_end(blocks: list[Block]) -> int:
    """Where the masthead ends when no enacting formula or numbered paragraph starts the text.

    After the sponsors or document-type line comes the title, then the text
    (an amendment: "Delete the twenty-first preambular paragraph ..."), unless
    the block after that line is the text already (a masthead printed without
    blank lines runs the title into the sponsors' block: pypdfium2). With
    neither, the first long block is prose; a text that does not open with a
    masthead line has no masthead.
    """
    for i, block in enumerate(blocks):
        plain = block.plain.strip()
        if _SPONSORS.match(plain) or _ADOPTED.match(plain) or _TYPE_LINE.match(plain):
            if i + 1 < len(blocks) and AMENDMENT.match(blocks[i + 1].plain):
                return i + 1
            return min(i + 2, len(blocks))
    prose = next((i for i, b in enumerate(blocks) if len(b.plain) > 200), len(blocks))
    # A text without a masthead (a presidential statement, a decision pasted from a database)
    # opens with prose, not with a masthead line: then there is no masthead at all.
    fields = next((i for i, b in enumerate(blocks) if not MASTHEAD_FIELD.match(b.first_line)), len(blocks))
    return 0 if fields == 0 else prose


def read_fields(state: ReadState) -> None:
    """Fill metadata fields from the masthead blocks, left to right."""
    meta = state.meta
    found: dict[str, str] = {}
    leftovers: list[tuple[int, str]] = []
    agenda_block = -1
    type_block = -1
    for i, block in enumerate(state.masthead):
        text = block.text.translate(_NO_EMPHASIS)  # a converter's bold (`**Eightieth session**`) means nothing here
        m = _ADOPTED.match(block.plain.strip())
        if m:
            found.setdefault("document_type", "resolution" if m["kind"] == "Resolution" else "decision")
            found.setdefault("adopted_by", m["by"])
            found.setdefault("adopted_on", m["on"])
            type_block = i
            continue
        m = _BRACKETED.match(block.plain.strip())
        if m:
            found.setdefault("adopted_from", m.group(1))
            continue
        m = _RESOLUTION_TITLE.match(block.plain.strip())
        if m:
            found.setdefault("resolution_number", m.group(1))
            found.setdefault("title", _take_refs(meta, "title", text.split(".", 1)[1]))
            continue
        m = _SPONSORS.match(block.plain.strip())
        if m and len(m["who"]) < 2000:
            _take_refs(meta, "sponsors", text)
            who = m["who"]
            found.setdefault("sponsors", who)
            found.setdefault(
                "document_type", m["kind"].lower() if "adopted" not in m["kind"].lower() else "draft resolution"
            )
            type_block = i
            continue
        for name, pattern in _FIELDS:
            if name == "symbol":  # anchored at the line's start: read past emphasis (`**A/C.3/99/L.5**`)
                m = pattern.search(Block(text, 0).plain.strip())
                if m and name not in found:
                    found[name] = m.group(1)
                    # A reissue's star (`A/RES/78/68*`) marks the symbol: its note refers from there.
                    at = text.find(m.group(1))  # where the symbol is first printed, with the markers after it
                    if at >= 0:
                        marked = _MARKER_RUN.match(text, at + len(m.group(1)))
                        _take_refs(meta, "symbol", marked.group(0))
                        text = text[:at] + " " + text[marked.end() :]
                continue
            m = pattern.search(text)
            if m and name not in found:
                value = next(g for g in m.groups() if g)
                found[name] = value
                text = text[: m.start()] + " " + text[m.end() :]
        m = _AGENDA.search(text)
        if m and "agenda_item" not in found:
            found["agenda_item"] = m.group(1)
            rest = text[m.end() :]
            agenda_ref = MARKER_RE.match(rest.strip())
            if agenda_ref:
                meta.field_refs.setdefault("agenda_item", []).append(NoteRef(0, agenda_ref.group(1)))
                rest = rest.strip()[agenda_ref.end() :]
            text = text[: m.start()]
            rest = rest.strip(" ,.")
            if rest:
                found["agenda_title"] = _take_refs(meta, "agenda_title", rest)
            agenda_block = i
        leftover = _UN_LINE.sub("", text).strip(" ,.;:")
        # (`A` alone above the formula opens the document's resolution A: never its title)
        worded = bool(re.search(r"[^\W\d_]", MARKER_RE.sub("", leftover))) and not LONE_LETTER.fullmatch(leftover)
        after_agenda = agenda_block >= 0 and i == agenda_block + 1 and i != len(state.masthead) - 1
        if worded and after_agenda and "agenda_title" not in found:
            # `Agenda item 89` / `Report of the International Atomic Energy Agency`: the item's title on a
            # line of its own, whatever it opens with (before it is asked whether it is a type line)
            found["agenda_title"] = _take_refs(meta, "agenda_title", leftover)
            continue
        m = _TYPE_LINE.match(MARKER_RE.sub("", leftover))
        if m and "document_type" not in found:
            found["document_type"] = _take_refs(meta, "document_type", leftover)
            type_block = i
            continue
        if worded:
            leftovers.append((i, leftover))
    for i, text in leftovers:
        if "title" not in found and (i == max(j for j, _ in leftovers)) and (type_block < 0 or i != type_block):
            found["title"] = _take_refs(meta, "title", text)
    _apply(meta, found)


def _apply(meta, found: dict[str, str]) -> None:
    for name, value in found.items():
        value = re.sub(r"\s+", " ", Block(value, 0).plain).strip()
        if name == "sponsors":
            if not meta.sponsors:
                meta.sponsors = split_sponsors(value)
        elif name == "adopted_from":
            continue
        elif hasattr(meta, name) and not getattr(meta, name):
            setattr(meta, name, value)


_FILE_SYMBOL = re.compile(SYMBOL)


def symbol_from_file_name(state: ReadState) -> None:
    """No symbol in the metadata or the masthead: the file name's, if it spells one.

    Collections name files by symbol with `_` for `/` (`A_C.3_80_L.5.txt` is
    A/C.3/80/L.5). The body's own citations are never a document's symbol.
    A file name that spells another symbol than the document's is a warning
    (`symbol-mismatch`): one of the two is wrong, and a page under a wrong
    symbol is a wrong address (a masthead misread, a file misnamed).
    """
    candidate = state.meta.source.with_suffix("").name.replace("_", "/")
    if not _FILE_SYMBOL.fullmatch(candidate):
        return
    if not state.meta.symbol:
        state.meta.symbol = candidate
    elif state.meta.symbol.casefold() != candidate.casefold():
        state.diagnostics.warn(
            "symbol-mismatch",
            f"the file name spells {candidate} but the document's symbol reads {state.meta.symbol}: "
            "its page is published under the latter; check which is right",
            state.masthead[0].line if state.masthead else 0,
        )


# Member States whose names hold "and": a sponsors' list is never split inside them.
_AND_IN_NAME = re.compile(
    r"Antigua and Barbuda|Bosnia and Herzegovina|Saint Kitts and Nevis|Saint Vincent and the Grenadines"
    r"|Sao Tome and Principe|Trinidad and Tobago|United Kingdom of Great Britain and Northern Ireland"
)
_SPONSOR_SEPARATOR = re.compile(r",\s*|\s+and\s+(?=[A-Z\0])")


def split_sponsors(text: str) -> list[str]:
    """ "Angola, Antigua and Barbuda, Belarus and Viet Nam" → ["Angola", "Antigua and Barbuda", "Belarus",
    "Viet Nam"]: commas and the last "and" part the names, a State's own "and" does not."""
    names = iter(_AND_IN_NAME.findall(text))
    parts = _SPONSOR_SEPARATOR.split(_AND_IN_NAME.sub("\0", text))
    return [re.sub("\0", lambda _: next(names), p).strip() for p in parts if p.strip()]


MASTHEAD_RULES = Ruler(
    "masthead",
    [
        ("split_masthead", split_masthead),
        ("read_fields", read_fields),
        ("symbol_from_file_name", symbol_from_file_name),
    ],
)
