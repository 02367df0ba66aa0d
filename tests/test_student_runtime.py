"""The student runtime: the package a graded class's students and grading kernels import, with no
model solution, hint or reference of the graded assignments in any file, and every view still there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from harness.answer_lines import answer_lines

from autograder import student_runtime
from autograder.exercises import ASSIGNMENTS, load_questions

EVERY = tuple(ASSIGNMENTS)
EXPLORERS_GEOMETRY = (Path("vision/geometry.py"), "return total // 2, total - total // 2")
"""The one reference line a student may read: TensorFlow's SAME split, which the window and pooling
explorers draw with (lesson 3 teaches it in words; exercise 3 asks for it with dilation)."""


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return student_runtime.build(tmp_path_factory.mktemp("runtime") / "autograder", EVERY)


def test_no_file_of_the_runtime_holds_a_solution_a_hint_or_a_reference(runtime: Path) -> None:
    lines = answer_lines(EVERY)
    assert len(lines) > 200  # the test holds the answers it looks for
    found = []
    for path in runtime.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [(path.relative_to(runtime), line) for line in lines if line in text]
    assert found in ([], [EXPLORERS_GEOMETRY])


def test_the_runtime_has_every_view_and_says_plainly_that_it_cannot_judge(runtime: Path) -> None:
    code = (
        "import importlib, json\n"
        "from autograder.exercises import ASSIGNMENTS, answers_installed\n"
        "from autograder.exercises.ex1 import *\n"
        "import autograder\n"
        "kernel = 'whatever'\n"
        "q_1.check()\n"
        "views = {}\n"
        "for assignment, package in ASSIGNMENTS.items():\n"
        "    module = importlib.import_module(package)\n"
        "    views[assignment] = sorted(n for n in module.__all__ if n.startswith('q_'))\n"
        "    assert not answers_installed(assignment)\n"
        "    try:\n"
        "        importlib.import_module(package + '.questions')\n"
        "    except ModuleNotFoundError:\n"
        "        pass\n"
        "    else:\n"
        "        raise SystemExit('questions importable')\n"
        "print(json.dumps({'file': autograder.__file__, 'views': views}))\n"
    )
    data = Path(__file__).resolve().parents[1] / "data"
    env = {**os.environ, "PYTHONPATH": str(runtime.parent), "MPLBACKEND": "Agg", "CONVNET_COURSE_DATA": str(data)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300, cwd=runtime.parent
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert "cannot reach" in done.stdout and "Correct" not in done.stdout
    import json

    result = json.loads(lines[-1])
    assert result["file"].startswith(str(runtime))
    for assignment in EVERY:
        expected = sorted(label for label in load_questions(assignment) if "." not in label)
        assert result["views"][assignment] == expected


def test_a_practice_assignment_keeps_its_answers_beside_a_graded_one(tmp_path: Path) -> None:
    target = student_runtime.build(tmp_path / "autograder", ("ex1_convolution_relu",))
    assert not (target / "exercises" / "ex1" / "questions.py").exists()
    assert (target / "exercises" / "ex2" / "questions.py").exists()
    for assignment in EVERY[1:]:  # each practice assignment's questions import in the runtime
        assert set(student_runtime.answer_files(("ex1_convolution_relu",))).isdisjoint(
            student_runtime._closure([f"{ASSIGNMENTS[assignment]}.questions"])
        )


def test_in_practice_mode_the_same_auto_solver_still_works() -> None:
    """Practice mode keeps the answers local, on purpose: running them is a self-learner's choice."""
    namespace: dict = {}
    exec("from autograder.exercises.ex1 import *", namespace)
    questions = load_questions("ex1_convolution_relu")
    for question in questions.values():
        if question.graded:
            exec(question.solution, namespace)
    assert all(question.evaluate(namespace).passed for question in questions.values() if question.graded)
