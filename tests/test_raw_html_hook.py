"""The ready-HTML hook changes how fast MkDocs renders, never what: the site is the same with it off.

`builder/engine/raw_html_hook.py` hands the builder's HTML blocks past
Python-Markdown; with every speed hook switched off MkDocs parses them
itself. Both sites must hold the same bytes.
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

from conftest import SOURCES, tree_digest

from benchmarks.site_config import mkdocs_config
from builder.build import build
from builder.engine.raw_html_hook import anchors, join, split

ENV = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def _site(build_dir, site, hooks_off: bool):
    config = mkdocs_config(build_dir, site, hooks=not hooks_off)  # hooks off: the engine alone
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, env=ENV, cwd=build_dir.parent,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return tree_digest(site)


def test_the_site_is_byte_identical_with_the_hook_off(tmp_path):
    result = build(SOURCES, tmp_path / "build")
    assert not result.errors
    fast = _site(tmp_path / "build", tmp_path / "fast", hooks_off=False)
    plain = _site(tmp_path / "build", tmp_path / "plain", hooks_off=True)
    assert fast == plain


def test_only_whole_html_blocks_are_handed_over():
    page = (
        '# Title\n\n<div class="a" id="x"><p>one</p></div>\n\n<p id="y">two</p>\n\n'
        "## Part {#part}\n\n<div>not closed here\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    text, runs = split(page)
    assert runs == ['<div class="a" id="x"><p>one</p></div>\n\n<p id="y">two</p>']
    assert "<div>not closed here" in text and "| 1 | 2 |" in text
    assert join("<h1>T</h1>\n<p>UNPREADYHTMLBLOCK0ZQ</p>\n<h2>P</h2>", runs) == (f"<h1>T</h1>\n{runs[0]}\n\n<h2>P</h2>")


def test_a_block_ending_the_page_with_a_newline_is_handed_over():
    """A comparison page ends with its rows block and a newline: still one ready block, same HTML."""
    page = '# Compare\n\n<div class="rows">\n<div id="b-pp1">one</div>\n</div>\n'
    text, runs = split(page)
    assert runs == ['<div class="rows">\n<div id="b-pp1">one</div>\n</div>']
    assert "<div" not in text


class _Ids(HTMLParser):
    """The ids an HTML parser sees: what MkDocs records of raw HTML it parses itself."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")


def test_the_anchors_handed_over_are_the_ids_of_the_blocks():
    """The plain-space fast path and the fallback (an id after a tab or a line break, a `data-id`)."""
    for run in (
        '<div id="pp1"><p id="op2">x</p></div>',
        '<div class="a"\tid="b-pp1" data-id="not-an-id"><span id="fn&amp;1">y</span></div>',
        '<p\nid="on-a-new-line">z</p>',
    ):
        parser = _Ids()
        parser.feed(run)
        assert anchors([run]) == parser.ids
