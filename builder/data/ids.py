"""AKN4UN element ids (eIds), and the structure Akoma Ntoso nests them in.

The page's own ids (`op5-b`, see `builder.anchors`) stay the public contract;
an eId is the same paragraph named as Akoma Ntoso names it, built from the
element's place in the hierarchy, each level `<name>_<number>`, levels joined
by `__` (AKN naming convention, as AKN4UN applies it):

| page id | eId | element |
| --- | --- | --- |
| `pp3` | `preamble__container_3` | `container name="preambularParagraph"` |
| `op5` | `para_5` | `paragraph` |
| `op5-b`, `op5-b-ii` | `para_5__subpara_b`, `para_5__subpara_b__subpara_ii` | `subparagraph` |
| `para14` (a report's) | `para_14` | `paragraph` |
| `sec-iii`, `art-5` | `sec_iii`, `art_5` (paragraphs under it: `sec_iii__para_14`) | `section`, `article` |
| `intro1`, `text1` | `preamble__intro_1`, `text_1` | `container` / `hcontainer` |
| `action17` | `action_17` | `hcontainer name="action"` |
| `item3` | `item_3` | `hcontainer name="item"` |
| `annex-para5`, `annex2-…` | `att_1__para_5`, `att_2__…` | inside `attachment` |
| `fn:5` | `authorialNote_5` | `authorialNote` |

The leading run of a part (text before the enacting formula, the formula,
preambular paragraphs) is its `preamble`; the rest, nested under its
headings by level, its `mainBody`. An eId is unique in the document (a
number the document repeats gets `-2`, `-3`), and depends, like the page id,
only on the document's own numbering. Hand-written: no library knows the
model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from builder.anchors import note_key
from builder.model import Document, Heading, Note, Paragraph, Part

PREAMBLE_KINDS = frozenset({"intro", "formula", "preamble", "text"})

# Element and eId name of a heading printed with a word ("Article 5", "Chapter II").
NAMED_SECTIONS = {
    "article": ("article", "art"),
    "chapter": ("chapter", "chp"),
    "part": ("part", "part"),
    "section": ("section", "sec"),
    "rule": ("rule", "rule"),
    "title": ("title", "title"),
}


@dataclass
class Item:
    """A heading (with the blocks under it) or a paragraph (with its sub-paragraphs), and its eId."""

    block: Paragraph | Heading
    eid: str
    element: str
    children: list[Item] = field(default_factory=list)


@dataclass
class PartTree:
    """One part (the main text, or annex `number`), split into preamble and body."""

    part: Part
    number: int
    prefix: str
    preamble: list[Item] = field(default_factory=list)
    body: list[Item] = field(default_factory=list)


@lru_cache(maxsize=8192)
def clean(number: str) -> str:
    """A number as an eId part: "5" → "5", "III." → "iii", "5 bis" → "5-bis", "(b)" → "b"."""
    text = "-".join(re.sub(r"[^\w.-]+", " ", number.lower()).replace("_", " ").split())
    return text.strip(".-") or "nn"


_TRAILING = re.compile(r"(\d+)$")


def _ordinal(anchor: str, fallback: int) -> str:
    m = _TRAILING.search(anchor)
    return m.group(1) if m else str(fallback)


class _Namer:
    """Hands out eIds, unique in the document."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, eid: str) -> str:
        unique, n = eid, 1
        while unique in self.used:
            n += 1
            unique = f"{eid}-{n}"
        self.used.add(unique)
        return unique


def _join(parent: str, name: str) -> str:
    return f"{parent}__{name}" if parent else name


def _paragraph(para: Paragraph, parent: str, in_preamble: bool, namer: _Namer, count: int) -> Item:
    kind = para.kind
    if kind == "preamble":
        element, name = ("container", "container") if in_preamble else ("hcontainer", "container")
        eid = _join(parent, f"{name}_{_ordinal(para.anchor, count)}")
    elif kind == "formula":  # a formula under a heading (resolution B of a text): an hcontainer
        element, eid = ("formula" if in_preamble else "hcontainer"), _join(parent, f"formula_{count}")
    elif kind in ("intro", "text"):
        element = "container" if in_preamble else "hcontainer"
        eid = _join(parent, f"{kind}_{_ordinal(para.anchor, count)}")
    elif kind in ("action", "item"):
        element, eid = "hcontainer", _join(parent, f"{kind}_{clean(para.number)}")
    elif kind == "sub":
        element, eid = "subparagraph", _join(parent, f"subpara_{clean(para.number or para.label)}")
    else:  # operative, para
        element, eid = "paragraph", _join(parent, f"para_{clean(para.number) if para.number else 'nn'}")
    eid = namer(eid)
    item = Item(para, eid, element)
    for n, child in enumerate(para.children, start=1):
        item.children.append(_paragraph(child, eid, in_preamble, namer, n))
    return item


def _heading_name(heading: Heading) -> tuple[str, str]:
    """("article", "art_5") for "Article 5"; ("section", "sec_iii") for "III"."""
    word, _, rest = heading.number.partition(" ")
    if rest and word.lower() in NAMED_SECTIONS:
        element, short = NAMED_SECTIONS[word.lower()]
        return element, f"{short}_{clean(rest)}"
    return "section", f"sec_{clean(heading.number) if heading.number else 'nn'}"


def part_trees(doc: Document) -> list[PartTree]:
    """Every part of the document as Akoma Ntoso nests it, every element with its eId."""
    namer = _Namer()
    trees: list[PartTree] = []
    annexes = 0
    for part in doc.parts:
        if part.prefix:
            annexes += 1
        prefix = f"att_{annexes}" if part.prefix else ""
        tree = PartTree(part, annexes if part.prefix else 0, prefix)
        blocks = list(part.blocks)
        lead = 0
        while lead < len(blocks) and isinstance(blocks[lead], Paragraph) and blocks[lead].kind in PREAMBLE_KINDS:
            lead += 1
        if not any(isinstance(b, Paragraph) and b.kind == "preamble" for b in blocks[:lead]):
            # No preambular paragraph: only text before the enacting formula is a preamble.
            lead = next((i + 1 for i, b in enumerate(blocks[:lead]) if b.kind == "formula"), 0)  # type: ignore[union-attr]
        counts: dict[str, int] = {}
        for block in blocks[:lead]:
            counts[block.kind] = counts.get(block.kind, 0) + 1  # type: ignore[union-attr]
            tree.preamble.append(_paragraph(block, _join(prefix, "preamble"), True, namer, counts[block.kind]))  # type: ignore
        stack: list[tuple[int, Item | None]] = [(0, None)]
        for block in blocks[lead:]:
            if isinstance(block, Heading):
                while len(stack) > 1 and stack[-1][0] >= block.level:
                    stack.pop()
                holder = stack[-1][1]
                element, name = _heading_name(block)
                item = Item(block, namer(_join(holder.eid if holder else prefix, name)), element)
                (holder.children if holder else tree.body).append(item)
                stack.append((block.level, item))
                continue
            holder = stack[-1][1]
            siblings = holder.children if holder else tree.body
            counts[block.kind] = counts.get(block.kind, 0) + 1
            siblings.append(_paragraph(block, holder.eid if holder else prefix, False, namer, counts[block.kind]))
        trees.append(tree)
    return trees


def walk(items: list[Item]):
    """Every item in reading order, depth first."""
    for item in items:
        yield item
        yield from walk(item.children)


def eids(doc: Document, trees: list[PartTree] | None = None) -> dict[str, str]:
    """Page id → eId for every paragraph and heading of the document."""
    out: dict[str, str] = {}
    for tree in trees if trees is not None else part_trees(doc):
        if tree.part.anchor and tree.prefix:
            out[tree.part.anchor] = tree.prefix
        for item in walk(tree.preamble + tree.body):
            out[item.block.anchor] = item.eid
    return out


def note_eid(note: Note) -> str:
    return "authorialNote_" + note_key(note.note_id.removeprefix("fn:"))
