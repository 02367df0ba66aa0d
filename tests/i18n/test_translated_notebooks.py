"""The Chinese and Russian notebooks: made from today's English ones, same code, links that work, no English prose."""

import io
import json
import re
import tokenize
from pathlib import PurePosixPath

import nbformat
import pytest
from harness.course import ROOT

from autograder.i18n import TRANSLATED
from autograder.i18n.notebooks import TranslationMissing, english_notebooks, translate_notebook, translated_path

PAIRS = [(english, code) for english in english_notebooks() for code in TRANSLATED]
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,]+[A-Za-z][a-z']+){4,}")
"""Five English words in a row: a sentence left untranslated (names and terms are shorter)."""
NOT_PROSE = re.compile(r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|<[^>]+>|https?://\S+", re.S)


def ids(pair) -> str:
    english, code = pair
    return f"{code}:{english.stem}"


def committed(english: PurePosixPath, code: str) -> nbformat.NotebookNode:
    path = ROOT / translated_path(english, code)
    assert path.is_file(), f"{path} is missing: run `make translations`"
    return nbformat.read(path, as_version=4)


def code_without_comments(source: str) -> list[str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return [source]
    return [token.string for token in tokens if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE)]


@pytest.mark.parametrize("pair", PAIRS, ids=ids)
def test_the_translated_notebook_is_made_from_todays_english_one(pair):
    english, code = pair
    try:
        fresh = translate_notebook(english, code)
    except TranslationMissing as missing:
        pytest.fail(f"no reviewed translation for {missing}: update the catalogs, then `make translations`")
    assert json.loads(nbformat.writes(fresh)) == json.loads(nbformat.writes(committed(english, code))), (
        f"{translated_path(english, code)} is stale: run `make translations`"
    )


@pytest.mark.parametrize("pair", PAIRS, ids=ids)
def test_code_cells_and_nbgrader_metadata_are_the_english_ones(pair):
    english, code = pair
    original = nbformat.read(ROOT / english, as_version=4)
    translated = committed(english, code)
    assert len(original.cells) == len(translated.cells)
    setup_seen = False
    for before, after in zip(original.cells, translated.cells, strict=True):
        assert before.cell_type == after.cell_type
        assert before.metadata.get("nbgrader") == after.metadata.get("nbgrader")
        if before.cell_type != "code":
            continue
        if not setup_seen:
            setup_seen = True
            assert f'"{code}"' in after.source, "the set-up cell must choose the notebook's language"
            continue
        assert code_without_comments(before.source) == code_without_comments(after.source)


@pytest.mark.parametrize("pair", PAIRS, ids=ids)
def test_links_point_at_existing_files_in_the_same_language(pair):
    english, code = pair
    translated_file = ROOT / translated_path(english, code)
    for cell in committed(english, code).cells:
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\(([^)\s#]+)", cell.source):
            if "://" in target:
                continue
            resolved = (translated_file.parent / target).resolve()
            assert resolved.is_file(), f"broken link {target} in {translated_file.relative_to(ROOT)}"
            if resolved.suffix == ".ipynb" and resolved.parent.parent.name in ("course", "release", "source"):
                relative = PurePosixPath(resolved.relative_to(ROOT).as_posix())
                assert relative == translated_path(PurePosixPath(*relative.parts), code) or code in relative.as_posix()


@pytest.mark.parametrize("pair", PAIRS, ids=ids)
def test_no_english_sentence_is_left_in_the_prose(pair):
    english, code = pair
    original = nbformat.read(ROOT / english, as_version=4)
    for source, cell in zip(original.cells, committed(english, code).cells, strict=True):
        if cell.cell_type != "markdown" or "## Glossary" in source.source:
            continue  # the glossary keeps its English column on purpose
        prose = NOT_PROSE.sub(" ", cell.source)
        assert not ENGLISH_PHRASE.search(prose), f"English left in {english.stem} ({code}): {prose[:200]!r}"
        script = r"[\u4e00-\u9fff]" if code == "zh_CN" else r"[а-яё]"
        if re.search(r"[A-Za-z]{3}", prose):
            assert re.search(script, prose, re.I), f"untranslated cell in {english.stem} ({code}): {prose[:120]!r}"
