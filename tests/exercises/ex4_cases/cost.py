"""Question 5 (`conv_multiply_adds`): right answers, and tempting wrong ones with the message each must get."""

SIGNATURE = 'def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):\n'


def _wrong(body: str) -> str:
    """A wrong answer: the signature, then ``body`` (indented lines that compute and return the count)."""
    return SIGNATURE + body


_VALID_SIZES = "    h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1\n"
_SIZES = (
    '    if padding == "same":\n'
    "        h_out, w_out = -(-h // stride), -(-w // stride)\n"
    "    else:\n"
    "        h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1\n"
)

RIGHT = {
    "q_5": {
        "formula": "",
        "math.ceil and the lesson's sizes": """
            import math

            def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):
                if padding.lower() == "same":
                    rows, cols = math.ceil(h / stride), math.ceil(w / stride)
                else:
                    rows, cols = math.ceil((h - kh + 1) / stride), math.ceil((w - kw + 1) / stride)
                per_value = kh * kw * c_in
                return rows * cols * c_out * per_value
            """,
        "counted window by window": """
            def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):
                if padding == "same":
                    starts = lambda n: range(0, n, stride)
                else:
                    starts = lambda n, k: range(0, n - k + 1, stride)
                rows = len(starts(h)) if padding == "same" else len(starts(h, kh))
                cols = len(starts(w)) if padding == "same" else len(starts(w, kw))
                return rows * cols * c_out * kh * kw * c_in
            """,
        "numpy integer": """
            def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):
                sizes, kernel = np.array([h, w]), np.array([kh, kw])
                size = np.ceil(sizes / stride) if padding == "same" else (sizes - kernel) // stride + 1
                return np.int64(np.prod(size)) * kh * kw * c_in * c_out
            """,
        "a whole float": """
            def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):
                if padding == "same":
                    h_out, w_out = np.ceil(h / stride), np.ceil(w / stride)
                else:
                    h_out, w_out = np.floor((h - kh) / stride) + 1, np.floor((w - kw) / stride) + 1
                return float(h_out * w_out * kh * kw * c_in * c_out)
            """,
        "a tensor from TensorFlow's own output shape": """
            def conv_multiply_adds(h, w, kh, kw, c_in, c_out, stride=1, padding="valid"):
                out = tf.zeros((1, h, w, 1))[:, ::stride, ::stride] if padding == "same" else None
                if out is None:
                    h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1
                else:
                    h_out, w_out = out.shape[1], out.shape[2]
                return tf.constant(h_out * w_out * kh * kw * c_in * c_out)
            """,
    },
}

WRONG = [
    ("q_5", "the weights only", _wrong("    return kh * kw * c_in * c_out\n"), "that is the number of weights"),
    (
        "q_5",
        "the parameter count",
        _wrong("    return (kh * kw * c_in + 1) * c_out\n"),
        "the layer's parameter count (lesson 4)",
    ),
    (
        "q_5",
        "c_in forgotten",
        _wrong(_SIZES + "    return h_out * w_out * kh * kw * c_out\n"),
        "forgot the input channels",
    ),
    (
        "q_5",
        "the bias as a multiply-add",
        _wrong(_SIZES + "    return h_out * w_out * (kh * kw * c_in + 1) * c_out\n"),
        "counted the bias as one more multiply-add",
    ),
    (
        "q_5",
        "FLOPs",
        _wrong(_SIZES + "    return 2 * h_out * w_out * kh * kw * c_in * c_out\n"),
        "two floating-point operations per multiply-add",
    ),
    (
        "q_5",
        "the input size",
        _wrong("    return h * w * kh * kw * c_in * c_out\n"),
        "one window per input pixel",
    ),
    (
        "q_5",
        "stride ignored in the output size",
        _wrong(
            '    h_out, w_out = (h, w) if padding == "same" else (h - kh + 1, w - kw + 1)\n'
            "    return h_out * w_out * kh * kw * c_in * c_out\n"
        ),
        "you ignored `stride`",
    ),
    (
        "q_5",
        "always VALID",
        _wrong(_VALID_SIZES + "    return h_out * w_out * kh * kw * c_in * c_out\n"),
        "you sized the output as VALID padding would",
    ),
    (
        "q_5",
        "always SAME",
        _wrong(
            "    h_out, w_out = -(-h // stride), -(-w // stride)\n    return h_out * w_out * kh * kw * c_in * c_out\n"
        ),
        "you sized the output as SAME padding would",
    ),
    (
        "q_5",
        "rounded down",
        _wrong(
            '    if padding == "same":\n'
            "        h_out, w_out = h // stride, w // stride\n"
            "    else:\n"
            "        h_out, w_out = (h - kh + 1) // stride, (w - kw + 1) // stride\n"
            "    return h_out * w_out * kh * kw * c_in * c_out\n"
        ),
        "you rounded the output size down",
    ),
    (
        "q_5",
        "the + 1 forgotten",
        _wrong(
            '    if padding == "same":\n'
            "        h_out, w_out = -(-h // stride), -(-w // stride)\n"
            "    else:\n"
            "        h_out, w_out = (h - kh) // stride, (w - kw) // stride\n"
            "    return h_out * w_out * kh * kw * c_in * c_out\n"
        ),
        "one row and one column short",
    ),
    (
        "q_5",
        "kernel height twice",
        _wrong(_SIZES.replace("(w - kw)", "(w - kh)") + "    return h_out * w_out * kh * kh * c_in * c_out\n"),
        "kernel height for its width too",
    ),
    (
        "q_5",
        "input height twice",
        _wrong(
            _SIZES.replace("-(-w // stride)", "-(-h // stride)").replace("(w - kw)", "(h - kw)")
            + "    return h_out * w_out * kh * kw * c_in * c_out\n"
        ),
        "input's height for its width too",
    ),
    (
        "q_5",
        "a string",
        _wrong(_SIZES + "    return str(h_out * w_out * kh * kw * c_in * c_out)\n"),
        "a single whole number",
    ),
    (
        "q_5",
        "a shape instead of a count",
        _wrong(_SIZES + "    return (h_out, w_out, c_out)\n"),
        "it should return a single whole number",
    ),
]
