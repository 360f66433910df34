"""The open-data and search writers made faster give the bytes of the straightforward ones they replaced.

`paragraphs.csv` rows are joined by hand (`csv.writer` is the reference), `akn.xml` skips escaping
texts that hold nothing to escape (`ET.tostring` is the reference), and the search index scores
every (term, record) pair as arrays (one Python loop per pair, as it was written first, is the
reference). Each is compared on invented inputs that hold what would tell them apart.
"""

from __future__ import annotations

import csv
import io
import math
import random
import xml.etree.ElementTree as ET
from collections import defaultdict

from builder.data.akn import serialize
from builder.data.corpus import paragraph_rows
from builder.search.index import K1, B, Scores, score_records, shards
from builder.search.records import FIELDS, Record

TRICKY = ["", "plain", "a, b", 'say "so"', "line\nend", "carriage\rreturn", "both\r\n", ' "', ",", "é – ü", "x\ty"]


def test_paragraph_rows_are_what_csv_writer_writes():
    rng = random.Random(7)
    paragraphs = [
        {
            "id": rng.choice([*TRICKY, "op1"]),
            "eid": rng.choice([None, "para_1", *TRICKY]),
            "kind": rng.choice(TRICKY),
            "number": rng.choice(["1", "", "(a)", "1,2"]),
            "part": rng.choice(["main", "annex"]),
            "text": " ".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 5))),
        }
        for _ in range(400)
    ]
    data = {"symbol": "A/RES/1/2, rev", "url": 'A/RES/1/2/"', "paragraphs": paragraphs}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for p in paragraphs:
        writer.writerow(
            [data["symbol"], data["url"], p["id"], p["eid"] or "", p["kind"], p["number"], p["part"], p["text"]]
        )
    assert paragraph_rows(data) == out.getvalue().encode("utf-8")


def test_serialize_is_what_elementtree_writes():
    root = ET.Element("akomaNtoso", {"xmlns": "urn:x"})
    for i, text in enumerate([*TRICKY, "a < b & c > d", "&amp;"]):
        el = ET.SubElement(root, "p", {"eId": f"p_{i}", "title": text})
        el.text = text or None
        ET.SubElement(el, "i").text = text
        el[-1].tail = text + " tail"
    ET.SubElement(root, "empty")
    expected = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    assert serialize(root) == expected


def _reference_scores(records: list[Record], boosts: dict[str, int]) -> dict[str, dict[int, int]]:
    """The scores as first written: one loop per (term, record) pair."""
    count = len(records) or 1
    total_length = dict.fromkeys(boosts, 0)
    having = dict.fromkeys(boosts, 0)
    containing: dict[str, int] = defaultdict(int)
    for record in records:
        for name, (_, length) in record.counted.items():
            total_length[name] += length
            having[name] += 1
        for t in {t for counts, _ in record.counted.values() for t in counts}:
            containing[t] += 1
    weight = {t: 10 * (K1 + 1) * math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for t, n in containing.items()}
    average = {name: (total_length[name] / having[name]) if having[name] else 1 for name in boosts}
    scores: dict[str, dict[int, int]] = defaultdict(dict)
    for number, record in enumerate(records):
        combined: dict[str, float] = {}
        for name, (counts, length) in record.counted.items():
            norm = K1 * (1 - B + B * (length / average[name]))
            for token, tf in counts.items():
                combined[token] = combined.get(token, 0.0) + tf / (norm + tf) * boosts[name]
        for token, value in combined.items():
            scores[token][number] = max(1, round(value * weight[token]))
    return scores


def _as_dict(scores: Scores) -> dict[str, dict[int, int]]:
    return {term: dict(zip(*scores.postings(i), strict=True)) for i, term in enumerate(scores.terms)}


def test_array_scores_are_the_per_pair_scores():
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(300)] + ["common", "é"]
    records = []
    for n in range(3000):
        text = [rng.choice(vocabulary) for _ in range(rng.randint(0, 40))] + (["common"] if n % 2 else [])
        fields = {"text": text}
        if n % 7 == 0:  # a record of several fields: a term in two of them sums
            fields["title"] = rng.sample(vocabulary, 3)
            fields["symbol"] = [f"{n}/1", text[0] if text else "w1"]
        records.append(Record(fields))
    scores = score_records(records, FIELDS)
    assert _as_dict(scores) == _reference_scores(records, FIELDS)
    gaps = {entry[0]: entry[1] for group in shards(scores, len(records), 4_000).values() for entry in group}
    for term, postings in _reference_scores(records, FIELDS).items():
        numbers = list(postings)
        assert gaps[term] == [b - a for a, b in zip([-1, *numbers], numbers, strict=False)], term


def test_no_records_no_terms():
    scores = score_records([], FIELDS)
    assert scores.terms == [] and shards(scores, 0, 1000) == {}
