"""The dask engine of evidencekit.workers: per-document work mapped over a dask.distributed cluster.

The client reads each file and ships its bytes, so workers need no shared filesystem; a worker
rebuilds the file under its own name in a temporary folder, runs the task on it, and the result is
pointed back at the client's path. Results come back to the client, the single writer. The
timeout is enforced from the client: an overdue item is reported and the dask worker running it is
restarted through its nanny when possible (a thread cannot be killed). Memory is bounded by the
dask workers' own ``--memory-limit``. A cluster whose workers run other versions of the packages
that make the records is refused.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import deque
from typing import Iterator, Optional

from evidencekit.errors import EvidenceKitError
from evidencekit.workers import Limits, Outcome, Task, _call, _resolve

_CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler
_POLL = 0.02  # seconds between looks at the futures (polling keeps per-item timeouts simple)

_WARMED: set = set()  # warm-ups already run in this dask worker process


def _dask_call(task: Task, path: str, data: Optional[bytes]):
    """Run on a dask worker: rebuild the file from its bytes under its own name, run the task on it.

    Returns (status, payload) like a local worker, with the temporary path in the result mapped
    back to the client's path.
    """
    try:
        if task.warmup:
            key = _warm_key(task)
            if key not in _WARMED:
                task.warm()
                _WARMED.add(key)
        func = _resolve(task.func)
    except Exception as err:  # the worker's environment, not the document: the client stops the run
        return "setup_failed", f"{type(err).__name__}: {err}"
    if data is None:
        status, payload, _ = _call(func, path, task.args, None)
        return status, payload
    with tempfile.TemporaryDirectory(prefix="evidencekit-") as tmp:
        local = os.path.join(tmp, os.path.basename(path) or "document")
        with open(local, "wb") as fh:
            fh.write(data)
        status, payload, _ = _call(func, local, task.args, None)
    if status == "ok":
        payload = relocate(payload, local, path)
    else:
        payload = payload.replace(local, path)
    return status, payload


def _warm_key(task: Task) -> tuple:
    """A hashable identity for a task's warm-up (its args may hold lists, so Task itself is unhashable)."""
    import hashlib
    import pickle

    args = task.args if task.warmup_args is None else task.warmup_args
    return task.warmup, hashlib.sha256(pickle.dumps(args)).hexdigest()


def relocate(result, temp_path: str, path: str):
    """Point a result computed from a temporary copy back at the caller's path.

    Works on any dataclass (nested dataclasses, lists and tuples of them): every str field equal to
    ``temp_path`` becomes ``path``. Documents and records carry their path in plain fields.
    """
    import dataclasses

    if isinstance(result, str):
        return path if result == temp_path else result
    if isinstance(result, (list, tuple)):
        return type(result)(relocate(r, temp_path, path) for r in result)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        changes = {}
        for f in dataclasses.fields(result):
            value = getattr(result, f.name)
            new = relocate(value, temp_path, path)
            if new is not value:
                changes[f.name] = new
        if not changes:
            return result
        if getattr(type(result), "__dataclass_params__").frozen:
            return dataclasses.replace(result, **changes)
        for name, value in changes.items():
            setattr(result, name, value)
        return result
    return result


def _read_bytes(path: str) -> Optional[bytes]:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None  # let the worker's own reader report it by name and reason


def run_dask(items: list, task: Task, scheduler: str, limits: Limits) -> Iterator[Outcome]:
    """Outcomes in completion order; see evidencekit.workers.run."""
    try:
        from distributed import Client
    except ImportError as err:
        raise EvidenceKitError("--engine dask needs dask.distributed: pip install 'evidencekit[dask]'") from err
    try:
        client = Client(scheduler, set_as_default=False, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as err:
        raise EvidenceKitError(f"cannot reach the dask scheduler at {scheduler}: {err}") from err
    pending = deque(items)
    running: dict = {}  # future -> (item, started)
    try:
        _check_versions(client)
        # One item in flight per worker thread, so an item's deadline starts when it can run.
        slots = max(1, sum(client.nthreads().values()))
        while pending or running:
            while pending and len(running) < slots:
                item = pending.popleft()
                data = _read_bytes(item) if isinstance(item, (str, os.PathLike)) else None
                future = client.submit(_dask_call, task, str(item), data, pure=False)
                running[future] = (item, time.monotonic())
            done = [future for future in running if future.done()]
            if not done:
                time.sleep(_POLL)
            for future in done:
                item, started = running.pop(future)
                seconds = time.monotonic() - started
                try:
                    status, payload = future.result()
                except Exception as err:  # the dask worker died (memory limit) or the task failed there
                    why = str(err) if str(err) not in ("", "None") else repr(err.args)
                    yield Outcome(item, error=f"dask worker failed: {type(err).__name__}: {why}", seconds=seconds)
                    continue
                if status == "setup_failed":
                    raise EvidenceKitError(f"a dask worker could not start the extraction: {payload}")
                yield Outcome(item, result=payload, seconds=seconds) if status == "ok" else Outcome(
                    item, error=payload, seconds=seconds
                )
            if limits.timeout:
                now = time.monotonic()
                for future, (item, started) in list(running.items()):
                    if now - started >= limits.timeout:
                        running.pop(future)
                        _abandon(client, future)
                        yield Outcome(item, error=f"timed out after {limits.timeout:g} s", seconds=now - started)
    finally:
        for future in running:
            future.cancel()
        client.close()


# What decides the records a worker makes: a worker on another version would store other records.
_VERSIONED = ("evidencekit", "spacy", "pdfplumber", "pdfminer.six", "pypdfium2")


def package_versions() -> dict:
    """Versions here, of the packages that decide the records."""
    return _installed_versions()


def _installed_versions() -> dict:  # run on each dask worker too
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in _VERSIONED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def _check_versions(client) -> None:
    """Refuse a cluster whose workers run other versions of what makes the records."""
    mine = package_versions()
    if not client.nthreads():
        raise EvidenceKitError("the dask cluster has no workers")
    for worker, theirs in client.run(_installed_versions).items():
        differ = [f"{name} {theirs.get(name)} (here {mine[name]})" for name in mine if theirs.get(name) != mine[name]]
        if differ:
            raise EvidenceKitError(f"dask worker {worker} runs other versions: {', '.join(differ)}; "
                                   "install the same evidencekit environment on the workers")


def _abandon(client, future) -> None:
    """Cancel an overdue task; restart the worker stuck in it, since a thread cannot be killed."""
    try:
        stuck = [addr for addr, keys in client.processing().items() if future.key in keys]
        future.cancel()
        if stuck:
            client.restart_workers(stuck, timeout=30, raise_for_error=False)
    except Exception:  # noqa: BLE001 - best effort: the item is reported either way
        future.cancel()
