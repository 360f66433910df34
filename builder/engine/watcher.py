"""`make serve` sees a save as it happens: the platform's file notifier in place of MkDocs' poller.

MkDocs' live-reload server watches with watchdog's `PollingObserver`, which
lists every watched folder every half second: a save waits a quarter of a
second on average (half a second at worst) before the rebuild starts, and
every pass stats each of the 1,000+ sources. watchdog's `Observer` is the
platform's notifier (inotify on Linux, FSEvents on macOS, ReadDirectoryChanges
on Windows), which reports the save at once.

The swap goes through the server's public surface: its `observer` attribute
and its `watch`/`unwatch` methods. Before the server starts its observer, the
paths watched so far are unwatched, the observer is replaced, and the paths
are watched again. Only changes are reported (a notifier would also report
that a file was opened or read, and MkDocs rebuilds on any event: the
builder reading its sources would then rebuild forever). Whenever anything
does not fit (no `observer`, an observer already running, another path
watched that we cannot move, a platform with polling only, an older watchdog,
a folder the notifier cannot watch) the poller stays and serving works as
before, only later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

log = logging.getLogger("mkdocs.builder")


def _changes() -> list[type]:
    from watchdog import events

    return [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileMovedEvent,
        events.FileDeletedEvent,
        events.FileClosedEvent,
    ]


def native_observer_class() -> Callable[[], object] | None:
    """watchdog's native observer, reporting changes only; None where watchdog has only polling."""
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return None
    if issubclass(Observer, PollingObserver):
        return None
    changes = _changes()

    class ChangesObserver(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler, path, *, recursive=False, **kwargs):
            kwargs.setdefault("event_filter", changes)
            return super().schedule(event_handler, path, recursive=recursive, **kwargs)

    return ChangesObserver


def _can_watch(observer_class: Callable[[], object], paths: Iterable[str]) -> bool:
    """Whether a throwaway observer of that class starts on every path (the server's cannot be started twice)."""
    from watchdog.events import FileSystemEventHandler

    probe = observer_class()
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except Exception as exc:  # inotify limits, an unwatchable folder, an older watchdog's schedule()
        log.debug(f"native file watching unavailable: {exc!r}")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


def use_native_observer(server, paths: list[str]) -> bool:
    """Make `server` (MkDocs' LiveReloadServer, not yet serving) watch with the native observer.

    `paths` are every path the server watches so far; they are watched again on the new observer.
    Returns whether the swap was made; if not, the server is as it was.
    """
    from watchdog.observers.polling import PollingObserver

    old = getattr(server, "observer", None)
    native = native_observer_class()
    if native is None or not isinstance(old, PollingObserver) or old.is_alive() or not _can_watch(native, paths):
        return False
    for path in paths:
        server.unwatch(path)
    if old.emitters:  # a watch we were not told of: leave everything as it was
        for path in paths:
            server.watch(path)
        return False
    server.observer = native()
    for path in paths:
        server.watch(path)
    return True
