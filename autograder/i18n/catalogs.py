"""The message catalogs: read from the ``.po`` files Babel writes, compiled in memory on first use.

Reading the ``.po`` files themselves (no committed ``.mo``) means a catalog can never be stale;
fuzzy entries (English changed, translation not yet reviewed) are left out, so the English text
shows until a translator confirms them.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "autograder"


def catalog_path(code: str, domain: str = DOMAIN) -> Path:
    """Where the ``.po`` catalog of ``domain`` for language ``code`` lives."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog for ``code``; English, or a language without a catalog, passes text through."""
    path = catalog_path(code)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
