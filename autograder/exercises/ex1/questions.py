"""Exercise 1's questions: the judge's side (rules, solutions, references; absent from a student runtime)."""

from __future__ import annotations

from autograder.core.binding import declare_questions
from autograder.exercises.ex1.feature_map import FeatureMap
from autograder.exercises.ex1.functions import ConvLayer, KernelShape
from autograder.exercises.ex1.kernels import HorizontalKernel, Kernel, VerticalDiscussion
from autograder.exercises.ex1.matrix import ConvMatrix

QUESTIONS = declare_questions(
    [Kernel, KernelShape, ConvLayer, FeatureMap, HorizontalKernel, VerticalDiscussion, ConvMatrix]
)
"""Every label a notebook can write (``q_1`` ... ``q_7``) and its question."""
