"""Question 3 (`pool2d`): right answers, and tempting wrong ones with the message each must get."""

RIGHT = {
    "q_3": {
        "reduce functions": "",
        "running maximum from -inf": """
            def pool2d(X, pool_size, mode='max', stride=1):
                X = np.asarray(X)
                ph, pw = pool_size
                out = np.zeros(((X.shape[0] - ph) // stride + 1, (X.shape[1] - pw) // stride + 1))
                for i in range(out.shape[0]):
                    for j in range(out.shape[1]):
                        window = X[i * stride:i * stride + ph, j * stride:j * stride + pw]
                        best = -np.inf
                        for value in window.ravel():
                            best = max(best, value)
                        out[i, j] = best if mode == 'max' else window.mean()
                return out
            """,
        "sliding windows": """
            def pool2d(X, pool_size, mode='max', stride=1):
                windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
                return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
            """,
        "columns outside, output positions times the stride": """
            def pool2d(X, pool_size, mode='max', stride=1):
                ph, pw = pool_size
                h, w = X.shape
                reduce = np.max if mode == 'max' else np.mean
                columns = []
                for j in range((w - pw) // stride + 1):
                    column = [reduce(np.asarray(X)[i * stride:i * stride + ph, j * stride:j * stride + pw])
                              for i in range((h - ph) // stride + 1)]
                    columns.append(column)
                return np.array(columns).T
            """,
    },
}

WRONG = [
    (
        "q_3",
        "stride ignored",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "you ignored `stride`: windows should start every",
    ),
    (
        "q_3",
        "average where max is asked",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.mean(axis=(2, 3))
        """,
        "asks for its largest value",
    ),
    (
        "q_3",
        "max where average is asked",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.max(axis=(2, 3))
        """,
        "asks for its mean",
    ),
    (
        "q_3",
        "sum instead of average",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.sum(axis=(2, 3))
        """,
        "divides that sum by the number of cells",
    ),
    (
        "q_3",
        "max of absolute values",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return np.abs(windows).max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "largest absolute value",
    ),
    (
        "q_3",
        "running maximum from zero",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            if mode == 'max':
                return np.maximum(windows.max(axis=(2, 3)), 0)
            return windows.mean(axis=(2, 3))
        """,
        "as when a running maximum starts at 0",
    ),
    (
        "q_3",
        "output one short",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            ph, pw = pool_size
            X = np.asarray(X)
            rows = range(0, X.shape[0] - ph, stride)
            cols = range(0, X.shape[1] - pw, stride)
            return np.array([[X[i:i + ph, j:j + pw].max() if mode == 'max' else X[i:i + ph, j:j + pw].mean()
                              for j in cols] for i in rows])
        """,
        "one row and one column short",
    ),
    (
        "q_3",
        "SAME-sized output",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            ph, pw = pool_size
            X = np.asarray(X)
            padded = np.pad(X, ((0, ph), (0, pw)), constant_values=-np.inf)
            return np.array([[padded[i:i + ph, j:j + pw].max() for j in range(0, X.shape[1], stride)]
                             for i in range(0, X.shape[0], stride)])
        """,
        "the size SAME padding would give",
    ),
    (
        "q_3",
        "window height and width swapped",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size[::-1])[::stride, ::stride]
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "swapped the window's height and width",
    ),
    (
        "q_3",
        "loops that only work on square inputs",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            ph, pw = pool_size
            n = X.shape[0]
            reduce = np.max if mode == 'max' else np.mean
            return np.array([[reduce(np.asarray(X)[i:i + ph, j:j + pw]) for j in range(0, n - pw + 1, stride)]
                             for i in range(0, n - ph + 1, stride)])
        """,
        "only work on square inputs",
    ),
    (
        "q_3",
        "loops that only work on square windows",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            p = pool_size[0]
            h, w = X.shape
            reduce = np.max if mode == 'max' else np.mean
            return np.array([[reduce(np.asarray(X)[i:i + p, j:j + p]) for j in range(0, w - p + 1, stride)]
                             for i in range(0, h - p + 1, stride)])
        """,
        "only work on square windows",
    ),
    (
        "q_3",
        "output sized for stride 1",
        """
        def pool2d(X, pool_size, mode='max', stride=1):
            X = np.asarray(X)
            ph, pw = pool_size
            out = np.zeros((X.shape[0] - ph + 1, X.shape[1] - pw + 1))
            for i in range(0, X.shape[0] - ph + 1, stride):
                for j in range(0, X.shape[1] - pw + 1, stride):
                    window = X[i:i + ph, j:j + pw]
                    out[i // stride, j // stride] = window.max() if mode == 'max' else window.mean()
            return out
        """,
        "you ignored `stride` when sizing the output",
    ),
]
