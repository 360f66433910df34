"""How each opening verb of an operative paragraph is classed: the one table the code and the
README share (`tests/test_mandates.py` checks that the README's table is `markdown_table()`).

Three classes:

- `request`: the verb asks someone named after it to act ("Requests the Secretary-General to
  …", "Calls upon Member States to …"); the paragraph is a mandate when an addressee follows;
- `decision`: the organ itself acts ("Decides to establish …", "Proclaims …"); a mandate only
  when the complement is a recognised action (establish, extend, convene, include in the
  provisional agenda …: `DECISION_ACTIONS`), so "Decides to remain seized of the matter" is none;
- `none`: the verb asks nobody to act ("Reaffirms", "Notes", "Welcomes", "Expresses concern").

A verb not in the table is `none`: precision before recall.
"""

from __future__ import annotations

import re

REQUEST, DECISION, NONE = "request", "decision", "none"

# (verb as written, lower case; class; what it means for the index)
VERBS: list[tuple[str, str, str]] = [
    ("requests", REQUEST, "asks the addressee to act"),
    ("calls upon", REQUEST, "asks the addressee to act"),
    ("calls on", REQUEST, "asks the addressee to act"),
    ("urges", REQUEST, "asks the addressee to act"),
    ("invites", REQUEST, "asks the addressee to act"),
    ("encourages", REQUEST, "asks the addressee to act"),
    ("appeals to", REQUEST, "asks the addressee to act"),
    ("authorizes", REQUEST, "empowers the addressee to act"),
    ("instructs", REQUEST, "directs the addressee to act"),
    ("directs", REQUEST, "directs the addressee to act"),
    ("entrusts", REQUEST, "gives the addressee a task"),
    ("mandates", REQUEST, "gives the addressee a task"),
    ("exhorts", REQUEST, "asks the addressee to act"),
    ("demands", REQUEST, 'asks the addressee to act ("demands that …")'),
    ("recommends", REQUEST, 'asks the addressee to act ("recommends that …")'),
    ("reiterates its request", REQUEST, "repeats a request made before"),
    ("reiterates its call", REQUEST, "repeats a request made before"),
    ("reiterates its invitation", REQUEST, "repeats a request made before"),
    ("renews its request", REQUEST, "repeats a request made before"),
    ("renews its call", REQUEST, "repeats a request made before"),
    ("renews its appeal", REQUEST, "repeats a request made before"),
    ("reaffirms its request", REQUEST, "repeats a request made before"),
    ("reiterates its appeal", REQUEST, "repeats a request made before"),
    ("decides", DECISION, "the organ acts itself: a mandate only for a recognised action"),
    ("resolves", DECISION, "the organ acts itself: a mandate only for a recognised action"),
    ("proclaims", DECISION, "proclaims a day, year or decade: an event"),
    ("establishes", DECISION, "establishes a body or office"),
    ("reaffirms", NONE, "states a position"),
    ("affirms", NONE, "states a position"),
    ("notes", NONE, "states a position"),
    ("takes note", NONE, "states a position"),
    ("welcomes", NONE, "states a position"),
    ("expresses", NONE, 'states a position ("expresses concern")'),
    ("recognizes", NONE, "states a position"),
    ("recalls", NONE, "states a position"),
    ("stresses", NONE, "states a position"),
    ("emphasizes", NONE, "states a position"),
    ("reiterates", NONE, "states a position"),
    ("acknowledges", NONE, "states a position"),
    ("underlines", NONE, "states a position"),
    ("underscores", NONE, "states a position"),
    ("highlights", NONE, "states a position"),
    ("condemns", NONE, "states a position"),
    ("deplores", NONE, "states a position"),
    ("commends", NONE, "states a position"),
    ("appreciates", NONE, "states a position"),
    ("endorses", NONE, "states a position"),
    ("approves", NONE, "approves (a budget, a report): no request"),
    ("appropriates", NONE, "appropriates funds: no request"),
    ("adopts", NONE, "adopts a text: no request"),
    ("supports", NONE, "states a position"),
    ("considers", NONE, "states a position"),
    ("declares", NONE, "states a position"),
    ("looks forward", NONE, "states a position"),
    ("regrets", NONE, "states a position"),
    ("recommits", NONE, "states a commitment"),
    ("commits", NONE, "states a commitment"),
    ("agrees", NONE, "states a position"),
    ("reminds", NONE, "states a position"),
    ("remains", NONE, 'states a position ("remains seized")'),
    ("congratulates", NONE, "states a position"),
    ("determines", NONE, "states a position"),
    ("rejects", NONE, "states a position"),
    ("confirms", NONE, "states a position"),
    ("draws attention", NONE, "states a position"),
    ("pays tribute", NONE, "states a position"),
]

CLASS = {verb: cls for verb, cls, _ in VERBS}

# Adverbs the UN puts before a verb ("Also requests", "Further urges", "Once again calls upon").
ADVERBS = r"(?:(?:also|further|again|once again|once more|strongly|firmly|urgently|furthermore|moreover)\s+)*"
_BY_LENGTH = sorted(CLASS, key=len, reverse=True)
# A verb at the start of a paragraph, or of a clause after "…, and": group `verb` is the table's entry.
VERB = re.compile(rf"(?P<adverbs>{ADVERBS})(?P<verb>{'|'.join(re.escape(v) for v in _BY_LENGTH)})\b", re.I)

# What "Decides to …" must go on with to be a mandate, and the kind of mandate it is.
MEETING, BODY, REPORT, OTHER = "meeting or event", "establishment or extension", "report", "other action"
KINDS = [REPORT, MEETING, BODY, OTHER]
DECISION_ACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:also |further )?to (?:establish|create|set up)\b"), BODY),
    (re.compile(r"^(?:also |further )?to (?:extend|renew)\b"), BODY),
    (re.compile(r"^(?:also |further )?to (?:convene|hold|organize|proclaim|declare|observe|commemorate)\b"), MEETING),
    (re.compile(r"^(?:also |further )?to designate\b.{0,60}\b(?:Day|Week|Year|Decade)\b"), MEETING),
    (re.compile(r"^(?:also |further )?to include\b.{0,80}\bprovisional agenda\b"), OTHER),
    (re.compile(r"^(?:also |further )?to (?:continue|resume) (?:its|the) consideration\b"), OTHER),
    (re.compile(r"^(?:also |further )?to (?:consider|review)\b.{0,200}\b(?:at|during) its\b"), OTHER),
    (re.compile(r"^that the .{0,160}\bshall (?:be (?:convened|held|organized)|resume|meet|convene|hold)\b"), MEETING),
    (re.compile(r"^(?:also |further )?to invite\b.{0,160}\bto (?:present|submit) (?:an? )?(?:oral )?report"), REPORT),
]
# "Proclaims 2026 the International Year of …" and "Establishes …" need no complement.
BARE_DECISIONS = {"proclaims": MEETING, "establishes": BODY}


def verb_class(verb: str) -> str:
    """The class of an opening verb as the table gives it (`none` for one it lacks)."""
    return CLASS.get(verb.lower(), NONE)


def markdown_table() -> str:
    """The README's table of opening verbs, generated from `VERBS`."""
    rows = ["| opening verb | class | meaning |", "| --- | --- | --- |"]
    rows += [f"| {verb} | {cls} | {meaning} |" for verb, cls, meaning in VERBS]
    return "\n".join(rows)
