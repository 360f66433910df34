"""Paragraph ids: the public contract of every page.

People cite these ids in reports and e-mails, so they depend only on the
document's own numbering, never on wording, line wrapping or where the
document sits in the corpus:

- preambular paragraphs `pp1`, `pp2`, ... in order;
- operative paragraphs `op1`, ... by their own number; numbered paragraphs of
  notes and reports `para14`;
- sub-paragraphs append their letter or numeral: `op5-b`, `op5-b-ii`;
- section headings `sec-iii`, `sec-iii-a`; named ones `part-ii`, `chap-ii`,
  `art-5`, `rule-7` (rules of procedure); a heading above sections
  ("Priority area 2: …") `priority-area-2`, its sections `priority-area-2-sec-i`;
- lettered items right under a heading, with no paragraph to hang on, are the
  heading's list: `sec-iii-a-a`, `sec-iii-a-a-i`;
- where numbering starts again under each section (sectioned resolutions,
  articles of a convention, rules of procedure), paragraph ids are prefixed
  with the section's: `sec-ii-op3`, `art-5-para2`, `annex3-rule-7-para1`;
- unnumbered text before the enacting formula `intro1`, ...; unnumbered text
  among numbered paragraphs `text1`, ...; unnumbered text inside a running
  list (a sub-heading between its items, lines an item ending in a colon
  introduces) is that item's: `op4-b-text1`, `annex-para27-text1`;
- inside an annex the same ids prefixed `annex-` (`annex2-` for the second);
- notes `fn:5` (`fn:star`, `fn:star2` for `*`, `**`) and references
  `fnref:5`, `fnref2:5`, ... in reading order.

Citations (`Paragraph.citation`, the paragraph's part; the page adds the
document's name) are not a contract but must each name one paragraph: the
annex with its numeral as printed and the heading numbering restarts under
come first ("annex I, section II.B, operative paragraph 3 (a)"); where a
document repeats a number the reading keeps as a suffixed id (`op1-2`), the
citation says why ("operative paragraph 11, item 1", "annex III, rule 8,
paragraph 1", "resolution B, operative paragraph 1"): see
`builder.reading.structure`.
"""

from __future__ import annotations

import re

from builder.model import Paragraph, Part


def annex_prefix(n: int) -> str:
    return "annex-" if n == 1 else f"annex{n}-"


def preamble(n: int) -> str:
    return f"pp{n}"


def intro(n: int) -> str:
    return f"intro{n}"


def text(n: int) -> str:
    return f"text{n}"


def action(number: str) -> str:
    """An action of an outcome document ("Action 17." of the Pact for the Future): `action17`."""
    return f"action{number}"


def item(number: str) -> str:
    """An item of a programme of work or agenda ("Item 3." of a Main Committee's programme): `item3`."""
    return f"item{number}"


def numbered(kind: str, number: str) -> str:
    return ("op" if kind == "operative" else "para") + number


def section(number: str, within: str = "") -> str:
    return f"sec-{within}-{number.lower()}" if within else f"sec-{number.lower()}"


def named_section(kind: str, number: str) -> str:
    """`Article 5` → `art-5`, `Chapter II` → `chap-ii`, `Part 3 bis` → `part-3-bis`."""
    return f"{kind}-" + "-".join(number.lower().split())


def note_key(label: str) -> str:
    if set(label) == {"*"}:
        return "star" if len(label) == 1 else f"star{len(label)}"
    return "".join(c if c.isalnum() else "-" for c in label)


_CITED_AS = {
    "preamble": "preambular paragraph",
    "operative": "operative paragraph",
    "para": "paragraph",
    "intro": "introductory paragraph",
    "text": "unnumbered paragraph",
    "action": "action",
    "item": "item",
}

# Units whose paragraphs are just "paragraphs", whatever the enacting formula
# above them: "annex, article 5, paragraph 2", "rule 8, paragraph 1".
_PLAIN_PARAGRAPHS = ("article ", "rule ")

# The words a paragraph's citation can start with (`citation`, `scope_label`),
# so a label "<document>, <citation>" can be split where the citation starts.
CITATION_START = re.compile(
    r", (?=(?:annex(?:es)?|section|part|chapter|article|rule|item|objective|action|resolution|"
    r"preambular|operative|introductory|unnumbered|paragraph)\b)"
)


def annex_label(part: Part) -> str:
    """The annex as printed, for a citation: "Annex I" → "annex I", "Annex" → "annex"."""
    word, _, number = part.label.partition(" ")
    return f"{word.lower()} {number}".strip() if word else "annex"


def scope_label(number: str, section: str = "") -> str:
    """The heading paragraph numbering restarts under, as a citation names it.

    `number` is the heading's number as printed ("IV", "B", "Article 5");
    `section` the printed numeral of the section a lettered heading sits in:
    "section IV", "section II.B", "article 5", "chapter II".
    """
    kind, _, rest = number.partition(" ")
    if rest:
        return f"{kind.lower()} {rest}"
    return f"section {section}.{number}" if section and section != number else f"section {number}"


def citation(part: Part, para: Paragraph, within: str = "") -> str:
    """How a reader cites the paragraph within its document.

    The annex (numeral as printed) and, where numbering starts again under
    each heading, the heading `within` come first: "operative paragraph 5",
    "section IV, preambular paragraph 2", "annex I, article 5, paragraph 2".
    """
    where = [annex_label(part)] if part.prefix else []
    if within:
        where.append(within)
    word = _CITED_AS.get(para.kind, "paragraph")
    if within.startswith(_PLAIN_PARAGRAPHS) and para.kind in ("operative", "para"):
        word = "paragraph"
    return ", ".join([*where, f"{word} {para.number}"])


def within_document(label: str) -> str:
    """The paragraph's part of a label "<document>, <citation>" (the document may hold commas)."""
    m = CITATION_START.search(label)
    return label[m.end() :] if m else label
