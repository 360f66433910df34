"""Citations in a real browser: "Copy citation" on a sectioned, an annexed and a
symbol-less document, read back from the clipboard; a fragment that names no
paragraph shows a notice."""

from __future__ import annotations

import pytest
from test_citations import ANNEXED, PLAIN, SECTIONED

pytestmark = pytest.mark.browser

DOCUMENTS = {
    "sectioned": (
        SECTIONED,
        "symbol: A/C.5/99/L.5\ntitle: Questions relating to the budget\nbody: General Assembly\n"
        "document_type: draft resolution\nadopted_as: General Assembly resolution 99/250\n",
    ),
    "annexed": (ANNEXED, "symbol: A/RES/99/1\ntitle: The Pact\nbody: General Assembly\ndocument_type: resolution\n"),
    "plain": (
        PLAIN,
        "slug: ga-no-symbol\ntitle: Improving the coordination of efforts against trafficking in persons\n"
        "body: General Assembly\ndate: 19 October 2006\n",
    ),
}


@pytest.fixture(scope="module")
def cite_server(tmp_path_factory):
    from conftest import serve_documents

    with serve_documents(tmp_path_factory.mktemp("citations"), DOCUMENTS) as url:
        yield url


@pytest.fixture
def cite_page(browser, cite_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=cite_server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=cite_server)
    page = context.new_page()
    yield page
    context.close()


def copied_citation(page, anchor: str) -> str:
    page.locator(f"#{anchor}").hover()
    page.locator(f"#{anchor} > p .unp-menu-button").click()  # the copy actions are a menu (issue 14)
    page.locator(f"#{anchor} > p [data-unp-copy=citation]").click()
    page.wait_for_function("document.getElementById('unp-status')?.textContent === 'Citation copied'")
    text = page.evaluate("navigator.clipboard.readText()")
    page.evaluate("document.getElementById('unp-status').textContent = ''")
    return text


@pytest.mark.parametrize(
    ("url", "anchor", "expected"),
    [
        ("/A/C.5/99/L.5/", "sec-ii-pp2", "draft resolution A/C.5/99/L.5, section II, preambular paragraph 2"),
        (
            "/A/C.5/99/L.5/",
            "sec-i-op2-b-ii",
            "draft resolution A/C.5/99/L.5, section I, operative paragraph 2 (b) (ii)",
        ),
        ("/A/RES/99/1/", "annex-para1", "A/RES/99/1, annex I, paragraph 1"),
        ("/A/RES/99/1/", "op2-1", "A/RES/99/1, operative paragraph 2, item 1"),
        (
            "/ga-no-symbol/",
            "op2-b",
            "Improving the coordination of efforts against trafficking in persons"
            " (General Assembly, 19 October 2006), operative paragraph 2 (b)",
        ),
    ],
)
def test_copy_citation_names_the_paragraph_unambiguously(cite_page, cite_server, url, anchor, expected):
    cite_page.goto(url)
    assert copied_citation(cite_page, anchor) == f"{expected} ({cite_server}{url}#{anchor})"


def test_a_draft_says_numbering_may_differ_in_the_adopted_resolution(cite_page):
    cite_page.goto("/A/C.5/99/L.5/")
    cite_page.locator(".unp-details > summary").click()  # "Cite as" is behind "Details" (issue 14)
    cite = cite_page.locator(".unp-meta dt", has_text="Cite as").locator("xpath=following-sibling::dd[1]")
    assert cite.inner_text() == (
        "draft resolution A/C.5/99/L.5 · numbering may differ in the adopted resolution 99/250"
    )


def test_a_fragment_naming_no_paragraph_shows_a_notice(cite_page):
    cite_page.goto("/A/RES/99/1/#op99")
    notice = cite_page.get_by_role("status").filter(has_text="op99")
    assert notice.inner_text() == "Paragraph op99 is not in this document"
    assert notice.is_visible()
    box = notice.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    # Going to a paragraph that exists takes the notice away; another missing one brings it back.
    cite_page.evaluate("location.hash = '#op3'")
    cite_page.wait_for_function("!document.getElementById('unp-missing')")
    cite_page.evaluate("location.hash = '#annex2-para9'")
    cite_page.wait_for_function(
        "document.getElementById('unp-missing')?.textContent === 'Paragraph annex2-para9 is not in this document'"
    )


def test_a_fragment_naming_a_paragraph_or_note_shows_no_notice(cite_page):
    for fragment in ("#annex-para2", "#sec-ii-pp2"):
        cite_page.goto("/A/RES/99/1/" + fragment if fragment.startswith("#annex") else "/A/C.5/99/L.5/" + fragment)
        assert cite_page.locator("#unp-missing").count() == 0
