"""Extract the text of official PDFs with each common tool, into a scratch folder.

The builder must read the same document the same way whichever tool turned
its PDF into text. This writes, for every PDF of a folder, one text file per
form (`pdftotext`, `pdftotext-layout`, `pypdf`, `pypdfium2`, `pdfminer`, and
`pymupdf4llm`'s Markdown) under `OUT/<form>/<name>.txt` (`.md`); `benchmarks.forms`
then compares their builds.
The output is scratch data: keep it outside the repository.

    python -m benchmarks.extract_forms ../shared/corpus-pdf /tmp/forms
    python -m benchmarks.extract_forms ../shared/corpus-pdf /tmp/forms --forms pypdf,pdfminer --limit 20

The Python extractors are test-only dependencies (`pip install -e '.[forms]'`);
`pdftotext` is Debian's poppler-utils.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _pdftotext(path: Path, *flags: str) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *flags, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _pypdfium2(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
    finally:
        pdf.close()


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(path)


def _pymupdf4llm(path: Path) -> str:
    import pymupdf4llm

    return pymupdf4llm.to_markdown(str(path), show_progress=False)


FORMS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext,
    "pdftotext-layout": lambda path: _pdftotext(path, "-layout"),
    "pypdf": _pypdf,
    "pypdfium2": _pypdfium2,
    "pdfminer": _pdfminer,
    "pymupdf4llm": _pymupdf4llm,  # Markdown, as a PDF-to-Markdown converter writes it
}
SUFFIX = {"pymupdf4llm": ".md"}  # the others write plain text


def _extract(job: tuple[str, Path, Path]) -> tuple[str, str, float, str]:
    form, pdf, target = job
    start = time.perf_counter()
    try:
        text = FORMS[form](pdf)
    except Exception as exc:  # a tool's failure is a result to report, not a crash
        return form, pdf.name, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    target.write_text(text, encoding="utf-8")
    return form, pdf.name, time.perf_counter() - start, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    pdfs = sorted(args.pdfs.glob("*.pdf"))[: args.limit or None]
    jobs = []
    for form in args.forms.split(","):
        folder = args.out / form
        folder.mkdir(parents=True, exist_ok=True)
        targets = [(pdf, folder / (pdf.stem + SUFFIX.get(form, ".txt"))) for pdf in pdfs]
        jobs += [(form, pdf, target) for pdf, target in targets if not target.exists()]
    seconds: dict[str, float] = {}
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        for form, name, took, error in pool.map(_extract, jobs, chunksize=4):
            seconds[form] = seconds.get(form, 0.0) + took
            if error:
                print(f"{form}: {name}: {error}", file=sys.stderr)
    for form, total in seconds.items():
        print(f"{form}: {total:.1f} s of extraction (CPU) for {sum(1 for j in jobs if j[0] == form)} PDFs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
