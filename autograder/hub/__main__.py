"""``python -m autograder.hub``: set the class up (see the package docstring), then run JupyterHub."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autograder.hub import SETTINGS, local_url, setup

CONFIG = Path(__file__).with_name("jupyterhub_config.py")


def main(argv: list[str] | None = None) -> None:
    """Parse the options ``make hub`` passes, set up, and replace this process with JupyterHub."""
    parser = argparse.ArgumentParser(prog="python -m autograder.hub", description=__doc__)
    parser.add_argument("--roster", type=Path, required=True, help="YAML with instructors: and students: lists")
    parser.add_argument("--state", type=Path, required=True, help="folder for the course, exchange and hub data")
    parser.add_argument("--ip", default="127.0.0.1", help="address the hub listens on (0.0.0.0 for a class)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--hub-port", type=int, default=8081, help="the hub's internal port")
    parser.add_argument("--proxy-api-port", type=int, default=8001)
    parser.add_argument("--judge-port", type=int, default=8002, help="the judge service's port (loopback)")
    parser.add_argument("--proxy", default="configurable-http-proxy", help="configurable-http-proxy's command")
    parser.add_argument("--course", type=Path, default=Path.cwd(), help="the course checkout to copy from")
    parser.add_argument("--setup-only", action="store_true", help="make accounts and folders, do not start")
    args = parser.parse_args(argv)
    state = args.state.resolve()
    settings = {
        "ip": args.ip,
        "port": args.port,
        "hub_port": args.hub_port,
        "proxy_api_port": args.proxy_api_port,
        "judge_port": args.judge_port,
        "proxy": args.proxy,
        "bin": str(Path(sys.executable).parent),
    }
    setup(args.roster.resolve(), state, settings, args.course.resolve())
    if args.setup_only:
        return
    print(f"JupyterHub on {local_url(args.ip, args.port)} (stop it with Ctrl+C)", flush=True)
    os.chdir(state)
    command = [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(CONFIG)]
    os.execve(command[0], command, {**os.environ, "CONVNET_HUB_SETTINGS": str(state / SETTINGS)})


if __name__ == "__main__":
    main()
