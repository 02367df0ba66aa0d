"""Exercise 3, The sliding window: stride and padding, as questions graded against TensorFlow.

Every reference is measured from TensorFlow itself (`autograder.vision.measure`) or read off a real
Keras model, so no answer is graded by the same formula it is expected to contain. A notebook starts::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex3 import *
"""

from __future__ import annotations

import functools
import itertools
import random
from typing import Any

import numpy as np
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core import (
    CheckContext,
    CountQuestion,
    Diagnosis,
    FunctionQuestion,
    Incorrect,
    ValueQuestion,
    as_array,
    bind_questions,
)
from autograder.core.question import format_call, is_whole_number, short_repr
from autograder.core.shapes import read_shapes, show_shape
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision.geometry import output_size as true_output_size
from autograder.vision.measure import (
    measured_output_size,
    measured_receptive_field,
    measured_same_padding,
    measured_smoothing,
)
from autograder.vision.stacks import (
    MISREAD_RULES,
    WindowLayer,
    keras_shapes,
    try_shapes,
    with_default_stride_one,
)
from autograder.vision.window_plots import show_window_positions as show_window_positions

silence_loaded_tensorflow()


class OutputSize(CountQuestion):
    """Q1: ``output_size(n, k, s, padding)``, graded against TensorFlow's output shapes over a grid."""

    var = "output_size"
    points = 2
    fixed_cases = tuple(
        (n, k, s, padding)
        for n, k, s, padding in itertools.product((5, 6, 7, 10), (1, 2, 3, 4), (1, 2, 3), ("valid", "same"))
    ) + ((7, 3, 2, "VALID"), (7, 3, 2, "SAME"), (8, 3, 3, "Same"), (28, 5, 2, "Valid"))
    diagnoses = (
        Diagnosis(
            lambda n, k, s, padding: true_output_size(n, k, 1, padding),
            "the stride is ignored: with stride "
            "s the window jumps s cells at a time, so there are about s times fewer positions.",
        ),
        Diagnosis(
            lambda n, k, s, padding: n // s if padding.lower() == "same" else (n - k + 1) // s,
            "this rounds down. A last, partial step still fits a window, so TensorFlow rounds up (ceil).",
        ),
        Diagnosis(
            lambda n, k, s, padding: (
                (n - k) // s + 1 if padding.lower() == "same" else true_output_size(n, k, s, padding)
            ),
            "with SAME the output size does not depend on the kernel size: it is ceil(n / s).",
        ),
        Diagnosis(
            lambda n, k, s, padding: (
                (n + 2 * (k // 2) - k) // s + 1 if padding.lower() == "same" else true_output_size(n, k, s, padding)
            ),
            "SAME is not k // 2 cells of padding on each side: TensorFlow pads just enough for ceil(n / s) "
            "outputs, so the size does not depend on k (try an even kernel).",
        ),
        Diagnosis(
            lambda n, k, s, padding: true_output_size(n, k, s, "same" if padding.lower() == "valid" else "valid"),
            "VALID and SAME are swapped: VALID keeps the window inside the input, SAME pads it.",
        ),
    )
    hints = (
        "Count before you calculate: `show_window_positions(7, 3, 2, 'valid')` draws every window position, and "
        "`show_window_positions(7, 3, 2, 'same')` the same with padding. Try a few n, k and s, count the "
        "positions, and look for what the count depends on.",
        "With VALID the window's first cell can be at 0, s, 2s, ... as long as the whole window still fits, "
        "that is up to n - k: count those starts (a division by s, rounded the right way). With SAME the "
        "padding makes room for one window per stride step along the input, so k does not matter. Compare "
        "`padding.lower()` so that 'SAME' and 'same' both work.",
        "VALID: `math.ceil((n - k + 1) / s)`; SAME: `math.ceil(n / s)`.",
    )
    solution = (
        "import math\n\n"
        "def output_size(n, k, s, padding):\n"
        "    if padding.lower() == 'same':\n"
        "        return math.ceil(n / s)\n"
        "    return math.ceil((n - k + 1) / s)"
    )

    def reference(self, n: int, k: int, s: int, padding: str) -> int:
        return measured_output_size(n, k, s, padding.lower())

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        n = rng.randint(1, 64)
        k = rng.randint(1, n)
        padding = rng.choice(["valid", "same", "VALID", "SAME", "Same"])
        return n, k, rng.randint(1, 6), padding

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if isinstance(got, (float, np.floating)) and float(got).is_integer() and int(got) == expected:
            return f"returned {got!r}, a float: return a whole number (an `int`), e.g. with `math.ceil` or `//`."
        if isinstance(got, (float, np.floating)):
            return f"returned {got!r}, a fraction of a position: round up to a whole number with `math.ceil`."
        return f"returned {short_repr(got)}, but TensorFlow gives {expected}."

    def verify(self, func: Any, context: CheckContext) -> str | None:
        if callable(func):
            self._check_letter_case(func)
        return super().verify(func, context)

    def _check_letter_case(self, func: Any) -> None:
        """'VALID' and 'valid' must mean the same: TensorFlow wants upper case, Keras accepts either."""
        for lower in ("valid", "same"):
            try:
                small, large = func(7, 3, 2, lower), func(7, 3, 2, lower.upper())
            except Exception:
                return  # exceptions are reported, with the call, by the regular cases
            if small != large and self.same(small, self.reference(7, 3, 2, lower)):
                raise Incorrect(
                    f"{format_call(self.var, (7, 3, 2, lower.upper()))} gives {short_repr(large)} but "
                    f"`'{lower}'` gives {small}: compare `padding.lower()` so that any letter case works."
                )


def _half_kernel_padding(n: int, k: int, s: int) -> tuple[int, int]:
    return k // 2, k // 2


def _top_heavy_padding(n: int, k: int, s: int) -> tuple[int, int]:
    total = max((true_output_size(n, k, s, "same") - 1) * s + k - n, 0)
    return total - total // 2, total // 2


def _k_minus_one_padding(n: int, k: int, s: int) -> tuple[int, int]:
    """The stride-1 rule used whatever the stride: a total of k - 1, split as TensorFlow splits it."""
    return (k - 1) // 2, k - 1 - (k - 1) // 2


def _total_on_each_side(n: int, k: int, s: int) -> tuple[int, int]:
    """The total padding put on both sides (d2l's total p read as padding per side)."""
    total = max((true_output_size(n, k, s, "same") - 1) * s + k - n, 0)
    return total, total


def _k_minus_one_each_side(n: int, k: int, s: int) -> tuple[int, int]:
    """d2l's p = k - 1, a total, read as the padding of each side."""
    return k - 1, k - 1


def _unclamped_padding(n: int, k: int, s: int) -> tuple[int, int]:
    total = (true_output_size(n, k, s, "same") - 1) * s + k - n
    return total // 2, total - total // 2


class SamePadding(FunctionQuestion):
    """Q2: ``same_padding(n, k, s)`` -> (before, after), graded against what tf.nn.conv2d pads."""

    var = "same_padding"
    points = 2
    fixed_cases = tuple(
        (n, k, s) for n, k, s in itertools.product((4, 5, 6, 7, 10), (1, 2, 3, 4, 5), (1, 2, 3)) if k <= n + 3
    )
    diagnoses = (
        Diagnosis(
            _top_heavy_padding,
            "the extra cell is on the wrong side: when the padding is odd, TensorFlow "
            "puts the extra row or column after (bottom/right), not before.",
        ),
        Diagnosis(
            _half_kernel_padding,
            "SAME does not always pad k // 2 on each side: it pads just enough for "
            "ceil(n / s) windows, so the total depends on n and s too.",
        ),
        Diagnosis(
            _unclamped_padding,
            "the total padding came out negative: when the windows already fit, nothing is added, so use max(..., 0).",
        ),
        Diagnosis(
            _k_minus_one_padding,
            "you padded k - 1 cells in total whatever the stride. That is SAME's padding for stride 1 only: "
            "with stride s it pads just enough for ceil(n / s) windows, (o - 1) * s + k - n cells (never "
            "below 0), which can be less than k - 1.",
        ),
        Diagnosis(
            _total_on_each_side,
            "you put the whole padding on each side. The total P is split: P // 2 before and the rest after. "
            "(In d2l's formula (n - k + p + s) / s, p is this total, summed over both sides, not the padding "
            "per side.)",
        ),
        Diagnosis(
            _k_minus_one_each_side,
            "you padded k - 1 cells on each side. The k - 1 of the textbook rule (d2l sets p = k - 1 to keep "
            "the size with stride 1) is the total over both sides: (k - 1) // 2 before and the rest after, and "
            "with a larger stride SAME pads less.",
        ),
    )
    hints = (
        "Look first: `show_window_positions(6, 4, 2, 'same')` hatches the padding cells. Count them before "
        "and after, then do the same for `(6, 4, 1)` and `(7, 2, 3)`. Does the total depend on the stride?",
        "Start from the output size o of question 1. The last window starts at (o - 1) * s and needs k cells, "
        "so the padded axis must be that long; what is missing from n is the total padding P (when nothing "
        "is missing, P is 0). TensorFlow splits P with the smaller half before.",
        "P = max((o - 1) * s + k - n, 0); before = P // 2, after = P - before.",
    )
    solution = (
        "import math\n\n"
        "def same_padding(n, k, s):\n"
        "    outputs = math.ceil(n / s)\n"
        "    total = max((outputs - 1) * s + k - n, 0)\n"
        "    return total // 2, total - total // 2"
    )

    diagnose_from_all_cases = True
    """Slips agree on small cases (k // 2 per side, k - 1 in total and the total on each side all give (1, 1)
    for n=4, k=2, s=1), so a slip is named only when it explains every wrong case."""

    def reference(self, n: int, k: int, s: int) -> tuple[int, int]:
        return measured_same_padding(n, k, s)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randint(1, 40), rng.randint(1, 12), rng.randint(1, 5)

    def same(self, got: Any, expected: Any) -> bool:
        return (
            isinstance(got, (tuple, list))
            and len(got) == 2
            and all(is_whole_number(part) for part in got)
            and tuple(int(part) for part in got) == tuple(expected)
        )

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if is_whole_number(got) or isinstance(got, float):
            return f"returned a single number ({got!r}); return a pair `(before, after)`."
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return f"returned {short_repr(got)}; return a pair `(before, after)` of whole numbers."
        return f"returned {short_repr(tuple(got))}, but TensorFlow pads {tuple(expected)} (before, after)."


MODEL_INPUT = (None, 29, 31, 3)
MODEL_LAYERS = (
    WindowLayer("conv", 3, stride=2, padding="same", filters=16),
    WindowLayer("max", 2),
    WindowLayer("conv", 3, filters=32),
    WindowLayer("max", 3, stride=2, padding="same"),
    WindowLayer("conv", 1, filters=8),
)


def build_model() -> Any:
    """The small model of question 3, built by Keras (its shapes are the reference)."""
    import keras

    return keras.Sequential(
        [keras.Input(shape=MODEL_INPUT[1:]), *(layer.keras_layer() for layer in MODEL_LAYERS)], name="question_3"
    )


@functools.cache
def expected_model_shapes() -> list[tuple[Any, ...]]:
    """The output shape of every layer of question 3's model, read from Keras (built once)."""
    return keras_shapes(MODEL_INPUT, MODEL_LAYERS)


def show_model_code() -> None:
    """Print the model of question 3 as code: the layers, not their shapes."""
    print(f"keras.Sequential([\n    keras.Input(shape={MODEL_INPUT[1:]}),")
    for layer in MODEL_LAYERS:
        print(f"    {layer.code()},")
    print("])")


_MISREADINGS = {
    "swapped": "VALID and SAME are swapped somewhere: VALID keeps the window inside, SAME pads.",
    "strideless": "strides are ignored somewhere: a layer with stride s makes about s times fewer positions.",
    "floor": "sizes are rounded down: TensorFlow rounds up, ceil(...).",
    "half_kernel": "SAME is taken as k // 2 padding per side; it pads just enough for ceil(n / s) outputs.",
}


class ModelShapes(ValueQuestion):
    """Q3: the output shape of every layer of `build_model()`, predicted by hand."""

    var = "model_shapes"
    points = 2
    hints = (
        "Go layer by layer: the output of one is the input of the next. Height and width follow the window "
        "rules of question 1; the channels are the conv layer's `filters`, and pooling keeps the channels.",
        "A `MaxPool2D(2)` with no `strides` moves 2 cells at a time: in Keras the pooling stride defaults to "
        "the pool size. Write the batch size as `None`.",
    )
    solution = (
        "model_shapes = [\n"
        "    (None, 15, 16, 16),\n"
        "    (None, 7, 8, 16),\n"
        "    (None, 5, 6, 32),\n"
        "    (None, 3, 3, 32),\n"
        "    (None, 3, 3, 8),\n"
        "]"
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        expected = expected_model_shapes()
        answer = read_shapes(value, self.var)
        if len(answer) != len(expected):
            raise Incorrect(f"`model_shapes` has {len(answer)} shapes; the model has {len(expected)} layers.")
        if all(len(shape) == 3 for shape in answer):
            if [shape[1:] for shape in expected] == answer:
                raise Incorrect(
                    "you left out the batch axis: each shape needs four entries, (batch, height, width, "
                    "channels), with the batch written `None`."
                )
            if [shape[:3] for shape in expected] == answer:
                raise Incorrect(
                    "you left out the channels: each shape needs four entries, (batch, height, width, "
                    "channels); the last one is the number of feature maps."
                )
            raise Incorrect("each shape needs four entries: (batch, height, width, channels), with batch `None`.")
        answer = [(None, *shape[1:]) if len(shape) == 4 else shape for shape in answer]
        if answer == expected:
            return "Every shape matches the Keras model."
        self._diagnose(answer, expected)
        raise AssertionError("unreachable")  # _diagnose always raises

    def _diagnose(self, answer: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> None:
        if answer == try_shapes(MODEL_INPUT, with_default_stride_one(MODEL_LAYERS), true_output_size):
            raise Incorrect(
                "the pooling strides are taken as 1: in Keras a pooling layer's stride defaults to its pool size."
            )
        for name, message in _MISREADINGS.items():
            if answer == try_shapes(MODEL_INPUT, MODEL_LAYERS, MISREAD_RULES[name]):
                raise Incorrect(message)
        first = next(index for index, (got, right) in enumerate(zip(answer, expected, strict=True)) if got != right)
        layer, got, right = MODEL_LAYERS[first], answer[first], expected[first]
        incoming = expected[first - 1] if first else MODEL_INPUT
        name = f"layer {first + 1} (`{layer.code()}`)"
        if len(got) != 4:
            raise Incorrect(
                f"{name}: the shape {show_shape(got)} needs four entries, (batch, height, width, channels)."
            )
        if got[3] != right[3]:
            if layer.is_pooling:
                raise Incorrect(
                    f"{name} has {got[3]} channels in your list, but pooling keeps the channel count: "
                    f"{incoming[3]} in, {incoming[3]} out. It has no weights to mix or add channels."
                )
            raise Incorrect(
                f"{name} has {got[3]} channels in your list, but a Conv2D outputs one channel per filter: "
                f"{layer.filters}, whatever the input had."
            )
        slips = _layer_slips(layer, incoming, got)
        if slips:
            raise Incorrect(f"{name}: " + " Or: ".join(slips))
        raise Incorrect(
            f"{name} does not give {show_shape(got)}: work out its height and width again from the previous "
            f"layer's output, {show_shape(incoming)}."
        )


def _layer_slips(layer: WindowLayer, incoming: tuple[Any, ...], got: tuple[Any, ...]) -> list[str]:
    """What a single layer's wrong height and width can be explained by, each said in words."""
    padding = layer.padding.lower()
    other = "valid" if padding == "same" else "same"
    messages = {
        "swapped": f"this is what padding='{other}' would give, but the layer uses '{padding}' "
        + (
            "(the window is padded: ceil(n / s))."
            if padding == "same"
            else "(the window stays inside: ceil((n - k + 1) / s))."
        ),
        "strideless": (
            f"this is stride 1, but a pooling layer's stride defaults to its pool size, {layer.size}."
            if layer.is_pooling and layer.stride is None
            else f"this ignores the stride: with strides={layer.step} the size is divided by {layer.step}, rounded up."
        ),
        "floor": "this rounds down; TensorFlow rounds up, because a last, partial step still fits a window.",
        "half_kernel": "this pads k // 2 on each side; SAME pads just enough for ceil(n / s) outputs.",
    }
    right = layer.output_shape(incoming)
    slips = []
    for rule_name, message in messages.items():
        try:
            shape = layer.output_shape(incoming, MISREAD_RULES[rule_name])
        except ValueError:
            continue
        if shape[1:3] != right[1:3] and shape[1:3] == tuple(got[1:3]):
            slips.append(message)
    return slips


def _sum_of_kernels(kernel_sizes: list[int], strides: list[int]) -> int:
    return sum(kernel_sizes)


def _strides_ignored(kernel_sizes: list[int], strides: list[int]) -> int:
    return 1 + sum(k - 1 for k in kernel_sizes)


def _own_stride_counted(kernel_sizes: list[int], strides: list[int]) -> int:
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        jump *= s
        field += (k - 1) * jump
    return field


class ReceptiveField(CountQuestion):
    """Q4: ``receptive_field(kernel_sizes, strides)``, graded on stacks measured through TensorFlow."""

    var = "receptive_field"
    points = 2
    fixed_cases = (
        ([3, 3, 3], [1, 1, 1]),
        ([3], [1]),
        ([5, 3], [1, 1]),
        ([3, 3], [2, 1]),
        ([2, 2, 2], [2, 2, 2]),
        ([7, 3, 3], [2, 2, 1]),
        ([1, 3], [3, 1]),
    )
    diagnoses = (
        Diagnosis(
            _sum_of_kernels,
            "adding up the kernel sizes counts the shared cells twice: each extra layer adds k - 1 cells, not k.",
        ),
        Diagnosis(
            _strides_ignored,
            "the strides are ignored: after a stride-s layer, one step of the next "
            "layer spans s input cells, so its k - 1 extra cells count s times as much.",
        ),
        Diagnosis(
            _own_stride_counted,
            "each layer's own stride is counted for its kernel: a layer's cells are "
            "spaced by the product of the strides of the layers *before* it.",
        ),
    )
    hints = (
        "Draw it for two layers: one output of a second 3x3 layer reads 3 neighbouring values of the first, "
        "and each of those reads 3 pixels. How many pixels do they cover together? Then redraw it with "
        "stride 2 in the first layer: how far apart are the 3 values the second layer reads?",
        "Start with 1 cell. Each layer widens the field by (k - 1) steps, and a step is as many input cells as "
        "the product of the strides of all the layers below it.",
        "Keep a running `jump` (starting at 1): `field += (k - 1) * jump`, then `jump *= s`.",
    )
    solution = (
        "def receptive_field(kernel_sizes, strides):\n"
        "    field, jump = 1, 1\n"
        "    for k, s in zip(kernel_sizes, strides, strict=True):\n"
        "        field += (k - 1) * jump\n"
        "        jump *= s\n"
        "    return field"
    )

    def reference(self, kernel_sizes: list[int], strides: list[int]) -> int:
        return measured_receptive_field(kernel_sizes, strides)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        depth = rng.randint(1, 5)
        return [rng.randint(1, 7) for _ in range(depth)], [rng.randint(1, 3) for _ in range(depth)]


SERIES_LENGTH = 400
"""Length of the noisy series a smoothing kernel is tried on."""


def _noisy_series(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(signal, signal + noise): a slow wave and the same wave with white noise of standard deviation 1."""
    gen = np.random.default_rng(seed)
    t = np.arange(SERIES_LENGTH)
    signal = 3 * np.sin(2 * np.pi * t / gen.uniform(120, 240) + gen.uniform(0, 2 * np.pi))
    return signal, signal + gen.normal(size=SERIES_LENGTH)


def _noise_kept(seed: int, weights: np.ndarray) -> float:
    """Standard deviation of white noise after ``tf.nn.conv1d`` with ``weights``, as a share of the noise's own."""
    signal, noisy = _noisy_series(seed)
    noise = noisy - signal
    return float(measured_smoothing(noise, weights).std() / noise.std())


def show_smoothing(kernel: Any, seed: int = 0) -> None:
    """A noisy series and the same series after a 1-D convolution with ``kernel`` (once it is a usable kernel)."""
    import matplotlib.pyplot as plt

    try:
        weights = as_array(kernel, "smoothing_kernel", ndim=1)
    except Exception as problem:
        print(f"Answer question 5 first to see this ({problem}).")
        return
    if not 1 <= weights.size <= 50:
        print("Answer question 5 first: `smoothing_kernel` should hold between 1 and 50 weights.")
        return
    signal, noisy = _noisy_series(seed)
    smooth = measured_smoothing(noisy, weights)
    offset = weights.size // 2
    fig, ax = plt.subplots(figsize=(9, 3))
    ax.plot(noisy, color="0.7", label="noisy series")
    ax.plot(np.arange(smooth.size) + offset, smooth, label="after your kernel (tf.nn.conv1d)")
    ax.plot(signal, "k--", linewidth=1, label="the wave under the noise")
    ax.legend(loc="upper right")
    fig.tight_layout()
    plt.show()


class SmoothingKernel(ValueQuestion):
    """Q5: a 1-D kernel that smooths a noisy series, checked by behaviour with ``tf.nn.conv1d``.

    Right: a constant series comes out unchanged (so the weights add up to 1), and on series of white
    noise the output's standard deviation is at most `noise_kept` of the input's.
    """

    var = "smoothing_kernel"
    points = 1
    noise_kept = 0.8
    """The largest share of the noise's standard deviation a smoothing kernel may let through."""
    hints = (
        "Look at what `show_smoothing([1])` and `show_smoothing([0.5, 0.5])` draw: which one is smoother, "
        "and why? Each output is a weighted sum of a few neighbouring values of the series.",
        "Two properties decide. A constant series must stay the same, so the weights must add up to 1. "
        "Random noise partly cancels out when several neighbours are mixed with positive weights: the more "
        "neighbours share the weight, the smaller the noise that is left.",
        "A moving average of five values: `smoothing_kernel = [0.2, 0.2, 0.2, 0.2, 0.2]`.",
    )
    solution = "smoothing_kernel = [0.2, 0.2, 0.2, 0.2, 0.2]  # a moving average of 5 values"

    def verify(self, value: Any, context: CheckContext) -> str:
        weights = as_array(value, self.var, ndim=1)
        if not 1 <= weights.size <= 50:
            raise Incorrect(f"`smoothing_kernel` has {weights.size} weights; use a short kernel, 3 to 15 weights.")
        total = float(weights.sum())
        for level in (1.0, -2.5, context.rng.uniform(-5, 5)):
            constant = measured_smoothing(np.full(60, level), weights)
            if not np.allclose(constant, level, atol=1e-4 * max(1.0, abs(level))):
                if abs(total) < 1e-6:
                    raise Incorrect(
                        "a constant series comes out as 0: your weights add up to 0, which makes a change "
                        "detector (it responds to differences between neighbours), not a smoother. Use weights "
                        "that add up to 1."
                    )
                raise Incorrect(
                    f"a constant series does not stay the same: your weights add up to {total:g}, so every value "
                    f"comes out {total:g} times as large. Divide the weights by their sum so that they add up to 1."
                )
        seeds = [0, 1] + [context.rng.randrange(2**31) for _ in range(context.extra_cases)]
        kept = max(_noise_kept(seed, weights) for seed in seeds)
        if np.count_nonzero(weights) == 1:
            raise Incorrect(
                "your kernel has a single weight of 1: it copies every value (perhaps shifted), so the noise passes "
                "through unchanged. Spread the weight over several neighbours."
            )
        if kept > 1.0:
            raise Incorrect(
                f"your kernel makes the noise larger (its standard deviation grows to {kept:.0%} of what it was): "
                "negative weights take differences of neighbours, which adds the noise up. Use positive weights."
            )
        if kept > self.noise_kept:
            raise Incorrect(
                f"your kernel reduces the noise only a little (to {kept:.0%} of its standard deviation). Spread "
                "the weight more evenly, over more neighbours."
            )
        return (
            f"Your kernel keeps a constant series unchanged and cuts the noise to {kept:.0%} of its standard "
            "deviation: a smoother."
        )


QUESTIONS = bind_questions(
    globals(),
    [OutputSize, SamePadding, ModelShapes, ReceptiveField, SmoothingKernel],
    exports=["build_model", "np", "show_model_code", "show_smoothing", "show_window_positions", "tf"],
)
