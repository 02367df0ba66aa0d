"""The lessons' explorers in a real JupyterLab: moving a slider or typing a value changes what
the explorer shows, computed by the live kernel."""

import re

import nbformat
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTEBOOK = "course/explorers_check.ipynb"
SET_UP = (
    "import autograder\nfrom autograder.widgets import kernel_playground, pooling_explorer, sliding_window_explorer"
)
CALLS = ["sliding_window_explorer()", "kernel_playground()", "pooling_explorer()"]


@pytest.fixture(scope="module")
def explorers(lab, open_notebook):
    """A small lesson-like notebook calling each explorer, opened and run from the Run menu."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(SET_UP), *(nbformat.v4.new_code_cell(call) for call in CALLS)]
    nbformat.write(notebook, lab.root / NOTEBOOK)
    opened = open_notebook(NOTEBOOK)
    opened.run_all()
    for name in ("window-explorer", "kernel-playground", "pooling-explorer"):
        expect(opened.panel.locator(f".convnet-{name} .convnet-explorer-figure")).to_be_visible(timeout=240_000)
    return opened


def test_window_explorer_follows_the_stride_slider(explorers, page, screenshot) -> None:
    explorer = explorers.panel.locator(".convnet-window-explorer")
    formula = explorer.locator(".convnet-explorer-text")
    figure = explorer.locator(".convnet-explorer-figure")
    expect(formula).to_contain_text("SAME: output = ⌈n / s⌉ = ⌈7 / 2⌉ = 4")
    before = figure.get_attribute("src")
    screenshot("stride-2")

    explorer.locator(".widget-slider", has_text="stride s").locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")

    expect(formula).to_contain_text("SAME: output = ⌈n / s⌉ = ⌈7 / 3⌉ = 3")
    expect(formula).to_contain_text("max(2·3 + 3 − 7, 0) = 2")
    expect(figure).not_to_have_attribute("src", before)
    screenshot("stride-3")


def test_kernel_playground_follows_a_typed_weight(explorers, screenshot) -> None:
    playground = explorers.panel.locator(".convnet-kernel-playground")
    summary = playground.locator(".convnet-explorer-text")
    figure = playground.locator(".convnet-explorer-figure")
    preset = playground.locator("select").first
    expect(summary).to_contain_text("(kernel weights sum to 0.00)")
    expect(preset).to_have_value(re.compile("edge"))
    before = figure.get_attribute("src")

    centre = playground.locator(".convnet-kernel-weight input").nth(4)
    centre.fill("12")
    centre.press("Enter")

    expect(summary).to_contain_text("(kernel weights sum to 4.00)")
    expect(preset).to_have_value(re.compile("your own"))
    expect(figure).not_to_have_attribute("src", before)
    screenshot("centre-12")


def test_pooling_explorer_switches_to_average(explorers, screenshot) -> None:
    explorer = explorers.panel.locator(".convnet-pooling-explorer")
    text = explorer.locator(".convnet-explorer-text")
    expect(text).to_contain_text(re.compile(r"output\[0, 0\] = max\("))
    before = explorer.locator(".convnet-explorer-figure").get_attribute("src")

    explorer.get_by_role("button", name="average").click()

    expect(text).to_contain_text(re.compile(r"output\[0, 0\] = \(.+\) / 4 = "))
    expect(explorer.locator(".convnet-explorer-figure")).not_to_have_attribute("src", before)
    screenshot("average")
