"""A count and its noun, as every screen and report prints one: "1 scenario", "1,000 scenarios"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` with thousands separated, and `noun` (or `plural`, by default noun + "s") to suit it."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
