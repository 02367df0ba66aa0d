"""nbgrader's Execute preprocessor, with the kernel forked inside a sandbox and watched.

Everything nbgrader does while executing (per-cell timeouts, interrupting, recording errors,
the ``showtraceback`` safeguard) is inherited unchanged. Added: the kernel comes from the sandbox's
template; after every grade cell the worker's judge process decides that cell's verdict from the
data it asks the kernel for (`autograder.grading.judge`) and the integrity probe looks for tampering (an
advisory flag); and when the kernel dies or is killed by the watchdog, the notebook is kept as far
as it ran, with the reason written into the cell that was running and every grade cell after it.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from jupyter_client.manager import KernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Any as AnyTrait
from traitlets import Unicode

from autograder.grading.cells import is_grade_cell
from autograder.grading.judge.collect import request_answer
from autograder.grading.judge.process import judge
from autograder.grading.judge.verdict import Verdict, judge_cell
from autograder.grading.sandbox.client import Sandbox, SandboxError
from autograder.grading.sandbox.kernel import UnsupportedKernel, sandbox_kernel_manager
from autograder.grading.worker import integrity
from autograder.grading.worker.bundle import Limits
from autograder.grading.worker.failures import mark_stopped
from autograder.grading.worker.output_caps import BoundedOutputs
from autograder.grading.worker.watchdog import MB

RESOURCES_KEY = "autograder_execution"
"""Where the executor leaves its `ExecutionReport` in nbgrader's ``resources``."""


@dataclass
class ExecutionReport:
    """What executing one notebook found, beside the executed notebook itself."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)
    """The judge's verdict per grade id."""
    evidence: list[tuple[int, integrity.Evidence]] = field(default_factory=list)
    """The integrity probe's findings, each with the index of the cell it followed (-1: the start)."""
    failure: str = ""
    """Why the notebook stopped before its end ("" when it ran through)."""
    cells_seconds: float = 0.0
    """Time spent running the notebook's cells, from a ready kernel to the last reply."""


class SandboxedExecute(BoundedOutputs, Execute):
    """Execute in a sandboxed kernel; its `ExecutionReport` travels in ``resources[RESOURCES_KEY]``."""

    sandbox = AnyTrait(allow_none=True, help="The Sandbox kernels are forked in.")
    watchdog = AnyTrait(allow_none=True, help="The Watchdog enforcing this notebook's limits.")
    assignment = Unicode("", help="The assignment whose questions the grade cells check.")

    def preprocess(
        self, nb: NotebookNode, resources: Any = None, km: KernelManager | None = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        self.shutdown_kernel = "immediate"  # nothing in a grading kernel is worth a graceful exit
        self.evidence: list[tuple[int, integrity.Evidence]] = []
        self.verdicts: dict[str, Verdict] = {}
        self.failure = ""
        self._running = -1
        self._kernel_ready = self._last_cell_done = 0.0
        try:
            nb, resources = super().preprocess(nb, resources, km)
        except (DeadKernelError, CellTimeoutError, SandboxError, UnsupportedKernel, RuntimeError) as error:
            if isinstance(self.sandbox, Sandbox):
                self.sandbox.kill_all()  # e.g. a kernel still sending outputs after its cell's reply
            self.failure = self._explain(error)
            mark_stopped(self.nb, self._running, self.failure)
            for cell in self.nb.cells:
                if is_grade_cell(cell):
                    grade_id = cell.metadata["nbgrader"]["grade_id"]
                    self.verdicts.setdefault(grade_id, Verdict(False, f"not run: the notebook {self.failure}."))
            nb = self.nb
        resources[RESOURCES_KEY] = ExecutionReport(self.verdicts, self.evidence, self.failure, self.cells_seconds)
        return nb, resources

    def create_kernel_manager(self) -> KernelManager:
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name", "python3")
        limit = self.watchdog.limits.disk_mb * MB if self.watchdog is not None else 0
        self.km = sandbox_kernel_manager(self.sandbox, self.kernel_name, limit, config=self.config)
        self._provisioner = self.km.provisioner
        return self.km

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        self._running = index
        return super().preprocess_cell(cell, resources, index)

    @property
    def cells_seconds(self) -> float:
        """Time spent running the notebook's cells, from a ready kernel to the last reply."""
        return max(self._last_cell_done - self._kernel_ready, 0.0)

    async def on_notebook_start(self, **kwargs: Any) -> None:
        self._kernel_ready = self._last_cell_done = time.monotonic()
        await self._probe(-1)

    async def on_cell_executed(self, **kwargs: Any) -> None:
        self._last_cell_done = time.monotonic()
        super().on_cell_executed(**kwargs)
        cell = kwargs["cell"]
        if is_grade_cell(cell):
            timeout = float(self.timeout or Limits.timeout)  # no cell timeout set: the notebook's own limit

            async def fetch(need: str) -> str:
                return await request_answer(self, need, timeout)

            verdict = await judge_cell(fetch, judge, cell.source, self.assignment)
            self.verdicts[cell.metadata["nbgrader"]["grade_id"]] = verdict
            await self._probe(kwargs["cell_index"])

    async def _probe(self, index: int) -> None:
        for evidence in await integrity.probe(self):
            self.evidence.append((index, evidence))

    def _explain(self, error: Exception) -> str:
        if self.watchdog is not None and self.watchdog.reason:
            return self.watchdog.reason
        if isinstance(error, DeadKernelError) and isinstance(self.sandbox, Sandbox):
            provisioner = getattr(self, "_provisioner", None)
            return describe_exit(self.sandbox.exit_status(getattr(provisioner, "inner_pid", None)))
        if isinstance(error, CellTimeoutError):
            return f"did not finish a cell or its outputs in time ({str(error).splitlines()[0][:200]})"
        return f"could not be run ({type(error).__name__}: {error})"


def describe_exit(status: int | None) -> str:
    """A wait status as a phrase, e.g. 'crashed: its kernel was killed by signal SIGSEGV'."""
    if status is None:
        return "lost its kernel"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        return f"crashed: its kernel was killed by signal {name}"
    return f"stopped: its kernel exited with code {os.WEXITSTATUS(status)}"
