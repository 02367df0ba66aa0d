"""Scripted answers for exercise 4 (answer cells are replaced whole, check call included).

The right answers deliberately differ from the model solutions (numpy, shift-and-add, a running
maximum, a random start), to show that any correct approach passes.
"""

ASSIGNMENT = "ex4_from_scratch"

RIGHT = {
    "q1a_answer": '''
def corr2d(X, K):
    """Shift and add: one weighted slice of X per kernel weight (differentiable, fast)."""
    kh, kw = K.shape
    out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    total = tf.zeros((out_h, out_w))
    for a in range(kh):
        for b in range(kw):
            total += K[a, b] * X[a:a + out_h, b:b + out_w]
    return total

q_1.a.check()
''',
    "q1b_answer": """
def convolve2d(X, K, mode="valid"):
    X, K = np.asarray(X), np.asarray(K)
    (h, w), (kh, kw) = X.shape, K.shape
    full = np.zeros((h + kh - 1, w + kw - 1), dtype=np.float32)
    for i in range(h):
        for j in range(w):
            full[i:i + kh, j:j + kw] += X[i, j] * K
    return full if mode == "full" else full[kh - 1:h, kw - 1:w]

q_1.b.check()
""",
    "q2a_answer": """
def corr2d_multi_in(X, K):
    return sum(corr2d(X[c], K[c]) for c in range(len(X)))

q_2.a.check()
""",
    "q2b_answer": """
def corr2d_multi_in_out(X, K):
    return np.stack([np.asarray(corr2d_multi_in(X, k)) for k in K])

q_2.b.check()
""",
    "q3_answer": """
import math

def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):
    X = np.asarray(X)
    kh, kw = pool_size
    if padding == 'same':
        out_h, out_w = math.ceil(X.shape[0] / stride), math.ceil(X.shape[1] / stride)
        top = max((out_h - 1) * stride + kh - X.shape[0], 0) // 2
        left = max((out_w - 1) * stride + kw - X.shape[1], 0) // 2
    else:
        out_h, out_w = (X.shape[0] - kh) // stride + 1, (X.shape[1] - kw) // stride + 1
        top = left = 0
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            r, c = i * stride - top, j * stride - left
            window = X[max(r, 0):r + kh, max(c, 0):c + kw]
            if mode == 'max':
                best = -np.inf
                for value in window.ravel():
                    best = max(best, value)
                out[i, j] = best
            else:
                out[i, j] = window.sum() / window.size
    return out

q_3.check()
""",
    "q4_answer": """
def train_kernel(X, Y, kernel_shape, steps, lr):
    K = tf.Variable(tf.random.normal(kernel_shape, stddev=0.5, seed=1))
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(corr2d(X, K) - Y))
        K.assign(K - lr * tape.gradient(loss, K))
    return K.numpy()

q_4.check()
""",
    "q5_answer": """
import math

def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):
    if padding == "same":
        rows, cols = math.ceil(h / stride), math.ceil(w / stride)
    else:
        rows, cols = math.ceil((h - kh + 1) / stride), math.ceil((w - kw + 1) / stride)
    return rows * cols * c_out * (kh * kw * c_in)

q_5.check()
""",
    "q6_answer": """
import math

def corr2d_strided(X, K, stride=1, padding="valid"):
    X, K = np.asarray(X, dtype=np.float32), np.asarray(K, dtype=np.float32)
    kh, kw = K.shape
    if padding.lower() == "same":
        pads = []
        for n, k in zip(X.shape, K.shape):
            total = max((math.ceil(n / stride) - 1) * stride + k - n, 0)
            pads.append((total // 2, total - total // 2))
        X = np.pad(X, pads)
    rows = range(0, X.shape[0] - kh + 1, stride)
    cols = range(0, X.shape[1] - kw + 1, stride)
    return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for j in cols] for i in rows])

q_6.check()
""",
    "q7_answer": """
def im2col(X, kernel_shape):
    kh, kw = kernel_shape
    h, w = X.shape
    return tf.stack([tf.reshape(X[i:i + kh, j:j + kw], [-1]) for i in range(h - kh + 1) for j in range(w - kw + 1)])

q_7.check()
""",
    "q8_answer": """
def input_gradient(dY, K):
    return convolve2d(dY, K, "full")

q_8.check()
""",
}

WRONG = {
    "q8_answer": [
        (
            "def input_gradient(dY, K):\n    kh, kw = np.shape(K)\n"
            "    return corr2d(np.pad(np.asarray(dY), ((kh - 1, kh - 1), (kw - 1, kw - 1))), K)\n\nq_8.check()",
            "incorrect",
            "you slid K over dY as it is written",
        ),
    ],
    "q6_answer": [
        (
            "def corr2d_strided(X, K, stride=1, padding='valid'):\n"
            "    X, K = np.asarray(X), np.asarray(K)\n"
            "    kh, kw = K.shape\n"
            "    rows = range(0, X.shape[0] - kh + 1, stride)\n"
            "    cols = range(0, X.shape[1] - kw + 1, stride)\n"
            "    return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for j in cols] for i in rows])\n\nq_6.check()",
            "incorrect",
            "this is VALID",
        ),
    ],
    "q7_answer": [
        (
            "def im2col(X, kernel_shape):\n"
            "    X = np.asarray(X)\n"
            "    kh, kw = kernel_shape\n"
            "    h, w = X.shape\n"
            "    return np.stack([X[i:i + kh, j:j + kw].ravel() for i in range(h - kh + 1)\n"
            "                     for j in range(w - kw + 1)]).T\n\nq_7.check()",
            "incorrect",
            "your matrix is transposed",
        ),
    ],
    "q1a_answer": [
        (
            "def corr2d(X, K):\n    ____  # YOUR CODE HERE\n\nq_1.a.check()",
            "not_attempted",
            "still the starter code",
        ),
        (
            "def corr2d(X, K):\n"
            "    K = tf.reverse(K, axis=[0, 1])\n"
            "    kh, kw = K.shape\n"
            "    h, w = X.shape\n"
            "    return tf.stack([tf.stack([tf.reduce_sum(X[i:i + kh, j:j + kw] * K) for j in range(w - kw + 1)])\n"
            "                     for i in range(h - kh + 1)])\n\nq_1.a.check()",
            "incorrect",
            "you flipped the kernel",
        ),
        (
            "def corr2d(X, K):\n"
            "    kh, kw = K.shape\n"
            "    h, w = X.shape\n"
            "    return tf.stack([tf.stack([tf.reduce_sum(X[i:i + kh, j:j + kw] * K) for j in range(w - kw)])\n"
            "                     for i in range(h - kh)])\n\nq_1.a.check()",
            "incorrect",
            "one row and one column short",
        ),
        (
            "def corr2d(X, K):\n"
            "    kh, kw = K.shape\n"
            "    h, w = X.shape\n"
            "    Y = np.zeros((h - kh + 1, w - kw + 1))\n"
            "    for i in range(h - kh + 1):\n"
            "        for j in range(w - kw + 1):\n"
            "            Y[i, j] = (X[i:i + kh, j:j + kw] * K).sum()\n"
            "    return Y\n\nq_1.a.check()",
            "error",
            "no numpy methods such as `.sum()`",
        ),
        (
            "def corr2d(X, K):\n"
            "    images = tf.reshape(tf.cast(X, tf.float32), (1, *X.shape, 1))\n"
            "    filters = tf.reshape(tf.cast(K, tf.float32), (*K.shape, 1, 1))\n"
            "    return tf.nn.conv2d(images, filters, strides=1, padding='VALID')[0, :, :, 0]\n\nq_1.a.check()",
            "incorrect",
            "uses `tf.nn.conv2d`",
        ),
        (
            "from scipy.signal import correlate2d\n\n"
            "def corr2d(X, K):\n"
            "    return correlate2d(X, K, mode='valid')\n\nq_1.a.check()",
            "incorrect",
            "uses `scipy.signal.correlate2d`",
        ),
    ],
    "q1b_answer": [
        (
            "def convolve2d(X, K, mode='valid'):\n"
            "    kh, kw = K.shape\n"
            "    if mode == 'full':\n"
            "        X = tf.pad(X, [[kh - 1, kh - 1], [kw - 1, kw - 1]])\n"
            "    return corr2d(X, K)\n\nq_1.b.check()",
            "incorrect",
            "the cross-correlation of question 1 a",
        ),
        (
            "def convolve2d(X, K, mode='valid'):\n    return corr2d(X, K[::-1, ::-1])\n\nq_1.b.check()",
            "incorrect",
            "your 'full' output has the VALID size",
        ),
    ],
    "q2a_answer": [
        (
            "def corr2d_multi_in(X, K):\n    return tf.stack([corr2d(x, k) for x, k in zip(X, K)])\n\nq_2.a.check()",
            "incorrect",
            "one map per input channel",
        ),
        (
            "def corr2d_multi_in(X, K):\n"
            "    return tf.reduce_mean([corr2d(x, k) for x, k in zip(X, K)], axis=0)\n\nq_2.a.check()",
            "incorrect",
            "a sum, not a mean",
        ),
    ],
    "q2b_answer": [
        (
            "def corr2d_multi_in_out(X, K):\n"
            "    return tf.stack([corr2d_multi_in(X, k) for k in K], axis=-1)\n\nq_2.b.check()",
            "incorrect",
            "channels last",
        ),
        (
            "def corr2d_multi_in_out(X, K):\n    return tf.add_n([corr2d_multi_in(X, k) for k in K])\n\nq_2.b.check()",
            "incorrect",
            "you added the output channels together",
        ),
    ],
    "q3_answer": [
        (
            "def pool2d(X, pool_size, mode='max', stride=1):\n"
            "    ph, pw = pool_size\n"
            "    h, w = X.shape\n"
            "    reduce = tf.reduce_max if mode == 'max' else tf.reduce_mean\n"
            "    return tf.stack([tf.stack([reduce(X[i:i + ph, j:j + pw]) for j in range(w - pw + 1)])\n"
            "                     for i in range(h - ph + 1)])\n\nq_3.check()",
            "incorrect",
            "you ignored `stride`",
        ),
        (
            "def pool2d(X, pool_size, mode='max', stride=1):\n"
            "    ph, pw = pool_size\n"
            "    h, w = X.shape\n"
            "    reduce = tf.reduce_mean\n"
            "    return tf.stack([tf.stack([reduce(X[i:i + ph, j:j + pw]) for j in range(0, w - pw + 1, stride)])\n"
            "                     for i in range(0, h - ph + 1, stride)])\n\nq_3.check()",
            "incorrect",
            "asks for its largest value",
        ),
        (
            "def pool2d(X, pool_size, mode='max', stride=1):\n"
            "    ph, pw = pool_size\n"
            "    h, w = X.shape\n"
            "    reduce = (lambda v: tf.reduce_max(tf.abs(v))) if mode == 'max' else tf.reduce_mean\n"
            "    return tf.stack([tf.stack([reduce(X[i:i + ph, j:j + pw]) for j in range(0, w - pw + 1, stride)])\n"
            "                     for i in range(0, h - ph + 1, stride)])\n\nq_3.check()",
            "incorrect",
            "largest absolute value",
        ),
        (
            "def pool2d(X, pool_size, mode='max', stride=1):\n"
            "    return tf.nn.max_pool2d(X[None, :, :, None], pool_size, stride, 'VALID')[0, :, :, 0]\n\n"
            "q_3.check()",
            "incorrect",
            "uses `tf.nn.max_pool2d`",
        ),
        (
            "def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):\n"
            "    X = np.asarray(X)\n"
            "    if padding == 'same':\n"
            "        kh, kw = pool_size\n"
            "        h, w = X.shape\n"
            "        ph = max((-(-h // stride) - 1) * stride + kh - h, 0)\n"
            "        pw = max((-(-w // stride) - 1) * stride + kw - w, 0)\n"
            "        X = np.pad(X, ((ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)))\n"
            "    windows = np.lib.stride_tricks.sliding_window_view(X, pool_size)[::stride, ::stride]\n"
            "    return windows.max(axis=(2, 3)) if mode == 'max' else windows.mean(axis=(2, 3))\n\nq_3.check()",
            "incorrect",
            "your maximum counted the padding's zeros",
        ),
    ],
    "q4_answer": [
        (
            "def train_kernel(X, Y, kernel_shape, steps, lr):\n"
            "    return tf.Variable(tf.zeros(kernel_shape))\n\nq_4.check()",
            "incorrect",
            "never learned",
        ),
        (
            "def train_kernel(X, Y, kernel_shape, steps, lr):\n"
            "    K = tf.Variable(tf.zeros(kernel_shape))\n"
            "    for _ in range(steps):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean((corr2d(X, K) - Y) ** 2)\n"
            "        K.assign_sub(lr * tape.gradient(loss, K))\n"
            "    return K\n\nq_4.check()",
            "incorrect",
            "mean squared error",
        ),
        (
            "def train_kernel(X, Y, kernel_shape, steps, lr):\n"
            "    K = tf.Variable(tf.zeros(kernel_shape))\n"
            "    for _ in range(steps):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)\n"
            "        K.assign_add(lr * tape.gradient(loss, K))\n"
            "    return K\n\nq_4.check()",
            "incorrect",
            "went uphill",
        ),
        (
            "def train_kernel(X, Y, kernel_shape, steps, lr):\n"
            "    K = tf.constant(tf.zeros(kernel_shape))\n"
            "    for _ in range(steps):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)\n"
            "        K = K - lr * tape.gradient(loss, K)\n"
            "    return K\n\nq_4.check()",
            "error",
            "The gradient is None from the first update",
        ),
    ],
    "q5_answer": [
        (
            "def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding='valid'):\n"
            "    return (kh * kw * c_in + 1) * c_out\n\nq_5.check()",
            "incorrect",
            "the layer's parameter count",
        ),
        (
            "def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding='valid'):\n"
            "    return h * w * kh * kw * c_in * c_out\n\nq_5.check()",
            "incorrect",
            "one window per input pixel",
        ),
        (
            "def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding='valid'):\n"
            "    h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1\n"
            "    return h_out * w_out * kh * kw * c_out\n\nq_5.check()",
            "incorrect",
            "forgot the input channels",
        ),
    ],
}

PARTLY_WRONG = {
    "q2b_answer": WRONG["q2b_answer"][0][0],
    "q3_answer": WRONG["q3_answer"][0][0],
    "q5_answer": WRONG["q5_answer"][0][0],
}

# q_1.a (1) + q_1.b (1) + q_2.a (1) + q_4 (2) + q_6 (2) + q_7 (1) + q_8 (2) are right; q_2.b (1), q_3 (2) and
# q_5 (1) are wrong, and nothing else calls those three functions.
PARTLY_WRONG_SCORE = 10.0
