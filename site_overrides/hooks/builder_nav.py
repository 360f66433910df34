"""MkDocs hook: use the navigation the builder wrote (build/nav.yml).

The builder stays independent of MkDocs: it writes the nav as plain data next
to the Markdown, and this hook is the only glue.
"""

from pathlib import Path

import yaml


def on_config(config, **kwargs):
    nav_file = Path(config["docs_dir"]).parent / "nav.yml"
    if nav_file.exists():
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))["nav"]
    return config
