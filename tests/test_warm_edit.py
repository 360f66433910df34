"""An edit under `make serve` (a long-lived cache) redoes what it changed, and only that.

The mandates step, the corpus pages and the open data keep what they made from build to
build (`BuildCache.kept`). On invented resolutions shaped like the real ones (a series: each
recalls the one before and repeats its request), an edit that must change a stage's output
does, an edit elsewhere is served from what was kept, and every build equals a cold build of
the same sources.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SOURCES, tree_digest

import builder.build as build_module
from builder.build import build
from builder.cache import BuildCache
from builder.data import files as data_module

INSTRUMENTS = SOURCES / "instruments.yml"


def _resolution(number: int, recalls: list[int], verb: str = "Requests", day: int = 1, word: str = "review") -> str:
    """An invented General Assembly resolution of session 99; it recalls `recalls` and asks the
    Secretary-General for the same report they ask for (a mandate that repeats theirs)."""
    recalled = "".join(f"Recalling its resolution 99/{n} of 1 March 2099,\n\n" for n in recalls)
    return (
        f"United Nations A/RES/99/{number}\n\nGeneral Assembly\n\nDistr.: General\n{day} May 2099\n\n"
        f"Ninety-ninth session\nAgenda item {number}\n\n"
        f"Resolution adopted by the General Assembly on {day} May 2099\n\n"
        f"99/{number}. Invented question number {number}\n\n"
        f"The General Assembly,\n\n{recalled}"
        f"Noting the report of the Secretary-General on the invented question,\n\n"
        f"1. Decides to keep the invented question under {word};\n\n"
        f"2. {verb} the Secretary-General to submit a report on the implementation of the present "
        f"resolution to the General Assembly at its one hundredth session.\n"
    )


def _write(sources: Path, number: int, recalls: list[int], **kw) -> Path:
    path = sources / f"A_RES_99_{number}.txt"
    path.write_text(_resolution(number, recalls, **kw), encoding="utf-8")
    return path


WARM = [False]  # whether the warm build is running (what the tests count is counted there only)


def _warm_equals_cold(sources: Path, work: Path, cache: BuildCache, step: str):
    WARM[0] = True
    try:
        warm = build(sources, work / "warm", keep_going=True, instruments=INSTRUMENTS, cache=cache)
    finally:
        WARM[0] = False
    cold_dir = work / f"cold-{step}"
    cold = build(sources, cold_dir, keep_going=True, instruments=INSTRUMENTS, use_cache=False)
    assert warm.pages == cold.pages, step
    assert warm.data == cold.data, step
    assert tree_digest(work / "warm/docs") == tree_digest(cold_dir / "docs"), step
    assert (work / "warm/mkdocs.yml").read_bytes() == (cold_dir / "mkdocs.yml").read_bytes(), step
    shutil.rmtree(cold_dir)
    return warm


def _corpus(tmp_path: Path) -> tuple[Path, BuildCache]:
    sources = tmp_path / "src"
    sources.mkdir()
    _write(sources, 1, [])
    _write(sources, 2, [1])  # its series: 99/1, whose request it repeats
    for n in (3, 4, 5):
        _write(sources, n, [])
    return sources, BuildCache(tmp_path / "warm/cache", long_lived=True)


def test_a_verb_edit_redoes_the_mandates_of_its_document_and_of_those_recalling_it(tmp_path):
    sources, cache = _corpus(tmp_path)
    first = _warm_equals_cold(sources, tmp_path, cache, "first")
    kept = cache.kept["mandates"]
    before = dict(kept.documents)
    assert [r["symbol"] for m in first.mandates["A/RES/99/2.md"] for r in m.repeats] == ["A/RES/99/1"]
    index = first.pages["mandates/index.md"]

    _write(sources, 1, [], verb="Welcomes")  # asks nobody to act: no mandate, nothing to repeat
    edited = _warm_equals_cold(sources, tmp_path, cache, "verb")
    after = kept.documents
    assert after["A/RES/99/1.md"] is not before["A/RES/99/1.md"], "the edited document's mandates are made again"
    assert after["A/RES/99/1.md"].panel != before["A/RES/99/1.md"].panel
    assert after["A/RES/99/2.md"] is not before["A/RES/99/2.md"], "a document recalling it: its repeats are checked"
    assert [r["symbol"] for m in edited.mandates["A/RES/99/2.md"] for r in m.repeats] == []
    for page in ("A/RES/99/3.md", "A/RES/99/4.md", "A/RES/99/5.md"):
        assert after[page] is before[page], f"{page} is served from what was kept"
    assert edited.pages["mandates/index.md"] != index
    assert edited.mandates["A/RES/99/1.md"] == [] and after["A/RES/99/1.md"].panel == ""

    index_files = kept.index
    _write(sources, 4, [], word="consideration")  # no mandate changes: the index is kept whole
    _warm_equals_cold(sources, tmp_path, cache, "word")
    assert kept.documents["A/RES/99/4.md"] is not before["A/RES/99/4.md"]
    assert kept.index is not index_files and kept.index[1] == index_files[1]


def test_corpus_pages_are_made_again_only_when_a_title_date_or_mention_changes(tmp_path, monkeypatch):
    sources, cache = _corpus(tmp_path)
    made = []
    real = build_module._make_corpus_pages
    monkeypatch.setattr(build_module, "_make_corpus_pages", lambda *a: made.append(WARM[0]) or real(*a))
    first = _warm_equals_cold(sources, tmp_path, cache, "first")
    made.clear()

    _write(sources, 3, [], word="consideration")
    _warm_equals_cold(sources, tmp_path, cache, "word")
    assert True not in made, "a word of a paragraph: the home, browse and glossary pages are served from the cache"

    _write(sources, 3, [], word="consideration", day=9)
    dated = _warm_equals_cold(sources, tmp_path, cache, "date")
    assert True in made, "a date changed: the corpus pages are made again"
    assert dated.pages["index.md"] != first.pages["index.md"] or any(
        dated.pages[p] != first.pages[p] for p in first.pages if p.startswith("browse/")
    )

    (sources / "A_RES_99_5.txt").unlink()
    removed = _warm_equals_cold(sources, tmp_path, cache, "remove")
    assert "A/RES/99/5.md" not in removed.pages
    _write(sources, 6, [5])
    _warm_equals_cold(sources, tmp_path, cache, "add")


def test_open_data_remade_for_the_edited_document_only(tmp_path, monkeypatch):
    sources, cache = _corpus(tmp_path)
    remade = []
    real = data_module._make
    monkeypatch.setattr(data_module, "_make", lambda doc, *a: (WARM[0] and remade.append(doc.path)) or real(doc, *a))
    first = _warm_equals_cold(sources, tmp_path, cache, "first")
    kept = cache.kept["open data"]
    keys = dict(kept.keys)
    remade.clear()

    _write(sources, 4, [], word="consideration")
    edited = _warm_equals_cold(sources, tmp_path, cache, "word")
    assert remade == ["A/RES/99/4.md"]
    assert edited.data["A/RES/99/4/document.json"] != first.data["A/RES/99/4/document.json"]
    assert edited.data["A/RES/99/4/source.txt"] != first.data["A/RES/99/4/source.txt"], "source copy"
    assert kept.keys["A/RES/99/3.md"] is keys["A/RES/99/3.md"], "an unrelated document's key is not worked out again"
    assert kept.keys["A/RES/99/4.md"] is not keys["A/RES/99/4.md"]

    remade.clear()
    _write(sources, 1, [], verb="Welcomes")  # 99/2's mandates no longer repeat 99/1's: its document.json says so
    _warm_equals_cold(sources, tmp_path, cache, "verb")
    assert sorted(remade) == ["A/RES/99/1.md", "A/RES/99/2.md"]


def test_a_long_lived_cache_folder_keeps_only_what_the_last_build_used(tmp_path):
    """The stores list their folder once, then prune what each build stopped using."""
    sources, cache = _corpus(tmp_path)
    _warm_equals_cold(sources, tmp_path, cache, "first")
    read = tmp_path / "warm/cache/read"
    before = {p.name for p in read.glob("*/*")}
    assert len(before) == 5
    _write(sources, 2, [1], word="consideration")
    _warm_equals_cold(sources, tmp_path, cache, "word")
    after = {p.name for p in read.glob("*/*")}
    assert len(after) == 5 and len(after - before) == 1, "the edited document's old entry is gone, its new one kept"
    (sources / "A_RES_99_5.txt").unlink()
    _warm_equals_cold(sources, tmp_path, cache, "remove")
    assert len(list(read.glob("*/*"))) == 4


def _mandate(page: str, symbol: str, pid: str, text: str, addressee: str, due: int | None):
    from builder.mandates.recognize import Mandate

    return Mandate(
        symbol, page, pid, f"operative paragraph {pid[2:]}", "requests", addressee, "United Nations", "report",
        due, "", [], text, text.split(" to ", 1)[-1],
    )  # fmt: skip


def test_the_index_clauses_spliced_in_are_those_merged_afresh():
    """`pages.Clauses` takes a changed document's clauses out and puts its new ones in, clauses
    shared between documents (a draft and its resolution) made again from every holder."""
    from builder.mandates.pages import Clauses, _merged, pieces

    def doc(n: int, texts: list[str], due: int | None = 80) -> list:
        page, symbol = f"A/RES/99/{n}.md", f"A/RES/99/{n}"
        return [
            _mandate(page, symbol, f"op{k + 1}", t, who, due) for k, t in enumerate(texts) for who in ("SG", "UNEP")
        ]

    shared = ["Requests the Secretary-General to report", "Requests the Secretary-General to consult"]
    docs = [doc(1, shared), doc(2, [*shared, "Invites UNEP to help"]), doc(3, ["Requests UNEP to act"], None)]
    parts = [pieces(ms) for ms in docs]
    clauses = Clauses()
    assert clauses(parts) == _merged(parts)
    for change in (
        doc(2, ["Requests the Secretary-General to report"]),  # a shared clause gone from one holder
        doc(2, [*shared, "Urges UNEP to help"], 81),  # back, due later: the order changes
        doc(2, []),
    ):
        parts = [parts[0], pieces(change), parts[2]]
        spliced = clauses(parts)
        assert [(k, r, f) for k, r, f in spliced] == _merged(parts)
    parts = [pieces(doc(1, ["Decides to act"])), pieces(doc(2, shared)), parts[2]]  # two changed at once
    assert clauses(parts) == _merged(parts)
