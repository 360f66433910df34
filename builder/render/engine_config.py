"""The site engine's configuration, written by the builder next to the pages: `<out>/mkdocs.yml`.

Everything the builder hands the engine is plain files: the Markdown pages
under `<out>/docs` and this one config. It is the project's `mkdocs.yml`
(theme, overrides, Markdown extensions, extra CSS and JavaScript, validation)
completed with what only the builder knows: the navigation, the pages that
are deliberately left out of it, and every path as seen from the build
folder. So the navigation needs no hook, and the config is a whole file, not
an `INHERIT:` of another: MkDocs 1.6, ProperDocs and Zensical all read a
complete `mkdocs.yml`, and a hook or an inheritance rule is one more thing an
engine may not support (Zensical ignores `hooks:` silently).

`!ENV` tags (the site URL) are carried through as tags for the engine to
resolve at its own run, so a generated config never freezes the environment
of the build. The builder never imports MkDocs: this is YAML in, YAML out.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from builder.errors import InputError, Place

CONFIG_NAME = "mkdocs.yml"  # what MkDocs, ProperDocs (with -f) and Zensical read
PROJECT_CONFIG = Path(__file__).resolve().parents[2] / CONFIG_NAME  # the project's settings
DOCS = "docs"  # the pages, under the build folder


class EnvTag(list):
    """`!ENV [NAME, default]`, read and written unchanged."""


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: EnvTag(loader.construct_sequence(node)))
_Dumper.add_representer(EnvTag, lambda dumper, data: dumper.represent_sequence("!ENV", list(data)))


def folder_page(path: str) -> str:
    """A document's page as `<address>/index.md` instead of `<address>.md`: the same address
    (`A/RES/80/1/`), but the page's folder is then its address's folder, so the relative links the
    builder writes in raw HTML mean the same to an engine that rewrites them as relative to the
    Markdown file (Zensical) as to one that leaves raw HTML alone (MkDocs, ProperDocs)."""
    return path if path == "index.md" or path.endswith("/index.md") else path.removesuffix(".md") + "/index.md"


def load(path: Path) -> dict:
    """A MkDocs config file as plain data, its `!ENV` tags kept as `EnvTag`s."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def dump(config: dict) -> str:
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _from(out: Path, path: Path, project_dir: Path) -> str:
    """`path` as the engine resolves it, from the folder of the config (the build folder): relative
    when the build folder is in the project (`build/` → `../site_overrides`), so the project can
    move; else absolute (a build in a temporary folder)."""
    out, path = out.resolve(), path.resolve()
    if out.is_relative_to(project_dir.resolve()):
        return Path(os.path.relpath(path, out)).as_posix()
    return path.as_posix()


def engine_config(
    settings: dict,
    project_dir: Path,
    out: Path,
    nav: list,
    not_in_nav: list[str],
    site_dir: Path | None = None,
) -> dict:
    """The whole config for the pages in `out/docs`: the project's `settings` (read from a file in
    `project_dir`), its paths rebased onto `out`, with the builder's nav and not-in-nav patterns.

    The site goes to `site_dir`, else to the project's `site_dir`.
    """
    config = dict(settings)
    config["docs_dir"] = DOCS
    config["site_dir"] = _from(out, site_dir or project_dir / config.get("site_dir", "site"), project_dir)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = theme | {"custom_dir": _from(out, project_dir / theme["custom_dir"], project_dir)}
    for key in ("hooks", "watch"):
        if config.get(key):
            config[key] = [_from(out, project_dir / p, project_dir) for p in config[key]]
    config["nav"] = nav
    if not_in_nav:
        config["not_in_nav"] = "\n".join(not_in_nav) + "\n"
    return config


_LAST: dict[str, tuple] = {}  # the last config written: its nav, other inputs and text


def write_config(
    out: Path,
    nav: list,
    not_in_nav: list[str],
    project_config: Path = PROJECT_CONFIG,
    site_dir: Path | None = None,
) -> Path:
    """Write `out/mkdocs.yml` (see `engine_config`) when its text changes; return its path.

    Left unchanged when the same, so `mkdocs serve`, which watches the config, rebuilds only on a
    real change.
    """
    if not project_config.is_file():
        raise InputError(
            Place(project_config),
            "no site settings file: the engine's config is made from it",
            "pass --config FILE (the project's mkdocs.yml)",
        )
    settings = project_config.read_text(encoding="utf-8")
    inputs = (settings, out, tuple(not_in_nav), project_config, site_dir)
    last = _LAST.get("config")
    if last is not None and last[0] is nav and last[1] == inputs:
        text = last[2]  # `make serve`: the nav is the very object of the last build (from the cache)
    else:
        config = engine_config(load(project_config), project_config.parent, out, nav, not_in_nav, site_dir)
        text = "# Written by the builder (builder/render/engine_config.py) from " + project_config.name
        text += ": edit that file, not this one.\n" + dump(config)
        _LAST["config"] = (nav, inputs, text)  # holding the nav: its id is not reused while kept
    path = out / CONFIG_NAME
    if not (path.exists() and path.read_text(encoding="utf-8") == text):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path
