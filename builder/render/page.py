"""A document's page: Markdown headings around HTML blocks.

Headings are Markdown (with `{#id}`) so MkDocs' table of contents lists them;
everything else is block-level HTML that Python-Markdown passes through as is
(fast, and escaped here, by `builder.render.html`). The markup follows
Python-Markdown's footnotes extension (`sup#fnref:1 > a.footnote-ref`,
`div.footnote li#fn:1 a.footnote-backref`) so Material's footnote tooltips and
styles apply unchanged.

Elements carrying the class `unp-chrome` are the site's own controls, not
document text: the conservation check skips them.
"""

from __future__ import annotations

import re
from html import escape

import yaml

from builder.anchors import within_document
from builder.linking.corpus import Place
from builder.model import Document, Heading, Inline, Paragraph, Part, Span
from builder.render.html import attr, inline_html, note_ref_html, relative_href

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading or table cell: no markup, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", escape(text, quote=False))


_ENTITY = re.compile(r"&(?=#?\w+;)")


def template_safe(text: str) -> str:
    """Text for places MkDocs' templates print unescaped (titles, nav, meta description).

    Material prints `page.title | striptags`, which also unescapes entities,
    and MkDocs does not autoescape: so `<`, `>`, `"` and entity-like `&` are
    swapped for look-alikes there. The page body shows the exact text, escaped.
    """
    return _ENTITY.sub("＆", text).replace("<", "‹").replace(">", "›").replace('"', "”")


def official_url(symbol: str) -> str:
    return f"https://undocs.org/{symbol}"


def display_title(doc: Document) -> str:
    return doc.meta.title or doc.meta.symbol or doc.meta.slug


_DRAFT_KIND = re.compile(
    r"^(?:(?P<revised>revised )?draft (?P<what>resolution|decision)|(?P<amendment>amendment))\b", re.I
)


def draft_kind(doc: Document) -> str:
    """What kind of proposal the document is ("draft resolution", "amendment"), or "" for anything else."""
    m = _DRAFT_KIND.match(doc.meta.document_type.strip())
    if m is None:
        return ""
    if m["amendment"]:
        return "amendment"
    return ("revised " if m["revised"] and not doc.meta.symbol else "") + f"draft {m['what'].lower()}"


def cite_name(doc: Document) -> str:
    """The document's name, unambiguous: its symbol, else its title with body and date.

    "Improving the coordination … (General Assembly, Third Committee, 13 November 2012)":
    two documents may share a title. Search labels and lists of documents use it.
    """
    m = doc.meta
    if m.symbol or not m.title:
        return m.symbol or m.slug
    where = ", ".join(x for x in (m.body, m.committee, m.date) if x)
    return f"{m.title} ({where})" if where else m.title


def citation_name(doc: Document) -> str:
    """The document as a citation names it, saying when it is a draft, as UN documents
    write it: "A/RES/79/1", "draft resolution A/C.3/61/L.7/Rev.1",
    'revised draft resolution “Improving …” (General Assembly, …, 13 November 2012)'."""
    kind = draft_kind(doc)
    if not kind:
        return cite_name(doc)
    if doc.meta.symbol or not doc.meta.title:
        return f"{kind} {cite_name(doc)}"
    return f"{kind} “{cite_name(doc).replace(doc.meta.title, doc.meta.title + '”', 1)}"


def adopted_note(doc: Document) -> str:
    """For a draft adopted as a resolution: "numbering may differ in the adopted resolution 61/180"."""
    m = doc.meta
    if not m.adopted_as or m.document_type.strip().lower() == "resolution" or "/RES/" in m.symbol:
        return ""
    number = re.search(r"\bresolution (\S+)$", m.adopted_as)
    adopted = f"resolution {number[1]}" if number else m.adopted_as
    return f"numbering may differ in the adopted {adopted}"


def front_matter(doc: Document) -> str:
    meta = doc.meta
    title = f"{meta.symbol} · {meta.title}" if meta.symbol and meta.title else display_title(doc)
    description = ", ".join(x for x in (meta.document_type, meta.body, meta.date) if x)
    data = {"title": template_safe(title), "description": template_safe(description or title)}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000) + "---\n"


def _field_refs(doc: Document, name: str) -> str:
    return "".join(note_ref_html(r.label, r.note_id, r.ref_id) for r in doc.meta.field_refs.get(name, []))


def header_html(doc: Document) -> str:
    """The metadata header: a definition list, then the masthead as printed."""
    m = doc.meta
    rows: list[tuple[str, str]] = []
    if m.symbol:
        rows.append(
            (
                "Symbol",
                f'<span class="unp-symbol">{escape(m.symbol)}</span>{_field_refs(doc, "symbol")} · '
                f'<a href="{attr(official_url(m.symbol))}">official text</a>',
            )
        )
    body = ", ".join(x for x in (m.body, m.committee) if x)
    if body:
        rows.append(("Body", escape(body)))
    if m.session:
        rows.append(("Session", escape(f"{m.session} session")))
    if m.agenda_item:
        agenda = escape(m.agenda_item) + _field_refs(doc, "agenda_item")
        if m.agenda_title:
            agenda += " · " + escape(m.agenda_title)
        rows.append(("Agenda item", agenda))
    if m.date:
        rows.append(("Date", escape(m.date) + (f" · {escape(m.place)}" if m.place else "")))
    if m.document_type:
        rows.append(("Document type", escape(m.document_type) + _field_refs(doc, "document_type")))
    if m.distribution:
        rows.append(("Distribution", escape(m.distribution)))
    if m.sponsors:
        rows.append(("Sponsors", escape(", ".join(m.sponsors)) + _field_refs(doc, "sponsors")))
    adopted = m.adopted_as or (m.resolution_number and f"resolution {m.resolution_number}")
    if adopted:
        text = escape(adopted)
        if m.adopted_by or m.adopted_on:
            text += escape(" (" + " on ".join(x for x in (m.adopted_by, m.adopted_on) if x) + ")")
        rows.append(("Adopted as", text))
    note = adopted_note(doc)
    cite = f'<span class="unp-cite-name">{escape(citation_name(doc))}</span>'
    if note:
        cite += f' <span class="unp-cite-note">· {escape(note)}</span>'
    rows.append(("Cite as", cite))
    data = f' data-unp-doc="{attr(citation_name(doc))}"' + (f' data-unp-note="{attr(note)}"' if note else "")
    out = [f'<div class="unp-header"{data}>', '<dl class="unp-meta unp-chrome">']
    for name, value in rows:
        out.append(f"<dt>{name}</dt><dd>{value}</dd>")
    out.append("</dl>")
    if m.masthead_text:
        out.append('<details class="unp-masthead"><summary class="unp-chrome">Masthead as printed</summary>')
        for text in m.masthead_text:
            out.append(f"<p>{escape(text)}</p>")
        out.append("</details>")
    out.append("</div>")
    return "\n".join(out)


def _with_opening(para: Paragraph) -> Inline:
    """Set the opening phrase in italics, as printed, when the source lost them."""
    content = para.content
    if not para.opening:
        return content
    lead = len(content.text) - len(content.text.lstrip('“"‘ '))
    if any(s.kind == "em" and s.start <= lead < s.end for s in content.spans):
        return content
    end = lead + len(para.opening)
    if content.text[lead:end] != para.opening:
        return content
    return Inline(content.text, [Span(lead, end, "em"), *content.spans], content.refs, content.links)


def paragraph_html(doc: Document, para: Paragraph) -> str:
    """One anchored paragraph with its visible permalink.

    The copy-link and copy-citation buttons, and the `unp-actions` group
    that shows them with the permalink, are added by `unp.js` (they need
    script anyway); the citation is the page's `data-unp-doc` plus the
    paragraph's `data-unp-cite`. Keeping the markup small matters at scale:
    MkDocs parses every tag of every page twice.
    """
    if para.kind == "formula":
        return f'<p class="unp-formula">{inline_html(para.content, doc.path)}</p>'
    label = f'<span class="unp-num">{escape(para.label)}</span> ' if para.label else ""
    what = attr(para.citation)
    permalink = (
        f'<a class="unp-permalink unp-chrome" href="#{attr(para.anchor)}" aria-label="Permalink to {what}">¶</a>'
    )
    children = "".join(paragraph_html(doc, child) for child in para.children)
    return (
        f'<div class="unp-para unp-{para.kind}" id="{attr(para.anchor)}" data-unp-cite="{what}">'
        f"<p>{label}{inline_html(_with_opening(para), doc.path)} {permalink}</p>{children}</div>"
    )


def heading_md(heading: Heading, level: int) -> str:
    refs = "".join(note_ref_html(r.label, r.note_id, r.ref_id) for r in heading.content.refs)
    return f"{'#' * level} {md_escape(heading.number)}\\. {md_escape(heading.content.text)}{refs} {{#{heading.anchor}}}"


def part_md(doc: Document, part: Part) -> list[str]:
    out: list[str] = []
    shift = 0
    if part.prefix:
        title = md_escape(part.label)
        if part.title:
            refs = "".join(note_ref_html(r.label, r.note_id, r.ref_id) for r in part.title.refs)
            title += " " + md_escape(part.title.text) + refs
        out.append(f"## {title} {{#{part.anchor}}}")
        shift = 1
    for block in part.blocks:
        if isinstance(block, Heading):
            out.append(heading_md(block, min(block.level + shift, 6)))
        else:
            out.append(paragraph_html(doc, block))
    return out


def notes_html(doc: Document) -> str:
    items = []
    for note in doc.notes:
        backs = "".join(
            f' <a class="footnote-backref unp-chrome" href="#{attr(ref)}" '
            f'aria-label="Back to reference {n} to note {attr(note.label)}">↩{"" if n == 1 else n}</a>'
            for n, ref in enumerate(note.ref_ids, start=1)
        )
        items.append(
            f'<li id="{attr(note.note_id)}"><p><span class="unp-note-label unp-chrome">{escape(note.label)}</span> '
            f"{inline_html(note.content, doc.path)}{backs}</p></li>"
        )
    return '<div class="footnote"><ol class="unp-notes">' + "".join(items) + "</ol></div>"


def cited_by_html(doc: Document, places: list[Place], titles: dict[str, str]) -> str:
    """Who cites this document: each citing document, then its paragraphs."""
    by_doc: dict[str, list[Place]] = {}
    for place in places:
        by_doc.setdefault(place.doc, []).append(place)
    items = []
    for page, found in by_doc.items():
        links = ", ".join(
            f'<a href="{attr(relative_href(doc.path, page))}#{attr(p.anchor)}">{escape(within_document(p.label))}</a>'
            for p in found
        )
        items.append(f'<li><a href="{attr(relative_href(doc.path, page))}">{escape(titles[page])}</a>: {links}</li>')
    return f'<ul class="unp-cited-by unp-chrome">{"".join(items)}</ul>'


def render_page(doc: Document, cited_by: list[Place] | None = None, titles: dict[str, str] | None = None) -> str:
    """The whole Markdown page of one document."""
    out = [front_matter(doc), f"# {md_escape(display_title(doc))}", header_html(doc)]
    for part in doc.parts:
        out.extend(part_md(doc, part))
    if doc.notes:
        out.append("## Notes {#notes .unp-chrome}")
        out.append(notes_html(doc))
    if cited_by and titles:
        out.append("## Cited by {#cited-by .unp-chrome}")
        out.append(cited_by_html(doc, cited_by, titles))
    return "\n\n".join(out) + "\n"
