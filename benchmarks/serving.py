"""Serve a built site on a loopback port, optionally under a sub-path (tests and benchmarks)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, prefix: str = ""):
    """Serve `folder` on a free loopback port; yields the base URL.

    With a `prefix` ("/repo"), the site answers under that sub-path only, as a
    GitHub Pages project site does.
    """
    root = folder
    if prefix:
        root = folder.parent / f"{folder.name}-served"
        (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        if not (root / prefix.strip("/")).exists():
            (root / prefix.strip("/")).symlink_to(folder)
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
