"""Scripted student answers per assignment, read by the notebook and nbgrader end-to-end tests.

Each module is named after its assignment and defines ASSIGNMENT, RIGHT, WRONG, PARTLY_WRONG and
PARTLY_WRONG_SCORE (see tests/notebooks/harness.py for how they are used).
"""
