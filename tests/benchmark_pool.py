"""Speed of the pool path: records -> effects, and a full `pool_outcome` on many studies.

    python tests/benchmark_pool.py [--docs 2000]

Not a test (pytest does not collect it): it prints figures. Synthetic documents, each a
two-arm trial with means/SDs at two timepoints, a regression b with its p, and a lone p value
(the shapes effects_from_records handles), are converted to effects; then the depression outcome
is pooled (REML, Q-profile CIs, leave-one-out, Egger, trim-and-fill) without writing plots, and
once more with the plots.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evidencekit.effects import effects_from_records  # noqa: E402
from evidencekit.synthesis import pool_outcome  # noqa: E402


def synthetic_records(docs: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(docs):
        sha, file = f"sha{d:06d}", f"trial{d:06d}.pdf"

        def rec(i, kind, value, **kw):
            rows.append({"record_id": f"{d:06d}{i:03d}", "doc_sha256": sha, "file": file, "page": 1,
                         "char_start": i * 10, "char_end": i * 10 + 5, "sentence": kw.pop("sentence", f"s{i}"),
                         "rule_id": "bench", "kind": kind, "value": value, "flags": "", **kw})

        n1, n2 = rng.integers(15, 80, 2)
        rec(1, "group_n", n1, group="ketamine")
        rec(2, "group_n", n2, group="placebo")
        for j, tp in enumerate(("24 h", "day 7")):
            effect = rng.normal(-5, 3)
            rec(3 + 2 * j, "mean", round(20 + effect, 1), sd=round(rng.uniform(6, 10), 1), group="ketamine",
                outcome="MADRS", domain="depression", timepoint=tp)
            rec(4 + 2 * j, "mean", 20.0, sd=round(rng.uniform(6, 10), 1), group="placebo",
                outcome="MADRS", domain="depression", timepoint=tp)
        rec(8, "b", round(rng.normal(-1, 0.3), 3), p_op="<", p_value=0.01, outcome="VAS", domain="pain")
        rec(9, "p", 0.03, p_op="=", p_value=0.03, outcome="MADRS", domain="depression")
    return pd.DataFrame(rows)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    args = ap.parse_args(argv)
    records = synthetic_records(args.docs)
    t0 = time.perf_counter()
    effects, refused = effects_from_records(records)
    t1 = time.perf_counter()
    print(f"effects_from_records: {len(records)} records, {args.docs} documents -> {len(effects)} effects, "
          f"{len(refused)} refused in {t1 - t0:.2f} s ({len(records) / (t1 - t0):,.0f} records/s)")
    with tempfile.TemporaryDirectory() as tmp:
        records.to_csv(Path(tmp) / "evidence.csv", index=False)
        t2 = time.perf_counter()
        res = pool_outcome(out_dir=tmp, outcome="depression", plots=False)
        t3 = time.perf_counter()
        print(f"pool_outcome depression (no plots): k = {res.pooled.k}, {t3 - t2:.2f} s")
        t4 = time.perf_counter()
        pool_outcome(out_dir=tmp, outcome="depression")
        t5 = time.perf_counter()
        print(f"pool_outcome depression (with forest + funnel PNGs): {t5 - t4:.2f} s")


if __name__ == "__main__":
    main()
