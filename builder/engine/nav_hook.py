"""MkDocs hook: a navigation item that is not on the page's path is rendered once per link, not once per page.

Every page renders the navigation of its section (Material's `nav-item.html`,
our `site_overrides/partials/nav-item.html`): at corpus scale about sixty
items per page, most of them the other documents of the page's range and the
pruned sections around it, a quarter of the CPU of `mkdocs build`. An item
that is not active (not the page, not one of its sections) writes the same
HTML on every page whose link to it is the same: its title, its meta and one
address (a page's own, or a pruned section's first page) made relative to
the page. The partial asks this hook's `unp_nav_memo` for such an item; the
memo keys the item's HTML on the item, its place (`path`, `level`) and that
relative address, as the theme's own `url` filter writes it, and renders it
with the partial's own macro the first time.

It memoizes only what that key determines: a leaf (a page or a link), and a
section below the first level that the partial prunes (`navigation.prune`,
without `navigation.tabs`, which make the first levels depend on the active
section). An active item, an unpruned section, and any item when the blog
plugin is on (its pages swap a section for the page) are rendered by the
partial as before. Without this hook the partial renders every item itself:
the same HTML (`tests/test_nav_partial.py`), only slower.
"""

from __future__ import annotations

import jinja2

GLOBAL = "unp_nav_memo"


class NavMemo:
    """The HTML of the navigation items that do not depend on the page, by item and relative link."""

    def __init__(self, features: list[str], plugins: list[str]) -> None:
        self.off = any("blog" in name for name in plugins)
        self.prunes = "navigation.prune" in features and "navigation.tabs" not in features
        self.html: dict[tuple, str] = {}

    @jinja2.pass_context
    def __call__(self, context, render, item, path: str, level: int, parent):
        """`render(item, path, level, parent)`, from the memo when `item` is one it keeps."""
        if self.off or item.active:
            return render(item, path, level, parent)
        link = item
        if link.children:
            if not self.prunes or level < 2:
                return render(item, path, level, parent)
            while link.children:  # Material's render_pruned: the first page of the first section...
                link = link.children[0]
        key = (id(item), path, level, context.environment.call_filter("url", link.url, context=context))
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = render(item, path, level, parent)
        return html


def on_env(env, config, files, **kwargs):
    theme = config["theme"]
    env.globals[GLOBAL] = NavMemo(list(theme.get("features") or []), list(config["plugins"]))
    return env
