"""Exercise 3, question 5: a 1-D kernel that smooths a noisy series, judged by what it does.

There is no single right kernel, so the check runs the student's one through ``tf.nn.conv1d``
(`measured_smoothing`): a constant series must come out unchanged and white noise clearly smaller.
`autograder.exercises.ex3.demos.show_smoothing` draws the same experiment for the notebook.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core import CheckContext, Incorrect, ValueQuestion, as_array
from autograder.exercises.ex3.data import MAX_WEIGHTS, noisy_series
from autograder.i18n import N_, _, ngettext
from autograder.vision.series import measured_smoothing


def _noise_kept(seed: int, weights: np.ndarray) -> float:
    """Standard deviation of white noise after ``tf.nn.conv1d`` with ``weights``, as a share of the noise's own."""
    signal, noisy = noisy_series(seed)
    noise = noisy - signal
    return float(measured_smoothing(noise, weights).std() / noise.std())


class SmoothingKernel(ValueQuestion):
    """Q5: a 1-D kernel that smooths a noisy series, checked by behaviour with ``tf.nn.conv1d``.

    Right: a constant series comes out unchanged (so the weights add up to 1), and on series of white
    noise the output's standard deviation is at most `noise_kept` of the input's.
    """

    var = "smoothing_kernel"
    noise_kept = 0.8
    """The largest share of the noise's standard deviation a smoothing kernel may let through."""
    hints = (
        N_(
            "Look at what `show_smoothing([1])` and `show_smoothing([0.5, 0.5])` draw: which one is smoother, "
            "and why? Each output is a weighted sum of a few neighbouring values of the series."
        ),
        N_(
            "Two properties decide. A constant series must stay the same, so the weights must add up to 1. "
            "Random noise partly cancels out when several neighbours are mixed with positive weights: the more "
            "neighbours share the weight, and the more evenly, the less noise is left."
        ),
        N_("A moving average of five values: `smoothing_kernel = [0.2, 0.2, 0.2, 0.2, 0.2]`."),
    )
    solution = N_("smoothing_kernel = [0.2, 0.2, 0.2, 0.2, 0.2]  # a moving average of 5 values")

    def verify(self, value: Any, context: CheckContext) -> str:
        weights = as_array(value, self.var, ndim=1)
        if not 1 <= weights.size <= MAX_WEIGHTS:
            raise Incorrect(
                ngettext(
                    "`smoothing_kernel` has {count} weight; use a short kernel, 3 to 15 weights.",
                    "`smoothing_kernel` has {count} weights; use a short kernel, 3 to 15 weights.",
                    weights.size,
                ).format(count=weights.size)
            )
        total = float(weights.sum())
        for level in (1.0, -2.5, context.rng.uniform(-5, 5)):
            constant = measured_smoothing(np.full(60, level), weights)
            if not np.allclose(constant, level, atol=1e-4 * max(1.0, abs(level))):
                if abs(total) < 1e-6:
                    raise Incorrect(
                        _(
                            "a constant series comes out as 0: your weights add up to 0, which makes a change "
                            "detector (it responds to differences between neighbours), not a smoother. Use weights "
                            "that add up to 1."
                        )
                    )
                raise Incorrect(
                    _(
                        "a constant series does not stay the same: your weights add up to {total}, so every value "
                        "comes out {total} times as large. Divide the weights by their sum so that they add up to 1."
                    ).format(total=f"{total:g}")
                )
        seeds = [0, 1] + [context.rng.randrange(2**31) for __ in range(context.extra_cases)]
        kept = max(_noise_kept(seed, weights) for seed in seeds)
        if np.count_nonzero(weights) == 1:
            raise Incorrect(
                _(
                    "your kernel has a single weight of 1: it copies every value (perhaps shifted), so the noise "
                    "passes through unchanged. Spread the weight over several neighbours."
                )
            )
        if kept > 1.0:
            raise Incorrect(
                _(
                    "your kernel makes the noise larger (its standard deviation grows to {kept} of what it was): "
                    "negative weights take differences of neighbours, which adds the noise up. Use positive weights."
                ).format(kept=f"{kept:.0%}")
            )
        if kept > self.noise_kept:
            raise Incorrect(
                _(
                    "your kernel reduces the noise only a little (to {kept} of its standard deviation). Spread "
                    "the weight more evenly, over more neighbours."
                ).format(kept=f"{kept:.0%}")
            )
        return _(
            "Your kernel keeps a constant series unchanged and cuts the noise to {kept} of its standard "
            "deviation: a smoother."
        ).format(kept=f"{kept:.0%}")
