"""`make serve`: editing a source rebuilds its page; only the edited document is read again."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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


@contextlib.contextmanager
def _serving(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    """`make serve` on a copy of the seed sources: (the sources, the site's address, its log once stopped)."""
    sources = tmp_path / "src"
    shutil.copytree(SOURCES, sources)
    build(sources, tmp_path / "build")
    config = mkdocs_config(tmp_path / "build", tmp_path / "site")
    port = _free_port()
    env = {**os.environ, "SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(config)]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    try:
        yield sources, f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        log.append(server.communicate(timeout=30)[0])


def test_editing_a_source_while_serving_rebuilds_its_page(tmp_path):
    with _serving(tmp_path) as (sources, site, log):
        url = f"{site}/A/C.3/61/L.7/Rev.1/"
        _wait_for(url, "Underlines")
        edited = sources / "002_619dcdd89ffd3792.txt"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Underlines", "Emphasizes"), encoding="utf-8")
        _wait_for(url, "Emphasizes")
    assert "4 read from cache" in log[0], "only the edited document was read again"


def _status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _wait_for_status(url: str, status: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _status(url) == status:
            return
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered {status}")


def test_the_served_site_follows_edits_additions_and_removals(tmp_path):
    """Under `make serve` MkDocs is told which files the builder changed (it compares no file
    times): an edited document's data files, an added document and a removed one all show."""
    with _serving(tmp_path) as (sources, site, _):
        removed = f"{site}/ccpcj-27-draft-strengthening-measures-trafficking/"
        _wait_for(f"{site}/A/C.3/61/L.7/Rev.1/", "Underlines")
        _wait_for_status(removed, 200)
        edited = sources / "002_619dcdd89ffd3792.txt"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Underlines", "Emphasizes"), encoding="utf-8")
        _wait_for(f"{site}/A/C.3/61/L.7/Rev.1/", "Emphasizes")
        _wait_for(f"{site}/A/C.3/61/L.7/Rev.1/source.txt", "Emphasizes")
        _wait_for(f"{site}/A/C.3/61/L.7/Rev.1/document.json", "Emphasizes")

        for suffix in (".txt", ".yml"):
            (sources / f"003_42fe8f89b711bf96{suffix}").rename(tmp_path / f"aside{suffix}")
        _wait_for_status(removed, 404)
        _wait_for_status(f"{removed}document.json", 404)

        for suffix in (".txt", ".yml"):
            (tmp_path / f"aside{suffix}").rename(sources / f"005_added{suffix}")
        _wait_for_status(removed, 200)
