"""The worker pool: isolation (timeouts, memory, crashes), parallelism, the inline engine, the store lock."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import time

import pytest

from evidencekit.errors import EvidenceKitError, StoreError
from evidencekit.runlock import store_lock
from evidencekit.dask_engine import relocate
from evidencekit.workers import Limits, Task, run

MISBEHAVE = Task("hostile_inputs:misbehave", args=("extra",))


def outcomes(items, task=MISBEHAVE, **kw):
    return {o.item: o for o in run(items, task, **kw)}


def test_results_and_failures_come_back_by_item_and_the_batch_goes_on():
    got = outcomes(["ok:a", "error", "bug", "ok:b", "recurse"], jobs=2, limits=Limits(timeout=30))
    assert got["ok:a"].ok and got["ok:a"].result[0] == "a" and got["ok:a"].result[2] == ("extra",)
    assert got["ok:b"].result[0] == "b"
    assert got["error"].error == "not a document this reader understands"
    assert got["bug"].error.startswith("unexpected ValueError") and "boom" in got["bug"].error
    assert got["recurse"].error == "objects nested too deeply to parse"
    assert got["ok:a"].result[1] != os.getpid()  # ran in a worker process


def test_a_hang_is_killed_at_the_timeout_and_its_worker_replaced():
    started = time.monotonic()
    got = outcomes(["sleep:60", "ok:a", "ok:b", "ok:c"], jobs=1, limits=Limits(timeout=2))
    elapsed = time.monotonic() - started
    assert got["sleep:60"].error == "timed out after 2 s"
    assert [got[k].ok for k in ("ok:a", "ok:b", "ok:c")] == [True, True, True]
    assert elapsed < 30  # the 60 s sleep did not run to its end


def test_memory_exhaustion_and_crashes_are_reported_and_contained():
    got = outcomes(["memory", "ok:a", "crash", "ok:b", "exit"], jobs=2, limits=Limits(timeout=60, max_memory_mb=512))
    assert got["memory"].error.startswith("exceeded memory limit (512 MB)")
    assert got["crash"].error.startswith("worker crashed (SIGSEGV)")
    assert got["exit"].error == "worker exited unexpectedly (status 3)"
    assert got["ok:a"].ok and got["ok:b"].ok


def test_jobs_spread_items_over_workers_and_warmup_runs_once_per_worker():
    task = Task("hostile_inputs:warmed", warmup="hostile_inputs:warm")
    got = list(run([str(i) for i in range(8)], task, jobs=2))
    assert len(got) == 8 and all(o.ok for o in got)
    assert {o.result[0] for o in got} == {1}
    assert len({o.result[1] for o in got}) == 2


def test_inline_engine_runs_in_process():
    got = outcomes(["ok:a", "error"], engine="inline")
    assert got["ok:a"].result[1] == os.getpid()
    assert got["error"].error == "not a document this reader understands"


def test_machinery_failures_raise_and_bad_options_are_refused():
    with pytest.raises(EvidenceKitError, match="could not start.*ModuleNotFoundError"):
        list(run(["ok:a"], Task("no_such_module_here:f"), jobs=1))
    with pytest.raises(EvidenceKitError, match="unknown engine"):
        run(["ok:a"], MISBEHAVE, engine="spark")
    with pytest.raises(EvidenceKitError, match="needs --scheduler"):
        run(["ok:a"], MISBEHAVE, engine="dask")
    with pytest.raises(EvidenceKitError, match="--timeout must be positive"):
        Limits(timeout=0)
    with pytest.raises(EvidenceKitError, match="--max-memory must be at least"):
        Limits(max_memory_mb=10)


def test_closing_the_stream_early_stops_the_workers():
    stream = run(["sleep:60", "ok:a"], MISBEHAVE, jobs=2, limits=Limits(timeout=120))
    first = next(stream)
    assert first.item == "ok:a"
    stream.close()
    assert not [p for p in multiprocessing.active_children() if p.name == "evidencekit-worker"]


def test_relocate_maps_a_temporary_path_back_in_nested_dataclasses():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Doc:
        path: str
        text: str

    @dataclass
    class Rec:
        file: str
        value: float

    @dataclass
    class Result:
        doc: Doc
        records: list

    out = relocate(Result(Doc("/tmp/x/a.pdf", "/tmp/x/a.pdf is text"), [Rec("/tmp/x/a.pdf", 1.0)]), "/tmp/x/a.pdf", "papers/a.pdf")
    assert out.doc.path == "papers/a.pdf" and out.doc.text == "/tmp/x/a.pdf is text"
    assert out.records[0].file == "papers/a.pdf"


# ---------------------------------------------------------------------------------------------
# The store lock


def test_a_second_writer_is_refused_at_once_naming_the_holder(tmp_path):
    db = tmp_path / "evidence.db"
    with store_lock(db):
        with pytest.raises(StoreError) as err:
            with store_lock(db, wait=0):
                pass
    assert str(err.value) == (
        f"another evidencekit extract is writing {db} (pid {os.getpid()}); wait or use --wait SECONDS"
    )
    with store_lock(db):  # released on exit
        pass


def test_a_second_writer_in_another_process_waits_for_the_first(tmp_path):
    db = tmp_path / "evidence.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from evidencekit.runlock import store_lock
            with store_lock({str(db)!r}):
                print("locked", flush=True)
                time.sleep(1.5)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match=rf"pid {holder.pid}\); wait or use --wait"):
            with store_lock(db, wait=0):
                pass
        started = time.monotonic()
        with store_lock(db, wait=30):
            waited = time.monotonic() - started
        assert 0.2 < waited < 30
    finally:
        holder.wait(10)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    db = tmp_path / "evidence.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import time\nfrom evidencekit.runlock import store_lock\n"
         f"with store_lock({str(db)!r}):\n    print('locked', flush=True)\n    time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait(10)
    with store_lock(db, wait=5):
        pass


# ---------------------------------------------------------------------------------------------
# Through the pipeline: a hang ends on time with the rest stored; a second run on the store is refused


def _tiny_corpus(folder):
    folder.mkdir()
    for i in range(4):
        (folder / f"paper{i}.txt").write_text(f"We randomised {100 + i} patients and {20 + i} controls.")
    (folder / "never-ends.txt").write_text("never finishes")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _stored(db):
    import sqlite3

    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT text FROM records").fetchall())


def test_extract_with_a_hanging_file_ends_on_time_with_the_rest_stored(tmp_path):
    from hostile_inputs import TinyPack, numbers_as_totals, read_plain

    from evidencekit.pipeline import extract_paths

    corpus = _tiny_corpus(tmp_path / "corpus")
    started = time.monotonic()
    summary = extract_paths([corpus], tmp_path / "out", pack=TinyPack(), reader=read_plain,
                            extractor=numbers_as_totals, jobs=2, limits=Limits(timeout=3))
    assert time.monotonic() - started < 60
    assert sorted(summary.failures) == [
        (str(corpus / "empty.txt"), "empty file (0 bytes)"),
        (str(corpus / "never-ends.txt"), "timed out after 3 s"),
    ]
    assert summary.new == 4 and summary.values == 8
    assert _stored(tmp_path / "out" / "evidence.db") == sorted(
        [(str(100 + i),) for i in range(4)] + [(str(20 + i),) for i in range(4)]
    )


def test_a_second_extract_on_a_locked_store_is_refused_and_the_store_left_intact(tmp_path):
    from hostile_inputs import TinyPack, numbers_as_totals, read_plain

    from evidencekit.pipeline import extract_paths

    corpus = _tiny_corpus(tmp_path / "corpus")
    (corpus / "never-ends.txt").unlink()
    out = tmp_path / "out"
    kw = dict(pack=TinyPack(), reader=read_plain, extractor=numbers_as_totals, jobs=1)
    extract_paths([corpus], out, **kw)
    before = _stored(out / "evidence.db")
    with store_lock(out / "evidence.db"):
        with pytest.raises(StoreError, match="another evidencekit extract is writing .*evidence.db"):
            extract_paths([corpus], out, force=True, **kw)
    assert _stored(out / "evidence.db") == before and len(before) == 8


def test_two_extracts_at_once_on_one_store_serialise_and_lose_nothing(tmp_path):
    import threading

    from hostile_inputs import TinyPack, numbers_as_totals, read_plain

    from evidencekit.pipeline import extract_paths

    corpus = _tiny_corpus(tmp_path / "corpus")
    (corpus / "never-ends.txt").unlink()
    out = tmp_path / "out"
    summaries, errors = [], []

    def one_run():
        try:
            summaries.append(extract_paths([corpus], out, force=True, pack=TinyPack(), reader=read_plain,
                                           extractor=numbers_as_totals, jobs=1, wait=60))
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    runs = [threading.Thread(target=one_run) for _ in range(2)]
    for t in runs:
        t.start()
    for t in runs:
        t.join(120)
    assert not errors and len(summaries) == 2
    assert all(s.read == 4 and s.values == 8 for s in summaries)
    assert _stored(out / "evidence.db") == sorted(
        [(str(100 + i),) for i in range(4)] + [(str(20 + i),) for i in range(4)]
    )


# ---------------------------------------------------------------------------------------------
# Dask: the same records as a local run, files shipped as bytes, timeouts enforced from the client


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None, silence_logs=40)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _store_rows(db):
    import sqlite3

    from evidencekit.records import RECORD_COLUMNS

    columns = ", ".join(f'"{c}"' for c in RECORD_COLUMNS)
    with sqlite3.connect(db) as con:
        records = sorted(con.execute(f"SELECT {columns} FROM records").fetchall())
        documents = sorted(con.execute("SELECT sha256, path, format FROM documents").fetchall())
    return records, documents


def test_dask_engine_stores_the_same_records_as_a_local_run(tmp_path, dask_scheduler):
    from hostile_inputs import TinyPack, numbers_as_totals, read_plain

    from evidencekit.pipeline import extract_paths

    corpus = _tiny_corpus(tmp_path / "corpus")
    (corpus / "never-ends.txt").unlink()
    kw = dict(pack=TinyPack(), reader=read_plain, extractor=numbers_as_totals)
    local = extract_paths([corpus], tmp_path / "local", jobs=2, **kw)
    dask = extract_paths([corpus], tmp_path / "dask", engine="dask", scheduler=dask_scheduler, **kw)
    assert (dask.new, dask.values, dask.failures) == (local.new, local.values, local.failures)
    assert dask.failures == [(str(corpus / "empty.txt"), "empty file (0 bytes)")]
    records, documents = _store_rows(tmp_path / "dask" / "evidence.db")
    assert (records, documents) == _store_rows(tmp_path / "local" / "evidence.db")
    assert len(records) == 8 and {r[2] for r in records} == {str(corpus / f"paper{i}.txt") for i in range(4)}


def test_dask_engine_reports_an_overdue_document_and_goes_on(tmp_path, dask_scheduler):
    items = ["ok:a", "sleep:30", "ok:b", "error"]
    started = time.monotonic()
    got = {o.item: o for o in run(items, MISBEHAVE, engine="dask", scheduler=dask_scheduler,
                                  limits=Limits(timeout=2))}
    assert time.monotonic() - started < 25
    assert got["sleep:30"].error == "timed out after 2 s"
    assert got["ok:a"].result[0] == "a" and got["ok:b"].result[0] == "b"
    assert got["error"].error == "not a document this reader understands"


def test_dask_engine_refuses_an_unreachable_scheduler(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("evidencekit.dask_engine._CONNECT_TIMEOUT", 1.0)
    with pytest.raises(EvidenceKitError, match="cannot reach the dask scheduler at tcp://127.0.0.1:9"):
        list(run(["ok:a"], MISBEHAVE, engine="dask", scheduler="tcp://127.0.0.1:9"))


def test_dask_and_local_runs_of_the_real_pipeline_store_the_same_records(tmp_path, dask_scheduler):
    from pathlib import Path

    from evidencekit.pipeline import extract_paths

    corpora = Path(__file__).parent.parent / "corpora"
    files = [corpora / "lan2022_seed.txt", corpora / "lan2022_seed_twocol.pdf", corpora / "singh2016.html"]
    local = extract_paths(files, tmp_path / "local", jobs=2)
    dask = extract_paths(files, tmp_path / "dask", engine="dask", scheduler=dask_scheduler)
    assert dask.failures == local.failures == []
    records, documents = _store_rows(tmp_path / "dask" / "evidence.db")
    assert (records, documents) == _store_rows(tmp_path / "local" / "evidence.db")
    assert len(records) == local.values > 30
    assert {r[2] for r in records} == {str(f) for f in files}  # the client's paths, not the workers' copies


def test_a_failing_write_stops_the_workers_at_once(tmp_path, monkeypatch):
    from hostile_inputs import TinyPack, numbers_as_totals, read_plain

    from evidencekit.pipeline import extract_paths
    from evidencekit.store import Store

    def broken_write(self, *args, **kwargs):
        raise StoreError("disk full")

    monkeypatch.setattr(Store, "write_document", broken_write)
    corpus = _tiny_corpus(tmp_path / "corpus")
    with pytest.raises(StoreError, match="disk full") as err:
        extract_paths([corpus], tmp_path / "out", pack=TinyPack(), reader=read_plain,
                      extractor=numbers_as_totals, jobs=2, limits=Limits(timeout=60))
    assert err.value is not None  # the traceback (and the frames holding the pool) is still alive here
    assert not [p for p in multiprocessing.active_children() if p.name == "evidencekit-worker"]


def test_cli_refuses_dask_without_a_scheduler(tmp_path):
    from click.testing import CliRunner

    from evidencekit.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--engine", "dask", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "--engine dask needs --scheduler ADDRESS" in result.output
    assert not (tmp_path / "o").exists()  # refused before anything was opened


def test_dask_engine_refuses_workers_with_other_versions(dask_scheduler, monkeypatch):
    from evidencekit import dask_engine

    real = dask_engine.package_versions
    monkeypatch.setattr(dask_engine, "package_versions", lambda: {**real(), "evidencekit": "0.0.0-client"})
    with pytest.raises(EvidenceKitError, match=r"runs other versions: evidencekit .* \(here 0\.0\.0-client\)"):
        list(run(["ok:a"], MISBEHAVE, engine="dask", scheduler=dask_scheduler))


def test_dask_engine_stops_when_workers_cannot_start_the_task(dask_scheduler):
    with pytest.raises(EvidenceKitError, match="a dask worker could not start the extraction: ModuleNotFoundError"):
        list(run(["ok:a"], Task("no_such_module_here:f"), engine="dask", scheduler=dask_scheduler))
