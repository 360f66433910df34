"""Open data in a real browser (issue 18): the Download menu offers the JSON, the Akoma Ntoso
XML and the source, and each downloads; an AKN4UN eId link lands highlighted on the paragraph."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from conftest import SOURCES

pytestmark = pytest.mark.browser

DOC = "/A/C.3/61/L.7/Rev.1/"
NOTE = "/ga-58-note-ecosoc-2003-20/"


def test_the_download_menu_offers_three_files_and_each_downloads(page):
    page.goto(DOC)
    official = page.locator(".unp-downloads a.unp-official")
    assert official.get_attribute("href") == "https://undocs.org/A/C.3/61/L.7/Rev.1"
    menu = page.locator(".unp-downloads details.unp-download")
    links = menu.locator("ul a")
    assert not links.first.is_visible()
    menu.locator("summary").click()
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["JSON", "Akoma Ntoso XML", "Source (text)"]
    got = {}
    for i in range(3):
        with page.expect_download() as info:
            links.nth(i).click()
        download = info.value
        got[download.suggested_filename] = open(download.path(), "rb").read()  # noqa: SIM115
    assert set(got) == {"A_C.3_61_L.7_Rev.1.json", "A_C.3_61_L.7_Rev.1.akn.xml", "A_C.3_61_L.7_Rev.1.txt"}
    data = json.loads(got["A_C.3_61_L.7_Rev.1.json"])
    assert data["symbol"] == "A/C.3/61/L.7/Rev.1" and any(p["id"] == "op5" for p in data["paragraphs"])
    root = ET.fromstring(got["A_C.3_61_L.7_Rev.1.akn.xml"])
    assert root.tag == "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}akomaNtoso"
    source = next(p for p in SOURCES.glob("*.txt") if b"A/C.3/61/L.7/Rev.1" in p.read_bytes()[:400])
    assert got["A_C.3_61_L.7_Rev.1.txt"] == source.read_bytes()
    assert page.outside_requests == []


def test_the_menu_works_from_the_keyboard(page):
    page.goto(DOC)
    summary = page.locator(".unp-download summary")
    summary.focus()
    page.keyboard.press("Enter")
    first = page.locator(".unp-download ul a").first
    assert first.is_visible()
    page.keyboard.press("Tab")
    assert first.evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    assert not first.is_visible() and summary.evaluate("el => el === document.activeElement")
    summary.click()
    page.locator("h1").click()  # a click elsewhere closes it
    assert not first.is_visible()


@pytest.mark.parametrize(
    ("url", "eid", "native"),
    [(NOTE, "para_5__subpara_b", "op5-b"), (DOC, "para_5", "op5"), (DOC, "preamble__container_2", "pp2")],
)
def test_an_akn4un_eid_lands_highlighted_on_the_paragraph(page, url, eid, native):
    page.goto(url + "#" + eid)
    page.wait_for_function(f"location.hash === '#{native}'")
    target = page.locator(f"#{native}")
    assert target.evaluate("el => el.matches(':target')")
    background = page.locator(f"#{native} > p").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert page.locator("#unp-missing").count() == 0
    # Back goes to where the reader came from, not to the eId address that redirected.
    assert page.evaluate("history.length") == 2


def test_an_eid_the_document_lacks_says_so(page):
    page.goto(DOC + "#para_99")
    page.wait_for_selector("#unp-missing")
    assert page.locator("#unp-missing").inner_text() == "Paragraph para_99 is not in this document"
