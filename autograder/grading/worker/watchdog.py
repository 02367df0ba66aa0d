"""Wall-clock, memory and disk limits for one notebook, enforced from outside the sandbox.

A thread samples the resident memory of every process in the sandbox (the kernel and anything it
started) ten times a second, and the size of the submission folder once a second; past the
deadline or a limit it kills them all and says why. Nothing the notebook does can stop it: it runs
in the worker, not in the kernel.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time

import psutil

from autograder.grading.sandbox.client import Sandbox
from autograder.grading.worker.bundle import Limits

INTERVAL = 0.1
DISK_EVERY = 10  # samples between two measurements of the folder
MAX_FILES = 10_000
MB = 1024 * 1024


class Watchdog:
    """Use as a context manager around a notebook's execution."""

    def __init__(self, sandbox: Sandbox, limits: Limits) -> None:
        self.sandbox = sandbox
        self.limits = limits
        self.reason = ""
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="grading-watchdog", daemon=True)
        self._started = 0.0

    def __enter__(self) -> Watchdog:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def resident_mb(self) -> float:
        total = 0
        for process in self.sandbox.processes():
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total / MB

    def written_mb(self) -> float:
        """Size of the files in the jail; stops counting (and reports infinity) past MAX_FILES."""
        total, count = 0, 0
        for folder, _, names in os.walk(self.sandbox.jail):
            for name in names:
                count += 1
                if count > MAX_FILES:
                    return float("inf")
                with contextlib.suppress(OSError):
                    total += os.lstat(os.path.join(folder, name)).st_size
        return total / MB

    def _watch(self) -> None:
        ticks = 0
        while not self._stop.wait(INTERVAL):
            ticks += 1
            memory = self.resident_mb()
            self.peak_mb = max(self.peak_mb, memory)
            if memory > self.limits.memory_mb:
                self._trip(f"used more than {self.limits.memory_mb} MB of memory ({memory:.0f} MB)")
            elif self.elapsed > self.limits.timeout:
                self._trip(f"ran longer than the {self.limits.timeout:g} s time limit")
            elif ticks % DISK_EVERY == 0 and self.written_mb() > self.limits.disk_mb:
                self._trip(f"wrote more than {self.limits.disk_mb} MB (or {MAX_FILES} files) to disk")
            if self.reason:
                return

    def _trip(self, reason: str) -> None:
        self.reason = reason
        self.sandbox.kill_all()
