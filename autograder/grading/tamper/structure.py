"""Comparing what a student submitted with the assignment the gradebook knows.

nbgrader quietly restores deleted or edited grade and locked cells and skips notebooks it does not
know; these checks say so, per submission, so an instructor sees who tried. A file planted next to
the notebook under the name of an installed module (``numpy.py``, ``PIL/``) would be imported
instead of the real one, so it counts as tampering with the checker.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, SourceCell
from nbgrader.preprocessors import ClearHiddenTests

from autograder.grading.tamper.finding import NOTICE, TAMPER, WARNING, Finding


def compare_notebook(path: Path, gradebook: Gradebook, assignment: str) -> list[Finding]:
    """Grade and locked cells of a submitted notebook that differ from the source's."""
    name = path.stem
    try:
        submitted = nbformat.read(path, as_version=4)
    except Exception:  # nbgrader reports unreadable notebooks itself
        return []
    source_notebook = gradebook.find_notebook(name, assignment)
    source_cells = {cell.name: cell for cell in source_notebook.source_cells}
    grade_ids = {cell.name for cell in source_notebook.grade_cells}
    seen: dict[str, int] = {}
    findings: list[Finding] = []
    for cell in submitted.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if grade_id is None or grade_id not in source_cells:
            continue
        seen[grade_id] = seen.get(grade_id, 0) + 1
        source = source_cells[grade_id]
        if source.locked and _edited(cell, source):
            kind = "grade" if grade_id in grade_ids else "locked"
            findings.append(
                Finding(WARNING, "edited-cell", f"edited the {kind} cell {grade_id!r} (restored by nbgrader)", name)
            )
    for grade_id in sorted(grade_ids - set(seen)):
        findings.append(
            Finding(WARNING, "deleted-cell", f"deleted the grade cell {grade_id!r} (restored by nbgrader)", name)
        )
    for grade_id, count in seen.items():
        if count > 1:
            findings.append(Finding(WARNING, "edited-cell", f"duplicated the cell {grade_id!r}", name))
    return findings


def _edited(cell: NotebookNode, source: SourceCell) -> bool:
    """Whether a locked cell differs from what was released (hidden tests are not released)."""
    released = copy.deepcopy(cell)
    released.source = source.source
    if utils.compute_checksum(released) != source.checksum:
        return True  # its type, flags, id or points were changed
    ClearHiddenTests()._remove_hidden_test_region(released)
    return cell.source.strip() != released.source.strip()


def compare_folder(folder: Path, expected: set[str]) -> list[Finding]:
    """Notebooks missing or unknown, and files that would shadow installed modules."""
    findings: list[Finding] = []
    present = {path.stem for path in folder.glob("*.ipynb")}
    for name in sorted(present - expected):
        detail = f"submitted {name}.ipynb, which is not part of the assignment"
        findings.append(Finding(NOTICE, "unknown-notebook", detail))
    for name in sorted(expected - present):
        findings.append(Finding(NOTICE, "missing-notebook", f"did not submit {name}.ipynb (scored zero)", name))
    for module in sorted(shadowing_modules(folder)):
        findings.append(
            Finding(TAMPER, "shadow-module", f"planted a file that replaces the installed module {module!r}")
        )
    return findings


def shadowing_modules(folder: Path) -> set[str]:
    """Top-level names in ``folder`` that an ``import`` would pick instead of an installed module."""
    names = {path.stem for path in folder.glob("*.py")}
    names |= {path.name for path in folder.iterdir() if path.is_dir() and any(path.glob("*.py"))}
    names |= {path.name.split(".")[0] for path in folder.glob("*.so")}
    return {name for name in names if name.isidentifier() and _installed(name)}


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
