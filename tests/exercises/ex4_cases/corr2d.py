"""Question 1 (`corr2d`): right answers, and tempting wrong ones with the message each must get."""

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
}

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
]

RAISING = {
    "square kernel assumed, broadcasting error",
    "item assignment into a tensor",
    "numpy methods on tensors",
}
"""Wrong answers above that raise in the student's code."""
