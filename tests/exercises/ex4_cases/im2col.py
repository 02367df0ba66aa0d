"""Question 7 (`im2col`): right answers, and tempting wrong ones with the message each must get."""

from autograder.exercises.ex4.questions import QUESTIONS

RIGHT = {
    "q_7": {
        "a list of flattened windows": "",
        "sliding_window_view": """
            def im2col(X, kernel_shape):
                windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), tuple(kernel_shape))
                return windows.reshape(-1, kernel_shape[0] * kernel_shape[1])
            """,
        "tf.reshape of tf slices": """
            def im2col(X, kernel_shape):
                kh, kw = kernel_shape
                h, w = X.shape
                rows = [tf.reshape(X[i:i + kh, j:j + kw], [-1]) for i in range(h - kh + 1) for j in range(w - kw + 1)]
                return tf.stack(rows)
            """,
    },
}

WRONG = [
    (
        "q_7",
        "transposed matrix",
        QUESTIONS["q_7"].solution.replace("return np.stack(rows)", "return np.stack(rows).T"),
        "your matrix is transposed",
    ),
    (
        "q_7",
        "windows flattened column by column",
        QUESTIONS["q_7"].solution.replace(".ravel()", ".T.ravel()"),
        "each window is flattened column by column",
    ),
    (
        "q_7",
        "windows listed column by column",
        QUESTIONS["q_7"].solution.replace(
            "for i in range(h - kh + 1) for j in range(w - kw + 1)",
            "for j in range(w - kw + 1) for i in range(h - kh + 1)",
        ),
        "the windows are listed column by column",
    ),
    (
        "q_7",
        "a grid of windows",
        """
        def im2col(X, kernel_shape):
            X = np.asarray(X)
            kh, kw = kernel_shape
            grid = np.lib.stride_tricks.sliding_window_view(X, (kh, kw))
            return grid.reshape(X.shape[0] - kh + 1, X.shape[1] - kw + 1, kh * kw)
        """,
        "you kept the windows in a grid",
    ),
    (
        "q_7",
        "loops for square inputs only",
        QUESTIONS["q_7"].solution.replace("for j in range(w - kw + 1)", "for j in range(h - kw + 1)"),
        "your loops only work on square inputs",
    ),
    (
        "q_7",
        "windows not flattened",
        QUESTIONS["q_7"].solution.replace(".ravel()", ""),
        "each window is still a (kh, kw) block",
    ),
    (
        "q_7",
        "the sliding-window view as it is",
        """
        def im2col(X, kernel_shape):
            return np.lib.stride_tricks.sliding_window_view(np.asarray(X), tuple(kernel_shape))
        """,
        "you kept the windows as a grid of (kh, kw) blocks",
    ),
]
