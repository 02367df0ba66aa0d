"""``make lab``: the self-learner's own workspace, in student mode.

Unit tests of `autograder.workspace` (copy once, never overwrite, report course updates, notebooks
carrying the metadata JupyterLab fills in), then the real launcher in a real browser: the
workspace is the root (no ``source/``), nbgrader's instructor tools are off, opening notebooks
marks nothing changed, idle kernels are culled, and the learner's checks make their progress view.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from harness.course import ROOT
from playwright.sync_api import Page, expect

from autograder import workspace

NOTEBOOKS = sorted(workspace.course_notebooks())
ARTIFACTS = ROOT / "test-artifacts" / "browser"
VISIBLE_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
RUN_LIMIT_MS = 240_000


def test_the_first_run_copies_lessons_and_exercises_with_their_layout(tmp_path: Path) -> None:
    report = workspace.sync(tmp_path / "ws")
    assert report.created and sorted(report.added) == NOTEBOOKS
    assert "course/index.ipynb" in NOTEBOOKS and "release/ex1_convolution_relu/ex1_convolution_relu.ipynb" in NOTEBOOKS
    assert not any(name.startswith("source/") for name in NOTEBOOKS)
    copied = json.loads((tmp_path / "ws" / "course" / "index.ipynb").read_text())
    original = json.loads((ROOT / "course" / "index.ipynb").read_text())
    assert copied["cells"] == original["cells"]
    assert copied["metadata"]["language_info"] == workspace.language_info()
    assert "9 notebooks copied" in "\n".join(report.lines()).replace(str(len(NOTEBOOKS)), "9")


def _fake_course(root: Path) -> Path:
    for name in ("course/index.ipynb", "release/ex1_convolution_relu/ex1_convolution_relu.ipynb"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, root / name)
    return root


def test_work_is_never_overwritten_and_a_course_update_is_reported(tmp_path: Path) -> None:
    repo, ws = _fake_course(tmp_path / "repo"), tmp_path / "ws"
    workspace.sync(ws, repo)
    mine = ws / "release/ex1_convolution_relu/ex1_convolution_relu.ipynb"
    mine.write_text(mine.read_text().replace("____", "my answer", 1))
    answered = mine.read_text()

    again = workspace.sync(ws, repo)
    assert (again.created, again.added, again.changed_upstream) == (False, [], [])
    assert "up to date" in "\n".join(again.lines())

    # The course changes exercise 1 and adds a lesson.
    upstream = repo / "release/ex1_convolution_relu/ex1_convolution_relu.ipynb"
    upstream.write_text(upstream.read_text().replace("Exercise 1", "Exercise one", 1))
    shutil.copyfile(ROOT / "course/lesson1_convolution_relu.ipynb", repo / "course/lesson5_new.ipynb")
    update = workspace.sync(ws, repo)
    assert update.added == ["course/lesson5_new.ipynb"]
    assert update.changed_upstream == ["release/ex1_convolution_relu/ex1_convolution_relu.ipynb"]
    text = "\n".join(update.lines())
    assert "Course update: 1 new notebook(s)" in text and "your copies are kept" in text
    assert mine.read_text() == answered

    # A notebook the student deleted comes back fresh.
    (ws / "course/index.ipynb").unlink()
    assert workspace.sync(ws, repo).added == ["course/index.ipynb"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebooks_carry_what_jupyterlab_fills_in(name: str) -> None:
    """All of ``language_info`` but the Python version, which the workspace copy sets locally."""
    committed = json.loads((ROOT / name).read_text())["metadata"]["language_info"]
    expected = workspace.language_info()
    assert {key: value for key, value in committed.items() if key != "version"} == {
        key: value for key, value in expected.items() if key != "version"
    }
    assert re.fullmatch(r"3\.\d+\.\d+", committed["version"])


def test_the_learner_role_puts_the_course_config_first() -> None:
    env = workspace.role_environment("learner", {"JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [
        str(workspace.CONFIG / "learner"),
        str(workspace.CONFIG / "student"),
        "/elsewhere",
    ]
    command = workspace.lab_command(Path("/w"), [])
    assert command[-1] == "/w/course/index.ipynb" and "--ServerApp.root_dir=/w" in command
    assert ("--ServerApp.allow_root=True" in command) == (os.geteuid() == 0)


@pytest.mark.browser
def test_the_workspace_is_the_root_and_instructor_tools_are_off(learner_lab) -> None:
    root = learner_lab.api("api/contents")
    assert sorted(item["name"] for item in root["content"]) == ["course", "release"]
    log = learner_lab.log.read_text()
    assert "notebooks copied from the course" in log
    for extension in ("formgrader", "assignment_list", "course_list"):
        assert f"nbgrader.server_extensions.{extension} | extension was successfully" not in log
    assert "nbgrader.server_extensions.validate_assignment | extension was successfully loaded" in log


@pytest.mark.browser
def test_opening_notebooks_changes_nothing_and_idle_kernels_are_culled(learner_lab, page: Page) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("course/index.ipynb", "release/ex1_convolution_relu/ex1_convolution_relu.ipynb"):
        before = (learner_lab.root / name).read_bytes()
        page.goto(learner_lab.lab_url(name))
        expect(page.locator(f"{VISIBLE_NOTEBOOK} .jp-Cell").first).to_be_visible()
        idle = page.get_by_role("contentinfo").get_by_role("button", name=re.compile(r"\| Idle$"))
        expect(idle).to_be_visible(timeout=RUN_LIMIT_MS)
        page.wait_for_timeout(1500)
        expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
        expect(page.locator(VISIBLE_NOTEBOOK)).to_be_visible()
        assert (learner_lab.root / name).read_bytes() == before
    # No Nbgrader menu at all (its tools are the instructor's, and the Assignment List needs a
    # class's exchange); the notebook's Validate button stays.
    expect(page.locator(".lm-MenuBar-item", has_text="Nbgrader")).to_have_count(0)
    expect(page.locator(f"{VISIBLE_NOTEBOOK} .validate-button")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "workspace-lab-student-mode.png"))
    deadline = time.monotonic() + 30
    while "Culling kernels with idle durations > 1800 seconds" not in learner_lab.log.read_text():
        assert time.monotonic() < deadline, learner_lab.log_tail()
        time.sleep(0.5)


@pytest.mark.browser
def test_a_learners_progress_after_some_checks(learner_lab, open_learner_notebook, page: Page) -> None:
    """Checks run in the workspace's exercise are kept; ``show_progress()`` lists them with the
    latest reason and a link to each question's heading."""
    notebook = open_learner_notebook("release/ex1_convolution_relu/ex1_convolution_relu.ipynb")
    notebook.run(notebook.code_cell("binder.bind(globals())"))
    answer = notebook.code_cell("q_1.check()")
    cells = notebook.panel.locator(".jp-CodeCell")
    spare = cells.nth(next(n for n in range(cells.count()) if "q_2.check()" in cells.nth(n).inner_text()))
    notebook.replace_source(answer, "kernel = tf.constant([[0, 0, 0], [0, 0, 0], [0, 0, 0]])\nq_1.check()")
    notebook.run(answer)
    expect(answer.locator(".convnet-feedback")).to_contain_text("Incorrect")
    notebook.replace_source(spare, "from autograder.progress import show_progress\nshow_progress()")
    notebook.run(spare)
    row = spare.locator(".autograder-progress tr[data-assignment='ex1_convolution_relu'][data-label='q_1']")
    expect(row).to_have_attribute("data-status", "incorrect")
    expect(row).to_contain_text("all zeros")
    link = row.locator("a")
    # JupyterLab resolves the relative link (a click opens the notebook in the lab, at the heading).
    expect(link).to_have_attribute(
        "href", re.compile(r"/release/ex1_convolution_relu/ex1_convolution_relu\.ipynb\b.*#1\)-Design-a-kernel$")
    )

    notebook.replace_source(answer, "kernel = tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])\nq_1.check()")
    notebook.run(answer)
    notebook.run(spare)
    expect(row).to_have_attribute("data-status", "correct")
    expect(spare.locator(".autograder-progress")).to_contain_text("1 of ")
    q_3 = spare.locator(".autograder-progress tr[data-assignment='ex1_convolution_relu'][data-label='q_3']")
    expect(q_3).to_have_attribute("data-status", "not_attempted")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workspace-lab-progress.png"), full_page=True)
    assert (learner_lab.root / ".progress.sqlite").is_file()
