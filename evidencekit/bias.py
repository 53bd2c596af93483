"""Small-study effects and publication bias, as metafor computes them.

egger      metafor's regtest(): yi regressed on the standard error, by a (mixed-effects) meta-regression
           ("rma", the default) or by weighted least squares ("lm", Egger et al. 1997's original).
rank_test  metafor's ranktest(): Begg & Mazumdar's rank correlation (Kendall's tau, exact p for small k).
trimfill   metafor's trimfill(): Duval & Tweedie's trim-and-fill, estimators L0 and R0.

All three build on evidencekit.pool; nothing here talks to PyMARE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
from scipy import stats

from evidencekit.errors import StatisticsError
from evidencekit.pool import _check_inputs, _check_method, _fit_design, _pooled_result, metareg
from evidencekit.records import PooledResult


def egger(yi, vi, model: str = "rma", method: str = "REML", test: str = "z",
          threshold: Optional[float] = None) -> dict:
    """Egger's regression test for funnel-plot asymmetry with the SE as predictor.

    Returns zval (z, or t for "lm" and for knha), pval, dfs (None under z), and the limit estimate
    (the intercept: the effect expected for a study of infinite precision) with its CI.
    """
    y, v, _ = _check_inputs(yi, vi, min_k=3)
    sei = np.sqrt(v)
    if model == "lm":
        # Weighted least squares with weights 1/vi and an estimated residual variance: the
        # equal-effects meta-regression with the (untruncated) Knapp–Hartung scale, t(k − 2).
        method, test = "EE", "knha"
    elif model != "rma":
        raise StatisticsError(f"unknown Egger model {model!r}; choose 'rma' or 'lm'")
    if np.ptp(sei) == 0:
        raise StatisticsError("Egger's test needs studies of differing precision (all SEs are equal)")
    res = metareg(y, v, sei[:, None], ["sei"], method=method, test=test, threshold=threshold)
    c = res.coefficients.set_index("name")
    return {
        "model": model,
        "method": res.method,
        "zval": float(c.loc["sei", "zval"]),
        "pval": float(c.loc["sei", "pval"]),
        "dfs": res.ddf,
        "limit_est": float(c.loc["intrcpt", "estimate"]),
        "limit_ci_lb": float(c.loc["intrcpt", "ci_lb"]),
        "limit_ci_ub": float(c.loc["intrcpt", "ci_ub"]),
    }


def rank_test(yi, vi, method: str = "REML") -> dict:
    """Begg & Mazumdar's rank correlation test, as metafor's ranktest().

    Kendall's tau between the standardised effects (yi − μ)/√(vi − SE(μ)²) and vi. Like metafor,
    μ and SE(μ) always come from the equal-effects model whatever ``method`` the analysis uses
    (the argument is validated and kept for a uniform call). The p-value is exact (cor.test(...,
    exact=TRUE)) unless there are ties, then the normal approximation with tie-corrected variance.
    """
    _check_method(method, "z")
    y, v, _ = _check_inputs(yi, vi, min_k=3)
    f = _fit_design(y, v, np.ones((y.size, 1)), "EE", "z", with_ci=False)
    ystar = (y - f.beta[0]) / np.sqrt(v - f.vb[0, 0])  # vi > 1/Σ(1/vj) always holds for k ≥ 2
    ties = len(np.unique(ystar)) < y.size or len(np.unique(v)) < y.size
    res = stats.kendalltau(ystar, v, method="asymptotic" if ties else "exact")
    return {"tau": float(res.statistic), "pval": float(res.pvalue), "exact": not ties}


@dataclass
class TrimFillResult:
    """Trim-and-fill: the estimated number of missing studies and the model with them filled in."""

    k0: int
    se_k0: float
    side: str  # side on which studies were judged missing: "left" | "right"
    estimator: str  # "L0" | "R0"
    filled_yi: list  # the imputed studies (mirror images), in metafor's order
    filled_vi: list
    yi: list  # observed then imputed, the augmented data the result was fitted to
    vi: list
    result: PooledResult  # model refitted to the augmented data

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "result"}
        d["result"] = self.result.to_dict()
        return d


def trimfill(yi, vi, method: str = "REML", estimator: str = "L0", side: Optional[str] = None,
             test: str = "z", level: float = 95, threshold: Optional[float] = None) -> TrimFillResult:
    """Duval & Tweedie's trim-and-fill as metafor's trimfill.rma.uni (maxiter 100).

    side None: the side opposite the sign of Egger's slope from rma(yi, vi, mods=sqrt(vi)) fitted
    with the same method (negative slope -> studies missing on the right), as metafor decides it.
    """
    method, test = _check_method(method, test)
    y, v, _ = _check_inputs(yi, vi, min_k=3)
    estimator = str(estimator).upper()
    if estimator not in ("L0", "R0"):
        raise StatisticsError(f"unknown trim-and-fill estimator {estimator!r}; choose 'L0' or 'R0'")
    k = y.size
    if side is None:
        slope = _fit_design(y, v, np.column_stack([np.ones(k), np.sqrt(v)]), method, "z",
                            with_ci=False, threshold=threshold).beta[1]
        side = "right" if slope < 0 else "left"
    elif side not in ("left", "right"):
        raise StatisticsError(f"side must be 'left' or 'right', got {side!r}")

    # Work on the side where studies are missing being the left: flip for "right", sort by effect.
    ys = -y if side == "right" else y.copy()
    order = np.argsort(ys, kind="stable")
    ys, vs = ys[order], v[order]

    k0, k0_prev, se_k0, beta = 0, -1, float("nan"), 0.0
    for _ in range(100):
        if k0 == k0_prev:
            break
        k0_prev = k0
        trimmed = _fit_design(ys[: k - k0], vs[: k - k0], np.ones((k - k0, 1)), method, "z",
                              with_ci=False, threshold=threshold)
        beta = float(trimmed.beta[0])
        centred = ys - beta
        ranks = stats.rankdata(np.abs(centred), method="ordinal")  # R's rank(ties.method="first")
        signed = np.sign(centred) * ranks
        if estimator == "R0":
            neg = signed[signed < 0]
            k0_raw = (k - (np.max(-neg) if neg.size else 0)) - 1
            se_k0 = float(np.sqrt(2 * max(0, k0_raw) + 2))
        else:
            Sr = float(np.sum(signed[signed > 0]))
            k0_raw = (4 * Sr - k * (k + 1)) / (2 * k - 1)
            var_Sr = (k * (k + 1) * (2 * k + 1) + 10 * k0_raw**3 + 27 * k0_raw**2 + 17 * k0_raw
                      - 18 * k * k0_raw**2 - 18 * k * k0_raw + 6 * k**2 * k0_raw) / 24
            se_k0 = float(4 * np.sqrt(var_Sr) / (2 * k - 1))
        k0 = max(0, int(_round_half_even(k0_raw)))
    else:
        raise StatisticsError("trim-and-fill did not converge in 100 iterations")

    # Mirror the k0 most extreme studies about the centre of the trimmed data.
    fill_y = 2 * beta - ys[k - k0:]
    fill_v = vs[k - k0:]
    if side == "right":
        fill_y = -fill_y
    aug_y = np.concatenate([y, fill_y])
    aug_v = np.concatenate([v, fill_v])
    result = _pooled_result(_fit_design(aug_y, aug_v, np.ones((aug_y.size, 1)), method, test, level,
                                        threshold=threshold))
    return TrimFillResult(k0, se_k0, side, estimator, fill_y.tolist(), fill_v.tolist(), aug_y.tolist(),
                          aug_v.tolist(), result)


def _round_half_even(x: float) -> float:
    return float(np.round(x))  # R's round() also rounds halves to even
