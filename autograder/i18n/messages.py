"""The catalog of the package's own messages (checker feedback, hints, explorer labels), kept with Babel."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from autograder.i18n import normalise
from autograder.i18n.catalogs import DOMAIN, catalog_path
from autograder.i18n.notebooks import read_catalog, reviewed, write_catalog

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""The functions whose string arguments are messages (see `autograder.i18n`)."""


def template() -> Catalog:
    """Every message marked in the package's code, located by file and line."""
    catalog = Catalog(project="convnet-features", domain=DOMAIN)
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python"), ("service/templates/**.j2", "jinja2.ext:babel_extract")],
        options_map={"service/templates/**.j2": {"extensions": "jinja2.ext.i18n"}},
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    )
    for filename, line, message, comments, context in found:
        catalog.add(message, locations=[(f"autograder/{filename}", line)], auto_comments=comments, context=context)
    return catalog


def update_catalog(code: str) -> Path:
    """Bring the language's message catalog in step with the code (new: empty; changed: fuzzy)."""
    code = normalise(code)
    path = catalog_path(code)
    catalog = read_catalog(path, code)
    catalog.update(template(), no_fuzzy_matching=False)
    catalog.obsolete.clear()
    write_catalog(catalog, path)
    return path


def missing(code: str) -> list[str]:
    """The messages of the code that have no reviewed translation into ``code``."""
    strings = reviewed(read_catalog(catalog_path(normalise(code)), code))
    english = (message.id[0] if isinstance(message.id, tuple) else message.id for message in template() if message.id)
    return [text for text in english if text not in strings]
