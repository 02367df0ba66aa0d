"""The worker's judge processes: each verdict computed in a process of its own, bounded.

The rule drives the student's kernel: each of its needs comes out of the judge process as a line,
the worker asks the kernel (`Fetch`) and sends the reply text back; the kernel's time answering is
the notebook's, not the judge's. A rule run on hostile answers may be slow (a set of values that collide in the hash) or
greedy; in the worker it would freeze every notebook the worker runs. So the rule runs in a
judge process (`autograder.grading.judge.server`) that has loaded the course's questions once.
While it judges, the worker watches the clock and the process's resident memory; past
`JUDGE_SECONDS` or `JUDGE_MEMORY_MB` it kills the process, the check is "not judged" (that cell
only), and a fresh process starts loading at once for the next verdict.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import psutil

from autograder.core.evidence import EvidenceError
from autograder.grading.judge.calls import GradeCall
from autograder.grading.judge.verdict import Verdict
from autograder.grading.worker.process_wide import process_wide
from autograder.i18n import _, assignment_language, language

JUDGE_SECONDS = 60.0
"""Wall-clock limit of one check's verdict (honest checks take well under a second or two)."""
JUDGE_MEMORY_MB = 2048
"""Resident-memory limit of a judge process (it holds TensorFlow and the questions: about 0.6 GB)."""
READY_SECONDS = 300.0
"""How long a judge process may take to load the questions (TensorFlow's import, on a busy machine)."""
SAMPLE_SECONDS = 0.05
MB = 1024 * 1024


TIME, MEMORY, DIED = "time", "memory", "died"

Fetch = Callable[[str], str]
"""Asks the kernel one need (JSON text) and returns its reply's text (`EvidenceError` when none)."""


class JudgeFailed(RuntimeError):
    """The judge process ran out of time (`TIME`) or memory (`MEMORY`), or died (`DIED`): the
    check is not judged."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind

    def verdict(self, label: str) -> Verdict:
        """What the student reads (in the current language)."""
        if self.kind == TIME:
            message = _("{label}: not judged: checking your answer took longer than {seconds} s.")
        elif self.kind == MEMORY:
            message = _("{label}: not judged: checking your answer needed more than {megabytes} MB of memory.")
        else:
            message = _("{label}: not judged: the checker's process stopped; please tell your instructor.")
        return Verdict(False, message.format(label=label, seconds=f"{JUDGE_SECONDS:g}", megabytes=JUDGE_MEMORY_MB))


def verdict_from(answer: dict[str, Any]) -> Verdict:
    """The judge process's last line, as a `Verdict` (fields typed, whatever the line held)."""
    return Verdict(
        bool(answer.get("passed")),
        str(answer.get("message", "")),
        str(answer.get("status", "error")),
        str(answer.get("reason", "")),
    )


class JudgeProcess:
    """One judge process; `decide` sends it a check and waits for the verdict, within the limits."""

    def __init__(self, assignments: tuple[str, ...]) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "autograder.grading.judge.server", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONHASHSEED": "random"},  # text that collides in the hash cannot be planned
        )
        self._psutil = psutil.Process(self._process.pid)
        self._loading = True
        self._send({"op": "load", "assignments": list(assignments)})

    def decide(self, assignment: str, call: GradeCall, fetch: Fetch) -> Verdict:
        """The verdict on one check, relaying the rule's needs to ``fetch`` (`JudgeFailed` past a
        limit; the process is then gone). Only the judge's own time counts against `JUDGE_SECONDS`."""
        if self._loading:
            self._receive(READY_SECONDS)
            self._loading = False
        header = {"op": "judge", "assignment": assignment, "label": call.label}
        self._send({**header, "extra_cases": call.extra_cases, "seed": call.seed})
        left = JUDGE_SECONDS
        while True:
            started = time.monotonic()
            answer = self._receive(left)
            left -= time.monotonic() - started
            if "need" not in answer:
                return verdict_from(answer)
            try:
                body = fetch(str(answer["need"])).encode("utf-8", "surrogatepass")
            except EvidenceError as error:
                self._send({"op": "supply", "error": str(error)})
            else:
                self._send({"op": "supply", "size": len(body)}, body)

    def resident_mb(self) -> float:
        with contextlib.suppress(psutil.Error):
            return self._psutil.memory_info().rss / MB
        return 0.0

    @property
    def pid(self) -> int:
        return self._process.pid

    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self._process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=10)
        for stream in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError):
                stream.close()

    def _send(self, header: dict[str, Any], body: bytes = b"") -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(header).encode() + b"\n" + body)
            self._process.stdin.flush()
        except OSError:
            self.close()
            raise JudgeFailed(DIED) from None

    def _receive(self, seconds: float) -> dict[str, Any]:
        """The next answer line, watching time and memory until it comes."""
        assert self._process.stdout is not None
        deadline = time.monotonic() + seconds
        while not select.select([self._process.stdout], [], [], SAMPLE_SECONDS)[0]:
            problem = self._over_limits(deadline)
            if problem:
                self.close()
                raise JudgeFailed(problem)
        line = self._process.stdout.readline()
        if not line:
            self.close()
            raise JudgeFailed(DIED)
        return json.loads(line)

    def _over_limits(self, deadline: float) -> str:
        """`TIME`, `MEMORY` or `DIED` when the process is past a limit or gone, else ""."""
        if self._process.poll() is not None:
            return DIED
        if time.monotonic() > deadline:
            return TIME
        with contextlib.suppress(psutil.Error):
            if self._psutil.memory_info().rss > JUDGE_MEMORY_MB * MB:
                return MEMORY
        return ""


class JudgePool:
    """This worker's judge processes: one per concurrent notebook (a Dask worker runs several)."""

    def __init__(self) -> None:
        self.assignments: tuple[str, ...] = ()
        self._idle: list[JudgeProcess] = []
        self._lock = threading.Lock()

    def warm(self, assignments: tuple[str, ...]) -> None:
        """Start a judge process loading ``assignments`` ahead of the first verdict."""
        with self._lock:
            self.assignments = tuple(dict.fromkeys((*self.assignments, *assignments)))
            if not self._idle:
                self._idle.append(JudgeProcess(self.assignments))

    @contextlib.contextmanager
    def process(self) -> Iterator[JudgeProcess]:
        """An idle judge process (started if none is); replaced by a fresh one if it failed."""
        with self._lock:
            taken = self._idle.pop() if self._idle else None
        taken = taken or JudgeProcess(self.assignments)
        try:
            yield taken
        finally:
            if not taken.alive():
                taken.close()
                taken = JudgeProcess(self.assignments)  # starts loading now, for the next verdict
            with self._lock:
                self._idle.append(taken)

    def resident_mb(self) -> float:
        """The idle judge processes' resident memory (what the worker holds besides itself)."""
        with self._lock:
            idle = list(self._idle)
        return sum(process.resident_mb() for process in idle)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for process in idle:
            process.close()


judge_pool = process_wide(JudgePool)
"""This worker's judge processes."""


def decide_bounded(assignment: str, call: GradeCall, fetch: Fetch) -> Verdict:
    """One check's verdict from a judge process; "not judged" for this check when it fails."""
    with judge_pool().process() as judge:
        try:
            return judge.decide(assignment, call, fetch)
        except JudgeFailed as failure:
            with language(assignment_language(assignment)):
                return failure.verdict(call.label)


async def judge(assignment: str, call: GradeCall, fetch: Callable[[str], Awaitable[str]]) -> Verdict:
    """`decide_bounded` off the event loop, which keeps serving the kernel and answers the needs."""
    loop = asyncio.get_running_loop()

    def fetch_here(need: str) -> str:
        return asyncio.run_coroutine_threadsafe(fetch(need), loop).result()

    return await asyncio.to_thread(decide_bounded, assignment, call, fetch_here)
