"""What one ``autograder grade`` run is asked to do, with the defaults the command line shows.

Apart from `run` (which loads nbgrader) so that `autograder.grading.cli` reads its defaults here
without delaying the workers' start; the per-notebook bounds come from `Limits`.
"""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from autograder.grading.sandbox.spec import BWRAP
from autograder.grading.worker.bundle import Limits


def local_workers() -> int:
    """One worker per CPU of this machine."""
    return os.cpu_count() or 1


@dataclass
class Options:
    """The command's options (see `autograder.grading.cli`)."""

    assignment: str
    course: Path = field(default_factory=Path.cwd)
    workers: int = field(default_factory=local_workers)
    timeout: float = Limits.timeout
    memory_mb: int = Limits.memory_mb
    scheduler: str | None = None
    force: bool = False
    student: str = "*"
    sandbox: str = BWRAP
    report: Path | None = None


def default(name: str) -> Any:
    """The default of the option ``name``, computed now when it depends on the machine or the folder."""
    option = next(option for option in fields(Options) if option.name == name)
    return option.default_factory() if option.default is MISSING else option.default
