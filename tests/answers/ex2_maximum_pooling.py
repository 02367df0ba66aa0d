"""Scripted answers for exercise 2 (answer cells are replaced whole, check call included)."""

ASSIGNMENT = "ex2_maximum_pooling"

POOL_GRADIENT = """def pool_gradient(x, size, stride):
    grad = np.zeros(np.shape(x))
    for top in range(0, grad.shape[0] - size + 1, stride):
        for left in range(0, grad.shape[1] - size + 1, stride):
            window = np.asarray(x)[top:top + size, left:left + size]
            r, c = np.unravel_index(np.argmax(window), window.shape)
            grad[top + r, left + c] {op} 1
    return grad

q_5.check()"""
"""Question 5 by loops over the windows; ``op`` is ``+=`` (right) or ``=`` (overlapping windows counted once)."""

RIGHT = {
    "q1_answer": "image_condense = tf.nn.max_pool2d(image_detect, ksize=3, strides=2, padding='SAME')\nq_1.check()",
    "q2_answer": (
        "def hidden_by_pooling(column, shift, rounds):\n"
        "    return column // 2 ** rounds == (column + shift) // 2 ** rounds\n\nq_2.check()"
    ),
    "q3_answer": "def gap_channels_first(maps):\n    return tf.reduce_mean(maps, axis=[2, 3])\n\nq_3.check()",
    "q4_answer": "pooled_shape = (None, 10, 7, 16)\nq_4.check()",
    "q5_answer": POOL_GRADIENT.format(op="+="),
}

WRONG = {
    "q2_answer": [
        (
            "def hidden_by_pooling(column, shift, rounds):\n    return abs(shift) < 2 ** rounds\n\nq_2.check()",
            "incorrect",
            "size of the shift alone",
        ),
    ],
    "q1_answer": [
        (
            "image_condense = tf.nn.avg_pool2d(image_detect, ksize=3, strides=2, padding='SAME')\nq_1.check()",
            "incorrect",
            "average pooling",
        ),
        (
            "image_condense = tf.nn.max_pool2d(image_detect, ksize=3, strides=2, padding='VALID')\nq_1.check()",
            "incorrect",
            "VALID padding",
        ),
        (
            "image_condense = tf.nn.max_pool2d(image_detect, ksize=2, strides=2, padding='SAME')\nq_1.check()",
            "incorrect",
            "the lesson's 2x2 windows",
        ),
        (
            "image_condense = keras.layers.MaxPool2D(3, padding='same')(image_detect)\nq_1.check()",
            "incorrect",
            "stride defaults to its pool size",
        ),
        (
            "image_condense = tf.nn.max_pool2d(image_filter, ksize=3, strides=2, padding='SAME')\nq_1.check()",
            "incorrect",
            "before ReLU",
        ),
        (
            "image_condense = tf.zeros((1, 86, 129, 1))\nq_1.check()",
            "incorrect",
            "doesn't match max pooling of your `image_detect`",
        ),
        (
            "image_condense = tf.nn.max_pool2d(image_detect, 3, 2, 'SAME')[0, :, :, 0]\nq_1.check()",
            "incorrect",
            "don't squeeze",
        ),
        ("image_condense = [____]\nq_1.check()", "not_attempted", "placeholder"),
    ],
    "q3_answer": [
        (
            "def gap_channels_first(maps):\n    return tf.reduce_mean(maps, axis=[1, 2])\n\nq_3.check()",
            "incorrect",
            "the lesson's channels-last layout",
        ),
        (
            "def gap_channels_first(maps):\n    return keras.layers.GlobalAvgPool2D()(maps)\n\nq_3.check()",
            "incorrect",
            "the lesson's channels-last layout",
        ),
        (
            "def gap_channels_first(maps):\n    return tf.reduce_mean(maps, axis=[2, 3], keepdims=True)\n\nq_3.check()",
            "incorrect",
            "keepdims=True",
        ),
        (
            "def gap_channels_first(maps):\n    return tf.reduce_max(maps, axis=[2, 3])\n\nq_3.check()",
            "incorrect",
            "global max pooling",
        ),
        (
            "def gap_channels_first(maps):\n    return tf.reduce_sum(maps, axis=[2, 3]) / 20\n\nq_3.check()",
            "incorrect",
            "divided the sums by 20",
        ),
    ],
    "q4_answer": [
        ("pooled_shape = (10, 7, 16)\nq_4.check()", "incorrect", "left out the batch axis"),
        ("pooled_shape = (8, 10, 7, 1)\nq_4.check()", "incorrect", "16 channels stay 16"),
        ("pooled_shape = (8, 21, 14, 16)\nq_4.check()", "incorrect", "Keras uses the pool size"),
        ("pooled_shape = (8, 9, 6, 16)\nq_4.check()", "incorrect", "as if padding='valid'"),
        ("pooled_shape = (8, 10, 6, 16)\nq_4.check()", "incorrect", "rounded up"),
        ("pooled_shape = (8, ____, 7, 16)\nq_4.check()", "not_attempted", "placeholder"),
    ],
    "q5_answer": [
        (POOL_GRADIENT.format(op="="), "incorrect", "add up the windows' contributions"),
        (
            "def pool_gradient(x, size, stride):\n    return np.ones(np.shape(x))\n\nq_5.check()",
            "incorrect",
            "the maximum of no window",
        ),
        (
            "def pool_gradient(x, size, stride):\n"
            "    return tf.nn.max_pool2d(np.asarray(x)[None, :, :, None], size, stride, 'VALID')\n\nq_5.check()",
            "incorrect",
            "the forward pass",
        ),
    ],
}

PARTLY_WRONG = {
    "q1_answer": "image_condense = tf.nn.max_pool2d(image_detect, 3, 2, 'VALID')\nq_1.check()",
    "q3_answer": "def gap_channels_first(maps):\n    return tf.reduce_mean(maps, axis=[1, 2])\n\nq_3.check()",
    "q5_answer": POOL_GRADIENT.format(op="="),
}

# q_2 (1) and q_4 (2) are right; q_1 (2), q_3 (1) and q_5 (2) are wrong.
PARTLY_WRONG_SCORE = 3.0
