"""The evidence store: one SQLite file holding documents, runs, records, effects and corrections.

Extraction output (``records``) and reviewer decisions (``corrections``) live in separate tables.
Re-extraction replaces a document's records; corrections are never touched by it, only flagged
``needs_recheck`` when the text under them changed. Corrections are applied when records are read
(``records_frame``), so a reviewer's number can never be overwritten by a run.

One writer at a time: the pipeline writes each document in ONE transaction
(``write_document``), so an interrupted run leaves the store as it was before that document.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import fields as _dc_fields
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from evidencekit.errors import StoreError
from evidencekit.records import RECORD_COLUMNS, Document, Effect, Record

# Columns of the records table as of schema v1. Record fields added later to records.py are kept
# in the ``extra`` JSON column until a migration gives them a column of their own.
_RECORD_TABLE_COLUMNS = (
    "record_id", "doc_sha256", "file", "page", "char_start", "char_end", "sentence", "rule_id",
    "kind", "value", "text", "unit", "op", "ci_low", "ci_high", "ci_level", "se", "sd", "n", "df",
    "p_op", "p_value", "outcome", "domain", "group", "timepoint", "drug", "flags",
)

_V1 = """
CREATE TABLE documents (
    sha256          TEXT PRIMARY KEY,
    path            TEXT,              -- the path it was last seen at
    format          TEXT,
    title           TEXT,
    doi             TEXT,
    year            INTEGER,
    page_count      INTEGER,
    text            TEXT,              -- normalised text, so reports show context and corrections can be re-checked
    size            INTEGER,
    first_seen      TEXT NOT NULL,
    last_extracted  TEXT,
    run_id          INTEGER REFERENCES runs(id),
    rules_hash      TEXT,
    version         TEXT,
    superseded_by   TEXT               -- set when the only file holding it now holds other bytes
);
CREATE TABLE files (
    path    TEXT PRIMARY KEY,          -- absolute path
    sha256  TEXT NOT NULL REFERENCES documents(sha256),
    mtime_ns INTEGER,
    size    INTEGER,
    seen_at TEXT
);
CREATE INDEX files_sha ON files(sha256);
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started     TEXT NOT NULL,
    finished    TEXT,
    version     TEXT,
    rules_hash  TEXT,
    rules_dir   TEXT,
    n_new       INTEGER DEFAULT 0,
    n_changed   INTEGER DEFAULT 0,
    n_unchanged INTEGER DEFAULT 0,
    n_failed    INTEGER DEFAULT 0,
    n_values    INTEGER DEFAULT 0
);
CREATE TABLE records (
    record_id  TEXT PRIMARY KEY,
    doc_sha256 TEXT NOT NULL REFERENCES documents(sha256),
    file TEXT, page INTEGER, char_start INTEGER, char_end INTEGER, sentence TEXT, rule_id TEXT,
    kind TEXT NOT NULL, value REAL, text TEXT, unit TEXT, op TEXT, ci_low REAL, ci_high REAL,
    ci_level REAL, se REAL, sd REAL, n INTEGER, df TEXT, p_op TEXT, p_value REAL, outcome TEXT,
    domain TEXT, "group" TEXT, timepoint TEXT, drug TEXT, flags TEXT,
    extra  TEXT,                       -- JSON of Record fields without a column yet
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX records_doc ON records(doc_sha256);
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id   TEXT,                  -- NULL for document-level decisions
    doc_sha256  TEXT,
    action      TEXT NOT NULL CHECK (action IN ('set', 'exclude', 'unexclude', 'add', 'confirm')),
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,                  -- for 'add': the JSON of the added record
    reason      TEXT,
    reviewer    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    original_text     TEXT,            -- text under the record when the decision was made
    original_sentence TEXT,
    original_record   TEXT             -- JSON of the record as extracted then
);
CREATE INDEX corrections_record ON corrections(record_id);
CREATE INDEX corrections_doc ON corrections(doc_sha256);
CREATE TABLE failures (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    path    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    run_id  INTEGER REFERENCES runs(id),
    at      TEXT NOT NULL
);
"""

# v2: effects computed from the records, and the re-check flag on corrections.
_V2 = """
CREATE TABLE effects (
    effect_id  TEXT PRIMARY KEY,
    study TEXT, yi REAL NOT NULL, vi REAL NOT NULL, measure TEXT NOT NULL, outcome TEXT,
    domain TEXT, doc_sha256 TEXT, derivation TEXT, record_ids TEXT, flags TEXT, convention TEXT,
    extra TEXT,                        -- JSON of further columns (moderators, subgroups)
    position INTEGER,
    saved_at TEXT
);
ALTER TABLE corrections ADD COLUMN needs_recheck INTEGER NOT NULL DEFAULT 0;
ALTER TABLE corrections ADD COLUMN recheck_reason TEXT;
"""

# MIGRATIONS[i] takes a store from schema version i to i + 1. Append, never edit.
MIGRATIONS: list[str] = [_V1, _V2]
SCHEMA_VERSION = len(MIGRATIONS)

NUMERIC_FIELDS = {"value", "ci_low", "ci_high", "ci_level", "se", "sd", "p_value"}
INTEGER_FIELDS = {"page", "char_start", "char_end", "n"}
# Columns a reviewer may not set: they say where a record comes from, not what it says.
IDENTITY_FIELDS = {"record_id", "doc_sha256", "file"}
DOCUMENT_COLUMNS = ["title", "doi", "year"]
MARKER_COLUMNS = ["corrected", "corrected_fields", "confirmed", "added", "excluded",
                  "correction_needs_recheck"]
EFFECT_COLUMNS = [f.name for f in _dc_fields(Effect) if f.name != "extra"]


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def default_db_path(out_dir="outputs") -> Path:
    return Path(out_dir) / "evidence.db"


def open_store(path=None, out_dir="outputs") -> "Store":
    """Open (creating and migrating as needed) the store at ``path`` or ``out_dir/evidence.db``."""
    return Store(Path(path) if path else default_db_path(out_dir))


def _json_default(value):
    if isinstance(value, (tuple, set)):
        return list(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def plain_value(value):
    """pandas/numpy missing values and scalars -> plain Python for sqlite."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


class Store:
    """An open evidence store. Not shared between threads; one writer process at a time."""

    def __init__(self, path):
        self.path = Path(path)
        try:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if str(self.path) != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL still makes every transaction atomic and the file
                # uncorruptible; it only skips the fsync per commit (a power cut may undo the last
                # documents, which the next run re-reads). FULL costs ~7 ms a document.
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as err:
            raise StoreError(f"{self.path}: cannot open evidence store: {err}") from err

    # ---- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this "
                             f"evidencekit understands ({SCHEMA_VERSION}); upgrade evidencekit")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                # executescript would commit on its own; run statement by statement instead.
                for statement in _statements(MIGRATIONS[target - 1]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (including KeyboardInterrupt)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # ---- runs ------------------------------------------------------------------------------

    def begin_run(self, version: str, rules_hash: str, rules_dir: Optional[str]) -> int:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (started, version, rules_hash, rules_dir) VALUES (?, ?, ?, ?)",
                (now(), version, rules_hash, rules_dir))
        return cur.lastrowid

    def finish_run(self, run_id: int, new=0, changed=0, unchanged=0, failed=0, values=0) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished=?, n_new=?, n_changed=?, n_unchanged=?, n_failed=?, "
                "n_values=? WHERE id=?", (now(), new, changed, unchanged, failed, values, run_id))

    def runs_frame(self) -> pd.DataFrame:
        return pd.read_sql_query("SELECT * FROM runs ORDER BY id", self.conn)

    def record_failure(self, path, reason, run_id: Optional[int]) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO failures (path, reason, run_id, at) VALUES (?, ?, ?, ?)",
                              (str(path), str(reason), run_id, now()))

    def failures_frame(self, run_id: Optional[int] = None) -> pd.DataFrame:
        if run_id is None:
            return pd.read_sql_query("SELECT * FROM failures ORDER BY id", self.conn)
        return pd.read_sql_query("SELECT * FROM failures WHERE run_id=? ORDER BY id", self.conn,
                                 params=(run_id,))

    # ---- files and documents (incremental extraction) -------------------------------------

    def file_entry(self, abspath: str) -> Optional[sqlite3.Row]:
        return self.conn.execute(
            "SELECT f.path, f.sha256, f.mtime_ns, f.size, d.rules_hash, d.version "
            "FROM files f JOIN documents d ON d.sha256 = f.sha256 WHERE f.path=?",
            (abspath,)).fetchone()

    def document_entry(self, sha256: str) -> Optional[sqlite3.Row]:
        return self.conn.execute(
            "SELECT sha256, path, rules_hash, version, last_extracted FROM documents WHERE sha256=?",
            (sha256,)).fetchone()

    def note_file(self, abspath: str, sha256: str, mtime_ns: int, size: int, path_shown: str,
                  forget_missing: bool = True) -> bool:
        """Map an (unchanged) file at ``abspath`` to a known document; True if it was renamed.

        A document seen under a new path takes that path; paths of it that no longer exist on
        disk are forgotten.
        """
        with self.transaction():
            renamed = self._map_file(abspath, sha256, mtime_ns, size, path_shown, forget_missing)
        return renamed

    def _map_file(self, abspath, sha256, mtime_ns, size, path_shown, forget_missing) -> bool:
        known = [row["path"] for row in
                 self.conn.execute("SELECT path FROM files WHERE sha256=?", (sha256,))]
        previous = self.conn.execute("SELECT sha256 FROM files WHERE path=?", (abspath,)).fetchone()
        self.conn.execute(
            "INSERT INTO files (path, sha256, mtime_ns, size, seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, mtime_ns=excluded.mtime_ns, "
            "size=excluded.size, seen_at=excluded.seen_at",
            (abspath, sha256, mtime_ns, size, now()))
        self.conn.execute("UPDATE documents SET superseded_by=NULL WHERE sha256=?", (sha256,))
        others = [old for old in known if old != abspath]
        if forget_missing:
            for old in [o for o in others if not os.path.exists(o)]:
                self.conn.execute("DELETE FROM files WHERE path=?", (old,))
                others.remove(old)
        # Moved (no other path of it left), not copied: the document and its records follow.
        renamed = abspath not in known and not others
        if renamed:
            self.conn.execute("UPDATE documents SET path=? WHERE sha256=?", (path_shown, sha256))
            self.conn.execute("UPDATE records SET file=? WHERE doc_sha256=?", (path_shown, sha256))
        if previous is not None and previous["sha256"] != sha256:
            self._supersede(previous["sha256"], sha256)
        return renamed and bool(known)

    def _supersede(self, old_sha: str, new_sha: str) -> None:
        """The file that held ``old_sha`` now holds other bytes: flag corrections made on it."""
        still_current = self.conn.execute("SELECT 1 FROM files WHERE sha256=? LIMIT 1",
                                          (old_sha,)).fetchone()
        if still_current:
            return
        self.conn.execute("UPDATE documents SET superseded_by=? WHERE sha256=?", (new_sha, old_sha))
        if old_sha in self._excluded_documents() and new_sha not in self._excluded_documents():
            # A reviewer excluded this file; its new version stays out until someone says otherwise.
            self.conn.execute(
                "INSERT INTO corrections (doc_sha256, action, reason, reviewer, created_at, "
                "needs_recheck, recheck_reason) VALUES (?, 'exclude', ?, 'evidencekit', ?, 1, ?)",
                (new_sha, f"exclusion of the previous version {old_sha[:12]} carried over", now(),
                 "document changed"))
        self.conn.execute(
            "UPDATE corrections SET needs_recheck=1, recheck_reason=? "
            "WHERE doc_sha256=? AND needs_recheck=0",
            (f"document changed (now {new_sha[:12]})", old_sha))

    def write_document(self, doc: Document, records: Iterable[Record], run_id: int,
                       rules_hash: str, version: str, abspath: Optional[str] = None,
                       mtime_ns: Optional[int] = None, size: Optional[int] = None) -> None:
        """Store one document and its records in ONE transaction, replacing its old records.

        Corrections on the document's records are kept and flagged when the text under them
        changed (record no longer extracted, or other text/sentence).
        """
        # One row per record id: two rules reporting the same kind at the same span are one value.
        unique: dict = {}
        for record in records:
            unique.setdefault(record.record_id, record)
        records = list(unique.values())
        stamp = now()
        with self.transaction():
            self.conn.execute(
                "INSERT INTO documents (sha256, path, format, title, doi, year, page_count, text, "
                "size, first_seen, last_extracted, run_id, rules_hash, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(sha256) DO UPDATE SET path=excluded.path, format=excluded.format, "
                "title=excluded.title, doi=excluded.doi, year=excluded.year, "
                "page_count=excluded.page_count, text=excluded.text, size=excluded.size, "
                "last_extracted=excluded.last_extracted, run_id=excluded.run_id, "
                "rules_hash=excluded.rules_hash, version=excluded.version, superseded_by=NULL",
                (doc.sha256, doc.path, doc.format, doc.title, doc.doi, doc.year, doc.page_count,
                 doc.text, size, stamp, stamp, run_id, rules_hash, version))
            self.conn.execute("DELETE FROM records WHERE doc_sha256=?", (doc.sha256,))
            self.conn.executemany(_INSERT_RECORD, [_record_row(r, run_id) for r in records])
            if abspath is not None:
                self._map_file(abspath, doc.sha256, mtime_ns, size, doc.path, True)
            self._flag_changed_corrections(doc, {r.record_id: r for r in records})

    def _flag_changed_corrections(self, doc: Document, new_records: dict) -> None:
        rows = self.conn.execute(
            "SELECT id, action, record_id, original_text, original_sentence, new_value "
            "FROM corrections WHERE doc_sha256=? AND record_id IS NOT NULL AND needs_recheck=0",
            (doc.sha256,)).fetchall()
        for row in rows:
            reason = None
            if row["action"] == "add":
                added = json.loads(row["new_value"])
                if added.get("text") and added["text"] not in doc.text:
                    reason = "text of the added value no longer in the document"
            elif row["record_id"] not in new_records:
                reason = "record no longer extracted"
            else:
                rec = new_records[row["record_id"]]
                if (row["original_text"] or "") != (rec.text or "") or \
                        (row["original_sentence"] or "") != (rec.sentence or ""):
                    reason = "text under the record changed"
            if reason:
                self.conn.execute(
                    "UPDATE corrections SET needs_recheck=1, recheck_reason=? WHERE id=?",
                    (reason, row["id"]))

    def documents_frame(self, include_text: bool = False) -> pd.DataFrame:
        """One row per document; ``current`` is False once no known file holds its bytes."""
        text_col = ", d.text" if include_text else ""
        frame = pd.read_sql_query(
            "SELECT d.sha256, d.path, d.format, d.title, d.doi, d.year, d.page_count, d.size, "
            "d.first_seen, d.last_extracted, d.run_id, d.rules_hash, d.version" + text_col + ", "
            "d.superseded_by IS NULL AS current, d.superseded_by, "
            "(SELECT COUNT(*) FROM records r WHERE r.doc_sha256 = d.sha256) AS n_records "
            "FROM documents d ORDER BY d.path", self.conn)
        excluded = self._excluded_documents()
        frame["current"] = frame["current"].astype(bool)
        frame["excluded"] = frame["sha256"].isin(excluded)
        return frame

    def document_text(self, sha256: str) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE sha256=?", (sha256,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document {sha256}")
        return row["text"] or ""

    def resolve_document(self, file_or_sha: str) -> str:
        """A path of a stored file, or a document sha256 (or a unique prefix of 8+ chars) -> sha256."""
        if os.path.exists(file_or_sha):
            row = self.conn.execute("SELECT sha256 FROM files WHERE path=?",
                                    (os.path.abspath(file_or_sha),)).fetchone()
            if row is None:
                from evidencekit.pipeline import file_sha256  # same hashing as extraction

                row = self.conn.execute("SELECT sha256 FROM documents WHERE sha256=?",
                                        (file_sha256(file_or_sha),)).fetchone()
            if row is None:
                raise StoreError(f"{file_or_sha}: not in the evidence store; run extract first")
            return row["sha256"]
        key = file_or_sha.lower()
        if len(key) >= 8 and all(c in "0123456789abcdef" for c in key):
            rows = self.conn.execute("SELECT sha256 FROM documents WHERE sha256 LIKE ?",
                                     (key + "%",)).fetchall()
            if len(rows) == 1:
                return rows[0]["sha256"]
            if len(rows) > 1:
                raise StoreError(f"{file_or_sha}: matches {len(rows)} documents; give more digits")
        row = self.conn.execute("SELECT sha256 FROM documents WHERE path=?", (file_or_sha,)).fetchone()
        if row is not None:
            return row["sha256"]
        raise StoreError(f"{file_or_sha}: no such file or document in the evidence store")

    # ---- records -------------------------------------------------------------------------

    def count_records(self, shas: Iterable[str]) -> int:
        """Extracted records of these documents (before corrections)."""
        shas = list(shas)
        total = 0
        for start in range(0, len(shas), 500):  # stay under SQLite's bound-parameter limit
            chunk = shas[start:start + 500]
            total += self.conn.execute(
                "SELECT COUNT(*) FROM records WHERE doc_sha256 IN (%s)" % ",".join("?" * len(chunk)),
                chunk).fetchone()[0]
        return total

    def extracted_record(self, record_id: str) -> Optional[dict]:
        row = self.conn.execute("SELECT * FROM records WHERE record_id=?", (record_id,)).fetchone()
        return _row_to_record(row) if row is not None else None

    def records_frame(self, apply_corrections: bool = True,
                      include_excluded: bool = False) -> pd.DataFrame:
        """Records as a DataFrame: RECORD_COLUMNS, then title, doi, year, then markers.

        With ``apply_corrections`` reviewer decisions are applied in the order they were made:
        set fields, added records, confirmations. A corrected or confirmed record whose
        extraction is gone (rules changed, file changed) is kept from the snapshot taken when it
        was corrected and flagged ``correction_needs_recheck``: a reviewer's number is never lost.
        Excluded records (and records of excluded documents) are dropped unless
        ``include_excluded``.
        """
        records = {}
        for row in self.conn.execute(
                "SELECT r.* FROM records r JOIN documents d ON d.sha256 = r.doc_sha256 "
                "WHERE d.superseded_by IS NULL"):
            rec = _row_to_record(row)
            rec.update(corrected=False, corrected_fields="", confirmed=False, added=False,
                       excluded=False, correction_needs_recheck=False)
            records[rec["record_id"]] = rec

        excluded_docs = set()
        for c in self.conn.execute("SELECT * FROM corrections ORDER BY id"):
            action, rid = c["action"], c["record_id"]
            if rid is None:  # document-level
                if action == "exclude":
                    excluded_docs.add(c["doc_sha256"])
                elif action == "unexclude":
                    excluded_docs.discard(c["doc_sha256"])
                continue
            rec = records.get(rid)
            if rec is None:
                if action == "add":
                    rec = json.loads(c["new_value"])
                    rec.update(corrected=False, corrected_fields="", confirmed=False, added=True,
                               excluded=False, correction_needs_recheck=False)
                elif action in ("set", "confirm") and c["original_record"]:
                    rec = json.loads(c["original_record"])
                    rec.update(corrected=False, corrected_fields="", confirmed=False,
                               added=False, excluded=False, correction_needs_recheck=True,
                               _snapshot=True)
                    _add_flag(rec, "record_gone")
                else:
                    continue
                records[rid] = rec
            if action in ("exclude", "unexclude"):  # honoured with or without apply_corrections
                rec["excluded"] = action == "exclude"
                continue
            if not apply_corrections:
                rec["correction_needs_recheck"] |= bool(c["needs_recheck"])
                continue
            if action == "confirm":
                # Confirming is the second look: earlier flags on this record are resolved.
                rec["confirmed"] = True
                rec["correction_needs_recheck"] = bool(c["needs_recheck"])
                continue
            rec["correction_needs_recheck"] |= bool(c["needs_recheck"])
            if action == "set":
                rec[c["field"]] = _parse_field(c["field"], c["new_value"])
                rec["corrected"] = True
                done = [f for f in rec["corrected_fields"].split(";") if f]
                if c["field"] not in done:
                    done.append(c["field"])
                rec["corrected_fields"] = ";".join(done)

        if not apply_corrections:
            records = {k: r for k, r in records.items()
                       if not r["added"] and not r.get("_snapshot")}
        for rec in records.values():
            rec.pop("_snapshot", None)
            if rec["doc_sha256"] in excluded_docs:
                rec["excluded"] = True
            if rec["correction_needs_recheck"]:
                _add_flag(rec, "correction_needs_recheck")
        rows = [r for r in records.values() if include_excluded or not r["excluded"]]

        docs = {row["sha256"]: row for row in self.conn.execute(
            "SELECT sha256, path, title, doi, year FROM documents")}
        for rec in rows:
            doc = docs.get(rec["doc_sha256"])
            if doc is not None and doc["path"]:
                rec["file"] = doc["path"]  # where the document is now (added records, renames)
            rec["title"] = doc["title"] if doc else None
            rec["doi"] = doc["doi"] if doc else None
            rec["year"] = doc["year"] if doc else None

        columns = list(RECORD_COLUMNS)
        extra = sorted({k for r in rows for k in r} - set(columns) - set(DOCUMENT_COLUMNS)
                       - set(MARKER_COLUMNS))
        columns += extra + DOCUMENT_COLUMNS + MARKER_COLUMNS
        frame = pd.DataFrame(rows, columns=columns)
        for col in ("page", "char_start", "char_end", "n", "year"):
            frame[col] = frame[col].astype("Int64")
        for col in NUMERIC_FIELDS:
            frame[col] = frame[col].astype("float64")
        for col in ("corrected", "confirmed", "added", "excluded", "correction_needs_recheck"):
            frame[col] = frame[col].astype(bool)
        frame = frame.sort_values(["file", "page", "char_start", "record_id"], kind="stable",
                                  na_position="last")
        return frame.reset_index(drop=True)

    def _excluded_documents(self) -> set:
        excluded = set()
        for c in self.conn.execute("SELECT action, doc_sha256 FROM corrections "
                                   "WHERE record_id IS NULL ORDER BY id"):
            if c["action"] == "exclude":
                excluded.add(c["doc_sha256"])
            elif c["action"] == "unexclude":
                excluded.discard(c["doc_sha256"])
        return excluded

    def write_csv(self, path) -> Path:
        """evidence.csv: one row per record, corrections applied, exclusions dropped, atomically."""
        frame = self.records_frame(apply_corrections=True, include_excluded=False)
        frame = frame.drop(columns=["excluded"])
        return write_frame_atomically(frame, path)

    # ---- corrections ---------------------------------------------------------------------

    def add_correction(self, action: str, reviewer: str, record_id: Optional[str] = None,
                       doc_sha256: Optional[str] = None, field: Optional[str] = None,
                       old_value=None, new_value=None, reason: Optional[str] = None,
                       original: Optional[dict] = None) -> int:
        """Append one reviewer decision; corrections are never updated or deleted except for
        their re-check flag."""
        snapshot = json.dumps(original, default=_json_default) if original else None
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO corrections (record_id, doc_sha256, action, field, old_value, "
                "new_value, reason, reviewer, created_at, original_text, original_sentence, "
                "original_record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record_id, doc_sha256, action, field, _as_text(old_value), _as_text(new_value),
                 reason, reviewer, now(), (original or {}).get("text"),
                 (original or {}).get("sentence"), snapshot))
        return cur.lastrowid

    def history(self, record_id: Optional[str] = None) -> pd.DataFrame:
        """Every reviewer decision, oldest first: who changed what from what to what, when, why."""
        query = ("SELECT id, created_at, reviewer, action, record_id, doc_sha256, field, "
                 "old_value, new_value, reason, needs_recheck, recheck_reason, original_text, "
                 "original_sentence FROM corrections")
        if record_id is None:
            frame = pd.read_sql_query(query + " ORDER BY id", self.conn)
        else:
            frame = pd.read_sql_query(query + " WHERE record_id=? ORDER BY id", self.conn,
                                      params=(record_id,))
        frame["needs_recheck"] = frame["needs_recheck"].astype(bool)
        for col in ("record_id", "doc_sha256", "field", "old_value", "new_value", "reason",
                    "recheck_reason", "original_text", "original_sentence"):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
        return frame

    # ---- effects -------------------------------------------------------------------------

    def save_effects(self, effects_df: pd.DataFrame) -> None:
        """Replace the stored effects with ``effects_df`` (columns = Effect fields; any further
        columns, e.g. moderators, are kept and come back from ``effects_frame``)."""
        if effects_df is None:
            effects_df = pd.DataFrame(columns=EFFECT_COLUMNS)
        for col in ("yi", "vi", "measure"):
            if col not in effects_df.columns:
                raise StoreError(f"effects need a {col!r} column")
        stamp = now()
        rows = []
        for position, item in enumerate(effects_df.to_dict("records")):
            ids = item.get("record_ids")
            if isinstance(ids, (list, tuple)):
                ids = ";".join(ids)
            extra = {k: plain_value(v) for k, v in item.items() if k not in EFFECT_COLUMNS}
            nested = extra.pop("extra", None)
            if isinstance(nested, dict):
                extra.update({k: plain_value(v) for k, v in nested.items()})
            effect_id = plain_value(item.get("effect_id")) or f"e{position + 1}"
            rows.append((effect_id, plain_value(item.get("study")), plain_value(item["yi"]),
                         plain_value(item["vi"]), item["measure"], plain_value(item.get("outcome")),
                         plain_value(item.get("domain")), plain_value(item.get("doc_sha256")),
                         plain_value(item.get("derivation")), plain_value(ids), plain_value(item.get("flags")),
                         plain_value(item.get("convention")),
                         json.dumps(extra, default=_json_default) if extra else None,
                         position, stamp))
        try:
            with self.transaction():
                self.conn.execute("DELETE FROM effects")
                self.conn.executemany(
                    "INSERT INTO effects (effect_id, study, yi, vi, measure, outcome, domain, "
                    "doc_sha256, derivation, record_ids, flags, convention, extra, position, "
                    "saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.IntegrityError as err:
            raise StoreError(f"{self.path}: cannot save effects: {err}") from err

    def effects_frame(self) -> pd.DataFrame:
        """The stored effects in the order saved; ``record_ids`` is the ';'-joined record ids."""
        rows = []
        for row in self.conn.execute("SELECT * FROM effects ORDER BY position"):
            item = {col: row[col] for col in EFFECT_COLUMNS}
            if row["extra"]:
                item.update(json.loads(row["extra"]))
            rows.append(item)
        extra_cols = sorted({k for r in rows for k in r} - set(EFFECT_COLUMNS))
        return pd.DataFrame(rows, columns=EFFECT_COLUMNS + extra_cols)


# ---- helpers -----------------------------------------------------------------------------

_INSERT_RECORD = (
    "INSERT INTO records (" + ", ".join(f'"{c}"' for c in _RECORD_TABLE_COLUMNS)
    + ", extra, run_id) VALUES (" + ", ".join("?" * (len(_RECORD_TABLE_COLUMNS) + 2)) + ")")


def _record_row(record: Record, run_id: int) -> tuple:
    data = record.to_dict()
    extra = {k: v for k, v in data.items() if k not in _RECORD_TABLE_COLUMNS}
    return tuple(plain_value(data.get(c)) for c in _RECORD_TABLE_COLUMNS) + (
        json.dumps(extra, default=_json_default) if extra else None, run_id)


def _row_to_record(row: sqlite3.Row) -> dict:
    rec = {c: row[c] for c in _RECORD_TABLE_COLUMNS}
    if row["extra"]:
        rec.update(json.loads(row["extra"]))
    for col in RECORD_COLUMNS:
        rec.setdefault(col, None)
    rec["flags"] = rec.get("flags") or ""
    return rec


def _add_flag(rec: dict, flag: str) -> None:
    present = [f for f in (rec.get("flags") or "").split(";") if f]
    if flag not in present:
        present.append(flag)
    rec["flags"] = ";".join(present)


def _as_text(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=_json_default)
    return str(value)


def _parse_field(field: str, text: Optional[str]):
    """A stored correction value (text) -> the field's type."""
    if text is None or text == "":
        return None if field != "flags" else ""
    if field in NUMERIC_FIELDS:
        return float(text)
    if field in INTEGER_FIELDS:
        return int(float(text))
    return text


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def write_frame_atomically(frame: pd.DataFrame, path) -> Path:
    """Write CSV to a temp file next to ``path`` and os.replace it: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            frame.to_csv(handle, index=False)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path
