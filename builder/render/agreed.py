"""Agreed language on a document's page: precedents per paragraph, new-language share,
related documents; and the page's `precedents-N.json` files.

The page carries, per comparable paragraph, a small `<details>` toggle ("3
precedents · 98%"); `unp-compare.js` fills it, when first opened, with the
precedents (links, scores, word-level changes) from the page's
`precedents-N.json`, so they cost nothing until asked for and the page's markup
stays small (MkDocs parses every tag). A paragraph with no earlier precedent
carries a "new language" mark instead. Everything here is `unp-chrome`: the
site's own words, not the document's.
"""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from html import escape

from builder import workers
from builder.render.html import attr, relative_href
from builder.similarity.diff import word_diff
from builder.similarity.precedents import Corpus, Precedent, is_new, new_share, precedents
from builder.similarity.relations import Relation

CHUNK_BYTES = 40_000


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
        self._chunk = self.chunks()

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
            return f'<div class="unp-prec-new unp-chrome">{mark}</div>'
        # The list itself comes with the page's precedents file (unp-compare.js): markup stays small.
        count = f"{len(found)} precedent{'s' if len(found) > 1 else ''}" if not new else "similar text elsewhere"
        return (
            f'<details class="unp-prec unp-chrome" data-unp-prec="{attr(anchor)}" '
            f'data-unp-file="{self._chunk[anchor]}">'
            f"<summary>{count} · {_percent(found[0].score)}{' · ' + mark if new else ''}</summary></details>"
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
        tool = attr(relative_href(self.page, "compare/index.md") + "?a=" + page_dir(self.page))
        items.append(f'<li><a class="unp-compare-any" href="{tool}">Compare with any other document</a></li>')
        return f'<ul class="unp-related unp-chrome">{"".join(items)}</ul>'

    def chunks(self) -> dict[str, int]:
        """Which `precedents-N.json` holds each paragraph's precedents: paragraphs in order, a new
        file when the texts would pass `CHUNK_BYTES`, so opening one toggle loads at most that."""
        out: dict[str, int] = {}
        n, size = 1, 0
        for anchor, found in self.found.items():
            if not found:
                continue
            weight = sum(len(self.data.paragraphs[p.page][p.anchor][0]) + 160 for p in found)
            if size and size + weight > CHUNK_BYTES:
                n, size = n + 1, 0
            out[anchor] = n
            size += weight
        return out

    def precedents_files(self) -> dict[str, str]:
        """`precedents-N.json` (folder-relative name → JSON): each paragraph's precedents with their
        word-level changes (none for a word-for-word copy), for the page's toggles."""
        files: dict[int, dict] = {}
        hrefs: dict[str, str] = {}  # the link to each precedent's page, made once (relpath is slow)
        for anchor, n in self._chunk.items():
            mine = self.data.paragraphs[self.page][anchor][0]
            rows = []
            for p in self.found[anchor]:
                theirs = self.data.paragraphs[p.page][p.anchor][0]
                href = hrefs.get(p.page)
                if href is None:
                    href = hrefs[p.page] = relative_href(self.page, p.page)
                row = {
                    "href": href + "#" + p.anchor,
                    "name": self._name(p),
                    "score": round(p.score, 3),
                    "when": "earlier" if p.earlier else "same day" if p.same_day else "later",
                }
                if theirs == mine:
                    row["same"] = True
                else:
                    old, new = (theirs, mine) if p.earlier or p.same_day else (mine, theirs)
                    row["diff"] = word_diff(old, new)
                rows.append(row)
            files.setdefault(n, {})[anchor] = rows
        return {
            f"precedents-{n}.json": json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            for n, rows in files.items()
        }


def agreed_files(pool: ProcessPoolExecutor | None) -> dict[str, str]:
    """Every page's `precedents-N.json`, the pre-built comparisons and the comparison tool's page,
    on the workers (they read `workers.SHARED`: `agreed`, `agreed_pages`, `docs`, `titles`)."""
    from builder.render.compare import COMPARE_INDEX, compare_index

    shared = workers.SHARED
    files: dict[str, str] = {}
    for part in workers.run(pool, _document_files, len(shared["docs"])):
        files.update(part)
    for path, markdown in workers.run(pool, _pair_page, len(shared["agreed"].pairs)):
        files[path] = markdown
    files[COMPARE_INDEX] = compare_index(shared["agreed"].pairs, shared["titles"])
    return files


def _document_files(i: int) -> dict[str, str]:
    shared = workers.SHARED
    page = shared["docs"][i].path
    found = shared["agreed_pages"][page].precedents_files()
    return {f"{page_dir(page)}/{name}": text for name, text in found.items()}


def _pair_page(i: int) -> tuple[str, str]:
    from builder.render.compare import compare_page

    shared = workers.SHARED
    a, b, why = shared["agreed"].pairs[i]
    if "by_page" not in shared:
        shared["by_page"] = {d.path: d for d in shared["docs"]}
    by_page = shared["by_page"]
    return compare_page(by_page[a], by_page[b], shared["titles"][a], shared["titles"][b], why)
