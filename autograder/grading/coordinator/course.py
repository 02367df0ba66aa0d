"""The course as nbgrader sees it, loaded exactly as ``nbgrader autograde`` loads it.

nbgrader's own `AutogradeApp` reads the configuration (``nbgrader_config.py`` in the course root
and the usual Jupyter paths) and its own `Autograde` converter does the per-submission work. The
one difference: the converter writes into a staging folder, ``.autograder/<assignment>/staging``,
from which a finished submission is moved into ``autograded/`` in one rename, so a killed run never
leaves a half-written ``autograded/`` folder.
"""

from __future__ import annotations

import logging
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nbconvert.writers import FilesWriter
from nbgrader.api import Gradebook
from nbgrader.apps.autogradeapp import AutogradeApp
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import SaveAutoGrades
from traitlets.config import Config

from autograder.grading.sandbox.spec import SandboxSpec, course_sandbox

STATE_DIR = ".autograder"


@dataclass
class Course:
    """One assignment of one course, with nbgrader's configuration and converter."""

    app: AutogradeApp
    assignment: str
    converter: Autograde

    @property
    def coursedir(self) -> CourseDirectory:
        return self.app.coursedir

    @property
    def root(self) -> Path:
        return Path(self.coursedir.root)

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR / self.assignment

    @property
    def gradebook_path(self) -> Path:
        prefix = "sqlite:///"
        return Path(self.db_url[len(prefix) :]) if self.db_url.startswith(prefix) else self.root / "gradebook.db"

    def gradebook(self) -> Gradebook:
        return Gradebook(self.db_url, self.coursedir.course_id)

    def submitted(self, student: str) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.submitted_directory, student, self.assignment))

    def autograded(self, student: str) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.autograded_directory, student, self.assignment))

    def staging(self, student: str) -> Path:
        staging = self.converter.coursedir  # its autograded folder is the staging folder
        return Path(staging.format_path(staging.autograded_directory, student, self.assignment))

    def notebook_names(self) -> set[str]:
        with self.gradebook() as gradebook:
            return {notebook.name for notebook in gradebook.find_assignment(self.assignment).notebooks}

    # ------------------------------------------------------------ what workers need
    def split_preprocessors(self) -> tuple[list[type], list[type]]:
        """nbgrader's autograde stages, split where the gradebook is first written."""
        stages = list(self.converter.autograde_preprocessors)
        cut = next((i for i, cls in enumerate(stages) if issubclass(cls, SaveAutoGrades)), len(stages))
        return stages[:cut], stages[cut:]

    def worker_config(self, classes: list[type]) -> dict[str, Any]:
        """The configuration sections the execution stages read, as plain picklable data."""
        names = {"Exporter", "TemplateExporter", "NotebookExporter"}
        for cls in classes:
            names.update(base.__name__ for base in cls.__mro__)
        config = self.converter.config
        sections = {name: _plain(config[name]) for name in names if name in config}
        return {name: value for name, value in sections.items() if _picklable(value)}

    def sandbox(self, mode: str) -> SandboxSpec:
        """The sandbox this course's submissions run in."""
        return course_sandbox(self.root, mode)


def load_course(assignment: str, root: Path, student: str = "*", log_file: Path | None = None) -> Course:
    """Load nbgrader's configuration in ``root`` and a converter that writes to staging."""
    previous = Path.cwd()
    os.chdir(root)
    try:
        app = AutogradeApp()
        app.initialize([assignment, f"--CourseDirectory.student_id={student}", "--log-level=ERROR"])
    finally:
        os.chdir(previous)
    _log_to_file(app, log_file)
    app.coursedir.assignment_id = assignment
    staging = CourseDirectory(parent=app)
    staging.root = app.coursedir.root
    staging.assignment_id = assignment
    staging.student_id = app.coursedir.student_id
    staging.autograded_directory = os.path.join(STATE_DIR, assignment, "staging")
    converter = Autograde(coursedir=staging, parent=app)
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    return Course(app=app, assignment=assignment, converter=converter)


def _log_to_file(app: AutogradeApp, log_file: Path | None) -> None:
    """nbgrader's log goes to a file: the terminal shows progress, not one line per cell."""
    handler: logging.Handler = logging.NullHandler()
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file)
        handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s | %(levelname)s] %(message)s"))
    logging.captureWarnings(True)  # library warnings (SQLAlchemy, nbformat) belong in the log too
    for logger in (app.log, logging.getLogger("py.warnings")):
        for old in list(logger.handlers):
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.propagate = False
    app.log.setLevel(logging.INFO)


def _plain(value: Any) -> Any:
    if isinstance(value, (Config, dict)):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _picklable(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True
