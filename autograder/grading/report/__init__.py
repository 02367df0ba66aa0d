"""The class report: an offline HTML page beside the gradebook (see `page`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from autograder.grading.files import write_atomically
from autograder.grading.report.data import collect
from autograder.grading.report.page import render

if TYPE_CHECKING:
    from autograder.grading.coordinator.course import Course
    from autograder.grading.coordinator.summary import Summary


def write_report(course: Course, summary: Summary, path: Path) -> Path:
    """Write the report for the whole class (every record, not just this run's) to ``path``."""
    write_atomically(path, render(collect(course, summary.records)))
    return path


__all__ = ["write_report"]
