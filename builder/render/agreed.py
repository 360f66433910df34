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

from concurrent.futures import ProcessPoolExecutor
from html import escape

import orjson

from builder import workers
from builder.render.html import attr, page_address, relative_href
from builder.similarity.diff import word_diff
from builder.similarity.precedents import Corpus, Precedent, is_new, new_share, precedents
from builder.similarity.relations import Relation

CHUNK_BYTES = 40_000
_SORTED = orjson.OPT_SORT_KEYS


def compare_slug(a: str, b: str) -> str:
    """The comparison page of two pages: `compare/A_C.3_80_L.5--A_RES_80_178/index.md`."""
    return f"compare/{page_address(a).replace('/', '_')}--{page_address(b).replace('/', '_')}/index.md"


def _percent(score: float) -> str:
    return f"{round(score * 100)}%"


class PageAgreed:
    """Agreed language of one page, for `builder.render.page.render_page`."""

    def __init__(
        self,
        data: Corpus,
        page: str,
        compared: set[tuple[str, str]] | None = None,
        found: dict[str, list[Precedent]] | None = None,
    ) -> None:
        self.data = data
        self.page = page
        self.found = precedents(data, page) if found is None else found
        self.compared = compared or set()
        self._chunk = self.chunks()
        # What the page shows, made once: an object kept from the last build (`similarity.stage`)
        # shows the same, and `files` (set by `agreed_files`) is its precedents files.
        self._shown: dict[object, str] = {}  # anchor → its toggle; ("header",), ("related",)
        self.files: dict[str, str] | None = None

    def _once(self, key: object, make) -> str:
        value = self._shown.get(key)
        if value is None:
            value = self._shown[key] = make()
        return value

    def _href(self, target: str, anchor: str = "") -> str:
        return attr(relative_href(self.page, target) + (f"#{anchor}" if anchor else ""))

    def _name(self, p: Precedent) -> str:
        _text, citation = self.data.paragraphs[p.page][p.anchor]
        return f"{self.data.names[p.page]}, {citation}"

    def paragraph(self, anchor: str) -> str:
        """The toggle after a paragraph's text: its precedents, or the new-language mark."""
        value = self._shown.get(anchor)
        if value is None:
            value = self._shown[anchor] = self._paragraph(anchor)
        return value

    def _paragraph(self, anchor: str) -> str:
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
        return self._once(("header",), self._header)

    def _header(self) -> str:
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
        return self._once(("related",), self._related_html)

    def _related_html(self) -> str:
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
        tool = attr(relative_href(self.page, "compare/index.md") + "?a=" + page_address(self.page))
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
        # orjson writes what json.dumps(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # writes (the same escapes, floats in their shortest form), several times faster.
        return {f"precedents-{n}.json": orjson.dumps(rows, option=_SORTED).decode() for n, rows in files.items()}


def agreed_files(pool: ProcessPoolExecutor | None) -> dict[str, str]:
    """Every page's `precedents-N.json`, the pre-built comparisons and the comparison tool's page,
    on the workers (they read `workers.SHARED`: `agreed`, `agreed_pages`, `docs`, `titles`).

    Only what the last build did not leave is made: a page's files when its `PageAgreed` is
    new, a comparison when its key (both documents, their names, why) is new."""

    with workers.no_collections():
        return _agreed_files(pool)


def _agreed_files(pool: ProcessPoolExecutor | None) -> dict[str, str]:
    from builder.render.compare import COMPARE_INDEX, compare_index

    shared = workers.SHARED
    agreed = shared["agreed"]
    pages = shared["agreed_pages"]
    docs = _todo_docs()
    for i, made in zip(docs, workers.run(_enough(pool, len(docs)), _document_files, len(docs)), strict=True):
        pages[shared["docs"][i].path].files = made
    pairs = _todo_pairs()
    for i, made in zip(pairs, workers.run(_enough(pool, len(pairs)), _pair_page, len(pairs)), strict=True):
        agreed.compare_pages[agreed.pair_keys[i]] = made
    files: dict[str, str] = {}
    for doc in shared["docs"]:
        page = doc.path
        files.update((f"{page_address(page)}/{name}", text) for name, text in pages[page].files.items())
    for key in agreed.pair_keys:
        path, markdown = agreed.compare_pages[key]
        files[path] = markdown
    files[COMPARE_INDEX] = compare_index(agreed.pairs, shared["titles"])
    return files


def _enough(pool: ProcessPoolExecutor | None, count: int) -> ProcessPoolExecutor | None:
    """The pool, when there is enough work to pay for starting its workers (as `workers.pool`)."""
    return pool if count // 64 >= 2 else None


def _todo_docs() -> list[int]:
    """The shared documents whose files are still to make (the same list in every worker)."""
    shared = workers.SHARED
    if "todo_docs" not in shared:
        pages = shared["agreed_pages"]
        shared["todo_docs"] = [i for i, d in enumerate(shared["docs"]) if pages[d.path].files is None]
    return shared["todo_docs"]


def _todo_pairs() -> list[int]:
    shared = workers.SHARED
    if "todo_pairs" not in shared:
        agreed = shared["agreed"]
        shared["todo_pairs"] = [i for i, key in enumerate(agreed.pair_keys) if key not in agreed.compare_pages]
    return shared["todo_pairs"]


def _document_files(k: int) -> dict[str, str]:
    shared = workers.SHARED
    page = shared["docs"][_todo_docs()[k]].path
    return shared["agreed_pages"][page].precedents_files()


def _pair_page(k: int) -> tuple[str, str]:
    from builder.render.compare import compare_page

    shared = workers.SHARED
    a, b, why = shared["agreed"].pairs[_todo_pairs()[k]]
    if "by_page" not in shared:
        shared["by_page"] = {d.path: d for d in shared["docs"]}
    by_page = shared["by_page"]
    return compare_page(by_page[a], by_page[b], shared["titles"][a], shared["titles"][b], why)
