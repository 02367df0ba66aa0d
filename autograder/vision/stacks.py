"""Stacks of convolution and pooling layers described as data.

A `WindowLayer` builds the real Keras layer (the reference shapes come from Keras itself) and
predicts its output shape by a size rule: the right one from `geometry`, or a tempting wrong one
(`MISREAD_RULES`), which is how the exercises recognise a student's misunderstanding.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from autograder.vision.geometry import output_size, padding_name

SizeRule = Callable[[int, int, int, str], int]
Shape = tuple[Any, ...]

_KERAS_NAMES = {"conv": "Conv2D", "max": "MaxPool2D", "avg": "AvgPool2D"}
"""The Keras class of each kind (``AveragePooling2D`` is another name of ``AvgPool2D``)."""


@dataclass(frozen=True)
class WindowLayer:
    """A `Conv2D` (kind ``'conv'``, with ``filters``) or a max/average pooling layer (``'max'``, ``'avg'``)."""

    kind: str
    size: int
    stride: int | None = None
    """None keeps the Keras default: 1 for Conv2D, the pool size for pooling."""
    padding: str = "valid"
    filters: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KERAS_NAMES:
            raise ValueError(f"kind must be one of {sorted(_KERAS_NAMES)}")
        if (self.kind == "conv") != (self.filters is not None):
            raise ValueError("a convolution needs filters; a pooling layer has none")
        padding_name(self.padding)

    @property
    def is_pooling(self) -> bool:
        return self.kind != "conv"

    @property
    def step(self) -> int:
        """The stride in effect."""
        if self.stride is not None:
            return self.stride
        return self.size if self.is_pooling else 1

    def code(self, *, positional: bool = False, names: Mapping[str, str] = _KERAS_NAMES) -> str:
        """How the layer is written in Keras, e.g. ``layers.MaxPool2D(pool_size=3, strides=2, padding='same')``.

        ``positional`` writes a pool size without its keyword (``layers.MaxPool2D(3, ...)``);
        ``names`` chooses among the Keras classes' other names.
        """
        size = str(self.size) if positional else f"pool_size={self.size}"
        arguments = [str(self.filters), str(self.size)] if self.kind == "conv" else [size]
        if self.stride is not None:
            arguments.append(f"strides={self.stride}")
        if padding_name(self.padding) != "valid":
            arguments.append(f"padding='{padding_name(self.padding)}'")
        return f"layers.{names[self.kind]}({', '.join(arguments)})"

    def keras_layer(self) -> Any:
        """The real Keras layer."""
        from keras import layers

        options: dict[str, Any] = {"padding": padding_name(self.padding)}
        if self.stride is not None:
            options["strides"] = self.stride
        if self.kind == "conv":
            return layers.Conv2D(self.filters, self.size, **options)
        pooling = layers.MaxPool2D if self.kind == "max" else layers.AvgPool2D
        return pooling(pool_size=self.size, **options)

    @property
    def mode(self) -> str:
        """A pooling layer's reduction, as `autograder.vision.pooling` names it."""
        return "max" if self.kind == "max" else "average"

    def output_shape(self, shape: Shape, rule: SizeRule = output_size) -> Shape:
        """(batch, height, width, channels) after this layer, with sizes from ``rule``."""
        batch, height, width, channels = shape
        sizes = [rule(n, self.size, self.step, self.padding) for n in (height, width)]
        return (batch, *sizes, self.filters if self.kind == "conv" else channels)


def stack_shapes(
    shape: Shape, layers: Sequence[WindowLayer], rule: SizeRule = output_size, at: Collection[int] | None = None
) -> list[Shape]:
    """The output shape of every layer of a stack fed with ``shape``; ``rule`` only at the layers ``at``
    (by index) when given, the right rule elsewhere."""
    shapes = []
    for index, layer in enumerate(layers):
        shape = layer.output_shape(shape, rule if at is None or index in at else output_size)
        shapes.append(shape)
    return shapes


def keras_shapes(shape: Shape, layers: Sequence[WindowLayer]) -> list[Shape]:
    """The output shape of every layer, read from a real Keras model (batch None when ``shape[0]`` is None)."""
    import keras

    batch, *rest = shape
    model = keras.Sequential([keras.Input(shape=tuple(rest), batch_size=batch), *(x.keras_layer() for x in layers)])
    return [tuple(layer.output.shape) for layer in model.layers]


def _floor_rule(n: int, k: int, s: int, padding: str) -> int:
    if padding_name(padding) == "same":
        return n // s
    if k > n:
        raise ValueError("window larger than the input")
    return (n - k + 1) // s


def _half_kernel_rule(n: int, k: int, s: int, padding: str) -> int:
    """SAME taken as k // 2 padding on both sides, so that it depends on k for even kernels."""
    pad = 2 * (k // 2) if padding_name(padding) == "same" else 0
    if k > n + pad:
        raise ValueError("window larger than the input")
    return (n + pad - k) // s + 1


def _swapped_rule(n: int, k: int, s: int, padding: str) -> int:
    return output_size(n, k, s, "valid" if padding_name(padding) == "same" else "same")


def _strideless_rule(n: int, k: int, s: int, padding: str) -> int:
    return output_size(n, k, 1, padding)


MISREAD_RULES: dict[str, SizeRule] = {
    "swapped": _swapped_rule,
    "strideless": _strideless_rule,
    "floor": _floor_rule,
    "half_kernel": _half_kernel_rule,
}
"""Tempting wrong size rules: VALID and SAME swapped, stride ignored, floor instead of ceiling,
SAME as k // 2 cells of padding on each side."""


def with_default_stride_one(layers: Sequence[WindowLayer]) -> list[WindowLayer]:
    """The stack as someone would see it who thinks a pooling layer's stride defaults to 1."""
    return [replace(x, stride=1) if x.is_pooling and x.stride is None else x for x in layers]


def try_shapes(
    shape: Shape, layers: Sequence[WindowLayer], rule: SizeRule, at: Collection[int] | None = None
) -> list[Shape] | None:
    """`stack_shapes`, or None when the rule cannot be applied (a window larger than its input)."""
    try:
        return stack_shapes(shape, layers, rule, at)
    except (ValueError, ZeroDivisionError):
        return None
