"""Question 3 (`pool2d`): right answers, and tempting wrong ones with the message each must get."""

_NAN_PADDED = """
def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
    X = np.asarray(X, dtype=float)
    kh, kw = pool_size
    h, w = X.shape
    if padding == 'same':
        out_h, out_w = -(-h // stride), -(-w // stride)
        ph = max((out_h - 1) * stride + kh - h, 0)
        pw = max((out_w - 1) * stride + kw - w, 0)
        X = np.pad(X, PADS, constant_values=FILL)
    reduce = REDUCE
    windows = np.lib.stride_tricks.sliding_window_view(X, pool_size)[::stride, ::stride]
    return reduce(windows, axis=(2, 3))
"""
_TF_PADS = "((ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2))"


def _padded(
    pads: str = _TF_PADS, fill: str = "np.nan", reduce: str = "np.nanmax if mode == 'max' else np.nanmean"
) -> str:
    """A SAME pooling that pads X with ``fill`` by ``pads`` and reduces every window with ``reduce``."""
    return _NAN_PADDED.replace("PADS", pads).replace("FILL", fill).replace("REDUCE", reduce)


RIGHT = {
    "q_3": {
        "windows cut to the input": "",
        "NaN padding and sliding windows": _padded(),
        "running maximum from -inf over the cells inside": """
            import math

            def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
                X = np.asarray(X)
                kh, kw = pool_size
                spans = []
                for n, k in zip(X.shape, pool_size):
                    if padding == 'same':
                        out = math.ceil(n / stride)
                        before = max((out - 1) * stride + k - n, 0) // 2
                    else:
                        out, before = (n - k) // stride + 1, 0
                    spans.append([(max(i * stride - before, 0), min(i * stride - before + k, n)) for i in range(out)])
                result = np.zeros((len(spans[0]), len(spans[1])))
                for i, (top, bottom) in enumerate(spans[0]):
                    for j, (left, right) in enumerate(spans[1]):
                        window = X[top:bottom, left:right]
                        if mode == 'max':
                            best = -np.inf
                            for value in window.ravel():
                                best = max(best, value)
                            result[i, j] = best
                        else:
                            result[i, j] = window.sum() / window.size
                return result
            """,
        "tf.pad with -inf, and a count of the real cells": """
            import math

            def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
                kh, kw = pool_size
                X = tf.convert_to_tensor(X, tf.float32)
                h, w = X.shape
                ones = tf.ones_like(X)
                if padding == 'same':
                    ph = max((math.ceil(h / stride) - 1) * stride + kh - h, 0)
                    pw = max((math.ceil(w / stride) - 1) * stride + kw - w, 0)
                    pads = [[ph // 2, ph - ph // 2], [pw // 2, pw - pw // 2]]
                    X = tf.pad(X, pads, constant_values=-float('inf') if mode == 'max' else 0.0)
                    ones = tf.pad(ones, pads)
                rows = []
                for i in range(0, X.shape[0] - kh + 1, stride):
                    row = []
                    for j in range(0, X.shape[1] - kw + 1, stride):
                        if mode == 'max':
                            row.append(tf.reduce_max(X[i:i + kh, j:j + kw]))
                        else:
                            row.append(tf.reduce_sum(X[i:i + kh, j:j + kw]) / tf.reduce_sum(ones[i:i + kh, j:j + kw]))
                    rows.append(tf.stack(row))
                return tf.stack(rows)
            """,
        "columns outside, output positions times the stride": """
            def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
                kh, kw = pool_size
                h, w = X.shape
                reduce = np.max if mode == 'max' else np.mean
                if padding == 'same':
                    out_h, out_w = -(-h // stride), -(-w // stride)
                    top = max((out_h - 1) * stride + kh - h, 0) // 2
                    left = max((out_w - 1) * stride + kw - w, 0) // 2
                else:
                    out_h, out_w, top, left = (h - kh) // stride + 1, (w - kw) // stride + 1, 0, 0
                X = np.asarray(X)
                columns = []
                for j in range(out_w):
                    c = j * stride - left
                    columns.append([reduce(X[max(i * stride - top, 0):i * stride - top + kh, max(c, 0):c + kw])
                                    for i in range(out_h)])
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
    (
        "q_3",
        "SAME padded with zeros",
        _padded(fill="0.0", reduce="np.max if mode == 'max' else np.mean"),
        "your maximum counted the padding's zeros",
    ),
    (
        "q_3",
        "SAME average over padding zeros",
        _padded(fill="-np.inf if mode == 'max' else 0.0", reduce="np.max if mode == 'max' else np.mean"),
        "counted the padding as zeros, dividing by k_h * k_w",
    ),
    (
        "q_3",
        "SAME padding's extra cell before",
        _padded(pads="((ph - ph // 2, ph // 2), (pw - pw // 2, pw // 2))"),
        "the extra row or column of SAME padding is on the wrong side",
    ),
    (
        "q_3",
        "SAME padding all after",
        _padded(pads="((0, ph), (0, pw))"),
        "all the SAME padding at the bottom and right",
    ),
    (
        "q_3",
        "SAME padding as for stride 1",
        _padded()
        .replace("max((out_h - 1) * stride + kh - h, 0)", "kh - 1")
        .replace("max((out_w - 1) * stride + kw - w, 0)", "kw - 1"),
        "you padded as for stride 1",
    ),
    (
        "q_3",
        "padding ignored",
        """
        def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
            windows = np.lib.stride_tricks.sliding_window_view(np.asarray(X), pool_size)[::stride, ::stride]
            return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))
        """,
        "your output has the VALID size, but `padding='same'`",
    ),
    (
        "q_3",
        "SAME size rounded down",
        """
        def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
            X = np.asarray(X)
            kh, kw = pool_size
            h, w = X.shape
            if padding == 'same':
                rows, cols = h // stride, w // stride
                top, left = (kh - 1) // 2, (kw - 1) // 2
            else:
                rows, cols, top, left = (h - kh) // stride + 1, (w - kw) // stride + 1, 0, 0
            reduce = np.max if mode == 'max' else np.mean
            return np.array([[reduce(X[max(i * stride - top, 0):i * stride - top + kh,
                                       max(j * stride - left, 0):j * stride - left + kw]) for j in range(cols)]
                             for i in range(rows)])
        """,
        "you rounded the SAME output size down",
    ),
]
