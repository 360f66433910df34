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

# A UN document symbol as mastheads print it (A/C.3/61/L.7/Rev.1, E/CN.15/2003/1, S/RES/2719).
SYMBOL = r"(?:A|E|S|ST|UNEP|TD|CTOC|CRC|CEDAW|CCPR|DP|ECE|HRC|UNW|ICEF)(?:/[A-Za-z0-9][A-Za-z0-9.\-]*){2,}"
