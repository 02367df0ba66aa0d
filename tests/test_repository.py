"""The repository's promises: layout, clean notebooks, working links, an index that lists everything."""

import json
import re
from pathlib import Path

import pytest
from harness.course import ROOT, all_assignments, assignments, assignments_missing_answers

from autograder.exercises import ASSIGNMENTS

TOP_LEVEL = ["course", "source", "release", "autograder", "data", "nbgrader_config.py", "README.md", "tests"]
NOTEBOOKS = sorted(
    p
    for p in ROOT.glob("*/**/*.ipynb")
    if not {".venv", ".ipynb_checkpoints", "workspace"} & set(p.relative_to(ROOT).parts)
)  # workspace/ is `make lab`'s git-ignored copy, where a student's outputs belong


def test_top_level_layout():
    for name in TOP_LEVEL:
        assert (ROOT / name).exists(), name
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_are_committed_without_outputs(path: Path):
    cells = json.loads(path.read_text())["cells"]
    for cell in cells:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:80]


def test_course_index_links_every_lesson_and_exercise_and_nothing_missing():
    index = ROOT / "course" / "index.ipynb"
    text = "".join("".join(cell["source"]) for cell in json.loads(index.read_text())["cells"])
    links = re.findall(r"\]\(([^)]+\.ipynb)\)", text)
    for link in links:
        assert (index.parent / link).resolve().is_file(), f"broken link {link}"
    linked = {(index.parent / link).resolve() for link in links}
    lessons = set(ROOT.glob("course/lesson*.ipynb"))
    releases = {ROOT / "release" / name / f"{name}.ipynb" for name in assignments()}
    assert lessons | releases <= linked


def test_no_kaggle_paths_or_downloads_in_notebooks_and_package():
    sources = [*NOTEBOOKS, *ROOT.glob("autograder/**/*.py")]
    for path in sources:
        text = path.read_text()
        assert "../input" not in text, path
        assert not re.search(r"https?://", text) or path.suffix == ".ipynb", path


def test_nbgrader_config_lists_every_assignment_in_source():
    namespace = {
        "__file__": str(ROOT / "nbgrader_config.py"),
        "get_config": lambda: __import__("traitlets.config", fromlist=["Config"]).Config(),
    }
    exec((ROOT / "nbgrader_config.py").read_text(), namespace)
    assert sorted(namespace["ASSIGNMENTS"]) == all_assignments()
    config = namespace["c"]
    assert config.OverwriteCells.add_missing_cells is True
    assert config.CourseDirectory.db_url.endswith(str(ROOT / "gradebook.db"))


def test_every_assignment_has_an_exercise_module_and_scripted_answers():
    assert sorted(ASSIGNMENTS) == assignments(), "list each source/ assignment in autograder.exercises.ASSIGNMENTS"
    assert assignments_missing_answers() == [], "add tests/answers/<assignment>.py for each assignment"
