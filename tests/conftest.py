"""Test-wide set-up: TensorFlow quiet, matplotlib headless, a fresh binding for every test, and
`slow` on every test that starts a real kernel, nbgrader, JupyterLab or hub."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

from autograder import binder  # noqa: E402
from autograder.core import outcome  # noqa: E402

outcome.STRICT = True
"""In tests a checker's own crash raises `CheckerBug` instead of becoming feedback blamed on the student."""

pytest_plugins = ["harness.catalogs"]
"""Shared fixtures: ``marked`` (a stand-in catalog that shows what went through translation)."""

REAL_PARTS = ("browser", "notebook", "nbgrader", "hub")
"""Markers of tests that start real kernels, nbgrader, JupyterLab or a hub: all of them are slow."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that starts a real part `slow`, so ``-m "not slow"`` is a quick loop."""
    for item in items:
        if any(item.get_closest_marker(name) for name in REAL_PARTS) and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium, one per test process for the lab and hub tests alike (Playwright's
    synchronous API allows one running instance per thread)."""
    from harness.chromium import chromium_browser

    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def namespace():
    """A fresh student namespace bound for the test, unbound afterwards."""
    values: dict = {}
    binder.bind(values)
    yield values
    binder.unbind()
