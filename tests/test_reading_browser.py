"""Reading a document page (issue 14): citation data in the head, a compact header with the
rest behind "Details", one tab stop per paragraph for a copy menu with touch-size targets,
no horizontal scroll on a phone, and a table of contents that lists the paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import read_text
from test_citations import PLAIN

from builder.model import Metadata, NoteRef
from builder.render.page import adopted_is_self, contents, render_page

DOC = "/A/C.3/61/L.7/Rev.1/"
SEED_PAGES = [
    DOC,
    "/ga-58-note-ecosoc-2003-20/",
    "/ga-67-c3-draft-improving-coordination-trafficking/",
    "/ccpcj-27-draft-strengthening-measures-trafficking/",
    "/ccpcj-12-note-sg-trafficking-human-beings/",
]
HOSTILE_TITLE = '</script><script>window.__pwned = 1</script> "quoted" & <b>bold</b>'
LONG = "https://www.example.org/" + "a-very-long-address-without-any-place-to-break" * 4
DOCUMENTS = {
    # The page IS the resolution its "adopted as" names: no "Adopted as" on it.
    "self": (PLAIN, "symbol: A/RES/99/118\ntitle: Self\nbody: General Assembly\nadopted_as: resolution 99/118\n"),
    # Its draft links it, since the site has it.
    "draft": (
        PLAIN,
        "symbol: A/C.3/99/L.5\ntitle: Self\nbody: General Assembly\ndocument_type: draft resolution\n"
        "adopted_as: General Assembly resolution 99/118\n",
    ),
    # Source text is data: a title that tries to end the JSON-LD block, a word no phone can fit.
    "hostile": (
        PLAIN.replace("Recalling", f"Recalling {LONG}", 1),
        f"symbol: A/C.3/99/L.{'9' * 40}/Rev.1\ntitle: '{HOSTILE_TITLE}'\nbody: General Assembly\n"
        "date: 1 May 2018\ndocument_type: draft resolution\n",
    ),
}


def _doc(text: str, **meta):
    doc, _ = read_text(text, meta=Metadata(source=Path("doc.txt"), **meta))
    doc.path = "doc.md"
    return doc


# -- the page as the builder writes it (no browser) ---------------------------------------------


def test_adopted_as_is_left_out_when_the_page_is_that_resolution():
    assert adopted_is_self(_doc(PLAIN, symbol="A/RES/99/118", adopted_as="resolution 99/118"))
    assert adopted_is_self(
        _doc(PLAIN, symbol="E/RES/2006/27", adopted_as="Economic and Social Council resolution 2006/27")
    )
    assert not adopted_is_self(_doc(PLAIN, symbol="A/C.3/99/L.5", adopted_as="resolution 99/118"))
    assert not adopted_is_self(_doc(PLAIN, symbol="A/RES/99/119", adopted_as="resolution 99/118"))
    page = render_page(_doc(PLAIN, symbol="A/RES/99/118", adopted_as="resolution 99/118", adopted_on="1 May 2099"))
    assert "Adopted as" not in page and "adopted as" not in page
    assert "<dt>Adopted</dt><dd>on 1 May 2099</dd>" in page


def test_note_markers_in_the_title_and_agenda_title_keep_their_references():
    doc = _doc(PLAIN, title="Trafficking", agenda_item="3", agenda_title="Thematic discussion")
    doc.meta.field_refs = {
        "title": [NoteRef(0, "1", "fn:1", "fnref:1")],
        "agenda_title": [NoteRef(0, "2", "fn:2", "fnref:2")],
    }
    page = render_page(doc)
    assert page.count('id="fnref:1"') == page.count('id="fnref:2"') == 1
    assert '# Trafficking<sup id="fnref:1">' in page


def _linked_ids(entries: list[dict]) -> set[str]:
    ids = set()
    for entry in entries:
        ids.add(entry["url"][1:])
        ids.update(pair.split(":", 1)[1] for pair in entry.get("numbers", "").split())
        ids |= _linked_ids(entry.get("children", []))
    return ids


def test_contents_link_only_ids_the_page_has(seeds):
    for doc in seeds.values():
        page = render_page(doc)
        ids = _linked_ids(contents(doc))
        assert ids and all(f'id="{i}"' in page or f"{{#{i}" in page for i in ids), doc.path


# -- in the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reading_server(tmp_path_factory):
    from conftest import serve_documents

    with serve_documents(tmp_path_factory.mktemp("reading"), DOCUMENTS) as url:
        yield url


def _touch_page(browser, base_url):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, base_url=base_url
    )
    return context, context.new_page()


@pytest.mark.browser
def test_citation_meta_tags_and_json_ld(page, server):
    page.goto(DOC)
    meta = dict(
        page.evaluate("[...document.head.querySelectorAll('meta[name^=citation_]')].map(m => [m.name, m.content])")
    )
    assert meta == {
        "citation_title": "Improving the coordination of efforts against trafficking in persons",
        "citation_author": "General Assembly",
        "citation_publisher": "United Nations",
        "citation_publication_date": "2006/10/19",
        "citation_date": "2006/10/19",
        "citation_technical_report_number": "A/C.3/61/L.7/Rev.1",
    }
    blocks = page.evaluate(
        "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => s.textContent)"
    )
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "A/C.3/61/L.7/Rev.1"
    assert data["name"] == "Improving the coordination of efforts against trafficking in persons"
    assert data["legislationDate"] == "2006-10-19"
    assert data["author"] == {"@type": "Organization", "name": "General Assembly"}
    assert "legislationPassedBy" not in data, "a draft was not passed"
    assert data["url"].endswith(DOC)


@pytest.mark.browser
def test_citation_data_of_hostile_text_is_escaped(browser, reading_server):
    context = browser.new_context(base_url=reading_server)
    page = context.new_page()
    page.goto("/A/C.3/99/L." + "9" * 40 + "/Rev.1/")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelector('meta[name=citation_title]').content") == HOSTILE_TITLE
    raw = page.request.get(page.url).text()
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block, "the JSON-LD block cannot be ended early"
    data = json.loads(page.evaluate("document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    assert data["name"] == HOSTILE_TITLE
    context.close()


@pytest.mark.browser
def test_a_resolution_page_does_not_say_it_was_adopted_as_itself(browser, reading_server):
    context = browser.new_context(base_url=reading_server)
    page = context.new_page()
    page.goto("/A/RES/99/118/")
    page.locator(".unp-details > summary").click()
    header = page.locator(".unp-header").inner_text()
    assert "A/RES/99/118" in header and "adopted as" not in header.lower()
    assert page.locator(".unp-summary").inner_text().startswith("A/RES/99/118 · Resolution")
    context.close()


@pytest.mark.browser
def test_a_draft_links_the_resolution_it_was_adopted_as(browser, reading_server):
    context = browser.new_context(base_url=reading_server)
    page = context.new_page()
    page.goto("/A/C.3/99/L.5/")
    summary = page.locator(".unp-summary")
    assert "Draft resolution · adopted as resolution 99/118" in summary.inner_text()
    summary.get_by_role("link", name="resolution 99/118").click()
    page.wait_for_url("**/A/RES/99/118/")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", SEED_PAGES)
def test_the_first_screen_shows_the_text(page, path):
    page.goto(path)
    first = page.locator("article .unp-para").first.bounding_box()
    assert first is not None and first["y"] + 40 < 900, f"first paragraph starts at {first}"
    summary = page.locator(".unp-summary").bounding_box()
    assert summary is not None and summary["height"] < 80, "a line or two"


@pytest.mark.browser
def test_details_toggle_shows_every_field_the_citation_and_the_masthead(page):
    page.goto(DOC)
    summary = page.locator(".unp-summary")
    assert summary.inner_text().splitlines() == [
        "A/C.3/61/L.7/Rev.1 · Draft resolution · adopted as resolution 61/180",
        "General Assembly, Third Committee · Sixty-first session · 19 October 2006",
    ]
    meta = page.locator(".unp-meta")
    assert not meta.is_visible()
    toggle = page.locator(".unp-details > summary")
    assert toggle.inner_text() == "Details"
    toggle.click()
    assert meta.is_visible()
    cite = meta.locator("dt", has_text="Cite as").locator("xpath=following-sibling::dd[1]")
    assert cite.inner_text().startswith("draft resolution A/C.3/61/L.7/Rev.1")
    assert page.locator(".unp-masthead").get_by_text("Original: English").is_visible()
    toggle.click()
    assert not meta.is_visible()


TABBABLE = """() => {
  const per = new Map();
  for (const el of document.querySelectorAll('article .unp-actions *')) {
    if (el.tabIndex < 0 || !el.checkVisibility({visibilityProperty: true, opacityProperty: false})) continue;
    const para = el.closest('.unp-para').id;
    per.set(para, (per.get(para) || 0) + 1);
  }
  return [document.querySelectorAll('article .unp-para').length, [...per.values()], per.size];
}"""


@pytest.mark.browser
def test_one_tab_stop_per_paragraph_opens_the_copy_menu(page):
    page.goto(DOC)
    paragraphs, counts, with_stop = page.evaluate(TABBABLE)
    assert with_stop == paragraphs and set(counts) == {1}
    button = page.locator("#op1 .unp-menu-button")
    button.focus()
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.textContent") == "Copy link"
    page.keyboard.press("ArrowDown")
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy citation of operative paragraph 1"
    )
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.closest('.unp-para').id") == "op1"
    assert page.evaluate("document.activeElement.classList.contains('unp-menu-button')")
    assert not page.locator("#unp-menu").is_visible()
    # Tab leaves the paragraph's controls for what follows, never into a closed menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.unp-actions')?.closest('.unp-para').id") != "op1"


@pytest.mark.browser
def test_touch_targets_are_at_least_24_px_and_visible_without_hover(browser, server):
    context, page = _touch_page(browser, server)
    page.goto(DOC)
    button = page.locator("#op2 .unp-menu-button")
    assert button.evaluate("el => getComputedStyle(el.parentNode).opacity") == "1", "no hover on a touch screen"
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    button.tap()
    for item in page.locator("#op2 [role=menuitem]").all():
        box = item.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
    page.locator("#op2 [data-unp-copy=link]").tap()
    page.wait_for_function("document.getElementById('unp-status')?.textContent === 'Link copied'")
    context.close()
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = desk.new_page()
    page.goto(DOC)
    page.locator("#op2").hover()
    for selector in ("#op2 .unp-permalink", "#op2 .unp-menu-button"):
        box = page.locator(selector).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, selector
    desk.close()


@pytest.mark.browser
def test_no_horizontal_scroll_at_390_px(browser, server, reading_server):
    for base, path in [
        (server, DOC),
        (server, SEED_PAGES[-1]),
        (reading_server, "/A/C.3/99/L." + "9" * 40 + "/Rev.1/"),
    ]:
        context, page = _touch_page(browser, base)
        page.goto(path)
        page.locator(".unp-details > summary").click()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: {width} px wide"
        context.close()


@pytest.mark.browser
def test_table_of_contents_lists_the_paragraphs(page):
    page.goto(DOC)
    toc = page.locator(".md-sidebar--secondary [data-md-component=toc]")
    titles = toc.locator(":scope > li > a").all_inner_texts()
    assert titles == ["Preamble", "Operative paragraphs 1–19", "Notes", "Cited by"]
    numbers = toc.locator(".unp-toc-numbers a")
    assert numbers.all_inner_texts() == [str(n) for n in range(1, 20)]
    assert numbers.nth(4).get_attribute("href") == "#op5"
    numbers.nth(11).click()
    page.wait_for_url("**#op12")
    assert page.locator("#op12").evaluate("el => el.matches(':target')")
    # toc.follow: the number of the paragraph in view is marked.
    page.wait_for_function(
        "document.querySelector('.md-sidebar--secondary .md-nav__link--active')?.textContent.trim() === '12'",
        timeout=5000,
    )


@pytest.mark.browser
def test_table_of_contents_follows_sections(page):
    page.goto("/ccpcj-12-note-sg-trafficking-human-beings/")
    toc = page.locator(".md-sidebar--secondary [data-md-component=toc]")
    text = toc.inner_text()
    for expected in ("I. Introduction", "Paragraphs 1–4", "III. Investigating", "Paragraphs 6–8", "Notes"):
        assert expected in text
    assert toc.locator("a[href='#sec-iii-a']").count() == 1
