"""MkDocs hook: Material's interface strings ("Skip to content", "Search", ...) looked up once per build.

Material's `partials/language.html` macro `t(key)` is called about
twenty-five times on every page, and each call runs the language file's
macro, which builds that language's whole table of strings (a hundred and
fifty entries) to read one: at corpus scale a few percent of `mkdocs build`.
A key's string is the same on every page of a build (the language is the
config's), so our override of that partial asks this hook's memo, which
makes each string once, by Material's own lookup (the language's string,
else English, else the key). Without the hook the partial does the lookup
itself: the same text, only slower.
"""

from __future__ import annotations

GLOBAL = "unp_language_memo"


class LanguageMemo:
    """Material's `t(key)` by language file and key, made once."""

    def __init__(self) -> None:
        self.text: dict[tuple[str, str, str], str] = {}

    def __call__(self, key: str, lang, fallback) -> str:
        memo = (getattr(lang, "__name__", ""), getattr(fallback, "__name__", ""), key)
        text = self.text.get(memo)
        if text is None:
            text = self.text[memo] = lang.t(key) or fallback.t(key) or key
        return text


def on_env(env, config, files, **kwargs):
    env.globals[GLOBAL] = LanguageMemo()
    return env
