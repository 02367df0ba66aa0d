"""Scripted answers for exercise 3 (answer cells are replaced whole, check call included)."""

ASSIGNMENT = "ex3_sliding_window"

_OUTPUT_SIZE = """
def output_size(n, k, s, p, d):
    span = d * (k - 1) + 1
    return (n + 2 * p - span) // s + 1

q_1.check()
"""

_SAME_PADDING = """
import math

def same_padding(n, k, s, d):
    span = d * (k - 1) + 1
    total = max((math.ceil(n / s) - 1) * s + span - n, 0)
    return total // 2, total - total // 2

q_2.check()
"""

_RECEPTIVE_FIELD = """
def receptive_field(kernel_sizes, strides, dilations):
    field, jump = 1, 1
    for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):
        field += d * (k - 1) * jump
        jump *= s
    return field

q_4.check()
"""

_SYMMETRIC_MATCHES_SAME = """
import math

def symmetric_matches_same(n, k, s):
    return max((math.ceil(n / s) - 1) * s + k - n, 0) == k - 1

q_6.check()
"""

RIGHT = {
    "q1_answer": _OUTPUT_SIZE,
    "q2_answer": _SAME_PADDING,
    "q3_answer": (
        "model_shapes = [(None, 15, 16, 16), (None, 7, 8, 16), (None, 5, 6, 32), (None, 3, 3, 32), (None, 3, 3, 8)]\n"
        "q_3.check()"
    ),
    "q4_answer": _RECEPTIVE_FIELD,
    "q5_answer": "smoothing_kernel = [0.25, 0.5, 0.25]\nq_5.check()",
    "q6_answer": _SYMMETRIC_MATCHES_SAME,
    "q7_answer": "def stack_weights(k, channels):\n    return (k - 1) // 2 * (9 * channels**2 + channels)\nq_7.check()",
}

WRONG = {
    "q1_answer": [
        (
            "def output_size(n, k, s, p, d):\n    return (n + 2 * p - d * (k - 1) - 1) // s\nq_1.check()",
            "incorrect",
            "the +1 is missing",
        ),
        (
            "def output_size(n, k, s, p, d):\n    return (n + p - d * (k - 1) - 1) // s + 1\nq_1.check()",
            "incorrect",
            "padding is counted once",
        ),
        ("def output_size(n, k, s, p, d):\n    return n / 0\nq_1.check()", "error", "ZeroDivisionError"),
    ],
    "q2_answer": [
        (
            "import math\ndef same_padding(n, k, s, d):\n    total = max((math.ceil(n / s) - 1) * s + k - n, 0)\n"
            "    return total // 2, total - total // 2\nq_2.check()",
            "incorrect",
            "a dilated window is wider",
        ),
    ],
    "q3_answer": [
        (
            "model_shapes = [(15, 16, 16), (7, 8, 16), (5, 6, 32), (3, 3, 32), (3, 3, 8)]\nq_3.check()",
            "incorrect",
            "left out the batch axis",
        ),
        (
            "model_shapes = [(None, 15, 16), (None, 7, 8), (None, 5, 6), (None, 3, 3), (None, 3, 3)]\nq_3.check()",
            "incorrect",
            "left out the channels",
        ),
        (
            "model_shapes = [(None, 15, 16, 16), (None, 8, 8, 16), (None, 6, 6, 32), (None, 3, 3, 32), (None, 3, 3, 8)]"
            "\nq_3.check()",
            "incorrect",
            "this is what padding='same' would give",
        ),
    ],
    "q4_answer": [
        (
            "def receptive_field(kernel_sizes, strides, dilations):\n    field, jump = 1, 1\n"
            "    for k, s in zip(kernel_sizes, strides):\n        field += (k - 1) * jump\n        jump *= s\n"
            "    return field\nq_4.check()",
            "incorrect",
            "the dilations are ignored",
        ),
    ],
    "q5_answer": [
        ("smoothing_kernel = [1, 1, 1]\nq_5.check()", "incorrect", "add up to 3"),
        ("smoothing_kernel = [0, 1, 0]\nq_5.check()", "incorrect", "single weight of 1"),
        ("smoothing_kernel = [2, -1]\nq_5.check()", "incorrect", "makes the noise larger"),
    ],
    "q6_answer": [
        ("def symmetric_matches_same(n, k, s):\n    return True\nq_6.check()", "incorrect", "the same size meant"),
        ("def symmetric_matches_same(n, k, s):\n    return s == 1\nq_6.check()", "incorrect", "enough but not needed"),
    ],
    "q7_answer": [
        (
            "def stack_weights(k, channels):\n    return (k - 1) // 2 * 9 * channels**2\nq_7.check()",
            "incorrect",
            "the biases are left out",
        ),
    ],
}

PARTLY_WRONG = {
    "q2_answer": "def same_padding(n, k, s, d):\n    return k // 2, k // 2\nq_2.check()",
    "q4_answer": "def receptive_field(kernel_sizes, strides, dilations):\n    return sum(kernel_sizes)\nq_4.check()",
    "q6_answer": "def symmetric_matches_same(n, k, s):\n    return True\nq_6.check()",
}

# q_1 (2), q_3 (2), q_5 (1) and q_7 (2) are right; q_2 (2), q_4 (2) and q_6 (2) are wrong.
PARTLY_WRONG_SCORE = 7.0
