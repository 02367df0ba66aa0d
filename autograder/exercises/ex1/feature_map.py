"""Question 4: a VALID convolution followed by ReLU, worked out by hand on a 6x6 image."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core import CheckContext, Incorrect, ValueQuestion, as_array
from autograder.exercises.ex1.data import line_image, line_kernel
from autograder.i18n import N_, _, ngettext
from autograder.vision import convolve, detect


class FeatureMap(ValueQuestion):
    """Q4: VALID convolution of `line_image` with `line_kernel`, then ReLU, worked out by hand."""

    var = "feature_map"
    hints = (
        N_(
            "VALID means the 2x2 window stays inside the 6x6 image, so it fits in 5 positions across and "
            "5 down: the answer is 5x5."
        ),
        N_(
            "At each position multiply the four pixels under the window by the kernel's four weights and "
            "add them up (TensorFlow does not flip the kernel). Then ReLU turns every negative number into 0."
        ),
        N_(
            "The kernel takes the right column from the left one: only places where the left side is "
            "brighter give a positive number."
        ),
    )
    solution = (
        "feature_map = [\n"
        "    [0, 0, 0, 2, 0],\n"
        "    [0, 0, 0, 2, 0],\n"
        "    [0, 0, 0, 1, 0],\n"
        "    [0, 0, 0, 1, 0],\n"
        "    [0, 0, 0, 2, 0],\n"
        "]"
    )

    @staticmethod
    def reference(kernel: np.ndarray = line_kernel, padding: str = "VALID") -> np.ndarray:
        return detect(convolve(line_image, kernel, padding=padding))

    def verify(self, value: Any, context: CheckContext) -> str:
        answer = as_array(value, self.var, ndim=2)
        expected = self.reference()
        if answer.shape == (6, 6) and np.array_equal(answer, self.reference(padding="SAME")):
            raise Incorrect(
                _("This is the SAME-padded result (6x6). VALID padding never lets the window leave the image.")
            )
        if answer.shape != expected.shape:
            raise Incorrect(
                _(
                    "`feature_map` has shape {shape}, but a 2x2 window fits in 5x5 positions on a 6x6 image with "
                    "VALID padding, so the result is 5x5."
                ).format(shape=answer.shape)
            )
        if np.array_equal(answer, expected):
            return _(
                "Right: the kernel responds only along the right edge of the vertical line, where the bright "
                "line (under the kernel's +1 column) meets the dark background (under its -1 column)."
            )
        if np.array_equal(answer, convolve(line_image, line_kernel, padding="VALID")):
            raise Incorrect(
                _("These are the raw convolution values: you still need to apply ReLU (negatives become 0).")
            )
        if np.array_equal(answer, self.reference(kernel=line_kernel[::-1, ::-1])):
            raise Incorrect(
                _(
                    "You flipped the kernel, as in the mathematical convolution. TensorFlow computes a "
                    "cross-correlation: the kernel is laid on the image as written."
                )
            )
        wrong = np.argwhere(answer != expected)
        row, col = (int(i) for i in wrong[0])
        count = len(wrong)
        message = ngettext(
            "{count} of the 25 entries is wrong; it is at row {row}, column {col} (counting from 0).",
            "{count} of the 25 entries are wrong; the first is at row {row}, column {col} (counting from 0).",
            count,
        )
        raise Incorrect(message.format(count=count, row=row, col=col))
