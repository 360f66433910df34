"""Two documents aligned paragraph by paragraph, by content not position.

Each paragraph of the newer document (`b`) is matched to at most one of the older
(`a`): identical texts first, then the most similar remaining pairs (normalised
Indel similarity on words ≥ `MATCH`), best first. A matched pair is *kept* (same
words) or *changed* (a word diff inside); a matched pair out of the order of the
longest run of pairs in order is *moved*; an unmatched paragraph of `b` is
*inserted*, of `a` *deleted*. Rows come in `b`'s order, each deleted paragraph
after the row of the paragraph that preceded it in `a`.

`site_overrides/assets/unp-compare.js` runs the same algorithm in the browser
for any two documents (from their `document.json`): keep the two in step.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from builder.similarity.diff import Segment, word_diff
from builder.similarity.text import tokens

MATCH = 0.5
PREFILTER = 0.2  # shared distinct words (Jaccard) below which a pair is not scored


@dataclass
class Side:
    """One paragraph of a compared document."""

    id: str
    label: str
    text: str


@dataclass
class Row:
    kind: str  # "kept", "changed", "moved", "inserted", "deleted"
    a: Side | None
    b: Side | None
    score: float = 0.0
    diff: list[Segment] = field(default_factory=list)


def align(a: list[Side], b: list[Side]) -> list[Row]:
    """The rows of the comparison of `a` (older) with `b` (newer); see the module docstring."""
    ta = [tokens(s.text) for s in a]
    tb = [tokens(s.text) for s in b]
    match: dict[int, tuple[int, float]] = {}  # b index → (a index, score)
    used: set[int] = set()
    exact: dict[tuple[str, ...], list[int]] = {}
    for i, words in enumerate(ta):
        exact.setdefault(tuple(words), []).append(i)
    for j, words in enumerate(tb):
        free = [i for i in exact.get(tuple(words), []) if i not in used]
        if free:
            match[j] = (free[0], 1.0)
            used.add(free[0])
    sa = [set(w) for w in ta]
    sb = [set(w) for w in tb]
    pairs = []
    for j in range(len(b)):
        if j in match:
            continue
        for i in range(len(a)):
            if i in used or not sa[i] or not sb[j]:
                continue
            shared = len(sa[i] & sb[j])
            if shared / (len(sa[i]) + len(sb[j]) - shared) < PREFILTER:
                continue
            score = Indel.normalized_similarity(ta[i], tb[j])
            if score >= MATCH:
                pairs.append((-score, abs(i - j), j, i))
    for negative, _, j, i in sorted(pairs):
        if j not in match and i not in used:
            match[j] = (i, -negative)
            used.add(i)
    in_order = _longest_increasing([(j, match[j][0]) for j in sorted(match)])
    rows: list[Row] = []
    next_a = 0

    def deleted_until(limit: int) -> None:
        nonlocal next_a
        while next_a < limit:
            if next_a not in used:
                rows.append(Row("deleted", a[next_a], None))
            next_a += 1

    for j, side in enumerate(b):
        if j not in match:
            rows.append(Row("inserted", None, side))
            continue
        i, score = match[j]
        if j in in_order:
            deleted_until(i + 1)
        changed = score < 1.0 or ta[i] != tb[j]
        kind = "moved" if j not in in_order else ("changed" if changed else "kept")
        rows.append(Row(kind, a[i], side, score, word_diff(a[i].text, side.text) if changed else []))
    deleted_until(len(a))
    return rows


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[int]:
    """The b indices of a longest run of matched pairs whose a indices increase (patience sorting)."""
    tails: list[int] = []  # a index ending the best run of each length
    tail_at: list[int] = []  # position in pairs of that end
    back: list[int] = []
    for pos, (_, i) in enumerate(pairs):
        k = bisect_left(tails, i)
        back.append(tail_at[k - 1] if k else -1)
        if k == len(tails):
            tails.append(i)
            tail_at.append(pos)
        else:
            tails[k] = i
            tail_at[k] = pos
    out: set[int] = set()
    pos = tail_at[-1] if tail_at else -1
    while pos >= 0:
        out.add(pairs[pos][0])
        pos = back[pos]
    return out


def summary(rows: list[Row]) -> dict[str, int]:
    counts = {"kept": 0, "changed": 0, "moved": 0, "inserted": 0, "deleted": 0}
    for row in rows:
        counts[row.kind] += 1
    return counts
