"""Exercise 4's from-scratch rule and traced functions: a library operation kept in a traced
`tf.function` is refused wherever it is kept, and the student's own traced computations pass."""

import numpy as np
import pytest
from ex4_support import outcome, student

from autograder.core import Status
from autograder.core.from_scratch import LibraryUsed, library_reference, run_without
from autograder.exercises.ex4.questions import QUESTIONS

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
    result = outcome("q_1.a", TRACED_CONV, source)
    assert result.status is Status.INCORRECT
    assert result.message.startswith("`corr2d` uses `tf.raw_ops.Conv2D`, which does the cross-correlation for you.")
    corr2d, library = student(TRACED_CONV, source)["corr2d"], QUESTIONS["q_1.a"].library
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
    assert outcome("q_1.a", source).passed
