"""Relevance: for queries a reader types, the result they expect comes first.

`SearchFiles` reads the files the site serves and answers a query the way
`unp-search.js` does once the query is typed out (every word required, any
word when nothing has them all; a citation's paragraph first);
`test_search_browser.py` holds the browser to the same first results.
Checked on the seed documents, and on the 1,180-document corpus when present.
"""

from __future__ import annotations

import json
import re

import pytest

from builder.search.terms import fold, term, terms, words
from tests.conftest import CORPUS, SOURCES

PAGE, PARAGRAPH, GLOSSARY = 0, 1, 2
_SYM = r"([a-z0-9][a-z0-9.\-]*(?:/[a-z0-9][a-z0-9.\-]*)+)"
_DES = (
    r"(?:(operative|preambular)\s+)?(paragraphs?|paras?|op|pp|action|item|\u00b6)\.?\s*(\d{1,4})"
    r"(?:\s*\(([a-z]{1,5})\)|-?([a-z]{1,2})\b)?"
)
_AFTER = re.compile(rf"^(?:(?:draft\s+)?(?:resolution|document)\s+)?{_SYM}[\s,]+{_DES}$")
_BEFORE = re.compile(rf"^{_DES}\s+(?:of|in)\s+(?:(?:draft\s+)?(?:resolution|document)\s+)?{_SYM}$")


class SearchFiles:
    """The served search files, queried as the browser queries them."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        self.index = json.loads(files["search/index.json"])
        starts, at = [], 0
        for gap in self.index["starts"]:
            at += gap
            starts.append(at)
        self.starts = starts
        self.pages = set(starts)

    def shard_of(self, t: str) -> int:
        keys = self.index["shards"]
        found = [i for i, k in enumerate(keys) if t.startswith(k)]
        return max(found, key=lambda i: len(keys[i])) if found else -1

    def postings(self, t: str) -> dict[int, float]:
        n = self.shard_of(t)
        if n < 0:
            return {}
        for entry in json.loads(self.files[f"search/t/{n}.json"]):
            if entry[0] != t:
                continue
            refs, at = [], -1
            for gap in entry[1]:
                at += gap
                refs.append(at)
            if isinstance(entry[2], list):
                return dict(zip(refs, entry[2], strict=True))
            scores = dict.fromkeys(refs, entry[2])
            if len(entry) > 3:
                at = -1
                for gap, score in zip(entry[3], entry[4], strict=True):
                    at += gap
                    scores[at] = score
            return scores
        return {}

    def kind(self, ref: int) -> int:
        if ref >= self.index["glossary"]:
            return GLOSSARY
        return PAGE if ref in self.pages else PARAGRAPH

    def record(self, ref: int) -> tuple[list, dict]:
        chunk = json.loads(self.files[f"search/r/{ref // self.index['chunk']}.json"])
        return chunk["records"][ref % self.index["chunk"]], chunk["docs"]

    def address(self, ref: int) -> str:
        """Where a result opens: `A/RES/79/1/#para12`, `A/RES/80/173/`, `glossary/#…`."""
        row, docs = self.record(ref)
        if row[0] == GLOSSARY:
            return row[1]
        url = docs[str(row[1])][0]
        return url + "#" + row[2] if row[0] == PARAGRAPH and row[2] else url

    def search(self, text: str) -> list[int]:
        cited = _citation(text)
        query = cited[0] if cited else text
        found = [self.postings(t) for t in terms(query)]
        if not found:
            return []
        results = set(found[0]).intersection(*found[1:])
        if not results and len(found) > 1:
            results = set().union(*found)
        ranked = sorted(results, key=lambda r: (-sum(p.get(r, 0) for p in found), r))
        target = self.cited(*cited) if cited else None
        return ([target] if target is not None else []) + [r for r in ranked if r != target]

    def cited(self, symbol: str, ids: list[str]) -> int | None:
        pages = {r: s for r, s in self.postings(term(symbol)).items() if self.kind(r) == PAGE}
        if not pages:
            return None
        page = max(pages, key=lambda r: (pages[r], -r))
        anchors = self.record(page)[0][3].split(" ")
        for wanted in ids:
            at = anchors.index(wanted) if wanted in anchors else -1
            if at < 0:
                at = next((i for i, a in enumerate(anchors) if a.endswith("-" + wanted)), -1)
            if at >= 0:
                return page + 1 + at
        return None


def _citation(text: str) -> tuple[str, list[str]] | None:
    folded = re.sub(r"\s+", " ", fold(text).strip())
    if m := _AFTER.match(folded):
        symbol, (qualifier, kind, number, sub1, sub2) = m[1], m.groups()[1:6]
    elif m := _BEFORE.match(folded):
        symbol, (qualifier, kind, number, sub1, sub2) = m[6], m.groups()[:5]
    else:
        return None
    if qualifier == "operative" or kind == "op":
        ids = [f"op{number}"]
    elif qualifier == "preambular" or kind == "pp":
        ids = [f"pp{number}"]
    elif kind in ("action", "item"):
        ids = [f"{kind}{number}"]
    else:
        ids = [f"op{number}", f"para{number}"]
    sub = sub1 or sub2
    return symbol.rstrip(".,;"), [f"{i}-{sub}" for i in ids] if sub else ids


# Query -> where its first result opens. The seeds: five documents on trafficking in persons.
SEED_CASES = {
    "61/180": "A/C.3/61/L.7/Rev.1/",
    "A/RES/61/180": "A/C.3/61/L.7/Rev.1/",
    "A/C.3/61/L.7/Rev.1": "A/C.3/61/L.7/Rev.1/",
    "61/180 op5": "A/C.3/61/L.7/Rev.1/#op5",
    "operative paragraph 5 of 61/180": "A/C.3/61/L.7/Rev.1/#op5",
    "A/C.3/61/L.7/Rev.1 pp3": "A/C.3/61/L.7/Rev.1/#pp3",
    "resolution 61/180, paragraph 4": "A/C.3/61/L.7/Rev.1/#op4",
    "61/180 op 5 (b)": "A/C.3/61/L.7/Rev.1/",  # op5 has no (b): the document, not a guessed paragraph
    "Palermo Protocol": "glossary/#trafficking-in-persons-protocol",
    "Trafficking in Persons Protocol": "glossary/#trafficking-in-persons-protocol",
    "Organized Crime Convention": "glossary/#organized-crime-convention",
    "A/67/156": "ga-67-c3-draft-improving-coordination-trafficking/#pp20",
    "Migrants Protocol": "glossary/#migrants-protocol",
    "Global Plan of Action": "glossary/#global-plan-of-action-trafficking",
    "2030 Agenda": "glossary/#agenda-2030",
    "Beijing Platform for Action": "glossary/#beijing-platform-for-action",
    "Vienna Declaration": "glossary/#vienna-declaration-crime-justice",
    "demand that fosters exploitation": "A/C.3/61/L.7/Rev.1/#op5",
}
CORPUS_CASES = {
    "A/RES/80/173": "A/RES/80/173/",
    "A/RES/79/1 para 12": "A/RES/79/1/#para12",
    "79/1 action 17": "A/RES/79/1/#action17",
    "A/C.3/80/L.60 item 7(b)": "A/C.3/80/L.60/#item7-b",
    "human rights defenders": "A/RES/78/216/",
    "Pact for the Future": "A/RES/79/1/",
    "79/1": "A/RES/79/1/",
    "A/C.5/80/L.5": "A/C.5/80/L.5/",
}


def _first(search: SearchFiles, query: str) -> str:
    found = search.search(query)
    return search.address(found[0]) if found else ""


@pytest.fixture(scope="module")
def seed_search(linked) -> SearchFiles:
    return SearchFiles({p: t for p, t in linked.pages.items() if p.startswith("search/")})


@pytest.mark.parametrize("query", list(SEED_CASES))
def test_seed_queries_put_the_expected_result_first(seed_search, query):
    assert _first(seed_search, query) == SEED_CASES[query]


def test_every_kind_is_scored_alike_and_needs_every_word(seed_search):
    """A document sharing one word of the query never outranks a paragraph that has them all."""
    query = "proceeds of crime confiscation"
    found = seed_search.search(query)
    assert found
    for ref in found:
        row = seed_search.record(ref)[0]
        assert row[0] == PARAGRAPH  # no document or glossary entry has every word
        assert set(terms(query)) <= set(terms(row[4])), row[2]
    # one word missing everywhere: any word, every kind alike, best first
    fallback = seed_search.search("confiscation proceeds")
    assert fallback and len(fallback) > len(found)


@pytest.fixture(scope="module")
def corpus_search(tmp_path_factory) -> SearchFiles:
    if not CORPUS.is_dir():
        pytest.skip("no corpus beside the project")
    from builder.build import build

    result = build(CORPUS, tmp_path_factory.mktemp("corpus"), keep_going=True, instruments=SOURCES / "instruments.yml")
    return SearchFiles({p: t for p, t in result.pages.items() if p.startswith("search/")})


@pytest.mark.parametrize("query", list(CORPUS_CASES))
def test_corpus_queries_put_the_expected_result_first(corpus_search, query):
    first, expected = _first(corpus_search, query), CORPUS_CASES[query]
    if "#" not in expected:  # a document expected: the document, or a paragraph of it, comes first
        first = first.split("#")[0]
    assert first == expected


def test_words_and_terms_agree_with_the_index_module():
    assert words("61/180 op5") == ["61/180", "op5"]
    assert _citation("Operative paragraph 5 of resolution 61/180") == ("61/180", ["op5"])
    assert _citation("A/RES/79/1, para. 12") == ("a/res/79/1", ["op12", "para12"])
    assert _citation("79/1 action 17") == ("79/1", ["action17"])
    assert _citation("A/C.3/80/L.60 item 7(b)") == ("a/c.3/80/l.60", ["item7-b"])
    assert _citation("61/180 op5(b)") == ("61/180", ["op5-b"])
    assert _citation("sustainable development") is None
