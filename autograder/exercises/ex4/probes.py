"""What exercise 4's checks ask about a student's function besides its results, free of answers.

Each probe is an `autograder.core.observed.inspects` function: the judge names it, and the side
that holds the student's objects (the kernel) imports this module by name and runs it there, so
it must hold no question, reference or solution.
"""

from __future__ import annotations

import types
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core.observed import inspects


@inspects
def mentions(func: Any, name: str) -> bool:
    """Whether a function's code uses the global ``name``."""
    pending = [func.__code__] if isinstance(func, types.FunctionType) else []
    while pending:
        current = pending.pop()
        if name in current.co_names:
            return True
        pending.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return False


@inspects
def cuts_gradient(func: Any) -> bool | None:
    """Whether ``corr2d(X, K)``, with K a `tf.Variable`, gives the tape no gradient (None if it raises)."""
    X = tf.constant(np.arange(20, dtype=np.float32).reshape(4, 5) / 10)
    K = tf.Variable(tf.constant([[0.5, -1.0], [1.5, 2.0]]))
    try:
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.convert_to_tensor(func(X, K), dtype=tf.float32))
        return tape.gradient(loss, K) is None
    except Exception:
        return None
