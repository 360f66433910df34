"""Same document, every form: does the builder give the same paragraph ids whatever tool made the text?

A paragraph id is a public address (`op5`, `pp3-b`), so the same resolution
must get the same ids, the same words under each id, the same symbol and the
same notes whether its text came from one PDF extractor or another, or from
the PDF itself. This reads every document of each form folder and its twin in
the reference folder (same file stem) with `builder.build.read_source`, on all
cores, and compares them:

    python -m benchmarks.extract_forms ../shared/corpus-pdf /tmp/forms      # the forms (~10 min)
    python -m benchmarks.forms --reference ../shared/corpus /tmp/forms/*/
    python -m benchmarks.forms --reference ../shared/corpus /tmp/forms/pypdf --show 3 --json forms.json
    python -m benchmarks.forms --reference ../shared/corpus ../shared/corpus-pdf   # the PDF front end
    make forms                                                              # both, SCRATCH=/tmp/forms

Each document is "identical" (ids, words and symbol), "same ids, words
differ" (a symbol difference counts here too), "ids differ" or "error"
(either side failed). For each form it prints the figures, the same by
document type (resolutions A/RES, drafts L.), the commonest classes of
difference with example documents, and with `--show N` N worked examples:
first differing id, missing and extra ids, a word diff. Notes (count and
labels) are compared and counted beside the classification.

How to read a class: "ids differ: fewer ppN (merged); more textN (split off)"
means the form has fewer preambular paragraphs, most of the missing ones
having been read into a neighbour (their words are inside one of the form's
paragraphs), and more unnumbered paragraphs that are pieces of a reference
paragraph. "same ids, words differ: extra numbers" means the commonest edit
adds bare numbers (note markers or page numbers read as words); the other
edits are "words split or joined", "lost numbers", "lost words", "extra
words" and "words replaced". The reference is a text form too, not the
truth: a difference says the two readings disagree, the example says which
one is wrong. Re-run after changing the reader: the extraction is done once.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from builder.build import read_source
from builder.check import map_sources
from builder.conservation import words
from builder.sources import Source, discover

IDENTICAL = "identical"
WORDS_DIFFER = "same ids, words differ"
IDS_DIFFER = "ids differ"
ERROR = "error"
CATEGORIES = (IDENTICAL, WORDS_DIFFER, IDS_DIFFER, ERROR)
_SUB_SUFFIX = re.compile(r"(?<=N)(?:-(?:[a-z]{1,2}|[ivxlc]+))+$")


@dataclass
class Reading:
    """What the builder made of one file: enough to compare, small enough to send between processes."""

    symbol: str = ""
    ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    words: list[list[str]] = field(default_factory=list)  # per id
    notes: list[str] = field(default_factory=list)  # labels, in order
    error: str = ""


def read(source: Source) -> Reading:
    """Read one file as the build does (runs in a worker); any failure is a result, not a crash."""
    try:
        outcome = read_source(source)
    except Exception as exc:
        return Reading(error=f"crash: {type(exc).__name__}: {exc}")
    if outcome.error is not None:
        return Reading(error=outcome.error.message)
    doc = outcome.doc
    paragraphs = doc.paragraphs()
    return Reading(
        symbol=doc.meta.symbol,
        ids=[p.anchor for p in paragraphs],
        kinds=[p.kind for p in paragraphs],
        words=[words(p.content.text) for p in paragraphs],
        notes=[n.label for n in doc.notes],
    )


def sources(folder: Path) -> dict[str, Source]:
    """A folder's documents by file stem, as the build finds them (text or PDF).

    A folder's README describes the folder: it is no form of any document.
    """
    return {s.path.stem: s for s in discover(folder) if s.path.stem.casefold() != "readme"}


def doc_type(name: str) -> str:
    """Resolution or draft, from the symbol in the file name (`A_RES_80_1`, `A_C.3_80_L.2`)."""
    if "_RES_" in name:
        return "resolution (A/RES)"
    if re.search(r"_L\.\d", name):
        return "draft (L.)"
    return "other"


def family(anchor: str) -> str:
    """An id's shape without its numbers: `op12` → `opN`, `annex-op3-b` → `annex-opN-sub`, `` → `formula`."""
    if not anchor:
        return "formula"
    return _SUB_SUFFIX.sub("-sub", re.sub(r"\d+", "N", anchor))


@dataclass
class Comparison:
    """One document of one form against its reference: the category, a class of difference, the evidence."""

    name: str
    type: str
    category: str
    cls: str = ""  # what kind of difference, for grouping ("" when identical)
    notes: str = ""  # "" when the notes agree
    detail: dict = field(default_factory=dict)


def compare(name: str, ref: Reading, got: Reading) -> Comparison:
    """Classify one document; see the module docstring."""
    out = Comparison(name, doc_type(name), IDENTICAL)
    if ref.error or got.error:
        out.category = ERROR
        side = "reference" if ref.error else "form"
        out.cls = f"{side}: {_error_class(ref.error or got.error)}"
        out.detail = {"reference_error": ref.error, "form_error": got.error}
        return out
    out.notes = _notes_difference(ref.notes, got.notes)
    if out.notes:
        out.detail["notes"] = {"reference": ref.notes, "form": got.notes}
    if ref.symbol != got.symbol:
        out.detail["symbol"] = {"reference": ref.symbol, "form": got.symbol}
    if ref.ids != got.ids:
        out.category = IDS_DIFFER
        out.cls = _ids_class(ref, got)
        out.detail.update(_ids_detail(ref, got))
        return out
    changed = [i for i, (a, b) in enumerate(zip(ref.words, got.words, strict=True)) if a != b]
    if changed or "symbol" in out.detail:
        out.category = WORDS_DIFFER
        out.cls = _words_class(ref, got, changed, "symbol" in out.detail)
        if changed:
            i = changed[0]
            out.detail["paragraphs_with_other_words"] = len(changed)
            out.detail["first"] = {"id": ref.ids[i], "diff": word_diff(ref.words[i], got.words[i])}
    return out


def _error_class(message: str) -> str:
    """An error without its particulars (where, which word), so alike errors group.

    A crash keeps its exception and message: those are the particulars a builder bug is found by.
    """
    if not message.startswith("crash: "):
        message = message.split(": ")[0]
    return re.sub(r"\d+", "N", message)[:100]


def _notes_difference(ref: list[str], got: list[str]) -> str:
    if ref == got:
        return ""
    if len(got) < len(ref):
        return "fewer notes"
    if len(got) > len(ref):
        return "more notes"
    return "other note labels"


def _ids_class(ref: Reading, got: Reading) -> str:
    """The shape of an id difference: which id families the form has fewer or more of, and why.

    "fewer ppN (merged); more textN (split off)" reads as: some preambular
    paragraphs were read as part of another paragraph (their words are inside
    one of the form's paragraphs), and the form has unnumbered paragraphs whose
    words belong inside a paragraph of the reference. Same families in the
    same numbers but other ids means the numbers themselves differ.
    """
    before, after = Counter(map(family, ref.ids)), Counter(map(family, got.ids))
    if not got.ids:
        return "no paragraphs"
    if before == after:
        return "same kinds, other numbers or order"
    fewer = sorted((k for k in before if before[k] > after[k]), key=lambda k: after[k] - before[k])
    more = sorted((k for k in after if after[k] > before[k]), key=lambda k: before[k] - after[k])
    # The two largest changes each way, named in a fixed order so that alike documents group.
    parts = []
    if fewer:
        merged = _inside(ref, got)
        parts.append("fewer " + ", ".join(_tagged(k, merged, "merged") for k in sorted(fewer[:2])))
    if more:
        split = _inside(got, ref)
        parts.append("more " + ", ".join(_tagged(k, split, "split off") for k in sorted(more[:2])))
    return "; ".join(parts)


def _inside(reading: Reading, other: Reading) -> dict[str, bool]:
    """For each id of `reading` that `other` lacks: are its words inside one paragraph of `other`?"""
    # No word holds "\n", so a hit lies within one paragraph; the spaces keep hits to whole words.
    haystack = " " + " \n ".join(" ".join(w) for w in other.words) + " "
    theirs = set(other.ids)
    return {
        a: bool(w) and f" {' '.join(w)} " in haystack
        for a, w in zip(reading.ids, reading.words, strict=True)
        if a not in theirs
    }


def _tagged(kind: str, within: dict[str, bool], tag: str) -> str:
    """`ppN (merged)` when most of the ids of this family that the other side lacks are `within` it."""
    found = [inside for a, inside in within.items() if family(a) == kind]
    return f"{kind} ({tag})" if found and sum(found) * 2 > len(found) else kind


def _ids_detail(ref: Reading, got: Reading) -> dict:
    """Evidence for a human: where the readings part (with opening words), missing and extra ids.

    The readings part at the first paragraph whose id or words differ: a
    paragraph split early on shifts the ids only later, so the ids alone
    would point past the cause.
    """
    pairs = zip(ref.ids, ref.words, got.ids, got.words, strict=False)
    i = next((i for i, (a, x, b, y) in enumerate(pairs) if a != b or x != y), min(len(ref.ids), len(got.ids)))
    mine, theirs = set(ref.ids), set(got.ids)
    common = [k for k, a in enumerate(ref.ids) if a in theirs]
    where = {a: k for k, a in enumerate(got.ids)}
    same_words = sum(1 for k in common if ref.words[k] == got.words[where[ref.ids[k]]])
    return {
        "reference_ids": len(ref.ids),
        "form_ids": len(got.ids),
        "first": {
            "index": i,
            "reference": _at(ref, i),
            "form": _at(got, i),
            "diff": word_diff(ref.words[i], got.words[i]) if i < min(len(ref.ids), len(got.ids)) else "",
        },
        "missing": [a or "(formula)" for a in ref.ids if a not in theirs],
        "extra": [a or "(formula)" for a in got.ids if a not in mine],
        "common_ids_same_words": f"{same_words}/{len(common)}",
        "form_kinds": dict(Counter(got.kinds)),
        "reference_kinds": dict(Counter(ref.kinds)),
    }


def _at(reading: Reading, i: int) -> str:
    if i >= len(reading.ids):
        return "(end)"
    text = " ".join(reading.words[i][:12])
    return f"{reading.ids[i] or '(formula)'} [{reading.kinds[i]}, {len(reading.words[i])} words] {text}"


def _words_class(ref: Reading, got: Reading, changed: list[int], symbol: bool) -> str:
    """The commonest kind of word change across the document's paragraphs (and a symbol change)."""
    kinds: Counter = Counter()
    for i in changed:
        matcher = difflib.SequenceMatcher(None, ref.words[i], got.words[i], autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op != "equal":
                kinds[_edit_kind(op, ref.words[i][a1:a2], got.words[i][b1:b2])] += 1
    parts = ["symbol differs"] if symbol else []
    if kinds:
        parts.append(kinds.most_common(1)[0][0])
    return "; ".join(parts)


def _edit_kind(op: str, removed: list[str], added: list[str]) -> str:
    """Name one edit: split or joined words, stray or lost numbers, or words lost, added, replaced."""
    if removed and added and "".join(removed) == "".join(added):
        return "words split or joined"
    if added and not removed:
        return "extra numbers" if all(w.isdigit() for w in added) else "extra words"
    if removed and not added:
        return "lost numbers" if all(w.isdigit() for w in removed) else "lost words"
    if all(w.isdigit() for w in added + removed):
        return "other numbers"
    return "words replaced"


def word_diff(ref: list[str], got: list[str], context: int = 4, limit: int = 3) -> str:
    """The first `limit` edits between two word lists, `[-old-] [+new+]`, with a few words either side."""
    matcher = difflib.SequenceMatcher(None, ref, got, autojunk=False)
    shown = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before = " ".join(ref[max(0, a1 - context) : a1])
        after = " ".join(ref[a2 : a2 + context])
        old = f"[-{' '.join(ref[a1:a2][:12])}{' …' if a2 - a1 > 12 else ''}-]" if a2 > a1 else ""
        new = f"[+{' '.join(got[b1:b2][:12])}{' …' if b2 - b1 > 12 else ''}+]" if b2 > b1 else ""
        shown.append(f"… {before} {old}{new} {after} …")
        if len(shown) == limit:
            break
    return "  ".join(shown)


# --- the report ---------------------------------------------------------------------------------


def _figures(comparisons: list[Comparison]) -> str:
    count = Counter(c.category for c in comparisons)
    total = len(comparisons) or 1
    notes = sum(1 for c in comparisons if c.notes)
    return (
        f"{len(comparisons)} compared: identical {count[IDENTICAL]} ({count[IDENTICAL] / total:.0%}), "
        f"same ids words differ {count[WORDS_DIFFER]}, ids differ {count[IDS_DIFFER]}, errors {count[ERROR]}; "
        f"notes differ {notes}"
    )


def report(form: str, comparisons: list[Comparison], show: int, top: int = 8) -> list[str]:
    """The lines printed for one form."""
    lines = [f"== {form}: {_figures(comparisons)}"]
    by_type: dict[str, list[Comparison]] = defaultdict(list)
    for c in comparisons:
        by_type[c.type].append(c)
    for kind in sorted(by_type):
        lines.append(f"   {kind}: {_figures(by_type[kind])}")
    classes: dict[tuple[str, str], list[str]] = defaultdict(list)
    notes: dict[str, list[str]] = defaultdict(list)
    for c in comparisons:
        if c.category != IDENTICAL:
            classes[(c.category, c.cls)].append(c.name)
        if c.notes:
            notes[c.notes].append(c.name)
    if classes:
        lines.append("   top differences:")
        for (category, cls), names in sorted(classes.items(), key=lambda kv: -len(kv[1]))[:top]:
            lines.append(f"   {len(names):5}  {category}: {cls}  e.g. {', '.join(names[:3])}")
    for what, names in sorted(notes.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"   {len(names):5}  notes: {what}  e.g. {', '.join(names[:3])}")
    if show:
        lines += _examples(comparisons, show)
    return lines


def _examples(comparisons: list[Comparison], show: int) -> list[str]:
    """`show` worked examples, one from each of the commonest classes in turn, so each class gets a face."""
    groups: dict[tuple[str, str], list[Comparison]] = defaultdict(list)
    for c in comparisons:
        if c.category != IDENTICAL:
            groups[(c.category, c.cls)].append(c)
    ordered = sorted(groups.values(), key=len, reverse=True)
    picked = [g[k] for k in range(show) for g in ordered if k < len(g)][:show]
    lines = []
    for c in picked:
        lines.append(f"   -- {c.name} ({c.type}): {c.category}: {c.cls}")
        d = c.detail
        if c.category == ERROR:
            lines.append(f"      reference error: {d['reference_error'] or '-'}; form error: {d['form_error'] or '-'}")
        if "symbol" in d:
            lines.append(f"      symbol: reference {d['symbol']['reference']!r}, form {d['symbol']['form']!r}")
        if c.category == IDS_DIFFER:
            lines.append(f"      ids: reference {d['reference_ids']} {d['reference_kinds']}")
            lines.append(f"           form      {d['form_ids']} {d['form_kinds']}")
            lines.append(f"      the readings part at paragraph #{d['first']['index']}:")
            lines.append(f"        reference {d['first']['reference'][:150]}")
            lines.append(f"        form      {d['first']['form'][:150]}")
            if d["first"]["diff"]:
                lines.append(f"        words     {d['first']['diff'][:400]}")
            lines.append(f"      missing {_few(d['missing'])}; extra {_few(d['extra'])}")
            lines.append(f"      ids in both with the same words: {d['common_ids_same_words']}")
        if c.category == WORDS_DIFFER and "first" in d:
            lines.append(f"      {d['paragraphs_with_other_words']} paragraphs differ; first {d['first']['id']}:")
            lines.append(f"        {d['first']['diff'][:400]}")
        if c.notes:
            lines.append(f"      notes: reference {_few(d['notes']['reference'])}, form {_few(d['notes']['form'])}")
    return lines


def _few(items: list[str], n: int = 8) -> str:
    shown = " ".join(items[:n]) + (f" … (+{len(items) - n})" if len(items) > n else "")
    return f"{len(items)} [{shown}]" if items else "0"


def _twins(reference: dict[str, Source], folder: Path) -> list[tuple[str, Source, Source]]:
    """Each document of `folder` that the reference also has: its name, the reference's file, the form's."""
    return [(name, reference[name], s) for name, s in sorted(sources(folder).items()) if name in reference]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("forms", type=Path, nargs="+", metavar="FORM_DIR", help="folders of one text form each")
    parser.add_argument("--reference", type=Path, required=True, help="the folder the forms are compared with")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N worked examples per form")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every comparison as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    reference = sources(args.reference)
    twins = {folder.resolve().name: _twins(reference, folder) for folder in args.forms}
    # Read every file needed once, all forms together, so every core stays busy to the end.
    needed = {s.path: s for pairs in twins.values() for _, ref, got in pairs for s in (ref, got)}
    readings = dict(zip(needed, map_sources(read, list(needed.values())), strict=True))
    print(f"forms: {len(twins)} forms against {args.reference} (in word diffs: [-reference-][+form+])")
    results = {}
    for form, pairs in twins.items():
        results[form] = [compare(name, readings[ref.path], readings[got.path]) for name, ref, got in pairs]
        print("\n".join(report(form, results[form], args.show)), flush=True)
    print(f"forms: {len(readings)} files read in {time.perf_counter() - started:.1f} s")
    print("summary (identical / same ids words differ / ids differ / errors of compared):")
    for form, comparisons in results.items():
        count = Counter(c.category for c in comparisons)
        figures = " / ".join(str(count[k]) for k in CATEGORIES)
        print(f"  {form:20} {figures} of {len(comparisons)}")
    if args.json:
        data = {form: [asdict(c) for c in comparisons] for form, comparisons in results.items()}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
