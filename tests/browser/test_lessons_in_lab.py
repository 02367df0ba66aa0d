"""Every lesson that uses an explorer, run in a real JupyterLab: changing one control of each
explorer changes the explanation and the figure it shows."""

import re
from pathlib import Path

import nbformat
import pytest
from harness.course import ROOT
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

EXPLORER_CALL = re.compile(r"\b(kernel_playground|sliding_window_explorer|pooling_explorer)\(")


def explorer_calls(path: Path) -> int:
    """How many explorers the notebook's code cells call."""
    notebook = nbformat.read(path, as_version=4)
    return sum(len(EXPLORER_CALL.findall(cell.source)) for cell in notebook.cells if cell.cell_type == "code")


LESSONS = sorted(
    path.relative_to(ROOT).as_posix() for path in (ROOT / "course").glob("lesson*.ipynb") if explorer_calls(path)
)


def step_stride(explorer: Locator, page: Page) -> None:
    slider = explorer.locator(".widget-slider", has_text="stride s").locator(".noUi-handle")
    slider.focus()
    page.keyboard.press("ArrowLeft" if slider.get_attribute("aria-valuenow") == "4" else "ArrowRight")


def raise_centre_weight(explorer: Locator, page: Page) -> None:
    weights = explorer.locator(".convnet-kernel-weight input")
    centre = weights.nth(weights.count() // 2)
    centre.fill(str(float(centre.input_value()) + 3))
    centre.press("Enter")


def switch_pooling(explorer: Locator, page: Page) -> None:
    current = explorer.locator(".widget-toggle-button.mod-active", has_text=re.compile("^(max|average)$"))
    other = "average" if current.inner_text() == "max" else "max"
    explorer.get_by_role("button", name=other, exact=True).click()


CHANGE = {
    "convnet-window-explorer": step_stride,
    "convnet-kernel-playground": raise_centre_weight,
    "convnet-pooling-explorer": switch_pooling,
}


def test_the_lessons_use_the_explorers() -> None:
    assert LESSONS, "no lesson in course/ calls an explorer from autograder.widgets"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_explorer_in_a_lesson_responds(lesson: str, open_notebook, page, screenshot) -> None:
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
        before_text, before_src = text.inner_text(), figure.get_attribute("src")
        CHANGE[kind](explorer, page)
        expect(text).not_to_have_text(before_text)
        expect(figure).not_to_have_attribute("src", before_src)
        screenshot(f"{kind}-{index}")
