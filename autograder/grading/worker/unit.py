"""The unit of work: `grade_bundle` turns a `Bundle` into a `Result`, with no shared disk.

It runs nbgrader's own execution-stage preprocessors (by default Execute, IgnorePattern,
ClearMetadataPreprocessor, LimitOutput) on each sanitized notebook, exactly as ``nbgrader
autograde`` would, except that the kernel is forked inside this worker's sandbox and watched by a
`Watchdog`. The stages that write the gradebook run later, in the coordinator.
"""

from __future__ import annotations

import datetime
import importlib
import os
import socket
import time
from typing import Any

import nbformat
import psutil
from nbconvert.exporters import NotebookExporter
from nbgrader.preprocessors import Execute
from traitlets.config import Config

from autograder.grading.judge.process import judge_pool
from autograder.grading.sandbox.client import Sandbox
from autograder.grading.tamper.finding import Finding
from autograder.grading.worker.bundle import FAILED, OK, Bundle, NotebookInput, NotebookOutput, Result, WarmUp
from autograder.grading.worker.pool import worker_pool
from autograder.grading.worker.sandboxed_execute import RESOURCES_KEY, ExecutionReport, SandboxedExecute
from autograder.grading.worker.watchdog import MB, Watchdog


def grade_bundle(bundle: Bundle) -> Result:
    """Execute every notebook of one submission in fresh sandboxed kernels."""
    started = time.monotonic()
    result = Result(bundle.assignment, bundle.student, worker=f"{socket.gethostname()}:{os.getpid()}")
    try:
        with worker_pool().sandbox(bundle.sandbox) as sandbox:
            sandbox.write_files(dict(bundle.files))
            for notebook in bundle.notebooks:
                result.notebooks.append(execute_notebook(sandbox, bundle, notebook))
                sandbox.kill_all()
    except Exception as error:  # reported per submission; the batch goes on
        result.error = f"{type(error).__name__}: {error}"
    result.seconds = time.monotonic() - started
    result.worker_memory_mb = psutil.Process().memory_info().rss / MB + judge_pool().resident_mb()
    return result


def warm_up(warm: WarmUp) -> None:
    """Start this worker's judge process loading the assignments' questions (TensorFlow included)
    and, meanwhile, its sandbox, before the first bundle arrives."""
    judge_pool().warm(warm.assignments)
    worker_pool().warm(warm.sandbox)


def execute_notebook(sandbox: Sandbox, bundle: Bundle, notebook: NotebookInput) -> NotebookOutput:
    """Run the execution-stage preprocessors on one notebook inside ``sandbox``."""
    started = time.monotonic()
    path = sandbox.work / f"{notebook.name}.ipynb"
    path.write_text(notebook.text, encoding="utf-8")
    exporter = NotebookExporter(config=Config(bundle.config))
    executor = None
    for name in bundle.preprocessors:
        cls = _import(name)
        if issubclass(cls, Execute):
            executor = SandboxedExecute(parent=exporter, sandbox=sandbox, assignment=bundle.assignment)
            exporter.register_preprocessor(executor)
        else:
            exporter.register_preprocessor(cls)
    with Watchdog(sandbox, bundle.limits) as watchdog:
        if executor is not None:
            executor.watchdog = watchdog
        output, resources = exporter.from_notebook_node(
            nbformat.reads(notebook.text, as_version=4), resources=_resources(notebook, path)
        )
    report = resources.get(RESOURCES_KEY) or ExecutionReport()  # no Execute step: nothing ran
    return NotebookOutput(
        name=notebook.name,
        text=output,
        status=FAILED if report.failure else OK,
        reason=report.failure,
        seconds=time.monotonic() - started,
        cells_seconds=report.cells_seconds,
        peak_memory_mb=watchdog.peak_mb,
        verdicts={grade_id: verdict.as_dict() for grade_id, verdict in report.verdicts.items()},
        findings=[
            Finding(kind, rule, detail, notebook.name, cell, target, source="runtime")
            for cell, (kind, rule, detail, target) in report.evidence
        ],
    )


def _resources(notebook: NotebookInput, path: Any) -> dict[str, Any]:
    """What ``Exporter.from_filename`` would pass, plus nbgrader's keys from the coordinator."""
    resources = dict(notebook.resources)
    modified = datetime.datetime.fromtimestamp(os.path.getmtime(path), tz=datetime.timezone.utc)
    resources["metadata"] = {
        "name": notebook.name,
        "path": str(path.parent),
        "modified_date": modified.strftime("%B %-d, %Y"),
    }
    return resources


def _import(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)
