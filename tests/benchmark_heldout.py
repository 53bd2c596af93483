"""Accuracy of extraction on held-out passages of real published text: per-field precision and recall,
and the misses and false positives grouped by cause.

    python tests/benchmark_heldout.py [--data tests/data/heldout/passages.jsonl] [--examples N] [--split dev|test|all]

Not a test (pytest does not collect it): it prints figures. The rule packs were written against the
demo corpus; these passages were copied verbatim from published abstracts, tables and registry
records that no one on the project wrote (each line's "source" names where), and their facts were
written from the passage text alone. Each passage becomes one Document (its text through
evidencekit.normalise, as ingest does for a .txt file) and is extracted with the default rule pack.
Records are matched to facts with the matching code of tests/benchmark_accuracy.py (same kind,
value within printed rounding, same place in the text; instruments by name), and fields are scored
the same way. tests/data/heldout/fresh2.jsonl (49 passages from 34 articles) was built the same way, its
golds written and committed before any extraction run on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import benchmark_accuracy as accuracy  # noqa: E402  (matching and scoring shared with the corpus benchmark)

DATA = Path(__file__).parent / "data" / "heldout" / "passages.jsonl"


def load_passages(path: Path) -> list[dict]:
    passages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            passage = json.loads(line)
            passage["line"] = number
            passages.append(passage)
    return passages


def passage_document(passage: dict):
    """The Document ingest would build for the passage saved as a .txt file."""
    from evidencekit.normalise import normalise
    from evidencekit.records import Document

    text, origin = normalise(passage["text"])
    sha = hashlib.sha256(passage["text"].encode("utf-8")).hexdigest()
    return Document(f"{passage['id']}.txt", sha, "txt", text, (0,), origin)


def pair(facts, records, text):
    """(fact, record or None) per fact, and the records no fact took, as benchmark_accuracy pairs them."""
    used, pairs = set(), []
    for fact in facts:
        record = accuracy._find(fact, records, used, text)
        if record is not None:
            used.add(id(record))
        pairs.append((fact, record))
    return pairs, [r for r in records if id(r) not in used]


def _near(start, end, fact, text, context=False) -> bool:
    """Whether characters start..end lie at the fact's text (or, with context, anywhere in its context)."""
    places = accuracy._places(fact, text)
    if context and fact.get("context"):
        places += [(m.start(), m.end()) for m in re.finditer(accuracy._flexible(fact["context"]), text)]
    return any(max(0, s - end, start - e) <= accuracy.NEAR for s, e in places)


def miss_cause(fact, records, text) -> str:
    """Why no record matched: nothing there, the number read as another kind, or the value misread."""
    here = [r for r in records if _near(r.char_start, r.char_end, fact, text)]
    same_kind = [r for r in here if r.kind == fact["kind"]]
    if fact["kind"] == "instrument":
        return "instrument not in the rule pack (or named differently)"
    other = sorted({r.kind for r in here if r.kind != fact["kind"] and r.value is not None
                    and fact.get("value") is not None and accuracy._close(fact["value"], r.value)})
    if other:
        return f"{fact['kind']} read as {'/'.join(other)}"
    if same_kind:
        return f"{fact['kind']}: right kind at the place, value differs"
    return f"{fact['kind']}: nothing extracted"


def extra_cause(record, facts, text) -> str:
    """Why a record matched no fact: a stated number under the wrong kind, a duplicate, or a non-fact."""
    for fact in facts:
        if _near(record.char_start, record.char_end, fact, text):
            if fact["kind"] == record.kind:
                return f"{record.kind}: duplicate or misread value of a stated {fact['kind']}"
            return f"{record.kind} where the text states a {fact['kind']}"
    for fact in facts:
        if _near(record.char_start, record.char_end, fact, text, context=True):
            return f"{record.kind}: part of a stated {fact['kind']} (its CI, p or n), kept apart"
    return f"{record.kind}: number that is no fact (rate, median, label, threshold ...)"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", "--file", dest="data", default=str(DATA), metavar="PATH",
                        help="passages JSONL (e.g. tests/data/heldout/fresh.jsonl, the second set kept unseen by rule authors)")
    parser.add_argument("--examples", type=int, default=2, help="examples printed per cause")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all",
                        help="dev: passages at even line index (0, 2, ...); test: odd index, kept unseen while tuning rules")
    args = parser.parse_args(argv)

    from evidencekit.extract import default_nlp, extract_document

    nlp = default_nlp()
    passages = load_passages(Path(args.data))
    if args.split != "all":
        passages = [p for i, p in enumerate(passages) if i % 2 == (0 if args.split == "dev" else 1)]
    totals = accuracy._Counts()
    by_style = defaultdict(accuracy._Counts)
    misses = defaultdict(list)   # cause -> [(passage id, description)]
    extras = defaultdict(list)
    fields = defaultdict(list)   # "field: missing|wrong" -> [...]
    for passage in passages:
        doc = passage_document(passage)
        records = extract_document(doc, nlp)
        counts = accuracy._score(doc, passage["facts"], records, False, passage["id"])
        totals.add(counts)
        by_style["table" if "table" in passage["style"].lower() else "prose"].add(counts)
        pairs, unmatched = pair(passage["facts"], records, doc.text)
        for fact, record in pairs:
            if record is None:
                misses[miss_cause(fact, records, doc.text)].append(
                    (passage["id"], f"{fact['kind']} {fact.get('value')} {fact['text']!r}"))
                continue
            for field in accuracy.FIELDS:
                gold = accuracy._gold_field(fact, field)
                got = accuracy._record_field(record, field)
                if gold is not None and not accuracy._agrees(field, gold, got):
                    how = "missing" if got is None else "wrong"
                    fields[f"{field}: {how}"].append(
                        (passage["id"], f"{fact['kind']} {fact['text']!r}: gold {gold!r}, record {got!r}"))
                elif gold is None and got is not None and field not in ("unit", "drug", "domain", "timepoint"):
                    fields[f"{field}: stated by the record, not by the gold"].append(
                        (passage["id"], f"{record.kind} {record.text!r}: record {got!r}"))
        for record in unmatched:
            extras[extra_cause(record, passage["facts"], doc.text)].append(
                (passage["id"], f"{record.kind} {record.value} {record.text!r} [{record.rule_id}]"))

    facts = sum(len(p["facts"]) for p in passages)
    print(f"held-out passages: {len(passages)}  facts: {facts}  split: {args.split}  ({args.data})\n")
    print(f"{'field':<12} {'precision':>9} {'recall':>7}   (support: records / gold facts)")
    for name in ("kind/value",) + accuracy.FIELDS:
        precision, recall = totals.figures(name)
        print(f"{name:<12} {precision:>9.3f} {recall:>7.3f}   ({totals.predicted.get(name, 0)} / {totals.gold.get(name, 0)})")
    precision, recall = totals.overall()
    print(f"{'overall':<12} {precision:>9.3f} {recall:>7.3f}")
    print()
    for style, counts in sorted(by_style.items()):
        precision, recall = counts.figures("kind/value")
        print(f"kind/value on {style:<6} passages: P {precision:.3f}  R {recall:.3f}  "
              f"({counts.predicted.get('kind/value', 0)} records / {counts.gold.get('kind/value', 0)} facts)")
    print(f"\nkind/value recall per kind:")
    per_kind_gold, per_kind_found = defaultdict(int), defaultdict(int)
    for passage in passages:
        doc = passage_document(passage)
        pairs, _ = pair(passage["facts"], extract_document(doc, nlp), doc.text)
        for fact, record in pairs:
            per_kind_gold[fact["kind"]] += 1
            per_kind_found[fact["kind"]] += record is not None
    print("  " + "  ".join(f"{k} {per_kind_found[k]}/{per_kind_gold[k]}" for k in sorted(per_kind_gold)))

    for title, table in (("MISSED facts by cause", misses), ("FALSE POSITIVES by cause", extras),
                         ("FIELD errors on matched records", fields)):
        print(f"\n{title} ({sum(len(v) for v in table.values())}):")
        for cause, items in sorted(table.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(items):>3}  {cause}")
            for passage_id, description in items[:args.examples]:
                print(f"         {passage_id}: {description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
