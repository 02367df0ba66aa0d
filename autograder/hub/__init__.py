"""A class on one machine: JupyterHub with Unix accounts for instructors and students.

``make hub`` runs ``python -m autograder.hub`` as root, which (every step keeps what exists):

- reads the roster (``instructors:`` and ``students:`` lists of user names, YAML);
- makes a Unix account with a private home (mode 700) for each name that has none, with a
  generated password written to ``<state>/passwords.txt`` (root only, mode 600); instructors
  are also in the group ``convnet-instructors``;
- copies the course (``source/``, ``course/``, ``data/``, ``nbgrader_config.py``) into
  ``<state>/course``, the nbgrader course directory the instructors share (group-owned, no access
  for others: solutions, hidden tests and the gradebook stay there), and the images into
  ``<state>/data`` for every kernel;
- makes nbgrader's exchange, ``<state>/exchange`` (root-owned, world-writable, sticky);
- writes each role's Jupyter configuration under ``<state>/config`` (nbgrader's course id and
  exchange; the course directory for instructors);
- keeps the full checker in ``<state>/judge`` (root and instructors only), for the judge service
  and the instructors' grading, and makes the hub environment's own ``autograder`` the student
  runtime: no answer of the course's graded assignments (``c.Autograder.graded_assignments`` in
  ``<state>/course/nbgrader_config.py``) in any file a student can read;
- then starts JupyterHub (``jupyterhub_config.py`` beside this file) in ``<state>``, with the
  judge service (`autograder.service`) as a managed service.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlunsplit

from autograder.course import COURSE_ID

INSTRUCTORS_GROUP = "convnet-instructors"
COURSE_PARTS = ("source", "course", "data", "nbgrader_config.py")
SETTINGS = "hub.json"
PASSWORDS = "passwords.txt"
USER_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")


def local_url(host: str, port: int, scheme: str = "http") -> str:
    """The plain (unencrypted) address of ``host:port``: the hub, its proxy's API or the judge
    service on loopback (``scheme`` "ws" for the service's WebSocket)."""
    return urlunsplit((scheme, f"{host}:{port}", "/", "", ""))


@dataclass(frozen=True)
class Roster:
    """Who is in the class."""

    instructors: tuple[str, ...]
    students: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> Roster:
        """Read ``instructors:`` and ``students:`` (lists of user names) from a YAML file."""
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        roster = cls(tuple(data.get("instructors") or ()), tuple(data.get("students") or ()))
        for name in roster.instructors + roster.students:
            if not isinstance(name, str) or not USER_NAME.fullmatch(name):
                raise SystemExit(f"{path}: {name!r} is not a valid user name (lower-case letters, digits, - and _).")
        if set(roster.instructors) & set(roster.students):
            raise SystemExit(f"{path}: {sorted(set(roster.instructors) & set(roster.students))} listed twice.")
        return roster


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True


def ensure_group(name: str) -> None:
    """Create the Unix group ``name`` if missing."""
    try:
        grp.getgrnam(name)
    except KeyError:
        subprocess.run(["groupadd", name], check=True)


def ensure_accounts(roster: Roster, passwords: Path) -> dict[str, str]:
    """Create missing accounts with generated passwords (kept in ``passwords``); returns the new ones."""
    ensure_group(INSTRUCTORS_GROUP)
    created: dict[str, str] = {}
    for user in roster.instructors + roster.students:
        if not _exists(user):
            groups = ["-G", INSTRUCTORS_GROUP] if user in roster.instructors else []
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", *groups, user], check=True)
            password = secrets.token_urlsafe(12)
            subprocess.run(["chpasswd"], input=f"{user}:{password}\n", text=True, check=True)
            created[user] = password
        elif user in roster.instructors:
            subprocess.run(["usermod", "--append", "--groups", INSTRUCTORS_GROUP, user], check=True)
        Path(pwd.getpwnam(user).pw_dir).chmod(0o700)
    if created:
        passwords.touch(mode=0o600)
        passwords.chmod(0o600)
        with passwords.open("a", encoding="utf-8") as out:
            out.writelines(f"{user}\t{password}\n" for user, password in created.items())
    return created


def _copy_missing(source: Path, target: Path) -> list[Path]:
    """Copy what ``target`` lacks from ``source`` (a file or a folder); never overwrite. Returns what it made."""
    if source.is_file():
        if target.exists():
            return []
        shutil.copy2(source, target)
        return [target]
    made = [] if target.exists() else [target]
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if {".ipynb_checkpoints", "__pycache__"} & set(path.parts) or destination.exists():
            continue
        if path.is_dir():
            destination.mkdir(parents=True)
        else:
            shutil.copy2(path, destination)
        made.append(destination)
    return made


def _own(paths: list[Path], gid: int, dir_mode: int, file_mode: int) -> None:
    """Root-owned, in group ``gid``, with these modes: only what ``make hub`` made (work stays as it is)."""
    for path in paths:
        os.chown(path, 0, gid)
        path.chmod(dir_mode if path.is_dir() else file_mode)


def prepare_course(state: Path, repo: Path) -> Path:
    """The instructors' shared nbgrader course directory and the world-readable images."""
    course = state / "course"
    made = [] if course.exists() else [course]
    course.mkdir(parents=True, exist_ok=True)
    for part in COURSE_PARTS:
        made += _copy_missing(repo / part, course / part)
    # setgid folders keep new files in the group; no access for anybody else.
    _own(made, grp.getgrnam(INSTRUCTORS_GROUP).gr_gid, 0o2770, 0o660)
    _own(_copy_missing(repo / "data", state / "data"), 0, 0o755, 0o644)
    return course


def prepare_exchange(state: Path) -> Path:
    """nbgrader's exchange: root-owned, everyone may create in it, nobody may remove others' files."""
    exchange = state / "exchange"
    exchange.mkdir(parents=True, exist_ok=True)
    os.chown(exchange, 0, 0)
    exchange.chmod(0o1777)
    return exchange


def write_role_configs(state: Path, course: Path, exchange: Path, judge_database: str) -> Path:
    """nbgrader settings per role, in folders put on the role's ``JUPYTER_CONFIG_PATH``."""
    config = state / "config"
    student = {"CourseDirectory": {"course_id": COURSE_ID}, "Exchange": {"root": str(exchange)}}
    (config / "student").mkdir(parents=True, exist_ok=True)
    (config / "student" / "nbgrader_config.json").write_text(json.dumps(student, indent=2) + "\n")
    (config / "instructor").mkdir(parents=True, exist_ok=True)
    (config / "instructor" / "nbgrader_config.py").write_text(
        "# Written by `make hub`: the shared course directory (as ~/course, inside the server's root,\n"
        "# where the formgrader needs it) and the exchange.\n"
        "import os\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(course / 'nbgrader_config.py')!r})  # noqa: F821\n"
        'c.CourseDirectory.root = os.path.expanduser("~/course")\n'
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        # The judge service's record, read by `autograder grade` for hint deductions.
        f"c.Autograder.judge_database = {judge_database!r}\n"
    )
    # Terminals run bash as a plain (not login) shell, so they keep the hub's PATH (nbgrader, autograder).
    server = {"ServerApp": {"terminado_settings": {"shell_command": ["/bin/bash"]}}}
    for role in ("student", "instructor"):
        (config / role / "jupyter_server_config.json").write_text(json.dumps(server, indent=2) + "\n")
    for path in [config, *config.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return config


def prepare_record(state: Path) -> Path:
    """The judge service's record (every student's checks): root writes it, instructors read it."""
    record = state / "record"
    record.mkdir(exist_ok=True)
    os.chown(record, 0, grp.getgrnam(INSTRUCTORS_GROUP).gr_gid)
    record.chmod(0o2750)
    return record


def prepare_judge(state: Path, repo: Path, course: Path) -> Path:
    """The full checker, readable by root and the instructors only, and the student runtime in
    place of the hub environment's package (rebuilt at each start: the graded list may change)."""
    judge = state / "judge"
    full = judge / "autograder"
    shutil.rmtree(full, ignore_errors=True)
    shutil.copytree(repo / "autograder", full, ignore=shutil.ignore_patterns("__pycache__"))
    gid = grp.getgrnam(INSTRUCTORS_GROUP).gr_gid
    _own([judge, *judge.rglob("*")], gid, 0o2750, 0o640)
    installed = Path(sysconfig.get_paths()["purelib"]) / "autograder"  # the environment's, not the checkout's
    if not installed.is_dir() or installed.resolve() == (repo / "autograder").resolve():
        raise SystemExit(f"The hub's environment must hold its own copy of the course package, not {installed}.")
    built = installed.parent / ".autograder-student-runtime"
    shutil.rmtree(built, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(judge)}
    command = [sys.executable, "-m", "autograder.grading.cli", "student-runtime", str(built), "--course", str(course)]
    subprocess.run(command, check=True, env=env, cwd=judge)
    previous = installed.with_name(".autograder-previous")
    shutil.rmtree(previous, ignore_errors=True)
    installed.rename(previous)
    (built / "autograder").rename(installed)
    shutil.rmtree(previous)
    built.rmdir()
    _own([installed, *installed.rglob("*")], 0, 0o755, 0o644)
    return judge


def setup(roster_path: Path, state: Path, settings: dict[str, object], repo: Path) -> dict[str, object]:
    """Everything before JupyterHub starts, the course taken from the checkout ``repo``; returns the
    settings ``jupyterhub_config.py`` reads."""
    if os.geteuid() != 0:
        raise SystemExit("make hub makes Unix accounts and switches to them: run it as root (sudo make hub).")
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)
    closed = [str(folder) for folder in state.parents if not folder.stat().st_mode & 0o001]
    if closed:
        raise SystemExit(f"The accounts cannot reach {state}: {closed[0]} is closed to others; choose another HUB_DIR.")
    roster = Roster.load(roster_path)
    created = ensure_accounts(roster, state / PASSWORDS)
    course = prepare_course(state, repo)
    exchange = prepare_exchange(state)
    judge_database = f"sqlite:///{prepare_record(state) / 'judge.sqlite'}"
    config = write_role_configs(state, course, exchange, judge_database)
    judge = prepare_judge(state, repo, course)
    full = {
        **settings,
        "state": str(state),
        "course": str(course),
        "data": str(state / "data"),
        "exchange": str(exchange),
        "config": str(config),
        "judge": str(judge),
        "judge_database": judge_database,
        "instructors": list(roster.instructors),
        "students": list(roster.students),
    }
    (state / SETTINGS).write_text(json.dumps(full, indent=2) + "\n")
    print(f"Roster {roster_path}: {len(roster.instructors)} instructor(s), {len(roster.students)} student(s).")
    if created:
        print(f"New accounts: {', '.join(created)}; their passwords are in {state / PASSWORDS} (root only).")
    return full
