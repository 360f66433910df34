"""Comparison pages: two documents aligned paragraph by paragraph (`builder.similarity.align`).

Pre-built for the detected pairs (a draft and its resolution, consecutive
resolutions of a series) at `compare/<a>--<b>/`, so they load at once and search
engines find them; `compare/` is the page where any two documents are compared in
the browser (`?a=A/RES/79/313&b=A/RES/80/227`), by `unp-compare.js` from the two
documents' `document.json`, with the same algorithm and the same markup as here.

Every row shows the ids of both sides, linked, and says how to cite the change
("operative paragraph 7 of A/RES/80/227, new since A/RES/79/313").
"""

from __future__ import annotations

from html import escape

import yaml

from builder.model import Document
from builder.render.agreed import compare_slug
from builder.render.html import attr, relative_href
from builder.render.page import template_safe
from builder.similarity.align import Row, Side, align, summary
from builder.similarity.diff import LEGEND, diff_html

COMPARE_INDEX = "compare/index.md"
KIND_TEXT = {
    "kept": "kept",
    "changed": "changed",
    "moved": "moved",
    "inserted": "inserted",
    "deleted": "deleted",
}


def sides(doc: Document) -> list[Side]:
    """The document's paragraphs as compared: every anchored paragraph but the enacting formula."""
    return [
        Side(p.anchor, p.citation or p.anchor, " ".join(p.content.text.split()))
        for p in doc.paragraphs()
        if p.kind != "formula"
    ]


def _front(title: str) -> str:
    data = {"title": template_safe(title), "description": template_safe(title)}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: the same text, faster
    return "---\n" + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True, width=10_000) + "---\n"


def cite_row(row: Row, a_name: str, b_name: str) -> str:
    """How to cite what a row shows."""
    if row.kind == "inserted":
        return f"{row.b.label} of {b_name}, new since {a_name}"
    if row.kind == "deleted":
        return f"{row.a.label} of {a_name}, not in {b_name}"
    how = {"kept": "unchanged from", "changed": "changed from", "moved": "moved from"}[row.kind]
    changed = " and changed" if row.kind == "moved" and row.diff else ""
    return f"{row.b.label} of {b_name}, {how}{changed} {row.a.label} of {a_name}"


def _side_link(page_href: str, side: Side | None) -> str:
    if side is None:
        return '<span class="unp-cmp-id">—</span>'
    href = attr(page_href + "#" + side.id)
    return f'<a class="unp-cmp-id" href="{href}">{escape(side.id)}</a>'


def rows_html(rows: list[Row], here: str, a: Document, b: Document, a_name: str, b_name: str) -> str:
    out = ['<div class="unp-cmp-rows">']
    a_href, b_href = relative_href(here, a.path), relative_href(here, b.path)
    for row in rows:
        rid = f"b-{row.b.id}" if row.b else f"a-{row.a.id}"
        body = diff_html(row.diff) if row.kind in ("changed", "moved") and row.diff else escape((row.b or row.a).text)
        # A kept row needs no citation line: its ids say it all (and pages stay small).
        cite = "" if row.kind == "kept" else f'<p class="unp-cmp-cite">{escape(cite_row(row, a_name, b_name))}</p>'
        score = f' <span class="unp-score">{round(row.score * 100)}%</span>' if row.kind in ("changed", "moved") else ""
        out.append(
            f'<div class="unp-cmp-row unp-cmp-{row.kind}" id="{attr(rid)}">'
            f'<div class="unp-cmp-ids">{_side_link(a_href, row.a)}{_side_link(b_href, row.b)}</div>'
            f'<div class="unp-cmp-text"><p><span class="unp-cmp-kind">{KIND_TEXT[row.kind]}</span>{score} '
            f"{body}</p>{cite}</div></div>"
        )
    out.append("</div>")
    return "\n".join(out)


def compare_page(a: Document, b: Document, a_name: str, b_name: str, why: str) -> tuple[str, str]:
    """The pre-built comparison of `a` (older) with `b` (newer): (page path, Markdown)."""
    here = compare_slug(a.path, b.path)
    rows = align(sides(a), sides(b))
    counts = summary(rows)
    figures = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    head = (
        f'<div class="unp-cmp-head unp-chrome" data-unp-a="{attr(a.path)}" data-unp-b="{attr(b.path)}">'
        f'<p>Older: <a href="{attr(relative_href(here, a.path))}">{escape(a_name)}</a>'
        f"{' · ' + escape(a.meta.date) if a.meta.date else ''}<br>"
        f'Newer: <a href="{attr(relative_href(here, b.path))}">{escape(b_name)}</a>'
        f"{' · ' + escape(b.meta.date) if b.meta.date else ''}</p>"
        f"<p>Paired because: {escape(why)}.</p>"
        f'<p class="unp-cmp-figures">Paragraphs: {escape(figures)}.</p>{LEGEND}'
        f'<p><a href="{attr(relative_href(here, COMPARE_INDEX))}">Compare any two documents</a></p></div>'
    )
    title = f"Compare {a_name} with {b_name}"
    body = rows_html(rows, here, a, b, a_name, b_name)
    return here, "\n\n".join([_front(title), f"# {escape(title)}", head, body]) + "\n"


def compare_index(pairs: list[tuple[str, str, str]], names: dict[str, str]) -> str:
    """The comparison tool: two documents typed in the address or the form, and the detected pairs."""
    items = "".join(
        f'<li><a href="{attr(relative_href(COMPARE_INDEX, compare_slug(a, b)))}">'
        f"{escape(names[a])} → {escape(names[b])}</a> <span class=unp-rel-why>({escape(why)})</span></li>"
        for a, b, why in pairs
    )
    form = (
        '<form class="unp-cmp-form unp-chrome" method="get" action="./">'
        '<label>Older document <input name="a" placeholder="A/RES/79/313" required></label> '
        '<label>Newer document <input name="b" placeholder="A/RES/80/227" required></label> '
        '<button type="submit">Compare</button></form>'
        '<div id="unp-cmp-result" aria-live="polite"></div>'
    )
    intro = (
        "<p>Two documents compared paragraph by paragraph: kept, changed (the words that changed "
        "marked), inserted, deleted and moved, with the ids of both sides. Type two symbols, or "
        "open the address <code>compare/?a=SYMBOL&amp;b=SYMBOL</code>.</p>"
    )
    detected = f'<h2 id="detected">Detected pairs</h2><ul class="unp-cmp-pairs">{items}</ul>' if pairs else ""
    return (
        "\n\n".join([_front("Compare two documents"), "# Compare two documents", intro, form, LEGEND, detected]) + "\n"
    )
