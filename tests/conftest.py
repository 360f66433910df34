"""Shared fixtures: the seed documents read once, a built site, a browser."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.serving import serve
from benchmarks.site_config import mkdocs_config
from builder.build import BuildResult, build, read_one
from builder.errors import Diagnostics
from builder.model import Document, Metadata
from builder.reading import read_document, read_state
from builder.reading.state import ReadState
from builder.sources import discover

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source_docs"
CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / ".venv/node/node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def read_text(text: str | bytes, name: str = "doc.txt", meta: Metadata | None = None) -> tuple[Document, ReadState]:
    """Read a document given as text, through the same path as the build."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    path = Path(name)
    diagnostics = Diagnostics(path)
    doc, state = read_document(path, raw, meta or Metadata(path), diagnostics)
    return doc, state


def stage_state(path: Path, until: str) -> ReadState:
    """The reading state right after the stage named `until` (for stage guarantees)."""
    return read_state(path, path.read_bytes(), Metadata(path), Diagnostics(path), until=until)


@pytest.fixture(scope="session")
def seeds() -> dict[str, Document]:
    """The five source documents, read and rendered as the build does, by file prefix."""
    result = BuildResult()
    docs = {}
    for source in discover(SOURCES):
        read = read_one(source, result)
        assert read is not None, [e.render() for e in result.errors]
        docs[source.path.name[:3]] = read[0]
    return docs


@pytest.fixture(scope="session")
def seed_pages() -> dict[str, str]:
    result = BuildResult()
    return {s.path.name[:3]: read_one(s, result)[1] for s in discover(SOURCES)}


@pytest.fixture(scope="session")
def linked(tmp_path_factory):
    """The five documents built as `make site` builds them: linked, with a glossary."""
    result = build(SOURCES, tmp_path_factory.mktemp("linked"))
    assert not result.errors, [e.render() for e in result.errors]
    return result


def corpus_files(step: int = 1) -> list[Path]:
    """Every `step`-th corpus document; none when ../shared/corpus is not beside the project
    (parametrized tests are then reported as skipped, and sample sets keep only the seeds)."""
    return sorted(CORPUS.glob("*.txt"))[::step] if CORPUS.is_dir() else []


def build_site(
    sources: Path,
    workdir: Path,
    engine: str = "mkdocs",
    hooks: bool = True,
    site_url: str = "",
    site: str = "site",
    folders: bool = False,
) -> Path:
    """Builder + `<engine> build --strict` on the config the builder wrote, as `make site` does (the
    engine: mkdocs or properdocs; `hooks=False` drops the config's hooks; `site_url` sets SITE_URL;
    `folders`: pages as `<address>/index.md`); returns the site folder, `workdir/<site>`."""
    result = build(sources, workdir / "build", folders=folders)  # cached: again on one folder costs little
    assert not result.errors, [e.render() for e in result.errors]
    folder = workdir / site
    config = mkdocs_config(workdir / "build", folder, hooks=hooks)
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    if site_url:
        env["SITE_URL"] = site_url
    run = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=workdir,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return folder


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def serve_documents(workdir: Path, documents: dict[str, tuple[str, str]]):
    """Build a site from small documents (name → (text, metadata YAML)) and serve it on loopback."""
    (workdir / "src").mkdir()
    for name, (text, meta) in documents.items():
        (workdir / f"src/{name}.txt").write_text(text, encoding="utf-8")
        (workdir / f"src/{name}.yml").write_text(meta, encoding="utf-8")
    return serve(build_site(workdir / "src", workdir))


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_site(SOURCES, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def server(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    pg = context.new_page()
    pg.outside_requests = []
    pg.on("request", lambda r: None if r.url.startswith(server) else pg.outside_requests.append(r.url))
    yield pg
    context.close()
