"""Wall-clock, memory and disk limits for one notebook, enforced from outside the sandbox.

The worker's own resident memory is sampled too: past `Limits.messages_mb` of growth since the
notebook started (say, a multipart message of many frames, each under the frame limit, which
ZeroMQ holds until its last frame: `autograder.grading.worker.message_limits`), the sandbox is
killed, and ZeroMQ drops the part of the message it held.
A kernel cut off by the worker's sockets gives its reason here as well.

A thread samples the resident memory of every process in the sandbox (the kernel and anything it
started) ten times a second, and the disk its files take once a second; past the deadline or a
limit it kills them all and says why. Nothing the notebook does can stop it: it runs in the
worker, not in the kernel.

Disk is what the files in the jail take, counted in allocated blocks or in size, whichever is
larger (``fallocate`` with ``FALLOC_FL_KEEP_SIZE`` allocates blocks past a file's size; a sparse
file's size exceeds its blocks), plus files the sandbox still holds open after deleting them. The
sandbox's /tmp and /dev/shm are size-capped RAM file systems (`autograder.grading.sandbox.bwrap`),
not host disk. The number of processes is bounded inside the sandbox (``RLIMIT_NPROC``); here a
tree of more than that many processes (possible with ``--sandbox none``) is stopped too.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import time

import psutil

from autograder.grading.sandbox.client import Sandbox
from autograder.grading.sandbox.spec import task_limit
from autograder.grading.worker.bundle import Limits
from autograder.grading.worker.message_limits import cut_off_reason, forget_cut_off

INTERVAL = 0.1
DISK_EVERY = 10  # samples between two measurements of the folder
MAX_FILES = 10_000  # files and folders in the jail
MB = 1024 * 1024
BLOCK = 512  # the unit of st_blocks


class Watchdog:
    """Use as a context manager around a notebook's execution."""

    def __init__(self, sandbox: Sandbox, limits: Limits) -> None:
        self.sandbox = sandbox
        self.limits = limits
        self._reason = ""
        self.peak_mb = 0.0
        self.worker_growth_mb = 0.0
        self._worker = psutil.Process()
        self._worker_start_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="grading-watchdog", daemon=True)
        self._started = 0.0

    def __enter__(self) -> Watchdog:
        forget_cut_off(self.sandbox)
        self._started = time.monotonic()
        self._worker_start_mb = self._worker.memory_info().rss / MB
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def reason(self) -> str:
        """Why the notebook was stopped ("" if it was not)."""
        return self._reason or cut_off_reason(self.sandbox)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def resident_mb(self, processes: list[psutil.Process]) -> float:
        total = 0
        for process in processes:
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total / MB

    def written_mb(self) -> float:
        """Disk taken by the jail's files and by deleted files still open in the sandbox (see the
        module docstring); infinity past MAX_FILES entries."""
        seen: dict[tuple[int, int], int] = {}  # (device, inode) -> bytes: hard links count once
        count = 0
        for folder, folders, names in os.walk(self.sandbox.jail):
            for name in folders + names:
                count += 1
                if count > MAX_FILES:
                    return float("inf")
                with contextlib.suppress(OSError):
                    _count(os.lstat(os.path.join(folder, name)), seen)
        for process in self.sandbox.processes():
            for path in _open_files(process.pid):
                with contextlib.suppress(OSError):
                    info = os.stat(path)
                    if info.st_nlink == 0 and stat.S_ISREG(info.st_mode):
                        _count(info, seen)
        return sum(seen.values()) / MB

    def _watch(self) -> None:
        ticks = 0
        while not self._stop.wait(INTERVAL):
            ticks += 1
            processes = self.sandbox.processes()
            memory = self.resident_mb(processes)
            self.peak_mb = max(self.peak_mb, memory)
            grown = self._worker.memory_info().rss / MB - self._worker_start_mb
            self.worker_growth_mb = max(self.worker_growth_mb, grown)
            if memory > self.limits.memory_mb:
                self._trip(f"used more than {self.limits.memory_mb} MB of memory ({memory:.0f} MB)")
            elif grown > self.limits.messages_mb:
                self._trip(f"made the grader hold more than {self.limits.messages_mb} MB of its messages")
            elif len(processes) > task_limit():
                self._trip(f"started more than {task_limit()} processes")
            elif self.elapsed > self.limits.timeout:
                self._trip(f"ran longer than the {self.limits.timeout:g} s time limit")
            elif ticks % DISK_EVERY == 0 and self.written_mb() > self.limits.disk_mb:
                self._trip(f"wrote more than {self.limits.disk_mb} MB (or {MAX_FILES} files) to disk")
            if self.reason:
                return

    def _trip(self, reason: str) -> None:
        self._reason = reason
        self.sandbox.kill_all()


def _count(info: os.stat_result, seen: dict[tuple[int, int], int]) -> None:
    seen[info.st_dev, info.st_ino] = max(info.st_size, info.st_blocks * BLOCK)


def _open_files(pid: int) -> list[str]:
    """Paths of a process's open file descriptors (none if it is gone)."""
    folder = f"/proc/{pid}/fd"
    try:
        return [f"{folder}/{fd}" for fd in os.listdir(folder)]
    except OSError:
        return []
