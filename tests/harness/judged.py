"""Check an answer both ways: in process, as practice mode does, and as the judge does, through
the kernel's reply channel.

Every exercise test goes through `checked`, so each right answer, each tempting mistake and each
piece of garbage the suite tries is also a test that the judge, given only the text a kernel would
send back for each of its needs, reaches exactly the notebook's outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import tensorflow as tf

from autograder.core import Outcome, Question
from autograder.core.answering import answer_text
from autograder.grading.judge.collect import parse_reply


def wire_supply(namespace: Mapping[str, Any]) -> Callable[[str], Any]:
    """Answers as a kernel's silent reply carries them (the string literal of the JSON text)."""
    return lambda need: parse_reply(repr(answer_text(need, namespace)))


def checked(question: Question, namespace: Mapping[str, Any], **options: Any) -> Outcome:
    """The practice-mode outcome, after asserting that the judge gives the same one."""
    tf.random.set_seed(0)  # a student's function may draw at random: both runs draw the same numbers
    live = question.evaluate(namespace, **options)
    tf.random.set_seed(0)
    judged = question.judge(wire_supply(namespace), **options)
    assert judged == live, f"the judge disagrees with the notebook:\n  practice: {live}\n  judged:   {judged}"
    return live


def passes(question: Question, func: Callable[..., Any] | None, hidden: dict[str, int] | None = None) -> None:
    """Assert that ``func`` (the question's own model solution when None) is correct on the visible
    cases and, given ``hidden`` (``extra_cases`` and ``seed``), on the grade cell's hidden ones too."""
    if func is None:
        namespace: dict[str, Any] = {}
        exec(question.solution, namespace)
        func = namespace[question.var]
    for options in ({}, *([hidden] if hidden else [])):
        result = checked(question, {question.var: func}, **options)
        assert result.passed, result
