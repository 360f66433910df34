"""Search in a real browser: type, see the right results, click, land on the paragraph."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from benchmarks.serving import serve
from builder.search.terms import terms

pytestmark = pytest.mark.browser

BOX = "input.md-search__input"
RESULTS = ".md-search-result__item"


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


def test_search_loads_only_what_the_query_needs(page):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/")
    _search(page, "61/180")
    shards = [u for u in requested if "/search/t/" in u]
    index = json.loads(page.evaluate("fetch('search/index.json').then(r => r.text())"))
    assert 1 <= len(shards) < len(index["shards"]) / 4


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


# The whole paragraph index as one lunr.Index, put together in the page from every shard.
_LUNR_QUERY = """
async ([text, required]) => {
  const index = await (await fetch('search/index.json')).json();
  const numbers = index.shards.map((_, n) => n);
  const shards = await Promise.all(numbers.map(n => fetch('search/t/' + n + '.json').then(r => r.json())));
  const inverted = [], vectors = {};
  for (const entries of shards) for (const [term, number, perField] of entries) {
    const posting = {_index: number};
    index.fields.forEach((field, f) => {
      posting[field] = {};
      for (let i = 0; i < perField[f].length; i += 2) {
        posting[field][perField[f][i]] = {};
        (vectors[field + '/' + perField[f][i]] ||= []).push([number, perField[f][i + 1]]);
      }
    });
    inverted.push([term, posting]);
  }
  inverted.sort((a, b) => a[0] < b[0] ? -1 : 1);
  const whole = lunr.Index.load({version: lunr.version, fields: index.fields, pipeline: [], invertedIndex: inverted,
    fieldVectors: Object.entries(vectors).map(([k, v]) => [k, v.sort((a, b) => a[0] - b[0]).flat()])});
  const items = window.unpSearch.clauses(text, required);
  const theirs = whole.query(q => items.forEach(c => q.term(c.term, {usePipeline: false, boost: c.boost,
    wildcard: c.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
    presence: c.required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL})));
  const ours = await window.unpSearch.score(numbers, items);
  return [theirs.map(r => [r.ref, r.score]), ours.map(r => [r.ref, r.score])];
}
"""


@pytest.mark.parametrize(
    "text, required",
    [
        ("trafficking", True),
        ("victims of trafficking", True),
        ("Palermo Protocol", True),
        ("women childr", True),
        ("61/180", True),
        ("forced labour migrants", False),
    ],
)
def test_paragraph_scoring_is_lunrs(page, text, required):
    page.goto("/")
    page.evaluate("window.unpSearch.terms('')")
    theirs, ours = page.evaluate(_LUNR_QUERY, [text, required])
    assert theirs, text
    assert sorted(r for r, _ in ours) == sorted(r for r, _ in theirs)
    scores = dict(theirs)
    assert all(abs(scores[ref] - s) < 1e-9 for ref, s in ours)
    assert [s for _, s in ours] == sorted((s for _, s in ours), reverse=True)


def test_more_paragraphs_on_request(page):
    page.goto("/")
    _search(page, "trafficking")
    shown = page.locator(f"{RESULTS} .md-search-result__teaser").count()
    page.locator("button.unp-search-more").click()
    page.wait_for_function(
        "n => document.querySelectorAll('.md-search-result__item .md-search-result__teaser').length > n", arg=shown
    )
    assert page.locator(f"{RESULTS} .md-search-result__teaser").count() == shown + 20
