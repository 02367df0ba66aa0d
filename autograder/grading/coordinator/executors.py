"""Where bundles run: a local process pool by default, or an existing Dask cluster.

Both are `concurrent.futures` executors running the same `grade_bundle`; the coordinator does not
know which it has. Local workers are spawned (not forked from the coordinator, which holds the
gradebook open), die with the coordinator, and start their sandbox before the first bundle.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from autograder.grading.worker.bundle import Bundle
from autograder.grading.worker.unit import warm_up

PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def executor(workers: int, scheduler: str | None, sample: Bundle | None) -> Iterator[Executor]:
    """An executor with ``workers`` local processes, or one submitting to the Dask ``scheduler``."""
    if scheduler:
        with _dask_executor(scheduler, sample) as dask:
            yield dask
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(sample,),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Workers:
    """The workers of one command run: started with its first bundle, shared by every assignment the
    run grades, so a course graded in one command pays for starting them (and their sandboxes,
    TensorFlow included) once."""

    def __init__(self, workers: int, scheduler: str | None) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self._stack = contextlib.ExitStack()
        self._running: Executor | None = None

    def get(self, sample: Bundle) -> Executor:
        """The running executor, started (and warmed with ``sample``) on first use."""
        if self._running is None:
            self._running = self._stack.enter_context(executor(self.workers, self.scheduler, sample))
        return self._running

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def stop_now(running: Executor) -> None:
    """Stop local workers at once (after Ctrl-C); their sandboxes die with them."""
    if isinstance(running, ProcessPoolExecutor):
        for process in list(getattr(running, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        running.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _dask_executor(scheduler: str, sample: Bundle | None) -> Iterator[Executor]:
    from distributed import Client

    with Client(scheduler) as client:
        if sample is not None:
            client.run(warm_up, sample)
        yield client.get_executor(pure=False)


def _start_worker(sample: Bundle | None) -> None:
    """Pool initializer: die with the coordinator, ignore Ctrl-C (the coordinator handles it)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sample is not None:
        with contextlib.suppress(Exception):  # a sandbox that cannot start is reported per bundle
            warm_up(sample)
