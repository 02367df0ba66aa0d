"""Exercise 3's questions: the judge's side (rules, solutions, references; absent from a student runtime)."""

from __future__ import annotations

from autograder.core.binding import declare_questions
from autograder.exercises.ex3.fields import ReceptiveField
from autograder.exercises.ex3.model import ModelShapes
from autograder.exercises.ex3.porting import SymmetricMatchesSame
from autograder.exercises.ex3.smoothing import SmoothingKernel
from autograder.exercises.ex3.three_by_three import StackWeights
from autograder.exercises.ex3.windows import OutputSize, SamePadding

QUESTIONS = declare_questions(
    [OutputSize, SamePadding, ModelShapes, ReceptiveField, SmoothingKernel, SymmetricMatchesSame, StackWeights]
)
"""Every label a notebook can write (``q_1`` ... ``q_7``) and its question."""
