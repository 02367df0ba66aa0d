"""The ``____`` placeholder that starter code leaves for the student to fill in.

``____`` is a float with an unlikely, exactly representable value, so starter code such as
``tf.constant([[____, ____], [____, ____]])`` still runs, and the checker can then recognise the
placeholder inside lists, arrays and tensors and answer "Not attempted" instead of "Incorrect".
"""

from __future__ import annotations

import dis
import types
from collections.abc import Mapping
from typing import Any

import numpy as np

from autograder.core.observed import inspects
from autograder.core.values import is_tensor

PLACEHOLDER_VALUE = -31337.03125  # exact in float32 and float64
PLACEHOLDER_NAME = "____"
_MAX_ITEMS = 100_000


class Placeholder(float):
    """A float that prints as ``____``."""

    def __new__(cls) -> Placeholder:
        return super().__new__(cls, PLACEHOLDER_VALUE)

    def __repr__(self) -> str:
        return PLACEHOLDER_NAME

    __str__ = __repr__


____ = Placeholder()


def contains_placeholder(value: Any, _depth: int = 0) -> bool:
    """True when ``value`` is, or holds somewhere inside, the placeholder."""
    if isinstance(value, Placeholder):
        return True
    if _depth > 20:
        return False
    if isinstance(value, (str, bytes, bool, int)) or value is None:
        return False
    if isinstance(value, float):
        return value == PLACEHOLDER_VALUE
    if isinstance(value, (list, tuple, set, frozenset)):
        if len(value) > _MAX_ITEMS:
            return False
        return any(contains_placeholder(item, _depth + 1) for item in value)
    if isinstance(value, Mapping):
        return any(contains_placeholder(item, _depth + 1) for item in list(value.values()))
    return _array_has_placeholder(value)


def _array_has_placeholder(value: Any) -> bool:
    if not (isinstance(value, np.ndarray) or is_tensor(value)):
        return False
    try:
        array = np.asarray(value)
    except Exception:
        return False
    if array.size > 10 * _MAX_ITEMS:
        return False
    if array.dtype == object:
        return any(contains_placeholder(item, 21) for item in array.ravel())
    if np.issubdtype(array.dtype, np.floating):
        return bool(np.any(array == np.asarray(PLACEHOLDER_VALUE, dtype=array.dtype)))
    return False


_STUB_OPCODES = {"RESUME", "NOP", "CACHE", "PUSH_NULL", "POP_TOP", "LOAD_CONST", "RETURN_VALUE", "RETURN_CONST"}


@inspects
def is_untouched_stub(func: Any) -> bool:
    """True for a function whose body does nothing but mention ``____`` (starter code left as it was)."""
    code = getattr(func, "__code__", None)
    if not isinstance(code, types.CodeType):
        return False
    mentions_placeholder = False
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME") and instruction.argval == PLACEHOLDER_NAME:
            mentions_placeholder = True
        elif instruction.opname not in _STUB_OPCODES:
            return False
    return mentions_placeholder
