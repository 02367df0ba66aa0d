"""Exercise 3, The sliding window: stride and padding, as questions graded against TensorFlow.

Every reference is measured from TensorFlow itself (`autograder.vision.measure`) or read off a real
Keras model, so no answer is graded by the same formula it is expected to contain. A notebook starts::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex3 import *

The modules: `windows` (questions 1 and 2: the windows along one axis with explicit padding and
dilation, and the SAME padding of a dilated kernel),
`model` (question 3: a model's shapes by hand), `fields` (question 4: receptive fields of stacks with
pooling and dilation) and
`smoothing` (question 5: a 1-D smoothing kernel and the drawing that tries it).
"""

from __future__ import annotations

import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core import bind_questions
from autograder.exercises.ex3.fields import ReceptiveField
from autograder.exercises.ex3.model import ModelShapes
from autograder.exercises.ex3.model import build_model as build_model
from autograder.exercises.ex3.model import show_model_code as show_model_code
from autograder.exercises.ex3.smoothing import SmoothingKernel
from autograder.exercises.ex3.smoothing import show_smoothing as show_smoothing
from autograder.exercises.ex3.windows import OutputSize, SamePadding
from autograder.runtime import silence_loaded_tensorflow
from autograder.vision.window_plots import show_window_positions as show_window_positions

silence_loaded_tensorflow()

QUESTIONS = bind_questions(
    globals(),
    [OutputSize, SamePadding, ModelShapes, ReceptiveField, SmoothingKernel],
    exports=["build_model", "np", "show_model_code", "show_smoothing", "show_window_positions", "tf"],
)
"""Every label a notebook can write (``q_1`` ... ``q_5``) and its question."""
