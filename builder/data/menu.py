"""The Download menu of a document page: its JSON, its Akoma Ntoso XML and its source.

Beside the official text at undocs.org (a PDF), a `<details>` disclosure
(works without script, with the keyboard and with screen readers). Links are relative to the
page's own folder, where `builder.data.files` writes the files; `download`
names the saved file after the symbol. Site chrome, not document text.
"""

from __future__ import annotations

from html import escape

from builder.data.paths import AKN_FILE, JSON_FILE, download_name, has_akn, source_name
from builder.model import Document


def official_url(symbol: str) -> str:
    return f"https://undocs.org/{symbol}"  # as builder.render.page says it (imported there from here would cycle)


def _item(href: str, name: str, label: str, kind: str, what: str) -> str:
    return (
        f'<li><a href="{escape(href)}" download="{escape(name)}" type="{kind}">{escape(label)}</a>'
        f' <span class="unp-download-what">{escape(what)}</span></li>'
    )


def download_menu_html(doc: Document) -> str:
    """The menu's HTML: JSON, Akoma Ntoso XML (when the document has a full date), source."""
    source = source_name(doc)
    suffix = doc.meta.source.suffix.lower() or ".txt"
    items = [_item(JSON_FILE, download_name(doc, ".json"), "JSON", "application/json", "text, notes and links as data")]
    if has_akn(doc):
        items.append(_item(AKN_FILE, download_name(doc, ".akn.xml"), "Akoma Ntoso XML", "application/xml", "AKN4UN"))
    form = "PDF" if source.endswith(".pdf") else "text"
    mime = "application/pdf" if form == "PDF" else "text/plain"
    items.append(
        _item(source, download_name(doc, suffix), f"Source ({form})", mime, "the file this page was built from")
    )
    official = (
        f'<a class="unp-official" href="{escape(official_url(doc.meta.symbol))}">Official text (PDF)</a> '
        if doc.meta.symbol
        else ""
    )
    return (
        f'<div class="unp-downloads unp-chrome">{official}'
        '<details class="unp-download"><summary>Download</summary>'
        f'<ul class="unp-download-menu">{"".join(items)}</ul></details></div>'
    )
