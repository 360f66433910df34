"""MkDocs hook for `mkdocs serve`: a source edit rebuilds the pages it changes.

On every rebuild while serving, the builder runs first (as a separate
process: MkDocs never imports it). Its cache skips unchanged documents and it
rewrites only pages whose content changed, so with `mkdocs serve --dirty`
MkDocs renders again only the edited document and the pages that link to it.
The sources folder is $SOURCES (default `source_docs`), watched for changes.
"""

import os
import subprocess
import sys
from pathlib import Path

_serving = False


def _sources() -> Path:
    return Path(os.environ.get("SOURCES", "source_docs")).resolve()


def on_startup(command, dirty, **kwargs):
    global _serving
    _serving = command == "serve"


def on_config(config, **kwargs):
    if _serving:
        out = Path(config["docs_dir"]).parent
        subprocess.run(
            [sys.executable, "-m", "builder", "build", "--sources", str(_sources()), "--out", str(out), "--keep-going"],
            check=False,
        )
    return config


def on_serve(server, config, builder, **kwargs):
    server.watch(str(_sources()))
    return server
