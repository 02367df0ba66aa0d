"""Exercise 2's demonstrations, shown next to its questions: the student's condensed map beside the
detected one (question 1), a dot and its shifted copy pooled again and again (question 2), and Keras's
shapes through question 4's pooling stack.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np

from autograder.core import Incorrect, StudentCodeError, as_array, contains_placeholder
from autograder.core.shapes import show_shape
from autograder.exercises.ex2.data import pooling_stack
from autograder.i18n import _
from autograder.vision import condense, dots, show_maps


def show_condensed(image_detect: Any, image_condense: Any) -> None:
    """The detected map next to the student's pooled map, once `image_condense` is a usable 4-D batch."""
    try:
        if contains_placeholder(image_condense):
            raise Incorrect(_("it still holds the placeholder `____`"))
        pooled = as_array(image_condense, "image_condense", ndim=4)
        detected = as_array(image_detect, "image_detect", ndim=4)
    except (Incorrect, StudentCodeError) as problem:
        print(_("Answer question 1 first to see this ({problem}).").format(problem=problem))
        return
    show_maps({_("Detect (ReLU)"): detected[0, :, :, 0], _("Condense (your image_condense)"): pooled[0, :, :, 0]})
    plt.show()


def _panel_title(moved: bool, shift: int, step: int) -> str:
    """The title of one panel of `show_shifted_dots`: which dot, after how many poolings."""
    if not moved:
        return _("dot, input") if step == 0 else _("dot, pooled {n}x").format(n=step)
    if step == 0:
        return _("moved {shift} px, input").format(shift=shift)
    return _("moved {shift} px, pooled {n}x").format(shift=shift, n=step)


def _verdict(same: bool, step: int) -> str:
    """Whether the two maps agree after ``step`` poolings, as a sentence."""
    if step == 0:
        return _("input: the two maps are the same") if same else _("input: the two maps are different")
    if same:
        return _("after pooling {n}x: the two maps are the same").format(n=step)
    return _("after pooling {n}x: the two maps are different").format(n=step)


def show_shifted_dots(shift: int = 2, rounds: int = 3) -> None:
    """A one-pixel dot and the same dot moved ``shift`` pixels right, max pooled (2x2) again and again."""
    original = dots(size=16, spacing=16, radius=0)
    maps = [original, np.roll(original, shift, axis=1)]
    fig, axes = plt.subplots(2, rounds + 1, figsize=(2.3 * (rounds + 1), 4.8))
    for step in range(rounds + 1):
        for row, current in enumerate(maps):
            ax = axes[row, step]
            ax.imshow(current, cmap="magma", vmin=0, vmax=1)
            ax.set_title(f"{_panel_title(row == 1, shift, step)}\n{current.shape[0]}x{current.shape[1]}")
            ax.set_xticks([])
            ax.set_yticks([])
        print(_verdict(np.array_equal(*maps), step))
        maps = [condense(current, window=2) for current in maps]
    fig.tight_layout()
    plt.show()


def compare_with_keras(pooled_shape: Any) -> None:
    """Keras's shape after each layer of `pooling_stack`, shown once question 4 has an answer."""
    if contains_placeholder(pooled_shape):
        print(_("Answer question 4 first: then this shows what Keras computes, layer by layer."))
        return
    for layer in pooling_stack.layers:
        print(f"{layer.name:26} -> {show_shape(tuple(layer.output.shape))}")
    label = _("your prediction")
    print(f"{label:26} -> {pooled_shape!r}")
