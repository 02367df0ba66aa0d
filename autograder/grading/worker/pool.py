"""The sandboxes of one worker process, kept warm between bundles.

Starting a sandbox costs one TensorFlow import; after that each bundle only forks kernels. A
worker keeps its idle sandboxes (one per concurrent bundle, e.g. per Dask thread) and replaces one
whose template died or whose spec (environment, data) differs from the bundle's.

No sandbox process outlives the worker, however it ends: at a normal exit the pool closes its
sandboxes; for every other end (SIGKILL from the coordinator, a parent-death signal) a small
`Reaper` process outside every sandbox, which the worker's death wakes up, kills what is left.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from autograder.grading.sandbox.client import Sandbox, discard
from autograder.grading.sandbox.spec import SandboxSpec
from autograder.grading.worker.process_wide import process_wide
from autograder.grading.worker.reaper import Reaper

MAX_IDLE = 4


class SandboxPool:
    """Hands out started, clean sandboxes matching a spec."""

    def __init__(self) -> None:
        # Socket paths must stay short (about 100 bytes), so the runtime lives directly in /tmp.
        base = "/tmp" if Path("/tmp").is_dir() else None
        self.runtime = Path(tempfile.mkdtemp(prefix="ag-", dir=base))
        self._idle: list[Sandbox] = []
        self._lock = threading.Lock()
        self._reaper: Reaper | None = None

    @contextlib.contextmanager
    def sandbox(self, spec: SandboxSpec) -> Iterator[Sandbox]:
        """A started sandbox with an empty jail; it is reset (or discarded) afterwards."""
        sandbox = self._take(spec)
        healthy = False
        try:
            yield sandbox
            healthy = True
        finally:
            self._give_back(sandbox, healthy)

    def warm(self, spec: SandboxSpec) -> None:
        """Start a sandbox ahead of the first bundle."""
        with self.sandbox(spec):
            pass

    def close(self) -> None:
        """Close the idle sandboxes, kill what is left of any other, and delete the runtime folder."""
        with self._lock:
            idle, self._idle = self._idle, []
            reaper, self._reaper = self._reaper, None
        for sandbox in idle:
            sandbox.close()
        if reaper is not None:
            reaper.close()
        discard(self.runtime)

    def _take(self, spec: SandboxSpec) -> Sandbox:
        key = spec.key()
        with self._lock:
            for sandbox in self._idle:
                if sandbox.spec.key() == key:
                    self._idle.remove(sandbox)
                    if sandbox.alive():
                        return sandbox
                    sandbox.close()
                    break
        sandbox = Sandbox(spec, self.runtime)
        try:
            sandbox.start()
            self._watch(sandbox)
        except Exception:
            sandbox.close()
            raise
        return sandbox

    def _watch(self, sandbox: Sandbox) -> None:
        with self._lock:
            if self._reaper is None:
                self._reaper = Reaper()
            self._reaper.watch(sandbox.roots())

    def _give_back(self, sandbox: Sandbox, healthy: bool) -> None:
        try:
            if healthy and sandbox.alive():
                sandbox.reset()
            else:
                healthy = False
        except Exception:
            healthy = False
        if not (healthy and sandbox.alive()):
            sandbox.close()
            return
        with self._lock:
            self._idle.append(sandbox)
            surplus = self._idle[:-MAX_IDLE]
            self._idle = self._idle[-MAX_IDLE:]
        for extra in surplus:
            extra.close()


worker_pool = process_wide(SandboxPool)
"""This process's sandbox pool."""
