"""Exercise 4: right answers pass, tempting wrong answers get their own message (the answers are
in ``ex4_cases``, one module per question)."""

import pytest
from ex4_cases import RAISING, RIGHT, WRONG
from ex4_support import HIDDEN_SEEDS, VARS, assert_status, outcome, student

from autograder.core import Status
from autograder.exercises.ex4.questions import QUESTIONS


@pytest.mark.parametrize(
    ("label", "name"), [(label, name) for label, answers in RIGHT.items() for name in answers], ids=str
)
def test_right_answers_pass_visible_and_hidden_checks(label, name):
    source = RIGHT[label][name]
    assert outcome(label, source).passed, outcome(label, source)
    extra, seed = HIDDEN_SEEDS.get(label, (6, 4501))
    result = outcome(label, source, extra_cases=extra, seed=seed)
    assert result.passed, result


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 8])
def test_solutions_pass_other_random_cases(seed):
    values = student()
    for label in ("q_1.a", "q_1.b", "q_2.a", "q_2.b", "q_3", "q_5"):
        assert QUESTIONS[label].evaluate(values, extra_cases=6, seed=seed).passed, label


@pytest.mark.parametrize(("label", "name", "source", "fragment"), WRONG, ids=[f"{w[0]}-{w[1]}" for w in WRONG])
def test_tempting_wrong_answers_each_get_their_own_message(label, name, source, fragment):
    assert_status(label, source, Status.ERROR if name in RAISING else Status.INCORRECT, fragment)


def test_messages_of_the_wrong_answers_are_distinct_per_question():
    by_question = {}
    for label, _, _, fragment in WRONG:
        by_question.setdefault(label, []).append(fragment)
    for fragments in by_question.values():
        assert len(fragments) == len(set(fragments))


@pytest.mark.parametrize("label", [label for label in VARS if QUESTIONS[label].diagnoses])
def test_every_diagnosis_is_reached_by_a_tempting_wrong_answer(label):
    """Each diagnosis message holds the fragment of one wrong answer in WRONG, and no fragment names two."""
    fragments = [fragment for wrong_label, _, _, fragment in WRONG if wrong_label == label]
    messages = [diagnosis.message for diagnosis in QUESTIONS[label].diagnoses]
    for message in messages:
        assert any(fragment in message for fragment in fragments), message
    for fragment in fragments:
        assert sum(fragment in message for message in messages) <= 1, fragment
