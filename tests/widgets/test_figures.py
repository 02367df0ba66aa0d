"""Every static figure titles every panel, writes out its numbers, and stays out of pyplot."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from autograder.widgets.drawing import figure_png
from autograder.widgets.extraction import extract_features, source_image
from autograder.widgets.playground_figure import playground_figure
from autograder.widgets.pooling import explain_output
from autograder.widgets.pooling_figure import pooling_figure
from autograder.widgets.presets import preset_kernel
from autograder.widgets.window_figure import output_cell, window_figure
from autograder.widgets.windows import axis_layout, formula_lines


def texts(figure) -> list[str]:
    return [text.get_text() for ax in figure.axes for text in ax.texts]


def test_playground_figure_titles_each_step() -> None:
    stages = extract_features(source_image("dots", 32), preset_kernel("sharpen"), pool_window=2)
    figure = playground_figure(stages)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == [
        "Input image\n32×32",
        "Kernel\n3×3",
        "Filter: convolution\n32×32",
        "Detect: ReLU\n32×32",
        "Condense: max pool 2×2\n16×16",
    ]
    assert texts(figure).count("-1") == 4 and "5" in texts(figure)


def test_window_figure_shows_the_formula_and_numbers_outputs() -> None:
    layout = axis_layout(7, 3, 2, "same")
    figure = window_figure(layout, position=5)
    assert all(ax.get_title() for ax in figure.axes)
    assert figure.axes[0].get_title().startswith("Input 7×7, SAME padding")
    assert figure.axes[1].get_title().startswith("Output 4×4")
    heading = figure.get_suptitle()
    assert heading.startswith("Window 5 in bold")
    assert all(line in heading for line in formula_lines(layout))
    assert texts(figure) == [str(i) for i in range(16)]


def test_window_positions_count_row_by_row() -> None:
    layout = axis_layout(7, 3, 2, "same")
    assert output_cell(layout, 0) == (0, 0)
    assert output_cell(layout, 6) == (1, 2)
    with pytest.raises(ValueError, match="between 0 and 15"):
        output_cell(layout, 16)


def test_pooling_figure_prints_map_and_result() -> None:
    values = np.array([[1, 5, 2, 0], [0, 3, 9, 1], [4, 4, 4, 2], [0, 0, 1, 8]], dtype=float)
    figure = pooling_figure(values, window=2, mode="max", position=1)
    assert figure.get_suptitle() == explain_output(values, 0, 1, window=2) == "output[0, 1] = max(2, 0, 9, 1) = 9"
    assert figure.axes[0].get_title() == "Feature map 4×4"
    assert figure.axes[1].get_title() == "Max pooled 2×2\nwindow 2, stride 2"
    assert texts(figure) == [f"{v:.0f}" for v in values.ravel()] + ["5", "9", "4", "8"]


def test_pooling_figure_marks_same_padding() -> None:
    figure = pooling_figure(np.ones((5, 5)), window=2, mode="average", padding="same")
    assert "hatched: SAME padding, ignored" in figure.axes[0].get_title()
    assert figure.axes[1].get_title().startswith("Average pooled 3×3")
    with pytest.raises(ValueError, match="between 0 and 8"):
        pooling_figure(np.ones((5, 5)), window=2, padding="same", position=9)


def test_figures_do_not_pile_up_in_pyplot() -> None:
    plt.close("all")
    window_figure(axis_layout(5, 3, 1, "valid"))
    pooling_figure(np.ones((4, 4)))
    assert plt.get_fignums() == []


def test_figure_png_is_a_png() -> None:
    assert figure_png(window_figure(axis_layout(4, 2, 2, "valid"))).startswith(b"\x89PNG\r\n\x1a\n")
