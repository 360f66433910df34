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

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from html import escape

import orjson

from builder.anchors import within_document
from builder.mandates import verbs
from builder.mandates.recognize import Mandate
from builder.model import Document
from builder.render.html import attr, relative_href
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


@dataclass(frozen=True)
class Shown:
    """One mandate with what the index shows of it (its citation in the document, when due, what
    is asked cut short): worked out once per document, so an edit works out its own document's."""

    m: Mandate
    cite: str
    due: str
    short: str


def shown(mandates: list[Mandate]) -> list[Shown]:
    return [Shown(m, within_document(m.citation), due_label(m), _short(m.action)) for m in mandates]


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


def _groups(rows: list[Shown]) -> list[list[Shown]]:
    """`clauses` of the mandates shown, in the index's order: latest due session first, then by symbol."""
    groups: dict[tuple[str, str], list[Shown]] = {}
    for row in rows:
        groups.setdefault((row.m.paragraph_id, row.m.text), []).append(row)
    return sorted(groups.values(), key=lambda g: _sort_key(g[0].m))


def _json(data: dict) -> str:
    """`json.dumps(data, ensure_ascii=False, separators=(",", ":"))`, by orjson where it writes the
    same (no floats here; see `builder.data.files.dumps`)."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except TypeError:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def data_json(docs: list[Document], mandates: list[Mandate], groups: list[list[Shown]] | None = None) -> str:
    """The index's data: documents, names (addressees, verbs, kinds) and rows, each a list.

    Rows are [doc, paragraph_id, citation, verb, addressees, kind, due_session, due_date,
    due, open_ended, what, repeats] with indexes into `docs` and `names`: a compact file the
    page fetches once (its size is measured by `python -m builder.mandates.report`).
    `groups`: `_groups` of the mandates, when already made."""
    pages = {doc.path: i for i, doc in enumerate(docs)}
    names: dict[str, int] = {}

    def name(text: str) -> int:
        return names.setdefault(text, len(names))

    rows = []
    for group in groups if groups is not None else _groups(shown(mandates)):
        row = group[0]
        m = row.m
        rows.append(
            [
                pages[m.page],
                m.paragraph_id,
                row.cite,
                name(m.verb),
                [name(x.m.addressee) for x in group],
                name(m.kind),
                m.due_session,
                m.due_date,
                row.due,
                int(m.open_ended),
                row.short,
                len(m.repeats),
            ]
        )
    data = {
        "docs": [[d.meta.symbol or d.meta.slug, d.path.removesuffix(".md") + "/", _status(d)] for d in docs],
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


def _row_html(row: Shown, who: str) -> str:
    m = row.m
    href = relative_href(INDEX_PAGE, m.page) + "#" + m.paragraph_id
    symbol = m.symbol or m.page.removesuffix(".md")
    return (
        f'<tr><td><a href="{attr(href)}">{escape(symbol)}</a> {escape(row.cite)}</td>'
        f"<td>{escape(who)}</td><td>{escape(m.verb)}</td><td>{escape(m.kind)}</td>"
        f"<td>{escape(row.due)}</td><td>{escape(row.short)}</td></tr>"
    )


def index_page(docs: list[Document], mandates: list[Mandate], groups: list[list[Shown]] | None = None) -> str:
    """`mandates/index.md`: filters, quick links, and the first rows as a plain table
    (`groups`: `_groups` of the mandates, when already made)."""
    groups = groups if groups is not None else _groups(shown(mandates))
    addressees = Counter(m.addressee for m in mandates)
    sessions = sorted({m.due_session for m in mandates if m.due_session is not None})
    reports = Counter(g[0].m.due_session for g in groups if g[0].m.kind == verbs.REPORT and g[0].m.due_session)
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
    rows = "".join(_row_html(g[0], ", ".join(x.m.addressee for x in g)) for g in groups[:FIRST_ROWS])
    open_share = sum(m.open_ended for m in mandates) / len(mandates) if mandates else 0
    head = "<tr><th>Paragraph</th><th>Addressee</th><th>Verb</th><th>Kind</th><th>Due</th><th>What</th></tr>"
    out = [
        "---\ntitle: Mandates\n---",
        "# Mandates",
        '<p class="unp-count unp-chrome">'
        f"{len(groups)} requests for action in {len({m.page for m in mandates})} documents, "
        f"{len(mandates)} by addressee; {open_share:.0%} name no review or end date. "
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
    docs: list[Document], mandates: list[Mandate], rows: list[Shown] | None = None, csv_body: str | None = None
) -> dict[str, str]:
    """The index page and the data files, path → text. `rows` (`shown(mandates)`) and `csv_body`
    (`csv_rows(mandates)`), when given, are joined from what each document's mandates gave."""
    groups = _groups(rows if rows is not None else shown(mandates))
    return {
        INDEX_PAGE: index_page(docs, mandates, groups),
        DATA_FILE: data_json(docs, mandates, groups),
        CSV_FILE: csv_text(mandates, csv_body),
    }
