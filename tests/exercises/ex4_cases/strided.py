"""Question 6 (`corr2d_strided`): right answers, and tempting wrong ones with the message each must get."""

from autograder.exercises.ex4.questions import QUESTIONS

RIGHT = {
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
}

WRONG = [
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
]
