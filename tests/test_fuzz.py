"""Property and mutation tests: the builder never crashes and never loses a word.

`read_one` publishes a page only after the conservation check passed, so "no
exception but the builder's own InputError" plus "published" means every word
of the accepted document reached its page. The full mutation run (10,000
inputs) is `python -m benchmarks.fuzz`; here a short one keeps it from rotting.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz import INSERTS, check, run

LINES = [
    "United Nations A/C.3/99/L.1", "General Assembly", "Distr.: Limited", "1 October 2099",
    "Agenda item 5 (a)", "Iraq:* draft resolution", "The General Assembly,", "Recalling its resolution 1/1,",
    "1. Decides to act;", "2. Requests the Secretary-General,1 to report;", "(a) On this;", "(i) On that;",
    "(b) And the other:", "__________________", "1 Resolution 70/1.", "* On behalf of the Group.", "",
    "A/C.3/99/L.1", "2/3", "99-12345", "I", "Title of a section", "Annex", "Article 2", "continued text here,",
]  # fmt: skip

piece = st.one_of(st.sampled_from(LINES), st.sampled_from(INSERTS), st.text(max_size=40))
documents = st.lists(st.lists(piece, min_size=1, max_size=4).map(" ".join), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_text_is_published_whole_or_refused_with_an_input_error(tmp_path, text):
    assert check(text.encode("utf-8", errors="surrogatepass"), tmp_path) in ("ok", "error")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_bytes_are_published_whole_or_refused(tmp_path, raw):
    assert check(raw, tmp_path) in ("ok", "error")


def test_short_mutation_run_over_seeds_and_corpus():
    report = run(inputs=150, seed=20261122)
    assert report["counts"]["crash"] == 0, report["crashes"][:3]
    assert report["counts"]["ok"] > 100, "most damaged documents still publish"
