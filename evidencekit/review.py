"""Reviewer corrections: set a field, exclude, add a missed value, confirm, and the history of it all.

Every decision is appended to the store's ``corrections`` table with who, when, why, and the
value before and after; nothing here edits extracted records. The store applies corrections when
records are read, so re-extraction can never overwrite them (see store.Store.records_frame).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import math
from typing import Optional

import pandas as pd

from evidencekit.errors import EvidenceKitError
from evidencekit.records import DOMAINS, KINDS, RECORD_COLUMNS, Record
from evidencekit.store import IDENTITY_FIELDS, INTEGER_FIELDS, NUMERIC_FIELDS, Store, plain_value

OPERATORS = {"=": "=", "<": "<", ">": ">", "≤": "≤", "≥": "≥", "<=": "≤", ">=": "≥"}
# What a reviewer may set: every record column except those that say where it comes from.
EDITABLE_FIELDS = [c for c in RECORD_COLUMNS if c not in IDENTITY_FIELDS]


class ReviewError(EvidenceKitError):
    """A correction that cannot be made: unknown record or field, a value of the wrong type."""


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "unknown"


def current_record(store: Store, record_id: str) -> dict:
    """The record as the table shows it now (corrections applied, excluded ones included)."""
    frame = store.records_frame(apply_corrections=True, include_excluded=True)
    match = frame[frame["record_id"] == record_id]
    if match.empty:
        raise ReviewError(f"unknown record id {record_id!r} (see record_id in evidence.csv)")
    return {k: plain_value(v) for k, v in match.iloc[0].to_dict().items()}


def parse_value(field: str, value: Optional[str]):
    """A value typed by a reviewer -> the field's type, or ReviewError naming field and value."""
    if field in IDENTITY_FIELDS:
        raise ReviewError(f"{field} says where a record comes from and cannot be set; "
                          "exclude the record and add a new one instead")
    if field not in EDITABLE_FIELDS:
        raise ReviewError(f"unknown field {field!r}; one of: {', '.join(EDITABLE_FIELDS)}")
    if value is None or str(value).strip() == "":
        if field in ("kind", "page"):
            raise ReviewError(f"{field} cannot be empty")
        return "" if field == "flags" else None
    text = str(value).strip()
    if field in NUMERIC_FIELDS or field in INTEGER_FIELDS:
        try:
            number = float(text.replace("−", "-"))
        except ValueError:
            raise ReviewError(f"{field} must be a number, got {text!r}") from None
        if not math.isfinite(number):
            raise ReviewError(f"{field} must be a finite number, got {text!r}")
        if field in INTEGER_FIELDS:
            if not number.is_integer():
                raise ReviewError(f"{field} must be a whole number, got {text!r}")
            return int(number)
        return number
    if field == "kind" and text not in KINDS:
        raise ReviewError(f"unknown kind {text!r}; one of: {', '.join(KINDS)}")
    if field == "domain" and text not in DOMAINS:
        raise ReviewError(f"unknown domain {text!r}; one of: {', '.join(DOMAINS)}")
    if field in ("op", "p_op"):
        if text not in OPERATORS:
            raise ReviewError(f"{field} must be one of = < > <= >= ≤ ≥, got {text!r}")
        return OPERATORS[text]
    return text


def set_field(store: Store, record_id: str, field: str, value, *, reason: Optional[str] = None,
              reviewer: Optional[str] = None) -> int:
    """Set one field of a record; returns the correction id."""
    new = parse_value(field, value)
    record = current_record(store, record_id)
    old = record.get(field)
    if _same(old, new):
        raise ReviewError(f"{record_id}: {field} is already {old!r}")
    return store.add_correction(
        "set", reviewer or default_reviewer(), record_id=record_id,
        doc_sha256=record["doc_sha256"], field=field, old_value=old, new_value=new,
        reason=reason, original=_original(store, record_id, record))


def exclude_record(store: Store, record_id: str, *, reason: Optional[str] = None,
                   reviewer: Optional[str] = None, undo: bool = False) -> int:
    record = current_record(store, record_id)
    if bool(record["excluded"]) != undo:
        state = "excluded" if undo is False else "not excluded"
        raise ReviewError(f"{record_id}: already {state}")
    return store.add_correction(
        "unexclude" if undo else "exclude", reviewer or default_reviewer(), record_id=record_id,
        doc_sha256=record["doc_sha256"], reason=reason,
        original=_original(store, record_id, record))


def exclude_document(store: Store, file_or_sha: str, *, reason: Optional[str] = None,
                     reviewer: Optional[str] = None, undo: bool = False) -> tuple[int, str]:
    """Exclude (or bring back) every record of one document; returns (correction id, sha256)."""
    sha = store.resolve_document(file_or_sha)
    excluded = sha in store._excluded_documents()
    if excluded != undo:
        raise ReviewError(f"{file_or_sha}: document already {'excluded' if not undo else 'included'}")
    cid = store.add_correction("unexclude" if undo else "exclude", reviewer or default_reviewer(),
                               doc_sha256=sha, reason=reason)
    return cid, sha


def confirm(store: Store, record_id: str, *, reason: Optional[str] = None,
            reviewer: Optional[str] = None) -> int:
    """A reviewer checked the record against its source: marks it confirmed and settles any
    earlier needs_recheck flag on it."""
    record = current_record(store, record_id)
    return store.add_correction("confirm", reviewer or default_reviewer(), record_id=record_id,
                                doc_sha256=record["doc_sha256"], reason=reason,
                                original=_original(store, record_id, record))


def add_record(store: Store, document: str, kind: str, value=None, fields: Optional[dict] = None,
               *, reason: Optional[str] = None, reviewer: Optional[str] = None) -> str:
    """Add a value the rules missed to a document; returns its record id.

    The id is derived from the document, kind, value and fields, so the same addition made twice
    is refused, and the record survives re-extraction (it lives in the corrections table).
    """
    sha = store.resolve_document(document)
    fields = dict(fields or {})
    if kind not in KINDS:
        raise ReviewError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    data = {"kind": kind, "value": parse_value("value", value) if value is not None else None}
    for name, raw in fields.items():
        if name in ("kind", "value"):
            raise ReviewError(f"give {name} with --{name}")
        data[name] = parse_value(name, raw)
    if data["value"] is None and not any(data.get(f) for f in ("unit", "text", "drug", "outcome")):
        raise ReviewError("an added record needs a --value (or, for a route, drug or instrument, "
                          "a --unit naming it)")
    key = json.dumps({"doc": sha, **data}, sort_keys=True, default=str)
    rid = hashlib.sha256(("added:" + key).encode()).hexdigest()[:16]
    if store.conn.execute("SELECT 1 FROM corrections WHERE action='add' AND record_id=?",
                          (rid,)).fetchone():
        raise ReviewError(f"this record was already added as {rid}")
    doc_row = store.conn.execute("SELECT path FROM documents WHERE sha256=?", (sha,)).fetchone()
    record = Record(doc_sha256=sha, file=doc_row["path"], page=data.pop("page", None),
                    char_start=data.pop("char_start", None), char_end=data.pop("char_end", None),
                    sentence=data.pop("sentence", None) or "", rule_id=data.pop("rule_id", None)
                    or "review.add", kind=kind, record_id=rid)
    for name, val in data.items():
        setattr(record, name, val)
    store.add_correction("add", reviewer or default_reviewer(), record_id=rid, doc_sha256=sha,
                         new_value=record.to_dict(), reason=reason)
    return rid


def history(store: Store, record_id: Optional[str] = None) -> pd.DataFrame:
    """Every decision (on one record, or all), oldest first."""
    if record_id is not None and store.history(record_id).empty:
        current_record(store, record_id)  # unknown id -> a clear error rather than an empty table
    return store.history(record_id)


def _original(store: Store, record_id: str, record: dict) -> dict:
    """The record as extracted (the text under it), kept with the correction for re-checks."""
    extracted = store.extracted_record(record_id)
    if extracted is not None:
        return extracted
    return {k: record.get(k) for k in RECORD_COLUMNS}


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(new, (int, float)) and isinstance(old, (int, float)):
        return float(old) == float(new)
    return str(old) == str(new)


class session:
    """``with session(db, out_dir) as store:`` for one review command: opens an existing store
    (never creates an empty one) and, when the block succeeds, rewrites DIR/evidence.csv so the
    table on disk shows the decision at once."""

    def __init__(self, db=None, out_dir="outputs", write_csv: bool = True):
        from pathlib import Path

        self.out_dir = Path(out_dir)
        self.db_path = Path(db) if db else self.out_dir / "evidence.db"
        self.write_csv = write_csv

    def __enter__(self) -> Store:
        from evidencekit.store import open_store

        if not self.db_path.exists():
            raise ReviewError(f"{self.db_path}: no evidence store here; run `evidencekit extract` "
                              "first or pass --db")
        self.store = open_store(self.db_path)
        return self.store

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None and self.write_csv:
                self.store.write_csv(self.out_dir / "evidence.csv")
        finally:
            self.store.close()
        return False


def describe(row) -> str:
    """One line of history: #id when who action what: old -> new (why) [needs recheck: why]."""
    target = row["record_id"] or f"document {str(row['doc_sha256'])[:12]}"
    line = f"#{row['id']} {row['created_at']} {row['reviewer']} {row['action']} {target}"
    if row["action"] == "set":
        line += f" {row['field']}: {_shown(row['old_value'])} -> {_shown(row['new_value'])}"
    elif row["action"] == "add":
        added = json.loads(row["new_value"])
        line += f" {added.get('kind')}={_shown(added.get('value'))}"
    if row["reason"]:
        line += f" ({row['reason']})"
    if row["needs_recheck"]:
        line += f" [needs recheck: {row['recheck_reason']}]"
    return line


def _shown(value) -> str:
    return "(empty)" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
