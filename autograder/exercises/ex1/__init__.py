"""Exercise 1, Convolution and ReLU: the set-up the notebook imports, and no answer.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex1 import *

The student's side: `data` (the photograph and the small images and kernels of the questions) and
`demos` (the student's answers run on the photograph). The judge's side is `questions`, which
declares the questions of `kernels` (questions 1, 5 and 6: kernels judged by what they do to
images), `functions` (questions 2 and 3: a Conv2D layer's kernel shape and its forward pass with
TensorFlow's functions), `feature_map` (question 4, worked out by hand) and `matrix` (question 7: a
1-D convolution as a banded matrix); this package never imports them.
"""

from __future__ import annotations

import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core.binding import bind_exercise
from autograder.exercises.ex1.data import image as image
from autograder.exercises.ex1.data import line_image as line_image
from autograder.exercises.ex1.data import line_kernel as line_kernel
from autograder.exercises.ex1.data import vertical_kernel as vertical_kernel
from autograder.exercises.ex1.demos import preview_kernel as preview_kernel
from autograder.exercises.ex1.demos import run_conv_layer as run_conv_layer
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision import show_extraction as show_extraction
from autograder.vision import show_kernel as show_kernel

silence_loaded_tensorflow()

__all__: list[str]  # set by bind_exercise

bind_exercise(
    globals(),
    exports=[
        "image",
        "line_image",
        "line_kernel",
        "np",
        "preview_kernel",
        "run_conv_layer",
        "show_extraction",
        "show_kernel",
        "tf",
        "vertical_kernel",
    ],
)
