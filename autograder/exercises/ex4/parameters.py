"""Exercise 4, question 5: the number of trainable parameters of a convolutional layer with biases."""

from __future__ import annotations

import random
from typing import Any

from autograder.core import CountQuestion, Diagnosis, as_numbers
from autograder.core.question import short_repr
from autograder.i18n import N_, _, ngettext


class ConvParams(CountQuestion):
    """Q5: ``conv_params(kh, kw, c_in, c_out)``, the trainable parameters of a Conv2D layer with bias.

    Graded with fixed and random sizes against (kh * kw * c_in + 1) * c_out, the count Keras reports
    (the tests check the formula against ``keras.layers.Conv2D.count_params``).
    """

    var = "conv_params"
    fixed_cases = ((3, 3, 3, 8), (2, 3, 4, 5), (1, 1, 64, 32), (5, 5, 1, 6))
    visible_random_cases = 2
    whole_floats = True
    diagnoses = (
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out,
            N_("you forgot the biases: each output channel has one bias as well as its weights."),
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kw + 1) * c_in * c_out,
            N_(
                "you gave every kh x kw kernel its own bias, c_in * c_out of them. There is one bias per output "
                "channel, added after that channel's input maps are summed."
            ),
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out + c_in,
            N_("you counted one bias per input channel, c_in of them; there is one per output channel, c_out in all."),
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kw + 1) * c_out,
            N_(
                "you forgot the input channels: each output channel has a kh x kw kernel for every one of the "
                "c_in input channels."
            ),
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out + 1,
            N_("you counted a single bias for the whole layer; there is one per output channel."),
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in + 1,
            N_("that is the count for one output channel; the layer has `c_out` of them."),
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kh * c_in + 1) * c_out,
            N_("you used the kernel height twice; a kernel has kh * kw weights per input channel."),
        ),
    )
    hints = (
        N_(
            "Think of a single output channel first: which numbers does it learn, and is there anything besides "
            "its kernel weights? Lesson 4, section 9, counts a layer's parameters and compares the count with "
            "Keras's own, `layer.count_params()` once the layer is built: you can test a guess the same way."
        ),
        N_(
            "One output channel learns a (kh, kw) kernel for each of the c_in input channels, kh * kw * c_in "
            "weights, and one bias; the layer has c_out such channels."
        ),
        N_("The layer has `(kh * kw * c_in + 1) * c_out` trainable parameters."),
    )
    solution = "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw * c_in + 1) * c_out"

    def reference(self, kh: int, kw: int, c_in: int, c_out: int) -> int:
        return (kh * kw * c_in + 1) * c_out

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randint(1, 7), rng.randint(1, 7), rng.randint(1, 64), rng.randint(1, 128)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = as_numbers(got)
        if array is None or array.shape != ():
            return _("returned {value}; it should return a single whole number.").format(value=short_repr(got, 80))
        message = ngettext(
            "returned {value}, but the layer has {count} trainable parameter.",
            "returned {value}, but the layer has {count} trainable parameters.",
            expected,
        )
        return message.format(value=short_repr(got, 40), count=expected)
