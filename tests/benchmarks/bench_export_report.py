"""Time `evidencekit table` and `evidencekit report` on synthetic stores; prints seconds and sizes.

    python tests/benchmarks/bench_export_report.py [--docs 20 200 1000]

Each synthetic document is a two-arm trial report of a few paragraphs with means, SDs, n, an
effect with CI and a p-value per outcome; its records sit at their real character offsets.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from array import array
from pathlib import Path

from evidencekit.export import export_frames
from evidencekit.records import Document, Record
from evidencekit.report import render_report
from evidencekit.store import open_store

OUTCOMES = ("MADRS", "HAM-D", "VAS", "NRS", "BDI")


def synthetic_document(i: int, rng: random.Random) -> tuple[Document, list[Record]]:
    parts, spans = [f"Trial {i}: ketamine versus placebo\n\nIn this randomized, placebo-controlled trial, "], []

    def put(value_text: str, kind: str, **fields):
        start = sum(len(p) for p in parts)
        parts.append(value_text)
        spans.append((start, start + len(value_text), kind, value_text, fields))

    n = rng.randint(10, 200)
    put(str(2 * n), "total_n", value=2 * n)
    parts.append(" patients received 0.5 mg/kg ketamine or placebo.\n\n")
    for outcome in OUTCOMES:
        m1, m2 = round(rng.uniform(10, 30), 1), round(rng.uniform(10, 30), 1)
        sd1, sd2 = round(rng.uniform(3, 9), 1), round(rng.uniform(3, 9), 1)
        parts.append(f"At week 4 the {outcome} score was ")
        put(str(m1), "mean", value=m1, sd=sd1, n=n, group="ketamine", outcome=outcome, timepoint="week 4")
        parts.append(f" (SD {sd1}) with ketamine and ")
        put(str(m2), "mean", value=m2, sd=sd2, n=n, group="placebo", outcome=outcome, timepoint="week 4")
        parts.append(f" (SD {sd2}) with placebo; the difference was ")
        md = round(m1 - m2, 2)
        put(f"{md}", "md", value=md, ci_low=md - 2, ci_high=md + 2, outcome=outcome, p_op="=", p_value=0.03)
        parts.append(f" (95% CI {md - 2:.2f} to {md + 2:.2f}; P=.03).\n")
    text = "".join(parts)
    sha = hashlib.sha256(text.encode()).hexdigest()
    doc = Document(path=f"trial{i}.txt", sha256=sha, format="txt", text=text, page_starts=(0,),
                   origin=array("i", range(len(text))), title=f"Trial {i}", year=2000 + i % 25)
    records = []
    for start, end, kind, value_text, fields in spans:
        lo = max(text.rfind("\n", 0, start) + 1, 0)
        hi = text.find("\n", end)
        records.append(Record(doc_sha256=sha, file=doc.path, page=1, char_start=start, char_end=end,
                              sentence=text[lo:hi if hi != -1 else len(text)], rule_id=f"bench.{kind}",
                              kind=kind, text=value_text, **fields))
    return doc, records


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, nargs="+", default=[20, 200, 1000])
    args = parser.parse_args()
    rng = random.Random(2026)
    print(f"{'docs':>6} {'records':>8} {'step':<28} {'seconds':>8} {'size':>10}")
    for n_docs in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "evidence.db")
            run = store.begin_run("bench", "bench", None)
            for i in range(n_docs):
                doc, records = synthetic_document(i, rng)
                store.write_document(doc, records, run, "bench", "bench")
            store.finish_run(run)
            records, secs = timed(lambda: store.records_frame(apply_corrections=True, include_excluded=True))
            n = len(records)
            print(f"{n_docs:>6} {n:>8} {'records_frame':<28} {secs:>8.3f}")
            for level, fmt in (("records", "csv"), ("effects", "csv"), ("studies", "md"),
                               ("revman-continuous", "csv")):
                text, secs = timed(lambda: export_frames([level], records, fmt))
                print(f"{n_docs:>6} {n:>8} {f'table {level} {fmt}':<28} {secs:>8.3f} {len(text) / 1e6:>8.2f}MB")
            xlsx = Path(tmp) / "all.xlsx"
            _, secs = timed(lambda: export_frames(["records", "effects", "studies", "revman-continuous",
                                                   "revman-dichotomous"], records, "xlsx", xlsx))
            print(f"{n_docs:>6} {n:>8} {'table all xlsx':<28} {secs:>8.3f} {xlsx.stat().st_size / 1e6:>8.2f}MB")
            texts = {sha: store.document_text(sha) for sha in records["doc_sha256"].unique()}
            history = store.history()
            page, secs = timed(lambda: render_report(records, texts, history, []))
            print(f"{n_docs:>6} {n:>8} {'report (render)':<28} {secs:>8.3f} {len(page) / 1e6:>8.2f}MB")
            store.close()


if __name__ == "__main__":
    main()
