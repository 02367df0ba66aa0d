"""The exercises: one package per nbgrader assignment, its questions in its ``questions`` module.

A package (``autograder.exercises.ex1``) is what the notebook imports: data, helpers and the
``q_1``, ``q_2``... views, and no answer. Its ``questions`` module declares the questions once, with
`autograder.core.declare_questions` (the registry ``QUESTIONS``, label -> question): the judge's
side, absent from a student runtime. `ASSIGNMENTS` maps each English assignment in ``source/``, in
teaching order, to its package: the one list of them (``nbgrader_config.py`` reads it); a
translated assignment (``ex1_convolution_relu_zh_CN``) has the same questions.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

from autograder.i18n import base_assignment

if TYPE_CHECKING:  # the checker loads with an exercise; nbgrader's config lists the assignments without it
    from autograder.core import Question

ASSIGNMENTS = {
    "ex1_convolution_relu": "autograder.exercises.ex1",
    "ex2_maximum_pooling": "autograder.exercises.ex2",
    "ex3_sliding_window": "autograder.exercises.ex3",
    "ex4_from_scratch": "autograder.exercises.ex4",
}


def load_questions(assignment: str) -> dict[str, Question]:
    """An assignment's questions by label (importing its module, TensorFlow included, on first use)."""
    english = base_assignment(assignment)
    if english not in ASSIGNMENTS:
        raise LookupError(f"no exercise module for the assignment {assignment!r}")
    return importlib.import_module(questions_module(english)).QUESTIONS


def assignment_of(package: str) -> str:
    """The English assignment of an exercise package (``autograder.exercises.ex1``)."""
    for assignment, name in ASSIGNMENTS.items():
        if name == package:
            return assignment
    raise LookupError(f"{package} is not an exercise package")


def questions_module(assignment: str) -> str:
    """The module declaring an assignment's questions (``autograder.exercises.ex1.questions``)."""
    english = base_assignment(assignment)
    if english not in ASSIGNMENTS:
        raise LookupError(f"no exercise module for the assignment {assignment!r}")
    return f"{ASSIGNMENTS[english]}.questions"


def answers_installed(assignment: str) -> bool:
    """Whether this runtime holds ``assignment``'s questions (not so in a student runtime)."""
    try:
        return importlib.util.find_spec(questions_module(assignment)) is not None
    except (LookupError, ImportError):
        return False


def question_at(assignment: str, label: str) -> Question:
    """The question an assignment's notebook calls ``label`` (``q_1``, or ``q_2.a`` for a part)."""
    registry = load_questions(assignment)
    if label not in registry:
        raise LookupError(f"{assignment} has no question {label!r}")
    return registry[label]
