"""Exercise 4, Convolution from scratch: the questions and the set-up the notebook imports.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex4 import *

Conventions, as in lesson 4: channels first. A single-channel image is (h, w) and its kernel
(kh, kw); a multi-channel image X is (c_in, h, w) and a kernel stack K is (c_in, kh, kw) for one
output channel or (c_out, c_in, kh, kw) for several. Every output is VALID: the window never
leaves the image.

The checks call the student's functions with TensorFlow tensors and with numpy arrays (float32),
compare with ``tf.nn.conv2d`` and TensorFlow's pooling, and refuse answers that hand the work to a
library (see `autograder.core.from_scratch`).
"""

from __future__ import annotations

import math
import random
import types
from dataclasses import dataclass
from typing import Any, ClassVar

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.core import (
    CheckContext,
    Diagnosis,
    FunctionQuestion,
    Incorrect,
    MultipartQuestion,
    Question,
    QuestionView,
    StudentCodeError,
    ____,
    contains_placeholder,
)
from autograder.core.from_scratch import FromScratchQuestion
from autograder.core.observed import inspects
from autograder.core.placeholder import is_untouched_stub
from autograder.core.question import format_call, short_repr
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision import show_kernel, show_maps
from autograder.vision.library_ops import CONVOLUTION_AND_POOLING

silence_loaded_tensorflow()

example_X = tf.reshape(tf.range(9.0), (3, 3))
"""The 3x3 input of the worked example: 0 to 8, row by row."""

example_K = tf.constant([[0.0, 1.0], [2.0, 3.0]])
"""The 2x2 kernel of the worked example; ``corr2d(example_X, example_K)`` is [[19, 25], [37, 43]]."""

example_X2 = tf.stack([example_X, example_X + 1])
"""A two-channel input, shape (2, 3, 3): `example_X` and `example_X` + 1."""

example_K2 = tf.stack([example_K, example_K + 1])
"""One kernel per input channel of `example_X2`, shape (2, 2, 2)."""

example_K3 = tf.stack([example_K2, example_K2 + 1, example_K2 + 2])
"""Three output channels' kernel stacks, shape (3, 2, 2, 2)."""

edge_image = np.zeros((6, 8), dtype=np.float32)
edge_image[:, 2:5] = 1.0
"""A 6x8 black image with a white vertical bar in columns 2 to 4."""

edge_kernel = tf.constant([[1.0, -1.0]])
"""A pixel minus its right-hand neighbour: nonzero only where brightness changes across."""


# ---------------------------------------------------------------- references


def as_float(value: Any) -> np.ndarray:
    """A checker-made input as a float64 numpy array."""
    return np.asarray(value, dtype=np.float64)


def tf_corr(X: Any, K: Any) -> np.ndarray:
    """Channels-first VALID cross-correlation through ``tf.nn.conv2d``: (c_in, h, w), (c_out, c_in, kh, kw)."""
    images = tf.transpose(tf.convert_to_tensor(X, tf.float32), (1, 2, 0))[tf.newaxis]
    filters = tf.transpose(tf.convert_to_tensor(K, tf.float32), (2, 3, 1, 0))
    return tf.transpose(tf.nn.conv2d(images, filters, strides=1, padding="VALID")[0], (2, 0, 1)).numpy()


def np_corr2d(X: Any, K: Any) -> np.ndarray:
    """VALID cross-correlation in numpy, by adding one shifted, weighted copy of X per kernel weight."""
    X, K = as_float(X), as_float(K)
    kh, kw = K.shape
    out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    out = np.zeros((out_h, out_w))
    for a in range(kh):
        for b in range(kw):
            out += K[a, b] * X[a : a + out_h, b : b + out_w]
    return out


def np_pool(X: Any, pool_size: tuple[int, int], reduce: Any, stride: int = 1) -> np.ndarray:
    """VALID pooling in numpy with any window reduction (``np.max``, ``np.mean``, ...)."""
    X = as_float(X)
    ph, pw = pool_size
    rows = range(0, X.shape[0] - ph + 1, stride)
    cols = range(0, X.shape[1] - pw + 1, stride)
    return np.array([[reduce(X[i : i + ph, j : j + pw]) for j in cols] for i in rows])


def tf_pool(X: Any, pool_size: tuple[int, int], mode: str = "max", stride: int = 1) -> np.ndarray:
    """VALID max or average pooling through TensorFlow.

    ``tf.nn.max_pool2d`` and ``tf.nn.avg_pool2d`` rather than ``tf.nn.pool``, which refuses a
    stride larger than the window.
    """
    batch = tf.convert_to_tensor(X, tf.float32)[tf.newaxis, :, :, tf.newaxis]
    pool = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
    return pool(batch, ksize=tuple(pool_size), strides=(stride, stride), padding="VALID")[0, :, :, 0].numpy()


@dataclass(frozen=True)
class WrongShape:
    """A diagnosis that recognises a result by its shape alone."""

    shape: tuple[int, ...]


def wrong_shape(shape: tuple[int, ...], right: tuple[int, ...]) -> WrongShape | None:
    """A `WrongShape`, unless that shape is the right one (then the diagnosis cannot apply)."""
    shape = tuple(int(n) for n in shape)
    return None if shape == tuple(right) else WrongShape(shape)


def numbers(value: Any) -> np.ndarray | None:
    """A student's result as a float64 array, or None when it is not plain numbers."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)) or contains_placeholder(value):
        return None
    if isinstance(value, (types.FunctionType, type)):
        return None
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    return array if array.size <= 1_000_000 else None


def dims(value: Any) -> tuple[int, ...]:
    """The shape of a checker-made array or tensor, as plain ints."""
    return tuple(int(d) for d in np.shape(value))


def _seeded(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**31))


def _ints(gen: np.random.Generator, shape: tuple[int, ...], low: int = -5, high: int = 5) -> np.ndarray:
    """Small whole numbers as float32: exact sums, readable messages."""
    return gen.integers(low, high + 1, size=shape).astype(np.float32)


def _maybe_tensor(rng: random.Random, *arrays: np.ndarray) -> tuple[Any, ...]:
    """The arrays as they are, or all as tf tensors: the checks use both kinds of input."""
    if rng.random() < 0.5:
        return arrays
    return tuple(tf.constant(array) for array in arrays)


# ---------------------------------------------------------------- shared question behaviour

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
    builds_on: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(function name, question label) of earlier answers this function may call."""

    def same(self, got: Any, expected: Any) -> bool:
        if expected is None:
            return False
        array = numbers(got)
        if array is None:
            return False
        if isinstance(expected, WrongShape):
            return array.shape == expected.shape
        expected = as_float(expected)
        return array.shape == expected.shape and bool(np.allclose(array, expected, rtol=1e-4, atol=1e-4))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = numbers(got)
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
        wrong = np.argwhere(~np.isclose(array, expected, rtol=1e-4, atol=1e-4))
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
        for name, label in self.builds_on:
            if not _mentions(func, name):
                continue
            outcome = QUESTIONS[label].evaluate(context.namespace)
            if not outcome.passed:
                return f"Note: `{self.var}` calls your `{name}`, which is not right yet ({label}): fix that first."
        return ""


# ---------------------------------------------------------------- question 1


def _valid_shape(X: Any, K: Any) -> tuple[int, int]:
    """The VALID output shape, (h - kh + 1, w - kw + 1), of an (h, w) input and a (kh, kw) kernel."""
    (h, w), (kh, kw) = dims(X), dims(K)
    return h - kh + 1, w - kw + 1


def _impulse() -> np.ndarray:
    image = np.zeros((5, 6), dtype=np.float32)
    image[2, 3] = 1.0
    return image


_fixed = np.random.default_rng(2024)


class Corr2d(ScratchQuestion):
    """Q1: ``corr2d(X, K)``, the VALID 2-D cross-correlation of an (h, w) input with a (kh, kw) kernel.

    Graded against ``tf.nn.conv2d`` on the worked example, an impulse with an asymmetric kernel
    (a flipped kernel shows), the edge image, and random non-square inputs and kernels (even sizes
    included), given as numpy arrays and as tf tensors. Rule: the function, and any notebook
    function it calls, may not use a library convolution or pooling (``tf.nn``, ``tf.raw_ops``,
    ``keras.ops`` and Keras layers built on them, ``scipy.signal``, ``scipy.ndimage``): references to
    them are refused before running, and calls to them fail while the function runs.
    """

    var = "corr2d"
    points = 2
    purpose = "cross-correlation"
    shape_rule = (
        "a (kh, kw) kernel fits h - kh + 1 times down an (h, w) input and w - kw + 1 times across "
        "(VALID: the window never leaves the image)."
    )
    fixed_cases = (
        (example_X, example_K),
        (tf.constant(_impulse()), tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])),
        (edge_image, edge_kernel.numpy()),
        (_ints(_fixed, (4, 7)), _ints(_fixed, (3, 2))),
    )
    visible_random_cases = 2
    diagnoses = (
        Diagnosis(
            lambda X, K: np_corr2d(X, as_float(K)[::-1, ::-1]),
            "you flipped the kernel, which is the convolution of mathematics. A convolutional layer computes "
            "a cross-correlation: lay the kernel on the image as it is written, `K[0, 0]` on the window's "
            "top-left pixel.",
        ),
        Diagnosis(
            lambda X, K: np_corr2d(X, K).T,
            "your output is transposed: rows and columns are swapped. The first index of the output should "
            "move the window down the image (`i` over rows), the second across it (`j` over columns).",
        ),
        Diagnosis(
            lambda X, K: wrong_shape(dims(X), _valid_shape(X, K)),
            "your output is as large as the input, as with SAME padding. Without padding a (kh, kw) window "
            "fits only h - kh + 1 times down and w - kw + 1 times across, so the output is smaller.",
        ),
        Diagnosis(
            lambda X, K: wrong_shape(np.subtract(_valid_shape(X, K), 1), _valid_shape(X, K)),
            "your output is one row and one column short: a (kh, kw) window fits h - kh + 1 times down an "
            "h-row image (`range(h - kh + 1)`), not h - kh.",
        ),
        Diagnosis(
            lambda X, K: wrong_shape(_valid_shape(X, K)[::-1], _valid_shape(X, K)),
            "your output has its rows and columns swapped: it should be (h - kh + 1) rows by (w - kw + 1) columns.",
        ),
        Diagnosis(
            lambda X, K: wrong_shape((dims(X)[0] - dims(K)[0] + 1, dims(X)[1] - dims(K)[0] + 1), _valid_shape(X, K)),
            "you used the kernel's height for its width too. Kernels need not be square: "
            "`kh, kw = K.shape`, and the window is `X[i:i + kh, j:j + kw]`.",
        ),
        Diagnosis(
            lambda X, K: wrong_shape((dims(X)[0] - dims(K)[0] + 1, dims(X)[0] - dims(K)[1] + 1), _valid_shape(X, K)),
            "you used the image's height for its width too. Images need not be square: `h, w = X.shape`.",
        ),
    )
    hints = (
        "The output has shape (h - kh + 1, w - kw + 1). Its entry (i, j) is the sum of the window "
        "`X[i:i + kh, j:j + kw]` multiplied element by element with `K`.",
        "Loop over the output rows `i` and columns `j`; collect each row's values in a list and build "
        "the result with `tf.stack` (it accepts a list of numbers or of tensors).",
        "Take `kh, kw = K.shape` and `h, w = X.shape` separately: neither the image nor the kernel is "
        "always square. Do not flip the kernel.",
    )
    solution = (
        "def corr2d(X, K):\n"
        "    kh, kw = K.shape\n"
        "    h, w = X.shape\n"
        "    rows = []\n"
        "    for i in range(h - kh + 1):\n"
        "        row = [tf.reduce_sum(X[i:i + kh, j:j + kw] * K) for j in range(w - kw + 1)]\n"
        "        rows.append(tf.stack(row))\n"
        "    return tf.stack(rows)"
    )

    def reference(self, X: Any, K: Any) -> np.ndarray:
        return tf_corr(as_float(X)[np.newaxis], as_float(K)[np.newaxis, np.newaxis])[0]

    def error_note(self, error: BaseException) -> str:
        text = str(error)
        if "Incompatible shapes" in text or "could not be broadcast" in text:
            return (
                "Each window must have the kernel's shape: with `kh, kw = K.shape` (kernels need not be square) "
                "the window at (i, j) is `X[i:i + kh, j:j + kw]`"
            )
        return super().error_note(error)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = _seeded(rng)
        h, w = rng.randint(2, 7), rng.randint(2, 7)
        kh, kw = rng.randint(1, min(h, 4)), rng.randint(1, min(w, 4))
        return _maybe_tensor(rng, _ints(gen, (h, w)), _ints(gen, (kh, kw)))


# ---------------------------------------------------------------- question 2


def _multi_shapes(X: Any, K: Any) -> tuple[int, int, int]:
    """(c_in, output height, output width) for a (c_in, h, w) input and (..., kh, kw) kernels."""
    c_in, h, w = dims(X)
    kh, kw = dims(K)[-2:]
    return c_in, h - kh + 1, w - kw + 1


def _per_channel(X: Any, K: Any) -> np.ndarray:
    return np.stack([np_corr2d(x, k) for x, k in zip(as_float(X), as_float(K), strict=True)])


class CorrMultiIn(ScratchQuestion):
    """Q2a: ``corr2d_multi_in(X, K)``: a (c_in, h, w) input, a (c_in, kh, kw) kernel stack, one output map.

    Graded against ``tf.nn.conv2d`` (one output channel) on the worked two-channel example, random
    multi-channel inputs and a single-channel one. Same no-library rule as question 1.
    """

    var = "corr2d_multi_in"
    purpose = "cross-correlation"
    shape_rule = (
        "one (h - kh + 1, w - kw + 1) map, whatever the number of input channels, because the channels' "
        "maps are added up."
    )
    builds_on = (("corr2d", "q_1"),)
    fixed_cases = (
        (example_X2, example_K2),
        (_ints(_fixed, (3, 4, 6)), _ints(_fixed, (3, 2, 3))),
        (tf.constant(_ints(_fixed, (1, 5, 4))), tf.constant(_ints(_fixed, (1, 3, 3)))),
    )
    visible_random_cases = 1
    diagnoses = (
        Diagnosis(
            _per_channel,
            "you returned one map per input channel. A convolutional layer adds the channels' maps up "
            "into a single map.",
        ),
        Diagnosis(
            lambda X, K: _per_channel(X, K).mean(axis=0),
            "you averaged the channels' maps; a convolutional layer adds them up (a sum, not a mean).",
        ),
        Diagnosis(
            lambda X, K: np_corr2d(as_float(X)[0], as_float(K)[0]),
            "you used only the first channel. Cross-correlate every channel of `X` with its own kernel "
            "`K[c]` and add the results.",
        ),
        Diagnosis(
            lambda X, K: _per_channel(X, as_float(K)[:, ::-1, ::-1]).sum(axis=0),
            "your kernels are flipped (the convolution of mathematics); lay each kernel on its channel as written.",
        ),
        Diagnosis(
            lambda X, K: wrong_shape(_multi_shapes(X, K), _multi_shapes(X, K)[1:]),
            "you returned one map per input channel. A convolutional layer adds the channels' maps up "
            "into a single map.",
        ),
    )
    hints = (
        "Pair each channel `X[c]` with its kernel `K[c]`, cross-correlate them with your `corr2d`, and add "
        "the results.",
        "`zip(X, K)` walks along the first axis of both, channel by channel; `tf.add_n(list_of_maps)` or "
        "Python's `sum(...)` adds the maps.",
    )
    solution = "def corr2d_multi_in(X, K):\n    return tf.add_n([corr2d(x, k) for x, k in zip(X, K, strict=True)])"

    def reference(self, X: Any, K: Any) -> np.ndarray:
        return tf_corr(X, as_float(K)[np.newaxis])[0]

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = _seeded(rng)
        c_in, h, w = rng.randint(2, 3), rng.randint(3, 6), rng.randint(3, 6)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        return _maybe_tensor(rng, _ints(gen, (c_in, h, w)), _ints(gen, (c_in, kh, kw)))


def _multi_out(X: Any, K: Any) -> np.ndarray:
    return np.stack([_per_channel(X, k).sum(axis=0) for k in as_float(K)])


def _out_shape(X: Any, K: Any) -> tuple[int, int, int]:
    _, out_h, out_w = _multi_shapes(X, K)
    return dims(K)[0], out_h, out_w


class CorrMultiInOut(ScratchQuestion):
    """Q2b: ``corr2d_multi_in_out(X, K)``: (c_in, h, w) input, (c_out, c_in, kh, kw) kernels, (c_out, ., .) out.

    Graded against ``tf.nn.conv2d`` on the worked three-output example, random shapes and a single
    output channel. Same no-library rule as question 1.
    """

    var = "corr2d_multi_in_out"
    purpose = "cross-correlation"
    shape_rule = (
        "channels first, (c_out, h - kh + 1, w - kw + 1): one map per output channel, stacked along the first axis."
    )
    builds_on = (("corr2d_multi_in", "q_2.a"), ("corr2d", "q_1"))
    fixed_cases = (
        (example_X2, example_K3),
        (_ints(_fixed, (2, 4, 5)), _ints(_fixed, (3, 2, 2, 3))),
        (tf.constant(_ints(_fixed, (3, 4, 4))), tf.constant(_ints(_fixed, (1, 3, 2, 2)))),
    )
    visible_random_cases = 1
    diagnoses = (
        Diagnosis(
            lambda X, K: np.transpose(_multi_out(X, K), (1, 2, 0)),
            "your output is channels last, (h', w', c_out). In this exercise channels come first: stack the "
            "output maps along axis 0 (`tf.stack(maps)`, not `tf.stack(maps, axis=-1)`).",
        ),
        Diagnosis(
            lambda X, K: wrong_shape(np.roll(_out_shape(X, K), -1), _out_shape(X, K)),
            "your output is channels last, (h', w', c_out). In this exercise channels come first: stack the "
            "output maps along axis 0 (`tf.stack(maps)`, not `tf.stack(maps, axis=-1)`).",
        ),
        Diagnosis(
            lambda X, K: np.stack([_per_channel(X, k) for k in as_float(K)]),
            "you kept one map per input channel for every output channel. Each output channel adds its "
            "input channels' maps up: use your `corr2d_multi_in` for each kernel stack `K[o]`.",
        ),
        Diagnosis(
            lambda X, K: _multi_out(X, K).sum(axis=0),
            "you added the output channels together. Each kernel stack `K[o]` makes its own output map; "
            "stack the maps instead of adding them.",
        ),
        Diagnosis(
            lambda X, K: wrong_shape(_multi_shapes(X, K)[1:], _out_shape(X, K)),
            "you returned a single map. Each kernel stack `K[o]` makes its own output map; stack the maps "
            "along a new first axis.",
        ),
    )
    hints = (
        "`K[o]` is the (c_in, kh, kw) kernel stack of output channel `o`: `corr2d_multi_in(X, K[o])` is "
        "that channel's map.",
        "Make a list with one map per kernel stack and `tf.stack` it: the output channels become the first axis.",
    )
    solution = "def corr2d_multi_in_out(X, K):\n    return tf.stack([corr2d_multi_in(X, k) for k in K])"

    def reference(self, X: Any, K: Any) -> np.ndarray:
        return tf_corr(X, K)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = _seeded(rng)
        c_in, c_out = rng.randint(1, 2), rng.randint(2, 3)
        h, w = rng.randint(3, 5), rng.randint(3, 5)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        return _maybe_tensor(rng, _ints(gen, (c_in, h, w)), _ints(gen, (c_out, c_in, kh, kw)))


class MultiChannel(MultipartQuestion):
    """Q2: several input channels (a), then several output channels too (b)."""

    parts = {"a": CorrMultiIn(), "b": CorrMultiInOut()}


# ---------------------------------------------------------------- question 3


def _pool_shape(X: Any, pool_size: Any, stride: int) -> tuple[int, int]:
    (h, w), (ph, pw) = dims(X), tuple(pool_size)
    return (h - ph) // stride + 1, (w - pw) // stride + 1


def _when(mode: str, wanted: str, value: Any) -> Any:
    return value() if mode == wanted else None


class Pool2d(ScratchQuestion):
    """Q3: ``pool2d(X, pool_size, mode='max', stride=1)``: VALID max or average pooling of an (h, w) input.

    Graded against ``tf.nn.max_pool2d`` / ``tf.nn.avg_pool2d`` on the worked example (both modes),
    all-negative inputs (a maximum started at 0 or taken of absolute values shows), strides 2 and 3,
    non-square windows and inputs, and random cases. Same no-library rule as question 1
    (``tf.nn.max_pool2d``, ``tf.nn.pool``, Keras pooling layers and ``scipy.ndimage.maximum_filter``
    are refused).
    """

    var = "pool2d"
    points = 2
    purpose = "pooling"
    allowed = "loops and slicing (`tf.reduce_max`, `tf.reduce_mean`, `np.max`, `np.mean` and `tf.stack` are fine)"
    shape_rule = (
        "windows start every `stride` rows and columns and stay inside the input, so a (p_h, p_w) window "
        "fits (h - p_h) // stride + 1 times down and (w - p_w) // stride + 1 times across."
    )
    fixed_cases = (
        (example_X, (2, 2)),
        (example_X, (2, 2), "avg"),
        (-1 - np.abs(_ints(_fixed, (4, 5))), (2, 3), "max", 1),
        (tf.constant(_ints(_fixed, (5, 7))), (2, 2), "max", 2),
        (_ints(_fixed, (6, 5)), (3, 2), "avg", 2),
        (tf.constant(_ints(_fixed, (7, 8))), (2, 3), "max", 3),
    )
    visible_random_cases = 2
    diagnoses = (
        Diagnosis(
            lambda X, p, mode="max", stride=1: _when(mode, "max", lambda: np_pool(X, p, np.mean, stride)),
            "you averaged each window, but `mode='max'` asks for its largest value.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: _when(mode, "avg", lambda: np_pool(X, p, np.max, stride)),
            "you took each window's largest value, but `mode='avg'` asks for its mean.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: _when(mode, "avg", lambda: np_pool(X, p, np.sum, stride)),
            "you added up each window; the average divides that sum by the number of cells, p_h * p_w.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: _when(
                mode, "max", lambda: np_pool(X, p, lambda v: np.abs(v).max(), stride)
            ),
            "you took the largest absolute value. Max pooling keeps the largest value itself; in a window of "
            "negative numbers that is the one closest to zero. Drop the `abs`.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: _when(
                mode, "max", lambda: np_pool(X, p, lambda v: max(v.max(), 0.0), stride)
            ),
            "a window of negative numbers gave 0: your running maximum starts at 0. Start from the window's "
            "own values, for example with `tf.reduce_max(window)`.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: (
                None if stride == 1 else np_pool(X, p, np.max if mode == "max" else np.mean, 1)
            ),
            "you ignored `stride`: windows should start every `stride` rows and columns "
            "(`range(0, h - p_h + 1, stride)`), not at every position.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: (
                None if p[0] == p[1] else np_pool(X, p[::-1], np.max if mode == "max" else np.mean, stride)
            ),
            "you swapped the window's height and width: `pool_size` is (p_h, p_w), rows first.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: (
                None if stride == 1 else wrong_shape(_pool_shape(X, p, 1), _pool_shape(X, p, stride))
            ),
            "you ignored `stride` when sizing the output: with stride s there are (h - p_h) // s + 1 window "
            "positions down and (w - p_w) // s + 1 across.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: wrong_shape(
                np.subtract(_pool_shape(X, p, stride), 1), _pool_shape(X, p, stride)
            ),
            "your output is one row and one column short. Count the window positions: the first window "
            "starts at 0 and the last at most at h - p_h, so there are (h - p_h) // stride + 1 of them.",
        ),
        Diagnosis(
            lambda X, p, mode="max", stride=1: wrong_shape(
                (math.ceil(dims(X)[0] / stride), math.ceil(dims(X)[1] / stride)), _pool_shape(X, p, stride)
            ),
            "your output has the size SAME padding would give. VALID windows stay inside the input: "
            "(h - p_h) // stride + 1 rows and (w - p_w) // stride + 1 columns.",
        ),
    )
    hints = (
        "The window at output position (i, j) is `X[i * stride:i * stride + p_h, j * stride:j * stride + p_w]`; "
        "the output has (h - p_h) // stride + 1 rows and (w - p_w) // stride + 1 columns.",
        "Pick the reduction from `mode` once: `tf.reduce_max` for 'max', `tf.reduce_mean` for 'avg'. "
        "Collect the values row by row and `tf.stack` them, as in `corr2d`.",
        "`range(0, h - p_h + 1, stride)` gives the window's top rows directly.",
    )
    solution = (
        "def pool2d(X, pool_size, mode='max', stride=1):\n"
        "    ph, pw = pool_size\n"
        "    h, w = X.shape\n"
        "    reduce = tf.reduce_max if mode == 'max' else tf.reduce_mean\n"
        "    rows = []\n"
        "    for i in range(0, h - ph + 1, stride):\n"
        "        row = [reduce(X[i:i + ph, j:j + pw]) for j in range(0, w - pw + 1, stride)]\n"
        "        rows.append(tf.stack(row))\n"
        "    return tf.stack(rows)"
    )

    def reference(self, X: Any, pool_size: Any, mode: str = "max", stride: int = 1) -> np.ndarray:
        return tf_pool(X, pool_size, mode, stride)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = _seeded(rng)
        ph, pw = rng.randint(1, 3), rng.randint(1, 3)
        stride = rng.randint(1, 3)
        h, w = ph + rng.randint(1, 6), pw + rng.randint(1, 6)
        (X,) = _maybe_tensor(rng, _ints(gen, (h, w), -9, 9))
        return X, (ph, pw), rng.choice(("max", "avg")), stride


# ---------------------------------------------------------------- question 4


@dataclass(frozen=True)
class Target:
    """What `train_kernel` should recover, with the data it learns from (for messages)."""

    kernel: np.ndarray
    X: np.ndarray
    Y: np.ndarray


def squared_error(X: np.ndarray, Y: np.ndarray, kernel: np.ndarray) -> float:
    return float(((np_corr2d(X, kernel) - Y) ** 2).sum())


def gradient_descent(
    X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float, mean: bool = False
) -> np.ndarray:
    """The numpy trajectory from a zero kernel: summed (or, for a diagnosis, mean) squared error."""
    X, Y = as_float(X), as_float(Y)
    kernel = np.zeros(kernel_shape)
    out_h, out_w = Y.shape
    scale = 1.0 / Y.size if mean else 1.0
    for _ in range(steps):
        residual = np_corr2d(X, kernel) - Y
        gradient = np.array(
            [
                [2 * scale * (residual * X[a : a + out_h, b : b + out_w]).sum() for b in range(kernel_shape[1])]
                for a in range(kernel_shape[0])
            ]
        )
        kernel = kernel - lr * gradient
    return kernel


def training_case(
    rng: random.Random, kernel_shape: tuple[int, int] | None = None, steps: int = 15
) -> tuple[Any, Any, tuple[int, int], int, float]:
    """(X, Y, kernel_shape, steps, lr): data made by a hidden kernel, and a learning rate that lets
    `steps` updates recover it.

    The rate is 2 / (largest + smallest curvature) of the summed squared error, to two significant
    digits; inputs are redrawn until, at that rate, the error shrinks 10^4-fold within `steps` updates.
    """
    gen = _seeded(rng)
    kh, kw = kernel_shape or (rng.randint(1, 3), rng.randint(2, 3))
    while True:
        h, w = kh + rng.randint(4, 5), kw + rng.randint(4, 5)
        X = gen.normal(size=(h, w)).astype(np.float32)
        out_h, out_w = h - kh + 1, w - kw + 1
        patches = np.array([as_float(X[a : a + out_h, b : b + out_w]).ravel() for a in range(kh) for b in range(kw)])
        curvature = np.linalg.eigvalsh(2 * patches @ patches.T)
        lr = float(f"{2 / (curvature[-1] + curvature[0]):.2g}")
        rate = max(abs(1 - lr * curvature[0]), abs(1 - lr * curvature[-1]))
        if rate**steps < 1e-4:
            break
    kernel = np.zeros((kh, kw))
    while np.allclose(kernel, kernel[::-1, ::-1]):
        kernel = gen.integers(-6, 7, size=(kh, kw)) / 2
    Y = np_corr2d(X, kernel).astype(np.float32)
    return tf.constant(X), tf.constant(Y), (kh, kw), steps, lr


class TrainKernel(ScratchQuestion):
    """Q4: ``train_kernel(X, Y, kernel_shape, steps, lr)`` learns the kernel that made Y from X.

    Each case draws X (a tf tensor) and a hidden asymmetric kernel from a seeded generator, sets
    ``Y = corr2d(X, hidden)``, and chooses `steps` and `lr` so that plain gradient descent on the
    summed squared error, from any reasonable start, ends within `tolerance` of the hidden kernel.
    Same no-library rule as question 1 (the forward pass must be the student's own).
    """

    var = "train_kernel"
    points = 2
    purpose = "cross-correlation"
    allowed = "your own `corr2d` in the forward pass"
    tolerance = 0.05
    builds_on = (("corr2d", "q_1"),)
    fixed_cases = (training_case(random.Random(4), (2, 2)),)
    diagnoses = (
        Diagnosis(
            lambda X, Y, shape, steps, lr: np.zeros(shape),
            "the kernel you returned is still all zeros: it never learned. Inside the loop, compute the "
            "gradient of the loss with the tape and update the kernel: `K.assign_sub(lr * grad)`.",
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: gradient_descent(X, Y, shape, steps, lr, mean=True),
            "your kernel moved only a little. It looks like you minimised the mean squared error; with "
            "this `lr` use the summed squared error, `tf.reduce_sum((corr2d(X, K) - Y) ** 2)`.",
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: gradient_descent(X, Y, shape, 1, lr),
            "your kernel made a single update. Repeat the update `steps` times, in a loop.",
        ),
    )
    hints = (
        "Start from `K = tf.Variable(tf.zeros(kernel_shape))`. In each of the `steps` iterations, compute "
        "the loss inside `with tf.GradientTape() as tape:`, then `grad = tape.gradient(loss, K)`.",
        "The loss is the summed squared error `tf.reduce_sum((corr2d(X, K) - Y) ** 2)`; the update is "
        "`K.assign_sub(lr * grad)` (a step downhill). Return `K`.",
        "If the gradient is None, your `corr2d` does not let it through: build its output with `tf.stack` "
        "(or by adding shifted slices), not by assigning into an array or a variable.",
    )
    solution = (
        "def train_kernel(X, Y, kernel_shape, steps, lr):\n"
        "    K = tf.Variable(tf.zeros(kernel_shape))\n"
        "    for _ in range(steps):\n"
        "        with tf.GradientTape() as tape:\n"
        "            loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)\n"
        "        K.assign_sub(lr * tape.gradient(loss, K))\n"
        "    return K"
    )

    def reference(self, X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float) -> Target:
        X, Y = as_float(X), as_float(Y)
        out_h, out_w = Y.shape
        windows = np.array([X[a : a + out_h, b : b + out_w].ravel() for a, b in np.ndindex(*kernel_shape)]).T
        hidden = np.linalg.lstsq(windows, Y.ravel(), rcond=None)[0].reshape(kernel_shape)
        return Target(hidden, X, Y)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return training_case(rng)

    def same(self, got: Any, expected: Any) -> bool:
        array = numbers(got)
        if array is None or expected is None:
            return False
        if isinstance(expected, Target):
            return array.shape == expected.kernel.shape and bool(
                np.all(np.abs(array - expected.kernel) <= self.tolerance)
            )
        expected = as_float(expected)
        return array.shape == expected.shape and bool(np.allclose(array, expected, rtol=1e-3, atol=1e-3))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = numbers(got)
        shape = expected.kernel.shape
        if array is None:
            return (
                f"returned {short_repr(got, 80)}; it should return the learned kernel, an array of shape {shape} "
                "(the `tf.Variable` itself is fine)."
            )
        if array.shape != shape:
            swapped = " (height and width swapped)" if array.shape == shape[::-1] else ""
            return (
                f"returned an array of shape {array.shape}{swapped}; the kernel should have `kernel_shape`, "
                f"{shape}: start from `tf.zeros(kernel_shape)`."
            )
        scale = 10 * (np.abs(expected.kernel).max() + 1)
        if not np.isfinite(array).all() or np.abs(array).max() > scale:
            return (
                "returned a kernel with huge or infinite weights: the training went uphill or blew up. Step "
                "against the gradient, `K.assign_sub(lr * grad)`, with the `lr` you are given."
            )
        if squared_error(expected.X, expected.Y, array) > 0.5 * squared_error(expected.X, expected.Y, np.zeros(shape)):
            return (
                f"returned {short_repr(array)}, which fits the data hardly better than an all-zero kernel: it does "
                "not seem to have learned. In each of the `steps` iterations compute the loss inside "
                "`with tf.GradientTape() as tape:` and update the kernel, `K.assign_sub(lr * tape.gradient(loss, K))`."
            )
        error = float(np.abs(array - expected.kernel).max())
        return (
            f"returned {short_repr(array)}, but the kernel that made `Y` is {short_repr(expected.kernel)} "
            f"(yours is off by up to {error:.3g}; the tolerance is {self.tolerance}). Run all `steps` updates "
            "with the given `lr` on the summed squared error."
        )

    def library_message(self, name: str) -> str:
        return (
            f"`train_kernel` uses `{name}`, a library convolution (Keras's convolution layers call it too). "
            "Here the forward pass must be your own `corr2d`, and the learning your own `tf.GradientTape` loop."
        )

    def error_note(self, error: BaseException) -> str:
        if isinstance(error, (TypeError, ValueError)) and "NoneType" in str(error):
            return NO_GRADIENT_NOTE
        return super().error_note(error)

    def verify(self, func: Any, context: CheckContext) -> str | None:
        super().verify(func, context)
        return f"`train_kernel` recovered the hidden kernel, within {self.tolerance}, in every test case."


# ---------------------------------------------------------------- question 5


class ConvParams(FunctionQuestion):
    """Q5: ``conv_params(kh, kw, c_in, c_out)``, the trainable parameters of a Conv2D layer with bias.

    Graded with fixed and random sizes against (kh * kw * c_in + 1) * c_out, the count Keras reports
    (the tests check the formula against ``keras.layers.Conv2D.count_params``).
    """

    var = "conv_params"
    fixed_cases = ((3, 3, 3, 8), (2, 3, 4, 5), (1, 1, 64, 32), (5, 5, 1, 6))
    visible_random_cases = 2
    diagnoses = (
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out,
            "you forgot the biases: each output channel has one bias as well as its weights.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kw + 1) * c_in * c_out,
            "you gave every input channel its own bias. There is one bias per output channel, added after "
            "the input channels' maps are summed.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kw + 1) * c_out,
            "you forgot the input channels: each output channel has a kh x kw kernel for every one of the "
            "c_in input channels.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out + 1,
            "you counted a single bias for the whole layer; there is one per output channel.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in + 1,
            "that is the count for one output channel; the layer has `c_out` of them.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kh * c_in + 1) * c_out,
            "you used the kernel height twice; a kernel has kh * kw weights per input channel.",
        ),
    )
    hints = (
        "Each output channel has one (kh, kw) kernel per input channel, plus one bias.",
        "Weights: kh * kw * c_in per output channel. Add 1 for its bias, then multiply by c_out.",
    )
    solution = "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw * c_in + 1) * c_out"

    def reference(self, kh: int, kw: int, c_in: int, c_out: int) -> int:
        return (kh * kw * c_in + 1) * c_out

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randint(1, 7), rng.randint(1, 7), rng.randint(1, 64), rng.randint(1, 128)

    def same(self, got: Any, expected: Any) -> bool:
        array = numbers(got)
        return array is not None and array.shape == () and float(array) == float(expected)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = numbers(got)
        if array is None or array.shape != ():
            return f"returned {short_repr(got, 80)}; it should return a single whole number."
        return f"returned {short_repr(got, 40)}, but the layer has {expected} trainable parameters."


# ---------------------------------------------------------------- demos (never crash on unfinished answers)


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
    array = numbers(result)
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


_QUESTION_OF = {"corr2d": "1", "corr2d_multi_in": "2a", "corr2d_multi_in_out": "2b", "pool2d": "3", "conv_params": "5"}


def show_result(func: Any, *args: Any) -> None:
    """Call one of your functions and print what it returns (or why it cannot run yet)."""
    name = getattr(func, "__name__", "your function")
    array = _run(func, name, _QUESTION_OF.get(name, "above"), *args)
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
    edges = _run_2d(corr2d, "corr2d", "1", edge_image, edge_kernel)
    if edges is not None:
        show_maps({"Input": edge_image, "corr2d with [1, -1]": edges}, cmap="RdBu_r")
        plt.show()


def show_learned_kernel(train_kernel: Any, steps: int = 20, lr: float = 0.03) -> None:
    """Learn the edge kernel back from the bar image and its edges with your `train_kernel`."""
    edges = np_corr2d(edge_image, edge_kernel).astype(np.float32)
    learned = _run_2d(train_kernel, "train_kernel", "4", tf.constant(edge_image), tf.constant(edges), (1, 2), steps, lr)
    if learned is not None:
        print(f"learned kernel after {steps} steps: {np.array2string(learned, precision=3)}")
        show_kernel(learned, title="learned kernel")
        plt.show()


QUESTIONS: dict[str, Question] = {
    "q_1": Corr2d(),
    "q_2.a": MultiChannel.parts["a"],
    "q_2.b": MultiChannel.parts["b"],
    "q_3": Pool2d(),
    "q_4": TrainKernel(),
    "q_5": ConvParams(),
}
"""Every graded question by its label (the tests and `ScratchQuestion.helper_note` use it)."""

q_1 = QuestionView(QUESTIONS["q_1"], "q_1")
q_2 = QuestionView(MultiChannel(), "q_2")
q_3 = QuestionView(QUESTIONS["q_3"], "q_3")
q_4 = QuestionView(QUESTIONS["q_4"], "q_4")
q_5 = QuestionView(QUESTIONS["q_5"], "q_5")

__all__ = [
    "____",
    "edge_image",
    "edge_kernel",
    "example_K",
    "example_K2",
    "example_K3",
    "example_X",
    "example_X2",
    "np",
    "q_1",
    "q_2",
    "q_3",
    "q_4",
    "q_5",
    "show_edges",
    "show_learned_kernel",
    "show_result",
    "tf",
]
