"""Bad or unusual input: a clear message with file and line, neighbours unharmed, nothing lost."""

from __future__ import annotations

import codecs

import pytest
from conftest import SOURCES

from builder.build import BuildResult, read_one
from builder.cli import main
from builder.sources import Source

DOC = (
    "United Nations A/C.3/99/L.{n}\n\nGeneral Assembly\n\nDistr.: Limited\n1 October 2099\n\n"
    "Ninety-ninth session\nThird Committee\nAgenda item 1\n\nRésolution draft: draft resolution\n\n"
    "Title of the draft\n\nThe General Assembly,\n\nRecalling its resolution 1/1,\n\n"
    "1. Decides to act;\n\n2. Requests the Secretary-General to report.\n"
)


def run(tmp_path, raw: bytes | str, name: str = "doc.txt", meta: str | None = None):
    """Read one document as the build does; return (document or None, errors, warnings)."""
    path = tmp_path / name
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    meta_path = None
    if meta is not None:
        meta_path = path.with_suffix(".yml")
        meta_path.write_text(meta, encoding="utf-8")
    result = BuildResult()
    read = read_one(Source(path, meta_path), result)
    errors = [e.render() for e in result.errors]
    warnings = [w.render() for w in result.warnings]
    return (read[0] if read else None), errors, warnings


def ids(doc):
    return [(p.anchor, p.content.text) for p in doc.paragraphs()]


REFERENCE = None


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    doc, errors, _ = run(tmp_path_factory.mktemp("ref"), DOC.format(n=1))
    assert not errors
    return ids(doc)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "doc.txt: error: the file is empty"),
        (b"  \n\t\n", "doc.txt: error: the file is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "doc.txt:1: error: this is not a text file"),
        (
            b"United Nations A/C.3/99/L.1\n\nGeneral Assembly\n\nDistr.: Limited\n",
            "doc.txt:6: error: no paragraphs found",
        ),
        (b"\xff\xfe" + b"\x00\xd8", "doc.txt: error: bad UTF-16 text"),
    ],
    ids=["empty", "blank", "binary", "masthead-only", "broken-utf16"],
)
def test_unreadable_input_gets_a_clear_error(tmp_path, raw, message):
    doc, errors, _ = run(tmp_path, raw)
    assert doc is None
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in errors[0]


@pytest.mark.parametrize(
    ("encode", "warning"),
    [
        (lambda t: t.encode("utf-8"), None),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), None),
        (lambda t: t.encode("utf-16"), None),
        (lambda t: t.encode("utf-16-le"), "UTF-16 (utf-16-le) without a byte-order mark"),
        (lambda t: t.encode("latin-1"), "not UTF-8; read it as Windows-1252/Latin-1"),
        (lambda t: t.replace("\n", "\r\n").encode("utf-8"), None),
        (lambda t: t.replace("\n", "\r").encode("utf-8"), None),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-no-bom", "latin1", "crlf", "cr"],
)
def test_encodings_and_line_ends_read_the_same(tmp_path, reference, encode, warning):
    doc, errors, warnings = run(tmp_path, encode(DOC.format(n=1)))
    assert not errors
    assert ids(doc) == reference
    assert doc.meta.symbol == "A/C.3/99/L.1" and doc.meta.date == "1 October 2099"
    assert doc.meta.sponsors == ["Résolution draft"]
    if warning:
        assert any(warning in w for w in warnings)
    else:
        assert not [w for w in warnings if "[encoding]" in w]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("1. Decides;\n\n1. Decides again;\n", ["doc.txt:5: warning [numbering]: paragraph number repeated 1 (expected 2, found 1)",
                                                "doc.txt:5: warning [duplicate-number]: paragraph id 'op1' appears again; this one is op1-2"]),
        ("1. Decides;\n\n2. Decides;\n\n5. Decides;\n", ["doc.txt:7: warning [numbering]: paragraph number jumps from 2 to 5 (expected 3, found 5)"]),
        ("1. Decides,<sup>3</sup> again;\n", ["doc.txt:3: warning [missing-note]: note marker 3 has no note"]),
        ("1. Decides;\n\n__________________\n\n4 A/1/1.\n", ["doc.txt:7: warning [unreferenced-note]: note 4 is never referenced"]),
        ("1. Decides:\n\n(a) On this:\n\n(i) And that:\n\na. And deeper;\n",
         ["doc.txt:9: warning [nesting]: a list nested deeper than (i) in op1-a-i; kept as unnumbered text"]),
    ],
    ids=["duplicate-number", "numbering-jump", "marker-without-note", "note-without-marker", "nested-deeper"],
)  # fmt: skip
def test_odd_structure_is_a_warning_with_its_place(tmp_path, body, expected):
    doc, errors, warnings = run(tmp_path, "The General Assembly,\n\n" + body)
    assert not errors and doc is not None
    for line in expected:
        assert line in [w.removeprefix(str(tmp_path) + "/") for w in warnings]


def test_marker_without_note_keeps_its_text(tmp_path):
    doc, _, _ = run(tmp_path, "The General Assembly,\n\n1. Decides<sup>7</sup> to act;\n")
    op1 = doc.paragraphs()[1]
    assert op1.content.text == "Decides to act;" and op1.content.refs[0].label == "7"
    assert op1.content.refs[0].note_id == ""


def test_unknown_metadata_key_is_a_warning(tmp_path):
    doc, errors, warnings = run(tmp_path, DOC.format(n=1), meta="symbl: A/1/1\n")
    assert doc is not None and not errors
    assert any("unknown metadata key 'symbl'" in w for w in warnings)


@pytest.mark.parametrize("symbol", ["../../etc", "A/ 1/2", "A/1/2?x=1", "A/1/2#op1", "A/./1", "/A/1"])
def test_symbol_unsafe_in_a_path_is_an_error(tmp_path, symbol):
    doc, errors, _ = run(tmp_path, DOC.format(n=1), meta=f"symbol: '{symbol}'\n")
    assert doc is None and "unsafe in a web address" in errors[0]


def test_a_ten_megabyte_document_builds_and_loses_nothing(tmp_path):
    sentence = (
        "Requests the Secretary-General to continue to report on the implementation of the "
        "present resolution, taking into account the views of Member States and the "
        "recommendations contained in the reports of the Advisory Committee, "
    )
    paragraph = "{n}. " + sentence * 60 + "and decides to remain seized of the matter;\n\n"
    parts = [DOC.format(n=1).split("1. Decides")[0]]
    size, n = len(parts[0]), 0
    while size < 10 * 1024 * 1024:
        n += 1
        parts.append(paragraph.format(n=n))
        size += len(parts[-1])
    doc, errors, _ = run(tmp_path, "".join(parts))
    assert not errors
    assert doc.paragraphs()[-1].anchor == f"op{n}"


def test_strict_mode_turns_warnings_into_failure(tmp_path, capsys):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "doc.txt").write_text("The General Assembly,\n\n1. Decides;\n\n3. Decides;\n", encoding="utf-8")
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out")]) == 0
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out"), "--strict"]) == 1
    assert "jumps from 1 to 3" in capsys.readouterr().err


def test_all_problems_of_all_documents_are_reported_at_once(tmp_path, capsys):
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(b"")
    (folder / "c.txt").write_text((SOURCES / "002_619dcdd89ffd3792.txt").read_text(encoding="utf-8"))
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "a.txt: error" in err and "b.txt: error" in err
    assert not (tmp_path / "out/docs").exists(), "without --keep-going nothing is published"


def test_a_file_name_spelling_another_symbol_is_a_warning(tmp_path):
    """The masthead reads A/C.3/99/L.2 in a file named for A/C.3/99/L.1: one of them is wrong, and
    the build says so with the file and the masthead's line (the page keeps the masthead's symbol)."""
    doc, errors, warnings = run(tmp_path, DOC.format(n=2), name="A_C.3_99_L.1.txt")
    assert not errors and doc.meta.symbol == "A/C.3/99/L.2"
    assert [w.removeprefix(str(tmp_path) + "/") for w in warnings if "symbol-mismatch" in w] == [
        "A_C.3_99_L.1.txt:1: warning [symbol-mismatch]: the file name spells A/C.3/99/L.1 but the document's "
        "symbol reads A/C.3/99/L.2: its page is published under the latter; check which is right"
    ]
    same, _, warnings = run(tmp_path, DOC.format(n=1), name="A_C.3_99_L.1.txt")
    assert same.meta.symbol == "A/C.3/99/L.1" and not [w for w in warnings if "symbol-mismatch" in w]
