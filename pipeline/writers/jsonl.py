"""The canonical output: one ArticleResult per line, appended so that a killed run can resume."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO, Iterator

from pydantic import ValidationError

from models import ArticleResult

from ..errors import Errors, NewsEventsError


class JsonlAppender:
    """Appends complete lines; flushes and fsyncs every ``sync_every`` lines and on close."""

    def __init__(self, path: Path, *, sync_every: int = 64) -> None:
        self.path = Path(path)
        self.sync_every = max(1, sync_every)
        self._handle: BinaryIO | None = None
        self._unsynced = 0

    def __enter__(self) -> "JsonlAppender":
        self._handle = open(self.path, "ab")
        return self

    @property
    def handle(self) -> BinaryIO:
        if self._handle is None:
            raise RuntimeError("JsonlAppender is used outside its with block")
        return self._handle

    def write(self, line: str) -> None:
        self.handle.write(line.encode("utf-8") + b"\n")
        self._unsynced += 1
        if self._unsynced >= self.sync_every:
            self.sync()

    def sync(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self._unsynced = 0

    def __exit__(self, *exc: object) -> None:
        try:
            self.sync()
        finally:
            self.handle.close()


def recover(path: Path) -> Iterator[ArticleResult]:
    """The complete records of a partial file, streamed; the file is cut after the last good line.

    A line counts only if it ends with a newline and parses as an ArticleResult; the first line that
    does not (a write cut by SIGKILL) and everything after it are truncated away once the records
    before it have been read (so read them all).
    """
    path = Path(path)
    if not path.exists():
        return
    good = 0
    with open(path, "rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                result = ArticleResult.model_validate_json(raw)
            except (ValidationError, ValueError):
                break
            good += len(raw)
            yield result
    if good != path.stat().st_size:
        with open(path, "r+b") as handle:
            handle.truncate(good)
            handle.flush()
            os.fsync(handle.fileno())


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock of an output for a run: a second run writing the same output fails at once (E124).

    The lock is ``flock`` on a small hidden file beside the output, so the kernel releases it however
    the run ends, ``kill -9`` included.
    """
    out = Path(out)
    lock = out.with_name(f".{out.name}.lock")
    try:
        import fcntl
    except ImportError:  # no flock on this platform: runs are not guarded against each other
        yield
        return
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NewsEventsError(Errors.E124.format(path=out), stage="output", input=str(out)) from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.unlink(lock)
    finally:
        os.close(fd)


def read_results(path: Path) -> Iterator[ArticleResult]:
    with open(path, "rb") as handle:
        for raw in handle:
            if raw.strip():
                yield ArticleResult.model_validate_json(raw)
