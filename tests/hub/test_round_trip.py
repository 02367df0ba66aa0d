"""The class workflow end to end, in a real browser on a real JupyterHub (``make hub``).

The instructor releases exercise 1 from a JupyterLab terminal; two students log in, fetch it from
the Assignment List, answer (one right, one partly), validate and submit; the instructor collects,
grades with ``autograder grade``, generates and releases feedback; each student fetches the
feedback and reads the score and reasons. Then what a student must not reach. Screenshots of every
step go to test-artifacts/hub/, timings to test-artifacts/hub/timings.json.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from answers import ex1_convolution_relu as answers
from hub_session import ARTIFACTS, INSTRUCTOR, RUN_LIMIT_MS, STUDENTS, Hub, login
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.hub, pytest.mark.slow]

ASSIGNMENT = "ex1_convolution_relu"
FULL_SCORE = 9.0
COMMAND_LIMIT = 900.0


def open_terminal(page: Page, hub: Hub, user: str) -> None:
    """A new terminal in the user's JupyterLab, from the launcher."""
    page.goto(f"{hub.url}user/{user}/lab?reset")
    page.locator(".jp-LauncherCard", has_text="Terminal").first.click()
    expect(page.locator(".jp-Terminal")).to_be_visible()
    page.wait_for_timeout(1500)


def run_in_terminal(page: Page, hub: Hub, user: str, step: str, command: str, check: bool = True) -> tuple[float, str]:
    """Type ``command`` into the visible terminal; wait for it to finish; its seconds and exit status.

    The command's output shows in the terminal (and goes to ~/<step>.log); its exit status is
    written to ~/<step>.status, which the test, as root, waits for.
    """
    status = hub.home(user) / f"{step}.status"
    status.unlink(missing_ok=True)
    page.locator(".jp-Terminal").last.click()
    started = time.monotonic()
    page.keyboard.type(f"( {command} ) 2>&1 | tee ~/{step}.log; echo ${{PIPESTATUS[0]}} > ~/{step}.status\n")
    deadline = started + COMMAND_LIMIT
    while not (status.is_file() and status.read_text().strip()):
        assert time.monotonic() < deadline, f"{step} did not finish"
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    log = (hub.home(user) / f"{step}.log").read_text(errors="replace")
    assert not check or status.read_text().strip() == "0", f"{step} failed:\n{log[-4000:]}"
    return elapsed, status.read_text().strip()


def open_assignment_list(page: Page, hub: Hub, user: str) -> None:
    """Nbgrader > Assignment List, in a fresh JupyterLab workspace."""
    page.goto(f"{hub.url}user/{user}/lab?reset")
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    page.locator(".lm-Menu-item", has_text="Assignment List").click()
    expect(page.locator("#released_assignments_list")).to_be_visible()


def answer(page: Page, hub: Hub, user: str, sources: dict[str, str], verdict: str) -> None:
    """Open the fetched notebook, type each answer over its cell, save, validate, read ``verdict``."""
    page.goto(f"{hub.url}user/{user}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb?reset")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-Cell").first).to_be_visible()
    for grade_id, source in sources.items():
        number = re.search(r"q(\d+)_answer", grade_id).group(1)
        editor = page.locator(".jp-InputArea-editor", has_text=f"q_{number}.check()")
        cell = panel.locator(".jp-CodeCell").filter(has=editor).first
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(source)
    page.keyboard.press("Control+s")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
    panel.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=RUN_LIMIT_MS)
    expect(dialog).to_contain_text(verdict, timeout=RUN_LIMIT_MS)


def test_a_class_round_trip(hub: Hub, browser_for: Callable[[str], Page], shot: Callable[[Page, str], Path]) -> None:
    teacher = browser_for(INSTRUCTOR)
    login(hub, teacher, INSTRUCTOR)
    hub.timings["make hub to first login (s)"] = time.monotonic() - hub.started
    shot(teacher, "01-instructor-lab")

    # The instructor's Nbgrader menu has the formgrader; the formgrader lists the course.
    teacher.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
    teacher.locator(".lm-Menu-item[data-command='nbgrader:open-formgrader']").click()
    formgrader = teacher.frame_locator("iframe").first
    expect(formgrader.locator("body")).to_contain_text("Manage Assignments")
    shot(teacher, "01-instructor-formgrader")
    open_terminal(teacher, hub, INSTRUCTOR)
    run_in_terminal(
        teacher,
        hub,
        INSTRUCTOR,
        "release",
        f"cd ~/course && nbgrader generate_assignment {ASSIGNMENT} --force && nbgrader release_assignment {ASSIGNMENT}",
    )
    shot(teacher, "02-instructor-released")

    right, partly = STUDENTS
    plans = {
        right: (answers.RIGHT, "Success! Your notebook passes all the tests."),
        partly: ({**answers.RIGHT, **answers.PARTLY_WRONG}, "The following cell failed"),
    }
    for student, (sources, verdict) in plans.items():
        page = browser_for(student)
        login(hub, page, student)
        # Student mode: the Nbgrader menu has the Assignment List and no instructor tools.
        page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
        expect(page.locator(".lm-Menu-item", has_text="Assignment List")).to_be_visible()
        expect(page.locator(".lm-Menu-item:not(.lm-mod-hidden)", has_text="Formgrader")).to_have_count(0)
        expect(page.locator(".lm-Menu-item:not(.lm-mod-hidden)", has_text="Create Assignment")).to_have_count(0)
        page.keyboard.press("Escape")
        open_assignment_list(page, hub, student)
        released = page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
        released.get_by_role("button", name="Fetch").click()
        expect(page.locator("#fetched_assignments_list")).to_contain_text(ASSIGNMENT)
        shot(page, f"03-{student}-fetched")
        answer(page, hub, student, sources, verdict)
        shot(page, f"04-{student}-validated")
        page.locator(".jp-Dialog").get_by_role("button").last.click()
        open_assignment_list(page, hub, student)
        fetched = page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first
        fetched.get_by_role("button", name="Submit").click()
        expect(page.locator("#submitted_assignments_list")).to_contain_text(ASSIGNMENT)
        shot(page, f"05-{student}-submitted")

    open_terminal(teacher, hub, INSTRUCTOR)
    # Grading's exit status is checked at the end (4 would mean a flag), so that feedback, which a
    # flag does not stop, is checked too.
    grade = f"cd ~/course && nbgrader collect {ASSIGNMENT} && autograder grade {ASSIGNMENT}"
    graded, grade_status = run_in_terminal(teacher, hub, INSTRUCTOR, "grade", grade, check=False)
    returned, _ = run_in_terminal(
        teacher,
        hub,
        INSTRUCTOR,
        "feedback",
        f"cd ~/course && nbgrader generate_feedback {ASSIGNMENT} && nbgrader release_feedback {ASSIGNMENT}",
    )
    hub.timings["collect to feedback released, 2 students (s)"] = graded + returned
    shot(teacher, "06-instructor-graded")
    grade_log = (hub.home(INSTRUCTOR) / "grade.log").read_text(errors="replace")
    assert "Graded 2 submission(s)" in grade_log, grade_log[-2000:]

    scores = {right: FULL_SCORE, partly: answers.PARTLY_WRONG_SCORE}
    for student, score in scores.items():
        page = browser_for(student)
        open_assignment_list(page, hub, student)
        submitted = page.locator("#submitted_assignments_list .list_item", has_text=ASSIGNMENT).first
        submitted.get_by_role("button", name="Fetch Feedback").click()
        expect(submitted.get_by_text("(view feedback)")).to_be_visible()
        shot(page, f"07-{student}-feedback-fetched")
        html = sorted(hub.home(student).glob(f"{ASSIGNMENT}/feedback/*/{ASSIGNMENT}.html"))
        assert html, f"no feedback in {student}'s home"
        relative = html[-1].relative_to(hub.home(student))
        page.goto(f"{hub.url}user/{student}/files/{relative}")
        expect(page.locator("body")).to_contain_text(f"Score: {score:.1f} / {FULL_SCORE:.1f}")
        if score < FULL_SCORE:
            expect(page.locator("body")).to_contain_text("AssertionError")
        shot(page, f"08-{student}-feedback")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "timings.json").write_text(json.dumps(hub.timings, indent=2) + "\n")
    print(json.dumps(hub.timings, indent=2))

    # What a student must not reach: another student's work, the gradebook, source/, and
    # another user's server.
    other = hub.home(partly) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    inbound = hub.state / "exchange" / "convnet-features" / "inbound"
    for target in (other, hub.state / "course" / "gradebook.db", hub.state / "course" / "source", inbound):
        result = subprocess.run(
            ["runuser", "-u", right, "--", "ls", "-l", str(target)], capture_output=True, text=True, check=False
        )
        assert result.returncode != 0 and "Permission denied" in result.stderr, (target, result)
    page = browser_for(right)
    response = page.goto(f"{hub.url}user/{partly}/api/contents/{ASSIGNMENT}")
    assert response is not None and response.status in (403, 404), response and response.status
    shot(page, "09-student-cannot-open-anothers-server")
    assert grade_status == "0", f"autograder grade exited with {grade_status}:\n{grade_log[-3000:]}"
