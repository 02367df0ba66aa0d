"""The self-learner's own copy of the course, and ``make lab`` in student mode.

``make lab`` runs ``python -m autograder.workspace lab``: the lessons (``course/``) and the student
versions of the exercises (``release/``) are copied into a git-ignored ``workspace/`` folder on
first run, where the student's answers live, so the checkout stays clean and ``git pull`` never
conflicts. A notebook in the workspace is never overwritten: after a course update, new notebooks
are added (and a deleted one comes back fresh), and changed ones are reported, with where the new
version is. JupyterLab then starts on the
workspace (``source/`` is outside it) with the learner's configuration from
``autograder/jupyter_config/``: nbgrader's instructor tools off, idle kernels shut down.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.i18n import ENGLISH, LAB_LOCALES, LANGUAGES, normalise
from autograder.i18n.notebooks import translated_path
from autograder.progress import PROGRESS

PROGRESS_FILE = ".progress.sqlite"
"""The learner's own record of practice checks, in the workspace (`autograder.progress`)."""

REPO = Path(__file__).resolve().parents[1]
PARTS = ("course", "release")
"""The folders a student works in, copied with their layout so the index's links keep working."""
MANIFEST = ".course-manifest.json"
CONFIG = Path(__file__).resolve().parent / "jupyter_config"
ROLES = {"learner": ("learner", "student"), "student": ("student",), "instructor": ("instructor",)}
"""Each role's Jupyter configuration folders, highest priority first."""


@dataclass
class SyncReport:
    """What a sync did: files added, and files the course changed since they were copied."""

    workspace: Path
    created: bool
    added: list[str] = field(default_factory=list)
    changed_upstream: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Plain sentences for the terminal."""
        if self.created:
            out = [f"Your workspace is {self.workspace}: {len(self.added)} notebooks copied from the course."]
        elif self.added:
            out = [f"Course update: {len(self.added)} new notebook(s) added to {self.workspace}:"]
            out += [f"  + {name}" for name in self.added]
        else:
            out = [f"Your workspace is {self.workspace} (up to date with the course)."]
        if self.changed_upstream:
            out.append("The course changed these notebooks since you got them; your copies are kept as they are:")
            out += [f"  * {name} (new version: {REPO / name})" for name in self.changed_upstream]
        return out


def course_notebooks(repo: Path = REPO, parts: tuple[str, ...] = PARTS) -> dict[str, Path]:
    """The course's notebooks, by path relative to the repository."""
    found: dict[str, Path] = {}
    for part in parts:
        for path in sorted((repo / part).rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in path.parts:
                found[path.relative_to(repo).as_posix()] = path
    return found


def language_info() -> dict[str, object]:
    """What this environment's Python kernel reports and JupyterLab writes into a notebook it opens.

    A notebook whose ``language_info`` differs is marked changed as soon as its kernel starts.
    """
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


def stamp(path: Path, info: dict[str, object] | None = None) -> bool:
    """Give the notebook at ``path`` this environment's ``language_info``; True if it changed."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    info = language_info() if info is None else info
    if notebook.get("metadata", {}).get("language_info") == info:
        return False
    notebook.setdefault("metadata", {})["language_info"] = info
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync(workspace: Path, repo: Path = REPO, parts: tuple[str, ...] = PARTS) -> SyncReport:
    """Copy into ``workspace`` every course notebook it lacks; never overwrite one it has."""
    manifest_path = workspace / MANIFEST
    created = not manifest_path.is_file()
    manifest: dict[str, str] = {} if created else json.loads(manifest_path.read_text(encoding="utf-8"))
    report = SyncReport(workspace=workspace, created=created)
    info = language_info()
    for name, source in course_notebooks(repo, parts).items():
        target = workspace / name
        upstream = digest(source)
        if not target.exists():  # new in the course, or deleted by the student: (re)copied
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            stamp(target, info)
            manifest[name] = upstream
            report.added.append(name)
        elif name in manifest and manifest[name] != upstream:
            report.changed_upstream.append(name)
    workspace.mkdir(parents=True, exist_ok=True)
    partial = manifest_path.with_suffix(".partial")
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(manifest_path)
    return report


def role_environment(role: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` with the role's Jupyter configuration folders first on ``JUPYTER_CONFIG_PATH``."""
    env = dict(os.environ if env is None else env)
    folders = [str(CONFIG / name) for name in ROLES[role]]
    rest = [part for part in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if part]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(folders + [p for p in rest if p not in folders])
    return env


def lab_command(workspace: Path, extra: list[str], language: str = ENGLISH) -> list[str]:
    """The ``jupyter lab`` command line for the workspace, allowing root where we are root, opening
    the index in ``language``."""
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", f"--ServerApp.root_dir={workspace}"]
    if os.geteuid() == 0:
        command.append("--ServerApp.allow_root=True")
    index = translated_path(PurePosixPath("course", "index.ipynb"), language)
    return [*command, *extra, str(workspace / index)]


def lab_settings(workspace: Path, language: str) -> Path:
    """JupyterLab's user settings for the workspace, with its interface in ``language``; returns their folder.

    Kept in the workspace (a hidden folder), so the choice of language belongs to this course only.
    """
    folder = workspace / ".jupyterlab-settings"
    plugin = folder / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    plugin.parent.mkdir(parents=True, exist_ok=True)
    plugin.write_text(json.dumps({"locale": LAB_LOCALES[language]}, indent=1) + "\n", encoding="utf-8")
    return folder


def learner_environment(workspace: Path, language: str) -> dict[str, str]:
    """The environment JupyterLab runs in: the learner's configuration, the course's and the
    interface's language (kernels inherit it, so every check speaks it), and where checks are kept
    for the learner's progress."""
    env = role_environment("learner")
    env["COURSE_LANGUAGE"] = language
    env["JUPYTERLAB_SETTINGS_DIR"] = str(lab_settings(workspace, language))
    env[PROGRESS] = str(workspace / PROGRESS_FILE)
    return env


def main(argv: list[str] | None = None) -> None:
    """``sync`` the workspace, or ``lab``: sync, then start JupyterLab on it."""
    parser = argparse.ArgumentParser(prog="python -m autograder.workspace", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["sync", "lab", "stamp"])
    parser.add_argument("paths", nargs="*", type=Path, help="stamp: folders whose notebooks get language_info")
    parser.add_argument("--workspace", type=Path, default=Path(os.environ.get("WORKSPACE") or REPO / "workspace"))
    parser.add_argument("--language", type=normalise, default=ENGLISH, help=f"one of {', '.join(LANGUAGES)}")
    args, extra = parser.parse_known_args(argv)
    if args.action == "stamp":
        notebooks = [nb for folder in args.paths for nb in sorted(folder.rglob("*.ipynb"))]
        changed = [nb for nb in notebooks if ".ipynb_checkpoints" not in nb.parts and stamp(nb)]
        print(f"language_info set in {len(changed)} of {len(notebooks)} notebooks")
        return
    workspace = args.workspace.resolve()
    print("\n".join(sync(workspace).lines()), flush=True)
    if args.action == "lab":
        print("Starting JupyterLab; stop it with Ctrl+C (twice). Idle kernels are shut down after 30 minutes.")
        command = lab_command(workspace, extra, args.language)
        os.execve(command[0], command, learner_environment(workspace, args.language))


if __name__ == "__main__":
    main()
