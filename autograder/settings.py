"""The course's own settings, beside nbgrader's in ``nbgrader_config.py`` (one home for both).

``c.Autograder.graded_assignments`` lists the assignments a class takes as *graded*: a student
runtime built for the class (`autograder.student_runtime`) holds none of their answers, so their
checks are the judge's alone. Every other assignment is *practice*: solutions and hints local,
checks in the notebook, as for a self-learner.
"""

from __future__ import annotations

from pathlib import Path

from traitlets import List, Unicode
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
