"""Drawdown: explore how the US troop presence in Iraq was debated, 2011-2024."""

__version__ = "0.1.0"
