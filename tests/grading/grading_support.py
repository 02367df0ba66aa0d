"""Running the grading command on temporary course copies, and checking what it leaves behind."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import classroom
import psutil
from harness.course import VENV_BIN, answer_module, copy_course, nbgrader, tool_env

from autograder.grading.sandbox.client import ZYGOTE_MODULE

TIMEOUT = "30"
MEMORY = "1200"


@dataclass
class Run:
    """A finished ``autograder grade`` run."""

    course: Path
    returncode: int
    stdout: str
    stderr: str
    processes: dict[psutil.Process, str] = field(default_factory=dict, repr=False)
    """Every process seen below the command while it ran (sandboxes, kernels, workers): its command line."""


@contextmanager
def descendants(pid: int, every: float = 0.1) -> Iterator[dict[psutil.Process, str]]:
    """Collect the processes below ``pid`` and their command lines until the block ends, sampled
    every ``every`` seconds.

    Scoping to the process tree keeps another test's grading run (a parallel test worker) out of the
    count. Inside a sandbox a process cannot leave the tree while the sandbox lives: an orphan is
    adopted by its PID namespace's first process, itself below the worker.
    """
    seen: dict[psutil.Process, str] = {}
    stop = threading.Event()

    def sample() -> None:
        while True:
            try:
                for process in psutil.Process(pid).children(recursive=True):
                    if process not in seen:
                        seen[process] = " ".join(process.cmdline())
            except psutil.Error:
                pass
            if stop.wait(every):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield seen
    finally:
        stop.set()
        sampler.join()


def autograder(course: Path, *args: str, timeout: float = 900, env: dict[str, str] | None = None) -> Run:
    """Run the real ``autograder`` console command in ``course`` (``env`` added to the tools' environment)."""
    process = subprocess.Popen(
        [str(VENV_BIN / "autograder"), *args],
        cwd=course,
        env={**tool_env(), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with descendants(process.pid) as seen:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
    return Run(course, process.returncode, stdout, stderr, dict(seen))


def new_course(root: Path, students: list[classroom.Student], submitted: Path | None = None) -> Path:
    """A course copy with the assignment generated and ``students`` submitted.

    With ``submitted``, the students' folders are copied from there (byte-identical inputs).
    """
    course = copy_course(root)
    nbgrader(course, "generate_assignment", classroom.ASSIGNMENT, "--force")
    if submitted is None:
        classroom.submit(course, students, answer_module(classroom.ASSIGNMENT))
    else:
        for student in students:
            shutil.copytree(submitted / student.name, course / "submitted" / student.name)
    return course


def survivors(processes: dict[psutil.Process, str], grace: float = 15) -> list[str]:
    """Those of a run's processes still running after ``grace`` seconds, as pid and command line
    (psutil tells a reused pid from the original). The grace lets helpers such as multiprocessing's
    resource tracker, which exits on its parent's end of a pipe closing, finish exiting."""
    deadline = time.monotonic() + grace
    while True:
        left = sorted(f"{p.pid} {command[:300]}" for p, command in processes.items() if p.is_running())
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def kernel_templates(processes: dict[psutil.Process, str]) -> int:
    """How many sandboxes' kernel templates a run started (so that a survivor check is not vacuous)."""
    return sum(ZYGOTE_MODULE in command for command in processes.values())
