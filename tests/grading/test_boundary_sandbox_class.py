"""Issue 16's sandbox escapes, graded by ``autograder grade`` in one run with one worker (so every
submission runs in the same sandbox until one breaks it): no kernel reads the grader's
environment, nothing one student hides in scratch space reaches the next, and no process of any
sandbox outlives the command, even a stopped template or a sleeper in its own session; the
students after them still score in full.

Each hostile cell is added after the set-up cell of a correctly answered exercise 1; students are
graded in the order of their names.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import psutil
import pytest
from classroom import ASSIGNMENT, Student, honest, tricked
from grading_support import MEMORY, TIMEOUT, Run, autograder, kernel_templates, new_course, survivors
from test_bounds_class import SECRETS, autograded, records
from test_sandbox_lifecycle import shared_memory_mb

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

MARKER = "left-by-a-hider"
SLEEPERS = ("sleep 1617", "sleep 1618")  # durations no other test uses
HARMS = {
    "a_hides": (
        "import os\n"
        "for root in ('/tmp', '/dev/shm', '.'):\n"
        "    for name, mode in (('locked', 0o500), ('sealed', 0o000)):\n"
        "        folder = os.path.join(root, name)\n"
        "        os.makedirs(os.path.join(folder, 'deeper'))\n"
        f"        open(os.path.join(folder, 'deeper', 'marker'), 'w').write({MARKER!r})\n"
        "        open(os.path.join(folder, 'ballast'), 'wb').write(b'x' * 20_000_000)\n"
        "        os.chmod(os.path.join(folder, 'deeper'), 0o500)\n"
        "        os.chmod(folder, mode)\n"
        "print(os.getcwd())"
    ),
    "b_looks": (
        "import os, shutil\n"
        "print([sorted(os.listdir(root)) for root in ('/tmp', '/dev/shm', '.')],"
        " shutil.disk_usage('/tmp').used + shutil.disk_usage('/dev/shm').used)"
    ),
    "c_reads_environ": (
        "import os\n"
        "seen = []\n"
        "for name in ['self', *(p for p in os.listdir('/proc') if p.isdigit())]:\n"
        "    try:\n"
        "        seen.append(open(f'/proc/{name}/environ').read())\n"
        "    except OSError:\n"
        "        pass\n"
        f"print(len(seen), [name for name in {sorted(SECRETS)!r} if any(name + '=' in s for s in seen)])"
    ),
    "d_stops_template": (
        "import os, signal, subprocess\n"
        f"subprocess.Popen({SLEEPERS[0].split()!r}, start_new_session=True)\n"
        "open('/dev/shm/ballast', 'wb').write(b'x' * 100_000_000)\n"
        "os.kill(os.getppid(), signal.SIGSTOP)"
    ),
    "f_scatters": (
        "import os\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execvp('sleep', {SLEEPERS[1].split()!r})\n"
        "    os._exit(0)\n"
        "os.wait()"
    ),
}
STUDENTS = [
    *(Student(name, tricked("setup", source)) for name, source in HARMS.items()),
    Student("e_after_stop", honest("full")),
    Student("g_after_scatter", honest("full")),
]


@pytest.fixture(scope="module")
def class_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, float, float]:
    course = new_course(tmp_path_factory.mktemp("sandbox_class") / "course", STUDENTS)
    before = shared_memory_mb()
    graded = autograder(
        course, "grade", ASSIGNMENT, "--workers", "1", "--timeout", TIMEOUT, "--memory", MEMORY, env=SECRETS
    )
    return graded, before, shared_memory_mb()


def printed(run: Run, student: str) -> str:
    notebook = nbformat.read(autograded(run, student), as_version=4)
    cell = next(cell for cell in notebook.cells if cell.source == HARMS[student])
    return "".join(output.get("text", "") for output in cell.outputs).strip()


def test_every_student_is_graded_and_scores_in_full(class_run: tuple[Run, float, float]) -> None:
    run, _, _ = class_run
    assert run.returncode in (0, 4), run.stderr[-3000:]  # 4: some were flagged (subprocess)
    found = records(run)
    assert set(found) == {student.name for student in STUDENTS}
    scores = {name: (record["status"], record["score"], record["max_score"]) for name, record in found.items()}
    assert all(status == "graded" and score == top for status, score, top in scores.values()), scores


def test_what_one_student_hides_in_scratch_space_the_next_does_not_see(class_run: tuple[Run, float, float]) -> None:
    run, _, _ = class_run
    listed, used = printed(run, "b_looks").rsplit(" ", 1)
    folders = json.loads(listed.replace("'", '"'))
    assert not any(name in ("locked", "sealed") for folder in folders for name in folder), folders
    assert int(used) < 1_000_000  # the hider wrote 80 MB there


def test_no_process_in_the_sandbox_reads_the_graders_secrets(class_run: tuple[Run, float, float]) -> None:
    run, _, _ = class_run
    count, found = printed(run, "c_reads_environ").split(" ", 1)
    assert int(count) >= 2 and found == "[]"  # at least bwrap's first process and the kernel itself
    for path in run.course.glob("autograded/*/*/*"):
        text = path.read_text(errors="replace")
        assert not any(secret in text for secret in SECRETS.values()), path


def test_no_process_of_any_sandbox_outlives_the_command(class_run: tuple[Run, float, float]) -> None:
    run, before, after = class_run
    runtime = str(Path(printed(run, "a_hides")).parents[2])  # the worker's folder of sandboxes
    assert kernel_templates(run.processes) >= 1
    assert survivors(run.processes) == []
    left = []
    for process in psutil.process_iter(["cmdline", "cwd", "create_time"]):
        command = " ".join(process.info["cmdline"] or [])
        if runtime in command or runtime in (process.info["cwd"] or "") or any(s in command for s in SLEEPERS):
            left.append((process.pid, process.info["cwd"], command[:300]))
    assert left == []
    print(f"shared memory before the run {before:.0f} MB, after {after:.0f} MB")
