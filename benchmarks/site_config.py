"""The engine config of a build folder, pointed at another site folder (tests and benchmarks).

The builder writes `<build>/mkdocs.yml`, the whole config the engine reads
(`builder.render.engine_config`), with the site going to the project's
`site/`. Tests and benchmarks build sites in temporary folders: this writes a
copy beside it (same folder, so its relative paths hold) with another
`site_dir` and, to prove the site needs none, optionally no `hooks`; `!ENV`
tags stay for the engine to resolve. The builder's own file is left as written.
"""

from __future__ import annotations

from pathlib import Path

from builder.render.engine_config import CONFIG_NAME, dump, load


def mkdocs_config(build_dir: Path, site_dir: Path, hooks: bool = True) -> Path:
    """`<build_dir>/mkdocs.yml` as the builder wrote it, but writing `site_dir` (and without hooks
    when `hooks` is False), as `<build_dir>/mkdocs-<site folder name>.yml`. Returns its path."""
    config = load(build_dir / CONFIG_NAME)
    path = build_dir / f"mkdocs-{site_dir.name}.yml"
    config["site_dir"] = str(site_dir.resolve())
    if not hooks:
        config.pop("hooks", None)
    path.write_text(dump(config), encoding="utf-8")
    return path
