"""Question 4 (`train_kernel`): right answers, and tempting wrong ones with the message each must get."""

OPTIMIZER_LOOP = """
import keras

def train_kernel(X, Y, kernel_shape, steps, lr):
    K = tf.Variable(tf.zeros(kernel_shape))
    optimizer = {optimizer}
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
        optimizer.apply_gradients([(tape.gradient(loss, K), K)])
    return K
"""
"""A training loop with another optimizer than the lesson's plain gradient step."""

RIGHT = {
    "q_4": {
        "zeros and assign_sub": "",
        "random start, numpy result": """
            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.Variable(tf.random.normal(kernel_shape, seed=3))
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_sum(tf.square(corr2d(X, K) - Y))
                    K.assign(K - lr * tape.gradient(loss, K))
                return K.numpy()
            """,
        "a watched tensor, rebound each step": """
            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.zeros(kernel_shape)
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        tape.watch(K)
                        loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                    K = K - lr * tape.gradient(loss, K)
                return K
            """,
        "a corr2d that adds shifted slices": """
            def corr2d(X, K):
                kh, kw = K.shape
                out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
                return sum(K[a, b] * X[a:a + out_h, b:b + out_w] for a in range(kh) for b in range(kw))

            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.Variable(tf.zeros(kernel_shape))
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_sum(tf.square(corr2d(X, K) - Y))
                    K.assign_sub(lr * tape.gradient(loss, K))
                return K
            """,
        "a Keras SGD optimizer": """
            import keras

            def train_kernel(X, Y, kernel_shape, steps, lr):
                K = tf.Variable(tf.zeros(kernel_shape))
                optimizer = keras.optimizers.SGD(learning_rate=lr)
                for _ in range(steps):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                    optimizer.apply_gradients([(tape.gradient(loss, K), K)])
                return K
            """,
    },
}

WRONG = [
    (
        "q_4",
        "initial kernel returned",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            return tf.Variable(tf.zeros(kernel_shape))
        """,
        "it never learned",
    ),
    (
        "q_4",
        "random start, no learning",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            return tf.random.normal(kernel_shape, seed=2)
        """,
        "hardly better than an all-zero kernel",
    ),
    (
        "q_4",
        "flattened kernel",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return tf.reshape(K, [-1])
        """,
        "the learned kernel should have the shape `kernel_shape`",
    ),
    (
        "q_4",
        "mean loss",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "mean squared error",
    ),
    (
        "q_4",
        "a single update",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
            K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "what a single update from the start gives",
    ),
    (
        "q_4",
        "gradient ascent",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_add(lr * tape.gradient(loss, K))
            return K
        """,
        "went uphill",
    ),
    (
        "q_4",
        "closed form, ignoring steps and lr",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
            (kh, kw), (oh, ow) = kernel_shape, Y.shape
            A = np.array([X[a:a + oh, b:b + ow].ravel() for a in range(kh) for b in range(kw)]).T
            return np.linalg.lstsq(A, Y.ravel(), rcond=None)[0].reshape(kernel_shape)
        """,
        "does not seem to follow the `steps` and `lr` it is given",
    ),
    (
        "q_4",
        "K rebound to a plain tensor",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                grad = tape.gradient(loss, K)
                K = K - lr * grad
            return K
        """,
        "rebinds `K` to a new value",
    ),
    (
        "q_4",
        "K never a variable",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.zeros(kernel_shape)
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K = K - lr * tape.gradient(loss, K)
            return K
        """,
        "The gradient is None from the first update",
    ),
    (
        "q_4",
        "corr2d filled with tf.Variable.assign",
        """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = tf.Variable(tf.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1)))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j].assign(tf.reduce_sum(X[i:i + kh, j:j + kw] * K))
            return Y
        """,
        "`assign` is not differentiable",
    ),
    (
        "q_4",
        "K rebound to what assign_sub returns",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K = K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "The first update works, but the second gets a gradient of None",
    ),
    (
        "q_4",
        "loss computed after the tape closed",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    prediction = corr2d(X, K)
                loss = tf.reduce_sum((prediction - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "run inside the `with tf.GradientTape() as tape:` block",
    ),
    (
        "q_4",
        "one tape for the whole loop",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(tf.zeros(kernel_shape))
            with tf.GradientTape() as tape:
                for _ in range(steps):
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                    K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "A tape gives one gradient only",
    ),
    (
        "q_4",
        "assign_sub on a plain tensor",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.zeros(kernel_shape)
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    tape.watch(K)
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "methods of a `tf.Variable` only",
    ),
    (
        "q_4",
        "a new variable in every step",
        """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            for _ in range(steps):
                K = tf.Variable(tf.zeros(kernel_shape))
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """,
        "the other updates were lost",
    ),
    *(
        ("q_4", name, OPTIMIZER_LOOP.format(optimizer=optimizer), fragment)
        for name, optimizer, fragment in (
            ("the Adam optimizer", "keras.optimizers.Adam(learning_rate=lr)", "what the Adam optimizer does"),
            ("the RMSprop optimizer", "keras.optimizers.RMSprop(learning_rate=lr)", "what the RMSprop optimizer does"),
            (
                "SGD with momentum",
                "keras.optimizers.SGD(learning_rate=lr, momentum=0.9)",
                "your updates carry momentum",
            ),
        )
    ),
]

RAISING = {
    "K rebound to a plain tensor",
    "K rebound to what assign_sub returns",
    "K never a variable",
    "loss computed after the tape closed",
    "one tape for the whole loop",
    "assign_sub on a plain tensor",
    "corr2d filled with tf.Variable.assign",
}
"""Wrong answers above that raise in the student's code."""
