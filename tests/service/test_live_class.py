"""The class as its instructors see it while it works, and each student's own progress, from the
judge service's record: three students make different slips, then answer right; the view counts
them by their latest check, groups one slip made in two languages as one, shows it in the
instructor's language, and a student asking for progress gets their own record alone."""

from __future__ import annotations

import csv
import time

import pytest
from answers import ex1_convolution_relu as answers
from service_support import judge_service

from autograder import binder
from autograder.i18n import language, translated_assignment
from autograder.service import client
from autograder.service.class_view import csv_text
from autograder.service.page import class_page
from autograder.service.record import Reason, Record
from autograder.service.server import Service, User

pytestmark = [pytest.mark.notebook]

ASSIGNMENT = answers.ASSIGNMENT
TOKENS = {"t-ana": User("ana"), "t-ben": User("ben"), "t-cy": User("cy")}
WRONG_Q1 = [code.rsplit("\n", 1)[0] for code, _status, _words in answers.WRONG["q1_answer"]]
RIGHT_Q1 = answers.RIGHT["q1_answer"].rsplit("\n", 1)[0]


def check(url: str, token: str, code: str, language_code: str = "en") -> dict:
    """``code`` in a fresh namespace, then ``q_1.check()`` asked of the service as ``token``'s owner."""
    namespace: dict = {}
    binder.bind(namespace)
    try:
        exec("from autograder.exercises.ex1 import *", namespace)
        exec(code, namespace)
        request = {"op": "check", "assignment": translated_assignment(ASSIGNMENT, language_code), "label": "q_1"}
        return client.ask(request, url, token)["verdict"]
    finally:
        binder.unbind()


def reasons_rendered(record: Record, count: int) -> None:
    """Wait until ``count`` wrong checks have their reasons in every language (done after each reply)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with record.session() as session:
            if session.query(Reason).count() >= 3 * count:
                return
        time.sleep(0.2)
    raise AssertionError("the reasons in the other languages were not recorded")


@pytest.fixture(scope="module")
def class_record(tmp_path_factory: pytest.TempPathFactory):
    record = Record(f"sqlite:///{tmp_path_factory.mktemp('live') / 'judge.sqlite'}")
    with judge_service(record, tokens=TOKENS, graded=(ASSIGNMENT,)) as url:
        # ana: all zeros, in Chinese; ben: all zeros; cy: a list, not a tensor, then right.
        assert check(url, "t-ana", WRONG_Q1[0], "zh_CN")["status"] == "incorrect"
        assert check(url, "t-ben", WRONG_Q1[0])["status"] == "incorrect"
        assert check(url, "t-cy", WRONG_Q1[1])["status"] == "incorrect"
        assert check(url, "t-cy", RIGHT_Q1)["status"] == "correct"
        reasons_rendered(record, 3)
        yield record, url


def view_of(record: Record, reader: str):
    service = Service(record, None, 20, None, graded=(ASSIGNMENT,))  # read-only: the page's side
    return service.class_view(ASSIGNMENT, reader, frozenset({"ida"}))


def test_counts_are_by_each_students_latest_check(class_record) -> None:
    view = view_of(class_record[0], "en")
    q_1 = view.questions[0]
    assert (q_1.label, q_1.tried, q_1.correct) == ("q_1", 3, 1)
    assert view.students == ["ana", "ben", "cy"]
    assert [view.standing(student, "q_1").status for student in view.students] == ["incorrect", "incorrect", "correct"]
    assert view.standing("cy", "q_1").checks_to_correct == 2 and q_1.median_checks == 2
    assert view.standing("cy", "q_1").history and not view.standing("cy", "q_1").reason
    assert all(question.tried == 0 for question in view.questions[1:])


def test_one_slip_in_two_languages_is_one_diagnosis_in_the_readers_language(class_record) -> None:
    record = class_record[0]
    english, russian = view_of(record, "en").questions[0], view_of(record, "ru").questions[0]
    assert [(one.students, round(one.share, 2)) for one in english.diagnoses] == [(2, 0.67)]
    assert "zero" in english.diagnoses[0].text
    assert russian.diagnoses[0].students == 2 and russian.diagnoses[0].text != english.diagnoses[0].text
    assert not any("a" <= letter <= "z" for letter in russian.diagnoses[0].text.split("`")[0].lower())


def test_the_csv_and_the_page_say_what_the_view_says(class_record) -> None:
    view = view_of(class_record[0], "en")
    rows = csv_text(view).splitlines()
    assert rows[0].startswith("student,question,status,checks")
    assert len(rows) == 1 + 3 * len(view.labels)
    assert rows[1].startswith("ana,q_1,Incorrect,1,0,,,") and "zero" in rows[1]
    cy = next(row for row in csv.reader(rows) if row[:2] == ["cy", "q_1"])
    slip = view.standing("cy", "q_1").history[0]
    assert cy[2:7] == ["Correct", "2", "0", cy[5], "2"] and cy[5].isdigit() and cy[7:] == ["", slip]
    html = class_page(view, (ASSIGNMENT,), "en", "12:00:00")
    assert 'http-equiv="refresh"' in html and "data:image/png;base64," in html
    assert 'data-students="2">67% (2)' in html
    assert html.count('<td class="correct"') == 1 and html.count('<td class="incorrect"') == 2


def test_the_page_speaks_the_readers_language(class_record) -> None:
    with language("zh_CN"):
        view = view_of(class_record[0], "zh_CN")
        html = class_page(view, (ASSIGNMENT,), "zh_CN", "12:00:00")
    assert 'lang="zh-CN"' in html and "Correct now" not in html


def test_a_student_asking_for_progress_gets_their_own_record_alone(class_record) -> None:
    _record, url = class_record
    asked = {"op": "progress", "assignment": "", "label": "", "lang": "en", "user": "cy"}
    ben = client.ask(asked, url, "t-ben")["progress"]
    cy = client.ask(asked, url, "t-cy")["progress"]
    assert {row["assignment"] for row in ben} == {ASSIGNMENT}
    assert [row["label"] for row in ben][:2] == ["q_1", "q_2"]
    assert ben[0]["status"] == "incorrect" and "zero" in ben[0]["reason"] and ben[0]["checks"] == 1
    assert cy[0]["status"] == "correct" and cy[0]["checks"] == 2
    assert all(row["status"] == "not_attempted" for row in ben[1:])
