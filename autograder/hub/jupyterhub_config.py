"""JupyterHub for the course on one machine; ``python -m autograder.hub`` (``make hub``) starts it.

Reads the settings ``make hub`` wrote (``$CONVNET_HUB_SETTINGS``). Accounts are the machine's Unix
users, logged in with their password (PAM) and each run as themselves (LocalProcessSpawner).
Instructors get nbgrader's formgrader and the shared course directory as ``~/course``; students
get the Assignment List and their own copy of the lessons in ``~/course``. The judge service
(`autograder.service`) runs as a managed service: students' kernels hold no answer of a graded
assignment and ask it for checks, hints and solutions, with their server's hub token. To use your
institution's login instead of PAM, put the lines in ``<state>/jupyterhub_config.local.py``,
read last (see the README).
"""

import json
import os
import pwd
from pathlib import Path

from autograder import workspace
from autograder.hub import local_url
from autograder.service.client import JUDGE_URL

settings = json.loads(Path(os.environ["CONVNET_HUB_SETTINGS"]).read_text())
STATE = Path(settings["state"])
INSTRUCTORS = set(settings["instructors"])
STUDENTS = set(settings["students"])
BIN = settings["bin"]

c = get_config()  # noqa: F821 - provided by traitlets when JupyterHub loads this file

c.JupyterHub.bind_url = local_url(settings["ip"], settings["port"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [settings["proxy"]]
c.ConfigurableHTTPProxy.api_url = local_url("127.0.0.1", settings["proxy_api_port"]).rstrip("/")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# PAM: the accounts `make hub` made, with the passwords in <state>/passwords.txt. No PAM session
# (that needs a login manager, which a container or a plain server may not run).
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
c.Authenticator.admin_users = INSTRUCTORS

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{BIN}/python", "-m", "autograder.hub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
# Importing TensorFlow on a busy 2-core machine is slow; so is a first start.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180


def _config_path(spawner) -> str:
    """The role's Jupyter configuration: course tools and nbgrader settings."""
    if spawner.user.name in INSTRUCTORS:
        folders = [*workspace.role_environment("instructor", {})["JUPYTER_CONFIG_PATH"].split(os.pathsep)]
        folders.append(str(STATE / "config" / "instructor"))
    else:
        folders = [*workspace.role_environment("student", {})["JUPYTER_CONFIG_PATH"].split(os.pathsep)]
        folders.append(str(STATE / "config" / "student"))
    return os.pathsep.join(folders)


JUDGE = "judge"
JUDGE_ADDRESS = local_url("127.0.0.1", settings["judge_port"])
c.JupyterHub.services = [
    {
        "name": JUDGE,
        "url": JUDGE_ADDRESS,
        "oauth_no_confirm": True,  # the instructors' page: the hub's login is enough
        "command": [
            f"{BIN}/python",
            "-m",
            "autograder.service",
            "--course",
            settings["course"],
            "--database",
            settings["judge_database"],
            "--instructors",
            ",".join(sorted(INSTRUCTORS)),
        ],
        # The full checker comes first on the path: the environment's own package has no answers.
        "environment": {
            "PYTHONPATH": settings["judge"],
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "TF_ENABLE_ONEDNN_OPTS": "0",
            "PYTHONWARNINGS": "ignore",
        },
    }
]
# Every user may reach the judge service, and so may the token their server (and kernels) hold.
ACCESS_JUDGE = f"access:services!service={JUDGE}"
c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", ACCESS_JUDGE]}]
c.Spawner.server_token_scopes = ["access:servers!server", "users:activity!user", ACCESS_JUDGE]


def _judge_path(spawner) -> str:
    """Instructors grade with the full checker; students' servers have the student runtime only."""
    return settings["judge"] if spawner.user.name in INSTRUCTORS else ""


c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": _config_path,
    "PYTHONPATH": _judge_path,
    JUDGE_URL: local_url("127.0.0.1", settings["judge_port"], scheme="ws") + f"services/{JUDGE}/conversation",
    "CONVNET_COURSE_DATA": settings["data"],
    "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONWARNINGS": "ignore",
}


def prepare_home(spawner) -> None:
    """Before a server starts: the lessons in a student's ~/course, the course directory for instructors."""
    account = pwd.getpwnam(spawner.user.name)
    home = Path(account.pw_dir)
    link = home / "course"
    if spawner.user.name in INSTRUCTORS:
        if not link.exists() and not link.is_symlink():
            link.symlink_to(settings["course"])
            os.chown(link, account.pw_uid, account.pw_gid, follow_symlinks=False)
        return
    report = workspace.sync(home, repo=Path(settings["course"]), parts=("course",))
    for name in [workspace.MANIFEST, *report.added]:
        path = home / name
        while path != home:
            os.chown(path, account.pw_uid, account.pw_gid)
            path = path.parent


c.Spawner.pre_spawn_hook = prepare_home

local = STATE / "jupyterhub_config.local.py"
if local.is_file():
    load_subconfig(str(local))  # noqa: F821 - the institution's authenticator and other overrides
