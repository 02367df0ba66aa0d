"""The class report as one self-contained HTML page (plots inlined, no scripts, no network)."""

from __future__ import annotations

import datetime
from html import escape

from autograder.grading.grade.records import FAILED
from autograder.grading.report import charts
from autograder.grading.report.data import ClassData

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #eee; vertical-align: top; }
.tamper { color: #a40000; font-weight: bold; } .warning { color: #8a5a00; } .notice { color: #555; }
.numbers span { display: inline-block; margin-right: 2em; } img { max-width: 100%; }
"""


def render(data: ClassData) -> str:
    """The whole page."""
    sections = [
        _overview(data),
        _image("Score distribution", charts.score_distribution(data)) if data.totals else "",
        _questions(data),
        _failures(data),
        _slowest(data),
        _flagged(data),
        _failed(data),
    ]
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(data.assignment)}: grading report</title><style>{STYLE}</style></head><body>"
        + "".join(sections)
        + "</body></html>\n"
    )


def _overview(data: ClassData) -> str:
    totals = sorted(data.totals.values())
    mean = sum(totals) / len(totals) if totals else 0.0
    median = totals[len(totals) // 2] if totals else 0.0
    records = data.records.values()
    numbers = {
        "students": len(data.totals),
        "failed or stopped": sum(r.status == FAILED or bool(r.reason) for r in records),
        "flagged": sum(r.flagged for r in records),
        "mean score": f"{mean:.2f} / {data.max_total:g}",
        "median score": f"{median:g} / {data.max_total:g}",
    }
    when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    items = "".join(f"<span><b>{escape(str(v))}</b> {escape(k)}</span>" for k, v in numbers.items())
    return f"<h1>{escape(data.assignment)}: grading report</h1><p>Generated {when}.</p><p class='numbers'>{items}</p>"


def _image(title: str, uri: str) -> str:
    return f"<h2>{escape(title)}</h2><img alt='{escape(title)}' src='{uri}'>"


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p>{escape(empty)}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _questions(data: ClassData) -> str:
    if not data.questions:
        return ""
    rows = []
    for question in data.questions:
        scores = [marks[question.grade_id] for marks in data.scores.values() if question.grade_id in marks]
        mean = sum(scores) / len(scores) if scores else 0.0
        rows.append(
            [
                escape(question.grade_id),
                escape(question.notebook),
                f"{question.max_score:g}",
                f"{100 * data.pass_rate(question):.0f}%",
                f"{mean:.2f}",
            ]
        )
    table = _table(["question", "notebook", "points", "full marks", "mean"], rows, "")
    return _image("Pass rate per question", charts.pass_rates(data)) + table


def _failures(data: ClassData) -> str:
    rows = []
    for question in data.questions:
        for message, count in data.common_failures(question.grade_id):
            rows.append([escape(question.grade_id), str(count), f"<code>{escape(message)}</code>"])
    return "<h2>Most common failure messages per question</h2>" + _table(
        ["question", "students", "message"], rows, "No grade cell failed."
    )


def _slowest(data: ClassData) -> str:
    records = data.slowest()
    if not records:
        return ""
    rows = [
        [
            escape(r.student),
            f"{r.seconds:.1f} s",
            f"{max((n.peak_memory_mb for n in r.notebooks), default=0):.0f} MB",
            escape(r.worker),
        ]
        for r in records
    ]
    table = _table(["student", "time", "peak kernel memory", "worker"], rows, "")
    return _image("Slowest submissions", charts.slowest(data)) + table


def _flagged(data: ClassData) -> str:
    rows = []
    for record in sorted(data.records.values(), key=lambda r: r.student):
        for finding in record.findings:
            if finding.severity == "notice" and not finding.grade_ids:
                continue
            withheld = ", ".join(finding.grade_ids) or "none"
            rows.append(
                [
                    escape(record.student),
                    f"<span class='{escape(finding.severity)}'>{escape(finding.severity)}</span>",
                    escape(finding.rule),
                    escape(f"{finding.notebook}: {finding.detail}" if finding.notebook else finding.detail),
                    escape(withheld),
                ]
            )
    return "<h2>Flagged submissions</h2>" + _table(
        ["student", "severity", "check", "evidence", "points withheld on"], rows, "No submission was flagged."
    )


def _failed(data: ClassData) -> str:
    rows = [
        [escape(r.student), escape("not graded" if r.status == FAILED else "stopped early"), escape(r.reason)]
        for r in sorted(data.records.values(), key=lambda r: r.student)
        if r.status == FAILED or r.reason
    ]
    notices = [
        [escape(r.student), "notice", escape(f.detail)]
        for r in sorted(data.records.values(), key=lambda r: r.student)
        for f in r.findings
        if f.severity == "notice"
    ]
    return "<h2>Failed, stopped and incomplete submissions</h2>" + _table(
        ["student", "outcome", "reason"], rows + notices, "Every submission ran to the end."
    )
