"""The course's own settings, beside nbgrader's in ``nbgrader_config.py`` (one home for both).

``c.Autograder.graded_assignments`` lists the assignments a class takes as *graded*: a student
runtime built for the class (`autograder.student_runtime`) holds none of their answers, so their
checks are the judge's alone. Every other assignment is *practice*: solutions and hints local,
checks in the notebook, as for a self-learner.
"""

from __future__ import annotations

from pathlib import Path

from traitlets import Float, Int, List, Unicode
from traitlets.config import Configurable
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


class Autograder(Configurable):
    """Settings read from ``c.Autograder.*``."""

    graded_assignments = List(
        Unicode(),
        default_value=[],
        help="Assignments taken as graded (English names; their translations follow): no answer reaches students.",
    ).tag(config=True)
    checks_per_minute = Int(
        20,
        min=1,
        help="How many checks a student may ask the judge service for in a minute (graded assignments).",
    ).tag(config=True)
    hint_deduction = Float(
        0.0,
        min=0.0,
        help="Points a grade cell loses for each hint its student was shown by the judge service (0: none).",
    ).tag(config=True)
    judge_database = Unicode(
        "",
        help="SQLAlchemy URL of the judge service's record (checks, hint uses, released solutions).",
    ).tag(config=True)


def course_settings(root: Path) -> Autograder:
    """The settings of the course at ``root`` (defaults when it has no ``nbgrader_config.py``)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Autograder()
    return Autograder(config=PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config())


def graded_assignments(root: Path) -> list[str]:
    """The English assignments the course at ``root`` takes as graded, refused if unknown."""
    from autograder.exercises import ASSIGNMENTS
    from autograder.i18n import base_assignment

    chosen = [base_assignment(name) for name in course_settings(root).graded_assignments]
    unknown = sorted(set(chosen) - set(ASSIGNMENTS))
    if unknown:
        raise ValueError(f"c.Autograder.graded_assignments names unknown assignments: {', '.join(unknown)}")
    return list(dict.fromkeys(chosen))
