"""Exercise 2's questions: the judge's side (rules, solutions, references; absent from a student runtime)."""

from __future__ import annotations

from autograder.core.binding import declare_questions
from autograder.exercises.ex2.condense import ImageCondense
from autograder.exercises.ex2.global_average import GapChannelsFirst
from autograder.exercises.ex2.gradients import PoolGradient
from autograder.exercises.ex2.shifts import TranslationInvariance
from autograder.exercises.ex2.stack_shape import PooledShape

QUESTIONS = declare_questions([ImageCondense, TranslationInvariance, GapChannelsFirst, PooledShape, PoolGradient])
"""Every label a notebook can write (``q_1``...``q_5``) and its question."""
