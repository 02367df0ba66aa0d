"""A process outside every sandbox that kills a worker's sandboxes once the worker is gone.

A worker that exits normally closes its sandboxes; one that is SIGKILLed (by the coordinator, or by
the parent-death signal when the coordinator dies) cannot, and bwrap's own ``--die-with-parent``
does not hold once the sandbox has changed user. The reaper, started by the worker in its own
session, learns each sandbox's root processes as they start; the worker's death closes its input,
and it kills those still running. Run as ``python -m autograder.grading.worker.reaper``.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from collections.abc import Iterable
from typing import TextIO

import psutil

REAPER_MODULE = "autograder.grading.worker.reaper"
REAPER_TIMEOUT = 10.0


class Reaper:
    """A process that SIGKILLs the processes it was told about once this process is gone.

    It reads lines ``PID START_TIME`` on its stdin; end of file (this process exited or was killed,
    which closes the pipe) makes it kill each one still running, in the order given. It leads its
    own session, so Ctrl-C on the terminal does not reach it.
    """

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-s", "-P", "-m", REAPER_MODULE],
            stdin=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def watch(self, processes: Iterable[psutil.Process]) -> None:
        """Kill ``processes`` when this process ends."""
        assert self._process.stdin is not None
        lines = []
        for process in processes:
            with contextlib.suppress(psutil.Error):
                lines.append(f"{process.pid} {process.create_time()!r}\n")
        self._process.stdin.write("".join(lines))
        self._process.stdin.flush()

    def close(self) -> None:
        """Kill what is still running now and wait for it."""
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):
            self._process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=REAPER_TIMEOUT)


def reap(lines: TextIO) -> None:
    """The reaper's work: read processes until end of file, then SIGKILL those still running (a
    process whose start time differs is another one that reused the PID)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watched = [line.split() for line in lines]
    killed = []
    for pid, started in watched:
        with contextlib.suppress(psutil.Error, ValueError):
            process = psutil.Process(int(pid))
            if process.create_time() == float(started):
                process.kill()
                killed.append(process)
    psutil.wait_procs(killed, timeout=REAPER_TIMEOUT)


if __name__ == "__main__":
    reap(sys.stdin)
