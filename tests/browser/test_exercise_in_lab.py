"""A student opens exercise 1 in a real JupyterLab: the nbgrader tools are there, Validate
works, wrong and right answers get the exercise's own feedback, and no news prompt interrupts."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

EXERCISE = "release/ex1_convolution_relu/ex1_convolution_relu.ipynb"
WRONG_ANSWER = "kernel = tf.constant([[0, 0, 0], [0, 0, 0], [0, 0, 0]])\nq_1.check()"
RIGHT_ANSWER = "kernel = tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])\nq_1.check()"
NOTIFICATIONS = "@jupyterlab/apputils-extension:notification"
NEWS_QUESTION = "notified about official Jupyter news"


@pytest.fixture(scope="module")
def exercise(open_notebook):
    return open_notebook(EXERCISE)


def test_nbgrader_extensions_show_their_tools(exercise, page, screenshot) -> None:
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    items = page.locator(".lm-Menu-content .lm-Menu-item")
    for name in ("Assignment List", "Formgrader", "Create assignment"):
        expect(items.filter(has_text=name).first).to_be_visible()
    screenshot("nbgrader-menu")
    page.keyboard.press("Escape")
    expect(exercise.panel.locator(".jp-Toolbar-item", has_text="Validate")).to_be_visible()
    expect(page.locator(".jp-SideBar .lm-TabBar-tab[title='Nbgrader Create Assignment']")).to_have_count(1)


def test_validate_button_reports_the_unanswered_questions(exercise, page, screenshot) -> None:
    exercise.panel.locator(".jp-Toolbar-item", has_text="Validate").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Validation Results", timeout=240_000)
    expect(dialog).to_contain_text("The following cell failed")
    expect(dialog).to_contain_text("q_1: Not attempted")
    screenshot("validate")
    dialog.get_by_role("button").last.click()
    expect(dialog).to_have_count(0)


def test_wrong_then_right_answer_gets_the_exercise_feedback(exercise, screenshot) -> None:
    exercise.run(exercise.code_cell("binder.bind(globals())"))
    answer = exercise.code_cell("q_1.check()")
    feedback = answer.locator(".jp-OutputArea-output .convnet-feedback")

    exercise.replace_source(answer, WRONG_ANSWER)
    exercise.run(answer)
    expect(feedback).to_have_count(1)
    expect(feedback).to_contain_text("q_1: ✘ Incorrect.")
    expect(feedback).to_contain_text("all zeros")
    screenshot("incorrect")

    exercise.replace_source(answer, RIGHT_ANSWER)
    exercise.run(answer)
    expect(feedback).to_have_count(1)
    expect(feedback).to_contain_text("q_1: ✔ Correct.")
    expect(feedback).not_to_contain_text("Incorrect")
    screenshot("correct")


def test_no_news_prompt_unless_a_student_asks_for_one(lab, exercise, page, screenshot) -> None:
    settings = lab.api(f"lab/api/settings/{NOTIFICATIONS}")
    assert settings["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert settings["schema"]["properties"]["checkForUpdates"]["default"] is False
    toasts = page.locator(".Toastify__toast")
    expect(exercise.panel.locator(".jp-Cell").first).to_be_visible()
    expect(toasts.filter(has_text=NEWS_QUESTION)).to_have_count(0)

    # The control: with JupyterLab's own default ("ask"), the same check sees the prompt.
    lab.api(f"lab/api/settings/{NOTIFICATIONS}", "PUT", {"raw": '{"fetchNews": "none"}'})
    try:
        page.reload()
        expect(toasts.filter(has_text=NEWS_QUESTION)).to_have_count(1)
        screenshot("news-prompt-when-asked")
    finally:
        lab.api(f"lab/api/settings/{NOTIFICATIONS}", "PUT", {"raw": "{}"})
    page.reload()
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first).to_be_visible()
    expect(toasts.filter(has_text=re.compile("Jupyter news"))).to_have_count(0)
