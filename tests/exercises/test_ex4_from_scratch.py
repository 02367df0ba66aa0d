"""Exercise 4's from-scratch rule: functions that hand the work to a library are refused with a
clear message, and the library is back after every check."""

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
import tensorflow as tf
from ex4_support import assert_status, outcome

from autograder.core import Status

LIBRARY = [
    (
        "q_1.a",
        """
        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return tf.nn.conv2d(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), 1, 'VALID')[0, :, :, 0]
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_1.a",
        """
        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return tf.nn.convolution(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)))[0, :, :, 0]
        """,
        "tf.nn.convolution",
    ),
    (
        "q_1.a",
        """
        from scipy.signal import correlate2d

        def corr2d(X, K):
            return correlate2d(X, K, mode='valid')
        """,
        "scipy.signal.correlate2d",
    ),
    (
        "q_1.a",
        """
        def corr2d(X, K):
            import scipy.signal
            return scipy.signal.correlate2d(X, K, mode='valid')
        """,
        "scipy.signal.correlate2d",
    ),
    (
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
        """
        import keras

        def corr2d(X, K):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return keras.ops.conv(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)))[0, :, :, 0]
        """,
        "keras.ops.conv",
    ),
    (
        "q_1.a",
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
        "q_1.a",
        """
        def corr2d(X, K, engine=tf.nn.conv2d):
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            return engine(images, tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1)), 1, 'VALID')[0, :, :, 0]
        """,
        "tf.nn.conv2d",
    ),
    (
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.b",
        """
        import scipy.signal

        def convolve2d(X, K, mode="valid"):
            return scipy.signal.convolve2d(X, K, mode=mode)
        """,
        "scipy.signal.convolve2d",
    ),
    (
        "q_1.b",
        """
        def convolve2d(X, K, mode="valid"):
            kh, kw = K.shape
            if mode == "full":
                X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])
            images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))
            filters = tf.reshape(tf.cast(K[::-1, ::-1], tf.float32), (kh, kw, 1, 1))
            return tf.nn.conv2d(images, filters, 1, "VALID")[0, :, :, 0]
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
        "q_1.a",
        """
        from tensorflow.python.ops import gen_nn_ops

        def corr2d(X, K):
            X, K = tf.cast(X, tf.float32), tf.cast(K, tf.float32)
            return gen_nn_ops.conv2d(X[None, :, :, None], K[:, :, None, None], [1, 1, 1, 1], 'VALID')[0, :, :, 0]
        """,
        "tf.raw_ops.Conv2D",
    ),
    (
        "q_1.a",
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
    # The course's own helpers: in a graded class the one worked implementation a student still holds.
    (
        "q_3",
        """
        from autograder.vision import pool_numpy

        def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
            return pool_numpy(np.asarray(X), pool_size, stride, padding, mode)
        """,
        "autograder.vision.pool_numpy",
    ),
    (
        "q_3",
        """
        from autograder.vision import pooling

        def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
            return pooling.pool_numpy(np.asarray(X), pool_size, stride, padding, mode)
        """,
        "autograder.vision.pool_numpy",  # the same function, under its package's name
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
    outcome("q_1.a", "def corr2d(X, K):\n    raise RuntimeError('boom')")
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
    assert outcome("q_1.a", allowed).passed
