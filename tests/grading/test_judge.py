"""The judge's parts: reading a grade cell, reading the kernel's answer, writing verdicts."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader.utils import determine_grade

from autograder.core.evidence import EvidenceError
from autograder.exercises import ASSIGNMENTS, question_at
from autograder.grading.judge.apply import apply_verdicts
from autograder.grading.judge.calls import GradeCall, Unjudgeable, grade_calls
from autograder.grading.judge.collect import parse_reply, reply_text


def test_a_grade_cell_is_read_as_its_checks() -> None:
    source = "q_1.assert_correct()\n### BEGIN HIDDEN TESTS\nq_2.a.assert_correct(extra_cases=4, seed=4201)\n"
    assert grade_calls(source) == [GradeCall("q_1"), GradeCall("q_2.a", 4, 4201)]


@pytest.mark.parametrize(
    "source",
    [
        "",
        "assert True",
        "q_1.assert_correct()\nprint('and more')",
        "q_1.assert_correct(seed=SEED)",
        "q_1.assert_correct(extra_cases=2.5)",
        "q_1.assert_correct(strict=False)",
        "q_1.check()",
        "x = ---1",
        "(" * 200 + ")" * 200,
    ],
)
def test_a_grade_cell_that_is_anything_else_cannot_be_judged(source: str) -> None:
    with pytest.raises(Unjudgeable):
        grade_calls(source)


def test_every_source_grade_cell_can_be_judged_and_names_a_question() -> None:
    from harness.course import ROOT

    for assignment in ASSIGNMENTS:
        notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        grade_cells = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]
        assert grade_cells, assignment
        for cell in grade_cells:
            for call in grade_calls(cell.source):
                assert question_at(assignment, call.label).graded


def _reply(text: object, status: str = "ok") -> dict:
    return {"status": "ok", "user_expressions": {"answer": {"status": status, "data": {"text/plain": text}}}}


def _read(content: dict) -> object:
    return parse_reply(reply_text(content))


def test_the_kernels_answer_is_read_as_a_string_of_json_and_nothing_else() -> None:
    assert _read(_reply(repr('{"value": {"list": [1]}}'))) == {"value": {"list": [1]}}
    bad_replies = (_reply("__import__('os').system('true')"), _reply("42"), _reply(repr("not json")), _reply("''"))
    for bad in (*bad_replies, {"status": "error"}, _reply(None), _reply("'" + "x" * (130 << 20) + "'")):
        with pytest.raises(EvidenceError):
            _read(bad)


def _grade_cell(grade_id: str, *outputs: dict) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("q_1.assert_correct()")
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "points": 2, "solution": False}
    cell.outputs = [nbformat.v4.new_output(**output) for output in outputs]
    return cell


def test_verdicts_replace_whatever_the_kernel_wrote_in_grade_cells() -> None:
    forged = {"output_type": "execute_result", "data": {"text/plain": "2"}, "execution_count": 1}
    error = {"output_type": "error", "ename": "AssertionError", "evalue": "no", "traceback": []}
    notebook = nbformat.v4.new_notebook(
        cells=[_grade_cell("passed", error), _grade_cell("failed", forged), _grade_cell("never_judged", forged)]
    )
    apply_verdicts(
        notebook,
        {"passed": {"passed": True, "message": "fine"}, "failed": {"passed": False, "message": "q_1: Incorrect. why"}},
    )
    passed, failed, never = notebook.cells
    assert passed.outputs == [] and determine_grade(passed) == (2.0, 2.0)
    assert [(o.output_type, o.ename, o.evalue) for o in failed.outputs] == [
        ("error", "AssertionError", "q_1: Incorrect. why")
    ]
    assert determine_grade(failed) == (0, 2.0) and determine_grade(never) == (0, 2.0)
    assert "not judged" in never.outputs[0].evalue
