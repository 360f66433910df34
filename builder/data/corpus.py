"""The corpus downloads under `data/`, and the Open data page that offers them.

- `documents.json`: one row per document (symbol, title, body, session, date,
  type, adopted as, page and data URLs), in build order;
- `paragraphs.csv`: one row per paragraph and heading (symbol, page, id, eId,
  kind, number, part, text), UTF-8 with a byte-order mark (so spreadsheet
  programs read it as UTF-8) and a header, RFC 4180 quoting and line ends;
- `documents.zip`: every `document.json`, under its page's folder; entries
  sorted, every timestamp 1980-01-01, fixed permissions: the same bytes for
  the same sources;
- `document.schema.json`: the schema of `document.json`.

All of it is built from the documents' data (`builder.data.document`), not
from the pages.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from builder.data import zipped
from builder.data.paths import DATA_DIR
from builder.render.page import md_escape

SCHEMA_FILE = Path(__file__).with_name("document.schema.json")
PAGE = f"{DATA_DIR}/index.md"
ROW_KEYS = (
    "symbol",
    "slug",
    "title",
    "body",
    "committee",
    "session",
    "date",
    "date_iso",
    "document_type",
    "adopted_as",
)
CSV_COLUMNS = ("symbol", "page", "id", "eid", "kind", "number", "part", "text")


def document_row(data: dict) -> bytes:
    """One document's object in `documents.json`, as `json.dumps(rows, indent=1)` writes it there."""
    row = {
        **{key: data[key] for key in ROW_KEYS},
        "url": data["url"],
        "json": data["downloads"]["json"],
        "akn": data["downloads"]["akn"],
        "source": data["downloads"]["source"],
        "paragraphs": len(data["paragraphs"]),
    }
    return json.dumps([row], ensure_ascii=False, indent=1)[2:-2].encode("utf-8")  # without "[\n" and "\n]"


def documents_json(rows: list[bytes]) -> bytes:
    """The rows of `document_row`, as one JSON array (the bytes `json.dumps` writes for the whole list)."""
    return b"[\n" + b",\n".join(rows) + b"\n]\n" if rows else b"[]\n"


def paragraph_rows(data: dict) -> bytes:
    """One document's rows of `paragraphs.csv` (RFC 4180: CRLF, fields quoted when needed).

    The bytes `csv.writer(out, lineterminator="\\r\\n").writerow` writes for each row (minimal
    quoting: a field holding a comma, a quote or a line end is quoted, its quotes doubled), a
    join of strings at a quarter of its cost; `tests/test_data_equivalence.py` compares the two."""
    symbol, url = _field(data["symbol"]), _field(data["url"])
    return "".join(
        f"{symbol},{url},{_field(p['id'])},{_field(p['eid'] or '')},{_field(p['kind'])},{_field(p['number'])},"
        f"{_field(p['part'])},{_field(p['text'])}\r\n"
        for p in data["paragraphs"]
    ).encode("utf-8")


_QUOTED = re.compile('[,"\r\n]')


def _field(value: str) -> str:
    """One field as `csv.writer` writes it (QUOTE_MINIMAL, the default dialect)."""
    if _QUOTED.search(value) is None:
        return value
    return '"' + value.replace('"', '""') + '"'


def paragraphs_csv(rows: list[bytes]) -> bytes:
    """Byte-order mark, header, then every document's `paragraph_rows`."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)
    return "\ufeff".encode() + out.getvalue().encode("utf-8") + b"".join(rows)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


def data_page(documents: int, paragraphs: int, sizes: dict[str, int]) -> str:
    """The Open data page: what each download holds, its size, and the per-document files."""
    rows = [
        ("documents.json", "One row per document: symbol, title, body, session, date, type, adopted as, "
                           "page and data URLs."),
        ("paragraphs.csv", "One row per paragraph and heading: symbol, page, id, eId, kind, number, part, text. "
                           "UTF-8 with a header, RFC 4180 quoting."),
        ("documents.zip", "Every document's `document.json`, in its page's folder."),
        ("document.schema.json", "The JSON Schema of `document.json`."),
    ]  # fmt: skip
    out = [
        "---\ntitle: Open data\n---",
        "# Open data",
        f"The whole corpus as data: {documents} documents, {paragraphs} paragraphs and headings. "
        "Every file is rebuilt with the site, from the same reading as the pages.",
        "| Download | Size | What it holds |\n| --- | --- | --- |",
    ]
    out[-1] += "".join(f"\n| [{name}]({name}) | {_size(sizes[name])} | {what} |" for name, what in rows)
    out.append("## Each document")
    out.append(
        "Every document page has a **Download** menu, beside its link to the official text: "
        "`document.json` (metadata, parts, every paragraph with its id, kind, number, opening phrase, "
        "plain text and annotations as offsets, notes, documents cited and citing, instruments), "
        "`akn.xml` (Akoma Ntoso 3.0 following AKN4UN) and the source file the page was built from. "
        "They sit in the page's own folder: `<page>/document.json`, `<page>/akn.xml`."
    )
    out.append("## Paragraph ids")
    out.append(
        "Each paragraph has the page's own id (`#op5-b`) and its Akoma Ntoso eId "
        "(`#para_5__subpara_b`): a link with either lands on the paragraph. "
        + md_escape("Both are listed for every paragraph in document.json (id, eid).")
    )
    return "\n\n".join(out) + "\n"


def corpus_files(made: list) -> dict[str, bytes]:
    """`data/` downloads and page, joined from every document's pieces (`builder.data.files.Made`)."""
    out = {
        f"{DATA_DIR}/documents.json": documents_json([one.row for one in made]),
        f"{DATA_DIR}/paragraphs.csv": paragraphs_csv([one.csv for one in made]),
        f"{DATA_DIR}/documents.zip": zipped.archive([one.entry for one in made]),
        f"{DATA_DIR}/document.schema.json": SCHEMA_FILE.read_bytes(),
    }
    sizes = {name.removeprefix(f"{DATA_DIR}/"): len(content) for name, content in out.items()}
    out[PAGE] = data_page(len(made), sum(one.paragraphs for one in made), sizes).encode("utf-8")
    return out
