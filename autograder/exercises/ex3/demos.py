"""Exercise 3's demonstrations: question 3's model, built by Keras and printed as code, and the drawing
of question 5's smoothing with the student's kernel."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core import as_array
from autograder.exercises.ex3.data import MAX_WEIGHTS, MODEL_INPUT, MODEL_LAYERS, noisy_series
from autograder.i18n import _


def build_model() -> Any:
    """The small model of question 3, built by Keras (its shapes are the reference)."""
    import keras

    return keras.Sequential(
        [keras.Input(shape=MODEL_INPUT[1:]), *(layer.keras_layer() for layer in MODEL_LAYERS)], name="question_3"
    )


def show_model_code() -> None:
    """Print the model of question 3 as code: the layers, not their shapes."""
    print(f"keras.Sequential([\n    keras.Input(shape={MODEL_INPUT[1:]}),")
    for layer in MODEL_LAYERS:
        print(f"    {layer.code()},")
    print("])")


def show_smoothing(kernel: Any, seed: int = 0) -> None:
    """A noisy series and the same series after a 1-D convolution with ``kernel`` (once it is a usable kernel)."""
    import matplotlib.pyplot as plt

    # On call only: `autograder.vision.measure` holds the references questions 1, 2 and 4 are graded against.
    from autograder.vision.series import measured_smoothing

    try:
        weights = as_array(kernel, "smoothing_kernel", ndim=1)
    except Exception as problem:
        print(_("Answer question 5 first to see this ({problem}).").format(problem=problem))
        return
    if not 1 <= weights.size <= MAX_WEIGHTS:
        print(_("Answer question 5 first: `smoothing_kernel` should hold between 1 and 50 weights."))
        return
    signal, noisy = noisy_series(seed)
    smooth = measured_smoothing(noisy, weights)
    offset = weights.size // 2
    fig, ax = plt.subplots(figsize=(9, 3))
    ax.plot(noisy, color="0.7", label=_("noisy series"))
    ax.plot(np.arange(smooth.size) + offset, smooth, label=_("after your kernel (tf.nn.conv1d)"))
    ax.plot(signal, "k--", linewidth=1, label=_("the wave under the noise"))
    ax.legend(loc="upper right")
    fig.tight_layout()
    plt.show()
