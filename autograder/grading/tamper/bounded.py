"""The static scan run in a helper process, within a time, size and memory budget.

Student code can make the scan slow (IPython re-reads a whole cell once per ``!`` magic: 120 KB of
code took three minutes), exhaust the parser's memory or recursion, or crash it. The coordinator
prepares submissions one at a time, so a stalled scan would stall every worker. Here one
long-lived helper process scans one notebook at a time (a few milliseconds over a pipe): code
larger than `SCAN_BYTES` is not read, a scan running past `SCAN_SECONDS` is killed with its
process (the next notebook starts a new one), and the helper's address space is capped at
`SCAN_MEMORY_BYTES`. A notebook that cannot be scanned is graded all the same, with an
``unscanned`` finding saying why.

Run as ``python -m autograder.grading.tamper.bounded``: one JSON request per line on stdin
(``[notebook name, [[cell index, source], ...]]``), one JSON answer per line on stdout.
"""

from __future__ import annotations

import ctypes
import json
import resource
import select
import signal
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from autograder.grading.tamper import static
from autograder.grading.tamper.finding import Finding

if TYPE_CHECKING:
    from nbformat import NotebookNode

SCAN_SECONDS = 20.0  # per notebook; an honest notebook takes milliseconds
SCAN_BYTES = 1_000_000  # of student code per notebook; 1 MB of code takes up to ~7 s and 650 MB
SCAN_MEMORY_BYTES = 2 << 30
PR_SET_PDEATHSIG = 1


class ScanFailed(Exception):
    """The helper did not answer: it ran out of time, died, or raised."""


class Scanner:
    """The coordinator's handle on the helper process (started on first use; `close` it)."""

    def __init__(self, seconds: float = SCAN_SECONDS, max_bytes: int = SCAN_BYTES) -> None:
        self.seconds = seconds
        self.max_bytes = max_bytes
        self._process: subprocess.Popen[str] | None = None

    def scan(self, notebook: NotebookNode, notebook_name: str = "") -> list[Finding]:
        """`static.scan` of ``notebook``, or a single "unscanned" finding saying why it could not run."""
        cells = [(index, cell.source) for index, cell in static.student_cells(notebook)]
        size = sum(len(source.encode("utf-8", "surrogatepass")) for _, source in cells)
        if size > self.max_bytes:
            why = f"its code is {size:,} bytes, more than the {self.max_bytes:,} the scan reads"
            return [static.unscanned(why, notebook_name)]
        try:
            answer = self._ask(json.dumps([notebook_name, cells]))
        except ScanFailed as failure:
            self.close()
            return [static.unscanned(str(failure), notebook_name)]
        return [Finding.from_dict(item) for item in answer]

    def close(self) -> None:
        """Stop the helper process (a later scan starts a new one)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
            self._process = None

    def _ask(self, request: str) -> list[dict[str, Any]]:
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(request + "\n")
            process.stdin.flush()
        except OSError as error:
            raise ScanFailed(f"the scanning process is gone ({error})") from None
        ready, _, _ = select.select([process.stdout], [], [], self.seconds)
        if not ready:
            raise ScanFailed(f"the scan took longer than {self.seconds:g} s")
        line = process.stdout.readline()
        if not line:
            raise ScanFailed(f"the scanning process died (exit status {process.wait()})")
        answer = json.loads(line)
        if "error" in answer:
            raise ScanFailed(answer["error"])
        return answer["findings"]

    def _started(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            self.close()
            self._process = subprocess.Popen(
                [sys.executable, "-s", "-P", "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        return self._process


def main() -> None:
    """The helper: dies with the coordinator, answers requests until stdin closes."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    resource.setrlimit(resource.RLIMIT_AS, (SCAN_MEMORY_BYTES, SCAN_MEMORY_BYTES))
    for line in sys.stdin:
        try:
            name, cells = json.loads(line)
            answer: dict[str, Any] = {"findings": [finding.as_dict() for finding in static.scan_cells(cells, name)]}
        except Exception as error:  # e.g. MemoryError outside a cell; the notebook is flagged, not failed
            answer = {"error": f"{type(error).__name__}: {error}".rstrip(": ")[:300]}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
