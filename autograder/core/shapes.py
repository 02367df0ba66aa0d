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
from autograder.i18n import _, ngettext

Shape = tuple[int | None, ...]

MAX_RANK = 8
MAX_LAYERS = 64


def _size(item: Any, what: str) -> int | None:
    if item is None:
        return None
    if isinstance(item, (bool, np.bool_)):
        raise Incorrect(_("`{name}` contains {item}; a size is a whole number.").format(name=what, item=repr(item)))
    if isinstance(item, numbers.Integral):
        return int(item)
    if isinstance(item, numbers.Real):
        number = float(item)
        if np.isfinite(number) and number.is_integer():
            return int(number)
        raise Incorrect(
            _("`{name}` contains {number}; sizes are whole numbers (a window position is there or not).").format(
                name=what, number=f"{number:g}"
            )
        )
    raise Incorrect(
        _("`{name}` contains {value}; each size should be a whole number (or None).").format(
            name=what, value=describe(item)
        )
    )


def read_shape(value: Any, what: str) -> Shape:
    """``value`` as a tuple of sizes (whole numbers or None), or `Incorrect` saying why not."""
    if type(value).__name__ == "TensorShape":
        if getattr(value, "rank", None) is None:
            raise Incorrect(
                _("`{name}` is a TensorShape of unknown rank; write the sizes as a tuple.").format(name=what)
            )
        value = tuple(value)
    if isinstance(value, np.ndarray) or is_tensor(value):
        value = tuple(as_array(value, what, ndim=1))
    if isinstance(value, (str, bytes)):
        raise Incorrect(
            _("`{name}` is a string ({text}); write the shape as a tuple of numbers.").format(
                name=what, text=repr(value[:40])
            )
        )
    if not isinstance(value, (tuple, list)):
        raise Incorrect(
            _("`{name}` is {value}; write the shape as a tuple such as (8, 22, 30, 16).").format(
                name=what, value=describe(value)
            )
        )
    if len(value) > MAX_RANK:
        message = ngettext(
            "`{name}` has {count} size; these tensors have 4 axes.",
            "`{name}` has {count} sizes; these tensors have 4 axes.",
            len(value),
        )
        raise Incorrect(message.format(name=what, count=len(value)))
    if any(isinstance(item, (tuple, list)) for item in value):
        raise Incorrect(_("`{name}` holds nested tuples or lists; write one flat tuple of sizes.").format(name=what))
    sizes = tuple(_size(item, what) for item in value)
    if any(size is not None and size < 0 for size in sizes):
        raise Incorrect(
            _("`{name}` contains a negative size; sizes count cells, so they are 0 or more.").format(name=what)
        )
    return sizes


def read_shapes(value: Any, what: str) -> list[Shape]:
    """A list of shapes (one per layer), each read with `read_shape`."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise Incorrect(
            _("`{name}` is {value}; write a list with one shape tuple per layer.").format(
                name=what, value=describe(value)
            )
        )
    if len(value) > MAX_LAYERS:
        message = ngettext(
            "`{name}` has {count} entry, far more than the model has layers.",
            "`{name}` has {count} entries, far more than the model has layers.",
            len(value),
        )
        raise Incorrect(message.format(name=what, count=len(value)))
    if value and not any(isinstance(item, (tuple, list)) or type(item).__name__ == "TensorShape" for item in value):
        raise Incorrect(
            _("`{name}` is a single flat list; write a list of shape tuples, one per layer.").format(name=what)
        )
    return [read_shape(item, f"{what}[{index}]") for index, item in enumerate(value)]


def show_shape(shape: Shape) -> str:
    """A shape written as Python would: ``(None, 23, 17, 16)``."""
    inside = ", ".join("None" if size is None else str(size) for size in shape)
    return f"({inside},)" if len(shape) == 1 else f"({inside})"
