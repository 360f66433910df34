"""The benchmark runs at a tiny size, so it cannot rot (it measures; it asserts no timings)."""

from __future__ import annotations

from benchmarks.bench import main


def test_benchmark_smoke_run_writes_its_table(tmp_path):
    out = tmp_path / "results.md"
    assert main(["--sizes", "3,6", "--runs", "1", "--out", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    assert "| documents | ours (s) | baseline (s) | ours/baseline |" in table
    rows = [line for line in table.splitlines() if line.startswith(("| 3 |", "| 6 |"))]
    assert len(rows) == 2 and all(len(r.split("|")) == 15 for r in rows)
    # the search columns are measured in the browser, not left empty
    assert all(r.split("|")[10].strip() not in ("", "—") and r.split("|")[12].strip() != "—" for r in rows)
    assert "Growth: t(6)/t(3) = " in table and "for 4× the documents" in table
