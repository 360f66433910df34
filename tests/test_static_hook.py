"""The static-files hook: the files MkDocs only copies are hard-linked, and the site is the same."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from builder.engine import static_hook

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "builder/engine/static_hook.py"

DOCS = {
    "index.md": "# Home\n\n[data](A/RES/80/1/document.json)\n",
    "A/RES/80/1.md": "# A/RES/80/1\n\nText.\n",
    "A/RES/80/1/document.json": '{"symbol": "A/RES/80/1"}\n',
    "A/RES/80/1/akn.xml": "<akomaNtoso/>\n",
    "search/shard-0.json": "[]\n",
}


def _docs(tmp_path: Path) -> Path:
    for rel, text in DOCS.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    return tmp_path / "docs"


def _build(tmp_path: Path, name: str, hooks: list[Path], dirty: bool = False) -> Path:
    path = tmp_path / f"mkdocs-{name}.yml"
    config = {"site_name": "Invented", "docs_dir": "docs", "site_dir": f"site-{name}", "theme": {"name": "mkdocs"}}
    config["hooks"] = [str(h) for h in hooks]
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    build(load_config(str(path)), dirty=dirty)
    return tmp_path / f"site-{name}"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_with_the_copies_linked(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    docs = _docs(tmp_path)
    linked, copied = _build(tmp_path, "linked", [HOOK]), _build(tmp_path, "copied", [])
    assert _files(linked) == _files(copied)
    for rel in ("A/RES/80/1/document.json", "A/RES/80/1/akn.xml", "search/shard-0.json"):
        assert os.path.samefile(linked / rel, docs / rel)
        assert not os.path.samefile(copied / rel, docs / rel)
    assert not os.path.samefile(linked / "index.html", copied / "index.html")  # pages are MkDocs' own


def test_a_dirty_build_links_over_an_older_copy(tmp_path):
    docs = _docs(tmp_path)
    site = _build(tmp_path, "s", [])  # plain copies
    data = docs / "A/RES/80/1/document.json"
    data.write_text('{"symbol": "A/RES/80/1", "edited": true}\n', encoding="utf-8")
    os.utime(data, (os.stat(site / "index.html").st_mtime + 10,) * 2)
    _build(tmp_path, "s", [HOOK], dirty=True)
    assert os.path.samefile(site / "A/RES/80/1/document.json", data)
    assert b'"edited"' in (site / "A/RES/80/1/document.json").read_bytes()


def test_a_file_that_cannot_be_linked_is_copied(tmp_path, monkeypatch):
    docs = _docs(tmp_path)
    site = tmp_path / "site"

    def cross_device(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(static_hook.os, "link", cross_device)
    file = File("A/RES/80/1/akn.xml", str(docs), str(site), use_directory_urls=True)
    files = static_hook.on_files(Files([file]), config={})
    files.copy_static_files()
    assert (site / "A/RES/80/1/akn.xml").read_bytes() == (docs / "A/RES/80/1/akn.xml").read_bytes()
    assert not os.path.samefile(site / "A/RES/80/1/akn.xml", docs / "A/RES/80/1/akn.xml")


def test_pages_and_generated_files_are_left_to_mkdocs(tmp_path):
    docs = _docs(tmp_path)
    page = File("index.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    generated = File("search/shard-0.json", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    generated.content_string = "[1]"  # a plugin gave it other content
    static = File("search/shard-0.json", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    static_hook.on_files(Files([page, generated, static]), config={})
    assert "copy_file" not in vars(page) and "copy_file" not in vars(generated)
    assert "copy_file" in vars(static)
