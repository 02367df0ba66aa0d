"""A PostgreSQL server of Debian's package, started in a temporary folder for one test module.

It listens on a Unix socket only. PostgreSQL refuses to run as root, so as root the server runs as
the package's ``postgres`` account.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

PORT = 5433


def _binary(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is missing: `make system-deps` installs Debian's postgresql")
    return str(found[-1])


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A running server; yields its SQLAlchemy URL (database ``postgres``)."""
    folder = Path(tempfile.mkdtemp(prefix="pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"

    def run(*command: str) -> None:
        subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=120)

    run(_binary("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    options = f"-k {folder} -p {PORT} -c listen_addresses=''"
    run(_binary("pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={PORT}"
    finally:
        run(_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
