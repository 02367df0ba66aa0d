"""The class report as one self-contained HTML page (plots inlined, no scripts, no network).

The page is a Jinja2 template with autoescaping, so every student-provided string (names,
messages, evidence of tampering) is escaped in one place; this module only computes the rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from autograder.grading.records import FAILED
from autograder.grading.report import charts
from autograder.grading.report.data import ClassData

_TEMPLATES = Environment(
    loader=PackageLoader("autograder.grading.report", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True),
)


def render(data: ClassData) -> str:
    """The whole page."""
    records = sorted(data.records.values(), key=lambda r: r.student)
    slowest = data.slowest()
    return _TEMPLATES.get_template("report.html.j2").render(
        data=data,
        generated=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        numbers=_numbers(data),
        charts={
            "distribution": charts.score_distribution(data) if data.totals else "",
            "pass_rates": charts.pass_rates(data) if data.questions else "",
            "slowest": charts.slowest(data) if slowest else "",
        },
        questions=[_question_row(data, question) for question in data.questions],
        failures=[
            [question.grade_id, str(count), Markup("<code>%s</code>") % message]
            for question in data.questions
            for message, count in data.common_failures(question.grade_id)
        ],
        slowest=[
            [
                r.student,
                f"{r.seconds:.1f} s",
                f"{max((n.peak_memory_mb for n in r.notebooks), default=0):.0f} MB",
                r.worker,
            ]
            for r in slowest
        ],
        flagged=[
            [
                r.student,
                Markup("<span class='%s'>%s</span>") % (f.severity, f.severity),
                f.rule,
                f"{f.notebook}: {f.detail}" if f.notebook else f.detail,
                ", ".join(f.grade_ids) or "none",
            ]
            for r in records
            for f in r.findings
            if f.severity != "notice" or f.grade_ids
        ],
        history=_history(data),
        failed=[
            [r.student, "not graded" if r.status == FAILED else "stopped early", r.reason]
            for r in records
            if r.status == FAILED or r.reason
        ]
        + [[r.student, "notice", f.detail] for r in records for f in r.findings if f.severity == "notice"],
    )


def _history(data: ClassData) -> list[list[str]]:
    """Per question, the diagnoses students saw before their last check, by how many students."""
    view = data.attempts
    if view is None:
        return []
    rows = []
    for question in view.questions:
        earlier: Counter[str] = Counter()
        for student in view.students:
            one = view.standing(student, question.label)
            earlier.update(reason for reason in one.history if reason != one.reason)
        checked = sum(view.standing(student, question.label).checks > 0 for student in view.students)
        summary = f"{checked} checked, {question.correct} correct at their last check"
        if question.median_checks is not None:
            summary += f", median {question.median_checks:g} checks to a first correct one"
        rows.append([question.label, summary, ""])
        rows += [
            ["", f"{count} students", Markup("<code>%s</code>") % reason] for reason, count in earlier.most_common(5)
        ]
    return rows


def _numbers(data: ClassData) -> dict[str, Any]:
    totals = sorted(data.totals.values())
    mean = sum(totals) / len(totals) if totals else 0.0
    median = totals[len(totals) // 2] if totals else 0.0
    records = data.records.values()
    return {
        "students": len(data.totals),
        "failed or stopped": sum(r.status == FAILED or bool(r.reason) for r in records),
        "flagged": sum(r.flagged for r in records),
        "mean score": f"{mean:.2f} / {data.max_total:g}",
        "median score": f"{median:g} / {data.max_total:g}",
    }


def _question_row(data: ClassData, question: Any) -> list[str]:
    scores = [marks[question.grade_id] for marks in data.scores.values() if question.grade_id in marks]
    mean = sum(scores) / len(scores) if scores else 0.0
    return [
        question.grade_id,
        question.notebook,
        f"{question.max_score:g}",
        f"{100 * data.pass_rate(question):.0f}%",
        f"{mean:.2f}",
    ]
