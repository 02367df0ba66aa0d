"""The exercises: one module per nbgrader assignment, each declaring its questions as ``q_1``, ``q_2``...

Each module declares its questions once, with `autograder.core.bind_questions`, which also makes
its registry ``QUESTIONS`` (label -> question). `ASSIGNMENTS` maps each English assignment in
``source/``, in teaching order, to its module: the one list of them (``nbgrader_config.py`` reads
it), so that grading can find the question a grade cell checks without asking the student's kernel;
a translated assignment (``ex1_convolution_relu_zh_CN``) has the same questions.
"""

from __future__ import annotations

import importlib
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
    return importlib.import_module(ASSIGNMENTS[english]).QUESTIONS


def question_at(assignment: str, label: str) -> Question:
    """The question an assignment's notebook calls ``label`` (``q_1``, or ``q_2.a`` for a part)."""
    registry = load_questions(assignment)
    if label not in registry:
        raise LookupError(f"{assignment} has no question {label!r}")
    return registry[label]
