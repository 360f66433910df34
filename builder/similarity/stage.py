"""The agreed-language stage of the build: index, relations, precedents, comparison pages.

Runs after linking, before rendering. Guarantees to rendering: an `Agreed` whose
`corpus` answers every page's precedents and related documents, and whose `pairs`
are the comparisons pre-built (`files`); signatures are cached per document in
`<build>/cache/similarity/`, so a rebuild costs the changed documents only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from builder.model import Document
from builder.similarity.index import SignatureCache, build_index
from builder.similarity.precedents import Corpus, corpus
from builder.similarity.relations import relate, session_of


@dataclass
class Agreed:
    corpus: Corpus
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (older page, newer page, why)
    seconds: float = 0.0

    @cached_property
    def compared(self) -> set[tuple[str, str]]:
        """The pre-built comparisons as (older, newer): made once (every page asks for it)."""
        return {(a, b) for a, b, _ in self.pairs}


def agreed_language(docs: list[Document], names: dict[str, str], cache: Path | None) -> Agreed:
    """Index every paragraph, relate the documents, choose the comparisons to pre-build."""
    started = time.perf_counter()
    index = build_index(docs, SignatureCache(cache / "similarity" if cache else None))
    relations = relate(docs, index)
    data = corpus(docs, index, relations, names)
    pairs: dict[tuple[str, str], str] = {}
    for draft, res, inferred in relations.adopted:
        pairs[(draft, res)] = "the draft and the resolution it became" + (
            " (inferred from the texts)" if inferred else ""
        )
    for old, new in relations.replaced:
        pairs.setdefault((old, new), "a draft and the draft that replaced it")
    by_page = {d.path: d for d in docs}
    nearest: dict[str, tuple[int, str]] = {}
    for earlier, later, _why in relations.series:
        gap = session_of(by_page[later]) - session_of(by_page[earlier])
        if later not in nearest or gap < nearest[later][0]:
            nearest[later] = (gap, earlier)
    for later, (_, earlier) in nearest.items():
        pairs.setdefault((earlier, later), "consecutive resolutions of a series (the same title)")
    ordered = sorted(((a, b, why) for (a, b), why in pairs.items()), key=lambda p: (data.order[p[1]], p[0]))
    return Agreed(data, ordered, time.perf_counter() - started)
