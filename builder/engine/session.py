"""A build session for `mkdocs serve`: one cache kept in memory from rebuild to rebuild.

MkDocs loads its hook files afresh on every rebuild, so what must outlive a
rebuild lives here, in an ordinary module. Each rebuild runs the builder in
this process against the same `BuildCache`: unchanged documents are neither
read, linked, rendered nor checked again, and only changed files are
written (so the watcher sees the edit once, not the whole corpus). The
search files take seconds at corpus scale; they are made on a forked worker
after the pages are written (`search_later`), and written when ready, into
the build folder and the served site (no rebuild needed). The worker starts a second after MkDocs
has written the rebuilt pages (`built`, `SEARCH_DELAY`), not before: on two cores it would
otherwise slow the very rebuild, and then the very reload, the editor is waiting for.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

from builder.build import BuildResult, SearchJob, build, write_file
from builder.cache import BuildCache
from builder.cli import default_instruments, summary


class Session:
    def __init__(self) -> None:
        self.serving = False
        self.cache: BuildCache | None = None
        self.folder: Path | None = None
        self.lock = threading.Lock()
        self.latest_search = ""  # the key of the search files the last build asked for
        self.templates = None  # compiled theme templates (see `serve_hook.on_env`)
        self.worker = None  # the process making the latest search files
        self.pending_search: tuple[SearchJob, Path] | None = None  # asked for, not yet started
        self.search_delay = SEARCH_DELAY  # seconds from MkDocs' writing the pages to the worker's start
        self.starting: threading.Timer | None = None  # the worker's start, waiting out `search_delay`
        self.site: Path | None = None  # the folder MkDocs serves (its `site_dir`)
        # Files under docs/ the builder wrote or removed since MkDocs last built the site; None
        # until MkDocs has built it once (`unchanged`).
        self.unsynced: set[str] | None = None
        self.listed: dict[str, str] = {}  # file under docs/ → its file in the site, this MkDocs build
        self.served: dict[str, str] = {}  # the same, as MkDocs last built the site

    @staticmethod
    def settle() -> None:
        """After the first build: hide its long-lived objects from the cyclic garbage collector.

        The first build leaves millions of objects the session keeps (the cache, MkDocs' pages,
        compiled templates). Every few rebuilds the collector's oldest generation comes due and
        walks them all: a pause of more than a second in the middle of an edit's rebuild.
        Frozen objects are skipped by the collector (objects a rebuild replaces are still freed
        by their reference count), and a forked search worker does not touch their pages.
        """
        gc.collect()
        gc.freeze()

    def rebuild(self, sources: Path, out: Path) -> BuildResult:
        """Build `sources` into `out` with the session's cache; print what a CLI build prints."""
        with self.lock:
            # A rebuild is for an edit: a search worker still at work makes outdated files, on the
            # core the builder and MkDocs are about to need. (Were its files still wanted after
            # all, `built` starts it again.)
            self.latest_search = ""
            self.stop_search()
            if self.cache is None or self.folder != out:
                self.cache, self.folder = BuildCache(out / "cache", long_lived=True), out
            result = build(
                sources,
                out,
                keep_going=True,
                instruments=default_instruments(sources),
                cache=self.cache,
                search_later=True,
            )
            for error in result.errors:
                print(error.render(), file=sys.stderr)
            print(summary(result), file=sys.stderr, flush=True)
            self.pending_search = None if result.search_job is None else (result.search_job, out)
            if self.unsynced is not None:
                self.unsynced |= result.changed
            return result

    def unchanged(self, rel: str) -> bool | None:
        """Whether MkDocs' copy of `rel` (a file under docs/) is as the builder last wrote it;
        None when the session cannot say (the site not built yet): then MkDocs compares times.

        The builder knows which files it wrote or removed: asked for each of the ~14,000 files
        at corpus scale, this spares MkDocs two `stat` calls per file on every rebuild.
        """
        return None if self.unsynced is None else rel not in self.unsynced

    def built(self) -> None:
        """MkDocs has built the site from the files it `listed`.

        The files of documents the builder removed leave the site (MkDocs' dirty builds leave
        them), and the search files the rebuild asked for are started, now that the pages are
        written: the worker would have taken a core from MkDocs rendering the edit.
        """
        with self.lock:
            if self.site is not None and self.unsynced:
                for rel in self.unsynced - self.listed.keys():
                    if rel in self.served:
                        (self.site / self.served[rel]).unlink(missing_ok=True)
            self.unsynced, self.served = set(), self.listed
            pending, self.pending_search = self.pending_search, None
            if pending is not None:
                self.starting = threading.Timer(self.search_delay, self._start, pending)
                self.starting.daemon = True
                self.starting.start()

    def _start(self, job: SearchJob, out: Path) -> None:
        with self.lock:
            if self.starting is threading.current_thread():  # not called off by a rebuild meanwhile
                self.starting = None
                self._search(job, out)

    def _search(self, job: SearchJob, out: Path) -> None:
        """Make the search files on a forked worker; write them when they are ready.

        A worker still making the files of an older state of the sources is stopped first: its
        files would be dropped anyway, and at corpus scale it takes seconds of CPU from the
        rebuilds of the next edits (three quick edits once had three workers running at once).
        """
        if job.key == self.latest_search:
            return  # already being made
        self.latest_search = job.key
        if "fork" not in multiprocessing.get_all_start_methods():
            self._write_search(job.key, job.run(), out)
            return
        self.stop_search()
        _JOB[0] = job
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(target=_run_job, args=(send, os.getpid()), daemon=True)
        worker.start()
        send.close()
        self.worker = worker
        threading.Thread(target=self._searched, args=(job.key, worker, receive, out), daemon=True).start()

    def stop_search(self) -> None:
        """Stop the search worker, if one is running or about to start."""
        starting, self.starting = self.starting, None
        if starting is not None:
            starting.cancel()
        worker, self.worker = self.worker, None
        if worker is not None and worker.is_alive():
            worker.kill()  # SIGKILL: a SIGTERM the serving process ignores (and its fork inherits) would not stop it

    def _searched(self, key: str, worker, receive, out: Path) -> None:
        try:
            files = receive.recv()
        except Exception:  # stopped for a newer edit (perhaps mid-message), or died
            files = None
        finally:
            receive.close()
            worker.join()
        if not isinstance(files, dict):
            with self.lock:
                if self.latest_search == key:  # not superseded: the next rebuild tries again
                    print(f"builder: search files not made: {files!r}", file=sys.stderr, flush=True)
                    self.latest_search = ""
            return
        with self.lock:
            self._write_search(key, files, out)

    def _write_search(self, key: str, files: dict[str, str], out: Path) -> None:
        """Write the new search files into the build folder and straight into the served site.

        Search files change no page, so they need no rebuild: written into the site as well,
        they are served at once, and the next rebuild finds them there, as new as their
        sources, and leaves them. (They once went through a rebuild of their own, which the
        editor's next save, a few seconds after the last, often had to wait for.)
        """
        if key != self.latest_search or self.cache is None:
            return  # a later edit asked for newer search files
        cache = self.cache
        cache.search.put(key, files)
        written = cache.written
        old = cache.last_search
        folders = [out / "docs"] + ([self.site] if self.site is not None and self.site.is_dir() else [])
        count = 0
        for rel, text in files.items():
            if written.get(rel) != text:
                count += write_file(out / "docs" / rel, text)
                for folder in folders[1:]:
                    write_file(folder / rel, text)
        for rel in old.keys() - files.keys():
            for folder in folders:
                (folder / rel).unlink(missing_ok=True)
            written.pop(rel, None)
        written.update(files)
        cache.last_search = files
        print(f"builder: search files ready, {count} written", file=sys.stderr, flush=True)


_JOB: list[SearchJob | None] = [None]
# Forked as MkDocs finished, the worker (its fork of a large process, then a core of work) slowed the
# browser's reload of the edited page, ~0.3 s after: `python -m benchmarks.live --edits 5`, two
# rounds alternating, medians 2.06 and 2.22 s with the worker started at once, 1.58 and 1.84 s
# with this delay. An edit within the delay calls the start off (`stop_search`).
SEARCH_DELAY = 1.0


def _end_with(parent: int) -> None:
    """In the search worker: exit when `mkdocs serve` is gone (killed, not shut down), never linger."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _run_job(send, parent: int) -> None:
    """In the search worker: make the files of `_JOB[0]` and send them (or the error) to the parent."""
    _end_with(parent)
    job = _JOB[0]
    assert job is not None
    try:
        send.send(job.run())
    except Exception as exc:
        send.send(exc)
    finally:
        send.close()


SESSION = Session()
