"""The 404 page of a site deployed under a sub-path, as GitHub Pages serves it: for any missing
address at any depth (`/un-resolutions/A/RES/99/999/`), with its styles, its search, working links
and the offer of the official text."""

from __future__ import annotations

import pytest
from conftest import SOURCES, build_site
from test_browse_browser import _pages_server

pytestmark = pytest.mark.browser

PREFIX = "/un-resolutions"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The seed site built for a project site's address (SITE_URL with the repository's folder)."""
    site = build_site(SOURCES, tmp_path_factory.mktemp("deployed"), site_url=f"https://example.org{PREFIX}/")
    with _pages_server(site, PREFIX) as base:
        yield base


@pytest.fixture
def visit(browser, deployed):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.failed = []  # every request answered with an error, but the missing page itself
    page.outside = []
    page.on(
        "response",
        lambda r: page.failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None,
    )
    page.on("request", lambda r: None if r.url.startswith(deployed) else page.outside.append(r.url))
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/A/RES/99/999/", "/A/C.3/99/L.7/Rev.1/", "/nothing", "/browse/a/b/c/d/e/f/"])
def test_the_404_is_styled_at_any_depth(visit, deployed, path):
    response = visit.goto(deployed + path)
    assert response.status == 404
    visit.wait_for_load_state("networkidle")
    assert visit.locator("article h1").inner_text() == "Page not found"
    # Material's stylesheet and the site's own are applied: a sticky header, the site's styles loaded
    assert visit.locator("header.md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
    sheets = visit.evaluate("[...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])")
    assert any(href.endswith("/assets/unp.css") and rules > 10 for href, rules in sheets), sheets
    assert visit.failed == [] and visit.outside == []


def test_the_404_offers_the_official_text_and_a_search_for_the_symbol(visit, deployed):
    visit.goto(deployed + "/A/RES/99/999/")
    official = visit.locator("#unp-notfound-official")
    assert official.is_visible() and official.get_attribute("href") == "https://undocs.org/A/RES/99/999"
    search = visit.locator("#unp-notfound-search")
    assert search.get_attribute("href") == f"{PREFIX}/?q=A%2FRES%2F99%2F999"
    search.click()
    visit.wait_for_url(f"{deployed}/?q=A%2FRES%2F99%2F999")
    assert visit.locator("input.md-search__input").input_value() == "A/RES/99/999"
    assert visit.failed == []


@pytest.mark.parametrize(
    ("name", "lands"),
    [("All documents", "/"), ("Glossary of instruments", "/glossary/")],
)
def test_the_404_links_lead_into_the_site(visit, deployed, name, lands):
    visit.goto(deployed + "/A/RES/99/999/")
    with visit.expect_response(lambda r: r.url == deployed + lands) as answer:
        visit.locator("article a", has_text=name).click()
    assert answer.value.status == 200
    visit.goto(deployed + "/A/RES/99/999/")
    nav = visit.locator("nav.md-nav--primary a", has_text="Glossary").first
    with visit.expect_response(lambda r: r.url == deployed + "/glossary/") as answer:
        nav.click()
    assert answer.value.status == 200
    assert visit.failed == []


def test_search_works_from_the_404(visit, deployed):
    visit.goto(deployed + "/A/RES/99/999/")
    box = visit.locator("input.md-search__input")
    box.click()
    box.press_sequentially("trafficking")
    result = visit.locator(".md-search-result__item a").first
    result.wait_for(state="visible", timeout=10000)
    href = result.get_attribute("href")
    assert href.startswith(deployed + "/"), href
    with visit.expect_response(lambda r: r.url == href.split("#")[0]) as answer:
        result.click()
    assert answer.value.status == 200
    assert visit.failed == [] and visit.outside == []
