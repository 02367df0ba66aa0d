"""Exercise 4's demonstrations: the student's own functions run on the lesson's examples.

They never crash on unfinished answers: each says which question to answer first (by its label,
``q_1``) instead of raising.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.core import as_numbers, label_of
from autograder.core.placeholder import is_untouched_stub
from autograder.core.question import format_call, short_repr
from autograder.exercises.ex4.convolution import Corr2d, CorrMultiIn, CorrMultiInOut
from autograder.exercises.ex4.pooling import Pool2d
from autograder.exercises.ex4.references import edge_image, edge_kernel, np_corr2d
from autograder.exercises.ex4.training import ConvParams, TrainKernel
from autograder.vision import show_kernel, show_maps


def _label_for(name: str) -> str:
    """The label of the question whose answer is the function ``name`` ("above" when none is)."""
    for question in (Corr2d, CorrMultiIn, CorrMultiInOut, Pool2d, TrainKernel, ConvParams):
        if question.var == name:
            return label_of(question)
    return "above"


def _ready(func: Any, name: str, question: str) -> bool:
    if not callable(func):
        print(f"Answer question {question} first: `{name}` is not a function yet.")
        return False
    if is_untouched_stub(func):
        print(f"Answer question {question} first: `{name}` is still the starter code.")
        return False
    return True


def _run(func: Any, name: str, question: str, *args: Any) -> np.ndarray | None:
    """The student's result as an array, or None after printing why there is nothing to show."""
    if not _ready(func, name, question):
        return None
    try:
        result = func(*args)
    except Exception as error:
        print(f"`{name}` raised {type(error).__name__}: {error}")
        return None
    array = as_numbers(result)
    if array is None:
        print(f"`{name}` returned {short_repr(result, 60)}, not an array of numbers: see question {question}.")
    return array


def _run_2d(func: Any, name: str, question: str, *args: Any) -> np.ndarray | None:
    """Like `_run`, for results that must be 2-D to be drawn."""
    array = _run(func, name, question, *args)
    if array is not None and array.ndim != 2:
        print(f"`{name}` returned an array of shape {array.shape}, not a 2-D one: see question {question}.")
        return None
    return array


def show_result(func: Any, *args: Any) -> None:
    """Call one of your functions and print what it returns (or why it cannot run yet)."""
    name = getattr(func, "__name__", "your function")
    array = _run(func, name, _label_for(name), *args)
    if array is None:
        return
    call = format_call(name, args).strip("`")
    if array.ndim == 0:
        print(f"{call} = {array.item():g}")
    else:
        print(f"{call} has shape {array.shape}:")
        print(np.array2string(array, precision=3, suppress_small=True))


def show_edges(corr2d: Any) -> None:
    """Your `corr2d` on the 6x8 bar image with the [1, -1] kernel, beside the image."""
    edges = _run_2d(corr2d, "corr2d", label_of(Corr2d), edge_image, edge_kernel)
    if edges is not None:
        show_maps({"Input": edge_image, "corr2d with [1, -1]": edges}, cmap="RdBu_r")
        plt.show()


def show_learned_kernel(train_kernel: Any, steps: int = 20, lr: float = 0.03) -> None:
    """Learn the edge kernel back from the bar image and its edges with your `train_kernel`."""
    edges = np_corr2d(edge_image, edge_kernel).astype(np.float32)
    data = tf.constant(edge_image), tf.constant(edges), (1, 2), steps, lr
    learned = _run_2d(train_kernel, "train_kernel", label_of(TrainKernel), *data)
    if learned is not None:
        print(f"learned kernel after {steps} steps: {np.array2string(learned, precision=3)}")
        show_kernel(learned, title="learned kernel")
        plt.show()
