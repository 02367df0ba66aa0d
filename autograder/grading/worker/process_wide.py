"""One instance per process of what a worker keeps between bundles (its sandboxes, its judges)."""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import Protocol, TypeVar


class Closable(Protocol):
    def close(self) -> None: ...


T = TypeVar("T", bound=Closable)


def process_wide(make: Callable[[], T]) -> Callable[[], T]:
    """A getter of this process's one ``make()``, made on first use and closed at exit."""
    lock = threading.Lock()
    made: list[T] = []

    def get() -> T:
        with lock:
            if not made:
                made.append(make())
                atexit.register(made[0].close)
            return made[0]

    return get
