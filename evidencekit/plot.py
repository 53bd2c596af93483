"""Forest and funnel plots of a pooled analysis (matplotlib, headless Agg backend).

Both functions take plain data -- a per-study DataFrame (study, yi, vi, weight in %) and a
PooledResult -- and write a PNG; they return the path. Ratio measures (OR, RR, HR) are pooled on the
log scale and drawn back-transformed on a log axis, so the axis reads as the ratio itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import matplotlib

matplotlib.use("Agg")  # headless: never needs a display; set here only, not in the library root

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

from evidencekit.records import PooledResult  # noqa: E402

RATIO_LABELS = {"OR": "Odds ratio", "RR": "Risk ratio", "HR": "Hazard ratio"}
MEASURE_LABELS = {
    "SMD": "Standardised mean difference (Hedges' g)", "MD": "Mean difference",
    "SMCR": "Standardised mean change", "RD": "Risk difference", "ZCOR": "Fisher's z",
    "B": "Regression coefficient b",
}
TEST_WORDS = {"z": "Wald z", "knha": "Knapp–Hartung t"}


def axis_label(measure: str, convention: Optional[str] = None) -> str:
    if measure in RATIO_LABELS:
        return f"{RATIO_LABELS[measure]} (log scale)"
    label = MEASURE_LABELS.get(measure, measure)
    if measure == "SMD" and convention:
        label += f", {convention} convention"
    return label


def _describe(pooled: PooledResult) -> str:
    level = getattr(pooled, "level", 95) or 95
    return (f"{pooled.method} random-effects model" if pooled.method != "EE" else "Equal-effects model") + \
        f", {TEST_WORDS.get(pooled.test, pooled.test)} test, {level:g}% CI; k = {pooled.k}"


def forest_plot(studies: pd.DataFrame, pooled: PooledResult, path, title: Optional[str] = None,
                measure: Optional[str] = None, convention: Optional[str] = None) -> Path:
    """Each study with its CI and weight (square area ~ weight), the pooled diamond and the
    prediction interval. ``studies`` needs columns study, yi, vi and weight (percent)."""
    measure = measure or pooled.measure or ""
    ratio = measure in RATIO_LABELS
    level = getattr(pooled, "level", 95) or 95
    q = stats.norm.ppf(1 - (1 - level / 100) / 2)
    yi = studies["yi"].to_numpy(dtype=float)
    se = np.sqrt(studies["vi"].to_numpy(dtype=float))
    lo, hi = yi - q * se, yi + q * se
    weight = studies["weight"].to_numpy(dtype=float) if "weight" in studies else np.full(len(yi), 100 / len(yi))
    show = np.exp if ratio else (lambda x: x)

    k = len(yi)
    fig_h = 2.2 + 0.32 * (k + 3)
    fig, ax = plt.subplots(figsize=(10, fig_h))
    rows = np.arange(k, 0, -1) + 2  # studies top-down, pooled at 1, PI at 0.4
    ax.hlines(rows, show(lo), show(hi), color="black", lw=1)
    size = 30 + 400 * weight / max(weight.max(), 1e-12)
    ax.scatter(show(yi), rows, s=size, marker="s", color="#1f4e79", zorder=3)

    est, clb, cub = pooled.estimate, pooled.ci_lb, pooled.ci_ub
    diamond = np.array([[show(clb), 1], [show(est), 1.3], [show(cub), 1], [show(est), 0.7]])
    ax.add_patch(plt.Polygon(diamond, closed=True, color="#c0392b", zorder=3))
    has_pi = pooled.pi_lb is not None and np.isfinite(pooled.pi_lb)
    if has_pi:
        ax.hlines(0.2, show(pooled.pi_lb), show(pooled.pi_ub), color="#c0392b", lw=3, alpha=0.5)
    ax.axvline(show(0.0), color="grey", lw=0.8, ls="--")

    # text columns: labels on the left, estimate [CI] and weight on the right
    def fmt(a, b, c):
        return f"{show(a):6.2f} [{show(b):6.2f}, {show(c):6.2f}]"  # fixed width: columns align

    trans = ax.get_yaxis_transform()
    for r, name, a, b, c, w in zip(rows, studies["study"], yi, lo, hi, weight):
        ax.text(-0.02, r, str(name)[:40], transform=trans, ha="right", va="center", fontsize=9)
        ax.text(1.02, r, f"{fmt(a, b, c)}   {w:5.1f}%", transform=trans, ha="left", va="center",
                fontsize=9, family="monospace")
    ax.text(-0.02, 1, "Pooled estimate", transform=trans, ha="right", va="center", fontsize=9,
            weight="bold")
    ax.text(1.02, 1, f"{fmt(est, clb, cub)}   100.0%", transform=trans, ha="left", va="center",
            fontsize=9, family="monospace", weight="bold")
    if has_pi:
        ax.text(-0.02, 0.2, "Prediction interval", transform=trans, ha="right", va="center", fontsize=9)
        ax.text(1.02, 0.2, f"[{show(pooled.pi_lb):.2f}, {show(pooled.pi_ub):.2f}]", transform=trans,
                ha="left", va="center", fontsize=9, family="monospace")
    ax.text(1.02, k + 3.0, f"Estimate [{level:g}% CI]   Weight", transform=trans, ha="left",
            va="center", fontsize=9, weight="bold")

    if ratio:
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set_ylim(-0.5, k + 3.6)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(axis_label(measure, convention))
    i2 = f"τ² = {pooled.tau2:.3g}, I² = {pooled.I2:.1f}%"
    ax.set_title(title or f"Forest plot ({measure})", fontsize=11)
    fig.text(0.01, 0.01, f"{_describe(pooled)}; {i2}", fontsize=8, color="dimgrey")
    fig.subplots_adjust(left=0.25, right=0.68, bottom=0.95 / fig_h, top=1 - 0.5 / fig_h)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def funnel_plot(studies: pd.DataFrame, pooled: PooledResult, path, title: Optional[str] = None,
                measure: Optional[str] = None) -> Path:
    """Effect size against its standard error (inverted axis) with pseudo 95% confidence limits
    around the pooled estimate, as metafor's funnel()."""
    measure = measure or pooled.measure or ""
    yi = studies["yi"].to_numpy(dtype=float)
    se = np.sqrt(studies["vi"].to_numpy(dtype=float))
    fig, ax = plt.subplots(figsize=(6.5, 5))
    se_max = max(se.max() * 1.1, 1e-9)
    grid = np.linspace(0, se_max, 50)
    z = stats.norm.ppf(0.975)
    ax.fill_betweenx(grid, pooled.estimate - z * grid, pooled.estimate + z * grid, color="#eeeeee")
    ax.plot(pooled.estimate - z * grid, grid, color="grey", lw=0.8, ls="--")
    ax.plot(pooled.estimate + z * grid, grid, color="grey", lw=0.8, ls="--", label="pseudo 95% CI")
    ax.axvline(pooled.estimate, color="#c0392b", lw=1, label="pooled estimate")
    ax.scatter(yi, se, color="#1f4e79", zorder=3, s=25)
    ax.set_ylim(se_max, 0)  # inverted: precise studies at the top
    ax.set_ylabel("Standard error")
    xlabel = axis_label(measure)
    if measure in RATIO_LABELS:
        xlabel = f"log {RATIO_LABELS[measure].lower()}"
    ax.set_xlabel(xlabel)
    ax.set_title(title or f"Funnel plot ({measure})", fontsize=11)
    ax.legend(fontsize=8, loc="best")
    fig.text(0.01, 0.01, _describe(pooled), fontsize=7, color="dimgrey")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
