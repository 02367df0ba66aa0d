"""Exercise 4's hints, solutions, views, parts and demo helpers."""

import re

import numpy as np
import pytest
import tensorflow as tf
from ex4_cases import WRONG_SOURCE
from ex4_support import VARS, student

from autograder.core import Status, graded
from autograder.exercises import ex4
from autograder.exercises.ex4.convolution import MultiChannel
from autograder.exercises.ex4.questions import QUESTIONS


def test_solutions_shown_to_students_are_themselves_correct():
    values = {"tf": tf, "np": np}
    for label in VARS:
        exec(QUESTIONS[label].solution, values)
    for label in VARS:
        assert QUESTIONS[label].evaluate(values).passed, label


def test_every_graded_question_has_hints_and_a_solution():
    assert sorted(graded(QUESTIONS)) == sorted(VARS)
    for question in graded(QUESTIONS).values():
        assert len(question.hints) >= 2 and question.solution


# The words of the answer in each question's last hint, which no earlier hint may give away.
ANSWER_WORDS = {
    "q_1.a": "tf.reduce_sum(X[i:i + kh, j:j + kw] * K)",
    "q_1.b": "K[::-1, ::-1]",
    "q_2.a": "tf.add_n(",
    "q_2.b": "tf.stack([corr2d_multi_in(X, k) for k in K])",
    "q_3": "X[max(r, 0):r + kh, max(c, 0):c + kw]",
    "q_4": "K.assign_sub(lr * tape.gradient(loss, K))",
    "q_5": "h_out * w_out * kh * kw * c_in * c_out",
    "q_6": "np.pad(np.asarray(X)",
    "q_7": "np.stack([np.ravel(",
}


@pytest.mark.parametrize("label", sorted(ANSWER_WORDS))
def test_hints_nudge_first_and_give_the_answer_only_last(label):
    hints = QUESTIONS[label].hints
    assert len(hints) >= 3
    assert ANSWER_WORDS[label] in hints[-1]
    assert not any(ANSWER_WORDS[label] in hint for hint in hints[:-1])


def test_no_hint_mentions_a_later_question():
    order = list(VARS)
    for position, label in enumerate(order):
        later = {VARS[other] for other in order[position + 1 :]} - {VARS[label]}
        for hint in QUESTIONS[label].hints:
            named = {name for name in later if re.search(rf"`{name}\b", hint)}
            assert not named, (label, named, hint)


# --- views, parts and demo helpers ------------------------------------------------------------


def test_question_two_is_one_multipart_question_with_two_parts():
    assert repr(ex4.q_2.a) == "<question q_2.a: use .check(), .hint() or .solution()>"
    assert MultiChannel().evaluate(student()).passed
    broken = MultiChannel().evaluate(student(WRONG_SOURCE["channels last"]))
    assert broken.status is Status.INCORRECT and broken.message.startswith("Part b: ")


def test_views_check_the_bound_namespace(namespace):
    namespace.update(student())
    assert ex4.q_1.a.outcome().passed and ex4.q_2.a.outcome().passed and ex4.q_4.outcome().passed


@pytest.mark.parametrize(
    "source",
    [
        "def corr2d(X, K):\n    ____",
        "def corr2d(X, K):\n    raise ValueError('not yet')",
        "def corr2d(X, K):\n    return None",
        "def corr2d(X, K):\n    return 'text'",
        "def corr2d(*args):\n    return np.zeros(3)",
        "corr2d = 3",
    ],
)
def test_demo_helpers_print_a_note_instead_of_crashing(source, capsys):
    values = student(source.replace("corr2d", "stand_in"))
    for show, args in (
        (ex4.show_result, (ex4.example_X, ex4.example_K)),
        (ex4.show_edges, ()),
        (ex4.show_learned_kernel, ()),
    ):
        show(values["stand_in"], *args)
        printed = capsys.readouterr().out
        assert printed.strip() and "Traceback" not in printed, show


def test_demo_helpers_show_right_answers(capsys):
    values = student()
    ex4.show_result(values["corr2d"], ex4.example_X, ex4.example_K)
    ex4.show_result(values["conv_multiply_adds"], 224, 224, 3, 3, 3, 64, 1, "same")
    ex4.show_edges(values["corr2d"])
    ex4.show_learned_kernel(values["train_kernel"])
    printed = capsys.readouterr().out
    assert "[[19. 25.]" in printed and "= 86704128" in printed and "[[ 1. -1.]]" in printed


def test_the_demos_send_each_function_back_to_the_question_that_asks_for_it():
    from autograder.exercises.ex4.demos import ANSWERS, _label_for

    assert {name: _label_for(name) for name in ANSWERS} == {q.var: label for label, q in graded(QUESTIONS).items()}
    assert _label_for("stand_in") is None
