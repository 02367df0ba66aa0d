"""The numbers behind the class report: scores from the gradebook, the rest from run records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autograder.grading.records import SubmissionRecord

if TYPE_CHECKING:
    from autograder.grading.coordinator.course import Course
    from autograder.service.class_view import ClassView


@dataclass(frozen=True)
class GradeCell:
    """A grade cell of the assignment, as the report lists it."""

    notebook: str
    grade_id: str
    max_score: float


@dataclass
class ClassData:
    """Per-student and per-question scores of one assignment, with the run records."""

    assignment: str
    questions: list[GradeCell] = field(default_factory=list)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # student -> grade_id -> score
    totals: dict[str, float] = field(default_factory=dict)
    max_total: float = 0.0
    records: dict[str, SubmissionRecord] = field(default_factory=dict)
    attempts: ClassView | None = None
    """The checks students made before submitting (the judge service's record, where there is one)."""

    def pass_rate(self, question: GradeCell) -> float:
        """Share of students with full marks on the question."""
        got = [marks.get(question.grade_id) for marks in self.scores.values()]
        got = [score for score in got if score is not None]
        if not got:
            return 0.0
        return sum(score >= question.max_score for score in got) / len(got)

    def common_failures(self, grade_id: str, limit: int = 3) -> list[tuple[str, int]]:
        """The most frequent messages of failed grade cells, most frequent first."""
        messages = Counter(record.messages[grade_id] for record in self.records.values() if grade_id in record.messages)
        return messages.most_common(limit)

    def slowest(self, limit: int = 10) -> list[SubmissionRecord]:
        graded = [record for record in self.records.values() if record.seconds > 0]
        return sorted(graded, key=lambda record: record.seconds, reverse=True)[:limit]


def collect(course: Course, records: dict[str, SubmissionRecord]) -> ClassData:
    """Read scores for every submission of the assignment from the gradebook."""
    data = ClassData(assignment=course.assignment, records=records)
    with course.gradebook() as gradebook:
        assignment = gradebook.find_assignment(course.assignment)
        for notebook in assignment.notebooks:
            order = {cell.name: index for index, cell in enumerate(notebook.source_cells)}
            cells = sorted(notebook.grade_cells, key=lambda cell: order.get(cell.name, len(order)))
            data.questions += [GradeCell(notebook.name, cell.name, float(cell.max_score)) for cell in cells]
        data.max_total = float(assignment.max_score)
        for submission in assignment.submissions:
            student = submission.student.id
            marks = {}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    marks[grade.name] = float(grade.score)
            data.scores[student] = marks
            data.totals[student] = float(submission.score)
    data.attempts = attempt_history(course, list(data.scores))
    return data


def attempt_history(course: Course, students: list[str]) -> ClassView | None:
    """The graded students' checks of the assignment, from the judge service's record (None without one)."""
    from autograder.settings import Autograder

    url = Autograder(parent=course.app).judge_database
    if not url:
        return None
    from autograder.i18n import ENGLISH, base_assignment
    from autograder.service.class_view import recorded_view
    from autograder.service.record import Record

    graded = set(students)
    return recorded_view(Record(url), base_assignment(course.assignment), ENGLISH, students, keep=graded.__contains__)
