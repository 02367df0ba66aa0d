"""Executing notebooks in real kernels and reading what they showed."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbformat import NotebookNode

from autograder.core.render import FEEDBACK_MIME
from harness.course import tool_env

ANSWER_ID = "grade_id"


def read(path: Path) -> NotebookNode:
    return nbformat.read(path, as_version=4)


def execute(notebook: NotebookNode, cwd: Path, timeout: int = 300) -> NotebookNode:
    """Run every cell in a fresh kernel (errors recorded, not raised) and return the notebook."""
    executed = copy.deepcopy(notebook)
    previous = dict(os.environ)
    os.environ.update(tool_env())
    try:
        NotebookClient(
            executed,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(cwd)}},
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(previous)
    return executed


def grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get(ANSWER_ID)


def is_grade_cell(cell: NotebookNode) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))


@dataclass(frozen=True)
class Shown:
    """One thing a code cell showed: feedback, an error or a stderr line."""

    cell: int
    kind: str  # "feedback", "error", "stderr"
    data: Any


def shown(notebook: NotebookNode) -> list[Shown]:
    items: list[Shown] = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                items.append(Shown(index, "error", f"{output.ename}: {output.evalue}"))
            elif output.output_type == "stream" and output.name == "stderr":
                items.append(Shown(index, "stderr", output.text))
            elif output.output_type in ("display_data", "execute_result") and FEEDBACK_MIME in output.data:
                items.append(Shown(index, "feedback", dict(output.data[FEEDBACK_MIME])))
    return items


def code_source(text: str) -> str:
    return text.strip("\n")


def with_answers(notebook: NotebookNode, replacements: dict[str, str]) -> NotebookNode:
    """A copy of ``notebook`` whose answer cells (by grade_id) hold the given sources."""
    answered = copy.deepcopy(notebook)
    found = set()
    for cell in answered.cells:
        key = grade_id(cell)
        if key in replacements:
            cell.source = code_source(replacements[key])
            found.add(key)
    missing = set(replacements) - found
    assert not missing, f"no answer cells with grade_id {sorted(missing)}"
    return answered


def simulation(notebook: NotebookNode, answers: ModuleType) -> tuple[NotebookNode, list[tuple[int, str, str, str]]]:
    """The notebook with each answer cell expanded into its wrong attempts, then the right answer.

    Returns the notebook and, per inserted attempt, (cell index, question label, expected status,
    expected message fragment); the right answers expect status "correct".
    """
    simulated = copy.deepcopy(notebook)
    cells: list[NotebookNode] = []
    expectations: list[tuple[int, str, str, str]] = []
    for cell in simulated.cells:
        key = grade_id(cell)
        if key not in answers.RIGHT:
            cells.append(cell)
            continue
        attempts = [*answers.WRONG.get(key, []), (answers.RIGHT[key], "correct", "")]
        for number, (source, status, fragment) in enumerate(attempts):
            attempt = copy.deepcopy(cell)
            attempt.source = code_source(source)
            if number < len(attempts) - 1:  # keep grade ids unique: only the last attempt is the answer cell
                attempt.metadata = {}
                attempt["id"] = f"{cell['id']}-try{number}"
            expectations.append((len(cells), key, status, fragment))
            cells.append(attempt)
    simulated.cells = cells
    return simulated, expectations
