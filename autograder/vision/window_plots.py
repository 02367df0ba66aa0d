"""Static figures of the sliding window: where each window lands, and what repeated pooling keeps.

They let lessons 2 and 3 read well without interactive widgets: every window position is drawn
as a frame of a small grid, with padding hatched and cells the stride never reaches crossed out,
so nothing depends on colour alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.i18n import _, ngettext
from autograder.vision.geometry import output_size, padding_name, same_padding, window_starts

MAX_FRAMES_PER_SIDE = 6

_REAL, _PADDED, _MISSED, _WINDOW = "#ffffff", "#c9d1d9", "#f6d5d5", "#0969da"


def _draw_grid(ax: Any, n: int, before: int, after: int, reached: int) -> None:
    """Cells of the padded input: real cells white, padding grey and hatched, unreached cells crossed."""
    from matplotlib.patches import Rectangle

    for row in range(-before, n + after):
        for col in range(-before, n + after):
            padded = not (0 <= row < n and 0 <= col < n)
            missed = not padded and (row >= reached or col >= reached)
            face = _PADDED if padded else _MISSED if missed else _REAL
            hatch = "///" if padded else "xx" if missed else None
            ax.add_patch(Rectangle((col, row), 1, 1, facecolor=face, edgecolor="#57606a", lw=0.6, hatch=hatch))


def show_window_positions(n: int, k: int, s: int = 1, padding: str = "valid") -> Any:
    """One frame per output cell of an n×n input: the k×k window it reads, padding and dropped cells marked.

    Frame (i, j) sits in row i, column j of the figure, like the output cell it computes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    name = padding_name(padding)
    outputs = output_size(n, k, s, name)
    if outputs > MAX_FRAMES_PER_SIDE:
        message = _("{frames} frames are too many to draw; use a smaller input or a larger stride")
        raise ValueError(message.format(frames=f"{outputs}×{outputs}"))
    before, after = same_padding(n, k, s) if name == "same" else (0, 0)
    starts = window_starts(n, k, s, name)
    reached = starts[-1] + k
    side = 1.1 + 0.16 * (n + before + after)
    fig, axes = plt.subplots(outputs, outputs, figsize=(side * outputs, side * outputs + 0.9), squeeze=False)
    for (i, j), ax in np.ndenumerate(axes):
        _draw_grid(ax, n, before, after, reached)
        ax.add_patch(Rectangle((starts[j], starts[i]), k, k, fill=False, edgecolor=_WINDOW, lw=3))
        ax.set_xlim(-before - 0.2, n + after + 0.2)
        ax.set_ylim(n + after + 0.2, -before - 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(_("output [{row}, {col}]").format(row=i, col=j), fontsize=9)
    details = []
    if name == "same":
        details.append(
            _("padding: {before} top/left, {after} bottom/right (hatched)").format(before=before, after=after)
        )
    missed = n - reached
    if missed > 0:
        # Translators: English keeps "row(s) and column(s)" whatever the number; give each plural form its words.
        never_read = ngettext(
            "last {count} row(s) and column(s) never read (crossed)",
            "last {count} row(s) and column(s) never read (crossed)",
            missed,
        )
        details.append(never_read.format(count=missed))
    summary = _("{input} input, {window} window, stride {stride}, padding '{padding}' → {output} output").format(
        input=f"{n}×{n}", window=f"{k}×{k}", stride=s, padding=name, output=f"{outputs}×{outputs}"
    )
    fig.suptitle(
        "\n".join([summary, "; ".join(details) if details else _("no padding; every cell is read")]), fontsize=10
    )
    fig.tight_layout()
    return fig


def show_pooling_rounds(images: dict[str, Any], rounds: int = 3, window: int = 2) -> Any:
    """Each image (a row) and what max pooling leaves of it after 1, 2, ... ``rounds`` poolings."""
    import matplotlib.pyplot as plt
    import tensorflow as tf

    fig, axes = plt.subplots(len(images), rounds + 1, figsize=(2.2 * (rounds + 1), 2.3 * len(images)), squeeze=False)
    for row, (title, picture) in enumerate(images.items()):
        maps = tf.reshape(tf.constant(picture, dtype=tf.float32), [1, *np.shape(picture), 1])
        for step in range(rounds + 1):
            ax = axes[row, step]
            ax.imshow(maps[0, :, :, 0].numpy(), cmap="magma", vmin=0, vmax=1)
            size = "×".join(str(d) for d in maps.shape[1:3])
            stage = _("input ({size})") if step == 0 else _("pooled {count}× ({size})")
            ax.set_title(f"{title}\n{stage.format(count=step, size=size)}", fontsize=9)
            ax.set_xticks([])
            ax.set_yticks([])
            maps = tf.nn.max_pool2d(maps, window, window, "SAME")
    fig.tight_layout()
    return fig
