"""Browsing the site in a real browser: titles on index pages and in the nav, sessions, agenda
items, a useful 404 for a document the site lacks, and index pages that fit a phone."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading

import pytest

pytestmark = pytest.mark.browser

DOC = "/A/C.3/61/L.7/Rev.1/"
TITLE = "Improving the coordination of efforts against trafficking in persons"
SESSION = "/browse/general-assembly/session-61/"


def test_home_lists_documents_with_their_titles(page):
    page.goto("/")
    row = page.locator("article table tbody tr").filter(has=page.locator("a", has_text="A/C.3/61/L.7/Rev.1"))
    assert row.count() == 1
    assert TITLE in row.inner_text() and "19 October 2006" in row.inner_text()
    # a document without a symbol is listed by its title, as a link
    page.locator("article table a", has_text="Trafficking in human beings, especially women and children").click()
    page.wait_for_url("**/ccpcj-12-note-sg-trafficking-human-beings/")


def test_navigation_names_documents_by_symbol_and_shortened_title(page):
    page.goto(DOC)
    link = page.locator("nav.md-nav--primary a[href$='Rev.1/'], nav.md-nav--primary label").filter(
        has_text="A/C.3/61/L.7/Rev.1 · Improving the coordination of efforts…"
    )
    assert link.count() >= 1
    nav = page.locator("nav.md-nav--primary")
    assert nav.get_by_text("61st session (2006)").first.is_visible()


def test_a_session_page_lists_its_documents_and_agenda_items(page):
    page.goto(SESSION)
    assert "General Assembly, 61st session" in page.locator("article h1").inner_text()
    row = page.locator("article table tbody tr").first
    assert "A/C.3/61/L.7/Rev.1" in row.inner_text() and TITLE in row.inner_text()
    page.locator("article a", has_text="Documents by agenda item").click()
    page.wait_for_url(f"**{SESSION}agenda/")
    item = page.locator("article table tbody tr").filter(has_text="Crime prevention and criminal justice")
    assert item.count() == 1
    item.locator("a").first.click()
    page.wait_for_url(f"**{SESSION}agenda/item-98/")
    assert TITLE in page.locator("article table").inner_text()


@contextlib.contextmanager
def _pages_server(site, prefix: str = ""):
    """The site as GitHub Pages serves it: under `prefix`, its 404.html for any missing address."""
    missing = (site / "404.html").read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if not path.startswith(prefix + "/"):
                return str(site / "no such file")
            return super().translate_path(path[len(prefix) :])

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(missing)))
            self.end_headers()
            self.wfile.write(missing)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()


@pytest.mark.parametrize("prefix", ["", "/un-resolutions"])
def test_missing_document_404_offers_the_official_text_and_a_search(browser, site_dir, prefix):
    with _pages_server(site_dir, prefix) as base:
        context = browser.new_context()
        page = context.new_page()
        outside = []
        page.on("request", lambda r: None if r.url.startswith(base.removesuffix(prefix)) else outside.append(r.url))
        response = page.goto(base + "/A/RES/79/243/")
        assert response.status == 404
        assert "Page not found" in page.locator("article h1").inner_text()
        official = page.locator("#unp-notfound-official")
        assert official.get_attribute("href") == "https://undocs.org/A/RES/79/243"
        assert official.is_visible()
        search = page.locator("#unp-notfound-search")
        assert search.get_attribute("href") == f"{prefix}/?q=A%2FRES%2F79%2F243"
        assert "A/RES/79/243" in page.locator("#unp-notfound").inner_text()
        page.goto(base + "/A/C.3/61/L.7/Rev.2/")
        assert page.locator("#unp-notfound-official").get_attribute("href") == "https://undocs.org/A/C.3/61/L.7/Rev.2"
        assert outside == [], "the 404 fetches nothing from elsewhere (works offline)"
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/no/such/page/",
        "/browse/nothing-here/",
        "/A/RES/%3Cimg%20src=x%20onerror=window.__pwned=1%3E/",
        "/A/RES/79/243%22onmouseover=%22window.__pwned=1/",
        "/javascript:alert(1)/A/",
    ],
)
def test_404_offers_nothing_for_an_address_that_is_not_a_symbol(browser, site_dir, path):
    with _pages_server(site_dir) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + path)
        assert page.locator("article h1").inner_text() == "Page not found"
        assert page.locator("#unp-notfound").is_hidden()
        assert page.locator("article img").count() == 0
        assert page.evaluate("window.__pwned") is None
        context.close()


@pytest.mark.parametrize("path", ["/", "/browse/general-assembly/", SESSION, f"{SESSION}agenda/"])
def test_index_pages_fit_a_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server)
    page = context.new_page()
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in ("header.md-header", "article table"):
        widest = page.evaluate(
            f"Math.max(0, ...[...document.querySelectorAll('{selector}')].map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= 390, (selector, widest)
    context.close()
