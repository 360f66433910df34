"""Records to one scored inverted index, cut into shards the browser fetches per word.

Written by hand: no library writes a static, sharded, pre-scored index that a
browser reads a word at a time (lunr and Pagefind both load whole structures
per word or per page; see README "Search").

Scoring is BM25 (k1 = 1.2, b = 0.75, lunr's idf), computed per field and
summed with the field boosts of `records.FIELDS`, for every kind of record
alike: documents, paragraphs and glossary entries compete on one scale. Each
(term, record) pair stores its whole score, so the browser only adds the
scores of a query's terms.

Postings are stored as gaps between record numbers (small numbers gzip well)
with the score in tenths. A very common term (in more than `COMMON` of the
records, and at least `COMMON_MIN`: "develop", "nation") says little about relevance, so it is stored
without scores (one score for the term, its median): its shard costs a few
bytes per record instead of a dozen, and a query for "sustainable development"
fetches the rare word's postings in full and the common one's as a plain list,
plus the few records where it scores at least twice its median (a title, a
symbol: what makes a document the answer to "human rights defenders").

Shards are keyed by term prefix: a term lives in the shard with the longest
key that begins it; keys start at two characters and grow where a prefix
holds more than `limit` bytes. The browser fetches a shard only when the word
typed so far falls in exactly one shard, so a two-letter prefix never pulls in
every shard under it.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import orjson

from builder.search.records import Record

K1 = 1.2
B = 0.75
COMMON = 0.1  # share of all records above which a term's postings carry no scores
COMMON_MIN = 2000  # ... and never below this many records (a small site keeps every score)


@dataclass
class Scores:
    """Every (term, record) score, grouped by term: `terms` sorted; term i's records are
    `numbers[starts[i]:starts[i + 1]]`, increasing, with their scores in tenths (`values`) and
    their gaps from the record before (`gaps`, the first from -1)."""

    terms: list[str]
    starts: list[int]
    numbers: np.ndarray
    values: np.ndarray
    gaps: np.ndarray

    def postings(self, i: int) -> tuple[list[int], list[int]]:
        """Term i's record numbers and scores."""
        a, b = self.starts[i], self.starts[i + 1]
        return self.numbers[a:b].tolist(), self.values[a:b].tolist()


def score_records(records: list[Record], boosts: dict[str, int]) -> Scores:
    """Every term's records and scores in tenths, BM25 per field times its boost, summed over fields.

    Uses each record's `counted` (its terms' frequencies per field, made with the record, so
    cached with it). The same arithmetic as one loop over every (term, record) pair, in the same
    order of operations, so the same scores: `tf / (norm + tf) * boost` per field (summed in field
    order where a record has several), times the term's weight, rounded half to even (numpy's
    `rint` rounds as Python's `round`), at least 1. Most records (paragraphs: text only) are
    computed as whole arrays, about 1.7 million pairs at 1,180 documents.
    """
    count = len(records) or 1
    total_length = dict.fromkeys(boosts, 0)
    having = dict.fromkeys(boosts, 0)
    containing: Counter = Counter()
    for record in records:
        counted = record.counted
        for name, (_, length) in counted.items():
            total_length[name] += length
            having[name] += 1
        if len(counted) == 1:
            containing.update(next(iter(counted.values()))[0].keys())
        else:
            containing.update({t for counts, _ in counted.values() for t in counts})
    terms = sorted(containing)
    ids = {t: i for i, t in enumerate(terms)}
    # idf times (k1 + 1) times 10 (tenths), once per term
    weight = np.array(
        [10 * (K1 + 1) * math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for n in map(containing.__getitem__, terms)],
        dtype=np.float64,
    )
    # A field's average length over the records that have it (lunr divides by every record, which
    # makes a title look long next to the paragraphs that have none).
    average = {name: (total_length[name] / having[name]) if having[name] else 1 for name in boosts}
    # Single-field records: their pairs as arrays (term, record, tf, norm, boost).
    tokens: list[str] = []
    numbers: list[int] = []
    tfs: list[int] = []
    norms: list[float] = []
    field_boosts: list[int] = []
    # Records with several fields: their pairs' summed values, computed here.
    multi_tokens: list[str] = []
    multi_numbers: list[int] = []
    multi_values: list[float] = []
    for number, record in enumerate(records):
        if len(record.counted) == 1:  # most paragraphs: text only
            ((name, (counts, length)),) = record.counted.items()
            n = len(counts)
            tokens += counts
            tfs += counts.values()
            numbers += repeat(number, n)
            norms += repeat(K1 * (1 - B + B * (length / average[name])), n)
            field_boosts += repeat(boosts[name], n)
            continue
        combined: dict[str, float] = {}
        for name, (counts, length) in record.counted.items():
            boost = boosts[name]
            norm = K1 * (1 - B + B * (length / average[name]))
            for token, tf in counts.items():
                combined[token] = combined.get(token, 0.0) + tf / (norm + tf) * boost
        multi_tokens += combined
        multi_numbers += repeat(number, len(combined))
        multi_values += combined.values()
    tf = np.array(tfs, dtype=np.float64)
    value = np.concatenate([tf / (np.array(norms, dtype=np.float64) + tf) * np.array(field_boosts, dtype=np.float64),
                            np.array(multi_values, dtype=np.float64)])  # fmt: skip
    term_ids = np.fromiter(map(ids.__getitem__, tokens + multi_tokens), dtype=np.int64, count=len(value))
    record_numbers = np.array(numbers + multi_numbers, dtype=np.int64)
    scores = np.maximum(np.rint(value * weight[term_ids]), 1).astype(np.int64)
    order = np.argsort(term_ids * count + record_numbers, kind="stable")
    term_ids, record_numbers, scores = term_ids[order], record_numbers[order], scores[order]
    starts = np.searchsorted(term_ids, np.arange(len(terms) + 1)).tolist()
    gaps = np.diff(record_numbers, prepend=-1)
    firsts = np.array(starts[:-1], dtype=np.int64)
    gaps[firsts[firsts < len(gaps)]] = record_numbers[firsts[firsts < len(gaps)]] + 1
    return Scores(terms, starts, record_numbers, scores, gaps)


def encode(numbers: list[int], gaps: list[int], scores: list[int], common: int) -> list:
    """`[gaps, scores]`: record numbers (increasing) as gaps from the previous one, scores in tenths;
    for a term in more than `common` records, `[gaps, median, high gaps, high scores]`:
    one score for all but the records scoring at least twice the median."""
    if len(numbers) > common:
        median = round(statistics.median(scores))
        # ... except where the term scores far above it: in a title or a symbol, which rank a record.
        high = [(n, s) for n, s in zip(numbers, scores, strict=True) if s >= 2 * median]
        high_gaps = [b - a for a, b in zip([-1, *(n for n, _ in high)], (n for n, _ in high), strict=False)]
        return [gaps, median, high_gaps, [s for _, s in high]]
    if len(set(scores)) == 1:
        return [gaps, scores[0]]
    return [gaps, scores]


def _size(entry: list) -> int:
    """Length of `json.dumps(entry, separators=(",", ":"))`: orjson's where the bytes are the same
    (a term of printable ASCII; the rest is integers), else the standard library's."""
    if entry[0].isascii() and entry[0].isprintable():
        return len(orjson.dumps(entry))
    return len(json.dumps(entry, separators=(",", ":")))


def shards(scores: Scores, count: int, limit: int) -> dict[str, list]:
    """Every term's encoded postings, in shards of about `limit` bytes keyed by term prefix.

    A shard lists `[term, gaps, scores]` per term, terms sorted.
    """
    common = max(COMMON_MIN, int(count * COMMON))
    entries = {}
    for i, term in enumerate(scores.terms):
        a, b = scores.starts[i], scores.starts[i + 1]
        entries[term] = [
            term,
            *encode(scores.numbers[a:b].tolist(), scores.gaps[a:b].tolist(), scores.values[a:b].tolist(), common),
        ]
    sizes = {term: _size(entry) for term, entry in entries.items()}
    out: dict[str, list] = {}

    def cut(group_terms: list[str], depth: int) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for term in group_terms:
            groups[term[:depth]].append(term)
        for key, group in groups.items():
            big = sum(sizes[t] for t in group) > limit
            longer = [t for t in group if len(t) > depth]
            if big and longer and depth < 12:
                shorter = [t for t in group if len(t) <= depth]
                if shorter:
                    out[key] = [entries[t] for t in shorter]
                cut(longer, depth + 1)
            else:
                out[key] = [entries[t] for t in group]

    cut(list(entries), 2)
    return dict(sorted(out.items()))
