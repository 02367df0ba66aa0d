"""Test-wide set-up: TensorFlow quiet, matplotlib headless, a fresh binding for every test."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

from autograder import binder  # noqa: E402


@pytest.fixture
def namespace():
    """A fresh student namespace bound for the test, unbound afterwards."""
    values: dict = {}
    binder.bind(values)
    yield values
    binder.unbind()
