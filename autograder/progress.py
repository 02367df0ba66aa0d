"""A learner's own progress across the course: each exercise's questions, correct, not attempted or
still wrong and why (their latest check's reason), with a link to the question in its notebook.

``show_progress()`` in any notebook of the course. Practice assignments are read from the learner's
own record of checks, kept where ``make lab`` says (``AUTOGRADER_PROGRESS``: a SQLite file in the
workspace, written by each ``check()`` of a practice notebook); graded ones are the class's judge
service's record, which answers for the asking student only. Nothing is sent anywhere else.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core.outcome import Outcome, Status
from autograder.exercises import ASSIGNMENTS, answers_installed
from autograder.exercises.labels import labels
from autograder.i18n import _, current_language, translated_assignment
from autograder.service import client
from autograder.service.class_view import Standing, class_view, question_labels, recorded_view
from autograder.service.html import render

if TYPE_CHECKING:
    from autograder.service.record import Record

PROGRESS = "AUTOGRADER_PROGRESS"
"""The SQLite file of a self-learner's own checks (``make lab`` puts it in the workspace)."""


def local_record() -> Record | None:
    """The learner's own record of practice checks, where one is kept (SQLAlchemy loads only then)."""
    path = os.environ.get(PROGRESS)
    if not path:
        return None
    from autograder.service.record import Record

    return Record(f"sqlite:///{path}")


def note_check(assignment: str, label: str, outcome: Outcome) -> None:
    """Keep a practice ``check()`` in the learner's record (never at the expense of the check itself)."""
    with contextlib.suppress(Exception):
        record = local_record()
        if record is not None and assignment:
            status = outcome.status.key
            record.add_check(getpass.getuser(), assignment, label, status, outcome.message)


@dataclass(frozen=True)
class Item:
    """One question in the learner's progress."""

    assignment: str
    label: str
    standing: Standing
    link: str = ""


def practice_items(assignment: str, record: Record | None) -> list[Item]:
    """A practice assignment's questions from the learner's own record (all not attempted without one)."""
    me = getpass.getuser()
    if record is None:
        view = class_view(assignment, labels(assignment), [], {}, [me])
    else:
        view = recorded_view(record, assignment, current_language(), [me], keep=me.__eq__, user=me)
    return [Item(assignment, label, view.standing(me, label), link(assignment, label)) for label in view.labels]


def graded_items(assignments: list[str]) -> tuple[list[Item], str]:
    """Graded assignments' questions as the judge service records them for this student, and why
    not where it cannot answer."""
    if not assignments:
        return [], ""
    if not client.configured():
        return [], _(
            "Graded assignments' progress comes from your class's judge service, which this notebook cannot reach."
        )
    try:
        reply = client.ask({"op": "progress", "assignment": "", "label": "", "lang": current_language()})
    except client.Unreachable as error:
        return [], _("Your class's judge service did not answer ({reason}).").format(reason=error)
    if "progress" not in reply:
        return [], str(reply.get("refused", ""))
    found = {(row["assignment"], row["label"]): row for row in reply["progress"]}
    items = []
    for assignment in assignments:
        for label in question_labels(labels(assignment)):
            row = found.get((assignment, label), {})
            one = Standing(
                str(row.get("status", "not_attempted")), str(row.get("reason", "")), int(row.get("checks", 0))
            )
            items.append(Item(assignment, label, one, link(assignment, label)))
    return items, ""


def link(assignment: str, label: str) -> str:
    """Where the question is, relative to this notebook: its notebook in the learner's language, at
    the heading above its ``check()`` (JupyterLab opens a notebook at a heading's anchor)."""
    name = translated_assignment(assignment, current_language())
    for root in (Path.cwd(), *Path.cwd().parents):
        notebook = root / "release" / name / f"{assignment}.ipynb"
        if notebook.is_file():
            return f"{os.path.relpath(notebook, Path.cwd())}{anchor(notebook, label)}"
    return ""


def anchor(notebook: Path, label: str) -> str:
    """``#heading`` of the last Markdown heading before the cell that checks ``label`` ("" if none)."""
    with contextlib.suppress(OSError, ValueError, KeyError):
        heading = ""
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and source.startswith("#"):
                heading = source.splitlines()[0].lstrip("#").strip()
            elif cell["cell_type"] == "code" and f"{label}.check()" in source:
                return "#" + heading.replace(" ", "-") if heading else ""
    return ""


class Progress:
    """The learner's progress, shown as a table (HTML in a notebook, text elsewhere)."""

    def __init__(self, items: list[Item], notes: list[str]) -> None:
        self.items = items
        self.notes = notes

    def __repr__(self) -> str:
        lines = [
            f"{item.assignment} {item.label}: {item.standing.word}. {item.standing.reason}".rstrip()
            for item in self.items
        ]
        return "\n".join(lines + self.notes)

    def _repr_html_(self) -> str:
        return render(
            "progress.html.j2",
            items=self.items,
            notes=self.notes,
            headings={"assignment": _("Exercise"), "label": _("Question"), "status": _("Status"), "reason": _("Why")},
            summary=_("{correct} of {total} questions correct.").format(
                correct=sum(item.standing.status == Status.CORRECT.key for item in self.items), total=len(self.items)
            ),
        )


def my_progress() -> Progress:
    """Every exercise's questions with this learner's standing."""
    practice = [assignment for assignment in ASSIGNMENTS if answers_installed(assignment)]
    record = local_record()
    items = [item for assignment in practice for item in practice_items(assignment, record)]
    graded, why = graded_items([assignment for assignment in ASSIGNMENTS if assignment not in practice])
    items = sorted(items + graded, key=lambda item: list(ASSIGNMENTS).index(item.assignment))
    notes = [why] if why else []
    if practice and record is None:
        notes.append(_("Your practice checks are kept when the course runs with make lab; none are kept here."))
    return Progress(items, notes)


def show_progress() -> None:
    """Show this learner's progress across the course."""
    from IPython.display import display

    display(my_progress())
