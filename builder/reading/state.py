"""The state the reading rules pass along, and the rule runner.

Like markdown-it-py's `Ruler`, a stage is an ordered list of small named
rules; each rule takes the shared `ReadState` and changes it in place. A new
quirk of the sources is a new rule in the right place of the list, not an edit
to a monolith.

Inline markup that the rules recognise is kept in the text as private-use
tokens until the last stage turns it into stand-off annotations:

- a note marker is ``MARK_OPEN + label + MARK_CLOSE``;
- emphasis is wrapped in ``EM_OPEN``/``EM_CLOSE`` or ``STRONG_OPEN``/``STRONG_CLOSE``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from builder.errors import Diagnostics
from builder.model import Metadata, Part

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
EM_OPEN, EM_CLOSE = "\ue002", "\ue003"
STRONG_OPEN, STRONG_CLOSE = "\ue004", "\ue005"
TOKEN_CHARS = MARK_OPEN + MARK_CLOSE + EM_OPEN + EM_CLOSE + STRONG_OPEN + STRONG_CLOSE
MARKER_RE = re.compile(f"{MARK_OPEN}([^{MARK_CLOSE}]*){MARK_CLOSE}")
_NO_TOKENS = {ord(c): None for c in TOKEN_CHARS}


def has_token(text: str) -> bool:
    """Does `text` hold any private-use token? (Six substring tests: several times faster than a pattern.)"""
    return not text.isascii() and (
        MARK_OPEN in text
        or MARK_CLOSE in text
        or EM_OPEN in text
        or EM_CLOSE in text
        or STRONG_OPEN in text
        or STRONG_CLOSE in text
    )


def marker(label: str) -> str:
    """The in-text token for a note marker with this label."""
    return f"{MARK_OPEN}{label}{MARK_CLOSE}"


@dataclass(slots=True)
class Line:
    """One source line with its 1-based line number."""

    text: str
    number: int


@dataclass(slots=True)
class Block:
    """A run of non-blank lines (a paragraph in the making).

    kind: "text" for content, "break" where furniture or a block of notes was
    taken out (a page break as far as joining is concerned), "rule" for a
    `_____` notes rule, "asterism" for a `* * *` (or `⁂`) printed between two
    groups of paragraphs.
    """

    text: str
    line: int
    kind: str = "text"
    first_line: str = ""
    last_line: str = ""
    # (text, plain) as last worked out: several rules ask for the plain text of an unchanged block
    _plain: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def plain(self) -> str:
        """The text without any private-use tokens (for classification)."""
        text = self.text
        if not has_token(text):
            return text  # most blocks have none: no copy, no slow `translate`
        if self._plain is None or self._plain[0] is not text:
            self._plain = (text, MARKER_RE.sub("", text).translate(_NO_TOKENS))
        return self._plain[1]


@dataclass
class NoteDef:
    """A note definition found in the text: label, text and where it was."""

    label: str
    text: str
    line: int
    position: int


@dataclass
class ReadState:
    """Everything the reading stages share for one document."""

    diagnostics: Diagnostics
    meta: Metadata
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    notes: list[NoteDef] = field(default_factory=list)
    masthead: list[Block] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    source_words: list[str] = field(default_factory=list)
    laid_out: bool = False  # the text keeps the page's layout in spaces (see builder.reading.layout)


Rule = Callable[[ReadState], None]


class Ruler:
    """An ordered, named list of rules, run one after the other."""

    def __init__(self, name: str, rules: list[tuple[str, Rule]]) -> None:
        self.name = name
        self.rules = list(rules)

    def names(self) -> list[str]:
        return [name for name, _ in self.rules]

    def run(self, state: ReadState) -> None:
        for _, rule in self.rules:
            rule(state)
