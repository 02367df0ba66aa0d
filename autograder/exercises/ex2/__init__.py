"""Exercise 2, Maximum pooling: the questions and the set-up the notebook imports.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex2 import *

The modules: `references` (the set-up: the photo and its maps, question 4's pooling stack),
then one per question: `condense` (question 1), `shifts` (question 2), `global_average`
(question 3, with its channels-first example maps), `stack_shape` (question 4) and `gradients`
(question 5, with its example map), each with the helpers the notebook shows next to its question.
"""

from __future__ import annotations

import keras  # noqa: F401 (exported to the notebook)
import matplotlib.pyplot as plt  # noqa: F401 (exported to the notebook)
import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core import bind_questions
from autograder.exercises.ex2.condense import ImageCondense
from autograder.exercises.ex2.condense import show_condensed as show_condensed
from autograder.exercises.ex2.global_average import GapChannelsFirst
from autograder.exercises.ex2.global_average import maps_channels_first as maps_channels_first
from autograder.exercises.ex2.gradients import PoolGradient
from autograder.exercises.ex2.gradients import overlap_map as overlap_map
from autograder.exercises.ex2.references import image as image
from autograder.exercises.ex2.references import image_detect as image_detect
from autograder.exercises.ex2.references import image_filter as image_filter
from autograder.exercises.ex2.references import kernel as kernel
from autograder.exercises.ex2.references import pooling_stack as pooling_stack
from autograder.exercises.ex2.references import stack_code as stack_code
from autograder.exercises.ex2.shifts import TranslationInvariance
from autograder.exercises.ex2.shifts import show_shifted_dots as show_shifted_dots
from autograder.exercises.ex2.stack_shape import PooledShape
from autograder.exercises.ex2.stack_shape import compare_with_keras as compare_with_keras
from autograder.vision import show_maps as show_maps

__all__: list[str]  # set by bind_questions

QUESTIONS = bind_questions(
    globals(),
    [ImageCondense, TranslationInvariance, GapChannelsFirst, PooledShape, PoolGradient],
    exports=[
        "compare_with_keras",
        "image",
        "image_detect",
        "image_filter",
        "kernel",
        "keras",
        "maps_channels_first",
        "np",
        "overlap_map",
        "plt",
        "pooling_stack",
        "show_condensed",
        "show_maps",
        "show_shifted_dots",
        "stack_code",
        "tf",
    ],
)
"""Every label a notebook can write (``q_1``...``q_5``) and its question."""
