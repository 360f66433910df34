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
from collections.abc import Collection
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING

import yaml

from builder.anchors import within_document
from builder.data.menu import download_menu_html
from builder.linking.corpus import Place
from builder.linking.references import find_references
from builder.model import Document, Heading, Inline, Paragraph, Part, Span
from builder.render.heading_ids import explicit_id
from builder.render.html import attr, inline_html, note_ref_html, relative_href

if TYPE_CHECKING:
    from builder.render.agreed import PageAgreed

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


_MONTHS = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
}
_DATE = re.compile(r"^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$")


def date_parts(text: str) -> tuple[int, ...]:
    """(year, month, day) of a date as the UN prints it ("19 October 2006"), (year,) when only the
    year is clear, () when not even that."""
    m = _DATE.match(text.strip())
    if m and m[2] in _MONTHS and 1 <= int(m[1]) <= 31:
        return int(m[3]), _MONTHS[m[2]], int(m[1])
    year = re.search(r"\b(1[89]\d\d|2\d\d\d)$", text.strip())
    return (int(year[1]),) if year else ()


def is_resolution(doc: Document) -> bool:
    """The document is an adopted resolution (not a draft, a note or a report)."""
    return doc.meta.document_type.strip().lower() == "resolution" or "/RES/" in doc.meta.symbol


def _adopted_number(adopted: str) -> str:
    """The resolution number in "General Assembly resolution 61/180" ("61/180"), else ""."""
    m = re.search(r"\bresolution (\S+)$", adopted)
    return m[1] if m else ""


def adopted_is_self(doc: Document) -> bool:
    """The page is the resolution its "adopted as" names (A/RES/80/118, adopted as resolution 80/118)."""
    m = doc.meta
    adopted = m.adopted_as or (m.resolution_number and f"resolution {m.resolution_number}")
    number = _adopted_number(adopted) if adopted else ""
    if not number or not m.symbol:
        return False
    return m.symbol == number or m.symbol.endswith("/RES/" + number)


def citation_meta(doc: Document) -> dict[str, str]:
    """The `citation_*` meta tags Google Scholar and Zotero read, name → content.

    The body is the author (the UN's own citation practice: "General Assembly
    resolution 61/180"), the United Nations the publisher, the symbol the
    report number. Only what the metadata says; nothing guessed.
    """
    m = doc.meta
    tags = {"citation_title": m.title or display_title(doc)}
    if m.body:
        tags["citation_author"] = m.body
    tags["citation_publisher"] = "United Nations"
    date = date_parts(m.date)
    if date:
        tags["citation_publication_date"] = tags["citation_date"] = "/".join(f"{n:02d}" for n in date)
    if m.symbol:
        tags["citation_technical_report_number"] = m.symbol
    return tags


def json_ld(doc: Document) -> dict:
    """schema.org data of the document (Legislation), without its address, which only the
    site knows (the template adds `url`)."""
    m = doc.meta
    data: dict = {"@context": "https://schema.org", "@type": "Legislation", "name": m.title or display_title(doc)}
    if m.symbol:
        data["legislationIdentifier"] = m.symbol
    date = date_parts(m.date)
    if date:
        data["legislationDate"] = "-".join(f"{n:02d}" for n in date)
    if m.document_type:
        data["legislationType"] = m.document_type
    if m.body:
        body = {"@type": "Organization", "name": m.body}
        data["author"] = body
        if is_resolution(doc):
            data["legislationPassedBy"] = body
    return data


def front_matter(doc: Document, contents: list[dict] | None = None) -> str:
    """The page's YAML front matter: title and description, and data for the page's head and
    table of contents.

    Head data (citation meta tags, JSON-LD) and the table of contents travel as plain data,
    not as HTML for one theme's template: any generator that reads front matter can use
    them, and the builder knows nothing of MkDocs' internals. Here the theme override
    (`site_overrides/main.html`, `partials/unp-head.html`, `partials/toc.html`) prints them,
    escaped there. `title` and `description`, which Material prints unescaped, are made
    template-safe.
    """
    meta = doc.meta
    title = f"{meta.symbol} · {meta.title}" if meta.symbol and meta.title else display_title(doc)
    description = ", ".join(x for x in (meta.document_type, meta.body, meta.date) if x)
    data: dict = {"title": template_safe(title), "description": template_safe(description or title)}
    data["citation_meta"] = citation_meta(doc)
    data["json_ld"] = json_ld(doc)
    if contents:
        data["contents"] = contents
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: the same text, 6× faster
    dumped = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True, width=10_000, default_flow_style=None)
    return "---\n" + dumped + "---\n"


def _field_refs(doc: Document, name: str) -> str:
    return "".join(note_ref_html(r.label, r.note_id, r.ref_id) for r in doc.meta.field_refs.get(name, []))


def adopted_page(doc: Document, pages: Collection[str] = ()) -> str:
    """The page of the resolution a draft was adopted as, when the site has it, else ""."""
    m = doc.meta
    if not pages or not m.adopted_as or adopted_is_self(doc):
        return ""
    for ref in find_references(m.adopted_as, m.adopted_by or "General Assembly"):
        for path in (ref.symbol + ".md", ref.symbol + "/index.md"):  # a page as a file or a folder
            if path in pages and path != doc.path:
                return path
    return ""


def _adopted_link(doc: Document, text: str, page: str) -> str:
    return f'<a href="{attr(relative_href(doc.path, page))}">{escape(text)}</a>' if page else escape(text)


def status_html(doc: Document, adopted: str = "") -> str:
    """Draft or adopted, in a few words: "Draft resolution · adopted as resolution 61/180" (a
    link when the site has it), "Resolution · adopted 20 December 2006", else the document
    type ("Note by the Secretariat")."""
    m = doc.meta
    kind = draft_kind(doc) or ("resolution" if is_resolution(doc) else m.document_type.strip())
    out = [escape(kind[:1].upper() + kind[1:])] if kind else []
    if m.adopted_as and not adopted_is_self(doc):
        number = _adopted_number(m.adopted_as)
        out.append("adopted as " + _adopted_link(doc, f"resolution {number}" if number else m.adopted_as, adopted))
    elif is_resolution(doc) and m.adopted_on:
        out.append(escape(f"adopted {m.adopted_on}"))
    return " · ".join(out)


def _summary_html(doc: Document, adopted: str) -> str:
    """The compact header: symbol and status on one line, body, session and date on the next."""
    m = doc.meta
    first = []
    if m.symbol:
        first.append(f'<span class="unp-symbol">{escape(m.symbol)}</span>')
    status = status_html(doc, adopted)
    if status:
        first.append(f'<span class="unp-status-text">{status}</span>')
    second = [", ".join(x for x in (m.body, m.committee) if x)]
    if m.session:
        second.append(f"{m.session} session")
    second.append(m.date)
    lines = [" · ".join(first), " · ".join(escape(x) for x in second if x)]
    return '<p class="unp-summary unp-chrome">' + "<br>".join(x for x in lines if x) + "</p>"


def header_html(doc: Document, pages: Collection[str] = ()) -> str:
    """The metadata header: a compact summary (symbol, status, body, session, date), then,
    behind a "Details" toggle, every field, "Cite as" and the masthead as printed. `pages`
    are the site's pages: a draft links the resolution it was adopted as when it is there."""
    m = doc.meta
    adopted_at = adopted_page(doc, pages)
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
    if m.agenda_item or m.agenda_title:
        agenda = escape(m.agenda_item) + _field_refs(doc, "agenda_item")
        if m.agenda_title:
            agenda += (" · " if m.agenda_item else "") + escape(m.agenda_title) + _field_refs(doc, "agenda_title")
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
    when = " on ".join(x for x in (m.adopted_by, m.adopted_on) if x)
    if adopted and not adopted_is_self(doc):
        rows.append(("Adopted as", _adopted_link(doc, adopted, adopted_at) + (escape(f" ({when})") if when else "")))
    elif when:  # the page is the resolution itself: when and by whom, not "adopted as" itself
        by = [f"by {m.adopted_by}"] if m.adopted_by else []
        rows.append(("Adopted", escape(" ".join(by + ([f"on {m.adopted_on}"] if m.adopted_on else [])))))
    note = adopted_note(doc)
    cite = f'<span class="unp-cite-name">{escape(citation_name(doc))}</span>'
    if note:
        cite += f' <span class="unp-cite-note">· {escape(note)}</span>'
    rows.append(("Cite as", cite))
    data = f' data-unp-doc="{attr(citation_name(doc))}"' + (f' data-unp-note="{attr(note)}"' if note else "")
    out = [f'<div class="unp-header"{data}>', _summary_html(doc, adopted_at), download_menu_html(doc)]
    out.append('<details class="unp-details"><summary class="unp-chrome">Details</summary>')
    out.append('<dl class="unp-meta unp-chrome">')
    for name, value in rows:
        out.append(f"<dt>{name}</dt><dd>{value}</dd>")
    out.append("</dl>")
    if m.masthead_text:
        out.append('<div class="unp-masthead"><p class="unp-masthead-label unp-chrome">Masthead as printed</p>')
        for text in m.masthead_text:
            out.append(f"<p>{escape(text)}</p>")
        out.append("</div>")
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


def paragraph_html(doc: Document, para: Paragraph, agreed: PageAgreed | None = None) -> str:
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
    children = "".join(paragraph_html(doc, child, agreed) for child in para.children)
    precedents = agreed.paragraph(para.anchor) if agreed else ""  # issue 19: agreed language
    divider = '<p class="unp-asterism">* * *</p>' if para.divided else ""
    return (
        f'<div class="unp-para unp-{para.kind}" id="{attr(para.anchor)}" data-unp-cite="{what}">'
        f"<p>{label}{inline_html(_with_opening(para), doc.path)} {permalink}</p>{precedents}{children}</div>{divider}"
    )


def heading_md(heading: Heading, level: int) -> str:
    refs = "".join(note_ref_html(r.label, r.note_id, r.ref_id) for r in heading.content.refs)
    title = f" {md_escape(heading.content.text)}{refs}" if heading.content.text or refs else ""
    return f"{'#' * level} {md_escape(heading.number)}\\.{title} {{#{heading.anchor}}}"


def part_md(doc: Document, part: Part, agreed: PageAgreed | None = None) -> list[str]:
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
            out.append(paragraph_html(doc, block, agreed))
    return out


_GROUPS = {
    "intro": "Introduction",
    "preamble": "Preamble",
    "operative": "Operative paragraph",
    "para": "Paragraph",
    "item": "Item",
    "action": "Action",
}


def _heading_entry(title: str, anchor: str) -> dict:
    return {"title": " ".join(title.split()), "url": f"#{anchor}"}


def _group_title(kind: str, numbers: list[list[str]]) -> str:
    name = _GROUPS[kind]
    if kind in ("intro", "preamble") or not numbers:
        return name
    if len(numbers) == 1:
        return f"{name} {numbers[0][0]}"
    if kind == "item" and not _ascending(numbers):
        return f"{name}s"  # a timetable takes items up in its own order: no range to give
    return f"{name}s {numbers[0][0]}–{numbers[-1][0]}"


def _ascending(numbers: list[list[str]]) -> bool:
    values = [int(n) for n, _ in numbers if n.isdigit()]
    return all(a < b for a, b in pairwise(values))


_NUMBER = re.compile(r"[^\s:]+")


def _goes_on(numbers: list[list[str]], number: str, kind: str) -> bool:
    """A number continues the run: a repeated one (a list's item 1 after paragraph 2, a
    rule restarting at 1) is not listed again; its paragraph is reached from the one before.
    Items go on in the order met, each once: a timetable takes them up in an order of its own."""
    if kind == "item":
        return all(n != number for n, _ in numbers)
    last = next((int(n) for n, _ in reversed(numbers) if n.isdigit()), None)
    return not (number.isdigit() and last is not None and int(number) <= last)


def contents(doc: Document, cited_by: bool = False) -> list[dict]:
    """The document's table of contents, as data: annexes and sections as printed, and under
    each the runs of paragraphs ("Preamble", "Operative paragraphs 1–12" with a link to each
    number), then "Notes" and "Cited by".

    Every entry links to an id the page already has (a paragraph's, a heading's): the
    table adds no ids, so the ids contract is untouched. Entries are {title, url} with
    `children` (sections, runs) and, for a numbered run, `numbers` ("1:op1 2:op2 …").
    """
    out: list[dict] = []
    for part in doc.parts:
        top = out
        if part.prefix:
            title = part.label + (" " + part.title.text if part.title else "")
            entry = _heading_entry(title, part.anchor) | {"children": []}
            out.append(entry)
            top = entry["children"]
        stack: list[tuple[int, list[dict]]] = [(0, top)]
        group: dict | None = None
        # Actions ("Action 17.") run beside the paragraphs: listed once, after them, not breaking their runs.
        actions = {"kind": "action", "title": "", "url": "", "numbers": []}
        for block in part.blocks:
            if isinstance(block, Heading):
                while len(stack) > 1 and stack[-1][0] >= block.level:
                    stack.pop()
                title = f"{block.number}. {block.content.text}" if block.number else block.content.text
                entry = _heading_entry(title, block.anchor) | {"children": []}
                stack[-1][1].append(entry)
                stack.append((block.level, entry["children"]))
                group = None
                continue
            if block.kind == "action":
                actions["url"] = actions["url"] or f"#{block.anchor}"
                actions["numbers"].append([block.number, block.anchor])
                continue
            if block.kind not in _GROUPS:
                continue  # the enacting formula, unnumbered text, a stray sub-paragraph: inside the run around it
            if group is None or group["kind"] != block.kind:
                group = {"kind": block.kind, "title": "", "url": f"#{block.anchor}", "numbers": []}
                stack[-1][1].append(group)
            numbered = block.kind in ("operative", "para", "item") and _NUMBER.fullmatch(block.number)
            if numbered and _goes_on(group["numbers"], block.number, block.kind):
                group["numbers"].append([block.number, block.anchor])
        if actions["numbers"]:
            top.append(actions)
    if doc.notes:
        out.append(_heading_entry("Notes", "notes"))
    if cited_by:
        out.append(_heading_entry("Cited by", "cited-by"))

    def tidy(entries: list[dict]) -> None:
        for entry in entries:
            if "kind" in entry:
                entry["title"] = _group_title(entry.pop("kind"), entry["numbers"])
                if len(entry["numbers"]) < 2:
                    del entry["numbers"]
                else:  # one string, not a list of pairs: MkDocs reads front matter with pure-Python YAML
                    entry["numbers"] = " ".join(f"{number}:{anchor}" for number, anchor in entry["numbers"])
            if entry.get("children") == []:
                del entry["children"]
            tidy(entry.get("children", []))

    tidy(out)
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


def render_page(
    doc: Document,
    cited_by: list[Place] | None = None,
    titles: dict[str, str] | None = None,
    agreed: PageAgreed | None = None,
    panel: str = "",
) -> str:
    """The whole Markdown page of one document; `agreed` adds its agreed language (issue 19), `panel`
    (site chrome: the mandates panel, issue 21) goes under the header."""
    toc = contents(doc, bool(cited_by and titles))
    if agreed and agreed.related():
        toc.append({"title": "Related documents", "url": "#related"})
    refs = _field_refs(doc, "title") if doc.meta.title else ""
    out = [front_matter(doc, toc), "", header_html(doc, titles or ())]
    if agreed and agreed.header():
        out.append(agreed.header())
    if panel:
        out.append(panel)
    for part in doc.parts:
        out.extend(part_md(doc, part, agreed))
    if doc.notes:
        out.append("## Notes {#notes .unp-chrome}")
        out.append(notes_html(doc))
    if cited_by and titles:
        out.append("## Cited by {#cited-by .unp-chrome}")
        out.append(cited_by_html(doc, cited_by, titles))
    if agreed and agreed.related():
        out.append("## Related documents {#related .unp-chrome}")
        out.append(agreed.related_html())
    title = display_title(doc)
    out[1] = f"# {md_escape(title)}{refs}" + (explicit_id(title, "\n\n".join(out)) if refs else "")
    return "\n\n".join(out) + "\n"
