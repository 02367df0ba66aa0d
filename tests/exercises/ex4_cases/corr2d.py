"""Question 1 (`corr2d`): right answers, and tempting wrong ones with the message each must get."""

RIGHT = {
    "q_1.a": {
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
}

WRONG = [
    (
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
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
        "q_1.a",
        "numpy methods on tensors",
        """
        def corr2d(X, K):
            kh, kw = K.shape
            return np.array([[(X[i:i + kh, j:j + kw] * K).sum() for j in range(X.shape[1] - kw + 1)]
                             for i in range(X.shape[0] - kh + 1)])
        """,
        "no numpy methods such as `.sum()`",
    ),
]

RAISING = {
    "square kernel assumed, broadcasting error",
    "item assignment into a tensor",
    "numpy methods on tensors",
}
"""Wrong answers above that raise in the student's code."""

CONVOLVE_RIGHT = {
    "q_1.b": {
        "tf.pad and corr2d": "",
        "np.flip, np.pad and loops of its own": """
            def convolve2d(X, K, mode="valid"):
                X, K = np.asarray(X), np.flip(np.asarray(K))
                kh, kw = K.shape
                if mode == "full":
                    X = np.pad(X, ((kh - 1, kh - 1), (kw - 1, kw - 1)))
                h, w = X.shape
                return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for j in range(w - kw + 1)]
                                 for i in range(h - kh + 1)])
            """,
        "tf.reverse and corr2d": """
            def convolve2d(X, K, mode="valid"):
                kh, kw = K.shape
                flipped = tf.reverse(K, axis=[0, 1])
                if mode == "full":
                    X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])
                return corr2d(X, flipped)
            """,
        "the sum with the kernel read backwards": """
            def convolve2d(X, K, mode="valid"):
                X, K = np.asarray(X, dtype=np.float64), np.asarray(K, dtype=np.float64)
                kh, kw = K.shape
                if mode == "full":
                    X = np.pad(X, ((kh - 1,) * 2, (kw - 1,) * 2))
                out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
                Y = np.zeros((out_h, out_w))
                for a in range(kh):
                    for b in range(kw):
                        Y += X[a:a + out_h, b:b + out_w] * K[kh - 1 - a, kw - 1 - b]
                return Y
            """,
        "a stamp of the kernel per pixel, then cropped": """
            def convolve2d(X, K, mode="valid"):
                X, K = np.asarray(X), np.asarray(K)
                (h, w), (kh, kw) = X.shape, K.shape
                full = np.zeros((h + kh - 1, w + kw - 1))
                for i in range(h):
                    for j in range(w):
                        full[i:i + kh, j:j + kw] += X[i, j] * K
                return full if mode == "full" else full[kh - 1:h, kw - 1:w]
            """,
    },
}

_FLIPPED_BY = """
def convolve2d(X, K, mode="valid"):
    K = FLIP
    kh, kw = K.shape
    if mode == "full":
        X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])
    return corr2d(X, K)
"""


def _flipped_by(flip: str) -> str:
    return _FLIPPED_BY.replace("FLIP", flip)


def _padded_by(pads: str, valid_too: bool = False) -> str:
    condition = "True" if valid_too else 'mode == "full"'
    return (
        'def convolve2d(X, K, mode="valid"):\n'
        "    kh, kw = K.shape\n"
        f"    if {condition}:\n"
        f"        X = tf.pad(X, {pads})\n"
        "    return corr2d(X, K[::-1, ::-1])\n"
    )


CONVOLVE_WRONG = [
    ("q_1.b", "kernel not flipped", _flipped_by("K"), "the cross-correlation of question 1 a"),
    ("q_1.b", "flipped top to bottom only", _flipped_by("K[::-1, :]"), "top to bottom only"),
    ("q_1.b", "flipped left to right only", _flipped_by("tf.reverse(K, axis=[1])"), "left to right only"),
    ("q_1.b", "kernel transposed", _flipped_by("tf.transpose(K)"), "you transposed the kernel"),
    (
        "q_1.b",
        "output turned around",
        """
        def convolve2d(X, K, mode="valid"):
            kh, kw = K.shape
            if mode == "full":
                X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])
            return tf.reverse(corr2d(X, K), axis=[0, 1])
        """,
        "turned the output around",
    ),
    (
        "q_1.b",
        "mode ignored",
        'def convolve2d(X, K, mode="valid"):\n    return corr2d(X, K[::-1, ::-1])\n',
        "your 'full' output has the VALID size",
    ),
    (
        "q_1.b",
        "half a kernel of padding",
        _padded_by("[[kh // 2, (kh - 1) // 2], [kw // 2, (kw - 1) // 2]]"),
        "as large as the input, as with SAME padding. 'full'",
    ),
    ("q_1.b", "a kernel of padding", _padded_by("[[kh, kh], [kw, kw]]"), "two rows and two columns too large"),
    (
        "q_1.b",
        "padded in VALID mode too",
        _padded_by("[[kh - 1, kh - 1], [kw - 1, kw - 1]]", valid_too=True),
        "for `mode='valid'` too",
    ),
]
