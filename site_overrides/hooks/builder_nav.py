"""MkDocs hook: use the navigation the builder wrote (build/nav.yml).

The builder stays independent of MkDocs: it writes the nav as plain data next
to the Markdown, and this hook is the only glue. The builder's pages of single
agenda items (`browse/<body>/<session>/agenda/<item>/`, see
`builder/render/site.py`) are reached from their session's agenda page, not
from the nav: they are declared "not in nav" here, so a strict build accepts
them and the nav of every page stays small.
"""

from pathlib import Path

import pathspec
import yaml

NOT_IN_NAV = ["/browse/*/*/agenda/*/index.md", "/compare/index.md", "/compare/*/index.md"]  # compare/: issue 19


def on_config(config, **kwargs):
    nav_file = Path(config["docs_dir"]).parent / "nav.yml"
    if nav_file.exists():
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))["nav"]
    ours = pathspec.gitignore.GitIgnoreSpec.from_lines(NOT_IN_NAV)
    own = config.get("not_in_nav")
    config["not_in_nav"] = ours if own is None else own + ours
    return config
