"""Search records to lunr indexes: the whole-index form, and term shards.

Written by hand, on purpose: lunr.py's `Builder` computes the same index but
takes about 30 s for the 58,000 paragraphs of the 1,180-document corpus (it
tokenizes character by character and deep-copies metadata for every token);
this computes the same postings and the same BM25 field vectors (lunr's
formula, k1 = 1.2, b = 0.75, scores rounded to 3 places) from terms that are
already made, in about a second. `tests/test_search_index.py` holds it to
lunr.py: for the same records, `serialize()` equals what `lunr.Builder` gives.

Two outputs:
- `serialize()`: an index `lunr.Index.load` reads whole (the small index of
  documents and glossary entries, always loaded).
- `shards()`: the paragraph index cut by the first letters of its terms.
  A query needs only the shards of its own terms; the browser puts them
  together into one `lunr.Index` (postings, and the field vectors restricted
  to those terms). lunr scores a result by the dot product of the query
  vector with the document's field vector divided by the query's magnitude,
  so vectors restricted to the query's terms give exactly the scores of the
  whole index.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

from builder.search.records import Record

LUNR_VERSION = "2.3.9"  # the lunr.js that ships inside mkdocs
K1 = 1.2
B = 0.75


@dataclass
class LunrIndex:
    """A lunr index as data: fields, postings with their BM25 scores, field-vector order."""

    fields: list[str]
    # term -> (term index, {field: {ref: score}})
    postings: dict[str, tuple[int, dict[str, dict[str, float]]]] = field(default_factory=dict)
    # insertion order of (field, ref), for lunr's field vector order
    field_refs: list[tuple[str, str]] = field(default_factory=list)

    def serialize(self) -> dict:
        """The whole index in lunr's serialized form (what `lunr.Index.load` reads)."""
        vectors: dict[tuple[str, str], list[tuple[int, float]]] = {fr: [] for fr in self.field_refs}
        for index, by_field in self.postings.values():
            for name, scores in by_field.items():
                for ref, score in scores.items():
                    vectors[(name, ref)].append((index, score))
        return {
            "version": LUNR_VERSION,
            "fields": self.fields,
            "fieldVectors": [
                [f"{name}/{ref}", [x for pair in sorted(vectors[(name, ref)]) for x in pair]]
                for name, ref in self.field_refs
            ],
            "invertedIndex": [
                [term, {**{name: {ref: {} for ref in by_field.get(name, {})} for name in self.fields}, "_index": index}]
                for term, (index, by_field) in sorted(self.postings.items())
            ],
            "pipeline": [],
        }

    def shards(self, limit: int) -> dict[str, list]:
        """The postings cut into shards of about `limit` bytes, keyed by a term prefix.

        A term belongs to the shard with the longest key that begins it; keys
        start at two characters and grow where a prefix holds too much. Each
        shard lists `[term, term index, [[ref, score, ref, score, ...] per field]]`.
        """
        entries = {term: self._entry(term) for term in sorted(self.postings)}
        # Serialized size, closely enough: each posting is `"ref",score,`.
        sizes = {
            term: len(term) + 16 + sum(sum(map(len, s)) + 10 * len(s) for s in self.postings[term][1].values())
            for term in entries
        }
        out: dict[str, list] = {}

        def cut(terms: list[str], depth: int) -> None:
            groups: dict[str, list[str]] = defaultdict(list)
            for term in terms:
                groups[term[:depth]].append(term)
            for key, group in groups.items():
                big = sum(sizes[t] for t in group) > limit
                longer = [t for t in group if len(t) > depth]
                if big and longer and depth < 8:
                    shorter = [t for t in group if len(t) <= depth]
                    if shorter:
                        out[key] = [entries[t] for t in shorter]
                    cut(longer, depth + 1)
                else:
                    out[key] = [entries[t] for t in group]

        cut(list(entries), 2)
        return dict(sorted(out.items()))

    def _entry(self, term: str) -> list:
        index, by_field = self.postings[term]
        return [
            term,
            index,
            [list(chain.from_iterable(by_field.get(name, {}).items())) for name in self.fields],
        ]


def build_index(records: list[Record], boosts: dict[str, int]) -> LunrIndex:
    """lunr's index of `records` (their `fields` hold terms), with lunr's BM25 scoring."""
    fields = list(boosts)
    index = LunrIndex(fields)
    frequencies: list[tuple[str, str, Counter, int]] = []
    documents_with: Counter = Counter()
    total_length = dict.fromkeys(fields, 0)
    numbers: dict[str, int] = {}  # term -> term index, in order of first appearance (as lunr numbers them)
    for record in records:
        for name in fields:
            tokens = record.fields.get(name, [])
            counts = Counter(tokens)
            for token in counts:
                if token not in numbers:
                    numbers[token] = len(numbers)
            documents_with.update(counts.keys())
            total_length[name] += len(tokens)
            frequencies.append((name, record.ref, counts, len(tokens)))
            index.field_refs.append((name, record.ref))
    count = len(records)
    idf = {t: math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for t, n in documents_with.items()}
    scores: dict[str, dict[str, dict[str, float]]] = {name: defaultdict(dict) for name in fields}
    k1_plus_1 = K1 + 1
    for name, ref, counts, length in frequencies:
        if not counts:
            continue
        boost = boosts[name]
        norm = K1 * (1 - B + B * (length / (total_length[name] / count)))
        table = scores[name]
        for token, tf in counts.items():
            table[token][ref] = round(idf[token] * (k1_plus_1 * tf) / (norm + tf) * boost, 3)
    for token, number in numbers.items():
        index.postings[token] = (number, {name: scores[name][token] for name in fields if token in scores[name]})
    return index
