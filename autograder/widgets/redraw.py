"""One redraw per change, however many controls that change adjusts in turn."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Redraw:
    """Calls ``draw`` after a change; changes made inside `batch` wait for the batch to end.

    Without it, an explorer that clamps one control when another moves would redraw once for
    every control it touched, and the student would watch the figure flicker through them.
    """

    def __init__(self, draw: Callable[[], None]) -> None:
        self._draw = draw
        self._depth = 0

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Adjust controls inside this block; the figure is drawn once, at the end."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self._depth == 0:
            self._draw()

    @property
    def busy(self) -> bool:
        """True while a batch is adjusting controls."""
        return self._depth > 0

    def request(self, change: Any = None) -> None:
        """Observer for controls that need no adjusting: draw now, unless a batch is running."""
        if self._depth == 0:
            self._draw()
