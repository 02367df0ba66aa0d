"""Exercise 4, Convolution from scratch: the set-up the notebook imports, and no answer.

A notebook starts with::

    from autograder import binder; binder.bind(globals())
    from autograder.exercises.ex4 import *

The student's side: `data` (the worked examples), `demos` (the student's functions run on the
lesson's examples) and `probes` (what the checks ask about a student's function, run where the
function lives). The judge's side is `questions`, which declares the questions of the modules, in
the order they build on each other: `references` (TensorFlow's answers and the checks' inputs),
`scratch` (what every question here shares: no library convolution or pooling), `convolution`
(questions 1 and 2), `pooling` (question 3), `descent` (question 4's training cases and
trajectories), `training` (question 4), `cost` (question 5) and `strided` (questions 6 and 7);
`tensor_errors` reads the errors a student's TensorFlow code raises. This package never imports them.
"""

from __future__ import annotations

import numpy as np  # noqa: F401 (exported to the notebook)
import tensorflow as tf  # noqa: F401 (exported to the notebook)

from autograder.core.binding import bind_exercise
from autograder.exercises.ex4.data import edge_image as edge_image
from autograder.exercises.ex4.data import edge_kernel as edge_kernel
from autograder.exercises.ex4.data import example_K as example_K
from autograder.exercises.ex4.data import example_K2 as example_K2
from autograder.exercises.ex4.data import example_K3 as example_K3
from autograder.exercises.ex4.data import example_X as example_X
from autograder.exercises.ex4.data import example_X2 as example_X2
from autograder.exercises.ex4.demos import show_edges as show_edges
from autograder.exercises.ex4.demos import show_learned_kernel as show_learned_kernel
from autograder.exercises.ex4.demos import show_result as show_result
from autograder.runtime import silence_loaded_tensorflow

silence_loaded_tensorflow()

__all__: list[str]  # set by bind_exercise

bind_exercise(
    globals(),
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
