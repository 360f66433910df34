"""Patterns several reading stages share, so they agree on what they recognise.

The enacting formula ("The General Assembly,", "The Commission on Crime
Prevention and Criminal Justice,") ends the masthead, starts the preamble,
and is never the continuation of a paragraph cut by a page break.
"""

from __future__ import annotations

import re

# Some drafts print the formula without its comma ("The General Assembly" above
# "1. Authorizes …"); then it must be a line of its own naming an organ.
# (only a principal organ's short name: a longer one may be a formula cut by line wrapping).
_ORGAN = r"(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|Trusteeship Council)"
FORMULA = rf"[“\"]?(?:The [A-Z][\w ,'’()-]{{3,140}},|The {_ORGAN}(?=[”\"]?\s*$))[”\"]?"
FORMULA_RE = re.compile(rf"^{FORMULA}$")

# The longest a section's title runs: the Fifth Committee's titles name whole categories of officials
# ("Conditions of service and compensation for officials, other than Secretariat officials, serving the
# General Assembly: full-time members of …", 258 characters, A/C.5/80/L.5 section III).
HEADING_MAX = 400

# A programme of work's item as printed at a block's start: `Item 3.`, `Item 23:` (starts and structure agree).
ITEM_LABEL = r"Item (?P<num>\d{1,3})(?P<sep>[.:])"
# A letter alone on a line: a lettered section (`B`), or the resolution it opens above the formula.
LONE_LETTER = re.compile(r"[A-H]\.?")

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}"

# A paragraph's number or sub-paragraph's letter as printed at its start: `5.`, `(b)`, `(iv)`.
ENUMERATOR_LABEL = r"[“\"]?(\d{1,3}\.|\((?:[a-z]{1,2}|[ivxlc]{1,7})\))"
# Roman sub-paragraph labels in order; UN lists stop well before (l) or (c) could be fifty or a hundred.
ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
ROMANS += tuple("x" + r for r in ROMANS)  # xi .. xx

# A UN document symbol as mastheads print it (A/C.3/61/L.7/Rev.1, E/CN.15/2003/1, S/RES/2719).
SYMBOL = r"(?:A|E|S|ST|UNEP|TD|CTOC|CRC|CEDAW|CCPR|DP|ECE|HRC|UNW|ICEF)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*){2,}"

# A clause ends in punctuation, possibly followed by note markers in any form
# (`persons.8`, `Women, 5`, `conflict,10,11`, `persons.⁸`, `persons.<sup>8</sup>`,
# `persons.[^8]`); plain digits after a full stop count only after a
# lower-case word, a bracket or a year (`Add.1`, `L.5` end symbols).
_DIGITS = r"\s{0,2}\d{1,3}(?:,\d{1,3})*"
_MARKER_FORMS = r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\w{1,4}</sup>|\[\^\w{1,8}\]|\*{1,3}"
NOTE_AFTER = rf"(?:(?<=[,;:]){_DIGITS}|(?:(?<=[a-z]{{4}}\.)|(?<=[)”\"]\.)|(?<=\b\d{{4}}\.)){_DIGITS}|{_MARKER_FORMS})"
ENDS_CLAUSE = re.compile(rf"[.;:,”\"]{NOTE_AFTER}?\s*$")

_OPENING_WORDS = (
    "Recalling|Noting|Welcoming|Recognizing|Recognising|Reaffirming|Emphasizing|Emphasising|Stressing|"
    "Acknowledging|Underlining|Underscoring|Reiterating|Expressing|Bearing|Taking|Having|Considering|Affirming|"
    "Concerned|Alarmed|Convinced|Aware|Mindful|Cognizant|Conscious|Desirous|Determined|Guided|Encouraged|"
    "Commending|Appreciating|Highlighting|Deploring|Condemning|Regretting|Reaffirming|Believing|Seeking|"
    "Observing|Acknowledging|Pointing|Looking|Urging|Viewing|Guided|Inspired|Reiterating|Encouraging|Inviting|"
    "Calling|Requesting|Keeping|Drawing|Endorsing|Referring|Renewing|Supporting|Trusting|Wishing|Emphasising|"
    "Seized|Have agreed"
)
# Adverbs that open a preambular paragraph before its participle (`Deeply concerned`, `Also recalling`);
# before a preposition or an article they are words of a sentence or a name (`… and/or Desertification,
# Particularly in Africa`, the Convention's title).
_OPENING_ADVERBS = (
    "Deeply|Gravely|Seriously|Profoundly|Strongly|Firmly|Also|Further|Again|Once|Particularly|Greatly|Fully|Ever|"
    "Solemnly|Unequivocally|Equally"
)
# An opening phrase: one of the usual first words of a preambular paragraph,
# or any capitalised participle (`Re-emphasizing` too, not a name's `Syrian-owned`)
# followed by a lower-case word that is not a conjunction ("Stockpiling and Use …"
# is a title, not an opening).
OPENING = re.compile(
    rf"^\s*[“\"]?(?:(?:{_OPENING_WORDS})\b"
    rf"|(?:{_OPENING_ADVERBS})\b(?!\s+(?:in|of|to|at|on|by|for|with|from|the|a|an)\b)"
    r"|(?!(?:According|Including|Regarding|Concerning|Following|During|Pending|Notwithstanding|Excluding|"
    r"Beijing|Reading|Hong)\b)(?:[A-Z][a-z]+|Re-[a-z]+)(?:ing|ed)(?=\s+(?!(?:and|or|nor|of)\b)(?:[a-z]|[“\"‘(])))"
)


# A notes rule alone on its line: `_____`, or `\_\_\_\_\_` as Markdown writers escape it.
RULE = re.compile(r"^\s*(?:\\?_){5,}\s*$")

# A number of one to three digits alone on its line: a note's label or marker printed apart, a raised marker.
LONE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")

# A convention's or rules' division: `Chapter II`, `Article 5`, `Article 3 bis`, `Rule 7`, `Part I.`
NAMED_DIVISION = r"(?P<kind>Part|Chapter|Section|Article|Rule) (?P<num>[IVXLC]{1,6}|\d{1,3}(?: ?(?:bis|ter|[a-z]))?)\.?"


def search_end(pattern: re.Pattern[str], text: str, reach: int, end: int | None = None) -> re.Match[str] | None:
    """`pattern.search(text[:end])` for a pattern anchored at the end (`$`) whose match spans at most `reach`
    characters: only the last `reach` characters (and a final newline, which `$` may stand before) are
    tried, not every position of a long text, and nothing is copied. Lookbehinds and `\\b` still see the
    characters before the window, so the answer is the same.
    """
    end = len(text) if end is None else end
    return pattern.search(text, max(0, end - reach - 1), end)
