"""A sample of outcomes of every question, in Chinese and in Russian, from the real catalogs.

For each question of every exercise: an unanswered one, a placeholder, a wrong value and a wrong
function get their messages in the learner's language (no English sentence left outside code), and
the hints and the solution are translated too.
"""

import re

import pytest
from harness.course import assignments

from autograder.core import MultipartQuestion, Question, ____
from autograder.core.outcome import Status
from autograder.exercises import load_questions
from autograder.i18n import TRANSLATED, _, language

ENGLISH_PHRASE = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,]+[A-Za-z][a-z']+){4,}")
NOT_PROSE = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\([^()]*\)|\[[^\]]*\]|<[^>]+>")
SCRIPT = {"zh_CN": re.compile(r"[\u4e00-\u9fff]"), "ru": re.compile(r"[а-яё]", re.I)}
SAMPLES = {"placeholder": ____, "a wrong value": "nonsense", "a wrong function": lambda *args, **kwargs: None}


def questions() -> list[tuple[str, str, Question]]:
    found = []
    for assignment in assignments():
        for label, question in load_questions(assignment).items():
            found.append((assignment, label, question))
    return found


QUESTIONS = questions()


def assert_in_language(text: str, code: str, where: str) -> None:
    prose = NOT_PROSE.sub(" ", text)
    if re.search(r"\b[A-Za-z]?[a-z]{2,}\b", prose):  # words outside code: in the learner's script
        assert SCRIPT[code].search(prose), f"{where}: not translated: {text!r}"
    assert not ENGLISH_PHRASE.search(prose), f"{where}: English left: {text!r}"
    assert not re.search(r"\{[a-z_]+\}", text), f"{where}: a placeholder was not filled: {text!r}"


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize(("assignment", "label", "question"), QUESTIONS, ids=[f"{a}-{q}" for a, q, _ in QUESTIONS])
def test_every_question_speaks_the_learners_language(assignment, label, question, code) -> None:
    with language(code):
        hints = [_(hint) for hint in question.hints]
        solution = _(question.solution) if question.solution else ""
        outcomes = {"unanswered": question.evaluate({}, label=label)}
        name = getattr(question, "var", "")
        if name and not isinstance(question, MultipartQuestion):
            for kind, value in SAMPLES.items():
                outcomes[kind] = question.evaluate({name: value}, label=label)
    for number, hint in enumerate(hints, start=1):
        assert_in_language(hint, code, f"{label} hint {number}")
    if solution and not getattr(question, "graded", True):  # a discussion is prose; code stays code
        assert_in_language(solution, code, f"{label} discussion")
    for kind, outcome in outcomes.items():
        assert outcome.status is not Status.CORRECT or kind == "unanswered", (kind, outcome)
        if outcome.message:
            assert_in_language(outcome.message, code, f"{label} {kind}")
