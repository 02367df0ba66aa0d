"""Widgets every explorer shows: a heading, the figure as an image, and text lines."""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as widgets

from autograder.i18n import N_, _

CONTROL_STYLE = {"description_width": "9em"}
CONTROL_LAYOUT = {"width": "24em"}
TOGGLE_STYLE = {"description_width": "9em", "button_width": "6em"}

PADDING_LABELS = {
    # Translators: a padding button; learners also write padding="valid" in Keras code, so keep that word visible.
    "valid": N_("valid"),
    # Translators: a padding button; learners also write padding="same" in Keras code, so keep that word visible.
    "same": N_("same"),
}
"""The word each padding toggle shows, by the name the code uses."""


def labelled(labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, value) options for a toggle or dropdown: the learner reads a label in their language,
    the code keeps comparing the values, which are the keys of ``labels`` (marked with ``N_``)."""
    return [(_(label), value) for value, label in labels.items()]


def heading(title: str, instructions: str) -> widgets.HTML:
    """The explorer's name in bold, then one sentence on what to try."""
    return widgets.HTML(f"<strong>{html.escape(title)}</strong>: {html.escape(instructions)}")


def figure_image(png: bytes) -> widgets.Image:
    """An image widget showing a PNG figure; the explorers replace its value as controls move."""
    image = widgets.Image(value=png, format="png", layout=widgets.Layout(max_width="100%"))
    image.add_class("convnet-explorer-figure")
    return image


def text_lines(lines: list[str]) -> widgets.HTML:
    """Lines of explanation (formulas, summaries) in a labelled, colour-free block."""
    block = widgets.HTML(lines_html(lines))
    block.add_class("convnet-explorer-text")
    return block


def lines_html(lines: list[str]) -> str:
    """Escaped lines, one per row."""
    return "<div>" + "<br>".join(html.escape(line) for line in lines) + "</div>"


def int_slider(label: str, value: int, low: int, high: int) -> widgets.IntSlider:
    """A labelled whole-number slider that updates when released (one redraw per move)."""
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        description=label,
        continuous_update=False,
        style=CONTROL_STYLE,
        layout=CONTROL_LAYOUT,
    )
