"""The class report: an offline HTML page beside the gradebook (see `page`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.grading.report.data import collect
from autograder.grading.report.page import render

if TYPE_CHECKING:
    from autograder.grading.grade.course import Course
    from autograder.grading.grade.summary import Summary


def write_report(course: Course, summary: Summary, path: Path) -> Path:
    """Write the report for the whole class (every record, not just this run's) to ``path``."""
    html = render(collect(course, summary.records))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".report-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(html)
    os.replace(temporary, path)
    return path


__all__ = ["write_report"]
