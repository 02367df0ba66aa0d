"""A scripted student types wrong answers, then right ones, into the real student notebook."""

import pytest
from harness.course import ROOT, answer_module, assignments_with_answers
from harness.notebooks import execute, read, shown, simulation

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


@pytest.mark.parametrize("assignment", assignments_with_answers())
def test_feedback_for_each_attempt_is_what_the_student_should_see(assignment: str) -> None:
    release = ROOT / "release" / assignment / f"{assignment}.ipynb"
    notebook, expectations = simulation(read(release), answer_module(assignment))
    assert len(expectations) > len(answer_module(assignment).RIGHT), "no wrong attempts scripted"
    executed = execute(notebook, cwd=release.parent)
    items = shown(executed)
    assert not [item for item in items if item.kind in ("error", "stderr")], "with right answers every test passes"
    for cell, key, status, fragment in expectations:
        feedback = [item.data for item in items if item.kind == "feedback" and item.cell == cell]
        assert len(feedback) == 1, f"{key}: expected one feedback output in cell {cell}, got {feedback}"
        assert feedback[0]["status"] == status, (key, feedback[0])
        assert fragment in feedback[0]["message"], (key, fragment, feedback[0]["message"])
