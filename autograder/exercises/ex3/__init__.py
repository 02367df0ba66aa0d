"""Exercise 3, The sliding window: the set-up the notebook imports, and no answer.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex3 import *

The student's side: `data` (question 3's model as layers, question 5's noisy series) and `demos`
(question 3's model built and printed, question 5's smoothing drawn). The judge's side is
`questions`, which declares the questions of `windows` (questions 1 and 2: the windows along one
axis with explicit padding and dilation, and the SAME padding of a dilated kernel), `model`
(question 3: a model's shapes by hand), `fields` (question 4: receptive fields of stacks with pooling
and dilation), `smoothing` (question 5: a 1-D smoothing kernel), `porting` (question 6: when
PyTorch's symmetric padding is TensorFlow's SAME) and `three_by_three` (question 7: the weights of a
stack of 3x3 layers); this package never imports them.
Every reference is measured from TensorFlow itself (`autograder.vision.measure`) or read off a real
Keras model, so no answer is graded by the same formula it is expected to contain.
"""

from __future__ import annotations

import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core.binding import bind_exercise
from autograder.exercises.ex3.demos import build_model as build_model
from autograder.exercises.ex3.demos import show_model_code as show_model_code
from autograder.exercises.ex3.demos import show_smoothing as show_smoothing
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision.window_plots import show_window_positions as show_window_positions

silence_loaded_tensorflow()

__all__: list[str]  # set by bind_exercise

bind_exercise(
    globals(),
    exports=["build_model", "np", "show_model_code", "show_smoothing", "show_window_positions", "tf"],
)
