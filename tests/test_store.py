"""The SQLite evidence store: schema and migrations, one transaction per document, frames, effects."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from array import array

import pandas as pd
import pytest

from evidencekit.errors import StoreError
from evidencekit.records import RECORD_COLUMNS, Document, Record
from evidencekit.store import MIGRATIONS, SCHEMA_VERSION, Store, open_store

SHA = "ab" * 32


def make_doc(text="Patients (N=104) were enrolled. Pain fell (P=.042).", sha=SHA, path="seed.txt"):
    return Document(path=path, sha256=sha, format="txt", text=text, page_starts=(0,),
                    origin=array("i", range(len(text))), title="Seed", doi="10.1/x", year=2022)


def make_records(doc, kinds=(("N=104", "total_n", 104.0), ("P=.042", "p", 0.042))):
    out = []
    for text, kind, value in kinds:
        start = doc.text.index(text)
        out.append(Record(doc_sha256=doc.sha256, file=doc.path, page=1, char_start=start,
                          char_end=start + len(text), sentence=doc.text, rule_id=f"t.{kind}",
                          kind=kind, value=value, text=text))
    return out


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "evidence.db") as opened:
        yield opened


def write(store, doc, records, run_id=None, abspath="/x/seed.txt"):
    run_id = run_id or store.begin_run("0.1.0", "h1", None)
    store.write_document(doc, records, run_id, "h1", "0.1.0", abspath=abspath, mtime_ns=1, size=10)
    return run_id


def test_new_store_has_current_schema(store):
    assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "files", "runs", "records", "effects", "corrections", "failures"} <= tables
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migration_from_v1_keeps_data(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO documents (sha256, path, first_seen, text) VALUES (?, 'a.txt', 'then', 'N=5')",
                 (SHA,))
    conn.execute("INSERT INTO records (record_id, doc_sha256, kind, value, text) "
                 "VALUES ('r1', ?, 'total_n', 5, 'N=5')", (SHA,))
    conn.execute("INSERT INTO corrections (record_id, doc_sha256, action, field, old_value, new_value, "
                 "reviewer, created_at) VALUES ('r1', ?, 'set', 'value', '5', '6', 'ann', 'then')", (SHA,))
    conn.commit()
    conn.close()

    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        history = store.history()
        assert list(history["new_value"]) == ["6"] and not history["needs_recheck"].any()
        assert store.effects_frame().empty
        assert store.conn.execute("SELECT value FROM records WHERE record_id='r1'").fetchone()[0] == 5
    with open_store(path) as store:  # migrating is done once
        assert store.schema_version == SCHEMA_VERSION


def test_store_from_a_newer_evidencekit_is_refused(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this evidencekit"):
        open_store(path)


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "evidence.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open evidence store"):
        open_store(path)


def test_write_document_replaces_records_in_one_transaction(store):
    doc = make_doc()
    write(store, doc, make_records(doc))
    before = store.records_frame()
    assert len(before) == 2

    broken = make_records(doc)
    broken[1].value = {"not": "bindable"}  # sqlite refuses it half-way through the inserts
    with pytest.raises(sqlite3.Error):
        write(store, doc, broken)
    assert not store.conn.in_transaction
    assert store.records_frame().equals(before)

    write(store, doc, make_records(doc)[:1])
    assert list(store.records_frame()["kind"]) == ["total_n"]


def test_killed_mid_document_leaves_store_as_before(tmp_path):
    path = tmp_path / "evidence.db"
    doc = make_doc()
    with open_store(path) as store:
        write(store, doc, make_records(doc))
    # Another process deletes the document's records inside a transaction and dies before COMMIT.
    script = textwrap.dedent(f"""
        import os
        from evidencekit.store import open_store
        store = open_store({str(path)!r})
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("DELETE FROM records")
        store.conn.execute("INSERT INTO runs (started) VALUES ('x')")
        os._exit(9)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == 9, proc.stderr
    with open_store(path) as store:
        assert len(store.records_frame()) == 2
        assert len(store.runs_frame()) == 1


def test_records_frame_columns_and_document_fields(store):
    doc = make_doc()
    write(store, doc, make_records(doc))
    frame = store.records_frame()
    assert list(frame.columns[:len(RECORD_COLUMNS)]) == RECORD_COLUMNS
    assert {"title", "doi", "year", "corrected", "confirmed", "excluded", "added",
            "correction_needs_recheck"} <= set(frame.columns)
    row = frame.iloc[0]
    assert (row["title"], row["doi"], row["year"]) == ("Seed", "10.1/x", 2022)
    assert row["value"] == 104.0 and row["char_start"] == doc.text.index("N=104")
    assert not row["corrected"] and not row["confirmed"]


def test_record_fields_without_a_column_survive(store, monkeypatch):
    """A Record field added to records.py after schema v1 is kept in the extra JSON column."""
    doc = make_doc()
    records = make_records(doc)
    original = Record.to_dict
    monkeypatch.setattr(Record, "to_dict", lambda self: {**original(self), "arm": "ketamine"})
    write(store, doc, records)
    monkeypatch.undo()
    assert json.loads(store.conn.execute("SELECT extra FROM records LIMIT 1").fetchone()[0]) == {"arm": "ketamine"}
    assert set(store.records_frame()["arm"]) == {"ketamine"}


def test_documents_frame_and_text(store):
    doc = make_doc()
    write(store, doc, make_records(doc))
    docs = store.documents_frame()
    assert list(docs["sha256"]) == [SHA] and docs["current"].all() and list(docs["n_records"]) == [2]
    assert "text" not in docs.columns
    assert store.documents_frame(include_text=True)["text"].iloc[0] == doc.text
    assert store.document_text(SHA) == doc.text
    with pytest.raises(StoreError, match="no document"):
        store.document_text("00" * 32)


def test_resolve_document_by_path_sha_and_prefix(store, tmp_path):
    file = tmp_path / "a.txt"
    file.write_text("N=5")
    from evidencekit.pipeline import file_sha256

    sha = file_sha256(file)
    doc = make_doc(text="N=5", sha=sha, path=str(file))
    write(store, doc, [], abspath=str(file.resolve()))
    assert store.resolve_document(str(file)) == sha
    assert store.resolve_document(sha) == sha
    assert store.resolve_document(sha[:10].upper()) == sha
    with pytest.raises(StoreError, match="no such file or document"):
        store.resolve_document("nothing-like-it")


def test_effects_round_trip_and_replace(store):
    effects = pd.DataFrame([
        {"study": "Zhou 2022", "yi": -0.5, "vi": 0.04, "measure": "SMD", "outcome": "pain",
         "record_ids": ("r1", "r2"), "derivation": "from means", "dose_mgkg": 0.5},
        {"study": "Chen 2020", "yi": -0.2, "vi": 0.09, "measure": "SMD", "outcome": "pain",
         "record_ids": "r3", "dose_mgkg": None},
    ])
    store.save_effects(effects)
    frame = store.effects_frame()
    assert list(frame["study"]) == ["Zhou 2022", "Chen 2020"]
    assert list(frame["yi"]) == [-0.5, -0.2] and list(frame["record_ids"]) == ["r1;r2", "r3"]
    assert frame["dose_mgkg"].iloc[0] == 0.5 and pd.isna(frame["dose_mgkg"].iloc[1])
    assert list(frame["effect_id"]) == ["e1", "e2"]
    store.save_effects(effects.iloc[:1])
    assert len(store.effects_frame()) == 1
    with pytest.raises(StoreError, match="'vi'"):
        store.save_effects(effects.drop(columns=["vi"]))
    assert len(store.effects_frame()) == 1


def test_write_csv_is_atomic_and_ordered(store, tmp_path):
    doc = make_doc()
    write(store, doc, make_records(doc))
    target = tmp_path / "out" / "evidence.csv"
    store.write_csv(target)
    frame = pd.read_csv(target)
    assert list(frame.columns[:len(RECORD_COLUMNS)]) == RECORD_COLUMNS
    assert "excluded" not in frame.columns  # exclusions are dropped, not shown
    assert sorted(p.name for p in target.parent.iterdir()) == ["evidence.csv"]


def test_unwritable_location_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot open evidence store"):
        Store(blocker / "sub" / "evidence.db")


def test_duplicate_record_ids_are_stored_once(store):
    doc = make_doc()
    records = make_records(doc)
    twin = make_records(doc)[0]
    twin.rule_id = "t.other_rule"
    write(store, doc, records + [twin])
    frame = store.records_frame()
    assert len(frame) == 2 and set(frame["rule_id"]) == {"t.total_n", "t.p"}
