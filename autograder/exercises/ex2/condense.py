"""Exercise 2, question 1: condense the detected map with overlapping max pooling.

The question asks for a setting lesson 2 did not use: 3x3 windows moved by 2 (so neighbours
overlap) with SAME padding. The check pools the student's own `image_detect` with TensorFlow; a
wrong answer is compared with the tempting poolings of the same shape (another map, average
pooling, another window, stride or padding) so that the message names the setting that differs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from autograder.core import (
    CheckContext,
    Incorrect,
    StudentCodeError,
    ValueQuestion,
    as_array,
    close,
    contains_placeholder,
)
from autograder.i18n import N_, _
from autograder.vision import pool
from autograder.vision.geometry import output_size

Pooling = tuple[str, str, int, int, str]
"""A pooling described as (source, mode, window, stride, padding)."""

SOURCE, MODE, WINDOW, STRIDE, PADDING = range(5)
"""Positions in a `Pooling`."""

RIGHT_POOL: Pooling = ("image_detect", "max", 3, 2, "SAME")
"""The pooling question 1 asks for; the messages below name these settings."""

SOURCES = ("image_detect", "image_filter", "image")
"""The maps of the set-up a student may pool."""

SETTINGS = range(1, 5)
"""Windows and strides tried when a wrong answer is matched to a tempting pooling."""


def _maps_in(namespace: Mapping[str, Any], name: str) -> np.ndarray:
    """A 4-D feature map batch the student's namespace holds, or `Incorrect` saying what is wrong with it."""
    if name not in namespace or contains_placeholder(namespace[name]):
        raise Incorrect(
            _("`{name}` is not defined any more: run the set-up cell again to restore it.").format(name=name)
        )
    try:
        maps = as_array(namespace[name], name, ndim=4)
    except Incorrect as problem:
        raise Incorrect(
            _("{problem} The check pools your `{name}`: run the set-up cell again to restore it.").format(
                problem=problem, name=name
            )
        ) from None
    if min(maps.shape[1:3]) < 2:
        raise Incorrect(
            _("`{name}` has shape {shape}, too small to pool: run the set-up cell again.").format(
                name=name, shape=maps.shape
            )
        )
    return maps


def _single_difference(config: Pooling, shape: tuple[int, ...], expected: tuple[int, ...]) -> str | None:
    """The message for a pooling that differs from the asked one in a tempting way (None for any other)."""
    source, mode, window, stride, padding = config
    differences = {i for i, (got, right) in enumerate(zip(config, RIGHT_POOL, strict=True)) if got != right}
    if differences == {SOURCE} and source == "image_filter":
        return _(
            "it has negative values: you pooled `image_filter`, the map before ReLU. Pool `image_detect`. "
            "(Applying ReLU after the pooling would also be right: max pooling and ReLU commute.)"
        )
    if differences == {SOURCE}:
        return _("you pooled the photo itself (`image`); pool the feature map `image_detect`.")
    if differences == {MODE}:
        return _("this is average pooling (`tf.nn.avg_pool2d`); the condense step uses max pooling.")
    if differences == {WINDOW} and window == 2:
        return _(
            "these are the lesson's 2x2 windows, side by side. The question asks for 3x3 windows moved by 2, "
            "which overlap: use a window of 3 (`ksize=3`, or `pool_size=3` for the Keras layer)."
        )
    if differences == {WINDOW} and window == 1:
        return _("a 1x1 window with stride 2 just keeps every other pixel; use a 3x3 window.")
    if differences == {WINDOW}:
        return _("the stride is right, but the window is {window}x{window}; use a 3x3 window.").format(window=window)
    if differences <= {WINDOW, STRIDE} and stride == 1:
        return _(
            "this is a {window}x{window} window moved with stride 1: a window starts at every pixel, so with "
            "SAME padding the map keeps its size. Use a stride of 2."
        ).format(window=window)
    if differences == {STRIDE} and stride == window:
        return _(
            "the windows moved by 3, their own size: that is what `MaxPool2D(3, padding='same')` does without "
            "`strides`, because a Keras pooling layer's stride defaults to its pool size. Give `strides=2`."
        )
    if differences == {PADDING}:
        return _(
            "this is VALID padding: the shape is {shape}, one short of {expected} in each direction, because "
            "every window must fit inside the map. Use `padding='SAME'` (a Keras pooling layer's padding "
            "defaults to 'valid')."
        ).format(shape=shape, expected=expected)
    if differences == {STRIDE, PADDING} and stride == window:
        return _(
            "this is `MaxPool2D(3)` with Keras's defaults: a stride of 3, the pool size, and 'valid' padding. "
            "Give `strides=2` and `padding='same'` as well."
        )
    return None


def _describe_difference(config: Pooling) -> str:
    """What a pooling that differs in several ways is, and what the question asks for instead."""
    source, mode, window, stride, padding = config
    if mode == "max":
        message = _(
            "this is max pooling of `{source}` with a {window}x{window} window, stride {stride} and {padding} "
            "padding; the question asks for max pooling of `image_detect` with a 3x3 window, stride 2 and SAME "
            "padding."
        )
    else:
        message = _(
            "this is average pooling of `{source}` with a {window}x{window} window, stride {stride} and {padding} "
            "padding; the question asks for max pooling of `image_detect` with a 3x3 window, stride 2 and SAME "
            "padding."
        )
    return message.format(source=source, window=window, stride=stride, padding=padding)


class ImageCondense(ValueQuestion):
    """Q1: max pooling of the student's own `image_detect`, 3x3 window, stride 2, SAME."""

    var = "image_condense"
    hints = (
        N_(
            "Try the setting on a small map first: run `from autograder.widgets import pooling_explorer`, then "
            "`pooling_explorer(window=3, stride=2, padding='same', size=7)`, and step through the output cells. "
            "How many rows does each window share with the next one, and how many output rows does the 7-row "
            "map give? Then try padding='valid' and count again."
        ),
        N_(
            "Pooling takes three settings: the window size, the step between windows (the stride) and the "
            "padding. `tf.nn.max_pool2d(input, ksize, strides, padding)` needs all three. A Keras `MaxPool2D` "
            "layer fills in any you leave out, with its pool size as the stride and 'valid' padding, so give it "
            "`strides` and `padding` as well."
        ),
        N_(
            "`tf.nn.max_pool2d(image_detect, ksize=3, strides=2, padding='SAME')`, or "
            "`keras.layers.MaxPool2D(3, strides=2, padding='same')(image_detect)`. With SAME padding the output "
            "is ceil(171 / 2) x ceil(257 / 2) = 86 x 129, as with 2x2 windows; VALID would give 85 x 128."
        ),
    )
    solution = N_(
        "image_condense = tf.nn.max_pool2d(input=image_detect, ksize=3, strides=2, padding='SAME')\n"
        "# or: image_condense = keras.layers.MaxPool2D(3, strides=2, padding='same')(image_detect)\n"
        "# tf.nn.relu(tf.nn.max_pool2d(image_filter, 3, 2, 'SAME')) is the same: max pooling commutes with ReLU."
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        detect = _maps_in(context.namespace, "image_detect")
        expected = pool(detect, *RIGHT_POOL[WINDOW:], RIGHT_POOL[MODE])
        answer = as_array(value, self.var)
        if close(answer, expected):
            return _("Your image_detect {detect} was condensed to {condensed}, about a quarter of the values.").format(
                detect=detect.shape, condensed=answer.shape
            )
        if answer.ndim != 4:
            raise Incorrect(self._dimensions(answer, expected))
        for config, pooled in self._candidates(context.namespace, detect, answer.shape):
            if close(answer, pooled):
                raise Incorrect(
                    _single_difference(config, answer.shape, expected.shape) or _describe_difference(config)
                )
        if answer.shape != expected.shape:
            raise Incorrect(
                _(
                    "`image_condense` has shape {shape}, but max pooling your `image_detect` {detect} with a 3x3 "
                    "window, stride 2 and SAME padding gives {expected}."
                ).format(shape=answer.shape, detect=detect.shape, expected=expected.shape)
            )
        raise Incorrect(
            _(
                "`image_condense` has the right shape, but it doesn't match max pooling of your `image_detect` "
                "with a 3x3 window, stride 2 and SAME padding."
            )
        )

    @staticmethod
    def _dimensions(answer: np.ndarray, expected: np.ndarray) -> str:
        """Why an answer that is not 4-D is wrong: squeezed, or something else."""
        if close(answer.ravel(), expected.ravel()):
            return _(
                "the numbers are right, but `image_condense` has shape {shape}: keep the batch and channel axes, "
                "shape {expected}, as `tf.nn.max_pool2d` returns it (don't squeeze)."
            ).format(shape=answer.shape, expected=expected.shape)
        return _(
            "`image_condense` is {ndim}-dimensional with shape {shape}; TensorFlow pooling keeps the 4 axes "
            "(batch, height, width, channels), so it should have shape {expected}."
        ).format(ndim=answer.ndim, shape=answer.shape, expected=expected.shape)

    @staticmethod
    def _candidates(
        namespace: Mapping[str, Any], detect: np.ndarray, shape: tuple[int, ...]
    ) -> Iterator[tuple[Pooling, np.ndarray]]:
        """Tempting poolings of the set-up's maps whose output has ``shape``, with their outputs."""
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
            settings = itertools.product(("max", "avg"), ("SAME", "VALID"), SETTINGS, SETTINGS)
            for mode, padding, window, stride in settings:
                try:
                    sizes = [output_size(n, window, stride, padding) for n in maps.shape[1:3]]
                except ValueError:  # the window does not fit without padding
                    continue
                if (maps.shape[0], *sizes, maps.shape[3]) == shape:
                    yield (source, mode, window, stride, padding), pool(maps, window, stride, padding, mode)
