"""Turning one submission into a `Bundle`, with nbgrader doing every step it normally does first.

For each submission nbgrader's `Autograde` converter creates the student and the submission in
the gradebook (with its timestamp), copies the submission's files and the source's extra files,
gives zero to notebooks that were not submitted, skips unknown ones, and sanitizes each notebook
(drops nbgrader metadata the student added or copied, clears outputs, restores grade and locked
cells and the kernelspec). The sanitized notebooks and files, read back from staging, become the
bundle a worker executes. The tamper checks that need the gradebook, the source notebook's order
or the student's source run here too.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters import NotebookExporter

from autograder.grading.coordinator.course import Course
from autograder.grading.coordinator.plan import Submission
from autograder.grading.sandbox.spec import SandboxSpec
from autograder.grading.tamper import structure
from autograder.grading.tamper.bounded import Scanner
from autograder.grading.tamper.finding import Finding
from autograder.grading.worker.bundle import Bundle, Limits, NotebookInput
from autograder.grading.worker.output_caps import CapOutputBytes


@dataclass
class Prepared:
    """A bundle ready to send, and what the coordinator keeps to record its result."""

    submission: Submission
    bundle: Bundle | None
    findings: list[Finding] = field(default_factory=list)
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    failure: str = ""


class Preparer:
    """Prepares submissions of one assignment; runs in the coordinator (it writes the gradebook)."""

    def __init__(self, course: Course, sandbox: SandboxSpec, limits: Limits) -> None:
        self.course = course
        self.sandbox = sandbox
        self.limits = limits
        self.execution_stages, _ = course.split_preprocessors()
        self.worker_stages = [*self.execution_stages, CapOutputBytes]  # then the byte caps on outputs
        self.config = course.worker_config(self.execution_stages)
        self.expected = course.notebook_names()
        self.scanner = Scanner()
        self.orders: dict[str, list[str]] = {}  # per notebook: the source's grade ids, in order
        self.sanitizer = NotebookExporter(parent=course.converter, config=course.converter.config)
        for stage in course.converter.sanitize_preprocessors:  # as `nbgrader autograde` sanitizes
            self.sanitizer.register_preprocessor(stage)

    def prepare(self, submission: Submission) -> Prepared:
        course, converter = self.course, self.course.converter
        staging = course.staging(submission.student)
        shutil.rmtree(staging, ignore_errors=True)
        findings = structure.compare_folder(submission.folder, self.expected)
        prepared = Prepared(submission, None, findings)
        if not submission.notebooks:
            prepared.failure = "no notebook was submitted"
            return prepared
        try:
            converter.notebooks = [str(path) for path in submission.notebooks]
            converter.run_pre_convert_hook()
            converter.init_assignment(course.assignment, submission.student)
            inputs = [self._sanitize(Path(path), staging, prepared) for path in converter.notebooks]
        except Exception as error:  # nbgrader's own failure for this submission; the batch goes on
            shutil.rmtree(staging, ignore_errors=True)
            prepared.failure = _first_line(error)
            return prepared
        prepared.bundle = Bundle(
            assignment=course.assignment,
            student=submission.student,
            notebooks=tuple(inputs),
            files=tuple(_other_files(staging)),
            sandbox=self.sandbox,
            limits=self.limits,
            config=self.config,
            preprocessors=tuple(f"{cls.__module__}.{cls.__qualname__}" for cls in self.worker_stages),
            db_url=course.db_url,
        )
        return prepared

    def close(self) -> None:
        """Stop the static scan's helper process."""
        self.scanner.close()

    def _sanitize(self, path: Path, staging: Path, prepared: Prepared) -> NotebookInput:
        converter = self.course.converter
        with self.course.gradebook() as gradebook:
            order = self._source_order(path.name)
            prepared.findings += structure.compare_notebook(path, gradebook, self.course.assignment, order)
        output, written = self.sanitizer.from_filename(
            str(path), resources=converter.init_single_notebook_resources(str(path))
        )
        converter.write_single_notebook(output, written)
        resources = converter.init_single_notebook_resources(str(path))
        text = (staging / path.name).read_text(encoding="utf-8")
        prepared.findings += self.scanner.scan(nbformat.reads(text, as_version=4), path.stem)
        prepared.resources[path.stem] = resources
        return NotebookInput(path.stem, text, resources)

    def _source_order(self, name: str) -> list[str]:
        if name not in self.orders:
            coursedir = self.course.coursedir
            source = Path(coursedir.format_path(coursedir.source_directory, ".", self.course.assignment))
            self.orders[name] = structure.source_order(source / name)
        return self.orders[name]


def _other_files(staging: Path) -> list[tuple[str, bytes]]:
    """The non-notebook files nbgrader put beside the notebooks (submitted and source extras)."""
    return [
        (str(path.relative_to(staging)), path.read_bytes())
        for path in sorted(staging.rglob("*"))
        if path.is_file() and path.suffix != ".ipynb"
    ]


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}"[:300]
