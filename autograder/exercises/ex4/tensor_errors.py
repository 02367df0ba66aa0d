"""Which mistake an error raised by a student's TensorFlow code shows, recognised by its type first.

TensorFlow gives a type of its own only to the errors its operations raise
(``tf.errors.InvalidArgumentError``). The judge rebuilds a student's error from its evidence: a
class it does not import is rebuilt as a look-alike with the same module and name, so a TensorFlow
error is recognised by those (`is_tf_error`). The other mistakes reach the student as Python's own
types (`AttributeError`, `TypeError`, `ValueError`), which the judge rebuilds from their message
alone; for those, and to tell one `InvalidArgumentError` from another, the fallback reads the
fixed wording Python or TensorFlow gives each mistake. The phrases are this module's constants,
and the tests raise each mistake with the TensorFlow installed, so an upgrade that rewords one
fails a test instead of silencing a note.
"""

from __future__ import annotations

import tensorflow as tf

MISSING_ATTRIBUTE = "' object has no attribute '"
"""Python's wording for ``'<class>' object has no attribute '<name>'``."""
NO_ITEM_ASSIGNMENT = "' object does not support item assignment"
"""Python's wording for ``Y[i, j] = ...`` on an object without item assignment."""
MIXED_IN_AN_OPERATION = (
    "expected to be a float tensor but is a double tensor",
    "expected to be a double tensor but is a float tensor",
)
"""TensorFlow's words for an operation given float32 and float64 tensors together."""
MIXED_IN_A_CONVERSION = (
    "requested dtype float32 for Tensor with dtype float64",
    "requested dtype float64 for Tensor with dtype float32",
)
"""TensorFlow's words for a float64 tensor converted to float32, or the other way round."""
INCOMPATIBLE_SHAPES = "Incompatible shapes"
"""TensorFlow's words for an operation on tensors whose shapes do not broadcast."""
NOT_BROADCAST = "could not be broadcast"
"""NumPy's words for arrays whose shapes do not broadcast."""
TAPE_REUSED = "non-persistent GradientTape"
"""TensorFlow's words for a second gradient asked of a tape."""
NONE_VALUE = "NoneType"
"""Python's and TensorFlow's name for None's type in the errors that a None value causes."""


def is_tf_error(error: BaseException, kind: type[Exception]) -> bool:
    """Whether ``error`` is TensorFlow's error ``kind``, or the judge's look-alike of one (same module and name)."""
    made = type(error)
    return isinstance(error, kind) or (made.__module__, made.__name__) == (kind.__module__, kind.__name__)


def _is_word(text: str, also: str = "") -> bool:
    return bool(text) and all(char.isalnum() or char == "_" or char in also for char in text)


def _is_tensor_class(name: str) -> bool:
    """A tensor's class as Python names it (``tensorflow.python.framework.ops.EagerTensor``) or a variable's."""
    return (name.endswith("EagerTensor") and _is_word(name, ".")) or (name.endswith("Variable") and _is_word(name))


def _tensor_class_before(text: str, phrase: str) -> tuple[str, str] | None:
    """The tensor class quoted just before ``phrase`` in ``text``, and the text after it (None if neither)."""
    head, found, tail = text.partition(phrase)
    __, quote, name = head.rpartition("'")
    if not found or not quote or not _is_tensor_class(name):
        return None
    return name, tail


def missing_attribute(error: BaseException) -> tuple[str, str] | None:
    """(the class, the attribute) of an `AttributeError` on a TensorFlow tensor or variable, else None."""
    if not isinstance(error, AttributeError):
        return None
    found = _tensor_class_before(str(error), MISSING_ATTRIBUTE)
    if found is None:
        return None
    name, rest = found
    attribute, quote, __ = rest.partition("'")
    return (name, attribute) if quote and _is_word(attribute) else None


def assigns_into_a_tensor(error: BaseException) -> bool:
    """Whether ``error`` is ``Y[i, j] = ...`` on a TensorFlow tensor or variable."""
    return isinstance(error, TypeError) and _tensor_class_before(str(error), NO_ITEM_ASSIGNMENT) is not None


def mixes_floats(error: BaseException) -> bool:
    """Whether ``error`` comes from float32 and float64 values used together."""
    text = str(error)
    if is_tf_error(error, tf.errors.InvalidArgumentError):
        return any(phrase in text for phrase in MIXED_IN_AN_OPERATION)
    return isinstance(error, ValueError) and any(phrase in text for phrase in MIXED_IN_A_CONVERSION)


def shapes_do_not_broadcast(error: BaseException) -> bool:
    """Whether ``error`` is an elementwise operation on arrays or tensors of shapes that do not fit together."""
    if is_tf_error(error, tf.errors.InvalidArgumentError):
        return INCOMPATIBLE_SHAPES in str(error)
    return isinstance(error, ValueError) and NOT_BROADCAST in str(error)


def reuses_a_tape(error: BaseException) -> bool:
    """Whether ``error`` is a second gradient asked of a non-persistent ``tf.GradientTape``."""
    return isinstance(error, RuntimeError) and TAPE_REUSED in str(error)


def no_gradient(error: BaseException) -> bool:
    """Whether ``error`` is what a None gradient causes in an update (``lr * None``, ``assign_sub(None)``)."""
    return isinstance(error, (TypeError, ValueError)) and NONE_VALUE in str(error)
