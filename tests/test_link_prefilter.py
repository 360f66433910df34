"""Linking skips its kind-word patterns on texts holding no kind word (`instruments.KINDS`): the
skip never changes what is found, even where only folding makes the word (a no-break space)."""

from __future__ import annotations

import pytest

from builder.linking import corpus
from builder.linking.instruments import _BARE, Registry, fold

TEXTS = [
    "Recalling the Plan\u00a0of Action adopted at the Conference,",
    "Welcoming the Protocol, and noting the Convention on the Rights of the Child,",
    "Recalling the 2030 Agenda and the Agenda of the Summit,",
    "Decides to remain seized of the matter.",
    "Recalling the Global Declaration, the Declarations and Conventions of the Council,",
]


@pytest.mark.parametrize("text", TEXTS)
def test_bare_mentions_are_those_of_the_pattern(text):
    expected = [(m.start(), m.end(), m.group(1)) for m in _BARE.finditer(fold(text))]
    assert Registry([]).bare(text) == expected
    if text.startswith(("Recalling the Plan", "Welcoming")):
        assert expected, "a bare mention to find"


@pytest.mark.parametrize("text", TEXTS)
def test_unregistered_kinds_are_those_of_the_pattern(text):
    expected = {m.group(1) for m in corpus._KIND_WORD.finditer(text)}
    assert corpus._unregistered_kinds(text, [], []) == expected
