"""Exercise 4, questions 1 and 2: cross-correlation of one channel and the true convolution, then several
channels in and out."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, MultipartQuestion, ShapeDiagnosis
from autograder.exercises.ex4.data import (
    edge_image,
    edge_kernel,
    example_K,
    example_K2,
    example_K3,
    example_X,
    example_X2,
)
from autograder.exercises.ex4.references import (
    FIXED_INPUTS,
    as_float,
    dims,
    ints,
    maybe_tensor,
    np_corr2d,
    seeded,
    tf_corr,
)
from autograder.exercises.ex4.scratch import TENSOR_NOTES, ScratchQuestion
from autograder.exercises.ex4.tensor_errors import shapes_do_not_broadcast
from autograder.i18n import N_, _


def _valid_shape(X: Any, K: Any) -> tuple[int, int]:
    """The VALID output shape, (h - kh + 1, w - kw + 1), of an (h, w) input and a (kh, kw) kernel."""
    (h, w), (kh, kw) = dims(X), dims(K)
    return h - kh + 1, w - kw + 1


def window_shape_note(error: BaseException) -> str | None:
    """A window that does not have the kernel's shape (a square kernel assumed, or one running past the edge)."""
    if not shapes_do_not_broadcast(error):
        return None
    return _(
        "Each window must have the kernel's shape: with `kh, kw = K.shape` (kernels need not be square), "
        "the window at (i, j) is `X[i:i + kh, j:j + kw]`, and `i` and `j` must stop at h - kh and w - kw "
        "so that no window runs past the edge of the input."
    )


def _impulse() -> np.ndarray:
    image = np.zeros((5, 6), dtype=np.float32)
    image[2, 3] = 1.0
    return image


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
    shape_rule = N_(
        "a (kh, kw) kernel fits h - kh + 1 times down an (h, w) input and w - kw + 1 times across "
        "(VALID: the window never leaves the image)."
    )
    fixed_cases = (
        (example_X, example_K),
        (tf.constant(_impulse()), tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])),
        (edge_image, edge_kernel.numpy()),
        tuple(FIXED_INPUTS["corr2d"]),
    )
    visible_random_cases = 2
    notes = (window_shape_note, *TENSOR_NOTES)
    diagnoses = (
        Diagnosis(
            lambda X, K: np_corr2d(X, as_float(K)[::-1, ::-1]),
            N_(
                "you flipped the kernel, which is the convolution of mathematics. A convolutional layer computes "
                "a cross-correlation: lay the kernel on the image as it is written, `K[0, 0]` on the window's "
                "top-left pixel."
            ),
        ),
        Diagnosis(
            lambda X, K: np_corr2d(X, K).T,
            N_(
                "your output is transposed: rows and columns are swapped. The first index of the output should "
                "move the window down the image (`i` over rows), the second across it (`j` over columns)."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K: dims(X),
            N_(
                "your output is as large as the input, as with SAME padding. Without padding a (kh, kw) window "
                "fits only h - kh + 1 times down and w - kw + 1 times across, so the output is smaller."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K: np.subtract(_valid_shape(X, K), 1),
            N_(
                "your output is one row and one column short: a (kh, kw) window fits h - kh + 1 times down an "
                "h-row image (`range(h - kh + 1)`), not h - kh."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K: _valid_shape(X, K)[::-1],
            N_("your output has its rows and columns swapped: it should be (h - kh + 1) rows by (w - kw + 1) columns."),
        ),
        ShapeDiagnosis(
            lambda X, K: (dims(X)[0] - dims(K)[0] + 1, dims(X)[1] - dims(K)[0] + 1),
            N_(
                "you used the kernel's height for its width too. Kernels need not be square: "
                "`kh, kw = K.shape`, and the window is `X[i:i + kh, j:j + kw]`."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K: (dims(X)[0] - dims(K)[0] + 1, dims(X)[0] - dims(K)[1] + 1),
            N_("you used the image's height for its width too. Images need not be square: `h, w = X.shape`."),
        ),
    )
    hints = (
        N_(
            "Lesson 4, section 1, computes exactly this: look at which slice of `X` lies under the kernel for "
            "output (i, j), and at how many times the kernel fits down and across. Work out the top-left output "
            "of the worked example by hand first: `example_X` and `example_K` give 19 there."
        ),
        N_(
            "Loop over the output rows `i` and columns `j`. At each position, multiply the window under the kernel "
            "by `K` entry by entry and add up the products (`tf.reduce_sum`); collect each row's values in a list "
            "and build the result with `tf.stack`. Take the height and width of the kernel, and of the input, "
            "separately: neither is always square. Do not flip the kernel."
        ),
        N_(
            "With `kh, kw = K.shape` and `h, w = X.shape`, the output has h - kh + 1 rows and w - kw + 1 columns, "
            "and entry (i, j) is `tf.reduce_sum(X[i:i + kh, j:j + kw] * K)`. Row `i` is "
            "`tf.stack([... for j in range(w - kw + 1)])`, and `tf.stack` of the rows is the result."
        ),
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

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        h, w = rng.randint(2, 7), rng.randint(2, 7)
        kh, kw = rng.randint(1, min(h, 4)), rng.randint(1, min(w, 4))
        return maybe_tensor(rng, ints(gen, (h, w)), ints(gen, (kh, kw)))


# ---------------------------------------------------------------- question 1 b


def _full_pads(K: Any, extra: int = 0) -> tuple[tuple[int, int], tuple[int, int]]:
    """'full' padding, kh - 1 rows above and below and kw - 1 columns on each side (``extra`` more for a slip)."""
    kh, kw = dims(K)
    return (kh - 1 + extra, kh - 1 + extra), (kw - 1 + extra, kw - 1 + extra)


def _convolved(flip: Any = None, output_flip: bool = False) -> Any:
    """A convolution that lays ``flip(K)`` on each window (the kernel as written when None), 'full' padded."""

    def convolve(X: Any, K: Any, mode: str = "valid") -> np.ndarray | None:
        X, K = as_float(X), as_float(K)
        if flip is not None:
            K = flip(K)
            if K is None:
                return None
        if mode == "full":
            X = np.pad(X, _full_pads(K))
        result = np_corr2d(X, K)
        return result[::-1, ::-1] if output_flip else result

    return convolve


def _full_shape(X: Any, K: Any, extra: int = 0) -> tuple[int, int]:
    (h, w), (kh, kw) = dims(X), dims(K)
    return h + kh - 1 + 2 * extra, w + kw - 1 + 2 * extra


def _when_full(shape: Any) -> Any:
    """A shape slip that can only show when 'full' is asked."""
    return lambda X, K, mode="valid": shape(X, K) if mode == "full" else None


class Convolve2d(ScratchQuestion):
    """Q1b: ``convolve2d(X, K, mode="valid")``, the convolution of mathematics (the kernel flipped both ways),
    with VALID output or 'full' output, every position where the kernel overlaps the input.

    Graded against ``tf.nn.conv2d`` with the flipped kernel on an impulse (each wrong flip stamps a
    different kernel), the worked example, the edge image and random non-square inputs and kernels,
    numpy arrays and tensors (the tests check it against ``scipy.signal.convolve2d``). Same
    no-library rule as question 1 a; it may call ``corr2d``.
    """

    var = "convolve2d"
    refusal = N_(
        "`{var}` uses `{name}`, which does the convolution for you. This question asks you to build it yourself "
        "from a flipped kernel, zero padding and your `corr2d` (`np.pad`, `tf.pad`, slicing and `tf.reverse` "
        "are fine)."
    )
    shape_rule = N_(
        "'valid' keeps the window inside the input, (h - kh + 1, w - kw + 1); 'full' keeps every position where "
        "the kernel overlaps the input by at least one cell, (h + kh - 1, w + kw - 1)."
    )
    builds_on = (Corr2d,)
    fixed_cases = (
        (_impulse(), np.arange(1.0, 10.0, dtype=np.float32).reshape(3, 3)),
        (tf.constant(_impulse()), tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), "full"),
        (example_X, example_K, "full"),
        tuple(FIXED_INPUTS["corr2d"]),
        (*(tf.constant(array) for array in FIXED_INPUTS["corr2d"]), "full"),
        (edge_image, edge_kernel.numpy(), "full"),
    )
    visible_random_cases = 2
    notes = (window_shape_note, *TENSOR_NOTES)
    diagnoses = (
        Diagnosis(
            _convolved(),
            N_(
                "you laid the kernel on the image as it is written, the cross-correlation of question 1 a. A "
                "convolution turns the kernel around first, top to bottom and left to right."
            ),
        ),
        Diagnosis(
            _convolved(lambda K: K[::-1, :]),
            N_(
                "you flipped the kernel top to bottom only. A convolution turns it around both ways: reverse its "
                "rows and its columns."
            ),
        ),
        Diagnosis(
            _convolved(lambda K: K[:, ::-1]),
            N_(
                "you flipped the kernel left to right only. A convolution turns it around both ways: reverse its "
                "rows and its columns."
            ),
        ),
        Diagnosis(
            _convolved(lambda K: K.T if K.shape[0] == K.shape[1] else None),
            N_(
                "you transposed the kernel. Turning it around by 180° is not a transpose: it reverses the order of "
                "the rows and of the columns, so `K[0, 0]` ends up at the bottom-right corner."
            ),
        ),
        Diagnosis(
            _convolved(output_flip=True),
            N_(
                "you turned the output around instead of the kernel. Flip the kernel, then slide it over the "
                "input as in `corr2d`."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K, mode="valid": _valid_shape(X, K) if mode == "full" else None,
            N_(
                "your 'full' output has the VALID size. With `mode='full'` the kernel may hang over the edge of the "
                "input as long as it overlaps it: pad the input with kh - 1 rows of zeros above and below and "
                "kw - 1 columns on each side first."
            ),
        ),
        ShapeDiagnosis(
            _when_full(lambda X, K: dims(X)),
            N_(
                "your 'full' output is as large as the input, as with SAME padding. 'full' pads kh - 1 rows on "
                "each side, not about half a kernel, so the output has h + kh - 1 rows and w + kw - 1 columns."
            ),
        ),
        ShapeDiagnosis(
            _when_full(lambda X, K: _full_shape(X, K, extra=1)),
            N_(
                "your 'full' output is two rows and two columns too large: you padded kh rows on each side. A "
                "kernel placed entirely in the padding overlaps nothing; pad kh - 1 rows and kw - 1 columns."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K, mode="valid": _full_shape(X, K) if mode == "valid" else None,
            N_("you padded the input for `mode='valid'` too; VALID output needs no padding."),
        ),
    )
    hints = (
        N_(
            "Lesson 4, section 1, writes the convolution of mathematics: the same sum as the cross-correlation "
            "with the kernel read backwards, and an impulse that it stamps upright. For 'full', think of every "
            "place the kernel can lie while it still covers at least one cell of the input."
        ),
        N_(
            "Turn the kernel around, both its rows and its columns, and reuse your `corr2d` on it. For 'full', "
            "first surround `X` with zeros: kh - 1 rows above and below, kw - 1 columns left and right "
            "(`tf.pad` or `np.pad`)."
        ),
        N_(
            "With `kh, kw = K.shape`: for 'full', `X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])`; then "
            "`return corr2d(X, K[::-1, ::-1])`."
        ),
    )
    solution = (
        'def convolve2d(X, K, mode="valid"):\n'
        "    kh, kw = K.shape\n"
        '    if mode == "full":\n'
        "        X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])\n"
        "    return corr2d(X, K[::-1, ::-1])"
    )

    def reference(self, X: Any, K: Any, mode: str = "valid") -> np.ndarray:
        X, K = as_float(X), as_float(K)[::-1, ::-1]
        if mode == "full":
            X = np.pad(X, _full_pads(K))
        return tf_corr(X[np.newaxis], K[np.newaxis, np.newaxis].copy())[0]

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        h, w = rng.randint(2, 7), rng.randint(2, 7)
        kh, kw = rng.randint(1, min(h, 4)), rng.randint(1, min(w, 4))
        return (*maybe_tensor(rng, ints(gen, (h, w)), ints(gen, (kh, kw))), rng.choice(("valid", "full")))


class CrossCorrelation(MultipartQuestion):
    """Q1: the cross-correlation a convolutional layer computes (a), then the true convolution (b)."""

    parts = {"a": Corr2d(), "b": Convolve2d()}


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
    shape_rule = N_(
        "one (h - kh + 1, w - kw + 1) map, whatever the number of input channels, because the channels' "
        "maps are added up."
    )
    builds_on = (Corr2d,)
    fixed_cases = (
        (example_X2, example_K2),
        tuple(FIXED_INPUTS["corr2d_multi_in"][:2]),
        tuple(tf.constant(array) for array in FIXED_INPUTS["corr2d_multi_in"][2:]),
    )
    visible_random_cases = 1
    diagnoses = (
        Diagnosis(
            _per_channel,
            N_(
                "you returned one map per input channel. A convolutional layer adds the channels' maps up "
                "into a single map."
            ),
        ),
        Diagnosis(
            lambda X, K: _per_channel(X, K).mean(axis=0),
            N_("you averaged the channels' maps; a convolutional layer adds them up (a sum, not a mean)."),
        ),
        Diagnosis(
            lambda X, K: np_corr2d(as_float(X)[0], as_float(K)[0]),
            N_(
                "you used only the first channel. Cross-correlate every channel of `X` with its own kernel "
                "`K[c]` and add the results."
            ),
        ),
        Diagnosis(
            lambda X, K: _per_channel(X, as_float(K)[:, ::-1, ::-1]).sum(axis=0),
            N_("your kernels are flipped (the convolution of mathematics); lay each kernel on its channel as written."),
        ),
        ShapeDiagnosis(
            _multi_shapes,
            N_(
                "your output holds one map per input channel, shape (c_in, h', w'). A convolutional layer adds "
                "the channels' maps up into a single (h', w') map."
            ),
        ),
    )
    hints = (
        N_(
            "Lesson 4, section 5, works through a two-channel example: what happens to each channel there, and "
            "how do the channels' results become a single map? Its first channel alone gives "
            "[[19, 25], [37, 43]] and its second [[37, 47], [67, 77]]; `corr2d_multi_in(example_X2, example_K2)` "
            "should give [[56, 72], [104, 120]]."
        ),
        N_(
            "Pair each channel `X[c]` with its own kernel `K[c]`, cross-correlate each pair with your `corr2d`, "
            "and add the maps up: one map comes out, however many channels there are."
        ),
        N_(
            "`zip(X, K)` walks along the first axis of both, channel by channel: "
            "`tf.add_n([corr2d(x, k) for x, k in zip(X, K)])` (Python's `sum(...)` adds the maps too)."
        ),
    )
    solution = "def corr2d_multi_in(X, K):\n    return tf.add_n([corr2d(x, k) for x, k in zip(X, K, strict=True)])"

    def reference(self, X: Any, K: Any) -> np.ndarray:
        return tf_corr(X, as_float(K)[np.newaxis])[0]

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        c_in, h, w = rng.randint(2, 3), rng.randint(3, 6), rng.randint(3, 6)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        return maybe_tensor(rng, ints(gen, (c_in, h, w)), ints(gen, (c_in, kh, kw)))


def _multi_out(X: Any, K: Any) -> np.ndarray:
    return np.stack([_per_channel(X, k).sum(axis=0) for k in as_float(K)])


def _out_shape(X: Any, K: Any) -> tuple[int, int, int]:
    out_h, out_w = _multi_shapes(X, K)[1:]
    return dims(K)[0], out_h, out_w


class CorrMultiInOut(ScratchQuestion):
    """Q2b: ``corr2d_multi_in_out(X, K)``: (c_in, h, w) input, (c_out, c_in, kh, kw) kernels, (c_out, ., .) out.

    Graded against ``tf.nn.conv2d`` on the worked three-output example, random shapes and a single
    output channel. Same no-library rule as question 1.
    """

    var = "corr2d_multi_in_out"
    shape_rule = N_(
        "channels first, (c_out, h - kh + 1, w - kw + 1): one map per output channel, stacked along the first axis."
    )
    builds_on = (CorrMultiIn, Corr2d)
    fixed_cases = (
        (example_X2, example_K3),
        tuple(FIXED_INPUTS["corr2d_multi_in_out"][:2]),
        tuple(tf.constant(array) for array in FIXED_INPUTS["corr2d_multi_in_out"][2:]),
    )
    visible_random_cases = 1
    diagnoses = (
        Diagnosis(
            lambda X, K: np.transpose(_multi_out(X, K), (1, 2, 0)),
            N_(
                "your output is channels last, (h', w', c_out). In this exercise channels come first: stack the "
                "output maps along axis 0 (`tf.stack(maps)`, not `tf.stack(maps, axis=-1)`)."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K: np.roll(_out_shape(X, K), -1),
            N_(
                "your output has the shape of a channels-last result, (h', w', c_out). In this exercise channels "
                "come first: stack the output maps along axis 0 (`tf.stack(maps)`, not `tf.stack(maps, axis=-1)`)."
            ),
        ),
        Diagnosis(
            lambda X, K: np.stack([_per_channel(X, k) for k in as_float(K)]),
            N_(
                "you kept one map per input channel for every output channel. Each output channel adds its "
                "input channels' maps up: use your `corr2d_multi_in` for each kernel stack `K[o]`."
            ),
        ),
        Diagnosis(
            lambda X, K: _multi_out(X, K).sum(axis=0),
            N_(
                "you added the output channels together. Each kernel stack `K[o]` makes its own output map; "
                "stack the maps instead of adding them."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K: _multi_shapes(X, K)[1:],
            N_(
                "you returned a single map. Each kernel stack `K[o]` makes its own output map; stack the maps "
                "along a new first axis."
            ),
        ),
    )
    hints = (
        N_(
            "Look at the shapes first: `K` holds `c_out` kernel stacks, and each `K[o]` has the shape "
            "(c_in, kh, kw) that your `corr2d_multi_in` takes. Lesson 4, section 6, says what each stack makes "
            "and how the results are put together."
        ),
        N_(
            "Make one map per kernel stack with `corr2d_multi_in(X, K[o])`, then stack the maps (do not add them) "
            "so that the output channels become the first axis."
        ),
        N_(
            "`tf.stack([corr2d_multi_in(X, k) for k in K])`: looping over `K` gives its kernel stacks one by one, "
            "and `tf.stack` puts the maps along a new first axis."
        ),
    )
    solution = "def corr2d_multi_in_out(X, K):\n    return tf.stack([corr2d_multi_in(X, k) for k in K])"

    def reference(self, X: Any, K: Any) -> np.ndarray:
        return tf_corr(X, K)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        c_in, c_out = rng.randint(1, 2), rng.randint(2, 3)
        h, w = rng.randint(3, 5), rng.randint(3, 5)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        return maybe_tensor(rng, ints(gen, (c_in, h, w)), ints(gen, (c_out, c_in, kh, kw)))


class MultiChannel(MultipartQuestion):
    """Q2: several input channels (a), then several output channels too (b)."""

    parts = {"a": CorrMultiIn(), "b": CorrMultiInOut()}
