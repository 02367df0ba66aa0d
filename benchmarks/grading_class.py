"""A generated class for grading benchmarks: course copies and submissions for every assignment.

Each student answers each assignment from its release notebook: correctly (the source's solution
in every answer cell), partly (a random half of the answer cells solved, the rest left as
released), or not at all (the release notebook as is). Fixed seed, so every run grades the same
class.
"""

from __future__ import annotations

import copy
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.i18n import ENGLISH, assignment_language

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONWARNINGS": "ignore"}
COPIED = ("source", "data", "nbgrader_config.py")
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
MIX = (("correct", 0.5), ("partly", 0.3), ("blank", 0.2))


def assignments() -> list[str]:
    """Every English assignment that has an nbgrader source folder (a translation grades the same way)."""
    names = (path.name for path in (ROOT / "source").iterdir() if path.is_dir())
    return sorted(name for name in names if assignment_language(name) == ENGLISH)


def tool_env() -> dict[str, str]:
    """The environment nbgrader and the grader run in: the venv on PATH, TensorFlow quiet."""
    env = {**os.environ, **QUIET}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("CONVNET_COURSE_DATA", None)  # each copy finds its own data
    env.pop("MPLBACKEND", None)  # kernels pick the inline backend, as for an instructor
    return env


def new_course(destination: Path, names: list[str]) -> Path:
    """A course copy with every assignment generated into release/ and the gradebook."""
    destination.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    for assignment in names:
        command = [str(BIN / "nbgrader"), "generate_assignment", assignment, "--force"]
        subprocess.run(command, cwd=destination, env=tool_env(), check=True, capture_output=True)
    return destination


def solved(release: NotebookNode, source: NotebookNode, keep: set[str] | None = None) -> NotebookNode:
    """The release notebook with the source's solution in its answer cells (all, or those in ``keep``)."""
    solutions = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [line for line in cell.source.splitlines() if line.strip() not in SOLUTION_MARKERS]
            solutions[meta["grade_id"]] = "\n".join(lines)
    answered = copy.deepcopy(release)
    for cell in answered.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions and (keep is None or grade_id in keep):
            cell.source = solutions[grade_id]
    return answered


def submit_class(course: Path, names: list[str], students: int, seed: int = 2026) -> dict[str, str]:
    """Write ``students`` submissions of every assignment; returns student/assignment -> kind."""
    rng = random.Random(seed)
    kinds = {}
    for assignment in names:
        release = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        source = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        answer_ids = [
            cell.metadata["nbgrader"]["grade_id"]
            for cell in source.cells
            if cell.metadata.get("nbgrader", {}).get("solution")
        ]
        for number in range(students):
            student = f"student{number:03d}"
            kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
            if kind == "correct":
                notebook = solved(release, source)
            elif kind == "partly":
                notebook = solved(release, source, set(rng.sample(answer_ids, len(answer_ids) // 2)))
            else:
                notebook = release
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / f"{assignment}.ipynb")
            kinds[f"{student}/{assignment}"] = kind
    return kinds
