"""What every exercise 4 function question shares: no library convolution or pooling, messages
about shapes, tensor methods and dtypes, and a note when an answer calls an earlier one that is wrong.

The checks call the student's functions with TensorFlow tensors and with numpy arrays (float32),
compare with ``tf.nn.conv2d`` and TensorFlow's pooling, and refuse answers that hand the work to a
library (see `autograder.core.from_scratch`). A question composes its notes on errors (`notes`,
functions of an error) instead of overriding the check: `ScratchQuestion.verify` is the one place
that turns a failure into its message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from autograder.core import CheckContext, Incorrect, Question, StudentCodeError, as_numbers, close, label_of
from autograder.core.from_scratch import LibraryFunctions, admitted, library_refused
from autograder.core.question import FunctionQuestion, short_repr, with_notes
from autograder.core.values import differ
from autograder.exercises.ex4.probes import mentions
from autograder.exercises.ex4.references import as_float
from autograder.exercises.ex4.tensor_errors import assigns_into_a_tensor, missing_attribute, mixes_floats
from autograder.i18n import N_, _, ngettext
from autograder.vision.library_ops import CONVOLUTION_AND_POOLING

TENSOR_METHOD_NOTE = N_(
    "TensorFlow tensors and variables have no numpy methods such as `.sum()` or `.max()`, and the checks' "
    "inputs can be tensors: use functions that accept both, such as `tf.reduce_sum(...)` or `np.sum(...)`, "
    "or convert first with `X = np.asarray(X)`."
)

NOT_A_VARIABLE_METHOD_NOTE = N_(
    "`assign`, `assign_add` and `assign_sub` are methods of a `tf.Variable` only, and this value is a plain "
    "tensor: create it with `tf.Variable(...)` and update that variable in place."
)

ITEM_ASSIGNMENT_NOTE = N_(
    "A TensorFlow tensor or variable does not support item assignment, `Y[i, j] = ...`: collect the values "
    "in a list and build the output with `tf.stack`, as lesson 4 does."
)

DTYPE_NOTE = N_(
    "The inputs hold float32 numbers, and TensorFlow will not mix them with float64 ones (numpy's default, "
    "as in `np.zeros(...)`): create your arrays with `tf.zeros(...)` or `dtype=np.float32`."
)

ErrorNote = Callable[[BaseException], str | None]
"""What an error of the student's code shows: a sentence, "" to say nothing more, or None to leave it to the
next note."""


def tensor_method_note(error: BaseException) -> str | None:
    """A numpy method, or a variable's `assign`, called on a TensorFlow tensor."""
    missing = missing_attribute(error)
    if missing is None:
        return None
    holder, attribute = missing
    if holder.endswith("EagerTensor") and attribute.startswith("assign"):
        return _(NOT_A_VARIABLE_METHOD_NOTE)
    return _(TENSOR_METHOD_NOTE) if hasattr(np.ndarray, attribute) else None


def item_assignment_note(error: BaseException) -> str | None:
    """``Y[i, j] = ...`` into a TensorFlow tensor or variable."""
    return _(ITEM_ASSIGNMENT_NOTE) if assigns_into_a_tensor(error) else None


def dtype_note(error: BaseException) -> str | None:
    """float64 values (numpy's default) mixed with the inputs' float32."""
    return _(DTYPE_NOTE) if mixes_floats(error) else None


TENSOR_NOTES: tuple[ErrorNote, ...] = (tensor_method_note, item_assignment_note, dtype_note)
"""The notes every exercise 4 question gives on errors of TensorFlow code."""


def joined(*sentences: str) -> str:
    """Complete sentences, each translated on its own, as one paragraph."""
    return " ".join(sentence for sentence in sentences if sentence)


class ScratchQuestion(FunctionQuestion):
    """An ex4 function question: no library convolution or pooling, clear shape and type messages."""

    library: ClassVar[tuple[LibraryFunctions, ...]] = CONVOLUTION_AND_POOLING
    refusal: ClassVar[str] = N_(
        "`{var}` uses `{name}`, which does the cross-correlation for you. This question asks you to write it "
        "yourself with loops and slicing (arithmetic such as `tf.reduce_sum`, `tf.reduce_max`, `np.sum` and "
        "`tf.stack` is fine)."
    )
    """What a student who used a library function of `library` is told; fields ``{var}`` and ``{name}``."""
    shape_rule: ClassVar[str] = ""
    """How the output shape follows from the inputs, told to a student whose shape is wrong (a whole clause)."""
    builds_on: ClassVar[tuple[type[Question], ...]] = ()
    """Earlier questions whose functions this function may call (each is named by its `var`)."""
    notes: ClassVar[tuple[ErrorNote, ...]] = TENSOR_NOTES
    """What an error of the student's code shows, asked in order: the first that is not None is told."""

    def library_message(self, name: str) -> str:
        return _(self.refusal).format(var=self.var, name=name)

    def same(self, got: Any, expected: Any) -> bool:
        array = as_numbers(got)
        return array is not None and close(array, as_float(expected))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = as_numbers(got)
        if array is None:
            return _(
                "returned {value}; it should return an array of numbers (a tf tensor, a numpy array or a nested list)."
            ).format(value=short_repr(got, 80))
        expected = as_float(expected)
        if array.shape != expected.shape:
            # Translators: {rule} is a whole clause on how the output's shape follows from the inputs.
            return _("returned an array of shape {shape}, but the result has shape {expected}: {rule}").format(
                shape=array.shape, expected=expected.shape, rule=_(self.shape_rule)
            )
        if not np.isfinite(array).all():
            return _("returned NaN or infinite values.")
        wrong = np.argwhere(differ(array, expected))
        message = ngettext(
            "returned {value}, but the expected result is {expected} ({count} of {size} values differs, at index "
            "({index})).",
            "returned {value}, but the expected result is {expected} ({count} of {size} values differ; "
            "the first at index ({index})).",
            len(wrong),
        )
        return message.format(
            value=short_repr(array),
            expected=short_repr(expected),
            count=len(wrong),
            size=expected.size,
            index=", ".join(str(int(i)) for i in wrong[0]),
        )

    def verify(self, func: Any, context: CheckContext) -> str | None:
        """The one check of an ex4 function: a function of the student's own, right on every case; each
        failure gets its notes here, and only here."""
        try:
            self.require_function(func)
            with library_refused(self.library_message):
                count = self.run_cases(admitted(func, self.library, self.library_message), context)
        except StudentCodeError as error:
            notes = joined(self.error_note(error.error), self.helper_note(func, context))
            if notes:
                raise StudentCodeError(error.error, with_notes(error.context, notes)) from None
            raise
        except Incorrect as reason:
            raise Incorrect(joined(str(reason), self.helper_note(func, context))) from None
        return self.praise(count)

    def error_note(self, error: BaseException) -> str:
        """What the student's error shows, from the first of `notes` that recognises it ("" when none does)."""
        for note in self.notes:
            said = note(error)
            if said is not None:
                return said
        return ""

    def helper_note(self, func: Any, context: CheckContext) -> str:
        """Point at an earlier answer that this one calls and that is not right yet."""
        for earlier in self.builds_on:
            name = earlier.var
            if not mentions(func, name):
                continue
            outcome = earlier().evaluate(context.namespace)
            if not outcome.passed:
                return _("Note: `{var}` calls your `{name}`, which is not right yet ({label}): fix that first.").format(
                    var=self.var, name=name, label=label_of(earlier)
                )
        return ""
