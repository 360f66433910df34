"""The glossary in a browser: an instrument discovered from small invented documents."""

from __future__ import annotations

import pytest
from conftest import serve_documents
from test_glossary import DOCUMENTS


@pytest.fixture(scope="module")
def glossary_server(tmp_path_factory):
    with serve_documents(tmp_path_factory.mktemp("glossary-site"), DOCUMENTS) as url:
        yield url


def test_hover_a_discovered_instrument_open_its_entry_and_follow_a_mention(browser, glossary_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=glossary_server)
    page = context.new_page()
    page.goto("/A/RES/99/10/")
    link = page.locator("#pp1 a.unp-instrument", has_text="Convention on the Protection of Imaginary Seas")
    link.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Treaty Series, vol. 9999, No. 99999")
    tooltip.first.wait_for(state="visible", timeout=5000)

    link.click()
    page.wait_for_url("**/glossary/convention-on-the-protection-of-imaginary-seas/")
    entry = page.locator(".unp-instrument-entry")
    assert "Mentioned in 3 paragraphs of 1 document." in entry.inner_text()
    assert "vol. 9999, No. 99999" in entry.inner_text()

    entry.get_by_role("link", name="operative paragraph 1").click()
    page.wait_for_url("**/A/RES/99/10/#op1")
    assert page.locator("#op1").evaluate("el => el.matches(':target')")
    assert page.locator("#op1 a.unp-instrument").first.inner_text() == "Convention on the Protection of Imaginary Seas"

    # the index lists it under its letter, with its kind and counts; an alias finds its entry too
    page.goto("/glossary/")
    item = page.locator("#letter-c ~ ul li#convention-on-the-protection-of-imaginary-seas")
    assert "Convention" in item.inner_text() and "3 paragraphs in 1 document" in item.inner_text()
    page.goto("/glossary/declaration-on-invented-principles-of-the-sea/")
    assert "Invented Sea Principles Declaration" in page.locator(".unp-facts").inner_text()
    page.get_by_role("link", name="General Assembly resolution 98/50, annex").click()
    page.wait_for_url("**/A/RES/98/50/")
    context.close()
