"""The corpus-level pages: home, browse pages by body, session and committee, and the nav.

Documents are grouped the way the UN numbers them: by body, then session
(taken from the symbol, A/RES/79/12 and A/C.3/79/L.5 are both of the 79th
session, which spans 2024 and 2025; else from the masthead's session, which
belongs to a commission when the document is one of its own), then, for a
session of more than `SECTION_SIZE` documents, by symbol series with a name
("Resolutions", "Third Committee drafts"), a series of more than
`SECTION_SIZE` cut into even runs of at most `RUN_SIZE`. Every group has an
index page (Material's `navigation.indexes`) listing its documents with
their titles, or its runs when it has them: no index page in the nav lists
more than `SECTION_SIZE` documents. Each session also has a page of its
agenda items, and each item a page of all its documents (those are left out
of the navigation: `NOT_IN_NAV` says so to the engine). The home page lists every document when there are at most
`SECTION_SIZE`, else each body's sessions and the `LATEST` documents.

The nav names each document by symbol and a shortened title. With
`navigation.prune`, a page carries its own branch only: at 1,180 documents
about 60 links. The nav is plain data, written into the engine's config
(`builder.render.engine_config`).
"""

from __future__ import annotations

import calendar
import math
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import yaml

from builder.model import Document
from builder.render.page import display_title, md_escape, template_safe
from builder.sources import slugify

OTHER_BODY = "Other documents"
UNDATED = "Undated"
UNNUMBERED = "Without symbol"
SECTION_SIZE = 60
RUN_SIZE = 50
LATEST = 12  # documents the home page of a large corpus lists by date
NAV_TITLE = 40  # characters of a title in the nav
AGENDA_DIR = "agenda"  # browse/<body>/<session>/agenda/<item>/ (not in the nav)
NOT_IN_NAV = [
    f"/browse/*/*/{AGENDA_DIR}/*/index.md",  # pages reached from their session's agenda page only
    "/compare/index.md",  # the comparison tool and pre-built comparisons, reached from document pages
    "/compare/*/index.md",
    "/glossary/*/index.md",  # an instrument's page, reached from the glossary's index and from every mention
]
COUNT_CLASS = "{: .unp-count }"  # marks a browse page (site_overrides/assets/unp-browse.css)

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}  # "C" locale: English
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = {
    "twent": 20,
    "thirt": 30,
    "fort": 40,
    "fift": 50,
    "sixt": 60,
    "sevent": 70,
    "eight": 80,
    "ninet": 90,
}
_MAIN_COMMITTEE = re.compile(r"^(First|Second|Third|Fourth|Fifth|Sixth) Committee$")
_COMMITTEE_NAMES = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]


# -- sessions -----------------------------------------------------------------------------------


def ordinal_number(word: str) -> int | None:
    """An ordinal word's number: "Eightieth" → 80, "Seventy-ninth" → 79; None for anything else."""
    w = word.strip().lower().replace(" ", "-")
    if w.endswith("ieth"):
        stem = w[:-4]
        return _TENS.get(stem)
    if w in _TEENS:
        return 10 + _TEENS.index(w)
    if w in _UNITS:
        return 1 + _UNITS.index(w)
    tens, _, unit = w.partition("-")
    if unit in _UNITS and tens.endswith("y") and tens[:-1] in _TENS:
        return _TENS[tens[:-1]] + 1 + _UNITS.index(unit)
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def symbol_session(symbol: str) -> str:
    """The session a symbol names: A/RES/79/12 → "79", A/C.3/80/L.5 → "80", A/ES-10/L.30 → "ES-10",
    E/RES/2024/3 → "2024"; "" when it names none (or 0, a misread)."""
    for part in symbol.split("/")[1:]:
        if re.fullmatch(r"\d{1,4}", part):
            return part if int(part) else ""
        if re.fullmatch(r"(ES|S)-\d{1,2}", part):
            return part
    return ""


@dataclass
class Session:
    """A body's session, or a commission's, or a year when no session is known."""

    slug: str
    label: str  # "80th session", "Commission on …, 12th session", "2003"
    order: tuple  # sessions sort by this, newest first
    docs: list[Document] = field(default_factory=list)

    @property
    def years(self) -> str:
        years = sorted({d.meta.year for d in self.docs if d.meta.year})
        if not years:
            return ""
        return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"

    @property
    def nav_label(self) -> str:
        years = self.years
        return f"{self.label} ({years})" if years and years != self.label else self.label

    def counts(self) -> str:
        """What the session holds: "234 resolutions, 295 drafts, 1 other"."""
        kinds = Counter(_kind(d) for d in self.docs)
        out = [_plural(kinds[k], k) for k in ("resolution", "draft") if kinds[k]]
        return ", ".join(out + ([f"{kinds['other']} other"] if kinds["other"] else []))


def _kind(doc: Document) -> str:
    kind = doc.meta.document_type.strip().lower()
    if "/RES/" in doc.meta.symbol or kind == "resolution":
        return "resolution"
    if re.match(r"(revised )?draft|amendment", kind) or re.search(r"/L\.\d", doc.meta.symbol):
        return "draft"
    return "other"


def _session_of(doc: Document) -> tuple[str, str, tuple]:
    """(slug, label, order) of the document's session."""
    m = doc.meta
    year = int(m.year) if m.year else 0
    found = symbol_session(m.symbol)
    if found.isdigit() and int(found) >= 1900:
        return f"session-{found}", f"{found} session", (int(found), 0, "")
    if found.startswith(("ES-", "S-")):
        n = int(found.split("-")[1])
        name = "emergency special session" if found.startswith("ES") else "special session"
        return f"session-{found.lower()}", f"{_ordinal(n)} {name}", (year, n, "")
    if found:
        return f"session-{found}", f"{_ordinal(int(found))} session", (year, int(found), "")
    n = ordinal_number(m.session.split()[0]) if m.session.strip() else None
    if n is not None:
        owner = m.committee if m.committee and not _MAIN_COMMITTEE.match(m.committee) else ""
        label = f"{owner}, {_ordinal(n)} session" if owner else f"{_ordinal(n)} session"
        short = "".join(w[0] for w in owner.split() if w[:1].isupper())  # CCPCJ
        return slugify(f"{short} session {n}") if owner else f"session-{n}", label, (year, n, owner)
    if m.year:
        return m.year, m.year, (year, 0, "~")
    return slugify(UNDATED), UNDATED, (0, 0, "~")


def group(docs: list[Document]) -> dict[str, list[Session]]:
    """Documents by body, then session; newest session first, documents by symbol."""
    tree: dict[str, dict[str, Session]] = defaultdict(dict)
    for doc in docs:
        slug, label, order = _session_of(doc)
        sessions = tree[doc.meta.body or OTHER_BODY]
        if slug not in sessions:
            sessions[slug] = Session(slug, label, order)
        session = sessions[slug]
        session.order = max(session.order, order)  # a session's order: its latest document's year
        session.docs.append(doc)
    out = {}
    for body, sessions in sorted(tree.items()):
        for s in sessions.values():
            s.docs.sort(key=_sort_key)
        out[body] = sorted(sessions.values(), key=lambda s: (s.order, s.slug), reverse=True)
    return out


def _sort_key(doc: Document) -> tuple:
    name = doc.meta.symbol or doc.meta.slug
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", name))


def _date_key(doc: Document) -> tuple[int, int, int]:
    parts = doc.meta.date.split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit() and parts[1].lower() in _MONTHS:
        return int(parts[2]), _MONTHS[parts[1].lower()], int(parts[0])
    return (int(doc.meta.year), 0, 0) if doc.meta.year else (0, 0, 0)


def _span(docs: list[Document]) -> str:
    """The dates of `docs`: "9 September – 3 December 2025" ("2024–2025" when not all are readable)."""
    dated = sorted((_date_key(d), d.meta.date) for d in docs if _date_key(d)[1])
    if len(dated) != len(docs) or not dated:
        years = sorted({d.meta.year for d in docs if d.meta.year})
        return "" if not years else years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    (first, a), (last, b) = dated[0], dated[-1]
    if a == b:
        return a
    if first[0] == last[0]:
        a = a.rsplit(" ", 1)[0]
    return f"{a} – {b}"


# -- groups within a session --------------------------------------------------------------------


def series(doc: Document) -> str:
    """The symbol series a document belongs to: A/RES/80/12 → A/RES/80, A/C.3/80/L.20/Rev.1 → A/C.3/80/L."""
    symbol = doc.meta.symbol
    if not symbol:
        return UNNUMBERED
    base = re.sub(r"(/(Rev|Add|Corr|Amend)\.\d+)+$", "", symbol)
    return re.sub(r"[./]?\d+$", "", base) or symbol


def series_label(name: str) -> str:
    """A series by what it holds: "Resolutions (A/RES/80)", "Third Committee drafts (A/C.3/80/L)"."""
    if name == UNNUMBERED:
        return name
    if re.fullmatch(r"[A-Z]+(/[A-Z]+)*/RES/[^/]+", name):
        return f"Resolutions ({name})"
    m = re.fullmatch(r"A/C\.([1-6])/[^/]+/L", name)
    if m:
        return f"{_COMMITTEE_NAMES[int(m[1]) - 1]} Committee drafts ({name})"
    if re.fullmatch(r"A/[^/]+/L", name):
        return f"Plenary drafts ({name})"
    if name.endswith("/L"):
        return f"Drafts ({name})"
    return name


def _series_order(name: str) -> tuple:
    label = series_label(name)
    rank = 0 if label.startswith("Resolutions") else 1 if label.startswith("Plenary") else 3
    if "Committee drafts" in label:
        rank = 2
    return (name == UNNUMBERED, rank, name)


@dataclass
class Group:
    """A named part of a session (a series), or a run of a long series; `runs` when cut."""

    name: str  # "" for a session listed whole
    label: str
    slug: str
    docs: list[Document]
    runs: list[Group] = field(default_factory=list)


def sections(docs: list[Document]) -> list[Group]:
    """A session's documents as navigation groups: one when few, else series (a long one cut into runs)."""
    if len(docs) <= SECTION_SIZE:
        return [Group("", "", "", docs)]
    by_series: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_series[series(doc)].append(doc)
    out = []
    for name in sorted(by_series, key=_series_order):
        items = by_series[name]
        group_ = Group(name, series_label(name), slugify(name), items)
        if len(items) > SECTION_SIZE:
            size = math.ceil(len(items) / math.ceil(len(items) / RUN_SIZE))  # even runs, none over RUN_SIZE
            for start in range(0, len(items), size):
                run = items[start : start + size]
                label = _run_label(name, run)
                group_.runs.append(Group(label, label, slugify(label), run))
        out.append(group_)
    return out


def _run_label(name: str, run: list[Document]) -> str:
    """A run by its first symbol and what the last adds to the series: "A/RES/80/1–52"."""
    first, last = _name(run[0]), _name(run[-1])
    if name != UNNUMBERED and last.startswith(name):
        last = last[len(name) :].lstrip("./") or last
    return f"{first}–{last}" if first != last else first


def _name(doc: Document) -> str:
    return doc.meta.symbol or _short(display_title(doc), 30)


def nav_label(doc: Document) -> str:
    """A document in the nav: "A/RES/80/1 · Participation by the State of…"; the title alone without a symbol."""
    title = doc.meta.title
    if not doc.meta.symbol:
        return template_safe(_short(display_title(doc), NAV_TITLE + 12))
    return template_safe(f"{doc.meta.symbol} · {_short(title, NAV_TITLE)}" if title else doc.meta.symbol)


# -- agenda items -------------------------------------------------------------------------------


def agenda(session: Session) -> list[tuple[str, str, str, list[Document]]]:
    """A session's agenda items in order: (item, slug, title, documents)."""
    items: dict[str, list[Document]] = defaultdict(list)
    for doc in session.docs:
        if doc.meta.agenda_item.strip():
            items[doc.meta.agenda_item.strip()].append(doc)
    out = []
    for item in sorted(items, key=lambda i: _sort_key_text(i)):
        docs = items[item]
        titles = Counter(d.meta.agenda_title.strip() for d in docs if d.meta.agenda_title.strip())
        title = min(titles, key=lambda t: (-titles[t], t)) if titles else ""
        out.append((item, f"item-{slugify(item)}", title, docs))
    return out


def _sort_key_text(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text))


# -- pages --------------------------------------------------------------------------------------


def _link(target: str, here: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def _table(docs: list[Document], here: str) -> list[str]:
    """Documents as rows of symbol, title and date (reflowed on a phone by unp-browse.css)."""
    rows = ["| Document | Title | Date |", "| --- | --- | --- |"]
    for doc in docs:
        link = _link(doc.path, here)
        title = md_escape(_short(display_title(doc), 200))
        if doc.meta.symbol:
            name = f"[{md_escape(doc.meta.symbol)}]({link})"
        else:
            name, title = "—", f"[{title}]({link})"
        rows.append(f"| {name} | {title} | {md_escape(doc.meta.date or '—')} |")
    return rows


def _count(text: str) -> str:
    return f"{text}\n{COUNT_CLASS}"


def _page(title: str, heading: str, intro: list[str]) -> list[str]:
    meta = yaml.safe_dump({"title": template_safe(title)}, allow_unicode=True)
    return [f"---\n{meta}---", f"# {md_escape(heading)}", *intro]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _session_dir(body: str, session: Session) -> str:
    return f"browse/{slugify(body)}/{session.slug}"


def _sessions_table(body: str, sessions: list[Session], here: str) -> list[str]:
    rows = ["| Session | Years | Documents |", "| --- | --- | --- |"]
    for s in sessions:
        where = _session_dir(body, s)
        cell = f"[{md_escape(s.label)}]({_link(f'{where}/index.md', here)})"
        counts = md_escape(s.counts() or _plural(len(s.docs), "document"))
        if agenda(s):
            counts += f" · [agenda items]({_link(f'{where}/{AGENDA_DIR}/index.md', here)})"
        rows.append(f"| {cell} | {md_escape(s.years or '—')} | {counts} |")
    return rows


def _latest(docs: list[Document], here: str) -> list[str]:
    newest = sorted(docs, key=lambda d: (_date_key(d), _sort_key(d)), reverse=True)[:LATEST]
    return ["## Latest documents", "\n".join(_table(newest, here))]


def home_page(docs: list[Document], tree) -> str:
    """Every document with its title when the corpus is small; else the sessions and the latest documents."""
    out = [
        "---\ntitle: Documents\n---",
        "# United Nations documents",
        _count(
            f"{_plural(len(docs), 'document')}. Every paragraph has a permanent address: hover over it, "
            "or focus it, to copy its link or a citation."
        ),
    ]
    small = len(docs) <= SECTION_SIZE
    for body, sessions in tree.items():
        out.append(f"## [{md_escape(body)}](browse/{slugify(body)}/index.md)")
        if not small:
            out.append("\n".join(_sessions_table(body, sessions, "index.md")))
            continue
        for s in sessions:
            out.append(f"### [{md_escape(s.nav_label)}]({_session_dir(body, s)}/index.md)")
            out.append("\n".join(_table(s.docs, "index.md")))
    if not small:
        out += _latest(docs, "index.md")
    return "\n\n".join(out) + "\n"


def _group_list(groups: list[Group], folder: str, here: str) -> str:
    """Groups on an index page: name, size and dates."""
    lines = []
    for g in groups:
        link = _link(f"{folder}/{g.slug}/index.md", here)
        lines.append(
            f"- [{md_escape(g.label)}]({link}) — {_plural(len(g.docs), 'document')}, {md_escape(_span(g.docs))}"
        )
    return "\n".join(lines)


def browse_pages(tree) -> dict[str, str]:
    """An index page per body, per session, per series and run of a large session, per agenda item."""
    pages: dict[str, str] = {}
    for body, sessions in tree.items():
        base = f"browse/{slugify(body)}"
        count = sum(len(s.docs) for s in sessions)
        lines = _page(body, body, [_count(f"{_plural(count, 'document')} in {_plural(len(sessions), 'session')}.")])
        lines.append("\n".join(_sessions_table(body, sessions, f"{base}/index.md")))
        pages[f"{base}/index.md"] = "\n\n".join(lines) + "\n"
        for s in sessions:
            pages.update(_session_pages(body, s))
    return pages


def _session_pages(body: str, s: Session) -> dict[str, str]:
    pages: dict[str, str] = {}
    folder = _session_dir(body, s)
    here = f"{folder}/index.md"
    items = agenda(s)
    intro = f"{len(s.docs)} documents ({s.counts()})" if s.counts() else _plural(len(s.docs), "document")
    intro += f", {_span(s.docs)}." if _span(s.docs) else "."
    page = _page(f"{body}, {s.nav_label}", f"{body}, {s.label}", [_count(intro)])
    if items:
        page.append(f"[Documents by agenda item]({AGENDA_DIR}/index.md)")
    groups = sections(s.docs)
    if not groups[0].name:
        page.append("\n".join(_table(s.docs, here)))
    else:
        page.append(_group_list(groups, folder, here))
    pages[here] = "\n\n".join(page) + "\n"
    for g in groups if groups[0].name else []:
        where = f"{folder}/{g.slug}/index.md"
        sub = _page(
            f"{g.label}, {s.label}",
            f"{body}, {s.label}: {g.label}",
            [_count(f"{_plural(len(g.docs), 'document')}, {_span(g.docs)}.")],
        )
        sub.append(_group_list(g.runs, f"{folder}/{g.slug}", where) if g.runs else "\n".join(_table(g.docs, where)))
        pages[where] = "\n\n".join(sub) + "\n"
        for run in g.runs:
            at = f"{folder}/{g.slug}/{run.slug}/index.md"
            sub = _page(
                f"{run.label} ({s.label})",
                f"{body}, {s.label}: {run.label}",
                [_count(f"{_plural(len(run.docs), 'document')}, {_span(run.docs)}.")],
            )
            pages[at] = "\n\n".join([*sub, "\n".join(_table(run.docs, at))]) + "\n"
    if items:
        pages.update(_agenda_pages(body, s, items))
    return pages


def _agenda_pages(body: str, s: Session, items) -> dict[str, str]:
    pages: dict[str, str] = {}
    folder = f"{_session_dir(body, s)}/{AGENDA_DIR}"
    here = f"{folder}/index.md"
    page = _page(
        f"Agenda items, {body}, {s.label}",
        f"{body}, {s.label}: documents by agenda item",
        [_count(f"{_plural(len(items), 'agenda item')}. [All documents of the session](../index.md)")],
    )
    rows = ["| Item | Title | Documents |", "| --- | --- | --- |"]
    for item, slug, title, docs in items:
        rows.append(f"| [{md_escape(item)}]({slug}/index.md) | {md_escape(title or '—')} | {len(docs)} |")
    page.append("\n".join(rows))
    pages[here] = "\n\n".join(page) + "\n"
    for item, slug, title, docs in items:
        at = f"{folder}/{slug}/index.md"
        sub = _page(
            f"Agenda item {item}, {body}, {s.label}",
            f"{body}, {s.label}: agenda item {item}",
            [f"**{md_escape(title)}**"] if title else [],
        )
        sub.append(_count(f"{_plural(len(docs), 'document')}. [All agenda items of the session](../index.md)"))
        sub.append("\n".join(_table(docs, at)))
        pages[at] = "\n\n".join(sub) + "\n"
    return pages


def nav(tree, glossary: bool = False) -> list:
    """MkDocs nav data: Home, the glossary, then each body with its sessions (and groups) and documents."""
    out: list = [{"Home": "index.md"}]
    if glossary:
        out.append({"Glossary": "glossary/index.md"})
    for body, sessions in tree.items():
        base = f"browse/{slugify(body)}"
        section: list = [f"{base}/index.md"]
        for s in sessions:
            folder = _session_dir(body, s)
            entries: list = [f"{folder}/index.md"]
            groups = sections(s.docs)
            for g in groups:
                links = [{nav_label(doc): doc.path} for doc in g.docs]
                if not g.name:
                    entries += links
                    continue
                index = f"{folder}/{g.slug}/index.md"
                if not g.runs:
                    entries.append({template_safe(g.label): [index, *links]})
                    continue
                runs = [
                    {
                        template_safe(run.label): [
                            f"{folder}/{g.slug}/{run.slug}/index.md",
                            *({nav_label(doc): doc.path} for doc in run.docs),
                        ]
                    }
                    for run in g.runs
                ]
                entries.append({template_safe(g.label): [index, *runs]})
            if agenda(s):
                entries.append({"By agenda item": f"{folder}/{AGENDA_DIR}/index.md"})
            section.append({template_safe(s.nav_label): entries})
        out.append({template_safe(body): section})
    return out


def _short(text: str, size: int = 60) -> str:
    """`text` cut at a word to at most `size` characters, with "…"."""
    if len(text) <= size:
        return text
    cut = text[: size - 1]
    if text[size - 1] != " " and " " in cut[size // 2 :]:  # a word was cut: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"
