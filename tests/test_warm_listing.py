"""Folder listings instead of a stat per file (a warm rebuild under `make serve`): a served
file deleted between two builds is written again, and discovery still finds documents in
sub-folders and their metadata files."""

from __future__ import annotations

from pathlib import Path

from conftest import SOURCES
from test_incremental import _resolution

from builder.build import Output, build
from builder.cache import BuildCache
from builder.sources import discover

INSTRUMENTS = SOURCES / "instruments.yml"


def test_a_page_deleted_between_warm_builds_is_written_again(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(1, 4):
        (sources / f"A_RES_99_{n}.txt").write_text(_resolution(n, [m for m in (n - 1,) if m]), encoding="utf-8")
    out = tmp_path / "out"
    cache = BuildCache(out / "cache", long_lived=True)
    first = build(sources, out, keep_going=True, instruments=INSTRUMENTS, cache=cache)
    page = out / "docs/A/RES/99/2.md"
    text = page.read_bytes()
    page.unlink()
    again = build(sources, out, keep_going=True, instruments=INSTRUMENTS, cache=cache)
    assert page.read_bytes() == text
    assert again.written == 1 and again.changed == {"A/RES/99/2.md"}
    assert first.written > again.written


def test_output_writes_new_files_once_and_leaves_unchanged_ones(tmp_path: Path) -> None:
    """New files (no read-back, a folder made once), files made twice in one build (compared
    with what the build wrote: written again only when changed), and a later build in a new process (the files
    on disk compared, only a changed one written)."""
    root = tmp_path / "docs"
    files = {"index.md": "home", "A/RES/1.md": "one", "A/RES/2.md": "two", "data/x.json": b"{}"}
    first = Output(root, {}, keep=False)
    first.add(files)
    first.add({"A/RES/1.md": "one, made again", "A/RES/2.md": "two"})
    assert first.finish() == 5 and first.touched == set(files)
    assert (root / "A/RES/1.md").read_text(encoding="utf-8") == "one, made again"
    again = Output(root, {}, keep=False)
    again.add({**files, "A/RES/1.md": "one, made again", "A/RES/2.md": "two, edited"})
    assert again.finish() == 1 and again.touched == {"A/RES/2.md"}
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == sorted(files)


def test_discovery_finds_nested_documents_and_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "b/c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.yml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "b/c/d.md").write_text("x", encoding="utf-8")
    (tmp_path / "b/c/d.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b/e.yaml").mkdir()  # a folder named like metadata is still found, as exists() found it
    (tmp_path / "b/e.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b/notes.csv").write_text("x", encoding="utf-8")
    found = [(s.path.relative_to(tmp_path).as_posix(), s.meta_path, s.set_aside) for s in discover(tmp_path)]
    assert found == [
        ("a.txt", tmp_path / "a.yml", []),
        ("b/c/d.txt", None, [tmp_path / "b/c/d.md"]),
        ("b/e.txt", tmp_path / "b/e.yaml", []),
    ]
