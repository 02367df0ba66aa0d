import matplotlib
import numpy as np
import pytest

from autograder.vision import KERNELS, condense, convolve, detect, show_extraction, show_kernel

matplotlib.use("Agg")


def correlate_valid(image, kernel):
    """Plain-loop cross-correlation, the definition the course teaches."""
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (image[i : i + kh, j : j + kw] * kernel).sum()
    return out


def test_convolve_is_cross_correlation_without_flip():
    rng = np.random.default_rng(0)
    image = rng.random((7, 9)).astype(np.float32)
    kernel = np.array([[1, 2], [3, 4]], dtype=np.float32)
    assert np.allclose(convolve(image, kernel, padding="VALID"), correlate_valid(image, kernel), atol=1e-5)
    assert convolve(image, kernel, padding="same").shape == (7, 9)
    assert convolve(image, kernel, padding="VALID", strides=2).shape == (3, 4)


def test_detect_and_condense():
    values = np.array([[-1.0, 2.0], [3.0, -4.0]])
    assert detect(values).tolist() == [[0, 2], [3, 0]]
    feature = np.arange(16, dtype=np.float32).reshape(4, 4)
    assert condense(feature).tolist() == [[5, 7], [13, 15]]
    assert condense(feature, mode="avg").tolist() == [[2.5, 4.5], [10.5, 12.5]]
    assert condense(feature, window=3, stride=1, padding="VALID").shape == (2, 2)
    assert condense(np.arange(25, dtype=np.float32).reshape(5, 5)).shape == (3, 3)


def test_kernels_are_3x3_and_blur_preserves_brightness():
    assert set(KERNELS) == {"edge", "bottom_sobel", "emboss", "sharpen", "blur"}
    assert all(k.shape == (3, 3) for k in KERNELS.values())
    assert KERNELS["blur"].sum() == pytest.approx(1.0)
    assert KERNELS["edge"].sum() == 0 and KERNELS["bottom_sobel"].sum() == 0


def test_show_kernel_writes_every_weight():
    ax = show_kernel(KERNELS["sharpen"], title="sharpen")
    assert ax.get_title() == "sharpen"
    assert sorted(text.get_text() for text in ax.texts) == sorted(["0", "-1", "0", "-1", "5", "-1", "0", "-1", "0"])
    with pytest.raises(ValueError):
        show_kernel(np.ones(3))


def test_show_extraction_has_four_titled_panels():
    figure = show_extraction(np.random.default_rng(1).random((16, 16)), KERNELS["edge"])
    titles = [ax.get_title() for ax in figure.axes]
    assert [t.split("\n")[0] for t in titles] == [
        "Input",
        "Filter (convolution)",
        "Detect (ReLU)",
        "Condense (max pool 2×2)",
    ]
    assert titles[3].endswith("8×8")
