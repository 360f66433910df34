"""The site engine is replaceable: the builder hands it plain files (pages and a whole config), so
MkDocs 1.6 and ProperDocs, its maintained fork, publish the same site page for page, and the
navigation is the same with no hook at all."""

from __future__ import annotations

import re

import pytest
from conftest import SOURCES, build_site

from benchmarks.engines import zensical_rewrites
from builder.build import build
from builder.render import site
from builder.render.engine_config import load

# The one line engines may write differently: <meta name="generator" content="mkdocs-1.6.1, …">.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """The seed site published from one build folder by each engine, with the config's hooks dropped."""
    work = tmp_path_factory.mktemp("engines")
    return {
        engine: build_site(SOURCES, work, engine=engine, hooks=False, site=f"site-{engine}")
        for engine in ("mkdocs", "properdocs")
    }


def test_properdocs_publishes_the_same_site_as_mkdocs_page_for_page(engines):
    mkdocs, properdocs = _files(engines["mkdocs"]), _files(engines["properdocs"])
    assert sorted(mkdocs) == sorted(properdocs)
    pages = [name for name in mkdocs if name.endswith(".html")]
    assert len(pages) > 20
    differ = [name for name in mkdocs if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert differ == []
    assert b"ProperDocs" in GENERATOR.search(properdocs["index.html"])[0]  # it really was the other engine


def test_navigation_needs_no_hook(engines, site_dir):
    """Built with the config's hooks and without them: the same bytes, and the builder's nav."""
    assert _files(engines["mkdocs"]) == _files(site_dir)
    html = (engines["mkdocs"] / "A/C.3/61/L.7/Rev.1/index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary") : html.index("md-sidebar--secondary")]  # the whole primary sidebar
    for label in ("Glossary", "General Assembly", "61st session (2006)", "By agenda item"):
        assert label in nav
    assert "A/C.3/61/L.7/Rev.1 · Improving the coordination of efforts…" in nav
    # pages of single agenda items are built but left out of the nav, as the config says
    assert (engines["mkdocs"] / "browse/general-assembly/session-61/agenda/item-98/index.html").is_file()
    assert "agenda/item-98/" not in nav


def test_the_builder_writes_the_whole_engine_config(engines):
    config = load(engines["mkdocs"].parent / "build/mkdocs.yml")
    assert config["docs_dir"] == "docs" and config["nav"][0] == {"Home": "index.md"}
    assert config["not_in_nav"].splitlines() == site.NOT_IN_NAV
    assert "INHERIT" not in config  # one whole file: every engine reads it, none needs inheritance
    assert all("builder_nav" not in hook for hook in config.get("hooks", []))


def test_pages_as_folders_publish_the_same_site_with_links_every_engine_leaves_alone(engines, tmp_path):
    """`--pages folders`: each document is `<address>/index.md`. MkDocs publishes the same pages at
    the same addresses, and not one raw HTML link is one Zensical would rewrite; as files, many are."""
    files = build(SOURCES, tmp_path / "files/build")
    folders = build(SOURCES, tmp_path / "folders/build", folders=True)
    assert "A/C.3/61/L.7/Rev.1/index.md" in folders.pages and folders.errors == []
    assert len(zensical_rewrites(files.pages)) > 50  # glossary links, cross-references, cited-by
    assert zensical_rewrites(folders.pages) == []
    site = build_site(SOURCES, tmp_path / "folders", hooks=False, folders=True)
    assert (tmp_path / "folders/build/docs/A/C.3/61/L.7/Rev.1/index.md").is_file()
    same = _files(engines["mkdocs"])
    ours = _files(site)
    assert sorted(ours) == sorted(same)
    assert [name for name in ours if ours[name] != same[name]] == ["sitemap.xml", "sitemap.xml.gz"]  # order only
    assert sorted(ours["sitemap.xml"].splitlines()) == sorted(same["sitemap.xml"].splitlines())
