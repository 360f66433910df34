"""Text to search terms: the one definition both the index and the browser follow.

A term is what the index stores and a query looks up. Words are folded
(lower case, accents removed, curly apostrophes straightened), trimmed of
surrounding punctuation, dropped when they are English stop words, and
stemmed with lunr.js's Porter stemmer (`stemmer.py`), so "Trafficking" and
"trafficked" meet.
Document symbols and resolution numbers stay whole and unstemmed
(`61/180`, `a/c.3/61/l.7/rev.1`, `a/res/s-27/2`): a symbol is searched as one
thing, never as its pieces.

`site_overrides/assets/unp-search.js` implements the same steps for queries
(`terms()` there); `tests/test_search_browser.py` checks that both sides give
the same terms for the same text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

from lunr.stop_word_filter import WORDS as STOP_WORDS

from builder.search.stemmer import stem

# A symbol: letter/digit runs joined by slashes, with dots and hyphens allowed
# inside its pieces (A/C.3/61/L.7/Rev.1, E/CN.15/2018/L.3, A/RES/S-27/2, 55/25).
_SYMBOL = re.compile(r"[a-z0-9][a-z0-9.\-]*(?:/[a-z0-9][a-z0-9.\-]*)+")
# Anything else splits on hyphens, dashes and slashes too.
_PIECES = re.compile(r"[\-\u2010-\u2015/]+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSIVE = re.compile(r"'s$")


# Combining marks left by NFKD decomposition (é → e + U+0301); unp-search.js strips the same ranges.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain."""
    text = text.lower()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'")))


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """One folded, trimmed word as an index term; "" when it is not searchable."""
    word = _POSSESSIVE.sub("", _EDGE.sub("", word))
    if not word or word in STOP_WORDS:
        return ""
    if any(ch.isdigit() for ch in word) or "/" in word:
        return word
    return stem(word)


def words(text: str) -> list[str]:
    """The words of `text`: split at white space; a symbol stays one word, anything else splits at hyphens."""
    out: list[str] = []
    for chunk in fold(text).split():
        out.extend(_chunk_words(chunk))
    return out


def _chunk_words(chunk: str) -> list[str]:
    """The words of one white-space-free chunk of folded text."""
    if not (chunk[0].isalnum() and chunk[-1].isalnum()):
        chunk = _EDGE.sub("", chunk)
    if not _PIECES.search(chunk):
        return [chunk] if chunk else []
    if _SYMBOL.fullmatch(chunk):
        return [chunk]
    return [p for p in _PIECES.split(chunk) if p]


@lru_cache(maxsize=200_000)
def _chunk_terms(chunk: str) -> tuple[str, ...]:
    """The terms of one chunk: the same few thousand chunks make up every paragraph, so each is worked out once."""
    return tuple(t for t in map(term, _chunk_words(chunk)) if t)


def terms(text: str) -> list[str]:
    """The terms of `text`, in order, repeats kept (term frequency matters)."""
    return list(chain.from_iterable(map(_chunk_terms, fold(text).split())))
