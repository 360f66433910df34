"""Every internal link of the build checked by the builder, before any engine sees the pages.

The builder wrote every id and every link, so it can check them all on its own
output, whatever engine publishes it: paragraph links and their `#fragment`s,
note references and backlinks, glossary links, cited-by lists, browse pages
and the home page (Markdown links to pages), each page's table of contents
(front matter `contents`), and the addresses search results open (the
documents, paragraphs and glossary entries of `search/index.json` and
`search/p/<n>.json`). A link that leads nowhere is an error naming the page
file in the build folder and its line, and the source document.

Pages are scanned with regular expressions, not parsed: every link and id in
them was written by the builder in one of a few fixed forms (`id="…"` and
`href="…"` in tags of HTML blocks, `{#id}` on Markdown headings,
`[text](page.md)` in tables), and source text in them is escaped
(`builder.render.html`, `page.md_escape`), so it never looks like a link. That keeps the check to
about a second on 1,180 documents. Written by hand: link checkers check
rendered HTML, after the engine; this one runs on the engine's input.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder import workers
from builder.errors import InputError, Place
from builder.render.html import url_dir
from builder.render.page_ids import page_ids
from builder.search.records import GLOSSARY, PARAGRAPH

_HREF = re.compile(r'<a(?:\s[^<>]*?)?\shref="([^"]*)"')
_MD_LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")
_TOC_URL = re.compile(r"\burl: '?(#[^'\s,}]*)")
_TOC_NUMBERS = re.compile(r"\bnumbers: '([^']*)'")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
SEARCH_INDEX = "search/index.json"
RECORDS = "search/r/"  # the result records: what each search result shows and opens


@dataclass(frozen=True)
class Dangling:
    """One link that leads nowhere: the page it is on, the offset in that page, the link, why."""

    page: str
    offset: int
    link: str
    why: str


def _links(text: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, link, served) for each link of a page: `served` links are relative to the page's
    address (HTML, front matter); the others (Markdown links) to its file, as engines read them."""
    for m in _HREF.finditer(text):
        yield m.start(1), unescape(m[1]), True
    yield from _other_links(text)


def _distinct_links(text: str) -> tuple[set[str], list[tuple[str, bool]], int]:
    """What `_links` finds, each once: the fragments of links within the page (`#…`, decoded),
    the other links as (link, served), and how many links the page has. A page has thousands of
    links, most of them to ids of its own: those are judged all at once (`_page_verdicts`)."""
    hrefs = _HREF.findall(text)
    count = len(hrefs)
    distinct = set(hrefs)
    if "&" in "".join(distinct):
        distinct = {unescape(h) for h in distinct}
    others = dict.fromkeys((h, True) for h in distinct if not h.startswith("#"))
    for _, link, served in _other_links(text):
        others[(link, served)] = None
        count += 1
    local = {h[1:] for h in distinct if h.startswith("#")}
    local.update(link[1:] for link, _ in others if link.startswith("#"))
    if "%" in "".join(local):
        local = {unquote(f) for f in local}
    local.discard("")  # `#` alone: the page itself
    return local, [one for one in others if not one[0].startswith("#")], count


def _other_links(text: str) -> Iterator[tuple[int, str, bool]]:
    """`_links` but the HTML links: the table of contents in the front matter, Markdown links."""
    front = _FRONT_MATTER.match(text)
    end = front.end() if front else 0
    if front:
        for m in _TOC_URL.finditer(text, 0, end):
            yield m.start(1), m[1], True
        for m in _TOC_NUMBERS.finditer(text, 0, end):
            for pair in m[1].split():
                yield m.start(1), "#" + pair.partition(":")[2], True
    for m in _MD_LINK.finditer(text, end) if "](" in text else ():
        if text[text.rfind("\n", 0, m.start()) + 1] != "<":  # in Markdown, not in an HTML block's text
            yield m.start(1), unescape(m[1]), False


def _served_page(path: str, pages: dict[str, str]) -> str | None:
    """The file behind a served address (`A/RES/80/1/` → `A/RES/80/1.md`), or None."""
    if path in ("", "."):
        return "index.md"
    if path.endswith("/"):
        folder = path.rstrip("/")
        for candidate in (folder + ".md", folder + "/index.md"):
            if candidate in pages:
                return candidate
        return None
    return path if path in pages else None


def _target(page: str, link: str, served: bool, pages: dict[str, str]) -> tuple[str | None, str, str]:
    """(target file or None when outside the site, fragment, why it failed or "")."""
    if link.startswith("#"):  # most links: permalinks, notes and their backlinks
        return page, unquote(link[1:]), ""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
        return None, "", ""
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment, ""
    base = url_dir(page) if served else posixpath.dirname(page)
    found, why = _resolve(base, parts.path, served, pages)
    return found, fragment, why


def _resolve(base: str, path: str, served: bool, pages: dict[str, str]) -> tuple[str | None, str]:
    """The file a link's `path` leads to from folder `base`, or None and why not."""
    if path.startswith("/"):
        return None, "an absolute path breaks a site served from a sub-path"
    joined = posixpath.normpath(posixpath.join(base, unquote(path)))
    if joined.startswith(".."):
        return None, "leads out of the site"
    joined = "" if joined == "." else joined
    if served and path.endswith("/") and joined:
        joined += "/"  # a folder address: its page is <folder>.md or <folder>/index.md
    found = _served_page(joined, pages) if served else (joined if joined in pages else None)
    return found, "" if found else f"no page {joined or 'index'} in the build"


# A link in none of these forms goes through `urlsplit`; the others split on "#" as it would.
_PLAIN = re.compile(r"[^\x00-\x20/:?#][^\t\n\r:?#]*(?:#[^\t\n\r]*)?\Z|\.\.?/[^\t\n\r:?#]*(?:#[^\t\n\r]*)?\Z")


class _Resolver:
    """`_target` for one set of pages, remembering where each relative path leads from each
    folder (a page links to the same few pages many times, and its neighbours do too)."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        self.bases: dict[tuple[str, bool], str] = {}
        self.paths: dict[tuple[str, str, bool], tuple[str | None, str]] = {}

    def __call__(self, page: str, link: str, served: bool) -> tuple[str | None, str, str]:
        if link.startswith("#"):
            return page, unquote(link[1:]), ""
        if not _PLAIN.match(link):
            return _target(page, link, served, self.pages)
        path, _, fragment = link.partition("#")
        if not path:
            return page, unquote(fragment), ""
        hit = self._path(page, path, served)
        return hit[0], unquote(fragment), hit[1]

    def _path(self, page: str, path: str, served: bool) -> tuple[str | None, str]:
        """Where `path` leads from `page` (the page or None, and why not), remembered per folder."""
        base = self.bases.get((page, served))
        if base is None:
            base = self.bases[(page, served)] = url_dir(page) if served else posixpath.dirname(page)
        key = (base, path, served)
        hit = self.paths.get(key)
        if hit is None:
            hit = self.paths[key] = _resolve(base, path, served, self.pages)
        return hit

    def judge(self, page: str, link: str, served: bool, ids: dict[str, set[str]]) -> tuple[str, str | None]:
        """`_problem(page, link, served, ...)`, its commonest cases (a fragment of the page, a page
        of the site and its fragment, a page elsewhere) without its calls: a page has thousands of links."""
        if link.startswith("#"):
            target, fragment = page, link[1:]
        elif link.startswith(("https://", "http://")):
            return "", None
        elif not _PLAIN.match(link):
            return _problem(page, link, served, self.pages, ids, self)
        else:
            path, _, fragment = link.partition("#")
            if not path:
                target = page
            else:
                target, why = self._path(page, path, served)
                if why or target is None:
                    return why, target
        if not fragment or not target.endswith(".md"):
            return "", target
        fragment = unquote(fragment)
        known = ids.get(target)
        if known is None:
            known = ids[target] = page_ids(self.pages[target])
        if fragment in known:
            return "", target
        return f"no id {fragment} on {'this page' if target == page else target}", target


def _problem(
    page: str,
    link: str,
    served: bool,
    pages: dict[str, str],
    ids: dict[str, set[str]],
    resolve: _Resolver | None = None,
) -> tuple[str, str | None]:
    """Why `link` on `page` leads nowhere, or "" when it leads somewhere (or off the site); and the
    page it leads to (None: none of this build's)."""
    target, fragment, why = resolve(page, link, served) if resolve else _target(page, link, served, pages)
    if why or target is None or not fragment or not target.endswith(".md"):
        return why, target
    if target not in ids:
        ids[target] = page_ids(pages[target])
    if fragment in ids[target]:
        return "", target
    return f"no id {fragment} on {'this page' if target == page else target}", target


def _search_urls(pages: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(file, address) of what search results open: each document, each of its paragraphs,
    each glossary entry (`builder.search.files`: the result records, `search/r/<n>.json`);
    addresses are relative to the site root, as the browser opens them."""
    for name in sorted(p for p in pages if p.startswith(RECORDS)):
        chunk = json.loads(pages[name])
        for record in chunk["records"]:
            if record[0] == GLOSSARY:
                yield name, record[1]
                continue
            url = chunk["docs"][str(record[1])][0]
            yield name, url
            if record[0] == PARAGRAPH:
                yield name, f"{url}#{record[2]}"


@dataclass
class Verdicts:
    """What checking one source of links found: the dangling ones, how many it checked, and
    the pages they lead to (the verdicts stand while none of those pages changes)."""

    found: list[Dangling] = field(default_factory=list)
    checked: int = 0
    targets: set[str | None] = field(default_factory=set)

    def add(self, file: str, offset: int, link: str, why_and_target: tuple[str, str | None]) -> None:
        why, target = why_and_target
        self.checked += 1
        self.targets.add(target)
        if why:
            self.found.append(Dangling(file, offset, link, why))


@dataclass
class Scan:
    """What the check read of one page: its text (while kept), its links (each once), how many
    links it has, its ids, and its links' verdicts."""

    text: str
    local: set[str]  # fragments of its links within the page
    links: list[tuple[str, bool]]  # its other links
    count: int = 0
    ids: set[str] | None = None
    verdicts: Verdicts | None = None


@dataclass
class Memo:
    """What a caller that checks again and again (`make serve`) keeps from one check to the next."""

    scans: dict[str, Scan] = field(default_factory=dict)  # page → what was read of it
    files: frozenset[str] = frozenset()  # every file of the last check
    records: dict[str, str] = field(default_factory=dict)  # the search result files last checked
    search: Verdicts | None = None  # their verdicts


def dangling(pages: dict[str, str], memo: Memo | None = None) -> tuple[list[Dangling], int]:
    """Every internal link of `pages` (path under docs → text) that leads nowhere, and how many were checked.

    Each page is read once, for its links and its ids. With a kept `memo` (the pages' texts
    kept in memory), a page whose text is unchanged is not read again, and its links' verdicts
    stand while no file was added or removed and no page they lead to lost or gained an id: an
    edit re-checks the edited pages and the pages linking to ids of theirs that changed."""
    if memo is None:
        return _dangling_once(pages)
    files = frozenset(pages)
    same_files = memo.files == files
    memo.files = files
    for page in memo.scans.keys() - files:
        del memo.scans[page]
    renumbered: set[str | None] = set()  # pages whose ids changed: links into them are checked again
    edited = set()
    for page in pages:
        if not page.endswith(".md"):
            continue
        text = pages[page]
        scan = memo.scans.get(page)
        if scan is not None and scan.text == text:
            scan.text = text  # the same text, perhaps made again (a corpus-wide page)
            continue
        edited.add(page)
        fresh = memo.scans[page] = Scan(text, *_distinct_links(text))
        if (scan is not None and scan.ids is not None) or fresh.local:
            fresh.ids = page_ids(text)  # its own links need them (else read if a link leads here)
            if scan is not None and scan.ids is not None and scan.ids != fresh.ids:
                renumbered.add(page)
    ids = {page: scan.ids for page, scan in memo.scans.items() if scan.ids is not None}
    found: list[Dangling] = []
    checked = 0
    resolve = _Resolver(pages)
    for page in pages:
        if not page.endswith(".md"):
            continue
        scan = memo.scans[page]
        verdicts = scan.verdicts
        if verdicts is None or not same_files or page in edited or not verdicts.targets.isdisjoint(renumbered):
            verdicts = scan.verdicts = _page_verdicts(page, scan, pages, ids, resolve)
        found += verdicts.found
        checked += verdicts.checked
    if SEARCH_INDEX in pages:
        records = {name: pages[name] for name in pages if name.startswith(RECORDS)}
        verdicts = memo.search
        same_records = records.keys() == memo.records.keys() and all(records[n] is memo.records[n] for n in records)
        if verdicts is None or not same_files or not same_records or not verdicts.targets.isdisjoint(renumbered):
            verdicts = memo.search = _search_verdicts(pages, ids, resolve)
        memo.records = records
        found += verdicts.found
        checked += verdicts.checked
    for page, page_ids_ in ids.items():  # those read for a link leading there
        memo.scans[page].ids = page_ids_
    return found, checked


_SHARES = 16  # pages split into this many runs, taken by the workers as they free up


def _dangling_once(pages: Mapping[str, str]) -> tuple[list[Dangling], int]:
    """`dangling` without a memo (a one-off build), on forked workers: first every page's ids,
    then each page's links judged against them, each step a run of pages at a time (reading
    the pages back, their ids and their links' verdicts are a core's work for a second or two
    at 1,180 documents), the search results' addresses here meanwhile. The same verdicts in
    the same order as in one process. Each page is read back twice, once a step: sending its
    links from the first step to the second costs more (1.33 → 1.68 s, 1,180 documents)."""
    md = [page for page in pages if page.endswith(".md")]
    size = -(-len(md) // _SHARES) or 1
    runs = [md[i : i + size] for i in range(0, len(md), size)]
    with workers.sharing(link_pages=pages, link_runs=runs), workers.pool(len(md)) as pool:
        ids = {page: one for run in workers.run(pool, _run_ids, len(runs)) for page, one in run.items()}
    with workers.sharing(link_pages=pages, link_runs=runs, link_ids=ids), workers.pool(len(md)) as pool:
        pending = workers.each(pool, _run_verdicts, len(runs))
        search = _search_verdicts(pages, ids, _Resolver(pages)) if SEARCH_INDEX in pages else Verdicts()
        done = [*pending, search]
    return [d for verdicts in done for d in verdicts.found], sum(verdicts.checked for verdicts in done)


def _run_ids(i: int) -> dict[str, set[str]]:
    """On a worker: the ids of one run of pages."""
    pages = workers.SHARED["link_pages"]
    return {page: page_ids(pages[page]) for page in workers.SHARED["link_runs"][i]}


def _run_verdicts(i: int) -> Verdicts:
    """On a worker: the verdicts on the links of one run of pages (their dangling links and how
    many links they have), against every page's ids."""
    pages, ids = workers.SHARED["link_pages"], workers.SHARED["link_ids"]
    resolve = _Resolver(pages)
    out = Verdicts()
    for page in workers.SHARED["link_runs"][i]:
        verdicts = _page_verdicts(page, Scan("", *_distinct_links(pages[page])), pages, ids, resolve)
        out.found += verdicts.found
        out.checked += verdicts.checked
    return out


def _search_verdicts(pages: Mapping[str, str], ids: dict[str, set[str]], resolve: _Resolver) -> Verdicts:
    """The verdicts on the addresses search results open (`_search_urls`)."""
    verdicts = Verdicts()
    for file, url in _search_urls(pages):
        verdicts.add(file, -1, url, resolve.judge("index.md", url, True, ids))
    return verdicts


def _page_verdicts(
    page: str, scan: Scan, pages: dict[str, str], ids: dict[str, set[str]], resolve: _Resolver
) -> Verdicts:
    """The verdicts on one page's links: each distinct link judged once; where one leads nowhere,
    every link of the page again, for the offset of each that does."""
    verdicts = Verdicts(checked=scan.count)
    targets = verdicts.targets
    broken = bool(scan.local) and not scan.local <= ids[page]
    if scan.local:
        targets.add(page)
    judge = resolve.judge
    for link, served in scan.links:
        why, target = judge(page, link, served, ids)
        targets.add(target)
        broken = broken or bool(why)
    if not broken:
        return verdicts
    verdicts = Verdicts()
    for offset, link, served in _links(scan.text or pages[page]):
        verdicts.add(page, offset, link, _problem(page, link, served, pages, ids, resolve))
    return verdicts


def check(
    pages: dict[str, str], docs_dir: Path, sources: dict[str, Path], memo: Memo | None = None
) -> tuple[list[InputError], int]:
    """Every dangling internal link of the build as an error with file and line; and the links checked.

    `sources` names the source document of each document page, for the hint; `memo`: see `dangling`.
    """
    found, checked = dangling(pages, memo)
    out = []
    for d in found:
        line = pages[d.page].count("\n", 0, d.offset) + 1 if d.offset >= 0 else 0
        source = sources.get(d.page)
        hint = f"built from {source}: a builder bug; please report it with that file" if source else ""
        out.append(InputError(Place(docs_dir / d.page, line), f"dangling link {d.link}: {d.why}", hint))
    return out, checked
