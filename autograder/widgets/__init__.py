"""Interactive explorers for the lessons: the kernel playground, the sliding-window explorer and
the pooling explorer.

The arithmetic lives in pure modules that the tests compare with TensorFlow: the window
geometry and pooling in `autograder.vision` (`geometry`, `pooling`), gathered for the explorers
by `windows`, `pooling`, `presets` and `extraction` here; the explorers only wire ipywidgets
controls to them. Each explorer
returns a matplotlib figure instead when ``static=True`` or outside a Jupyter kernel.
"""

from autograder.widgets.kernel_playground import kernel_playground
from autograder.widgets.pooling_explorer import pooling_explorer
from autograder.widgets.window_explorer import sliding_window_explorer

__all__ = ["kernel_playground", "pooling_explorer", "sliding_window_explorer"]
