"""MkDocs hook for `mkdocs serve`: an edited source is rebuilt in about a second.

On every rebuild while serving, the builder runs first, in this process, with
a cache it keeps in memory between rebuilds (`builder.engine.session`): it
reads again only the edited sources, links, renders and checks only the
pages whose inputs changed (the edited document, the pages citing it, index
pages when a title or a document changed), and writes only files whose
content changed, so `mkdocs serve --dirty` renders only those pages. The
search files follow a few seconds later, made by a worker started a second after MkDocs
has written the pages (once the browser has reloaded the edited one). The sources folder is $SOURCES
(default `source_docs`), watched for changes; the build folder is not
watched, as the builder, its only writer, runs on every rebuild (so its
writes cause no second rebuild); the search files, which change no page,
are written into the served site as well, with no rebuild. The watching is done by the
platform's file notifier where there is one (`builder.engine.watcher`), so a
save starts the rebuild at once instead of at MkDocs' next half-second poll.
Compiled templates are kept between rebuilds. Edits to the builder's own code need a restart of `make serve`.

Optional: without this hook, run the builder before `mkdocs build` (`make site`).
"""

import os
import sys
from pathlib import Path

import jinja2

from builder.engine.config_parse import parse_config_with_libyaml
from builder.engine.watcher import log, use_native_observer

_SESSION_MODULE = "builder.engine.session"


def _sources() -> Path:
    return Path(os.environ.get("SOURCES", "source_docs")).resolve()


def _session():
    """The serve session, or None outside `mkdocs serve`: `mkdocs build` does not even import the
    builder (a quarter of a CPU second)."""
    module = sys.modules.get(_SESSION_MODULE)
    return module.SESSION if module is not None and module.SESSION.serving else None


def on_startup(command, dirty, **kwargs):
    if command == "serve":
        from builder.engine.session import SESSION

        SESSION.serving = True
        parse_config_with_libyaml()  # MkDocs reloads the config on every rebuild
    elif _SESSION_MODULE in sys.modules:
        sys.modules[_SESSION_MODULE].SESSION.serving = False


def on_config(config, **kwargs):
    if session := _session():
        session.site = Path(config["site_dir"])
        session.rebuild(_sources(), Path(config["docs_dir"]).parent)
    return config


def on_env(env, config, files, **kwargs):
    if session := _session():
        if getattr(session, "templates", None) is None:
            session.templates = _Templates()
        env.bytecode_cache = session.templates
    return env


def on_files(files, config, **kwargs):
    """A file of the build folder is modified if the builder changed it since MkDocs' last build:
    a set lookup in place of MkDocs' two `stat` calls per file (~14,000 files at corpus scale).
    Theme files are left to MkDocs' own comparison."""
    if session := _session():
        docs = os.path.join(config["docs_dir"], "")
        ours = [file for file in files if file.abs_src_path and file.abs_src_path.startswith(docs)]
        session.listed = {file.src_uri: file.dest_uri for file in ours}
        for file in ours:
            unchanged = session.unchanged(file.src_uri)
            if unchanged is not None:
                file.is_modified = lambda modified=not unchanged: modified
    return files


def on_post_build(config, **kwargs):
    if session := _session():
        session.built()


def on_serve(server, config, builder, **kwargs):
    from builder.engine.session import Session

    Session.settle()  # the first build is done; the rebuilds of edits follow
    server.unwatch(config["docs_dir"])
    paths = [str(_sources())]
    for path in paths:
        server.watch(path)
    if getattr(config, "config_file_path", None):
        paths.append(config.config_file_path)  # MkDocs watches it
    if use_native_observer(server, [os.path.abspath(p) for p in paths]):
        # Events now come as they happen; a save's few (write, close, rename) come within milliseconds.
        server.build_delay = min(getattr(server, "build_delay", 0.05), 0.05)
        log.info("Watching with the platform's file notifier: a save is seen at once")
    return server


class _Templates(jinja2.BytecodeCache):
    """Compiled templates, in memory for the session: a rebuild does not parse the theme again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()
