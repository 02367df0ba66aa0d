"""Answers no student should give but some will: the checker must survive every one of them."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


class Hostile:
    """A value whose comparison, conversion and public attribute access all raise."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __array__(self, *args, **kwargs):
        raise RuntimeError("array")

    def __getattr__(self, name):
        if name.startswith("_"):  # protocol look-ups (reprs, array interfaces) just find nothing
            raise AttributeError(name)
        raise RuntimeError(name)

    __hash__ = object.__hash__


def garbage(*extra: st.SearchStrategy) -> st.SearchStrategy:
    """Garbage values of every kind (None, text, NaN, huge and ragged arrays, hostile objects), plus ``extra``."""
    return st.one_of(
        st.none(),
        st.text(max_size=20),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.lists(st.lists(st.floats(allow_nan=True), max_size=4), max_size=4),
        arrays(np.float64, st.tuples(st.integers(0, 6), st.integers(0, 6)), elements=st.floats(allow_nan=True)),
        st.just(Hostile()),
        st.just(np.zeros((3000, 3000))),
        st.just([[1, 2, 3], [4, 5]]),
        st.just(float("nan")),
        st.just(print),
        *extra,
    )
