"""The glossary: an index page of every instrument, and one page per instrument.

The index (`glossary/index.md`) lists every instrument A–Z and by kind, with
how many paragraphs and documents mention it; each entry carries the
instrument's id as its anchor, so `glossary/#<id>` still leads to it. It stays
small at any corpus size: one line per instrument, no paragraph lists.

Each instrument's page (`glossary/<id>/index.md`, served at `glossary/<id>/`) gives
its names ("also called"), kind, what identifies it (the adopting
resolution, linked to its page in the corpus or its official text at
undocs.org; the *Treaty Series* registration) and every paragraph that
mentions it, grouped by document, newest documents first.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from urllib.parse import quote

import yaml

from builder.anchors import within_document
from builder.linking.corpus import Links, Place
from builder.linking.instruments import Instrument
from builder.model import Document
from builder.render.html import GLOSSARY_PAGE, attr, entry_page, relative_href
from builder.render.page import date_parts, md_escape, template_safe


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


_OTHER = "0–9"  # titles that start with a digit ("2030 Agenda …") or another character


def _letter(title: str) -> str:
    first = next((c for c in title.upper() if c.isalnum()), "")
    return first if "A" <= first <= "Z" else _OTHER


def _letter_id(letter: str) -> str:
    return "letter-" + ("0-9" if letter == _OTHER else letter.lower())


def _sort_title(instrument: Instrument) -> str:
    return instrument.title.casefold().removeprefix("the ")


def glossary_pages(links: Links, docs: list[Document], titles: dict[str, str]) -> dict[str, str]:
    """The index page and one page per instrument, by build-relative path."""
    instruments = sorted(links.registry.instruments, key=_sort_title)
    newest = {doc.path: _newest_first(doc) for doc in docs}
    pages = {GLOSSARY_PAGE: _index(instruments, links)}
    for instrument in instruments:
        pages[entry_page(instrument.id)] = _entry(instrument, links, titles, newest)
    return pages


def _newest_first(doc: Document) -> tuple:
    date = date_parts(doc.meta.date)
    return tuple(-x for x in date) + (0,) * (3 - len(date)), doc.meta.symbol or doc.meta.slug


def _counts(links: Links, instrument: Instrument) -> tuple[int, int]:
    mentions = links.mentions.get(instrument.id, {})
    return sum(len(v) for v in mentions.values()), len(mentions)


def _index(instruments: list[Instrument], links: Links) -> str:
    discovered = sum(1 for i in instruments if i.discovered)
    out = [
        "---\ntitle: Glossary of instruments\n"
        "description: Conventions, protocols, declarations and programmes the documents cite.\n---",
        "# Glossary of instruments",
        f"{_plural(len(instruments), 'instrument')} the documents name: conventions, protocols, declarations, "
        "programmes of action, rules and principles, each with every paragraph that mentions it. "
        f"{discovered:,} of them were found from the documents' own notes (a *Treaty Series* citation, "
        "or the resolution that adopted them); the others are listed by hand.",
    ]
    letters: dict[str, list[Instrument]] = defaultdict(list)
    for instrument in instruments:
        letters[_letter(instrument.title)].append(instrument)
    jump = " ".join(
        f'<a href="#{_letter_id(letter)}">{escape(letter)}</a>' if letter in letters else escape(letter)
        for letter in [_OTHER, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        if letter != _OTHER or _OTHER in letters
    )
    out.append(f'<nav class="unp-az" aria-label="Instruments by first letter">{jump}</nav>')
    kinds: dict[str, int] = defaultdict(int)
    for instrument in instruments:
        kinds[instrument.kind or "Other"] += 1
    kind_list = ", ".join(
        f'<a href="#kind-{attr(_kind_id(k))}">{escape(k)}</a> ({n})' for k, n in sorted(kinds.items())
    )
    out.append(f'<p class="unp-kinds">By kind: {kind_list}.</p>')
    for letter in sorted(letters, key=lambda x: (x != _OTHER, x)):
        out.append(f"## {escape(letter)} {{#{_letter_id(letter)}}}")
        out.append(
            '<ul class="unp-glossary-index">' + "".join(_index_item(i, links) for i in letters[letter]) + "</ul>"
        )
    out.append("## By kind {#by-kind}")
    by_kind: dict[str, list[Instrument]] = defaultdict(list)
    for instrument in instruments:
        by_kind[instrument.kind or "Other"].append(instrument)
    for kind in sorted(by_kind):
        items = "".join(f'<li><a href="{attr(i.id)}/">{escape(i.title)}</a></li>' for i in by_kind[kind])
        out.append(f"### {md_escape(kind)} {{#kind-{_kind_id(kind)}}}")
        out.append(f'<ul class="unp-glossary-kind">{items}</ul>')
    return "\n\n".join(out) + "\n"


def _kind_id(kind: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in kind.lower()).split())


def _index_item(instrument: Instrument, links: Links) -> str:
    paragraphs, documents = _counts(links, instrument)
    kind = f'<span class="unp-kind">{escape(instrument.kind)}</span> ' if instrument.kind else ""
    count = f"{_plural(paragraphs, 'paragraph')} in {_plural(documents, 'document')}" if paragraphs else "not mentioned"
    return (
        f'<li id="{attr(instrument.id)}"><a href="{attr(instrument.id)}/">{escape(instrument.title)}</a> '
        f'{kind}<span class="unp-count">{count}</span></li>'
    )


def _adoption_link(instrument: Instrument, links: Links, here: str) -> str:
    text = escape(instrument.adopted)
    symbol = instrument.adopted_symbol
    if not symbol:
        return text
    target = links.pages.get(symbol)
    if target is not None:
        return f'<a href="{attr(relative_href(here, target.path))}">{text}</a>'
    return f'<a href="https://undocs.org/{attr(quote(symbol, safe="/().-"))}">{text}</a>'


def _entry(instrument: Instrument, links: Links, titles: dict[str, str], newest: dict[str, tuple]) -> str:
    here = entry_page(instrument.id)
    description = instrument.description or f"{instrument.kind or 'Instrument'} the documents cite."
    out = [
        "---\n"
        + yaml.safe_dump(
            {"title": template_safe(instrument.title), "description": template_safe(description)},
            allow_unicode=True,
            width=10_000,
        )
        + "---",
        f"# {md_escape(instrument.title)} {{#{instrument.id}}}",
    ]
    facts = [f"<p>{escape(instrument.description)}</p>"] if instrument.description else []
    facts.append('<dl class="unp-facts">')
    if instrument.kind:
        facts.append(f"<dt>Kind</dt><dd>{escape(instrument.kind)}</dd>")
    names = list(dict.fromkeys([*instrument.short_names, *instrument.aliases]))
    if names:
        facts.append(f"<dt>Also called</dt><dd>{escape('; '.join(names))}</dd>")
    if instrument.adopted:
        facts.append(f"<dt>Adopted</dt><dd>{_adoption_link(instrument, links, here)}</dd>")
    if instrument.unts:
        unts = escape(instrument.unts)
        facts.append(f"<dt>Treaty Series</dt><dd>United Nations, <i>Treaty Series</i>, {unts}</dd>")
    facts.append(
        "<dt>Source</dt><dd>"
        + ("found from the documents' notes" if instrument.discovered else "the curated list of instruments")
        + "</dd>"
    )
    facts.append("</dl>")
    mentions = links.mentions.get(instrument.id, {})
    paragraphs = sum(len(v) for v in mentions.values())
    facts.append(
        f'<p class="unp-mention-count">Mentioned in {_plural(paragraphs, "paragraph")} '
        f"of {_plural(len(mentions), 'document')}" + (", newest documents first" if len(mentions) > 1 else "") + ".</p>"
    )
    if mentions:
        facts.append('<ul class="unp-mentions">')
        for page in sorted(mentions, key=lambda p: newest.get(p, ((0, 0, 0), p))):
            facts.append(_mentions_item(here, page, mentions[page], titles))
        facts.append("</ul>")
    facts.append(
        f'<p><a href="{attr(relative_href(here, GLOSSARY_PAGE))}#{attr(instrument.id)}">All instruments</a></p>'
    )
    out.append('<div class="unp-instrument-entry">' + "".join(facts) + "</div>")
    return "\n\n".join(out) + "\n"


def _mentions_item(here: str, page: str, places: list[Place], titles: dict[str, str]) -> str:
    href = relative_href(here, page)
    items = ", ".join(f'<a href="{attr(href)}#{attr(p.anchor)}">{escape(within_document(p.label))}</a>' for p in places)
    return f'<li><a href="{attr(href)}">{escape(titles[page])}</a>: {items}</li>'
