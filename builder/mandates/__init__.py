"""Mandates: who each resolution asks to do what, by when (issue 21).

`recognize.recognize(doc)` finds them in the document model; `lineage` adds the earlier
resolutions of a document's series and the requests a mandate repeats; `files` writes the
panel, the index page and the data files. `document_mandates(doc)` gives one document's
mandates as JSON-ready dicts (for `document.json`).
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.mandates.recognize import Mandate, recognize
from builder.render.html import url_dir

__all__ = [
    "NAV_ENTRY",
    "Mandate",
    "Recognized",
    "as_dict",
    "collect",
    "document_mandates",
    "recognize",
    "recognized_in",
]

NAV_ENTRY = {"Mandates": "mandates/index.md"}


def collect(docs, recognized: dict[str, Recognized] | None = None) -> dict[str, list[Mandate]]:
    """Every document's mandates, page → mandates, with their lineage: the build's mandates step.

    `recognized` (page → what `recognized_in` found, made where the document was
    read and cached with it) spares recognising again. What the corpus adds to a
    mandate (its page address, `series`, `repeats`) is assigned afresh to every
    mandate on every build, so a cached mandate never carries an earlier build's."""
    from builder.mandates import lineage

    found: dict[str, list[Mandate]] = {}
    series: dict[str, list[str]] = {}
    for doc in docs:
        known = recognized.get(doc.path) if recognized is not None else None
        known = known if known is not None else recognized_in(doc)
        for m in known.mandates:
            m.page = doc.path
        found[doc.path] = known.mandates
        series[doc.path] = known.series
    lineage.link(docs, found, series)
    return found


@dataclass
class Recognized:
    """What one document alone gives the mandates step: its mandates (without lineage) and the
    earlier resolutions of its series. It depends on nothing else, so it is made and cached
    with the document's reading."""

    mandates: list[Mandate]
    series: list[str]


def recognized_in(doc) -> Recognized:
    from builder.mandates import lineage

    return Recognized(recognize(doc), lineage.series(doc))


def as_dict(m: Mandate) -> dict:
    """A mandate as JSON-ready data: the CSV's columns, then what the site adds."""
    return {
        "symbol": m.symbol,
        "paragraph_id": m.paragraph_id,
        "verb": m.verb,
        "addressee": m.addressee,
        "addressee_kind": m.addressee_kind,
        "kind": m.kind,
        "due_session": m.due_session,
        "due_date": m.due_date or None,
        "due_text": m.due_text,
        "open_ended": m.open_ended,
        "text": m.text,
        "action": m.action,
        "series": m.series,
        # the earlier request's address, not its Markdown file (which depends on the page layout)
        "repeats": [
            {"symbol": r["symbol"], "url": f"{url_dir(r['page'])}#{pid}", "paragraph_id": pid}
            for r in m.repeats
            for pid in [r["paragraph_id"]]
        ],
    }


def document_mandates(doc, mandates: list[Mandate] | None = None) -> list[dict]:
    """`doc`'s mandates as JSON-ready dicts, for the `mandates` key of its `document.json`.

    Pass the build's mandates of `doc` (with lineage) when there are; otherwise they are
    recognised here, without lineage."""
    return [as_dict(m) for m in (mandates if mandates is not None else recognize(doc))]
