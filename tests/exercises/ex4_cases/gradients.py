"""Question 8 (`input_gradient`): right answers, and tempting wrong ones with the message each must get."""

RIGHT = {
    "q_8": {
        "a loop over the padded, flipped kernel's windows": "",
        "your convolve2d": """
            def input_gradient(dY, K):
                return convolve2d(dY, K, 'full')
            """,
        "your corr2d on the padded dY": """
            def input_gradient(dY, K):
                kh, kw = np.shape(K)
                padded = np.pad(np.asarray(dY), ((kh - 1, kh - 1), (kw - 1, kw - 1)))
                return corr2d(padded, np.asarray(K)[::-1, ::-1])
            """,
        "one shifted copy of K per upstream value": """
            def input_gradient(dY, K):
                dY, K = np.asarray(dY), np.asarray(K)
                dX = np.zeros((dY.shape[0] + K.shape[0] - 1, dY.shape[1] + K.shape[1] - 1), dtype=np.float32)
                for i in range(dY.shape[0]):
                    for j in range(dY.shape[1]):
                        dX[i:i + K.shape[0], j:j + K.shape[1]] += dY[i, j] * K
                return dX
            """,
        "the tape through a hand-written corr2d": """
            def input_gradient(dY, K):
                dY, K = tf.constant(dY, tf.float32), tf.constant(K, tf.float32)
                X = tf.Variable(tf.zeros((dY.shape[0] + K.shape[0] - 1, dY.shape[1] + K.shape[1] - 1)))
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum(corr2d(X, K) * dY)
                return tape.gradient(loss, X)
            """,
    },
}


def _full(flip: str) -> str:
    """The full cross-correlation of dY with ``flip`` applied to K."""
    return f"""
        def input_gradient(dY, K):
            K = np.asarray(K)
            K = {flip}
            kh, kw = K.shape
            return corr2d(np.pad(np.asarray(dY), ((kh - 1, kh - 1), (kw - 1, kw - 1))), K)
        """


WRONG = [
    ("q_8", "the kernel as written", _full("K"), "you slid K over dY as it is written"),
    ("q_8", "flipped top to bottom", _full("K[::-1, :]"), "top to bottom only"),
    ("q_8", "flipped left to right", _full("K[:, ::-1]"), "left to right only"),
    ("q_8", "transposed, then flipped", _full("K.T[::-1, ::-1]"), "you transposed the kernel"),
    (
        "q_8",
        "a VALID cross-correlation of dY",
        """
        def input_gradient(dY, K):
            return corr2d(dY, K)
        """,
        "the shape of a VALID cross-correlation",
    ),
    (
        "q_8",
        "padded as SAME",
        """
        def input_gradient(dY, K):
            kh, kw = np.shape(K)
            return corr2d(np.pad(np.asarray(dY), ((kh // 2, (kh - 1) // 2), (kw // 2, (kw - 1) // 2))), K)
        """,
        "as with SAME padding",
    ),
    (
        "q_8",
        "twice the gradient",
        """
        def input_gradient(dY, K):
            return 2 * convolve2d(dY, K, 'full')
        """,
        "but the expected result is",
    ),
]
