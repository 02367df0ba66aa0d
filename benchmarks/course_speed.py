"""How fast students get feedback and notebooks run, against the course's targets.

Prints, in one run: the time of every question's `check` with its model solution in place, exercise
4's gradient-descent `train_kernel` included (target: 100 ms once TensorFlow is imported), the
headless execution time of every lesson and solution notebook (target: 30 s each) and of the whole
course (target: 180 s). Ratios below 1.0 meet the target.

    .venv/bin/python benchmarks/course_speed.py [--repeat N] [--skip-notebooks]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
CHECK_TARGET_MS = 100.0
NOTEBOOK_TARGET_S = 30.0
COURSE_TARGET_S = 180.0


def exercise_modules() -> list[str]:
    """Every exercise module (ex4 is a package), as `autograder.exercises.ASSIGNMENTS` lists them."""
    from autograder.exercises import ASSIGNMENTS

    return sorted(module.rsplit(".", 1)[1] for module in ASSIGNMENTS.values())


def solved_namespace(module) -> dict:
    """The exercise's set-up plus every question's model solution executed into it."""
    namespace = {name: getattr(module, name) for name in getattr(module, "__all__", [])}
    for view in _views(module):
        if view.question.graded and view.question.solution:
            exec(view.question.solution, namespace)
    return namespace


def _views(module):
    """Every question a student can check, parts of multipart questions one by one."""
    from autograder.core import MultipartQuestion, QuestionView

    views = []
    for _, value in sorted(vars(module).items()):
        if not isinstance(value, QuestionView):
            continue
        if isinstance(value.question, MultipartQuestion):
            views.extend(getattr(value, part) for part in value.question.parts)
        else:
            views.append(value)
    return views


def time_checks(repeat: int) -> list[tuple[str, float, str]]:
    from autograder import binder

    rows = []
    for name in exercise_modules():
        module = importlib.import_module(f"autograder.exercises.{name}")
        binder.bind(solved_namespace(module))
        for view in _views(module):
            view.outcome()  # warm-up: first calls build TensorFlow kernels
            samples = []
            for _ in range(repeat):
                with contextlib.redirect_stdout(io.StringIO()):  # check() prints outside Jupyter
                    start = time.perf_counter()
                    view.check()
                    samples.append((time.perf_counter() - start) * 1000)
            rows.append((f"{name}.{view.label}", statistics.median(samples), view.outcome().status.value))
    binder.unbind()
    return rows


def time_notebooks() -> list[tuple[str, float]]:
    import nbformat
    from nbclient import NotebookClient

    paths = sorted((ROOT / "course").glob("*.ipynb")) + sorted((ROOT / "source").glob("*/*.ipynb"))
    rows = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(
            notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        rows.append((str(path.relative_to(ROOT)), time.perf_counter() - start))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    print(f"check() with the model solution in place, median of {args.repeat} (target {CHECK_TARGET_MS:.0f} ms)")
    worst = 0.0
    for label, millis, status in time_checks(args.repeat):
        worst = max(worst, millis / CHECK_TARGET_MS)
        print(f"  {label:<40} {millis:8.2f} ms  ratio {millis / CHECK_TARGET_MS:5.3f}  [{status}]")
    print(f"  worst ratio to target: {worst:.3f}")

    if args.skip_notebooks:
        return 0
    print(f"\nheadless notebook execution (target {NOTEBOOK_TARGET_S:.0f} s each, {COURSE_TARGET_S:.0f} s in all)")
    rows = time_notebooks()
    for name, seconds in rows:
        print(f"  {name:<60} {seconds:6.1f} s  ratio {seconds / NOTEBOOK_TARGET_S:5.2f}")
    total = sum(seconds for _, seconds in rows)
    print(f"  whole course: {total:.1f} s  ratio {total / COURSE_TARGET_S:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
