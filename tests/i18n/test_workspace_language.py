"""`make lab COURSE_LANGUAGE=zh_CN`: the workspace opens the index, the interface and the checks in that language."""

import json
from pathlib import Path

from autograder import workspace


def test_the_lab_opens_the_index_in_the_chosen_language(tmp_path: Path) -> None:
    assert workspace.lab_command(tmp_path, [], "zh_CN")[-1] == str(tmp_path / "course" / "zh_CN" / "index.ipynb")
    assert workspace.lab_command(tmp_path, [], "en")[-1] == str(tmp_path / "course" / "index.ipynb")


def test_the_interface_and_the_kernels_get_the_language(tmp_path: Path) -> None:
    env = workspace.learner_environment(tmp_path, "ru")
    assert env["COURSE_LANGUAGE"] == "ru"
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "translation-extension"
    assert json.loads((settings / "plugin.jupyterlab-settings").read_text()) == {"locale": "ru_RU"}
    assert Path(env["JUPYTERLAB_SETTINGS_DIR"]).is_relative_to(tmp_path)


def test_the_workspace_holds_every_language(tmp_path: Path) -> None:
    report = workspace.sync(tmp_path / "workspace")
    for code in ("zh_CN", "ru"):
        assert f"course/{code}/index.ipynb" in report.added
        assert f"release/ex1_convolution_relu_{code}/ex1_convolution_relu.ipynb" in report.added
