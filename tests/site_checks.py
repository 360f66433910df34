"""Checks over a built site: every internal link and anchor resolves; external links are well formed.

Hand-written rather than a link-checking tool: it runs offline, understands
MkDocs' directory URLs, and checks `#anchors` against the ids in the target page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

UNDOCS = re.compile(r"^https://undocs\.org/[A-Z][A-Za-z0-9]*(/[A-Za-z0-9().\-]+)+$")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


@dataclass
class Problem:
    page: str
    link: str
    what: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.what}"


def _parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_links(site: Path) -> tuple[list[Problem], int]:
    """All broken internal links and anchors, and malformed external ones; and the count checked."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    problems: list[Problem] = []
    checked = 0
    for page, parsed in pages.items():
        folder = page.relative_to(site).parent.as_posix()
        base = "http://site/" + ("" if folder == "." else folder + "/")
        for link in parsed.links:
            checked += 1
            if link.startswith(("mailto:", "data:", "javascript:")):
                if link.startswith("javascript:"):
                    problems.append(Problem(str(page.relative_to(site)), link, "javascript: link"))
                continue
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and parts.netloc != "site":
                if "undocs.org" in parts.netloc and not UNDOCS.match(link):
                    problems.append(Problem(str(page.relative_to(site)), link, "malformed undocs.org address"))
                continue
            target_url = urlsplit(urljoin(base, link))
            rel = unquote(target_url.path).lstrip("/")
            target = site / rel
            if target.is_dir() or rel == "" or rel.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                problems.append(Problem(str(page.relative_to(site)), link, "no such file"))
                continue
            fragment = unquote(target_url.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    problems.append(Problem(str(page.relative_to(site)), link, f"no #{fragment} in {rel or 'index'}"))
    return problems, checked
