"""The document model: what parsing produces and rendering reads.

Plain dataclasses, no behaviour beyond small derived views. Text is stored as
plain strings with stand-off annotations (emphasis spans and note references
as character offsets), so later stages (cross-links, glossary, search) can add
their own annotations without re-parsing markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Span:
    """Emphasis over text[start:end]; kind is "em" or "strong"."""

    start: int
    end: int
    kind: str


@dataclass
class NoteRef:
    """A note marker placed before text[offset]; ref_id is its anchor (fnref:5)."""

    offset: int
    label: str
    note_id: str = ""
    ref_id: str = ""


@dataclass
class Link:
    """A link over text[start:end], added by the linking stage.

    kind is "document" (another UN document: its page in the corpus, else
    undocs.org) or "instrument" (a glossary entry). `target` is the official
    symbol or the instrument id; `page` the target's page in the corpus ("" for
    undocs.org); `anchor` a paragraph id in that page.
    """

    start: int
    end: int
    kind: str
    target: str
    anchor: str = ""
    title: str = ""
    page: str = ""


@dataclass
class Inline:
    """A run of paragraph text with its emphasis, note markers and links."""

    text: str
    spans: list[Span] = field(default_factory=list)
    refs: list[NoteRef] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class Paragraph:
    """An anchored paragraph.

    kind is one of: "intro" (text before the enacting formula), "formula"
    ("The General Assembly,"), "preamble", "operative", "para" (numbered
    paragraph of a note or report), "sub" (a lettered or roman sub-paragraph, or an item of a
    numbered list a paragraph introduces with a colon), "action" (an outcome document's
    "Action 17."), "item" (a programme of work's "Item 3.") and "text" (an unnumbered
    paragraph among numbered ones).
    """

    anchor: str
    kind: str
    content: Inline
    line: int
    number: str = ""
    label: str = ""
    opening: str = ""
    children: list[Paragraph] = field(default_factory=list)
    citation: str = ""
    divided: bool = False  # an asterism (`* * *`) follows it, before the next group of paragraphs


@dataclass
class Heading:
    """A section heading such as "III. Investigating ..." (anchor sec-iii)."""

    anchor: str
    number: str
    content: Inline
    level: int
    line: int


Block = Paragraph | Heading


@dataclass
class Part:
    """The main text or one annex; anchors inside an annex carry its prefix."""

    prefix: str
    title: Inline | None = None
    label: str = ""
    blocks: list[Block] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Note:
    """A footnote: its marker label, text, and the ids of every reference to it."""

    label: str
    note_id: str
    content: Inline
    line: int
    ref_ids: list[str] = field(default_factory=list)


@dataclass
class Metadata:
    """What the masthead and the optional YAML file say about a document."""

    source: Path
    symbol: str = ""
    slug: str = ""
    title: str = ""
    body: str = ""
    session: str = ""
    committee: str = ""
    agenda_item: str = ""
    agenda_title: str = ""
    date: str = ""
    distribution: str = ""
    original: str = ""
    sponsors: list[str] = field(default_factory=list)
    document_type: str = ""
    adopted_as: str = ""
    adopted_on: str = ""
    adopted_by: str = ""
    resolution_number: str = ""
    place: str = ""
    masthead_text: list[str] = field(default_factory=list)
    masthead_lines: list[int] = field(default_factory=list)
    field_refs: dict[str, list[NoteRef]] = field(default_factory=dict)

    @property
    def year(self) -> str:
        """The four-digit year of the document's date, or "" when unknown."""
        return self.date[-4:] if self.date[-4:].isdigit() else ""


@dataclass
class Document:
    """One source document, read and structured."""

    meta: Metadata
    parts: list[Part]
    notes: list[Note]
    path: str = ""
    _paragraphs: list[Paragraph] | None = field(default=None, init=False, repr=False, compare=False)

    def paragraphs(self) -> list[Paragraph]:
        """Every anchored paragraph in reading order, sub-paragraphs included.

        Walked once: reading hands on finished documents, whose parts no later stage changes,
        and a rebuild under `make serve` asks for the paragraphs of all the corpus's kept
        documents (counting, linking), not only the edited one's. A new list each call.
        """
        if self._paragraphs is None:
            self._paragraphs = self._walk()
        return list(self._paragraphs)

    def __getstate__(self) -> dict:
        """Pickled (the read cache, workers) without the walk, which is made again on demand."""
        state = dict(self.__dict__)
        state.pop("_paragraphs", None)
        return state

    def _walk(self) -> list[Paragraph]:
        out: list[Paragraph] = []

        def walk(items: list[Paragraph]) -> None:
            for item in items:
                out.append(item)
                walk(item.children)

        for part in self.parts:
            walk([b for b in part.blocks if isinstance(b, Paragraph)])
        return out

    def headings(self) -> list[Heading]:
        return [b for part in self.parts for b in part.blocks if isinstance(b, Heading)]
