"""Every lesson that uses an explorer, in every language, run in a real JupyterLab: changing one control
of each explorer changes the explanation and the figure it shows, and no explorer is wider than its cell."""

import re
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from harness.course import ROOT
from playwright.sync_api import Locator, Page, expect

from autograder.i18n import ENGLISH, TRANSLATED, _, language
from autograder.i18n.notebooks import translated_path

pytestmark = pytest.mark.browser

EXPLORER_CALL = re.compile(r"\b(kernel_playground|sliding_window_explorer|pooling_explorer)\(")
ACTIVE = re.compile(r"\bmod-active\b")


def explorer_calls(path: Path) -> int:
    """How many explorers the notebook's code cells call."""
    notebook = nbformat.read(path, as_version=4)
    return sum(len(EXPLORER_CALL.findall(cell.source)) for cell in notebook.cells if cell.cell_type == "code")


ENGLISH_LESSONS = sorted(
    PurePosixPath(path.relative_to(ROOT).as_posix())
    for path in (ROOT / "course").glob("lesson*.ipynb")
    if explorer_calls(path)
)
LESSONS = [(lesson.as_posix(), ENGLISH) for lesson in ENGLISH_LESSONS] + [
    (translated_path(lesson, code).as_posix(), code) for code in TRANSLATED for lesson in ENGLISH_LESSONS
]


def step_stride(explorer: Locator, page: Page, code: str) -> None:
    with language(code):
        label = _("stride {s}").format(s="s")
    slider = explorer.locator(".widget-slider", has_text=label).locator(".noUi-handle")
    before = slider.get_attribute("aria-valuenow")
    slider.focus()
    page.keyboard.press("ArrowLeft" if before == "4" else "ArrowRight")
    expect(slider).not_to_have_attribute("aria-valuenow", before)


def raise_centre_weight(explorer: Locator, page: Page, code: str) -> None:
    weights = explorer.locator(".convnet-kernel-weight input")
    centre = weights.nth(weights.count() // 2)
    raised = str(float(centre.input_value()) + 3)
    centre.fill(raised)
    centre.press("Enter")
    expect(centre).to_have_value(re.compile(re.escape(raised.rstrip("0").rstrip("."))))


def switch_pooling(explorer: Locator, page: Page, code: str) -> None:
    with language(code):
        labels = {_("max"): _("average"), _("average"): _("max")}
    current = explorer.locator(".widget-toggle-button.mod-active").filter(
        has_text=re.compile("^(" + "|".join(map(re.escape, labels)) + ")$")
    )
    other = explorer.get_by_role("button", name=labels[current.inner_text()], exact=True)
    other.click()
    expect(other).to_have_class(ACTIVE)


CHANGE = {
    "convnet-window-explorer": step_stride,
    "convnet-kernel-playground": raise_centre_weight,
    "convnet-pooling-explorer": switch_pooling,
}


def test_the_lessons_use_the_explorers() -> None:
    assert ENGLISH_LESSONS, "no lesson in course/ calls an explorer from autograder.widgets"


@pytest.mark.parametrize(("lesson", "code"), LESSONS, ids=[lesson for lesson, _code in LESSONS])
def test_each_explorer_in_a_lesson_responds(lesson: str, code: str, open_notebook, page, screenshot) -> None:
    notebook = open_notebook(lesson)
    calls = explorer_calls(ROOT / lesson)
    notebook.run_all()
    explorers = notebook.panel.locator(".convnet-explorer")
    expect(explorers).to_have_count(calls, timeout=240_000)
    notebook.wait_until_idle()
    for index in range(calls):
        explorer = explorers.nth(index)
        kind = next(name for name in CHANGE if name in (explorer.get_attribute("class") or ""))
        text = explorer.locator(".convnet-explorer-text")
        figure = explorer.locator(".convnet-explorer-figure")
        explorer.scroll_into_view_if_needed()
        assert explorer.evaluate("box => box.scrollWidth <= box.clientWidth + 1"), f"{kind} overflows its cell"
        before_text, before_src = text.inner_text(), figure.get_attribute("src")
        CHANGE[kind](explorer, page, code)
        expect(text).not_to_have_text(before_text)
        expect(figure).not_to_have_attribute("src", before_src)
        screenshot(f"{kind}-{index}")
