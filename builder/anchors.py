"""Paragraph ids: the public contract of every page.

People cite these ids in reports and e-mails, so they depend only on the
document's own numbering, never on wording, line wrapping or where the
document sits in the corpus:

- preambular paragraphs `pp1`, `pp2`, ... in order;
- operative paragraphs `op1`, ... by their own number; numbered paragraphs of
  notes and reports `para14`;
- sub-paragraphs append their letter or numeral: `op5-b`, `op5-b-ii`;
- section headings `sec-iii`, `sec-iii-a`; named ones `part-ii`, `chap-ii`,
  `art-5`;
- where numbering starts again under each section (sectioned resolutions,
  articles of a convention), paragraph ids are prefixed with the section's:
  `sec-ii-op3`, `art-5-para2`;
- unnumbered text before the enacting formula `intro1`, ...; unnumbered text
  among numbered paragraphs `text1`, ...;
- inside an annex the same ids prefixed `annex-` (`annex2-` for the second);
- notes `fn:5` (`fn:star`, `fn:star2` for `*`, `**`) and references
  `fnref:5`, `fnref2:5`, ... in reading order.
"""

from __future__ import annotations

from builder.model import Paragraph, Part


def annex_prefix(n: int) -> str:
    return "annex-" if n == 1 else f"annex{n}-"


def preamble(n: int) -> str:
    return f"pp{n}"


def intro(n: int) -> str:
    return f"intro{n}"


def text(n: int) -> str:
    return f"text{n}"


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
}


def citation(part: Part, para: Paragraph) -> str:
    """How a reader cites the paragraph: "operative paragraph 5", "annex, paragraph 3"."""
    where = f"{part.label.lower()}, " if part.prefix else ""
    return f"{where}{_CITED_AS.get(para.kind, 'paragraph')} {para.number}"
