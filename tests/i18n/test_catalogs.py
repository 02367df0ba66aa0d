"""The catalogs are complete, in step with the code and the notebooks, and faithful to the glossary."""

import re
import string

import pytest
from babel.messages.catalog import Catalog
from test_glossary import glossary_rows

from autograder.i18n import TRANSLATED, messages, notebooks
from autograder.i18n.catalogs import catalog_path
from autograder.i18n.notebooks import read_catalog

CODE_SPAN = re.compile(r"`[^`]*`|\$[^$]*\$|\]\([^)]*\)|```.*?```", re.S)


def all_catalogs(code: str) -> list[Catalog]:
    paths = [catalog_path(code), *(notebooks.catalog_path(nb, code) for nb in notebooks.english_notebooks())]
    return [read_catalog(path, code) for path in paths]


def entries(code: str):
    for catalog in all_catalogs(code):
        for message in catalog:
            if message.id:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                yield ids, strings, message


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_of_the_code_has_a_reviewed_translation(code):
    assert messages.missing(code) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_of_every_notebook_has_a_reviewed_translation(code):
    lacking = {str(path): len(texts) for path, texts in notebooks.missing(code).items()}
    assert lacking == {}, "translate them: `python -m autograder.i18n update`, then fill the .po files"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_message_catalog_holds_exactly_the_messages_of_the_code(code):
    template = {m.id for m in messages.template() if m.id}
    catalog = {m.id for m in read_catalog(catalog_path(code), code) if m.id}
    assert catalog == template, "run `python -m autograder.i18n update`"


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_is_left_fuzzy(code):
    fuzzy = [ids[0][:60] for ids, _, message in entries(code) if message.fuzzy]
    assert fuzzy == []


def fields(text: str) -> set[str] | str:
    """The ``{named}`` fields a message is formatted with (its braces, if it is not a format string)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return "".join(char for char in text if char in "{}")


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder_and_code_span(code):
    for ids, strings, message in entries(code):
        if not any(strings):
            continue
        for text in strings:
            if message.locations and message.locations[0][0].endswith(".py"):
                if len(ids) == 1:
                    assert fields(text) == fields(ids[0]), (ids[0], text)
                else:  # a plural form may leave out the number its singular does not need
                    assert fields(text) <= fields(ids[0]) | fields(ids[1]), (ids, text)
            for span in code_spans(ids[0]):
                assert span in text, f"{span} is missing from the translation of {ids[0][:60]!r}"


def code_spans(markdown: str) -> list[str]:
    """The inline code spans of a text, fenced code blocks left out (a span's backtick run closes it)."""
    prose = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    return [match.group(0) for match in re.finditer(r"(`+)(.+?)\1", prose, re.S)]


def avoided_terms() -> dict[str, list[str]]:
    """Per language script, the mistranslations the glossary tells learners to avoid."""
    chinese, russian = [], []
    for _term, (_zh, _ru, _meaning, avoid) in glossary_rows().items():
        russian += re.findall(r"«([^»]+)»", avoid)
        chinese += re.findall(r"[\u4e00-\u9fff]+", avoid)
    return {"zh_CN": chinese, "ru": russian}


JUPYTER_KERNEL = re.compile(r"Kernel|Jupyter|shut|idle|kernels? (is|are|holds|per)", re.I)
"""English that means a Jupyter kernel (a process), where 内核 is JupyterLab's own, standard word."""


def avoided_here(term: str, english: str) -> bool:
    """Whether the glossary's warning about ``term`` applies to a text whose English is ``english``."""
    return not (term == "内核" and JUPYTER_KERNEL.search(english))


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_uses_a_mistranslation_the_glossary_warns_about(code):
    avoid = avoided_terms()[code]
    assert avoid
    for ids, strings, _message in entries(code):
        if "## Glossary" in ids[0]:
            continue  # the glossary itself lists them, as what to avoid
        for text in strings:
            used = [term for term in avoid if term.lower() in text.lower() and avoided_here(term, ids[0])]
            assert used == [], f"{used} in the translation of {ids[0][:60]!r}"


STANDARD_TERMS = {
    r"\bfeature maps?\b": {"zh_CN": r"特征图", "ru": r"карт\w* признак"},
    r"\bmax(imum)?[- ]pooling\b": {"zh_CN": r"最大池化", "ru": r"пулинг|субдискретизац"},
    r"\breceptive fields?\b": {"zh_CN": r"感受野", "ru": r"рецептивн"},
    r"\bstrides?\b": {"zh_CN": r"步幅|步长", "ru": r"шаг|страйд"},
    r"\bpadding\b": {"zh_CN": r"填充", "ru": r"дополнени|паддинг"},
    r"\blearning rate\b": {"zh_CN": r"学习率", "ru": r"(скорост|темп)\w* обучения"},
    r"\bconvolutions?\b": {"zh_CN": r"卷积", "ru": r"свёрт|сверт"},
    r"\blocality\b": {"zh_CN": r"局部性", "ru": r"локальност"},
    r"\bweight sharing\b": {"zh_CN": r"权重共享", "ru": r"разделени\w* весов"},
}


@pytest.mark.parametrize("code", TRANSLATED)
def test_glossary_terms_are_translated_with_the_standard_term(code):
    for ids, strings, _message in entries(code):
        prose = CODE_SPAN.sub(" ", ids[0])
        for english, targets in STANDARD_TERMS.items():
            if re.search(english, prose, re.I):
                for text in filter(None, strings):  # an empty one is the completeness tests' to report
                    assert re.search(targets[code], text, re.I), (
                        f"{english} in {ids[0][:70]!r} is not translated as {targets[code]}: {text[:120]!r}"
                    )


ONE_MEANING_PER_WORD = {
    "ru": [
        # «шаг» is the stride: the filter, detect and condense steps are «этапы».
        (r"\bsteps?\b", r"\bшаг\w* (фильтрации|обнаружения|сжатия)|\b(три|два|двум|первые два) шаг"),
        # A notebook's Jupyter kernel is named so, or it reads as the convolution kernel.
        (r"notebook's kernel", r"^(?!.*Jupyter)"),
    ],
    "zh_CN": [
        (r"\bbatch", r"批次"),  # one word for a batch: 批量
        (r"notebook's kernel|this kernel", r"\bkernel\b"),  # the Jupyter kernel is 内核
        (r"\bthe lesson\b", r"课程[中里]"),  # 课程 is the course; a lesson is 课 or 第 N 课
    ],
}


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_word_keeps_one_meaning(code):
    for ids, strings, _message in entries(code):
        prose = CODE_SPAN.sub(" ", ids[0])
        for english, wrong in ONE_MEANING_PER_WORD[code]:
            if re.search(english, prose, re.I):
                for text in strings:
                    found = re.search(wrong, CODE_SPAN.sub(" ", text or ""), re.I | re.S)
                    assert found is None, f"{found and found.group(0)!r} in {text[:120]!r}"
