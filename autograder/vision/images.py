"""Images for the course: CC0 photographs from ``data/`` and small synthetic patterns.

Every loader returns a float32 array of shape (height, width) with values in [0, 1], which the
`ops` helpers reshape into TensorFlow's (batch, height, width, channels) layout.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from autograder.i18n import _

DATA_ENV = "CONVNET_COURSE_DATA"
_MARKER = "LICENSES.md"


def data_dir() -> Path:
    """The folder holding the course images, found from any working directory.

    Looks, in order, at ``$CONVNET_COURSE_DATA``, a ``data/`` folder in the working directory or
    any parent (course/, release/<a>/, autograded/<student>/<a>/ all sit below the course root),
    and the ``data/`` folder beside this package's source tree.
    """
    candidates: list[Path] = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]))
    here = Path.cwd().resolve()
    candidates.extend(parent / "data" for parent in (here, *here.parents))
    candidates.append(Path(__file__).resolve().parents[2] / "data")
    for candidate in candidates:
        if (candidate / _MARKER).is_file():
            return candidate
    message = _("Could not find the course's {folder} folder; set {variable} to its path.")
    raise FileNotFoundError(message.format(folder="data/", variable=DATA_ENV))


def available_images() -> list[str]:
    """Names accepted by `load_image`."""
    return sorted(path.stem for path in data_dir().glob("*.png"))


def load_image(name: str, size: int | tuple[int, int] | None = None) -> np.ndarray:
    """Load ``data/<name>.png`` as grayscale floats in [0, 1], optionally resized.

    ``size`` is a side length (square) or (height, width).
    """
    from PIL import Image

    path = data_dir() / f"{name}.png"
    if not path.is_file():
        message = _("No image named {name}; choose one of {names}.")
        raise FileNotFoundError(message.format(name=repr(name), names=available_images()))
    with Image.open(path) as picture:
        gray = picture.convert("L")
        if size is not None:
            height, width = (size, size) if isinstance(size, int) else size
            gray = gray.resize((width, height), Image.Resampling.BILINEAR)
        return np.asarray(gray, dtype=np.float32) / 255.0


def circle(size: int = 64, radius: float | None = None) -> np.ndarray:
    """A filled white disc on black, centred."""
    radius = size / 3 if radius is None else radius
    rows, cols = np.mgrid[:size, :size]
    centre = (size - 1) / 2
    return (((rows - centre) ** 2 + (cols - centre) ** 2) <= radius**2).astype(np.float32)


def stripes(
    size: int = 32,
    period: int = 6,
    width: int = 2,
    orientation: str = "horizontal",
    phase: int = 0,
) -> np.ndarray:
    """Parallel white lines ``width`` pixels thick, one every ``period`` pixels.

    ``orientation='horizontal'`` gives lines that run left to right.
    """
    if orientation not in ("horizontal", "vertical"):
        raise ValueError("orientation must be 'horizontal' or 'vertical'")
    line = ((np.arange(size) + phase) % period < width).astype(np.float32)
    pattern = np.repeat(line[:, None], size, axis=1)
    return pattern if orientation == "horizontal" else pattern.T.copy()


def bar_images(count: int, size: int = 16, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``count`` noisy ``size`` x ``size`` images, shape (count, size, size, 1), each with one bright bar
    at a random place and of random length, and their labels: 1.0 for a vertical bar, 0.0 for a
    horizontal one. A data set a small network learns in seconds, made here so nothing is downloaded."""
    rng = np.random.default_rng(seed)
    images = rng.normal(0.0, noise, size=(count, size, size, 1)).astype(np.float32)
    labels = rng.integers(0, 2, size=count)
    for image, vertical in zip(images, labels, strict=True):
        line, start = rng.integers(2, size - 2), rng.integers(0, size // 2)
        cells = slice(start, start + rng.integers(size // 3, size - start))
        if vertical:
            image[cells, line, 0] += 1.0
        else:
            image[line, cells, 0] += 1.0
    return images, labels.astype(np.float32)


def dots(size: int = 32, spacing: int = 8, radius: int = 1) -> np.ndarray:
    """A grid of small white squares (2*radius+1 wide) every ``spacing`` pixels."""
    image = np.zeros((size, size), dtype=np.float32)
    for row in range(spacing // 2, size, spacing):
        for col in range(spacing // 2, size, spacing):
            image[max(row - radius, 0) : row + radius + 1, max(col - radius, 0) : col + radius + 1] = 1.0
    return image
