"""Scripted student answers per assignment, read by the notebook and nbgrader end-to-end tests.

Each module is named after its assignment and defines ASSIGNMENT, RIGHT, WRONG, PARTLY_WRONG and
PARTLY_WRONG_SCORE. `tests/harness/notebooks.py` types them into notebooks;
`tests/notebooks/test_student_simulation.py`, `tests/nbgrader/test_end_to_end.py` and
`tests/grading/test_same_as_nbgrader.py` use them, and every assignment must have one
(`tests/harness/course.py`, `assignments_with_answers`).
"""
