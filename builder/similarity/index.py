"""The precedent index: for every paragraph of the corpus, the similar paragraphs of other documents.

Stages, each handing the next a guarantee:

1. `signature(doc)` — per document, cached by its paragraphs' text: each paragraph's
   tokens (as 32-bit word hashes), its shingles and a MinHash signature of
   `NUM_PERM` values, as one `Signed` (a few arrays for the whole document). A
   signature depends on the paragraph alone, so adding a document never invalidates another's.
2. `Index.add` — identical texts (after folding) become one *text* with several
   members, its words a string of one character per word (`text.word_chars`, what
   rapidfuzz scores); each new text's signature goes into `BANDS` LSH tables, and its
   shingles into the document-frequency counts. Cost: the new paragraphs only.
3. `Index.candidates` — pairs of texts sharing a bucket in any band: the only
   pairs ever scored (no all-pairs step). Buckets larger than `BUCKET_CAP` hold
   boilerplate alone ("Decides to remain seized of the matter" variants) and are
   skipped; near-copies share many buckets, so they are still found.
4. `Index.score` — each candidate scored with rapidfuzz's normalised Indel
   similarity on words (1.0 = same words); kept when at least `THRESHOLD`, and
   when what the two share is not only boilerplate: either near-identical
   (`NEAR_COPY`), or at least half of either paragraph's *distinctive*
   shingles (those in at most `common_df()` texts of the corpus) are shared.
   So "Requests the Secretary-General to report … on X" and "… on Y" are not
   precedents of each other, however common the opening.

The MinHash and banding are written here with numpy rather than datasketch's
per-set objects: one vectorised pass over a document's shingles is what keeps
a 58,000-paragraph index within seconds (see README, "Agreed language").
"""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

from builder import workers
from builder.model import Document
from builder.similarity.text import SHINGLE, comparable, tokens, word_arrays, word_chars

NUM_PERM = 64
ROWS = 2
BANDS = NUM_PERM // ROWS
BUCKET_CAP = 60
THRESHOLD = 0.7
NEAR_COPY = 0.9
VERSION = "3"  # bump when signatures change meaning

_RNG = np.random.default_rng(20_241_119)
_A = (_RNG.integers(1, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)  # odd multipliers
_B = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_MAX = np.uint32(0xFFFFFFFF)


def minhash(shingle_hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (NUM_PERM uint32) of a set of 32-bit shingle hashes: multiply-shift
    hashing, one permutation per column, the minimum of each."""
    with np.errstate(over="ignore"):
        mixed = (shingle_hashes[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return mixed.min(axis=0).astype(np.uint32)


@dataclass
class Para:
    """One comparable paragraph of a document (a way to give `Index.add` paragraphs one by one)."""

    anchor: str
    words: list[int]  # token hashes
    shingles: np.ndarray
    signature: np.ndarray


@dataclass
class Signed:
    """One document's comparable paragraphs as the index takes them: a few arrays, not an object
    per paragraph, so that a worker hands them over (and the cache stores them) in one piece.
    Paragraph k's words are `words[bounds[k]:bounds[k + 1]]`, its shingles (sorted, distinct)
    `shingles[shingle_bounds[k]:shingle_bounds[k + 1]]`, its MinHash `signatures[k]`."""

    anchors: list[str]
    words: np.ndarray  # uint32 token hashes, for scoring
    bounds: np.ndarray
    shingles: np.ndarray  # uint64
    shingle_bounds: np.ndarray
    signatures: np.ndarray  # (paragraphs, NUM_PERM) uint32

    @classmethod
    def of(cls, paras: list[Para]) -> Signed:
        return cls(
            [p.anchor for p in paras],
            np.array([w for p in paras for w in p.words], dtype=np.uint32),
            np.cumsum([0] + [len(p.words) for p in paras], dtype=np.int64),
            np.concatenate([p.shingles for p in paras]) if paras else np.zeros(0, np.uint64),
            np.cumsum([0] + [len(p.shingles) for p in paras], dtype=np.int64),
            np.stack([p.signature for p in paras]) if paras else np.zeros((0, NUM_PERM), np.uint32),
        )


_SIGNED: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # text → (word ids, shingles, MinHash)
_SIGNED_MOST = 1 << 15  # texts remembered at most (then forgotten at once): a bound on this process's memory


def signature(doc: Document) -> Signed:
    """Every comparable paragraph of `doc` with its words, shingles and MinHash. A paragraph's
    three depend on its text alone, so each distinct text is signed once in this process (about
    half the paragraphs of the corpus repeat another's text: "Decides to remain seized of the
    matter"), and the texts new to it are signed together (`_sign`). Equal, value for value, to
    `text.shingles` and `minhash` per paragraph."""
    found = comparable(doc)
    if not found:
        return Signed.of([])
    texts = [para.content.text for para, _ in found]
    if len(_SIGNED) + len(texts) > _SIGNED_MOST:
        _SIGNED.clear()
    todo = [text for text in dict.fromkeys(texts) if text not in _SIGNED]
    if todo:
        _sign(todo)
    rows = [_SIGNED[text] for text in texts]
    words = np.concatenate([row[0] for row in rows])
    shingles = np.concatenate([row[1] for row in rows])
    shingle_bounds = np.cumsum([0] + [len(row[1]) for row in rows], dtype=np.int64)
    signatures = np.stack([row[2] for row in rows])
    empty = np.flatnonzero(shingle_bounds[1:] == shingle_bounds[:-1]).tolist()
    if empty:  # as one reduction over the document gave: the MinHash of the next paragraph's first shingle
        for k in empty:
            at = shingle_bounds[k]
            signatures[k] = minhash(shingles[at : at + 1]) if at < len(shingles) else _MAX
    return Signed(
        [para.anchor for para, _ in found],
        words,
        np.cumsum([0] + [len(row[0]) for row in rows], dtype=np.int64),
        shingles,
        shingle_bounds,
        signatures,
    )


def _sign(texts: list[str]) -> None:
    """Sign `texts` (each at least three tokens) together into `_SIGNED`: word ids looked up
    once for all their words, shingles cut across all of them at once (windows never straddle
    two), the MinHash of every shingle reduced per text (the minimum taken on the 64-bit
    hashes: their top 32 bits are the MinHash values, and the shift keeps the order)."""
    ids, plain, lens = word_arrays([tokens(text) for text in texts])
    cuts = np.cumsum(lens)[:-1]
    flat, bounds = _shingle_sets(
        np.split(ids[plain], np.cumsum(np.add.reduceat(plain.astype(np.int64), np.r_[0, cuts]))[:-1])
    )
    filled = bounds[1:] > bounds[:-1]
    sigs = np.full((len(texts), NUM_PERM), _MAX, dtype=np.uint32)
    if filled.any():
        with np.errstate(over="ignore"):
            mixed = flat[:, None] * _A[None, :]
            mixed += _B[None, :]
        at = bounds[:-1][filled]
        sigs[filled] = (np.minimum.reduceat(mixed, at, axis=0) >> np.uint64(32)).astype(np.uint32)
    words = np.split(ids.astype(np.uint32), cuts)
    shingle_sets = np.split(flat, bounds[1:-1])
    for k, text in enumerate(texts):
        _SIGNED[text] = (words[k], shingle_sets[k], sigs[k])


def _shingle_sets(plain: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """`text.shingles` of each paragraph, given its alphanumeric words' ids: all of them one
    after another, and where each paragraph's start (and the last ends)."""
    lens = np.array([len(p) for p in plain], dtype=np.int64)
    short = (lens > 0) & (lens < SHINGLE)
    if short.any():  # a paragraph shorter than a shingle is one shingle of all its words
        plain = [
            np.concatenate([p, np.zeros(SHINGLE - len(p), np.uint64)]) if 0 < len(p) < SHINGLE else p for p in plain
        ]
        lens = np.array([len(p) for p in plain], dtype=np.int64)
    flat = np.concatenate(plain) if plain else np.zeros(0, np.uint64)
    owner = np.repeat(np.arange(len(plain), dtype=np.uint64), lens)
    n = len(flat) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(len(plain) + 1, dtype=np.int64)
    mixed = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):  # the polynomial mix of `text.shingles`
        mixed = (mixed * np.uint64(1_000_003) + flat[k : k + n]) & np.uint64(0xFFFFFFFF)
    whole = owner[:n] == owner[SHINGLE - 1 :]  # windows inside one paragraph
    keyed = np.unique((owner[:n][whole] << np.uint64(32)) | mixed[whole])
    bounds = np.searchsorted(keyed >> np.uint64(32), np.arange(len(plain) + 1, dtype=np.uint64))
    return keyed & np.uint64(0xFFFFFFFF), bounds.astype(np.int64)


def signature_key(doc: Document) -> str:
    digest = hashlib.sha256(VERSION.encode())
    for para in doc.paragraphs():
        digest.update(f"{para.anchor}\0{para.kind}\0{para.content.text}\0".encode())
    return digest.hexdigest()


class SignatureCache:
    """Per-document signatures in `<build>/cache/similarity/`, keyed by the document's paragraphs."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0

    def lookup(self, doc: Document) -> Signed | None:
        if self.folder is None:
            return None
        try:
            with (self.folder / signature_key(doc)).open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            return None
        self.hits += 1
        return value

    def store(self, doc: Document, value: Signed) -> None:
        if self.folder is None:
            return
        path = self.folder / signature_key(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    def get_all(self, docs: list[Document]) -> list[Signed]:
        """Every document's signatures: from the cache, else computed on forked workers."""
        found = [self.lookup(doc) for doc in docs]
        todo = [i for i, value in enumerate(found) if value is None]
        with workers.sharing(signing=[docs[i] for i in todo]), workers.pool(len(todo)) as pool:
            fresh = workers.run(pool, _signature_of, len(todo))
        for i, value in zip(todo, fresh, strict=True):
            found[i] = value
            self.store(docs[i], value)
        return found  # type: ignore[return-value]


def _signature_of(i: int) -> Signed:
    return signature(workers.SHARED["signing"][i])


@dataclass
class Text:
    """A distinct paragraph text and every (document page, anchor) that prints it."""

    words: str  # one character per word (`text.word_chars`)
    shingles: np.ndarray
    signature: np.ndarray
    members: list[tuple[str, str]] = field(default_factory=list)


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """One uint64 key per (text, band): the band's ROWS values mixed."""
    sig = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    key = np.zeros(sig.shape[:2], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            key = key * np.uint64(0x9E3779B97F4A7C15) + sig[:, :, r]
    return key


class Index:
    """Paragraph texts of the corpus, their LSH buckets and, once scored, their similar texts."""

    def __init__(self) -> None:
        self.texts: list[Text] = []
        self.by_words: dict[str, int] = {}  # a text's words (`text.word_chars`) → its id
        self._all_keys = np.zeros((0, BANDS), dtype=np.uint64)  # band keys of every text…
        self._pending_keys: list[np.ndarray] = []  # …but those of texts added since, joined when asked
        self._bands: list[tuple[np.ndarray, np.ndarray]] | None = None  # per band: (sorted keys, text ids)
        self._recent: list[int] = []  # texts added since the tables were sorted
        self._df: tuple[np.ndarray, np.ndarray] | None = None  # (shingles, counts), sorted
        self._df_recent: Counter[int] = Counter()  # shingles of texts added since
        self._distinct: dict[int, np.ndarray] = {}
        self.similar: dict[int, dict[int, float]] = {}
        self.strong: dict[int, dict[int, float]] = {}  # candidates scoring ≥ THRESHOLD, boilerplate or not
        self.of_doc: dict[str, list[tuple[str, int]]] = {}  # page → [(anchor, text id)]
        # Set once the index is updated in place (`builder.similarity.live`): text ids are then no
        # longer in the order of first appearance, so this gives that order (see `neighbours`).
        self.rank: Callable[[int], tuple] | None = None

    def place(self, page: str, paras: Signed | list[Para]) -> tuple[list[tuple[str, int]], list[int]]:
        """Record one document's paragraphs as members of their texts, new texts made as needed;
        returns (anchor, text id) of each paragraph and the ids of the new texts. The caller
        indexes the new texts (`add`, or `live.Live.update`)."""
        signed = paras if isinstance(paras, Signed) else Signed.of(paras)
        chars = word_chars(signed.words)
        bounds, shingle_bounds = signed.bounds.tolist(), signed.shingle_bounds.tolist()
        fresh = []
        placed = []
        for k, anchor in enumerate(signed.anchors):
            key = chars[bounds[k] : bounds[k + 1]]
            tid = self.by_words.get(key)
            if tid is None:
                tid = self.by_words[key] = len(self.texts)
                shingles = signed.shingles[shingle_bounds[k] : shingle_bounds[k + 1]]
                self.texts.append(Text(key, shingles, signed.signatures[k]))
                fresh.append(tid)
            self.texts[tid].members.append((page, anchor))
            placed.append((anchor, tid))
        self.of_doc[page] = placed
        return placed, fresh

    def add(self, page: str, paras: Signed | list[Para]) -> list[int]:
        """Add one document's paragraphs; returns the ids of texts the corpus did not have."""
        _, fresh = self.place(page, paras)
        if fresh:
            # A built index stays sorted: the new texts wait in `_recent` (searched directly) and
            # their shingles in `_df_recent`, so adding a document costs its own paragraphs.
            self._pending_keys.append(_band_keys(np.stack([self.texts[t].signature for t in fresh])))
            if self._bands is not None:
                self._recent.extend(fresh)
            if self._df is not None:
                for t in fresh:
                    self._df_recent.update(self.texts[t].shingles.tolist())
            self._distinct = {}
        return fresh

    @property
    def _keys(self) -> np.ndarray:
        """The band keys of every text (one row per text id)."""
        if self._pending_keys:
            self._all_keys = np.concatenate([self._all_keys, *self._pending_keys])
            self._pending_keys = []
        return self._all_keys

    def _tables(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The LSH tables: per band, every text's key sorted, with the text ids in that order."""
        if self._bands is None:
            keys = self._keys
            self._recent = []
            self._bands = []
            for band in range(BANDS):
                order = np.argsort(keys[:, band], kind="stable")
                self._bands.append((keys[order, band], order))
        return self._bands

    def candidates(self, only: list[int] | None = None) -> np.ndarray:
        """Pairs (i < j) of texts sharing an LSH bucket; with `only`, pairs involving those texts."""
        found: list[np.ndarray] = []
        if only is None and self._recent:
            self._bands = None  # a whole-index pass sorts everything again
        tables = self._tables()
        if only is None:
            for ordered, ids in tables:
                cuts = np.flatnonzero(np.diff(ordered)) + 1
                starts = np.concatenate([[0], cuts])
                ends = np.concatenate([cuts, [len(ordered)]])
                sizes = ends - starts
                for size in range(2, BUCKET_CAP + 1):  # all buckets of one size at once
                    at = starts[sizes == size]
                    if not len(at):
                        continue
                    members = ids[at[:, None] + np.arange(size)[None, :]]
                    x, y = np.triu_indices(size, 1)
                    found.append(np.stack([members[:, x].ravel(), members[:, y].ravel()], axis=1))
        elif only:
            keys = self._keys[only]
            recent = np.array([t for t in self._recent if t not in set(only)] + list(only), dtype=np.int64)
            for row, tid in enumerate(only):  # texts added since the sort: compared key by key
                same = (self._keys[recent] == keys[row]).any(axis=1)
                others = recent[same & (recent != tid)]
                if len(others):
                    found.append(np.stack([np.full(len(others), tid), others], axis=1))
            for band, (ordered, ids) in enumerate(tables):
                lo = np.searchsorted(ordered, keys[:, band], side="left")
                hi = np.searchsorted(ordered, keys[:, band], side="right")
                for tid, a, b in zip(only, lo.tolist(), hi.tolist(), strict=True):
                    if 1 < b - a <= BUCKET_CAP:
                        others = ids[a:b]
                        others = others[others != tid]
                        found.append(np.stack([np.full(len(others), tid), others], axis=1))
        if not found:
            return np.zeros((0, 2), dtype=np.int64)
        pairs = np.sort(np.concatenate(found).astype(np.int64), axis=1)
        keys = np.unique((pairs[:, 0] << 32) | pairs[:, 1])  # one number per pair: a flat sort, same order
        return np.stack([keys >> 32, keys & 0xFFFFFFFF], axis=1)

    def common_df(self) -> int:
        """A shingle in more texts than this is boilerplate, not a sign of shared origin."""
        return max(4, len(self.by_words) // 1000)  # texts printed somewhere (see `live`)

    def score(self, pairs: np.ndarray) -> None:
        """Score candidate pairs and keep the precedents (see the module docstring)."""
        if not len(pairs):
            return
        # Indel similarity is at most 1 - |la - lb| / (la + lb): pairs whose lengths alone keep them
        # under THRESHOLD are never scored (they could not be kept).
        sizes = np.fromiter((len(t.words) for t in self.texts), dtype=np.int64, count=len(self.texts))
        la, lb = sizes[pairs[:, 0]], sizes[pairs[:, 1]]
        pairs = pairs[(la + lb - np.abs(la - lb)) >= (THRESHOLD - 1e-6) * (la + lb)]  # float32 scores: a margin
        if not len(pairs):
            return
        left = [self.texts[i].words for i in pairs[:, 0].tolist()]
        right = [self.texts[j].words for j in pairs[:, 1].tolist()]
        scores = cpdist(left, right, scorer=Indel.normalized_similarity, workers=-1)
        kept = scores.astype(np.float64) >= THRESHOLD  # cpdist gives float32: compare as Python did
        pairs, scores = pairs[kept], scores[kept]
        near = scores.astype(np.float64) >= NEAR_COPY
        keep = near.copy()
        keep[~near] = self._share_distinctive_all(pairs[~near], self.common_df())
        for (i, j), value, kept in zip(pairs.tolist(), scores.tolist(), keep.tolist(), strict=True):
            self.strong.setdefault(i, {})[j] = value
            self.strong.setdefault(j, {})[i] = value
            if not kept:
                continue
            self.similar.setdefault(i, {})[j] = value
            self.similar.setdefault(j, {})[i] = value

    def document_frequency(self, hashes: np.ndarray) -> np.ndarray:
        """In how many distinct texts each shingle of `hashes` occurs."""
        if self._df is None:
            every = [t.shingles for t in self.texts]
            self._df = np.unique(np.concatenate(every) if every else np.zeros(0, np.uint64), return_counts=True)
            self._df_recent = Counter()
        known, counts = self._df
        if len(known):
            at = np.minimum(np.searchsorted(known, hashes), len(known) - 1)
            found = np.where(known[at] == hashes, counts[at], 0)
        else:
            found = np.zeros(len(hashes), dtype=np.int64)
        if self._df_recent:
            found = found + np.array([self._df_recent.get(h, 0) for h in hashes.tolist()], dtype=found.dtype)
        return found

    def _distinctive(self, tid: int, limit: int) -> np.ndarray:
        found = self._distinct.get(tid)
        if found is None:
            text = self.texts[tid]
            found = self._distinct[tid] = text.shingles[self.document_frequency(text.shingles) <= limit]
        return found

    def _share_distinctive_all(self, pairs: np.ndarray, limit: int) -> np.ndarray:
        """`_share_distinctive` of each pair (i, j) of `pairs`, all at once: the distinctive shingles
        of the texts not yet known found in one look-up, the shingles each pair shares counted in
        one intersection (each shingle keyed by its pair)."""
        if not len(pairs):
            return np.zeros(0, dtype=bool)
        todo = [t for t in np.unique(pairs).tolist() if t not in self._distinct]
        if todo:
            every = [self.texts[t].shingles for t in todo]
            flat = np.concatenate(every)
            distinctive = self.document_frequency(flat) <= limit
            for t, shingles, mask in zip(
                todo, every, np.split(distinctive, np.cumsum([len(x) for x in every])[:-1]), strict=True
            ):
                self._distinct[t] = shingles[mask]
        left = [self._distinct[i] for i in pairs[:, 0].tolist()]
        right = [self._distinct[j] for j in pairs[:, 1].tolist()]
        size_a = np.array([len(x) for x in left], dtype=np.int64)
        size_b = np.array([len(x) for x in right], dtype=np.int64)
        number = np.arange(len(pairs), dtype=np.uint64) << np.uint64(32)
        keyed_a = np.repeat(number, size_a) | np.concatenate(left).astype(np.uint64)
        keyed_b = np.repeat(number, size_b) | np.concatenate(right).astype(np.uint64)
        both = np.intersect1d(keyed_a, keyed_b, assume_unique=True) >> np.uint64(32)
        shared = np.bincount(both.astype(np.int64), minlength=len(pairs))
        return (size_a > 0) & (size_b > 0) & (shared * 2 >= np.maximum(size_a, size_b))

    def _share_distinctive(self, i: int, j: int, limit: int) -> bool:
        a, b = self._distinctive(i, limit), self._distinctive(j, limit)
        if not len(a) or not len(b):
            return False
        return len(np.intersect1d(a, b, assume_unique=True)) * 2 >= max(len(a), len(b))

    def build(self) -> None:
        """Score every candidate pair of the whole index."""
        self.similar = {}
        self.strong = {}
        self.score(self.candidates())

    def update(self, page: str, paras: Signed | list[Para]) -> None:
        """Add one document to a built index: only its new texts are queried and scored."""
        fresh = self.add(page, paras)
        self.score(self.candidates(fresh))

    def neighbours(self, tid: int) -> list[tuple[int, float]]:
        """The texts similar to text `tid`, with their score, itself first (score 1)."""
        found = self.similar.get(tid, {}).items()
        if self.rank is None:  # ids in order of first appearance, each dict in id order
            return [(tid, 1.0), *sorted(found, key=lambda x: -x[1])]
        rank = self.rank
        return [(tid, 1.0), *sorted(found, key=lambda x: (-x[1], rank(x[0])))]

    def members(self, tid: int) -> list[tuple[str, str]]:
        """The (page, anchor) printing text `tid`, in the order of the corpus."""
        if self.rank is None:
            return self.texts[tid].members
        return self.sorted_members(tid)

    sorted_members: Callable[[int], list[tuple[str, str]]]


def build_index(docs: list[Document], cache: SignatureCache | None = None) -> Index:
    """The scored index of `docs` (signatures from `cache` when it has them)."""
    cache = cache or SignatureCache(None)
    index = Index()
    for doc, paras in zip(docs, cache.get_all(docs), strict=True):
        index.add(doc.path, paras)
    index.build()
    return index
