"""One grading run over a hostile class: every trick gets its documented outcome, the batch
completes, honest students get exactly stock nbgrader's grades, and the gradebook stays sound.

Real nbgrader, real sandboxed kernels, real TensorFlow; one ``autograder grade`` run shared by
all tests (module-scoped fixtures in conftest.py).
"""

from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

import pytest
from classroom import ASSIGNMENT, BLANK_TRICKS, CLASS
from gradebooks import cell_scores, exported, grade_rows, max_scores, normalized
from grading_support import Run, kernel_templates, survivors
from harness.course import nbgrader

from autograder.exercises import load_questions

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

ALL = ("q1_tests", "q2_tests", "q3_tests", "q4_tests", "q5_tests", "q7_tests")


def _but(*lost: str) -> set[str]:
    return set(ALL) - set(lost)


# Grade cells that score full marks; every other grade cell scores zero.
SCORING = {
    "full": set(ALL),
    "blank": set(),
    "partly": _but("q2_tests", "q5_tests"),
    "sys_exit": set(ALL),
    "deleted_grade_cell": set(ALL),
    "edited_grade_cell": _but("q3_tests"),
    "edited_locked_cell": set(ALL),
    "showtraceback": set(),
    "fake_question": _but("q4_tests"),
    "patch_checker_class": set(),
    "patch_numpy": _but("q4_tests"),
    # Right answers with a trick beside them: the trick is flagged, the answers score.
    "patch_builtins": set(ALL),
    "shadow_module": set(ALL),
    "sys_modules": set(ALL),
    "ipython_hook": set(),
    "infinite_loop": {"q1_tests", "q2_tests"},
    "memory_bomb": {"q1_tests", "q2_tests"},
    "os_exit": {"q1_tests", "q2_tests", "q3_tests"},
    "segfault": {"q1_tests"},
    "big_output": set(ALL),
    "write_gradebook": set(ALL),
    "read_source": set(ALL),
    **{student.name: set() for student in BLANK_TRICKS},
}
# Why a notebook stopped early, or why a submission could not be graded at all.
STOPPED = {
    "infinite_loop": "time limit",
    "memory_bomb": "MB of memory",
    "os_exit": "exited with code 0",
    "segfault": "SIGSEGV",
}
NOT_GRADED = {"renamed": "No notebooks found", "malformed": "NotJSONError", "missing": "no notebook was submitted"}
# The checks each adversary must trip (honest students and plain crashes trip none).
FLAGS = {
    "deleted_grade_cell": {"deleted-cell"},
    "edited_grade_cell": {"edited-cell"},
    "edited_locked_cell": {"edited-cell"},
    "showtraceback": {"ipython-hook"},
    "fake_question": {"checker-patch"},
    "patch_checker_class": {"checker-patch"},
    "patch_numpy": {"modules-patch"},
    "patch_builtins": {"builtins-patch"},
    "ipython_hook": {"ipython-hook"},
    "sys_modules": {"modules-patch"},
    "shadow_module": {"shadow-module"},
    "write_gradebook": {"solution-read"},
    "read_source": {"solution-read"},
    "segfault": {"introspection"},
    "patch_inner_objects": {"checker-patch"},
    "partial_transformer": {"ipython-hook"},
    "forged_evidence": {"checker-patch"},
    "auto_solver": {"dynamic-code"},
    "grade_cell_returns_points": {"checker-patch"},
    "forged_execute_result": {"ipython-hook"},
    # Not flagged (the scan does not know these forms), and worth nothing all the same:
    # alias_rebinding, drop_error_messages.
}


def _records(course: Path) -> dict[str, dict]:
    folder = course / ".autograder" / ASSIGNMENT / "records"
    return {path.stem: json.loads(path.read_text()) for path in folder.glob("*.json")}


def test_the_class_is_complete() -> None:
    assert {student.name for student in CLASS} == set(SCORING) | set(NOT_GRADED)


def test_the_batch_completes_and_the_exit_status_says_failed_and_flagged(adversarial_run: Run) -> None:
    assert adversarial_run.returncode == 2 | 4, adversarial_run.stderr[-3000:]
    failed = len(STOPPED) + len(NOT_GRADED)
    assert f"Class: {len(CLASS)} submission(s), {failed} failed or stopped, {len(FLAGS)} flagged." in (
        adversarial_run.stdout
    )
    assert set(_records(adversarial_run.course)) == {student.name for student in CLASS}


@pytest.mark.parametrize("student", sorted(SCORING))
def test_each_graded_student_scores_exactly_the_documented_grade_cells(adversarial_run: Run, student: str) -> None:
    maximum = max_scores(adversarial_run.course, ASSIGNMENT)
    scores = cell_scores(adversarial_run.course, ASSIGNMENT)[student]
    expected = {cell: (maximum[cell] if cell in SCORING[student] else 0.0) for cell in ALL}
    assert scores == expected


def test_stopped_notebooks_record_why_and_keep_what_ran(adversarial_run: Run) -> None:
    records = _records(adversarial_run.course)
    for student, reason in STOPPED.items():
        assert records[student]["status"] == "graded"
        assert reason in records[student]["reason"], records[student]
        graded = adversarial_run.course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        stopped = [o for cell in normalized(graded).cells for o in cell.get("outputs", []) if o.get("ename")]
        assert any(o.ename == "GradingStopped" for o in stopped)


def test_submissions_nbgrader_cannot_read_are_reported_and_left_ungraded(adversarial_run: Run) -> None:
    records = _records(adversarial_run.course)
    for student, reason in NOT_GRADED.items():
        assert records[student]["status"] == "failed"
        assert reason in records[student]["reason"]
        assert not (adversarial_run.course / "autograded" / student).exists()


def test_every_trick_is_flagged_and_no_honest_student_is(adversarial_run: Run) -> None:
    records = _records(adversarial_run.course)
    for student, record in records.items():
        rules = {f["rule"] for f in record["findings"] if f["severity"] in ("tamper", "warning")}
        assert rules == FLAGS.get(student, set()), (student, record["findings"])


def test_the_judges_reasons_reach_the_students_feedback(adversarial_run: Run) -> None:
    nbgrader(adversarial_run.course, "generate_feedback", ASSIGNMENT)
    feedback = adversarial_run.course / "feedback"
    partly = (feedback / "partly" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "q_5: Incorrect." in partly and "q_2: Incorrect." in partly
    forged = (feedback / "forged_evidence" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "could not be checked from what your notebook" in forged
    solver = (feedback / "auto_solver" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "Not attempted" in solver
    for question in load_questions(ASSIGNMENT).values():  # reasons, never a model answer
        for line in question.solution.splitlines():
            assert len(line.strip()) < 25 or html.escape(line.strip()) not in solver, line
    graded = {path.parent.name for path in (adversarial_run.course / "autograded").glob(f"*/{ASSIGNMENT}")}
    produced = {path.parent.name for path in (adversarial_run.course / "feedback").glob(f"*/{ASSIGNMENT}")}
    assert produced == graded


def test_students_stock_nbgrader_can_grade_get_exactly_its_grades(adversarial_run: Run, stock_course: Path) -> None:
    stock, ours = grade_rows(stock_course), grade_rows(adversarial_run.course)
    same = {student.name for student in CLASS if student.like_stock}
    assert set(stock) == same - {"missing"}  # stock skips a folder without a notebook, as we do
    for student in stock:
        assert ours[student] == stock[student], student
    stock_export, our_export = exported(stock_course), exported(adversarial_run.course)
    for student in stock_export:
        assert our_export[student] == stock_export[student]


def test_autograded_notebooks_are_stock_nbgraders(adversarial_run: Run, stock_course: Path) -> None:
    stock_files = sorted(stock_course.glob(f"autograded/*/{ASSIGNMENT}/*"))
    assert stock_files
    for stock_file in stock_files:
        ours = adversarial_run.course / stock_file.relative_to(stock_course)
        if ours.suffix == ".ipynb":
            assert normalized(ours) == normalized(stock_file), stock_file
        else:
            assert ours.read_bytes() == stock_file.read_bytes()
        assert ours.stat().st_mode & 0o777 == stock_file.stat().st_mode & 0o777


def test_the_gradebook_stays_consistent(adversarial_run: Run) -> None:
    course = adversarial_run.course
    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = grade_rows(course)
    graded = {path.parent.name for path in course.glob(f"autograded/*/{ASSIGNMENT}")}
    assert graded == set(SCORING)
    for student in graded:
        assert all(entry[2] is not None for entry in rows[student] if len(entry) == 5), student
    assert not list((course / ".autograder" / ASSIGNMENT / "staging").glob("*/*"))
    assert not list(course.rglob("gradebook.db"))[1:], "a submission wrote a gradebook.db outside the sandbox"


def test_the_report_shows_the_class(adversarial_run: Run) -> None:
    report = adversarial_run.course / f"{ASSIGNMENT}-grading-report.html"
    html = report.read_text()
    assert html.count("data:image/png;base64,") >= 3
    for section in ("Score distribution", "Pass rate per question", "Most common failure messages", "Slowest"):
        assert section in html
    for student in (*FLAGS, *STOPPED, *NOT_GRADED):
        assert student in html
    assert "Not attempted" in html  # the blank student's failure message for each question


def test_no_sandbox_process_outlives_the_run(adversarial_run: Run) -> None:
    assert kernel_templates(adversarial_run.processes) >= 1
    assert survivors(adversarial_run.processes) == []
