"""Patterns several reading stages share, so they agree on what they recognise.

The enacting formula ("The General Assembly,", "The Commission on Crime
Prevention and Criminal Justice,") ends the masthead, starts the preamble,
and is never the continuation of a paragraph cut by a page break.
"""

from __future__ import annotations

import re

FORMULA = r"[“\"]?The [A-Z][\w ,'’()-]{3,140},[”\"]?"
FORMULA_RE = re.compile(rf"^{FORMULA}$")
