"""Checker, vision helpers, widgets and batch grading for the convnet feature-extraction course.

Importing the package first keeps TensorFlow quiet for the rest of the session: nbgrader gives
zero points to a grade cell that writes anything on stderr, and TensorFlow's start-up notices
go there.
"""

from autograder.runtime import quiet_tensorflow

quiet_tensorflow()

__all__ = ["quiet_tensorflow"]
