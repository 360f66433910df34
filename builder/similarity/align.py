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

import numpy as np
from rapidfuzz.distance import Indel

from builder.similarity.diff import Segment, word_diff
from builder.similarity.text import text_chars, text_codes, tokens

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
    pairs = []
    ca = [text_codes(s.text) for s in a]
    cb = [text_codes(s.text) for s in b]
    for i, j in _similar_enough(ca, cb, used, match):
        score = Indel.normalized_similarity(text_chars(a[i].text), text_chars(b[j].text))
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


_CELLS = 1 << 19  # 64-bit words compared at once (4 MB)


def _similar_enough(
    ca: list[np.ndarray], cb: list[np.ndarray], used: set[int], match: dict[int, tuple[int, float]]
) -> list[tuple[int, int]]:
    """The pairs (a index, b index), neither side matched yet, both with words, sharing at least
    `PREFILTER` of their distinct words (Jaccard), in the order b then a: every pair's shared
    words counted at once, as the set bits two rows of bits share (one bit per word of the two)."""
    rows = [i for i in range(len(ca)) if i not in used and len(ca[i])]
    cols = [j for j in range(len(cb)) if j not in match and len(cb[j])]
    if not rows or not cols:
        return []
    parts = [ca[i] for i in rows] + [cb[j] for j in cols]
    vocabulary, inverse = np.unique(np.concatenate(parts), return_inverse=True)
    owner = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    incidence = np.zeros((len(parts), (len(vocabulary) + 63) // 64 * 64), dtype=bool)
    incidence[owner, inverse.ravel()] = True
    sizes = incidence.sum(axis=1).astype(np.float64)  # distinct words of each
    bits = np.packbits(incidence, axis=1, bitorder="little").view(np.uint64)
    bits_a, bits_b = bits[: len(rows)], bits[len(rows) :]
    size_a, size_b = sizes[: len(rows)], sizes[len(rows) :]
    shared = np.zeros((len(cols), len(rows)), dtype=np.int64)
    step = max(1, _CELLS // (len(rows) * bits_a.shape[1]))
    for at in range(0, len(cols), step):  # shared words: the set bits of both, counted; a few MB at a time
        both = bits_b[at : at + step, None, :] & bits_a[None, :, :]
        shared[at : at + step] = np.bitwise_count(both).sum(axis=2, dtype=np.int64)
    shared = shared.astype(np.float64)
    keep = ~(shared / (size_b[:, None] + size_a[None, :] - shared) < PREFILTER)
    jb, ia = np.nonzero(keep)
    return [(rows[i], cols[j]) for j, i in zip(jb.tolist(), ia.tolist(), strict=True)]


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
