"""One run per output folder at a time. The lock is an flock on a file beside the output: the
kernel drops it when the holder dies, so a lock left by a dead process is taken over at once.
The worker processes a run forks close their copy of it first thing, so a killed run's stray
workers cannot keep the output locked."""
from __future__ import annotations

import fcntl
import os
import socket
import time
from pathlib import Path

from pipeline.export import OutputError


class LockHeld(Exception):
    """Another run holds the lock on this output."""


class RunLock:
    def __init__(self, output: Path) -> None:
        output = output.absolute()
        self.path = output.parent / f".{output.name}.lock"
        self.handle = None

    def __enter__(self) -> "RunLock":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+")
        except OSError as exc:
            raise OutputError(f"cannot write beside {self.path.parent}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise LockHeld(f"another run is writing this output ({holder}); lock file {self.path}")
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None
