"""What a sandbox is made of: its isolation mode, the kernels' environment and the course data."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

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

# Modules a submission must not patch: the checker and what it computes with.
PROTECTED_MODULES = ("autograder", "numpy", "tensorflow", "IPython", "ipykernel")

# Path components that name the instructor's files (a kernel never sees them; trying is flagged).
SECRET_NAMES = ("source", "gradebook", "autograded", "submitted", "nbgrader_config")


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
