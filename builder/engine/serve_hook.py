"""MkDocs hook for `mkdocs serve`: an edited source is rebuilt in about a second.

On every rebuild while serving, the builder runs first, in this process, with
a cache it keeps in memory between rebuilds (`builder.engine.session`): it
reads again only the edited sources, links, renders and checks only the
pages whose inputs changed (the edited document, the pages citing it, index
pages when a title or a document changed), and writes only files whose
content changed, so `mkdocs serve --dirty` renders only those pages. The
search files follow a few seconds later. The sources folder is $SOURCES
(default `source_docs`), watched for changes; the build folder is not
watched, as the builder, its only writer, runs on every rebuild (so its
writes cause no second rebuild): the search worker touches
`<build>/serve-events/search-ready` instead. The watching is done by the
platform's file notifier where there is one (`builder.engine.watcher`), so a
save starts the rebuild at once instead of at MkDocs' next half-second poll.
Compiled templates are kept between rebuilds. Edits to the builder's own code need a restart of `make serve`.

Optional: without this hook, run the builder before `mkdocs build` (`make site`).
"""

import os
from pathlib import Path

import jinja2

from builder.engine.session import SESSION
from builder.engine.watcher import log, use_native_observer


def _sources() -> Path:
    return Path(os.environ.get("SOURCES", "source_docs")).resolve()


def on_startup(command, dirty, **kwargs):
    SESSION.serving = command == "serve"


def on_config(config, **kwargs):
    if SESSION.serving:
        SESSION.rebuild(_sources(), Path(config["docs_dir"]).parent)
    return config


def on_env(env, config, files, **kwargs):
    if SESSION.serving:
        if getattr(SESSION, "templates", None) is None:
            SESSION.templates = _Templates()
        env.bytecode_cache = SESSION.templates
    return env


def on_serve(server, config, builder, **kwargs):
    server.unwatch(config["docs_dir"])
    paths = [str(_sources()), str(SESSION.events_folder(Path(config["docs_dir"]).parent))]
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
