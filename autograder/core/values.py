"""Turning whatever a student assigned into numbers, with a clear message when that fails.

Everything here raises `Incorrect` (a wrong kind of value) or `StudentCodeError` (the value's
own methods raised); nothing lets an arbitrary exception or a huge computation escape.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Any

import numpy as np

from autograder.core.observed import inspects
from autograder.core.outcome import Incorrect, StudentCodeError

MAX_ELEMENTS = 1_000_000
MAX_MAGNITUDE = 1e30  # float32 overflows near 3.4e38: keep well clear of it


class Opaque:
    """A value the judge cannot rebuild from evidence; it keeps only what type it was, for messages."""

    def __init__(self, kind: str, shape: tuple[int, ...] | None = None) -> None:
        self.kind = kind
        self.shape = shape

    def __repr__(self) -> str:
        return f"<{self.kind}>"


class TooLarge(Opaque):
    """An array or list with more elements than any answer here; only its size travels."""

    def __init__(self, kind: str, size: int) -> None:
        super().__init__(kind)
        self.size = size


@inspects
def describe(value: Any) -> str:
    """A short, safe description of a value's type (never calls the value's own methods)."""
    kind = type(value)
    if value is None:
        return "None"
    if isinstance(value, Opaque):
        return value.kind
    if kind.__module__ == "builtins":
        return f"a {kind.__name__}"
    return f"a {kind.__module__.split('.')[0]} {kind.__name__}"


def is_tensor(value: Any) -> bool:
    """True for TensorFlow and Keras tensors and variables: values with a ``numpy()`` and a ``dtype``.

    Keras layers are neither (they are functions to a rule); the one test every module uses.
    """
    module = type(value).__module__ or ""
    return module.startswith(("tensorflow", "keras")) and hasattr(value, "numpy") and hasattr(value, "dtype")


TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}
"""How close a student's number must be to the reference: float32 arithmetic in any order passes."""


def close(got: Any, expected: Any, tolerance: float | None = None) -> bool:
    """Same shape and every number within `TOLERANCE` (or ``tolerance``, relative and absolute)."""
    got, expected = np.asarray(got), np.asarray(expected)
    limits = TOLERANCE if tolerance is None else {"rtol": tolerance, "atol": tolerance}
    return got.shape == expected.shape and bool(np.allclose(got, expected, **limits))


def differ(got: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Where two arrays of one shape differ beyond `TOLERANCE` (a boolean mask)."""
    return ~np.isclose(got, expected, **TOLERANCE)


def as_numbers(value: Any, max_elements: int = MAX_ELEMENTS) -> np.ndarray | None:
    """A result as a float64 array, or None when it is not plain numbers (never raises)."""
    from autograder.core.placeholder import contains_placeholder

    if value is None or isinstance(value, (str, bytes, bool, np.bool_)) or contains_placeholder(value):
        return None
    if isinstance(value, (types.FunctionType, type)):
        return None
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    return array if array.size <= max_elements else None


def _shape_of_nested(value: Sequence[Any], depth: int = 0) -> None:
    """Reject ragged nested lists before numpy does something surprising with them."""
    if depth > 8:
        raise Incorrect("is nested too deeply to be an array of numbers.")
    lengths = set()
    for item in value:
        if isinstance(item, (list, tuple)):
            lengths.add(len(item))
            _shape_of_nested(item, depth + 1)
        else:
            lengths.add(None)
    if len(lengths) > 1:
        raise Incorrect("is a ragged list: its rows do not all have the same length.")


def as_array(
    value: Any,
    what: str,
    *,
    ndim: int | None = None,
    shape: tuple[int, ...] | None = None,
    max_elements: int = MAX_ELEMENTS,
) -> np.ndarray:
    """``value`` as a finite float64 array, or `Incorrect` saying what is wrong with it."""
    if value is None:
        raise Incorrect(f"`{what}` is None. Did you assign the result of something that returns nothing?")
    if isinstance(value, (str, bytes)):
        raise Incorrect(f"`{what}` is a string ({value[:40]!r}); it should hold numbers, not text.")
    if isinstance(value, TooLarge):
        raise Incorrect(f"`{what}` has {value.size} elements, far more than expected.")
    if isinstance(value, bool) or callable(value) and not is_tensor(value):
        raise Incorrect(f"`{what}` is {describe(value)}; it should be an array of numbers.")
    if isinstance(value, (list, tuple)):
        if len(value) > max_elements:
            raise Incorrect(f"`{what}` has {len(value)} items, far more than expected.")
        _shape_of_nested(value)
    size = _declared_size(value)
    if size is not None and size > max_elements:
        raise Incorrect(f"`{what}` has {size} elements, far more than expected.")
    try:
        array = np.asarray(value)
    except Exception as error:  # the value's own conversion raised
        raise StudentCodeError(error, f"when `{what}` was read as an array") from None
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)):
        raise Incorrect(f"`{what}` is {describe(value)} that does not hold plain numbers.")
    if np.issubdtype(array.dtype, np.complexfloating):
        raise Incorrect(f"`{what}` holds complex numbers; use real numbers.")
    if array.size > max_elements:
        raise Incorrect(f"`{what}` has {array.size} elements, far more than expected.")
    array = array.astype(np.float64)
    if np.isnan(array).any():
        raise Incorrect(f"`{what}` contains NaN (not a number) values.")
    if np.isinf(array).any():
        raise Incorrect(f"`{what}` contains infinite values.")
    if array.size and np.abs(array).max() > MAX_MAGNITUDE:
        raise Incorrect(f"`{what}` contains numbers beyond ±{MAX_MAGNITUDE:.0e}, far larger than any answer here.")
    if ndim is not None and array.ndim != ndim:
        raise Incorrect(
            f"`{what}` is {array.ndim}-dimensional with shape {tuple(array.shape)}; it should be {ndim}-dimensional."
        )
    if shape is not None and tuple(array.shape) != tuple(shape):
        raise Incorrect(f"`{what}` has shape {tuple(array.shape)}; it should have shape {tuple(shape)}.")
    return array


def _declared_size(value: Any) -> int | None:
    """The element count an array-like claims, read without converting it."""
    shape = getattr(value, "shape", None)
    if shape is None or not (isinstance(value, np.ndarray) or is_tensor(value)):
        return None
    try:
        return int(np.prod([int(dim) for dim in shape]))
    except (TypeError, ValueError):
        return None
