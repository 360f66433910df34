"""Edit-to-reload under `mkdocs serve`: seconds from saving a source to the open page showing the change.

`make serve` is started on a copy of the sources (as the Makefile runs it:
`mkdocs serve --dirty` with the project's hooks). A document's page is
opened in Chromium; then, `edits` times, one word of the source is changed
and the clock runs until the page in the browser, reloaded by MkDocs'
livereload, holds the new word. Without Chromium the page is polled over
HTTP instead (and the figure says so).

    python -m benchmarks.live --sources ../shared/corpus --edits 3
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.search_bench import CHROMIUM, CHROMIUM_ARGS
from benchmarks.site_config import mkdocs_config

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
_OPERATIVE = re.compile(r"^\s*1\.\s+(\w+)", re.MULTILINE)

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, seconds: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _victim(sources: Path) -> tuple[Path, str]:
    """A resolution in the middle of the corpus with an operative paragraph 1, and its address."""
    from builder.build import read_model
    from builder.sources import discover

    found = discover(sources)
    for source in found[len(found) // 2 :] + found:
        if source.path.suffix != ".txt" or not _OPERATIVE.search(source.path.read_text(encoding="utf-8")):
            continue
        outcome = read_model(source)
        if outcome.doc is not None:
            return source.path, outcome.doc.path.removesuffix(".md") + "/"
    raise RuntimeError(f"no document to edit in {sources}")


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` so far (Linux /proc), its unreaped children left out."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def serving(sources: Path, work: Path):
    """`make serve` on `sources`, built in `work`; yields the base URL and the server's process id
    once the site answers."""
    subprocess.run(
        [sys.executable, "-m", "builder", "build", "--sources", str(sources), "--out", str(work / "build"),
         "--keep-going", "--quiet", "--instruments", str(ROOT / "source_docs/instruments.yml")],
        check=True, env=ENV, cwd=work, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    config = mkdocs_config(work / "build", work / "site")
    port = _free_port()
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-f", str(config),
         "-a", f"127.0.0.1:{port}"],
        cwd=ROOT, env={**ENV, "SOURCES": str(sources)}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the search worker it forks ends with it
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        if not _wait(lambda: "</html>" in _fetch(url), 900, 0.5):
            raise RuntimeError(f"mkdocs serve never answered; see {work / 'serve.log'}")
        yield url, server.pid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def _edit(path: Path, word: str) -> str:
    """Replace the first operative verb of `path` with `word`; return the word it replaced."""
    text = path.read_text(encoding="utf-8")
    m = _OPERATIVE.search(text)
    path.write_text(text[: m.start(1)] + word + text[m.end(1) :], encoding="utf-8")
    return m.group(1)


def measure(sources: Path, edits: int = 3) -> dict:
    """Edit one document `edits` times under `make serve`; seconds from each save to the reloaded page."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        copy = tmp / "src"
        shutil.copytree(sources, copy)
        victim, address = _victim(copy)
        (tmp / "work").mkdir()
        with serving(copy, tmp / "work") as (url, pid):
            page_url = url + address
            _wait(lambda: "</html>" in _fetch(page_url), 120, 0.5)
            time.sleep(3)  # let the first build's late work (search files) settle
            cpu: list[float | None] = []
            if Path(CHROMIUM).exists():
                seconds, how = _in_browser(victim, page_url, edits, pid, cpu), "Chromium"
            else:
                seconds, how = _over_http(victim, page_url, edits, pid, cpu), "HTTP polling"
            log = (tmp / "work/serve.log").read_text(encoding="utf-8", errors="replace")
    return {"seconds": seconds, "median": statistics.median(seconds), "how": how, "log": log, "cpu": cpu}


def _timed_edit(victim: Path, word: str, pid: int, cpu: list, until) -> float:
    """Seconds from saving `word` into `victim` to `until()` returning; the serve process's CPU
    seconds over the same span go to `cpu` (wall seconds mean little on a busy machine)."""
    before, started = _cpu_seconds(pid), time.monotonic()
    _edit(victim, word)
    until()
    seconds, after = time.monotonic() - started, _cpu_seconds(pid)
    cpu.append(None if before is None or after is None else after - before)
    return seconds


def _in_browser(victim: Path, page_url: str, edits: int, pid: int, cpu: list) -> list[float]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_url)
        for n in range(edits):
            word = f"Livereloaded{n}x"
            script = f"document.body && document.body.innerText.includes({word!r})"
            out.append(_timed_edit(victim, word, pid, cpu, lambda s=script: page.wait_for_function(s, timeout=120_000)))
            time.sleep(4)  # an editor's next save comes seconds later (the search worker starts meanwhile)
        browser.close()
    return out


def _over_http(victim: Path, page_url: str, edits: int, pid: int, cpu: list) -> list[float]:
    """Without a browser: seconds from each save to the served page holding the edit."""
    out = []
    for n in range(edits):
        word = f"Livereloaded{n}x"

        def appeared(w: str = word) -> None:
            if not _wait(lambda: w in _fetch(page_url), 120):
                raise RuntimeError(f"{w} never appeared at {page_url}")

        out.append(_timed_edit(victim, word, pid, cpu, appeared))
        time.sleep(4)
    return out


_BUILT = re.compile(r"files written, ([\d.]+) s.*?Documentation built in ([\d.]+) seconds", re.DOTALL)


def engine_seconds(log: str) -> list[tuple[float, float]]:
    """Per rebuild in the serve log (the first, full build left out): (builder, MkDocs' own) wall seconds."""
    pairs = [(float(b), float(total) - float(b)) for b, total in _BUILT.findall(log)]
    return pairs[1:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--log", action="store_true", help="print the serve log")
    args = parser.parse_args(argv)
    result = measure(args.sources, args.edits)
    if args.log:
        print(result["log"])
    times = ", ".join(f"{s:.2f}" for s in result["seconds"])
    rebuilds = ", ".join(f"{b:.2f} + {e:.2f}" for b, e in engine_seconds(result["log"]))
    print(f"rebuilds in the serve log, builder + MkDocs seconds: {rebuilds}")
    if result["cpu"] and None not in result["cpu"]:
        cpu = ", ".join(f"{c:.2f}" for c in result["cpu"])
        print(f"CPU seconds of the serve process per edit (builder + MkDocs + serving): {cpu}")
    print(f"edit to reload ({result['how']}): median {result['median']:.2f} s ({times})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
