"""An incremental build writes exactly what a cold build writes, and only what changed.

A folder is built once, then edited (a word of one document), added to (a
document that others cite) and removed from (a cited document), each time
built again with its cache, as `make serve` and a second CI run do; after
each step the build folder must be byte-identical to a cold build of the
same sources. On invented documents always, on a corpus sample when
../shared/corpus is there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SOURCES, corpus_files, tree_digest

from builder.build import build, write_tree
from builder.cache import BuildCache

INSTRUMENTS = SOURCES / "instruments.yml"


def _resolution(number: int, cites: list[int], verb: str = "Decides") -> str:
    """An invented General Assembly resolution of session 99, citing others of that session."""
    recalls = "".join(
        f"Recalling its resolution 99/{n} of 1 March 2099, in which it addressed the same question,\n\n" for n in cites
    )
    return (
        f"United Nations A/RES/99/{number}\n\nGeneral Assembly\n\nDistr.: General\n1 May 2099\n\n"
        f"Ninety-ninth session\nAgenda item {number}\n\n"
        f"Resolution adopted by the General Assembly on 1 May 2099\n\n"
        f"99/{number}. Invented question number {number}\n\n"
        f"The General Assembly,\n\n{recalls}"
        f"Noting the report of the Secretary-General on the invented question,\n\n"
        f"1. {verb} to keep the invented question {number} under review;\n\n"
        f"2. Requests the Secretary-General to report on paragraph 1 of resolution 99/{cites[0] if cites else number} "
        f"at its one hundredth session.\n"
    )


def _check(sources: Path, work: Path, cache: BuildCache | None, step: str) -> dict:
    """Build `sources` warm (in `work/warm`) and cold; the two build folders must hold the same bytes."""
    warm = build(sources, work / "warm", keep_going=True, instruments=INSTRUMENTS, cache=cache)
    cold_dir = work / f"cold-{step}"
    cold = build(sources, cold_dir, keep_going=True, instruments=INSTRUMENTS, use_cache=False)
    assert [e.render() for e in warm.errors] == [e.render() for e in cold.errors]
    assert warm.pages == cold.pages, step
    assert tree_digest(work / "warm/docs") == tree_digest(cold_dir / "docs"), step
    assert (work / "warm/mkdocs.yml").read_bytes() == (cold_dir / "mkdocs.yml").read_bytes(), step
    shutil.rmtree(cold_dir)
    return {"written": warm.written, "hits": warm.cache_hits, "files": tree_digest(work / "warm/docs")}


def _steps(sources: Path, work: Path, cache: BuildCache | None, edit: Path, added: tuple[str, str], removed: Path):
    first = _check(sources, work, cache, "first")
    again = _check(sources, work, cache, "again")
    assert again["written"] == 0, "an unchanged build writes nothing (the watcher sees nothing)"
    text = edit.read_text(encoding="utf-8")
    edit.write_text(text.replace("Decides", "Resolves", 1), encoding="utf-8")
    edited = _check(sources, work, cache, "edit")
    changed = {p for p, sha in edited["files"].items() if first["files"].get(p) != sha}
    assert edited["written"] == len(changed), "only changed files are written"
    pages = [p for p in changed if not p.startswith(("search/", "assets/", "data/", "mandates/")) and p.endswith(".md")]
    assert len(pages) == 1, f"a word edited changes its own page only (and its data, the search files): {pages}"
    folder = pages[0].removesuffix(".md") + "/"
    others = [p for p in changed if p not in pages and not p.startswith(("search/", "data/", "mandates/", folder))]
    assert others == [], f"nothing else changes: {others}"
    assert edited["hits"] == again["hits"] - 1, "only the edited document is read again"
    (sources / added[0]).write_text(added[1], encoding="utf-8")
    _check(sources, work, cache, "add")
    removed.unlink()
    _check(sources, work, cache, "remove")


def test_invented_documents_edit_add_remove_match_a_cold_build(tmp_path):
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(1, 7):
        cites = [m for m in (n - 1, n + 5) if 1 <= m <= 7 and m != n]  # 99/7 is cited but not there yet
        (sources / f"A_RES_99_{n}.txt").write_text(_resolution(n, cites), encoding="utf-8")
    added = ("A_RES_99_7.txt", _resolution(7, [1]))
    _steps(sources, tmp_path, None, sources / "A_RES_99_3.txt", added, sources / "A_RES_99_2.txt")
    citing = build(sources, tmp_path / "warm", instruments=INSTRUMENTS).pages["A/RES/99/1.md"]
    assert 'href="../7/"' in citing and "Cited by" in citing, "the added document is linked and cites back"


def test_a_kept_cache_edit_add_remove_match_a_cold_build(tmp_path):
    """The cache `make serve` keeps in memory between rebuilds (source keys by size and time)."""
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(1, 6):
        (sources / f"A_RES_99_{n}.txt").write_text(_resolution(n, [m for m in (n - 1,) if m]), encoding="utf-8")
    cache = BuildCache(tmp_path / "warm/cache", long_lived=True)
    _steps(
        sources,
        tmp_path,
        cache,
        sources / "A_RES_99_4.txt",
        ("A_RES_99_9.txt", _resolution(9, [4])),
        sources / "A_RES_99_1.txt",
    )


def test_search_files_made_later_are_those_of_a_cold_build(tmp_path):
    sources = tmp_path / "src"
    shutil.copytree(SOURCES, sources)
    cache = BuildCache(None, long_lived=True)
    build(sources, tmp_path / "warm", cache=cache)
    edited = sources / "002_619dcdd89ffd3792.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Underlines", "Stresses"), encoding="utf-8")
    later = build(sources, tmp_path / "warm", cache=cache, search_later=True)
    assert later.search_job is not None
    cold = build(sources, tmp_path / "cold", use_cache=False)
    search = later.search_job.run()
    assert search == {rel: text for rel, text in cold.pages.items() if rel in search}
    write_tree(tmp_path / "warm/docs", {**later.pages, **later.data, **search}, cache.written)
    assert tree_digest(tmp_path / "warm/docs") == tree_digest(tmp_path / "cold/docs")


@pytest.mark.skipif(len(corpus_files()) < 100, reason="needs ../shared/corpus beside the project")
def test_corpus_sample_edit_add_remove_match_a_cold_build(tmp_path):
    sample = corpus_files(step=60)
    sources = tmp_path / "src"
    sources.mkdir()
    for path in sample[:-1]:
        shutil.copy(path, sources / path.name)
    edit = next(p for p in sorted(sources.glob("*.txt")) if "Decides" in p.read_text(encoding="utf-8"))
    removed = next(p for p in sorted(sources.glob("*.txt")) if p != edit)
    added = (sample[-1].name, sample[-1].read_text(encoding="utf-8"))
    _steps(sources, tmp_path, None, edit, added, removed)
