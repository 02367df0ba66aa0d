"""Names the course's tools agree on, each written once: nbgrader's course id and the question labels.

Light on purpose (only `re`): nbgrader's configuration, the hub's setup, the tamper scan and the
kernel's guard import it without loading the checker.
"""

from __future__ import annotations

import re

COURSE_ID = "convnet-features"
"""nbgrader's course id: the exchange's folder for the course and the gradebook's course."""

QUESTION_LABEL = re.compile(r"q_\d+")
"""The name a notebook gives a question (``q_1``, ``q_2``...); a part adds ``.a``, ``.b``."""


def question_label(number: int) -> str:
    """The label of an exercise's question ``number`` (counted from 1)."""
    return f"q_{number}"
