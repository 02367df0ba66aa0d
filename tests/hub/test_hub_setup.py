"""`make hub`'s set-up steps that need no root: the roster, copying without overwriting, and the
nbgrader settings each role gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autograder import hub


def test_the_roster_lists_instructors_and_students(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text("instructors: [ada]\nstudents:\n  - alice\n  - bob-2\n")
    assert hub.Roster.load(roster) == hub.Roster(("ada",), ("alice", "bob-2"))
    example = Path(hub.__file__).with_name("roster.example.yaml")
    assert hub.Roster.load(example).instructors and hub.Roster.load(example).students


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("students: [Alice]", "not a valid user name"),
        ("students: ['root; rm -rf /']", "not a valid user name"),
        ("students: [1234]", "not a valid user name"),
        ("instructors: [ada]\nstudents: [ada]", "listed twice"),
    ],
)
def test_a_bad_roster_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(text)
    with pytest.raises(SystemExit, match=problem):
        hub.Roster.load(roster)


def test_copying_the_course_never_overwrites(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "ex").mkdir(parents=True)
    (source / "ex" / "a.ipynb").write_text("new")
    (source / "ex" / "b.ipynb").write_text("new")
    (target / "ex").mkdir(parents=True)
    (target / "ex" / "a.ipynb").write_text("the instructor's edit")
    made = hub._copy_missing(source, target)
    assert made == [target / "ex" / "b.ipynb"]
    assert (target / "ex" / "a.ipynb").read_text() == "the instructor's edit"


def test_each_role_gets_the_exchange_and_instructors_the_course(tmp_path: Path) -> None:
    course, exchange = tmp_path / "course", tmp_path / "exchange"
    database = f"sqlite:///{tmp_path / 'record' / 'judge.sqlite'}"
    config = hub.write_role_configs(tmp_path, course, exchange, database)
    student = json.loads((config / "student" / "nbgrader_config.json").read_text())
    assert student == {"CourseDirectory": {"course_id": hub.COURSE_ID}, "Exchange": {"root": str(exchange)}}
    instructor = (config / "instructor" / "nbgrader_config.py").read_text()
    compile(instructor, "nbgrader_config.py", "exec")
    assert f"load_subconfig({str(course / 'nbgrader_config.py')!r})" in instructor
    assert 'c.CourseDirectory.root = os.path.expanduser("~/course")' in instructor
    assert f"c.Exchange.root = {str(exchange)!r}" in instructor
    assert f"c.Autograder.judge_database = {database!r}" in instructor  # hint deductions read the record
    for role in ("student", "instructor"):
        server = json.loads((config / role / "jupyter_server_config.json").read_text())
        assert server["ServerApp"]["terminado_settings"]["shell_command"] == ["/bin/bash"]


def test_local_url() -> None:
    assert hub.local_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
