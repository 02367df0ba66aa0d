"""The explorers wire their controls to the pure functions and redraw once per change."""

import base64

import numpy as np
import pytest
from matplotlib.figure import Figure

from autograder.widgets import kernel_playground, pooling_explorer, sliding_window_explorer
from autograder.widgets.fallback import WIDGET_VIEW_MIME, widgets_available
from autograder.widgets.kernel_playground import CUSTOM, KernelPlayground
from autograder.widgets.pooling import example_feature_map, explain_output
from autograder.widgets.pooling_explorer import PoolingExplorer
from autograder.widgets.presets import preset_kernel
from autograder.widgets.window_explorer import WindowExplorer
from autograder.widgets.windows import axis_layout, formula_lines


def count_redraws(explorer) -> list:
    changes: list = []
    explorer.figure.observe(changes.append, names="value")
    return changes


@pytest.mark.parametrize("explorer", [kernel_playground, sliding_window_explorer, pooling_explorer])
def test_outside_a_kernel_or_static_each_explorer_is_a_figure(explorer) -> None:
    assert not widgets_available()
    assert isinstance(explorer(), Figure)
    assert isinstance(explorer(static=True), Figure)


def test_window_explorer_follows_the_stride() -> None:
    explorer = WindowExplorer(7, 3, 2, "same")
    redraws = count_redraws(explorer)
    explorer.stride.value = 1
    assert explorer.formula.value == "<div>" + "<br>".join(formula_lines(axis_layout(7, 3, 1, "same"))) + "</div>"
    assert explorer.position.max == 48
    assert len(redraws) == 1


def test_window_explorer_keeps_kernel_and_window_in_range() -> None:
    explorer = WindowExplorer(9, 5, 1, "valid")
    explorer.position.value = 20
    redraws = count_redraws(explorer)
    explorer.size.value = 4
    assert (explorer.kernel.value, explorer.kernel.max) == (4, 4)
    assert (explorer.position.value, explorer.position.max) == (0, 0)
    assert "⌈(4 − 4 + 1) / 1⌉ = ⌈1 / 1⌉ = 1" in explorer.formula.value
    assert len(redraws) == 1


def test_window_explorer_steps_the_window() -> None:
    explorer = WindowExplorer(5, 3, 1, "valid")
    before = explorer.figure.value
    explorer.position.value = 4
    assert explorer.figure.value != before


def test_pooling_explorer_switches_between_max_and_average() -> None:
    values = np.arange(16, dtype=float).reshape(4, 4)
    explorer = PoolingExplorer(values, 2, None, "max", "valid", seed=None)
    assert "output[0, 0] = max(0, 1, 4, 5) = 5" in explorer.text.value
    redraws = count_redraws(explorer)
    explorer.mode.value = "average"
    assert explain_output(values, 0, 0, mode="average") in explorer.text.value
    assert len(redraws) == 1
    assert not hasattr(explorer, "new_map")


def test_pooling_explorer_keeps_the_output_cell_in_range() -> None:
    explorer = PoolingExplorer(np.ones((6, 6)), 2, None, "max", "valid", seed=None)
    explorer.position.value = 8
    explorer.window.value = 3
    assert (explorer.position.value, explorer.position.max) == (3, 3)
    explorer.stride.value = 1
    assert explorer.position.max == 15
    assert "⌈(6 − 3 + 1) / 1⌉ = ⌈4 / 1⌉ = 4" in explorer.text.value


def test_pooling_explorer_draws_new_maps() -> None:
    explorer = PoolingExplorer(example_feature_map(5, seed=0), 2, None, "max", "valid", seed=0)
    before = explorer.text.value
    explorer.new_map.click()
    np.testing.assert_array_equal(explorer.feature_map, example_feature_map(5, seed=1))
    assert explorer.text.value != before


def test_playground_preset_fills_the_grid() -> None:
    playground = KernelPlayground("circle", preset_kernel("edge"), 2, 32)
    redraws = count_redraws(playground)
    playground.preset.value = "sharpen"
    np.testing.assert_array_equal(playground.kernel(), preset_kernel("sharpen"))
    assert len(redraws) == 1


def test_playground_edits_become_your_own_kernel_or_a_preset() -> None:
    playground = KernelPlayground("circle", preset_kernel("edge"), 2, 32)
    before = playground.summary.value
    redraws = count_redraws(playground)
    playground.weights[4].value = 4.0
    assert playground.preset.value == CUSTOM
    assert playground.summary.value != before
    playground.weights[4].value = 8.0
    assert playground.preset.value == "edge"
    assert len(redraws) == 2


def test_playground_grid_grows_and_shrinks_around_the_kernel() -> None:
    playground = KernelPlayground("stripes", preset_kernel("emboss"), 2, 32)
    playground.grid_size.value = 5
    assert len(playground.grid.children) == 25
    np.testing.assert_array_equal(playground.kernel(), preset_kernel("emboss", 5))
    assert playground.preset.value == "emboss"
    playground.weights[0].value = 1.0
    playground.grid_size.value = 3
    np.testing.assert_array_equal(playground.kernel(), preset_kernel("emboss"))
    assert playground.preset.value == "emboss"


def test_playground_changes_image() -> None:
    playground = KernelPlayground("circle", preset_kernel("blur"), 2, 32)
    before = playground.figure.value
    playground.image.value = "horse"
    assert playground.figure.value != before


def test_explorer_output_carries_a_static_picture() -> None:
    box = WindowExplorer(6, 3, 2, "valid").box
    bundle = box._repr_mimebundle_()
    assert bundle[WIDGET_VIEW_MIME]["model_id"] == box.model_id
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert bundle["text/plain"].startswith("Sliding-window explorer")
