"""What every exercise 4 function question shares: no library convolution or pooling, messages
about shapes, tensor methods and dtypes, and a note when an answer calls an earlier one that is wrong.

The checks call the student's functions with TensorFlow tensors and with numpy arrays (float32),
compare with ``tf.nn.conv2d`` and TensorFlow's pooling, and refuse answers that hand the work to a
library (see `autograder.core.from_scratch`).
"""

from __future__ import annotations

import types
from typing import Any, ClassVar

import numpy as np

from autograder.core import CheckContext, Incorrect, Question, StudentCodeError, as_numbers, close, label_of
from autograder.core.from_scratch import FromScratchQuestion
from autograder.core.observed import inspects
from autograder.core.question import short_repr
from autograder.core.values import differ
from autograder.exercises.ex4.references import as_float
from autograder.vision.library_ops import CONVOLUTION_AND_POOLING

TENSOR_METHOD_NOTE = (
    "The inputs can be TensorFlow tensors, which have no numpy methods such as `.sum()` or `.max()`: "
    "use functions that accept both, such as `tf.reduce_sum(...)` or `np.sum(...)`, "
    "or convert first with `X = np.asarray(X)`"
)

DTYPE_NOTE = (
    "The inputs hold float32 numbers, and TensorFlow will not mix them with float64 ones (numpy's default, "
    "as in `np.zeros(...)`): create your arrays with `tf.zeros(...)` or `dtype=np.float32`"
)

NO_GRADIENT_NOTE = (
    "A gradient of None means the loss was not computed from `K` with TensorFlow operations: "
    "make `K` a `tf.Variable`, and build the output of `corr2d` with `tf.stack` or by adding slices, "
    "not by writing into a numpy array or a `tf.Variable` (that cuts the gradient)"
)


@inspects
def _mentions(func: Any, name: str) -> bool:
    """Whether a function's code uses the global ``name``."""
    pending = [func.__code__] if isinstance(func, types.FunctionType) else []
    while pending:
        current = pending.pop()
        if name in current.co_names:
            return True
        pending.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return False


class ScratchQuestion(FromScratchQuestion):
    """An ex4 function question: no library convolution or pooling, clear shape and type messages."""

    library = CONVOLUTION_AND_POOLING
    allowed = "loops and slicing (arithmetic such as `tf.reduce_sum`, `tf.reduce_max`, `np.sum` and `tf.stack` is fine)"
    shape_rule: ClassVar[str] = ""
    """How the output shape follows from the inputs, told to a student whose shape is wrong."""
    builds_on: ClassVar[tuple[type[Question], ...]] = ()
    """Earlier questions whose functions this function may call (each is named by its `var`)."""

    def same(self, got: Any, expected: Any) -> bool:
        array = as_numbers(got)
        return array is not None and close(array, as_float(expected))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = as_numbers(got)
        if array is None:
            return (
                f"returned {short_repr(got, 80)}; it should return an array of numbers "
                "(a tf tensor, a numpy array or a nested list)."
            )
        expected = as_float(expected)
        if array.shape != expected.shape:
            return (
                f"returned an array of shape {array.shape}, but the result has shape {expected.shape}: "
                f"{self.shape_rule}"
            )
        if not np.isfinite(array).all():
            return "returned NaN or infinite values."
        wrong = np.argwhere(differ(array, expected))
        where = ", ".join(str(int(i)) for i in wrong[0])
        return (
            f"returned {short_repr(array)}, but the expected result is {short_repr(expected)} "
            f"({len(wrong)} of {expected.size} values differ; the first at index ({where}))."
        )

    def verify(self, func: Any, context: CheckContext) -> str | None:
        try:
            return super().verify(func, context)
        except StudentCodeError as error:
            notes = [note for note in (self.error_note(error.error), self.helper_note(func, context)) if note]
            if notes:
                context_with_notes = ". ".join([error.context, *(note.rstrip(".") for note in notes)])
                raise StudentCodeError(error.error, f"{context_with_notes}. The error was") from None
            raise
        except Incorrect as reason:
            note = self.helper_note(func, context)
            raise Incorrect(f"{reason} {note}".strip()) from None

    def error_note(self, error: BaseException) -> str:
        text = str(error)
        if isinstance(error, AttributeError) and ("EagerTensor" in text or "Variable" in text):
            return TENSOR_METHOD_NOTE
        if "but is a double tensor" in text or "dtype float32 for Tensor with dtype float64" in text:
            return DTYPE_NOTE
        return ""

    def helper_note(self, func: Any, context: CheckContext) -> str:
        """Point at an earlier answer that this one calls and that is not right yet."""
        for earlier in self.builds_on:
            name = earlier.var
            if not _mentions(func, name):
                continue
            label = label_of(earlier)
            outcome = earlier().evaluate(context.namespace)
            if not outcome.passed:
                return f"Note: `{self.var}` calls your `{name}`, which is not right yet ({label}): fix that first."
        return ""
