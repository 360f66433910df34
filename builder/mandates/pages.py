"""The mandates on the site: a panel on each document page, the index page and its data files.

- `panel_html(doc, mandates)`: a compact "Mandates" panel under the page header, one line per
  clause (addressees, verb, what, due), each linked to its paragraph; site chrome
  (`unp-chrome`), so the conservation check skips it.
- `index_pages(docs, mandates)`: `mandates/index.md` (filters, quick links such as "Reports due
  at the 81st session", the first rows rendered on the server), `mandates/mandates.json` (every
  row, compact, fetched by `assets/unp-mandates.js`, which filters with the state in the
  address: `?addressee=Secretary-General&kind=report&session=81`), and `data/mandates.csv`
  (RFC 4180, one row per mandate and addressee).

Every piece of source text is escaped here or in the browser (the script sets `textContent`).
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from operator import itemgetter

import orjson

from builder.anchors import within_document
from builder.mandates import verbs
from builder.mandates.recognize import Mandate
from builder.model import Document
from builder.render.html import attr, page_address, relative_href, url_dir
from builder.render.page import draft_kind, is_resolution

INDEX_PAGE = "mandates/index.md"
DATA_FILE = "mandates/mandates.json"
CSV_FILE = "data/mandates.csv"
CSV_COLUMNS = ["symbol", "paragraph_id", "verb", "addressee", "kind", "due_session", "due_date", "text"]
FIRST_ROWS = 50  # rows the index page renders on the server, before its script loads the rest
_JSON_ACTION = 160  # characters of what is asked, in the index data
_PANEL = 140  # and on a document's panel: MkDocs parses every page's HTML, so the panel stays small


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def due_label(m: Mandate) -> str:
    """ "81st session", "2026-12-31", "biennially", or "" when the text names no due point."""
    out = []
    if m.due_session is not None:
        out.append(f"{_ordinal(m.due_session)} session")
    if m.due_date:
        out.append(m.due_date)
    for text in m.due_text:  # periods and rhythms; the session and date are said above
        if not (m.due_session is not None and "session" in text) and not (m.due_date and re.search(r"\d{4}$", text)):
            out.append(text)
    return ", ".join(dict.fromkeys(x for x in out if x))


def clauses(mandates: list[Mandate]) -> list[list[Mandate]]:
    """Mandates grouped by clause (one per addressee → one line), in reading order."""
    groups: dict[tuple[str, str], list[Mandate]] = {}
    for m in mandates:
        groups.setdefault((m.paragraph_id, m.text), []).append(m)
    return list(groups.values())


def _repeat_links(here: str, m: Mandate) -> str:
    links = [
        f'<a href="{attr(relative_href(here, r["page"]))}#{attr(r["paragraph_id"])}">{escape(r["symbol"])}</a>'
        for r in m.repeats
    ]
    return f' <span class="unp-m-repeats">· repeats {", ".join(links)}</span>' if links else ""


def panel_html(doc: Document, mandates: list[Mandate]) -> str:
    """The document page's "Mandates" panel, "" when the document has none."""
    if not mandates:
        return ""
    groups = clauses(mandates)
    kinds = Counter(g[0].kind for g in groups)
    summary = f"Mandates · {len(groups)} request{'s' if len(groups) != 1 else ''} for action"
    if kinds[verbs.REPORT]:
        summary += f" ({kinds[verbs.REPORT]} report{'s' if kinds[verbs.REPORT] != 1 else ''})"
    items = []
    for group in groups:
        m = group[0]
        who = ", ".join(x.addressee for x in group)
        due = due_label(m)
        items.append(
            f'<li data-kind="{attr(m.kind)}"><a class="unp-m-para" href="#{attr(m.paragraph_id)}">'
            f"{escape(within_document(m.citation) or m.paragraph_id)}</a> "
            f'<span class="unp-m-who">{escape(who)}</span> · {escape(m.verb)} · {escape(_short(m.action, _PANEL))}'
            f' · <span class="unp-m-kind">{escape(m.kind)}</span>'
            + (f' · <span class="unp-m-due">due {escape(due)}</span>' if due else "")
            + _repeat_links(doc.path, m)
            + "</li>"
        )
    series = next((m.series for m in mandates if m.series), [])
    recalls = ""
    if series:
        recalls = f'<p class="unp-m-series">Series: recalls {escape(", ".join(series))}</p>'
    link = relative_href(doc.path, INDEX_PAGE)
    return (
        f'<details class="unp-mandates unp-chrome"><summary>{escape(summary)}</summary>'
        f'<ul class="unp-m-list">{"".join(items)}</ul>{recalls}'
        f'<p class="unp-m-more"><a href="{attr(link)}">All mandates</a></p></details>'
    )


def _sort_key(m: Mandate) -> tuple:
    return (-(m.due_session or 0), m.symbol, m.paragraph_id)


def csv_rows(mandates: list[Mandate]) -> str:
    """The rows of `data/mandates.csv` for `mandates` (one document's, say), without the header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for m in mandates:
        writer.writerow(
            [m.symbol, m.paragraph_id, m.verb, m.addressee, m.kind, m.due_session or "", m.due_date, m.text]
        )
    return out.getvalue()


def csv_text(mandates: list[Mandate], rows: str | None = None) -> str:
    """`data/mandates.csv`: a header, then one row per mandate and addressee (RFC 4180, CRLF);
    `rows`: those rows when already made (`csv_rows`)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)
    return out.getvalue() + (csv_rows(mandates) if rows is None else rows)


def _short(text: str, size: int = 0) -> str:
    """`text` cut at a word to at most `size` characters (the index data's length by default), with "…"."""
    size = size or _JSON_ACTION
    if len(text) <= size:
        return text
    return text[: size - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


@dataclass
class Pieces:
    """What the index files take of some mandates (one document's, say), worked out once for
    them: an edit works out its own document's, and the files are joined from every document's.

    `groups` are the mandates' clauses (`clauses`), each (clause, sort key, row), the row what
    the index data shows of the clause with its addressees' names, not yet numbered."""

    groups: list[tuple[tuple[str, str], tuple, list]]
    first: list[Mandate]  # each clause's first mandate (what the index page's rows show)
    addressees: Counter
    sessions: set[int]
    open: int  # mandates naming no review or end date
    count: int  # mandates
    pages: set[str]  # the pages they are on
    csv: str  # their rows of `data/mandates.csv`


def pieces(mandates: list[Mandate]) -> Pieces:
    groups: dict[tuple[str, str], list[Mandate]] = {}
    for m in mandates:
        groups.setdefault((m.paragraph_id, m.text), []).append(m)
    rows = []
    for key, group in groups.items():
        m = group[0]
        row = [
            m.page, m.paragraph_id, within_document(m.citation), m.verb, [x.addressee for x in group], m.kind,
            m.due_session, m.due_date, due_label(m), int(m.open_ended), _short(m.action), len(m.repeats),
        ]  # fmt: skip
        rows.append((key, _sort_key(m), row))
    return Pieces(
        rows,
        [group[0] for group in groups.values()],
        Counter(m.addressee for m in mandates),
        {m.due_session for m in mandates if m.due_session is not None},
        sum(m.open_ended for m in mandates),
        len(mandates),
        {m.page for m in mandates},
        csv_rows(mandates),
    )


def _merged(parts: list[Pieces]) -> list[tuple[tuple, list, Mandate]]:
    """Every clause of `parts` in the index's order (latest due session first, then by symbol and
    paragraph, then where it first appears), as ((sort key, part, clause), row, first mandate); a
    clause found in two documents (the same paragraph id and text) is one, with the addressees of
    both, as `clauses` makes it."""
    merged: dict[tuple[str, str], tuple[tuple, list, Mandate]] = {}
    for i, part in enumerate(parts):
        for j, ((key, order, row), first) in enumerate(zip(part.groups, part.first, strict=True)):
            had = merged.get(key)
            if had is None:
                merged[key] = ((order, i, j), row, first)
            else:
                merged[key] = (had[0], [*had[1][:4], had[1][4] + row[4], *had[1][5:]], had[2])
    return sorted(merged.values(), key=itemgetter(0))


class Clauses:
    """`_merged`, kept from build to build (`make serve`): when a few documents' `Pieces` changed,
    the clauses they had or have are taken out of the last order and made again from every
    document holding them (a draft and its adopted resolution share most), instead of merging
    every document's clauses again."""

    SPLICE = 32  # more changed documents than this: merged afresh

    def __init__(self) -> None:
        self.parts: list[Pieces] = []
        self.entries: list[tuple[tuple, list, Mandate]] = []
        self.owners: dict[tuple[str, str], list[int]] = {}  # clause → the parts holding it, in order

    def __call__(self, parts: list[Pieces]) -> list[tuple[tuple, list, Mandate]]:
        changed = self._changed(parts)
        if changed is None:
            self.entries = _merged(parts)
            self.owners = {}
            for i, part in enumerate(parts):
                for key, _, _ in part.groups:
                    self.owners.setdefault(key, []).append(i)
        elif changed:
            self.entries = self._splice(parts, changed)
        self.parts = list(parts)
        return self.entries

    def _changed(self, parts: list[Pieces]) -> list[int] | None:
        """The parts changed since the last call, when few enough to splice in; else None."""
        if len(parts) != len(self.parts):
            return None
        changed = [i for i, (now, was) in enumerate(zip(parts, self.parts, strict=True)) if now is not was]
        return changed if len(changed) <= self.SPLICE else None

    def _splice(self, parts: list[Pieces], changed: list[int]) -> list[tuple[tuple, list, Mandate]]:
        affected: set[tuple[str, str]] = set()
        for i in changed:
            old = {key for key, _, _ in self.parts[i].groups}
            new = {key for key, _, _ in parts[i].groups}
            for key in old:
                self.owners[key].remove(i)
            for key in new:
                bisect.insort(self.owners.setdefault(key, []), i)
            affected |= old | new
        entries = [e for e in self.entries if (e[2].paragraph_id, e[2].text) not in affected]
        where: dict[int, dict[tuple[str, str], int]] = {}  # part → clause → its place in the part
        for key in affected:
            owners = self.owners.get(key)
            if not owners:
                self.owners.pop(key, None)
                continue
            found = []
            for i in owners:
                if i not in where:
                    where[i] = {k: j for j, (k, _, _) in enumerate(parts[i].groups)}
                found.append((i, where[i][key]))
            i, j = found[0]
            _, order, row = parts[i].groups[j]
            if len(found) > 1:
                who = [a for k, n in found for a in parts[k].groups[n][2][4]]
                row = [*row[:4], who, *row[5:]]
            entries.append(((order, i, j), row, parts[i].first[j]))
        entries.sort(key=itemgetter(0))
        return entries


def _json(data: dict) -> str:
    """`json.dumps(data, ensure_ascii=False, separators=(",", ":"))`, by orjson where it writes the
    same (no floats here; see `builder.data.files.dumps`)."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def data_json(docs: list[Document], mandates: list[Mandate], groups: list | None = None) -> str:
    """The index's data: documents, names (addressees, verbs, kinds) and rows, each a list.

    Rows are [doc, paragraph_id, citation, verb, addressees, kind, due_session, due_date,
    due, open_ended, what, repeats] with indexes into `docs` and `names`: a compact file the
    page fetches once (its size is measured by `python -m builder.mandates.report`).
    `groups`: `_merged` clauses, when already made."""
    pages = {doc.path: i for i, doc in enumerate(docs)}
    shown = [g[1] for g in (groups if groups is not None else _merged([pieces(mandates)]))]
    # names numbered in order of first use: each row's verb, addressees, kind
    names = {n: i for i, n in enumerate(dict.fromkeys(x for r in shown for x in (r[3], *r[4], r[5])))}
    rows = [
        [
            pages[r[0]],
            r[1],
            r[2],
            names[r[3]],
            [names[a] for a in r[4]],
            names[r[5]],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
        ]
        for r in shown
    ]
    data = {
        "docs": [[d.meta.symbol or d.meta.slug, url_dir(d.path), _status(d)] for d in docs],
        "names": list(names),
        "rows": rows,
    }
    return _json(data)


def _status(doc: Document) -> str:
    """ "adopted" for an adopted resolution, "draft" for a draft (whose adopted text may also be in the
    corpus: the filter keeps requests from being counted twice), "" for anything else."""
    if is_resolution(doc):
        return "adopted"
    return "draft" if draft_kind(doc) or "/L." in doc.meta.symbol else ""


def _row_html(row: list, first: Mandate) -> str:
    page, pid, cite, verb, addressees, kind, _, _, due, _, short, _ = row
    href = relative_href(INDEX_PAGE, page) + "#" + pid
    symbol = first.symbol or page_address(page)
    return (
        f'<tr><td><a href="{attr(href)}">{escape(symbol)}</a> {escape(cite)}</td>'
        f"<td>{escape(', '.join(addressees))}</td><td>{escape(verb)}</td><td>{escape(kind)}</td>"
        f"<td>{escape(due)}</td><td>{escape(short)}</td></tr>"
    )


def index_page(
    docs: list[Document], mandates: list[Mandate], groups: list | None = None, parts: list | None = None
) -> str:
    """`mandates/index.md`: filters, quick links, and the first rows as a plain table
    (`groups`: `_merged` clauses and `parts` the `Pieces` they came from, when already made)."""
    parts = parts if parts is not None else [pieces(mandates)]
    groups = groups if groups is not None else _merged(parts)
    addressees: Counter = Counter()
    for part in parts:
        addressees.update(part.addressees)
    sessions = sorted(set().union(*(part.sessions for part in parts)))
    count = sum(part.count for part in parts)
    reports = Counter(g[2].due_session for g in groups if g[2].kind == verbs.REPORT and g[2].due_session)
    quick = [
        f'<li><a href="?kind={attr(verbs.REPORT.replace(" ", "+"))}&amp;session={s}">'
        f"Reports due at the {_ordinal(s)} session</a> ({reports[s]})</li>"
        for s in sorted(reports)
    ]
    options = "".join(
        f'<option value="{attr(a)}">{escape(a)} ({n})</option>'
        for a, n in sorted(addressees.items(), key=lambda x: (-x[1], x[0]))
    )
    kinds = "".join(f'<option value="{attr(k)}">{escape(k)}</option>' for k in verbs.KINDS)
    due = "".join(f'<option value="{s}">{_ordinal(s)} session</option>' for s in sessions)
    form = (
        '<form class="unp-mfilters unp-chrome" role="search" aria-label="Filter mandates">'
        '<label>Addressee <select name="addressee"><option value="">any</option>' + options + "</select></label> "
        '<label>Kind <select name="kind"><option value="">any</option>' + kinds + "</select></label> "
        '<label>Due <select name="session"><option value="">any</option>' + due + "</select></label> "
        '<label>Documents <select name="status"><option value="">all</option>'
        '<option value="adopted">adopted resolutions</option><option value="draft">drafts</option></select></label> '
        '<label><input type="checkbox" name="open" value="1"> no review or end date</label> '
        '<label>Words <input type="search" name="q"></label>'
        "</form>"
    )
    rows = "".join(_row_html(row, first) for _, row, first in groups[:FIRST_ROWS])
    open_share = sum(part.open for part in parts) / count if count else 0
    pages = len(set().union(*(part.pages for part in parts)))
    head = "<tr><th>Paragraph</th><th>Addressee</th><th>Verb</th><th>Kind</th><th>Due</th><th>What</th></tr>"
    out = [
        "---\ntitle: Mandates\n---",
        "# Mandates",
        '<p class="unp-count unp-chrome">'
        f"{len(groups)} requests for action in {pages} documents, "
        f"{count} by addressee; {open_share:.0%} name no review or end date. "
        "What each resolution asks whom to do, by when, read from its operative paragraphs. "
        f'Data: <a href="../{CSV_FILE}">mandates.csv</a>.</p>',
        '<ul class="unp-mquick unp-chrome">' + "".join(quick) + "</ul>" if quick else "",
        form,
        f'<p class="unp-mstatus unp-chrome" aria-live="polite">The first {min(FIRST_ROWS, len(groups))} of '
        f"{len(groups)} rows.</p>",
        f'<div class="unp-mtable" data-unp-mandates="mandates.json"><table class="unp-mrows">'
        f"<thead>{head}</thead><tbody>{rows}</tbody></table></div>",
    ]
    return "\n\n".join(x for x in out if x) + "\n"


def index_files(
    docs: list[Document], mandates: list[Mandate], parts: list[Pieces] | None = None, clauses: Clauses | None = None
) -> dict[str, str]:
    """The index page and the data files, path → text. `parts`: the `pieces` of the mandates
    (each document's, in order), when already made; `clauses`, their order kept from the last call."""
    parts = parts if parts is not None else [pieces(mandates)]
    groups = clauses(parts) if clauses is not None else _merged(parts)
    return {
        INDEX_PAGE: index_page(docs, mandates, groups, parts),
        DATA_FILE: data_json(docs, mandates, groups),
        CSV_FILE: csv_text(mandates, "".join(part.csv for part in parts)),
    }
