"""The open data of an incremental build: an edit remakes exactly the data files that show it.

Invented resolutions 99/1 … 99/4, each citing the one before (a paragraph of it). Built once
with a kept cache, then edited; each time the document files made (`builder.data.files._make`)
are counted, and the data must be the bytes a cold build makes.
"""

from __future__ import annotations

import pytest
from test_incremental import INSTRUMENTS, _resolution

from builder.build import build
from builder.cache import BuildCache
from builder.data import files


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(1, 5):
        (sources / f"A_RES_99_{n}.txt").write_text(_resolution(n, [m for m in (n - 1,) if m]), encoding="utf-8")
    made: list[str] = []
    real = files._make

    def counting(doc, *args):
        made.append(doc.path)
        return real(doc, *args)

    monkeypatch.setattr(files, "_make", counting)
    cache = BuildCache(tmp_path / "warm/cache")

    def again() -> list[str]:
        """Build warm; the documents whose files were made, after checking them against a cold build."""
        made.clear()
        warm = build(sources, tmp_path / "warm", keep_going=True, instruments=INSTRUMENTS, cache=cache)
        remade = sorted(made)
        cold = build(sources, tmp_path / "cold", keep_going=True, instruments=INSTRUMENTS, use_cache=False)
        assert warm.data == cold.data
        return remade

    return sources, again


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_build_makes_no_data_file(corpus):
    _, again = corpus
    assert len(again()) == 4
    assert again() == []


def test_a_word_edited_remakes_that_documents_files_only(corpus):
    sources, again = corpus
    again()
    _edit(sources / "A_RES_99_3.txt", "Decides", "Resolves")
    assert again() == ["A/RES/99/3.md"]


def test_a_date_edited_remakes_the_akn_of_the_documents_citing_it(corpus):
    """99/2's akn.xml names 99/1 by its FRBR URI, which holds 99/1's date: 99/2 is remade, 99/3 is not."""
    sources, again = corpus
    again()
    _edit(sources / "A_RES_99_1.txt", "1 May 2099", "2 May 2099")
    assert again() == ["A/RES/99/1.md", "A/RES/99/2.md"]


def test_a_citation_added_remakes_the_cited_documents_json(corpus):
    """99/4 now cites 99/1 too: 99/1's document.json lists it under cited_by."""
    sources, again = corpus
    again()
    _edit(sources / "A_RES_99_4.txt", "Noting the report", "Recalling also its resolution 99/1,\n\nNoting the report")
    assert again() == ["A/RES/99/1.md", "A/RES/99/4.md"]


def test_documents_zip_is_the_archive_zipfile_writes(tmp_path):
    import io
    import zipfile

    from builder.data import zipped

    contents = {"A/RES/1/document.json": b'{"a":1}' * 50, "b/\u00e9/document.json": "\u00e9".encode() * 999, "c": b""}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(contents):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, contents[name], compresslevel=6)
    assert zipped.archive([zipped.entry(n, c) for n, c in contents.items()]) == buffer.getvalue()
    assert zipped.archive([]) == zipfile_empty()


def zipfile_empty() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    return buffer.getvalue()
