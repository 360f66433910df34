"""The benchmark runs at a tiny size, so it cannot rot (it measures; it asserts no timings)."""

from __future__ import annotations

from pathlib import Path

from pdfmaker import Para, UNDoc, write_pdf

from benchmarks.bench import HEADER, main

TEXT = """United Nations A/RES/99/{n}
General Assembly
Distr.: General
1 October 2099
Ninety-ninth session
Agenda item 12

Resolution adopted by the General Assembly on 3 December 2099

99/{n}. Cooperation on ocean data

The General Assembly,

Recalling its resolution 98/1,1

1. Decides to share ocean data openly.

_______________
1 See A/98/100.
"""


def _twins(folder: Path) -> tuple[Path, Path]:
    """Two documents as official-looking PDFs and as text (same names), and one text without its PDF."""
    pdfs, texts = folder / "pdfs", folder / "texts"
    pdfs.mkdir()
    texts.mkdir()
    for n in (1, 2):
        doc = UNDoc(
            symbol=f"A/RES/99/{n}",
            title="Cooperation on ocean data",
            number=f"99/{n}.",
            preface=["Resolution adopted by the General Assembly on 3 December 2099"],
            blocks=[
                Para("The General Assembly,", "formula"),
                Para("*Recalling* its resolution 98/1,^1", "preamble"),
                Para("*Decides* to share ocean data openly.", "operative", "1."),
            ],
            notes={"1": "See A/98/100."},
        )
        write_pdf(doc, pdfs / f"A_RES_99_{n}.pdf")
        (texts / f"A_RES_99_{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    (texts / "A_RES_99_3.txt").write_text(TEXT.format(n=3), encoding="utf-8")  # no PDF: not timed
    return pdfs, texts


def _reading_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith(("| PDF |", "| text |"))]
    return [[cell.strip() for cell in row.split("|")[1:-1]] for row in rows]


def test_benchmark_smoke_run_writes_its_table(tmp_path):
    out = tmp_path / "results.md"
    pdfs, texts = _twins(tmp_path)
    args = ["--sizes", "3,6", "--runs", "1", "--edits", "1", "--pdfs", str(pdfs), "--texts", str(texts)]
    assert main([*args, "--out", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    assert "| documents | ours (s) | builder + engine (s) | baseline (s) | ours/baseline |" in table
    rows = [line for line in table.splitlines() if line.startswith(("| 3 |", "| 6 |"))]
    assert len(rows) == 2 and all(len(r.split("|")) == 17 for r in rows)
    # ours is the builder's and the engine's time, each shown
    for row in rows:
        builder, engine = (float(s) for s in row.split("|")[3].split(" + "))
        assert builder > 0 and engine > 0
    # the larger size also has the CI second run and the edit-to-reload time, measured under `make serve`
    assert all(float(cell) > 0 for cell in rows[1].split("|")[14:16])
    # the search columns are measured in the browser, not left empty
    assert all(r.split("|")[11].strip() not in ("", "—") and r.split("|")[13].strip() != "—" for r in rows)
    assert "Growth: t(6)/t(3) = " in table and "for 4× the documents" in table
    # reading alone, PDF vs text: the same two documents in each form, read without an error
    assert table.index("| documents | ours (s)") < table.index("## Reading: PDF vs text, 2 documents")
    reading = _reading_rows(table)
    assert [r[0] for r in reading] == ["PDF", "text"]
    assert all(r[1] == "2" and r[6] == "0" and float(r[2]) > 0 and float(r[4]) > 0 for r in reading)
    assert "| form | documents | seconds (median of 1) | seconds per document | peak memory (MB) |" in table


def test_reading_only_keeps_the_other_table_and_skips_without_pdfs(tmp_path):
    out = tmp_path / "results.md"
    earlier = "Median of 3 runs on 2 cores; ours = ...\n\n| documents | ours (s) |\n|---:|---:|\n| 100 | 7.3 |\n"
    out.write_text(HEADER + earlier, encoding="utf-8")
    pdfs, texts = _twins(tmp_path)
    assert main(["--reading-only", "--runs", "1", "--pdfs", str(pdfs), "--texts", str(texts), "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert written.startswith(HEADER + earlier) and written.count("# Benchmark results") == 1
    assert "--reading-only" in written and len(_reading_rows(written)) == 2
    # no PDF folder: nothing is measured, and both earlier tables stay as they were
    assert main(["--reading-only", "--pdfs", str(tmp_path / "absent"), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == written
