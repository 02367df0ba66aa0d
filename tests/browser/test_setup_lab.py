"""`python -m autograder.setup_lab` writes the course's JupyterLab overrides and keeps others'."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.setup_lab import COURSE_OVERRIDES, NOTEBOOK_PLUGIN, NOTIFICATION_PLUGIN, overrides_path, write_overrides


def test_overrides_live_in_the_environments_lab_settings() -> None:
    assert overrides_path() == Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.json")
    assert overrides_path("/somewhere/lab") == Path("/somewhere/lab/settings/overrides.json")


def test_news_is_switched_off_and_closing_a_notebook_shuts_its_kernel(tmp_path: Path) -> None:
    path = tmp_path / "settings" / "overrides.json"
    write_overrides(path)
    written = json.loads(path.read_text())
    assert written == {
        NOTIFICATION_PLUGIN: {"fetchNews": "false", "checkForUpdates": False},
        NOTEBOOK_PLUGIN: {"kernelShutdown": True},
    }


def test_existing_overrides_are_kept_and_rerunning_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "overrides.json"
    theme = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    path.write_text(json.dumps({**theme, NOTIFICATION_PLUGIN: {"fetchNews": "true", "doNotDisturbMode": True}}))
    write_overrides(path)
    first = path.read_text()
    write_overrides(path)
    assert path.read_text() == first
    assert json.loads(first) == {
        **theme,
        NOTIFICATION_PLUGIN: {"fetchNews": "false", "doNotDisturbMode": True, "checkForUpdates": False},
        NOTEBOOK_PLUGIN: {"kernelShutdown": True},
    }


@pytest.mark.parametrize("content", ["{not json", "[1, 2]"])
def test_a_broken_overrides_file_is_reported_not_overwritten(tmp_path: Path, content: str) -> None:
    path = tmp_path / "overrides.json"
    path.write_text(content)
    with pytest.raises(SystemExit, match="overrides.json"):
        write_overrides(path)
    assert path.read_text() == content


def test_the_install_step_writes_into_jupyterlabs_app_dir(tmp_path: Path) -> None:
    env = {"JUPYTERLAB_DIR": str(tmp_path / "lab"), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "autograder.setup_lab"], env=env, capture_output=True, text=True, check=True
    )
    written = tmp_path / "lab" / "settings" / "overrides.json"
    assert str(written) in result.stdout
    assert json.loads(written.read_text()) == COURSE_OVERRIDES
