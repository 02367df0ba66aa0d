"""Exercise 4's demonstrations: the student's own functions run on the lesson's examples.

They never crash on unfinished answers: each says which question to answer first (by its label,
``q_1.a``, read from the labels manifest) instead of raising.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.core import as_numbers
from autograder.core.placeholder import is_untouched_stub
from autograder.core.question import format_call, short_repr
from autograder.exercises import ASSIGNMENTS
from autograder.exercises.ex4.data import edge_image, edge_kernel
from autograder.exercises.labels import labels
from autograder.i18n import _, ngettext
from autograder.vision import convolve, show_kernel, show_maps

ANSWERS = (
    "corr2d",
    "convolve2d",
    "corr2d_multi_in",
    "corr2d_multi_in_out",
    "pool2d",
    "train_kernel",
    "conv_multiply_adds",
    "corr2d_strided",
    "im2col",
    "input_gradient",
)
"""The functions the student writes, in the order of the questions (and parts) that ask for them."""


def _label_for(name: str) -> str | None:
    """The label of the question whose answer is the function ``name`` (None when none is)."""
    assignment = next(assignment for assignment, package in ASSIGNMENTS.items() if package == __package__)
    listed = labels(assignment)
    answered = [label for label in listed if not any(other.startswith(f"{label}.") for other in listed)]
    return dict(zip(ANSWERS, answered, strict=True)).get(name)


def _say(problem: str, question: str | None) -> None:
    """Print what is wrong with a function, and the question to go back to when it belongs to one."""
    where = _("See question {question}.").format(question=question) if question else ""
    print(f"{problem} {where}".strip())


def _ready(func: Any, name: str, question: str | None) -> bool:
    if not callable(func):
        _say(_("`{name}` is not a function yet.").format(name=name), question)
        return False
    if is_untouched_stub(func):
        _say(_("`{name}` is still the starter code.").format(name=name), question)
        return False
    return True


def _run(func: Any, name: str, question: str | None, *args: Any) -> np.ndarray | None:
    """The student's result as an array, or None after printing why there is nothing to show."""
    if not _ready(func, name, question):
        return None
    try:
        result = func(*args)
    except Exception as error:
        print(_("`{name}` raised {error}: {detail}").format(name=name, error=type(error).__name__, detail=error))
        return None
    array = as_numbers(result)
    if array is None:
        _say(
            _("`{name}` returned {value}, not an array of numbers.").format(name=name, value=short_repr(result, 60)),
            question,
        )
    return array


def _run_2d(func: Any, name: str, question: str | None, *args: Any) -> np.ndarray | None:
    """Like `_run`, for results that must be 2-D to be drawn."""
    array = _run(func, name, question, *args)
    if array is not None and array.ndim != 2:
        _say(
            _("`{name}` returned an array of shape {shape}, not a 2-D one.").format(name=name, shape=array.shape),
            question,
        )
        return None
    return array


def show_result(func: Any, *args: Any) -> None:
    """Call one of your functions and print what it returns (or why it cannot run yet)."""
    name = getattr(func, "__name__", None)
    if not isinstance(name, str):
        print(
            _("`show_result` takes one of your functions, such as `corr2d`; it was given {value}.").format(
                value=short_repr(func, 60)
            )
        )
        return
    array = _run(func, name, _label_for(name), *args)
    if array is None:
        return
    call = format_call(name, args).strip("`")
    if array.ndim == 0:
        value = array.item()
        print(f"{call} = {int(value) if float(value).is_integer() else format(value, 'g')}")
    else:
        print(_("{call} has shape {shape}:").format(call=call, shape=array.shape))
        print(np.array2string(array, precision=3, suppress_small=True))


def show_edges(corr2d: Any) -> None:
    """Your `corr2d` on the 6x8 bar image with the [1, -1] kernel, beside the image."""
    edges = _run_2d(corr2d, "corr2d", _label_for("corr2d"), edge_image, edge_kernel)
    if edges is not None:
        show_maps({_("Input"): edge_image, _("corr2d with [1, -1]"): edges}, cmap="RdBu_r")
        plt.show()


def show_learned_kernel(train_kernel: Any, steps: int = 20, lr: float = 0.03) -> None:
    """Learn the edge kernel back from the bar image and its edges with your `train_kernel`."""
    # The edges to learn from, by TensorFlow's own convolution (a cross-correlation), not the course's reference.
    edges = convolve(edge_image, edge_kernel, padding="VALID").astype(np.float32)
    # A fixed random state: the printout is the same in every kernel, however much random drawing ran before.
    tf.random.set_seed(0)
    data = tf.constant(edge_image), tf.constant(edges), (1, 2), steps, lr
    learned = _run_2d(train_kernel, "train_kernel", _label_for("train_kernel"), *data)
    if learned is not None:
        message = ngettext("learned kernel after {n} step: {kernel}", "learned kernel after {n} steps: {kernel}", steps)
        print(message.format(n=steps, kernel=np.array2string(learned, precision=3)))
        show_kernel(learned, title=_("learned kernel"))
        plt.show()
