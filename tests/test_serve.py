"""`make serve`: editing a source rebuilds its page; only the edited document is read again."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import SOURCES, mkdocs_config

from builder.build import build


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}")


def test_editing_a_source_while_serving_rebuilds_its_page(tmp_path):
    sources = tmp_path / "src"
    shutil.copytree(SOURCES, sources)
    build(sources, tmp_path / "build")
    config = mkdocs_config(tmp_path / "build", tmp_path / "site")
    port = _free_port()
    env = {**os.environ, "SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--no-strict",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/A/C.3/61/L.7/Rev.1/"
        _wait_for(url, "Underlines")
        edited = sources / "002_619dcdd89ffd3792.txt"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Underlines", "Emphasizes"), encoding="utf-8")
        _wait_for(url, "Emphasizes")
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert "4 read from cache" in log, "only the edited document was read again"
