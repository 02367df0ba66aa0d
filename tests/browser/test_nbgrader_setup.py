"""nbgrader's JupyterLab side is installed and enabled, and `nbgrader validate` tells a solved
exercise from a blank one."""

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from harness.course import VENV_BIN, copy_course, nbgrader, tool_env

pytestmark = pytest.mark.nbgrader

EXERCISE = "ex1_convolution_relu"
LAB_PLUGINS = ("assignment-list", "validate-assignment", "formgrader", "create-assignment")
SERVER_EXTENSIONS = ("assignment_list", "validate_assignment", "formgrader", "course_list")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def jupyter(config_dir: Path, *args: str) -> str:
    """A ``jupyter`` command's combined output, colours removed, with only the environment's
    own configuration (``config_dir`` stands in for the user's ~/.jupyter)."""
    env = {**tool_env(), "JUPYTER_CONFIG_DIR": str(config_dir)}
    result = subprocess.run(
        [str(VENV_BIN / "jupyter"), *args], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return ANSI.sub("", result.stdout + result.stderr)


def nbgrader_lab_problems(listing: str) -> list[str]:
    """What `jupyter labextension list` says is wrong with nbgrader's lab plugins (empty if none)."""
    problems = []
    if not re.search(r"^\s*@jupyter/nbgrader v\S+ enabled OK", listing, re.MULTILINE):
        problems.append("@jupyter/nbgrader is not listed as enabled OK")
    disabled = listing.partition("Disabled extensions:")[2].split()
    problems += [f"{name} is disabled" for name in disabled if name.startswith("@jupyter/nbgrader")]
    return problems


def test_nbgrader_lab_extensions_are_installed_and_enabled(tmp_path: Path) -> None:
    listing = jupyter(tmp_path, "labextension", "list")
    assert nbgrader_lab_problems(listing) == [], listing
    bundle = Path(VENV_BIN.parent, "share/jupyter/labextensions/@jupyter/nbgrader/static")
    shipped = "".join(path.read_text(errors="replace") for path in bundle.glob("*.js"))
    for plugin in LAB_PLUGINS:
        assert f'"@jupyter/nbgrader:{plugin}"' in shipped


def test_nbgrader_server_extensions_are_enabled(tmp_path: Path) -> None:
    listing = jupyter(tmp_path, "server", "extension", "list")
    for name in SERVER_EXTENSIONS:
        assert re.search(rf"nbgrader\.server_extensions\.{name} enabled", listing), listing
        assert re.search(rf"nbgrader\.server_extensions\.{name}\s+OK", listing), listing


def test_a_disabled_plugin_would_be_reported(tmp_path: Path) -> None:
    jupyter(tmp_path, "labextension", "disable", "--level=user", "@jupyter/nbgrader:formgrader")
    listing = jupyter(tmp_path, "labextension", "list")
    assert nbgrader_lab_problems(listing) == ["@jupyter/nbgrader:formgrader is disabled"]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(tmp_path_factory.mktemp("validate"))


def test_validate_passes_a_solved_notebook(course: Path) -> None:
    result = nbgrader(course, "validate", f"source/{EXERCISE}/{EXERCISE}.ipynb")
    assert "Success! Your notebook passes all the tests." in result.stdout
    assert "VALIDATION FAILED" not in result.stdout


def test_validate_fails_a_blank_notebook(course: Path) -> None:
    blank = course / "release" / EXERCISE / f"{EXERCISE}.ipynb"
    notebook = nbformat.read(blank, as_version=4)
    tests = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    tests = [cell for cell in tests if not cell.metadata["nbgrader"].get("solution")]
    result = nbgrader(course, "validate", str(blank.relative_to(course)))
    assert f"VALIDATION FAILED ON {len(tests)} CELL(S)!" in result.stdout
    assert "Success!" not in result.stdout
