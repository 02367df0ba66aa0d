"""A self-learner's progress: each practice check() is kept in the workspace's record, and the
progress view lists every question of the course, correct, not attempted or wrong with the latest
reason, linked to the question's heading in the learner's notebook, text escaped."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from answers import ex1_convolution_relu as answers
from harness.course import ROOT

from autograder import binder, progress
from autograder.exercises import ASSIGNMENTS
from autograder.exercises.labels import labels
from autograder.i18n import ENGLISH, current_language, set_language
from autograder.service.class_view import question_labels

ASSIGNMENT = answers.ASSIGNMENT


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A learner's workspace holding exercise 1, the kernel working in the notebook's folder."""
    folder = tmp_path / "release" / ASSIGNMENT
    shutil.copytree(ROOT / "release" / ASSIGNMENT, folder)
    monkeypatch.setenv(progress.PROGRESS, str(tmp_path / ".progress.sqlite"))
    monkeypatch.chdir(folder)
    return tmp_path


def practise(*cells: str) -> None:
    """Run each answer cell and its q_1.check() in one namespace, as a notebook would."""
    namespace: dict = {}
    binder.bind(namespace)
    try:
        exec("from autograder.exercises.ex1 import *", namespace)
        for cell in cells:
            exec(cell, namespace)
    finally:
        binder.unbind()


def test_checks_are_kept_and_the_view_shows_the_latest_one(workspace: Path) -> None:
    practise(answers.WRONG["q1_answer"][0][0], answers.RIGHT["q2_answer"], answers.WRONG["q2_answer"][0][0])
    items = {(item.assignment, item.label): item for item in progress.my_progress().items}
    total = sum(len(question_labels(labels(assignment))) for assignment in ASSIGNMENTS)
    assert len(items) == total
    q_1, q_2 = items[(ASSIGNMENT, "q_1")].standing, items[(ASSIGNMENT, "q_2")].standing
    assert q_1.status == "incorrect" and "zero" in q_1.reason
    assert q_2.status == "incorrect" and q_2.checks == 2 and "channels" in q_2.reason
    assert items[(ASSIGNMENT, "q_3")].standing.status == "not_attempted"
    practise(answers.RIGHT["q1_answer"])
    view = progress.my_progress()
    assert next(item for item in view.items if item.label == "q_1").standing.status == "correct"
    assert f"1 of {total} questions correct." in view._repr_html_()


def test_each_question_links_to_its_heading_in_the_learners_notebook(workspace: Path) -> None:
    item = next(item for item in progress.my_progress().items if item.label == "q_1")
    assert item.link == f"{ASSIGNMENT}.ipynb#1)-Design-a-kernel"
    os.chdir(workspace)
    assert progress.link(ASSIGNMENT, "q_4") == f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb#4)-A-feature-map-by-hand"


def test_without_make_lab_nothing_is_kept_and_the_view_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(progress.PROGRESS, raising=False)
    practise(answers.RIGHT["q1_answer"])
    view = progress.my_progress()
    assert all(item.standing.status == "not_attempted" for item in view.items)
    assert any("make lab" in note for note in view.notes)


def test_the_view_escapes_what_it_shows() -> None:
    item = progress.Item(ASSIGNMENT, "q_1", progress.Standing("incorrect", "<b>x</b>"), 'a"b')
    html = progress.Progress([item], ["<i>n</i>"])._repr_html_()
    assert (
        "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;i&gt;" in html and 'href="a&#34;b"' in html
    )


@pytest.mark.parametrize("index", ["index.ipynb", "zh_CN/index.ipynb", "ru/index.ipynb"])
def test_the_index_offers_the_view_linking_into_the_learners_exercises(
    index: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = json.loads((ROOT / "course" / index).read_text(encoding="utf-8"))
    cell = next(cell for cell in notebook["cells"] if "show_progress()" in "".join(cell["source"]))
    assert cell["cell_type"] == "code" and not cell.get("outputs")
    monkeypatch.chdir((ROOT / "course" / index).parent)
    shown: list = []
    monkeypatch.setattr("IPython.display.display", shown.append)  # no kernel to display in
    try:
        exec("".join(cell["source"]), {})  # what the learner runs (it sets the index's language)
        assert [type(view) for view in shown] == [progress.Progress]
        language = index.partition("/")[0] if "/" in index else ""
        assert current_language() == (language or ENGLISH)
        folder = f"{ASSIGNMENT}_{language}" if language else ASSIGNMENT
        up = "../../" if language else "../"
        assert progress.link(ASSIGNMENT, "q_1") == f"{up}release/{folder}/{ASSIGNMENT}.ipynb" + progress.anchor(
            ROOT / "release" / folder / f"{ASSIGNMENT}.ipynb", "q_1"
        )
        assert progress.anchor(ROOT / "release" / folder / f"{ASSIGNMENT}.ipynb", "q_1").startswith("#1)")
    finally:
        set_language(ENGLISH)
