"""The lean navigation partial (site_overrides/partials/nav-item.html) writes Material's very HTML.

Material's own partial, with the project's one change (the builder's table of
contents in the phone drawer), is the reference: an invented site, shaped like
ours (sections with index pages, sections without, deep nesting, pages with
front matter, a link), is built with each, under several sets of navigation
features, and every page must be byte-identical; and so must ours built with
the hooks whose memos the partials ask (`nav_hook`, `language_hook`, `toc_hook`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_PARTIAL = Path(material.__file__).parent / "templates/partials/nav-item.html"
OUR_CHANGE = ("{% set toc = page.toc %}", "{% set toc = (page.meta and page.meta.contents) or page.toc %}")

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "glossary/index.md": "---\ncontents:\n  - title: A\n    url: '#a'\n---\n# Glossary\n\nTerms.\n",
    "ga/index.md": "# General Assembly\n\nSessions.\n",
    "ga/s80/index.md": "# 80th session\n\n## Resolutions\n\nText.\n",
    "ga/s80/r1.md": "---\nsubtitle: first\n---\n# A/RES/80/1\n\n## Preamble\n\n## Operative\n",
    "ga/s80/r2.md": "---\nstatus: new\n---\n# A/RES/80/2\n\nText.\n",
    "ga/s80/r3.md": "# A/RES/80/3\n\nText.\n",
    "ga/s79/r1.md": "# A/RES/79/1\n\nText.\n",
    "ga/s79/r2.md": "# A/RES/79/2\n\nText.\n",
    "ga/s79/deep/index.md": "# Deep\n\nText.\n",
    "ga/s79/deep/d1.md": "# D1\n\nText.\n",
    "sc/r1.md": "# S/RES/1\n\nText.\n",
    "sc/index.md": "# Security Council\n\nText.\n",
}
NAV = [
    {"Home": "index.md"},
    {"Glossary": "glossary/index.md"},
    {
        "General Assembly": [
            "ga/index.md",
            {"80th session": ["ga/s80/index.md", "ga/s80/r1.md", "ga/s80/r2.md", "ga/s80/r3.md"]},
            {"79th session": ["ga/s79/r1.md", "ga/s79/r2.md", {"Deep": ["ga/s79/deep/d1.md", "ga/s79/deep/index.md"]}]},
        ]
    },
    {"Security Council": ["sc/r1.md", "sc/index.md"]},
    {"Elsewhere": "https://example.org/"},
]
FEATURES = {
    "ours": ["navigation.indexes", "navigation.prune", "navigation.sections", "navigation.top", "toc.follow"],
    "plain": [],
    "tabs and expand": ["navigation.tabs", "navigation.sections", "navigation.expand", "navigation.indexes"],
}


def _site(work: Path, name: str, partial: str, features: list[str], hooks: list[str] = ()) -> dict[str, bytes]:
    overrides = work / f"overrides-{name}"
    shutil.copytree(ROOT / "site_overrides", overrides)
    (overrides / "partials/nav-item.html").write_text(partial, encoding="utf-8")
    config = {
        "site_name": "Invented",
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / f"site-{name}"),
        "theme": {"name": "material", "custom_dir": str(overrides), "font": False, "features": features},
        "nav": NAV,
        "markdown_extensions": ["attr_list", "toc"],
        "hooks": list(hooks),
    }
    path = work / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(path)], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    site = work / f"site-{name}"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("features", FEATURES.values(), ids=FEATURES.keys())
def test_the_lean_partial_writes_materials_html(tmp_path, features):
    for rel, text in PAGES.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    material_partial = MATERIAL_PARTIAL.read_text(encoding="utf-8")
    assert material_partial.count(OUR_CHANGE[0]) == 1, "Material's partial changed: look again at ours"
    reference = _site(tmp_path, "material", material_partial.replace(*OUR_CHANGE), features)
    partial = (ROOT / "site_overrides/partials/nav-item.html").read_text(encoding="utf-8")
    ours = _site(tmp_path, "ours", partial, features)
    hooks = [str(ROOT / "builder/engine" / hook) for hook in ("nav_hook.py", "language_hook.py", "toc_hook.py")]
    memo = _site(tmp_path, "memo", partial, features, hooks)
    assert len(reference) == len(PAGES) + 1  # and 404.html
    assert [rel for rel in reference if reference[rel] != ours.get(rel)] == []
    # nav items, interface strings and tables of contents from the hooks' memos
    assert [rel for rel in reference if reference[rel] != memo.get(rel)] == []
    assert b"md-nav__item--nested" in reference["ga/s80/r1/index.html"]
