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
from autograder.i18n import _, ngettext

MAX_ELEMENTS = 1_000_000
MAX_NAME = 200
"""The longest type name evidence carries (a student's class may have any name)."""
MAX_MAGNITUDE = 1e30  # float32 overflows near 3.4e38: keep well clear of it


TOO_DEEP = "(nested too deeply)"
HUGE_INT = "(very large int)"
"""`Opaque` kinds that are not a type: a value inside too many lists, an int too long to send."""


class Opaque:
    """A value the judge cannot rebuild from evidence; it keeps only what type it was, for messages.

    ``kind`` is the type's `type_name` (or `TOO_DEEP`, `HUGE_INT`), and ``dtype`` the kind of the
    items of an array that does not hold numbers: evidence names types in no language, and the
    judge words them in its own (`describe`).
    """

    def __init__(self, kind: str, shape: tuple[int, ...] | None = None, dtype: str = "") -> None:
        self.kind = kind
        self.shape = shape
        self.dtype = dtype

    def __repr__(self) -> str:
        return f"<{describe(self)}>"


class TooLarge(Opaque):
    """An array or list with more elements than any answer here; only its size travels."""

    def __init__(self, kind: str, size: int) -> None:
        super().__init__(kind)
        self.size = size


@inspects
def type_name(value: Any) -> str:
    """A value's type in no language, as evidence carries it: ``None``, ``list``, ``numpy.ndarray``.

    Never calls the value's own methods; a library's type is named after its top-level package.
    """
    if value is None:
        return "None"
    kind = type(value)
    module = kind.__module__ if isinstance(kind.__module__, str) else "?"
    name = kind.__name__ if module == "builtins" else f"{module.split('.')[0]}.{kind.__name__}"
    return name[:MAX_NAME]


def describe(value: Any) -> str:
    """A short, safe description of a value's type (``a list``, ``a numpy ndarray``) in the learner's language.

    A phrase to put in a sentence's ``{value}`` field; never calls the value's own methods.
    """
    if isinstance(value, Opaque):
        if value.dtype:
            return _("a numpy ndarray of {dtype} values").format(dtype=repr(value.dtype))
        return _describe_kind(value.kind)
    return _describe_kind(type_name(value))


def _describe_kind(kind: str) -> str:
    if kind == "None":
        return kind
    if kind == TOO_DEEP:
        return _("a value nested too deeply")
    if kind == HUGE_INT:
        return _("a very large int")
    library, dot, name = kind.rpartition(".")
    if not dot and _starts_with_vowel(name):
        # Translators: a value of a Python type inside a sentence ("`x` is an int"); {type} is the type's name.
        # English writes "an" before a vowel: translate "an {type}" as you translate "a {type}".
        return _("an {type}").format(type=name)
    if not dot:
        # Translators: a value of a Python type inside a sentence ("`x` is a list"); {type} is the type's name.
        return _("a {type}").format(type=name)
    if _starts_with_vowel(library):
        # Translators: a value of a library's type ("an autograder Placeholder"); translate as "a {library} {type}".
        return _("an {library} {type}").format(library=library, type=name)
    # Translators: a value of a library's type inside a sentence ("a numpy ndarray"); {library} and {type} are names.
    return _("a {library} {type}").format(library=library, type=name)


def _starts_with_vowel(name: str) -> bool:
    """Whether English says "an" before the name (``an int``, ``an object``)."""
    return name[:1].lower() in ("a", "e", "i", "o")


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


def _shape_of_nested(value: Sequence[Any], what: str, depth: int = 0) -> None:
    """Reject ragged nested lists before numpy does something surprising with them."""
    if depth > 8:
        raise Incorrect(_("`{name}` is nested too deeply to be an array of numbers.").format(name=what))
    lengths = set()
    for item in value:
        if isinstance(item, (list, tuple)):
            lengths.add(len(item))
            _shape_of_nested(item, what, depth + 1)
        else:
            lengths.add(None)
    if len(lengths) > 1:
        raise Incorrect(_("`{name}` is a ragged list: its rows do not all have the same length.").format(name=what))


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
        raise Incorrect(
            _("`{name}` is None. Did you assign the result of something that returns nothing?").format(name=what)
        )
    if isinstance(value, (str, bytes)):
        raise Incorrect(
            _("`{name}` is a string ({text}); it should hold numbers, not text.").format(
                name=what, text=repr(value[:40])
            )
        )
    if isinstance(value, TooLarge):
        raise Incorrect(_too_many_elements(what, value.size))
    if isinstance(value, bool) or callable(value) and not is_tensor(value):
        raise Incorrect(
            _("`{name}` is {value}; it should be an array of numbers.").format(name=what, value=describe(value))
        )
    if isinstance(value, (list, tuple)):
        if len(value) > max_elements:
            raise Incorrect(
                ngettext(
                    "`{name}` has {count} item, far more than expected.",
                    "`{name}` has {count} items, far more than expected.",
                    len(value),
                ).format(name=what, count=len(value))
            )
        _shape_of_nested(value, what)
    size = _declared_size(value)
    if size is not None and size > max_elements:
        raise Incorrect(_too_many_elements(what, size))
    try:
        array = np.asarray(value)
    except Exception as error:  # the value's own conversion raised
        # Translators: the {context} of "Your code raised {error} {context}: {detail}"; {name} is a variable.
        context = _("when `{name}` was read as an array").format(name=what)
        raise StudentCodeError(error, context) from None
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)):
        raise Incorrect(
            _("`{name}` is {value} that does not hold plain numbers.").format(name=what, value=describe(value))
        )
    if np.issubdtype(array.dtype, np.complexfloating):
        raise Incorrect(_("`{name}` holds complex numbers; use real numbers.").format(name=what))
    if array.size > max_elements:
        raise Incorrect(_too_many_elements(what, array.size))
    array = array.astype(np.float64)
    if np.isnan(array).any():
        raise Incorrect(_("`{name}` contains NaN (not a number) values.").format(name=what))
    if np.isinf(array).any():
        raise Incorrect(_("`{name}` contains infinite values.").format(name=what))
    if array.size and np.abs(array).max() > MAX_MAGNITUDE:
        raise Incorrect(
            _("`{name}` contains numbers beyond ±{limit}, far larger than any answer here.").format(
                name=what, limit=f"{MAX_MAGNITUDE:.0e}"
            )
        )
    if ndim is not None and array.ndim != ndim:
        raise Incorrect(
            _("`{name}` is {ndim}-dimensional with shape {shape}; it should be {expected}-dimensional.").format(
                name=what, ndim=array.ndim, shape=tuple(array.shape), expected=ndim
            )
        )
    if shape is not None and tuple(array.shape) != tuple(shape):
        raise Incorrect(
            _("`{name}` has shape {shape}; it should have shape {expected}.").format(
                name=what, shape=tuple(array.shape), expected=tuple(shape)
            )
        )
    return array


def _too_many_elements(what: str, size: int) -> str:
    message = ngettext(
        "`{name}` has {count} element, far more than expected.",
        "`{name}` has {count} elements, far more than expected.",
        size,
    )
    return message.format(name=what, count=size)


def _declared_size(value: Any) -> int | None:
    """The element count an array-like claims, read without converting it."""
    shape = getattr(value, "shape", None)
    if shape is None or not (isinstance(value, np.ndarray) or is_tensor(value)):
        return None
    try:
        return int(np.prod([int(dim) for dim in shape]))
    except (TypeError, ValueError):
        return None
