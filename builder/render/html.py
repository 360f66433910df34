"""Inline text to HTML, escaped by construction.

Every character of source text goes through `html.escape`; the only markup in
the output is what this module writes (emphasis, note references, links). So
`<script>`, `{#id}`, `{{ jinja }}` or Markdown syntax in a document is shown as
text, never interpreted: pages put body text only inside block-level HTML,
which Python-Markdown passes through untouched.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from urllib.parse import quote

from builder.model import Inline, Link

GLOSSARY_PAGE = "glossary/index.md"


def entry_page(instrument: str) -> str:
    """An instrument's own glossary page (served at `glossary/<id>/`), as a folder's index in
    either page layout: its folder is then its address's, so a relative link in its raw HTML
    means the same to an engine that reads it as relative to the Markdown file (Zensical) as
    to one that leaves raw HTML alone (see `engine_config.folder_page`)."""
    return f"glossary/{instrument}/index.md"


def attr(value: str) -> str:
    return escape(value, quote=True)


def url_dir(page: str) -> str:
    """The served folder of a page: `A/C.3/61/L.7/Rev.1.md` → `A/C.3/61/L.7/Rev.1/`."""
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page.removesuffix(".md") + "/"


def page_address(page: str) -> str:
    """A page's address without its closing slash, the same in either page layout
    (`A/RES/80/1.md` and `A/RES/80/1/index.md` → `A/RES/80/1`): what names a document that has
    no symbol, and the folder its files are served from."""
    return url_dir(page).removesuffix("/")


@lru_cache(maxsize=1 << 16)  # a corpus build asks for the same few thousand pairs hundreds of thousands of times
def relative_href(here: str, there: str) -> str:
    """The link from page `here` to page `there`, as served with directory URLs.

    Page addresses are clean relative paths (no `.` or `..` segments), so this is
    `posixpath.relpath` without its two `abspath` calls (each asks the OS for the
    working folder)."""
    target, base = url_dir(there).split("/")[:-1], url_dir(here).split("/")[:-1]
    common = 0
    for a, b in zip(target, base, strict=False):
        if a != b:
            break
        common += 1
    rel = [".."] * (len(base) - common) + target[common:]
    return "/".join(rel) + "/" if rel else "./"


def link_href(link: Link, here: str) -> str:
    if link.kind == "instrument":
        return relative_href(here, entry_page(link.target))
    if link.page:
        fragment = f"#{link.anchor}" if link.anchor else ""
        return (relative_href(here, link.page) if link.page != here else "") + fragment
    return "https://undocs.org/" + quote(link.target, safe="/().-")


def note_ref_html(label: str, note_id: str, ref_id: str) -> str:
    if not note_id:
        return f'<sup class="unp-marker">{escape(label)}</sup>'
    return (
        f'<sup id="{attr(ref_id)}"><a class="footnote-ref" href="#{attr(note_id)}" '
        f'aria-label="Note {attr(label)}">{escape(label)}</a></sup>'
    )


def _open_link(link: Link, here: str) -> str:
    cls = "unp-instrument" if link.kind == "instrument" else "unp-docref"
    title = f' title="{attr(link.title)}"' if link.title else ""
    return f'<a class="{cls}" href="{attr(link_href(link, here))}"{title}>'


def inline_html(content: Inline, here: str = "") -> str:
    """Render text with its emphasis spans, note references and links.

    At every boundary where what is open changes, or a note reference stands,
    everything open is closed and the new state opened, so the HTML always
    nests, a span may cross a link, and a marker is never inside a link.
    """
    text = content.text
    if not (content.refs or content.spans or content.links):  # most texts: the loop below would give just this
        return escape(text, quote=False)
    refs: dict[int, list[str]] = {}
    for ref in content.refs:
        refs.setdefault(ref.offset, []).append(note_ref_html(ref.label, ref.note_id, ref.ref_id))
    points = {0, len(text)} | set(refs)
    for item in (*content.spans, *content.links):
        points |= {item.start, item.end}
    out: list[str] = []
    state: tuple = ()
    closers: list[str] = []
    stops = sorted(p for p in points if 0 <= p <= len(text))
    for i, at in enumerate(stops):
        link = next((lk for lk in content.links if lk.start <= at < lk.end), None)
        spans = tuple(s.kind for s in content.spans if s.start <= at < s.end)
        wanted = (id(link) if link else None, spans)
        if wanted != state or at in refs:
            out.extend(reversed(closers))
            closers = []
            out.extend(refs.get(at, []))
            if link is not None:
                out.append(_open_link(link, here))
                closers.append("</a>")
            for kind in spans:
                out.append(f"<{kind}>")
                closers.append(f"</{kind}>")
            state = wanted
        end = stops[i + 1] if i + 1 < len(stops) else len(text)
        out.append(escape(text[at:end], quote=False))
    out.extend(reversed(closers))
    return "".join(out)
