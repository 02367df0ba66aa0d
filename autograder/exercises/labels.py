"""The labels manifest: every label each exercise's notebook can write (``q_1``, ``q_4.a``...).

A student runtime has the exercises' views but not their questions (`autograder.core.binding`), so
the labels are kept apart, in ``labels.json``, generated from the questions modules::

    python -m autograder.exercises.labels

and checked against them by a test.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from autograder.i18n import base_assignment

MANIFEST = Path(__file__).with_name("labels.json")


@functools.cache
def _manifest() -> dict[str, list[str]]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def labels(assignment: str) -> list[str]:
    """The labels of ``assignment`` (a translation has its English assignment's), in the notebook's order."""
    english = base_assignment(assignment)
    if english not in _manifest():
        raise LookupError(f"no exercise module for the assignment {assignment!r}")
    return list(_manifest()[english])


def parts(assignment: str, label: str) -> list[str]:
    """The part names of a multipart question (``["a", "b"]``), none for any other."""
    prefix = f"{label}."
    return [other[len(prefix) :] for other in labels(assignment) if other.startswith(prefix)]


def built() -> dict[str, list[str]]:
    """The manifest as the questions modules declare it (imports them: the judge's side only)."""
    from autograder.exercises import ASSIGNMENTS, load_questions

    return {assignment: list(load_questions(assignment)) for assignment in ASSIGNMENTS}


def main() -> None:
    MANIFEST.write_text(json.dumps(built(), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
