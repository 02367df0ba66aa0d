"""Exercise 2, Maximum pooling: the set-up the notebook imports, and no answer.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex2 import *

The student's side: `data` (the photo and its maps, question 3's channels-first maps, question 4's
pooling stack and question 5's example map) and `demos` (the drawings and printouts the notebook
shows next to questions 1, 2 and 4). The judge's side is `questions`, which declares one question
per module: `condense` (question 1), `shifts` (question 2), `global_average` (question 3),
`stack_shape` (question 4) and `gradients` (question 5); this package never imports them.
"""

from __future__ import annotations

import keras  # noqa: F401 (exported to the notebook)
import matplotlib.pyplot as plt  # noqa: F401 (exported to the notebook)
import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core.binding import bind_exercise
from autograder.exercises.ex2.data import image as image
from autograder.exercises.ex2.data import image_detect as image_detect
from autograder.exercises.ex2.data import image_filter as image_filter
from autograder.exercises.ex2.data import kernel as kernel
from autograder.exercises.ex2.data import maps_channels_first as maps_channels_first
from autograder.exercises.ex2.data import overlap_map as overlap_map
from autograder.exercises.ex2.data import pooling_stack as pooling_stack
from autograder.exercises.ex2.data import stack_code as stack_code
from autograder.exercises.ex2.demos import compare_with_keras as compare_with_keras
from autograder.exercises.ex2.demos import show_condensed as show_condensed
from autograder.exercises.ex2.demos import show_shifted_dots as show_shifted_dots
from autograder.vision import show_maps as show_maps

__all__: list[str]  # set by bind_exercise

bind_exercise(
    globals(),
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
