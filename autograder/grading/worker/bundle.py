"""The unit of work and its answer: plain, picklable data with no paths into the course.

A `Bundle` carries everything needed to execute one student's submission (the sanitized
notebooks, the other files, the course data, the nbgrader settings for execution) so that it can
be graded by a process on this machine or by a Dask worker elsewhere; a `Result` carries back the
executed notebooks and what was observed while they ran. Only the coordinator touches the disk
of the course.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from autograder.grading.sandbox.spec import SandboxSpec
from autograder.grading.tamper.finding import Finding

OK = "ok"
FAILED = "failed"


@dataclass(frozen=True)
class Limits:
    """Per-notebook bounds: wall-clock seconds, resident memory of the kernel's processes, the
    size of the files it writes into the submission folder, and how much the worker's own resident
    memory may grow while it runs (what the kernel's messages make the worker hold)."""

    timeout: float = 300.0
    memory_mb: int = 2048
    disk_mb: int = 1024
    messages_mb: int = 1024


@dataclass(frozen=True)
class NotebookInput:
    """A sanitized notebook and the nbgrader resources it is converted with."""

    name: str
    text: str
    resources: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Bundle:
    """One student's submission of one assignment, ready to execute anywhere."""

    assignment: str
    student: str
    notebooks: tuple[NotebookInput, ...]
    files: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)
    sandbox: SandboxSpec = field(default_factory=SandboxSpec)
    limits: Limits = field(default_factory=Limits)
    config: dict[str, Any] = field(default_factory=dict, repr=False)
    preprocessors: tuple[str, ...] = ()
    db_url: str = ""


@dataclass(frozen=True)
class WarmUp:
    """What a worker prepares before its first bundle: the sandbox every bundle of the course runs
    in, and the judge's copy of each assignment's questions."""

    sandbox: SandboxSpec
    assignments: tuple[str, ...] = ()


@dataclass
class NotebookOutput:
    """One notebook after execution (before the gradebook sees it)."""

    name: str
    text: str
    status: str = OK
    reason: str = ""
    seconds: float = 0.0
    cells_seconds: float = 0.0
    peak_memory_mb: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    verdicts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """grade_id -> the judge's verdict (``passed``, ``message``); the only source of scores."""


@dataclass
class Result:
    """What a worker sends back for a bundle."""

    assignment: str
    student: str
    notebooks: list[NotebookOutput] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    worker: str = ""
    worker_memory_mb: float = 0.0
