"""Random- and equal-effects meta-analysis and meta-regression that reproduce R's metafor (rma.uni).

Pipeline stage `pool`: fit, metareg and subgroup here; tau² estimators, se(tau²) and Q-profile CIs
in evidencekit.heterogeneity (PyMARE for DL, HE and the REML/ML start; our own PM, SJ, HS, EB);
leave_one_out, cumulative and influence in evidencekit.sensitivity; egger, rank_test and trimfill
in evidencekit.bias. All are re-exported here so callers need one import.

Only tau² is taken from PyMARE: it applies Knapp–Hartung by default and defines I² as (Q − df)/Q
for every estimator. Everything downstream of tau² -- weights, estimate, SE, z or Knapp–Hartung t,
CIs, Q, I², H², prediction interval -- is computed here with metafor's definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from evidencekit.errors import StatisticsError
from evidencekit.heterogeneity import (_generalized_Q, _typical_s2, _wls, estimate_tau2, qprofile_ci,
                                       se_tau2)
from evidencekit.records import PooledResult

METHODS = ("EE", "DL", "REML", "ML", "PM", "HE", "SJ", "HS", "EB")
TESTS = ("z", "knha")


# --------------------------------------------------------------------------------------------------
# Input checks


def _check_inputs(yi, vi, X=None, min_k: int = 2):
    try:
        y = np.asarray(yi, dtype=float).ravel()
        v = np.asarray(vi, dtype=float).ravel()
    except (TypeError, ValueError) as err:
        raise StatisticsError(f"yi and vi must be numbers ({err})") from None
    if y.shape != v.shape:
        raise StatisticsError(f"yi and vi differ in length ({y.size} vs {v.size})")
    if y.size < min_k:
        raise StatisticsError(f"need at least {min_k} studies to pool, got k={y.size}")
    if not np.all(np.isfinite(y)):
        raise StatisticsError(f"effect size yi is missing or not finite for study {_first_bad(~np.isfinite(y))}")
    if not np.all(np.isfinite(v)):
        raise StatisticsError(f"sampling variance vi is missing or not finite for study {_first_bad(~np.isfinite(v))}")
    if np.any(v <= 0):
        raise StatisticsError(
            f"sampling variance vi must be > 0, got {v[v <= 0][0]:g} for study {_first_bad(v <= 0)}"
        )
    if X is None:
        return y, v, None
    try:
        M = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as err:
        raise StatisticsError(f"moderators must be numbers ({err})") from None
    if M.ndim == 1:
        M = M[:, None]
    if M.shape[0] != y.size:
        raise StatisticsError(f"moderator matrix has {M.shape[0]} rows for {y.size} studies")
    if not np.all(np.isfinite(M)):
        raise StatisticsError("a moderator value is missing or not finite")
    return y, v, M


def _first_bad(mask) -> int:
    return int(np.flatnonzero(mask)[0]) + 1  # 1-based, as a reviewer counts studies


def _check_method(method: str, test: str) -> tuple[str, str]:
    m = str(method).upper()
    if m == "FE":  # metafor's older name for the equal-effects model
        m = "EE"
    if m not in METHODS:
        raise StatisticsError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    t = str(test).lower()
    if t not in TESTS:
        raise StatisticsError(f"unknown test {test!r}; choose 'z' (Wald) or 'knha' (Knapp-Hartung)")
    return m, t


# --------------------------------------------------------------------------------------------------
# The fitted model


@dataclass
class _Fit:
    k: int
    p: int
    method: str
    test: str
    level: float
    beta: np.ndarray
    vb: np.ndarray  # covariance of beta (Knapp–Hartung scaled under knha)
    tau2: float
    QE: float
    QEp: float
    s2: float
    I2: float
    H2: float
    ddf: Optional[int]
    tau2_ci: tuple  # (lb, ub) or (None, None) for EE
    se_tau2: Optional[float] = None

    @property
    def se(self):
        return np.sqrt(np.diag(self.vb))

    def crit(self) -> float:
        q = 1 - (1 - self.level / 100) / 2
        return float(stats.norm.ppf(q) if self.ddf is None else stats.t.ppf(q, self.ddf))

    def pvalue(self, stat):
        stat = np.abs(stat)
        return 2 * (stats.norm.sf(stat) if self.ddf is None else stats.t.sf(stat, self.ddf))


def _fit_design(y, v, X, method, test, level=95, with_ci=True, threshold=None) -> _Fit:
    k, p = X.shape
    if k <= p and method != "EE":
        raise StatisticsError(f"{k} studies cannot estimate {p} coefficients and tau2")
    tau2 = estimate_tau2(y, v, X, method, threshold)
    beta, vb, w, resid, rss = _wls(y, v, X, tau2)
    ddf = None
    if test == "knha":
        ddf = k - p
        if ddf < 1:
            raise StatisticsError("Knapp-Hartung needs more studies than coefficients")
        # metafor: no truncation of the scale factor at 1; exactly 0 when the fit is perfect
        # (identical effects), which makes the SE 0 and z infinite, as metafor reports it.
        vb = vb * (0.0 if rss <= np.finfo(float).eps else rss / ddf)
    QE = _generalized_Q(y, v, X, 0.0)
    df = k - p
    QEp = float(stats.chi2.sf(QE, df)) if df > 0 else 1.0
    s2 = _typical_s2(v, X) if df > 0 else float("nan")
    if method == "EE":
        # metafor's I² and H² for the equal-effects model come from Q directly.
        I2 = max(0.0, 100 * (QE - df) / QE) if df > 0 and QE > 0 else 0.0
        H2 = QE / df if df > 0 else 1.0
        tau2_ci = (None, None)
    else:
        I2 = 100 * tau2 / (tau2 + s2)
        H2 = (tau2 + s2) / s2
        tau2_ci = qprofile_ci(y, v, X, level) if with_ci else (None, None)
    return _Fit(k, p, method, test, level, beta, vb, tau2, QE, QEp, s2, I2, H2, ddf, tau2_ci,
                se_tau2(y, v, X, method, tau2))


def _pooled_result(f: _Fit, measure: str = "") -> PooledResult:
    est = float(f.beta[0])
    se = float(f.se[0])
    stat = _ratio(est, se)
    q = f.crit()
    if f.method == "EE":
        pi_lb = pi_ub = None  # metafor's predict() gives no prediction interval for an EE model
    else:
        half = q * np.sqrt(se**2 + f.tau2)
        pi_lb, pi_ub = est - half, est + half
    lb, ub = f.tau2_ci
    i2_ci = h2_ci = (None, None)
    if lb is not None and np.isfinite(lb):
        i2_ci = tuple(100 * t / (t + f.s2) for t in (lb, ub))
        h2_ci = tuple((t + f.s2) / f.s2 for t in (lb, ub))
    return PooledResult(
        k=f.k,
        method=f.method,
        test=f.test,
        measure=measure,
        estimate=est,
        se=se,
        zval=float(stat),
        pval=float(f.pvalue(stat)),
        ci_lb=est - q * se,
        ci_ub=est + q * se,
        tau2=float(f.tau2),
        tau2_ci_lb=_opt(lb),
        tau2_ci_ub=_opt(ub),
        I2=float(f.I2),
        H2=float(f.H2),
        QE=float(f.QE),
        QEp=float(f.QEp),
        pi_lb=_opt(pi_lb),
        pi_ub=_opt(pi_ub),
        I2_ci_lb=_opt(i2_ci[0]),
        I2_ci_ub=_opt(i2_ci[1]),
        H2_ci_lb=_opt(h2_ci[0]),
        H2_ci_ub=_opt(h2_ci[1]),
        dfs=f.ddf,
        level=float(f.level),
        se_tau2=_opt(f.se_tau2),
    )


def _ratio(est, se):
    """est/se with IEEE semantics (±inf, or nan for 0/0) for the degenerate SE of 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(est, se)


def _opt(x):
    return None if x is None else float(x)


def fit(yi, vi, method: str = "REML", test: str = "z", level: float = 95, X=None, measure: str = "",
        threshold: Optional[float] = None):
    """Fit metafor's rma.uni(yi, vi, method=, test=, level=) and return a PooledResult.

    ``test`` is "z" (Wald, metafor's and RevMan's default) or "knha" (Knapp–Hartung: t with k − 1
    df, SE scaled without truncation). With moderators ``X`` (columns without the intercept) the
    meta-regression is fitted instead and a MetaRegResult returned -- see :func:`metareg`.
    ``threshold``: see :func:`estimate_tau2` (None = fully converged, the default).
    """
    method, test = _check_method(method, test)
    if X is not None:
        return metareg(yi, vi, X, None, method=method, test=test, level=level, threshold=threshold)
    y, v, _ = _check_inputs(yi, vi)
    _check_level(level)
    f = _fit_design(y, v, np.ones((y.size, 1)), method, test, level, threshold=threshold)
    return _pooled_result(f, measure)


def _check_level(level):
    if not 0 < float(level) < 100:
        raise StatisticsError(f"confidence level must be between 0 and 100, got {level}")


def _single_study(y: float, v: float, method: str, test: str, level: float, measure="") -> PooledResult:
    """A 'pool' of one study, as metafor reports it inside cumulative or subgroup analyses."""
    se = float(np.sqrt(v))
    q = float(stats.norm.ppf(1 - (1 - level / 100) / 2))
    return PooledResult(
        k=1, method=method, test=test, measure=measure, estimate=float(y), se=se, zval=y / se,
        pval=float(2 * stats.norm.sf(abs(y / se))), ci_lb=y - q * se, ci_ub=y + q * se, tau2=0.0,
        tau2_ci_lb=None, tau2_ci_ub=None, I2=0.0, H2=1.0, QE=0.0, QEp=1.0, pi_lb=y - q * se,
        pi_ub=y + q * se, level=float(level),
    )


# --------------------------------------------------------------------------------------------------
# Meta-regression


@dataclass
class MetaRegResult:
    """rma.uni with moderators: coefficient table and model-level statistics."""

    k: int
    p: int
    method: str
    test: str
    coefficients: pd.DataFrame  # name, estimate, se, zval, pval, ci_lb, ci_ub
    tau2: float
    tau2_ci_lb: Optional[float]
    tau2_ci_ub: Optional[float]
    QE: float  # residual heterogeneity
    QEp: float
    QM: float  # omnibus test of the moderators (chi² with QM_df, or F(QM_df, ddf) under knha)
    QMp: float
    QM_df: int
    R2: Optional[float]  # pseudo-R², % of tau² accounted for by the moderators
    I2: float  # residual I²
    H2: float
    ddf: Optional[int]
    level: float = 95
    se_tau2: Optional[float] = None

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "coefficients"}
        d["coefficients"] = self.coefficients.to_dict(orient="records")
        return d


def _moderator_test(f: _Fit, idx) -> tuple[float, float, int]:
    """Wald chi² (z) or F (knha) test that the coefficients in idx are all 0."""
    b = f.beta[idx]
    V = f.vb[np.ix_(idx, idx)]
    m = len(idx)
    QM = float(b @ np.linalg.solve(V, b))
    if f.ddf is None:
        return QM, float(stats.chi2.sf(QM, m)), m
    QM /= m
    return QM, float(stats.f.sf(QM, m, f.ddf)), m


def metareg(yi, vi, X, names: Optional[Sequence[str]] = None, method: str = "REML", test: str = "z",
            level: float = 95, threshold: Optional[float] = None) -> MetaRegResult:
    """Mixed-effects meta-regression yi ~ 1 + X, as metafor's rma.uni(yi, vi, mods=X)."""
    method, test = _check_method(method, test)
    _check_level(level)
    y, v, M = _check_inputs(yi, vi, X)
    if M is None or M.shape[1] == 0:
        raise StatisticsError("meta-regression needs at least one moderator column")
    if names is None:
        names = [f"X{j + 1}" for j in range(M.shape[1])]
    names = ["intrcpt", *[str(n) for n in names]]
    if len(names) != M.shape[1] + 1:
        raise StatisticsError(f"{M.shape[1]} moderator columns but {len(names) - 1} names")
    D = np.column_stack([np.ones(y.size), M])
    if np.linalg.matrix_rank(D) < D.shape[1]:
        raise StatisticsError("moderators are collinear (or constant): the model cannot be estimated")
    f = _fit_design(y, v, D, method, test, level, threshold=threshold)
    se = f.se
    stat = _ratio(f.beta, se)
    q = f.crit()
    coefs = pd.DataFrame({
        "name": names, "estimate": f.beta, "se": se, "zval": stat, "pval": f.pvalue(stat),
        "ci_lb": f.beta - q * se, "ci_ub": f.beta + q * se,
    })
    QM, QMp, QM_df = _moderator_test(f, list(range(1, D.shape[1])))
    # Pseudo-R²: share of the intercept-only model's heterogeneity the moderators account for.
    # For the equal-effects model metafor compares H² (= Q/df) instead of tau².
    null = _fit_design(y, v, D[:, :1], method, "z", level, with_ci=False, threshold=threshold)
    if method == "EE":
        R2 = max(0.0, 100 * (null.H2 - f.H2) / null.H2) if null.H2 > 0 else None
    else:
        R2 = max(0.0, 100 * (null.tau2 - f.tau2) / null.tau2) if null.tau2 > 0 else 0.0
    lb, ub = f.tau2_ci
    return MetaRegResult(
        k=f.k, p=f.p, method=method, test=test, coefficients=coefs, tau2=float(f.tau2),
        tau2_ci_lb=_opt(lb), tau2_ci_ub=_opt(ub), QE=float(f.QE), QEp=float(f.QEp), QM=QM, QMp=QMp,
        QM_df=QM_df, R2=R2, I2=float(f.I2), H2=float(f.H2), ddf=f.ddf, level=float(level),
        se_tau2=_opt(f.se_tau2),
    )


# --------------------------------------------------------------------------------------------------
# Subgroups


@dataclass
class SubgroupResult:
    """Separate model per subgroup plus the two between-groups tests metafor users report.

    Qbetween: Cochran's Q of the subgroup estimates with weights 1/SE² (each subgroup with its own
    tau², as RevMan and R's meta report it), chi² with df = groups − 1. QM: the moderator test of a
    meta-regression on group indicators with one common tau² (metafor's rma(yi, vi, mods=~factor(g))).
    """

    method: str
    test: str
    groups: dict  # label -> PooledResult, in sorted label order
    Qbetween: float
    Qbetween_p: float
    df: int
    QM: float
    QMp: float
    QM_df: int
    tau2_common: float

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "groups"}
        d["groups"] = {g: r.to_dict() for g, r in self.groups.items()}
        return d


def subgroup(yi, vi, groups, method: str = "REML", test: str = "z", level: float = 95,
             threshold: Optional[float] = None) -> SubgroupResult:
    method, test = _check_method(method, test)
    _check_level(level)
    y, v, _ = _check_inputs(yi, vi)
    g = np.asarray([str(x) for x in groups], dtype=object)
    if g.size != y.size:
        raise StatisticsError(f"{g.size} subgroup labels for {y.size} studies")
    labels = sorted(set(g))
    if len(labels) < 2:
        raise StatisticsError("subgroup analysis needs at least two subgroups")
    per_group = {}
    for lab in labels:
        idx = g == lab
        if idx.sum() == 1:
            per_group[lab] = _single_study(y[idx][0], v[idx][0], method, test, level)
        else:
            per_group[lab] = _pooled_result(_fit_design(y[idx], v[idx], np.ones((idx.sum(), 1)), method,
                                                        test, level, threshold=threshold))
    est = np.array([r.estimate for r in per_group.values()])
    w = 1.0 / np.array([r.se for r in per_group.values()]) ** 2
    Qb = float(np.sum(w * (est - np.sum(w * est) / np.sum(w)) ** 2))
    df = len(labels) - 1
    # Common tau²: indicator columns for every group but the first (R's treatment contrasts).
    D = np.column_stack([np.ones(y.size)] + [(g == lab).astype(float) for lab in labels[1:]])
    if y.size <= D.shape[1] and method != "EE":
        QM = QMp = float("nan")
        tau2_common = float("nan")
    else:
        common = _fit_design(y, v, D, method, test, level, with_ci=False, threshold=threshold)
        QM, QMp, _ = _moderator_test(common, list(range(1, D.shape[1])))
        tau2_common = common.tau2
    return SubgroupResult(method, test, per_group, Qb, float(stats.chi2.sf(Qb, df)), df, QM, QMp, df,
                          float(tau2_common))



# Later stages build on this module; re-exported lazily (PEP 562) so the pooling API is one import
# without an import cycle.
_REEXPORTS = {
    "leave_one_out": "evidencekit.sensitivity", "cumulative": "evidencekit.sensitivity",
    "influence": "evidencekit.sensitivity", "egger": "evidencekit.bias", "rank_test": "evidencekit.bias",
    "trimfill": "evidencekit.bias", "TrimFillResult": "evidencekit.bias",
}


def __getattr__(name):
    module = _REEXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
