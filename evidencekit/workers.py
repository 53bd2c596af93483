"""Isolated, parallel and distributed execution of per-document work.

The pipeline hands over a list of items (paths) and a ``Task`` — a function named by
``"module:function"`` plus picklable arguments — and consumes ``Outcome``s as they complete, writing
each one itself: this module never touches the store, so there is always a single writer.

Engines
    local   (default) a small pool of spawned worker processes. Each worker imports the task once
            (and runs ``Task.warmup`` once, e.g. to build the spaCy pipeline), then takes one item at
            a time. A per-item deadline is enforced by the parent: a worker still busy when its
            deadline passes is killed and replaced, and the item is reported "timed out after N s".
            Each worker's address space is capped with RLIMIT_AS, so a document that needs more
            fails with MemoryError (or the worker dies) and is reported "exceeded memory limit
            (N MB)". A worker that crashes (a C-level stack overflow in a parser, a signal) takes
            only its own item down. concurrent.futures.ProcessPoolExecutor cannot kill one stuck task
            without breaking the whole pool, hence this pool.
    inline  the task runs in this process, one item after another, without limits. For debugging
            (pdb, profilers) only: a hostile file can hang or crash the run.
    dask    items are mapped over a dask.distributed cluster (``scheduler`` = its address); see
            evidencekit.dask_engine.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait as _wait_ready
from typing import Any, Iterable, Iterator, Optional

from evidencekit.errors import DocumentError, EvidenceKitError

ENGINES = ("local", "inline", "dask")
DEFAULT_TIMEOUT = 120.0  # seconds per document: ~300 dense pages read and extracted at ~0.4 s a page
DEFAULT_MAX_MEMORY_MB = 2048  # address space per worker; a worker with spaCy loaded uses ~300 MB
_SETUP_TIMEOUT = 300.0  # seconds a new worker may take to import the task and warm up
_KILL_GRACE = 2.0


def default_jobs() -> int:
    """Cores this process may run on (the affinity mask under taskset/cgroups, else cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Task:
    """``func(item, *args)`` for each item, run in a worker.

    func and warmup are named "package.module:function" so that a freshly spawned worker (or a dask
    worker) imports them; args must pickle. warmup(*args), if given, runs once per worker before its
    first item, so one-off costs (building the nlp) do not count against an item's deadline.
    """

    func: str
    args: tuple = ()
    warmup: Optional[str] = None
    warmup_args: Optional[tuple] = None  # default: args

    def warm(self) -> None:
        if self.warmup:
            _resolve(self.warmup)(*(self.args if self.warmup_args is None else self.warmup_args))


@dataclass(frozen=True)
class Limits:
    """Per-item limits. None means no limit."""

    timeout: Optional[float] = DEFAULT_TIMEOUT  # seconds
    max_memory_mb: Optional[int] = DEFAULT_MAX_MEMORY_MB  # address space per worker process

    def __post_init__(self):
        if self.timeout is not None and self.timeout <= 0:
            raise EvidenceKitError(f"--timeout must be positive, got {self.timeout}")
        if self.max_memory_mb is not None and self.max_memory_mb < 256:
            raise EvidenceKitError(
                f"--max-memory must be at least 256 MB (a worker needs ~300 MB to start), got {self.max_memory_mb}"
            )


@dataclass
class Outcome:
    """What became of one item: ``result`` when it worked, else ``error`` (a one-line reason)."""

    item: Any
    result: Any = None
    error: Optional[str] = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def run(
    items: Iterable,
    task: Task,
    *,
    engine: str = "local",
    jobs: Optional[int] = None,
    limits: Limits = Limits(),
    scheduler: Optional[str] = None,
) -> Iterator[Outcome]:
    """Yield one Outcome per item, in completion order, as soon as each is done.

    Errors of an item never escape: they come back as ``Outcome.error``. Only a failure of the
    machinery itself (workers cannot start, the scheduler is unreachable) raises EvidenceKitError.
    Closing the generator early (or Ctrl-C) stops every worker it started.
    """
    items = list(items)
    if engine == "local":
        return _run_local(items, task, jobs or default_jobs(), limits)
    if engine == "inline":
        return _run_inline(items, task)
    if engine == "dask":
        if not scheduler:
            raise EvidenceKitError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        from evidencekit.dask_engine import run_dask

        return run_dask(items, task, scheduler, limits)
    raise EvidenceKitError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


# ---------------------------------------------------------------------------------------------
# What a worker does


def _resolve(ref: str):
    module, _, name = ref.partition(":")
    if not name:
        raise EvidenceKitError(f"task reference {ref!r} is not 'module:function'")
    obj = importlib.import_module(module)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def _memory_reason(max_memory_mb) -> str:
    return f"exceeded memory limit ({max_memory_mb} MB)" if max_memory_mb else "ran out of memory"


def _call(func, item, args, max_memory_mb, catch_bugs: bool = True) -> tuple[str, Any, bool]:
    """(status, payload, worker_must_exit) for one item; never raises, unless catch_bugs is False
    (inline debugging), where an exception that is no EvidenceKitError shows its traceback."""
    try:
        return "ok", func(item, *args), False
    except DocumentError as err:
        return "error", err.reason, False
    except EvidenceKitError as err:
        return "error", str(err), False
    except Exception as err:
        if not catch_bugs:
            raise
        return _describe_failure(err, max_memory_mb)


def _describe_failure(err: Exception, max_memory_mb) -> tuple[str, Any, bool]:
    if isinstance(err, MemoryError):
        # The heap may be fragmented or half-built objects pinned; a fresh worker is cheaper than doubt.
        return "error", _memory_reason(max_memory_mb), True
    if isinstance(err, RecursionError):
        return "error", "objects nested too deeply to parse", False
    # A bug, or a parser choking on hostile input: report it by file and place, keep the batch going.
    where = traceback.extract_tb(err.__traceback__)[-1]
    return "error", f"unexpected {type(err).__name__} ({os.path.basename(where.filename)}:{where.lineno}): {err}", False


def _limit_memory(max_memory_mb: int) -> None:
    import resource

    limit = int(max_memory_mb) * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # macOS does not enforce RLIMIT_AS: run without the cap, timeouts still hold
        pass


def _worker_main(conn, task: Task, max_memory_mb: Optional[int]) -> None:
    # Ctrl-C reaches the whole process group; the parent decides and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        if max_memory_mb:
            _limit_memory(max_memory_mb)
        func = _resolve(task.func)
        task.warm()
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which raises
        conn.send(("setup_failed", None, f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, item = message
        status, payload, must_exit = _call(func, item, task.args, max_memory_mb)
        try:
            conn.send((status, task_id, payload))
        except MemoryError:
            payload = None
            conn.send(("error", task_id, _memory_reason(max_memory_mb)))
            return
        except Exception as err:  # the result would not pickle
            conn.send(("error", task_id, f"result could not be returned: {type(err).__name__}: {err}"))
        if must_exit:
            return


# ---------------------------------------------------------------------------------------------
# The local pool (parent side)


class _Worker:
    def __init__(self, ctx, task: Task, limits: Limits):
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_worker_main, args=(child_conn, task, limits.max_memory_mb), name="evidencekit-worker", daemon=True
        )
        self.proc.start()
        child_conn.close()
        self.ready = False
        self.started = time.monotonic()
        self.task_id: Optional[int] = None
        self.item: Any = None
        self.deadline: Optional[float] = None

    @property
    def busy(self) -> bool:
        return self.task_id is not None

    def send(self, task_id: int, item, timeout: Optional[float]) -> None:
        self.task_id, self.item = task_id, item
        self.started = time.monotonic()
        self.deadline = self.started + timeout if timeout else None
        self.conn.send((task_id, item))

    def finish(self) -> tuple[Any, float]:
        item, seconds = self.item, time.monotonic() - self.started
        self.task_id, self.item, self.deadline = None, None, None
        return item, seconds

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(_KILL_GRACE)
        self.conn.close()

    def stop(self) -> None:
        """Ask politely (the worker exits between items), then kill."""
        try:
            if self.proc.is_alive() and not self.busy:
                self.conn.send(None)
                self.proc.join(_KILL_GRACE)
        except (OSError, BrokenPipeError):
            pass
        self.kill()


def _death_reason(exitcode: Optional[int], limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        signum = -exitcode
        try:
            name = signal.Signals(signum).name
        except ValueError:
            name = f"signal {signum}"
        if signum == signal.SIGKILL:  # the kernel's OOM killer, or someone else
            return f"{_memory_reason(limits.max_memory_mb)}: worker killed (SIGKILL)"
        if signum in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT):
            # In a parser this is almost always a native stack overflow or a failed allocation.
            return f"worker crashed ({name}): parser exhausted its stack or memory (limit {limits.max_memory_mb} MB)"
        return f"worker killed by {name}"
    return f"worker exited unexpectedly (status {exitcode})"


def _run_local(items: list, task: Task, jobs: int, limits: Limits) -> Iterator[Outcome]:
    if not items:
        return
    ctx = multiprocessing.get_context("spawn")
    pending = deque(enumerate(items))
    workers: list[_Worker] = []
    n_workers = max(1, min(jobs, len(items)))
    start_failures = 0

    def replace(worker: _Worker) -> None:
        workers.remove(worker)
        worker.kill()
        if pending and len(workers) < n_workers:
            workers.append(_Worker(ctx, task, limits))

    try:
        workers.extend(_Worker(ctx, task, limits) for _ in range(n_workers))
        while pending or any(w.busy for w in workers):
            for w in workers:
                if w.ready and not w.busy and pending:
                    task_id, item = pending.popleft()
                    w.send(task_id, item, limits.timeout)
            if not workers:
                raise EvidenceKitError("no worker process is left to extract the remaining documents")

            now = time.monotonic()
            deadlines = [w.deadline for w in workers if w.busy and w.deadline]
            deadlines += [w.started + _SETUP_TIMEOUT for w in workers if not w.ready]
            wait_for = max(0.0, min(deadlines) - now) if deadlines else None
            waitables = [w.conn for w in workers] + [w.proc.sentinel for w in workers]
            ready = set(_wait_ready(waitables, wait_for))

            for w in list(workers):
                message, closed = None, False
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if w.conn.poll():
                            message = w.conn.recv()
                    except (EOFError, OSError):  # the worker is gone; its exit code says how
                        closed = True
                if message is not None:
                    status, _, payload = message
                    if status == "ready":
                        w.ready = True
                        start_failures = 0
                    elif status == "setup_failed":
                        raise EvidenceKitError(f"a worker process could not start: {payload}")
                    else:
                        item, seconds = w.finish()
                        if status == "ok":
                            yield Outcome(item, result=payload, seconds=seconds)
                        else:
                            yield Outcome(item, error=payload, seconds=seconds)
                    continue
                if closed or w.proc.sentinel in ready:
                    w.proc.join(_KILL_GRACE)
                    if w.busy:
                        item, seconds = w.finish()
                        yield Outcome(item, error=_death_reason(w.proc.exitcode, limits), seconds=seconds)
                    elif not w.ready:
                        start_failures += 1
                        if start_failures >= 3:
                            raise EvidenceKitError(
                                "worker processes die while starting "
                                f"({_death_reason(w.proc.exitcode, limits)}); is --max-memory too low?"
                            )
                    replace(w)
                    continue
                now = time.monotonic()
                if w.busy and w.deadline and now >= w.deadline:
                    item, seconds = w.finish()
                    w.kill()
                    yield Outcome(item, error=f"timed out after {limits.timeout:g} s", seconds=seconds)
                    replace(w)
                elif not w.ready and now >= w.started + _SETUP_TIMEOUT:
                    raise EvidenceKitError(f"a worker process did not start within {_SETUP_TIMEOUT:g} s")
    finally:
        for w in workers:
            w.stop()


# ---------------------------------------------------------------------------------------------
# In process, for debugging


def _run_inline(items: list, task: Task) -> Iterator[Outcome]:
    func = _resolve(task.func)
    if items:
        task.warm()
    for item in items:
        started = time.monotonic()
        status, payload, _ = _call(func, item, task.args, None, catch_bugs=False)
        seconds = time.monotonic() - started
        yield Outcome(item, result=payload, seconds=seconds) if status == "ok" else Outcome(
            item, error=payload, seconds=seconds
        )
