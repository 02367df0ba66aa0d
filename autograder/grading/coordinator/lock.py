"""One grading run per course at a time (one gradebook writer): a lock the OS releases for us.

``flock`` locks vanish with the process that holds them, so a run killed with ``kill -9`` never
leaves a stale lock behind for the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


class AlreadyRunning(RuntimeError):
    """Another run is grading in this course."""


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold the lock at ``path`` for the duration of the block, or raise `AlreadyRunning`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(f"another `autograder grade` is running in this course ({path})") from None
        yield
    finally:
        os.close(handle)
