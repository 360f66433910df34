"""MkDocs hook: the pages' templates rendered on two cores.

MkDocs renders one page after another, and with Python-Markdown no longer
parsing the builder's HTML (`raw_html_hook`) the theme's templates are the
largest part of `mkdocs build` at corpus scale. Once every page is read and
the theme's environment is ready (`on_env`, this hook last of all), a worker
forked then renders pages' templates from the last page backwards, with the
calls MkDocs makes for a page (its context, the `page_context` event, its
template), while MkDocs renders from the first page on; they meet where they
meet (each page is claimed under a lock, by one of them only), so neither
waits for the other whatever the machine. For a page the worker rendered,
the page's template gives back the worker's HTML, and MkDocs goes on as ever
(the `post_page` event, writing the file). The site is byte-identical with
the hook and without it (`tests/test_parallel_hook.py`); a template's error or
warning in the worker is MkDocs' error or warning on that page, as without
the hook, and should the worker stop (killed, out of memory), MkDocs renders
the pages it never sent.

Only under `mkdocs build` (`serve` renders few pages at a time), where `fork`
exists, with pages enough to share. Written by hand: MkDocs renders pages in
one process; a successor engine that renders in parallel makes this hook
unneeded (remove it from the hooks).
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import pickle
import queue
import tempfile

RUN = 32  # pages the worker sends back at a time
FEWEST = 200  # fewer pages than this: not worth a worker

Rendered = tuple[str, list[logging.LogRecord], Exception | None]  # HTML, what its template logged, the error
Sent = tuple[int, int, list[logging.LogRecord], Exception | None]  # where its HTML is in the spool; the rest

_STATE: dict = {}  # this build's: the command, the nav; in the worker, what it renders from


def on_startup(command, **kwargs):
    _STATE["command"] = command


def on_nav(nav, config, files, **kwargs):
    _STATE["nav"] = nav
    return nav


def on_env(env, config, files, **kwargs):
    doc_files = files.documentation_pages()
    pages = [file.page for file in doc_files if file.page is not None]
    if _STATE.get("command") != "build" or len(pages) < FEWEST or not hasattr(os, "fork"):
        return env
    engine = importlib.import_module(type(config).__module__.split(".")[0] + ".commands.build")
    _STATE["render"] = (pages, _STATE["nav"], doc_files, config, env, engine.get_context)
    worker = _STATE["worker"] = _Worker(len(pages))
    worker.process.start()
    return _Environment(env, worker, {id(page): i for i, page in enumerate(pages)})


def on_post_build(config, **kwargs):
    _close()


def on_build_error(error, **kwargs):
    _close()


def _close() -> None:
    worker = _STATE.pop("worker", None)
    _STATE.pop("render", None)
    if worker is not None:
        worker.process.kill()
        worker.process.join()
        worker.spool.close()


class _Worker:
    """The forked worker, the pages it has claimed (from `edge` to the last), the pages MkDocs
    has claimed (before `reached`), and what the worker has sent back so far (page → `Sent`).

    The worker's HTML waits in a spool file until MkDocs reaches its pages (about half the
    site's HTML, held in neither process: 400 MB at 4,000 documents)."""

    def __init__(self, count: int) -> None:
        fork = multiprocessing.get_context("fork")
        self.edge = fork.Value("q", count)
        self.reached = fork.Value("q", 0, lock=False)  # written under `edge`'s lock
        self.queue = fork.Queue()
        self.spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _close); the worker only appends
        self.process = fork.Process(target=_render, args=(self,), daemon=True)
        self.done: dict[int, Sent] = {}
        self.stopped = False  # the worker ended (killed, out of memory) with pages it never sent

    def claims(self, index: int) -> bool:
        """Whether MkDocs renders page `index` itself (claiming it), or takes the worker's."""
        with self.edge.get_lock():
            if index < self.edge.value:
                self.reached.value = index + 1
                return True
            return False

    def next_claim(self) -> int | None:
        """In the worker: the next page it renders (claiming it), or None when MkDocs has reached it."""
        with self.edge.get_lock():
            if self.edge.value - 1 < self.reached.value:
                return None
            self.edge.value -= 1
            return self.edge.value

    def page(self, index: int) -> Rendered | None:
        """The worker's rendering of page `index`, or None when the worker stopped before sending it."""
        while index not in self.done:
            if self.stopped:
                return None
            try:
                self.done.update(self.queue.get(timeout=1))
            except queue.Empty:
                self.stopped = not self.process.is_alive() and self.queue.empty()
        at, size, records, error = self.done.pop(index)
        return os.pread(self.spool.fileno(), size, at).decode("utf-8"), records, error


class _Environment:
    """The theme's environment, its templates giving back the worker's HTML for its pages."""

    def __init__(self, env, worker: _Worker, pages: dict[int, int]) -> None:
        self._env = env
        self._worker = worker
        self._pages = pages

    def get_template(self, *args, **kwargs):
        return _Template(self._env.get_template(*args, **kwargs), self._worker, self._pages)

    def __getattr__(self, name):
        return getattr(self._env, name)


class _Template:
    def __init__(self, template, worker: _Worker, pages: dict[int, int]) -> None:
        self._template = template
        self._worker = worker
        self._pages = pages

    def render(self, *args, **kwargs) -> str:
        context = args[0] if args else kwargs
        index = self._pages.get(id(context.get("page")))
        rendered = None if index is None or self._worker.claims(index) else self._worker.page(index)
        if rendered is None:  # MkDocs' page, or one the worker never sent: rendered here
            return self._template.render(*args, **kwargs)
        html, records, error = rendered
        for record in records:  # the worker's warnings, counted here (strict mode) as MkDocs' own
            logging.getLogger(record.name).handle(record)
        if error is not None:
            raise error  # MkDocs names the page, as when it rendered it itself
        return html

    def __getattr__(self, name):
        return getattr(self._template, name)


class _Keep(logging.Handler):
    """In the worker: the log records of the page being rendered, kept to be sent back."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            if record.exc_info:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.msg, record.args, record.exc_info = record.getMessage(), None, None
            self.records.append(record)


_KEEP = _Keep()


def _quiet() -> None:
    """The worker logs nothing itself: MkDocs' process logs what it kept, at the page. (The
    loggers that pass nothing on keep it themselves, the others pass it on to the root's.)"""
    for logger in (logging.getLogger(), *logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            if not logger.propagate or logger is logging.getLogger():
                logger.addHandler(_KEEP)


def _render(worker: _Worker) -> None:
    """The worker: pages claimed from the last backwards, rendered as MkDocs renders them, sent
    back a run at a time."""
    _quiet()
    run: dict[int, Sent] = {}
    spool = worker.spool
    while (index := worker.next_claim()) is not None:
        html, records, error = _render_page(index)
        data = html.encode("utf-8")
        run[index] = (spool.tell(), len(data), records, error)
        spool.write(data)
        if len(run) == RUN:
            spool.flush()
            worker.queue.put(run)
            run = {}
    spool.flush()
    worker.queue.put(run)


def _render_page(i: int) -> Rendered:
    """On the worker: page `i`'s HTML as MkDocs renders it, what its template logged, and the
    error that stopped it (if one did)."""
    pages, nav, doc_files, config, env, get_context = _STATE["render"]
    page = pages[i]
    config._current_page = page
    page.active = True
    html, error = "", None
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        _KEEP.records = []  # MkDocs' process runs the `page_context` event itself: logs it there
        html = template.render(context)
    except Exception as exc:
        error = exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}")
    finally:
        page.active = False
    records, _KEEP.records = _KEEP.records, []
    return html, records, error


def _picklable(exc: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True
