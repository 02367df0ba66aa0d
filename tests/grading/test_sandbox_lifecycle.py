"""A sandbox starts clean and ends completely: the grader's environment stays out of every process
in it, what a kernel hides in scratch space is gone for the next submission, and no process of it
outlives the submission or the worker (issue 16), checked on real sandboxes and kernels."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from test_sandbox import SPEC, run

from autograder.grading.sandbox.client import Sandbox, running
from autograder.grading.sandbox.zygote import empty_folder
from autograder.grading.worker.pool import SandboxPool

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

SECRET = "hunter2-secret"
BALLAST_MB = 100
HIDE = (
    "import os\n"
    "for root in ('/tmp', '/dev/shm', '.'):\n"
    "    for name, mode in (('locked', 0o500), ('sealed', 0o000)):\n"
    "        folder = os.path.join(root, name)\n"
    "        os.makedirs(os.path.join(folder, 'deeper'))\n"
    "        open(os.path.join(folder, 'deeper', 'marker'), 'w').write('from A')\n"
    "        os.chmod(os.path.join(folder, 'deeper'), 0o500)\n"
    "        open(os.path.join(folder, 'ballast'), 'wb').write(b'x' * 1_000_000)\n"
    "        os.chmod(folder, mode)\n"
    "os.chmod('/dev/shm/locked', 0o700)\n"
    f"open('/dev/shm/locked/big', 'wb').write(b'x' * {BALLAST_MB} * 2**20)\n"
    "os.chmod('/dev/shm/locked', 0o500)\n"
    "print(sorted(os.listdir('/tmp')), sorted(os.listdir('/dev/shm')), sorted(os.listdir('.')))"
)
LOOK = (
    "import os, shutil\n"
    "print(sorted(os.listdir('/tmp')), sorted(os.listdir('/dev/shm')), sorted(os.listdir('.')),"
    " shutil.disk_usage('/dev/shm').used // 2**20)"
)
STOP_AND_SCATTER = (
    "import os, signal, subprocess\n"
    "subprocess.Popen(['sleep', '1619'], start_new_session=True)\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    if os.fork() == 0:\n"
    "        os.execvp('sleep', ['sleep', '1620'])\n"
    "    os._exit(0)\n"
    f"open('/dev/shm/ballast', 'wb').write(b'x' * {BALLAST_MB} * 2**20)\n"
    "os.kill(os.getppid(), signal.SIGSTOP)\n"
    "import time; time.sleep(0.5)\n"
    "print([open(f'/proc/{p}/cmdline').read().replace(chr(0), ' ') for p in os.listdir('/proc') if p.isdigit()])"
)
SCATTERED = ("sleep 1619", "sleep 1620")  # durations no other test uses


@pytest.fixture()
def pool() -> Iterator[SandboxPool]:
    sandboxes = SandboxPool()
    yield sandboxes
    sandboxes.close()


def tree(sandbox: Sandbox) -> list[psutil.Process]:
    """Every process of ``sandbox`` seen from outside: its roots and all they started."""
    found = sandbox.roots()
    for root in sandbox.roots():
        found += root.children(recursive=True)
    return found


def shared_memory_mb() -> float:
    """tmpfs and shared memory held on this machine (``Shmem`` in /proc/meminfo)."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("Shmem:"):
            return int(line.split()[1]) / 1024
    raise OSError("no Shmem in /proc/meminfo")


def test_no_process_in_the_sandbox_sees_the_graders_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TF_VAR_db_password", SECRET)
    sandbox = Sandbox(SPEC, tmp_path)
    sandbox.start()
    try:
        shown = run(
            sandbox,
            "import os\n"
            "seen = {}\n"
            "for name in ['self', *sorted(p for p in os.listdir('/proc') if p.isdigit())]:\n"
            "    try:\n"
            "        seen[name] = open(f'/proc/{name}/environ').read()\n"
            "    except OSError:\n"
            "        pass\n"
            f"print(sorted(seen), any({SECRET!r} in text for text in seen.values()),"
            f" any({f'PWD={os.getcwd()}'!r} in text for text in seen.values()), seen['1'] == '')",
        )
    finally:
        sandbox.close()
    read, secret, cwd, first_empty = shown[0].rsplit(" ", 3)
    assert "'1'" in read and "'self'" in read  # bwrap's own first process and the kernel itself
    assert (secret, cwd, first_empty) == ("False", "False", "True")


def test_what_a_kernel_hides_in_scratch_space_is_gone_for_the_next_submission(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        first = sandbox
        hidden = run(sandbox, HIDE)
        started = time.monotonic()
    reset_seconds = time.monotonic() - started
    with pool.sandbox(SPEC) as sandbox:
        assert sandbox is first and sandbox.alive()  # emptied, not replaced
        seen = run(sandbox, LOOK)
    assert "'locked', 'sealed'" in hidden[0]
    listed, used_mb = seen[0].rsplit(" ", 1)
    assert listed.count("locked") == listed.count("sealed") == 0
    assert int(used_mb) < 1
    print(f"reset after hiding: {reset_seconds:.2f} s")


def test_a_sandbox_whose_scratch_space_cannot_be_restored_is_replaced(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        first = sandbox
        # The folders bwrap made in /tmp for the jail's mount: moved, the next kernel's paths break.
        shown = run(sandbox, "import os\ntop = '/tmp/' + os.getcwd().split('/')[2]\nos.rename(top, top + '-moved')")
    assert shown == [""]
    with pool.sandbox(SPEC) as sandbox:
        assert sandbox is not first and not first.alive()
        assert run(sandbox, "print(6 * 7)") == ["42"]


def test_empty_folder_opens_up_and_deletes_any_tree_without_following_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the submission's")
    folder = tmp_path / "jail"
    deep = folder / "deep"
    deep.mkdir(parents=True)
    descriptor = os.open(deep, os.O_RDONLY)
    for _ in range(3000):  # deeper than PATH_MAX and the recursion limit
        os.mkdir("d", dir_fd=descriptor)
        below = os.open("d", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = below
    os.close(descriptor)
    (folder / "sealed").mkdir()
    (folder / "sealed" / "marker").write_text("x")
    (folder / "sealed").chmod(0)
    (folder / "link").symlink_to(outside)
    assert empty_folder(folder) == []
    assert list(folder.iterdir()) == []
    assert (outside / "keep.txt").exists()


def test_a_stopped_template_is_replaced_at_once_and_nothing_of_it_remains(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        shown = run(sandbox, STOP_AND_SCATTER)
        processes = tree(sandbox)
        held = shared_memory_mb()
        started = time.monotonic()
    closed_seconds = time.monotonic() - started
    assert all(sleeper in shown[0] for sleeper in SCATTERED), shown
    assert not sandbox.alive()
    assert [process for process in processes if running(process)] == []
    freed = held - shared_memory_mb()
    assert freed > BALLAST_MB * 0.8
    assert closed_seconds < 5
    with pool.sandbox(SPEC) as sandbox:
        assert run(sandbox, "print(6 * 7)") == ["42"]
    print(f"stopped template: closed in {closed_seconds:.2f} s, {freed:.0f} MB of shared memory freed")


WORKER = """
import os, signal, sys
sys.path[:0] = {paths!r}
from test_sandbox import SPEC, run
from autograder.grading.worker.pool import SandboxPool
held = SandboxPool().sandbox(SPEC)  # never left: the worker dies inside
sandbox = held.__enter__()
print(run(sandbox, {code!r})[0], file=sys.stderr)
pids = [process.pid for root in sandbox.roots() for process in [root, *root.children(recursive=True)]]
print(*sorted(set(pids)), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_worker_killed_with_a_stopped_template_leaves_no_sandbox_process() -> None:
    here = Path(__file__).parent
    script = WORKER.format(paths=[str(here), str(here.parent)], code=STOP_AND_SCATTER)
    worker = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert worker.returncode == -signal.SIGKILL, worker.stderr[-2000:]
    assert all(sleeper in worker.stderr for sleeper in SCATTERED)
    pids = [int(pid) for pid in worker.stdout.split()]
    assert len(pids) >= 3  # bwrap twice and the stopped template
    deadline = time.monotonic() + 10
    while any(psutil.pid_exists(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in pids if psutil.pid_exists(pid)] == []
