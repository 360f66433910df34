"""MkDocs hook for `mkdocs serve`: an edited source is rebuilt in about a second.

On every rebuild while serving, the builder runs first, in this process, with
a cache it keeps in memory between rebuilds (`builder.engine.session`): it
reads again only the edited sources, links, renders and checks only the
pages whose inputs changed (the edited document, the pages citing it, index
pages when a title or a document changed), and writes only files whose
content changed, so `mkdocs serve --dirty` renders only those pages. The
search files follow a few seconds later. The sources folder is $SOURCES
(default `source_docs`), watched for changes. Edits to the builder's own
code need a restart of `make serve`.

Optional: without this hook, run the builder before `mkdocs build` (`make site`).
"""

import os
from pathlib import Path

from builder.engine.session import SESSION


def _sources() -> Path:
    return Path(os.environ.get("SOURCES", "source_docs")).resolve()


def on_startup(command, dirty, **kwargs):
    SESSION.serving = command == "serve"


def on_config(config, **kwargs):
    if SESSION.serving:
        SESSION.rebuild(_sources(), Path(config["docs_dir"]).parent)
    return config


def on_serve(server, config, builder, **kwargs):
    server.watch(str(_sources()))
    return server
