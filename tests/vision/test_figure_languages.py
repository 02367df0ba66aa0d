"""The course's figures speak the learner's language: titles and notes go through the catalog, the
numbers, shapes and padding names stay as they are."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from autograder.vision import KERNELS, show_extraction, show_maps
from autograder.vision.geometry import output_size
from autograder.vision.pooling import pool_mode
from autograder.vision.window_plots import show_pooling_rounds, show_window_positions


@pytest.fixture(autouse=True)
def no_open_figures():
    yield
    plt.close("all")


def test_window_positions_name_each_frame_and_what_is_marked() -> None:
    figure = show_window_positions(7, 3, 3, "valid")
    assert [ax.get_title() for ax in figure.axes][:2] == ["output [0, 0]", "output [0, 1]"]
    assert figure.get_suptitle() == (
        "7×7 input, 3×3 window, stride 3, padding 'valid' → 2×2 output\n"
        "last 1 row(s) and column(s) never read (crossed)"
    )
    padded = show_window_positions(6, 4, 2, "same").get_suptitle()
    assert padded.endswith("padding: 1 top/left, 1 bottom/right (hatched)")
    assert show_window_positions(4, 2, 2).get_suptitle().endswith("no padding; every cell is read")


def test_window_positions_refuse_too_many_frames() -> None:
    with pytest.raises(ValueError, match="7×7 frames are too many to draw"):
        show_window_positions(7, 1, 1)


def test_translated_window_positions(marked) -> None:
    figure = show_window_positions(7, 3, 3, "valid")
    assert figure.axes[0].get_title() == "⟪output [0, 0]⟫"
    summary, details = figure.get_suptitle().split("\n")
    assert summary == "⟪7×7 input, 3×3 window, stride 3, padding 'valid' → 2×2 output⟫"
    assert details == "⟪last 1 row(s) and column(s) never read (crossed)⟫"
    assert show_window_positions(4, 2, 2).get_suptitle().endswith("⟪no padding; every cell is read⟫")


def test_translated_extraction_titles_and_the_input_in_gray(marked) -> None:
    figure = show_extraction(np.random.default_rng(1).random((16, 16)), KERNELS["edge"])
    titles = [ax.get_title().split("\n")[0] for ax in figure.axes]
    assert titles == ["⟪Input⟫", "⟪Filter (convolution)⟫", "⟪Detect (ReLU)⟫", "⟪Condense (max pool 2×2)⟫"]
    assert figure.axes[0].images[0].get_cmap().name == "gray"
    assert figure.axes[1].images[0].get_cmap().name == "magma"


def test_english_input_titles_stay_gray_in_any_language(marked) -> None:
    figure = show_maps({"Input: a white bar": np.eye(4), "edges": np.eye(4)})
    assert [ax.images[0].get_cmap().name for ax in figure.axes] == ["gray", "magma"]


def test_translated_pooling_rounds(marked) -> None:
    figure = show_pooling_rounds({"dots": np.eye(8)}, rounds=2)
    assert [ax.get_title() for ax in figure.axes] == [
        "dots\n⟪input (8×8)⟫",
        "dots\n⟪pooled 1× (4×4)⟫",
        "dots\n⟪pooled 2× (2×2)⟫",
    ]


def test_errors_a_learner_can_meet_are_translated(marked) -> None:
    with pytest.raises(ValueError, match="⟪padding must be 'valid' or 'same', not 'full'⟫"):
        output_size(7, 3, 1, "full")
    with pytest.raises(ValueError, match="⟪a window of 5 does not fit in 3 cells without padding⟫"):
        output_size(3, 5)
    with pytest.raises(ValueError, match="⟪mode must be 'max' or 'average', not 'min'⟫"):
        pool_mode("min")
