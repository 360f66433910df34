"""`document.json`: one document as data, from the model and the linking result.

The shape is `document.schema.json` (JSON Schema 2020-12, beside this file,
published at `data/document.schema.json`); `SCHEMA_VERSION` is its version:
a key added is a minor version, a key renamed or removed a major one.
Objects may gain keys (other stages add theirs, e.g. `mandates`): readers
ignore keys they do not know.

What it guarantees: `paragraphs` holds every anchored paragraph and heading
in reading order, sub-paragraphs after their parent, each with its page id
(`id`, the public contract) and its Akoma Ntoso eId; `text` is the plain text
the page shows, and every annotation's `start`/`end` are offsets into it in
Unicode code points (Python string indices; JavaScript strings count UTF-16
units, so convert with `Array.from(text)` when a text holds characters
outside the Basic Multilingual Plane). Only what the sources say: a fact the
metadata leave out is "" (or null for a derived one), never guessed.
"""

from __future__ import annotations

from builder.anchors import within_document
from builder.data.ids import PartTree, eids, note_eid, part_trees
from builder.data.paths import data_urls, page_url
from builder.linking.corpus import Links
from builder.model import Document, Heading, Inline, Paragraph, Part
from builder.render.html import GLOSSARY_PAGE, url_dir
from builder.render.page import date_parts, official_url

SCHEMA_VERSION = "1.2"

KINDS = {
    "preamble": "preambular",
    "operative": "operative",
    "para": "numbered",
    "sub": "sub-paragraph",
    "text": "text",
    "intro": "introductory",
    "formula": "formula",
    "action": "action",
    "item": "item",
}

METADATA = (
    "symbol",
    "slug",
    "title",
    "body",
    "committee",
    "session",
    "agenda_item",
    "agenda_title",
    "date",
    "place",
    "distribution",
    "original",
    "document_type",
    "adopted_as",
    "adopted_on",
    "adopted_by",
    "resolution_number",
)


def iso_date(text: str) -> str | None:
    """ "19 October 2006" → "2006-10-19"; None unless day, month and year are all printed."""
    parts = date_parts(text)
    return "-".join(f"{n:02d}" for n in parts) if len(parts) == 3 else None


def part_id(part: Part) -> str:
    """The part a paragraph belongs to: "main", or the annex's page id ("annex", "annex2")."""
    if not part.prefix:
        return "main"
    return part.anchor or part.prefix.rstrip("-")


def annotations(content: Inline, here: str) -> list[dict]:
    """Emphasis, note references and links of one text, as offsets, in order."""
    out: list[dict] = []
    for span in content.spans:
        style = "italic" if span.kind == "em" else "bold"
        out.append({"type": "emphasis", "start": span.start, "end": span.end, "style": style})
    for ref in content.refs:
        out.append(
            {
                "type": "note",
                "start": ref.offset,
                "end": ref.offset,
                "label": ref.label,
                "note": ref.note_id,
                "ref": ref.ref_id,
            }
        )
    for link in content.links:
        if link.kind == "instrument":
            out.append(
                {
                    "type": "instrument",
                    "start": link.start,
                    "end": link.end,
                    "instrument": link.target,
                    "url": url_dir(GLOSSARY_PAGE) + "#" + link.target,
                }
            )
            continue
        entry = {"type": "document", "start": link.start, "end": link.end, "symbol": link.target}
        entry["in_corpus"] = bool(link.page)
        entry["url"] = (page_url(link.page) if link.page else official_url(link.target)) + (
            f"#{link.anchor}" if link.anchor and link.page else ""
        )
        if link.anchor and link.page:
            entry["paragraph"] = link.anchor
        out.append(entry)
    order = {"emphasis": 0, "note": 1, "document": 2, "instrument": 2}
    return sorted(out, key=lambda a: (a["start"], order[a["type"]], a["end"]))


def document_data(
    doc: Document, links: Links | None = None, titles: dict[str, str] | None = None, trees: list[PartTree] | None = None
) -> dict:
    """The document as `document.json` holds it (see the module docstring and the schema).

    `trees` are the document's `part_trees`, when the caller has them already."""
    meta = doc.meta
    trees = trees if trees is not None else part_trees(doc)
    eid_of = eids(doc, trees)
    data: dict = {"schema_version": SCHEMA_VERSION}
    data.update({name: getattr(meta, name) for name in METADATA})
    data["date_iso"] = iso_date(meta.date)
    data["sponsors"] = list(meta.sponsors)
    data["masthead"] = list(meta.masthead_text)
    data["url"] = page_url(doc.path)
    data["official_url"] = official_url(meta.symbol) if meta.symbol else None
    data["downloads"] = data_urls(doc)
    data["parts"] = [
        {
            "id": part_id(tree.part),
            "eid": tree.prefix or "main",
            "label": tree.part.label,
            "title": tree.part.title.text if tree.part.title else "",
        }
        for tree in trees
    ]
    owners: dict[str, str] = {}  # note reference id → the paragraph (or field) it is in
    paragraphs: list[dict] = []
    for part in doc.parts:
        pid = part_id(part)
        section: list[tuple[int, str]] = []
        if part.title:
            for ref in part.title.refs:
                owners[ref.ref_id] = part.anchor or pid
        for block in part.blocks:
            if isinstance(block, Heading):
                while section and section[-1][0] >= block.level:
                    section.pop()
                paragraphs.append(_heading(block, pid, section[-1][1] if section else None, eid_of, doc.path))
                section.append((block.level, block.anchor))
                for ref in block.content.refs:
                    owners[ref.ref_id] = block.anchor
                continue
            for para, parent in _flatten(block, None):
                paragraphs.append(_paragraph(para, pid, parent, section[-1][1] if section else None, eid_of, doc.path))
                for ref in para.content.refs:
                    owners[ref.ref_id] = para.anchor
    data["paragraphs"] = paragraphs
    for name, refs in meta.field_refs.items():
        for ref in refs:
            owners[ref.ref_id] = f"metadata:{name}"
    data["notes"] = [
        {
            "id": note.note_id,
            "eid": note_eid(note),
            "label": note.label,
            "text": note.content.text,
            "annotations": annotations(note.content, doc.path),
            "references": [{"ref": ref, "in": owners.get(ref)} for ref in note.ref_ids],
        }
        for note in doc.notes
    ]
    data["cites"] = _cites(doc)
    data["cited_by"] = _cited_by(doc, links, titles or {})
    data["instruments"] = _instruments(doc, links)
    return data


def _flatten(para: Paragraph, parent: str | None):
    yield para, parent
    for child in para.children:
        yield from _flatten(child, para.anchor)


def _paragraph(para: Paragraph, part: str, parent: str | None, section: str | None, eid_of, here: str) -> dict:
    out = {
        "id": para.anchor,
        "eid": eid_of.get(para.anchor),
        "kind": KINDS.get(para.kind, para.kind),
        "number": para.number,
        "label": para.label,
        "part": part,
        "section": section,
        "parent": parent,
        "citation": para.citation,
        "opening": para.opening,
        "text": para.content.text,
        "annotations": annotations(para.content, here),
    }
    if para.divided:
        out["divided"] = True
    return out


def _heading(heading: Heading, part: str, section: str | None, eid_of, here: str) -> dict:
    return {
        "id": heading.anchor,
        "eid": eid_of.get(heading.anchor),
        "kind": "heading",
        "number": heading.number,
        "label": heading.number,
        "part": part,
        "section": section,
        "parent": None,
        "level": heading.level,
        "citation": "",
        "opening": "",
        "text": heading.content.text,
        "annotations": annotations(heading.content, here),
    }


def _cites(doc: Document) -> list[dict]:
    """Every document this one cites, in order of first citation, with where it does."""
    found: dict[str, dict] = {}
    texts = [(p.anchor, p.content) for p in doc.paragraphs()]
    texts += [(h.anchor, h.content) for h in doc.headings()]
    texts += [(n.note_id, n.content) for n in doc.notes]
    for where, content in texts:
        for link in content.links:
            if link.kind != "document":
                continue
            entry = found.setdefault(
                link.target,
                {
                    "symbol": link.target,
                    "in_corpus": bool(link.page),
                    "url": page_url(link.page) if link.page else official_url(link.target),
                    "from": [],
                },
            )
            if where not in entry["from"]:
                entry["from"].append(where)
    return list(found.values())


def _cited_by(doc: Document, links: Links | None, titles: dict[str, str]) -> list[dict]:
    if links is None:
        return []
    return [
        {
            "document": titles.get(place.doc, place.label.split(",")[0]),
            "url": page_url(place.doc) + f"#{place.anchor}",
            "paragraph": place.anchor,
            "citation": within_document(place.label),
        }
        for place in links.cited_by.get(doc.path, [])
    ]


def _instruments(doc: Document, links: Links | None) -> list[dict]:
    if links is None:
        return []
    out = []
    for instrument in links.registry.instruments:
        places = links.mentions.get(instrument.id, {}).get(doc.path)
        if places:
            out.append(
                {
                    "id": instrument.id,
                    "title": instrument.title,
                    "url": url_dir(GLOSSARY_PAGE) + "#" + instrument.id,
                    "paragraphs": list(dict.fromkeys(p.anchor for p in places)),
                }
            )
    return out
