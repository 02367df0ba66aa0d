"""The grading bounds enforced on real kernels under bubblewrap: processes, disk and output bytes."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import nbformat
import psutil
import pytest
from test_sandbox import SPEC, run

from autograder.grading.sandbox.client import Sandbox
from autograder.grading.sandbox.spec import task_limit
from autograder.grading.worker.bundle import Limits
from autograder.grading.worker.output_caps import NOTEBOOK_BYTES, OUTPUT_BYTES, json_size
from autograder.grading.worker.pool import SandboxPool
from autograder.grading.worker.sandboxed_execute import SandboxedExecute
from autograder.grading.worker.watchdog import Watchdog

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

FALLOCATE = (
    "import ctypes, os, time\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong]\n"
    "fd = os.open('held.bin', os.O_CREAT | os.O_WRONLY)\n"
    "{unlink}"
    "assert libc.fallocate(fd, 1, 0, 300 << 20) == 0  # FALLOC_FL_KEEP_SIZE: blocks, size 0\n"
    "time.sleep(30)"
)


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    sandboxes = SandboxPool()
    yield sandboxes
    sandboxes.close()


def execute(sandbox: Sandbox, limits: Limits, *sources: str, client: type = SandboxedExecute) -> tuple:
    """Grade-style execution of ``sources`` in ``sandbox`` under ``limits``: (notebook, executor)."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    executor = client(sandbox=sandbox, timeout=60)
    with Watchdog(sandbox, limits) as watchdog:
        executor.watchdog = watchdog
        executed, _ = executor.preprocess(notebook, {"metadata": {"path": str(sandbox.work)}})
    return executed, executor


def test_the_sandbox_user_is_unprivileged_on_the_host_and_holds_a_bounded_number_of_tasks(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        shown = run(
            sandbox,
            "import resource; print(resource.getrlimit(resource.RLIMIT_NPROC)[0])",
            "import os; print([line.split()[1] for line in open('/proc/self/uid_map') if line.split()[0] == '1000'])",
            "import subprocess\nstarted = []\ntry:\n    while len(started) < 1000:\n"
            "        started.append(subprocess.Popen(['sleep', '60']))\n"
            "except OSError as error:\n    print(len(started), type(error).__name__)",
            "print('still answering')",
        )
    assert shown[0] == str(task_limit())
    assert shown[1] not in ("['0']", "[]")  # the sandbox's user as root on the host would be exempt from it
    count, error = shown[2].split()
    assert int(count) < task_limit() and error == "BlockingIOError"
    assert shown[3] == "still answering"


def test_a_fork_bomb_is_bounded_and_costs_only_its_notebook(pool: SandboxPool) -> None:
    peak, stop = [0], threading.Event()
    with pool.sandbox(SPEC) as sandbox:

        def count_tasks() -> None:
            while not stop.wait(0.02):
                tasks = 0
                for process in sandbox.processes():
                    with contextlib.suppress(psutil.Error):
                        tasks += process.num_threads()
                peak[0] = max(peak[0], tasks)

        counter = threading.Thread(target=count_tasks)
        counter.start()
        try:
            _, executor = execute(sandbox, Limits(timeout=60), "import os\nwhile True:\n    os.fork()")
        finally:
            stop.set()
            counter.join()
    assert executor.failure  # stopped by a watchdog limit or its dead kernel, whichever came first
    assert 0 < peak[0] <= task_limit()
    with pool.sandbox(SPEC) as sandbox:
        assert run(sandbox, "print('next')") == ["next"]


@pytest.mark.parametrize("unlink", ["", "os.unlink('held.bin')\n"], ids=["visible", "deleted-but-open"])
def test_blocks_allocated_past_a_files_size_count_against_the_disk_limit(pool: SandboxPool, unlink: str) -> None:
    with pool.sandbox(SPEC) as sandbox:
        _, executor = execute(sandbox, Limits(timeout=60, disk_mb=50), FALLOCATE.format(unlink=unlink))
    assert not (sandbox.work / "held.bin").exists()  # the jail is emptied for the next submission
    assert executor.failure == "wrote more than 50 MB (or 10000 files) to disk"


def test_outputs_are_capped_as_a_real_kernel_sends_them(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        executed, executor = execute(
            sandbox,
            Limits(timeout=60),
            "from IPython.display import display\ndisplay({'image/png': 'A' * 30_000_000}, raw=True)",
            "print('x' * 20_000_000)",
            "for _ in range(12):\n    print('y' * 990_000, flush=True)",
            "import sys; print('late', file=sys.stderr)",
        )
    assert executor.failure == ""
    image, line, many, late = (cell.outputs for cell in executed.cells)
    assert "removed: image/png" in image[0].data["text/plain"]
    assert json_size(image + line, 2 * OUTPUT_BYTES) <= 2 * OUTPUT_BYTES
    assert json_size(executed.cells, NOTEBOOK_BYTES + OUTPUT_BYTES) <= NOTEBOOK_BYTES + OUTPUT_BYTES
    assert len(many) < 12 and late[0].name == "stderr"  # past the cap stdout is dropped, stderr kept
