"""Where a document's data files live, relative to the site root.

A page `A/RES/80/1.md` is served at `A/RES/80/1/`, and its files sit in
that folder: `document.json`, `akn.xml` and the source as received
(`source.txt`, `source.pdf`; a Markdown source is `source.txt` too, so
MkDocs copies it rather than rendering it as a page).
"""

from __future__ import annotations

from builder.model import Document
from builder.render.html import page_address, url_dir

JSON_FILE = "document.json"
AKN_FILE = "akn.xml"
DATA_DIR = "data"


def page_url(page: str) -> str:
    """The page's address relative to the site root: `A/RES/80/1.md` → `A/RES/80/1/`."""
    return url_dir(page)


def source_name(doc: Document) -> str:
    return "source.pdf" if doc.meta.source.suffix.lower() == ".pdf" else "source.txt"


def has_akn(doc: Document) -> bool:
    """Akoma Ntoso needs the document's full date (its FRBR identity): without one, no `akn.xml`."""
    from builder.render.page import date_parts  # here, not at the top: page.py imports the menu, which imports this

    return len(date_parts(doc.meta.date)) == 3


def download_name(doc: Document, ending: str) -> str:
    """The name a download is saved under: `A_RES_80_1.json`, `ga-58-note.akn.xml`."""
    base = (doc.meta.symbol or page_address(doc.path)).replace("/", "_")
    return f"{base}{ending}"


def data_urls(doc: Document) -> dict[str, str | None]:
    here = page_url(doc.path)
    return {
        "json": here + JSON_FILE,
        "akn": here + AKN_FILE if has_akn(doc) else None,
        "source": here + source_name(doc),
    }
