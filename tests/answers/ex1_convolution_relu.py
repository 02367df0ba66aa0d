"""Scripted answers for exercise 1 (answer cells are replaced whole, check call included)."""

ASSIGNMENT = "ex1_convolution_relu"

RIGHT = {
    "q1_answer": "kernel = tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])\nq_1.check()",
    "q2_answer": (
        "def kernel_shape(filters, kernel_size, channels):\n"
        "    if isinstance(kernel_size, int):\n"
        "        kernel_size = (kernel_size, kernel_size)\n"
        "    return (*kernel_size, channels, filters)\n\nq_2.check()"
    ),
    "q3_answer": (
        "def conv_layer(images, kernels, biases):\n"
        "    return tf.nn.relu(tf.nn.conv2d(images, kernels, strides=1, padding='VALID') + biases)\n\nq_3.check()"
    ),
    "q4_answer": (
        "feature_map = [[0, 0, 0, 2, 0], [0, 0, 0, 2, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0], [0, 0, 0, 2, 0]]\n"
        "q_4.check()"
    ),
    "q5_answer": "horizontal_kernel = tf.constant([[1, 2, 1], [0, 0, 0], [-1, -2, -1]])\nq_5.check()",
    "q7_answer": (
        "def conv_matrix(kernel, n):\n"
        "    k = len(kernel)\n"
        "    return np.array([[kernel[j - i] if 0 <= j - i < k else 0.0 for j in range(n)] for i in range(n - k + 1)])"
        "\n\nq_7.check()"
    ),
}

WRONG = {
    "q1_answer": [
        ("kernel = tf.constant([[0, 0, 0], [0, 0, 0], [0, 0, 0]])\nq_1.check()", "incorrect", "all zeros"),
        ("kernel = [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]\nq_1.check()", "incorrect", "a list, not a tensor"),
        ("kernel = tf.constant([[1, 2], [3, 4]])\nq_1.check()", "incorrect", "add up to 10, not 0"),
        ("kernel = tf.constant([[0, 0, 0], [0, 0, 1], [0, 0, 0]])\nq_1.check()", "incorrect", "only shifts"),
    ],
    "q2_answer": [
        (
            "def kernel_shape(filters, kernel_size, channels):\n"
            "    if isinstance(kernel_size, int):\n"
            "        kernel_size = (kernel_size, kernel_size)\n"
            "    return (*kernel_size, filters)\n\nq_2.check()",
            "incorrect",
            "you left out the input channels",
        ),
        (
            "def kernel_shape(filters, kernel_size, channels):\n"
            "    return (kernel_size, kernel_size, channels, filters)\n\nq_2.check()",
            "incorrect",
            "may also be a pair",
        ),
        ("kernel_shape = (3, 3, 1, 8)\nq_2.check()", "incorrect", "it should be a function"),
    ],
    "q3_answer": [
        (
            "def conv_layer(images, kernels, biases):\n"
            "    return tf.nn.relu(tf.nn.conv2d(images, kernels, strides=1, padding='SAME') + biases)\n\nq_3.check()",
            "incorrect",
            "as with `padding='SAME'`",
        ),
        (
            "def conv_layer(images, kernels, biases):\n"
            "    return tf.nn.relu(tf.nn.conv2d(images, kernels, strides=1, padding='VALID'))\n\nq_3.check()",
            "incorrect",
            "you left out the biases",
        ),
    ],
    "q4_answer": [
        ("feature_map = [[0, 0, -2, 2, 0]] * 5\nq_4.check()", "incorrect", "entries are wrong"),
        ("feature_map = [[0, 0, 0, 2, 0]] * 6\nq_4.check()", "incorrect", "5x5"),
    ],
    "q5_answer": [
        (
            "horizontal_kernel = tf.constant([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]])\nq_5.check()",
            "incorrect",
            "vertical lines, not horizontal",
        ),
        ("horizontal_kernel = tf.ones((3, 3))\nq_5.check()", "incorrect", "almost as much"),
    ],
    "q7_answer": [
        (
            "def conv_matrix(kernel, n):\n"
            "    k = len(kernel)\n"
            "    M = np.zeros((n - k + 1, n))\n"
            "    for i in range(n - k + 1):\n"
            "        M[i, i:i + k] = kernel[::-1]\n"
            "    return M\n\nq_7.check()",
            "incorrect",
            "the convolution of mathematics",
        ),
        (
            "def conv_matrix(kernel, n):\n"
            "    k = len(kernel)\n"
            "    M = np.zeros((n - k + 1, n))\n"
            "    for i in range(n - k + 1):\n"
            "        M[i, i:i + k] = kernel\n"
            "    return M.T\n\nq_7.check()",
            "incorrect",
            "that is the transpose of M",
        ),
    ],
}

PARTLY_WRONG = {
    "q2_answer": (
        "def kernel_shape(filters, kernel_size, channels):\n"
        "    return (kernel_size, kernel_size, filters, channels)\n\nq_2.check()"
    ),
    "q5_answer": "horizontal_kernel = tf.constant([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]])\nq_5.check()",
}

# q_1 (1) + q_3 (1) + q_4 (2) + q_7 (2) are right; q_2 (1) and q_5 (2) are wrong.
PARTLY_WRONG_SCORE = 6.0
