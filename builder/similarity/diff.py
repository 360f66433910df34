"""Word-level changes between two paragraphs, and their HTML.

The diff is computed on folded tokens (`text.tokens`, so case and typography do
not count as changes) with rapidfuzz's Indel opcodes (longest common
subsequence), and shown with the printed words (`text.display_tokens`).
Segments are ("=", kept), ("-", deleted: in the older text only), ("+",
inserted: in the newer text only).
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from rapidfuzz.distance import Indel

from builder.similarity.text import display_tokens, text_chars

Segment = tuple[str, str]


def word_diff(old: str, new: str) -> list[Segment]:
    """The changes that turn `old` into `new`, as kept, deleted and inserted runs of words."""
    return list(_word_diff(old, new))


@lru_cache(maxsize=1 << 15)
def _word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """`word_diff`, made once for each pair of texts (one paragraph is the precedent of many)."""
    old_show, new_show = display_tokens(old), display_tokens(new)
    out: list[Segment] = []

    def put(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for code in Indel.opcodes(text_chars(old), text_chars(new)):
        if code.tag == "equal":
            put("=", "".join(new_show[code.dest_start : code.dest_end]))
        else:
            put("-", "".join(old_show[code.src_start : code.src_end]))
            put("+", "".join(new_show[code.dest_start : code.dest_end]))
    return tuple((op, text.strip() if i == 0 else text) for i, (op, text) in enumerate(out))


def diff_html(segments: list[Segment]) -> str:
    """`<ins>`/`<del>` with words a screen reader says ("inserted", "deleted"), escaped text."""
    out = []
    for op, text in segments:
        lead = text[: len(text) - len(text.lstrip())]
        body = escape(text.lstrip())
        if op == "=":
            out.append(escape(text))
        elif op == "+":
            out.append(f'{lead}<ins><span class="unp-sr">[inserted: </span>{body}<span class="unp-sr">]</span></ins>')
        else:
            out.append(f'{lead}<del><span class="unp-sr">[deleted: </span>{body}<span class="unp-sr">]</span></del>')
    return "".join(out)


LEGEND = (
    '<p class="unp-legend unp-chrome">Changes: <ins>inserted words</ins> · <del>deleted words</del> '
    "(underlined and struck through, not colour alone)</p>"
)
