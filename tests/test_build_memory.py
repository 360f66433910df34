"""The build's memory: files written as they are made, and let go (`builder.build.Output`).

The command-line build keeps no page or data file in memory once written
(`keep_files=False`): its folder must hold the bytes a build that keeps them
writes, files it no longer makes must go, a dangling link must still fail it
naming the page's line, and a cache of one build keeps its entries on disk only.
"""

from __future__ import annotations

import gc
import shutil

from conftest import SOURCES, tree_digest

from builder import workers
from builder.build import Files, Output, build
from builder.cache import BuildCache
from builder.render import page

INSTRUMENTS = SOURCES / "instruments.yml"


def _sources(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SOURCES, folder)
    return folder


def test_a_streamed_build_writes_what_a_kept_build_writes(tmp_path):
    sources = _sources(tmp_path)
    kept = build(sources, tmp_path / "kept", instruments=INSTRUMENTS, use_cache=False)
    streamed = build(sources, tmp_path / "streamed", instruments=INSTRUMENTS, use_cache=False, keep_files=False)
    assert not kept.errors and not streamed.errors
    assert tree_digest(tmp_path / "streamed/docs") == tree_digest(tmp_path / "kept/docs")
    assert isinstance(streamed.pages, Files) and isinstance(streamed.data, Files)
    assert streamed.pages.keys() == kept.pages.keys() and streamed.data.keys() == kept.data.keys()
    assert all(streamed.pages[p] == text for p, text in kept.pages.items())  # read back from the folder
    assert all(streamed.data[p] == content for p, content in kept.data.items())
    assert streamed.written == kept.written == len(kept.pages) + len(kept.data)
    assert streamed.links_checked == kept.links_checked > 0


def test_a_file_no_longer_made_is_removed_after_a_streamed_build(tmp_path):
    sources = _sources(tmp_path)
    out = tmp_path / "out"
    first = build(sources, out, instruments=INSTRUMENTS, use_cache=False, keep_files=False)
    removed = first.documents[-1]
    gone = [p for p in [*first.pages, *first.data] if p.startswith(removed.path.removesuffix(".md"))]
    assert gone and all((out / "docs" / p).exists() for p in gone)
    (out / "docs/stray/deep").mkdir(parents=True)
    (out / "docs/stray/deep/old.md").write_text("a page of an earlier build", encoding="utf-8")
    removed.meta.source.unlink()
    again = build(sources, out, instruments=INSTRUMENTS, use_cache=False, keep_files=False)
    assert not again.errors
    assert not any((out / "docs" / p).exists() for p in gone)
    assert not (out / "docs/stray").exists(), "a file and folder no build made are removed"
    assert not build(sources, tmp_path / "cold", instruments=INSTRUMENTS, use_cache=False).errors
    assert tree_digest(out / "docs") == tree_digest(tmp_path / "cold/docs")


def _no_id(label: str, note_id: str, ref_id: str) -> str:
    return f'<sup><a class="footnote-ref" href="#{note_id}">{label}</a></sup>'


def test_a_dangling_link_fails_a_streamed_build_naming_its_line(tmp_path, monkeypatch):
    sources = _sources(tmp_path)
    monkeypatch.setattr(page, "note_ref_html", _no_id)  # a heading's note marker without its id
    kept = build(sources, tmp_path / "kept", instruments=INSTRUMENTS, use_cache=False)
    streamed = build(sources, tmp_path / "streamed", instruments=INSTRUMENTS, use_cache=False, keep_files=False)
    messages = [e.render().replace(str(tmp_path / "streamed"), "OUT") for e in streamed.errors]
    assert messages and all("dangling link" in m for m in messages)
    assert messages == [e.render().replace(str(tmp_path / "kept"), "OUT") for e in kept.errors]


def test_a_cache_of_one_build_keeps_its_entries_on_disk_only(tmp_path):
    sources = _sources(tmp_path)
    out = tmp_path / "out"
    cache = BuildCache(out / "cache")
    first = build(sources, out, instruments=INSTRUMENTS, cache=cache)
    assert all(not getattr(cache, name).memory for name in ("read", "link", "page", "search", "corpus", "data"))
    assert any((out / "cache/page").glob("*/*")), "the pages are cached on disk"
    again = build(sources, out, instruments=INSTRUMENTS, cache=BuildCache(out / "cache"))
    assert again.cache_hits == len(first.documents) and again.written == 0
    assert again.pages.keys() == first.pages.keys()
    kept = BuildCache(None, long_lived=True)
    build(sources, tmp_path / "served", instruments=INSTRUMENTS, cache=kept)
    assert len(kept.page.memory) == len(first.documents), "a long-lived cache keeps its entries in memory"


def test_a_long_lived_cache_rewrites_only_the_changed_files(tmp_path):
    sources = _sources(tmp_path)
    out = tmp_path / "out"
    cache = BuildCache(None, long_lived=True)
    first = build(sources, out, instruments=INSTRUMENTS, cache=cache)
    assert build(sources, out, instruments=INSTRUMENTS, cache=cache).written == 0
    edited = next(p for p in sorted(sources.glob("*.txt")) if "Underlines" in p.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("Underlines", "Stresses"), encoding="utf-8")
    before = {p: (out / "docs" / p).stat().st_mtime_ns for p in [*first.pages, *first.data]}
    later = build(sources, out, instruments=INSTRUMENTS, cache=cache)
    changed = [p for p, t in before.items() if (out / "docs" / p).stat().st_mtime_ns != t]
    assert 0 < later.written == len(changed) < len(before) / 2


def test_release_hands_freed_memory_back_and_workers_still_run():
    workers.release()
    with workers.sharing(values=list(range(300))), workers.pool(300) as pool:
        assert workers.run(pool, _double, 300) == [2 * n for n in range(300)]
        assert list(workers.each(pool, _double, 5)) == [0, 2, 4, 6, 8]


def _double(i: int) -> int:
    return 2 * workers.SHARED["values"][i]


def test_search_files_a_forked_worker_wrote_are_those_a_kept_build_makes(tmp_path, monkeypatch):
    """Enough documents to fork for (`workers.pool`): the search worker writes its files itself."""
    from test_incremental import _resolution

    noted = []
    note = Output.note
    monkeypatch.setattr(Output, "note", lambda self, written: noted.append(written) or note(self, written))

    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(1, 131):
        (sources / f"A_RES_99_{n}.txt").write_text(_resolution(n, [m for m in (n - 1,) if m]), encoding="utf-8")
    kept = build(sources, tmp_path / "kept", instruments=INSTRUMENTS, use_cache=False)
    streamed = build(sources, tmp_path / "streamed", instruments=INSTRUMENTS, keep_files=False)
    assert not kept.errors and not streamed.errors
    assert len(noted) == 1, "written by the worker"
    search = noted[0].files
    assert "search/index.json" in search
    assert all(streamed.pages[p] == kept.pages[p] for p in search)
    assert tree_digest(tmp_path / "streamed/docs") == tree_digest(tmp_path / "kept/docs")
    assert any((tmp_path / "streamed/cache/search").glob("*/*")), "the worker cached them"
    again = build(sources, tmp_path / "streamed", instruments=INSTRUMENTS, keep_files=False)
    assert again.written == 0 and tree_digest(tmp_path / "streamed/docs") == tree_digest(tmp_path / "kept/docs")


def test_no_collections_turns_the_collector_off_and_back_as_it_was():
    assert gc.isenabled()
    with workers.no_collections():
        assert not gc.isenabled()
        with workers.no_collections():  # the agreed-language stage inside the build
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with workers.no_collections():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
