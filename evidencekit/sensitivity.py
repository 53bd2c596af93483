"""Sensitivity analyses of a pooled model, as metafor: leave-one-out, cumulative, influence."""

from __future__ import annotations

from typing import Optional

import numpy as np
import pandas as pd
from scipy import stats

from evidencekit.errors import StatisticsError
from evidencekit.heterogeneity import _wls
from evidencekit.pool import _check_inputs, _check_method, _fit_design, _pooled_result, _single_study


# --------------------------------------------------------------------------------------------------
# Sensitivity: leave-one-out and cumulative


_ROW_FIELDS = ("estimate", "se", "zval", "pval", "ci_lb", "ci_ub", "QE", "QEp", "tau2", "I2", "H2",
               "pi_lb", "pi_ub")


def _labels(labels, k):
    if labels is None:
        return [str(i + 1) for i in range(k)]
    labels = [str(x) for x in labels]
    if len(labels) != k:
        raise StatisticsError(f"{len(labels)} study labels for {k} studies")
    return labels


def leave_one_out(yi, vi, method: str = "REML", test: str = "z", labels=None, level: float = 95,
                  threshold: Optional[float] = None) -> pd.DataFrame:
    """One row per omitted study (metafor's leave1out): the model refitted without it."""
    method, test = _check_method(method, test)
    y, v, _ = _check_inputs(yi, vi, min_k=3)
    labels = _labels(labels, y.size)
    rows = []
    for i in range(y.size):
        keep = np.arange(y.size) != i
        r = _pooled_result(_fit_design(y[keep], v[keep], np.ones((y.size - 1, 1)), method, test, level,
                                       with_ci=False, threshold=threshold))
        rows.append({"study": labels[i], **{f: getattr(r, f) for f in _ROW_FIELDS}})
    return pd.DataFrame(rows)


def cumulative(yi, vi, method: str = "REML", test: str = "z", labels=None, level: float = 95,
               threshold: Optional[float] = None) -> pd.DataFrame:
    """Cumulative meta-analysis in the order given (sort by year first): row i pools studies 1..i."""
    method, test = _check_method(method, test)
    y, v, _ = _check_inputs(yi, vi, min_k=1)
    labels = _labels(labels, y.size)
    rows = []
    for i in range(y.size):
        if i == 0:
            r = _single_study(y[0], v[0], method, test, level)
        else:
            r = _pooled_result(_fit_design(y[: i + 1], v[: i + 1], np.ones((i + 1, 1)), method, test, level,
                                           with_ci=False, threshold=threshold))
        rows.append({"study": labels[i], "k": i + 1, **{f: getattr(r, f) for f in _ROW_FIELDS}})
    return pd.DataFrame(rows)


def influence(yi, vi, method: str = "REML", test: str = "z", labels=None, level: float = 95,
              threshold: Optional[float] = None) -> pd.DataFrame:
    """Case diagnostics of the intercept-only model, as metafor's influence.rma.uni.

    Columns: study, rstudent (externally standardised residual), dffits, cook_d, cov_r, tau2_del,
    QE_del, hat, weight (%), dfbetas, influential (metafor's '*': |DFFITS| > 3√(p/(k−p)),
    P(χ²₁ ≤ Cook's D) > 0.5, hat > 3p/k or |DFBETAS| > 1).
    """
    method, test = _check_method(method, test)
    y, v, _ = _check_inputs(yi, vi, min_k=3)
    labels = _labels(labels, y.size)
    k, p = y.size, 1
    full = _fit_design(y, v, np.ones((k, 1)), method, test, level, with_ci=False, threshold=threshold)
    mu, vb = float(full.beta[0]), float(full.vb[0, 0])
    w = 1.0 / (v + full.tau2)
    hat = w / w.sum()
    rows = []
    for i in range(k):
        keep = np.arange(k) != i
        d = _fit_design(y[keep], v[keep], np.ones((k - 1, 1)), method, test, level, with_ci=False,
                        threshold=threshold)
        mu_del, vb_del_fit = float(d.beta[0]), float(d.vb[0, 0])
        # Knapp–Hartung scale of the deleted fit (1 under the Wald test).
        s2w = 1.0
        if test == "knha":
            s2w = _wls(y[keep], v[keep], np.ones((k - 1, 1)), d.tau2)[4] / (k - 2)
        resid = y[i] - mu_del
        if abs(resid) < 100 * np.finfo(float).eps:
            resid = 0.0
        rstudent = resid / np.sqrt(v[i] * s2w + vb_del_fit + d.tau2 * s2w)
        dffits = (mu - mu_del) / np.sqrt(s2w * hat[i] * (d.tau2 + v[i]))
        vb_full_at_del = 1.0 / np.sum(1.0 / (v + d.tau2))  # full data, deleted fit's tau²
        dfbetas = (mu - mu_del) / np.sqrt(s2w * vb_full_at_del)
        cook_d = (mu - mu_del) ** 2 / vb
        rows.append({
            "study": labels[i], "rstudent": rstudent, "dffits": dffits, "cook_d": cook_d,
            "cov_r": vb_del_fit / vb, "tau2_del": d.tau2, "QE_del": d.QE, "hat": hat[i],
            "weight": 100 * hat[i], "dfbetas": dfbetas,
            "influential": bool(abs(dffits) > 3 * np.sqrt(p / (k - p)) or stats.chi2.cdf(cook_d, 1) > 0.5
                                or hat[i] > 3 * p / k or abs(dfbetas) > 1),
        })
    return pd.DataFrame(rows)
