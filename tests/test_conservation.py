"""Nothing lost: the build checks that every source word reaches its page, in order."""

from __future__ import annotations

from html import unescape

import pytest
from conftest import corpus_files, read_text
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import conservation
from builder.build import BuildResult, read_one
from builder.render.page import render_page
from builder.sources import Source


def test_every_seed_page_says_what_its_source_says(seeds, seed_pages):
    for prefix, doc in seeds.items():
        _, state = read_text(doc.meta.source.read_bytes())
        assert conservation.first_difference(state.source_words, conservation.page_words(seed_pages[prefix])) == ""


def test_a_dropped_word_is_caught_and_named(seed_pages):
    page = seed_pages["002"]
    damaged = page.replace("demand for victims of trafficking", "demand for of trafficking", 1)
    assert damaged != page
    words = conservation.page_words(page)
    problem = conservation.first_difference(words, conservation.page_words(damaged))
    assert "victims" in problem and "differs" in problem


def test_a_lost_paragraph_fails_the_build(tmp_path, monkeypatch):
    source = tmp_path / "d.txt"
    source.write_text(
        "The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to act;\n\n2. Decides to stay seized.\n"
    )
    from builder.render import page as page_module

    def lossy(doc):
        doc.parts[0].blocks.pop()  # a renderer that forgets the last paragraph
        return render_page(doc)

    monkeypatch.setattr(page_module, "render_page", lossy)
    result = BuildResult()
    assert read_one(Source(source, None), result) is None
    assert "conservation check failed" in result.errors[0].render()
    assert "stay seized" in result.errors[0].render()


def test_markers_and_site_controls_are_not_words():
    page = (
        '<div class="unp-para"><p><span class="unp-num">1.</span> <em>Calls</em> once<sup id="fnref:1">'
        '<a class="footnote-ref" href="#fn:1">1</a></sup> more <span class="unp-actions unp-chrome">'
        "<button>Copy link</button></span></p></div>"
    )
    assert conservation.page_words(page) == ["1", "calls", "once", "more"]


@pytest.mark.parametrize("path", corpus_files(step=23), ids=lambda p: p.name)
def test_corpus_documents_build_and_conserve(path):
    result = BuildResult()
    assert read_one(Source(path, None), result) is not None, [e.render() for e in result.errors]


# The check's fast paths (a page's texts read in one pass) against the plain per-element reading.
_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<em>", "</em>", "<sup>", "</sup>", '<a class="x unp-chrome">', "</a>",
    '<span class="unp-chrome-ish">', "</span>", "<br>", "<P>", "<x <em>", "Calls", "on", "ce", " ", "\n", "&amp;",
    "&#57344;", "&#57345;", "&no", "tit", "\ue000", "5", "\ue001", "Natio", "ns", "_", "ß", "É", "<", ">",
]  # fmt: skip
_html = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _plain_html_words(html: str) -> list[str]:
    """`conservation._html_words` as first written: each block element's text tokenised on its own."""
    out, skipping, buffer, last = [], [], [], 0

    def flush() -> None:
        out.extend(conservation.words(unescape("".join(buffer))))
        buffer.clear()

    for m in conservation._TAG.finditer(html):
        if not (skipping and skipping[-1]):
            buffer.append(html[last : m.start()])
        last = m.end()
        closing, tag = m.group(1), m.group(2).lower()
        if tag not in conservation._INLINE:
            flush()
        if tag in conservation._VOID:
            continue
        if closing:
            if skipping:
                skipping.pop()
            continue
        cls = conservation._CLASS.search(m.group(3))
        skip = (skipping and skipping[-1]) or tag == "sup" or (cls is not None and "unp-chrome" in cls.group(1).split())
        skipping.append(bool(skip))
    if not (skipping and skipping[-1]):
        buffer.append(html[last:])
    flush()
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(_html, max_size=4))
def test_page_words_are_those_of_each_element_read_on_its_own(chunks):
    page = "\n\n".join(chunks)
    expected = [w for chunk in page.split("\n\n") for w in _plain_html_words(chunk)]
    assert conservation.page_words(page) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(_html, max_size=5))
def test_words_in_is_words_of_each_text(texts):
    assert conservation.words_in(texts) == [w for t in texts for w in conservation.words(t)]
