"""Declaring an exercise's questions once, and giving a notebook its ``q_1``, ``q_2``... views.

An exercise is two modules. ``autograder.exercises.exN.questions`` (the judge's side: rules, model
solutions, references) ends with::

    QUESTIONS = declare_questions([Kernel, ConvFn, ...])

which numbers the questions in order into the registry of every label a notebook can write
(``q_1``, ``q_2``, ``q_2.a``...). The package ``autograder.exercises.exN`` (what the notebook imports,
free of answers) ends with::

    bind_exercise(globals(), exports=["image", ...])

which creates a `QuestionView` per label of its assignment of the labels manifest (`autograder.exercises.labels`) and
``__all__``. A view finds its question only when asked, so a student runtime without the
questions module still has every view: its checks are then judged elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from typing import Any

from autograder.core.placeholder import ____
from autograder.core.question import MultipartQuestion, Question
from autograder.core.view import QuestionView
from autograder.course import question_label

_LABELS: dict[type[Question], str] = {}


def declare_questions(questions: Sequence[type[Question] | Question]) -> dict[str, Question]:
    """Number ``questions`` in order: the registry label -> question, a multipart's parts as ``q_N.a``."""
    registry: dict[str, Question] = {}
    for number, declared in enumerate(questions, start=1):
        question = declared() if isinstance(declared, type) else declared
        label = question_label(number)
        registry[label] = question
        _LABELS[type(question)] = label
        if isinstance(question, MultipartQuestion):
            for name, part in question.parts.items():
                registry[f"{label}.{name}"] = part
                _LABELS[type(part)] = f"{label}.{name}"
    return registry


def bind_exercise(namespace: MutableMapping[str, Any], *, exports: Iterable[str] = ()) -> None:
    """Create ``q_1``... in an exercise package's ``namespace`` for its assignment's labels, and its ``__all__``."""
    from autograder.exercises import assignment_of
    from autograder.exercises.labels import labels

    assignment = assignment_of(namespace["__name__"])
    views = []
    for label in labels(assignment):
        if "." not in label:
            namespace[label] = QuestionView(None, label, assignment)
            views.append(label)
    namespace["____"] = ____
    namespace["__all__"] = sorted({"____", *exports, *views})


def label_of(question: type[Question] | Question) -> str:
    """The label a notebook writes for a declared question (``q_1``, ``q_2.a``)."""
    kind = question if isinstance(question, type) else type(question)
    if kind not in _LABELS:
        raise LookupError(f"{kind.__name__} is not bound to a label: list it in `declare_questions`")
    return _LABELS[kind]


def graded(registry: dict[str, Question]) -> dict[str, Question]:
    """The questions a grade cell checks one by one: multipart questions replaced by their parts."""
    return {label: question for label, question in registry.items() if not isinstance(question, MultipartQuestion)}
