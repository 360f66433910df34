"""What search can find: one record per document, anchored paragraph and glossary entry.

Records are made from the linked corpus (the document model plus `Links`), so
a paragraph's record knows which documents it cites (in its text or its
notes) and which instruments it mentions. Each record carries its terms by
field; the index builder never looks at the model.

Guarantees to the index: every anchored paragraph of every document has
exactly one record, whose `url` is its page and anchor (`A/67/156/#op5-b`);
refs are unique and short (the browser downloads them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from builder.linking.corpus import Links, official_symbols
from builder.model import Document
from builder.render.html import GLOSSARY_PAGE, url_dir
from builder.render.page import cite_name, display_title
from builder.search.terms import terms

# Field boosts: a match in a symbol or an instrument's name says more than one word in running text.
DOCUMENT_FIELDS = {"symbol": 10, "title": 3, "text": 1}
PARAGRAPH_FIELDS = {"text": 1, "cites": 4, "instruments": 2}


@dataclass
class Facets:
    """What results can be narrowed by."""

    body: str
    session: str
    year: str
    status: str  # "adopted", "draft" or "other"


@dataclass
class Record:
    """One search entry: its ref in the index, where it opens, its label and text, its terms by field."""

    ref: str
    url: str
    label: str
    text: str
    fields: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class DocumentRecords:
    """One document's page record, facets and paragraph records."""

    page: Record
    facets: Facets
    paragraphs: list[Record]


def status(doc: Document) -> str:
    kind = doc.meta.document_type.lower()
    if "draft" in kind or "amendment" in kind:
        return "draft"
    if doc.meta.adopted_as or kind == "resolution" or "/RES/" in doc.meta.symbol:
        return "adopted"
    return "other"


def symbol_terms(symbol: str) -> list[str]:
    """A symbol and the short form people type: A/RES/61/180 is also 61/180."""
    parts = symbol.split("/")
    short = ["/".join(parts[2:])] if len(parts) >= 4 and parts[1] == "RES" else []
    return [t for s in (symbol, *short) for t in terms(s)]


def paragraph_terms(doc: Document) -> list[list[str]]:
    """The terms of each paragraph's text, in `doc.paragraphs()` order.

    They depend on the document alone, so the build computes them while
    reading (in parallel, and cached with the document).
    """
    return [terms(p.content.text) for p in doc.paragraphs()]


def document_records(
    docs: list[Document], links: Links, text_terms: dict[str, list[list[str]]] | None = None
) -> list[DocumentRecords]:
    """Records for every document, numbered in the order given (the build's order).

    `text_terms` holds `paragraph_terms(doc)` by page, where already computed.
    """
    mentioned: dict[tuple[str, str], set[str]] = defaultdict(set)
    for instrument, by_page in links.mentions.items():
        for page, places in by_page.items():
            for place in places:
                mentioned[(page, place.anchor)].add(instrument)
    registry = links.registry
    names = {i.id: terms(" ".join(i.names())) for i in registry.instruments}
    out = []
    for number, doc in enumerate(docs):
        note_cites = {n.note_id: _cited(n.content.links) for n in doc.notes}
        known = (text_terms or {}).get(doc.path) or paragraph_terms(doc)
        paragraphs = []
        for index, para in enumerate(doc.paragraphs()):
            cites = _cited(para.content.links)
            for ref in para.content.refs:
                cites += note_cites.get(ref.note_id, [])
            instruments = sorted(mentioned.get((doc.path, para.anchor), ()))
            paragraphs.append(
                Record(
                    ref=f"{number:x}.{index:x}",
                    url=url_dir(doc.path) + "#" + para.anchor,
                    label=f"{cite_name(doc)} · {para.citation}",
                    text=para.content.text,
                    fields={
                        "text": known[index],
                        "cites": list(dict.fromkeys(t for symbol in cites for t in symbol_terms(symbol))),
                        "instruments": [t for i in instruments for t in names[i]],
                    },
                )
            )
        out.append(DocumentRecords(_page_record(doc, number), _facets(doc), paragraphs))
    return out


def glossary_records(links: Links) -> list[Record]:
    """One record per instrument: found by any of its names, opening its glossary entry."""
    return [
        Record(
            ref=f"g{n:x}",
            url=url_dir(GLOSSARY_PAGE) + "#" + instrument.id,
            label=f"Glossary · {instrument.kind or 'instrument'}",
            text=instrument.title,
            fields={"symbol": [], "title": terms(" ".join(instrument.names())), "text": terms(instrument.description)},
        )
        for n, instrument in enumerate(links.registry.instruments)
    ]


def _cited(links) -> list[str]:
    return [link.target for link in links if link.kind == "document"]


def _page_record(doc: Document, number: int) -> Record:
    meta = doc.meta
    symbols = official_symbols(doc)
    described = " ".join(x for x in (meta.document_type, meta.body, meta.session, meta.date, meta.agenda_title) if x)
    return Record(
        ref=f"d{number:x}",
        url=url_dir(doc.path),
        label=" · ".join(x for x in (cite_name(doc), meta.document_type, meta.date) if x),
        text=display_title(doc),
        fields={
            "symbol": list(dict.fromkeys(t for s in symbols for t in symbol_terms(s))),
            "title": terms(display_title(doc)),
            "text": terms(described),
        },
    )


def _facets(doc: Document) -> Facets:
    meta = doc.meta
    return Facets(meta.body or "Other", meta.session, meta.year, status(doc))
