"""Precision on real articles: the hand audit in tests/data/real/precision_audit.csv scored against
what today's extractor produces on the files in tests/data/real/.

    python tests/benchmark_real.py             # figures
    python tests/benchmark_real.py --stale     # also list the records and fields that need judging
    python tests/benchmark_real.py --wrong F   # also list current records judged wrong in field F

The audit holds one row per judged record (record_id: document bytes, offsets and kind), with the
values the record carried when it was judged (kind, value and the *_x columns) and a verdict per
field: kind_value is whether the kind and value are right, and each of outcome, group, timepoint,
drug, p (a p-value attached to a non-p record) and ci holds "ok" or "wrong" where the record stated
that field, "missed" where it was empty although the text states it, and nothing where neither.
Precision = ok / (ok + wrong).

Rounds: 160 records sampled with seed 20261124 (session 2); then every record the extractor produced
at session 3's start (418) was judged, re-judging the fields that had changed. A record is found by
its id, or, when a change elsewhere in the document moved its offsets, by its file, kind, matched
text and sentence (in order of appearance). A verdict counts for today's extractor only while what
it judged is unchanged: a record whose kind or value changed has
no valid verdicts; a field whose extracted value changed needs judging again (listed by --stale),
the record's other verdicts still count. Records the audit never saw are reported as unjudged.
It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
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


def precision_table(verdicts: list[dict], title: str, stale: Counter | None = None) -> None:
    """verdicts: one dict per record, field -> verdict ('' when the field has none or none counts)."""
    print(f"\n{title} ({len(verdicts)} records)")
    extra = f"{'stale':>7}" if stale is not None else ""
    print(f"{'field':<12}{'ok':>6}{'wrong':>7}{'missed':>8}{'precision':>11}{extra}")
    for field in FIELDS:
        counts = Counter(v.get(field, "") for v in verdicts)
        judged = counts["ok"] + counts["wrong"]
        precision = f"{counts['ok'] / judged:.3f}" if judged else "-"
        extra = f"{stale[field]:>7}" if stale is not None else ""
        print(f"{field:<12}{counts['ok']:>6}{counts['wrong']:>7}{counts['missed']:>8}{precision:>11}{extra}")
    by_file = Counter(v["file"] for v in verdicts)
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


def place(file: str, kind: str, text: str, sentence: str) -> tuple:
    return file, kind, " ".join(text.split()), " ".join(sentence.split())


def match_audit(audit: list[dict], now: list) -> list[tuple]:
    """(record, its audit row or None) for each of today's records. A record is its audit row when
    it has the row's id and still reads the same text in the same sentence; when a change elsewhere
    in the document moved it (new offsets, new id, or its old id now naming another cell), it is
    found by file, kind, matched text and sentence, preferring the row whose field values it still
    has, then the earliest."""
    by_id = {row["record_id"]: row for row in audit}
    by_place: dict[tuple, list[dict]] = {}
    for row in audit:
        by_place.setdefault(place(row["file"], row["kind"], row["text"], row["sentence"]), []).append(row)
    pairs, used, pending = [], set(), []
    for record in now:
        key = place(Path(record.file).name, record.kind, record.text, record.sentence)
        row = by_id.get(record.record_id)
        if row is not None and place(row["file"], row["kind"], row["text"], row["sentence"]) == key:
            used.add(row["record_id"])
            pairs.append([record, row])
        else:
            pairs.append([record, None])
            pending.append((len(pairs) - 1, key))
    for index, key in pending:
        record = pairs[index][0]
        fields = current_fields(record)
        candidates = [row for row in by_place.get(key, []) if row["record_id"] not in used]
        same = [row for row in candidates if all(fields[c] == row[c] for c in EXTRACTED.values())]
        row = (same or candidates or [None])[0]
        if row is not None:
            used.add(row["record_id"])
            pairs[index][1] = row
    return [tuple(pair) for pair in pairs]


def valid_verdicts(row: dict, record) -> tuple[dict, list[str]]:
    """The audit row's verdicts that still judge `record`, and the fields that need judging again."""
    fields = current_fields(record)
    old_value = str(float(row["value"])) if row["value"] else ""
    if fields["kind"] != row["kind"] or fields["value"] != old_value:
        return {"file": row["file"]}, ["kind/value"]
    verdicts = {"file": row["file"], "kind_value": row["kind_value"]}
    stale = []
    for field, column in EXTRACTED.items():
        if fields[column] == row[column]:
            verdicts[field] = row[field]
        else:
            stale.append(field)
    return verdicts, stale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stale", action="store_true", help="list records/fields needing judging")
    parser.add_argument("--wrong", metavar="FIELD", choices=FIELDS, help="list current records judged wrong in FIELD")
    args = parser.parse_args()

    audit = load_audit()
    precision_table([{f: r[f] for f in FIELDS} | {"file": r["file"]} for r in audit],
                    "Audit as judged (every round, incl. records no longer extracted)")

    started = time.process_time()
    now = []
    for name in sorted(p.name for p in REAL.iterdir() if p.suffix in (".xml", ".nxml")):
        now.extend(extract_document(read_document(REAL / name)))
    elapsed = time.process_time() - started

    scored, unjudged, needs = [], [], []
    stale_fields: Counter = Counter()
    matched_ids = set()
    moved = 0
    for record, row in match_audit(audit, now):
        if row is None:
            unjudged.append(record)
            continue
        moved += row["record_id"] != record.record_id
        matched_ids.add(row["record_id"])
        verdicts, stale = valid_verdicts(row, record)
        scored.append((record, row, verdicts))
        if stale:
            needs.append((record, stale))
            stale_fields.update("kind_value" if f == "kind/value" else f for f in stale)
            if "kind/value" in stale:
                stale_fields.update(FIELDS[1:])
    gone = [row for row in audit if row["record_id"] not in matched_ids]

    print(f"\nRe-extraction of the files: {len(now)} records now, CPU {elapsed:.1f} s")
    print(f"in the audit: {len(scored)} (all fields still as judged {len(scored) - len(needs)},"
          f" some field changed {len(needs)}; {moved} found at new offsets by file, kind, text and sentence);"
          f" never judged: {len(unjudged)}")
    wrong_gone = sum(1 for r in gone if r["kind_value"] == "wrong")
    print(f"audited records no longer extracted: {len(gone)} ({wrong_gone} of them judged wrong in kind/value)")
    precision_table([v for _, _, v in scored], "Precision over today's records (valid verdicts only)", stale_fields)
    in_tables = [v for record, _, v in scored if "table" in record.flags.split(";")]
    precision_table([v for record, _, v in scored if "table" not in record.flags.split(";")],
                    "of which from running text")
    precision_table(in_tables, "of which from table cells")
    if needs or unjudged:
        print(f"not yet judged: {len(unjudged)} records; stale fields: "
              + ", ".join(f"{k} {n}" for k, n in stale_fields.most_common()))
    if args.stale:
        for record, stale in needs:
            print(f"  re-judge {record.record_id} {record.file} {'/'.join(stale)}: {record.kind} {record.text!r}")
        for record in unjudged:
            print(f"  judge    {record.record_id} {record.file}: {record.kind} {record.text!r}")
    if args.wrong:
        for record, row, verdicts in scored:
            if verdicts.get(args.wrong) == "wrong":
                shown = current_fields(record).get(EXTRACTED.get(args.wrong, ""), f"{record.kind} {record.value}")
                print(f"  {record.record_id} {record.file} {record.kind} {record.text!r} -> {shown!r}  # {row['note']}")


if __name__ == "__main__":
    main()
