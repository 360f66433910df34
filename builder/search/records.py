"""What search can find: one record per document, anchored paragraph and glossary entry.

A record is two things: the terms it is found by, per field (`fields`), and
what a result shows (`shown`: its label with section and annex as a citation
names them, its text for the excerpt, the notes it cites documents in, so a
result can say why it matched). Documents, paragraphs and glossary entries
are records of the same shape, scored by one formula (`index.py`).

`document_records` is a pure function of one document and the few linking
facts about it (`DocumentLinks`): the build may cache its result per document
and redo only the document that changed; only the global assembly
(`files.py`: numbering, term statistics, shards) sees the whole corpus.

Guarantees to the assembly: a document's records are its page record first,
then one record per anchored paragraph in `doc.paragraphs()` order; the page
record's `shown` lists every paragraph anchor, so a citation typed in the
search box ("61/180 op5") can be resolved in the browser.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from builder.linking.corpus import Links, official_symbols
from builder.linking.instruments import Registry
from builder.model import Document
from builder.render.html import GLOSSARY_PAGE, url_dir
from builder.render.page import cite_name, display_title
from builder.search.terms import terms

# Field boosts, the same for every kind of record: a match in a symbol or a
# title says more than a word in running text; a cited symbol or an
# instrument's name more than a word too.
FIELDS = {"symbol": 10, "title": 3, "text": 1, "cites": 4, "instruments": 2}

# Record kinds, as the browser reads them from `shown[0]`.
PAGE, PARAGRAPH, GLOSSARY = 0, 1, 2


@dataclass
class Facets:
    """What results can be narrowed by."""

    body: str
    session: str
    year: str
    status: str  # "adopted", "draft" or "other"


@dataclass
class Record:
    """One search entry: its terms by field, and what its result shows (JSON-ready)."""

    fields: dict[str, list[str]]
    shown: list = field(default_factory=list)
    # field -> (term frequencies, length), the non-empty fields only: what scoring reads
    counted: dict[str, tuple[Counter, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.counted = {name: (Counter(tokens), len(tokens)) for name, tokens in self.fields.items() if tokens}


@dataclass
class DocumentLinks:
    """What linking found about one document that its search records need."""

    # anchor -> ids of the instruments the paragraph mentions
    mentions: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class DocumentRecords:
    """One document's records (page first, then its paragraphs), its facets, and how it is named."""

    url: str
    name: str
    title: str
    facets: Facets
    records: list[Record]


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


def short_symbol(symbol: str) -> str:
    """The form a reader types and a result says: A/RES/61/180 → 61/180; other symbols as they are."""
    parts = symbol.split("/")
    return "/".join(parts[2:]) if len(parts) == 4 and parts[1] == "RES" else symbol


def paragraph_terms(doc: Document) -> list[list[str]]:
    """The terms of each paragraph's text, in `doc.paragraphs()` order.

    They depend on the document alone, so the build computes them while
    reading (in parallel, and cached with the document).
    """
    return [terms(p.content.text) for p in doc.paragraphs()]


def document_links(links: Links) -> dict[str, DocumentLinks]:
    """The linking facts each document's records need, by page."""
    out: dict[str, DocumentLinks] = {}
    for instrument, by_page in sorted(links.mentions.items()):
        for page, places in by_page.items():
            mentions = out.setdefault(page, DocumentLinks()).mentions
            for place in places:
                found = mentions.setdefault(place.anchor, [])
                if instrument not in found:
                    found.append(instrument)
    return out


def instrument_names(registry: Registry) -> dict[str, list[str]]:
    """Each instrument's id -> the terms of every name it goes by."""
    return {i.id: terms(" ".join(i.names())) for i in registry.instruments}


def document_records(
    doc: Document,
    facts: DocumentLinks,
    names: dict[str, list[str]],
    text_terms: list[list[str]] | None = None,
) -> DocumentRecords:
    """The records of one document: a pure function of its arguments (cacheable per document).

    `text_terms` is `paragraph_terms(doc)` where already computed.
    """
    known = text_terms if text_terms is not None else paragraph_terms(doc)
    note_cites = {n.note_id: (n.label, _cited(n.content.links)) for n in doc.notes}
    paragraphs = doc.paragraphs()
    records = [_page_record(doc, [p.anchor for p in paragraphs])]
    for index, para in enumerate(paragraphs):
        cites = _cited(para.content.links)
        in_notes: list[list[str]] = []
        for ref in para.content.refs:
            label, cited = note_cites.get(ref.note_id, ("", []))
            cites += cited
            in_notes += [[symbol, label] for symbol in cited if [symbol, label] not in in_notes]
        instruments = facts.mentions.get(para.anchor, [])
        records.append(
            Record(
                fields={
                    "text": known[index],
                    "cites": list(dict.fromkeys(t for symbol in cites for t in symbol_terms(symbol))),
                    "instruments": [t for i in sorted(instruments) for t in names.get(i, [])],
                },
                shown=[PARAGRAPH, para.anchor, para.citation, para.content.text, in_notes],
            )
        )
    return DocumentRecords(url_dir(doc.path), cite_name(doc), display_title(doc), _facets(doc), records)


def glossary_records(registry: Registry) -> list[Record]:
    """One record per instrument: found by any of its names, opening its glossary entry.

    A few dozen terms each: hundreds of instruments cost little in the index."""
    return [
        Record(
            # Its short names and aliases identify it as a symbol identifies a document.
            fields={
                "symbol": terms(" ".join([*instrument.short_names, *instrument.aliases])),
                "title": terms(instrument.title),
                "text": terms(instrument.description),
            },
            shown=[
                GLOSSARY,
                url_dir(GLOSSARY_PAGE) + "#" + instrument.id,
                f"Glossary · {instrument.kind or 'instrument'}",
                instrument.title,
                instrument.description,
            ],
        )
        for instrument in registry.instruments
    ]


def _cited(links) -> list[str]:
    return [link.target for link in links if link.kind == "document"]


def _page_record(doc: Document, anchors: list[str]) -> Record:
    meta = doc.meta
    symbols = official_symbols(doc)
    described = " ".join(x for x in (meta.document_type, meta.body, meta.session, meta.date, meta.agenda_title) if x)
    label = " · ".join(x for x in (cite_name(doc), meta.document_type, meta.date) if x)
    return Record(
        fields={
            "symbol": list(dict.fromkeys(t for s in symbols for t in symbol_terms(s))),
            "title": terms(display_title(doc)),
            "text": terms(described),
        },
        shown=[PAGE, label, " ".join(anchors)],
    )


def _facets(doc: Document) -> Facets:
    meta = doc.meta
    return Facets(meta.body or "Other", meta.session, meta.year, status(doc))
