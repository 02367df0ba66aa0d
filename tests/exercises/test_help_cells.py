"""Each exercise's "uncomment for help" cells offer every hint its question has, and its solution.

A help cell is a code cell of comments only, such as ``# q_1.hint()``, ``# q_1.hint(2)`` and
``# q_1.solution()``; a question whose cell lists fewer hints than it has hides the later ones.
"""

import json
import re
from pathlib import Path

import pytest

from autograder.core import MultipartQuestion
from autograder.exercises import ASSIGNMENTS, load_questions

SOURCE = Path(__file__).resolve().parents[2] / "source"
OFFER = re.compile(r"^#\s*(q_\d+(?:\.\w+)?)\.(hint|solution)\((\d*)\)\s*$")


def offered(assignment: str) -> dict[str, set[str]]:
    """Per label, what its help cells offer: "hint 1", "hint 2", ..., "solution"."""
    (notebook,) = (SOURCE / assignment).glob("*.ipynb")
    found: dict[str, set[str]] = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for line in "".join(cell["source"]).splitlines():
            match = OFFER.match(line.strip())
            if match:
                label, kind, number = match.groups()
                found.setdefault(label, set()).add(f"hint {number or 1}" if kind == "hint" else kind)
    return found


@pytest.mark.parametrize("assignment", sorted(ASSIGNMENTS))
def test_every_hint_and_the_solution_are_offered(assignment):
    questions = load_questions(assignment)
    expected = {
        label: {f"hint {n}" for n in range(1, len(question.hints) + 1)} | ({"solution"} if question.solution else set())
        for label, question in questions.items()
        if (question.hints or question.solution) and not isinstance(question, MultipartQuestion)
    }
    assert offered(assignment) == expected
