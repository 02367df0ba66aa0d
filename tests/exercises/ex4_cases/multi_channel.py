"""Question 2 (`corr2d_multi_in`, `corr2d_multi_in_out`): right answers, and tempting wrong ones with the
message each must get."""

RIGHT = {
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
}

WRONG = [
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
]
