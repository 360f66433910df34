"""MkDocs hook: a page's table of contents is rendered once, not once per place that shows it.

Material includes `partials/toc.html` in the sidebar, and our navigation
partial includes it again in the current page's item (the phone drawer): the
same text twice. For a document page it is the builder's whole structure
(every run of paragraphs with a link to each number), so the second
rendering is a few percent of `mkdocs build`. Our toc partial asks this
hook's memo for its text, made by the partial's own macro the first time
for the page being built; it keeps only the current page's. Without the hook
the partial renders itself at each place: the same text, only slower.
"""

from __future__ import annotations

GLOBAL = "unp_toc_memo"


class TocMemo:
    """The text of the table of contents of the page being built."""

    def __init__(self) -> None:
        self.page = None
        self.text = ""

    def __call__(self, page, render) -> str:
        if page is None or page is not self.page:
            self.page, self.text = page, render()
        return self.text


def on_env(env, config, files, **kwargs):
    env.globals[GLOBAL] = TocMemo()
    return env
