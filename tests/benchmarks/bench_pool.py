"""Time evidencekit.pool on simulated meta-analyses; prints milliseconds per call.

    python tests/benchmarks/bench_pool.py
"""

import time

import numpy as np

from evidencekit.pool import fit, leave_one_out, metareg, trimfill


def per_call(fn, repeat=5):
    fn()  # warm up (imports, PyMARE)
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000


def main():
    rng = np.random.default_rng(2026)
    print(f"{'k':>6} {'analysis':<22} {'ms/call':>9}")
    for k in (10, 50, 200, 1000):
        v = rng.uniform(0.01, 0.2, k)
        y = rng.normal(0.3, np.sqrt(v + 0.05))
        x = rng.normal(size=(k, 1))
        jobs = {f"fit {m}": (lambda m=m: fit(y, v, m)) for m in ("EE", "DL", "REML", "PM", "SJ")}
        jobs["fit REML knha"] = lambda: fit(y, v, "REML", "knha")
        jobs["metareg REML"] = lambda: metareg(y, v, x, ["x"], "REML")
        jobs["trimfill REML"] = lambda: trimfill(y, v, "REML")
        if k <= 200:
            jobs["leave_one_out REML"] = lambda: leave_one_out(y, v, "REML")
        for name, job in jobs.items():
            print(f"{k:>6} {name:<22} {per_call(job):>9.2f}")


if __name__ == "__main__":
    main()
