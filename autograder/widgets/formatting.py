"""Numbers as the explorers print them: short, and exact when they are whole."""

from __future__ import annotations


def format_number(value: float) -> str:
    """Whole numbers without decimals, others with two."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
