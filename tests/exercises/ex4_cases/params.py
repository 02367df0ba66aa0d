"""Question 5 (`conv_params`): right answers, and tempting wrong ones with the message each must get."""

RIGHT = {
    "q_5": {
        "formula": "",
        "weights plus biases": """
            def conv_params(kh, kw, c_in, c_out):
                return kh * kw * c_in * c_out + c_out
            """,
        "numpy integer": """
            def conv_params(kh, kw, c_in, c_out):
                return np.int64((kh * kw * c_in + 1) * c_out)
            """,
        "a whole float": """
            def conv_params(kh, kw, c_in, c_out):
                return float(kh * kw * c_in * c_out + c_out)
            """,
    },
}

WRONG = [
    (
        "q_5",
        "no bias",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in * c_out",
        "you forgot the biases",
    ),
    (
        "q_5",
        "a bias per input channel",
        "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw + 1) * c_in * c_out",
        "every kh x kw kernel its own bias",
    ),
    (
        "q_5",
        "c_in forgotten",
        "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw + 1) * c_out",
        "forgot the input channels",
    ),
    (
        "q_5",
        "one bias for the layer",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in * c_out + 1",
        "a single bias for the whole layer",
    ),
    (
        "q_5",
        "c_out forgotten",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in + 1",
        "the count for one output channel",
    ),
    (
        "q_5",
        "kernel height squared",
        "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kh * c_in + 1) * c_out",
        "kernel height twice",
    ),
    (
        "q_5",
        "a bias per input channel, once",
        "def conv_params(kh, kw, c_in, c_out):\n    return kh * kw * c_in * c_out + c_in",
        "one bias per input channel, c_in of them",
    ),
    (
        "q_5",
        "a string",
        "def conv_params(kh, kw, c_in, c_out):\n    return str((kh * kw * c_in + 1) * c_out)",
        "a single whole number",
    ),
]
