"""Exercise 4's answers, one module per question: the right ones each question must pass, and the
tempting wrong ones, each with the fragment of the message it must get."""

from . import corr2d, cost, gradients, im2col, multi_channel, pooling, strided, training

RIGHT = {
    **corr2d.RIGHT,
    **corr2d.CONVOLVE_RIGHT,
    **multi_channel.RIGHT,
    **pooling.RIGHT,
    **training.RIGHT,
    **cost.RIGHT,
    **strided.RIGHT,
    **im2col.RIGHT,
    **gradients.RIGHT,
}
"""Right answers by question label and name: the empty source is the model solution itself."""

WRONG = [
    *corr2d.WRONG,
    *corr2d.CONVOLVE_WRONG,
    *multi_channel.WRONG,
    *pooling.WRONG,
    *training.WRONG,
    *strided.WRONG,
    *im2col.WRONG,
    *cost.WRONG,
    *gradients.WRONG,
]
"""Tempting wrong answers: (label, name, source, the fragment of the message each must get)."""

WRONG_SOURCE = {name: source for _, name, source, _ in WRONG}
RAISING = corr2d.RAISING | training.RAISING
"""Wrong answers that raise in the student's code: an error with a note, not an incorrect answer."""
