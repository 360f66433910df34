"""The alignment's batched parts give what their plain definitions give: the pairs that pass the
prefilter are those whose distinct words overlap by at least `PREFILTER` (Jaccard), counted as
sets; words as characters (`text.text_chars`) score and diff as the word lists do."""

from __future__ import annotations

import random

from rapidfuzz.distance import Indel

from builder.similarity.align import PREFILTER, _similar_enough
from builder.similarity.text import text_chars, text_codes, tokens

VOCABULARY = [
    "the",
    "General",
    "Assembly",
    ",",
    ";",
    "recalls",
    "its",
    "resolution",
    "welcomes",
    "report",
    "of",
    "Secretary-General",
    "States",
]


def _texts(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_prefilter_is_the_jaccard_rule_on_word_sets():
    rng = random.Random(3)
    for _ in range(40):
        a, b = _texts(rng, rng.randint(1, 30)), _texts(rng, rng.randint(1, 30))
        used = set(rng.sample(range(len(a)), len(a) // 4))
        match = {j: (0, 1.0) for j in rng.sample(range(len(b)), len(b) // 4)}
        expected = []
        for j in range(len(b)):
            for i in range(len(a)):
                sa, sb = set(tokens(a[i])), set(tokens(b[j]))
                if j in match or i in used or not sa or not sb:
                    continue
                shared = len(sa & sb)
                if shared / (len(sa) + len(sb) - shared) >= PREFILTER:
                    expected.append((i, j))
        got = _similar_enough([text_codes(t) for t in a], [text_codes(t) for t in b], used, match)
        assert got == expected


def test_words_as_characters_score_and_diff_as_words():
    rng = random.Random(4)
    texts = _texts(rng, 60)
    for x in texts:
        assert len(text_chars(x)) == len(tokens(x))
        for y in texts[:15]:
            assert (text_chars(x) == text_chars(y)) == (tokens(x) == tokens(y))
            assert Indel.normalized_similarity(text_chars(x), text_chars(y)) == Indel.normalized_similarity(
                tokens(x), tokens(y)
            )
            assert Indel.opcodes(text_chars(x), text_chars(y)) == Indel.opcodes(tokens(x), tokens(y))
