"""Shared machinery for tests that run real notebooks, real kernels and real nbgrader."""
