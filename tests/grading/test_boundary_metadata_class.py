"""nbgrader metadata the student added, copied, retyped or moved (issue 16, item 6), graded as a
class by the real ``autograder grade`` (sandboxed kernels, the judge), with feedback by the real
``nbgrader generate_feedback``.

Before: stock nbgrader and ``autograder grade`` failed every case but the moved ones (see
test_boundary_metadata.py for each error), and a moved check was not flagged. Now every case is
graded, scores what the same notebook without the added or copied metadata scores, and is flagged
by name (exit status 4: flagged, not 2: failed). A moved check runs where the student put it, so
the moved cases and the honest students score exactly what stock ``nbgrader autograde`` gives them.
Feedback shows each grade cell as released, without the hidden tests' seeds and extra cases.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from classroom import ASSIGNMENT
from gradebooks import cell_scores
from grading_support import MEMORY, TIMEOUT, Run, autograder
from harness.course import VENV_BIN, answer_module, copy_course, nbgrader, tool_env
from metadata_cases import BASE, CASES, MOVED, RULES, submit_cases

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

HONEST = ("right", "blank")
LIKE_STOCK = (*HONEST, *MOVED)
HIDDEN = ("extra_cases=5, seed=2026", "extra_cases=12, seed=7")  # exercise 1's hidden tests


@pytest.fixture(scope="module")
def metadata_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    course = copy_course(tmp_path_factory.mktemp("metadata") / "course")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    submit_cases(course, answer_module(ASSIGNMENT), list(CASES))
    return autograder(course, "grade", ASSIGNMENT, "--timeout", TIMEOUT, "--memory", MEMORY)


@pytest.fixture(scope="module")
def stock_course(metadata_run: Run) -> Path:
    """The honest and moved submissions, byte for byte, graded by stock ``nbgrader autograde``."""
    course = copy_course(metadata_run.course.parent / "stock")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    for student in LIKE_STOCK:
        shutil.copytree(metadata_run.course / "submitted" / student, course / "submitted" / student)
    nbgrader(course, "autograde", ASSIGNMENT)
    return course


@pytest.fixture(scope="module")
def feedback(metadata_run: Run) -> Path:
    nbgrader(metadata_run.course, "generate_feedback", ASSIGNMENT)
    return metadata_run.course / "feedback"


def _records(run: Run) -> dict[str, dict]:
    folder = run.course / ".autograder" / ASSIGNMENT / "records"
    return {path.stem: json.loads(path.read_text()) for path in folder.glob("*.json")}


def _feedback(folder: Path, student: str) -> str:
    """The text of a student's feedback page (code is split into highlighting spans)."""
    page = (folder / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    return html.unescape(re.sub(r"<[^>]*>", "", page))


def test_every_case_is_graded_and_the_run_reports_flags_not_failures(metadata_run: Run) -> None:
    assert metadata_run.returncode == 4, metadata_run.stdout + metadata_run.stderr[-3000:]
    records = _records(metadata_run)
    assert set(records) == {*CASES, *HONEST}
    assert {name: (r["status"], r["reason"]) for name, r in records.items()} == {
        name: ("graded", "") for name in records
    }
    assert f"Class: {len(records)} submission(s), 0 failed or stopped, {len(CASES)} flagged." in metadata_run.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_is_flagged_by_its_rule_alone(metadata_run: Run, name: str) -> None:
    findings = _records(metadata_run)[name]["findings"]
    assert {f["rule"] for f in findings if f["severity"] in ("tamper", "warning")} == {RULES[name]}, findings


def test_honest_students_are_not_flagged(metadata_run: Run) -> None:
    records = _records(metadata_run)
    assert all(not [f for f in records[name]["findings"] if f["severity"] != "notice"] for name in HONEST)


@pytest.mark.parametrize("name", sorted(set(CASES) - set(MOVED)))
def test_added_or_copied_metadata_scores_as_the_same_notebook_without_it(metadata_run: Run, name: str) -> None:
    scores = cell_scores(metadata_run.course, ASSIGNMENT)
    assert scores[name] == scores[BASE[name]]
    records = _records(metadata_run)
    assert (records[name]["score"], records[name]["max_score"]) == (
        records[BASE[name]]["score"],
        records[BASE[name]]["max_score"],
    )


def test_moved_checks_and_honest_students_score_exactly_as_under_stock_nbgrader(
    metadata_run: Run, stock_course: Path
) -> None:
    ours, stock = cell_scores(metadata_run.course, ASSIGNMENT), cell_scores(stock_course, ASSIGNMENT)
    assert {name: ours[name] for name in LIKE_STOCK} == {name: stock[name] for name in LIKE_STOCK}
    assert [ours[name][check] for name, check in MOVED.items()] == [0.0, 0.0]  # run before their answers


def test_feedback_shows_the_judges_reasons_without_the_hidden_tests(metadata_run: Run, feedback: Path) -> None:
    before = cell_scores(metadata_run.course, ASSIGNMENT)
    graded = {path.parent.name for path in (metadata_run.course / "autograded").glob(f"*/{ASSIGNMENT}")}
    assert {path.parent.name for path in feedback.glob(f"*/{ASSIGNMENT}")} == graded == {*CASES, *HONEST}
    for student in graded:
        text = _feedback(feedback, student)
        assert "q_1.assert_correct()" in text and "q_5.assert_correct()" in text, student
        assert not any(options in text for options in HIDDEN) and "HIDDEN TESTS" not in text, student
    assert "q_1: Not attempted" in _feedback(feedback, "blank")  # the judge's reason is still there
    autograded = metadata_run.course / "autograded" / "right" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert all(options in autograded.read_text() for options in HIDDEN)  # the instructor's copy keeps them
    assert cell_scores(metadata_run.course, ASSIGNMENT) == before


def test_the_instructor_can_show_the_hidden_tests_in_feedback(metadata_run: Run, feedback: Path) -> None:
    shown = metadata_run.course / "feedback-shown"
    subprocess.run(
        [str(VENV_BIN / "nbgrader"), "generate_feedback", ASSIGNMENT, "--student", "right", "--force"]
        + ["--FeedbackHiddenTests.show=True", f"--CourseDirectory.feedback_directory={shown.name}"],
        cwd=metadata_run.course,
        env=tool_env(),
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert all(options in _feedback(shown, "right") for options in HIDDEN)
