"""The service's and the progress view's HTML: Jinja2 templates in ``templates/``, every value escaped,
texts marked ``_()`` in the reader's language."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from autograder.core.render import inline_markup
from autograder.i18n import _, ngettext

_TEMPLATES = Environment(
    loader=PackageLoader("autograder.service", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True),
    extensions=["jinja2.ext.i18n"],
)
_TEMPLATES.filters["feedback"] = lambda text: Markup(inline_markup(str(text)))
"""A checker's message as the notebook shows it: escaped, `code` in code spans."""
_TEMPLATES.install_gettext_callables(gettext=lambda text: _(text), ngettext=ngettext, newstyle=True)


def render(template: str, **context: Any) -> str:
    return _TEMPLATES.get_template(template).render(**context)
