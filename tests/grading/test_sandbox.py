"""The sandbox's promises, checked from inside real kernels forked in it (see the threat model)."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from harness.course import ROOT
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from autograder.grading.sandbox.client import Sandbox
from autograder.grading.sandbox.kernel import sandbox_kernel_manager
from autograder.grading.sandbox.spec import SandboxSpec
from autograder.grading.worker.bundle import Limits
from autograder.grading.worker.pool import SandboxPool
from autograder.grading.worker.sandboxed_execute import SandboxedExecute
from autograder.grading.worker.watchdog import Watchdog

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

ENV = (("PATH", os.environ.get("PATH", "/usr/bin")), ("PYTHONWARNINGS", "ignore"), ("TF_CPP_MIN_LOG_LEVEL", "3"))
DATA = tuple((path.name, path.read_bytes()) for path in sorted((ROOT / "data").glob("*")) if path.is_file())
SPEC = SandboxSpec(env=ENV, data=DATA)


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    sandboxes = SandboxPool()
    yield sandboxes
    sandboxes.close()


def run(sandbox: Sandbox, *sources: str) -> list[str]:
    """Run cells in a fresh kernel forked in ``sandbox``; each cell's printed text or error."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(
        notebook,
        km=sandbox_kernel_manager(sandbox, "python3"),
        timeout=120,
        allow_errors=True,
        resources={"metadata": {"path": str(sandbox.work)}},
    )
    client.execute()
    shown = []
    for cell in notebook.cells:
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        errors = [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
        shown.append(text.strip() + "".join(errors))
    sandbox.kill_all()
    return shown


def test_a_kernel_sees_its_submission_and_the_data_but_not_the_course(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        sandbox.write_files({"helper.txt": b"mine"})
        shown = run(
            sandbox,
            "import os; print(sorted(os.listdir('.')))",
            f"print(sorted(os.listdir({str(ROOT)!r})), os.path.exists({str(ROOT / 'source')!r}))",
            "from autograder.vision.images import data_dir; print(sorted(p.name for p in data_dir().iterdir()))",
            "import socket; socket.create_connection(('1.1.1.1', 80), timeout=2)",
            "open('/usr/lib/evil', 'w')",
            "print(open('/etc/shadow').read()[:4] if os.path.exists('/etc/shadow') else 'no shadow')",
        )
    assert "helper.txt" in shown[0]
    visible, source = shown[1].rsplit(" ", 1)
    assert set(ast.literal_eval(visible)) <= {".venv", "autograder"} and source == "False"  # the checker only
    assert "camera.png" in shown[2]
    assert "Network is unreachable" in shown[3] or "OSError" in shown[3]
    assert "Read-only file system" in shown[4]
    assert shown[5] == "no shadow"


def test_nothing_a_submission_leaves_reaches_the_next(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        run(
            sandbox,
            "open('/tmp/marker', 'w').write('x'); open('/dev/shm/marker', 'w').write('x')",
            "import os, pathlib\n"
            "startup = pathlib.Path(os.environ['IPYTHONDIR']) / 'profile_default' / 'startup'\n"
            "startup.mkdir(parents=True); (startup / '00-poison.py').write_text('POISONED = True')",
            "import subprocess\nsubprocess.Popen(['sleep', '1000'], start_new_session=True)",
        )
    with pool.sandbox(SPEC) as sandbox:
        shown = run(
            sandbox,
            "import os; print(os.path.exists('/tmp/marker'), os.path.exists('/dev/shm/marker'))",
            "print('POISONED' in globals())",
            "print(sorted(open(f'/proc/{p}/comm').read().strip() for p in os.listdir('/proc') if p.isdigit()))",
        )
    assert shown[0] == "False False"
    assert shown[1] == "False"
    assert "sleep" not in shown[2]


def test_a_kernel_that_kills_its_template_costs_only_itself(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        with pytest.raises(DeadKernelError):
            run(sandbox, "import os, signal; os.kill(os.getppid(), signal.SIGKILL)", "import time; time.sleep(30)")
        assert not sandbox.alive()
    with pool.sandbox(SPEC) as sandbox:
        assert sandbox.alive()
        assert run(sandbox, "print(6 * 7)") == ["42"]


def test_each_kernel_starts_fresh_from_the_template(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        first = run(sandbox, "import sys, numpy; x = 1; print('tensorflow' in sys.modules, numpy.random.rand())")
        second = run(sandbox, "import numpy; print('x' in globals(), numpy.random.rand())")
    loaded, first_draw = first[0].split()
    seen, second_draw = second[0].split()
    assert loaded == "True" and seen == "False"
    assert first_draw != second_draw  # a forked kernel gets its own random state


def test_the_template_works_without_bubblewrap_too(tmp_path: Path) -> None:
    sandbox = Sandbox(SandboxSpec(mode="none", env=ENV, data=DATA), tmp_path)
    sandbox.start()
    try:
        assert run(sandbox, "import os; print(os.getcwd())") == [str(sandbox.work)]
    finally:
        sandbox.close()


def test_nbgraders_per_cell_timeout_interrupts_the_cell_and_grading_goes_on(pool: SandboxPool) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import time; time.sleep(30)"), nbformat.v4.new_code_cell("print('next')")]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with pool.sandbox(SPEC) as sandbox:
        execute = SandboxedExecute(sandbox=sandbox, timeout=2)
        with Watchdog(sandbox, Limits(timeout=60)) as watchdog:
            execute.watchdog = watchdog
            executed, _ = execute.preprocess(notebook, {"metadata": {"path": str(sandbox.work)}})
    assert execute.failure == ""
    assert [output.ename for output in executed.cells[0].outputs] == ["KeyboardInterrupt", "CellTimeoutError"]
    assert executed.cells[1].outputs[0].text == "next\n"


def test_files_written_are_bounded_per_file_and_in_total(pool: SandboxPool) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("open('big.bin', 'wb').write(b'x' * 8_000_000)"),
            nbformat.v4.new_code_cell(
                "import time\nfor i in range(4):\n    open(f'part{i}.bin', 'wb').write(b'x' * 3_000_000)\n"
                "time.sleep(30)"
            ),
        ]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with pool.sandbox(SPEC) as sandbox:
        execute = SandboxedExecute(sandbox=sandbox, timeout=60)
        with Watchdog(sandbox, Limits(timeout=60, disk_mb=5)) as watchdog:
            execute.watchdog = watchdog
            executed, _ = execute.preprocess(notebook, {"metadata": {"path": str(sandbox.work)}})
    # The per-file limit (EFBIG) usually stops it; on a loaded machine the disk watchdog may win the race.
    stopped = executed.cells[0].outputs[0].evalue
    assert "File too large" in stopped or "wrote more than 5 MB" in stopped
    assert execute.failure == "wrote more than 5 MB (or 10000 files) to disk"
