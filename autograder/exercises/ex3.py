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
    bind_questions,
)
from autograder.core.question import format_call, is_whole_number, short_repr
from autograder.core.shapes import read_shapes, show_shape
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision.geometry import output_size as true_output_size
from autograder.vision.measure import measured_output_size, measured_receptive_field, measured_same_padding
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
        "With VALID the window must stay inside: its first cell can be at 0, s, 2s, ... as long as it still "
        "fits, which gives ceil((n - k + 1) / s) positions.",
        "With SAME TensorFlow pads just enough that there are ceil(n / s) positions, whatever k is. "
        "`math.ceil` rounds up; compare `padding.lower()` so 'SAME' and 'same' both work.",
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
    )
    hints = (
        "First the output size o = ceil(n / s). The last window starts at (o - 1) * s and needs k cells, so the "
        "padded input must be (o - 1) * s + k long: the total padding P is that minus n (but never below 0).",
        "Split P with the smaller half before: before = P // 2, after = P - before.",
    )
    solution = (
        "import math\n\n"
        "def same_padding(n, k, s):\n"
        "    outputs = math.ceil(n / s)\n"
        "    total = max((outputs - 1) * s + k - n, 0)\n"
        "    return total // 2, total - total // 2"
    )

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


QUESTIONS = bind_questions(
    globals(),
    [OutputSize, SamePadding, ModelShapes, ReceptiveField],
    exports=["build_model", "np", "show_model_code", "show_window_positions", "tf"],
)
