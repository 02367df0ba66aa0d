"""A student's or instructor's Jupyter server under JupyterHub, with files private by default.

Runs ``jupyterhub-singleuser`` with umask 007: what a user makes is theirs and their group's (the
shared course directory's group, for instructors), never everybody's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    """Set the umask and replace this process with ``jupyterhub-singleuser`` (same arguments)."""
    os.umask(0o007)
    command = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
    os.execv(command, [command, *sys.argv[1:]])


if __name__ == "__main__":
    main()
