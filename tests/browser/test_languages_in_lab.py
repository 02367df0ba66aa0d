"""Exercise 1 in Chinese and in Russian, in a real JupyterLab whose interface speaks the same language:
a wrong and then a right answer get the exercise's feedback in that language."""

import re

import numpy as np
import pytest
from harness.chromium import IDLE_WORDS
from playwright.sync_api import expect

from autograder.exercises import question_at
from autograder.i18n import LAB_LOCALES, TRANSLATED, language, translated_assignment

pytestmark = pytest.mark.browser

EXERCISE = "ex1_convolution_relu"
WRONG = [[0, 0, 0], [0, 0, 0], [0, 0, 0]]
RIGHT = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]
TRANSLATION_SETTINGS = "lab/api/settings/@jupyterlab/translation-extension:plugin"


def expected_feedback(code: str, weights: list[list[int]]) -> str:
    """What the checker tells a student of ``code`` for this kernel, as the page shows it (no backticks)."""
    import tensorflow as tf

    with language(code):
        outcome = question_at(EXERCISE, "q_1").evaluate({"kernel": tf.constant(np.array(weights))}, label="q_1")
    return outcome.message.replace("`", "")


@pytest.fixture
def interface_language(lab, page):
    """Set JupyterLab's interface language through its settings API; English again afterwards."""

    def choose(code: str) -> None:
        lab.api(TRANSLATION_SETTINGS, "PUT", {"raw": f'{{"locale": "{LAB_LOCALES[code]}"}}'})
        page.reload()

    yield choose
    lab.api(TRANSLATION_SETTINGS, "PUT", {"raw": "{}"})
    page.reload()


@pytest.mark.parametrize("code", TRANSLATED)
def test_exercise_1_answers_in_the_students_language(code, interface_language, open_notebook, page, screenshot):
    interface_language(code)
    assignment = translated_assignment(EXERCISE, code)
    exercise = open_notebook(f"release/{assignment}/{EXERCISE}.ipynb")
    idle = re.compile(rf"\| {re.escape(IDLE_WORDS[LAB_LOCALES[code]])}$")  # the interface speaks the language
    expect(page.get_by_role("contentinfo").get_by_role("button", name=idle)).to_be_visible()
    exercise.run(exercise.code_cell(f'language="{code}"'))
    answer = exercise.code_cell("q_1.check()")
    feedback = answer.locator(".jp-OutputArea-output .convnet-feedback")
    with language(code):
        from autograder.core.outcome import Status

        incorrect, correct = Status.INCORRECT.label, Status.CORRECT.label

    exercise.replace_source(answer, f"kernel = tf.constant({WRONG})\nq_1.check()")
    exercise.run(answer)
    expect(feedback).to_contain_text(f"q_1: ✘ {incorrect}.")
    expect(feedback).to_contain_text(expected_feedback(code, WRONG))
    screenshot(f"{code}-incorrect")

    exercise.replace_source(answer, f"kernel = tf.constant({RIGHT})\nq_1.check()")
    exercise.run(answer)
    expect(feedback).to_contain_text(f"q_1: ✔ {correct}.")
    expect(feedback).not_to_contain_text(incorrect)
    screenshot(f"{code}-correct")
