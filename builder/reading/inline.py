"""Token text to stand-off annotations.

Guarantees: an `Inline` whose `text` has no private-use tokens, whose spans
cover exactly the emphasised characters and whose note refs sit at the offset
where each marker stood. Unbalanced emphasis tokens are dropped (the words
stay).
"""

from __future__ import annotations

import re

from builder.model import Inline, NoteRef, Span
from builder.reading.state import EM_CLOSE, EM_OPEN, MARK_CLOSE, MARK_OPEN, STRONG_CLOSE, STRONG_OPEN, has_token

_TOKEN = re.compile(f"{MARK_OPEN}([^{MARK_CLOSE}]*){MARK_CLOSE}|[{EM_OPEN}{EM_CLOSE}{STRONG_OPEN}{STRONG_CLOSE}]")
_KIND = {EM_OPEN: "em", EM_CLOSE: "em", STRONG_OPEN: "strong", STRONG_CLOSE: "strong"}


def to_inline(tokens: str) -> Inline:
    if not has_token(tokens):
        return Inline(tokens.strip(), [], [])  # most paragraphs: no markers, no emphasis
    out: list[str] = []
    spans: list[Span] = []
    refs: list[NoteRef] = []
    open_at: dict[str, int] = {}
    length = 0
    last = 0
    for m in _TOKEN.finditer(tokens):
        chunk = tokens[last : m.start()]
        out.append(chunk)
        length += len(chunk)
        last = m.end()
        token = m.group(0)
        if m.group(1) is not None:
            refs.append(NoteRef(length, m.group(1)))
        elif token in (EM_OPEN, STRONG_OPEN):
            open_at[_KIND[token]] = length
        else:
            start = open_at.pop(_KIND[token], None)
            if start is not None and length > start:
                spans.append(Span(start, length, _KIND[token]))
    out.append(tokens[last:].replace(MARK_OPEN, "").replace(MARK_CLOSE, ""))
    text = "".join(out)
    # Trim white space at the ends, moving annotations with the text.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if lead:
        spans = [Span(max(0, s.start - lead), max(0, s.end - lead), s.kind) for s in spans]
        refs = [NoteRef(max(0, r.offset - lead), r.label) for r in refs]
    size = len(text)
    spans = [Span(s.start, min(s.end, size), s.kind) for s in spans if s.start < size]
    refs = [NoteRef(min(r.offset, size), r.label) for r in refs]
    return Inline(text, spans, refs)
