"""`make serve` watches with the platform's file notifier: a save is seen at once, a read is not a change."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from builder.engine.watcher import native_observer_class, use_native_observer

pytestmark = pytest.mark.skipif(native_observer_class() is None, reason="this platform has only polling")


class _Serving:
    """MkDocs' live-reload server on a free port, its rebuilds recorded instead of made."""

    def __init__(self, root: Path) -> None:
        self.rebuilds: list[float] = []
        self.server = LiveReloadServer(
            builder=lambda: self.rebuilds.append(time.monotonic()), host="127.0.0.1", port=0, root=str(root)
        )

    def start(self) -> None:
        threading.Thread(target=self.server.serve, daemon=True).start()
        time.sleep(0.3)

    def seconds_to_rebuild(self, change, limit: float = 5) -> float | None:
        before, started = len(self.rebuilds), time.monotonic()
        change()
        while time.monotonic() - started < limit:
            if len(self.rebuilds) > before:
                return self.rebuilds[before] - started
            time.sleep(0.005)
        return None


@pytest.fixture
def watched(tmp_path):
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "001_a.txt").write_text("RESOLUTION 1\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    serving = _Serving(tmp_path / "site")
    serving.server.watch(str(config))  # as `mkdocs serve` does before the hook's on_serve
    serving.server.watch(str(sources))
    yield serving, sources, config
    serving.server.shutdown()


def _save_unseen_by_polling(path: Path, text: str) -> None:
    """Save `text` (the same size) and put the file's times back: a poller, which compares sizes and
    times between two listings, cannot see this save; the platform's notifier reports the write."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_save_is_seen_by_the_notifier_not_by_a_poll(watched):
    serving, sources, config = watched
    assert use_native_observer(serving.server, [str(config), str(sources)])
    assert not isinstance(serving.server.observer, PollingObserver)
    serving.start()
    doc = sources / "001_a.txt"
    seconds = [
        serving.seconds_to_rebuild(lambda n=n: _save_unseen_by_polling(doc, f"RESOLUTION {n}\n")) for n in range(3)
    ]
    assert None not in seconds, seconds
    assert min(seconds) < 0.3, seconds  # build_delay is 0.1 s; a poll alone would wait 0 to 0.5 s more
    assert serving.seconds_to_rebuild(lambda: (sources / "002_b.txt").write_text("new")) is not None
    assert serving.seconds_to_rebuild(lambda: config.write_text("site_name: y\n")) is not None


def test_the_poller_misses_such_a_save(watched):
    """The check above is not one a poller could pass."""
    serving, sources, _ = watched
    serving.start()
    doc = sources / "001_a.txt"
    assert serving.seconds_to_rebuild(lambda: _save_unseen_by_polling(doc, "RESOLUTION 7\n"), limit=1.5) is None


def test_reading_a_source_is_not_a_change(watched):
    serving, sources, config = watched
    assert use_native_observer(serving.server, [str(config), str(sources)])
    serving.start()
    # The builder reads sources on every rebuild: a rebuild per read would never end.
    assert serving.seconds_to_rebuild(lambda: (sources / "001_a.txt").read_text(), limit=0.6) is None


def test_a_watch_it_was_not_told_of_keeps_the_poller_and_every_watch(watched, tmp_path):
    serving, sources, config = watched
    other = tmp_path / "theme"
    other.mkdir()
    serving.server.watch(str(other))  # e.g. `mkdocs serve --watch-theme`
    assert not use_native_observer(serving.server, [str(config), str(sources)])
    assert isinstance(serving.server.observer, PollingObserver)
    serving.start()
    assert serving.seconds_to_rebuild(lambda: (sources / "001_a.txt").write_text("x")) is not None
    assert serving.seconds_to_rebuild(lambda: (other / "main.html").write_text("x")) is not None


def test_a_folder_it_cannot_watch_keeps_the_poller(watched, tmp_path):
    serving, sources, config = watched
    missing = str(tmp_path / "gone")
    assert not use_native_observer(serving.server, [str(config), str(sources), missing])
    assert isinstance(serving.server.observer, PollingObserver)
