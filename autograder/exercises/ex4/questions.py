"""Exercise 4's questions: the judge's side (rules, solutions, references; absent from a student runtime)."""

from __future__ import annotations

from autograder.core.binding import declare_questions
from autograder.exercises.ex4.convolution import CrossCorrelation, MultiChannel
from autograder.exercises.ex4.cost import ConvMultiplyAdds
from autograder.exercises.ex4.gradients import InputGradient
from autograder.exercises.ex4.pooling import Pool2d
from autograder.exercises.ex4.strided import Corr2dStrided, Im2col
from autograder.exercises.ex4.training import TrainKernel

QUESTIONS = declare_questions(
    [CrossCorrelation, MultiChannel, Pool2d, TrainKernel, ConvMultiplyAdds, Corr2dStrided, Im2col, InputGradient]
)
"""Every label a notebook can write (``q_1``, ``q_2``, ``q_2.a``...) and its question."""
