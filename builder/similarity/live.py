"""The precedent index kept from build to build, changed document by document.

`Live.update` takes a built `Index` (see `index`) to exactly the state a cold
build of the new corpus would score — the same similar texts with the same
scores — at the cost of the changed documents' paragraphs and of what they
touch:

- a document edited is removed and added again; a text no page prints any more
  is *dead* (its id is never reused), a text no page printed before is *fresh*;
- LSH buckets: a fresh text is paired with the other texts of each of its
  buckets of at most `BUCKET_CAP` texts; a bucket whose size crossed the cap
  has its old texts' pairs checked again across every band;
- document frequencies are updated for the dead and fresh texts' shingles;
  when one crosses `common_df()` (or `common_df()` itself changes), the texts
  holding it have their kept pairs checked again for distinctive shingles.

Text ids then no longer follow first appearance in the corpus, which decides
ties between equal scores: `Index.rank` gives that order from the documents'
positions, so precedents come out as from a cold build. `update` returns the
texts whose members or similar texts changed: only pages printing those, or
similar to them, can have other precedents.
"""

from __future__ import annotations

import numpy as np

from builder.similarity.index import BUCKET_CAP, NEAR_COPY, Index, Para, Signed, _band_keys


class Live:
    """A built `Index` and its sorted LSH tables and document frequencies, kept up to date."""

    def __init__(self, index: Index, pages: list[str]) -> None:
        self.index = index
        self.bands = [(ordered.copy(), ids.copy()) for ordered, ids in index._tables()]
        index.document_frequency(np.zeros(0, dtype=np.uint64))  # makes the counts
        self.position: dict[str, int] = {}
        self.para_at: dict[str, dict[str, int]] = {}
        self.place(pages)
        self._sorted: dict[int, list[tuple[str, str]]] = {}
        index.rank = self._rank
        index.sorted_members = self.members

    def place(self, pages: list[str]) -> None:
        """The corpus order of this build (the documents' order): it breaks ties."""
        self.position = {page: i for i, page in enumerate(pages)}

    def _member_rank(self, member: tuple[str, str]) -> tuple[int, int]:
        page, anchor = member
        at = self.para_at.get(page)
        if at is None:
            at = self.para_at[page] = {a: i for i, (a, _) in enumerate(self.index.of_doc[page])}
        return self.position[page], at[anchor]

    def members(self, tid: int) -> list[tuple[str, str]]:
        """Text `tid`'s members in corpus order, sorted once until they change (an insertion or
        removal elsewhere in the corpus keeps the order of the others)."""
        found = self._sorted.get(tid)
        if found is None:
            found = self._sorted[tid] = sorted(self.index.texts[tid].members, key=self._member_rank)
        return found

    def _rank(self, tid: int) -> tuple[int, int]:
        return self._member_rank(self.members(tid)[0])

    def update(self, removed: list[str], added: list[tuple[str, Signed | list[Para]]]) -> set[int]:
        """Remove the pages `removed`, add `added`; return the texts touched (see the module docstring)."""
        ix = self.index
        old_limit = ix.common_df()
        touched: set[int] = set()
        for page in removed:
            for anchor, tid in ix.of_doc.pop(page):
                ix.texts[tid].members.remove((page, anchor))
                touched.add(tid)
            self.para_at.pop(page, None)
        fresh: list[int] = []
        for page, paras in added:
            placed, new = ix.place(page, paras)
            fresh += new
            touched.update(tid for _, tid in placed)
            self.para_at.pop(page, None)
        for tid in touched:
            self._sorted.pop(tid, None)
        dead = sorted(t for t in touched if not ix.texts[t].members)
        for tid in dead:
            del ix.by_words[ix.texts[tid].words]
        if fresh:
            ix._pending_keys.append(_band_keys(np.stack([ix.texts[t].signature for t in fresh])))
        for tid in dead:
            for other in ix.strong.pop(tid, {}):
                ix.strong[other].pop(tid, None)
            for other in ix.similar.pop(tid, {}):
                del ix.similar[other][tid]
                if not ix.similar[other]:
                    del ix.similar[other]
                touched.add(other)
        paired, recheck = self._buckets(np.array(dead, dtype=np.int64), np.array(fresh, dtype=np.int64))
        changed_df = self._frequencies(dead, fresh)
        limit = ix.common_df()
        if limit != old_limit:
            ix._distinct.clear()
            again = set(ix.strong)
        else:
            again = self._holding(changed_df, old_limit, limit) | set(fresh)
        for tid in again:
            ix._distinct.pop(tid, None)
        for x, y in recheck:
            if not self._candidate(x, y):
                self._strong(x, y, None, touched)
            elif y not in ix.strong.get(x, {}):
                paired.add((x, y))
        pairs = np.array(sorted(paired), dtype=np.int64).reshape(-1, 2)
        scored = Index.__new__(Index)
        scored.texts, scored.by_words, scored.strong, scored.similar = ix.texts, ix.by_words, {}, {}
        scored._distinct, scored._df, scored._df_recent = ix._distinct, ix._df, ix._df_recent
        scored.score(pairs)  # scores and keeps exactly as a cold build would, into `scored`'s dicts
        for i, others in scored.strong.items():
            for j, value in others.items():
                if i < j:
                    self._strong(i, j, value, touched)
                    again.add(i)
        for x in again:
            for y, value in list(ix.strong.get(x, {}).items()):
                keep = value >= NEAR_COPY or ix._share_distinctive(x, y, limit)
                self._similar(x, y, value if keep else None, touched)
        return touched

    def _strong(self, x: int, y: int, value: float | None, touched: set[int]) -> None:
        ix = self.index
        if value is None:
            if y in ix.strong.get(x, {}):
                del ix.strong[x][y], ix.strong[y][x]
            self._similar(x, y, None, touched)
        else:
            ix.strong.setdefault(x, {})[y] = value
            ix.strong.setdefault(y, {})[x] = value

    def _similar(self, x: int, y: int, value: float | None, touched: set[int]) -> None:
        similar = self.index.similar
        if similar.get(x, {}).get(y) == value:
            return
        touched.update((x, y))
        if value is None:
            del similar[x][y], similar[y][x]
            for t in (x, y):
                if not similar[t]:
                    del similar[t]
        else:
            similar.setdefault(x, {})[y] = value
            similar.setdefault(y, {})[x] = value

    def _buckets(self, dead: np.ndarray, fresh: np.ndarray) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """Update the tables; return the new candidate pairs of fresh texts, and the pairs of old
        texts whose bucket crossed the cap (candidates or not, to be decided)."""
        keys = self.index._keys
        fresh_set = set(fresh.tolist())
        paired: set[tuple[int, int]] = set()
        recheck: set[tuple[int, int]] = set()
        for band, (ordered, ids) in enumerate(self.bands):
            near = np.unique(np.concatenate([keys[dead, band], keys[fresh, band]]))
            before = np.searchsorted(ordered, near, "right") - np.searchsorted(ordered, near, "left")
            if len(dead):
                keep = ~np.isin(ids, dead)
                ordered, ids = ordered[keep], ids[keep]
            if len(fresh):
                order = np.argsort(keys[fresh, band], kind="stable")
                at = np.searchsorted(ordered, keys[fresh[order], band], "right")
                ordered, ids = np.insert(ordered, at, keys[fresh[order], band]), np.insert(ids, at, fresh[order])
            self.bands[band] = (ordered, ids)
            lo, hi = np.searchsorted(ordered, near, "left"), np.searchsorted(ordered, near, "right")
            for was, start, end in zip(before.tolist(), lo.tolist(), hi.tolist(), strict=True):
                size = end - start
                if size < 2:
                    continue
                members = ids[start:end].tolist()
                if (was <= BUCKET_CAP) != (size <= BUCKET_CAP):
                    old = sorted(t for t in members if t not in fresh_set)
                    recheck.update((a, b) for n, a in enumerate(old) for b in old[n + 1 :])
                if size <= BUCKET_CAP:
                    for t in members:
                        if t in fresh_set:
                            paired.update((min(t, o), max(t, o)) for o in members if o != t)
        return paired, recheck

    def _candidate(self, x: int, y: int) -> bool:
        """Whether texts x and y share a bucket of at most `BUCKET_CAP` texts in any band."""
        keys = self.index._keys
        for band in np.flatnonzero(keys[x] == keys[y]).tolist():
            ordered = self.bands[band][0]
            key = keys[x, band]
            if np.searchsorted(ordered, key, "right") - np.searchsorted(ordered, key, "left") <= BUCKET_CAP:
                return True
        return False

    def _frequencies(self, dead: list[int], fresh: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Update the document frequencies; return the shingles changed, with old and new counts."""
        ix = self.index
        texts = ix.texts
        parts = [texts[t].shingles for t in dead] + [texts[t].shingles for t in fresh]
        empty = np.zeros(0, dtype=np.uint64)
        if not parts:
            return empty, empty.astype(np.int64), empty.astype(np.int64)
        signs = np.concatenate([np.full(len(p), -1 if n < len(dead) else 1, np.int64) for n, p in enumerate(parts)])
        shingles, inverse = np.unique(np.concatenate(parts), return_inverse=True)
        delta = np.bincount(inverse.ravel(), weights=signs, minlength=len(shingles)).astype(np.int64)
        known, counts = ix._df
        if len(known):
            at = np.minimum(np.searchsorted(known, shingles), len(known) - 1)
            present = known[at] == shingles
            old = np.where(present, counts[at], 0)
        else:
            at = np.zeros(len(shingles), dtype=np.int64)
            present = np.zeros(len(shingles), dtype=bool)
            old = np.zeros(len(shingles), dtype=np.int64)
        new = old + delta
        counts = counts.copy()
        counts[at[present]] = new[present]
        missing = ~present
        place = np.searchsorted(known, shingles[missing])
        known, counts = np.insert(known, place, shingles[missing]), np.insert(counts, place, new[missing])
        alive = counts > 0
        ix._df = (known[alive], counts[alive])
        return shingles, old, new

    def _holding(self, changed: tuple[np.ndarray, np.ndarray, np.ndarray], old_limit: int, limit: int) -> set[int]:
        """The live texts holding a shingle that became, or stopped being, distinctive."""
        shingles, old, new = changed
        flipped = shingles[(old <= old_limit) != (new <= limit)]
        if not len(flipped):
            return set()
        live = list(self.index.by_words.values())
        texts = self.index.texts
        flat = np.concatenate([texts[t].shingles for t in live])
        owner = np.repeat(np.array(live, dtype=np.int64), [len(texts[t].shingles) for t in live])
        return set(owner[np.isin(flat, flipped)].tolist())
