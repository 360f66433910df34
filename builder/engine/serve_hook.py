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
`<build>/serve-events/search-ready` instead. Compiled templates are kept
between rebuilds. Edits to the builder's own code need a restart of `make serve`.

Optional: without this hook, run the builder before `mkdocs build` (`make site`).
"""

import os
from pathlib import Path

import jinja2

from builder.engine.session import SESSION


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
    server.watch(str(_sources()))
    server.watch(str(SESSION.events_folder(Path(config["docs_dir"]).parent)))
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
