"""One writer per evidence store: an inter-process lock held for the whole of an ``extract`` run.

SQLite alone would keep the file intact, but two runs interleaving their per-document transactions
could each decide a document is new and race on it, and one run's --force would undo the other's
work. So a run takes ``<db>.lock`` (an advisory ``flock``, released by the kernel even if the
process is killed — no stale locks to clean up) and the second run waits up to ``wait`` seconds or
refuses at once with a message naming the holder.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from evidencekit.errors import StoreError

_POLL = 0.2  # seconds between attempts while waiting


def lock_path(db_path) -> Path:
    return Path(str(db_path) + ".lock")


def _holder(fd: int) -> Optional[str]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid = os.read(fd, 32).decode("ascii", "replace").strip()
        return pid or None
    except OSError:
        return None


@contextmanager
def store_lock(db_path, wait: float = 0.0) -> Iterator[Path]:
    """Hold the writer lock of the store at ``db_path`` for the duration of the block.

    wait: seconds to wait for another run to finish; 0 refuses at once. Raises StoreError when the
    lock cannot be had, naming the store and the pid of the run holding it.
    """
    import fcntl  # POSIX only; evidencekit's parallel extraction targets Linux and macOS

    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        give_up = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= give_up:
                    holder = _holder(fd)
                    who = f" (pid {holder})" if holder else ""
                    waited = f" for {wait:g} s" if wait > 0 else ""
                    raise StoreError(
                        f"another evidencekit extract is writing {db_path}{who}{waited}; "
                        "wait or use --wait SECONDS"
                    ) from None
                time.sleep(_POLL)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
