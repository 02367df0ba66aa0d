"""Declaring an exercise's questions once: the notebook's ``q_1``, ``q_2``..., their labels and ``__all__``.

An exercise module ends with::

    QUESTIONS = bind_questions(globals(), [Kernel, ConvFn, ...], exports=["image", ...])

which numbers the questions in order and creates, in the module: a `QuestionView` ``q_N`` for
each (a `MultipartQuestion`'s parts are reached as ``q_N.a``, ``q_N.b``), the registry
``QUESTIONS`` of every label a notebook can write (``q_1``, ``q_2``, ``q_2.a``...) and ``__all__``
(the exports, the placeholder ``____`` and the views). `label_of` tells a question's label wherever it is needed,
such as a message that points at an earlier question.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping, Sequence
from typing import Any

from autograder.core.placeholder import ____
from autograder.core.question import MultipartQuestion, Question
from autograder.core.view import QuestionView
from autograder.course import question_label

_LABELS: dict[type[Question], str] = {}


def bind_questions(
    namespace: MutableMapping[str, Any],
    questions: Sequence[type[Question] | Question],
    *,
    exports: Iterable[str] = (),
) -> dict[str, Question]:
    """Create ``q_1``... in ``namespace`` for ``questions`` in order; return (and set) ``QUESTIONS``."""
    registry: dict[str, Question] = {}
    views = []
    for number, declared in enumerate(questions, start=1):
        question = declared() if isinstance(declared, type) else declared
        label = question_label(number)
        namespace[label] = QuestionView(question, label)
        views.append(label)
        registry[label] = question
        _LABELS[type(question)] = label
        if isinstance(question, MultipartQuestion):
            for name, part in question.parts.items():
                registry[f"{label}.{name}"] = part
                _LABELS[type(part)] = f"{label}.{name}"
    namespace["QUESTIONS"] = registry
    namespace["____"] = ____
    namespace["__all__"] = sorted({"____", *exports, *views})
    return registry


def label_of(question: type[Question] | Question) -> str:
    """The label a notebook writes for a bound question (``q_1``, ``q_2.a``)."""
    kind = question if isinstance(question, type) else type(question)
    if kind not in _LABELS:
        raise LookupError(f"{kind.__name__} is not bound to a label: list it in `bind_questions`")
    return _LABELS[kind]


def graded(registry: dict[str, Question]) -> dict[str, Question]:
    """The questions a grade cell checks one by one: multipart questions replaced by their parts."""
    return {label: question for label, question in registry.items() if not isinstance(question, MultipartQuestion)}
