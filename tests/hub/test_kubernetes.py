"""The Kubernetes deployment on paper (autograder/hub/kubernetes/) holds the settings the
round trip on one machine relies on: the same roles, nbgrader's exchange on shared storage that
every server mounts where nbgrader looks, the course directory inside the instructors' server
root (where the formgrader needs it), culling, and a Dask scheduler for `autograder grade`."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path

import pytest
import yaml
from harness.course import ROOT

from autograder import workspace
from autograder.grading.cli import parser as grading_parser

K8S = ROOT / "autograder" / "hub" / "kubernetes"
HOME = "/home/jovyan"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text())


@pytest.fixture(scope="module")
def storage() -> dict[str, dict]:
    documents = [doc for doc in yaml.safe_load_all((K8S / "storage.yaml").read_text()) if doc]
    return {doc["metadata"]["name"]: doc for doc in documents}


def _nbgrader_settings(storage: dict[str, dict]) -> tuple[dict, str]:
    data = storage["convnet-nbgrader"]["data"]
    return json.loads(data["student.json"]), data["instructor.py"]


def test_the_exchange_is_shared_storage_mounted_where_nbgrader_looks(values: dict, storage: dict) -> None:
    claim = storage["nbgrader-exchange"]
    assert claim["kind"] == "PersistentVolumeClaim" and claim["spec"]["accessModes"] == ["ReadWriteMany"]
    single = values["singleuser"]["storage"]
    claims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in single["extraVolumes"]}
    volume = {"name": next(name for name, claim in claims.items() if claim == "nbgrader-exchange")}
    mount = next(m for m in single["extraVolumeMounts"] if m["name"] == volume["name"])
    student, instructor = _nbgrader_settings(storage)
    assert student["Exchange"]["root"] == mount["mountPath"]
    assert f'c.Exchange.root = "{mount["mountPath"]}"' in instructor
    assert student["CourseDirectory"]["course_id"] == "convnet-features"


def test_role_settings_are_mounted_on_the_path_the_roles_read(values: dict, storage: dict) -> None:
    single = values["singleuser"]["storage"]
    config = next(v for v in single["extraVolumes"] if v.get("configMap", {}).get("name") == "convnet-nbgrader")
    paths = {item["path"] for item in config["configMap"]["items"]}
    assert paths == {"student/nbgrader_config.json", "instructor/nbgrader_config.py"}
    mount = next(m for m in single["extraVolumeMounts"] if m["name"] == config["name"])
    assert mount["mountPath"] == "/etc/convnet"


def _spawn(values: dict, name: str) -> types.SimpleNamespace:
    """Run the hub's extraConfig on a stand-in spawner, as KubeSpawner would before a start."""
    namespace: dict = {"c": types.SimpleNamespace(KubeSpawner=types.SimpleNamespace())}
    for code in values["hub"]["extraConfig"].values():
        exec(compile(code, "extraConfig", "exec"), namespace)
    spawner = types.SimpleNamespace(user=types.SimpleNamespace(name=name), environment={}, volumes=[], volume_mounts=[])
    namespace["c"].KubeSpawner.pre_spawn_hook(spawner)
    return spawner


def test_instructors_and_students_get_their_roles(values: dict, storage: dict) -> None:
    admins = values["hub"]["config"]["Authenticator"]["admin_users"]
    teacher = _spawn(values, admins[0])
    student = _spawn(values, "alice")
    for spawner, role in ((teacher, "instructor"), (student, "student")):
        folders = spawner.environment["JUPYTER_CONFIG_PATH"].split(":")
        assert folders[0].endswith(f"autograder/jupyter_config/{role}") and folders[1] == f"/etc/convnet/{role}"
        assert (workspace.CONFIG / role).is_dir()
    assert student.volume_mounts == []
    (course,) = teacher.volume_mounts
    assert course["mountPath"].startswith(HOME + "/"), "the formgrader needs the course inside the server root"
    _, instructor = _nbgrader_settings(storage)
    assert f'c.CourseDirectory.root = "{course["mountPath"]}"' in instructor
    assert storage[teacher.volumes[0]["persistentVolumeClaim"]["claimName"]]["spec"]["accessModes"] == ["ReadWriteMany"]


def test_servers_start_like_make_hubs_and_idle_ones_stop(values: dict) -> None:
    single = values["singleuser"]
    assert single["cmd"] == ["python", "-m", "autograder.hub.singleuser"]
    assert (ROOT / "autograder" / "hub" / "singleuser.py").is_file()
    assert single["defaultUrl"] == "/lab"
    assert Path(single["extraEnv"]["CONVNET_COURSE_DATA"]).name == "data"
    assert values["cull"]["enabled"] is True and 0 < values["cull"]["timeout"] <= 4 * 3600
    image = f"{single['image']['name']}:{single['image']['tag']}"
    assert image in (K8S / "Dockerfile").read_text()


def test_grading_runs_on_the_dask_scheduler_the_docs_name() -> None:
    dask = yaml.safe_load((K8S / "dask-values.yaml").read_text())
    port = dask["scheduler"]["servicePort"]
    assert dask["worker"]["image"] == dask["scheduler"]["image"]
    commands = re.findall(r"autograder grade \S+ --scheduler (\S+)", (K8S / "dask-values.yaml").read_text())
    assert commands and all(address.startswith("tcp://") and address.endswith(f":{port}") for address in commands)
    args = grading_parser().parse_args(["grade", "ex1_convolution_relu", "--scheduler", commands[0]])
    assert args.scheduler == commands[0]


def _built_with(target: str) -> set[str]:
    """The image names the Dockerfile's comment builds with ``--target target``."""
    return set(re.findall(rf"--target {target} -t (\S+)", (K8S / "Dockerfile").read_text()))


def test_the_judge_service_is_registered_reachable_and_holds_what_students_do_not(values: dict) -> None:
    documents = {doc["kind"]: doc for doc in yaml.safe_load_all((K8S / "judge.yaml").read_text()) if doc}
    deployment, service = documents["Deployment"], documents["Service"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    env = {item["name"]: item.get("value", item.get("valueFrom")) for item in container["env"]}
    port = service["spec"]["ports"][0]["port"]
    address = f"{service['metadata']['name']}:{port}"
    # The hub knows it at that address, every user's server token may reach it, and students' kernels ask it.
    assert values["hub"]["services"]["judge"]["url"] == f"http://{address}"
    scope = f"access:services!service={env['JUPYTERHUB_SERVICE_NAME']}"
    assert scope in values["hub"]["loadRoles"]["user"]["scopes"]
    assert scope in values["hub"]["config"]["Spawner"]["server_token_scopes"]
    prefix = env["JUPYTERHUB_SERVICE_PREFIX"]
    assert values["singleuser"]["extraEnv"]["AUTOGRADER_JUDGE_URL"] == f"ws://{address}{prefix}conversation"
    assert env["JUPYTERHUB_SERVICE_URL"].endswith(f":{container['ports'][0]['containerPort']}")
    assert container["readinessProbe"]["httpGet"]["path"] == f"{prefix}health"
    # Several replicas share one record on a database server, and one key for the page's login.
    assert deployment["spec"]["replicas"] >= 2
    assert (
        env["DATABASE_URL"]["secretKeyRef"]["key"] == "database-url"
        and "postgresql" in (K8S / "judge.yaml").read_text()
    )
    assert env["AUTOGRADER_JUDGE_COOKIE_SECRET"]["secretKeyRef"]
    args = container["command"][3:]
    assert container["command"][:3] == ["python", "-m", "autograder.service"] and "--database" in args
    # The judge (and the instructors' servers, and grading workers) run the full checker; students
    # run the image whose package is the student runtime.
    judge_image = container["image"]
    student_image = f"{values['singleuser']['image']['name']}:{values['singleuser']['image']['tag']}"
    assert judge_image in _built_with("judge") and student_image in _built_with("student")
    assert f'spawner.image = "{judge_image}"' in values["hub"]["extraConfig"]["convnet-roles"]
    dask = yaml.safe_load((K8S / "dask-values.yaml").read_text())
    assert f"{dask['worker']['image']['repository']}:{dask['worker']['image']['tag']}" == judge_image
    assert "autograder student-runtime" in (K8S / "Dockerfile").read_text().split("AS student", 1)[1]
