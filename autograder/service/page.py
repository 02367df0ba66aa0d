"""The judge service's pages for instructors: each graded assignment's solutions (with a button to
release them, what ``autograder release-solutions`` does), and the live class view
(`autograder.service.class_view`), in the instructor's language."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from autograder.grading.report.charts import to_data_uri
from autograder.i18n import LANGUAGES, N_, _
from autograder.service.class_view import ClassView
from autograder.service.html import render

REFRESH_SECONDS = 5
"""How often the class view reloads itself while the class works."""


@dataclass(frozen=True)
class Row:
    """One graded assignment on the solutions page."""

    assignment: str
    due: str
    released: str


def instructor_page(rows: list[Row], xsrf_form_html: str) -> str:
    """The solutions page's HTML (``xsrf_form_html``: tornado's hidden field, already HTML)."""
    return render("instructor.html.j2", rows=rows, xsrf=xsrf_form_html)


BAR_KINDS = (
    (N_("correct now: solid bars"), "#2e7d32", ""),
    (N_("tried, not correct: hatched bars"), "#c62828", "//"),
    (N_("not tried: dotted bars"), "#bdbdbd", ".."),
)
"""The chart's three kinds of students, each with its own fill pattern, so that it reads without colour;
the chart itself holds only question labels and counts (no font needed for any language), its
legend is the page's text."""


def progress_chart(view: ClassView) -> str:
    """Per question, students correct now, wrong now and not yet tried, as stacked bars with the
    counts written on them."""
    labels = view.labels[::-1]
    summaries = {summary.label: summary for summary in view.questions}
    counts = (
        [summaries[label].correct for label in labels],
        [summaries[label].tried - summaries[label].correct for label in labels],
        [len(view.students) - summaries[label].tried for label in labels],
    )
    figure = Figure(figsize=(6.4, 0.4 * len(labels) + 0.6))
    axes = figure.add_subplot()
    left = [0] * len(labels)
    for (_name, colour, hatch), kind in zip(BAR_KINDS, counts, strict=True):
        bars = axes.barh(labels, kind, left=left, color=colour, hatch=hatch, edgecolor="white")
        axes.bar_label(bars, labels=[str(count) if count else "" for count in kind], label_type="center")
        left = [a + b for a, b in zip(left, kind, strict=True)]
    axes.set_xlim(0, max(len(view.students), 1))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return to_data_uri(figure)


def class_page(view: ClassView, graded: tuple[str, ...], reader: str, updated: str) -> str:
    """The live class view of ``view.assignment`` in the ``reader``'s language."""
    return render(
        "class.html.j2",
        view=view,
        graded=graded,
        reader=reader,
        languages=LANGUAGES,
        updated=updated,
        refresh=REFRESH_SECONDS,
        chart=progress_chart(view) if view.labels else "",
        legend=[_(name) for name, _colour, _hatch in BAR_KINDS],
    )
