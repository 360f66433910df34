"""Inline text to HTML, escaped by construction.

Every character of source text goes through `html.escape`; the only markup in
the output is what this module writes (emphasis, note references, links). So
`<script>`, `{#id}`, `{{ jinja }}` or Markdown syntax in a document is shown as
text, never interpreted. Markdown would still see `*`, `_`, `[`… in raw HTML
blocks only if they were not HTML blocks, so pages put body text only inside
block-level HTML, which Python-Markdown passes through untouched.
"""

from __future__ import annotations

from html import escape

from builder.model import Inline


def attr(value: str) -> str:
    return escape(value, quote=True)


def note_ref_html(label: str, note_id: str, ref_id: str) -> str:
    if not note_id:
        return f'<sup class="unp-marker">{escape(label)}</sup>'
    return (
        f'<sup id="{attr(ref_id)}"><a class="footnote-ref" href="#{attr(note_id)}" '
        f'aria-label="Note {attr(label)}">{escape(label)}</a></sup>'
    )


def inline_html(content: Inline) -> str:
    """Render text with its emphasis spans and note references."""
    text = content.text
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for span in content.spans:
        tag = "em" if span.kind == "em" else "strong"
        opens.setdefault(span.start, []).append(f"<{tag}>")
        closes.setdefault(span.end, []).insert(0, f"</{tag}>")
    refs: dict[int, list[str]] = {}
    for ref in content.refs:
        refs.setdefault(ref.offset, []).append(note_ref_html(ref.label, ref.note_id, ref.ref_id))
    stops = sorted(set(opens) | set(closes) | set(refs) | {0, len(text)})
    out: list[str] = []
    for i, at in enumerate(stops):
        out.extend(closes.get(at, []))
        out.extend(refs.get(at, []))
        out.extend(opens.get(at, []))
        nxt = stops[i + 1] if i + 1 < len(stops) else len(text)
        out.append(escape(text[at:nxt], quote=False))
    return "".join(out)
