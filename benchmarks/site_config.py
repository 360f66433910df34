"""A copy of the project's mkdocs.yml that builds a build folder outside the work tree.

Tests and benchmarks build sites in temporary folders; every path in the copy
is absolute, and `!ENV` tags stay tags for MkDocs to resolve.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _EnvTag(list):
    """`!ENV [NAME, default]`, carried through unchanged."""


class _ConfigLoader(yaml.SafeLoader):
    pass


_ConfigLoader.add_constructor("!ENV", lambda loader, node: _EnvTag(loader.construct_sequence(node)))
yaml.SafeDumper.add_representer(_EnvTag, lambda dumper, data: dumper.represent_sequence("!ENV", list(data)))


def mkdocs_config(build_dir: Path, site_dir: Path) -> Path:
    """Write `<build_dir>/mkdocs.yml`: the project's config, reading `build_dir/docs`, writing `site_dir`."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(build_dir / "docs")
    config["site_dir"] = str(site_dir)
    config["theme"]["custom_dir"] = str(ROOT / "site_overrides")
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    path = build_dir / "mkdocs.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path
