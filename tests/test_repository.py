"""The repository's promises: layout, clean notebooks, working links, an index that lists everything."""

import json
import re
from pathlib import Path

import pytest
from harness.course import ROOT, all_assignments, assignments, assignments_missing_answers

from autograder import course
from autograder.exercises import ASSIGNMENTS
from autograder.grading.cli import parser as grading_parser
from autograder.grading.coordinator.options import Options
from autograder.grading.worker.bundle import Limits
from autograder.hub import COURSE_ID as HUB_COURSE_ID
from autograder.i18n import LANGUAGES, translated_assignment

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


PACKAGE_CODE = [ROOT / "nbgrader_config.py", *sorted(ROOT.glob("autograder/**/*.py"))]


def _nbgrader_config() -> dict:
    """The names ``nbgrader_config.py`` defines, ``c`` included, as nbgrader loads it."""
    namespace = {
        "__file__": str(ROOT / "nbgrader_config.py"),
        "get_config": lambda: __import__("traitlets.config", fromlist=["Config"]).Config(),
    }
    exec((ROOT / "nbgrader_config.py").read_text(), namespace)
    return namespace


def _holding(pattern: str, paths: list[Path]) -> list[str]:
    """The files among ``paths`` whose text matches the regular expression ``pattern``."""
    return [str(path.relative_to(ROOT)) for path in paths if re.search(pattern, path.read_text())]


def test_nbgrader_config_lists_every_assignment_in_source():
    namespace = _nbgrader_config()
    assert sorted(namespace["ASSIGNMENTS"]) == all_assignments()
    config = namespace["c"]
    assert config.OverwriteCells.add_missing_cells is True
    assert config.CourseDirectory.db_url.endswith(str(ROOT / "gradebook.db"))


def test_every_assignment_has_an_exercise_module_and_scripted_answers():
    assert sorted(ASSIGNMENTS) == assignments(), "list each source/ assignment in autograder.exercises.ASSIGNMENTS"
    assert assignments_missing_answers() == [], "add tests/answers/<assignment>.py for each assignment"


# One fact, one home: each test fails when the homes disagree or a second one appears.


def test_the_course_id_has_one_home_that_nbgrader_the_hub_and_kubernetes_agree_with():
    assert _nbgrader_config()["c"].CourseDirectory.course_id == course.COURSE_ID
    assert HUB_COURSE_ID is course.COURSE_ID
    # YAML cannot import it: the Kubernetes role settings are checked against it instead.
    storage = (ROOT / "autograder" / "hub" / "kubernetes" / "storage.yaml").read_text()
    assert re.findall(r"course_id\W*[:=]\s*\W([\w-]+)", storage) == [course.COURSE_ID] * 2
    assert _holding(r"course_id\W*[:=]\s*[\"']", PACKAGE_CODE) == [], "use autograder.course.COURSE_ID"
    assert _holding(r"COURSE_ID\s*=", PACKAGE_CODE) == ["autograder/course.py"]


def test_the_assignment_list_has_one_home_that_nbgrader_config_reads_in_teaching_order():
    expected = [translated_assignment(name, code) for name in ASSIGNMENTS for code in LANGUAGES]
    assert _nbgrader_config()["ASSIGNMENTS"] == expected
    listed = [name for name in ASSIGNMENTS if name in all_assignments()]
    assert _holding("|".join(rf"[\"']{name}[\"']" for name in listed), PACKAGE_CODE) == [
        "autograder/exercises/__init__.py"
    ]


def test_the_question_label_has_one_home():
    assert [course.question_label(n) for n in (1, 12)] == ["q_1", "q_12"]
    assert all(course.QUESTION_LABEL.fullmatch(course.question_label(n)) for n in range(1, 20))
    assert _holding(r"q_\\d|f\"q_\{", PACKAGE_CODE) == ["autograder/course.py"]


def test_the_grading_limits_have_one_home_that_the_command_line_shows():
    given = grading_parser().parse_args(["grade", "ex1_convolution_relu"])
    options = Options("ex1_convolution_relu")
    for name, argument in [
        ("workers", "workers"),
        ("timeout", "timeout"),
        ("memory_mb", "memory"),
        ("student", "student"),
        ("sandbox", "sandbox"),
        ("course", "course"),
    ]:
        assert getattr(given, argument) == getattr(options, name), name
    assert (options.timeout, options.memory_mb) == (Limits.timeout, Limits.memory_mb)
    cli = (ROOT / "autograder" / "grading" / "cli.py").read_text()
    assert re.findall(r"default=(?!default\()", cli) == [], "argparse reads its defaults from Options"
    assert _holding(r"cpu_count\(\) or 1", PACKAGE_CODE) == [
        "autograder/grading/coordinator/options.py",
        "autograder/grading/sandbox/spec.py",  # the sandbox's task limit, not a default
    ]


def test_the_translation_library_is_declared():
    assert _holding(r"(?m)^(from|import) babel\b", PACKAGE_CODE)
    assert re.search(r'^\s*"babel>=', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)


def test_formatting_is_enforced_with_linting():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("test", "lint"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
        assert "ruff check ." in recipe and "ruff format --check ." in recipe, target
