"""The corpus-level pages: home, browse pages by body and year, and the nav.

Navigation is grouped by body, then year, with an index page for each group
(Material's `navigation.indexes`), so no page carries one flat list of the
whole corpus. The nav is written as data (`nav.yml`) for the MkDocs hook in
`site_overrides/hooks/` to pick up.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict

import yaml

from builder.model import Document
from builder.render.page import display_title, md_escape, template_safe
from builder.sources import slugify

OTHER_BODY = "Other documents"
UNDATED = "Undated"


def group(docs: list[Document]) -> dict[str, dict[str, list[Document]]]:
    """Documents by body, then year; newest year first, documents by symbol."""
    tree: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        tree[doc.meta.body or OTHER_BODY][doc.meta.year or UNDATED].append(doc)
    return {
        body: {year: sorted(years[year], key=_sort_key) for year in sorted(years, reverse=True)}
        for body, years in sorted(tree.items())
    }


def _sort_key(doc: Document) -> tuple:
    name = doc.meta.symbol or doc.meta.slug
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def _table(docs: list[Document], here: str) -> list[str]:
    rows = ["| Symbol | Title | Body | Date |", "| --- | --- | --- | --- |"]
    for doc in docs:
        link = posixpath.relpath(doc.path, posixpath.dirname(here) or ".")
        name = doc.meta.symbol or "—"
        rows.append(
            f"| [{md_escape(name)}]({link}) | {md_escape(display_title(doc))} | "
            f"{md_escape(doc.meta.body or '—')} | {md_escape(doc.meta.date or '—')} |"
        )
    return rows


def home_page(docs: list[Document], tree) -> str:
    out = [
        "---\ntitle: Documents\n---",
        "# United Nations documents",
        f"{len(docs)} documents. Every paragraph has a permanent address: hover over it, or focus it, "
        "to copy its link or a citation.",
    ]
    for body, years in tree.items():
        out.append(f"## [{md_escape(body)}](browse/{slugify(body)}/index.md)")
        for year, items in years.items():
            out.append(f"### {md_escape(year)}")
            out.append("\n".join(_table(items, "index.md")))
    return "\n\n".join(out) + "\n"


def browse_pages(tree) -> dict[str, str]:
    pages: dict[str, str] = {}
    for body, years in tree.items():
        base = f"browse/{slugify(body)}"
        count = sum(len(v) for v in years.values())
        meta = yaml.safe_dump({"title": template_safe(body)}, allow_unicode=True)
        lines = [f"---\n{meta}---", f"# {md_escape(body)}", f"{count} documents."]
        for year, items in years.items():
            lines.append(f"## [{md_escape(year)}]({slugify(year)}/index.md)")
            lines.append("\n".join(_table(items, f"{base}/index.md")))
        pages[f"{base}/index.md"] = "\n\n".join(lines) + "\n"
        for year, items in years.items():
            here = f"{base}/{slugify(year)}/index.md"
            meta = yaml.safe_dump({"title": template_safe(f"{body}, {year}")}, allow_unicode=True)
            page = [f"---\n{meta}---", f"# {md_escape(body)}, {md_escape(year)}"]
            page.append("\n".join(_table(items, here)))
            pages[here] = "\n\n".join(page) + "\n"
    return pages


def nav(tree, glossary: bool = False) -> list:
    """MkDocs nav data: Home, the glossary, then each body with its years and documents."""
    out: list = [{"Home": "index.md"}]
    if glossary:
        out.append({"Glossary": "glossary/index.md"})
    for body, years in tree.items():
        base = f"browse/{slugify(body)}"
        section: list = [f"{base}/index.md"]
        for year, items in years.items():
            entries: list = [f"{base}/{slugify(year)}/index.md"]
            entries += [{template_safe(doc.meta.symbol or _short(display_title(doc))): doc.path} for doc in items]
            section.append({template_safe(year): entries})
        out.append({template_safe(body): section})
    return out


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
