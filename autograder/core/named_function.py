"""Questions whose answer is a library function itself, such as ``conv_fn = tf.nn.conv2d``.

The tempting wrong answers are shared by every such question (calling the function, quoting its
name, naming the Keras layer instead, a neighbouring ``tf.nn`` function), so they are diagnosed
here once; each question adds its own close misses with their own messages.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, ClassVar

from autograder.core.outcome import Incorrect
from autograder.core.question import CheckContext, ValueQuestion
from autograder.core.values import describe, is_tensor

_ALIASES = {"tf": "tensorflow", "keras": "keras", "np": "numpy"}


def resolve(path: str) -> Any:
    """The object a dotted path such as ``tf.nn.conv2d`` names."""
    head, *rest = path.split(".")
    obj: Any = importlib.import_module(_ALIASES.get(head, head))
    for part in rest:
        obj = getattr(obj, part)
    return obj


def find_in_namespace(value: Any, module_path: str) -> str | None:
    """The public name under which ``value`` lives in a module (``tf.nn`` say), if it does."""
    try:
        module = resolve(module_path)
    except (ImportError, AttributeError):
        return None
    for name in dir(module):
        if not name.startswith("_") and getattr(module, name, None) is value:
            return f"{module_path}.{name}"
    return None


def _is_keras_layer(value: Any) -> bool:
    try:
        import keras
    except ImportError:  # pragma: no cover
        return False
    layer = keras.layers.Layer
    return isinstance(value, layer) or (isinstance(value, type) and issubclass(value, layer))


class NamedFunctionQuestion(ValueQuestion):
    """The answer is the function at `expected` (a dotted path), assigned without calling it."""

    expected: ClassVar[str] = ""
    purpose: ClassVar[str] = ""
    """What the expected function does, used in messages (``"2-D convolution"``)."""
    close_misses: ClassVar[Mapping[str, str]] = {}
    """Dotted path -> why that function is not the one asked for."""

    def verify(self, value: Any, context: CheckContext) -> str | None:
        target = resolve(self.expected)
        if value is target:
            return f"`{self.expected}` is the function that does the {self.purpose}."
        raise Incorrect(self._diagnose(value))

    def _diagnose(self, value: Any) -> str:
        name = f"`{self.var}`"
        if is_tensor(value):
            return (
                f"{name} holds a tensor: the result of calling a function. Assign the function itself, "
                "with no parentheses or arguments after its name."
            )
        if isinstance(value, str):
            return (
                f"{name} is the string {value[:40]!r}. Remove the quotes so that it names the function object itself."
            )
        if _is_keras_layer(value):
            what = "class" if isinstance(value, type) else "object"
            layer = value.__name__ if isinstance(value, type) else type(value).__name__
            return (
                f"{name} is the Keras layer {what} `{layer}`. The question asks for the lower-level "
                f"TensorFlow function, in `tf.nn`, that does the {self.purpose}."
            )
        for path, why in self.close_misses.items():
            try:
                if value is resolve(path):
                    return f"{name} is `{path}`: {why}"
            except (ImportError, AttributeError):
                continue
        found = find_in_namespace(value, "tf.nn")
        if found:
            return f"{name} is `{found}`, which is not the {self.purpose}. Look again among the `tf.nn` functions."
        if callable(value):
            return f"{name} is {describe(value)}, not the TensorFlow function that does the {self.purpose}."
        return f"{name} is {describe(value)}; assign a function (without calling it)."
