"""The lessons and exercises in each language, generated from the English notebooks and a catalog per notebook.

The English notebooks (``course/*.ipynb``, ``source/<assignment>/*.ipynb``) are the one source of
truth. Each has, per language, a Babel catalog ``autograder/locale/<language>/notebooks/<name>.po``
with one entry per markdown cell and one per code comment; code itself is never translated.
`update_catalogs` adds new English text to the catalogs and marks changed text fuzzy (with its
previous English) for review; `build` writes ``course/<language>/<name>.ipynb`` and
``source/<assignment>_<language>/<name>.ipynb``, whose set-up cell chooses the language, with the
links between notebooks pointing at the same language. ``make release`` then makes the student
versions of the translated exercises like any other.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import tokenize
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from autograder.i18n import ENGLISH, assignment_language, normalise, translated_assignment
from autograder.i18n.catalogs import LOCALE_DIR

REPO = Path(__file__).resolve().parents[2]
NBGRADER_MARKERS = re.compile(
    r"^(#+\s*)?(BEGIN|END) (SOLUTION|HIDDEN TESTS)\b|YOUR (CODE|ANSWER) HERE|^(noqa|type:|pragma)"
)
"""Comments that are instructions to nbgrader or a tool, not text for the learner: kept as they are."""
SETUP_CALL = "binder.bind(globals())"
SETUP_IMPORT = "import autograder"
LINK = re.compile(r"(\]\(|src=\")([^)\s\"#]+)")
"""A relative link target in markdown or an HTML ``src``; the part after ``#`` is kept as it is."""


HEADER = "# The convnet-features course in {language}: `python -m autograder.i18n update` keeps it in step."
DATED = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
"""The date every catalog header carries: a fixed one, so that updating unchanged text changes no file."""


class TranslationMissing(LookupError):
    """A notebook text has no reviewed translation in its catalog."""


@dataclass(frozen=True)
class Text:
    """One translatable piece of a notebook: a markdown cell or a code comment."""

    msgid: str
    cell: int
    """The cell's number, counting from 1."""


def english_notebooks(repo: Path = REPO) -> list[PurePosixPath]:
    """The English notebooks, relative to the repository: lessons, the index and the exercise sources."""
    found = list((repo / "course").glob("*.ipynb"))
    found += [path for path in (repo / "source").glob("*/*.ipynb") if assignment_language(path.parent.name) == ENGLISH]
    return sorted(PurePosixPath(path.relative_to(repo).as_posix()) for path in found)


def translated_path(path: PurePosixPath, code: str) -> PurePosixPath:
    """Where the ``code`` version of a course file lives (``course/x`` -> ``course/<code>/x``; an
    assignment's folder gets the language suffix); other files are shared by every language."""
    code = normalise(code)
    parts = path.parts
    if code == ENGLISH or len(parts) < 2:
        return path
    if parts[0] == "course" and len(parts) == 2:
        return PurePosixPath("course", code, parts[1])
    if parts[0] in ("source", "release", "autograded", "feedback") and len(parts) == 3:
        return PurePosixPath(parts[0], translated_assignment(parts[1], code), parts[2])
    return path


def catalog_path(notebook: PurePosixPath, code: str) -> Path:
    """The catalog of one English notebook's texts in language ``code``."""
    return LOCALE_DIR / normalise(code) / "notebooks" / f"{notebook.stem}.po"


def _comments(source: str) -> Iterator[tokenize.TokenInfo]:
    """The comment tokens of a code cell that a learner reads (an untokenizable cell has none)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            text = token.string.lstrip("#").strip()
            if token.type == tokenize.COMMENT and text and not NBGRADER_MARKERS.search(text):
                yield token
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return


def comment_text(token: tokenize.TokenInfo) -> str:
    """A comment without its ``#`` and the spaces after it."""
    return token.string.lstrip("#").strip()


def texts(notebook: nbformat.NotebookNode) -> list[Text]:
    """Every translatable text of a notebook, in order."""
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and cell.source.strip():
            found.append(Text(cell.source.strip(), index + 1))
        elif cell.cell_type == "code":
            found += [Text(comment_text(token), index + 1) for token in _comments(cell.source)]
    return found


def template(path: PurePosixPath, repo: Path = REPO) -> Catalog:
    """An empty catalog holding the English notebook's texts, each located by its cell."""
    catalog = Catalog(project="convnet-features", domain=path.stem)
    for text in texts(nbformat.read(repo / path, as_version=4)):
        catalog.add(text.msgid, locations=[(path.as_posix(), text.cell)])
    return catalog


def read_catalog(path: Path, code: str) -> Catalog:
    """A catalog from disk, or an empty one for ``code``."""
    if not path.is_file():
        return Catalog(locale=code, project="convnet-features", domain=path.stem)
    with path.open("rb") as source:
        return read_po(source, locale=code)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a catalog the way every catalog of the course is written (so a rewrite changes nothing)."""
    catalog.header_comment = HEADER.format(language=catalog.locale.english_name if catalog.locale else "English")
    catalog.creation_date = catalog.revision_date = DATED
    catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = ""
    catalog.fuzzy = False
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, include_previous=True, sort_by_file=True)
    path.write_bytes(buffer.getvalue())


def update_catalogs(code: str, repo: Path = REPO, names: Collection[str] = ()) -> list[Path]:
    """Bring the language's notebook catalogs (those of ``names``, default all) in step with the
    English notebooks; return those written.

    New texts get empty translations, changed texts a fuzzy one that keeps the previous English
    (Babel's matching), and texts no longer in the notebook are dropped.
    """
    written = []
    for notebook in english_notebooks(repo):
        if names and notebook.stem not in names:
            continue
        path = catalog_path(notebook, code)
        catalog = read_catalog(path, code)
        catalog.update(template(notebook, repo), no_fuzzy_matching=False)
        catalog.obsolete.clear()
        write_catalog(catalog, path)
        written.append(path)
    return written


def reviewed(catalog: Catalog) -> dict[str, str | tuple[str, ...]]:
    """The catalog's translations that a translator has confirmed (not empty, not fuzzy), by their
    English (a plural message by its singular, with every form filled in)."""
    found = {}
    for message in catalog:
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(forms) and not message.fuzzy:
            found[message.id[0] if isinstance(message.id, tuple) else message.id] = message.string
    return found


def _relink(text: str, english: PurePosixPath, translated: PurePosixPath, code: str) -> str:
    """Point relative links at the same file in ``code``'s version, from the translated notebook's folder."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if "://" in target or target.startswith(("mailto:", "/", "data:")):
            return match.group(0)
        resolved = PurePosixPath(os.path.normpath((english.parent / target).as_posix()))
        if resolved.suffix == ".ipynb":
            resolved = translated_path(resolved, code)
        return match.group(1) + os.path.relpath(resolved.as_posix(), translated.parent.as_posix())

    return LINK.sub(replace, text)


def _translate_comments(source: str, strings: dict[str, str]) -> str:
    """The cell's code with each learner-facing comment replaced by its translation."""
    lines = source.splitlines(keepends=True)
    for token in reversed(list(_comments(source))):
        text = comment_text(token)
        if text not in strings:
            raise TranslationMissing(text)
        row, start = token.start
        _, end = token.end
        marks = token.string[: len(token.string) - len(token.string.lstrip("#"))]
        line = lines[row - 1]
        lines[row - 1] = f"{line[:start]}{marks} {strings[text]}{line[end:]}"
    return "".join(lines)


def _choose_language(source: str, code: str) -> str:
    """The set-up cell's code, made to choose ``code`` for every message the course shows."""
    if SETUP_CALL in source:
        return source.replace(SETUP_CALL, f'binder.bind(globals(), language="{code}")', 1)
    lines = source.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(SETUP_IMPORT):
            lines.insert(index + 1, f'from autograder.i18n import set_language; set_language("{code}")\n')
            return "".join(lines)
    raise ValueError(f"the first code cell neither calls {SETUP_CALL} nor starts with {SETUP_IMPORT!r}")


def translate_notebook(english: PurePosixPath, code: str, repo: Path = REPO) -> nbformat.NotebookNode:
    """The ``code`` version of an English notebook; TranslationMissing names the first text without one."""
    code = normalise(code)
    strings = reviewed(read_catalog(catalog_path(english, code), code))
    target = translated_path(english, code)
    notebook = nbformat.read(repo / english, as_version=4)
    first_code = True
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            text = cell.source.strip()
            if text not in strings:
                raise TranslationMissing(f"{english} cell: {text[:60]!r}")
            cell.source = _relink(strings[text], english, target, code)
        elif cell.cell_type == "code":
            cell.source = _translate_comments(cell.source, strings)
            if first_code:
                cell.source = _choose_language(cell.source, code)
                first_code = False
    notebook.metadata.setdefault("autograder", {})["language"] = code
    return notebook


def build(code: str, repo: Path = REPO) -> list[PurePosixPath]:
    """Write every translated notebook of ``code``; return their paths."""
    written = []
    for english in english_notebooks(repo):
        notebook = translate_notebook(english, code, repo)
        target = translated_path(english, code)
        (repo / target).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, repo / target)
        written.append(target)
    return written


def missing(code: str, repo: Path = REPO) -> dict[PurePosixPath, list[str]]:
    """For each English notebook, its texts without a reviewed ``code`` translation."""
    gaps = {}
    for english in english_notebooks(repo):
        strings = reviewed(read_catalog(catalog_path(english, code), code))
        lacking = [
            text.msgid for text in texts(nbformat.read(repo / english, as_version=4)) if text.msgid not in strings
        ]
        if lacking:
            gaps[english] = lacking
    return gaps


__all__ = [
    "TranslationMissing",
    "build",
    "catalog_path",
    "english_notebooks",
    "missing",
    "translate_notebook",
    "translated_path",
    "update_catalogs",
]
