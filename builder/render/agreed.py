"""Agreed language on a document's page: precedents per paragraph, new-language share,
related documents; and the page's `precedents.json`.

The page carries, per comparable paragraph, a small `<details>` toggle ("3
precedents · 98 %") listing the precedents as links (works without script, and for
crawlers); `unp-compare.js` fills each entry with the word-level changes from the
page's `precedents.json` when the toggle is first opened, so the changes cost
nothing until asked for. A paragraph with no earlier precedent carries a "new
language" mark instead. Everything here is `unp-chrome`: the site's own words, not
the document's.
"""

from __future__ import annotations

import json
from html import escape

from builder.model import Document
from builder.render.html import attr, relative_href
from builder.similarity.diff import word_diff
from builder.similarity.precedents import Corpus, Precedent, is_new, new_share, precedents
from builder.similarity.relations import Relation
from builder.similarity.stage import Agreed

PRECEDENTS_FILE = "precedents.json"


def page_dir(page: str) -> str:
    """The folder a page is served from (`A/RES/80/1.md` → `A/RES/80/1`)."""
    return page.removesuffix(".md").removesuffix("/index")


def compare_slug(a: str, b: str) -> str:
    """The comparison page of two pages: `compare/A_C.3_80_L.5--A_RES_80_178/index.md`."""
    return f"compare/{page_dir(a).replace('/', '_')}--{page_dir(b).replace('/', '_')}/index.md"


def _percent(score: float) -> str:
    return f"{round(score * 100)}%"


class PageAgreed:
    """Agreed language of one page, for `builder.render.page.render_page`."""

    def __init__(self, data: Corpus, page: str, compared: set[tuple[str, str]] | None = None) -> None:
        self.data = data
        self.page = page
        self.found = precedents(data, page)
        self.compared = compared or set()

    def _href(self, target: str, anchor: str = "") -> str:
        return attr(relative_href(self.page, target) + (f"#{anchor}" if anchor else ""))

    def _name(self, p: Precedent) -> str:
        _text, citation = self.data.paragraphs[p.page][p.anchor]
        return f"{self.data.names[p.page]}, {citation}"

    def paragraph(self, anchor: str) -> str:
        """The toggle after a paragraph's text: its precedents, or the new-language mark."""
        found = self.found.get(anchor)
        if found is None:
            return ""
        new = is_new(found)
        mark = '<span class="unp-new-mark">new language</span>' if new else ""
        if not found:
            return f'<p class="unp-prec-new unp-chrome">{mark}</p>'
        items = "".join(
            f'<li data-unp-i="{i}"><a href="{self._href(p.page, p.anchor)}">{escape(self._name(p))}</a> '
            f'<span class="unp-score">{_percent(p.score)}</span>'
            f"{'' if p.earlier else ' <span class=unp-later>later</span>'}</li>"
            for i, p in enumerate(found)
        )
        count = f"{len(found)} precedent{'s' if len(found) > 1 else ''}" if not new else "later reuse"
        return (
            f'<details class="unp-prec unp-chrome" data-unp-prec="{attr(anchor)}">'
            f"<summary>{count} · {_percent(found[0].score)}{' · ' + mark if new else ''}</summary>"
            f'<ol class="unp-prec-list">{items}</ol></details>'
        )

    def header(self) -> str:
        """One line under the page header: how much of the document is new language."""
        new, total = new_share(self.found)
        if not total:
            return ""
        return (
            f'<p class="unp-agreed-summary unp-chrome">Agreed language: {total - new} of {total} paragraphs '
            f"repeat or adapt earlier text; {new} ({round(100 * new / total)}%) "
            f'{"is" if new == 1 else "are"} <span class="unp-new-mark">new language</span>. '
            f'<a href="#related">Related documents</a></p>'
            if self.related()
            else f'<p class="unp-agreed-summary unp-chrome">Agreed language: {total - new} of {total} paragraphs '
            f"repeat or adapt earlier text; {new} ({round(100 * new / total)}%) "
            f'{"is" if new == 1 else "are"} <span class="unp-new-mark">new language</span>.</p>'
        )

    def related(self) -> list[Relation]:
        return self.data.relations.of.get(self.page, [])

    def related_html(self) -> str:
        """Related documents, each with why it is linked and, where pre-built, its comparison."""
        items = []
        for rel in self.related():
            name = escape(self.data.names[rel.target])
            date = self.data.dates.get(rel.target, "")
            older, newer = (
                (rel.target, self.page)
                if self.data.order[rel.target] < self.data.order[self.page]
                else (
                    self.page,
                    rel.target,
                )
            )
            compare = (
                f' · <a class="unp-compare-link" href="{self._href(compare_slug(older, newer))}">compare</a>'
                if (older, newer) in self.compared
                else ""
            )
            how = " (inferred from the texts)" if rel.inferred else ""
            items.append(
                f'<li><span class="unp-rel-kind">{escape(rel.kind[:1].upper() + rel.kind[1:])}:</span> '
                f'<a href="{self._href(rel.target)}">{name}</a>{" · " + escape(date) if date else ""}{compare}'
                f'<br><span class="unp-rel-why">Why: {escape(rel.reason)}{how}</span></li>'
            )
        return f'<ul class="unp-related unp-chrome">{"".join(items)}</ul>'

    def precedents_json(self) -> str:
        """Every paragraph's precedents with their word-level changes, for the page's toggles."""
        out = {}
        for anchor, found in self.found.items():
            if not found:
                continue
            mine = self.data.paragraphs[self.page][anchor][0]
            rows = []
            for p in found:
                theirs = self.data.paragraphs[p.page][p.anchor][0]
                old, new = (theirs, mine) if p.earlier else (mine, theirs)
                rows.append({"score": round(p.score, 3), "earlier": p.earlier, "diff": word_diff(old, new)})
            out[anchor] = rows
        return json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def agreed_files(agreed: Agreed, docs: list[Document], names: dict[str, str]) -> dict[str, str]:
    """Every page's `precedents.json`, the pre-built comparisons and the comparison tool's page."""
    from builder.render.compare import COMPARE_INDEX, compare_index, compare_page

    files = {}
    for doc in docs:
        files[f"{page_dir(doc.path)}/{PRECEDENTS_FILE}"] = PageAgreed(agreed.corpus, doc.path).precedents_json()
    by_page = {d.path: d for d in docs}
    for a, b, why in agreed.pairs:
        path, markdown = compare_page(by_page[a], by_page[b], names[a], names[b], why)
        files[path] = markdown
    files[COMPARE_INDEX] = compare_index(agreed.pairs, names)
    return files
