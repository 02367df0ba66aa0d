"""Exercise 4: right answers pass, tempting wrong answers get their own message, library calls are refused."""

import functools
import random
import re
import textwrap

import keras
import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
import tensorflow as tf
from harness.garbage import garbage
from harness.judged import checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autograder.i18n
from autograder.core import Status, ____, graded
from autograder.core.from_scratch import LibraryUsed, library_reference, run_without
from autograder.exercises import ex4
from autograder.exercises.ex4 import QUESTIONS
from autograder.exercises.ex4.convolution import MultiChannel
from autograder.exercises.ex4.descent import training_case
from autograder.exercises.ex4.references import as_float, np_corr2d
from autograder.i18n.messages import template
from autograder.vision.pooling import pool_map, pool_numpy

VARS = {
    "q_1": "corr2d",
    "q_2.a": "corr2d_multi_in",
    "q_2.b": "corr2d_multi_in_out",
    "q_3": "pool2d",
    "q_4": "train_kernel",
    "q_5": "conv_params",
    "q_6": "corr2d_strided",
    "q_7": "im2col",
}
SOLUTIONS = "\n\n".join(QUESTIONS[label].solution for label in VARS)
HIDDEN_SEEDS = {
    "q_1": (8, 4101),
    "q_2.a": (4, 4201),
    "q_2.b": (4, 4202),
    "q_3": (10, 4301),
    "q_4": (2, 4401),
    "q_6": (10, 4601),
    "q_7": (10, 4701),
}


def student(*sources):
    """A student namespace: every model solution, then the given sources on top."""
    values = {"tf": tf, "np": np, "____": ____}
    for source in (SOLUTIONS, *sources):
        exec(textwrap.dedent(source), values)
    return values


def outcome(label, *sources, **options):
    return checked(QUESTIONS[label], student(*sources), **options)


def assert_status(label, source, status, fragment, **options):
    result = outcome(label, source, **options)
    assert result.status is status, result
    assert fragment in result.message, result.message
    return result


# --- worked values and references ------------------------------------------------------------


def test_published_worked_values():
    values = student()
    assert np.array_equal(values["corr2d"](ex4.example_X, ex4.example_K), [[19, 25], [37, 43]])
    assert np.array_equal(values["corr2d_multi_in"](ex4.example_X2, ex4.example_K2), [[56, 72], [104, 120]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2)), [[4, 5], [7, 8]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2), "avg"), [[2, 3], [5, 6]])
    assert values["corr2d_multi_in_out"](ex4.example_X2, ex4.example_K3).shape == (3, 2, 2)


@pytest.mark.parametrize("seed", range(5))
def test_tensorflow_references_agree_with_plain_numpy(seed):
    gen = np.random.default_rng(seed)
    X, K = gen.normal(size=(7, 5)), gen.normal(size=(3, 2))
    assert np.allclose(QUESTIONS["q_1"].reference(X, K), np_corr2d(X, K), atol=1e-4)
    for mode, reduce in (("max", np.max), ("avg", np.mean)):
        for stride in (1, 2, 3):
            numpy_pooled = pool_numpy(X, (2, 3), stride, "valid", reduce=reduce)
            assert np.allclose(pool_map(X, (2, 3), stride, "valid", mode), numpy_pooled, atol=1e-5)


@pytest.mark.parametrize(("kh", "kw", "c_in", "c_out"), [(3, 3, 3, 64), (1, 1, 128, 32), (5, 2, 7, 3)])
def test_parameter_formula_is_what_keras_counts(kh, kw, c_in, c_out):
    layer = keras.layers.Conv2D(c_out, (kh, kw))
    layer.build((None, 16, 16, c_in))
    assert QUESTIONS["q_5"].reference(kh, kw, c_in, c_out) == layer.count_params()


# --- every right answer passes -----------------------------------------------------------------

RIGHT = {
    "q_1": {
        "loops over outputs with tf.stack": "",
        "numpy after conversion": """
            def corr2d(X, K):
                X, K = np.asarray(X), np.asarray(K)
                kh, kw = K.shape
                Y = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
                for i in range(Y.shape[0]):
                    for j in range(Y.shape[1]):
                        Y[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
                return Y
            """,
        "shift and add": """
            def corr2d(X, K):
                kh, kw = K.shape
                out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
                return sum(K[a, b] * X[a:a + out_h, b:b + out_w] for a in range(kh) for b in range(kw))
            """,
        "assignment into a tf.Variable": """
            def corr2d(X, K):
                kh, kw = K.shape
                Y = tf.Variable(tf.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1)))
                for i in range(Y.shape[0]):
                    for j in range(Y.shape[1]):
                        Y[i, j].assign(tf.reduce_sum(X[i:i + kh, j:j + kw] * K))
                return Y
            """,
        "sliding windows and einsum": """
            def corr2d(X, K):
                K = np.asarray(K)
                windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), K.shape)
                return np.einsum("ijab,ab->ij", windows, K)
            """,
        "nested lists of tensors": """
            def corr2d(X, K):
                kh, kw = K.shape
                return [[tf.reduce_sum(X[i:i + kh, j:j + kw] * K) for j in range(X.shape[1] - kw + 1)]
                        for i in range(X.shape[0] - kh + 1)]
            """,
        "columns in the outer loop": """
            def corr2d(X, K):
                X, K = np.asarray(X), np.asarray(K)
                (h, w), (kh, kw) = X.shape, K.shape
                Y = np.zeros((h - kh + 1, w - kw + 1), dtype=np.float32)
                for j in range(w - kw + 1):
                    for i in range(h - kh + 1):
                        Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
                return Y
            """,
    },
    "q_2.a": {
        "tf.add_n": "",
        "python sum over channels": """
            def corr2d_multi_in(X, K):
                return sum(corr2d(X[c], K[c]) for c in range(len(X)))
            """,
        "reduce_sum of a stack": """
            def corr2d_multi_in(X, K):
                return tf.reduce_sum(tf.stack([corr2d(x, k) for x, k in zip(X, K)]), axis=0)
            """,
        "own loops, no corr2d": """
            def corr2d_multi_in(X, K):
                X, K = np.asarray(X), np.asarray(K)
                c_in, kh, kw = K.shape
                Y = np.zeros((X.shape[1] - kh + 1, X.shape[2] - kw + 1))
                for i in range(Y.shape[0]):
                    for j in range(Y.shape[1]):
                        Y[i, j] = np.sum(X[:, i:i + kh, j:j + kw] * K)
                return Y
            """,
    },
    "q_2.b": {
        "tf.stack": "",
        "a list of maps": """
            def corr2d_multi_in_out(X, K):
                return [corr2d_multi_in(X, k) for k in K]
            """,
        "numpy": """
            def corr2d_multi_in_out(X, K):
                return np.array([np.asarray(corr2d_multi_in(X, K[o])) for o in range(len(K))])
            """,
        "own loops over output and input channels": """
            def corr2d_multi_in_out(X, K):
                maps = []
                for o in range(K.shape[0]):
                    total = corr2d(X[0], K[o][0])
                    for c in range(1, K.shape[1]):
                        total = total + corr2d(X[c], K[o][c])
                    maps.append(total)
                return tf.stack(maps)
            """,
    },
    "q_3": {
        "reduce functions": "",
        "running maximum from -inf": """
            def pool2d(X, pool_size, mode='max', stride=1):
                X = np.asarray(X)
                ph, pw = pool_size
                out = np.zeros(((X.shape[0] - ph) // stride + 1, (X.shape[1] - pw) // stride + 1))
                for i in range(out.shape[0]):
                    for j in range(out.shape[1]):
                        window = X[i * stride:i * stride + ph, j * stride:j * stride + pw]
                        best = -np.inf
                        for value in window.ravel():
                            best = max(best, value)
                        out[i, j] = best if mode == 'max' else window.mean()
                return out
            """,
        "sliding windows": """
            def pool2d(X, pool_size, mode='max', stride=1):
                windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
                return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
            """,
        "columns outside, output positions times the stride": """
            def pool2d(X, pool_size, mode='max', stride=1):
                ph, pw = pool_size
                h, w = X.shape
                reduce = np.max if mode == 'max' else np.mean
                columns = []
                for j in range((w - pw) // stride + 1):
                    column = [reduce(np.asarray(X)[i * stride:i * stride + ph, j * stride:j * stride + pw])
                              for i in range((h - ph) // stride + 1)]
                    columns.append(column)
                return np.array(columns).T
            """,
    },
    "q_4": {
        "zeros and assign_sub": "",
        "random start, numpy result": """
            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.Variable(tf.random.normal(kernel_shape, seed=3))
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_sum(tf.square(corr2d(X, K) - Y))
                    K.assign(K - lr * tape.gradient(loss, K))
                return K.numpy()
            """,
        "a watched tensor, rebound each step": """
            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.zeros(kernel_shape)
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        tape.watch(K)
                        loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                    K = K - lr * tape.gradient(loss, K)
                return K
            """,
        "a corr2d that adds shifted slices": """
            def corr2d(X, K):
                kh, kw = K.shape
                out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
                return sum(K[a, b] * X[a:a + out_h, b:b + out_w] for a in range(kh) for b in range(kw))

            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.Variable(tf.zeros(kernel_shape))
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_sum(tf.square(corr2d(X, K) - Y))
                    K.assign_sub(lr * tape.gradient(loss, K))
                return K
            """,
        "a Keras SGD optimizer": """
            import keras

            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.Variable(tf.zeros(kernel_shape))
                optimizer = keras.optimizers.SGD(learning_rate=lr)
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                    optimizer.apply_gradients([(tape.gradient(loss, K), K)])
                return K
            """,
    },
    "q_5": {
        "formula": "",
        "weights plus biases": """
            def conv_params(kh, kw, c_in, c_out):
                return kh * kw * c_in * c_out + c_out
            """,
        "numpy integer": """
            def conv_params(kh, kw, c_in, c_out):
                return np.int64((kh * kw * c_in + 1) * c_out)
            """,
        "a whole float": """
            def conv_params(kh, kw, c_in, c_out):
                return float(kh * kw * c_in * c_out + c_out)
            """,
    },
    "q_6": {
        "pad, then numpy windows": "",
        "tf.pad and the student's own corr2d, then every stride-th output": """
            import math

            def corr2d_strided(X, K, stride=1, padding="valid"):
                kh, kw = K.shape
                X = tf.convert_to_tensor(X, tf.float32)
                if padding.lower() == "same":
                    pads = []
                    for n, k in zip(X.shape, (kh, kw)):
                        total = max((math.ceil(n / stride) - 1) * stride + k - n, 0)
                        pads.append([total // 2, total - total // 2])
                    X = tf.pad(X, pads)
                return corr2d(X, tf.convert_to_tensor(K, tf.float32))[::stride, ::stride]
            """,
    },
    "q_7": {
        "a list of flattened windows": "",
        "sliding_window_view": """
            def im2col(X, kernel_shape):
                windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), tuple(kernel_shape))
                return windows.reshape(-1, kernel_shape[0] * kernel_shape[1])
            """,
        "tf.reshape of tf slices": """
            def im2col(X, kernel_shape):
                kh, kw = kernel_shape
                h, w = X.shape
                rows = [tf.reshape(X[i:i + kh, j:j + kw], [-1]) for i in range(h - kh + 1) for j in range(w - kw + 1)]
                return tf.stack(rows)
            """,
    },
}


def test_im2col_times_the_flattened_kernel_is_corr2d():
    values = student()
    rng = np.random.default_rng(7)
    for shape, kernel_shape in [((5, 7), (2, 3)), ((4, 4), (3, 1)), ((6, 3), (2, 2))]:
        X = rng.normal(size=shape).astype(np.float32)
        K = rng.normal(size=kernel_shape).astype(np.float32)
        product = np.asarray(values["im2col"](X, K.shape)) @ K.ravel()
        assert np.allclose(product, np.asarray(values["corr2d"](X, K)).ravel(), atol=1e-5)


@pytest.mark.parametrize(
    ("label", "name"), [(label, name) for label, answers in RIGHT.items() for name in answers], ids=str
)
def test_right_answers_pass_visible_and_hidden_checks(label, name):
    source = RIGHT[label][name]
    assert outcome(label, source).passed, outcome(label, source)
    extra, seed = HIDDEN_SEEDS.get(label, (6, 4501))
    result = outcome(label, source, extra_cases=extra, seed=seed)
    assert result.passed, result


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 8])
def test_solutions_pass_other_random_cases(seed):
    values = student()
    for label in ("q_1", "q_2.a", "q_2.b", "q_3", "q_5"):
        assert QUESTIONS[label].evaluate(values, extra_cases=6, seed=seed).passed, label


def test_solutions_shown_to_students_are_themselves_correct():
    values = {"tf": tf, "np": np}
    for label in VARS:
        exec(QUESTIONS[label].solution, values)
    for label in VARS:
        assert QUESTIONS[label].evaluate(values).passed, label


def test_every_graded_question_has_hints_and_a_solution():
    assert sorted(graded(QUESTIONS)) == sorted(VARS)
    for question in graded(QUESTIONS).values():
        assert len(question.hints) >= 2 and question.solution


# --- every tempting wrong answer fails with its own message ------------------------------------

OPTIMIZER_LOOP = """
import keras

def train_kernel(X, Y, kernel_shape, steps, lr):
    K = tf.Variable(tf.zeros(kernel_shape))
    optimizer = {optimizer}
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
        optimizer.apply_gradients([(tape.gradient(loss, K), K)])
    return K
"""
"""A training loop with another optimizer than the lesson's plain gradient step."""

WRONG = [
    (
        "q_1",
        "flipped kernel (true convolution)",
        """
        def corr2d(X, K):
            K = np.asarray(K)[::-1, ::-1]
            kh, kw = K.shape
            return np.array([[np.sum(np.asarray(X)[i:i + kh, j:j + kw] * K) for j in range(X.shape[1] - kw + 1)]
                             for i in range(X.shape[0] - kh + 1)])
        """,
        "you flipped the kernel",
    ),
    (
        "q_1",
        "SAME-sized output",
        """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            kh, kw = K.shape
            padded = np.pad(X, ((0, kh - 1), (0, kw - 1)))
            return np.array([[np.sum(padded[i:i + kh, j:j + kw] * K) for j in range(X.shape[1])]
                             for i in range(X.shape[0])])
        """,
        "as large as the input, as with SAME padding",
    ),
    (
        "q_1",
        "transposed output",
        """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            kh, kw = K.shape
            return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for i in range(X.shape[0] - kh + 1)]
                             for j in range(X.shape[1] - kw + 1)])
        """,
        "your output is transposed",
    ),
    (
        "q_1",
        "off-by-one output size",
        """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            kh, kw = K.shape
            return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for j in range(X.shape[1] - kw)]
                             for i in range(X.shape[0] - kh)])
        """,
        "one row and one column short",
    ),
    (
        "q_1",
        "square kernel assumed",
        """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            k = K.shape[0]
            return np.array([[np.sum(X[i:i + k, j:j + k] * K[:k, :k]) for j in range(X.shape[1] - k + 1)]
                             for i in range(X.shape[0] - k + 1)])
        """,
        "used the kernel's height for its width too",
    ),
    (
        "q_1",
        "square kernel assumed, broadcasting error",
        """
        def corr2d(X, K):
            k = K.shape[0]
            return tf.stack([tf.stack([tf.reduce_sum(X[i:i + k, j:j + k] * K) for j in range(X.shape[1] - k + 1)])
                             for i in range(X.shape[0] - k + 1)])
        """,
        "Each window must have the kernel's shape",
    ),
    (
        "q_1",
        "square image assumed",
        """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            n = X.shape[0]
            kh, kw = K.shape
            return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for j in range(n - kw + 1)]
                             for i in range(n - kh + 1)])
        """,
        "Images need not be square",
    ),
    (
        "q_1",
        "output sized columns by rows",
        """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            kh, kw = K.shape
            Y = np.zeros((X.shape[1] - kw + 1, X.shape[0] - kh + 1))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
            return Y
        """,
        "your output has its rows and columns swapped",
    ),
    (
        "q_1",
        "loops that run past the edge",
        """
        def corr2d(X, K):
            kh, kw = K.shape
            return tf.stack([tf.stack([tf.reduce_sum(X[i:i + kh, j:j + kw] * K) for j in range(X.shape[1])])
                             for i in range(X.shape[0])])
        """,
        "your output is as large as the input",
    ),
    (
        "q_1",
        "item assignment into a tensor",
        """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = tf.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j] = tf.reduce_sum(X[i:i + kh, j:j + kw] * K)
            return Y
        """,
        "does not support item assignment, `Y[i, j] = ...`",
    ),
    (
        "q_1",
        "numpy methods on tensors",
        """
        def corr2d(X, K):
            kh, kw = K.shape
            return np.array([[(X[i:i + kh, j:j + kw] * K).sum() for j in range(X.shape[1] - kw + 1)]
                             for i in range(X.shape[0] - kh + 1)])
        """,
        "no numpy methods such as `.sum()`",
    ),
    (
        "q_2.a",
        "no sum over channels",
        """
        def corr2d_multi_in(X, K):
            return tf.stack([corr2d(x, k) for x, k in zip(X, K)])
        """,
        "you returned one map per input channel",
    ),
    (
        "q_2.a",
        "mean instead of sum",
        """
        def corr2d_multi_in(X, K):
            return tf.reduce_mean(tf.stack([corr2d(x, k) for x, k in zip(X, K)]), axis=0)
        """,
        "a sum, not a mean",
    ),
    (
        "q_2.a",
        "first channel only",
        """
        def corr2d_multi_in(X, K):
            return corr2d(X[0], K[0])
        """,
        "only the first channel",
    ),
    (
        "q_2.a",
        "flipped kernels",
        """
        def corr2d_multi_in(X, K):
            return tf.add_n([corr2d(x, tf.reverse(k, [0, 1])) for x, k in zip(X, K)])
        """,
        "your kernels are flipped",
    ),
    (
        "q_2.a",
        "the first kernel for every channel, not summed",
        """
        def corr2d_multi_in(X, K):
            return tf.stack([corr2d(x, K[0]) for x in X])
        """,
        "shape (c_in, h', w')",
    ),
    (
        "q_2.b",
        "channels last",
        """
        def corr2d_multi_in_out(X, K):
            return tf.stack([corr2d_multi_in(X, k) for k in K], axis=-1)
        """,
        "channels last",
    ),
    (
        "q_2.b",
        "no sum over input channels",
        """
        def corr2d_multi_in_out(X, K):
            return tf.stack([tf.stack([corr2d(x, kk) for x, kk in zip(X, k)]) for k in K])
        """,
        "one map per input channel for every output channel",
    ),
    (
        "q_2.b",
        "output channels added",
        """
        def corr2d_multi_in_out(X, K):
            return tf.add_n([corr2d_multi_in(X, k) for k in K])
        """,
        "added the output channels together",
    ),
    (
        "q_2.b",
        "channels last, first input channel only",
        """
        def corr2d_multi_in_out(X, K):
            return tf.stack([corr2d(X[0], k[0]) for k in K], axis=-1)
        """,
        "the shape of a channels-last result",
    ),
    (
        "q_2.b",
        "the first output channel only",
        """
        def corr2d_multi_in_out(X, K):
            return corr2d_multi_in(X, K[0])
        """,
        "you returned a single map",
    ),
    (
        "q_3",
        "stride ignored",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "you ignored `stride`: windows should start every",
    ),
    (
        "q_3",
        "average where max is asked",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.mean(axis=(2, 3))
        """,
        "asks for its largest value",
    ),
    (
        "q_3",
        "max where average is asked",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.max(axis=(2, 3))
        """,
        "asks for its mean",
    ),
    (
        "q_3",
        "sum instead of average",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.sum(axis=(2, 3))
        """,
        "divides that sum by the number of cells",
    ),
    (
        "q_3",
        "max of absolute values",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return np.abs(windows).max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "largest absolute value",
    ),
    (
        "q_3",
        "running maximum from zero",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            if mode == 'max':
                return np.maximum(windows.max(axis=(2, 3)), 0)
            return windows.mean(axis=(2, 3))
        """,
        "as when a running maximum starts at 0",
    ),
    (
        "q_3",
        "output one short",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            ph, pw = pool_size
            X = np.asarray(X)
            rows = range(0, X.shape[0] - ph, stride)
            cols = range(0, X.shape[1] - pw, stride)
            return np.array([[X[i:i + ph, j:j + pw].max() if mode == 'max' else X[i:i + ph, j:j + pw].mean()
                              for j in cols] for i in rows])
        """,
        "one row and one column short",
    ),
    (
        "q_3",
        "SAME-sized output",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            ph, pw = pool_size
            X = np.asarray(X)
            padded = np.pad(X, ((0, ph), (0, pw)), constant_values=-np.inf)
            return np.array([[padded[i:i + ph, j:j + pw].max() for j in range(0, X.shape[1], stride)]
                             for i in range(0, X.shape[0], stride)])
        """,
        "the size SAME padding would give",
    ),
    (
        "q_3",
        "window height and width swapped",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size[::-1])[::stride, ::stride]
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "swapped the window's height and width",
    ),
    (
        "q_3",
        "loops that only work on square inputs",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            ph, pw = pool_size
            n = X.shape[0]
            reduce = np.max if mode == 'max' else np.mean
            return np.array([[reduce(np.asarray(X)[i:i + ph, j:j + pw]) for j in range(0, n - pw + 1, stride)]
                             for i in range(0, n - ph + 1, stride)])
        """,
        "only work on square inputs",
    ),
    (
        "q_3",
        "loops that only work on square windows",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            p = pool_size[0]
            h, w = X.shape
            reduce = np.max if mode == 'max' else np.mean
            return np.array([[reduce(np.asarray(X)[i:i + p, j:j + p]) for j in range(0, w - p + 1, stride)]
                             for i in range(0, h - p + 1, stride)])
        """,
        "only work on square windows",
    ),
    (
        "q_3",
        "output sized for stride 1",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            X = np.asarray(X)
            ph, pw = pool_size
            out = np.zeros((X.shape[0] - ph + 1, X.shape[1] - pw + 1))
            for i in range(0, X.shape[0] - ph + 1, stride):
                for j in range(0, X.shape[1] - pw + 1, stride):
                    window = X[i:i + ph, j:j + pw]
                    out[i // stride, j // stride] = window.max() if mode == 'max' else window.mean()
            return out
        """,
        "you ignored `stride` when sizing the output",
    ),
    (
        "q_4",
        "initial kernel returned",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            return tf.Variable(tf.zeros(kernel_shape))
        """,
        "it never learned",
    ),
    (
        "q_4",
        "random start, no learning",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            return tf.random.normal(kernel_shape, seed=2)
        """,
        "hardly better than an all-zero kernel",
    ),
    (
        "q_4",
        "flattened kernel",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return tf.reshape(K, [-1])
        """,
        "the learned kernel should have the shape `kernel_shape`",
    ),
    (
        "q_4",
        "mean loss",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "mean squared error",
    ),
    (
        "q_4",
        "a single update",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
            K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "what a single update from the start gives",
    ),
    (
        "q_4",
        "gradient ascent",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_add(lr * tape.gradient(loss, K))
            return K
        """,
        "went uphill",
    ),
    (
        "q_4",
        "closed form, ignoring steps and lr",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
            (kh, kw), (oh, ow) = kernel_shape, Y.shape
            A = np.array([X[a:a + oh, b:b + ow].ravel() for a in range(kh) for b in range(kw)]).T
            return np.linalg.lstsq(A, Y.ravel(), rcond=None)[0].reshape(kernel_shape)
        """,
        "does not seem to follow the `steps` and `lr` it is given",
    ),
    (
        "q_4",
        "K rebound to a plain tensor",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                grad = tape.gradient(loss, K)
                K = K - lr * grad
            return K
        """,
        "rebinds `K` to a new value",
    ),
    (
        "q_4",
        "K never a variable",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.zeros(kernel_shape)
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K = K - lr * tape.gradient(loss, K)
            return K
        """,
        "The gradient is None from the first update",
    ),
    (
        "q_4",
        "corr2d filled with tf.Variable.assign",
        """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = tf.Variable(tf.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1)))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j].assign(tf.reduce_sum(X[i:i + kh, j:j + kw] * K))
            return Y
        """,
        "`assign` is not differentiable",
    ),
    (
        "q_4",
        "K rebound to what assign_sub returns",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K = K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "The first update works, but the second gets a gradient of None",
    ),
    (
        "q_4",
        "loss computed after the tape closed",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    prediction = corr2d(X, K)
                loss = tf.reduce_sum((prediction - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "run inside the `with tf.GradientTape() as tape:` block",
    ),
    (
        "q_4",
        "one tape for the whole loop",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            with tf.GradientTape() as tape:
                for _ in range(steps):
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                    K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "A tape gives one gradient only",
    ),
    (
        "q_4",
        "assign_sub on a plain tensor",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.zeros(kernel_shape)
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    tape.watch(K)
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "methods of a `tf.Variable` only",
    ),
    (
        "q_4",
        "a new variable in every step",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            for _ in range(steps):
                K = tf.Variable(tf.zeros(kernel_shape))
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "the other updates were lost",
    ),
    *(
        ("q_4", name, OPTIMIZER_LOOP.format(optimizer=optimizer), fragment)
        for name, optimizer, fragment in (
            ("the Adam optimizer", "keras.optimizers.Adam(learning_rate=lr)", "what the Adam optimizer does"),
            ("the RMSprop optimizer", "keras.optimizers.RMSprop(learning_rate=lr)", "what the RMSprop optimizer does"),
            (
                "SGD with momentum",
                "keras.optimizers.SGD(learning_rate=lr, momentum=0.9)",
                "your updates carry momentum",
            ),
        )
    ),
    (
        "q_6",
        "SAME's extra cell before",
        QUESTIONS["q_6"].solution.replace(
            "pads.append((total // 2, total - total // 2))", "pads.append((total - total // 2, total // 2))"
        ),
        "the extra row or column of SAME padding is on the wrong side",
    ),
    (
        "q_6",
        "SAME padding k - 1 whatever the stride",
        QUESTIONS["q_6"].solution.replace(
            "total = max((math.ceil(n / stride) - 1) * stride + k - n, 0)", "total = k - 1"
        ),
        "you padded k - 1 in total, as for stride 1",
    ),
    (
        "q_6",
        "SAME treated as VALID",
        QUESTIONS["q_6"].solution.replace("if padding.lower() == 'same':", "if padding == 'SAME':"),
        "this is VALID",
    ),
    (
        "q_6",
        "strides of the window ignored",
        QUESTIONS["q_6"]
        .solution.replace("// stride + 1", "+ 1")
        .replace("X[i * stride:i * stride + kh, j * stride:j * stride + kw]", "X[i:i + kh, j:j + kw]"),
        "you ignored `stride`: windows start every",
    ),
    (
        "q_7",
        "transposed matrix",
        QUESTIONS["q_7"].solution.replace("return np.stack(rows)", "return np.stack(rows).T"),
        "your matrix is transposed",
    ),
    (
        "q_7",
        "windows flattened column by column",
        QUESTIONS["q_7"].solution.replace(".ravel()", ".T.ravel()"),
        "each window is flattened column by column",
    ),
    (
        "q_7",
        "windows listed column by column",
        QUESTIONS["q_7"].solution.replace(
            "for i in range(h - kh + 1) for j in range(w - kw + 1)",
            "for j in range(w - kw + 1) for i in range(h - kh + 1)",
        ),
        "the windows are listed column by column",
    ),
    (
        "q_7",
        "a grid of windows",
        """
        def im2col(X, kernel_shape):
            X = np.asarray(X)
            kh, kw = kernel_shape
            grid = np.lib.stride_tricks.sliding_window_view(X, (kh, kw))
            return grid.reshape(X.shape[0] - kh + 1, X.shape[1] - kw + 1, kh * kw)
        """,
        "you kept the windows in a grid",
    ),
    (
        "q_7",
        "loops for square inputs only",
        QUESTIONS["q_7"].solution.replace("for j in range(w - kw + 1)", "for j in range(h - kw + 1)"),
        "your loops only work on square inputs",
    ),
    (
        "q_7",
        "windows not flattened",
        QUESTIONS["q_7"].solution.replace(".ravel()", ""),
        "each window is still a (kh, kw) block",
    ),
    (
        "q_7",
        "the sliding-window view as it is",
        """
        def im2col(X, kernel_shape):
            return np.lib.stride_tricks.sliding_window_view(np.asarray(X), tuple(kernel_shape))
        """,
        "you kept the windows as a grid of (kh, kw) blocks",
    ),
    (
        "q_5",
        "no bias",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in * c_out",
        "you forgot the biases",
    ),
    (
        "q_5",
        "a bias per input channel",
        "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw + 1) * c_in * c_out",
        "every kh x kw kernel its own bias",
    ),
    (
        "q_5",
        "c_in forgotten",
        "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw + 1) * c_out",
        "forgot the input channels",
    ),
    (
        "q_5",
        "one bias for the layer",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in * c_out + 1",
        "a single bias for the whole layer",
    ),
    (
        "q_5",
        "c_out forgotten",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in + 1",
        "the count for one output channel",
    ),
    (
        "q_5",
        "kernel height squared",
        "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kh * c_in + 1) * c_out",
        "kernel height twice",
    ),
    (
        "q_5",
        "a bias per input channel, once",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in * c_out + c_in",
        "one bias per input channel, c_in of them",
    ),
    (
        "q_5",
        "a string",
        "def conv_params(kh, kw, c_in, c_out):\n    return str((kh * kw * c_in + 1) * c_out)",
        "a single whole number",
    ),
]


WRONG_SOURCE = {name: source for _, name, source, _ in WRONG}
RAISING = {
    "square kernel assumed, broadcasting error",
    "item assignment into a tensor",
    "numpy methods on tensors",
    "K rebound to a plain tensor",
    "K rebound to what assign_sub returns",
    "K never a variable",
    "loss computed after the tape closed",
    "one tape for the whole loop",
    "assign_sub on a plain tensor",
    "corr2d filled with tf.Variable.assign",
}
"""Wrong answers that raise in the student's code: an error with a note, not an incorrect answer."""


@pytest.mark.parametrize(("label", "name", "source", "fragment"), WRONG, ids=[f"{w[0]}-{w[1]}" for w in WRONG])
def test_tempting_wrong_answers_each_get_their_own_message(label, name, source, fragment):
    assert_status(label, source, Status.ERROR if name in RAISING else Status.INCORRECT, fragment)


def test_messages_of_the_wrong_answers_are_distinct_per_question():
    by_question = {}
    for label, _, _, fragment in WRONG:
        by_question.setdefault(label, []).append(fragment)
    for fragments in by_question.values():
        assert len(fragments) == len(set(fragments))


@pytest.mark.parametrize("label", [label for label in VARS if QUESTIONS[label].diagnoses])
def test_every_diagnosis_is_reached_by_a_tempting_wrong_answer(label):
    """Each diagnosis message holds the fragment of one wrong answer above, and no fragment names two diagnoses."""
    fragments = [fragment for wrong_label, _, _, fragment in WRONG if wrong_label == label]
    messages = [diagnosis.message for diagnosis in QUESTIONS[label].diagnoses]
    for message in messages:
        assert any(fragment in message for fragment in fragments), message
    for fragment in fragments:
        assert sum(fragment in message for message in messages) <= 1, fragment


# The words of the answer in each question's last hint, which no earlier hint may give away.
ANSWER_WORDS = {
    "q_1": "tf.reduce_sum(X[i:i + kh, j:j + kw] * K)",
    "q_2.a": "tf.add_n(",
    "q_2.b": "tf.stack([corr2d_multi_in(X, k) for k in K])",
    "q_3": "range(0, h - ph + 1, stride)",
    "q_4": "K.assign_sub(lr * tape.gradient(loss, K))",
    "q_5": "(kh * kw * c_in + 1) * c_out",
    "q_6": "np.pad(np.asarray(X)",
    "q_7": "np.stack([np.ravel(",
}


@pytest.mark.parametrize("label", sorted(ANSWER_WORDS))
def test_hints_nudge_first_and_give_the_answer_only_last(label):
    hints = QUESTIONS[label].hints
    assert len(hints) >= 3
    assert ANSWER_WORDS[label] in hints[-1]
    assert not any(ANSWER_WORDS[label] in hint for hint in hints[:-1])


def test_no_hint_mentions_a_later_question():
    order = list(VARS)
    for position, label in enumerate(order):
        later = {VARS[other] for other in order[position + 1 :]} - {VARS[label]}
        for hint in QUESTIONS[label].hints:
            named = {name for name in later if re.search(rf"`{name}\b", hint)}
            assert not named, (label, named, hint)


@functools.cache
def marked_messages() -> frozenset[str]:
    """Every message marked for translation in the package (plural forms too)."""
    ids = (message.id for message in template() if message.id)
    return frozenset(form for text in ids for form in ((text,) if isinstance(text, str) else text))


def translated_where_shown(message: str, fragment: str) -> bool:
    """Whether ``fragment`` lies in a part of ``message`` that a marked text, translated by `_`, produced.

    Under the `tagged` fixture each translated text starts with "»": the text between the last tag
    before the fragment and the fragment must be how a marked message that holds the fragment starts.
    """
    position = message.index(fragment)
    start = message.rfind("»", 0, position) + 1
    if not start:
        return False
    for text in marked_messages():
        if fragment in text:
            prefix = re.split(r"(\{\w+\})", text[: text.index(fragment)])
            pattern = "".join(".*?" if piece.startswith("{") else re.escape(piece) for piece in prefix)
            if re.fullmatch(pattern, message[start:position], re.S):
                return True
    return False


def test_student_facing_texts_are_marked_for_translation():
    marked = marked_messages()
    for label in VARS:
        question = QUESTIONS[label]
        texts = [*question.hints, *(diagnosis.message for diagnosis in question.diagnoses)]
        texts += [getattr(question, name) for name in ("shape_rule", "refusal") if getattr(question, name, "")]
        for text in texts:
            assert text in marked, (label, text)


@pytest.fixture
def tagged(monkeypatch):
    """Every message "translated" by a tag in front of it, so that a test sees which texts went through `_`."""

    class Tagged:
        def gettext(self, message):
            return "»" + message

        def ngettext(self, singular, plural, n):
            return "»" + (singular if n == 1 else plural)

    monkeypatch.setattr(autograder.i18n, "translations", lambda code: Tagged())


@pytest.mark.parametrize(("label", "name", "source", "fragment"), WRONG, ids=[f"{w[0]}-{w[1]}" for w in WRONG])
def test_messages_of_wrong_answers_are_translated_where_they_are_shown(tagged, label, name, source, fragment):
    message = outcome(label, source).message
    assert fragment in message and translated_where_shown(message, fragment), message


def test_wrong_answers_name_the_call_that_failed():
    result = outcome("q_3", WRONG_SOURCE["stride ignored"])
    assert result.message.startswith("`pool2d(<array of shape (5, 7)>, (2, 2), 'max', 2)`")


def test_train_kernel_explains_a_swapped_kernel_shape():
    question = QUESTIONS["q_4"]
    X, Y, _, steps, lr = training_case(random.Random(9), (2, 3))
    target = question.reference(X, Y, (2, 3), steps, lr)
    assert "height and width swapped" in question.explain_mismatch(np.zeros((3, 2)), target)


def test_a_wrong_helper_is_pointed_out_in_later_questions():
    broken = """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            kh, kw = K.shape
            return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for i in range(X.shape[0] - kh + 1)]
                             for j in range(X.shape[1] - kw + 1)])
        """
    assert_status("q_2.a", broken, Status.INCORRECT, "calls your `corr2d`, which is not right yet (q_1)")
    assert_status("q_2.b", broken, Status.INCORRECT, "calls your `corr2d_multi_in`, which is not right yet (q_2.a)")


def test_mixing_float64_into_float32_tensors_is_explained():
    float64_kernel = """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(np.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """
    assert_status("q_4", float64_kernel, Status.ERROR, "will not mix them with float64 ones")
    float64_output = """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = tf.Variable(tf.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1)))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j].assign(tf.reduce_sum(tf.cast(X[i:i + kh, j:j + kw], tf.float64) * tf.cast(K, tf.float64)))
            return Y
        """
    assert_status("q_1", float64_output, Status.ERROR, "will not mix them with float64 ones")


def test_an_unfinished_helper_is_pointed_out_when_the_next_answer_raises():
    stub = "def corr2d(X, K):\n    ____"
    result = assert_status("q_2.a", stub, Status.ERROR, "Your code raised")
    assert "calls your `corr2d`, which is not right yet (q_1)" in result.message


def test_a_forward_pass_that_cuts_the_gradient_is_explained():
    numpy_forward = """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
            return Y
        """
    assert_status("q_4", numpy_forward, Status.ERROR, "Your `corr2d` lets no gradient through")
    assert vars(QUESTIONS["q_4"]) == {}, "the check's namespace travels in the call, not on the shared question"


# --- not attempted and the student's own errors -----------------------------------------------


@pytest.mark.parametrize("label", sorted(VARS))
def test_untouched_stubs_and_missing_functions_are_not_attempted(label):
    var = VARS[label]
    stub = f"def {var}(*args):\n    '''doc'''\n    ____  # YOUR CODE HERE"
    assert outcome(label, stub).status is Status.NOT_ATTEMPTED
    assert QUESTIONS[label].evaluate({}).status is Status.NOT_ATTEMPTED
    assert QUESTIONS[label].evaluate({var: ____}).status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("label", sorted(VARS))
@pytest.mark.parametrize("result", ["____", "[[____, ____]]", "tf.constant([[____]])"])
def test_placeholders_in_results_are_not_attempted(label, result):
    source = f"def {VARS[label]}(*args):\n    return {result}"
    assert outcome(label, source).status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("label", sorted(VARS))
def test_student_exceptions_are_errors_not_crashes(label):
    source = f"def {VARS[label]}(*args):\n    raise ValueError('my bug')"
    assert_status(label, source, Status.ERROR, "Your code raised ValueError")


@pytest.mark.parametrize("label", sorted(VARS))
def test_a_missing_return_is_explained(label):
    assert_status(label, f"def {VARS[label]}(*args):\n    pass", Status.INCORRECT, "forget a `return`")


# --- the from-scratch rule -------------------------------------------------------------------

LIBRARY = [
    (
        "q_1",
        """
        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return tf.nn.conv2d(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), 1, 'VALID')[0, :, :, 0]
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_1",
        """
        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return tf.nn.convolution(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)))[0, :, :, 0]
        """,
        "tf.nn.convolution",
    ),
    (
        "q_1",
        """
        from scipy.signal import correlate2d

        def corr2d(X, K):
            return correlate2d(X, K, mode='valid')
        """,
        "scipy.signal.correlate2d",
    ),
    (
        "q_1",
        """
        def corr2d(X, K):
            import scipy.signal
            return scipy.signal.correlate2d(X, K, mode='valid')
        """,
        "scipy.signal.correlate2d",
    ),
    (
        "q_1",
        """
        from scipy import ndimage

        def corr2d(X, K):
            kh, kw = np.shape(K)
            origin = (-(kh // 2), -(kw // 2))
            full = ndimage.correlate(np.asarray(X, float), np.asarray(K, float), mode='constant', origin=origin)
            return full[:np.shape(X)[0] - kh + 1, :np.shape(X)[1] - kw + 1]
        """,
        "scipy.ndimage.correlate",
    ),
    (
        "q_1",
        """
        import keras

        def corr2d(X, K):
            layer = keras.layers.Conv2D(1, np.shape(K), use_bias=False)
            layer.build((None, None, None, 1))
            layer.kernel.assign(tf.reshape(tf.cast(K, tf.float32), (*np.shape(K), 1, 1)))
            return layer(tf.reshape(tf.cast(X, tf.float32), (1, *np.shape(X), 1)))[0, :, :, 0]
        """,
        "tf.nn.convolution",
    ),
    (
        "q_1",
        """
        import keras

        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return keras.ops.conv(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)))[0, :, :, 0]
        """,
        "keras.ops.conv",
    ),
    (
        "q_1",
        """
        conv = tf.compat.v1.nn.conv2d

        def helper(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return conv(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), [1, 1, 1, 1], 'VALID')

        def corr2d(X, K):
            return helper(X, K)[0, :, :, 0]
        """,
        "tf.compat.v1.nn.conv2d",
    ),
    (
        "q_1",
        """
        def corr2d(X, K, engine=tf.nn.conv2d):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return engine(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), 1, 'VALID')[0, :, :, 0]
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_1",
        """
        def make(engine):
            def corr2d(X, K):
                images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
                return engine(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), 1, 'VALID')[0, :, :, 0]
            return corr2d

        corr2d = make(tf.nn.conv2d)
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_1",
        """
        @tf.function
        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return tf.nn.conv2d(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), 1, 'VALID')[0, :, :, 0]

        corr2d(tf.ones((3, 3)), tf.ones((2, 2)))  # traced before the check
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_1",
        """
        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            filters = tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1))
            try:
                return tf.nn.conv2d(images, filters, 1, 'VALID')[0, :, :, 0]
            except Exception:
                return tf.zeros((X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1))
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_2.a",
        """
        def corr2d_multi_in(X, K):
            images = tf.transpose(tf.cast(X, tf.float32), (1, 2, 0))[None]
            filters = tf.transpose(tf.cast(K, tf.float32), (1, 2, 0))[..., None]
            return tf.nn.conv2d(images, filters, 1, 'VALID')[0, :, :, 0]
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_2.b",
        """
        def corr2d_multi_in_out(X, K):
            images = tf.transpose(tf.cast(X, tf.float32), (1, 2, 0))[None]
            filters = tf.transpose(tf.cast(K, tf.float32), (2, 3, 1, 0))
            return tf.transpose(tf.nn.conv2d(images, filters, 1, 'VALID')[0], (2, 0, 1))
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_3",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            batch = tf.cast(X, tf.float32)[None, :, :, None]
            return tf.nn.pool(batch, pool_size, mode.upper(), strides=(stride, stride), padding='VALID')[0, :, :, 0]
        """,
        "tf.nn.pool",
    ),
    (
        "q_3",
        """
        import keras

        def pool2d(X, pool_size, mode='max', stride=1):
            kind = keras.layers.MaxPool2D if mode == 'max' else keras.layers.AveragePooling2D
            layer = kind(pool_size, stride)
            return layer(tf.cast(X, tf.float32)[None, :, :, None])[0, :, :, 0]
        """,
        "tf.nn.max_pool",
    ),
    (
        "q_3",
        """
        import scipy.ndimage

        def pool2d(X, pool_size, mode='max', stride=1):
            origin = (-(pool_size[0] // 2), -(pool_size[1] // 2))
            full = scipy.ndimage.maximum_filter(np.asarray(X), size=pool_size, origin=origin)
            return full[:np.shape(X)[0] - pool_size[0] + 1:stride, :np.shape(X)[1] - pool_size[1] + 1:stride]
        """,
        "scipy.ndimage.maximum_filter",
    ),
    (
        "q_4",
        """
        import keras

        def train_kernel(X, Y, kernel_shape, steps, lr):
            conv = keras.layers.Conv2D(1, kernel_shape, use_bias=False)
            model = keras.Sequential([keras.Input((None, None, 1)), conv])
            model.compile(optimizer=keras.optimizers.SGD(lr), loss='mse')
            model.fit(X[None, :, :, None], Y[None, :, :, None], epochs=steps, verbose=0)
            return model.layers[0].kernel[:, :, 0, 0]
        """,
        "tf.nn.convolution",
    ),
    # Reached around the public names (the grading red team's finds): refused as operations, or found
    # where they are kept.
    (
        "q_1",
        """
        from tensorflow.python.ops import gen_nn_ops

        def corr2d(X, K):
            X, K = tf.cast(X, tf.float32), tf.cast(K, tf.float32)
            return gen_nn_ops.conv2d(X[None, :, :, None], K[:, :, None, None], [1, 1, 1, 1], 'VALID')[0, :, :, 0]
        """,
        "tf.raw_ops.Conv2D",
    ),
    (
        "q_1",
        """
        _kept = {'conv': tf.nn.conv2d}

        def corr2d(X, K):
            X, K = tf.cast(X, tf.float32), tf.cast(K, tf.float32)
            return _kept['conv'](X[None, :, :, None], K[:, :, None, None], 1, 'VALID')[0, :, :, 0]
        """,
        "tf.nn.conv2d",  # found inside the dict
    ),
    (
        "q_3",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            pool = getattr(tf.compat.v2.nn, 'max_pool2d' if mode == 'max' else 'avg_pool2d')
            X = tf.cast(X, tf.float32)[None, :, :, None]
            return pool(X, pool_size, stride, 'VALID')[0, :, :, 0]
        """,
        "tf.raw_ops.MaxPool",
    ),
    (
        "q_7",
        """
        from tensorflow.python.ops import gen_array_ops

        def im2col(X, kernel_shape):
            kh, kw = kernel_shape
            images = tf.cast(X, tf.float32)[None, :, :, None]
            patches = gen_array_ops.extract_image_patches(images, [1, kh, kw, 1], [1, 1, 1, 1], [1, 1, 1, 1], 'VALID')
            return tf.reshape(patches, (-1, kh * kw))
        """,
        "tf.image.ExtractImagePatches",
    ),
]


@pytest.mark.parametrize(
    ("label", "source", "name"), LIBRARY, ids=[f"{w[0]}-{w[2]}-{i}" for i, w in enumerate(LIBRARY)]
)
def test_functions_that_hand_the_work_to_a_library_fail_with_a_clear_message(label, source, name):
    result = assert_status(label, source, Status.INCORRECT, f"uses `{name}`")
    assert "yourself" in result.message or "your own" in result.message


def test_library_functions_are_back_after_every_check():
    originals = (tf.nn.conv2d, tf.nn.convolution, tf.nn.max_pool2d, tf.raw_ops.Conv2D, scipy.signal.correlate2d)
    for label, source, _ in LIBRARY:
        outcome(label, source)
    outcome("q_1", "def corr2d(X, K):\n    raise RuntimeError('boom')")
    assert (
        tf.nn.conv2d,
        tf.nn.convolution,
        tf.nn.max_pool2d,
        tf.raw_ops.Conv2D,
        scipy.signal.correlate2d,
    ) == originals
    assert scipy.ndimage.maximum_filter(np.eye(3), size=2).shape == (3, 3)


def test_loops_and_numpy_helpers_are_not_mistaken_for_library_calls():
    allowed = """
        from scipy.signal import correlate2d  # imported but not used by the function

        def corr2d(X, K):
            K = np.asarray(K)
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), K.shape)
            return np.tensordot(windows, K, axes=([2, 3], [0, 1]))
        """
    assert outcome("q_1", allowed).passed


# --- the from-scratch rule and traced functions ------------------------------------------------

# A tf.function traced before the check runs as one operation (its name), whose graph holds the
# Conv2D: the Python behind it uses TensorFlow's private module, so only the graph tells.
TRACED_CONV = """
    import builtins
    import keras
    from tensorflow.python.ops import gen_nn_ops

    SPECS = [tf.TensorSpec([1, None, None, 1]), tf.TensorSpec([None, None, 1, 1])]
    _conv = tf.function(lambda x, k: gen_nn_ops.conv2d(x, k, [1, 1, 1, 1], 'VALID'), input_signature=SPECS)
    _conv(tf.ones((1, 3, 3, 1)), tf.ones((2, 2, 1, 1)))

    def batch(X, K):
        return tf.cast(X, tf.float32)[None, :, :, None], tf.cast(K, tf.float32)[:, :, None, None]
    """
TRACED_POOL = """
    from tensorflow.python.ops import gen_nn_ops

    SPECS = [tf.TensorSpec([1, None, None, 1]), tf.TensorSpec([4], tf.int32), tf.TensorSpec([4], tf.int32)]
    _pool = tf.function(lambda x, size, step: gen_nn_ops.max_pool_v2(x, size, step, 'VALID'), input_signature=SPECS)
    _pool(tf.ones((1, 3, 3, 1)), [1, 2, 2, 1], [1, 1, 1, 1])
    """
TRACED_EVASIONS = {
    "in a dict": "KEPT = {'conv': _conv}\ndef corr2d(X, K):\n    return KEPT['conv'](*batch(X, K))[0, :, :, 0]",
    "in a list": "KEPT = [None, [_conv]]\ndef corr2d(X, K):\n    return KEPT[1][0](*batch(X, K))[0, :, :, 0]",
    "as a default argument": "def corr2d(X, K, conv=_conv):\n    return conv(*batch(X, K))[0, :, :, 0]",
    "in a closure": (
        "def make(conv):\n    def corr2d(X, K):\n        return conv(*batch(X, K))[0, :, :, 0]\n    return corr2d\n"
        "corr2d = make(_conv)\ndel make"
    ),
    "on an object": (
        "class Engine:\n    pass\nENGINE = Engine()\nENGINE.conv = _conv\n"
        "def corr2d(X, K):\n    return ENGINE.conv(*batch(X, K))[0, :, :, 0]"
    ),
    "as a traced method": (
        "class Engine:\n"
        "    @tf.function(input_signature=SPECS)\n"
        "    def conv(self, x, k):\n"
        "        return gen_nn_ops.conv2d(x, k, [1, 1, 1, 1], 'VALID')\n"
        "ENGINE = Engine()\nENGINE.conv(tf.ones((1, 3, 3, 1)), tf.ones((2, 2, 1, 1)))\n"
        "def corr2d(X, K):\n    return ENGINE.conv(*batch(X, K))[0, :, :, 0]"
    ),
    "inside another tf.function": (
        "_outer = tf.function(lambda x, k: _conv(x, k) + 0.0, input_signature=SPECS)\n"
        "_outer(tf.ones((1, 3, 3, 1)), tf.ones((2, 2, 1, 1)))\ndel _conv  # only the outer graph names it\n"
        "KEPT = {'outer': _outer}\ndef corr2d(X, K):\n    return KEPT['outer'](*batch(X, K))[0, :, :, 0]"
    ),
    "as a Keras layer whose call is traced": (
        "class Corr(keras.layers.Layer):\n"
        "    @tf.function(input_signature=SPECS)\n"
        "    def call(self, x, k):\n"
        "        return gen_nn_ops.conv2d(x, k, [1, 1, 1, 1], 'VALID')\n"
        "KEPT = {'layer': Corr()}\nKEPT['layer'](tf.ones((1, 3, 3, 1)), tf.ones((2, 2, 1, 1)))\n"
        "def corr2d(X, K):\n    return KEPT['layer'](*batch(X, K))[0, :, :, 0]"
    ),
    "as a concrete function": (
        "_traced = tf.function(lambda x, k: gen_nn_ops.conv2d(x, k, [1, 1, 1, 1], 'VALID'))\n"
        "KEPT = (_traced.get_concrete_function(*SPECS),)\ndel _traced\n"
        "def corr2d(X, K):\n    return KEPT[0](*batch(X, K))[0, :, :, 0]"
    ),
    "planted in builtins": "builtins.KEPT = _conv\ndef corr2d(X, K):\n    return KEPT(*batch(X, K))[0, :, :, 0]",
    "mapped over a dataset": (
        "KEPT = {'conv': _conv}\n"
        "def corr2d(X, K):\n"
        "    return next(iter(tf.data.Dataset.from_tensors(batch(X, K)).map(KEPT['conv'])))[0, :, :, 0]"
    ),
}


@pytest.fixture
def no_planted_names():
    import builtins

    yield
    vars(builtins).pop("KEPT", None)


@pytest.mark.usefixtures("no_planted_names")
@pytest.mark.parametrize("source", TRACED_EVASIONS.values(), ids=TRACED_EVASIONS)
def test_a_library_convolution_kept_in_a_traced_function_is_refused(source):
    result = outcome("q_1", TRACED_CONV, source)
    assert result.status is Status.INCORRECT
    assert result.message.startswith("`corr2d` uses `tf.raw_ops.Conv2D`, which does the cross-correlation for you.")
    corr2d, library = student(TRACED_CONV, source)["corr2d"], QUESTIONS["q_1"].library
    assert library_reference(corr2d, library) == "tf.raw_ops.Conv2D"  # found by reading, before any call
    with pytest.raises(LibraryUsed) as caught:  # and while it runs, had the reading missed it
        run_without(library, corr2d)(np.ones((4, 4), np.float32), np.ones((2, 2), np.float32))
    assert caught.value.name == "tf.raw_ops.Conv2D"


def test_a_library_pooling_kept_in_a_traced_function_is_refused():
    source = """
        KEPT = {'pool': _pool}

        def pool2d(X, pool_size, mode='max', stride=1):
            X = tf.cast(X, tf.float32)[None, :, :, None]
            return KEPT['pool'](X, [1, *pool_size, 1], [1, stride, stride, 1])[0, :, :, 0]
        """
    result = outcome("q_3", TRACED_POOL, source)
    assert result.status is Status.INCORRECT and "uses `tf.raw_ops.MaxPoolV2`" in result.message
    with pytest.raises(LibraryUsed, match="MaxPoolV2"):
        run_without(QUESTIONS["q_3"].library, student(TRACED_POOL, source)["pool2d"])(np.ones((3, 3)), (2, 2))


HONEST_TRACED = {
    "a hand-written loop, traced": """
        @tf.function
        def corr2d(X, K):
            kh, kw = K.shape
            h, w = X.shape
            rows = [[tf.reduce_sum(X[i:i + kh, j:j + kw] * K) for j in range(w - kw + 1)] for i in range(h - kh + 1)]
            return tf.stack([tf.stack(row) for row in rows])

        corr2d(tf.ones((3, 3)), tf.ones((2, 2)))  # traced before the check
        """,
    "windows times the kernel, with matmul": """
        def corr2d(X, K):
            X, K = tf.cast(X, tf.float32), tf.cast(K, tf.float32)
            kh, kw = K.shape
            h, w = X.shape
            rows = [tf.reshape(X[i:i + kh, j:j + kw], [-1]) for i in range(h - kh + 1) for j in range(w - kw + 1)]
            return tf.reshape(tf.matmul(tf.stack(rows), tf.reshape(K, [-1, 1])), (h - kh + 1, w - kw + 1))
        """,
    "tensordot in a traced helper kept in a dict": """
        TOOLS = {'dot': tf.function(lambda a, b: tf.tensordot(a, b, 2))}

        def corr2d(X, K):
            X, K = tf.cast(X, tf.float32), tf.cast(K, tf.float32)
            kh, kw = K.shape
            return tf.stack([tf.stack([TOOLS['dot'](X[i:i + kh, j:j + kw], K) for j in range(X.shape[1] - kw + 1)])
                             for i in range(X.shape[0] - kh + 1)])
        """,
}


@pytest.mark.parametrize("source", HONEST_TRACED.values(), ids=HONEST_TRACED)
def test_own_computations_in_traced_functions_and_containers_pass(source):
    assert outcome("q_1", source).passed


# --- training cases --------------------------------------------------------------------------


def _training_cases():
    """The cases in which `train_kernel` must reach the hidden kernel (not the one whose lr is too small)."""
    cases = [case for case in QUESTIONS["q_4"].fixed_cases if not QUESTIONS["q_4"].reference(*case).still]
    for seed in (0, 4401, 1, 2, 3):
        rng = random.Random(seed)
        cases += [QUESTIONS["q_4"].random_case(rng) for _ in range(4)]
    return cases


def test_a_case_with_a_tiny_learning_rate_expects_the_kernel_to_stay_near_its_start():
    question = QUESTIONS["q_4"]
    still = [case for case in question.fixed_cases if question.reference(*case).still]
    assert len(still) == 1
    X, Y, shape, steps, lr = still[0]
    target = question.reference(X, Y, shape, steps, lr)
    # gradient descent from zeros, and from a random start, both pass; the hidden kernel itself does not
    assert question.same(np.zeros(shape), target)
    assert question.same(np.random.default_rng(0).normal(size=shape), target)
    assert not question.same(target.kernel, target)


@pytest.mark.parametrize("start", ["zeros", "random"])
def test_training_cases_are_learnable_from_any_reasonable_start(start):
    question = QUESTIONS["q_4"]
    for X, Y, shape, steps, lr in _training_cases():
        hidden = question.reference(X, Y, shape, steps, lr).kernel
        assert np.allclose(np_corr2d(X, hidden), Y, atol=1e-4)
        kernel = np.zeros(shape) if start == "zeros" else np.random.default_rng(steps).normal(size=shape)
        X64, Y64 = as_float(X), as_float(Y)
        for _ in range(steps):
            residual = np_corr2d(X64, kernel) - Y64
            out_h, out_w = Y64.shape
            gradient = np.array(
                [
                    [2 * (residual * X64[a : a + out_h, b : b + out_w]).sum() for b in range(shape[1])]
                    for a in range(shape[0])
                ]
            )
            kernel = kernel - lr * gradient
        assert np.abs(kernel - hidden).max() < question.tolerance / 5
        assert not np.allclose(hidden, hidden[::-1, ::-1]), "the hidden kernel must show a flip"


def test_training_cases_stay_small_enough_to_train_in_well_under_a_second():
    for _, Y, shape, steps, _ in _training_cases():
        assert Y.shape[0] * Y.shape[1] <= 36 and steps <= 20 and shape[0] <= 3 and shape[1] <= 3


# --- views, parts and demo helpers ------------------------------------------------------------


def test_question_two_is_one_multipart_question_with_two_parts():
    assert repr(ex4.q_2.a) == "<question q_2.a: use .check(), .hint() or .solution()>"
    assert MultiChannel().evaluate(student()).passed
    broken = MultiChannel().evaluate(student(WRONG_SOURCE["channels last"]))
    assert broken.status is Status.INCORRECT and broken.message.startswith("Part b: ")


def test_views_check_the_bound_namespace(namespace):
    namespace.update(student())
    assert ex4.q_1.outcome().passed and ex4.q_2.a.outcome().passed and ex4.q_4.outcome().passed


@pytest.mark.parametrize(
    "source",
    [
        "def corr2d(X, K):\n    ____",
        "def corr2d(X, K):\n    raise ValueError('not yet')",
        "def corr2d(X, K):\n    return None",
        "def corr2d(X, K):\n    return 'text'",
        "def corr2d(*args):\n    return np.zeros(3)",
        "corr2d = 3",
    ],
)
def test_demo_helpers_print_a_note_instead_of_crashing(source, capsys):
    values = student(source.replace("corr2d", "stand_in"))
    for show, args in (
        (ex4.show_result, (ex4.example_X, ex4.example_K)),
        (ex4.show_edges, ()),
        (ex4.show_learned_kernel, ()),
    ):
        show(values["stand_in"], *args)
        printed = capsys.readouterr().out
        assert printed.strip() and "Traceback" not in printed, show


def test_demo_helpers_show_right_answers(capsys):
    values = student()
    ex4.show_result(values["corr2d"], ex4.example_X, ex4.example_K)
    ex4.show_result(values["conv_params"], 3, 3, 3, 64)
    ex4.show_edges(values["corr2d"])
    ex4.show_learned_kernel(values["train_kernel"])
    printed = capsys.readouterr().out
    assert "[[19. 25.]" in printed and "= 1792" in printed and "[[ 1. -1.]]" in printed


# --- garbage never crashes the checker ---------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.sampled_from(sorted(VARS)), value=garbage(), as_result=st.booleans())
def test_garbage_answers_and_results_never_crash_the_checker(label, value, as_result):
    answer = (lambda *args, **kwargs: value) if as_result else value
    result = checked(QUESTIONS[label], {VARS[label]: answer})
    assert result.status in (Status.INCORRECT, Status.ERROR, Status.NOT_ATTEMPTED)
    assert "Traceback" not in result.message and result.message
    # strict mode (tests/conftest.py) raises on a checker crash; an ERROR must be the student's own
    assert result.status is not Status.ERROR or result.message.startswith("Your code"), result


def test_lesson_4_claims_about_lost_gradients_hold():
    X = tf.constant(np.arange(20, dtype=np.float32).reshape(4, 5))
    K = tf.Variable(tf.ones((2, 2)))
    with tf.GradientTape() as tape:
        Y = tf.Variable(tf.zeros((3, 4)))
        for i in range(3):
            for j in range(4):
                Y[i, j].assign(tf.reduce_sum(X[i : i + 2, j : j + 2] * K))
        loss = tf.reduce_sum(Y**2)
    assert tape.gradient(loss, K) is None  # assign cuts the gradient
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(K**2)
    rebound = K - 0.1 * tape.gradient(loss, K)
    assert not isinstance(rebound, tf.Variable)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(rebound**2)
    assert tape.gradient(loss, rebound) is None  # the next step's tape does not watch a plain tensor
