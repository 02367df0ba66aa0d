"""The class workflow end to end, in a real browser on a real JupyterHub (``make hub``).

Exercise 1 is graded in this class (``c.Autograder.graded_assignments``): the students' runtime
holds none of its answers, and their checks are the judge service's. The instructor releases
exercise 1 from a JupyterLab terminal; two students log in, fetch it from the Assignment List,
answer (one right, one partly), validate (every check and grade cell judged by the service) and
submit; a student's ``solution()`` says it is not released, the instructor releases it on the
judge service's page (which a student cannot open), and it shows; the instructor collects,
grades with ``autograder grade``, generates and releases feedback; each student fetches the
feedback and reads the score and reasons. Then what a student must not reach, and no answer
line in any file of the hub's environment or state a student can read. Screenshots of every step
go to test-artifacts/hub/, timings to test-artifacts/hub/timings.json.

First, the class view while students work: three students check exercise 1's first question, two
making one slip (one of them in Chinese), one another, then all answer right; the instructor's
class page counts them and shares their slips while they work, its CSV says the same, a student
gets 403 from it and their own progress alone.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from answers import ex1_convolution_relu as answers
from harness.answer_lines import answer_lines
from harness.course import ROOT
from hub_session import ARTIFACTS, GRADED, HUB_BIN, INSTRUCTOR, RUN_LIMIT_MS, STUDENTS, UI_LIMIT_MS, Hub, login
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.hub, pytest.mark.slow]

ASSIGNMENT = GRADED
SHOW_SOLUTION = "python -c 'from autograder.exercises.ex1 import *; q_1.solution()'"
WALK = """
import json, os, sys
lines = set(json.load(open(sys.argv[1])))
for root in sys.argv[2:]:
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            try:
                text = open(path, encoding="utf-8").read()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                if line in text:
                    print(path, line)
"""
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


CHECK_Q1 = """
import sys
from autograder.exercises.ex1 import *
exec(open(sys.argv[1]).read())
q_1.check()
"""


def check_q1(page: Page, hub: Hub, user: str, step: str, code: str, language: str = "en") -> str:
    """``code`` then ``q_1.check()`` run in the student's terminal (their server's environment and
    hub token, as a kernel has them); what the check printed."""
    script, answer = hub.home(user) / "check_q1.py", hub.home(user) / f"{step}.py"
    for path, text in ((script, CHECK_Q1), (answer, code)):
        path.write_text(text)
        shutil.chown(path, user)
    run_in_terminal(page, hub, user, step, f"COURSE_LANGUAGE={language} python ~/check_q1.py ~/{step}.py")
    return (hub.home(user) / f"{step}.log").read_text(errors="replace")


def class_rows(page: Page) -> dict[str, str]:
    """The class page's question q_1: tried, correct now and the diagnoses' list, as text."""
    row = page.locator("#questions tr[data-label='q_1']")
    cells = row.locator("td")
    return {
        "tried": cells.nth(1).inner_text(),
        "correct": cells.nth(2).inner_text(),
        "diagnoses": cells.nth(3).inner_text(),
    }


def test_the_instructor_sees_the_class_think(
    hub: Hub, browser_for: Callable[[str], Page], shot: Callable[[Page, str], Path]
) -> None:
    teacher = browser_for(INSTRUCTOR)
    login(hub, teacher, INSTRUCTOR)
    zeros, as_list = (code.rsplit("\n", 1)[0] for code, _status, _words in answers.WRONG["q1_answer"][:2])
    right = answers.RIGHT["q1_answer"].rsplit("\n", 1)[0]
    slips = {STUDENTS[0]: (zeros, "en"), STUDENTS[1]: (zeros, "zh_CN"), STUDENTS[2]: (as_list, "en")}
    pages = {}
    for student, (code, language) in slips.items():
        pages[student] = browser_for(student)
        login(hub, pages[student], student)
        open_terminal(pages[student], hub, student)
        printed = check_q1(pages[student], hub, student, "slip", code, language)
        assert ("不正确" if language == "zh_CN" else "Incorrect") in printed, printed

    teacher.goto(f"{hub.url}services/judge/class?assignment={ASSIGNMENT}&lang=en")
    expect(teacher.locator("#questions tr[data-label='q_1'] .tried")).to_have_text("3", timeout=UI_LIMIT_MS)
    shot(teacher, "00-instructor-class-view-slips")
    rows = class_rows(teacher)
    assert rows["correct"] == "0", rows
    shares = teacher.locator("#questions tr[data-label='q_1'] .diagnoses li")
    expect(shares).to_have_count(2)  # one slip in two languages is one diagnosis
    expect(shares.nth(0)).to_contain_text("67% (2):")
    expect(shares.nth(1)).to_contain_text("33% (1):")
    assert not re.search("[\u4e00-\u9fff]", rows["diagnoses"]), rows  # in the instructor's language

    for student, page in pages.items():
        assert "Correct" in check_q1(page, hub, student, "right", right)
    # The page reloads itself while the class works: the counts move without a click.
    expect(teacher.locator("#questions tr[data-label='q_1'] .correct-now")).to_have_text("3", timeout=UI_LIMIT_MS)
    expect(shares).to_have_count(0)
    shot(teacher, "00-instructor-class-view-right")
    csv_text = teacher.request.get(f"{hub.url}services/judge/class.csv?assignment={ASSIGNMENT}&lang=en").text()
    table = {(row["student"], row["question"]): row for row in csv.DictReader(io.StringIO(csv_text))}
    for student in STUDENTS:
        row = table[(student, "q_1")]
        assert (row["status"], row["checks"], row["checks to first correct"]) == ("Correct", "2", "2"), row
        assert row["earlier diagnoses"], row
    assert table[(STUDENTS[0], "q_1")]["earlier diagnoses"] == table[(STUDENTS[1], "q_1")]["earlier diagnoses"]

    student = pages[STUDENTS[2]]
    for path in ("class", "class.csv"):
        response = student.goto(f"{hub.url}services/judge/{path}?assignment={ASSIGNMENT}")
        assert response is not None and response.status == 403, (path, response and response.status)
    student.goto(f"{hub.url}user/{STUDENTS[2]}/lab?reset")
    open_terminal(student, hub, STUDENTS[2])
    mine = "python -c 'from autograder.progress import my_progress; print(my_progress())'"
    run_in_terminal(student, hub, STUDENTS[2], "progress", mine)
    progress = (hub.home(STUDENTS[2]) / "progress.log").read_text(errors="replace")
    assert f"{ASSIGNMENT} q_1: Correct." in progress and f"{ASSIGNMENT} q_2: Not attempted." in progress, progress


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

    right, partly = STUDENTS[:2]
    with sqlite3.connect(hub.state / "record" / "judge.sqlite") as database:
        before = dict(database.execute("select user, count(*) from checks group by user").fetchall())
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

    # Every check and grade cell of both validations was judged by the service, as its student.
    with sqlite3.connect(hub.state / "record" / "judge.sqlite") as database:
        checked = dict(database.execute("select user, count(*) from checks group by user").fetchall())
    assert all(checked.get(student, 0) - before.get(student, 0) >= 6 for student in (right, partly)), checked

    # Solutions: closed until the instructor releases them, then served by the judge.
    student = browser_for(right)
    open_terminal(student, hub, right)
    _, _ = run_in_terminal(student, hub, right, "solution-before", SHOW_SOLUTION)
    before = (hub.home(right) / "solution-before.log").read_text()
    assert "open when your instructor releases them" in before and "tf.constant" not in before, before
    response = student.goto(f"{hub.url}services/judge/")
    assert response is not None and response.status == 403, response and response.status
    teacher.goto(f"{hub.url}services/judge/")
    row = teacher.locator("tr", has_text=ASSIGNMENT)
    expect(row).to_contain_text("Not released")
    shot(teacher, "05-instructor-solutions-page")
    row.get_by_role("button", name=f"Release solutions of {ASSIGNMENT}").click()
    expect(teacher.locator("tr", has_text=ASSIGNMENT)).to_contain_text("Released")
    open_terminal(teacher, hub, INSTRUCTOR)  # the command asks the service too, as the instructor
    run_in_terminal(
        teacher, hub, INSTRUCTOR, "release-solutions", f"cd ~/course && autograder release-solutions {ASSIGNMENT}"
    )
    open_terminal(student, hub, right)
    run_in_terminal(student, hub, right, "solution-after", SHOW_SOLUTION)
    assert "tf.constant" in (hub.home(right) / "solution-after.log").read_text()
    shot(student, "05-student-solution-released")

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
    record = hub.state / "record" / "judge.sqlite"
    for target in (other, hub.state / "course" / "gradebook.db", hub.state / "course" / "source", inbound, record):
        result = subprocess.run(
            ["runuser", "-u", right, "--", "ls", "-l", str(target)], capture_output=True, text=True, check=False
        )
        assert result.returncode != 0 and "Permission denied" in result.stderr, (target, result)
    # No answer of the graded assignment in any file of the course's package in the hub's
    # environment, nor of the hub's state, that the student's account can read (lines the released
    # notebook itself holds, such as a function's given signature, are no answer).
    released = (ROOT / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()
    lines = hub.state.parent / "answer-lines.json"
    lines.write_text(json.dumps(sorted(line for line in answer_lines((ASSIGNMENT,)) if line not in released)))
    lines.chmod(0o644)
    roots = [str(path) for path in HUB_BIN.parent.glob("lib/python3*/site-packages/autograder")] + [str(hub.state)]
    assert len(roots) == 2, roots
    walk = subprocess.run(
        ["runuser", "-u", right, "--", str(HUB_BIN / "python"), "-c", WALK, str(lines), *roots],
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    )
    assert walk.stdout == "", walk.stdout[:3000]
    page = browser_for(right)
    response = page.goto(f"{hub.url}user/{partly}/api/contents/{ASSIGNMENT}")
    assert response is not None and response.status in (403, 404), response and response.status
    shot(page, "09-student-cannot-open-anothers-server")
    assert grade_status == "0", f"autograder grade exited with {grade_status}:\n{grade_log[-3000:]}"
