"""Explorers that still read well where widgets cannot run.

An explorer's output carries, next to the live widget, a PNG of the figure it first drew.
JupyterLab prefers the widget; a page without widget state (nbconvert's HTML, GitHub's viewer,
an untrusted notebook) shows the picture instead of an empty box.
"""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as widgets

from autograder.i18n import _

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def widgets_available() -> bool:
    """True when running in a Jupyter kernel, where a front end can draw widgets."""
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class ExplorerBox(widgets.VBox):
    """The explorer's layout, displayed as the widget plus a static PNG and a text label."""

    def __init__(self, title: str, children: list[widgets.Widget], fallback_png: bytes) -> None:
        super().__init__(children)
        self.add_class("convnet-explorer")
        self._title = title
        self._fallback_png = fallback_png

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = _("{title} (interactive in JupyterLab; the picture shows its first state)").format(
            title=self._title
        )
        bundle["image/png"] = base64.b64encode(self._fallback_png).decode("ascii")
        return bundle
