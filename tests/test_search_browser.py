"""Search in a real browser: type, see the right results, click, land on the paragraph."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from benchmarks.serving import serve
from builder.search.terms import terms
from tests.test_search_relevance import SEED_CASES, SearchFiles

pytestmark = pytest.mark.browser

BOX = "input.md-search__input"
RESULTS = ".md-search-result__item"


@pytest.fixture(scope="module")
def seed_search(site_dir) -> SearchFiles:
    folder = site_dir / "search"
    return SearchFiles(
        {f"search/{p.relative_to(folder)}": p.read_text(encoding="utf-8") for p in folder.rglob("*.json")}
    )


def _search(page, text: str) -> None:
    page.locator(BOX).click()
    page.locator(BOX).fill("")
    page.locator(BOX).press_sequentially(text)
    page.wait_for_function(
        "text => document.querySelector('[data-unp-search-list]').dataset.unpQuery === text",
        arg=text,
    )
    page.locator(RESULTS).first.wait_for(state="visible")


def _labels(page) -> list[str]:
    return page.locator(f"{RESULTS} .unp-search-label").all_inner_texts()


def _lands_highlighted(page, anchor: str) -> None:
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("el => el.matches(':target')")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    background = target.locator("> p").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_word_finds_paragraphs_and_a_click_lands_on_the_paragraph(page):
    page.goto("/")
    _search(page, "confiscation")
    labels = _labels(page)
    assert any("operative paragraph" in label for label in labels), labels
    first = page.locator(RESULTS, has=page.locator("mark")).first
    assert "confiscation" in first.locator("mark").first.inner_text().lower()
    href = first.locator("a").get_attribute("href")
    anchor = href.split("#")[1]
    first.locator("a").click()
    page.wait_for_url("**#" + anchor)
    _lands_highlighted(page, anchor)
    assert page.outside_requests == []


def test_a_resolution_number_finds_its_document_first_then_citing_paragraphs(page):
    page.goto("/")
    _search(page, "61/180")
    labels = _labels(page)
    assert labels[0].startswith("A/C.3/61/L.7/Rev.1"), labels
    assert any("preambular paragraph" in label or "operative paragraph" in label for label in labels[1:]), labels
    page.locator(RESULTS).first.locator("a").click()
    page.wait_for_url("**/A/C.3/61/L.7/Rev.1/")


def test_a_note_match_says_why_it_matched(page):
    """The 2012 draft cites 61/180 only in note 5 of its preambular paragraph 3."""
    page.goto("/")
    _search(page, "61/180")
    item = page.locator(RESULTS, has_text="preambular paragraph 3").first
    assert "61/180" not in item.locator(".md-search-result__teaser").inner_text()
    assert item.locator(".unp-search-why").inner_text() == "cites 61/180 in note 5"
    # where the text shows the symbol, nothing more is said
    page.locator(BOX).fill("")
    _search(page, "A/C.3/61/L.7/Rev.1")
    assert page.locator(f"{RESULTS} .unp-search-why").count() == 0


def test_a_typed_citation_offers_that_paragraph_first(page):
    page.goto("/")
    for typed in ("61/180 op5", "operative paragraph 5 of 61/180"):
        page.locator(BOX).click()
        page.locator(BOX).fill("")
        _search(page, typed)
        assert _labels(page)[0] == "A/C.3/61/L.7/Rev.1 · operative paragraph 5", typed
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/A/C.3/61/L.7/Rev.1/#op5")
    _lands_highlighted(page, "op5")


def test_glossary_entries_are_not_counted_as_documents_and_marks_do_not_look_like_links(page):
    page.goto("/")
    _search(page, "Palermo Protocol")
    summary = page.locator("[data-unp-search-meta]").inner_text()
    assert "1 glossary entry" in summary and "document" not in summary, summary
    mark = page.locator(f"{RESULTS} mark").first
    decoration, color, background = mark.evaluate(
        "m => { const s = getComputedStyle(m); return [s.textDecorationLine, s.color, s.backgroundColor]; }"
    )
    red, green, blue = (int(float(x)) for x in color[color.index("(") + 1 :].split(",")[:3])
    assert decoration == "none" and red == green == blue, (decoration, color)  # not underlined, not blue
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_symbol_finds_the_paragraph_citing_it(page):
    page.goto("/")
    _search(page, "A/67/156")
    item = page.locator(RESULTS).first
    href = item.locator("a").get_attribute("href")
    item.locator("a").click()
    page.wait_for_url(href)
    anchor = href.split("#")[1]
    _lands_highlighted(page, anchor)
    assert (
        "A/67/156" in page.locator(f"[id='{anchor}']").inner_text()
        or page.locator(f"[id='{anchor}'] a.footnote-ref").count()
    )


def test_an_instrument_alias_finds_the_instrument_and_paragraphs_naming_it_otherwise(page):
    page.goto("/")
    _search(page, "Palermo Protocol")
    assert page.locator(RESULTS).first.locator("h1").inner_text().startswith("Protocol to Prevent, Suppress")
    assert len(_labels(page)) >= 5
    teasers = page.locator(f"{RESULTS} .md-search-result__teaser").all_inner_texts()
    assert not any("Palermo" in t for t in teasers[1:])  # the seeds never say "Palermo"


def test_the_query_is_in_the_address_and_a_shared_link_shows_the_results(page):
    page.goto("/?q=" + quote("Palermo Protocol"))
    page.locator(RESULTS).first.wait_for(state="visible")
    assert page.locator(BOX).input_value() == "Palermo Protocol"
    page.locator("select[data-unp-filter='status']").select_option(label="Draft")
    page.wait_for_function("new URLSearchParams(location.search).get('status') === 'draft'")
    # the notes (not drafts) drop out of the results
    page.wait_for_function(
        "() => { const labels = [...document.querySelectorAll('.md-search-result__item .unp-search-label')]"
        ".map(e => e.textContent); return labels.length > 0 && "
        "!labels.some(l => l.startsWith('ga-58') || l.startsWith('ccpcj-12')); }"
    )
    assert _labels(page)


def test_keyboard_opens_search_and_moves_through_results(page):
    page.goto("/")
    page.keyboard.press("/")
    assert page.locator(BOX).evaluate("el => el === document.activeElement")
    page.keyboard.type("trafficking")
    page.locator(RESULTS).first.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_browser_and_builder_make_the_same_terms(page, seeds):
    page.goto("/")
    samples = [
        "Recalling its resolution 61/180 (A/C.3/61/L.7/Rev.1), and E/2002/68/Add.1.",
        "Côte d’Ivoire’s Secretary-General — “Organized Crime” A/RES/S-27/2 women's",
    ] + [p.content.text for doc in seeds.values() for p in doc.paragraphs()[:15]]
    in_browser = page.evaluate("texts => Promise.all(texts.map(t => window.unpSearch.terms(t)))", samples)
    assert in_browser == [terms(t) for t in samples]


@pytest.mark.parametrize("query", list(SEED_CASES))
def test_the_browser_puts_the_same_result_first(page, seed_search, query):
    """The relevance set (test_search_relevance.py), answered by unp-search.js itself."""
    page.goto("/")
    ranked = page.evaluate("q => window.unpSearch.search(q + ' ').then(r => r.ranked.map(x => x[1]))", query)
    assert ranked, query
    assert seed_search.address(ranked[0]) == SEED_CASES[query]


def test_typing_stays_within_the_request_budget(browser, server, site_dir):
    """Typed a key at a time (100-150 ms), a query costs at most 25 requests and 600 KB before its results."""
    from benchmarks.search_bench import type_query

    for n, query in enumerate(["Secretary-General report", "61/180 op5", "trafficking in persons", "Palermo Protocol"]):
        row = type_query(browser, site_dir, server, query, seed=n)
        assert row["requests"] <= 25 and row["gzip"] <= 600_000, row
        assert row["first"], row


def test_labels_carry_the_section_and_a_citation_finds_a_sectioned_paragraph(browser, tmp_path_factory):
    from test_citations_browser import DOCUMENTS

    from tests.conftest import serve_documents

    programme = (
        "The General Assembly approves the following programme of work:\n\nItem 1.\nSocial development:\n(a)\n"
        "Implementation of the outcome of the Summit;\n(b)\nLiteracy for life.\nItem 2.\nCrime prevention.\n",
        "symbol: A/C.3/99/L.60\ntitle: Programme of work\nbody: General Assembly\ndocument_type: draft decision\n",
    )
    with serve_documents(tmp_path_factory.mktemp("search-sections"), {**DOCUMENTS, "programme": programme}) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=url)
        page = context.new_page()
        page.goto(url + "/")
        _search(page, "report")
        labels = _labels(page)
        assert "A/C.5/99/L.5 · section I, preambular paragraph 2" in labels, labels
        assert "A/C.5/99/L.5 · section II, preambular paragraph 2" in labels, labels
        assert len(labels) == len(set(labels))
        page.locator(BOX).fill("")
        _search(page, "operative paragraph 1 of 99/250")
        assert _labels(page)[0] == "A/C.5/99/L.5 · section I, operative paragraph 1"
        page.locator(BOX).fill("")
        _search(page, "99/1 para 2")
        assert _labels(page)[0] == "A/RES/99/1 · operative paragraph 2"
        page.locator(BOX).fill("")
        _search(page, "A/C.3/99/L.60 item 1(b)")  # a programme of work's item, typed as cited
        assert _labels(page)[0] == "A/C.3/99/L.60 · item 1 (b)"
        context.close()


def test_search_from_a_sub_path(browser, site_dir):
    with serve(site_dir, prefix="/un-resolutions") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        failed = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(base + "/glossary/")
        _search(page, "confiscation")
        first = page.locator(RESULTS, has=page.locator("mark")).first
        href = first.locator("a").get_attribute("href")
        assert href.startswith(base + "/")
        first.locator("a").click()
        page.wait_for_url(href)
        _lands_highlighted(page, href.split("#")[1])
        assert failed == []
        context.close()


def test_the_stemmer_is_lunr_js_word_for_word(page, seeds):
    from builder.search.stemmer import stem
    from builder.search.terms import words

    page.goto("/")
    vocabulary = sorted({w for doc in seeds.values() for p in doc.paragraphs() for w in words(p.content.text)})
    vocabulary += ["day", "yesterday", "cry", "generalization", "hopefully", "agreed", "filling", "controll"]
    in_browser = page.evaluate(
        "words => window.unpSearch.terms('').then(() => words.map(w => lunr.stemmer(new lunr.Token(w, {})).toString()))",
        vocabulary,
    )
    assert len(vocabulary) > 1000
    assert [w for w, b in zip(vocabulary, in_browser, strict=True) if stem(w) != b] == []


def test_more_paragraphs_on_request(page):
    page.goto("/")
    _search(page, "trafficking")
    shown = page.locator(f"{RESULTS} .md-search-result__teaser").count()
    page.locator("button.unp-search-more").click()
    page.wait_for_function(
        "n => document.querySelectorAll('.md-search-result__item .md-search-result__teaser').length > n", arg=shown
    )
    assert page.locator(f"{RESULTS} .md-search-result__teaser").count() > shown
