"""The report's plots, drawn with matplotlib's Agg canvas and embedded as PNG data URIs.

Embedding keeps the report a single file that opens offline; no pyplot, so no global backend
is touched in the coordinator.
"""

from __future__ import annotations

import base64
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from autograder.grading.report.data import ClassData

ACCENT = "#3b6ea5"


def to_data_uri(figure: Figure) -> str:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def score_distribution(data: ClassData) -> str:
    figure = Figure(figsize=(6.4, 3.0))
    axes = figure.add_subplot()
    totals = list(data.totals.values())
    top = max(data.max_total, 1.0)
    bins = [step * top / 10 for step in range(11)]
    axes.hist(totals, bins=bins, color=ACCENT, edgecolor="white")
    axes.set_xlabel(f"total score (out of {data.max_total:g})")
    axes.set_ylabel("students")
    axes.set_title(f"Score distribution ({len(totals)} students)")
    return to_data_uri(figure)


def pass_rates(data: ClassData) -> str:
    figure = Figure(figsize=(6.4, 0.45 * max(len(data.questions), 2) + 1.0))
    axes = figure.add_subplot()
    labels = [question.grade_id for question in data.questions]
    rates = [100 * data.pass_rate(question) for question in data.questions]
    axes.barh(labels[::-1], rates[::-1], color=ACCENT)
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of students with full marks")
    axes.set_title("Pass rate per question")
    return to_data_uri(figure)


def slowest(data: ClassData) -> str:
    records = data.slowest()
    figure = Figure(figsize=(6.4, 0.4 * max(len(records), 2) + 1.0))
    axes = figure.add_subplot()
    axes.barh([r.student for r in records][::-1], [r.seconds for r in records][::-1], color=ACCENT)
    axes.set_xlabel("seconds to grade")
    axes.set_title("Slowest submissions")
    return to_data_uri(figure)
