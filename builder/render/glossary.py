"""The glossary page: every instrument, its names and facts, and every paragraph
of the corpus that mentions it, grouped by document."""

from __future__ import annotations

from html import escape

from builder.anchors import within_document
from builder.linking.corpus import Links
from builder.render.html import GLOSSARY_PAGE, attr, relative_href
from builder.render.page import md_escape


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def glossary_page(links: Links, titles: dict[str, str]) -> str:
    out = [
        "---\ntitle: Glossary of instruments\n"
        "description: Conventions, protocols and declarations the documents cite.\n---",
        "# Glossary of instruments",
        "Conventions, protocols, declarations and plans of action the documents mention, under all their names, "
        "with every paragraph that mentions each.",
    ]
    for instrument in sorted(links.registry.instruments, key=lambda i: i.title.casefold()):
        mentions = links.mentions.get(instrument.id, {})
        paragraphs = sum(len(v) for v in mentions.values())
        out.append(f"## {md_escape(instrument.title)} {{#{instrument.id}}}")
        facts = [f"<p>{escape(instrument.description)}</p>"] if instrument.description else []
        facts.append('<dl class="unp-facts">')
        names = [*instrument.short_names, *instrument.aliases]
        if names:
            facts.append(f"<dt>Also called</dt><dd>{escape('; '.join(names))}</dd>")
        if instrument.adopted:
            facts.append(f"<dt>Adopted</dt><dd>{escape(instrument.adopted)}</dd>")
        if instrument.unts:
            unts = escape(instrument.unts)
            facts.append(f"<dt>Treaty Series</dt><dd>United Nations, <i>Treaty Series</i>, {unts}</dd>")
        facts.append("</dl>")
        facts.append(
            f'<p class="unp-mention-count">Mentioned in {_plural(paragraphs, "paragraph")} '
            f"of {_plural(len(mentions), 'document')}.</p>"
        )
        if mentions:
            facts.append('<ul class="unp-mentions">')
            for page in sorted(mentions, key=lambda p: titles[p]):
                href = relative_href(GLOSSARY_PAGE, page)
                items = ", ".join(
                    f'<a href="{attr(href)}#{attr(p.anchor)}">{escape(within_document(p.label))}</a>'
                    for p in mentions[page]
                )
                facts.append(f'<li><a href="{attr(href)}">{escape(titles[page])}</a>: {items}</li>')
            facts.append("</ul>")
        out.append('<div class="unp-instrument-entry">' + "".join(facts) + "</div>")
    return "\n\n".join(out) + "\n"
