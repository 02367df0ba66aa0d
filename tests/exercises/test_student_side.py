"""What a notebook's ``from autograder.exercises.exN import *`` loads holds no answer.

For each exercise, one fresh interpreter imports the package and lists the ``autograder`` modules it
loaded; a second imports the package and then its ``questions`` module, and reports, for each module
the package loaded, the question classes it defines itself. No module of the package's import may
define a question of an exercise, be a ``references`` module, or be one the ``questions`` module
alone brings in. (The question model's own base classes, in `autograder.core`, hold no answer.)
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from autograder.exercises import ASSIGNMENTS

LOADED = """
import json, sys
import {package}
print(json.dumps(sorted(m for m in sys.modules if m.startswith("autograder"))))
"""

JUDGED = """
import inspect, json, sys
import {package}
first = sorted(m for m in sys.modules if m.startswith("autograder"))
import {package}.questions
from autograder.core.question import Question
defined = {{
    name: sorted(
        cls.__qualname__
        for _, cls in inspect.getmembers(sys.modules[name], inspect.isclass)
        if issubclass(cls, Question) and cls.__module__ == name
    )
    for name in sorted(m for m in sys.modules if m.startswith("autograder"))
}}
print(json.dumps({{"first": first, "defined": defined}}))
"""

FRAMEWORK = "autograder.core."
"""The question model: its classes are the bases every exercise's questions build on, with no answer."""

REFERENCE_MODULES = ("autograder.vision.measure",)
"""Modules outside the exercises that hold the references some questions are graded against."""


def _run(code: str) -> object:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("package", sorted(ASSIGNMENTS.values()))
def test_the_student_side_loads_no_answer_bearing_module(package):
    student = _run(LOADED.format(package=package))
    judged = _run(JUDGED.format(package=package))
    assert judged["first"] == student, "importing the package loads the same modules in both interpreters"
    questions = f"{package}.questions"
    assert questions not in student
    answer_bearing = {name for name, classes in judged["defined"].items() if classes and not name.startswith(FRAMEWORK)}
    assert answer_bearing, "the questions module brings in the modules that define the exercise's questions"
    assert sorted(answer_bearing & set(student)) == [], f"{package} loads modules that define questions"
    references = [name for name in student if name.rsplit(".", 1)[-1] == "references" or name in REFERENCE_MODULES]
    assert references == [], f"{package} loads reference modules"
