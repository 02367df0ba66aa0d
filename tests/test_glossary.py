"""The index's glossary gives the standard Chinese and Russian terms and flags the learners' mistranslations."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def glossary_rows() -> dict[str, list[str]]:
    cells = json.loads((ROOT / "course" / "index.ipynb").read_text())["cells"]
    text = next("".join(cell["source"]) for cell in cells if "## Glossary" in "".join(cell["source"]))
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    return {row[0].strip(): [part.strip() for part in row[1:]] for row in rows[1:]}


def test_every_row_has_both_languages_a_meaning_and_an_avoid_column():
    rows = glossary_rows()
    assert len(rows) >= 12
    for term, (chinese, russian, meaning, avoid) in rows.items():
        assert chinese and russian and meaning and avoid, term


def test_the_learners_mistranslations_are_flagged_next_to_the_standard_terms():
    rows = glossary_rows()
    chinese, russian, _, avoid = rows["feature map"]
    assert chinese == "特征图" and russian == "карта признаков" and "карта функций" in avoid
    chinese, russian, _, avoid = rows["max pooling"]
    assert chinese == "最大池化" and "max-пулинг" in russian and "максимальное объединение" in avoid
    assert "подвыборка" in russian or "подвыборк" in russian


def test_the_three_steps_and_the_terms_of_the_new_topics_have_rows():
    rows = glossary_rows()
    chinese, russian, meaning, _ = rows["filter, detect, condense (the three steps)"]
    assert chinese.startswith("过滤、检测、压缩") and russian.startswith("фильтрация, обнаружение, сжатие")
    assert "ReLU" in meaning and "pooling" in meaning
    assert rows["equivariance (to shifts)"][:2] == ["等变性（平移等变性）", "эквивариантность (к сдвигу)"]
    assert rows["gradient"][:2] == ["梯度", "градиент"]
