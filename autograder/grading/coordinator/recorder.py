"""The single writer: a worker's `Result` becomes gradebook entries and an ``autograded/`` folder.

Only the coordinator runs this, one submission at a time, so the gradebook has one writer and
never reports "database is locked". It writes the judge's verdicts into the grade cells (the
only thing scores are read from), applies the output caps again with them in, runs nbgrader's
remaining autograde stages (by default SaveAutoGrades, AssignLatePenalties, CheckCellMetadata) on
each executed notebook, takes the points of hints the student was shown when the course sets a
deduction (`autograder.grading.hint_deduction`), writes the notebooks to staging, sets nbgrader's permissions and then
moves the folder into ``autograded/`` with one rename. Writing the same result twice gives the
same gradebook, so a run killed half-way through recording is repaired by the next run, which
regrades that submission.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import nbformat
from nbconvert.exporters import NotebookExporter
from nbformat import NotebookNode

from autograder.grading import hint_deduction
from autograder.grading.cells import is_grade_cell
from autograder.grading.coordinator.course import Course
from autograder.grading.coordinator.prepare import Prepared
from autograder.grading.judge.apply import apply_verdicts
from autograder.grading.records import FAILED, GRADED, NotebookRecord, RecordStore, SubmissionRecord
from autograder.grading.tamper import impact
from autograder.grading.tamper.finding import Finding
from autograder.grading.worker.bundle import Result
from autograder.grading.worker.output_caps import CapOutputBytes
from autograder.i18n import base_assignment
from autograder.service.record import Record
from autograder.settings import Autograder


class Recorder:
    """Records results of one assignment into the gradebook and ``autograded/``."""

    def __init__(self, course: Course, store: RecordStore) -> None:
        self.course = course
        self.store = store
        _, self.recording_stages = course.split_preprocessors()
        self.exporter = NotebookExporter(parent=course.converter, config=course.converter.config)
        for stage in self.recording_stages:
            self.exporter.register_preprocessor(stage)
        settings = Autograder(parent=course.app)
        self.per_hint = settings.hint_deduction
        self.hints_seen: dict[str, dict[str, set[int]]] = {}
        if self.per_hint and settings.judge_database:
            self.hints_seen = Record(settings.judge_database).hints_seen(base_assignment(course.assignment))

    def record(self, prepared: Prepared, result: Result | None) -> SubmissionRecord:
        """Record one submission; a submission that could not be run is recorded as failed."""
        student = prepared.submission.student
        record = SubmissionRecord(student, self.course.assignment, GRADED, findings=list(prepared.findings))
        failure = prepared.failure or (result.error if result else "the worker returned nothing")
        if failure:
            return self._fail(record, failure)
        assert result is not None
        try:
            self._write(prepared, result, record)
        except Exception as error:  # like nbgrader: this submission fails, the batch goes on
            return self._fail(record, f"could not be recorded: {type(error).__name__}: {error}")
        return record

    def _write(self, prepared: Prepared, result: Result, record: SubmissionRecord) -> None:
        student = record.student
        record.seconds, record.worker, record.worker_memory_mb = result.seconds, result.worker, result.worker_memory_mb
        converter = self.course.converter
        seen = self.hints_seen.get(student, {})
        taken: dict[str, dict[str, float]] = {}
        for output in result.notebooks:
            notebook = nbformat.reads(output.text, as_version=4)
            found = [f for f in record.findings + output.findings if f.notebook in (output.name, "")]
            apply_verdicts(notebook, output.verdicts)
            impact.annotate(notebook, found)
            if seen:
                taken[output.name] = hint_deduction.deductions(notebook, seen, self.per_hint, self.course.assignment)
            CapOutputBytes().preprocess(notebook, {})  # the caps hold with the verdicts and notes in
            record.findings += output.findings
            resources = dict(prepared.resources[output.name])
            written, resources = self.exporter.from_notebook_node(notebook, resources=resources)
            converter.write_single_notebook(written, resources)
            record.messages.update(failure_messages(notebook))
            record.notebooks.append(
                NotebookRecord(
                    output.name,
                    output.status,
                    output.reason,
                    output.seconds,
                    output.peak_memory_mb,
                    output.cells_seconds,
                )
            )
        record.findings = merge(record.findings)
        record.reason = "; ".join(f"{item.name}: {item.reason}" for item in record.notebooks if item.reason)
        converter.set_permissions(self.course.assignment, student)
        with self.course.gradebook() as gradebook:
            for name, points in taken.items():
                hint_deduction.record_deductions(gradebook, points, name, self.course.assignment, student)
            submission = gradebook.find_submission(self.course.assignment, student)
            record.score, record.max_score = float(submission.score), float(submission.max_score)
        self.store.save(record)
        publish(self.course.staging(student), self.course.autograded(student))
        converter.run_post_convert_hook()

    def _fail(self, record: SubmissionRecord, reason: str) -> SubmissionRecord:
        """Like nbgrader: nothing in ``autograded/``, so the next run tries again."""
        shutil.rmtree(self.course.staging(record.student), ignore_errors=True)
        record.status, record.reason = FAILED, reason
        self.store.save(record)
        return record


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per (notebook, rule, detail): the probe reports a lasting change after every grade cell."""
    merged: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        key = (finding.notebook, finding.rule, finding.detail)
        if key not in merged:
            merged[key] = finding
            continue
        kept = merged[key]
        kept.grade_ids += [grade_id for grade_id in finding.grade_ids if grade_id not in kept.grade_ids]
    return list(merged.values())


def failure_messages(notebook: NotebookNode) -> dict[str, str]:
    """For each grade cell that errored: the error, as the student sees it."""
    messages = {}
    for cell in notebook.cells:
        if not is_grade_cell(cell):
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                messages[cell.metadata["nbgrader"]["grade_id"]] = f"{output.ename}: {output.evalue}"[:400]
                break
            if output.output_type == "stream" and output.name == "stderr":
                messages[cell.metadata["nbgrader"]["grade_id"]] = "wrote to stderr"
                break
    return messages


def publish(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` by renames: at every instant one or the other is whole."""
    final.parent.mkdir(parents=True, exist_ok=True)
    for leftover in final.parent.glob(f".{final.name}.old-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        os.rename(final, old)
    os.rename(staging, final)
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(old)
