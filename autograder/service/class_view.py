"""What the class is doing, from the judge service's record: per question, who tried, who is
correct now, the slips the room makes right now, how long and how many checks the first correct
answer took, hints; per student, where they stand on each question.

"Now" is each student's latest check of a question: a student who was wrong and then right counts
as correct, and their earlier slip leaves the list of current diagnoses (the attempt history keeps it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autograder.core.outcome import Status
from autograder.exercises.labels import labels as labels_of
from autograder.i18n import N_, _

if TYPE_CHECKING:
    from autograder.service.record import Record

TRIED = frozenset({"correct", "incorrect", "error"})
"""The statuses that show a student has answered (not attempted: starter code still in place)."""


@dataclass(frozen=True)
class Attempt:
    """One check as the class view reads it: ``reason`` in the reader's language where rendered
    (else the student's), ``key`` the same reason in English (what groups a slip)."""

    user: str
    label: str
    status: str
    reason: str
    key: str
    at: dt.datetime


def question_labels(labels: Iterable[str]) -> list[str]:
    """The labels a notebook checks: a question split in parts is checked by its parts."""
    labels = list(labels)
    return [label for label in labels if not any(other.startswith(label + ".") for other in labels)]


@dataclass(frozen=True)
class Standing:
    """One student on one question."""

    status: str = "not_attempted"
    reason: str = ""
    checks: int = 0
    hints: int = 0
    seconds_to_correct: float | None = None
    """From their first check to their first correct one (None: not correct yet)."""
    checks_to_correct: int | None = None
    history: tuple[str, ...] = ()
    """The distinct reasons of their wrong checks, in order (the attempt history)."""

    @property
    def word(self) -> str:
        """The status as the reader's language says it (`autograder.core.outcome.Status`)."""
        return Status[self.status.upper()].label


@dataclass(frozen=True)
class Diagnosis:
    text: str
    students: int
    share: float
    """Of the students who tried the question."""


@dataclass(frozen=True)
class QuestionSummary:
    label: str
    tried: int
    correct: int
    diagnoses: list[Diagnosis]
    median_seconds: float | None
    median_checks: float | None
    hint_students: int
    hints: int


@dataclass
class ClassView:
    """One assignment as the instructor sees it (`class_view`)."""

    assignment: str
    labels: list[str]
    students: list[str]
    standings: dict[tuple[str, str], Standing] = field(default_factory=dict)
    questions: list[QuestionSummary] = field(default_factory=list)

    def standing(self, student: str, label: str) -> Standing:
        return self.standings.get((student, label), Standing())


def standing(attempts: list[Attempt], hints: int) -> Standing:
    """A student's standing on a question from their checks of it, oldest first."""
    if not attempts:
        return Standing(hints=hints)
    latest = attempts[-1]
    first_correct = next((n for n, attempt in enumerate(attempts) if attempt.status == "correct"), None)
    seconds = checks = None
    if first_correct is not None:
        seconds = (attempts[first_correct].at - attempts[0].at).total_seconds()
        checks = first_correct + 1
    history = tuple(dict.fromkeys(attempt.reason for attempt in attempts if attempt.status == "incorrect"))
    reason = latest.reason if latest.status != "correct" else ""
    return Standing(latest.status, reason, len(attempts), hints, seconds, checks, history)


def class_view(
    assignment: str,
    labels: Iterable[str],
    attempts: Iterable[Attempt],
    hint_uses: dict[tuple[str, str], int],
    students: Iterable[str] = (),
) -> ClassView:
    """The view of ``assignment``: ``attempts`` from `Record.attempts`, ``hint_uses`` from
    `Record.hint_uses`, ``students`` the class list (those who never checked count too)."""
    labels = question_labels(labels)
    by_pair: dict[tuple[str, str], list[Attempt]] = {}
    for attempt in attempts:
        if attempt.label in labels:
            by_pair.setdefault((attempt.user, attempt.label), []).append(attempt)
    everyone = sorted(set(students) | {user for user, _label in by_pair} | {user for user, _label in hint_uses})
    view = ClassView(assignment, labels, everyone)
    for pair in set(by_pair) | set(hint_uses):
        view.standings[pair] = standing(by_pair.get(pair, []), hint_uses.get(pair, 0))
    keys = {pair: tries[-1].key for pair, tries in by_pair.items()}
    for label in labels:
        view.questions.append(_summary(view, label, keys))
    return view


def recorded_view(
    record: Record,
    assignment: str,
    reader: str,
    students: Iterable[str] = (),
    keep: Callable[[str], bool] = lambda user: True,
    user: str | None = None,
) -> ClassView:
    """`class_view` of ``assignment`` (English name) from a record: the checks (``user``'s alone if
    given) and hint uses of the students ``keep`` accepts, reasons in the ``reader``'s language."""
    attempts = [one for one in record.attempts(assignment, reader, user) if keep(one.user)]
    hints = {pair: count for pair, count in record.hint_uses(assignment).items() if keep(pair[0])}
    return class_view(assignment, labels_of(assignment), attempts, hints, students)


def _summary(view: ClassView, label: str, keys: dict[tuple[str, str], str]) -> QuestionSummary:
    standings = {student: view.standing(student, label) for student in view.students}
    tried = [student for student, one in standings.items() if one.status in TRIED]
    slips: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for student in tried:
        one = standings[student]
        if one.status == "incorrect":
            key = keys[(student, label)]
            slips[key] += 1
            shown.setdefault(key, one.reason)
    diagnoses = [Diagnosis(shown[key], count, count / len(tried)) for key, count in slips.most_common()]
    correct = [one for one in standings.values() if one.checks_to_correct is not None]
    return QuestionSummary(
        label,
        len(tried),
        sum(one.status == "correct" for one in standings.values()),
        diagnoses,
        statistics.median(one.seconds_to_correct for one in correct) if correct else None,
        statistics.median(one.checks_to_correct for one in correct) if correct else None,
        sum(one.hints > 0 for one in standings.values()),
        sum(one.hints for one in standings.values()),
    )


CSV_COLUMNS = (
    N_("student"),
    N_("question"),
    N_("status"),
    N_("checks"),
    N_("hints seen"),
    N_("seconds to first correct"),
    N_("checks to first correct"),
    N_("last diagnosis"),
    N_("earlier diagnoses"),
)


def csv_text(view: ClassView) -> str:
    """One row per student and question, in the reader's language (what the page's table shows)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_(column) for column in CSV_COLUMNS])
    for student in view.students:
        for label in view.labels:
            one = view.standing(student, label)
            earlier = [reason for reason in one.history if reason != one.reason]
            writer.writerow(
                [
                    student,
                    label,
                    one.word,
                    one.checks,
                    one.hints,
                    "" if one.seconds_to_correct is None else round(one.seconds_to_correct),
                    "" if one.checks_to_correct is None else one.checks_to_correct,
                    one.reason,
                    " | ".join(earlier),
                ]
            )
    return out.getvalue()
