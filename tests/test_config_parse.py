"""Under `make serve` MkDocs parses the config with libyaml: the same config, parsed faster."""

from __future__ import annotations

import yaml
from mkdocs.config import load_config
from mkdocs.utils import yaml as mkdocs_yaml

from builder.engine.config_parse import parse_config_with_libyaml
from builder.render.engine_config import EnvTag, dump

NAV = [{"Home": "index.md"}] + [
    {f"Session {s}": [f"s{s}/index.md"] + [{f"A/RES/{s}/{n} · Title “{n}”…": f"A/RES/{s}/{n}.md"} for n in range(60)]}
    for s in range(20)
]


def _config(tmp_path):
    (tmp_path / "docs").mkdir()
    config = {
        "site_name": "Invented",
        "site_url": EnvTag(["UNP_TEST_SITE_URL", "http://127.0.0.1:8000/"]),
        "theme": {"name": "mkdocs"},
        "nav": NAV,
        "not_in_nav": "/browse/*/*/agenda/*/index.md\n/compare/index.md\n",
        "markdown_extensions": [{"toc": {"permalink": "¶"}}],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(dump(config), encoding="utf-8")
    return path


def _loaded(path) -> dict:
    config = load_config(str(path))
    return {key: config[key] for key in ("site_url", "nav", "not_in_nav", "markdown_extensions", "mdx_configs")}


def test_the_config_parses_the_same_with_libyaml(tmp_path, monkeypatch):
    monkeypatch.setattr(mkdocs_yaml.get_yaml_loader, "__defaults__", mkdocs_yaml.get_yaml_loader.__defaults__)
    monkeypatch.setenv("UNP_TEST_SITE_URL", "http://example.org/unp/")
    path = _config(tmp_path)
    before = _loaded(path)
    assert not issubclass(mkdocs_yaml.get_yaml_loader(), yaml.CLoader)
    assert parse_config_with_libyaml()
    assert issubclass(mkdocs_yaml.get_yaml_loader(), yaml.CLoader)
    after = _loaded(path)
    assert after == before
    assert after["site_url"] == "http://example.org/unp/" and len(after["nav"]) == 21
    assert parse_config_with_libyaml()  # a second call leaves it so
