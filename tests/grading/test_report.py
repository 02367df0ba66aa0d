"""The class report page: every section, and every student-provided string escaped."""

from __future__ import annotations

from autograder.grading.records import FAILED, GRADED, NotebookRecord, SubmissionRecord
from autograder.grading.report.data import ClassData, GradeCell
from autograder.grading.report.page import render
from autograder.grading.tamper.finding import TAMPER, Finding

HOSTILE = "<script>alert('x')</script>"


def _class() -> ClassData:
    flagged = SubmissionRecord(
        HOSTILE,
        "ex1",
        GRADED,
        seconds=3.0,
        worker="w:1",
        notebooks=[NotebookRecord("ex1", "ok", peak_memory_mb=300)],
        findings=[Finding(TAMPER, "checker-patch", f"changes {HOSTILE}", "ex1", 2, grade_ids=["q1_tests"])],
        messages={"q1_tests": f"AssertionError: q_1: Incorrect. {HOSTILE}"},
    )
    failed = SubmissionRecord("bob", "ex1", FAILED, reason="no notebook was submitted")
    return ClassData(
        assignment="ex1",
        questions=[GradeCell("ex1", "q1_tests", 1.0)],
        scores={HOSTILE: {"q1_tests": 0.0}, "ann": {"q1_tests": 1.0}},
        totals={HOSTILE: 0.0, "ann": 1.0},
        max_total=1.0,
        records={HOSTILE: flagged, "bob": failed},
    )


def test_the_report_has_every_section_and_escapes_what_students_wrote() -> None:
    html = render(_class())
    assert "<script>" not in html and "&lt;script&gt;" in html
    for section in ("Score distribution", "Pass rate per question", "Most common failure messages", "Slowest"):
        assert section in html
    assert "<code>AssertionError: q_1: Incorrect. &lt;script&gt;" in html
    assert "<span class='tamper'>tamper</span>" in html and "q1_tests" in html
    assert "no notebook was submitted" in html and "50%" in html
    assert html.count("data:image/png;base64,") == 3


def test_an_empty_class_still_renders() -> None:
    html = render(ClassData(assignment="ex1"))
    assert "No grade cell failed." in html and "No submission was flagged." in html


def test_the_attempt_history_lists_the_slips_fixed_before_the_last_check() -> None:
    import datetime as dt

    from autograder.service.class_view import Attempt, class_view

    start = dt.datetime(2026, 12, 1, 9, tzinfo=dt.timezone.utc)

    def attempt(user: str, minutes: int, status: str, reason: str = "") -> Attempt:
        return Attempt(user, "q_1", status, reason, reason, start + dt.timedelta(minutes=minutes))

    attempts = [
        attempt("ana", 0, "incorrect", "You flipped the <kernel>."),
        attempt("ana", 5, "correct"),
        attempt("ben", 1, "incorrect", "You flipped the <kernel>."),
        attempt("ben", 9, "incorrect", "The weights add up to 10."),
    ]
    data = ClassData(assignment="ex1", attempts=class_view("ex1", ["q_1", "q_2"], attempts, {}, ["ana", "ben", "cy"]))
    html = render(data)
    assert "Attempt history" in html
    assert "2 checked, 1 correct at their last check, median 2 checks to a first correct one" in html
    assert "<td>2 students</td><td><code>You flipped the &lt;kernel&gt;.</code>" in html
    assert "The weights add up to 10." not in html  # ben's last check: his current slip, not history
    assert "Attempt history" not in render(ClassData(assignment="ex1"))
