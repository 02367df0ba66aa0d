"""The course checkout, temporary copies of it, and the environment its tools run in."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from autograder.i18n import ENGLISH, assignment_language, base_assignment

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
COPIED = ("course", "source", "release", "data", "nbgrader_config.py")


def all_assignments() -> list[str]:
    """Every assignment that has an nbgrader source folder, translations included."""
    return sorted(path.name for path in (ROOT / "source").iterdir() if path.is_dir())


def assignments() -> list[str]:
    """The English assignments (each translation is generated from one, and graded by the same questions)."""
    return [name for name in all_assignments() if assignment_language(name) == ENGLISH]


def translated_assignments() -> list[str]:
    """The assignments generated in another language than English."""
    return [name for name in all_assignments() if assignment_language(name) != ENGLISH]


def answer_module(assignment: str) -> ModuleType:
    """The scripted answers for an assignment (tests/answers/<assignment>.py)."""
    return importlib.import_module(f"answers.{base_assignment(assignment)}")


def assignments_missing_answers() -> list[str]:
    """Assignments without scripted answers (tests/answers/<assignment>.py); there should be none."""
    answers = ROOT / "tests" / "answers"
    return [name for name in assignments() if not (answers / f"{name}.py").is_file()]


def assignments_with_answers() -> list[str]:
    """Every assignment, each with its scripted answers; fails (at collection) when one has none,
    so that no end-to-end suite skips a new exercise silently."""
    missing = assignments_missing_answers()
    if missing:
        raise AssertionError(
            f"no scripted answers for {', '.join(missing)}: add tests/answers/<assignment>.py "
            "(see README, For maintainers, 'Adding an exercise')"
        )
    return assignments()


def tool_env() -> dict[str, str]:
    """Environment for nbgrader, kernels and jupyter: the venv first on PATH, TensorFlow quiet."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env["TF_ENABLE_ONEDNN_OPTS"] = "0"
    env["PYTHONWARNINGS"] = "ignore"
    env.pop("CONVNET_COURSE_DATA", None)  # data must be found from the course copy itself
    return env


def copy_course(destination: Path) -> Path:
    """A copy of the course (notebooks, data, nbgrader config) in which tools may write freely."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return destination


def nbgrader(course: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run the real nbgrader in ``course``; fail loudly with its log when it fails."""
    result = subprocess.run(
        [str(VENV_BIN / "nbgrader"), *args],
        cwd=course,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result
