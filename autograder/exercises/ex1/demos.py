"""The student's answers at work on the photograph: their kernel, then their `conv_fn` and `relu_fn`.

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


def run_filter_and_detect(conv_fn: Any, relu_fn: Any, kernel: Any, photo: np.ndarray) -> None:
    """Run the student's `conv_fn` and `relu_fn` on ``photo`` the way a Conv2D layer would."""
    weights = _usable_kernel(kernel, "1")
    if weights is None:
        return
    if not (callable(conv_fn) and callable(relu_fn)):
        print(_("Answer questions 2 and 3 first: conv_fn and relu_fn must be functions."))
        return
    batch = tf.reshape(tf.constant(photo), [1, *photo.shape, 1])
    filters = tf.reshape(tf.constant(weights, dtype=tf.float32), [*weights.shape, 1, 1])
    print(_("image batch: {batch}, filters: {filters}").format(batch=tuple(batch.shape), filters=tuple(filters.shape)))
    try:
        filtered = conv_fn(input=batch, filters=filters, strides=1, padding="SAME")
        detected = relu_fn(filtered)
    except Exception as error:
        print(_("Your functions raised {error}: {detail}").format(error=type(error).__name__, detail=error))
        return
    maps = {
        # Translators: the titles of a figure's three panels: the photograph, then what each function made of it.
        _("Input"): photo,
        _("Filter (conv_fn)"): filtered[0, :, :, 0],
        _("Detect (relu_fn)"): detected[0, :, :, 0],
    }
    show_maps(maps)
    plt.show()
