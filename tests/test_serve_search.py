"""Under `make serve` the search files are made on a worker; a newer edit stops an older worker."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from builder.cache import BuildCache
from builder.engine.session import Session


class _Job:
    """A search job shaped like `builder.build.SearchJob`: a key and a slow `run`."""

    def __init__(self, key: str, seconds: float) -> None:
        self.key, self.seconds = key, seconds

    def run(self) -> dict[str, str]:
        time.sleep(self.seconds)
        return {f"search/{self.key}.json": f'["{self.key}"]'}


def _session(tmp_path: Path) -> Session:
    session = Session()
    session.cache = BuildCache(tmp_path / "cache", long_lived=True)
    (tmp_path / "docs").mkdir()
    return session


def _until(condition, seconds: float = 20) -> bool:
    """Whether `condition()` came true within `seconds` (the session works on threads and a worker)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_the_search_files_are_written_when_the_worker_is_done(tmp_path):
    """Into the build folder and the served site: search files change no page, so no rebuild."""
    session = _session(tmp_path)
    session.site = tmp_path / "site"
    session.site.mkdir()
    with session.lock:
        session._search(_Job("a", 0.1), tmp_path)
    assert _until((tmp_path / "site/search/a.json").exists)
    assert (tmp_path / "docs/search/a.json").read_text(encoding="utf-8") == '["a"]'
    with session.lock:
        session._search(_Job("b", 0.1), tmp_path)
    assert _until((tmp_path / "site/search/b.json").exists)
    time.sleep(0.2)
    assert not (tmp_path / "site/search/a.json").exists(), "the older search files leave the site"
    assert not (tmp_path / "docs/search/a.json").exists()


def test_a_newer_edit_stops_the_worker_of_the_older_one(tmp_path):
    session = _session(tmp_path)
    with session.lock:
        session._search(_Job("old", 60), tmp_path)
    old = session.worker
    assert old.is_alive()
    with session.lock:
        session._search(_Job("new", 0.1), tmp_path)
    # The session's own thread reaps the worker too: poll until it is seen gone rather than join
    # (whichever thread's waitpid loses the race sees no child and, for a moment, no exit code).
    assert _until(lambda: not old.is_alive(), 10), "the older worker kept running"
    assert _until((tmp_path / "docs/search/new.json").exists)
    assert not (tmp_path / "docs/search/old.json").exists()
    assert session.latest_search == "new"


def test_a_worker_that_dies_lets_the_next_rebuild_try_again(tmp_path):
    session = _session(tmp_path)
    with session.lock:
        session._search(_Job("a", 60), tmp_path)
    session.worker.kill()
    assert _until(lambda: session.latest_search == "", 10)


def test_the_worker_starts_once_mkdocs_has_written_the_pages(tmp_path):
    from conftest import SOURCES

    session = Session()
    session.search_delay = 0.3
    session.rebuild(SOURCES, tmp_path / "build")
    assert session.worker is None, "a worker during MkDocs' rendering of the edit takes its core"
    job, _ = session.pending_search
    session.built()  # MkDocs' on_post_build
    assert session.pending_search is None
    assert session.worker is None, "a worker forked as the browser reloads the page takes its core"
    assert _until(lambda: session.latest_search == job.key, 10), "the worker started after the delay"
    assert _until(lambda: session.cache.last_search != {}), "the worker's search files were written"


def test_an_edit_stops_the_outdated_worker_before_mkdocs_renders(tmp_path):
    from conftest import SOURCES

    sources = tmp_path / "src"
    shutil.copytree(SOURCES, sources)
    session = Session()
    session.rebuild(sources, tmp_path / "build")
    session.pending_search = (_Job("slow", 60), tmp_path / "build")  # a worker still at work
    session.search_delay = 0
    session.built()
    assert _until(lambda: session.worker is not None, 10)
    worker = session.worker
    assert worker.is_alive()
    edited = next(sources.glob("*.txt"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn edit.\n", encoding="utf-8")
    session.rebuild(sources, tmp_path / "build")
    assert _until(lambda: not worker.is_alive(), 10), "the outdated worker ran on through the rebuild"
    assert session.pending_search is not None, "the edit's own search files are still to be made"


def test_an_edit_within_the_delay_calls_off_the_older_worker_start(tmp_path):
    session = _session(tmp_path)
    session.search_delay = 0.5
    session.pending_search = (_Job("old", 0.1), tmp_path)
    session.built()
    with session.lock:
        session.stop_search()  # what a rebuild does first
    time.sleep(1.0)
    assert session.worker is None and session.latest_search == "", "the outdated worker started anyway"
    assert not (tmp_path / "docs/search/old.json").exists()
