"""`python -m builder check` as a maintainer runs it, and `benchmarks.forms` on two tiny folders."""

from __future__ import annotations

import json
import re

import pytest

from benchmarks import forms
from builder.cli import main

MASTHEAD = """United Nations
A/RES/99/{n}

General Assembly
Distr.: General
1 February 2030

Ninety-ninth session
Agenda item 12

Resolution adopted by the General Assembly on 1 February 2030

99/{n}. {title}

The General Assembly,

"""

# Paragraph 3 is missing, marker ¹ has no note, note ² is never referenced.
FLAWED = (
    MASTHEAD.format(n=1, title="Checking sources without building them")
    + """Recalling its resolution 98/7 of 3 March 2029,¹

Noting that maintainers read reports,

1. Decides that numbering matters;

2. Requests the check to report gaps;

4. Decides to remain seized of the matter.

__________________
² A note that no paragraph refers to.
"""
)

CLEAN = (
    MASTHEAD.format(n=2, title="A document without problems")
    + """Recalling its resolution 98/8,

1. Welcomes clean sources;

(a) With lettered sub-paragraphs;

(b) In order;

2. Decides to continue.
"""
)

# A cover page and nothing else: the build cannot make a page of it.
EMPTY = MASTHEAD.format(n=3, title="Only a masthead").rsplit("The General Assembly", 1)[0]


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "A_RES_99_1.txt").write_text(FLAWED, encoding="utf-8")
    (folder / "A_RES_99_2.txt").write_text(CLEAN, encoding="utf-8")
    return folder


def _line_of(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if name in line)


def test_check_names_each_problem_with_its_line(sources, capsys):
    assert main(["check", "--sources", str(sources)]) == 0
    out = capsys.readouterr().out
    flawed = _line_of(out, "A_RES_99_1.txt")
    assert "A/RES/99/1" in flawed
    assert "formula 1, preamble 2, operative 3, notes 1" in flawed
    # The gap: after 2 comes 4, at the line of paragraph "4." (line 25 of the file).
    assert re.search(r"numbering 1 \(line 25: \[numbering\] [^)]*(2 to 4|expected 3, found 4)", flawed), flawed
    assert "unreferenced notes 1 (line 28: note 2 is never referenced)" in flawed
    assert "markers without a note 1 (line 17: note marker 1 has no note)" in flawed
    assert "A_RES_99_2" not in out  # nothing to report: not listed without --all


def test_check_summary_is_the_last_three_lines(sources, capsys):
    main(["check", "--sources", str(sources)])
    last = capsys.readouterr().out.splitlines()[-3:]
    assert last[0].startswith("check: documents read 2, errors 0, documents with findings 1")
    assert last[1] == "check: 12 paragraphs (formula 2, preamble 3, operative 5, sub 2)"
    assert last[2] == "check: numbering gaps 1, unreferenced notes 1, markers without a note 1"


def test_check_all_lists_clean_documents_too(sources, capsys):
    main(["check", "--sources", str(sources), "--all"])
    clean = _line_of(capsys.readouterr().out, "A_RES_99_2.txt")
    assert clean.endswith("A/RES/99/2: formula 1, preamble 1, operative 2, sub 2, notes 0")


def test_check_reports_errors_and_strict_fails(sources, capsys, tmp_path):
    (sources / "A_RES_99_3.txt").write_text(EMPTY, encoding="utf-8")
    report = tmp_path / "check.json"
    assert main(["check", "--sources", str(sources), "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "ERROR" in _line_of(out, "A_RES_99_3.txt") and "no paragraphs found" in out
    assert "errors 1" in out.splitlines()[-3]
    assert main(["check", "--sources", str(sources), "--strict"]) == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["numbering"] == 1 and data["summary"]["errors"] == 1
    first = data["documents"][0]
    assert first["address"] == "A/RES/99/1" and first["paragraphs"]["operative"] == 3


def test_check_strict_passes_clean_sources(sources, capsys):
    (sources / "A_RES_99_1.txt").unlink()
    assert main(["check", "--sources", str(sources), "--strict"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("check: numbering gaps 0, unreferenced notes 0")


def test_check_reports_two_documents_at_one_address(sources, capsys):
    (sources / "copy-of-99-1.txt").write_text(FLAWED, encoding="utf-8")
    main(["check", "--sources", str(sources)])
    copy = _line_of(capsys.readouterr().out, "copy-of-99-1.txt")
    assert "ERROR A/RES/99/1 is already the address of" in copy and "A_RES_99_1.txt" in copy


def test_check_of_a_missing_folder_is_an_error(tmp_path, capsys):
    assert main(["check", "--sources", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_forms_classifies_identical_missing_paragraph_and_other_words(tmp_path, capsys):
    reference, form = tmp_path / "reference", tmp_path / "form"
    reference.mkdir()
    form.mkdir()
    (reference / "A_RES_99_2.txt").write_text(CLEAN, encoding="utf-8")
    (form / "A_RES_99_2.txt").write_text(CLEAN, encoding="utf-8")
    (reference / "A_80_L.9.txt").write_text(CLEAN.replace("99/2", "99/9"), encoding="utf-8")
    (form / "A_80_L.9.txt").write_text(
        CLEAN.replace("99/2", "99/9").replace("2. Decides to continue.\n", ""), encoding="utf-8"
    )
    (reference / "A_80_L.8.txt").write_text(CLEAN.replace("99/2", "99/8"), encoding="utf-8")
    (form / "A_80_L.8.txt").write_text(CLEAN.replace("99/2", "99/8").replace("clean", "tidy"), encoding="utf-8")
    (reference / "A_RES_99_6.txt").write_text(CLEAN.replace("99/2", "99/6"), encoding="utf-8")  # no twin: skipped
    out_json = tmp_path / "forms.json"
    assert forms.main(["--reference", str(reference), str(form), "--show", "2", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "== form: 3 compared: identical 1 (33%), same ids words differ 1, ids differ 1, errors 0" in out
    assert "resolution (A/RES): 1 compared: identical 1" in out
    assert "ids differ: fewer opN  e.g. A_80_L.9" in out
    assert "missing 1 [op2]" in out
    assert "[-clean-][+tidy+]" in out
    by_name = {c["name"]: c for c in json.loads(out_json.read_text(encoding="utf-8"))["form"]}
    assert by_name["A_RES_99_2"]["category"] == forms.IDENTICAL
    assert by_name["A_80_L.9"]["category"] == forms.IDS_DIFFER
    assert by_name["A_80_L.9"]["detail"]["missing"] == ["op2"]
    assert by_name["A_80_L.8"]["category"] == forms.WORDS_DIFFER
    assert by_name["A_80_L.8"]["cls"] == "words replaced"


def _reading(paragraphs: dict[str, str]) -> forms.Reading:
    kinds = {"": "formula", "pp": "preamble", "op": "operative", "te": "text"}
    ids = list(paragraphs)
    return forms.Reading(
        "A/RES/99/2", ids, [kinds[i[:2]] for i in ids], [paragraphs[i].split() for i in ids], notes=["1"]
    )


def test_forms_names_merged_and_split_paragraphs():
    """A paragraph read into its neighbour is "merged"; a piece of one read on its own is "split off"."""
    ref = _reading({"": "the assembly", "pp1": "recalling a", "pp2": "noting b", "op1": "decides c d"})
    merged = _reading({"": "the assembly", "pp1": "recalling a noting b", "op1": "decides c d"})
    split = _reading({"": "the assembly", "pp1": "recalling a", "pp2": "noting b", "op1": "decides c", "text1": "d"})
    assert forms.compare("A_RES_99_2", ref, merged).cls == "fewer ppN (merged)"
    assert forms.compare("A_RES_99_2", ref, split).cls == "more textN (split off)"
    assert forms.compare("A_RES_99_2", ref, ref).category == forms.IDENTICAL
