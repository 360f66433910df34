"""When a mandate is due: the session it names, a date, a period or rhythm.

`due(text, session, date)` reads a mandate's clause. A session counts only when it is the
enacting organ's own ("at its eighty-first session", "to the General Assembly at its 81st
session", "the eighty-first session of the General Assembly"), not another body's ("to the
Human Rights Council at its sixtieth session"), and not earlier than the document's own
session (an earlier one is a reference to the past: "his report to the Assembly at its
seventy-fifth session"). A date counts after "by", "before", "no later than" or "until" and
when not before the document's date. "Next session" is the document's session plus one.
Periods and rhythms ("biennially", "for a period of three years", "within 90 days") are kept
as written in `text`. Hand-written: no library reads UN ordinal session names.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from builder.reading.patterns import MONTHS

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_CARDINAL_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"]
_TEENS += ["eighteenth", "nineteenth"]
_TENS = ["twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]

_SMALL = (
    rf"(?:(?:{'|'.join(_TENS)})y-(?:{'|'.join(_UNITS)})|(?:{'|'.join(_TENS)})ieth|{'|'.join(_TEENS)}"
    rf"|{'|'.join(_UNITS)})"
)
# "eighty-first", "one hundredth", "one hundred and first", "81st"
ORDINAL = rf"(?:(?:one[- ])?hundred(?:th|(?:[- ]and[- ]|[- ]){_SMALL})|{_SMALL}|\d{{1,3}}(?:st|nd|rd|th))"


def ordinal_value(word: str) -> int | None:
    """ "eighty-first" → 81, "81st" → 81, "one hundred and first" → 101; None if not an ordinal."""
    w = word.lower().replace(" ", "-")
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", w)
    if m:
        return int(m[1])
    hundred = 0
    m = re.fullmatch(r"(?:one-)?hundred(th|-and-|-)(.*)", w)
    if m:
        if m[1] == "th":
            return 100
        hundred, w = 100, m[2]
    if w in _UNITS:
        return hundred + 1 + _UNITS.index(w)
    if w in _TEENS:
        return hundred + 10 + _TEENS.index(w)
    if w.endswith("ieth") and w[:-4] in _TENS:
        return hundred + 20 + 10 * _TENS.index(w[:-4])
    tens, _, unit = w.partition("-")
    if tens.endswith("y") and tens[:-1] in _TENS and unit in _UNITS:
        return hundred + 20 + 10 * _TENS.index(tens[:-1]) + 1 + _UNITS.index(unit)
    return None


# "… at its eighty-first session", "… the eighty-first and eighty-second sessions of the General Assembly"
_SESSION = re.compile(
    rf"\b(?P<ord>{ORDINAL})(?:,? (?:and|or) (?P<ord2>{ORDINAL}))?(?P<special> special)? sessions?\b", re.I
)
_NEXT = re.compile(r"\b(?:at|to|during|for|before|by|in) its next (?:regular )?session\b", re.I)
# The organ whose session it is: "to the Human Rights Council at its …", "the … session of the Commission".
_OTHER_ORGAN = re.compile(
    r"\b(?:the (?:Human Rights )?Council|the (?:[A-Z]\w* )*Commission(?: on [\w ]+?)?|the Board"
    r"|the (?!(?:First|Second|Third|Fourth|Fifth|Sixth) Committee)(?:[A-Z]\w* )*Committee"
    r"|the Conference(?: of (?:the )?(?:States )?Parties)?|the (?:[A-Z]\w* )*Forum"
    r"|the Meeting of (?:the )?States Parties"
    r"|the Assembly of States Parties|the Working Group|the Executive Board|the World Health Assembly"
    r"|the Governing Council|the Trade and Development Board|its (?:subsidiary|relevant) bodies)"
    r"(?:, [^,]{0,80},)? (?:at|during|for|by|before) (?:its|their) $",
    re.I,
)
_OF_OTHER = re.compile(
    r"^ of the (?!General Assembly\b)(?:Human Rights Council|[\w ]*(?:Commission|Committee|Board|Conference|Forum|"
    r"Council|Meeting|Parties|Group)\b)",
    re.I,
)
_ISO_MONTHS = {m: i for i, m in enumerate(MONTHS.split("|"), start=1)}
_DATE = re.compile(
    rf"\b(?:by|before|no later than|not later than|until|by the end of) (?:(?P<day>\d{{1,2}}) )?(?P<month>{MONTHS})"
    r" (?P<year>\d{4})\b"
)
_PERIOD = re.compile(
    r"\b(?:biennially|triennially|annually|quadrennially|every (?:two|three|four|five|\w+) years"
    r"|on an? (?:annual|biennial|regular|yearly) basis|each year|every year"
    r"|for (?:a|an additional|a further) period of (?:\w+ )?(?:years?|months?)|for (?:a|an additional|a further) "
    r"(?:one|two|three|four|five|\w+)-year period|(?:within|after) (?:\d{1,3}|\w+) (?:days|months|weeks)"
    r"|until (?:its|the end of its) \w+(?:-\w+)? session|(?:no|not) later than \d{1,3} (?:days|months|weeks)"
    r"|(?:at|during|to|in) its next (?:regular )?session)\b",
    re.I,
)


_YEAR = re.compile(r"\d{4}")
_PERIOD_WORD = re.compile(r"ially|annual|every|each year|period|within|after|until|later than|next|basis")


@dataclass
class Due:
    """A mandate's due point: the organ's session (`session`), an ISO date (`date`), and the phrases
    that say when ("at its eighty-first session", "biennially thereafter", …) in `text`."""

    session: int | None = None
    date: str = ""
    text: list[str] | None = None

    @property
    def open_ended(self) -> bool:
        """No review, report or end point at all: no session, no date, no period."""
        return self.session is None and not self.date and not self.text


def _own_session(text: str, m: re.Match[str]) -> bool:
    """The session is the enacting organ's, not another body's."""
    before = text[max(0, m.start() - 200) : m.start()]
    after = text[m.end() : m.end() + 80]
    if _OF_OTHER.match(after):
        return False
    return not _OTHER_ORGAN.search(before)


def due(text: str, session: int | None, date: tuple[int, ...] = ()) -> Due:
    """The due point of a mandate clause of a document of `session` (the organ's) dated `date`
    ((year, month, day) or shorter; () when unknown)."""
    found = Due(text=[])
    sessions: list[int] = []
    lower = text.lower()
    for m in _SESSION.finditer(text) if "session" in lower else ():
        if m["special"]:
            continue
        value = ordinal_value(m["ord"])
        if value is None or not _own_session(text, m):
            continue
        if session is not None and value < session:
            continue
        if session is None and not re.search(r"\bits\s+$", text[: m.start()]):
            continue
        sessions.append(value)
        found.text.append(m.group(0))
    if not sessions and session is not None:
        for m in _NEXT.finditer(text) if "next" in lower else ():
            start = m.start() + m.group(0).lower().index("its")
            if _OTHER_ORGAN.search(text[max(0, start - 200) : start] + "its "):
                continue
            sessions.append(session + 1)
            break
    found.session = min(sessions) if sessions else None
    for m in _DATE.finditer(text) if _YEAR.search(text) else ():
        day = int(m["day"]) if m["day"] else None
        iso = (int(m["year"]), _ISO_MONTHS[m["month"]], day)
        if date and iso[:2] < tuple(date[:2]):
            continue
        if day is None or not 1 <= day <= 31:
            found.text.append(m.group(0))
            continue
        try:
            found.date = datetime.date(*iso).isoformat()
        except ValueError:
            continue
        found.text.append(m.group(0))
        break
    for m in _PERIOD.finditer(text) if _PERIOD_WORD.search(lower) else ():
        if m.group(0) not in found.text:
            found.text.append(m.group(0))
    return found
