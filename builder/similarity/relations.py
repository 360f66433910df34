"""Related documents: a draft and the resolution it became, drafts replaced by others, and
the earlier and later resolutions of the same series. Each link says why it was made.

What the texts state is read first:

- a plenary resolution names its draft in its masthead: "[without reference to a Main
  Committee (A/80/L.11)]" (a committee's report, "[on the report of the Third Committee
  (A/80/545, …)]", names no draft, so nothing is taken from it);
- a facilitator's draft names the draft it replaces: "… on the basis of informal
  consultations on draft resolution A/C.2/80/L.21"; a revision (`…/Rev.1`) replaces the
  document it revises. A replaced draft is never the one adopted;
- the metadata's `adopted_as` ("General Assembly resolution 61/180").

Only where nothing is stated is a draft matched to a resolution by the texts: the same
session, the same (or nearly the same) title, the draft not later than the resolution, and
most of the draft's paragraphs found again in the resolution (`ADOPTED_OVERLAP`). Series
are resolutions of different sessions with the same title after folding case and
punctuation, or a nearly identical title under the same agenda item title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from builder.linking.references import find_references
from builder.model import Document
from builder.render.page import date_parts, is_resolution
from builder.similarity.index import Index

ADOPTED_OVERLAP = 0.6
NEAR_TITLE = 90
_DRAFT_SYMBOL = r"A/(?:C\.\d/)?\d+/L\.\d+(?:/Rev\.\d+)?"
_STATED_DRAFT = re.compile(r"\[without reference to a Main Committee \(([^)]*)\)\]")
_CONSULTATIONS = re.compile(rf"on the basis of informal consultations on draft resolutions? ({_DRAFT_SYMBOL})")
_REVISION = re.compile(r"^(?P<base>.+?)(?:/Rev\.(?P<n>\d+))$")
_SESSION = re.compile(r"^A/(?:RES/|C\.\d/)?(\d+)/")


@dataclass(frozen=True)
class Relation:
    """A link from one page to another: `kind` says what the target is to the source."""

    target: str
    kind: str  # "adopted as", "draft", "replaces", "replaced by", "earlier in series", "later in series"
    reason: str
    inferred: bool = False


@dataclass
class Relations:
    """Every page's related documents, and the groups of versions of one text."""

    of: dict[str, list[Relation]] = field(default_factory=dict)
    adopted: list[tuple[str, str, bool]] = field(default_factory=list)  # (draft, resolution, inferred)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    series: list[tuple[str, str, str]] = field(default_factory=list)  # (earlier, later, reason)
    versions: dict[str, set[str]] = field(default_factory=dict)  # page → the pages of its other versions

    def add(self, source: str, relation: Relation) -> None:
        self.of.setdefault(source, []).append(relation)


def is_draft(doc: Document) -> bool:
    return "/L." in doc.meta.symbol


# Relations are made again on every build of `make serve`, from every document's metadata: what
# is read of each symbol, title and masthead is memoised by its text (read-only results).


def session_of(doc: Document) -> int | None:
    return _session(doc.meta.symbol)


@lru_cache(maxsize=1 << 14)
def _session(symbol: str) -> int | None:
    m = _SESSION.match(symbol)
    return int(m[1]) if m else None


@lru_cache(maxsize=1 << 14)
def fold_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.lower()).split())


def _order(doc: Document) -> tuple:
    return _order_of(doc.meta.date, doc.meta.symbol)


@lru_cache(maxsize=1 << 14)
def _order_of(date: str, symbol: str) -> tuple:
    return (date_parts(date) or (9999,), symbol)


@lru_cache(maxsize=1 << 14)
def _consulted(stated: str) -> tuple[str, ...]:
    """The draft symbols a draft's type and masthead say it was submitted on the basis of."""
    return tuple(m[1] for m in _CONSULTATIONS.finditer(" ".join(stated.split())))


@lru_cache(maxsize=1 << 14)
def _stated_drafts(masthead: str) -> tuple[str, ...]:
    """What a resolution's masthead names as its draft, each mention's first draft symbol (or "")."""
    out = []
    for m in _STATED_DRAFT.finditer(" ".join(masthead.split())):
        symbols = [s for s in re.findall(_DRAFT_SYMBOL, m[1]) if "/Add." not in s]
        out.append(symbols[0] if symbols else "")
    return tuple(out)


def _overlap(index: Index, draft: str, resolution: str) -> float:
    """Share of the draft's paragraphs whose text is in the resolution, word for word or nearly (≥ 0.9)."""
    mine = index.of_doc.get(draft, [])
    if not mine:
        return 0.0
    theirs = {tid for _, tid in index.of_doc.get(resolution, [])}
    found = 0
    for _, tid in mine:
        if tid in theirs or any(o in theirs and s >= 0.9 for o, s in index.similar.get(tid, {}).items()):
            found += 1
    return found / len(mine)


def relate(docs: list[Document], index: Index) -> Relations:
    """The related documents of every page (see the module docstring)."""
    out = Relations()
    by_symbol = {d.meta.symbol: d for d in docs if d.meta.symbol}
    drafts = [d for d in docs if is_draft(d)]
    resolutions = [d for d in docs if is_resolution(d)]

    # Replaced drafts: a facilitator's draft, a revision.
    replaced_by: dict[str, str] = {}
    for doc in drafts:
        stated = " ".join([doc.meta.document_type, *doc.meta.masthead_text])
        for symbol in _consulted(stated):
            old = by_symbol.get(symbol)
            if old is not None and old is not doc:
                replaced_by[old.path] = doc.path
                why = f"{doc.meta.symbol} was submitted on the basis of informal consultations on {symbol}"
                out.replaced.append((old.path, doc.path))
                out.add(doc.path, Relation(old.path, "replaces", why))
                out.add(old.path, Relation(doc.path, "replaced by", why))
        rev = _REVISION.match(doc.meta.symbol)
        if rev:
            n = int(rev["n"])
            old_symbol = rev["base"] + (f"/Rev.{n - 1}" if n > 1 else "")
            old = by_symbol.get(old_symbol)
            if old is not None and old.path not in replaced_by:
                replaced_by[old.path] = doc.path
                why = f"{doc.meta.symbol} is a revision of {old_symbol}"
                out.replaced.append((old.path, doc.path))
                out.add(doc.path, Relation(old.path, "replaces", why))
                out.add(old.path, Relation(doc.path, "replaced by", why))

    # Drafts adopted: stated first.
    draft_of: dict[str, str] = {}
    resolution_of: dict[str, str] = {}

    def adopt(draft: Document, res: Document, why: str, inferred: bool) -> None:
        draft_of[res.path] = draft.path
        resolution_of[draft.path] = res.path
        out.adopted.append((draft.path, res.path, inferred))
        out.add(draft.path, Relation(res.path, "adopted as", why, inferred))
        out.add(res.path, Relation(draft.path, "draft", why, inferred))

    for res in resolutions:
        for symbol in _stated_drafts(" ".join(res.meta.masthead_text)):
            draft = by_symbol.get(symbol) if symbol else None
            if draft is not None and draft.path not in resolution_of:
                adopt(draft, res, f"the masthead of {res.meta.symbol} names {symbol} as its draft", False)
    for draft in drafts:
        if draft.path in resolution_of or not draft.meta.adopted_as:
            continue
        for ref in find_references(draft.meta.adopted_as, draft.meta.adopted_by or "General Assembly"):
            res = by_symbol.get(ref.symbol)
            if res is not None and res.path not in draft_of:
                adopt(draft, res, f"the metadata of {draft.meta.symbol} says it was adopted as {ref.symbol}", False)
                break

    # Then inferred from the texts, best overlap first.
    by_session: dict[int | None, list[tuple[Document, str]]] = {}
    for res in resolutions:
        if res.meta.title:
            by_session.setdefault(session_of(res), []).append((res, fold_title(res.meta.title)))
    proposals = []
    orders = {d.path: _order(d) for d in [*drafts, *resolutions]}  # each date parsed once
    waiting: dict[int | None, list[tuple[Document, str]]] = {}
    for draft in drafts:
        if draft.path in resolution_of or draft.path in replaced_by or not draft.meta.title:
            continue
        waiting.setdefault(session_of(draft), []).append((draft, fold_title(draft.meta.title)))
    for session, waiting_drafts in waiting.items():
        candidates = by_session.get(session, [])
        if not candidates:
            continue
        # Every title of the session against every draft's at once; a float32 score near the bar
        # is scored again exactly (as one pair at a time was).
        near = cdist(
            [title for _, title in waiting_drafts],
            [other for _, other in candidates],
            scorer=fuzz.ratio,
            score_cutoff=NEAR_TITLE - 1,
        )
        same_title = np.equal.outer(  # equal titles pass whatever their score (two empty ones score 0)
            np.array([title for _, title in waiting_drafts], dtype=object),
            np.array([other for _, other in candidates], dtype=object),
        )
        for d, r in np.argwhere((near > 0) | same_title).tolist():
            (draft, title), (res, other) = waiting_drafts[d], candidates[r]
            if res.path in draft_of or orders[res.path][0] < orders[draft.path][0]:
                continue
            same = other == title
            if not same and fuzz.ratio(other, title) < NEAR_TITLE:
                continue
            share = _overlap(index, draft.path, res.path)
            if share >= ADOPTED_OVERLAP:
                proposals.append((-share, draft.meta.symbol, res.meta.symbol, draft, res, same))
    for negative, _, _, draft, res, same in sorted(proposals, key=lambda p: p[:3]):
        if draft.path in resolution_of or res.path in draft_of:
            continue
        title = "the same title" if same else "nearly the same title"
        why = f"{title}, the same session, and {-negative:.0%} of the draft's paragraphs are in the resolution"
        adopt(draft, res, why, True)

    _series(out, docs, resolutions)
    _versions(out)
    return out


def _series(out: Relations, docs: list[Document], resolutions: list[Document]) -> None:
    """Earlier and later resolutions of the same title, from other sessions."""
    by_title: dict[str, list[Document]] = {}
    by_agenda: dict[str, list[tuple[Document, str]]] = {}
    for res in resolutions:
        if res.meta.title and session_of(res) is not None:
            title = fold_title(res.meta.title)
            by_title.setdefault(title, []).append(res)
            if res.meta.agenda_title:
                by_agenda.setdefault(res.meta.agenda_title, []).append((res, title))
    for doc in docs:
        if not doc.meta.title or session_of(doc) is None:
            continue
        title = fold_title(doc.meta.title)
        found = {res.path: (res, "the same title") for res in by_title.get(title, [])}
        for res, other in by_agenda.get(doc.meta.agenda_title, []) if doc.meta.agenda_title else []:
            if res.path not in found and fuzz.ratio(other, title) >= NEAR_TITLE:
                found[res.path] = (res, "nearly the same title, under the same agenda item")
        for res, why in sorted(found.values(), key=lambda x: _order(x[0])):
            if res is doc or session_of(res) == session_of(doc):
                continue
            earlier = session_of(res) < session_of(doc)
            kind = "earlier in series" if earlier else "later in series"
            out.add(doc.path, Relation(res.path, kind, f"{why}, {_ordinal(session_of(res))} session"))
            if is_resolution(doc) and earlier:
                out.series.append((res.path, doc.path, why))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _versions(out: Relations) -> None:
    """Pages that are versions of one text (drafts, replacements, the resolution), grouped."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b, *_ in [*out.adopted, *out.replaced]:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for page in parent:
        groups.setdefault(find(page), set()).add(page)
    for group in groups.values():
        for page in group:
            out.versions[page] = group - {page}
