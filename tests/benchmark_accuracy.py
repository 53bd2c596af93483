"""Accuracy of extraction against the corpus golds: precision and recall per field, and overall.

    python tests/benchmark_accuracy.py [--corpus corpora] [--verbose]

Not a test (pytest does not collect it): it prints figures. Every document under corpora/ with a
gold file corpora/gold/<file>.json is read with ingest.read_document and extracted with the
default rule pack. A record matches a gold fact when it has the same kind, a value equal within
the printed rounding, and its characters overlap (or lie within a few characters of) the place
where the fact's text occurs (inside its "context" where the gold gives one). Instruments are
matched by name anywhere in the document, as the gold lists each instrument once.

Field scores, on top of the kind/value match: a field counts for recall when the gold states it
and the matched record has an equal value; for precision when the record states it and the gold
fact it matched (if any) agrees. Text fields (outcome, group, timepoint) compare case-insensitively
with normalised whitespace, and one containing the other counts (the gold's "sensory index" is the
record's "SF-MPQ sensory index").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

FIELDS = ("unit", "op", "ci", "p", "se", "sd", "n", "df", "outcome", "domain", "group", "timepoint", "drug")
NEAR = 12  # characters between a record and the fact's text that still count as the same place


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpora")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = parser.parse_args(argv)

    from evidencekit.extract import default_nlp, extract_document
    from evidencekit.ingest import read_document

    nlp = default_nlp()
    extract_document(read_document(str(next(Path(args.corpus).glob("*.txt")))), nlp)  # warm up: imports, caches
    corpus = Path(args.corpus)
    totals = _Counts()
    seconds = 0.0
    characters = 0
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = corpus / gold["document"]
        if not path.exists():
            print(f"{gold['document']}: document missing, skipped")
            continue
        doc = read_document(str(path))
        started = time.process_time()  # CPU time: other processes on the machine do not count
        records = extract_document(doc, nlp)
        seconds += time.process_time() - started
        characters += len(doc.text)
        counts = _score(doc, gold["facts"], records, args.verbose, gold["document"])
        totals.add(counts)
        precision, recall = counts.figures("kind/value")
        flag = "" if gold.get("verified", True) else "  (gold not verified)"
        print(f"{gold['document']:<32} facts {len(gold['facts']):>3}  records {len(records):>4}  "
              f"P {precision:.3f}  R {recall:.3f}{flag}")
    print()
    print(f"{'field':<12} {'precision':>9} {'recall':>7}   (support: records / gold facts)")
    for name in ("kind/value",) + FIELDS:
        precision, recall = totals.figures(name)
        print(f"{name:<12} {precision:>9.3f} {recall:>7.3f}   ({totals.predicted[name]} / {totals.gold[name]})")
    precision, recall = totals.overall()
    print(f"{'overall':<12} {precision:>9.3f} {recall:>7.3f}")
    print(f"\nextraction CPU time: {seconds:.2f} s for {characters} characters "
          f"({seconds / max(characters, 1) * 40000 * 1000:.0f} ms per 40,000 characters ~ a 10-page article)")
    return 0


class _Counts:
    def __init__(self):
        self.predicted, self.gold, self.correct_p, self.correct_r = {}, {}, {}, {}

    def bump(self, table, name, amount=1):
        table[name] = table.get(name, 0) + amount

    def add(self, other: "_Counts"):
        for mine, theirs in ((self.predicted, other.predicted), (self.gold, other.gold),
                             (self.correct_p, other.correct_p), (self.correct_r, other.correct_r)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value

    def figures(self, name):
        precision = self.correct_p.get(name, 0) / self.predicted[name] if self.predicted.get(name) else 1.0
        recall = self.correct_r.get(name, 0) / self.gold[name] if self.gold.get(name) else 1.0
        return precision, recall

    def overall(self):
        predicted = sum(self.predicted.values())
        gold = sum(self.gold.values())
        return (sum(self.correct_p.values()) / predicted if predicted else 1.0,
                sum(self.correct_r.values()) / gold if gold else 1.0)


def _score(doc, facts, records, verbose, name) -> _Counts:
    counts = _Counts()
    text = doc.text
    pairs = []  # (fact, record or None)
    used = set()
    for fact in facts:
        record = _find(fact, records, used, text)
        if record is not None:
            used.add(id(record))
        pairs.append((fact, record))
    unmatched_records = [r for r in records if id(r) not in used]

    for fact, record in pairs:
        counts.bump(counts.gold, "kind/value")
        if record is not None:
            counts.bump(counts.correct_r, "kind/value")
        for field in FIELDS:
            gold_value = _gold_field(fact, field)
            if gold_value is None:
                continue
            counts.bump(counts.gold, field)
            if record is not None and _agrees(field, gold_value, _record_field(record, field)):
                counts.bump(counts.correct_r, field)
            elif verbose and record is not None:
                print(f"  {name}: {field} of {fact['kind']} {fact.get('value')} {fact.get('text')!r}: "
                      f"gold {gold_value!r}, record {_record_field(record, field)!r}")
    for fact, record in pairs:
        if record is None:
            if verbose:
                print(f"  {name}: MISSED {fact['kind']} {fact.get('value')} {fact.get('text')!r}")
            continue
        counts.bump(counts.predicted, "kind/value")
        counts.bump(counts.correct_p, "kind/value")
        for field in FIELDS:
            value = _record_field(record, field)
            if value is None:
                continue
            counts.bump(counts.predicted, field)
            if _agrees(field, _gold_field(fact, field), value):
                counts.bump(counts.correct_p, field)
    for record in unmatched_records:
        counts.bump(counts.predicted, "kind/value")
        if verbose:
            print(f"  {name}: EXTRA {record.kind} {record.value} {record.text!r} [{record.rule_id}] "
                  f"in {record.sentence[:90]!r}")
        for field in FIELDS:
            if _record_field(record, field) is not None:
                counts.bump(counts.predicted, field)
    return counts


def _find(fact, records, used, text):
    kind = fact["kind"]
    candidates = [r for r in records if r.kind == kind and id(r) not in used]
    if kind == "instrument":
        wanted = _synonyms(fact.get("unit"), "instrument") | _synonyms(fact.get("text"), "instrument")
        return next((r for r in candidates if _synonym(r.unit, "instrument") in wanted), None)
    candidates = [r for r in candidates if _same_value(fact, r)]
    if not candidates:
        return None
    places = _places(fact, text)
    best, best_distance = None, None
    for record in candidates:
        for start, end in places:
            distance = max(0, start - record.char_end, record.char_start - end)
            if distance <= NEAR and (best_distance is None or distance < best_distance):
                best, best_distance = record, distance
    return best


def _places(fact, text):
    """Character ranges where the fact's text occurs (inside its context where one is given)."""
    needle = fact.get("text") or ""
    context = fact.get("context")
    places = []
    flexible = _flexible(needle)
    if context:
        for match in re.finditer(_flexible(context), text):
            inner = re.search(flexible, text[match.start(): match.end()])
            if inner:
                places.append((match.start() + inner.start(), match.start() + inner.end()))
    if not places:
        places = [(m.start(), m.end()) for m in re.finditer(flexible, text)]
    return places


def _flexible(snippet: str) -> str:
    """A regex for snippet that tolerates changed whitespace and minus/dash variants."""
    parts = []
    for ch in snippet.strip():
        if ch.isspace():
            if not parts or parts[-1] != r"\s*":
                parts.append(r"\s*")
        elif ch in "-−–":
            parts.append(r"\s*[-−–]\s*")
        else:
            parts.append(re.escape(ch))
    return "".join(parts) or r"(?!)"


def _decimals(value) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") or "e" in text else len(text.split(".")[1])


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    tolerance = 0.5 * 10 ** -min(_decimals(a), _decimals(b)) + 1e-9
    return abs(float(a) - float(b)) <= tolerance


def _same_value(fact, record) -> bool:
    if fact.get("value") is None:
        return record.value is None and _same_text(record.unit, fact.get("unit"))
    return record.value is not None and _close(fact["value"], record.value)


def _norm(text) -> str:
    text = str(text).lower().replace("–", "-").replace("−", "-")
    text = re.sub(r"\b(the|group|arm|patients|participants|with)\b", " ", text) if False else text
    return " ".join(re.sub(r"[^\w%+./-]+", " ", text).split())


def _same_text(a, b) -> bool:
    if a is None or b is None:
        return False
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


_UNITS = {"min": "minutes", "mins": "minutes", "minute": "minutes", "h": "hours", "hr": "hours", "hour": "hours",
          "day": "days", "d": "days", "week": "weeks", "wk": "weeks", "month": "months"}
_SYNONYMS: dict = {}


def _unit(text) -> str:
    text = _norm(text)
    return _UNITS.get(text, text)


def _synonym(name, label) -> str:
    """One spelling per drug or instrument: the canonical name the default rule pack gives it
    ("HDRS" and "Hamilton Depression Rating Scale" are both HAM-D; "S(+)-ketamine" is esketamine)."""
    if name is None:
        return ""
    key = (str(name), label)
    if key not in _SYNONYMS:
        from evidencekit.extract import default_nlp
        from evidencekit.nlp import SPANS_KEY, pack_of

        nlp = default_nlp()
        doc = nlp(str(name))
        spans = [s for s in doc.spans[SPANS_KEY] if s.label_ == label]
        longest = max(spans, key=lambda s: len(s), default=None)
        _SYNONYMS[key] = pack_of(nlp).rule(longest.id_).canonical.lower() if longest is not None and len(longest.text) >= len(str(name).strip()) - 2 else _norm(name)
    return _SYNONYMS[key]


def _named(name, label) -> set:
    """Canonical names of the drugs/instruments a text names, and nothing else (the text itself is
    not added: "HAM-D" names the instrument whose canonical name is "ham-d")."""
    if not name:
        return set()
    from evidencekit.extract import default_nlp
    from evidencekit.nlp import SPANS_KEY, pack_of

    nlp = default_nlp()
    doc = nlp(str(name))
    return {pack_of(nlp).rule(s.id_).canonical.lower() for s in doc.spans[SPANS_KEY] if s.label_ == label}


def _synonyms(name, label) -> set:
    """Canonical names of every drug/instrument the text names ("POMS depression subscale" -> {"poms"}),
    and the text itself."""
    return _named(name, label) | {_norm(name)} if name else set()


def _gold_field(fact, field):
    if field == "ci":
        return (fact["ci_low"], fact["ci_high"]) if fact.get("ci_low") is not None else None
    if field == "p":
        if fact["kind"] == "p":
            return None
        return (fact.get("p_op") or "=", fact["p_value"]) if fact.get("p_value") is not None else None
    if field == "op":
        return fact.get("op") if fact["kind"] == "p" else None
    if field == "unit" and fact["kind"] in ("instrument", "route"):
        return None  # part of the kind/value match for these
    return fact.get(field)


def _record_field(record, field):
    if field == "ci":
        return (record.ci_low, record.ci_high) if record.ci_low is not None else None
    if field == "p":
        if record.kind == "p":
            return None
        return (record.p_op or "=", record.p_value) if record.p_value is not None else None
    if field == "op":
        return record.p_op if record.kind == "p" else None
    if field == "unit" and record.kind in ("instrument", "route", "percent", "total_n", "group_n"):
        return None  # implied by the kind (or part of the kind/value match)
    value = getattr(record, field)
    return value if value not in ("", None) else None


def _agrees(field, gold, value) -> bool:
    if gold is None or value is None:
        return False
    if field == "ci":
        return _close(gold[0], value[0]) and _close(gold[1], value[1])
    if field == "p":
        return gold[0] == value[0] and _close(gold[1], value[1])
    if field in ("se", "sd", "n"):
        return _close(gold, value)
    if field == "df":
        return _norm(gold).replace(" ", "") == _norm(value).replace(" ", "")
    if field in ("op", "domain"):
        return _norm(gold) == _norm(value)
    if field == "drug":
        return _synonym(gold, "DRUG") == _synonym(value, "DRUG")
    if field == "unit":
        return _unit(gold) == _unit(value)
    if field == "timepoint":  # one spelling for both: "24 h" and "24 hours", "one hour" and "1 hour"
        from evidencekit.parsers import parse_timepoint

        return _same_text(parse_timepoint(str(gold)), parse_timepoint(str(value)))
    if field == "outcome" and _named(gold, "instrument") & _named(value, "instrument"):
        return True  # "HDRS decrease" and "HAM-D" name one instrument
    if field == "group":
        return _same_group(gold, value)
    return _same_text(gold, value)


def _same_group(gold, value) -> bool:
    """A comparison ("esketamine 28 mg vs placebo") is matched arm by arm, so that naming only its
    comparator ("placebo") or calling one arm's value a comparison does not count as agreeing. A record
    that names the compared arm alone ("esketamine 28 mg") still agrees: the comparator is the control."""
    gold_arms, arms = _arms(gold), _arms(value)
    if len(gold_arms) == len(arms):
        return all(_same_text(g, v) for g, v in zip(gold_arms, arms))
    if len(gold_arms) == 2 and len(arms) == 1:
        return _same_text(gold_arms[0], arms[0])
    return False


def _arms(group) -> list:
    return [arm for arm in re.split(r"\s+(?:vs\.?|versus)\s+", str(group).strip(), maxsplit=1) if arm]


if __name__ == "__main__":
    sys.exit(main())
