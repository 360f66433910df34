"""Mandates: who each resolution asks to do what, by when (issue 21).

`recognize.recognize(doc)` finds them in the document model; `lineage` adds the earlier
resolutions of a document's series and the requests a mandate repeats; `files` writes the
panel, the index page and the data files. `document_mandates(doc)` gives one document's
mandates as JSON-ready dicts (for `document.json`).
"""

from __future__ import annotations

from builder.mandates.recognize import Mandate, recognize

__all__ = ["NAV_ENTRY", "Mandate", "as_dict", "collect", "document_mandates", "recognize"]

NAV_ENTRY = {"Mandates": "mandates/index.md"}


def collect(docs) -> dict[str, list[Mandate]]:
    """Every document's mandates, page → mandates, with their lineage: the build's mandates step."""
    from builder.mandates import lineage

    found = {doc.path: recognize(doc) for doc in docs}
    lineage.link(docs, found)
    return found


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
        "repeats": m.repeats,
    }


def document_mandates(doc, mandates: list[Mandate] | None = None) -> list[dict]:
    """`doc`'s mandates as JSON-ready dicts, for the `mandates` key of its `document.json`.

    Pass the build's mandates of `doc` (with lineage) when there are; otherwise they are
    recognised here, without lineage."""
    return [as_dict(m) for m in (mandates if mandates is not None else recognize(doc))]
