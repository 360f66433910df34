"""The parallel-rendering hook: `mkdocs build` renders pages on a forked worker too, and the site,
its errors and its warnings are what MkDocs alone makes of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.engine import parallel_hook

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "builder/engine/parallel_hook.py"
PAGES = parallel_hook.FEWEST + 40
LAST = f"p{PAGES - 1:03d}.md"  # rendered by the worker: it starts from the last page

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the hook forks")


def _project(tmp_path: Path, extra_hook: str) -> None:
    """Pages enough for the worker, a hook of the test's own, and a template calling it (the worker
    renders templates)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[first](p000.md)\n", encoding="utf-8")
    for n in range(PAGES):
        text = f"# Page {n}\n\n## Part {n}\n\nText of page {n}, [the next](p{(n + 1) % PAGES:03d}.md#part-{(n + 1) % PAGES}).\n"
        (docs / f"p{n:03d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "extra_hook.py").write_text(extra_hook, encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/main.html").write_text(MAIN, encoding="utf-8")


def _build(tmp_path: Path, name: str, parallel: bool) -> subprocess.CompletedProcess:
    hooks = [str(tmp_path / "extra_hook.py")] + ([str(HOOK)] if parallel else [])
    theme = {"name": "material", "font": False, "features": ["navigation.sections"], "custom_dir": "overrides"}
    config = {
        "site_name": "Invented",
        "docs_dir": "docs",
        "site_dir": f"site-{name}",
        "theme": theme,
        "hooks": hooks,
        "strict": True,
    }
    (tmp_path / f"mkdocs-{name}.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", f"mkdocs-{name}.yml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_rendered_on_two_cores(tmp_path):
    _project(tmp_path, RECORDS)
    renderers = tmp_path / "renderers.txt"
    parallel = _build(tmp_path, "parallel", True)
    assert parallel.returncode == 0, parallel.stderr
    assert len(set(renderers.read_text().split())) == 2, "two processes rendered pages"
    renderers.unlink()
    alone = _build(tmp_path, "alone", False)
    assert alone.returncode == 0, alone.stderr
    assert len(set(renderers.read_text().split())) == 1
    built = _files(tmp_path / "site-parallel")
    assert len([p for p in built if p.endswith("index.html")]) == PAGES + 1
    assert built == _files(tmp_path / "site-alone")


CHECKS = f"""
import logging, os
log = logging.getLogger("mkdocs.plugins.invented")
MKDOCS = os.getpid()  # hooks load in MkDocs' process, before the worker is forked

def check(page):
    with open("renderers.txt", "a") as out:
        out.write(f"{{{{os.getpid()}}}}\\n")
    if page.file.src_uri == "{LAST}":
        {{}}
    return ""

def on_env(env, config, files, **kwargs):
    env.globals["invented_check"] = check
    return env
"""
RECORDS = CHECKS.format("pass")  # which processes render pages
WARNS = CHECKS.format('log.warning("something about the last page")')
FAILS = CHECKS.format('raise ValueError("the last page cannot be rendered")')
DIES = CHECKS.format("os._exit(1) if os.getpid() != MKDOCS else None")  # the worker ends, killed
MAIN = '{% extends "base.html" %}{% block content %}{{ invented_check(page) }}{{ super() }}{% endblock %}'


@pytest.mark.parametrize("parallel", [True, False])
def test_a_warning_while_the_worker_renders_fails_a_strict_build_once(tmp_path, parallel):
    _project(tmp_path, WARNS)
    done = _build(tmp_path, "warns", parallel)
    assert done.returncode != 0
    assert done.stderr.count("something about the last page") == 1
    assert "Aborted with 1 warnings in strict mode" in done.stdout + done.stderr


@pytest.mark.parametrize("parallel", [True, False])
def test_an_error_while_the_worker_renders_names_the_page(tmp_path, parallel):
    _project(tmp_path, FAILS)
    done = _build(tmp_path, "fails", parallel)
    assert done.returncode != 0
    assert f"Error building page '{LAST}': the last page cannot be rendered" in done.stderr


# Reading: the worker reads pages too, where every page event says it depends on the page alone.
READING = f"""
import logging, os
log = logging.getLogger("mkdocs.plugins.invented")
MKDOCS = os.getpid()
PAGE_ALONE = {{alone}}

def on_page_content(html, page, **kwargs):
    with open("readers.txt", "a") as out:
        out.write(f"{{{{os.getpid()}}}}\\n")
    if page.file.src_uri == "{LAST}":
        {{last}}
    return html

def on_env(env, config, files, **kwargs):
    env.globals["invented_check"] = lambda page: ""  # the project's template calls it
    return env
"""
READS = READING.format(alone=True, last="pass")
READ_FAILS = READING.format(alone=True, last='raise ValueError("the last page cannot be read")')
READ_DIES = READING.format(alone=True, last="os._exit(1) if os.getpid() != MKDOCS else None")
NOT_ALONE = READING.format(alone=False, last="pass")


def _readers(tmp_path: Path) -> set[str]:
    path = tmp_path / "readers.txt"
    readers = set(path.read_text().split())
    path.unlink()
    return readers


def test_the_site_is_the_same_read_on_two_cores(tmp_path):
    _project(tmp_path, READS)
    parallel = _build(tmp_path, "parallel", True)
    assert parallel.returncode == 0, parallel.stderr
    assert len(_readers(tmp_path)) == 2, "two processes read pages"
    alone = _build(tmp_path, "alone", False)
    assert alone.returncode == 0, alone.stderr
    assert len(_readers(tmp_path)) == 1
    assert _files(tmp_path / "site-parallel") == _files(tmp_path / "site-alone")


def test_a_page_event_that_may_keep_what_it_sees_keeps_reading_in_one_process(tmp_path):
    _project(tmp_path, NOT_ALONE)
    done = _build(tmp_path, "kept", True)
    assert done.returncode == 0, done.stderr
    assert len(_readers(tmp_path)) == 1


@pytest.mark.parametrize("parallel", [True, False])
def test_a_warning_while_the_worker_reads_fails_a_strict_build_once(tmp_path, parallel):
    _project(tmp_path, READS)
    last = tmp_path / "docs" / LAST
    last.write_text(last.read_text() + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    done = _build(tmp_path, "warns", parallel)
    assert done.returncode != 0
    assert (done.stdout + done.stderr).count("no-such-page.md") == 1
    assert "Aborted with 1 warnings in strict mode" in done.stdout + done.stderr


@pytest.mark.parametrize("parallel", [True, False])
def test_a_page_the_worker_cannot_read_is_reported_by_mkdocs_once(tmp_path, parallel):
    _project(tmp_path, READ_FAILS)
    done = _build(tmp_path, "fails", parallel)
    assert done.returncode != 0
    assert done.stderr.count(f"Error reading page '{LAST}': the last page cannot be read") == 1


@pytest.mark.parametrize(("hook", "log"), [(DIES, "renderers.txt"), (READ_DIES, "readers.txt")], ids=["render", "read"])
def test_the_pages_a_stopped_worker_never_sent_are_done_by_mkdocs(tmp_path, hook, log):
    """The worker ends (killed) after its first page, rendering or reading: MkDocs does the rest."""
    _project(tmp_path, hook)
    died = _build(tmp_path, "died", True)
    assert died.returncode == 0, died.stderr
    assert len(set((tmp_path / log).read_text().split())) == 2, "the worker began"
    alone = _build(tmp_path, "alone", False)
    assert alone.returncode == 0, alone.stderr
    assert _files(tmp_path / "site-died") == _files(tmp_path / "site-alone")
