"""Paragraph text as the similarity stages see it: words, and hashed word shingles.

Tokens are the words of the paragraph, lower-cased, typographic quotes and
dashes folded, punctuation kept apart from words (so "Assembly," and
"Assembly" are the same word and a changed comma is a change of its own).
Shingles are runs of `SHINGLE` words hashed to 32 bits with CRC-32: stable
across processes and machines (Python's `hash` is salted), so a signature
cached by one build is valid in the next.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache

import numpy as np

from builder.chars import replace_each
from builder.model import Document, Paragraph

SHINGLE = 3
_TOKEN = re.compile(r"\w+(?:[-’']\w+)*|[^\w\s]")
_FOLD = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "}


@lru_cache(maxsize=1 << 17)
def tokens(text: str) -> list[str]:
    """The words and punctuation of `text`, case and typography folded (memoised: read-only).

    Cut before lower-casing, so a case fold that changes a word's length cannot move a cut."""
    folded = replace_each(unicodedata.normalize("NFKC", text), _FOLD)
    if folded.isascii():  # lower-casing ASCII moves no cut: one pass over the lower-cased text
        return _TOKEN.findall(folded.lower())
    return [w.lower() for w in _TOKEN.findall(folded)]


_SHOWN = re.compile(r"\s*(?:\w+(?:[-–—’']\w+)*|[^\w\s])")


@lru_cache(maxsize=1 << 17)
def display_tokens(text: str) -> list[str]:
    """The same cut as `tokens`, keeping the printed form, with the space before each token.

    Word diffs are computed on `tokens` and shown with these: a one-to-one list.
    """
    shown = unicodedata.normalize("NFKC", text)
    out = _SHOWN.findall(shown)
    if len(out) == len(tokens(text)):
        return out
    out = []  # rare: a dash or quote folded inside a word; cut where the folded text is cut
    last = 0
    for m in _TOKEN.finditer(replace_each(shown, _FOLD)):  # a one-to-one map: the offsets hold
        out.append(shown[last : m.end()])
        last = m.end()
    return out


_WORD_HASH: dict[str, int] = {}


def word_hash(word: str) -> int:
    """A word's stable 32-bit id (CRC-32), memoised."""
    value = _WORD_HASH.get(word)
    if value is None:
        value = _WORD_HASH[word] = zlib.crc32(word.encode())
    return value


def word_ids(words: list[str]) -> list[int]:
    get = _WORD_HASH.get
    return [get(w) or word_hash(w) for w in words]


@lru_cache(maxsize=1 << 17)
def text_ids(text: str) -> list[int]:
    """The word ids of `text`'s tokens (memoised: read-only)."""
    return word_ids(tokens(text))


_LAST_CHAR = 0x10FFFF


def _code_points(first: int, count: int) -> np.ndarray:
    """The code points standing for the words numbered `first` … `first + count - 1` (in order
    of first use): every character but the surrogates, which are not characters. Holds at most
    about 1.1 million distinct words; the whole corpus uses a few tens of thousands."""
    numbers = np.arange(first, first + count, dtype=np.int64)
    points = np.where(numbers < 0xD800, numbers, numbers + 0x800)
    if count and points[-1] > _LAST_CHAR:
        raise OverflowError("more distinct words than there are characters to stand for them")
    return points


_CODE: dict[str, int] = {}  # word → its code point in this process, in order of first use


@lru_cache(maxsize=1 << 16)
def text_codes(text: str) -> np.ndarray:
    """The code points of the words of `text` (`tokens`) in this process, one for one word
    (`_code_points`; memoised: read-only)."""
    words = tokens(text)
    new = [word for word in dict.fromkeys(words) if word not in _CODE]
    if new:
        _CODE.update(zip(new, _code_points(len(_CODE), len(new)).tolist(), strict=True))
    return np.fromiter(map(_CODE.__getitem__, words), dtype=np.uint32, count=len(words))


@lru_cache(maxsize=1 << 16)
def text_chars(text: str) -> str:
    """The words of `text` as one character per word, the same for the same word (as
    `word_chars`, numbered by the word itself rather than its hash): rapidfuzz compares two
    strings faster than two lists of words, with the same result (memoised)."""
    return text_codes(text).astype("<u4").tobytes().decode("utf-32-le")


_WORD_CODE: dict[str, int] = {}  # word → its id, plus 2**32 when it is a word (not punctuation)


def word_arrays(paragraphs: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For paragraphs' tokens at once: every token's id (uint64), whether it is alphanumeric
    (what `shingles` keeps), and each paragraph's token count."""
    flat = [w for words in paragraphs for w in words]
    for word in set(flat).difference(_WORD_CODE):
        _WORD_CODE[word] = word_hash(word) | (int(word[0].isalnum()) << 32)
    codes = np.fromiter(map(_WORD_CODE.__getitem__, flat), dtype=np.uint64, count=len(flat))
    lens = np.array([len(words) for words in paragraphs], dtype=np.int64)
    return codes & np.uint64(0xFFFFFFFF), (codes >> np.uint64(32)).astype(bool), lens


def shingles(words: list[str], ids: list[int] | None = None) -> np.ndarray:
    """The distinct 32-bit hashes of the paragraph's runs of SHINGLE words (punctuation dropped),
    sorted; a paragraph shorter than a shingle is one shingle of all its words."""
    ids = word_ids(words) if ids is None else ids
    plain = [h for w, h in zip(words, ids, strict=True) if w[0].isalnum()]
    if not plain:
        return np.zeros(0, dtype=np.uint64)
    if len(plain) < SHINGLE:
        plain += [0] * (SHINGLE - len(plain))
    hashes = np.array(plain, dtype=np.uint64)
    n = len(hashes) - SHINGLE + 1
    mixed = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):  # a polynomial mix of the word hashes, cut to 32 bits
        mixed = (mixed * np.uint64(1_000_003) + hashes[k : k + n]) & np.uint64(0xFFFFFFFF)
    return np.unique(mixed)


def paragraph_text(para: Paragraph) -> str:
    """The paragraph's own words (not its sub-paragraphs', which are paragraphs of their own)."""
    return " ".join(para.content.text.split())


def comparable(doc: Document) -> list[tuple[Paragraph, list[str]]]:
    """The paragraphs that carry language of their own (not the enacting formula, at least
    three tokens), each with its tokens."""
    out = []
    for para in doc.paragraphs():
        if para.kind != "formula":
            words = tokens(para.content.text)
            if len(words) >= 3:
                out.append((para, words))
    return out


_KNOWN = np.zeros(0, dtype=np.uint32)  # word ids given a character in this process, sorted…
_KNOWN_CODE = np.zeros(0, dtype=np.uint32)  # …and the code point of each, in order of first use


def word_chars(ids: np.ndarray) -> str:
    """The words `ids` as a string of one character per word, the same character for the same
    word throughout this process: rapidfuzz compares two strings far faster than two lists of
    ids (no hashing of each element), and with the same result, a character standing for one
    word only (`_code_points`). The words are looked up all at once in a sorted table (new
    ones numbered in the order of their ids)."""
    global _KNOWN, _KNOWN_CODE
    if not len(ids):
        return ""
    unique, inverse = np.unique(ids, return_inverse=True)
    unique = unique.astype(np.uint32)
    at = np.searchsorted(_KNOWN, unique)
    found = np.zeros(len(unique), dtype=bool)
    inside = at < len(_KNOWN)
    found[inside] = _KNOWN[at[inside]] == unique[inside]
    codes = np.empty(len(unique), dtype=np.uint32)
    codes[found] = _KNOWN_CODE[at[found]]
    new = ~found
    if new.any():
        codes[new] = _code_points(len(_KNOWN), int(new.sum()))
        _KNOWN = np.insert(_KNOWN, at[new], unique[new])
        _KNOWN_CODE = np.insert(_KNOWN_CODE, at[new], codes[new])
    return codes[inverse.ravel()].astype("<u4").tobytes().decode("utf-32-le")
