"""Quality gates of the public site: links, workflow, accessibility, print, privacy, metadata."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import AXE, ROOT, serve
from site_checks import check_links

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PAGES = [
    "/",
    "/A/C.3/61/L.7/Rev.1/",
    "/glossary/",
    "/browse/general-assembly/",
    "/ccpcj-12-note-sg-trafficking-human-beings/",
]


# -- links ------------------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(site_dir):
    problems, checked = check_links(site_dir)
    assert checked > 500
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_the_link_check_finds_a_broken_anchor_and_file(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page = copy / "A/C.3/61/L.7/Rev.1/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('href="#op5"', 'href="#op55"', 1).replace('href="#fn:1"', 'href="../nowhere/"', 1))
    problems, _ = check_links(copy)
    assert {p.what for p in problems} == {"no #op55 in A/C.3/61/L.7/Rev.1/", "no such file"}


# -- workflow ---------------------------------------------------------------------------------


def _load(path):
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data, text


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_least_privilege_pinned_and_serialized(path):
    data, text = _load(path)
    assert data["permissions"] == {"contents": "read"}
    assert set(data["on"]) >= {"push", "pull_request"}
    assert data["on"]["push"]["branches"] == ["main"]
    assert "group" in data["concurrency"]
    jobs = data["jobs"]
    for name, job in jobs.items():
        assert job.get("runs-on"), name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (name, step)
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), (
                    f"not pinned to a SHA: {step['uses']}"
                )
        for needed in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert needed in jobs, f"{name} needs unknown job {needed}"
        perms = job.get("permissions", {})
        if name == "deploy":
            assert perms == {"pages": "write", "id-token": "write"}
            assert "refs/heads/main" in job["if"] and "push" in job["if"]
            assert job["concurrency"]["cancel-in-progress"] is False
            assert job["environment"]["name"] == "github-pages"
            assert any("actions/deploy-pages@" in s.get("uses", "") for s in job["steps"])
        else:
            assert "pages" not in perms and "id-token" not in perms
    build = jobs["build"]
    runs = " ".join(s.get("run", "") for s in build["steps"])
    assert "make test" in runs and "make site" in runs, "PRs run the tests and the strict build"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--strict" in makefile and "--strict --quiet" not in makefile, "--quiet would hide what --strict fails on"
    setup = next(s for s in build["steps"] if "setup-python" in s.get("uses", ""))
    assert setup["with"]["cache"] == "pip"
    uploads = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["if"] == "github.event_name != 'pull_request'"
    assert text.count("${{") == text.count("}}"), "balanced expressions"
    for step in build["steps"]:
        for ref in re.findall(r"steps\.([\w-]+)\.outputs", str(step)):
            assert any(s.get("id") == ref for s in build["steps"]), f"unknown step id {ref}"


# -- site metadata ----------------------------------------------------------------------------


def test_canonical_links_titles_descriptions_sitemap_and_404(site_dir):
    html = (site_dir / "A/C.3/61/L.7/Rev.1/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/A/C.3/61/L.7/Rev.1/">' in html
    assert "<title>A/C.3/61/L.7/Rev.1 · Improving the coordination of efforts against trafficking in persons" in html
    assert '<meta name="description" content="draft resolution, General Assembly, 19 October 2006">' in html
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/A/C.3/61/L.7/Rev.1/</loc>" in sitemap
    missing = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in missing and 'href="/glossary/"' in missing


# -- in the browser ---------------------------------------------------------------------------


def _axe(page):
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/A/C.3/61/L.7/Rev.1/", "/glossary/"])
def test_no_serious_accessibility_violations(page, path):
    if not AXE.exists():
        pytest.fail("axe-core is not installed (make test installs it)")
    page.goto(path)
    assert _axe(page) == []


@pytest.mark.browser
def test_no_serious_accessibility_violations_in_search_results(page):
    page.goto("/A/C.3/61/L.7/Rev.1/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material says "Initializing search" until its index is loaded.
    page.wait_for_function("!/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.locator("input.md-search__input").press_sequentially("trafficking")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    assert _axe(page) == []


@pytest.mark.browser
def test_every_page_type_stays_on_the_site(page):
    for path in [*PAGES, "/no/such/page/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert page.outside_requests == []


@pytest.mark.browser
def test_print_shows_the_document_alone_with_link_targets(page):
    page.goto("/A/C.3/61/L.7/Rev.1/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.md-header', '.md-sidebar--primary', '.md-footer', '.unp-actions']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none"] * 4
    after = page.locator("a.unp-docref[href^='https://undocs.org/']").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert "https://undocs.org/" in after
    assert page.locator("#fn\\:1").is_visible(), "notes print at the end"


@pytest.mark.browser
def test_site_served_from_a_sub_path(browser, site_dir):
    with serve(site_dir, prefix="/un-resolutions") as base:
        context = browser.new_context()
        page = context.new_page()
        failed, outside = [], []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        page.goto(base + "/A/C.3/61/L.7/Rev.1/#op3")
        assert page.locator("#op3").evaluate("el => el.matches(':target')")
        page.locator("#op3 a.footnote-ref").first.click()
        assert page.url.endswith("/un-resolutions/A/C.3/61/L.7/Rev.1/#fn:1")
        page.locator("nav.md-nav--primary a", has_text="Glossary").first.click()
        page.wait_for_url(base + "/glossary/")
        assert failed == [] and outside == []
        context.close()
