"""Make the fixture files of `tests/forms/`: the same invented UN documents in every form a tool gives.

The builder must read a document equally well whatever turned it into text. The documents are
described once, in `documents.py` (invented text: session 99, year 2099, symbols such as
A/RES/99/17 that cannot collide with real documents). This script writes:

- for each PDF document (`ga-resolution`: General Assembly resolution A/RES/99/17, three pages,
  five notes, a paragraph cut by a page break; `c3-draft`: Third Committee draft resolution
  A/C.3/99/L.5): the PDF, made with `tests/pdfmaker.py` in a temporary folder, extracted by

  | form | tool |
  | --- | --- |
  | `<doc>.pdftotext.txt` | `pdftotext` (poppler-utils) |
  | `<doc>.pdftotext-layout.txt` | `pdftotext -layout` |
  | `<doc>.pypdf.txt` | pypdf, `page.extract_text()` joined by "\\n" |
  | `<doc>.pypdfium2.txt` | pypdfium2, `get_textpage().get_text_bounded()` joined by "\\n" |
  | `<doc>.pdfminer.txt` | pdfminer.six, `extract_text` |
  | `<doc>.pymupdf4llm.md` | PyMuPDF's pymupdf4llm, `to_markdown` (one paragraph a line, `**bold**` |
  |  | furniture and headings, `> 1 …` notes, `- (a)` items, `<sup>1</sup>` markers) |

  and Markdown forms written by hand-made templates after what those converters emit (their
  models are not installed here): `<doc>.marker.md` (one
  paragraph per line, `<sup>` markers, `[^1]: …` definitions at the end, escapes such as `1\\.`
  and `\\_`), `<doc>.docling.md` (`## ` headings, `- (a)` list items, markers as plain digits or
  `¹`, no italics, no page furniture) and `<doc>.frontmatter.md` (YAML front matter with the
  symbol and title, then the body with `[^1]` footnotes);
- body-only plain texts with no masthead: `S_RES_9999.txt` (Security Council; its symbol
  S/RES/9999 comes from the file name), `council-text.txt` (the same text; no symbol, so a
  slug), `ecosoc-body.txt` (Economic and Social Council) and `ccpcj-body.txt` (Commission on
  Crime Prevention and Criminal Justice).

Regenerate (needs poppler-utils' `pdftotext` on PATH and the venv with `.[forms]`) and commit the
output; the tests read the files, not the tools:

    .venv/bin/python tests/forms/make_forms.py

The output is deterministic: running it twice changes nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from documents import BODY_TEXTS, PDF_DOCUMENTS, BodyText  # noqa: E402
from pdfmaker import RULE, Rendered, UNDoc, plain, write_pdf  # noqa: E402

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# --- extraction by the tools -------------------------------------------------------------------


def extract(pdf: Path) -> dict[str, str]:
    """The PDF's text as each tool gives it, by form name."""
    import pymupdf4llm
    import pypdfium2
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader

    def run(*args: str) -> str:
        return subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pdfium = "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()
    return {
        "pdftotext": run("pdftotext", "-enc", "UTF-8"),
        "pdftotext-layout": run("pdftotext", "-layout", "-enc", "UTF-8"),
        "pypdf": "\n".join(page.extract_text() for page in PdfReader(pdf).pages),
        "pypdfium2": pdfium,
        "pdfminer": extract_text(str(pdf)),
        "pymupdf4llm": pymupdf4llm.to_markdown(str(pdf), show_progress=False),
    }


# --- Markdown forms, after what converters emit ------------------------------------------------


def _inline(text: str, italic: str, marker: str) -> str:
    """Inline markup of `documents.py` in a converter's syntax: `italic` wraps, `marker` formats the label."""
    text = re.sub(r"\*([^*]+)\*", lambda m: f"{italic}{m.group(1)}{italic}" if italic else m.group(1), text)
    return re.sub(r"\^(\w+)", lambda m: marker.format(m.group(1)), text)


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _paragraphs(doc: UNDoc, made: Rendered) -> list[tuple[int, str]]:
    """(block, text) of each piece of a paragraph on one page, in page order, reflowed."""
    out: list[tuple[int, str]] = []
    for lines in made.lines:
        previous = None
        for block, line in lines:
            if block == previous:
                out[-1] = (block, out[-1][1] + " " + line)
            else:
                out.append((block, line))
            previous = block
    return out


def marker(doc: UNDoc, made: Rendered) -> str:
    """One paragraph per line (the halves of a cut paragraph apart), escapes, `[^n]:` notes at the end."""

    def md(text: str) -> str:
        text = text.replace("[", "\\[").replace("]", "\\]")
        text = re.sub(r"^(\d+)\. ", r"\1\\. ", text)
        return _inline(_one_line(text), "*", "<sup>{}</sup>")

    original = f" Original: {doc.original}" if doc.original else ""
    out = [
        f"United Nations {doc.symbol}",
        "",
        f"# {doc.body}",
        "",
        f"Distr.: {doc.distribution} {doc.date}{original}",
        "",
    ]
    out += [" ".join([doc.session, *doc.agenda]), ""]
    for line in doc.preface:
        out += [md(line), ""]
    number = doc.number.replace(".", "\\.")
    out += [f"## {number} {doc.title}" if number else f"## {doc.title}", ""]
    for _block, text in _paragraphs(doc, made):
        out += [md(text), ""]
    out += [RULE.replace("_", "\\_"), ""]
    out += [f"[^{label}]: {md(text)}" for label, text in doc.notes.items()]
    return "\n".join(out) + "\n"


def docling(doc: UNDoc, made: Rendered) -> str:
    """`## ` headings, `- (a)` list items, markers as plain digits (`¹` after a digit), notes at each page's foot."""

    def md(text: str) -> str:
        text = re.sub(r"(?<=\d)\^(\d+)", lambda m: m.group(1).translate(SUPERSCRIPT), _one_line(text))
        return _inline(text, "", "{}")

    out = ["United Nations", "", doc.symbol, "", f"## {doc.body}", "", f"Distr.: {doc.distribution}", "", doc.date, ""]
    out += [f"Original: {doc.original}", ""] if doc.original else []
    for line in [doc.session, *doc.agenda, *doc.preface]:
        out += [line, ""]
    out += [f"## {doc.number} {doc.title}" if doc.number else f"## {doc.title}", ""]
    pieces = _paragraphs(doc, made)
    page_of_piece = []
    for number, lines in enumerate(made.lines, start=1):
        previous = None
        for block, _ in lines:
            if block != previous:
                page_of_piece.append(number)
            previous = block
    for k, (block, text) in enumerate(pieces):
        para = doc.blocks[block]
        out += [f"- {md(text)}" if para.kind in ("sub", "subsub") else md(text), ""]
        last_on_page = k + 1 == len(pieces) or page_of_piece[k + 1] != page_of_piece[k]
        if last_on_page:
            for label in made.page_notes[page_of_piece[k] - 1]:
                out += [f"{label} {md(doc.notes[label])}", ""]
    return "\n".join(out)


def frontmatter(doc: UNDoc) -> str:
    """YAML front matter (symbol, title), then the body from the enacting formula, `[^n]` footnotes."""
    out = ["---", f"symbol: {doc.symbol}", f"title: {doc.title}", "---", ""]
    for para in doc.blocks:
        text = _inline(_one_line(para.text), "*", "[^{}]")
        out += [f"{para.label} {text}" if para.label else text, ""]
    out += [f"[^{label}]: {_inline(_one_line(text), '*', '')}" for label, text in doc.notes.items()]
    return "\n".join(out) + "\n"


# --- body-only plain texts ---------------------------------------------------------------------


def body_text(text: BodyText) -> str:
    """Plain text, hard-wrapped at 78 columns, `1.     Decides` with several spaces, no markup."""
    out = []
    for para in text.blocks:
        words = plain(para.text)
        if para.kind == "operative":
            words = f"{para.label}     {words}"
        elif para.label:
            words = f"{para.label} {words}"
        out += [*textwrap.wrap(words, 78, break_on_hyphens=False), ""]
    return "\n".join(out)


# --- writing -----------------------------------------------------------------------------------


def write(path: Path, text: str) -> None:
    """Write exactly the tool's text (its line ends and form feeds kept)."""
    path.write_bytes(text.encode("utf-8"))
    print(f"wrote {path.relative_to(HERE.parent.parent)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc in PDF_DOCUMENTS.items():
            made = write_pdf(doc, Path(tmp) / f"{name}.pdf")
            if name == "ga-resolution":
                assert made.pages in (2, 3) and made.split, (made.pages, made.split)
                assert any(ln.startswith("2 October 2099") for ln in made.note_lines["3"]), made.note_lines["3"]
            for form, text in extract(Path(tmp) / f"{name}.pdf").items():
                write(HERE / f"{name}.{form}.{'md' if form == 'pymupdf4llm' else 'txt'}", text)
            write(HERE / f"{name}.marker.md", marker(doc, made))
            write(HERE / f"{name}.docling.md", docling(doc, made))
            write(HERE / f"{name}.frontmatter.md", frontmatter(doc))
    for text in BODY_TEXTS:
        write(HERE / text.name, body_text(text))


if __name__ == "__main__":
    main()
