"""The closest passage to a quote not found: the same block difflib finds, found faster."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.quotes import longest_match

_TEXT = st.text(alphabet="ab .’X\n", max_size=80)


@settings(max_examples=400, deadline=None)
@given(haystack=_TEXT, needle=_TEXT)
def test_longest_match_is_difflibs_block(haystack: str, needle: str) -> None:
    block = difflib.SequenceMatcher(None, haystack, needle, autojunk=False).find_longest_match(0, len(haystack), 0, len(needle))
    assert longest_match(haystack, needle) == (block.a, block.b, block.size)


def test_longest_match_prefers_the_earliest_place_in_the_document_then_in_the_quote() -> None:
    assert longest_match("xab yab", "abab") == (1, 0, 2)
    assert longest_match("abc", "zzz") == (0, 0, 0)
