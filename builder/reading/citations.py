"""Citations: how a reader cites each paragraph, so that each names exactly one.

The structure stage asks a `Citer` (one per part) for every paragraph's
citation as it walks the document. Most are `builder.anchors.citation`
("section IV, preambular paragraph 2", "annex I, paragraph 1"); where a
document repeats a number, the citer names what the text itself scopes it
by — a label printed as a paragraph ("Rule 8", a lone "III", a second
resolution "B"), or a list inside a paragraph ending with a colon
("operative paragraph 11, item 3") — and, as a last resort, "second occurrence".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder import anchors
from builder.model import Paragraph, Part
from builder.reading.patterns import FORMULA_RE

# Labels the text prints as a paragraph of their own, under which paragraph
# numbering starts again: "Rule 8 Acting President", "Item 5.", a lone "III".
_LABEL = re.compile(r"^(?P<kind>Rule|Item|Objective|Action) (?P<num>\d{1,3}[a-z]?)\b[.:]?(?:\s|$)")
_NUMERAL = re.compile(r"^(?P<num>[IVXLC]{1,6}|[A-H])\.?$")
_TRAILING = re.compile(r"\b(?P<kind>Rule|Item|Objective|Action) (?P<num>\d{1,3}[a-z]?)[.:]\s[^.;]*:?$")
_ORDINALS = ("", "", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


@dataclass
class Citer:
    """The citation context of one part: the heading numbering restarts under, as cited
    ("section IV"); a label the text printed as a paragraph that numbering restarts under;
    a list inside a paragraph; every citation given so far."""

    scope: str = ""
    pending: str = ""
    letter: str = ""
    label: str = ""
    last: Paragraph | None = None
    host: Paragraph | None = None
    item: int = 0
    sub_labels: dict[int, str] = field(default_factory=dict)
    cited: set[str] = field(default_factory=set)

    def after_heading(self) -> None:
        """A heading ends any label or list the numbering was scoped by."""
        self.pending = self.label = self.letter = ""
        self.last = self.host = None

    def distinct(self, citation: str) -> str:
        """The citation, told apart from an earlier one of the part that reads the same (a last resort)."""
        n = 1
        unique = citation
        while unique in self.cited:
            n += 1
            unique = f"{citation}, {_ORDINALS[n] if n < len(_ORDINALS) else f'{n}th'} occurrence"
        self.cited.add(unique)
        return unique

    def numbered(self, part: Part, para: Paragraph, number: int, repeated: bool) -> str:
        """A numbered paragraph's citation, with the heading or list it sits in.

        Numbering that starts again at 1 after a label printed as a paragraph
        ("Rule 8", a lone "III") is scoped by that label; numbers that repeat
        right after a paragraph ending in a colon are that paragraph's list
        ("operative paragraph 11, item 3").
        """
        host = self.host
        if self.pending and number == 1:
            self.label, self.pending, self.host = self.pending, "", None
        elif host is not None and number == self.item + 1 and str(number) != str(int(host.number) + 1):
            self.item = number
            return self.distinct(f"{host.citation}, item {number}")
        elif repeated and self.last is not None and self.last.content.text.rstrip().endswith(":"):
            self.host, self.item = self.last, number
            return self.distinct(f"{self.last.citation}, item {number}")
        else:
            self.host = None
            if self.pending and number != 1:
                self.pending = self.label = ""
        self.last = para
        return self.distinct(anchors.citation(part, para, self.label or self.scope))

    def list_item(self, host: Paragraph, para: Paragraph) -> str:
        """ "operative paragraph 11, item 3": an item of the numbered list a paragraph introduced."""
        return self.distinct(f"{host.citation}, item {para.number}")

    def sub(self, parent: Paragraph, para: Paragraph) -> str:
        """ "operative paragraph 5 (b)"; a list that starts again under one paragraph is
        told apart by the label ending the text before it ("Item 23: …:")."""
        restarts = any(child.number == para.number for child in parent.children)
        if restarts and parent.children:
            before = parent.children[-1]
            while before.children:
                before = before.children[-1]
            m = _TRAILING.search(before.content.text.rstrip())
            if m:
                self.sub_labels[id(parent)] = f"{m['kind'].lower()} {m['num']}"
        label = self.sub_labels.get(id(parent))
        citation = f"{parent.citation}, {label} ({para.number})" if label else f"{parent.citation} ({para.number})"
        if label and parent.kind == "item" and label.startswith("item "):
            # `Item 1. …: (a) … (b) … Item 3. …:` run together: the later item's own, not "item 1, item 3 (a)"
            citation = f"{parent.citation.rpartition('item ')[0]}{label} ({para.number})"
        return self.distinct(citation)

    def unnumbered(self, part: Part, para: Paragraph, section: str) -> str:
        """An unnumbered paragraph's citation; a label it prints may scope the numbering that follows."""
        plain = para.content.text.strip()
        m = _NUMERAL.match(plain)
        label = _LABEL.match(plain) if len(plain) < 120 else None
        if m and self.scope:
            num = m["num"]
            lettered = len(num) == 1 and num not in "IVXLC"
            self.pending = anchors.scope_label(num, section.upper() if lettered else "")
            self.letter = num if lettered else ""
        elif label:
            self.pending, self.letter = f"{label['kind'].lower()} {label['num']}", ""
        elif FORMULA_RE.match(plain) and self.letter:
            # "B" then "The General Assembly,": the document's second resolution.
            self.pending, self.letter = f"resolution {self.letter}", ""
        within = self.scope if para.kind != "intro" else ""
        return self.distinct(anchors.citation(part, para, within))
