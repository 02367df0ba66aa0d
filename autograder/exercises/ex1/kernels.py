"""Questions 1, 5 and 6: kernels, judged by what they do to images rather than by their weights.

Question 1 asks for an edge kernel and question 5 for a kernel that answers horizontal lines;
each is convolved with probe images (more of them, random, at grading time). Question 6 is a
thought question on `vertical_kernel`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core import CheckContext, Incorrect, ThoughtQuestion, ValueQuestion, as_array, describe, is_tensor
from autograder.i18n import N_, _
from autograder.vision import KERNELS, circle, convolve, detect, load_image, stripes


def _probe_images(context: CheckContext) -> list[np.ndarray]:
    """Images a kernel is tried on: a disc, the photo, and random noise at grading time."""
    probes = [circle(32), load_image("camera", size=48)]
    seed = context.rng.randrange(2**31)
    noise = np.random.default_rng(seed)
    probes += [noise.random((24, 24)).astype(np.float32) for __ in range(context.extra_cases)]
    return probes


def _edge_probes(context: CheckContext) -> list[np.ndarray]:
    """Images with edges a kernel should respond to: a disc, the photo, step edges, noise at grading time."""
    step = np.zeros((16, 16), dtype=np.float32)
    step[:, 8:] = 1.0
    return [*_probe_images(context), step, step.T.copy()]


def _flat_probes(context: CheckContext) -> list[np.ndarray]:
    """Uniform images (one brightness everywhere) an edge kernel must turn to 0."""
    levels = [1.0, 0.37]
    levels += [context.rng.uniform(0.05, 1.0) for __ in range(context.extra_cases)]
    return [np.full((12, 12), level, dtype=np.float32) for level in levels]


def _small_kernel(weights: np.ndarray, name: str) -> None:
    """Refuse a kernel too small or too large to be the small filter the questions ask for."""
    if not (2 <= weights.shape[0] <= 7 and 2 <= weights.shape[1] <= 7):
        raise Incorrect(
            _("`{name}` has shape {shape}; use a small kernel, 3x3 for example.").format(name=name, shape=weights.shape)
        )


class Kernel(ValueQuestion):
    """Q1: an edge kernel: uniform areas come out as 0, and it responds where the brightness changes.

    Checked by behaviour: convolved with uniform images it gives 0 everywhere (so its weights add up
    to 0), and convolved with a disc, the photo and step edges its output is not constant.
    """

    var = "kernel"
    flat_tolerance = 1e-4
    """How close to 0 a uniform area must come out, relative to the kernel's largest weight."""

    hints = (
        N_(
            "Open the kernel playground from lesson 1 (`from autograder.widgets import kernel_playground`, then "
            "`kernel_playground()`), try the presets `edge` and `blur`, and look at the sky, a uniform area, in "
            "the filtered map: which preset turns it black?"
        ),
        N_(
            "On a uniform area every pixel under the window has the same value v, so the output is v times the sum "
            "of the weights. For it to be 0 the weights must add up to 0: give the kernel positive and negative "
            "weights that cancel, arranged so that a change of brightness does not cancel."
        ),
        N_(
            "For example a positive centre and negative neighbours, "
            "`tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])`; lesson 1's `bottom_sobel` works too."
        ),
    )
    solution = "kernel = tf.constant([\n    [-1, -1, -1],\n    [-1,  8, -1],\n    [-1, -1, -1],\n])"

    def verify(self, value: Any, context: CheckContext) -> str:
        if not is_tensor(value):
            weights = as_array(value, self.var, ndim=2)
            shown = weights.astype(int).tolist() if np.array_equal(weights, weights.round()) else "[[...], ...]"
            raise Incorrect(
                _("`kernel` is {value}, not a tensor: wrap it as `tf.constant({weights})`.").format(
                    value=describe(value), weights=shown
                )
            )
        weights = as_array(value, self.var, ndim=2)
        _small_kernel(weights, self.var)
        if not weights.any():
            raise Incorrect(_("`kernel` is all zeros: every output would be 0, so the image would disappear."))
        scale = float(np.abs(weights).max())
        total = float(weights.sum())
        flat = max(float(np.abs(convolve(probe, weights, padding="VALID")).max()) for probe in _flat_probes(context))
        if flat > self.flat_tolerance * scale * weights.size:
            raise Incorrect(self._not_zero_on_flat_areas(weights, total))
        for probe in _edge_probes(context):
            if np.ptp(convolve(probe, weights, padding="VALID")) > 1e-3 * scale:
                break
        else:
            raise Incorrect(
                _(
                    "`kernel` turns uniform areas to 0, but it gives 0 on edges too, so it detects nothing. "
                    "Arrange the weights so that a change of brightness under the window does not cancel out."
                )
            )
        sentences = [
            _(
                "Your kernel turns every uniform area to 0 (its weights add up to 0) and responds where the "
                "brightness changes: an edge detector."
            )
        ]
        for name in ("edge", "bottom_sobel"):
            if weights.shape == KERNELS[name].shape and np.allclose(weights, KERNELS[name]):
                sentences.append(_("This is lesson 1's `{name}` kernel; try one of your own too.").format(name=name))
        sentences.append(_("Run the next cells to see what it picks out."))
        return " ".join(sentences)

    @staticmethod
    def _not_zero_on_flat_areas(weights: np.ndarray, total: float) -> str:
        """Why a kernel whose weights do not add up to 0 fails, named after the tempting ones."""
        centre_only = weights.copy()
        centre_only[tuple(n // 2 for n in weights.shape)] = 0
        if weights.shape[0] % 2 and weights.shape[1] % 2 and not centre_only.any():
            return _(
                "`kernel` only has a centre weight, so it just multiplies each pixel by {total}: a uniform area "
                "stays uniform, not 0. Give the neighbours weights too, so the kernel compares each pixel with its "
                "surroundings."
            ).format(total=f"{total:g}")
        if abs(total - 1) < 1e-6:
            if np.count_nonzero(weights) == 1:
                return _(
                    "`kernel` has a single weight of 1 off the centre: it only shifts the picture by a pixel, and "
                    "a uniform area stays as bright as it was. An edge kernel's weights add up to 0."
                )
            return _(
                "The weights of `kernel` add up to 1, so it keeps the brightness of uniform areas (like a blur, "
                "sharpen or emboss kernel) instead of turning them to 0. An edge kernel's weights add up to 0."
            )
        if abs(total - 12) < 1e-6:
            return _(
                "The weights of `kernel` add up to 12, so a uniform area of brightness v comes out as 12·v: the "
                "map is mostly a scaled-up copy of the picture, not its edges. (It is not really a brightening "
                "filter either: a picture is shown with its colours rescaled to its own range, so the result "
                "looks much like a sharpened original.) An edge kernel's weights add up to 0: lower the centre "
                "weight by 12."
            )
        return _(
            "The weights of `kernel` add up to {total}, not 0, so a uniform area of brightness v comes out as "
            "{total}·v instead of 0. An edge kernel's weights add up to 0: change them until they cancel (lowering "
            "the centre weight by {total} would do)."
        ).format(total=f"{total:g}")


def _stripe_probes(context: CheckContext) -> list[tuple[np.ndarray, np.ndarray]]:
    """(horizontal, vertical) pairs of the same stripe pattern; random ones at grading time."""
    settings = [(24, 6, 1, 0), (24, 6, 2, 1), (30, 8, 3, 2)]
    for __ in range(context.extra_cases):
        period = context.rng.randint(4, 9)
        settings.append(
            (context.rng.randint(20, 40), period, context.rng.randint(1, period // 2), context.rng.randrange(period))
        )
    pairs = []
    for size, period, width, phase in settings:
        pattern = stripes(size, period, width, "horizontal", phase)
        pairs.append((pattern, pattern.T.copy()))
    return pairs


def line_response(kernel: np.ndarray, context: CheckContext) -> tuple[float, float]:
    """Mean ReLU response of a kernel to horizontal and to vertical stripes."""
    horizontal = vertical = 0.0
    probes = _stripe_probes(context)
    for flat, upright in probes:
        horizontal += float(detect(convolve(flat, kernel, padding="VALID")).mean())
        vertical += float(detect(convolve(upright, kernel, padding="VALID")).mean())
    return horizontal / len(probes), vertical / len(probes)


class HorizontalKernel(ValueQuestion):
    """Q5: a kernel that responds to horizontal lines much more than to vertical ones."""

    var = "horizontal_kernel"
    selectivity = 2.0
    """How many times stronger the response to horizontal stripes must be."""

    hints = (
        N_(
            "Look back at `line_kernel` from question 4: its weights change from left to right, and it answered "
            "the vertical line. Which way should the weights change for a horizontal line?"
        ),
        N_(
            "A horizontal line is bright in one row and dark in the rows above and below, so the weights "
            "should change from top to bottom and stay the same from left to right."
        ),
    )
    solution = "horizontal_kernel = tf.constant([\n    [-1, -1, -1],\n    [ 2,  2,  2],\n    [-1, -1, -1],\n])"

    def verify(self, value: Any, context: CheckContext) -> str:
        weights = as_array(value, self.var, ndim=2)
        _small_kernel(weights, self.var)
        if not weights.any():
            raise Incorrect(_("`horizontal_kernel` is all zeros, so it responds to nothing."))
        flat, upright = line_response(weights, context)
        scale = float(np.abs(weights).sum())
        if flat <= 0.01 * scale:
            if upright > 0.01 * scale:
                raise Incorrect(_("Your kernel responds to vertical lines, not horizontal ones: turn it on its side."))
            raise Incorrect(_("Your kernel barely responds to horizontal lines."))
        if upright > flat:
            raise Incorrect(_("Your kernel responds more to vertical lines than to horizontal ones."))
        if upright * self.selectivity > flat:
            raise Incorrect(
                _(
                    "Your kernel responds to vertical lines almost as much as to horizontal ones, so it does not "
                    "tell them apart. Keep the weights equal along each row."
                )
            )
        if upright == 0:
            return _("Your kernel responds to horizontal lines with no response to vertical ones.")
        return _("Your kernel responds {ratio} times more strongly to horizontal lines than to vertical ones.").format(
            ratio=f"{flat / upright:.1f}"
        )


class VerticalDiscussion(ThoughtQuestion):
    """Q6: what `vertical_kernel` picks out."""

    solution = N_(
        "Each row of `vertical_kernel` is (-1, 2, -1): it compares a column of pixels with the columns "
        "on either side. A thin bright vertical line gives a large positive sum, a uniform area gives 0 "
        "(the weights add up to 0), and a horizontal line covers a whole row of the kernel, where the "
        "weights cancel. After ReLU only the thin vertical lines and the vertical edges of bright areas "
        "are left: in a photograph, the poles, legs and upright edges."
    )
