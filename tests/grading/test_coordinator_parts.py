"""The coordinator's small parts: publishing, merging evidence, progress, summary, exit status."""

from __future__ import annotations

import io
import multiprocessing
import signal
import time
from concurrent.futures import ProcessPoolExecutor

import nbformat

from autograder.grading.coordinator.executors import stop_now
from autograder.grading.coordinator.progress import Progress
from autograder.grading.coordinator.recorder import failure_messages, merge, publish
from autograder.grading.coordinator.summary import EXIT_FAILED, EXIT_FLAGGED, EXIT_OK, Summary
from autograder.grading.records import FAILED, GRADED, RecordStore, SubmissionRecord
from autograder.grading.tamper.finding import NOTICE, TAMPER, Finding
from autograder.grading.worker.failures import mark_stopped
from autograder.grading.worker.sandboxed_execute import describe_exit


def test_publishing_replaces_a_graded_folder_in_one_step(tmp_path) -> None:
    staging, final = tmp_path / "staging" / "alice", tmp_path / "autograded" / "alice" / "ex1"
    staging.mkdir(parents=True)
    (staging / "ex1.ipynb").write_text("new")
    final.mkdir(parents=True)
    (final / "ex1.ipynb").write_text("old")
    (final.parent / ".ex1.old-1").mkdir()  # left by a run killed between its two renames
    publish(staging, final)
    assert (final / "ex1.ipynb").read_text() == "new"
    assert not staging.exists()
    assert [path.name for path in final.parent.iterdir()] == ["ex1"]


def test_evidence_repeated_by_every_probe_is_reported_once() -> None:
    first = Finding(TAMPER, "modules-patch", "replaced numpy.array_equal", "nb", 3, grade_ids=["q4"])
    again = Finding(TAMPER, "modules-patch", "replaced numpy.array_equal", "nb", 5, grade_ids=["q5"])
    other = Finding(TAMPER, "checker-patch", "rebinds `q_1`", "nb", 1)
    merged = merge([first, again, other])
    assert [finding.grade_ids for finding in merged] == [["q4", "q5"], []]


def test_a_stopped_notebook_names_the_reason_in_the_running_cell_and_every_later_grade_cell() -> None:
    cells = [nbformat.v4.new_code_cell(str(i)) for i in range(4)]
    for index in (1, 3):
        cells[index].metadata["nbgrader"] = {"grade": True, "grade_id": f"g{index}", "points": 1}
    notebook = nbformat.v4.new_notebook(cells=cells)
    mark_stopped(notebook, 2, "ran longer than the 5 s time limit")
    assert [len(cell.outputs) for cell in notebook.cells] == [0, 0, 1, 1]
    assert failure_messages(notebook) == {
        "g3": "GradingStopped: not run: the notebook ran longer than the 5 s time limit in an earlier cell (cell 3)."
    }


def test_exit_statuses_are_described() -> None:
    assert describe_exit(signal.SIGSEGV) == "crashed: its kernel was killed by signal SIGSEGV"
    assert describe_exit(3 << 8) == "stopped: its kernel exited with code 3"


def _record(student: str, status: str = GRADED, reason: str = "", findings: list | None = None) -> SubmissionRecord:
    return SubmissionRecord(student, "ex1", status, reason, seconds=1.5, findings=findings or [])


def test_the_exit_status_says_failed_and_flagged_for_the_whole_class() -> None:
    flagged = _record("eve", findings=[Finding(TAMPER, "checker-patch", "rebinds `q_1`")])
    noticed = _record("bob", findings=[Finding(NOTICE, "missing-notebook", "did not submit ex1.ipynb")])
    assert Summary(records={"bob": noticed}).exit_status() == EXIT_OK
    assert Summary(records={"eve": flagged}).exit_status() == EXIT_FLAGGED
    stopped = _record("sam", reason="ex1: ran longer than the 5 s time limit")
    failed = _record("kim", FAILED, "NotJSONError")
    both = Summary(records={"eve": flagged, "sam": stopped, "kim": failed})
    assert both.exit_status() == EXIT_FAILED | EXIT_FLAGGED
    assert "failed  kim: NotJSONError" in both.text() and "flagged eve: checker-patch" in both.text()


def test_progress_is_a_bar_on_a_terminal_and_lines_in_a_log() -> None:
    log, terminal = io.StringIO(), io.StringIO()
    plain, bar = Progress(2, log, interactive=False), Progress(2, terminal, interactive=True)
    for progress in (plain, bar):
        progress.update(_record("ann"))
        progress.update(_record("kim", FAILED, "NotJSONError"))
        progress.close()
    assert log.getvalue().splitlines() == ["[1/2] ann: graded in 1.5 s", "[2/2] kim: failed (NotJSONError)"]
    shown = terminal.getvalue()
    assert "\r" in shown and "2/2" in shown and "100%" in shown and "failed=1" in shown
    assert "kim: failed (NotJSONError)" in shown


def test_records_survive_a_reload(tmp_path) -> None:
    store = RecordStore(tmp_path)
    record = _record("ann", findings=[Finding(TAMPER, "checker-patch", "x", "nb", 2, "q_1", ["g"])])
    store.save(record)
    assert store.load_all() == {"ann": record}
    assert not list(tmp_path.glob(".tmp-*"))


def test_stopping_now_kills_a_local_worker_stuck_in_its_bundle() -> None:
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    future = pool.submit(time.sleep, 600)
    deadline = time.monotonic() + 60
    while not future.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    (worker,) = multiprocessing.active_children()
    stop_now(pool)
    worker.join(timeout=10)
    assert worker.exitcode == -signal.SIGKILL
