"""Agreed language in a real browser: a paragraph's precedents with the changed word marked, the
pre-built comparison of a detected pair, and a comparison of two symbols typed into the address
(computed in the browser from the two documents' document.json)."""

from __future__ import annotations

import pytest
import similarity_docs as sd

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def agreed_server(tmp_path_factory):
    from conftest import build_site

    from benchmarks.serving import serve

    work = tmp_path_factory.mktemp("agreed-site")
    site = build_site(sd.write(work / "src"), work)
    with serve(site) as url:
        yield url


@pytest.fixture
def tab(browser, agreed_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=agreed_server)
    page = context.new_page()
    yield page
    context.close()


def test_paragraph_precedents_show_the_marked_changes(tab):
    tab.goto("/A/RES/99/60/")
    assert "1 (12%) is new language" in tab.locator(".unp-agreed-summary").inner_text()
    toggle = tab.locator("#op3 details.unp-prec > summary")
    toggle.focus()
    tab.keyboard.press("Enter")  # keyboard reachable
    diff = tab.locator("#op3 .unp-prec-diff")
    diff.wait_for()
    assert diff.locator("ins").text_content() == "[inserted: enhance]"
    assert diff.locator("del").text_content() == "[deleted: strengthen]"
    assert tab.locator("#op3 .unp-legend").is_visible()
    assert tab.locator("#op3 .unp-prec-list a").first.get_attribute("href") == "../../98/50/#op2"
    # Colour is not the only signal: inserted words underlined, deleted struck through.
    assert "underline" in diff.locator("ins").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in diff.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert tab.locator("#op4 .unp-new-mark").inner_text() == "new language"


def test_detected_pair_comparison(tab):
    tab.goto("/A/RES/99/60/")
    tab.locator(".unp-related a.unp-compare-link").last.click()
    tab.wait_for_url("**/compare/A_RES_98_50--A_RES_99_60/")
    changed = tab.locator("#b-op3")
    assert "unp-cmp-changed" in changed.get_attribute("class")
    assert changed.locator("ins").text_content() == "[inserted: enhance]"
    assert changed.locator(".unp-cmp-cite").inner_text() == (
        "operative paragraph 3 of A/RES/99/60, changed from operative paragraph 2 of A/RES/98/50"
    )
    assert "new since A/RES/98/50" in tab.locator("#b-op4").inner_text()
    ids = tab.locator("#b-op1 .unp-cmp-id")
    assert [ids.nth(0).inner_text(), ids.nth(1).inner_text()] == ["op3", "op1"]  # by content, not position


def test_two_symbols_typed_into_the_address(tab):
    tab.goto("/compare/?a=A/C.3/99/L.5&b=A/RES/99/150")
    rows = tab.locator("#unp-cmp-result .unp-cmp-row")
    rows.first.wait_for()
    assert "Compare A/C.3/99/L.5 with A/RES/99/150" in tab.locator("#comparison").inner_text()
    changed = tab.locator("#unp-cmp-result #b-op3")
    assert changed.locator("ins").text_content() == "[inserted: safe]"
    assert "operative paragraph 4 of A/RES/99/150, new since A/C.3/99/L.5" in tab.locator("#b-op4").inner_text()
    assert tab.locator(".unp-cmp-form input[name=a]").input_value() == "A/C.3/99/L.5"


def test_unknown_symbol_says_so(tab):
    tab.goto("/compare/?a=A/RES/99/60&b=A/RES/12/345")
    tab.locator(".unp-cmp-error").wait_for()
    assert "A/RES/12/345" in tab.locator(".unp-cmp-error").inner_text()


@pytest.mark.parametrize(
    "path", ["/A/RES/99/60/", "/compare/A_RES_98_50--A_RES_99_60/", "/compare/?a=A/C.3/99/L.5&b=A/RES/99/150"]
)
def test_no_serious_accessibility_violations(tab, path):
    from conftest import AXE
    from test_site_quality import _axe

    if not AXE.exists():
        pytest.fail("axe-core is not installed (make test installs it)")
    tab.goto(path)
    if path.startswith("/A/"):
        tab.locator("#op3 details.unp-prec > summary").click()
        tab.locator("#op3 .unp-prec-diff").wait_for()
    elif "?" in path:
        tab.locator("#unp-cmp-result .unp-cmp-row").first.wait_for()
    assert _axe(tab) == []


def test_comparison_prints_its_rows(tab):
    tab.goto("/compare/A_RES_98_50--A_RES_99_60/")
    tab.emulate_media(media="print")
    assert tab.locator("#b-op3").is_visible() and tab.locator("#b-op3 ins").is_visible()
    assert tab.locator(".md-header").is_hidden()  # the site's print rules: the comparison alone
