"""What a sandbox is made of: its isolation mode, the kernels' environment and the course data."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from autograder.runtime import QUIET_ENV

BWRAP = "bwrap"
NONE = "none"
MODES = (BWRAP, NONE)

# Imported once by the kernel template; each kernel starts with them loaded. They must not start
# TensorFlow's runtime (threads do not survive a fork), which importing alone does not.
DEFAULT_PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "IPython.core.history",
    "sqlite3",
    "tensorflow",
    "matplotlib.pyplot",
    "autograder.core",
    "autograder.vision",
)

# The only variables a kernel inherits from the grader's environment: exact names, no prefixes, so
# tokens and credentials (e.g. Terraform's TF_VAR_*, TF_TOKEN_*) and paths into the course stay out.
KERNEL_ENV_NAMES = frozenset(
    {
        "PATH",  # what `!` commands and subprocesses find (only mounted folders exist inside)
        # Text encoding, messages and time, as in the instructor's own nbgrader run.
        *("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "TZ"),
        *("PYTHONWARNINGS", "PYTHONHASHSEED", "PYTHONIOENCODING", "PYTHONUTF8"),
        # TensorFlow's and Keras's quiet start-up (a stderr line zeroes an nbgrader grade cell).
        *QUIET_ENV,
        "MPLBACKEND",
        # Thread pools of TensorFlow and the BLAS libraries, and OpenBLAS's CPU detection.
        *("TF_NUM_INTEROP_THREADS", "TF_NUM_INTRAOP_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"),
        *("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"),
    }
)


# RLIMIT_NPROC of the sandbox's user: every process and thread of the template, its kernels and
# what they start (threads count on Linux). Measured: a kernel running exercise 4's solution peaks at
# 16 tasks on 2 CPUs and 14 on 1 (ipykernel's ~10 threads, TensorFlow's and OpenBLAS's pools growing
# about 3 per CPU), plus 1-2 for the template; the limit leaves several times that.
TASKS_BASE = 64
TASKS_PER_CPU = 8


def task_limit() -> int:
    """How many processes and threads a sandbox may hold at once on this machine."""
    return TASKS_BASE + TASKS_PER_CPU * (os.cpu_count() or 1)


def kernel_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The allowlisted part of ``environ`` (default: this process's environment)."""
    environ = os.environ if environ is None else environ
    return {name: environ[name] for name in sorted(KERNEL_ENV_NAMES) if name in environ}


@dataclass(frozen=True)
class SandboxSpec:
    """Everything that fixes a sandbox; bundles with equal specs can share a kernel template."""

    mode: str = BWRAP
    env: tuple[tuple[str, str], ...] = ()
    data: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)
    preload: tuple[str, ...] = DEFAULT_PRELOAD

    def key(self) -> str:
        """A short digest identifying this spec."""
        digest = hashlib.sha256(json.dumps([self.mode, self.env, self.preload]).encode())
        for name, content in self.data:
            digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
        return digest.hexdigest()[:16]


DATA_ENV = "CONVNET_COURSE_DATA"
"""Where the course's images are, if not in the course root's ``data/``."""


def course_data(root: Path) -> Path | None:
    """The course's data folder (images the exercises load), shipped read-only to workers."""
    candidate = Path(os.environ.get(DATA_ENV) or root / "data")
    return candidate if candidate.is_dir() else None


def course_sandbox(root: Path, mode: str) -> SandboxSpec:
    """The sandbox every submission of the course at ``root`` runs in (no nbgrader needed to know it,
    so workers can start it while the coordinator is still loading)."""
    env = kernel_env()
    env["NBGRADER_EXECUTION"] = "autograde"  # what nbgrader sets while it autogrades
    data = course_data(root)
    files: tuple[tuple[str, bytes], ...] = ()
    if data is not None:
        files = tuple(
            (str(path.relative_to(data)), path.read_bytes()) for path in sorted(data.rglob("*")) if path.is_file()
        )
    return SandboxSpec(mode=mode, env=tuple(sorted(env.items())), data=files)
