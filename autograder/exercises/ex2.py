"""Exercise 2, Maximum pooling: the questions and the set-up the notebook imports.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex2 import *

The photo has odd sides (171x257), so SAME and VALID pooling give different shapes and a
VALID answer can be told apart from the right one by its shape alone.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.core import (
    CheckContext,
    Diagnosis,
    FunctionQuestion,
    Incorrect,
    StudentCodeError,
    ValueDiagnosis,
    ValueQuestion,
    as_array,
    bind_questions,
    close,
    contains_placeholder,
    diagnose_value,
)
from autograder.core.shapes import Shape, read_shape, show_shape
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision import KERNELS, condense, dots, load_image, pool, show_maps
from autograder.vision.geometry import output_size, padding_name
from autograder.vision.measure import measured_shift_visible
from autograder.vision.stacks import MISREAD_RULES, SizeRule, WindowLayer, try_shapes, with_default_stride_one

silence_loaded_tensorflow()

image = tf.reshape(tf.constant(load_image("chelsea", size=(171, 257))), [1, 171, 257, 1])
"""The photograph as a batch of one grayscale image, shape (1, 171, 257, 1)."""

kernel = tf.reshape(tf.constant(KERNELS["edge"]), [3, 3, 1, 1])
"""The edge detector as a (3, 3, 1, 1) filter."""

image_filter = tf.nn.conv2d(image, kernel, strides=1, padding="SAME")
"""Filter step: the photo convolved with the edge kernel, shape (1, 171, 257, 1)."""

image_detect = tf.nn.relu(image_filter)
"""Detect step: ReLU of `image_filter`, the feature map question 1 pools."""

feature_maps = tf.constant(
    np.maximum(np.random.default_rng(2).normal(0.5, 1.0, size=(2, 6, 6, 3)), 0).round(2), dtype=tf.float32
)
"""Question 3's batch: 2 examples, each with 3 feature maps of 6x6 (non-negative, as after ReLU)."""

STACK_INPUT = (8, 45, 31, 16)
"""Question 4's input: a batch of 8 feature maps, 45 high, 31 wide, 16 channels."""


STACK = (WindowLayer("max", 2), WindowLayer("max", 3, stride=2, padding="same"), WindowLayer("avg", 2, stride=1))
"""Question 4's layers, in order."""

CODE_STYLE: dict[str, Any] = {"positional": True, "names": {"max": "MaxPool2D", "avg": "AveragePooling2D"}}
"""How question 4 writes its layers: ``layers.MaxPool2D(2)``, as lesson 2 does."""

pooling_stack = keras.Sequential(
    [keras.Input(shape=STACK_INPUT[1:], batch_size=STACK_INPUT[0]), *(layer.keras_layer() for layer in STACK)]
)
"""The real Keras model of question 4; its output shape is the reference."""


def stack_code() -> str:
    """Question 4's model as Keras code, for the notebook to print."""
    lines = [f"    keras.Input(shape={STACK_INPUT[1:]}, batch_size={STACK_INPUT[0]}),"]
    lines += [f"    {layer.code(**CODE_STYLE)}," for layer in STACK]
    return "pooling_stack = keras.Sequential([\n" + "\n".join(lines) + "\n])"


# --- q_1 image_condense ---------------------------------------------------------------------------

RIGHT_POOL = ("image_detect", "max", 2, 2, "SAME")
"""(source, mode, window, stride, padding) of the pooling question 1 asks for."""

SOURCES = ("image_detect", "image_filter", "image")


def _maps_in(namespace: Mapping[str, Any], name: str) -> np.ndarray:
    """A 4-D feature map batch the student's namespace holds, or `Incorrect` saying what is wrong with it."""
    if name not in namespace or contains_placeholder(namespace[name]):
        raise Incorrect(f"`{name}` is not defined any more: run the set-up cell again to restore it.")
    try:
        maps = as_array(namespace[name], name, ndim=4)
    except Incorrect as problem:
        raise Incorrect(f"{problem} The check pools your `{name}`: run the set-up cell again to restore it.") from None
    if min(maps.shape[1:3]) < 2:
        raise Incorrect(f"`{name}` has shape {maps.shape}, too small to pool: run the set-up cell again.")
    return maps


def _describe_pool(source: str, mode: str, window: int, stride: int, padding: str) -> str:
    kind = "max" if mode == "max" else "average"
    return f"{kind} pooling of `{source}` with a {window}x{window} window, stride {stride} and {padding} padding"


def _single_difference(config: tuple[str, str, int, int, str]) -> str | None:
    """The message for a pooling that differs from the asked one in a single, tempting way."""
    source, mode, window, stride, padding = config
    differences = {i for i, (got, right) in enumerate(zip(config, RIGHT_POOL, strict=True)) if got != right}
    if differences == {0} and source == "image_filter":
        return (
            "it has negative values: you pooled `image_filter`, the map before ReLU. Pool `image_detect`. "
            "(Applying ReLU after the pooling would also be right: max pooling and ReLU commute.)"
        )
    if differences == {0} and source == "image":
        return "you pooled the photo itself (`image`); pool the feature map `image_detect`."
    if differences == {1}:
        return "this is average pooling (`tf.nn.avg_pool2d`); the condense step uses max pooling."
    if differences == {2} and window == 1:
        return "a 1x1 window with stride 2 just keeps every other pixel; use a 2x2 window, `ksize=2`."
    if differences == {2}:
        return f"the stride is right, but the window is {window}x{window}; use a 2x2 window, `ksize=2`."
    if differences <= {2, 3} and stride == 1:
        return (
            f"this is a {window}x{window} window moved with stride 1, so the map barely shrinks. "
            "Use `strides=2` so the 2x2 windows sit side by side."
        )
    return None


class ImageCondense(ValueQuestion):
    """Q1: max pooling of the student's own `image_detect`, 2x2 window, stride 2, SAME."""

    var = "image_condense"
    points = 2
    hints = (
        "TensorFlow's pooling functions are in `tf.nn`, next to `tf.nn.conv2d` and `tf.nn.relu`.",
        "Call `tf.nn.max_pool2d(input=image_detect, ksize=..., strides=..., padding=...)`: the window size, "
        "the step between windows and the padding are the three settings to choose.",
        "With SAME padding the output is ceil(171/2) x ceil(257/2) = 86 x 129; with VALID it would be 85 x 128.",
    )
    solution = (
        "image_condense = tf.nn.max_pool2d(input=image_detect, ksize=2, strides=2, padding='SAME')\n"
        "# tf.nn.relu(tf.nn.max_pool2d(image_filter, 2, 2, 'SAME')) is the same: max pooling commutes with ReLU."
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        detect = _maps_in(context.namespace, "image_detect")
        expected = pool(detect, 2, 2, "SAME", "max")
        answer = as_array(value, self.var)
        if close(answer, expected):
            return f"Your image_detect {detect.shape} was condensed to {answer.shape}, about a quarter of the values."
        if answer.ndim != 4:
            if close(answer.ravel(), expected.ravel()):
                raise Incorrect(
                    f"the numbers are right, but `image_condense` has shape {answer.shape}: keep the batch and "
                    f"channel axes, shape {expected.shape}, as `tf.nn.max_pool2d` returns it (don't squeeze)."
                )
            raise Incorrect(
                f"`image_condense` is {answer.ndim}-dimensional with shape {answer.shape}; TensorFlow pooling keeps "
                f"the 4 axes (batch, height, width, channels), so it should have shape {expected.shape}."
            )
        for config, pooled in self._candidates(context.namespace, detect, answer.shape):
            if close(answer, pooled):
                raise Incorrect(self._explain(config, answer.shape, expected.shape))
        if answer.shape != expected.shape:
            raise Incorrect(
                f"`image_condense` has shape {answer.shape}, but max pooling your `image_detect` {detect.shape} "
                f"with a 2x2 window, stride 2 and SAME padding gives {expected.shape}."
            )
        raise Incorrect(
            "`image_condense` has the right shape, but it doesn't match max pooling of your `image_detect` "
            "with a 2x2 window, stride 2 and SAME padding."
        )

    @staticmethod
    def _candidates(
        namespace: Mapping[str, Any], detect: np.ndarray, shape: tuple[int, ...]
    ) -> Iterator[tuple[tuple[str, str, int, int, str], np.ndarray]]:
        """Tempting poolings (source, mode, window, stride, padding) whose output has ``shape``."""
        for source in SOURCES:
            if source == "image_detect":
                maps = detect
            else:
                try:
                    maps = _maps_in(namespace, source)
                except (Incorrect, StudentCodeError):
                    continue
            if maps.shape != detect.shape:
                continue
            for mode in ("max", "avg"):
                for padding in ("SAME", "VALID"):
                    for window in range(1, 5):
                        for stride in range(1, 5):
                            try:
                                sizes = [output_size(n, window, stride, padding) for n in maps.shape[1:3]]
                            except ValueError:  # the window does not fit without padding
                                continue
                            if (maps.shape[0], *sizes, maps.shape[3]) == shape:
                                yield (source, mode, window, stride, padding), pool(maps, window, stride, padding, mode)

    @staticmethod
    def _explain(config: tuple[str, str, int, int, str], shape: tuple[int, ...], expected: tuple[int, ...]) -> str:
        source, mode, window, stride, padding = config
        single = _single_difference(config)
        if single is not None:
            return single
        if (source, mode, window, stride) == RIGHT_POOL[:4]:
            return (
                f"this is VALID padding: the shape is {shape}, one short of {expected} in each direction, "
                "because the odd last row and column are dropped. Use `padding='SAME'`."
            )
        if (source, mode) == RIGHT_POOL[:2] and window == stride:
            return (
                f"this is a {window}x{window} window with stride {stride}; the question asks for a 2x2 window "
                "with stride 2."
            )
        return f"this is {_describe_pool(*config)}; the question asks for " + _describe_pool(*RIGHT_POOL) + "."


def show_condensed(image_detect: Any, image_condense: Any) -> None:
    """The detected map next to the student's pooled map, once `image_condense` is a usable 4-D batch."""
    try:
        if contains_placeholder(image_condense):
            raise Incorrect("it still holds the placeholder `____`")
        pooled = as_array(image_condense, "image_condense", ndim=4)
        detected = as_array(image_detect, "image_detect", ndim=4)
    except (Incorrect, StudentCodeError) as problem:
        print(f"Answer question 1 first to see this ({problem}).")
        return
    show_maps({"Detect (ReLU)": detected[0, :, :, 0], "Condense (your image_condense)": pooled[0, :, :, 0]})
    plt.show()


# --- q_2 translation invariance ------------------------------------------------------------------


def show_shifted_dots(shift: int = 2, rounds: int = 3) -> None:
    """A one-pixel dot and the same dot moved ``shift`` pixels right, max pooled (2x2) again and again."""
    original = dots(size=16, spacing=16, radius=0)
    shifted = np.roll(original, shift, axis=1)
    fig, axes = plt.subplots(2, rounds + 1, figsize=(2.3 * (rounds + 1), 4.8))
    maps = [original, shifted]
    for step in range(rounds + 1):
        for row, (name, current) in enumerate(zip(("dot", f"moved {shift} px"), maps, strict=True)):
            ax = axes[row, step]
            ax.imshow(current, cmap="magma", vmin=0, vmax=1)
            stage = "input" if step == 0 else f"pooled {step}x"
            ax.set_title(f"{name}, {stage}\n{current.shape[0]}x{current.shape[1]}")
            ax.set_xticks([])
            ax.set_yticks([])
        verdict = "the same" if np.array_equal(*maps) else "different"
        print(f"{'input' if step == 0 else f'after pooling {step}x'}: the two maps are {verdict}")
        maps = [condense(current, window=2) for current in maps]
    fig.tight_layout()
    plt.show()


def _truth(value: Any) -> bool | None:
    """True or False from a bool (Python's or numpy's) or the whole numbers 1 and 0; None for anything else."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and int(value) in (0, 1):
        return bool(value)
    return None


MAP_SIZE = 64
"""Width of the map the dot lives on when a prediction is measured (enough for 4 poolings and any column asked)."""


class TranslationInvariance(FunctionQuestion):
    """Q2: ``hidden_by_pooling(column, shift, rounds)``: whether a dot moved by ``shift`` columns gives the same
    map as before after ``rounds`` rounds of 2x2 max pooling (stride 2), measured with ``tf.nn.max_pool2d``."""

    var = "hidden_by_pooling"
    points = 1
    fixed_cases = (
        (8, 2, 2),
        (8, 2, 1),
        (8, -1, 1),
        (8, -1, 3),
        (8, 5, 3),
        (8, 5, 2),
        (7, 1, 1),
        (6, 1, 1),
        (13, 2, 1),
        (0, 3, 2),
        (20, 0, 1),
        (31, 1, 4),
        (16, 15, 4),
    )
    diagnoses = (
        Diagnosis(
            lambda column, shift, rounds: column // 2**rounds != (column + shift) // 2**rounds,
            "your answer is the opposite: it says True when the maps still differ. The question asks whether the "
            "shift is hidden, that is whether the two pooled maps are identical.",
        ),
        Diagnosis(
            lambda column, shift, rounds: abs(shift) < 2**rounds,
            "you decided by the size of the shift alone. Whether a shift disappears also depends on where the dot "
            "is: from column 8 to column 7 is one pixel, yet the two columns never share a pooling window until "
            "the whole map is one cell. Work out which cell each column lands in.",
        ),
        Diagnosis(
            lambda column, shift, rounds: column // 2 == (column + shift) // 2,
            "you looked at one pooling only. After each round the map is halved again, so after `rounds` rounds "
            "one cell covers 2 ** rounds columns of the original map.",
        ),
        Diagnosis(
            lambda column, shift, rounds: column // (2 * rounds) == (column + shift) // (2 * rounds),
            "after `rounds` poolings one cell covers 2 ** rounds columns (2, 4, 8, ...), not 2 * rounds: each "
            "round halves the map again.",
        ),
    )
    hints = (
        "Run `show_shifted_dots(shift=2)` and `show_shifted_dots(shift=-1)` and note after which pooling the two "
        "maps agree. Then ask, for a few columns: which columns end up in the same cell after one pooling? "
        "After two?",
        "A 2x2 pooling with stride 2 sends column c to cell c // 2 of the smaller map, and the next pooling sends "
        "that cell to (c // 2) // 2. The shift is hidden exactly when the two columns land in the same cell "
        "after the last round.",
        "`return column // 2 ** rounds == (column + shift) // 2 ** rounds`",
    )
    solution = (
        "def hidden_by_pooling(column, shift, rounds):\n"
        "    # after r poolings, column c is in cell c // 2**r; the maps agree when both columns share it\n"
        "    return column // 2 ** rounds == (column + shift) // 2 ** rounds"
    )

    def reference(self, column: int, shift: int, rounds: int) -> bool:
        return not measured_shift_visible(MAP_SIZE, column, shift, rounds)[-1]

    diagnose_from_all_cases = True

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        column = rng.randrange(MAP_SIZE // 2)
        return column, rng.randint(max(-column, -8), 8), rng.randint(1, 4)

    def same(self, got: Any, expected: Any) -> bool:
        return _truth(got) is not None and _truth(got) == bool(expected)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if _truth(got) is None:
            return f"returned {got!r}; return True or False (a comparison such as `a == b` gives one)."
        verdict = "hidden (the maps are identical)" if expected else "still visible (the maps differ)"
        return f"returned {got}, but TensorFlow's pooling shows the shift is {verdict}."


# --- q_3 gap_scores -------------------------------------------------------------------------------


class GapScores(ValueQuestion):
    """Q3: global average pooling of `feature_maps`, (N, H, W, C) -> (N, C)."""

    var = "gap_scores"
    hints = (
        "Global average pooling replaces each whole feature map by one number, its mean: 2 examples x 3 maps "
        "gives a (2, 3) result.",
        "Average over the height and width axes, which are axes 1 and 2 in (N, H, W, C): "
        "`tf.reduce_mean(feature_maps, axis=...)`. Keras's `layers.GlobalAvgPool2D()` does the same.",
    )
    solution = (
        "gap_scores = tf.reduce_mean(feature_maps, axis=[1, 2])\n"
        "# or, with the Keras layer: gap_scores = keras.layers.GlobalAvgPool2D()(feature_maps)"
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        maps = np.asarray(feature_maps, dtype=np.float64)
        answer = as_array(value, self.var)
        expected = maps.mean(axis=(1, 2))
        if close(answer, expected):
            return "Each of the 3 feature maps of each example is now a single score, its mean activation."
        mistake = diagnose_value(answer, maps, GAP_MISTAKES)
        if mistake:
            raise Incorrect(mistake)
        if answer.shape != expected.shape:
            raise Incorrect(f"`gap_scores` has shape {answer.shape}; it should have shape (N, C) = {expected.shape}.")
        raise Incorrect("`gap_scores` has the right shape but not the mean of each feature map.")


_CHANNELS_TOO = "you averaged the channels together too; keep one score per channel, shape (2, 3)."
_ONE_AXIS = "you averaged over only one of height and width; average over both (axes 1 and 2)."

GAP_MISTAKES = (
    ValueDiagnosis(
        lambda maps: maps.mean(axis=(1, 2), keepdims=True),
        "the means are right, but the shape is {shape}: drop the two size-1 axes "
        "(no `keepdims=True`) so that the result is (2, 3), one score per example and map.",
    ),
    ValueDiagnosis(
        lambda maps: maps.mean(axis=3),
        "you averaged over the channels (axis 3), which gives a map per example. Global average pooling "
        "averages over space, height and width (axes 1 and 2), keeping one score per channel.",
    ),
    ValueDiagnosis(
        lambda maps: maps.mean(axis=(1, 2)).T,
        "you have the right means, but transposed to shape (3, 2): keep the batch first, shape (N, C) = (2, 3).",
    ),
    ValueDiagnosis(
        lambda maps: maps.max(axis=(1, 2)),
        "these are the largest values of each map: global max pooling. Global average pooling takes the mean.",
    ),
    ValueDiagnosis(
        lambda maps: maps.sum(axis=(1, 2)),
        "these are the sums of each map; divide by the 36 cells, or take the mean instead.",
    ),
    ValueDiagnosis(lambda maps: maps.mean(axis=(1, 2, 3)), _CHANNELS_TOO),
    ValueDiagnosis(lambda maps: maps.mean(), _CHANNELS_TOO),
    ValueDiagnosis(lambda maps: maps.mean(axis=1), _ONE_AXIS),
    ValueDiagnosis(lambda maps: maps.mean(axis=2), _ONE_AXIS),
)
"""Tempting wrong global poolings of `feature_maps`, first match wins."""


# --- q_4 pooled_shape -----------------------------------------------------------------------------


def _spatial(
    layers: Sequence[WindowLayer] = STACK, rule: SizeRule = output_size, at: Collection[int] | None = None
) -> tuple[int, ...] | None:
    """Height and width after ``layers`` fed with question 4's input, sizes by ``rule`` (at the layers ``at``)."""
    shapes = try_shapes(STACK_INPUT, layers, rule, at)
    return None if shapes is None else tuple(shapes[-1][1:3])


def _layer_name(index: int) -> str:
    return f"layer {index + 1} (`{STACK[index].code(**CODE_STYLE)}`)"


def _spatial_mistakes() -> list[tuple[tuple[int, ...] | None, str]]:
    """Wrong (height, width) results of tempting slips, each with its message (first match wins)."""
    default_stride = [i for i, layer in enumerate(STACK) if layer.stride is None]
    mistakes = [
        (
            _spatial(with_default_stride_one(STACK)),
            f"{_layer_name(default_stride[0])} gives no stride, so Keras uses the pool size: its stride is "
            f"{STACK[default_stride[0]].size}, not 1.",
        ),
        (
            _spatial(rule=MISREAD_RULES["strideless"]),
            "you moved every window with stride 1. A pooling layer's stride is `strides`, and when it is "
            "not given, the pool size.",
        ),
        (
            _spatial(rule=MISREAD_RULES["floor"]),
            "with padding='same' the output is ceil(n / stride), rounded up: the last, partial window still "
            "counts (you rounded down).",
        ),
    ]
    for index, layer in enumerate(STACK):
        padding = padding_name(layer.padding)
        other = "same" if padding == "valid" else "valid"
        mistakes.append(
            (
                _spatial(rule=MISREAD_RULES["swapped"], at={index}),
                f"{_layer_name(index)} was computed as if padding='{other}'; it uses '{padding}' "
                + (
                    "(padded, ceil(n / stride))."
                    if padding == "same"
                    else "(windows stay inside: floor((n - k) / stride) + 1)."
                ),
            )
        )
    return mistakes


class PooledShape(ValueQuestion):
    """Q4: the output shape of `pooling_stack`, predicted without running it."""

    var = "pooled_shape"
    points = 2
    hints = (
        "Work layer by layer. Pooling never changes the batch size or the number of channels, only height and "
        "width, and each of them follows the same rule.",
        "A layer without `strides` uses its pool size as the stride. With padding='valid' a window must fit "
        "inside: floor((n - k) / s) + 1. With padding='same': ceil(n / s).",
        "Height: 45 -> 22 after the first layer. Carry on with the second and third layers, then do the width.",
    )
    solution = (
        "# height: 45 -> (45 - 2) // 2 + 1 = 22 -> ceil(22 / 2) = 11 -> (11 - 2) // 1 + 1 = 10\n"
        "# width:  31 -> (31 - 2) // 2 + 1 = 15 -> ceil(15 / 2) = 8  -> (8 - 2) // 1 + 1 = 7\n"
        "pooled_shape = (8, 10, 7, 16)  # (None, 10, 7, 16) is right too"
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        expected: Shape = tuple(pooling_stack.output_shape)
        shape = read_shape(value, self.var)
        batch, channels = expected[0], expected[3]
        if len(shape) == 3:
            if shape == expected[1:]:
                raise Incorrect(
                    f"you left out the batch axis: the output is 4-D, (batch, height, width, channels); "
                    f"the batch is {batch} here (None is accepted)."
                )
            raise Incorrect("`pooled_shape` has 3 sizes; the output has 4 axes: (batch, height, width, channels).")
        if len(shape) != 4:
            raise Incorrect(
                f"`pooled_shape` has {len(shape)} sizes; the output has 4 axes: (batch, height, width, channels)."
            )
        if shape[0] not in (batch, None):
            raise Incorrect(f"the batch size is {shape[0]}; pooling keeps the batch of {batch} (or write None).")
        if None in shape[1:]:
            raise Incorrect("only the batch may be None: the layers determine the height, width and channels exactly.")
        if shape[3] != channels:
            raise Incorrect(
                f"your shape has {shape[3]} channels, but pooling has no weights and works on each channel separately, "
                f"so the {channels} channels stay {channels}."
            )
        spatial = shape[1:3]
        if spatial == expected[1:3]:
            return f"Right: {show_shape(shape)}. Pooling shrank 45x31 to 10x7 and kept the 16 channels."
        for wrong, message in _spatial_mistakes():
            if spatial == wrong:
                raise Incorrect(message)
        if spatial[0] == expected[1]:
            raise Incorrect(
                f"the height is right, but the width {spatial[1]} is not: follow the 31 columns layer by layer."
            )
        if spatial[1] == expected[2]:
            raise Incorrect(
                f"the width is right, but the height {spatial[0]} is not: follow the 45 rows layer by layer."
            )
        raise Incorrect(
            f"height and width {spatial} are not what the three layers give. Work out each layer's output in turn."
        )


def compare_with_keras(pooled_shape: Any) -> None:
    """Keras's shape after each layer of `pooling_stack`, shown once question 4 has an answer."""
    if contains_placeholder(pooled_shape):
        print("Answer question 4 first: then this shows what Keras computes, layer by layer.")
        return
    for layer in pooling_stack.layers:
        print(f"{layer.name:26} -> {show_shape(tuple(layer.output.shape))}")
    print(f"{'your prediction':26} -> {pooled_shape!r}")


QUESTIONS = bind_questions(
    globals(),
    [ImageCondense, TranslationInvariance, GapScores, PooledShape],
    exports=[
        "compare_with_keras",
        "feature_maps",
        "image",
        "image_detect",
        "image_filter",
        "kernel",
        "keras",
        "np",
        "plt",
        "pooling_stack",
        "show_condensed",
        "show_maps",
        "show_shifted_dots",
        "stack_code",
        "tf",
    ],
)
