"""`make serve` parses the engine config with libyaml: the same data in a tenth of the time.

MkDocs reloads its config on every rebuild under `mkdocs serve`, and the
config the builder writes holds the whole navigation (a thousand lines and
more at corpus scale), which PyYAML's pure-Python loader, MkDocs' default,
parses in about 0.1 s: a tenth of a second of every edit. PyYAML's `CLoader`
is the same loader (the same constructors and resolver: `!ENV` and MkDocs'
`!relative` tags work unchanged) with libyaml's parser, ~10x faster. The
config file itself stays plain YAML that any engine reads.

This sets the default of `mkdocs.utils.yaml.get_yaml_loader` (which MkDocs'
`load_config` calls without one), only when that default is still PyYAML's
`Loader` and libyaml is there; otherwise nothing changes.
"""

from __future__ import annotations


def parse_config_with_libyaml() -> bool:
    """Make MkDocs' later config loads use libyaml; return whether it does."""
    try:
        import yaml
        from mkdocs.utils import yaml as mkdocs_yaml
    except ImportError:
        return False
    function = getattr(mkdocs_yaml, "get_yaml_loader", None)
    defaults = getattr(function, "__defaults__", None)
    if not getattr(yaml, "__with_libyaml__", False) or not defaults or defaults[0] is not yaml.Loader:
        return bool(defaults) and getattr(yaml, "CLoader", None) is defaults[0]
    function.__defaults__ = (yaml.CLoader, *defaults[1:])
    return True
