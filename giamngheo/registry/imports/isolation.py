"""Read an upload in a child process with a memory limit and a timeout: a hostile file cannot hurt the worker.

The child (a fresh interpreter started with `python -m`, without Django or a database) reads the file with
`reader.read_upload`, writes the two frames as Arrow IPC files and the reading errors as JSON into a
temporary folder, and the parent reads them back. If the child runs out of memory, is killed or overruns
its time, the parent raises `ReadFailed` with a Vietnamese message and carries on.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

import giamngheo
from giamngheo.registry.imports.guard import megabytes
from giamngheo.registry.imports.reader import RawFiles
from giamngheo.standards.interchange import InterchangeError

POLL_SECONDS = 1.0
logger = logging.getLogger(__name__)


class ReadFailed(Exception):
    """The child process reading the file died or overran its time; the message says so in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _child(folder: Path) -> str:
    """Run in the child: limit the address space, read, write the frames and the outcome into `folder`."""
    request = json.loads((folder / "request.json").read_text())
    try:
        memory = int(request["memory_bytes"])
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        from giamngheo.registry.imports.reader import read_upload

        members = request["members_path"]
        raw = read_upload(Path(request["path"]), Path(members) if members else None, request["display_name"])
        raw.households.write_ipc(folder / "households.arrow")
        raw.members.write_ipc(folder / "members.arrow")
        errors = [[error.file, error.row, error.column, error.value, error.reason_vi] for error in raw.errors]
        outcome = {"kind": "ok", "names": [raw.households_name, raw.members_name], "errors": errors}
    except MemoryError:
        outcome = {"kind": "memory"}
    except Exception as error:  # any other failure of the read is reported to the parent, never lost
        outcome = {
            "kind": "error",
            "reason": f"{type(error).__name__}: {(str(error) or ' ').splitlines()[0]}",
        }
    (folder / "outcome.json").write_text(json.dumps(outcome))
    return str(outcome["kind"])


def read_isolated(
    path: Path,
    members_path: Path | None,
    display_name: str,
    *,
    memory_bytes: int,
    seconds: float,
    alive: Callable[[], None] = lambda: None,
) -> RawFiles:
    """`read_upload` in a child process; `alive` is called about once a second while waiting (heartbeat)."""
    failed = {"file": display_name, "limit": megabytes(memory_bytes)}
    root = Path(giamngheo.__file__).resolve().parent.parent
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
        # glibc reserves 64 MB of address space per thread arena; two arenas keep the limit about real use
        "MALLOC_ARENA_MAX": "2",
    }
    with tempfile.TemporaryDirectory(prefix="giamngheo-import-") as name:
        folder = Path(name)
        request = {
            "path": str(path),
            "members_path": str(members_path) if members_path else None,
            "display_name": display_name,
            "memory_bytes": memory_bytes,
        }
        (folder / "request.json").write_text(json.dumps(request))
        process = subprocess.Popen(  # noqa: S603 — our own module, arguments are ours
            [sys.executable, "-m", __name__, str(folder)],
            cwd=root,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(folder / "stderr.txt").open("wb"),
        )
        deadline = time.monotonic() + seconds
        try:
            while True:
                try:
                    process.wait(POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    alive()
                    if time.monotonic() > deadline:
                        raise ReadFailed(
                            _("Đọc tệp %(file)s quá %(seconds)s giây nên đã dừng; hãy chia nhỏ tệp theo xã.")
                            % {"file": display_name, "seconds": int(seconds)}
                        ) from None
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        outcome_file = folder / "outcome.json"
        outcome: dict[str, Any] = (
            json.loads(outcome_file.read_text()) if outcome_file.exists() else {"kind": "died"}
        )
        if outcome["kind"] in ("memory", "died"):
            stderr = (folder / "stderr.txt").read_bytes()[-2000:].decode(errors="replace")
            logger.warning("import read of %s ended with %s: %s", display_name, outcome["kind"], stderr)
            raise ReadFailed(
                _(
                    "Đọc tệp %(file)s cần nhiều hơn %(limit)s MB bộ nhớ (hoặc quá trình đọc bị dừng); "
                    "hãy chia nhỏ tệp theo xã hoặc lưu lại tệp bằng Excel."
                )
                % failed
            )
        if outcome["kind"] == "error":
            raise ReadFailed(
                _("Không đọc được tệp %(file)s: %(reason)s")
                % {"file": display_name, "reason": outcome["reason"]}
            )
        households_name, members_name = outcome["names"]
        return RawFiles(
            pl.read_ipc(folder / "households.arrow"),
            pl.read_ipc(folder / "members.arrow"),
            households_name,
            members_name,
            tuple(InterchangeError(*error) for error in outcome["errors"]),
        )


if __name__ == "__main__":
    sys.exit(0 if _child(Path(sys.argv[1])) == "ok" else 1)
