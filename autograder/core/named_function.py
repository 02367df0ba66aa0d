"""Questions whose answer is a library function itself, such as ``conv_fn = tf.nn.conv2d``.

The answer is judged by what it computes, so any function that does the same job passes. The
tempting wrong answers are shared by every such question (calling the function, quoting its
name, naming the Keras layer instead, a neighbouring ``tf.nn`` function), so they are diagnosed
here once; each question adds its own close misses with their own messages.

A question's `purpose` and `close_misses` are declared at import time: mark them with ``N_``
(`autograder.i18n`); they are translated here, where the messages are made.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from autograder.core.observed import inspects
from autograder.core.outcome import Incorrect
from autograder.core.question import CheckContext, ValueQuestion
from autograder.core.values import close, describe, is_tensor
from autograder.i18n import _

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


@inspects
def keras_layer(value: Any) -> tuple[str, str] | None:
    """``("class", "Conv2D")`` or ``("object", "Conv2D")`` for a Keras layer class or instance, else None."""
    try:
        import keras
    except ImportError:  # pragma: no cover
        return None
    layer = keras.layers.Layer
    if isinstance(value, type) and issubclass(value, layer):
        return ("class", value.__name__)
    if isinstance(value, layer):
        return ("object", type(value).__name__)
    return None


@inspects
def identify(value: Any, paths: tuple[str, ...]) -> str:
    """The dotted name under which ``value`` is one of ``paths`` or lives in a searched module, or ``""``."""
    for path in paths:
        try:
            if value is resolve(path):
                return path
        except (ImportError, AttributeError):
            continue
    for module in SEARCHED_MODULES:
        found = find_in_namespace(value, module)
        if found:
            return found
    return ""


SEARCHED_MODULES = ("tf.nn", "tf.math", "tf", "keras.activations", "keras.ops")


class NamedFunctionQuestion(ValueQuestion):
    """The answer is a function that computes what `expected` (a dotted path) computes.

    Judged by behaviour: the answer is called on `probes` and must give `expected`'s results.
    Another function that computes the same passes, with a note on which one the lesson uses;
    a wrong one is named, with its own message where it is a known close miss.
    """

    expected: ClassVar[str] = ""
    purpose: ClassVar[str] = ""
    """What the expected function does, a noun phrase marked with ``N_`` (``N_("2-D convolution")``)."""
    close_misses: ClassVar[Mapping[str, str]] = {}
    """Dotted path -> why that function is not the one asked for (each marked with ``N_``)."""
    probes: ClassVar[tuple[tuple[Any, ...], ...]] = ()
    """Arguments the answer is called with, positionally, as the lesson calls `expected`."""

    def verify(self, value: Any, context: CheckContext) -> str | None:
        if not callable(value) or is_tensor(value):
            raise Incorrect(self._diagnose(value))
        target = resolve(self.expected)
        for args in self.probes:
            expected = np.asarray(target(*copy.deepcopy(args)), dtype=np.float64)
            try:
                got = value(*copy.deepcopy(args))
            except Exception:
                raise Incorrect(self._diagnose(value)) from None
            if not _same_numbers(got, expected):
                raise Incorrect(self._diagnose(value))
        name = identify(value, (self.expected, *self.close_misses))
        purpose = _(self.purpose)
        if name == self.expected:
            # Translators: {purpose} names what the function does, such as "2-D convolution of a batch of images".
            return _("`{expected}` is the function that does the {purpose}.").format(
                expected=self.expected, purpose=purpose
            )
        if name:
            message = _(
                "`{name}` computes the same as `{expected}`, the {purpose}, so it is accepted. The lessons use "
                "`{expected}`."
            )
        else:
            message = _(
                "Your function computes the same as `{expected}`, the {purpose}, so it is accepted. The lessons use "
                "`{expected}`."
            )
        return message.format(name=name, expected=self.expected, purpose=purpose)

    def _diagnose(self, value: Any) -> str:
        """Why ``value`` is not the function asked for, named after the mistake where it is a known one."""
        name = self.var
        purpose = _(self.purpose)
        if is_tensor(value):
            return _(
                "`{name}` holds a tensor: the result of calling a function. Assign the function itself, with no "
                "parentheses or arguments after its name."
            ).format(name=name)
        if isinstance(value, str):
            return _(
                "`{name}` is the string {text}. Remove the quotes so that it names the function object itself."
            ).format(name=name, text=repr(value[:40]))
        if not callable(value):
            return _("`{name}` is {value}; assign a function (without calling it).").format(
                name=name, value=describe(value)
            )
        match keras_layer(value):
            case ("class", str(layer)):
                message = _(
                    "`{name}` is the Keras layer class `{layer}`. The question asks for the lower-level TensorFlow "
                    "function, in `tf.nn`, that does the {purpose}."
                )
                return message.format(name=name, layer=layer, purpose=purpose)
            case ("object", str(layer)):
                message = _(
                    "`{name}` is the Keras layer object `{layer}`. The question asks for the lower-level TensorFlow "
                    "function, in `tf.nn`, that does the {purpose}."
                )
                return message.format(name=name, layer=layer, purpose=purpose)
        found = identify(value, (self.expected, *self.close_misses))
        if found in self.close_misses:
            # Translators: {reason} says why that function is not the one asked for ("that convolves ...").
            return _("`{name}` is `{found}`: {reason}").format(
                name=name, found=found, reason=_(self.close_misses[found])
            )
        if found:
            return _(
                "`{name}` is `{found}`, which is not the {purpose}. Look again among the `tf.nn` functions."
            ).format(name=name, found=found, purpose=purpose)
        return _("`{name}` is {value}, not the TensorFlow function that does the {purpose}.").format(
            name=name, value=describe(value), purpose=purpose
        )


def _same_numbers(got: Any, expected: np.ndarray) -> bool:
    try:
        array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return close(array, expected)
