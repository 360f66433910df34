"""Precision and recall of the recognizer on a labelled set of paragraphs.

The labels (`tests/data/mandates_labels.csv`) name a corpus file and a paragraph id, and say,
as a reader wrote them, each clause's verb, addressees (`; ` between them), kind and due
session; a paragraph with an empty verb asks no one to act; `set` says whether the paragraph
was read while the rules were written (`dev`) or drawn and labelled afterwards from other files
(`holdout`). The corpus text itself is never stored with the labels. Each column is scored
as a set of (file, paragraph, value) facts:
precision is the share of the recognizer's facts that the labels hold, recall the share of
the labels' facts the recognizer found. `mandate` scores the paragraphs found to hold one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from builder.mandates.recognize import recognize
from builder.model import Document

COLUMNS = ["mandate", "verb", "addressee", "kind", "due_session"]


@dataclass
class Score:
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def load_labels(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _facts_of_labels(labels: list[dict[str, str]]) -> dict[str, set]:
    facts: dict[str, set] = {c: set() for c in COLUMNS}
    for row in labels:
        key = (row["file"], row["paragraph_id"])
        if not row["verb"]:
            continue
        facts["mandate"].add(key)
        facts["verb"].add((*key, row["verb"]))
        for name in row["addressees"].split(";"):
            facts["addressee"].add((*key, name.strip()))
        facts["kind"].add((*key, row["kind"]))
        if row["due_session"]:
            facts["due_session"].add((*key, int(row["due_session"])))
    return facts


def _facts_of_documents(docs: dict[str, Document], wanted: set[tuple[str, str]]) -> dict[str, set]:
    facts: dict[str, set] = {c: set() for c in COLUMNS}
    for name, doc in docs.items():
        for m in recognize(doc):
            key = (name, m.paragraph_id)
            if key not in wanted:
                continue
            facts["mandate"].add(key)
            facts["verb"].add((*key, m.verb))
            facts["addressee"].add((*key, m.addressee))
            facts["kind"].add((*key, m.kind))
            if m.due_session is not None:
                facts["due_session"].add((*key, m.due_session))
    return facts


def score(labels: list[dict[str, str]], docs: dict[str, Document]) -> dict[str, Score]:
    """Per column, the recognizer's score on the labelled paragraphs (`docs`: file name → document)."""
    wanted = {(row["file"], row["paragraph_id"]) for row in labels}
    gold = _facts_of_labels(labels)
    found = _facts_of_documents(docs, wanted)
    return {c: Score(len(found[c] & gold[c]), len(found[c] - gold[c]), len(gold[c] - found[c])) for c in COLUMNS}


def differences(labels: list[dict[str, str]], docs: dict[str, Document], column: str) -> tuple[set, set]:
    """(found but not labelled, labelled but not found) facts of one column: for reading the errors."""
    wanted = {(row["file"], row["paragraph_id"]) for row in labels}
    gold = _facts_of_labels(labels)[column]
    found = _facts_of_documents(docs, wanted)[column]
    return found - gold, gold - found


def read_labelled(labels: list[dict[str, str]], corpus: Path) -> dict[str, Document]:
    """The labelled files of `corpus`, read as the build reads them (file name → document)."""
    from builder.build import read_source
    from builder.sources import Source

    docs: dict[str, Document] = {}
    for name in sorted({row["file"] for row in labels}):
        path = corpus / name
        if not path.is_file():
            continue
        meta = path.with_suffix(".yml")
        outcome = read_source(Source(path, meta if meta.is_file() else None))
        if outcome.doc is not None:
            docs[name] = outcome.doc
    return docs


def table(scores: dict[str, Score]) -> str:
    rows = ["| column | precision | recall | right | wrong | missed |", "| --- | --- | --- | --- | --- | --- |"]
    for c, s in scores.items():
        rows.append(
            f"| {c} | {s.precision:.3f} | {s.recall:.3f} | {s.true_positive} | {s.false_positive} | "
            f"{s.false_negative} |"
        )
    return "\n".join(rows)
