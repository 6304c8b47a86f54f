"""The cheap test for raw (unescaped) controls in a file's text says what the regular expression said.

`control_chars.may_contain` runs on every file read: it hops between the UTF-8 bytes that can
start a raw control instead of testing every character with a character class (a tenth of a
file's parse). Held here to the character class it replaces, on texts built around the edges of
each range (DEL, C1, the bidi embeddings and isolates) and on curly quotes, dashes and Arabic.
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from tui.corpus.control_chars import may_contain

RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # the raw controls a text must be refused for
EDGES = "\x7e\x7f\x80\x9f\xa0\xa9\xc2\xe2\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a\u2018\u201c\u2014\u2026é\u0635\u0648\u0651\U0001f600\ud800"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\"=" + EDGES), max_size=40))
def test_a_text_without_escapes_may_hold_a_control_exactly_when_the_class_finds_one(text: str) -> None:
    assert may_contain(text) == (not text.isascii() and RAW.search(text) is not None)


def test_each_raw_control_is_found_among_other_text() -> None:
    for code in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        assert may_contain(f'quote = "a “b” — {chr(code)} c"'), hex(code)
    for code in (0xA0, 0x2029, 0x202F, 0x2065, 0x206A, 0x201C, 0x2014):
        assert not may_contain(f'quote = "a {chr(code)} c"'), hex(code)
