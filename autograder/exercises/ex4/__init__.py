"""Exercise 4, Convolution from scratch: the questions and the set-up the notebook imports.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex4 import *

The modules, in the order they build on each other: `references` (the worked examples, TensorFlow's
answers and the checks' inputs), `scratch` (what every question here shares: no library
convolution or pooling), `convolution` (questions 1 and 2), `pooling` (question 3), `descent` (question
4's training cases and trajectories), `training` (question 4), `cost` (question 5), `strided`
(questions 6 and 7) and `demos` (the student's functions run on the lesson's examples); `tensor_errors` reads the
errors a student's TensorFlow code raises.
"""

from __future__ import annotations

import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core import bind_questions
from autograder.exercises.ex4.convolution import CrossCorrelation, MultiChannel
from autograder.exercises.ex4.cost import ConvMultiplyAdds
from autograder.exercises.ex4.demos import show_edges as show_edges
from autograder.exercises.ex4.demos import show_learned_kernel as show_learned_kernel
from autograder.exercises.ex4.demos import show_result as show_result
from autograder.exercises.ex4.pooling import Pool2d
from autograder.exercises.ex4.references import edge_image as edge_image
from autograder.exercises.ex4.references import edge_kernel as edge_kernel
from autograder.exercises.ex4.references import example_K as example_K
from autograder.exercises.ex4.references import example_K2 as example_K2
from autograder.exercises.ex4.references import example_K3 as example_K3
from autograder.exercises.ex4.references import example_X as example_X
from autograder.exercises.ex4.references import example_X2 as example_X2
from autograder.exercises.ex4.strided import Corr2dStrided, Im2col
from autograder.exercises.ex4.training import TrainKernel
from autograder.runtime import silence_loaded_tensorflow

silence_loaded_tensorflow()

QUESTIONS = bind_questions(
    globals(),
    [CrossCorrelation, MultiChannel, Pool2d, TrainKernel, ConvMultiplyAdds, Corr2dStrided, Im2col],
    exports=[
        "edge_image",
        "edge_kernel",
        "example_K",
        "example_K2",
        "example_K3",
        "example_X",
        "example_X2",
        "np",
        "show_edges",
        "show_learned_kernel",
        "show_result",
        "tf",
    ],
)
"""Every label a notebook can write (``q_1``, ``q_2``, ``q_2.a``...) and its question."""
