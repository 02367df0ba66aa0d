"""Exercise 4, question 5: what a convolutional layer costs to run, in multiply-adds.

Lesson 4 counted a layer's parameters, which do not depend on the input. Its cost does: every weight is
used once at every output position, so the count joins lesson 4's kernel stacks with lesson 3's output
sizes for a stride and padding. The reference is h_out * w_out * kh * kw * c_in * c_out, with the
output size of `autograder.vision.geometry`; the tests check it against the floating-point operations
TensorFlow's profiler counts for ``tf.nn.conv2d`` (two per multiply-add) and against a loop that
counts the products of a convolution one by one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, NamedTuple

from autograder.core import CountQuestion, Diagnosis, as_numbers
from autograder.core.question import short_repr
from autograder.i18n import N_, _, ngettext
from autograder.vision.geometry import output_size, padding_name


class ConvCase(NamedTuple):
    """The arguments of one call of ``conv_multiply_adds``, with its defaults filled in."""

    h: int
    w: int
    kh: int
    kw: int
    c_in: int
    c_out: int
    stride: int = 1
    padding: str = "valid"

    @property
    def same(self) -> bool:
        return padding_name(self.padding) == "same"

    @property
    def per_value(self) -> int:
        """The multiply-adds of one output value: one per weight of a (kh, kw, c_in) kernel stack."""
        return self.kh * self.kw * self.c_in

    def sizes(self, stride: int | None = None, padding: str | None = None) -> tuple[int, int] | None:
        """The output's rows and columns (None when a VALID window does not fit)."""
        step = self.stride if stride is None else stride
        pad = self.padding if padding is None else padding
        try:
            return output_size(self.h, self.kh, step, pad), output_size(self.w, self.kw, step, pad)
        except ValueError:
            return None

    def cost(self, sizes: tuple[int, int] | None = None, per_value: int | None = None) -> int | None:
        """Multiply-adds for an output of ``sizes`` (the right ones by default), ``per_value`` for each value."""
        rows_cols = self.sizes() if sizes is None else sizes
        if rows_cols is None:
            return None
        each = self.per_value if per_value is None else per_value
        return rows_cols[0] * rows_cols[1] * each * self.c_out


def _on_case(slip: Callable[[ConvCase], Any]) -> Callable[..., Any]:
    """A diagnosis of ``conv_multiply_adds``'s arguments, as given (defaults filled in)."""
    return lambda *args: slip(ConvCase(*args))


def _rounded_down(case: ConvCase) -> int | None:
    """Output sizes rounded down: h // s for SAME, (h - kh + 1) // s for VALID (None where nothing rounds)."""
    if case.stride == 1:
        return None
    if case.same:
        sizes = (case.h // case.stride, case.w // case.stride)
    else:
        sizes = ((case.h - case.kh + 1) // case.stride, (case.w - case.kw + 1) // case.stride)
    return case.cost(sizes) if min(sizes) > 0 else None


def _without_plus_one(case: ConvCase) -> int | None:
    """VALID sizes without the + 1: (h - kh) // s rows (None for SAME padding)."""
    if case.same:
        return None
    return case.cost(((case.h - case.kh) // case.stride, (case.w - case.kw) // case.stride))


def _other_padding(case: ConvCase, asked: str) -> int | None:
    """The output sized for the other padding, a slip that can only show when ``asked`` is the padding asked."""
    if padding_name(case.padding) != asked:
        return None
    other = "valid" if asked == "same" else "same"
    sizes = case.sizes(padding=other)
    return None if sizes is None else case.cost(sizes)


class ConvMultiplyAdds(CountQuestion):
    """Q5: ``conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid")``, a Conv2D layer's cost.

    Graded with fixed and random sizes, strides 1 to 3 and both paddings against
    h_out * w_out * kh * kw * c_in * c_out (the tests check it against TensorFlow's profiler on
    ``tf.nn.conv2d``, which counts two floating-point operations per multiply-add).
    """

    var = "conv_multiply_adds"
    fixed_cases = (
        (27, 20, 5, 3, 8, 16, 2, "valid"),
        (32, 32, 3, 3, 3, 64),
        (7, 9, 5, 5, 2, 4, 2, "same"),
        (6, 10, 1, 1, 64, 32),
        (15, 15, 3, 3, 16, 16, 3, "same"),
        (4, 4, 4, 4, 1, 1),
        (9, 7, 2, 4, 3, 5, 1, "same"),
    )
    visible_random_cases = 2
    whole_floats = True
    diagnoses = (
        Diagnosis(
            _on_case(lambda case: case.kh * case.kw * case.c_in * case.c_out),
            N_(
                "that is the number of weights, the cost of a single output position. The same kernels are used "
                "again at every position of the output: multiply by its rows and columns."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: (case.per_value + 1) * case.c_out),
            N_(
                "that is the layer's parameter count (lesson 4), which does not depend on the input. Its cost "
                "does: every weight is used once at each position of the output."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.cost(per_value=case.kh * case.kw)),
            N_(
                "you forgot the input channels: one output value lays a kh x kw kernel on the window of each of "
                "the c_in input channels, kh * kw * c_in multiply-adds."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.cost(per_value=case.per_value + 1)),
            N_(
                "you counted the bias as one more multiply-add per output value. Adding the bias is an addition "
                "with no product: leave it out of the count."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: None if case.cost() is None else 2 * case.cost()),
            N_(
                "you counted the multiplication and the addition separately, two floating-point operations per "
                "multiply-add (TensorFlow's profiler counts FLOPs that way); count each multiply-add once."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.cost((case.h, case.w))),
            N_(
                "you counted one window per input pixel, h * w of them, as if the output were as large as the "
                "input. There is one window per output position: size the output for this stride and padding "
                "(lesson 3)."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: None if case.stride == 1 else case.cost(case.sizes(stride=1))),
            N_(
                "you ignored `stride`: the windows start only every `stride` rows and columns, so the output "
                "has fewer positions than with stride 1."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: _other_padding(case, "same")),
            N_(
                "you sized the output as VALID padding would. With `padding='same'` the zeros around the input "
                "keep ceil(h / stride) rows and ceil(w / stride) columns, whatever the kernel."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: _other_padding(case, "valid")),
            N_(
                "you sized the output as SAME padding would. With `padding='valid'` the window stays inside the "
                "input: (h - kh) // stride + 1 rows and (w - kw) // stride + 1 columns."
            ),
        ),
        Diagnosis(
            _on_case(_rounded_down),
            N_(
                "you rounded the output size down. A window that starts inside the input counts even when the "
                "stride leaves cells over: SAME gives ceil(h / stride) rows, VALID ceil((h - kh + 1) / stride), "
                "which is (h - kh) // stride + 1."
            ),
        ),
        Diagnosis(
            _on_case(_without_plus_one),
            N_(
                "your VALID output is one row and one column short: the first window starts at 0, so there are "
                "(h - kh) // stride + 1 positions down, not (h - kh) // stride."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: None if case.kh == case.kw else case._replace(kw=case.kh).cost()),
            N_("you used the kernel height for its width too; kernels need not be square (`kh` and `kw`)."),
        ),
        Diagnosis(
            _on_case(lambda case: None if case.h == case.w else case._replace(w=case.h).cost()),
            N_("you used the input's height for its width too; inputs need not be square (`h` and `w`)."),
        ),
    )
    hints = (
        N_(
            "Count the work of one output value first: which products make it? Then count the output values. "
            "Lesson 4, section 9, lists what one output channel's kernels hold, and lesson 3 sizes an output "
            "for a stride and padding."
        ),
        N_(
            "One output value lays a (kh, kw, c_in) kernel stack on its window: kh * kw * c_in multiply-adds. "
            "The output has c_out channels of h_out rows and w_out columns, where with stride s VALID gives "
            "(h - kh) // s + 1 rows and SAME ceil(h / s), and the same across."
        ),
        N_(
            "The layer does `h_out * w_out * kh * kw * c_in * c_out` multiply-adds, with "
            "`h_out = -(-h // stride)` for 'same' and `h_out = (h - kh) // stride + 1` for 'valid' (and "
            "`w_out` the same way with `w` and `kw`)."
        ),
    )
    solution = (
        'def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):\n'
        '    if padding == "same":\n'
        "        h_out, w_out = -(-h // stride), -(-w // stride)\n"
        "    else:\n"
        "        h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1\n"
        "    return h_out * w_out * kh * kw * c_in * c_out"
    )

    def reference(self, *args: Any) -> int:
        cost = ConvCase(*args).cost()
        if cost is None:
            raise ValueError(f"a VALID window does not fit in the case {args}")
        return cost

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        kh, kw = rng.randint(1, 7), rng.randint(1, 7)
        h, w = kh + rng.randint(0, 30), kw + rng.randint(0, 30)
        c_in, c_out = rng.randint(1, 64), rng.randint(1, 128)
        return h, w, kh, kw, c_in, c_out, rng.randint(1, 3), rng.choice(("valid", "same"))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = as_numbers(got)
        if array is None or array.shape != () or not float(array).is_integer():
            return _("returned {value}; it should return a single whole number.").format(value=short_repr(got, 80))
        message = ngettext(
            "returned {value}, but the layer does {count} multiply-add.",
            "returned {value}, but the layer does {count} multiply-adds.",
            expected,
        )
        return message.format(value=short_repr(got, 40), count=expected)
