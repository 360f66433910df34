"""MkDocs hook: hand the builder's ready HTML blocks to the page as they are.

A document page is Markdown headings around block-level HTML the builder has
already escaped and finished (`builder.render.page`). Python-Markdown would
pass those blocks through unchanged, but only after parsing every tag of them
twice (its raw-HTML extractor, then MkDocs' anchor collector): most of
`mkdocs build` at corpus scale. This hook swaps each run of such blocks for
a one-word placeholder paragraph before Markdown runs, so Python-Markdown
parses only the headings (table of contents, ids, permalinks, title: all as
before), then puts the blocks back in place of the placeholders' `<p>` and
records their ids as the page's anchors (so links to them are still checked
by MkDocs where it checks them).

The result is byte-identical to what Python-Markdown makes of the whole page
(`tests/test_raw_html_hook.py` holds it to that); with the hook switched off
the site is the same, only slower. A chunk is handed over only when it is
plainly one block-level element (starts with `<tag` of a block element, ends
with `</tag>`); anything else stays Markdown.
"""

from __future__ import annotations

import re
from html import unescape

# Python-Markdown's block-level elements (markdown.util.BLOCK_LEVEL_ELEMENTS) that the builder writes.
_BLOCK_START = re.compile(r"<(div|p|ul|ol|dl|details|table|section|figure|blockquote|nav)[\s>]")
_ID = re.compile(r"""\sid="([^"]*)\"""")
_SPACED_ID = re.compile(r""" id="([^"]*)\"""")  # a literal start: searched several times faster
_TOKEN = "UNPREADYHTMLBLOCK{}ZQ"
# Python-Markdown sets a blank line after a raw block, where a paragraph has a line break.
_PLACEHOLDER = re.compile(r"<p>UNPREADYHTMLBLOCK(\d+)ZQ</p>(\n?)")
_KEY = "unp_ready_blocks"
# Its page events depend on the page alone and do nothing more on their own result: `parallel_hook`
# may read pages on a worker.
PAGE_ALONE = True


def _ready(chunk: str) -> bool:
    m = _BLOCK_START.match(chunk)
    return m is not None and chunk.endswith(f"</{m.group(1)}>")


def split(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each run of ready HTML blocks replaced by a placeholder; the runs."""
    out: list[str] = []
    runs: list[str] = []
    pending: list[str] = []
    for chunk in markdown.split("\n\n"):
        if _ready(chunk.rstrip("\n")):  # a block's trailing newlines are only blank lines to Markdown
            pending.append(chunk.rstrip("\n"))
            continue
        if pending:
            out.append(_TOKEN.format(len(runs)))
            runs.append("\n\n".join(pending))
            pending = []
        out.append(chunk)
    if pending:
        out.append(_TOKEN.format(len(runs)))
        runs.append("\n\n".join(pending))
    return "\n\n".join(out), runs


def join(html: str, runs: list[str]) -> str:
    """The rendered page with the placeholders' paragraphs replaced by their blocks."""
    return _PLACEHOLDER.sub(lambda m: runs[int(m.group(1))] + m.group(2) * 2, html)


def anchors(runs: list[str]) -> set[str]:
    """Every `id` of the blocks. When each `id="` follows a plain space (as the builder writes
    them), the literal search finds the same ids as `_ID`; else `_ID` finds them."""
    found = []
    for run in runs:
        spaced = run.count(' id="') == run.count('id="')
        found += (_SPACED_ID if spaced else _ID).findall(run)
    return {unescape(a) if "&" in a else a for a in found}


def on_page_markdown(markdown, page, **kwargs):
    text, runs = split(markdown)
    if not runs:
        return markdown
    setattr(page, _KEY, runs)
    return text


def on_page_content(html, page, **kwargs):
    runs = getattr(page, _KEY, None)
    if not runs:
        return html
    delattr(page, _KEY)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchors(runs)
    return join(html, runs)
