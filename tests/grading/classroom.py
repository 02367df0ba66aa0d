"""A class of students for grading tests: honest ones, and one adversary per documented trick.

Built from exercise 1's release notebook and the scripted answers in ``tests/answers``; every
submission is a folder under ``submitted/<student>/<assignment>/``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from harness.attacks import FORGED_RESULT
from harness.notebooks import grade_id, with_answers
from nbformat import NotebookNode

ASSIGNMENT = "ex1_convolution_relu"


@dataclass(frozen=True)
class Student:
    """A submission and whether stock nbgrader can grade it safely, quickly and the same way."""

    name: str
    build: Callable[[Path, NotebookNode, object], None]
    like_stock: bool = True


def write_notebook(folder: Path, notebook: NotebookNode, name: str = ASSIGNMENT) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / f"{name}.ipynb")


def insert_after(notebook: NotebookNode, key: str, source: str) -> NotebookNode:
    """A copy with a new student cell right after the cell whose grade_id is ``key``."""
    changed = copy.deepcopy(notebook)
    index = next(i for i, cell in enumerate(changed.cells) if grade_id(cell) == key)
    changed.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return changed


def edit_cell(notebook: NotebookNode, key: str, source: str | None) -> NotebookNode:
    """A copy with the cell ``key`` replaced by ``source``, or deleted when ``source`` is None."""
    changed = copy.deepcopy(notebook)
    index = next(i for i, cell in enumerate(changed.cells) if grade_id(cell) == key)
    if source is None:
        del changed.cells[index]
    else:
        changed.cells[index].source = source
    return changed


def honest(kind: str) -> Callable[[Path, NotebookNode, object], None]:
    def build(folder: Path, release: NotebookNode, answers: object) -> None:
        if kind == "full":
            write_notebook(folder, with_answers(release, answers.RIGHT))
        elif kind == "partly":
            write_notebook(folder, with_answers(release, {**answers.RIGHT, **answers.PARTLY_WRONG}))
        else:
            write_notebook(folder, release)

    return build


def tricked(after: str, source: str, overrides: dict[str, str] | None = None, blank: bool = False):
    """A submission with the trick ``source`` in a new cell after ``after``."""

    def build(folder: Path, release: NotebookNode, answers: object) -> None:
        base = release if blank else with_answers(release, {**answers.RIGHT, **(overrides or {})})
        write_notebook(folder, insert_after(base, after, source))

    return build


def edited(key: str, source: str | None, overrides: dict[str, str] | None = None):
    def build(folder: Path, release: NotebookNode, answers: object) -> None:
        base = with_answers(release, {**answers.RIGHT, **(overrides or {})})
        write_notebook(folder, edit_cell(base, key, source))

    return build


def renamed(folder: Path, release: NotebookNode, answers: object) -> None:
    write_notebook(folder, with_answers(release, answers.RIGHT), name=f"{ASSIGNMENT} (1)")


def malformed(folder: Path, release: NotebookNode, answers: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text('{"cells": [{"cell_type": "code", "source": ', encoding="utf-8")


def missing(folder: Path, release: NotebookNode, answers: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.txt").write_text("I forgot to attach my notebook.\n", encoding="utf-8")


def shadowing(folder: Path, release: NotebookNode, answers: object) -> None:
    write_notebook(folder, with_answers(release, answers.RIGHT))
    (folder / "numpy.py").write_text("array_equal = lambda *args, **kwargs: True\n", encoding="utf-8")


WRONG_Q4 = "feature_map = [[0, 0, -2, 2, 0]] * 5\nq_4.check()"
FAKE_Q4 = (
    "feature_map = [[0, 0, -2, 2, 0]] * 5\n"
    "class _Pass:\n"
    "    def assert_correct(self, **kwargs):\n"
    "        pass\n"
    "q_4 = _Pass()"
)

WRITE_GRADEBOOK = "for path in ['../../gradebook.db', '../../../gradebook.db']:\n    open(path, 'w').write('x')"

HONEST = [Student("full", honest("full")), Student("blank", honest("blank")), Student("partly", honest("partly"))]

# Tricks stock nbgrader survives quickly, with the same grades as ours.
LIKE_STOCK = [
    Student("sys_exit", tricked("q1_answer", "import sys\nsys.exit('bye')")),
    Student("deleted_grade_cell", edited("q2_tests", None)),
    Student("edited_grade_cell", edited("q3_tests", "pass", {"q3_answer": "conv_layer = tf.nn.relu6"})),
    Student("edited_locked_cell", edited("setup", "print('no set-up for me')")),
    Student("showtraceback", tricked("setup", "get_ipython().showtraceback = lambda *a, **k: None", blank=True)),
    Student("renamed", renamed),
    Student("malformed", malformed),
    Student("missing", missing),
]

# Tricks that earn points under stock nbgrader (ours judges outside the kernel), or that stock cannot
# survive (a hang, a memory bomb, a dead kernel) or should not be run on (file writes).
UNLIKE_STOCK = [
    Student("fake_question", edited("q4_answer", FAKE_Q4), like_stock=False),
    Student(
        "patch_checker_class",
        tricked(
            "setup",
            "from autograder.core import QuestionView\nQuestionView.assert_correct = lambda self, **kw: None",
            blank=True,
        ),
        like_stock=False,
    ),
    Student(
        "patch_numpy",
        tricked("q4_answer", "np.array_equal = lambda *a, **k: True", {"q4_answer": WRONG_Q4}),
        like_stock=False,
    ),
    Student(
        "patch_builtins",
        tricked("setup", "import builtins\nbuiltins.AssertionError = type('AssertionError', (Exception,), {})"),
        like_stock=False,
    ),
    Student(
        "ipython_hook",
        tricked(
            "setup",
            "get_ipython().input_transformers_cleanup.append(\n"
            "    lambda lines: [line for line in lines if 'assert_correct' not in line])",
            blank=True,
        ),
        like_stock=False,
    ),
    Student(
        "sys_modules",
        tricked("setup", "import sys, types\nsys.modules['autograder.exercises.ex1'] = types.SimpleNamespace()"),
        like_stock=False,
    ),
    Student("shadow_module", shadowing, like_stock=False),
    Student("infinite_loop", tricked("q2_tests", "while True:\n    pass"), like_stock=False),
    Student(
        "memory_bomb",
        tricked("q2_tests", "hog = []\nwhile True:\n    hog.append(b'x' * 50_000_000)"),
        like_stock=False,
    ),
    Student("os_exit", tricked("q3_tests", "import os\nos._exit(0)"), like_stock=False),
    Student("segfault", tricked("q1_tests", "import ctypes\nctypes.string_at(0)"), like_stock=False),
    Student("big_output", tricked("q1_tests", "for i in range(500_000):\n    print('x' * 99)"), like_stock=False),
    Student(
        "write_gradebook",
        tricked("q1_tests", WRITE_GRADEBOOK),
        like_stock=False,
    ),
    Student(
        "read_source",
        tricked("q1_tests", f"print(open('../../../source/{ASSIGNMENT}/{ASSIGNMENT}.ipynb').read()[:200])"),
        like_stock=False,
    ),
]

# Issue 9's tricks on a blank notebook: each makes the student's own kernel report success (or
# hides its failure) and must earn nothing, since verdicts are decided outside that kernel.
ALWAYS_CORRECT = (
    "from autograder.core import Outcome, Status, question as _question\n"
    "def _always(self, answers, **options):\n"
    "    return Outcome(Status.CORRECT, 'ok', options.get('label', ''))\n"
    "_question.Question.outcome = _always\n"
    "_question.MultipartQuestion.outcome = _always\n"
)
BLANK_TRICKS = [
    Student(
        "patch_inner_objects",
        tricked(
            "setup",
            ALWAYS_CORRECT + "import json, autograder.grading.sandbox.guard as _guard\n"
            "_guard.probe = lambda nonce: json.dumps({'nonce': nonce, 'findings': []})",
            blank=True,
        ),
        like_stock=False,
    ),
    Student(
        "drop_error_messages",
        tricked(
            "setup",
            "from jupyter_client.session import Session\n"
            "_send = Session.send\n"
            "def _quiet(self, stream, msg_or_type, *args, **kwargs):\n"
            "    kind = msg_or_type if isinstance(msg_or_type, str) else msg_or_type['header']['msg_type']\n"
            "    return None if kind == 'error' else _send(self, stream, msg_or_type, *args, **kwargs)\n"
            "Session.send = _quiet",
            blank=True,
        ),
        like_stock=False,
    ),
    Student(
        "partial_transformer",
        tricked(
            "setup",
            "import functools\n"
            "def _drop(word, lines):\n"
            "    return [line for line in lines if word not in line]\n"
            "get_ipython().input_transformers_cleanup.append(functools.partial(_drop, 'assert_correct'))",
            blank=True,
        ),
        like_stock=False,
    ),
    Student(
        "alias_rebinding",
        tricked(
            "setup",
            "T = tf\nsetattr(T.nn, 'conv2d', None)\nsetattr(T.nn, 'relu', None)\nconv_fn = None\nrelu_fn = None",
            blank=True,
        ),
        like_stock=False,
    ),
    Student(
        "forged_evidence",
        tricked(
            "setup",
            "import autograder.core.answering as _answering\n_answering.answer_text = lambda need: '{}'",
            blank=True,
        ),
        like_stock=False,
    ),
    # The auto-solver: every model solution run in the student's own kernel. The grading kernel's
    # runtime holds no solution (autograder.student_runtime), so it finds none and scores nothing.
    Student(
        "auto_solver",
        tricked(
            "setup",
            "from autograder.exercises.ex1.questions import QUESTIONS as _QUESTIONS\n"
            "for _question in _QUESTIONS.values():\n"
            "    if _question.graded:\n"
            "        exec(_question.solution, globals())",
            blank=True,
        ),
        like_stock=False,
    ),
    Student("forged_execute_result", tricked("setup", FORGED_RESULT, blank=True), like_stock=False),
    Student(
        "grade_cell_returns_points",
        tricked(
            "setup",
            "from autograder.core import QuestionView\nQuestionView.assert_correct = lambda self, **kw: 100.0",
            blank=True,
        ),
        like_stock=False,
    ),
]

CLASS = HONEST + LIKE_STOCK + UNLIKE_STOCK + BLANK_TRICKS


def submit(course: Path, students: list[Student], answers: object) -> None:
    """Write each student's submission into ``course/submitted``."""
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for student in students:
        student.build(course / "submitted" / student.name / ASSIGNMENT, release, answers)
