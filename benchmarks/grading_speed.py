"""Grading speed: stock ``nbgrader autograde`` against ``autograder grade`` on one generated class.

Generates a class (default 40 students) for every assignment, grades identical copies both ways
in one run, asserts identical scores, and prints, with targets for a 2-core machine:

* the speed-up over stock nbgrader (target: at least 4x for a class of 40 or more, 2.5x for a
  smaller one, where each run's fixed costs weigh more);
* notebooks per minute, both ways;
* peak memory per worker (proportional set size of a worker with its sandbox and kernels);
* the per-notebook overhead (worker time not spent running cells) against the floor, a fresh kernel
  that only imports TensorFlow (target: at most 1.3x the floor).

    .venv/bin/python benchmarks/grading_speed.py [--students 40] [--workers N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from grading_class import BIN, assignments, new_course, submit_class, tool_env
from nbclient import NotebookClient
from nbgrader.api import Gradebook

SPEEDUP_TARGETS = ((40, 4.0), (0, 2.5))
"""(smallest class, target speed-up): the first whose size the class reaches applies."""
OVERHEAD_TARGET = 1.3


def floor_seconds(repeats: int = 3) -> float:
    """Median time for a fresh kernel to start, import tensorflow and shut down."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import tensorflow")])
    samples = []
    saved = dict(os.environ)
    os.environ.update(tool_env())
    try:
        for _ in range(repeats):
            started = time.perf_counter()
            NotebookClient(notebook, kernel_name="python3", timeout=600).execute()
            samples.append(time.perf_counter() - started)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return statistics.median(samples)


class WorkerMemory:
    """Samples, for each direct child of a process (a worker), the memory of its whole subtree."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak_pss_mb = 0.0
        self.peak_rss_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            try:
                workers = self.root.children()
            except psutil.Error:
                return
            for worker in workers:
                try:
                    tree = [worker, *worker.children(recursive=True)]
                except psutil.Error:
                    continue
                self.peak_pss_mb = max(self.peak_pss_mb, sum(_pss_mb(p.pid) for p in tree))
                self.peak_rss_mb = max(self.peak_rss_mb, sum(_rss_mb(p) for p in tree))


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_mb(process: psutil.Process) -> float:
    try:
        return process.memory_info().rss / 2**20
    except psutil.Error:
        return 0.0


def grade_stock(course: Path, names: list[str]) -> float:
    started = time.perf_counter()
    for assignment in names:
        subprocess.run(
            [str(BIN / "nbgrader"), "autograde", assignment],
            cwd=course,
            env=tool_env(),
            capture_output=True,
            check=False,
        )
    return time.perf_counter() - started


def grade_ours(course: Path, names: list[str], workers: int) -> tuple[float, WorkerMemory]:
    """Every assignment in one ``autograder grade`` command, as an instructor grades a course."""
    started = time.perf_counter()
    command = [str(BIN / "autograder"), "grade", *names, "--workers", str(workers)]
    process = subprocess.Popen(
        command, cwd=course, env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    with WorkerMemory(process.pid) as memory:
        output, _ = process.communicate()
    if process.returncode not in (0, 2, 4, 6):
        raise SystemExit(f"autograder grade failed:\n{output}")
    return time.perf_counter() - started, memory


def scores(course: Path) -> dict[tuple[str, str, str], float | None]:
    """Every grade cell's score, and every submission's total from ``nbgrader export``."""
    found: dict[tuple[str, str, str], float | None] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        found[(assignment.name, submission.student.id, grade.name)] = grade.score
    subprocess.run(
        [str(BIN / "nbgrader"), "export", "--to", "grades.csv"],
        cwd=course,
        env=tool_env(),
        capture_output=True,
        check=True,
    )
    with open(course / "grades.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            found[(row["assignment"], row["student_id"], "total")] = float(row["score"])
    return found


def cells_seconds(course: Path, names: list[str]) -> list[float]:
    """Time each notebook spent running its cells, from the run records."""
    found = []
    for assignment in names:
        for path in (course / ".autograder" / assignment / "records").glob("*.json"):
            found += [notebook["cells_seconds"] for notebook in json.loads(path.read_text())["notebooks"]]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="keep the generated courses in this folder")
    args = parser.parse_args()

    names = assignments()
    workspace = Path(args.keep or tempfile.mkdtemp(prefix="grading-bench-"))
    base = new_course(workspace / "base", names)
    kinds = submit_class(base, names, args.students)
    stock, ours = workspace / "stock", workspace / "ours"
    shutil.copytree(base, stock)
    shutil.copytree(base, ours)
    notebooks = len(kinds)
    mix = {kind: list(kinds.values()).count(kind) for kind in sorted(set(kinds.values()))}
    print(f"class: {args.students} students x {len(names)} assignments ({', '.join(names)}) = {notebooks} notebooks")
    print(f"answers: {mix}")

    floor = floor_seconds()
    stock_seconds = grade_stock(stock, names)
    our_seconds, memory = grade_ours(ours, names, args.workers)

    identical = scores(stock) == scores(ours)
    ran = cells_seconds(ours, names)
    per_notebook = our_seconds * args.workers / notebooks
    overhead = per_notebook - statistics.mean(ran)
    speedup = stock_seconds / our_seconds
    target = next(goal for size, goal in SPEEDUP_TARGETS if args.students >= size)
    print(f"identical scores (every grade cell and total): {'yes' if identical else 'NO'}")
    print(f"stock nbgrader autograde: {stock_seconds:7.1f} s  {notebooks / stock_seconds * 60:6.1f} notebooks/min")
    print(
        f"autograder grade ({args.workers} workers): {our_seconds:7.1f} s  "
        f"{notebooks / our_seconds * 60:6.1f} notebooks/min"
    )
    print(f"speed-up: {speedup:.2f}x (target {target}x) -> ratio to target {speedup / target:.2f}")
    print(
        f"peak memory per worker: {memory.peak_pss_mb:.0f} MB PSS ({memory.peak_rss_mb:.0f} MB RSS with shared pages)"
    )
    print(f"floor (fresh kernel + import tensorflow): {floor:.2f} s")
    print(f"stock per notebook: {stock_seconds / notebooks:.2f} s = {stock_seconds / notebooks / floor:.2f}x floor")
    print(
        f"ours per notebook: {per_notebook:.2f} worker-s, of which running cells {statistics.mean(ran):.2f} s; "
        f"overhead {overhead:.2f} s = {overhead / floor:.2f}x floor (target <= {OVERHEAD_TARGET}x)"
    )
    if not args.keep:
        shutil.rmtree(workspace, ignore_errors=True)
    met = identical and speedup >= target and overhead <= OVERHEAD_TARGET * floor
    print("targets met" if met else "TARGETS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
