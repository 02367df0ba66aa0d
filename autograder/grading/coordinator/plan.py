"""Which submissions a run grades: nbgrader's own rule for skipping finished work.

A submission is finished when its ``autograded/`` folder exists and the submission is not newer
than it (``timestamp.txt``); ``--force`` regrades everything. Because a submission's folder only
appears in ``autograded/`` once its grades are in the gradebook, a run that was killed picks up
exactly where it stopped.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.converters import NbGraderException

from autograder.grading.coordinator.course import Course


@dataclass(frozen=True)
class Submission:
    student: str
    folder: Path
    notebooks: tuple[Path, ...] = field(default=())


def submissions(course: Course) -> list[Submission]:
    """Every submission of the assignment (for the selected students), with its notebooks."""
    converter = course.converter
    try:
        converter.init_notebooks()
    except NbGraderException:
        converter.assignments = {}
    coursedir = converter.coursedir
    pattern = coursedir.format_path(coursedir.submitted_directory, coursedir.student_id, course.assignment)
    regexp = coursedir.format_path(
        coursedir.submitted_directory, "(?P<student_id>.*)", "(?P<assignment_id>.*)", escape=True
    )
    found = []
    for folder in sorted(glob.glob(pattern)):
        match = re.match(regexp, folder)
        if match is None or not os.path.isdir(folder):
            continue
        notebooks = tuple(sorted(Path(p) for p in converter.assignments.get(folder, [])))
        found.append(Submission(match.group("student_id"), Path(folder), notebooks))
    excluded = set(filter(None, course.coursedir.student_id_exclude.split(",")))
    return [submission for submission in found if submission.student not in excluded]


def is_finished(course: Course, submission: Submission) -> bool:
    """nbgrader's test: graded, and not resubmitted since."""
    graded = course.autograded(submission.student)
    if not graded.exists():
        return False
    new = course.coursedir.get_existing_timestamp(str(submission.folder))
    old = course.coursedir.get_existing_timestamp(str(graded))
    return not (new is not None and old is not None and new > old)


def to_grade(course: Course, force: bool) -> tuple[list[Submission], list[Submission]]:
    """(submissions to grade, submissions already finished)."""
    todo, done = [], []
    for submission in submissions(course):
        (done if not force and is_finished(course, submission) else todo).append(submission)
    return todo, done
