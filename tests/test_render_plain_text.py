"""Plain text is escaped whole (render's fast path) exactly as the boundary walk escapes it."""

from __future__ import annotations

from html import escape

from builder.model import Inline, Span
from builder.render.html import inline_html


def test_plain_text_is_escaped_as_the_boundary_walk_escapes_it():
    text = 'Tom & Jerry <b>"quoted"</b> it\'s'
    assert inline_html(Inline(text)) == escape(text, quote=False)
    # An emphasis span of no length walks every boundary: the same text comes out.
    assert inline_html(Inline(text, [Span(3, 3, "em")])) == escape(text, quote=False)
    assert inline_html(Inline(text, [Span(0, 3, "em")])) == "<em>Tom</em>" + escape(text[3:], quote=False)
