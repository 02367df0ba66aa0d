"""Reading a course's grading results the way an instructor would: gradebook, export, notebooks."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
from harness.course import nbgrader
from nbgrader.api import Gradebook

from autograder.core.render import FEEDBACK_MIME
from autograder.grading.cells import is_grade_cell

ADDRESS = re.compile(r"0x[0-9a-f]+")


def gradebook(course: Path) -> Gradebook:
    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def grade_rows(course: Path) -> dict[str, list[tuple]]:
    """Per student: every grade and comment of every submitted notebook, with the timestamp."""
    rows: dict[str, list[tuple]] = {}
    with gradebook(course) as book:
        for assignment in book.assignments:
            for submission in assignment.submissions:
                entries: list[tuple] = [("timestamp", str(submission.timestamp))]
                for notebook in submission.notebooks:
                    entries.append((notebook.name, "late", notebook.late_submission_penalty))
                    for grade in notebook.grades:
                        entries.append(
                            (notebook.name, grade.name, grade.auto_score, grade.manual_score, grade.needs_manual_grade)
                        )
                    for comment in notebook.comments:
                        entries.append((notebook.name, comment.name, comment.auto_comment, comment.manual_comment))
                rows[submission.student.id] = sorted(entries, key=str)
    return rows


def cell_scores(course: Path, assignment: str) -> dict[str, dict[str, float]]:
    """Per student, per grade cell: the score."""
    scores: dict[str, dict[str, float]] = {}
    with gradebook(course) as book:
        for submission in book.find_assignment(assignment).submissions:
            scores[submission.student.id] = {
                grade.name: float(grade.score) for notebook in submission.notebooks for grade in notebook.grades
            }
    return scores


def max_scores(course: Path, assignment: str) -> dict[str, float]:
    with gradebook(course) as book:
        return {
            cell.name: float(cell.max_score)
            for notebook in book.find_assignment(assignment).notebooks
            for cell in notebook.grade_cells
        }


def exported(course: Path, assignment: str | None = None) -> dict[str, dict[str, str]]:
    """``nbgrader export`` rows by student (of one assignment, or of a one-assignment course)."""
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    with open(course / "grades.csv", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if assignment in (None, row["assignment"])]
    return {row["student_id"]: row for row in rows}


RESTORED = "# This cell (id:"


def normalized(path: Path) -> nbformat.NotebookNode:
    """An autograded notebook without what differs between any two runs.

    Dropped: execution timings, object addresses in reprs, the random ids nbgrader gives the cells
    it restores, where a printout was split into stream messages (the kernel flushes on a timer),
    and the tracebacks of grade cells (the kernel's, or the judge's one-line message: the error's
    name and message, which feedback shows, are kept). Also dropped: what ``check()`` showed, which
    differs by design (a grading kernel holds no answer: its checks say that only grade cells are
    judged, where stock nbgrader's kernel judged itself).
    """
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.source.startswith(RESTORED):
            cell.pop("id", None)
        if is_grade_cell(cell):
            for output in cell.outputs:
                output.pop("traceback", None)
        if "outputs" in cell:
            cell.outputs = [o for o in _joined_streams(cell.outputs) if FEEDBACK_MIME not in o.get("data", {})]
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = ADDRESS.sub("0x", output["text"])
            if "text/plain" in output.get("data", {}):
                output["data"]["text/plain"] = ADDRESS.sub("0x", output["data"]["text/plain"])
    return notebook


def _joined_streams(outputs: list) -> list:
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if previous and output.output_type == previous.output_type == "stream" and output.name == previous.name:
            previous.text += output.text
        else:
            joined.append(output)
    return joined
