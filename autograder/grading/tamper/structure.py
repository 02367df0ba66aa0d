"""Comparing what a student submitted with the assignment the gradebook knows.

nbgrader quietly restores deleted or edited grade and locked cells and skips notebooks it does not
know, and the course's ``KeepInstructorCells`` ignores nbgrader metadata the student added, copied
or retyped; these checks say so, per submission, so an instructor sees who tried. Instructor cells
moved out of the source's order are flagged too (they run where they were moved, as under
nbgrader). A file planted next to the notebook under the name of an installed module
(``numpy.py``, ``PIL/``) would be imported instead of the real one, so it counts as tampering with
the checker.
"""

from __future__ import annotations

import copy
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, SourceCell
from nbgrader.preprocessors import ClearHiddenTests

from autograder.grading.instructor_cells import Stripped, instructor_metadata, kind, repair, review
from autograder.grading.tamper.finding import NOTICE, TAMPER, WARNING, Finding


def compare_notebook(
    path: Path, gradebook: Gradebook, assignment: str, order: list[str] | None = None
) -> list[Finding]:
    """What of a submitted notebook's instructor cells differs from the source's.

    ``order`` is the source notebook's grade ids in order; a cell out of that order is flagged.
    """
    name = path.stem
    try:
        submitted = nbformat.read(path, as_version=4)
    except Exception:  # nbgrader reports unreadable notebooks itself
        return []
    source_notebook = gradebook.find_notebook(name, assignment)
    expected = instructor_metadata(source_notebook)
    found = review(submitted, expected)
    findings = [_ignored(item, expected, name) for item in found.stripped if item.rule]
    for index, values in found.repaired.items():
        grade_id = submitted.cells[index].metadata["nbgrader"]["grade_id"]
        changed = ", ".join(sorted(values))
        detail = f"changed the nbgrader metadata ({changed}) of the {kind(expected[grade_id])} cell {grade_id!r}"
        findings.append(Finding(WARNING, "changed-metadata", detail, name, index))
    repair(submitted, found)
    source_cells = {cell.name: cell for cell in source_notebook.source_cells}
    for grade_id, index in found.kept.items():
        source = source_cells[grade_id]
        if source.locked and _edited(submitted.cells[index], source):
            detail = f"edited the {kind(expected[grade_id])} cell {grade_id!r} (restored by nbgrader)"
            findings.append(Finding(WARNING, "edited-cell", detail, name, index))
    for grade_id in sorted({cell.name for cell in source_notebook.grade_cells} - set(found.kept)):
        findings.append(
            Finding(WARNING, "deleted-cell", f"deleted the grade cell {grade_id!r} (restored by nbgrader)", name)
        )
    return findings + _moved(found.kept, order or [], expected, name)


def _ignored(item: Stripped, expected: dict[str, dict[str, Any]], notebook: str) -> Finding:
    """The finding for a cell whose nbgrader metadata nbgrader would have failed on, now ignored."""
    if item.rule == "duplicated-cell":
        detail = f"copied the {kind(expected[item.grade_id])} cell {item.grade_id!r} (the copy runs as a plain cell)"
    elif item.rule == "malformed-metadata":
        detail = "gave a cell nbgrader metadata of the wrong type (ignored: it runs as a plain cell)"
    else:
        named = f"the grade id {item.grade_id!r}, not in the assignment" if item.grade_id else "no grade id"
        detail = f"marked its own cell as {'/'.join(item.marks)} with {named} (ignored: it runs as a plain cell)"
    return Finding(WARNING, item.rule, detail, notebook, item.index)


def _moved(kept: dict[str, int], order: list[str], expected: dict[str, dict[str, Any]], notebook: str) -> list[Finding]:
    """Instructor cells out of the source's order, each named with a cell it now runs on the wrong side of.

    The cells left in place are the largest set already in order, preferring to leave the
    answer and set-up cells in place, so a moved check is the one reported. Moved cells are
    run where the student put them, as nbgrader runs them.
    """
    position = {grade_id: number for number, grade_id in enumerate(order)}
    cells = sorted((index, grade_id) for grade_id, index in kept.items() if grade_id in position)
    ids = [grade_id for _, grade_id in cells]
    in_place = _largest_in_order(ids, position, lambda grade_id: not expected[grade_id]["grade"])
    findings = []
    for at, (index, grade_id) in enumerate(cells):
        if grade_id in in_place:
            continue
        later = [other for other in ids[at + 1 :] if other in in_place and position[other] < position[grade_id]]
        earlier = [other for other in ids[:at] if other in in_place and position[other] > position[grade_id]]
        where = f"above {later[0]!r}" if later else f"below {earlier[-1]!r}"
        detail = f"moved the {kind(expected[grade_id])} cell {grade_id!r} {where}, out of the assignment's order"
        findings.append(Finding(WARNING, "moved-cell", detail, notebook, index))
    return findings


def _largest_in_order(ids: list[str], position: dict[str, int], preferred: Callable[[str], bool]) -> set[str]:
    """The longest subsequence of ``ids`` in source order; among those, the most ``preferred`` ids."""
    unit = len(ids) + 1  # length first, then preference
    best: list[tuple[int, int]] = []  # per id: (weight of the best sequence ending there, previous)
    for at, grade_id in enumerate(ids):
        weight = unit + preferred(grade_id)
        options = [(best[j][0] + weight, j) for j in range(at) if position[ids[j]] < position[grade_id]]
        best.append(max(options, default=(weight, -1)))
    chosen: set[str] = set()
    at = max(range(len(ids)), key=lambda j: best[j][0], default=-1)
    while at >= 0:
        chosen.add(ids[at])
        at = best[at][1]
    return chosen


def source_order(path: Path) -> list[str]:
    """The grade ids of a source notebook, in order (none if it cannot be read)."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:
        return []
    ids = (cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") for cell in notebook.cells)
    return [grade_id for grade_id in ids if isinstance(grade_id, str)]


def _edited(cell: NotebookNode, source: SourceCell) -> bool:
    """Whether a locked cell differs from what was released (hidden tests are not released)."""
    released = copy.deepcopy(cell)
    released.source = source.source
    if utils.compute_checksum(released) != source.checksum:
        return True  # its type, flags, id or points were changed
    ClearHiddenTests(enforce_metadata=False).preprocess_cell(released, {}, 0)
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
