"""The linking pass: runs once every document is read, over the whole corpus.

Guarantees to the renderer: every paragraph's and note's `Inline.links` holds
its links, non-overlapping and in order (the first mention of an instrument
in each paragraph, every document reference with a certain symbol; nothing
in headings); `Links.cited_by` says, for each document of the corpus, which
paragraphs of which documents cite it; `Links.mentions` says, for each
instrument, which paragraphs of which documents mention it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from builder import workers
from builder.linking.discovery import note_identifications
from builder.linking.instruments import KINDS, Mention, Registry
from builder.linking.references import find_references, own_body, resolution_symbol
from builder.model import Document, Inline, Link, Note, Paragraph


@dataclass(frozen=True)
class Place:
    """A paragraph of a document, as a link target."""

    doc: str
    anchor: str
    label: str


@dataclass
class Links:
    registry: Registry
    pages: dict[str, Document] = field(default_factory=dict)
    cited_by: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, dict[str, list[Place]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def official_symbols(doc: Document) -> list[str]:
    """The symbols a document is known by: its own, and the resolution it was adopted as."""
    meta = doc.meta
    symbols = [meta.symbol]
    symbols += [r.symbol for r in find_references(meta.adopted_as, meta.adopted_by or "General Assembly")]
    if meta.resolution_number and meta.body:
        symbols.append(resolution_symbol(meta.resolution_number, meta.body))
    return [s for s in dict.fromkeys(symbols) if s]


def corpus_index(docs: list[Document]) -> dict[str, Document]:
    """Official symbol → document (the first document known by it)."""
    index: dict[str, Document] = {}
    for doc in docs:
        for symbol in official_symbols(doc):
            index.setdefault(symbol, doc)
    return index


def link_corpus(docs: list[Document], registry: Registry) -> Links:
    """Link every document, on forked workers at corpus scale (see `builder.workers`).

    Each document is linked on its own against the corpus index; what it
    found is then merged in document order, so the result does not depend on
    where or in what order the documents were linked.
    """
    links = Links(registry, pages=corpus_index(docs))
    with workers.sharing(docs=docs, links=links), workers.pool(len(docs)) as pool:
        found = workers.run(pool, link_one, len(docs))
    merge_links(links, docs, found)
    return links


def merge_links(links: Links, docs: list[Document], found: list[DocumentLinks]) -> None:
    """Put what linking each document found (however it was got: linked now or cached) into
    its texts and into `links`, in document order."""
    for doc, one in zip(docs, found, strict=True):
        for content, content_links in zip(_contents(doc), one.contents, strict=True):
            content.links = content_links
        for page, places in one.cited_by.items():
            links.cited_by[page].extend(places)
        for instrument, by_page in one.mentions.items():
            links.mentions[instrument].update(by_page)
        for kind, count in one.counts.items():
            links.counts[kind] += count


@dataclass
class DocumentLinks:
    """What linking one document found: each text's links, its citations and mentions."""

    contents: list[list[Link]]
    cited_by: dict[str, list[Place]]
    mentions: dict[str, dict[str, list[Place]]]
    counts: dict[str, int]


def link_one(i: int) -> DocumentLinks:
    """Link document i of the corpus being linked (`workers.SHARED`), into a Links of its own."""
    doc, shared = workers.SHARED["docs"][i], workers.SHARED["links"]
    own = Links(shared.registry, pages=shared.pages)
    _link_document(doc, own)
    return DocumentLinks(
        [c.links for c in _contents(doc)],
        dict(own.cited_by),
        {k: dict(v) for k, v in own.mentions.items()},
        dict(own.counts),
    )


def _contents(doc: Document) -> list[Inline]:
    """The texts linking looks at, in order: paragraphs (not the enacting formula), then notes."""
    return [p.content for p in doc.paragraphs() if p.kind != "formula"] + [n.content for n in doc.notes]


def _formula(doc: Document) -> str:
    return next((p.content.text for p in doc.paragraphs() if p.kind == "formula"), "")


def _link_document(doc: Document, links: Links) -> None:
    registry = links.registry
    body = own_body(_formula(doc), doc.meta.body)
    paragraphs = [p for p in doc.paragraphs() if p.kind != "formula"]
    contents = _contents(doc)
    # Each text is searched once with the registry's names, and again only if
    # the document defines short names of its own.
    found_by_text = [registry.find(c.text) for c in contents]
    learned: dict[str, str] = {}
    for content, mentions in zip(contents, found_by_text, strict=True):
        learned.update(registry.learn(content.text, mentions))
    if learned:
        names, matcher = registry.extended(learned)
        found_by_text = [registry.find(c.text, names, matcher) for c in contents]
    seen: dict[int, Seen] = {}
    named_kinds: dict[str, set[str]] = defaultdict(set)
    for content, mentions in zip(contents, found_by_text, strict=True):
        bare = registry.bare(content.text)
        others = _unregistered_kinds(content.text, mentions, bare)
        seen[id(content)] = Seen(mentions, bare, others)
        for mention in mentions:
            named_kinds[registry.by_id[mention.instrument].kind].add(mention.instrument)
        for kind in others:
            named_kinds[kind].add("")  # another instrument of this kind, not in the registry

    via_note = _instruments_in_notes(doc.notes, seen, registry)
    for note in doc.notes:
        _link_inline(note.content, seen[id(note.content)], doc, body, links, named_kinds)
    note_targets = {
        note.note_id: {lk.page for lk in note.content.links if lk.kind == "document" and lk.page} for note in doc.notes
    }
    for para in paragraphs:
        found = _link_inline(para.content, seen[id(para.content)], doc, body, links, named_kinds)
        for ref in para.content.refs:
            found |= via_note.get(ref.note_id, set())
        label = f"{doc.meta.symbol or doc.meta.title or doc.meta.slug}, {para.citation}"
        for instrument in sorted(found):
            links.mentions[instrument][doc.path].append(Place(doc.path, para.anchor, label))
        _record_citations(para, doc, links, label, note_targets)


@dataclass(frozen=True)
class Seen:
    """What one text names: registered instruments, bare "the Convention"s, other kinds."""

    mentions: list[Mention]
    bare: list[tuple[int, int, str]]
    others: set[str]


def _instruments_in_notes(notes: list[Note], seen: dict[int, Seen], registry: Registry) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    previous = ""
    identified = note_identifications(notes)
    for note in notes:
        ids, previous = registry.identified_by_note(note.content.text, previous)
        ident = identified.get(note.note_id)
        if ident is not None and (ident.kind, ident.key) in registry.by_key:
            ids.add(registry.by_key[(ident.kind, ident.key)])
        ids |= {m.instrument for m in seen[id(note.content)].mentions}
        found[note.note_id] = ids
    return found


def _link_inline(content: Inline, seen: Seen, doc: Document, body: str, links: Links, named_kinds) -> set[str]:
    """Add links to one paragraph or note; return the instruments it names."""
    registry = links.registry
    text = content.text
    found: set[str] = set()
    new: list[Link] = []
    for mention in seen.mentions:
        instrument = registry.by_id[mention.instrument]
        if mention.instrument not in found:
            new.append(Link(mention.start, mention.end, "instrument", instrument.id, title=instrument.summary()))
            links.counts["instrument"] += 1
        found.add(mention.instrument)
    for start, end, kind in seen.bare:
        if any(link.start <= start < link.end for link in new):
            continue
        here = {i for i in found if registry.by_id[i].kind == kind}
        if kind in seen.others:
            here.add("")
        candidates = here or named_kinds.get(kind, set())
        if len(candidates) != 1 or "" in candidates:
            continue
        (instrument,) = candidates
        if instrument not in found:
            new.append(Link(start, end, "instrument", instrument, title=registry.by_id[instrument].summary()))
            links.counts["instrument"] += 1
            found.add(instrument)
    for ref in find_references(text, body):
        if not ref.symbol or any(link.start < ref.end and ref.start < link.end for link in new):
            continue
        target = links.pages.get(ref.symbol)
        cited = _paragraph(target, ref.anchor) if target is not None else None
        anchor = cited.anchor if cited is not None else ""
        page = "" if target is None else target.path
        title = ref.symbol + (f", {cited.citation}" if cited is not None else "")
        new.append(Link(ref.start, ref.end, "document", ref.symbol, anchor=anchor, title=title, page=page))
        links.counts["corpus" if page else "undocs"] += 1
    content.links = sorted(new, key=lambda link: link.start)
    return found


_KIND_WORD = re.compile(r"\b(Convention|Protocol|Declaration|Plan of Action|Agenda)s?\b")


def _unregistered_kinds(text: str, mentions: list[Mention], bare: list[tuple[int, int, str]]) -> set[str]:
    """Kinds ("Convention", "Protocol") the text names outside registered names and
    bare "the Convention": a sign of an instrument the registry does not know,
    which makes a bare "the Convention" ambiguous."""
    if not any(kind in text for kind in KINDS):  # most texts: `_KIND_WORD` would try every position for nothing
        return set()
    covered = [(m.start, m.end) for m in mentions] + [(s, e) for s, e, _ in bare]
    return {m.group(1) for m in _KIND_WORD.finditer(text) if not any(s <= m.start() < e for s, e in covered)}


def _paragraph(doc: Document, anchor: str) -> Paragraph | None:
    return next((p for p in doc.paragraphs() if p.anchor == anchor), None) if anchor else None


def _record_citations(
    para: Paragraph, doc: Document, links: Links, label: str, note_targets: dict[str, set[str]]
) -> None:
    targets = {link.page for link in para.content.links if link.kind == "document" and link.page}
    for note_ref in para.content.refs:
        targets |= note_targets.get(note_ref.note_id, set())
    for page in sorted(targets - {doc.path}):
        places = links.cited_by[page]
        if not places or places[-1] != Place(doc.path, para.anchor, label):
            places.append(Place(doc.path, para.anchor, label))
