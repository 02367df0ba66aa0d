"""Reading answers that are tensor shapes, such as ``(8, 22, 30, 16)`` or ``(None, 23, 17, 16)``.

A shape may come as a tuple, a list, a ``TensorShape`` or a 1-D array; sizes must be whole
numbers, and ``None`` stands for a size Keras does not know (the batch). Anything else raises
`Incorrect` with a reason the student can act on.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from autograder.core.outcome import Incorrect
from autograder.core.values import as_array, describe, is_tensor

Shape = tuple[int | None, ...]

MAX_RANK = 8
MAX_LAYERS = 64


def _size(item: Any, what: str) -> int | None:
    if item is None:
        return None
    if isinstance(item, (bool, np.bool_)):
        raise Incorrect(f"`{what}` contains {item!r}; a size is a whole number.")
    if isinstance(item, numbers.Integral):
        return int(item)
    if isinstance(item, numbers.Real):
        number = float(item)
        if np.isfinite(number) and number.is_integer():
            return int(number)
        raise Incorrect(f"`{what}` contains {number:g}; sizes are whole numbers (a window position is there or not).")
    raise Incorrect(f"`{what}` contains {describe(item)}; each size should be a whole number (or None).")


def read_shape(value: Any, what: str) -> Shape:
    """``value`` as a tuple of sizes (whole numbers or None), or `Incorrect` saying why not."""
    if type(value).__name__ == "TensorShape":
        if getattr(value, "rank", None) is None:
            raise Incorrect(f"`{what}` is a TensorShape of unknown rank; write the sizes as a tuple.")
        value = tuple(value)
    if isinstance(value, np.ndarray) or is_tensor(value):
        value = tuple(as_array(value, what, ndim=1))
    if isinstance(value, (str, bytes)):
        raise Incorrect(f"`{what}` is a string ({value[:40]!r}); write the shape as a tuple of numbers.")
    if not isinstance(value, (tuple, list)):
        raise Incorrect(f"`{what}` is {describe(value)}; write the shape as a tuple such as (8, 22, 30, 16).")
    if len(value) > MAX_RANK:
        raise Incorrect(f"`{what}` has {len(value)} sizes; these tensors have 4 axes.")
    if any(isinstance(item, (tuple, list)) for item in value):
        raise Incorrect(f"`{what}` holds nested tuples or lists; write one flat tuple of sizes.")
    sizes = tuple(_size(item, what) for item in value)
    if any(size is not None and size < 0 for size in sizes):
        raise Incorrect(f"`{what}` contains a negative size; sizes count cells, so they are 0 or more.")
    return sizes


def read_shapes(value: Any, what: str) -> list[Shape]:
    """A list of shapes (one per layer), each read with `read_shape`."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise Incorrect(f"`{what}` is {describe(value)}; write a list with one shape tuple per layer.")
    if len(value) > MAX_LAYERS:
        raise Incorrect(f"`{what}` has {len(value)} entries, far more than the model has layers.")
    if value and not any(isinstance(item, (tuple, list)) or type(item).__name__ == "TensorShape" for item in value):
        raise Incorrect(f"`{what}` is a single flat list; write a list of shape tuples, one per layer.")
    return [read_shape(item, f"{what}[{index}]") for index, item in enumerate(value)]


def show_shape(shape: Shape) -> str:
    """A shape written as Python would: ``(None, 23, 17, 16)``."""
    inside = ", ".join("None" if size is None else str(size) for size in shape)
    return f"({inside},)" if len(shape) == 1 else f"({inside})"
