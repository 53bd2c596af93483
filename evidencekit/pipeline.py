"""`evidencekit extract`: files -> documents -> records -> the evidence store -> evidence.csv.

Three phases, so that per-document work can move to worker processes while the store keeps a
single writer:

1. plan (this process): list the files, decide from the store which must be read. A file whose
   path, mtime and size are unchanged, or whose content hash was already extracted with the same
   rules hash and evidencekit version, is not read again (a renamed file is recognised by hash).
2. ``process_document(path, pack)`` -> DocumentResult: read and extract one file. Pure: it touches
   no store, so any worker can run it.
3. write (this process): each result goes into the store in one transaction; then evidence.csv
   is rewritten from the store, corrections applied.
"""

from __future__ import annotations

import hashlib
import os
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from evidencekit.errors import DocumentError, EvidenceKitError
from evidencekit.ingest import FORMATS, read_document
from evidencekit.records import Document, Record
from evidencekit.store import Store, open_store

# A folder is searched for every type the readers take: PubMed Central ships its JATS as .nxml.
SUFFIXES = tuple(FORMATS)

# An extractor turns a Document into Records. The real one is rules + spaCy
# (evidencekit.extract.extract_document over evidencekit.nlp.build_nlp(pack)); tests and other
# engines may pass their own, as a callable or as "package.module:function" (picklable).
Extractor = Callable[[Document], list]

# progress(done, total, path): called once with done=0 when the file list is known, then after
# each file is handled. The CLI draws a progress bar from it; the library never imports click.
Progress = Callable[[int, int, str], None]


@dataclass
class DocumentResult:
    """What ``process_document`` made of one file."""

    path: str
    document: Document
    records: list
    seconds: float = 0.0


@dataclass
class ExtractSummary:
    new: int = 0
    changed: int = 0  # content changed at a known path, or re-read for new rules/version/--force
    unchanged: int = 0
    renamed: int = 0  # of the unchanged: known content found under a new path
    failed: int = 0
    values: int = 0  # records stored for the documents of this run
    failures: list = field(default_factory=list)  # (path, reason)
    csv_path: Optional[Path] = None
    db_path: Optional[Path] = None
    run_id: Optional[int] = None

    @property
    def documents(self) -> int:
        """Documents this run covered: read now or already up to date."""
        return self.new + self.changed + self.unchanged

    @property
    def read(self) -> int:
        return self.new + self.changed

    def line(self) -> str:
        return (f"{self.documents} documents read (new {self.new}, changed {self.changed}, "
                f"unchanged {self.unchanged}), {self.values} values found, "
                f"{self.failed} files failed -> {self.csv_path}")


# ---- phase 2: one document, no store ---------------------------------------------------------

_NLP_CACHE: dict = {}


def warm_up(pack) -> None:
    """Build the spaCy pipeline for ``pack`` once per process (workers call this before work), and
    import pdfplumber, so that a worker's first document is timed like any other (evidencekit.ingest
    is already imported with this module)."""
    _real_extractor(pack)
    import pdfplumber  # noqa: F401 - imported lazily by ingest; ~1 s a worker should not bill to a file


def _real_extractor(pack) -> Extractor:
    from evidencekit.extract import extract_document
    from evidencekit.nlp import build_nlp

    nlp = _NLP_CACHE.get(pack.hash)
    if nlp is None:
        nlp = _NLP_CACHE[pack.hash] = build_nlp(pack)
    return lambda doc: extract_document(doc, nlp)


def _resolve_extractor(extractor: Union[Extractor, str, None], pack) -> Extractor:
    if extractor is None:
        return _real_extractor(pack)
    if isinstance(extractor, str):
        import importlib

        module, _, name = extractor.partition(":")
        return getattr(importlib.import_module(module), name)
    return extractor


def process_document(path: str, pack, extractor: Union[Extractor, str, None] = None,
                     reader: Optional[Callable[[str], Document]] = None) -> DocumentResult:
    """Read one file and extract its records. Raises DocumentError for a file it cannot read."""
    if reader is None:
        reader = read_document
    started = time.perf_counter()
    document = reader(path)
    records = list(_resolve_extractor(extractor, pack)(document))
    return DocumentResult(path, document, records, time.perf_counter() - started)


# ---- phase 1: what to read -------------------------------------------------------------------


def find_files(paths: Iterable) -> tuple[list[str], list[tuple[str, str]]]:
    """Files named, and the supported files under folders named (recursively, sorted).

    Returns (files, missing): a path that does not exist is a failure of its own.
    """
    files, missing, seen = [], [], set()

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = str(raw)
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                        add(os.path.join(root, name))
        elif os.path.exists(path):
            add(path)
        else:
            missing.append((path, "no such file or directory"))
    return files, missing


def file_sha256(path) -> str:
    """sha256 of a file's bytes, read in chunks (what Document.sha256 holds)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class _Task:
    path: str
    abspath: str
    mtime_ns: int
    size: int
    status: str  # new | changed


def _plan(store: Store, files: list[str], rules_hash: str, version: str, force: bool,
          summary: ExtractSummary, batch_shas: set, tick: Callable[[str], None]
          ) -> tuple[list[_Task], list[tuple[_Task, str]]]:
    """Settle unchanged files at once (updating renamed paths).

    Returns (tasks, aliases): the files to read, and files with the same bytes as one of them
    (mapped to its document once it is stored), each with its sha256.
    """
    tasks, aliases, planned = [], [], {}

    def up_to_date(entry) -> bool:
        return entry["rules_hash"] == rules_hash and entry["version"] == version

    for path in files:
        abspath = os.path.abspath(path)
        try:
            stat = os.stat(path)
            entry = store.file_entry(abspath)
            if (not force and entry is not None and entry["mtime_ns"] == stat.st_mtime_ns
                    and entry["size"] == stat.st_size and up_to_date(entry)):
                summary.unchanged += 1  # cheap path: no hashing
                batch_shas.add(entry["sha256"])
                tick(path)
                continue
            sha = file_sha256(path)
        except OSError as err:
            summary.failures.append((path, err.strerror or str(err)))
            tick(path)
            continue
        known = store.document_entry(sha)
        if sha in planned:  # same bytes as a file read in this run: map it once that is stored
            aliases.append((_Task(path, abspath, stat.st_mtime_ns, stat.st_size, "unchanged"), sha))
            continue
        if known is not None and not force and up_to_date(known):
            # Same bytes as a stored document: nothing to read.
            if store.note_file(abspath, sha, stat.st_mtime_ns, stat.st_size, path):
                summary.renamed += 1
            summary.unchanged += 1
            batch_shas.add(sha)
            tick(path)
            continue
        status = "changed" if (known is not None or entry is not None) else "new"
        tasks.append(_Task(path, abspath, stat.st_mtime_ns, stat.st_size, status))
        planned[sha] = path
    return tasks, aliases


# ---- the whole run ---------------------------------------------------------------------------


def extract_paths(paths, out_dir="outputs", rules_dir=None, force: bool = False, db_path=None,
                  progress: Optional[Progress] = None, *, pack=None,
                  extractor: Union[Extractor, str, None] = None,
                  reader: Optional[Callable[[str], Document]] = None,
                  version: Optional[str] = None, engine: str = "local", jobs: Optional[int] = None,
                  limits=None, scheduler: Optional[str] = None,
                  wait: float = 0.0) -> ExtractSummary:
    """Extract ``paths`` (files or folders) into the store and write ``out_dir/evidence.csv``.

    pack: a rule pack (anything with ``.hash`` and ``.directory``); loaded from ``rules_dir``
    when not given. extractor/reader: replace the rules+spaCy extractor or the file reader (tests,
    other engines). version: the evidencekit version recorded with each document.
    engine/jobs/limits/scheduler: where process_document runs (evidencekit.workers: "local" worker
    processes with per-document timeout and memory limits, "inline", or "dask"); an extractor or
    reader that cannot be pickled (a lambda) makes the run inline. wait: seconds to wait for
    another run holding this store's lock (evidencekit.runlock) before refusing.
    Per-file failures are collected in the summary (and the store's failures table); the batch
    goes on: a file that cannot be read, times out, exhausts its worker's memory or makes the
    reader/extractor raise in a worker is one such failure (with --engine inline, an exception
    other than an EvidenceKitError propagates, for debugging). A failure of the run itself (the
    store, the workers) propagates: the documents already written stay, the one in progress is not
    written at all.
    """
    if pack is None:
        pack = _PackRef(rules_dir)
    if version is None:
        from evidencekit import __version__ as version
    out_dir = Path(out_dir)
    db_path = Path(db_path) if db_path else out_dir / "evidence.db"
    files, missing = find_files(paths)
    summary = ExtractSummary(failures=list(missing), db_path=db_path,
                             csv_path=out_dir / "evidence.csv")
    total, done = len(files) + len(missing), 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, path)

    if progress:
        progress(0, total, "")
    for path, _ in missing:
        tick(path)

    from evidencekit.runlock import store_lock

    with store_lock(db_path, wait):
        _extract_locked(db_path, version, pack, rules_dir, files, force, summary, tick,
                        (extractor, reader, engine, jobs, limits, scheduler))
    return summary


def _extract_locked(db_path, version, pack, rules_dir, files, force, summary, tick, execution):
    store = open_store(db_path)
    try:
        rules_dir_shown = str(getattr(pack, "directory", None) or rules_dir or "") or None
        run_id = store.begin_run(version, pack.hash, rules_dir_shown)
        summary.run_id = run_id
        batch_shas: set = set()
        tasks, aliases = _plan(store, files, pack.hash, version, force, summary, batch_shas, tick)
        if tasks and isinstance(pack, _PackRef):
            pack = pack.load()
        # closing(): if a write fails, the workers stop now, not when the traceback is freed
        with closing(_process(tasks, pack, *execution)) as results:
            for task, result, error in results:
                if error is not None:
                    summary.failures.append((task.path, error))
                else:
                    store.write_document(result.document, result.records, run_id, pack.hash, version,
                                         abspath=task.abspath, mtime_ns=task.mtime_ns, size=task.size)
                    setattr(summary, task.status, getattr(summary, task.status) + 1)
                    batch_shas.add(result.document.sha256)
                tick(task.path)
        for task, sha in aliases:
            if store.document_entry(sha) is not None and sha in batch_shas:
                store.note_file(task.abspath, sha, task.mtime_ns, task.size, task.path)
                summary.unchanged += 1
            else:
                summary.failures.append((task.path, "same bytes as a file that could not be read"))
            tick(task.path)
        for path, reason in summary.failures:
            store.record_failure(path, reason, run_id)
        summary.failed = len(summary.failures)
        summary.values = store.count_records(batch_shas)
        store.write_csv(summary.csv_path)
        store.finish_run(run_id, summary.new, summary.changed, summary.unchanged, summary.failed,
                         summary.values)
    finally:
        store.close()


class _PackRef:
    """The rule pack's directory and hash, which decide what must be re-read; the validated pack
    (seconds to load: every pattern is checked) is loaded only when a document must be read."""

    def __init__(self, rules_dir=None):
        from evidencekit import rules

        self.rules_dir = rules_dir
        path = rules.find_rule_dir(rules_dir)
        self.directory = str(path)
        self.hash = rules._pack_hash(path)  # the hash load_rule_pack gives (tested)

    def load(self):
        from evidencekit.rules import load_rule_pack

        pack = load_rule_pack(self.rules_dir)
        if pack.hash != self.hash:
            raise EvidenceKitError(f"{self.directory}: rule pack changed during the run; run again")
        return pack


def _picklable(obj) -> bool:
    import pickle

    try:
        pickle.dumps(obj)
        return True
    except Exception:  # lambdas, closures, local classes
        return False


def _process(tasks: list[_Task], pack, extractor, reader, engine="local", jobs=None, limits=None,
             scheduler=None) -> Iterator[tuple]:
    """(task, DocumentResult or None, error or None) per task, in completion order.

    process_document runs where ``engine`` says (evidencekit.workers); results stream back here,
    to the single writer.
    """
    from evidencekit.workers import Limits, Task, run

    if not (_picklable(extractor) and _picklable(reader)):
        engine = "inline"
    by_path = {task.path: task for task in tasks}
    work = Task("evidencekit.pipeline:process_document", args=(pack, extractor, reader),
                warmup="evidencekit.pipeline:warm_up" if extractor is None else None,
                warmup_args=(pack,))
    with closing(run(list(by_path), work, engine=engine, jobs=jobs, limits=limits or Limits(),
                     scheduler=scheduler)) as outcomes:
        for outcome in outcomes:
            yield by_path[outcome.item], outcome.result, outcome.error
