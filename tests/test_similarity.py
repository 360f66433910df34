"""Agreed language: precedents, boilerplate, alignment, related documents, on made-up documents
shaped like the corpus's (`similarity_docs`), and on the corpus when it is present."""

from __future__ import annotations

import json
import random
import time

import pytest
import similarity_docs as sd
from conftest import CORPUS, corpus_files, read_text

from builder.build import build
from builder.render.agreed import PageAgreed
from builder.similarity.align import Side, align
from builder.similarity.diff import diff_html, word_diff
from builder.similarity.index import Index, SignatureCache, build_index, signature
from builder.similarity.precedents import corpus, precedents
from builder.similarity.relations import relate


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    folder = sd.write(tmp_path_factory.mktemp("agreed") / "src")
    result = build(folder, folder.parent / "build")
    assert not result.errors, [e.render() for e in result.errors]
    return result


@pytest.fixture(scope="module")
def data(made_up):
    docs = made_up.documents
    index = build_index(docs)
    names = {d.path: d.meta.symbol for d in docs}
    return corpus(docs, index, relate(docs, index), names)


def test_one_word_changed_is_found_with_the_word_marked(data, made_up):
    found = precedents(data, "A/RES/99/60.md")["op3"]
    assert [(p.page, p.anchor, p.earlier) for p in found] == [("A/RES/98/50.md", "op2", True)]
    assert 0.9 < found[0].score < 1
    diff = json.loads(made_up.pages["A/RES/99/60/precedents-1.json"])["op3"][0]["diff"]
    assert [seg for seg in diff if seg[0] != "="] == [["+", " enhance"], ["-", " strengthen"]]


def test_new_language_and_share(data, made_up):
    found = precedents(data, "A/RES/99/60.md")
    assert found["op4"] == []  # the whale dialogue is new
    page = made_up.pages["A/RES/99/60.md"]
    assert "7 of 8 paragraphs repeat or adapt earlier text; 1 (12%) is" in page
    assert 'id="op4"' in page and page.split('id="op4"')[1].split("</div>")[0].count("new language") == 1


def test_boilerplate_openings_are_not_precedents(data):
    for n in range(5):
        page = f"A/RES/99/{200 + n}.md"
        assert all(found == [] for found in precedents(data, page).values()), page


def test_versions_of_one_text_are_related_not_precedents(data):
    # The resolution's paragraphs are in its draft word for word: that is its draft, not a precedent.
    assert all(p.page != "A/99/L.11.md" for found in precedents(data, "A/RES/99/60.md").values() for p in found)


def test_related_documents_stated_first(data):
    rel = data.relations
    assert ("A/99/L.11.md", "A/RES/99/60.md", False) in rel.adopted  # named in the masthead
    assert ("A/C.3/99/L.5.md", "A/C.3/99/L.40.md") in rel.replaced  # informal consultations
    # The resolution belongs to the facilitator's draft acted on, not the one it replaced.
    assert ("A/C.3/99/L.40.md", "A/RES/99/150.md", True) in rel.adopted
    assert all(d != "A/C.3/99/L.5.md" for d, _, _ in rel.adopted)
    assert ("A/RES/98/50.md", "A/RES/99/60.md", "the same title") in rel.series
    why = {r.target: r.reason for r in rel.of["A/RES/99/60.md"]}
    assert why["A/99/L.11.md"] == "the masthead of A/RES/99/60 names A/99/L.11 as its draft"
    # Same session, no shared title: the boilerplate resolutions relate to nothing.
    assert "A/RES/99/200.md" not in rel.of


def test_pages_list_related_documents_with_why(made_up):
    page = made_up.pages["A/RES/99/150.md"]
    related = page.split("## Related documents {#related .unp-chrome}")[1]
    assert "A/C.3/99/L.40" in related and "inferred from the texts" in related and "A/C.3/99/L.5<" not in related
    assert 'href="../../../../compare/A_C.3_99_L.40--A_RES_99_150/"' in related
    assert "compare/A_C.3_99_L.40--A_RES_99_150/index.md" in made_up.pages


def test_reordered_document_aligns_by_content():
    a = [Side(f"op{i + 1}", f"operative paragraph {i + 1}", t) for i, t in enumerate(sd.OPS)]
    order = [2, 0, 1, 4, 3]
    b = [Side(f"op{n + 1}", f"operative paragraph {n + 1}", sd.OPS_99[i]) for n, i in enumerate(order)]
    b.insert(2, Side("new", "operative paragraph x", sd.NEW_OP))
    rows = align(a, b)
    pairs = {(r.a.id if r.a else None, r.b.id if r.b else None): r.kind for r in rows}
    assert pairs[("op3", "op1")] in ("kept", "moved")
    assert pairs[("op2", "op3")] == "changed"  # the one-word change, matched by content
    assert pairs[(None, "new")] == "inserted"
    assert {k for k in pairs.values()} <= {"kept", "moved", "changed", "inserted"}
    assert sum(1 for r in rows if r.kind == "moved") <= 2


def test_comparison_page_cites_both_sides(made_up):
    page = made_up.pages["compare/A_RES_98_50--A_RES_99_60/index.md"]
    assert "operative paragraph 4 of A/RES/99/60, new since A/RES/98/50" in page
    assert "operative paragraph 3 of A/RES/99/60, changed from operative paragraph 2 of A/RES/98/50" in page
    assert '<ins><span class="unp-sr">[inserted: </span>enhance' in page
    assert '<del><span class="unp-sr">[deleted: </span>strengthen' in page
    assert "compare/A_RES_98_50--A_RES_99_60/index.md" not in made_up.pages["compare/index.md"]  # relative links
    assert "A/RES/98/50 → A/RES/99/60" in made_up.pages["compare/index.md"]


def test_diff_text_is_escaped():
    html = diff_html(word_diff("Takes note of <b>the</b> report", "Takes note of <script>alert(1)</script> report"))
    assert "<script" not in html and "<b>" not in html and "&lt;" in html
    assert "[inserted: </span>script<" in html and "[deleted: </span>b<" in html


def test_incremental_update_matches_full_build(made_up):
    docs = made_up.documents
    full = build_index(docs)
    index = Index()
    for doc in docs[:-1]:
        index.add(doc.path, signature(doc))
    index.build()
    started = time.perf_counter()
    index.update(docs[-1].path, signature(docs[-1]))
    assert time.perf_counter() - started < 1.0
    assert index.similar == full.similar


def test_signatures_are_cached_per_document(made_up, tmp_path):
    cache = SignatureCache(tmp_path)
    first = cache.get_all(made_up.documents)  # as the build asks: computed, then stored
    again = SignatureCache(tmp_path)
    second = again.get_all(made_up.documents)
    assert again.hits == len(made_up.documents)
    assert [s.signatures.tolist() for s in first] == [s.signatures.tolist() for s in second]


def test_precedents_json_is_small(made_up):
    for path, text in made_up.pages.items():
        if "/precedents-" in path:
            assert len(text.encode()) < 50_000, path


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is not beside the project")
def test_corpus_copy_with_one_word_changed_is_found():
    """Corpus documents, and a made-up later one: a corpus paragraph with one word changed among
    the paragraphs of another document, in reverse order."""
    files = corpus_files(40)
    docs = [read_text(f.read_bytes(), f.name)[0] for f in files]
    for doc in docs:
        doc.path = doc.meta.symbol + ".md"
    rng = random.Random(7)
    source = next(d for d in docs if d.meta.symbol.startswith("A/RES/") and len(d.paragraphs()) > 10)
    para = max(source.paragraphs()[3:], key=lambda p: len(p.content.text))
    words = para.content.text.split()
    at = rng.randrange(3, len(words) - 3)
    words[at] = "notwithstanding"
    changed = " ".join(words)
    others = [p.content.text for p in reversed(source.paragraphs()) if p is not para and p.kind != "formula"]
    text = sd.resolution(
        "A/RES/99/999",
        99,
        "31 December 2099",
        "A later text",
        [*others[:5], changed],
        "without reference to a Main Committee",
    )
    later = read_text(text, "A_RES_99_999.txt")[0]
    later.path = "A/RES/99/999.md"
    index = build_index([*docs, later])
    data = corpus([*docs, later], index, relate([*docs, later], index), {d.path: d.meta.symbol for d in [*docs, later]})
    found = precedents(data, later.path)
    anchor = later.paragraphs()[-1].anchor
    assert (source.path, para.anchor) in [(p.page, p.anchor) for p in found[anchor]]
    diff = PageAgreed(data, later.path).precedents_files()["precedents-1.json"]
    marked = [seg for seg in json.loads(diff)[anchor][0]["diff"] if seg[0] == "+"]
    assert marked == [["+", " notwithstanding"]]
