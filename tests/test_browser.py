"""The site in a real browser: permalinks, notes and backlinks, copy actions."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DOC = "/A/C.3/61/L.7/Rev.1/"


def test_opening_a_paragraph_link_lands_on_it_highlighted(page):
    page.goto(DOC + "#op5")
    target = page.locator("#op5")
    assert target.evaluate("el => el.matches(':target')")
    background = page.locator("#op5 > p").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert page.locator("#op4 > p").evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.outside_requests == []


def test_clicking_a_permalink_puts_it_in_the_address_bar(page):
    page.goto(DOC)
    page.locator("#pp2").hover()
    page.locator("#pp2 .unp-permalink").click()
    assert page.url.endswith(DOC + "#pp2")
    assert page.locator("#pp2").evaluate("el => el.matches(':target')")


def test_note_marker_opens_its_note_and_the_backlink_returns(page):
    page.goto(DOC)
    marker = page.locator("#op3 a.footnote-ref").first
    assert marker.inner_text() == "1"
    marker.click()
    assert page.url.endswith("#fn:1")
    assert page.locator("#fn\\:1").is_visible()
    assert "Resolution 55/25, annex I." in page.locator("#fn\\:1").inner_text()
    page.locator("#fn\\:1 a.footnote-backref").click()
    assert page.url.endswith("#fnref:1")
    assert page.locator("#fnref\\:1").evaluate("el => el.closest('.unp-para').id") == "op3"


def test_a_note_cited_twice_links_back_to_both_places(page):
    page.goto("/ga-58-note-ecosoc-2003-20/#fn:4")
    backlinks = page.locator("#fn\\:4 a.footnote-backref")
    assert backlinks.count() == 2
    backlinks.nth(1).click()
    assert page.url.endswith("#fnref2:4")
    assert page.locator("#fnref2\\:4").evaluate("el => el.closest('.unp-para').id") == "op4"


def test_note_tooltip_on_hover(page):
    page.goto(DOC)
    page.locator("#op3 a.footnote-ref").first.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Resolution 55/25, annex I.")
    tooltip.first.wait_for(state="visible", timeout=5000)


def test_copy_link_and_copy_citation(page, server):
    page.goto(DOC)
    page.locator("#op5").hover()
    page.locator("#op5 > p .unp-menu-button").click()  # the copy actions are a menu (issue 14)
    page.locator("#op5 > p [data-unp-copy=link]").click()
    page.wait_for_function("document.getElementById('unp-status')?.textContent === 'Link copied'")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}{DOC}#op5"
    page.locator("#op5 > p .unp-menu-button").click()
    page.locator("#op5 > p [data-unp-copy=citation]").click()
    page.wait_for_function("document.getElementById('unp-status')?.textContent === 'Citation copied'")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"draft resolution A/C.3/61/L.7/Rev.1, operative paragraph 5 ({server}{DOC}#op5)"
    )


def test_paragraph_actions_are_reachable_by_keyboard(page):
    page.goto(DOC)
    page.locator("#pp1 .unp-menu-button").focus()  # one tab stop, a menu button (issue 14)
    actions = page.locator("#pp1 > p > .unp-actions")
    page.wait_for_function("getComputedStyle(document.querySelector('#pp1 > p > .unp-actions')).opacity === '1'")
    assert actions.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.unpCopy") == "link"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy link to preambular paragraph 1"


def test_home_lists_every_document_and_navigation_is_grouped(page):
    page.goto("/")
    rows = page.locator("article table tbody tr")
    assert rows.count() == 5
    page.locator("article a", has_text="A/C.3/61/L.7/Rev.1").first.click()
    assert page.url.endswith(DOC)
    nav = page.locator("nav.md-nav--primary")
    assert nav.get_by_text("General Assembly").first.is_visible()


HOSTILE = """The General Assembly,

Recalling <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> and
[click me](javascript:window.__pwned=3) and <a href="javascript:window.__pwned=4">link</a>,

1. Decides {#evil .x} {{ config.site_name }} {% raw %} <iframe src="https://example.org"></iframe>;

2. Requests <style>body{display:none}</style> **bold** and `code` <!-- comment --> &amp; &lt;b&gt;.
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from conftest import build_site, serve

    work = tmp_path_factory.mktemp("hostile")
    (work / "src").mkdir()
    (work / "src/hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with serve(build_site(work / "src", work)) as url:
        yield url


def test_document_text_cannot_inject_script_or_elements(browser, hostile_server):
    context = browser.new_context()
    page = context.new_page()
    dialogs, outside = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(hostile_server) else outside.append(r.url))
    page.goto(hostile_server + "/hostile/")
    article = page.locator("article")
    for selector in ("script", "img", "iframe", "style", "a[href^='javascript']", "#evil"):
        assert article.locator(selector).count() == 0, selector
    page.locator("#pp1 > p").click()
    page.locator("#op1").hover()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and outside == []
    text = page.locator("#pp1").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "[click me](javascript:window.__pwned=3)" in text
    assert "{#evil .x} {{ config.site_name }} {% raw %}" in page.locator("#op1").inner_text()
    assert page.locator("body").is_visible()
    context.close()


@pytest.fixture(scope="module")
def citing_server(tmp_path_factory):
    import shutil

    from conftest import SOURCES, build_site, serve
    from test_linking import CITING

    work = tmp_path_factory.mktemp("citing-site")
    shutil.copytree(SOURCES, work / "src")
    (work / "src/zz_citing.txt").write_text(CITING, encoding="utf-8")
    with serve(build_site(work / "src", work)) as url:
        yield url


def test_cross_link_lands_on_the_cited_paragraph(browser, citing_server):
    context = browser.new_context(base_url=citing_server)
    page = context.new_page()
    page.goto("/A/C.3/99/L.9/")
    page.locator("#pp1 a.unp-docref", has_text="61/180").click()
    page.wait_for_url("**/A/C.3/61/L.7/Rev.1/#op5")
    assert page.locator("#op5").evaluate("el => el.matches(':target')")
    cited_by = page.locator("#cited-by ~ ul.unp-cited-by")
    assert cited_by.get_by_role("link", name="preambular paragraph 1").count() == 1
    context.close()


def test_glossary_entry_leads_back_to_each_paragraph(page):
    page.goto("/glossary/")
    page.locator("#migrants-protocol a").click()
    page.wait_for_url("**/glossary/migrants-protocol/")
    entry = page.locator(".unp-instrument-entry")
    assert "Mentioned in 2 paragraphs of 2 documents" in entry.inner_text()
    entry.get_by_role("link", name="paragraph 8").click()
    page.wait_for_url("**/ccpcj-12-note-sg-trafficking-human-beings/#para8")
    assert page.locator("#para8").evaluate("el => el.matches(':target')")
    link = page.locator("#para8 a.unp-instrument", has_text="Migrants Protocol").or_(
        page.locator("#para8 a.unp-instrument", has_text="Protocol against the Smuggling")
    )
    link.first.hover()
    page.locator(".md-tooltip2, .md-tooltip").filter(has_text="smuggling of migrants").first.wait_for(state="visible")
