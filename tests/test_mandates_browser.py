"""Mandates in the browser (issue 21): the document panel lists a report request and links to
its paragraph; the index, filtered to the Secretary-General and a session, shows it; the
filter state is in the address, so the filtered view can be shared."""

from __future__ import annotations

import pytest

REQUEST = (
    "The General Assembly,\n\nRecalling its resolution 98/7 of 1 December 2098,\n\n"
    "1. Welcomes the invented report;\n\n"
    "2. Requests the Secretary-General to submit to the General Assembly at its one hundredth session a report "
    "on the implementation of the present resolution;\n\n"
    "3. Calls upon Member States to cooperate on invented matters;\n"
)
OTHER = (
    "The General Assembly,\n\n"
    "1. Requests the Secretary-General to report to the General Assembly at its one hundred and first session "
    "on other invented matters;\n\n"
    "2. Invites the United Nations Office on Drugs and Crime to submit a report at its one hundredth session;\n"
)
META = "symbol: {symbol}\ntitle: Invented matters {n}\nbody: General Assembly\ndate: 1 December 2099\n"
DOCUMENTS = {
    "request": (REQUEST, META.format(symbol="A/RES/99/5", n=1)),
    "other": (OTHER, META.format(symbol="A/RES/99/6", n=2)),
}


@pytest.fixture(scope="module")
def mandates_server(tmp_path_factory):
    from conftest import serve_documents

    with serve_documents(tmp_path_factory.mktemp("mandates"), DOCUMENTS) as url:
        yield url


@pytest.fixture
def mpage(browser, mandates_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=mandates_server)
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: None if r.url.startswith(mandates_server) else page.outside.append(r.url))
    yield page
    context.close()


def _rows(page) -> list[str]:
    return page.eval_on_selector_all(".unp-mrows tbody tr", "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' '))")


@pytest.mark.browser
def test_the_document_panel_lists_the_report_request_and_links_to_its_paragraph(mpage):
    mpage.goto("/A/RES/99/5/")
    panel = mpage.locator("details.unp-mandates")
    panel.locator("summary").click()
    line = panel.locator("li", has_text="report")
    assert line.count() == 1
    text = line.inner_text()
    assert "Secretary-General" in text and "requests" in text and "due 100th session" in text
    assert "Member States" in panel.inner_text()  # the call upon States is its own line
    line.locator("a.unp-m-para").click()
    assert mpage.url.endswith("/A/RES/99/5/#op2")
    assert mpage.evaluate("document.querySelector(':target').id") == "op2"
    assert mpage.outside == []


@pytest.mark.browser
def test_the_index_filters_by_addressee_and_session_with_the_state_in_the_address(mpage, mandates_server):
    mpage.goto("/mandates/")
    mpage.wait_for_selector("[data-unp-ready]")
    assert len(_rows(mpage)) == 4
    mpage.select_option("select[name=addressee]", "Secretary-General")
    mpage.select_option("select[name=session]", "100")
    rows = _rows(mpage)
    assert len(rows) == 1 and "A/RES/99/5" in rows[0] and "operative paragraph 2" in rows[0]
    assert "addressee=Secretary-General" in mpage.url and "session=100" in mpage.url
    assert "1 row" in mpage.inner_text(".unp-mstatus")
    # the address is the view: opened afresh, it shows the same rows with the same filters set
    shared = mpage.url
    mpage.goto("/")
    mpage.goto(shared)
    mpage.wait_for_selector("[data-unp-ready]")
    assert _rows(mpage) == rows
    assert mpage.input_value("select[name=addressee]") == "Secretary-General"
    mpage.locator(".unp-mrows a", has_text="A/RES/99/5").click()
    assert mpage.url.endswith("/A/RES/99/5/#op2")
    assert mpage.outside == []


@pytest.mark.browser
def test_reports_due_at_a_session_is_one_click(mpage):
    mpage.goto("/mandates/")
    mpage.get_by_role("link", name="Reports due at the 100th session").click()
    mpage.wait_for_selector("[data-unp-ready]")
    assert "kind=report" in mpage.url and "session=100" in mpage.url
    rows = _rows(mpage)
    assert sorted(r.split()[0] for r in rows) == ["A/RES/99/5", "A/RES/99/6"]
    assert all("report" in r for r in rows)
    assert any("UNODC" in r for r in rows)
    mpage.select_option("select[name=status]", "draft")  # both documents are adopted resolutions
    assert _rows(mpage) == [] and "status=draft" in mpage.url


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/mandates/?addressee=Secretary-General", "/A/RES/99/5/"])
def test_no_serious_accessibility_violations(mpage, path):
    from conftest import AXE
    from test_site_quality import _axe

    if not AXE.exists():
        pytest.fail("axe-core is not installed (make test installs it)")
    mpage.goto(path)
    if path.startswith("/mandates/"):
        mpage.wait_for_selector("[data-unp-ready]")
    else:
        mpage.locator("details.unp-mandates summary").click()
    assert _axe(mpage) == []
