"""Precision on real articles: the hand audit in tests/data/real/precision_audit.csv, and how much of
it today's extractor still reproduces.

    python tests/benchmark_real.py

The audit judged a fixed random sample (seed 20261124, 160 of the records extracted from the files in
tests/data/real/ when it was written) by reading each record's sentence: kind_value is whether the kind
and value are right, and each of outcome, group, timepoint, drug, p (a p-value attached to a
non-p record) and ci holds "ok" or "wrong" where the record stated that field, "missed" where it was
empty although the text states it, and nothing where neither. Precision = ok / (ok + wrong).

The second table re-extracts the same files and reports how many audited records still exist (same
record_id: same document, offsets and kind) and how many of those still carry the audited values;
a record whose fields changed needs judging again before its verdicts count for the new extractor.
A record whose id changed only because the text before it changed length is found again by its
file, kind, matched text and sentence (whitespace-insensitive). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evidencekit.extract import extract_document  # noqa: E402
from evidencekit.ingest import read_document  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
AUDIT = REAL / "precision_audit.csv"
FIELDS = ("kind_value", "outcome", "group", "timepoint", "drug", "p", "ci")
# the extracted value each verdict was given for, as the audit recorded it
EXTRACTED = {"outcome": "outcome_x", "group": "group_x", "timepoint": "timepoint_x", "drug": "drug_x",
             "p": "p_x", "ci": "ci_x"}


def load_audit() -> list[dict]:
    with AUDIT.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def precision_table(rows: list[dict], title: str) -> None:
    print(f"\n{title} ({len(rows)} records)")
    print(f"{'field':<12}{'ok':>6}{'wrong':>7}{'missed':>8}{'precision':>11}")
    for field in FIELDS:
        counts = Counter(r[field] for r in rows)
        judged = counts["ok"] + counts["wrong"]
        precision = f"{counts['ok'] / judged:.3f}" if judged else "-"
        print(f"{field:<12}{counts['ok']:>6}{counts['wrong']:>7}{counts['missed']:>8}{precision:>11}")
    by_file = Counter(r["file"] for r in rows)
    print("records per file: " + ", ".join(f"{name} {n}" for name, n in sorted(by_file.items())))


def current_fields(record) -> dict:
    return {
        "kind": record.kind,
        "value": "" if record.value is None else str(float(record.value)),
        "outcome_x": record.outcome or "",
        "group_x": record.group or "",
        "timepoint_x": record.timepoint or "",
        "drug_x": record.drug or "",
        "p_x": f"{record.p_op}{record.p_value}" if record.p_value is not None and record.kind != "p" else "",
        "ci_x": f"{record.ci_low},{record.ci_high}" if record.ci_low is not None else "",
    }


def content_key(file: str, kind: str, text: str, sentence: str) -> tuple:
    """A record by what it says, whitespace runs read as one space (a tab and two spaces alike)."""
    return file, kind, " ".join(text.split()), " ".join(sentence.split())


def main() -> None:
    audit = load_audit()
    precision_table(audit, "Audited precision (as judged)")

    started = time.process_time()
    now: dict[str, object] = {}
    by_content: dict[tuple, object] = {}
    files = sorted({r["file"] for r in audit})
    for name in files:
        for record in extract_document(read_document(REAL / name)):
            now[record.record_id] = record
            by_content.setdefault(content_key(name, record.kind, record.text, record.sentence), record)
    elapsed = time.process_time() - started

    gone, changed, same = [], [], []
    moved = 0
    for row in audit:
        record = now.get(row["record_id"])
        if record is None:
            # the same record at other offsets: the text before it changed length (HTML/JATS table cells
            # became tab-separated after the audit, one character where there were two spaces)
            record = by_content.get(content_key(row["file"], row["kind"], row["text"], row["sentence"]))
            moved += record is not None
        if record is None:
            gone.append(row)
            continue
        fields = current_fields(record)
        old_value = str(float(row["value"])) if row["value"] else ""
        differs = [k for k in EXTRACTED.values() if fields[k] != row[k]]
        if fields["kind"] != row["kind"] or fields["value"] != old_value:
            differs.append("kind/value")
        (changed if differs else same).append((row, differs))

    print(f"\nRe-extraction of {len(files)} files: {len(now)} records now, CPU {elapsed:.1f} s")
    print(f"audited records still extracted: {len(same) + len(changed)} of {len(audit)}"
          f" (unchanged {len(same)}, fields changed {len(changed)}, gone {len(gone)};"
          f" {moved} found at new offsets by file, kind, text and sentence)")
    wrong_gone = sum(1 for r in gone if r["kind_value"] == "wrong")
    print(f"gone records the audit had judged wrong in kind/value: {wrong_gone} of {len(gone)}")
    if changed:
        what = Counter(field for _, differs in changed for field in differs)
        print("changed fields (re-judge these): " + ", ".join(f"{k} {n}" for k, n in what.most_common()))
    precision_table([row for row, _ in same], "Precision over the audited records still extracted unchanged")


if __name__ == "__main__":
    main()
