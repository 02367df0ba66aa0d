"""JupyterHub for the course on one machine; ``python -m autograder.hub`` (``make hub``) starts it.

Reads the settings ``make hub`` wrote (``$CONVNET_HUB_SETTINGS``). Accounts are the machine's Unix
users, logged in with their password (PAM) and each run as themselves (LocalProcessSpawner).
Instructors get nbgrader's formgrader and the shared course directory as ``~/course``; students
get the Assignment List and their own copy of the lessons in ``~/course``. To use your
institution's login instead of PAM, put the lines in ``<state>/jupyterhub_config.local.py``,
read last (see the README).
"""

import json
import os
import pwd
from pathlib import Path

from autograder import workspace
from autograder.hub import local_url

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


c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": _config_path,
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
