"""MkDocs hook: the pages read and their templates rendered on two cores.

MkDocs reads one page after another (front matter, Markdown, the page
events), then renders one page after another; at corpus scale each is about
half of `mkdocs build`. Both are shared with a forked worker the same way.

Reading: once the navigation is made (`on_nav`), a worker forked then reads
pages from the last backwards exactly as MkDocs reads them (the engine's own
function for it), while MkDocs reads from the first page on. For a page the
worker read, MkDocs' `read_source` and `render` of that page put the worker's
results in place (every attribute reading set on the page), and the page
events run on them as ever. Only where every page event's module declares
`PAGE_ALONE = True` (its work on a page depends on that page alone, keeps
nothing between pages and does nothing more when run again on its own
result: `raw_html_hook`): another plugin's page events might keep what they
see, which the worker's copy of them would keep instead. A page the worker
could not read (an error) is read again by MkDocs, which reports it as ever.

Rendering: once every page is read and
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

Only under `mkdocs build` without `--dirty` (`serve` reads and renders few
pages at a time), where `fork` exists, with pages enough to share. Written
by hand: MkDocs reads and renders pages in one process; a successor engine
that does both in parallel makes this hook unneeded (remove it from the hooks).
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import pickle
import queue
import tempfile
from collections.abc import Callable

RUN = 32  # pages the worker sends back at a time
FEWEST = 200  # fewer pages than this: not worth a worker
READING_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")

Made = tuple[bytes | None, list[logging.LogRecord], Exception | None]  # a page's result, what it logged, the error
Sent = tuple[int, int, list[logging.LogRecord], Exception | None]  # where its result is in the spool; the rest

_NONE = object()  # an attribute a page did not have
_STATE: dict = {}  # this build's: the command, the nav, the workers; in a worker, what it works from


def on_startup(command, dirty=False, **kwargs):
    _STATE["command"] = command
    _STATE["dirty"] = dirty


def on_nav(nav, config, files, **kwargs):
    _STATE["nav"] = nav
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    populate = getattr(_engine(config), "_populate_page", None)  # the engine's reading of one page, if it has one
    if populate is not None and _shared(pages) and not _STATE.get("dirty") and _pages_alone(config):
        _STATE["read"] = (pages, config, files, populate)
        _STATE["reading"] = {id(page): i for i, page in enumerate(pages)}
        reader = _STATE["reader"] = _Worker(len(pages), _read)
        reader.process.start()
    return nav


def on_pre_page(page, config, files, **kwargs):
    reader, index = _STATE.get("reader"), _STATE.get("reading", {}).get(id(page))
    if reader is not None and index is not None and not reader.claims(index):
        read = reader.result(index)
        if read is not None:  # else MkDocs reads the page itself
            state, records, _ = read
            _install(page, pickle.loads(state), records)
    return page


def on_env(env, config, files, **kwargs):
    _stop("reader")
    doc_files = files.documentation_pages()
    pages = [file.page for file in doc_files if file.page is not None]
    if not _shared(pages):
        return env
    _STATE["render"] = (pages, _STATE["nav"], doc_files, config, env, _engine(config).get_context)
    worker = _STATE["worker"] = _Worker(len(pages), _render)
    worker.process.start()
    return _Environment(env, worker, {id(page): i for i, page in enumerate(pages)})


def on_post_build(config, **kwargs):
    _close()


def on_build_error(error, **kwargs):
    _close()


def _engine(config):
    """The build module of the engine running (mkdocs, or a fork such as properdocs)."""
    return importlib.import_module(type(config).__module__.split(".")[0] + ".commands.build")


def _shared(pages: list) -> bool:
    return _STATE.get("command") == "build" and len(pages) >= FEWEST and hasattr(os, "fork")


def _pages_alone(config) -> bool:
    """Whether every page event of reading is this hook's or declares that it depends on the page alone."""
    events = getattr(config.plugins, "events", {})
    return all(
        getattr(handler, "__globals__", {}).get("PAGE_ALONE") is True
        for name in READING_EVENTS
        for handler in events.get(name, [])
    )


PAGE_ALONE = True  # this hook's own page event hands over what the worker read, nothing more


def _close() -> None:
    _stop("reader")
    _stop("worker")
    _STATE.pop("render", None)
    _STATE.pop("read", None)
    _STATE.pop("reading", None)


def _stop(name: str) -> None:
    worker = _STATE.pop(name, None)
    if worker is not None:
        worker.process.kill()
        worker.process.join()
        worker.spool.close()


def _install(page, state: dict, records: list[logging.LogRecord]) -> None:
    """Make MkDocs' reading of `page` give what the worker's gave: `read_source` sets every attribute
    reading set there (and logs what the worker's reading logged), `render` nothing more."""

    def read_source(config) -> None:
        for record in records:  # counted here (strict mode) as MkDocs' own, at the page
            logging.getLogger(record.name).handle(record)
        for name, value in state.items():
            setattr(page, name, value)

    def render(config, files) -> None:
        del page.read_source, page.render  # the page's own methods again

    page.read_source = read_source
    page.render = render


class _Worker:
    """The forked worker, the pages it has claimed (from `edge` to the last), the pages MkDocs
    has claimed (before `reached`), and what the worker has sent back so far (page → `Sent`).

    The worker's HTML waits in a spool file until MkDocs reaches its pages (about half the
    site's HTML, held in neither process: 400 MB at 4,000 documents)."""

    def __init__(self, count: int, target: Callable[[_Worker], None]) -> None:
        fork = multiprocessing.get_context("fork")
        self.edge = fork.Value("q", count)
        self.reached = fork.Value("q", 0, lock=False)  # written under `edge`'s lock
        self.queue = fork.Queue()
        self.spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _close); the worker only appends
        self.process = fork.Process(target=target, args=(self,), daemon=True)
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

    def result(self, index: int) -> tuple[bytes, list[logging.LogRecord], Exception | None] | None:
        """The worker's result for page `index`, or None when the worker stopped before sending it
        (or could not read it)."""
        while index not in self.done:
            if self.stopped:
                return None
            try:
                self.done.update(self.queue.get(timeout=1))
            except queue.Empty:
                self.stopped = not self.process.is_alive() and self.queue.empty()
        at, size, records, error = self.done.pop(index)
        if size < 0:
            return None
        return os.pread(self.spool.fileno(), size, at), records, error


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
        rendered = None if index is None or self._worker.claims(index) else self._worker.result(index)
        if rendered is None:  # MkDocs' page, or one the worker never sent: rendered here
            return self._template.render(*args, **kwargs)
        html, records, error = rendered
        html = html.decode("utf-8")
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


def _serve(worker: _Worker, work: Callable[[int], Made]) -> None:
    """The worker: pages claimed from the last backwards, each `work`ed, sent back a run at a time
    (a page it could not do as `size` -1)."""
    _quiet()
    run: dict[int, Sent] = {}
    spool = worker.spool
    while (index := worker.next_claim()) is not None:
        data, records, error = work(index)
        run[index] = (0, -1, [], None) if data is None else (spool.tell(), len(data), records, error)
        if data is not None:
            spool.write(data)
        if len(run) == RUN:
            spool.flush()
            worker.queue.put(run)
            run = {}
    spool.flush()
    worker.queue.put(run)


def _read(worker: _Worker) -> None:
    del _STATE["reader"]  # the worker's own `pre_page` events: the pages are its to read
    _serve(worker, _read_page)


def _render(worker: _Worker) -> None:
    _serve(worker, _render_page)


def _read_page(i: int) -> Made:
    """On the worker: page `i` read as MkDocs reads it; every attribute reading set on the page
    (pickled) and what it logged, or nothing if it failed (MkDocs reads it again)."""
    pages, config, files, populate = _STATE["read"]
    page = pages[i]
    before = dict(vars(page))
    _KEEP.records = []
    try:
        populate(page, config, files)
        state = {name: value for name, value in vars(page).items() if before.get(name, _NONE) is not value}
        data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None, [], None
    finally:
        records, _KEEP.records = _KEEP.records, []
    return data, records, None


def _render_page(i: int) -> Made:
    """On the worker: page `i`'s HTML as MkDocs renders it (UTF-8), what its template logged, and the
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
    return html.encode("utf-8"), records, error


def _picklable(exc: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True
