"""The student's answers at work on the photograph: their kernel, then their `conv_layer`.

Each demo first checks that the answers it needs are usable yet, and otherwise says which
question to answer first instead of failing with a traceback.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.core import Incorrect, StudentCodeError, as_array, contains_placeholder
from autograder.core.student_errors import code_error_text
from autograder.i18n import _
from autograder.vision import show_extraction, show_maps


def _usable_kernel(kernel: Any, question: str) -> np.ndarray | None:
    """The kernel's weights, or None (with a note) while the answer is not a usable 2-D kernel."""
    try:
        if contains_placeholder(kernel):
            # Translators: the {problem} of "Answer question {question} first to see this at work ({problem})."
            raise Incorrect(_("it still holds the placeholder `____`"))
        return as_array(kernel, "kernel", ndim=2)
    except Incorrect as problem:
        reason = str(problem)
    except StudentCodeError as problem:
        reason = code_error_text(problem.error, problem.context)
    print(
        _("Answer question {question} first to see this at work ({problem}).").format(question=question, problem=reason)
    )
    return None


def preview_kernel(kernel: Any, photo: np.ndarray) -> None:
    """Filter, detect and condense ``photo`` with the student's kernel, if it is usable yet."""
    weights = _usable_kernel(kernel, "1")
    if weights is not None:
        show_extraction(photo, weights)
        plt.show()


BIASES = (0.0, -0.25)
"""The two biases `run_conv_layer` shows the student's layer with: none, then a threshold."""


def run_conv_layer(conv_layer: Any, kernel: Any, photo: np.ndarray) -> None:
    """Run the student's `conv_layer` on ``photo`` with their kernel as its one filter, for two biases."""
    weights = _usable_kernel(kernel, "1")
    if weights is None:
        return
    if not callable(conv_layer):
        print(_("Answer question 3 first: conv_layer must be a function."))
        return
    batch = tf.reshape(tf.constant(photo), [1, *photo.shape, 1])
    kernels = weights.astype(np.float32).reshape(*weights.shape, 1, 1)
    print(_("images: {batch}, kernels: {kernels}").format(batch=tuple(batch.shape), kernels=kernels.shape))
    # Translators: the title of a figure's first panel, the photograph the layer is given.
    maps = {_("Input"): photo}
    for bias in BIASES:
        try:
            output = as_array(conv_layer(batch, kernels, np.array([bias], np.float32)), "conv_layer", ndim=4)
        except Incorrect as problem:
            print(_("Your conv_layer did not return feature maps ({problem})").format(problem=problem))
            return
        except Exception as error:
            print(_("Your conv_layer raised {error}: {detail}").format(error=type(error).__name__, detail=error))
            return
        # Translators: the title of a panel showing the output of the student's layer with the given bias.
        maps[_("conv_layer, bias {bias}").format(bias=bias)] = output[0, :, :, 0]
    show_maps(maps)
    plt.show()
