"""Passing the from-scratch rule without forging (issue 16, item 5), graded as a class by the real
``autograder grade`` on exercise 4 (sandboxed kernels, the judge, nbgrader).

The hostile students answer every from-scratch question with TensorFlow's convolution and pooling,
wrapped in ``tf.function``s that one cell after the set-up cell traces, before any check runs, and
keeps in a dict; each answer cell then takes its function from there. A traced function runs as one
operation, so the operation watch saw its call and not the ``Conv2D`` inside, and the reference scan
did not look inside the dict: before, each scored 12 of 12. Now the dict is searched and the traced
graphs read (in the kernel, before and while the function runs): each scores only the question that
has no from-scratch rule (``conv_multiply_adds``, written honestly; ``convolve2d`` is left unanswered),
is told which library operation it used, and is flagged for the instructor. One student calls the
public ``tf.nn.conv2d`` (found by reading the traced Python), the other TensorFlow's private
``gen_nn_ops`` (found only in the graphs).
An honest student in the same run scores full marks.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from classroom import insert_after, write_notebook
from gradebooks import cell_scores, max_scores
from grading_support import MEMORY, Run, autograder
from harness.course import answer_module, copy_course, nbgrader
from harness.notebooks import grade_id, with_answers

from autograder.grading.tamper import static

ASSIGNMENT = "ex4_from_scratch"
TIMEOUT = "120"  # exercise 4 trains kernels: an honest notebook takes about 25 s on a loaded machine
TRACED = """
import itertools
import numpy as np
import tensorflow as tf
from tensorflow.python.ops import gen_nn_ops

_ANY = tf.TensorSpec([1, None, None, None])
_FILTERS = tf.TensorSpec([None, None, None, None])
_SIZES = tf.TensorSpec([4], tf.int32)
KEPT = {
    "conv": tf.function(lambda x, k, s=1, p="VALID": CONV, input_signature=[_ANY, _FILTERS]),
    "max": tf.function(lambda x, size, step: MAX_POOL, input_signature=[_ANY, _SIZES, _SIZES]),
}
for _s, _p in itertools.product((1, 2, 3), ("VALID", "SAME")):
    KEPT[_s, _p] = tf.function(lambda x, k, s=_s, p=_p: CONV, input_signature=[_ANY, _FILTERS])
    KEPT[_s, _p](tf.ones((1, 4, 4, 1)), tf.ones((2, 2, 1, 1)))
KEPT["conv"](tf.ones((1, 4, 4, 1)), tf.ones((2, 2, 1, 1)))
KEPT["max"](tf.ones((1, 4, 4, 1)), [1, 2, 2, 1], [1, 1, 1, 1])  # all traced before any check runs


def _f32(value):
    return tf.cast(tf.convert_to_tensor(value), tf.float32)


def _corr2d(X, K):
    return KEPT["conv"](_f32(X)[None, :, :, None], _f32(K)[:, :, None, None])[0, :, :, 0]


def _corr2d_multi_in(X, K):
    images = tf.transpose(_f32(X), (1, 2, 0))[None]
    return KEPT["conv"](images, tf.transpose(_f32(K), (1, 2, 0))[..., None])[0, :, :, 0]


def _corr2d_multi_in_out(X, K):
    images = tf.transpose(_f32(X), (1, 2, 0))[None]
    return tf.transpose(KEPT["conv"](images, tf.transpose(_f32(K), (2, 3, 1, 0)))[0], (2, 0, 1))


def _pool2d(X, pool_size, mode="max", stride=1):
    X = _f32(X)[None, :, :, None]
    if mode == "max":
        return KEPT["max"](X, [1, *pool_size, 1], [1, stride, stride, 1])[0, :, :, 0]
    ph, pw = pool_size
    return KEPT["conv"](X, tf.ones((ph, pw, 1, 1)) / (ph * pw))[0, ::stride, ::stride, 0]


def _step(X, Y, K):
    with tf.GradientTape() as tape:
        tape.watch(K)
        x, k, s, p = X[None, :, :, None], K[:, :, None, None], 1, "VALID"
        loss = tf.reduce_sum((CONV[0, :, :, 0] - Y) ** 2)
    return tape.gradient(loss, K)


_PLANE = tf.TensorSpec([None, None])
KEPT["step"] = tf.function(_step, input_signature=[_PLANE, _PLANE, _PLANE])
KEPT["step"](tf.ones((3, 3)), tf.ones((2, 2)), tf.ones((2, 2)))


def _train_kernel(X, Y, kernel_shape, steps, lr):
    K = tf.zeros(kernel_shape)
    for _ in range(steps):
        K = K - lr * KEPT["step"](_f32(X), _f32(Y), K)
    return K.numpy()


def _corr2d_strided(X, K, stride=1, padding="valid"):
    return KEPT[stride, padding.upper()](_f32(X)[None, :, :, None], _f32(K)[:, :, None, None])[0, :, :, 0]


def _im2col(X, kernel_shape):
    kh, kw = (int(k) for k in kernel_shape)
    picks = tf.reshape(tf.eye(kh * kw), (kh, kw, 1, kh * kw))
    return tf.reshape(KEPT["conv"](_f32(X)[None, :, :, None], picks), (-1, kh * kw))


ANSWERS = {
    "corr2d": _corr2d,
    "corr2d_multi_in": _corr2d_multi_in,
    "corr2d_multi_in_out": _corr2d_multi_in_out,
    "pool2d": _pool2d,
    "train_kernel": _train_kernel,
    "corr2d_strided": _corr2d_strided,
    "im2col": _im2col,
}
"""
LIBRARY = {  # how each hostile student calls the library inside its traced functions
    "traced_public": (
        "tf.nn.conv2d(x, k, s, p)",
        'tf.raw_ops.MaxPoolV2(input=x, ksize=size, strides=step, padding="VALID")',
    ),
    "traced_private": ("gen_nn_ops.conv2d(x, k, [1, s, s, 1], p)", 'gen_nn_ops.max_pool_v2(x, size, step, "VALID")'),
}
REFUSED_AS = {"traced_public": "`tf.nn.conv2d`", "traced_private": "`tf.raw_ops.Conv2D`"}
FROM_SCRATCH = {  # answer cell: (variable, check call)
    "q1a_answer": ("corr2d", "q_1.a"),
    "q2a_answer": ("corr2d_multi_in", "q_2.a"),
    "q2b_answer": ("corr2d_multi_in_out", "q_2.b"),
    "q3_answer": ("pool2d", "q_3"),
    "q4_answer": ("train_kernel", "q_4"),
    "q6_answer": ("corr2d_strided", "q_6"),
    "q7_answer": ("im2col", "q_7"),
}


def hostile(release: nbformat.NotebookNode, conv: str, pool: str) -> nbformat.NotebookNode:
    """The blank release, the traced library functions after the set-up cell, every from-scratch
    answer taken from them, and the one question without that rule answered honestly."""
    answers = {key: f"{var} = ANSWERS[{var!r}]\n\n{check}.check()" for key, (var, check) in FROM_SCRATCH.items()}
    answers["q5_answer"] = answer_module(ASSIGNMENT).RIGHT["q5_answer"]
    traced = TRACED.strip("\n").replace("CONV", conv).replace("MAX_POOL", pool)
    return insert_after(with_answers(release, answers), "setup", traced)


@pytest.fixture(scope="module")
def scratch_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    course = copy_course(tmp_path_factory.mktemp("scratch") / "course")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    submitted = course / "submitted"
    write_notebook(submitted / "full" / ASSIGNMENT, with_answers(release, answer_module(ASSIGNMENT).RIGHT), ASSIGNMENT)
    for student, (conv, pool) in LIBRARY.items():
        write_notebook(submitted / student / ASSIGNMENT, hostile(release, conv, pool), ASSIGNMENT)
    return autograder(course, "grade", ASSIGNMENT, "--timeout", TIMEOUT, "--memory", MEMORY)


def records(run: Run) -> dict[str, dict]:
    folder = run.course / ".autograder" / ASSIGNMENT / "records"
    return {path.stem: json.loads(path.read_text()) for path in folder.glob("*.json")}


@pytest.mark.nbgrader
@pytest.mark.slow
def test_every_submission_is_graded_and_the_hostile_ones_are_flagged(scratch_run: Run) -> None:
    assert scratch_run.returncode == 4, scratch_run.stdout + scratch_run.stderr[-3000:]
    found = records(scratch_run)
    assert {name: (record["status"], record["reason"]) for name, record in found.items()} == {
        name: ("graded", "") for name in ("full", *LIBRARY)
    }
    assert found["full"]["findings"] == []
    for student in LIBRARY:
        rules = {(finding["severity"], finding["rule"]) for finding in found[student]["findings"]}
        assert rules == {("warning", "traced-library")}, found[student]["findings"]


@pytest.mark.nbgrader
@pytest.mark.slow
def test_library_work_in_traced_functions_scores_nothing_and_honest_work_scores_in_full(scratch_run: Run) -> None:
    scores, most = cell_scores(scratch_run.course, ASSIGNMENT), max_scores(scratch_run.course, ASSIGNMENT)
    assert scores["full"] == most and sum(most.values()) == 14
    for student in LIBRARY:
        assert scores[student] == {cell: (most[cell] if cell == "q5_tests" else 0.0) for cell in most}, student
        assert records(scratch_run)[student]["score"] == 1.0


@pytest.mark.nbgrader
@pytest.mark.slow
def test_each_hostile_student_is_told_which_library_operation_did_the_work(scratch_run: Run) -> None:
    for student, refused in REFUSED_AS.items():
        path = scratch_run.course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        cells = {grade_id(cell): cell for cell in nbformat.read(path, as_version=4).cells}
        verdict = "".join(output.get("evalue", "") for output in cells["q1a_tests"].outputs)
        assert verdict.startswith(f"q_1.a: Incorrect. `corr2d` uses {refused}, which does the cross-correlation"), (
            verdict
        )


def test_the_static_scan_flags_a_tf_function_around_a_library_convolution_only() -> None:
    flagged = [
        "k = {'conv': tf.function(lambda x, k: tf.nn.conv2d(x, k, 1, 'VALID'))}",
        "import tensorflow as T\nfrom tensorflow.python.ops import gen_nn_ops\nf = T.function(gen_nn_ops.conv2d)",
        "@tf.function(reduce_retracing=True)\ndef f(x):\n    return tf.nn.max_pool2d(x, 2, 1, 'VALID')",
    ]
    honest = [
        "@tf.function\ndef corr2d(X, K):\n    return tf.reduce_sum(X[:2, :2] * K)",
        "filter_fn = tf.nn.conv2d  # naming the library function is not tracing it",
        "f = tf.function(lambda a, b: tf.tensordot(a, b, 2))",
    ]
    for index, source in enumerate(flagged):
        assert [finding.rule for finding in static.scan_cells([(index, source)])] == ["traced-library"], source
    assert static.scan_cells(enumerate(honest)) == []
