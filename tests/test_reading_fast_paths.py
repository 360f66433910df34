"""The reading stages' fast paths give exactly what their plain definitions give.

Several rules were made cheaper (a pattern anchored at the end tried only on
the text's tail, a marker search that skips ahead to its label, a block's
plain text without a copy): each is checked here against the straightforward
form it replaced, on texts made of the characters those patterns care about.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.reading import notes
from builder.reading.blocks import join_lines
from builder.reading.patterns import MONTHS, search_end
from builder.reading.state import EM_CLOSE, EM_OPEN, MARK_CLOSE, MARK_OPEN, MARKER_RE, TOKEN_CHARS, Block

# Pieces the marker and line-end patterns turn on: digits, years, stops, symbols, words that call for a number.
PIECES = [
    "1", "2", "12", "5", "19", "1949", "2015", ".", ",", ";", ":", ")", "”", '"', "/", "-", "–", " ", "  ",
    "\n", "\t", "\xa0", "a", "Nations", "persons", "paragraph", "resolutions", "of", "Add", "Action ", "per cent",
    "May", "%", "x", "\u00e9", MARK_OPEN, MARK_CLOSE, EM_OPEN, EM_CLOSE, "capacity-", "A/RES/70/1", "(", "é",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _old_marker_may_follow(before: str) -> bool:
    if re.search(r"[^\W\d_]$|[,;:)”’\"]$|[a-z]{3}\.$", before):
        return not re.search(r"\d\.$", before)
    spaced = re.search(r"(?:[^\W\d_]|[,;:)”’\"]|[a-z]{3}\.) {1,2}$", before)
    return bool(spaced) and not notes._NOT_BEFORE_SPACED.search(before.rstrip())


_OLD_NOT_AFTER = re.compile(
    rf"^(?:\s*(?:{MONTHS}|per cent|%|years?|months?|days?|weeks?|hours?|million|billion)|[\d/.,]\d)"
)


def _old_candidates(text: str, label: str) -> list[tuple[int, int]]:
    """`notes._candidates` as first written: every pattern tried at every position."""
    found = []
    for m in re.finditer(rf"(?:(?<![\d/.\-–])|(?<=[a-z]{{3}}\.)){re.escape(label)}(?![\d/°%])", text):
        start, end = m.start(), m.end()
        if start == 0 or text[start - 1] == MARK_OPEN:
            continue
        after = text[end:]
        glued = after[:1].islower() and re.search(r"(?:[,;:.]\s?|[a-z])$", text[:start])
        if after[:1] and not (after[:1].isspace() or after[:1] in ',;.:)”’"' + MARK_OPEN or glued):
            continue
        if _OLD_NOT_AFTER.match(after) or (after.startswith(". ") and text[:start].endswith("Action ")):
            continue
        if _old_marker_may_follow(text[:start]):
            found.append((start, end))
    for m in re.finditer(rf"(?<!\d)(?:1[89]|20)\d\d({re.escape(label)})(?![\d/°%])", text):
        found.append((m.start(1), m.end(1)))
    for m in re.finditer(rf"(?<![\d/])(?:1[89]|20)\d\d {{1,2}}({re.escape(label)})(?= {{1,2}}[a-z]|[,;.]|$)", text):
        found.append((m.start(1), m.end(1)))
    return sorted(found)


@settings(max_examples=600, deadline=None)
@given(texts, st.sampled_from(["1", "2", "5", "12", "9"]))
def test_marker_candidates_are_those_of_the_plain_search(text, label):
    assert notes._candidates(text, label) == _old_candidates(text, label)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_marker_may_follow_reads_only_the_tail_but_answers_the_same(text):
    for start in range(len(text) + 1):
        assert notes._marker_may_follow(text, start) == _old_marker_may_follow(text[:start])


def test_a_word_calling_for_a_number_far_before_the_marker_is_still_seen():
    """`_NOT_BEFORE_SPACED` reads past a long run of non-word characters back to its word."""
    text = "see paragraph" + " (" * 40 + ". 5"
    start = len(text) - 1
    assert notes._marker_may_follow(text, start) == _old_marker_may_follow(text[:start])
    assert not notes._marker_may_follow(text, start)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from([r"[A-Za-z]-$", r"(?:[,;:.]\s?|[a-z])$", r"\b(?:of|and)\s?$", r"(?<=\d)\.$"]))
def test_search_end_is_search_of_the_prefix(text, pattern):
    compiled = re.compile(pattern)
    for end in range(len(text) + 1):
        expected = compiled.search(text[:end])
        got = search_end(compiled, text, 4, end)
        assert (got and got.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(texts)
def test_block_plain_drops_every_token(text):
    assert Block(text, 1).plain == MARKER_RE.sub("", text).translate({ord(c): None for c in TOKEN_CHARS})


@settings(max_examples=300, deadline=None)
@given(st.lists(texts.filter(str.strip), min_size=1, max_size=5))
def test_join_lines_collapses_white_space_as_before(parts):
    text = ""
    for part in parts:
        part = re.sub(r"\s+", " ", part.strip())
        if not text:
            text = part
        elif re.search(r"[^\W\d_]-$", text) and part[:1].isalpha() and not re.match(r"(?:and|or|nor)\b", part):
            text += part  # a word's hyphen at the line end, a word (not a conjunction: `small-` / `and …`) after
        else:
            text += " " + part
    assert join_lines(parts) == text


words_text = st.lists(
    st.sampled_from(["A/RES/70/1", "Member-States", "—", "Women’s", "É", "l’homme", "x", " ", "\n", "(a)", "2030,"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(words_text, st.text(max_size=60)))
def test_terms_are_the_terms_of_the_words(text):
    """`terms` looks each chunk up once; the terms are still those of `words`, in order, repeats kept."""
    from builder.search.terms import term, terms, words

    assert terms(text) == [t for t in map(term, words(text)) if t]


def test_block_plain_follows_the_text_when_it_changes():
    block = Block(f"a{MARK_OPEN}1{MARK_CLOSE} b", 1)
    assert block.plain == "a b"
    block.text += f" c{MARK_OPEN}2{MARK_CLOSE}"
    assert block.plain == "a b c"
    block.text = "plain"
    assert block.plain == "plain"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The ", "“", '"', " ", "\t", "General Assembly", "Hague", ",", "Council", "x"]), max_size=8
    )
)
def test_is_formula_looks_further_only_at_lines_opening_as_a_formula_does(pieces):
    from builder.reading import starts
    from builder.reading.patterns import FORMULA_RE

    line = "".join(pieces)
    assert starts._is_formula(line) == bool(FORMULA_RE.match(line.strip()) and starts._ORGAN.search(line.strip()))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_has_token_is_any_token_char(text):
    from builder.reading.state import has_token

    assert has_token(text) == any(c in text for c in TOKEN_CHARS)
