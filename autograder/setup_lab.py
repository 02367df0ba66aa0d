"""Give every student the same quiet JupyterLab: write the course's settings overrides.

``make install`` runs ``python -m autograder.setup_lab``. The overrides go into the
environment's JupyterLab application directory (``<sys.prefix>/share/jupyter/lab/settings``), so
they act as defaults for everyone using this environment, and a student can still change
them in the Settings Editor. Existing overrides are kept; only the course's keys are set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
NOTEBOOK_PLUGIN = "@jupyterlab/notebook-extension:tracker"

COURSE_OVERRIDES: dict[str, dict[str, Any]] = {
    NOTIFICATION_PLUGIN: {
        # "false" (a string: the setting is "true", "false" or "none") means Never: no news
        # prompt on first launch and no request to the news feed, which an offline course lacks.
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Closing a notebook's tab shuts its kernel down: each kernel holds TensorFlow (~0.6 GB).
    NOTEBOOK_PLUGIN: {"kernelShutdown": True},
}


def overrides_path(app_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where JupyterLab reads settings overrides for this environment."""
    if app_dir is None:
        from jupyterlab.commands import get_app_dir

        app_dir = get_app_dir()
    return Path(app_dir) / "settings" / "overrides.json"


def merge_overrides(existing: dict[str, Any], course: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``existing`` with the course's settings set plugin by plugin, other keys untouched."""
    merged = {plugin: dict(values) if isinstance(values, dict) else values for plugin, values in existing.items()}
    for plugin, values in course.items():
        current = merged.get(plugin)
        merged[plugin] = {**(current if isinstance(current, dict) else {}), **values}
    return merged


def write_overrides(path: Path, course: dict[str, dict[str, Any]] = COURSE_OVERRIDES) -> dict[str, Any]:
    """Merge the course's overrides into the JSON file at ``path`` (created if missing)."""
    existing: dict[str, Any] = {}
    if path.is_file():
        try:
            existing = json.loads(path.read_text(encoding="utf-8") or "{}")
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path} is not valid JSON ({error}); fix or delete it, then rerun.") from None
        if not isinstance(existing, dict):
            raise SystemExit(f"{path} should hold a JSON object of plugin settings; fix or delete it.")
    merged = merge_overrides(existing, course)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
    return merged


def main() -> None:
    """Write the overrides and say where."""
    path = overrides_path()
    write_overrides(path)
    print(f"JupyterLab course settings (news off, kernel shut down on closing a notebook) written to {path}")


if __name__ == "__main__":
    main()
