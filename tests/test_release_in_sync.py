"""release/ must be exactly what `nbgrader generate_assignment` makes from source/ today."""

import json
from pathlib import Path

import pytest
from harness.course import ROOT, all_assignments, copy_course, nbgrader

pytestmark = [pytest.mark.nbgrader]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


@pytest.mark.parametrize("assignment", all_assignments())
def test_release_is_regenerated_from_source(assignment: str, tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    nbgrader(course, "generate_assignment", assignment, "--force")
    fresh = sorted(
        p.relative_to(course / "release") for p in (course / "release" / assignment).rglob("*") if p.is_file()
    )
    committed = sorted(
        p.relative_to(ROOT / "release") for p in (ROOT / "release" / assignment).rglob("*") if p.is_file()
    )
    assert fresh == committed, "release/ has different files; run the regeneration step in the README"
    for relative in fresh:
        assert _cells(course / "release" / relative) == _cells(ROOT / "release" / relative), (
            f"release/{relative} is stale: regenerate it from source/ (see README)"
        )
