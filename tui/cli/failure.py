"""How a command says it cannot do what was asked: one line on standard error, exit 1."""

from __future__ import annotations

import sys


class CommandError(Exception):
    """Why a command stops before doing anything; the message says how to go on."""


def fail(message: str) -> int:
    print(f"drawdown: error: {message}", file=sys.stderr)
    return 1
