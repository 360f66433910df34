"""Token text to stand-off annotations.

Guarantees: an `Inline` whose `text` has no private-use tokens, whose spans
cover exactly the emphasised characters and whose note refs sit at the offset
where each marker stood. Unbalanced emphasis tokens are dropped (the words
stay).
"""

from __future__ import annotations

from builder.model import Inline, NoteRef, Span
from builder.reading.state import EM_CLOSE, EM_OPEN, MARK_CLOSE, MARK_OPEN, STRONG_CLOSE, STRONG_OPEN


def to_inline(tokens: str) -> Inline:
    out: list[str] = []
    spans: list[Span] = []
    refs: list[NoteRef] = []
    open_at: dict[str, int] = {}
    length = 0
    i = 0
    while i < len(tokens):
        ch = tokens[i]
        if ch == MARK_OPEN:
            close = tokens.find(MARK_CLOSE, i)
            if close < 0:
                i += 1
                continue
            refs.append(NoteRef(length, tokens[i + 1 : close]))
            i = close + 1
            continue
        if ch in (EM_OPEN, STRONG_OPEN):
            open_at["em" if ch == EM_OPEN else "strong"] = length
        elif ch in (EM_CLOSE, STRONG_CLOSE):
            kind = "em" if ch == EM_CLOSE else "strong"
            start = open_at.pop(kind, None)
            if start is not None and length > start:
                spans.append(Span(start, length, kind))
        else:
            out.append(ch)
            length += 1
        i += 1
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
