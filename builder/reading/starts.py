"""Paragraph-start rules: where a paragraph begins though no blank line precedes it.

Text from pypdf, pypdfium2 or pdftotext without -layout has no blank line
between paragraphs, and PDF text often none between a paragraph and the
number of the next. A paragraph starts where the text says so: a number or
letter, an enacting formula, an opening phrase, a note, an amendment's
instruction, the closing "51st plenary meeting" — after a line that closed
the one before. Each rule is small and named; `PARAGRAPH_STARTS` runs them
in order and the first that says so wins. A masthead printed without blank
lines is read field by field (`MASTHEAD_FIELD`).

Hand-written: no library segments UN resolutions into paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from builder.reading.patterns import (
    ENDS_CLAUSE,
    ENUMERATOR_LABEL,
    FORMULA_RE,
    ITEM_LABEL,
    MONTHS,
    NAMED_DIVISION,
    NOTE_AFTER,
    OPENING,
    ROMANS,
    SYMBOL,
)

ENUMERATOR = re.compile(rf"^\s*{ENUMERATOR_LABEL}(\s|$)")
LONE_ENUMERATOR = re.compile(rf"^\s*{ENUMERATOR_LABEL}$")
# An amendment's "… paragraph reading:", "… the following text:" or "… insert the following operative
# paragraph:" before the paragraph it quotes (a request's "… on the following question:" too).
_QUOTES = r"\b(?:reading|follows|text|following (?:(?:new|operative|preambular) )*(?:paragraph|question)):"
# A preambular paragraph ends in a comma or semicolon (or it is the paragraph an amendment quotes, or
# the question it quotes: `… in relation to the presence …?` / `Commending the Court …`).
_ENDS_PREAMBLE = re.compile(rf"(?:[,;?]|{_QUOTES}){NOTE_AFTER}?\s*$")
_ORGAN = re.compile(r"\b(?:Assembly|Council|Commission|Committee|Conference|Board|Meeting|Parties|Forum|Court)\b")


_FORMULA_OPENS = re.compile(r"\s*[“\"]?The ")  # as every form of FORMULA_RE does, after white space


def _is_formula(text: str) -> bool:
    """An enacting formula names an organ: "The Security Council," (not "The Hague, 15 May 2023,")."""
    if not _FORMULA_OPENS.match(text):
        return False  # most lines: no copy, no long pattern
    text = text.strip()
    return bool(FORMULA_RE.match(text) and _ORGAN.search(text))


_ENDS_ITEM = re.compile(r"[;,]\s+(?:or|and)\s*$")  # `(vii) Any applicable industry standard; or` / `(b) …`


def numbered_start(before: list[str], line: str) -> bool:
    """`5. Decides` or `(b) to report` after a line that closed a clause (an item's `; or` too).

    Not a list run inline within the paragraph ("there are: (a) 1.3 billion …; (b) 800 million …"):
    a `(b)` whose `(a)` stands inside the paragraph, not at its start, goes on with it.
    """
    m = ENUMERATOR.match(line)
    if not m:
        return False
    label = m.group(1)
    if not (ENDS_CLAUSE.search(before[-1]) or (label.startswith("(") and _ENDS_ITEM.search(before[-1]))):
        return False
    previous = _previous_label(label[1:-1]) if label.startswith("(") else ""
    if previous:
        paragraph = " ".join(part.strip() for part in before)
        at = paragraph.find(f"({previous})")
        if at > 0 and not LONE_ENUMERATOR.match(paragraph[:at].strip()):
            return False
    return True


# The verbs an operative paragraph opens with, in the third person (`Decides:`, `Takes note of`, `Also
# reaffirms`).
_VERBS = ("decides", "approves", "adopts", "requests", "calls", "urges", "welcomes", "notes", "takes", "encourages",
          "invites", "expresses", "reaffirms", "reiterates", "recognizes", "emphasizes", "stresses", "affirms",
          "condemns", "endorses", "proclaims", "authorizes", "appeals", "acknowledges", "underlines", "commends",
          "declares", "recommends", "supports", "deplores", "demands", "recalls")  # fmt: skip
OPERATIVE = re.compile(
    r"^\s*(?:(?:Also|Further|Again|Once again|Solemnly|Strongly|Firmly)\s+"
    rf"(?:{'|'.join(_VERBS)})|(?:{'|'.join(v.capitalize() for v in _VERBS)}))"
    r"(?:\s+[a-z“\"]|:)"
)


_UNSTOPPED = re.compile(r"^\s*(\d{1,3})\s+")
NUMBERED_OPENING = re.compile(r"^\s*[“\"]?(\d{1,3})\.\s")


def unstopped_number_start(before: list[str], line: str) -> bool:
    """`6 Also reaffirms …` under paragraph `5. Reaffirms …;`: the next number, its full stop lost (pypdf
    drops it where the PDF set it apart). Only the very next number, after a line that closed a
    clause, before an operative verb (as `structure` reads it): a number opening a sentence (`… .` /
    `14 Member States have …`) is no paragraph's."""
    m, first = _UNSTOPPED.match(line), NUMBERED_OPENING.match(before[0])
    return bool(
        m
        and first
        and int(m.group(1)) == int(first.group(1)) + 1
        and ENDS_CLAUSE.search(before[-1])
        and OPERATIVE.match(line[m.end() :])
    )


def _previous_label(label: str) -> str:
    """(b) → a, (iii) → ii; "" for a first label."""
    if label in ROMANS[1:]:
        return ROMANS[ROMANS.index(label) - 1]
    if len(label) == 1 and label > "a":
        return chr(ord(label) - 1)
    return ""


_CALLS_FOR_LABEL = re.compile(
    r"(?i)\b(?:sub-?paragraphs?|paragraphs?|paras?|items?|articles?|sections?|annex|rules?|to|in|of|under)\s*$"
)


def next_item_start(before: list[str], line: str) -> bool:
    """`(b) South-South cooperation` under a paragraph that opened with `(a)`, though that one ends in no
    punctuation: the items of a table-like list (a programme of work's `Item 23: …` / `(a)` / `Operational
    activities …` / `(b) South-South …`, A/C.2/80/L.1) end in none. The next letter of the list the
    paragraph itself opened is its next item, unless the line before calls for a label (`as set out in
    subparagraph` / `(b) of paragraph 2`: a reference wrapped to the line's start; `…; and` / `(v)`
    ends an item)."""
    m = ENUMERATOR.match(line)
    if not m or not m.group(1).startswith("(") or _CALLS_FOR_LABEL.search(before[-1]):
        return False
    previous = _previous_label(m.group(1)[1:-1])
    first = ENUMERATOR.match(before[0])
    return bool(previous and first and first.group(1) == f"({previous})")


_NUMBERED_SENTENCE = re.compile(r"^\s*[“\"]?\d{1,3}\.(?:\s+[A-Z“\"]|\s*$)")  # `36. We …`, or `36.` alone
_HEADING_MAX = 320


def after_heading_start(before: list[str], line: str) -> bool:
    """`36. We recognize …` right under a heading (`IV. Remittances`, `Priority area 1: Structural …`).

    A heading is short (a few lines) and starts with a capital; a paragraph
    number followed by a capitalised sentence after it starts the text.
    """
    if len(before) > 4 or not _NUMBERED_SENTENCE.match(line):
        return False
    heading = " ".join(part.strip() for part in before)
    return len(heading) < _HEADING_MAX and heading[:1].isupper()


DECISION = re.compile(
    r"^\s*The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council)"
    r"(?:[,:]| (?:decides|decided|takes|took|requests|requested|recalls|welcomes))(?:\s|$)"
)


def formula_start(before: list[str], line: str) -> bool:
    """The enacting formula is a paragraph of its own; a decision's one sentence opens with its organ
    (`The General Assembly, recalling …, decides …`)."""
    return _is_formula(line) or bool(DECISION.match(line))


def after_formula_start(before: list[str], line: str) -> bool:
    """What follows the enacting formula is a paragraph of its own, whatever it opens with."""
    return _is_formula(before[-1])


_WE = re.compile(r"^\s*We[\s,]")
_WE_THE = re.compile(r"^\s*We, ")  # `We, the Ministers …`, `We, the Heads of State and Government …`


def we_start(before: list[str], line: str) -> bool:
    """`We therefore commit to urgently:` after `…;` (a declaration's words between its numbered
    paragraphs): after a semicolon a sentence goes on in lower case. And `We, the Ministers …` right
    under a declaration's title (a line or three, capitalised, ending in no punctuation; not a title's
    last words, `Agenda 2063: The Africa` / `We Want`)."""
    if not _WE.match(line):
        return False
    if before[-1].rstrip().endswith(";"):
        return True
    return (
        bool(_WE_THE.match(line))
        and len(before) <= 3
        and _bare_title(before)
        and not (OPERATIVE.match(before[0]) or OPENING.match(before[0]))
    )


def _bare_title(lines: list[str], limit: int = _HEADING_MAX) -> bool:
    """Lines that read as a title: capitalised, shorter than `limit`, ending in no punctuation."""
    title = " ".join(part.strip() for part in lines)
    return len(title) < limit and title[:1].isupper() and not _HEADING_ENDS.search(title)


_FOLLOWING = re.compile(r"\bthe following\b")
_CAPITALISED = re.compile(r"^\s*[A-Z][a-z]")


def following_title_start(before: list[str], line: str) -> bool:
    """`Adopts the following outcome document of the high-level meeting …:` / `Outcome document of the
    high-level meeting …` (text without blank lines): after a decision's words that end on a colon
    introducing what it adopts, a capitalised line is the title of that text."""
    return bool(
        before[-1].rstrip().endswith(":")
        and _CAPITALISED.match(line)
        and OPERATIVE.match(before[0])
        and _FOLLOWING.search(" ".join(before))
    )


def opening_phrase_start(before: list[str], line: str) -> bool:
    """`Recalling its resolution …`, `Deeply concerned that …` after a line ending a preambular paragraph.

    A preambular paragraph ends with a comma or semicolon (`_ENDS_PREAMBLE`); after a full stop a
    participle more often opens the next sentence of the same paragraph.
    """
    return bool(OPENING.match(line) and _ENDS_PREAMBLE.search(before[-1]))


_NOTE_DEFINITION = re.compile(r"^\s*(?:\[\^[\w*]{1,8}\]:|\*{1,3}\s+[A-Z]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*[A-Z])")


def note_definition_start(before: list[str], line: str) -> bool:
    """`[^2]: A/98/77, annex.`, `* Any changes …`, `¹ See …`: each note definition is a block of its own.
    A star's note stands at the foot of the page whatever the text above it ends with (`… on 26 April,
    and` / `* Any changes to the list of sponsors …`, the paragraph going on over the page); a line of
    text opens with no star and space."""
    return bool(
        _NOTE_DEFINITION.match(line) and (line.lstrip().startswith(("[^", "* ")) or ENDS_CLAUSE.search(before[-1]))
    )


# A line of the masthead that is one field and nothing else; in text without
# blank lines each is a block of its own, as the masthead stage expects.
MASTHEAD_FIELD = re.compile(
    rf"^\s*(?:United Nations(?:\s+{SYMBOL}\*?)?|{SYMBOL}\*?"
    r"|(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council)(?:\s+Distr\.:.*)?"
    rf"|Distr\.:.*|\d{{1,2}} (?:{MONTHS}) \d{{4}}|Original:.*|[A-Z][a-z]+(?:-[a-z]+)? (?:special )?session"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|(?:Agenda items?|Item) \d.{0,60}"
    r"|\d{1,3}/\d{1,4}(?: [A-Z])?\.|\[.{5,200}\]|.{3,1500}:\W{0,4}(?:revised )?draft (?:resolution|decision)s?"
    r"|.{3,1500}:\W{0,4}amendments? to .{3,120}|(?:Note|Letter|Memorandum) (?:by|from) the .{3,120}"
    r"|(?:Resolution|Decision) adopted by the .{3,120})\s*$"
)
# An amendment's text opens with what it does to the draft.
AMENDMENT = re.compile(
    r"^\s*(?:(?:Delete|Replace|Insert)\b"
    r"|(?:In|After|Before) (?:the )?(?:\w+[- ])?(?:\w+ )?(?:operative|preambular) paragraph)"
)
_PLENARY = re.compile(r"^\s*\d{1,3}(?:st|nd|rd|th)(?: \(resumed\))? plenary meeting\s*$")
_QUOTING = re.compile(rf"{_QUOTES}\s*$")
_QUOTED_START = re.compile(r"\s*[“\"A-Z]")


def amendment_start(before: list[str], line: str) -> bool:
    """`Delete operative paragraph 9.` under the amended draft's title; the paragraph it quotes after
    `… with the following text:`."""
    return bool(AMENDMENT.match(line) or (_QUOTED_START.match(line) and _QUOTING.search(before[-1])))


_ACTION = re.compile(r"^\s*Action \d{1,3}\.\s+[A-Z]")


def action_start(before: list[str], line: str) -> bool:
    """`Action 17. We will …` (the Pact for the Future's actions), wherever the line before ends."""
    return bool(_ACTION.match(line))


_ITEM = re.compile(rf"^\s*{ITEM_LABEL}(?:\s|$)")


def item_start(before: list[str], line: str) -> bool:
    """`Item 2.` or `Item 23:` (a programme of work's next item), wherever the line before ends: a
    table-like programme's items end in no punctuation (A/C.2/80/L.1), and a sentence names an item
    in lower case (`under agenda item 23`)."""
    return bool(_ITEM.match(line))


def plenary_start(before: list[str], line: str) -> bool:
    """`51st plenary meeting` under the last paragraph of a resolution."""
    return bool(_PLENARY.match(line))


# Where a masthead ends: the enacting formula or a numbered paragraph.
_LONE_SECTION_NUMBER = re.compile(r"^\s*[IVXLC]{1,6}\.\s*$")
_HEADING_ENDS = re.compile(r"[.;,:]\W*$")


def section_after_heading_start(before: list[str], line: str) -> bool:
    """`I.` on a line of its own right under a heading of a rank above it (`Priority area 2: Trade, trade
    facilitation and regional integration` / `I.` / `International trade`, A/RES/79/233 annex): the
    section's number starts a block of its own. A heading of two words or more, not a word like `Annex`
    or `Chapter` that a number completes, and ending in no punctuation."""
    if len(before) > 3 or not _LONE_SECTION_NUMBER.match(line):
        return False
    heading = " ".join(part.strip() for part in before)
    return (
        len(heading) < _HEADING_MAX
        and heading[:1].isupper()
        and len(heading.split()) >= 2
        and not _HEADING_ENDS.search(heading)
        and not ENUMERATOR.match(heading)
    )


_SECTION_NUMBER = re.compile(r"^\s*[IVXLC]{1,6}\.?\s*$")
# A section's number and title on one line: `II. Product safety …`, `B. Individualized approaches`
_NUMBERED_TITLE = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-H])\.\s+[A-Z][a-z]")


def section_number_start(before: list[str], line: str) -> bool:
    """`I` or `II.` on a line of its own after a line that closed a clause (`… to accelerate this work,` /
    `I` / `Achieving sustainable fisheries` / `1.`, text without blank lines): a section's number starts
    its heading; so does `II. Product safety …`, number and title on one line. A line wraps inside a
    sentence, not after a clause's last punctuation, before a section's number."""
    return bool((_SECTION_NUMBER.match(line) or _NUMBERED_TITLE.match(line)) and ENDS_CLAUSE.search(before[-1]))


def under_section_heading_start(before: list[str], line: str) -> bool:
    """`XIII` / `Programme budget implications arising from …` / `Having considered the statement …`
    (pypdf prints no blank line under a section's heading): a preambular opening or an operative verb
    right under a section's number and its title (a line or three, capitalised, ending in no
    punctuation; the number alone on its line, or before the title: `A. Base/floor salary scale`)
    opens the section's first paragraph."""
    if len(before) > 4 or not (OPENING.match(line) or OPERATIVE.match(line)):
        return False
    if _SECTION_NUMBER.match(before[0]):
        return len(before) >= 2 and _bare_title(before[1:])
    return bool(_NUMBERED_TITLE.match(before[0])) and _bare_title(before)


_ANNEX_LINE = re.compile(r"^\s*Annex(?:es)?(?:\s+(?:[IVXLC]{1,6}|\d{1,2}))?\s*$")
_CALLS_FOR_ANNEX = re.compile(r"(?i)\b(?:the|in|of|to|and|under|see|with)\s*$")


def annex_start(before: list[str], line: str) -> bool:
    """`Annex` or `Annex I` on a line of its own opens an annex (its title on the lines after it), after
    the resolution's last paragraph or its `15 December 2025` (text without blank lines) — unless the
    line before calls for it (`… as contained in the` / `Annex`)."""
    return bool(_ANNEX_LINE.match(line)) and not _CALLS_FOR_ANNEX.search(before[-1])


_DIVISION_LINE = re.compile(rf"^\s*{NAMED_DIVISION}\s*$")


def division_start(before: list[str], line: str) -> bool:
    """`Article 2` or `Chapter II` on a line of its own opens that division's heading (its title on the
    lines after it), after the last paragraph of the one before or under a chapter's title (text
    without blank lines: `Chapter I` / `General provisions` / `Article 1` / `Scope of application`)
    — unless the line before calls for it (`… in accordance with` / `Article 2`)."""
    return bool(_DIVISION_LINE.match(line)) and not _CALLS_FOR_ANNEX.search(before[-1])


_TITLE_MAX = 120  # a division's title: one line
# `For the purposes …`, `The method referred …`: a capitalised word and two lower-case ones (not a title's
# next line, `Income section 2`)
_SENTENCE_START = re.compile(r"^\s*[“\"]?[A-Z][a-z]*,?(?:\s+[a-z][\w’'-]*,?){2}")


def under_division_title_start(before: list[str], line: str) -> bool:
    """`Article 16` / `Endorsement requirements` / `For the purposes of this Convention, a requirement …`
    (text without blank lines): a division's title is one line, so a sentence opening on the line
    after it is the division's first paragraph, unnumbered. Not after a title that a function word
    ends (`Relationship to the` / `Hague Rules`), which goes on."""
    if len(before) != 2 or not _DIVISION_LINE.match(before[0]) or not _SENTENCE_START.match(line):
        return False
    return _bare_title(before[1:], _TITLE_MAX) and not _CALLS_FOR_ANNEX.search(before[1])


def operative_after_preamble_start(before: list[str], line: str) -> bool:
    """`Decides:` or `Takes note of the report …` after a preambular paragraph's closing comma (`Recalling
    …,` / `…,`): a decision's operative paragraph printed without a number; and after a semicolon, which
    ends an operative paragraph (`… nuclear safety;` / `Stresses the importance …`, the paragraphs an
    amendment inserts). A verb in the third person opens no line of a sentence going on."""
    if not OPERATIVE.match(line):
        return False
    if before[-1].rstrip().endswith(";"):
        return True
    return bool(_ENDS_PREAMBLE.search(before[-1]) and OPENING.match(before[0]))


BODY = re.compile(rf"^\s*(?:{FORMULA_RE.pattern[1:-1]}\s*$|[“\"]?\d{{1,3}}\.(?:\s|$))")


# Rules deciding that `line` starts a paragraph though no blank line precedes it
# (`before` is the paragraph so far), in order; the first that says so wins.
PARAGRAPH_STARTS: list[tuple[str, Callable[[list[str], str], bool]]] = [
    ("numbered_start", numbered_start),
    ("next_item_start", next_item_start),
    ("unstopped_number_start", unstopped_number_start),
    ("after_heading_start", after_heading_start),
    ("section_after_heading_start", section_after_heading_start),
    ("section_number_start", section_number_start),
    ("annex_start", annex_start),
    ("division_start", division_start),
    ("under_division_title_start", under_division_title_start),
    ("formula_start", formula_start),
    ("after_formula_start", after_formula_start),
    ("opening_phrase_start", opening_phrase_start),
    ("under_section_heading_start", under_section_heading_start),
    ("we_start", we_start),
    ("following_title_start", following_title_start),
    ("operative_after_preamble_start", operative_after_preamble_start),
    ("note_definition_start", note_definition_start),
    ("amendment_start", amendment_start),
    ("action_start", action_start),
    ("item_start", item_start),
    ("plenary_start", plenary_start),
]

# What a line opens with (its first character after white space) for each rule to fire on it. Most lines
# of a paragraph open with none of these: `rules_for` asks a line only the rules its opening allows, the
# way markdown-it's block rules look at the first character before anything else. A rule not named here
# is asked about every line.
OPENS: dict[str, re.Pattern[str]] = {
    "numbered_start": re.compile(r"[“\"\d(]"),
    "next_item_start": re.compile(r"\("),
    "unstopped_number_start": re.compile(r"\d"),
    "after_heading_start": re.compile(r"[“\"\d]"),
    "section_after_heading_start": re.compile(r"[IVXLC]"),
    "section_number_start": re.compile(r"[A-HIVXLC]"),
    "annex_start": re.compile(r"A"),
    "division_start": re.compile(r"[ACPRS]"),
    "under_division_title_start": re.compile(r"[“\"A-Z]"),
    "operative_after_preamble_start": re.compile(r"[A-Z]"),
    "formula_start": re.compile(r"[“\"T]"),
    "opening_phrase_start": re.compile(r"[“\"A-Z]"),
    "under_section_heading_start": re.compile(r"[“\"A-Z]"),
    "we_start": re.compile(r"W"),
    "following_title_start": re.compile(r"[A-Z]"),
    "note_definition_start": re.compile(r"[\[*¹²³⁴⁵⁶⁷⁸⁹⁰]"),
    "amendment_start": re.compile(r"[“\"A-Z]"),
    "action_start": re.compile(r"A"),
    "item_start": re.compile(r"I"),
    "plenary_start": re.compile(r"\d"),
}


@lru_cache(maxsize=4096)
def rules_for(opening: str) -> tuple[Callable[[list[str], str], bool], ...]:
    """The rules of `PARAGRAPH_STARTS`, in order, that may fire on a line opening with `opening`
    (its first character after white space; "" asks every rule)."""
    return tuple(
        rule for name, rule in PARAGRAPH_STARTS if not opening or name not in OPENS or OPENS[name].fullmatch(opening)
    )


def opens_paragraph(before: list[str], line: str) -> bool:
    """Whether a rule of `PARAGRAPH_STARTS` says `line` opens a paragraph after the lines `before`."""
    return any(rule(before, line) for rule in rules_for(line.lstrip()[:1]))
