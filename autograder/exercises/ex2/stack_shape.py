"""Exercise 2, question 4: the output shape of a stack of pooling layers, predicted without running it.

The reference is the real Keras model's output shape; the tempting slips (a default stride taken
as 1, rounding SAME down, one layer's padding swapped) are computed with `autograder.vision.stacks`'
size rules, so each wrong (height, width) has its own message.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from autograder.core import CheckContext, Incorrect, ValueQuestion
from autograder.core.shapes import Shape, read_shape, show_shape
from autograder.exercises.ex2.data import CODE_STYLE, STACK, STACK_INPUT, pooling_stack
from autograder.i18n import N_, _, ngettext
from autograder.vision.geometry import output_size, padding_name
from autograder.vision.stacks import MISREAD_RULES, SizeRule, WindowLayer, try_shapes, with_default_stride_one


def _spatial(
    layers: Sequence[WindowLayer] = STACK, rule: SizeRule = output_size, at: Collection[int] | None = None
) -> tuple[int, ...] | None:
    """Height and width after ``layers`` fed with question 4's input, sizes by ``rule`` (at the layers ``at``)."""
    shapes = try_shapes(STACK_INPUT, layers, rule, at)
    return None if shapes is None else tuple(shapes[-1][1:3])


def _swapped_padding(index: int) -> str:
    """The message for layer ``index`` computed with the other padding."""
    if padding_name(STACK[index].padding) == "same":
        message = _(
            "layer {number} (`{code}`) was computed as if padding='valid'; it uses 'same' (padded, ceil(n / stride))."
        )
    else:
        message = _(
            "layer {number} (`{code}`) was computed as if padding='same'; it uses 'valid' (windows stay inside: "
            "floor((n - k) / stride) + 1)."
        )
    return message.format(number=index + 1, code=STACK[index].code(**CODE_STYLE))


def _spatial_mistakes() -> list[tuple[tuple[int, ...] | None, str]]:
    """Wrong (height, width) results of tempting slips, each with its message (first match wins)."""
    first_default = next(i for i, layer in enumerate(STACK) if layer.stride is None)
    default_stride = _(
        "layer {number} (`{code}`) gives no stride, so Keras uses the pool size: its stride is {size}, not 1."
    )
    mistakes = [
        (
            _spatial(with_default_stride_one(STACK)),
            default_stride.format(
                number=first_default + 1, code=STACK[first_default].code(**CODE_STYLE), size=STACK[first_default].size
            ),
        ),
        (
            _spatial(rule=MISREAD_RULES["strideless"]),
            _(
                "you moved every window with stride 1. A pooling layer's stride is `strides`, and when it is "
                "not given, the pool size."
            ),
        ),
        (
            _spatial(rule=MISREAD_RULES["floor"]),
            _(
                "with padding='same' the output is ceil(n / stride), rounded up: the last, partial window still "
                "counts (you rounded down)."
            ),
        ),
    ]
    mistakes += [(_spatial(rule=MISREAD_RULES["swapped"], at={i}), _swapped_padding(i)) for i in range(len(STACK))]
    return mistakes


def _axes_message(count: int) -> str:
    """Why an answer with ``count`` sizes is not the output's shape."""
    return ngettext(
        "`pooled_shape` has {count} size; the output has 4 axes: (batch, height, width, channels).",
        "`pooled_shape` has {count} sizes; the output has 4 axes: (batch, height, width, channels).",
        count,
    ).format(count=count)


class PooledShape(ValueQuestion):
    """Q4: the output shape of `pooling_stack`, predicted without running it."""

    var = "pooled_shape"
    hints = (
        N_(
            "Work layer by layer, for the height and then for the width: pooling never changes the batch size or "
            "the number of channels. To see how a layer's window, stride and padding set a size, run "
            "`from autograder.widgets import pooling_explorer`, then `pooling_explorer(window=2, size=7)` (no "
            "stride given, like the first layer) and `pooling_explorer(window=3, stride=2, padding='same', "
            "size=7)`, and count the output rows of each."
        ),
        N_(
            "A layer without `strides` uses its pool size as the stride. With padding='valid' a window must fit "
            "inside: floor((n - k) / s) + 1 outputs. With padding='same': ceil(n / s). Apply the three layers in "
            "turn to the 45 rows, then to the 31 columns."
        ),
        N_(
            "Height: 45 -> (45 - 2) // 2 + 1 = 22 -> ceil(22 / 2) = 11 -> (11 - 2) // 1 + 1 = 10. "
            "Width: 31 -> 15 -> 8 -> 7. So `pooled_shape = (8, 10, 7, 16)`."
        ),
    )
    solution = N_(
        "# height: 45 -> (45 - 2) // 2 + 1 = 22 -> ceil(22 / 2) = 11 -> (11 - 2) // 1 + 1 = 10\n"
        "# width:  31 -> (31 - 2) // 2 + 1 = 15 -> ceil(15 / 2) = 8  -> (8 - 2) // 1 + 1 = 7\n"
        "pooled_shape = (8, 10, 7, 16)  # (None, 10, 7, 16) is right too"
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        expected: Shape = tuple(pooling_stack.output_shape)
        shape = read_shape(value, self.var)
        batch, channels = expected[0], expected[3]
        if len(shape) == 3 and shape == expected[1:]:
            raise Incorrect(
                _(
                    "you left out the batch axis: the output is 4-D, (batch, height, width, channels); "
                    "the batch is {batch} here (None is accepted)."
                ).format(batch=batch)
            )
        if len(shape) != 4:
            raise Incorrect(_axes_message(len(shape)))
        if shape[0] not in (batch, None):
            raise Incorrect(
                _("the batch size is {got}; pooling keeps the batch of {batch} (or write None).").format(
                    got=shape[0], batch=batch
                )
            )
        if None in shape[1:]:
            raise Incorrect(
                _("only the batch may be None: the layers determine the height, width and channels exactly.")
            )
        if shape[3] != channels:
            raise Incorrect(
                _(
                    "your shape has {got} channels, but pooling has no weights and works on each channel "
                    "separately, so the {channels} channels stay {channels}."
                ).format(got=shape[3], channels=channels)
            )
        return self._spatial_verdict(shape, expected)

    @staticmethod
    def _spatial_verdict(shape: Shape, expected: Shape) -> str:
        """Praise for the right height and width, or `Incorrect` naming the slip behind wrong ones."""
        spatial = shape[1:3]
        if spatial == expected[1:3]:
            return _("Right: {shape}. Pooling shrank 45x31 to 10x7 and kept the 16 channels.").format(
                shape=show_shape(shape)
            )
        for wrong, message in _spatial_mistakes():
            if spatial == wrong:
                raise Incorrect(message)
        if spatial[0] == expected[1]:
            raise Incorrect(
                _("the height is right, but the width {width} is not: follow the 31 columns layer by layer.").format(
                    width=spatial[1]
                )
            )
        if spatial[1] == expected[2]:
            raise Incorrect(
                _("the width is right, but the height {height} is not: follow the 45 rows layer by layer.").format(
                    height=spatial[0]
                )
            )
        raise Incorrect(
            _(
                "height and width {spatial} are not what the three layers give. Work out each layer's output in turn."
            ).format(spatial=spatial)
        )
