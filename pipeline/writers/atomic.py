"""Files appear whole or not at all: written next to the target, fsynced, then renamed over it."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path to write to; on success it replaces ``target`` (``os.replace``)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs get the usual permissions
    try:
        yield Path(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_text(target: Path | str, content: str) -> None:
    """Write a whole text file atomically, with the usual permissions."""
    with atomic_path(Path(target)) as tmp:
        tmp.write_text(content, encoding="utf-8")


def unwritable(target: Path) -> str | None:
    """Why ``target`` could not be written (by an atomic write, or appended to beside it), else None.

    Checked by writing a probe file where the output will go, since permission bits do not tell the
    whole story (read-only mounts, root, ACLs). Missing folders would be created, so the nearest existing
    one is probed.
    """
    target = Path(target)
    if target.is_dir():
        return "it is a folder, not a file"
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"{folder} is not a folder"
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".newsevents-probe-")
    except OSError as err:
        return f"{folder} is not writable ({err.strerror or err})"
    os.close(fd)
    os.unlink(probe)
    return None
