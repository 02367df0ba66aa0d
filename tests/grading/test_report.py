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
