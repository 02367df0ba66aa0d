"""Questions 2 and 3: a Conv2D layer's weights and what the layer computes with them.

Question 2 asks for the shape of the kernel a ``Conv2D(filters, kernel_size)`` layer holds for
inputs with a given number of channels; question 3 for the layer's forward pass written with
TensorFlow's own functions (filter, add the biases, detect). Both answers are functions, judged
on sizes and weights the lesson did not show (non-square windows, several input channels and
filters, biases), against Keras's own rule; the tests check each reference against a real layer.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, FunctionQuestion, ShapeDiagnosis, is_tensor
from autograder.core.question import array_problem, is_whole_number, short_repr
from autograder.i18n import N_, _

MAX_AXES = 8
"""A returned shape with more entries than this is not a kernel's shape (and is not looked into)."""


def window(kernel_size: Any) -> tuple[int, int]:
    """(height, width) of a Keras ``kernel_size``: an int k is a k x k window, a pair is (height, width)."""
    if is_whole_number(kernel_size):
        return int(kernel_size), int(kernel_size)
    height, width = kernel_size
    return int(height), int(width)


def as_shape(value: Any, depth: int = 0) -> Any:
    """A returned shape as nested tuples of ints (an int stays an int); None when it holds anything else.

    Tuples, lists, TensorShapes (evidence turns them into tuples), integer arrays and tensors are all
    read the same way, so ``(3, 3, 1, 8)``, ``[3, 3, 1, 8]`` and ``layer.kernel.shape`` compare equal.
    """
    if depth > 2:
        return None
    if is_whole_number(value):
        return int(value)
    if is_tensor(value):
        try:
            value = np.asarray(value.numpy())
        except Exception:
            return None
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iu" or value.size > MAX_AXES:
            return None
        value = value.tolist()
    if type(value) in (tuple, list) and len(value) <= MAX_AXES:
        items = [as_shape(item, depth + 1) for item in value]
        return None if any(item is None for item in items) else tuple(items)
    return None


class KernelShape(FunctionQuestion):
    """Q2: ``kernel_shape(filters, kernel_size, channels)``, the shape of ``Conv2D(filters, kernel_size)``'s
    kernel once the layer sees inputs with ``channels`` channels: (kh, kw, channels, filters).

    Graded on the lesson's layer, colour images, non-square windows (as a tuple and as a list), a 1x1
    window and random sizes; a slip is named only when it gives the student's result on every case.
    """

    var = "kernel_shape"
    fixed_cases = ((8, 3, 1), (16, 3, 3), (32, (5, 3), 16), (4, (1, 7), 2), (64, 1, 32), (10, [2, 4], 5))
    visible_random_cases = 2
    diagnose_from_all_cases = True
    diagnoses = (
        Diagnosis(
            lambda filters, kernel_size, channels: (*window(kernel_size), filters),
            N_(
                "you left out the input channels. Each filter is a window as deep as its input: on an image with "
                "3 channels it has a (kh, kw) grid of weights for each of the 3, so the kernel has four axes, "
                "(kh, kw, input channels, filters)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (*window(kernel_size), filters, channels),
            N_(
                "the input channels and the filters are swapped. The input channels come third and the filters "
                "(the layer's output channels) last: (kh, kw, input channels, filters)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (*window(kernel_size), 1, filters),
            N_(
                "you kept the lesson's single input channel. The third axis is the number of channels of the "
                "layer's input, `channels` here, which is 1 only for a grayscale image."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: window(kernel_size),
            N_(
                "that is the window alone, what `kernel_size` means. The layer's kernel also has an axis for the "
                "input channels and one for the filters: (kh, kw, input channels, filters)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: kernel_size,
            N_(
                "you returned `kernel_size` itself, the window only. The layer's kernel has four axes: "
                "(kh, kw, input channels, filters)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (*window(kernel_size), channels),
            N_(
                "that is the shape of one filter. The layer has `filters` of them, stacked on a last axis: "
                "(kh, kw, input channels, filters)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (3, 3, channels, filters),
            N_(
                "you kept the lesson's 3x3 window whatever `kernel_size` says. The first two sizes are the "
                "window's height and width, which `kernel_size` gives."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (*window(kernel_size)[::-1], channels, filters),
            N_(
                "the height and the width of the window are swapped. `kernel_size=(5, 3)` is a window 5 rows "
                "high and 3 columns wide, and the kernel's shape starts with the height: (5, 3, ...)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (filters, channels, *window(kernel_size)),
            N_(
                "that is PyTorch's order, (filters, input channels, kh, kw). Keras and `tf.nn.conv2d` put the "
                "window first and the filters last: (kh, kw, input channels, filters)."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (kernel_size, kernel_size, channels, filters),
            N_(
                "`kernel_size` may also be a pair (height, width), as in `Conv2D(32, (5, 3))`, and then the "
                "shape must hold its two numbers, not the pair twice. Turn an int k into (k, k) first."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (kernel_size, channels, filters),
            N_(
                "an int `kernel_size` is the height and the width of a square window: `kernel_size=3` means 3x3, "
                "so the shape starts (3, 3, ...). A pair gives the height and the width."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: int(np.prod(window(kernel_size))) * channels * filters,
            N_(
                "that is the number of weights in the kernel, the product of its shape. Return the shape itself, "
                "a tuple of its four sizes."
            ),
        ),
        Diagnosis(
            lambda filters, kernel_size, channels: (int(np.prod(window(kernel_size))) * channels + 1) * filters,
            N_(
                "that is the layer's number of parameters, weights and biases. Return the shape of the kernel, "
                "a tuple of its four sizes."
            ),
        ),
    )
    hints = (
        N_(
            "Lesson 1 printed the kernel of `Conv2D(filters=8, kernel_size=3)` on one-channel images: "
            "which of its four numbers came from `kernel_size`, which from the input and which from `filters`? "
            "You can test a guess on any layer: `layer = tf.keras.layers.Conv2D(16, (5, 3))`, then "
            "`layer.build((None, 32, 32, 3))` and `layer.kernel.shape`."
        ),
        N_(
            "Each filter is a (kh, kw) window with a grid of weights for every input channel, and the layer "
            "stacks its filters on the last axis. `kernel_size` is either an int k, a k x k window, or a pair "
            "(height, width): handle both (`isinstance(kernel_size, int)` tells them apart)."
        ),
        N_("Turn an int k into (k, k), then with `kh, kw = kernel_size` `return (kh, kw, channels, filters)`."),
    )
    solution = N_(
        "def kernel_shape(filters, kernel_size, channels):\n"
        "    if isinstance(kernel_size, int):  # 3 means a 3x3 window\n"
        "        kernel_size = (kernel_size, kernel_size)\n"
        "    kh, kw = kernel_size\n"
        "    return (kh, kw, channels, filters)"
    )

    def reference(self, filters: int, kernel_size: Any, channels: int) -> tuple[int, int, int, int]:
        return (*window(kernel_size), channels, filters)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        size = rng.randint(1, 7)
        kernel_size = size if rng.random() < 0.4 else (size, rng.randint(1, 7))
        return rng.randint(1, 128), kernel_size, rng.randint(1, 64)

    def same(self, got: Any, expected: Any) -> bool:
        shape = as_shape(got)
        return shape is not None and shape == as_shape(expected)

    def case_note(self, error: Exception, func: Any, args: tuple[Any, ...], context: Any) -> str:
        if isinstance(error, TypeError) and is_whole_number(args[1]):
            return _(
                "`kernel_size` may be a single int: `Conv2D(8, 3)` has a 3x3 window. Turn an int k into (k, k) "
                "before you take its height and width."
            )
        return ""

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        shape = as_shape(got)
        if not (isinstance(shape, tuple) and all(isinstance(size, int) for size in shape)):
            return _("returned {value}; return the shape as a tuple of whole numbers, such as (5, 5, 3, 16).").format(
                value=short_repr(got, 80)
            )
        return _("returned {value}, but the kernel of this layer has the shape {expected}.").format(
            value=short_repr(shape, 60), expected=expected
        )


def layer_output(images: Any, kernels: Any, biases: Any, padding: str = "VALID") -> np.ndarray:
    """What ``Conv2D(filters, kernel_size, activation='relu')`` computes with these weights (stride 1)."""
    filtered = tf.nn.conv2d(tf.cast(images, tf.float32), tf.cast(kernels, tf.float32), strides=1, padding=padding)
    return tf.nn.relu(filtered + tf.cast(biases, tf.float32)).numpy()


def _filtered(images: Any, kernels: Any) -> tf.Tensor:
    return tf.nn.conv2d(tf.cast(images, tf.float32), tf.cast(kernels, tf.float32), strides=1, padding="VALID")


def _valid_shape(images: Any, kernels: Any) -> tuple[int, int, int]:
    """(height, width, filters) of one example's VALID output."""
    (__, h, w, __), (kh, kw, __, filters) = np.shape(images), np.shape(kernels)
    return h - kh + 1, w - kw + 1, filters


def _weights(seed: int, n: int, h: int, w: int, c_in: int, kh: int, kw: int, filters: int) -> tuple[Any, ...]:
    """A batch of standardized images (tensor) and a layer's kernels and biases (numpy, as `get_weights` gives)."""
    rng = np.random.default_rng(seed)
    images = tf.constant(rng.normal(size=(n, h, w, c_in)).round(2), tf.float32)
    kernels = rng.normal(size=(kh, kw, c_in, filters)).round(2).astype(np.float32)
    biases = rng.uniform(-1.0, 1.0, size=filters).round(2).astype(np.float32)
    return images, kernels, biases


class ConvLayer(FunctionQuestion):
    """Q3: ``conv_layer(images, kernels, biases)``, the output of ``Conv2D(filters, kernel_size,
    activation='relu')`` whose weights are ``kernels`` and ``biases``: relu(conv2d(images, kernels) + biases),
    stride 1, VALID padding (the layer's default).

    Graded on batches of several channels, non-square and 1x1 windows and several filters, with
    biases of both signs and images with negative values (standardized), so that leaving out the
    biases, adding them after ReLU, padding SAME or flipping the kernels each changes the result.
    """

    var = "conv_layer"
    fixed_cases = (
        _weights(11, 2, 7, 6, 3, 3, 3, 4),
        _weights(12, 1, 6, 8, 2, 2, 3, 5),
        _weights(13, 3, 5, 5, 1, 1, 1, 2),
    )
    visible_random_cases = 1
    diagnoses = (
        ShapeDiagnosis(
            lambda images, kernels, biases: (np.shape(images)[0], *np.shape(images)[1:3], np.shape(kernels)[3]),
            N_(
                "your feature maps are as large as the images, as with `padding='SAME'` (the lesson's photograph "
                "used it). A `Conv2D` layer's padding is 'valid' by default: a (kh, kw) window fits h - kh + 1 "
                "times down and w - kw + 1 times across."
            ),
        ),
        ShapeDiagnosis(
            lambda images, kernels, biases: _valid_shape(images, kernels),
            N_(
                "your result has lost the batch axis. A layer returns one set of feature maps per image: "
                "(batch, height, width, filters)."
            ),
        ),
        Diagnosis(
            lambda images, kernels, biases: tf.nn.relu(_filtered(images, kernels)).numpy(),
            N_(
                "you left out the biases. A `Conv2D` layer adds each filter's bias to its whole feature map "
                "after the convolution and before ReLU."
            ),
        ),
        Diagnosis(
            lambda images, kernels, biases: (tf.nn.relu(_filtered(images, kernels)) + biases).numpy(),
            N_(
                "you added the biases after ReLU. The layer adds them to the filtered maps first and then applies "
                "ReLU, so none of its outputs is negative: a negative bias raises the bar a response must clear."
            ),
        ),
        Diagnosis(
            lambda images, kernels, biases: (_filtered(images, kernels) + biases).numpy(),
            N_(
                "you stopped after the filter step and the biases. With `activation='relu'` the layer applies "
                "ReLU last, so every negative value becomes 0."
            ),
        ),
        Diagnosis(
            lambda images, kernels, biases: (_filtered(tf.nn.relu(images), kernels) + biases).numpy(),
            N_(
                "you applied ReLU to the images, before filtering. The detect step comes after the filter step: "
                "ReLU acts on the filtered maps plus their biases."
            ),
        ),
        Diagnosis(
            lambda images, kernels, biases: layer_output(images, np.asarray(kernels)[::-1, ::-1], biases),
            N_(
                "you flipped the kernels, as the convolution of mathematics does. A `Conv2D` layer and "
                "`tf.nn.conv2d` lay each kernel on the image as it is stored."
            ),
        ),
    )
    hints = (
        N_(
            "A `Conv2D` layer with `activation='relu'` does three things: the filter step, then it adds each "
            "filter's bias, then the detect step. Lesson 1 showed the `tf.nn` functions for the first and the "
            "last, and which padding the layer uses when none is given."
        ),
        N_(
            "Convolve `images` with `kernels` using `tf.nn.conv2d`, stride 1 and 'VALID' padding; add `biases` "
            "(it has one value per filter, so it adds along the last axis); then apply `tf.nn.relu` to the sum."
        ),
        N_("`return tf.nn.relu(tf.nn.conv2d(images, kernels, strides=1, padding='VALID') + biases)`"),
    )
    solution = N_(
        "def conv_layer(images, kernels, biases):\n"
        "    filtered = tf.nn.conv2d(images, kernels, strides=1, padding='VALID')  # filter\n"
        "    return tf.nn.relu(filtered + biases)  # add the biases, then detect"
    )

    def reference(self, images: Any, kernels: Any, biases: Any) -> np.ndarray:
        return layer_output(images, kernels, biases)

    def case_note(self, error: Exception, func: Any, args: tuple[Any, ...], context: Any) -> str:
        text = str(error)
        if "padding" in text and "allowed" in text:
            return _(
                "`tf.nn.conv2d` takes its padding in capitals, 'VALID' or 'SAME'; only Keras layers accept "
                "'valid' and 'same'."
            )
        if isinstance(error, TypeError) and "positional argument" in text:
            return _(
                "If the call that failed is `tf.nn.conv2d`: it needs the strides as well as the padding, "
                "`tf.nn.conv2d(images, kernels, strides=1, padding='VALID')`."
            )
        return ""

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        h, w = rng.randint(3, 9), rng.randint(3, 9)
        sizes = (rng.randint(1, 3), h, w, rng.randint(1, 4), rng.randint(1, min(h, 4)), rng.randint(1, min(w, 4)))
        return _weights(rng.randrange(2**32), *sizes, rng.randint(1, 5))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        return array_problem(
            got,
            expected.shape,
            _("returned {value}; it should return the layer's feature maps, an array of numbers."),
            _("returned an array of shape {shape}; the layer's output has shape {expected}."),
        ) or _("returned the right shape, but not the values the layer computes with these weights.")
