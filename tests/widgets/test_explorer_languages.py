"""The explorers speak the learner's language: every label, line and title goes through the catalog,
while the values the code compares and the mathematical notation stay as they are."""

import ipywidgets as widgets
import numpy as np
import pytest
from harness.catalogs import CLOSE, OPEN

from autograder.vision.geometry import PADDINGS
from autograder.vision.pooling import POOL_MODES
from autograder.widgets.extraction import IMAGE_NAMES, extract_features, source_image, summarise
from autograder.widgets.kernel_playground import CUSTOM, IMAGE_LABELS, PRESET_LABELS, KernelPlayground
from autograder.widgets.panels import PADDING_LABELS
from autograder.widgets.playground_figure import playground_figure
from autograder.widgets.pooling import explain_output
from autograder.widgets.pooling_explorer import MODE_LABELS, PoolingExplorer
from autograder.widgets.pooling_figure import pooling_figure
from autograder.widgets.presets import PRESET_NAMES, preset_kernel
from autograder.widgets.window_explorer import WindowExplorer
from autograder.widgets.window_figure import window_figure
from autograder.widgets.windows import axis_layout, formula_lines


def translated(text: str) -> bool:
    return OPEN in text and CLOSE in text


def has_words(text: str) -> bool:
    """False for numbers and sizes alone ('3', '16×16'), which no language translates."""
    return any(ch.isalpha() for ch in text)


def shown_texts(widget: widgets.Widget) -> list[str]:
    """Every description, tooltip, option label and line of HTML a learner reads in the widget tree,
    less the pooling explorer's worked computation (``output[0, 0] = max(...)``), which is notation."""
    found = [getattr(widget, name, None) or "" for name in ("description", "tooltip")]
    if isinstance(widget, widgets.HTML):
        found.extend(line for line in widget.value.split("<br>") if not line.startswith(("output[", "<div>output[")))
    found.extend(getattr(widget, "_options_labels", ()))
    for child in getattr(widget, "children", ()):
        found.extend(shown_texts(child))
    return [text for text in found if has_words(text)]


def test_every_label_table_names_each_value_the_code_uses() -> None:
    assert set(PADDING_LABELS) == set(PADDINGS)
    assert set(MODE_LABELS) == set(POOL_MODES)
    assert set(PRESET_LABELS) == {CUSTOM, *PRESET_NAMES}
    assert set(IMAGE_LABELS) == set(IMAGE_NAMES)


def test_in_english_the_toggles_show_the_code_words() -> None:
    explorer = PoolingExplorer(np.ones((4, 4)), 2, None, "max", "valid", seed=0)
    assert explorer.mode.options == (("max", "max"), ("average", "average"))
    assert explorer.padding.options == (("valid", "valid"), ("same", "same"))
    playground = KernelPlayground("circle", preset_kernel("edge"), 2, 16)
    assert playground.preset.label == "edge"
    playground.weights[4].value = 4.0
    assert playground.preset.label == "(your own)"


@pytest.mark.parametrize(
    "make",
    [
        lambda: WindowExplorer(7, 3, 2, "same"),
        lambda: PoolingExplorer(np.ones((5, 5)), 2, None, "max", "same", seed=0),
        lambda: KernelPlayground("circle", preset_kernel("edge"), 2, 16),
    ],
)
def test_every_text_of_an_explorer_is_translated(marked, make) -> None:
    explorer = make()
    texts = shown_texts(explorer.box)
    assert texts
    untranslated = [text for text in texts if not translated(text)]
    assert not untranslated
    assert translated(explorer.box._repr_mimebundle_()["text/plain"])


def test_translated_toggles_keep_the_values_the_code_compares(marked) -> None:
    values = np.arange(16, dtype=float).reshape(4, 4)
    explorer = PoolingExplorer(values, 2, None, "max", "valid", seed=None)
    assert explorer.mode.options == (("⟪max⟫", "max"), ("⟪average⟫", "average"))
    assert explorer.padding.options == (("⟪valid⟫", "valid"), ("⟪same⟫", "same"))
    explorer.mode.value = "average"
    assert "output[0, 0] = (0 + 1 + 4 + 5) / 4 = 2.50" in explorer.text.value
    explorer.padding.value = "same"
    assert "⟪SAME: output = ⌈n / s⌉ = ⌈4 / 2⌉ = 2⟫" in explorer.text.value


def test_translated_presets_keep_their_names_as_values(marked) -> None:
    playground = KernelPlayground("circle", preset_kernel("edge"), 2, 16)
    assert (playground.preset.label, playground.preset.value) == ("⟪edge⟫", "edge")
    assert (playground.image.label, playground.image.value) == ("⟪circle⟫", "circle")
    playground.weights[4].value = 4.0
    assert (playground.preset.label, playground.preset.value) == ("⟪(your own)⟫", CUSTOM)
    playground.preset.value = "blur"
    np.testing.assert_allclose(playground.kernel(), preset_kernel("blur"), atol=1e-4)


def test_formulas_stay_notation_inside_translated_lines(marked) -> None:
    valid = formula_lines(axis_layout(7, 2, 3, "valid"))
    assert valid[0] == "⟪VALID: output = ⌈(n − k + 1) / s⌉ = ⌈(7 − 2 + 1) / 3⌉ = ⌈6 / 3⌉ = 2⟫"
    assert all(translated(line) for line in valid)
    assert "cell 2 lies" in valid[-1]
    same = formula_lines(axis_layout(7, 3, 2, "same"))
    assert same[1] == "⟪Padding P = max((o − 1)·s + k − n, 0) = max(3·2 + 3 − 7, 0) = 2⟫"
    padded = explain_output(np.ones((3, 3)), 1, 1, window=2, padding="same", mode="average")
    assert padded == "⟪output[1, 1] = (1) / 1 = 1 (3 padded cells ignored)⟫"


def test_every_title_of_a_figure_is_translated(marked) -> None:
    stages = extract_features(source_image("dots", 16), preset_kernel("sharpen"), pool_window=2)
    assert all(translated(line) for line in summarise(stages))
    figures = [
        playground_figure(stages),
        window_figure(axis_layout(7, 3, 2, "same"), position=1),
        window_figure(axis_layout(7, 2, 3, "valid")),
        pooling_figure(np.ones((5, 5)), window=2, mode="average", padding="same"),
    ]
    for figure in figures:
        for ax in figure.axes:
            first, *rest = ax.get_title().split("\n")
            assert translated(first), ax.get_title()
            assert all(translated(line) or not has_words(line) for line in rest)
    window_heading = figures[1].get_suptitle().split("\n")
    assert all(translated(line) for line in window_heading)
    assert [ax.get_legend_handles_labels()[1] for ax in figures[1].axes][0] == ["⟪window centres⟫"]
