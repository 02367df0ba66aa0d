"""Every lesson and solution notebook runs clean; every student notebook runs as-is to "Not attempted"."""

from pathlib import Path

import pytest
from harness.course import ROOT
from harness.notebooks import execute, is_grade_cell, read, shown

from autograder.core.outcome import Status
from autograder.i18n import ENGLISH, language

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

LESSONS = sorted([*(ROOT / "course").glob("*.ipynb"), *(ROOT / "course").glob("*/*.ipynb")])
"""The lessons in every language (course/<language>/ holds the translations)."""
SOURCES = sorted((ROOT / "source").glob("*/*.ipynb"))
RELEASES = sorted((ROOT / "release").glob("*/*.ipynb"))


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", LESSONS + SOURCES, ids=_name)
def test_lesson_and_solution_notebooks_run_without_errors_or_stderr(path: Path) -> None:
    executed = execute(read(path), cwd=path.parent)
    problems = [item for item in shown(executed) if item.kind in ("error", "stderr")]
    assert problems == []
    statuses = {item.data["status"] for item in shown(executed) if item.kind == "feedback"}
    assert statuses <= {"correct", "thought"}, statuses


@pytest.mark.parametrize("path", RELEASES, ids=_name)
def test_release_notebooks_run_as_is_to_not_attempted(path: Path) -> None:
    notebook = read(path)
    with language(notebook.metadata.get("autograder", {}).get("language", ENGLISH)):
        not_attempted = Status.NOT_ATTEMPTED.label  # in the notebook's language
    executed = execute(notebook, cwd=path.parent)
    items = shown(executed)
    feedback = [item.data for item in items if item.kind == "feedback"]
    assert feedback, "the student notebook shows no feedback at all"
    assert {entry["status"] for entry in feedback} <= {"not_attempted", "thought"}
    assert not [item for item in items if item.kind == "stderr"]
    for item in items:
        if item.kind == "error":
            assert is_grade_cell(executed.cells[item.cell]), f"cell {item.cell} crashed: {item.data}"
            assert item.data.startswith("AssertionError") and not_attempted in item.data, item.data
