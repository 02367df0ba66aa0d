"""Exercise 3, question 3: a small Keras model's shapes, predicted by hand layer by layer.

The reference is Keras itself (the model is built and its layers' output shapes read). A wrong
prediction is explained by the tempting misreadings of `autograder.vision.stacks`, first for the
whole model, then at the first layer that goes wrong.
"""

from __future__ import annotations

import functools
from typing import Any

from autograder.core import CheckContext, Incorrect, ValueQuestion
from autograder.core.shapes import read_shapes, show_shape
from autograder.exercises.ex3.data import MODEL_INPUT, MODEL_LAYERS
from autograder.i18n import N_, _, ngettext
from autograder.vision.geometry import output_size as true_output_size
from autograder.vision.stacks import MISREAD_RULES, WindowLayer, keras_shapes, try_shapes, with_default_stride_one


@functools.cache
def expected_model_shapes() -> list[tuple[Any, ...]]:
    """The output shape of every layer of question 3's model, read from Keras (built once)."""
    return keras_shapes(MODEL_INPUT, MODEL_LAYERS)


_MISREADINGS = {
    "swapped": N_("VALID and SAME are swapped somewhere: VALID keeps the window inside, SAME pads."),
    "strideless": N_("strides are ignored somewhere: a layer with stride s makes about s times fewer positions."),
    "floor": N_(
        "sizes are rounded down, which loses a last window that still fits: SAME gives ceil(n / s) and VALID "
        "gives floor((n - k) / s) + 1, not n // s or (n - k + 1) // s."
    ),
    "half_kernel": N_("SAME is taken as k // 2 padding per side; it pads just enough for ceil(n / s) outputs."),
}
"""What each misreading of the size rules (`MISREAD_RULES`), applied to every layer, tells the student."""


class ModelShapes(ValueQuestion):
    """Q3: the output shape of every layer of `build_model()` (`autograder.exercises.ex3.demos`), predicted by hand."""

    var = "model_shapes"
    hints = (
        N_(
            "Work from the input, (None, 29, 31, 3), one layer at a time: each layer's output is the next "
            "layer's input. Height and width are two separate axes; for each, note the layer's window size, "
            "stride and padding. Then ask what a convolution does to the channels, and what pooling does."
        ),
        N_(
            "Height and width each follow lesson 3's rules: ceil(n / s) for 'same', and for 'valid' your "
            "`output_size(n, k, s, 0, 1)` of question 1 (no padding, no dilation) on each axis. Where a layer "
            "leaves out an argument, Keras uses its default: "
            "`padding='valid'`, `strides=1` for `Conv2D`, and for `MaxPool2D` a stride equal to the pool size. "
            "A `Conv2D` outputs `filters` channels; pooling keeps the channel count. Write the batch size as "
            "`None`."
        ),
        N_(
            "Layer by layer: `Conv2D(16, 3, strides=2, padding='same')` gives ceil(29 / 2) = 15 and "
            "ceil(31 / 2) = 16 with 16 filters: (None, 15, 16, 16). `MaxPool2D(pool_size=2)` moves 2 cells with "
            "'valid': ceil((15 - 2 + 1) / 2) = 7 and ceil((16 - 2 + 1) / 2) = 8: (None, 7, 8, 16). "
            "`Conv2D(32, 3)`: 7 - 3 + 1 = 5 and 8 - 3 + 1 = 6: (None, 5, 6, 32). "
            "`MaxPool2D(pool_size=3, strides=2, padding='same')`: ceil(5 / 2) = 3 and ceil(6 / 2) = 3: "
            "(None, 3, 3, 32). `Conv2D(8, 1)` keeps the size: (None, 3, 3, 8)."
        ),
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
            raise Incorrect(
                ngettext(
                    "`model_shapes` has {count} shape; the model has {layers} layers.",
                    "`model_shapes` has {count} shapes; the model has {layers} layers.",
                    len(answer),
                ).format(count=len(answer), layers=len(expected))
            )
        if all(len(shape) == 3 for shape in answer):
            if [shape[1:] for shape in expected] == answer:
                raise Incorrect(
                    _(
                        "you left out the batch axis: each shape needs four entries, (batch, height, width, "
                        "channels), with the batch written `None`."
                    )
                )
            if [shape[:3] for shape in expected] == answer:
                raise Incorrect(
                    _(
                        "you left out the channels: each shape needs four entries, (batch, height, width, "
                        "channels); the last one is the number of feature maps."
                    )
                )
            raise Incorrect(_("each shape needs four entries: (batch, height, width, channels), with batch `None`."))
        answer = [(None, *shape[1:]) if len(shape) == 4 else shape for shape in answer]
        if answer == expected:
            return _("Every shape matches the Keras model.")
        _diagnose(answer, expected)
        raise AssertionError("unreachable")  # _diagnose always raises


def _diagnose(answer: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]) -> None:
    """Raise `Incorrect` naming the misreading behind a wrong list, or else the first wrong layer and why."""
    if answer == try_shapes(MODEL_INPUT, with_default_stride_one(MODEL_LAYERS), true_output_size):
        raise Incorrect(
            _("the pooling strides are taken as 1: in Keras a pooling layer's stride defaults to its pool size.")
        )
    for name, message in _MISREADINGS.items():
        if answer == try_shapes(MODEL_INPUT, MODEL_LAYERS, MISREAD_RULES[name]):
            raise Incorrect(_(message))
    first = next(index for index, (got, right) in enumerate(zip(answer, expected, strict=True)) if got != right)
    layer, got, right = MODEL_LAYERS[first], answer[first], expected[first]
    incoming = expected[first - 1] if first else MODEL_INPUT
    name = _("layer {number} (`{code}`)").format(number=first + 1, code=layer.code())
    if len(got) != 4:
        raise Incorrect(
            _("{layer}: the shape {shape} needs four entries, (batch, height, width, channels).").format(
                layer=name, shape=show_shape(got)
            )
        )
    if got[3] != right[3]:
        raise Incorrect(_channel_slip(name, layer, got[3], incoming[3]))
    slips = _layer_slips(layer, incoming, got)
    if slips:
        explanation = slips[0]
        for slip in slips[1:]:
            explanation = _("{explanation} Or: {another}").format(explanation=explanation, another=slip)
        raise Incorrect(_("{layer}: {explanation}").format(layer=name, explanation=explanation))
    raise Incorrect(
        _(
            "{layer} does not give {shape}: work out its height and width again from the previous layer's "
            "output, {incoming}."
        ).format(layer=name, shape=show_shape(got), incoming=show_shape(incoming))
    )


def _channel_slip(name: str, layer: WindowLayer, channels: int | None, incoming: int) -> str:
    """Why a layer cannot have ``channels`` channels: pooling keeps the count, a Conv2D has one per filter."""
    count = channels if channels is not None else 0  # only chooses the plural form of "channels"
    if layer.is_pooling:
        return ngettext(
            "{layer} has {channels} channel in your list, but pooling keeps the channel count: {incoming} in, "
            "{incoming} out. It has no weights to mix or add channels.",
            "{layer} has {channels} channels in your list, but pooling keeps the channel count: {incoming} in, "
            "{incoming} out. It has no weights to mix or add channels.",
            count,
        ).format(layer=name, channels=channels, incoming=incoming)
    return ngettext(
        "{layer} has {channels} channel in your list, but a Conv2D outputs one channel per filter: {filters}, "
        "whatever the input had.",
        "{layer} has {channels} channels in your list, but a Conv2D outputs one channel per filter: {filters}, "
        "whatever the input had.",
        count,
    ).format(layer=name, channels=channels, filters=layer.filters)


def _layer_slips(layer: WindowLayer, incoming: tuple[Any, ...], got: tuple[Any, ...]) -> list[str]:
    """What a single layer's wrong height and width can be explained by, each said in words."""
    padding = layer.padding.lower()
    other = "valid" if padding == "same" else "same"
    if padding == "same":
        swapped = _(
            "this is what padding='{other}' would give, but the layer uses '{padding}' (the input is padded: "
            "ceil(n / s))."
        )
    else:
        swapped = _(
            "this is what padding='{other}' would give, but the layer uses '{padding}' (the window stays "
            "inside: ceil((n - k + 1) / s))."
        )
    if layer.is_pooling and layer.stride is None:
        strideless = _("this is stride 1, but a pooling layer's stride defaults to its pool size, {size}.").format(
            size=layer.size
        )
    else:
        strideless = _(
            "this ignores the stride: with strides={stride} the size is divided by {stride}, rounded up."
        ).format(stride=layer.step)
    messages = {
        "swapped": swapped.format(other=other, padding=padding),
        "strideless": strideless,
        "floor": _(
            "this rounds down and loses a last window that still fits: SAME gives ceil(n / s) and VALID gives "
            "floor((n - k) / s) + 1."
        ),
        "half_kernel": _("this pads k // 2 on each side; SAME pads just enough for ceil(n / s) outputs."),
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
