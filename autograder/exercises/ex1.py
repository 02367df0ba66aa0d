"""Exercise 1, Convolution and ReLU: the questions and the set-up the notebook imports.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex1 import *
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from autograder.core import (
    CheckContext,
    Incorrect,
    NamedFunctionQuestion,
    StudentCodeError,
    ThoughtQuestion,
    ValueQuestion,
    as_array,
    bind_questions,
    contains_placeholder,
    describe,
    is_tensor,
)
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision import (
    KERNELS,
    circle,
    convolve,
    detect,
    load_image,
    show_extraction,
    show_maps,
    stripes,
)
from autograder.vision import show_kernel as show_kernel  # the notebook's

silence_loaded_tensorflow()

image = load_image("camera", size=256)
"""The photograph the exercise filters: 256x256 grayscale floats in [0, 1]."""

line_image = np.array(
    [
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [1, 1, 1, 1, 1, 1],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0, 0],
    ],
    dtype=np.float32,
)
"""Question 4's 6x6 image: a vertical and a horizontal line crossing."""

line_kernel = np.array([[1, -1], [1, -1]], dtype=np.float32)
"""Question 4's kernel: bright on the left, dark on the right."""

vertical_kernel = np.array([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]], dtype=np.float32)
"""Question 6's kernel: picks out thin vertical lines."""


def _probe_images(context: CheckContext) -> list[np.ndarray]:
    """Images a kernel is tried on: a disc, the photo, and random noise at grading time."""
    probes = [circle(32), load_image("camera", size=48)]
    seed = context.rng.randrange(2**31)
    noise = np.random.default_rng(seed)
    probes += [noise.random((24, 24)).astype(np.float32) for _ in range(context.extra_cases)]
    return probes


def _edge_probes(context: CheckContext) -> list[np.ndarray]:
    """Images with edges a kernel should respond to: a disc, the photo, step edges, noise at grading time."""
    step = np.zeros((16, 16), dtype=np.float32)
    step[:, 8:] = 1.0
    return [*_probe_images(context), step, step.T.copy()]


def _flat_probes(context: CheckContext) -> list[np.ndarray]:
    """Uniform images (one brightness everywhere) an edge kernel must turn to 0."""
    levels = [1.0, 0.37]
    levels += [context.rng.uniform(0.05, 1.0) for _ in range(context.extra_cases)]
    return [np.full((12, 12), level, dtype=np.float32) for level in levels]


class Kernel(ValueQuestion):
    """Q1: an edge kernel: uniform areas come out as 0, and it responds where the brightness changes.

    Checked by behaviour: convolved with uniform images it gives 0 everywhere (so its weights add up
    to 0), and convolved with a disc, the photo and step edges its output is not constant.
    """

    var = "kernel"
    flat_tolerance = 1e-4
    """How close to 0 a uniform area must come out, relative to the kernel's largest weight."""

    hints = (
        "Open the kernel playground from lesson 1 (`from autograder.widgets import kernel_playground`, then "
        "`kernel_playground()`), try the presets `edge` and `blur`, and look at the sky, a uniform area, in "
        "the filtered map: which preset turns it black?",
        "On a uniform area every pixel under the window has the same value v, so the output is v times the sum "
        "of the weights. For it to be 0 the weights must add up to 0: give the kernel positive and negative "
        "weights that cancel, arranged so that a change of brightness does not cancel.",
        "For example a positive centre and negative neighbours, "
        "`tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])`; lesson 1's `bottom_sobel` works too.",
    )
    solution = "kernel = tf.constant([\n    [-1, -1, -1],\n    [-1,  8, -1],\n    [-1, -1, -1],\n])"

    def verify(self, value: Any, context: CheckContext) -> str:
        if not is_tensor(value):
            weights = as_array(value, self.var, ndim=2)
            shown = weights.astype(int).tolist() if np.array_equal(weights, weights.round()) else "[[...], ...]"
            raise Incorrect(f"`kernel` is {describe(value)}, not a tensor: wrap it as `tf.constant({shown})`.")
        weights = as_array(value, self.var, ndim=2)
        if not (2 <= weights.shape[0] <= 7 and 2 <= weights.shape[1] <= 7):
            raise Incorrect(f"`kernel` has shape {weights.shape}; use a small kernel, 3x3 for example.")
        if not weights.any():
            raise Incorrect("`kernel` is all zeros: every output would be 0, so the image would disappear.")
        scale = float(np.abs(weights).max())
        total = float(weights.sum())
        flat = max(float(np.abs(convolve(probe, weights, padding="VALID")).max()) for probe in _flat_probes(context))
        if flat > self.flat_tolerance * scale * weights.size:
            raise Incorrect(self._not_zero_on_flat_areas(weights, total))
        for probe in _edge_probes(context):
            if np.ptp(convolve(probe, weights, padding="VALID")) > 1e-3 * scale:
                break
        else:
            raise Incorrect(
                "`kernel` turns uniform areas to 0, but it gives 0 on edges too, so it detects nothing. "
                "Arrange the weights so that a change of brightness under the window does not cancel out."
            )
        note = ""
        for name in ("edge", "bottom_sobel"):
            if weights.shape == KERNELS[name].shape and np.allclose(weights, KERNELS[name]):
                note = f" This is lesson 1's `{name}` kernel; try one of your own too."
        return (
            "Your kernel turns every uniform area to 0 (its weights add up to 0) and responds where the "
            f"brightness changes: an edge detector.{note} Run the next cells to see what it picks out."
        )

    @staticmethod
    def _not_zero_on_flat_areas(weights: np.ndarray, total: float) -> str:
        """Why a kernel whose weights do not add up to 0 fails, named after the tempting ones."""
        centre_only = weights.copy()
        centre_only[tuple(n // 2 for n in weights.shape)] = 0
        if weights.shape[0] % 2 and weights.shape[1] % 2 and not centre_only.any():
            return (
                "`kernel` only has a centre weight, so it just multiplies each pixel by "
                f"{total:g}: a uniform area stays uniform, not 0. Give the neighbours weights too, so the kernel "
                "compares each pixel with its surroundings."
            )
        if abs(total - 1) < 1e-6:
            if np.count_nonzero(weights) == 1:
                return (
                    "`kernel` has a single weight of 1 off the centre: it only shifts the picture by a pixel, and "
                    "a uniform area stays as bright as it was. An edge kernel's weights add up to 0."
                )
            return (
                "the weights of `kernel` add up to 1, so it keeps the brightness of uniform areas (like a blur, "
                "sharpen or emboss kernel) instead of turning them to 0. An edge kernel's weights add up to 0."
            )
        if abs(total - 12) < 1e-6:
            return (
                "the weights of `kernel` add up to 12, so a uniform area of brightness v comes out as 12·v: the "
                "map is mostly a scaled-up copy of the picture, not its edges. (It is not really a brightening "
                "filter either: a picture is shown with its colours rescaled to its own range, so the result "
                "looks much like a sharpened original.) An edge kernel's weights add up to 0: lower the centre "
                "weight by 12."
            )
        return (
            f"the weights of `kernel` add up to {total:g}, not 0, so a uniform area of brightness v comes out "
            f"as {total:g}·v instead of 0. An edge kernel's weights add up to 0: change them until they cancel "
            f"(lowering the centre weight by {total:g} would do)."
        )


_probe_rng = np.random.default_rng(2025)
"""Fixed inputs that a function answer is called with (the results decide, not the name)."""


class ConvFn(NamedFunctionQuestion):
    """Q2: the function that does a Conv2D layer's arithmetic."""

    var = "conv_fn"
    expected = "tf.nn.conv2d"
    purpose = "2-D convolution of a batch of images"
    probes = (
        (
            tf.constant(_probe_rng.normal(size=(1, 6, 5, 1)), tf.float32),
            tf.constant(_probe_rng.normal(size=(3, 2, 1, 1)), tf.float32),
            1,
            "SAME",
        ),
        (
            tf.constant(_probe_rng.normal(size=(2, 7, 6, 2)), tf.float32),
            tf.constant(_probe_rng.normal(size=(3, 3, 2, 3)), tf.float32),
            2,
            "VALID",
        ),
    )
    close_misses = {
        "tf.nn.conv1d": "that convolves 1-D sequences; images need the 2-D version.",
        "tf.nn.conv3d": "that convolves 3-D volumes; images need the 2-D version.",
        "tf.nn.depthwise_conv2d": "that filters each channel separately; a Conv2D layer sums across channels.",
        "tf.nn.conv2d_transpose": "that is the transposed (up-sampling) convolution.",
        "tf.nn.relu": "that is the detect step (ReLU), not the filter step.",
        "tf.nn.max_pool2d": "that is the condense step (max pooling), not the filter step.",
        "tf.raw_ops.Conv2D": "that is the raw operation underneath; use the public `tf.nn` function.",
    }
    hints = (
        "The lower-level functions behind Keras layers live in the `tf.nn` module.",
        "You want the 2-D convolution in `tf.nn`; assign it without parentheses: `conv_fn = tf.nn.____`.",
    )
    solution = "conv_fn = tf.nn.conv2d"


class ReluFn(NamedFunctionQuestion):
    """Q3: the function behind the ReLU activation."""

    var = "relu_fn"
    expected = "tf.nn.relu"
    purpose = "rectified linear unit, max(x, 0)"
    probes = ((tf.constant(8 * _probe_rng.normal(size=(2, 3, 4)), tf.float32),),)
    close_misses = {
        "tf.nn.relu6": "that caps outputs at 6; plain ReLU has no upper limit.",
        "tf.nn.leaky_relu": "that lets a small slope through for negative inputs; ReLU sets them to exactly 0.",
        "tf.nn.elu": "that bends smoothly below zero; ReLU sets negatives to exactly 0.",
        "tf.nn.gelu": "that is a smooth relative of ReLU, not ReLU itself.",
        "tf.nn.sigmoid": "that squashes into (0, 1); ReLU keeps positives unchanged.",
        "tf.nn.conv2d": "that is the filter step (convolution), not the detect step.",
        "tf.maximum": "`tf.maximum(x, 0)` computes ReLU, but the question asks for the named ReLU function.",
    }
    hints = (
        "ReLU is an activation function; TensorFlow's activations are in `tf.nn` too.",
        "Its name is the abbreviation itself, in lower case.",
    )
    solution = "relu_fn = tf.nn.relu"

    def _diagnose(self, value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() == "relu":
            return (
                "`relu_fn` is the string 'relu'. That is how you name the activation inside a layer "
                "(`activation='relu'`); here assign the function object itself."
            )
        return super()._diagnose(value)


class FeatureMap(ValueQuestion):
    """Q4: VALID convolution of `line_image` with `line_kernel`, then ReLU, worked out by hand."""

    var = "feature_map"
    hints = (
        "VALID means the 2x2 window stays inside the 6x6 image, so it fits in 5 positions across and "
        "5 down: the answer is 5x5.",
        "At each position multiply the four pixels under the window by the kernel's four weights and "
        "add them up (TensorFlow does not flip the kernel). Then ReLU turns every negative number into 0.",
        "The kernel is `left column minus right column`: only places where the left side is brighter "
        "give a positive number.",
    )
    solution = (
        "feature_map = [\n"
        "    [0, 0, 0, 2, 0],\n"
        "    [0, 0, 0, 2, 0],\n"
        "    [0, 0, 0, 1, 0],\n"
        "    [0, 0, 0, 1, 0],\n"
        "    [0, 0, 0, 2, 0],\n"
        "]"
    )

    @staticmethod
    def reference(kernel: np.ndarray = line_kernel, padding: str = "VALID") -> np.ndarray:
        return detect(convolve(line_image, kernel, padding=padding))

    def verify(self, value: Any, context: CheckContext) -> str:
        answer = as_array(value, self.var, ndim=2)
        expected = self.reference()
        if answer.shape == (6, 6) and np.array_equal(answer, self.reference(padding="SAME")):
            raise Incorrect(
                "this is the SAME-padded result (6x6). VALID padding never lets the window leave the image."
            )
        if answer.shape != expected.shape:
            raise Incorrect(
                f"`feature_map` has shape {answer.shape}, but a 2x2 window fits in 5x5 positions on a 6x6 "
                "image with VALID padding, so the result is 5x5."
            )
        if np.array_equal(answer, expected):
            return (
                "Right: the kernel responds only along the right edge of the vertical line, where the bright "
                "line (under the kernel's +1 column) meets the dark background (under its -1 column)."
            )
        if np.array_equal(answer, convolve(line_image, line_kernel, padding="VALID")):
            raise Incorrect("these are the raw convolution values: you still need to apply ReLU (negatives become 0).")
        if np.array_equal(answer, self.reference(kernel=line_kernel[::-1, ::-1])):
            raise Incorrect(
                "you flipped the kernel, as in the mathematical convolution. TensorFlow computes a "
                "cross-correlation: the kernel is laid on the image as written."
            )
        wrong = np.argwhere(answer != expected)
        row, col = (int(i) for i in wrong[0])
        count = len(wrong)
        raise Incorrect(
            f"{count} of the 25 entries are wrong; the first is at row {row}, column {col} (counting from 0)."
        )


def _stripe_probes(context: CheckContext) -> list[tuple[np.ndarray, np.ndarray]]:
    """(horizontal, vertical) pairs of the same stripe pattern; random ones at grading time."""
    settings = [(24, 6, 1, 0), (24, 6, 2, 1), (30, 8, 3, 2)]
    for _ in range(context.extra_cases):
        period = context.rng.randint(4, 9)
        settings.append(
            (context.rng.randint(20, 40), period, context.rng.randint(1, period // 2), context.rng.randrange(period))
        )
    pairs = []
    for size, period, width, phase in settings:
        pattern = stripes(size, period, width, "horizontal", phase)
        pairs.append((pattern, pattern.T.copy()))
    return pairs


def line_response(kernel: np.ndarray, context: CheckContext) -> tuple[float, float]:
    """Mean ReLU response of a kernel to horizontal and to vertical stripes."""
    horizontal = vertical = 0.0
    probes = _stripe_probes(context)
    for flat, upright in probes:
        horizontal += float(detect(convolve(flat, kernel, padding="VALID")).mean())
        vertical += float(detect(convolve(upright, kernel, padding="VALID")).mean())
    return horizontal / len(probes), vertical / len(probes)


class HorizontalKernel(ValueQuestion):
    """Q5: a kernel that responds to horizontal lines much more than to vertical ones."""

    var = "horizontal_kernel"
    selectivity = 2.0
    """How many times stronger the response to horizontal stripes must be."""

    hints = (
        "Look back at `line_kernel` from question 4: its weights change from left to right, and it answered "
        "the vertical line. Which way should the weights change for a horizontal line?",
        "A horizontal line is bright in one row and dark in the rows above and below, so the weights "
        "should change from top to bottom and stay the same from left to right.",
    )
    solution = "horizontal_kernel = tf.constant([\n    [-1, -1, -1],\n    [ 2,  2,  2],\n    [-1, -1, -1],\n])"

    def verify(self, value: Any, context: CheckContext) -> str:
        weights = as_array(value, self.var, ndim=2)
        if not (2 <= weights.shape[0] <= 7 and 2 <= weights.shape[1] <= 7):
            raise Incorrect(f"`horizontal_kernel` has shape {weights.shape}; use a small kernel, 3x3 for example.")
        if not weights.any():
            raise Incorrect("`horizontal_kernel` is all zeros, so it responds to nothing.")
        flat, upright = line_response(weights, context)
        scale = float(np.abs(weights).sum())
        if flat <= 0.01 * scale:
            if upright > 0.01 * scale:
                raise Incorrect("your kernel responds to vertical lines, not horizontal ones: turn it on its side.")
            raise Incorrect("your kernel barely responds to horizontal lines.")
        if upright > flat:
            raise Incorrect("your kernel responds more to vertical lines than to horizontal ones.")
        if upright * self.selectivity > flat:
            raise Incorrect(
                "your kernel responds to vertical lines almost as much as to horizontal ones, so it does not "
                "tell them apart. Keep the weights equal along each row."
            )
        ratio = "no" if upright == 0 else f"{flat / upright:.1f} times less"
        return f"Your kernel responds to horizontal lines with {ratio} response to vertical ones."


class VerticalDiscussion(ThoughtQuestion):
    """Q6: what `vertical_kernel` picks out."""

    solution = (
        "Each row of `vertical_kernel` is (-1, 2, -1): it compares a column of pixels with the columns "
        "on either side. A thin bright vertical line gives a large positive sum, a uniform area gives 0 "
        "(the weights add up to 0), and a horizontal line covers a whole row of the kernel, where the "
        "weights cancel. After ReLU only the thin vertical lines and the vertical edges of bright areas "
        "are left: in a photograph, the poles, legs and upright edges."
    )


def _usable_kernel(kernel: Any, question: str) -> np.ndarray | None:
    """The kernel's weights, or None (with a note) while the answer is not a usable 2-D kernel."""
    try:
        if contains_placeholder(kernel):
            raise Incorrect("it still holds the placeholder `____`")
        return as_array(kernel, "kernel", ndim=2)
    except (Incorrect, StudentCodeError) as problem:
        print(f"Answer question {question} first to see this at work ({problem}).")
        return None


def preview_kernel(kernel: Any, photo: np.ndarray) -> None:
    """Filter, detect and condense ``photo`` with the student's kernel, if it is usable yet."""
    weights = _usable_kernel(kernel, "1")
    if weights is not None:
        show_extraction(photo, weights)
        plt.show()


def run_filter_and_detect(conv_fn: Any, relu_fn: Any, kernel: Any, photo: np.ndarray) -> None:
    """Run the student's `conv_fn` and `relu_fn` on ``photo`` the way a Conv2D layer would."""
    weights = _usable_kernel(kernel, "1")
    if weights is None:
        return
    if not (callable(conv_fn) and callable(relu_fn)):
        print("Answer questions 2 and 3 first: conv_fn and relu_fn must be functions.")
        return
    batch = tf.reshape(tf.constant(photo), [1, *photo.shape, 1])
    filters = tf.reshape(tf.constant(weights, dtype=tf.float32), [*weights.shape, 1, 1])
    print(f"image batch: {tuple(batch.shape)}, filters: {tuple(filters.shape)}")
    try:
        filtered = conv_fn(input=batch, filters=filters, strides=1, padding="SAME")
        detected = relu_fn(filtered)
    except Exception as error:
        print(f"Your functions raised {type(error).__name__}: {error}")
        return
    show_maps({"Input": photo, "Filter (conv_fn)": filtered[0, :, :, 0], "Detect (relu_fn)": detected[0, :, :, 0]})
    plt.show()


QUESTIONS = bind_questions(
    globals(),
    [Kernel, ConvFn, ReluFn, FeatureMap, HorizontalKernel, VerticalDiscussion],
    exports=[
        "image",
        "line_image",
        "line_kernel",
        "np",
        "preview_kernel",
        "run_filter_and_detect",
        "show_extraction",
        "show_kernel",
        "tf",
        "vertical_kernel",
    ],
)
