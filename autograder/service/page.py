"""The instructors' page of the judge service: each graded assignment, its due date, and whether its
solutions are released, with a button to release them (what ``autograder release-solutions`` does)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

_TEMPLATES = Environment(
    loader=PackageLoader("autograder.service", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True),
)


@dataclass(frozen=True)
class Row:
    """One graded assignment on the page."""

    assignment: str
    due: str
    released: str


def instructor_page(rows: list[Row], xsrf_form_html: str) -> str:
    """The page's HTML (``xsrf_form_html``: tornado's hidden field, already HTML)."""
    return _TEMPLATES.get_template("instructor.html.j2").render(rows=rows, xsrf=xsrf_form_html)
