"""The corpus-level pages: home, browse pages by body and year, and the nav.

Navigation is grouped by body, then year, then (for a year with more than
`SECTION_SIZE` documents) by symbol series such as A/RES/80 or A/C.3/80/L, cut
into even runs of at most `RUN_SIZE`; every group has an index page (Material's
`navigation.indexes`). With `navigation.prune`, a page carries its own branch:
at 1,180 documents about 70 links instead of one flat list of a whole year.
The nav is written as data (`nav.yml`) for the MkDocs hook in
`site_overrides/hooks/` to pick up.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections import defaultdict

import yaml

from builder.model import Document
from builder.render.page import display_title, md_escape, template_safe
from builder.sources import slugify

OTHER_BODY = "Other documents"
UNDATED = "Undated"
UNNUMBERED = "Without symbol"
SECTION_SIZE = 60
RUN_SIZE = 50


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
            out.append(_listing(items, "index.md", f"browse/{slugify(body)}/{slugify(year)}"))
    return "\n\n".join(out) + "\n"


def _listing(docs: list[Document], here: str, year_dir: str) -> str:
    """A year's documents on an index page: a table when few, else its groups with their sizes.

    So no index page lists a whole large year: at any corpus size a page
    holds at most `SECTION_SIZE` rows of documents.
    """
    groups = sections(docs)
    if len(groups) == 1 and not groups[0][0]:
        return "\n".join(_table(docs, here))
    origin = posixpath.dirname(here) or "."
    return "\n".join(
        f"- [{md_escape(name)}]({posixpath.relpath(f'{year_dir}/{slugify(name)}/index.md', origin)}) "
        f"— {len(group)} documents"
        for name, group in groups
    )


def series(doc: Document) -> str:
    """The symbol series a document belongs to: A/RES/80/12 → A/RES/80, A/C.3/80/L.20/Rev.1 → A/C.3/80/L."""
    symbol = doc.meta.symbol
    if not symbol:
        return UNNUMBERED
    base = re.sub(r"(/(Rev|Add|Corr|Amend)\.\d+)+$", "", symbol)
    return re.sub(r"[./]?\d+$", "", base) or symbol


def sections(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    """A year's documents as navigation groups: one group when few, else series cut into runs."""
    if len(docs) <= SECTION_SIZE:
        return [("", docs)]
    by_series: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_series[series(doc)].append(doc)
    out = []
    for name in sorted(by_series, key=lambda n: (n == UNNUMBERED, n)):
        items = by_series[name]
        if len(items) <= SECTION_SIZE:
            out.append((name, items))
            continue
        size = math.ceil(len(items) / math.ceil(len(items) / RUN_SIZE))  # runs of even size, none over RUN_SIZE
        for start in range(0, len(items), size):
            run = items[start : start + size]
            out.append((f"{_name(run[0])} – {_name(run[-1])}", run))
    return out


def _name(doc: Document) -> str:
    return doc.meta.symbol or _short(display_title(doc), 30)


def _page(title: str, heading: str, intro: list[str]) -> list[str]:
    meta = yaml.safe_dump({"title": template_safe(title)}, allow_unicode=True)
    return [f"---\n{meta}---", f"# {md_escape(heading)}", *intro]


def browse_pages(tree) -> dict[str, str]:
    """An index page per body, per year, and per group of a large year (see `_listing`)."""
    pages: dict[str, str] = {}
    for body, years in tree.items():
        base = f"browse/{slugify(body)}"
        count = sum(len(v) for v in years.values())
        lines = _page(body, body, [f"{count} documents."])
        for year, items in years.items():
            lines.append(f"## [{md_escape(year)}]({slugify(year)}/index.md)")
            lines.append(_listing(items, f"{base}/index.md", f"{base}/{slugify(year)}"))
        pages[f"{base}/index.md"] = "\n\n".join(lines) + "\n"
        for year, items in years.items():
            here = f"{base}/{slugify(year)}/index.md"
            page = _page(f"{body}, {year}", f"{body}, {year}", [f"{len(items)} documents."])
            page.append(_listing(items, here, f"{base}/{slugify(year)}"))
            pages[here] = "\n\n".join(page) + "\n"
            for name, group in sections(items):
                if name:
                    where = f"{base}/{slugify(year)}/{slugify(name)}/index.md"
                    sub = _page(f"{name} ({year})", f"{body}, {year}: {name}", [f"{len(group)} documents."])
                    pages[where] = "\n\n".join([*sub, "\n".join(_table(group, where))]) + "\n"
    return pages


def nav(tree, glossary: bool = False) -> list:
    """MkDocs nav data: Home, the glossary, then each body with its years (and groups) and documents."""
    out: list = [{"Home": "index.md"}]
    if glossary:
        out.append({"Glossary": "glossary/index.md"})
    for body, years in tree.items():
        base = f"browse/{slugify(body)}"
        section: list = [f"{base}/index.md"]
        for year, items in years.items():
            entries: list = [f"{base}/{slugify(year)}/index.md"]
            for name, group in sections(items):
                links = [{template_safe(_name(doc)): doc.path} for doc in group]
                if name:
                    index = f"{base}/{slugify(year)}/{slugify(name)}/index.md"
                    entries.append({template_safe(name): [index, *links]})
                else:
                    entries += links
            section.append({template_safe(year): entries})
        out.append({template_safe(body): section})
    return out


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
