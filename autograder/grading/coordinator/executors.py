"""Where bundles run: a local process pool by default, or an existing Dask cluster.

Both are `concurrent.futures` executors running the same `grade_bundle`; the coordinator does not
know which it has. Local workers are spawned (not forked from the coordinator, which holds the
gradebook open) as soon as the command starts, die with the coordinator, and warm up (the judge's
questions, the sandbox's kernel template) while the coordinator is still loading nbgrader.

This module stays light: it is imported before nbgrader, so that the workers start first.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

from autograder.grading.sandbox.spec import course_sandbox
from autograder.grading.worker.bundle import WarmUp

PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def executor(workers: int, scheduler: str | None, warm: WarmUp | None) -> Iterator[Executor]:
    """An executor with ``workers`` local processes, or one submitting to the Dask ``scheduler``;
    its workers start warming up for ``warm`` at once."""
    if scheduler:
        with _dask_executor(scheduler, warm) as dask:
            yield dask
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(warm,),
    )
    for _ in range(workers):  # a pool spawns its processes on demand: ask for all of them now
        pool.submit(_started)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Workers:
    """The workers of one command run: started at once, shared by every assignment the run grades,
    so a course graded in one command pays for starting them (and their sandboxes, TensorFlow
    included) once. A run that turns out to have nothing to grade stops them without waiting."""

    def __init__(self, workers: int, scheduler: str | None, warm: WarmUp | None = None) -> None:
        self.workers = workers
        self._stack = contextlib.ExitStack()
        self._running = self._stack.enter_context(executor(workers, scheduler, warm))
        self._used = False
        self.stuck = False
        """Set when a bundle overran every bound: its worker may never return, so stop them all."""

    def get(self) -> Executor:
        """The running executor."""
        self._used = True
        return self._running

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.stuck or not self._used:
            stop_now(self._running)
        self._stack.close()


def start_workers(
    workers: int, scheduler: str | None, course: Path, sandbox: str, assignments: Iterable[str]
) -> Workers:
    """Start the workers for grading ``assignments`` of the course at ``course`` in ``sandbox`` mode."""
    return Workers(workers, scheduler, WarmUp(course_sandbox(course, sandbox), tuple(assignments)))


def stop_now(running: Executor) -> None:
    """Stop local workers at once (after Ctrl-C); their sandboxes die with them."""
    if isinstance(running, ProcessPoolExecutor):
        for process in multiprocessing.active_children():  # the pool's workers are this process's children
            with contextlib.suppress(Exception):
                process.kill()
        running.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _dask_executor(scheduler: str, warm: WarmUp | None) -> Iterator[Executor]:
    from distributed import Client

    from autograder.grading.worker.unit import warm_up

    with Client(scheduler) as client:
        if warm is not None:
            client.run(warm_up, warm)
        yield client.get_executor(pure=False)


def _started() -> None:
    """A task that only makes the pool start a process (its initializer does the work)."""


def _start_worker(warm: WarmUp | None) -> None:
    """Pool initializer: die with the coordinator, ignore Ctrl-C (the coordinator handles it), warm up."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm is not None:
        from autograder.grading.worker.unit import warm_up

        with contextlib.suppress(Exception):  # a sandbox that cannot start is reported per bundle
            warm_up(warm)
