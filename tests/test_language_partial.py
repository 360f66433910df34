"""Our language partial (site_overrides/partials/language.html) gives Material's every string, with the hook's memo
(builder/engine/language_hook.py) and without it.

Every key of Material's English strings, and a key no language has, is
looked up through Material's own partial and through ours, in a language
with every string (English) and one that lacks some (Welsh falls back to
English); all three agree, on the first lookup of a key and on the memo's
later ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest

from builder.engine import language_hook

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"
KEYS = re.findall(r'^\s*"([^"]+)":', (MATERIAL / "partials/languages/en.html").read_text(encoding="utf-8"), re.M)


def _lookups(loaders: list[Path], language: str, memo: bool) -> list[str]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(p) for p in loaders]))
    if memo:
        env.globals[language_hook.GLOBAL] = language_hook.LanguageMemo()
    template = env.from_string(
        '{% import "partials/language.html" as lang with context %}{% for key in keys %}{{ lang.t(key) }}\n{% endfor %}'
    )
    keys = [*KEYS, "no.such.key"]
    twice = template.render(config={"theme": {"language": language}}, keys=keys + keys)
    return twice.split("\n")


@pytest.mark.parametrize("language", ["en", "cy", "fr"])
def test_our_language_partial_gives_materials_strings(language):
    assert len(KEYS) > 40 and "search.placeholder" in KEYS
    reference = _lookups([MATERIAL], language, memo=False)
    assert reference[KEYS.index("search.placeholder")] and reference[len(KEYS)] == "no.such.key"
    assert _lookups([ROOT / "site_overrides", MATERIAL], language, memo=False) == reference
    assert _lookups([ROOT / "site_overrides", MATERIAL], language, memo=True) == reference


def test_the_memo_keeps_languages_apart():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(ROOT / "site_overrides"), str(MATERIAL)]))
    memo = env.globals[language_hook.GLOBAL] = language_hook.LanguageMemo()
    template = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t("search") }}')
    assert template.render(config={"theme": {"language": "en"}}) == "Search"
    assert template.render(config={"theme": {"language": "fr"}}) == "Recherche"
    assert len(memo.text) == 2
