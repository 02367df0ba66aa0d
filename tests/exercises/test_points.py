"""Points have one home, the grade cells' nbgrader metadata in source/ (what nbgrader scores).

Every graded question has a grade cell with positive points, every grade cell checks a graded
question, the assignments' totals are the agreed ones, and each translation scores the same.
"""

import json
from pathlib import Path

import pytest

from autograder.core import graded
from autograder.exercises import ASSIGNMENTS, load_questions
from autograder.grading.judge.calls import grade_calls

SOURCE = Path(__file__).resolve().parents[2] / "source"
LANGUAGES = ("ru", "zh_CN")
TOTALS = {"ex1_convolution_relu": 9, "ex2_maximum_pooling": 8, "ex3_sliding_window": 13, "ex4_from_scratch": 14}
AGREED = {
    "ex2_maximum_pooling": {
        "image_condense": 2,
        "hidden_by_pooling": 1,
        "gap_channels_first": 1,
        "pooled_shape": 2,
        "pool_gradient": 2,
    },
    "ex4_from_scratch": {
        "corr2d": 1,
        "convolve2d": 1,
        "corr2d_multi_in": 1,
        "corr2d_multi_in_out": 1,
        "pool2d": 2,
        "train_kernel": 2,
        "conv_multiply_adds": 1,
        "corr2d_strided": 2,
        "im2col": 1,
        "input_gradient": 2,
    },
}
"""Points per question, by the variable it asks for."""


def grade_cells(folder: str) -> list[tuple[set[str], float]]:
    """(the labels it checks, its points) of every grade cell of the assignment's notebook."""
    (notebook,) = (SOURCE / folder).glob("*.ipynb")
    cells = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            source = "".join(cell["source"])
            cells.append(({call.label for call in grade_calls(source)}, meta["points"]))
    return cells


def points_by_label(folder: str) -> dict[str, float]:
    points: dict[str, float] = {}
    for labels, score in grade_cells(folder):
        for label in labels:
            points[label] = points.get(label, 0) + score
    return points


def test_the_assignments_are_the_ones_given_totals():
    assert sorted(ASSIGNMENTS) == sorted(TOTALS)


@pytest.mark.parametrize("assignment", sorted(TOTALS))
def test_every_graded_question_has_grade_cells_with_positive_points(assignment):
    cells = grade_cells(assignment)
    assert all(len(labels) == 1 and score > 0 for labels, score in cells), cells
    scored = [label for label, question in graded(load_questions(assignment)).items() if question.graded]
    assert sorted(points_by_label(assignment)) == sorted(scored)
    assert sum(score for __, score in cells) == TOTALS[assignment]


@pytest.mark.parametrize("assignment", sorted(AGREED))
def test_the_agreed_points_per_question(assignment):
    questions = load_questions(assignment)
    assert {questions[label].var: score for label, score in points_by_label(assignment).items()} == AGREED[assignment]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("assignment", sorted(TOTALS))
def test_a_translated_assignment_scores_like_the_english_one(assignment, language):
    assert grade_cells(f"{assignment}_{language}") == grade_cells(assignment)
