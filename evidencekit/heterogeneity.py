"""Heterogeneity: tau² estimators, their standard errors and Q-profile CIs, as metafor's rma.uni.

tau² comes from PyMARE where it has the estimator: DL and HE directly; REML and ML start from
PyMARE's bounded search and are polished here by Fisher scoring, because that search stops ~1e-7
short of the optimum. PM, SJ, HS and EB are our own, from metafor's rma.uni. All work on a design X
that includes the intercept column, so meta-regression uses the same code (residual forms).
"""

from __future__ import annotations

import warnings
from typing import Optional

import numpy as np
from scipy import optimize, stats

from evidencekit.errors import StatisticsError

# Convergence of the iterative estimators and root finders, relative to tau² (metafor's oracle was
# run with threshold=1e-12).
_TOL = 1e-13


# --------------------------------------------------------------------------------------------------
# Weighted least squares pieces shared by the estimators


def _wls(y, v, X, tau2):
    """beta, (X'WX)^-1, weights, residuals and RSS = Σw·e² for weights 1/(v + tau2)."""
    w = 1.0 / (v + tau2)
    XtW = X.T * w
    vb = np.linalg.inv(XtW @ X)
    beta = vb @ (XtW @ y)
    resid = y - X @ beta
    return beta, vb, w, resid, float(np.sum(w * resid**2))


def _P(v, X, tau2):
    """metafor's P = W − W X (X'WX)^-1 X' W."""
    w = 1.0 / (v + tau2)
    W = np.diag(w)
    WX = X * w[:, None]
    return W - WX @ np.linalg.inv(X.T @ WX) @ WX.T


def _P_traces(v, X, tau2) -> tuple[float, float]:
    """tr(P) and tr(PP) from p×p products only, so large k never builds the k×k matrix P."""
    w = 1.0 / (v + tau2)
    vb = np.linalg.inv((X.T * w) @ X)
    B2 = vb @ ((X.T * w**2) @ X)
    trP = float(np.sum(w) - np.trace(B2))
    trPP = float(np.sum(w**2) - 2 * np.trace(vb @ ((X.T * w**3) @ X)) + np.trace(B2 @ B2))
    return trP, trPP


def _generalized_Q(y, v, X, tau2) -> float:
    return _wls(y, v, X, tau2)[4]


def _typical_s2(v, X) -> float:
    """metafor's 'typical' within-study variance s² = (k − p)/tr(P) with fixed-effect weights."""
    k, p = X.shape
    return (k - p) / _P_traces(v, X, 0.0)[0]


# --------------------------------------------------------------------------------------------------
# tau² estimators


def _pymare_tau2(method, y, v, X) -> float:
    from pymare.estimators import DerSimonianLaird, Hedges, VarianceBasedLikelihoodEstimator

    # Wald correction: PyMARE's Knapp–Hartung default changes only its SEs, which are not used.
    if method == "DL":
        est = DerSimonianLaird(small_sample_correction="wald")
    elif method == "HE":
        est = Hedges(small_sample_correction="wald")
    else:
        est = VarianceBasedLikelihoodEstimator(method=method, small_sample_correction="wald")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        est.fit(y[:, None], v[:, None], X)
    tau2 = float(np.ravel(est.params_["tau2"])[0])
    if not np.isfinite(tau2):
        raise StatisticsError(f"PyMARE's {method} estimator returned a non-finite tau2")
    return max(0.0, tau2)


def _likelihood_score(method, y, v, X, tau2):
    """Score and Fisher information of the (RE)ML likelihood in tau² (metafor's Fisher scoring)."""
    _, _, w, resid, _ = _wls(y, v, X, tau2)
    yPPy = float(np.sum((w * resid) ** 2))  # P y = W e
    if method == "REML":
        trP, trPP = _P_traces(v, X, tau2)
        return yPPy - trP, trPP
    return yPPy - float(np.sum(w)), float(np.sum(w**2))


def _fisher_scoring(method, y, v, X, start) -> float:
    """Polish PyMARE's (RE)ML tau² to metafor's precision; the optimum may sit on the boundary 0."""
    tau2 = max(0.0, start)
    for _ in range(200):
        score, info = _likelihood_score(method, y, v, X, tau2)
        if tau2 == 0.0 and score <= 0:
            return 0.0  # likelihood decreasing away from the boundary: the estimate is 0
        step = score / info
        new = max(0.0, tau2 + step)
        if abs(new - tau2) <= _TOL * max(1.0, tau2):
            return new
        tau2 = new
    # Fisher scoring oscillating (rare): the likelihood can then have two local maxima (one on the
    # boundary 0, one inside), so take every local maximum of the score's sign changes and keep
    # the one with the highest likelihood.
    return _global_maximum(method, y, v, X, start)


def _log_likelihood(method, y, v, X, tau2) -> float:
    """(Restricted) log-likelihood in tau², up to a constant."""
    _, vb, w, _, rss = _wls(y, v, X, tau2)
    ll = -0.5 * (float(np.sum(np.log(v + tau2))) + rss)
    if method == "REML":
        ll += 0.5 * float(np.linalg.slogdet(vb)[1])  # −½ log|X'WX|
    return ll


def _global_maximum(method, y, v, X, start) -> float:
    score = lambda t: _likelihood_score(method, y, v, X, t)[0]
    hi = _upper_bracket(score, start, f"{method} estimation of tau2 did not converge")
    grid = np.concatenate(([0.0], np.geomspace(hi * 1e-10, hi, 400)))
    scores = [score(t) for t in grid]
    candidates = [0.0] if scores[0] <= 0 else []
    for lo, up, s_lo, s_up in zip(grid, grid[1:], scores, scores[1:]):
        if s_lo > 0 >= s_up:  # the score falls through zero: a local maximum
            candidates.append(_root(score, lo, up))
    return max(candidates, key=lambda t: _log_likelihood(method, y, v, X, t))


def _upper_bracket(f, scale, failure) -> float:
    """A tau² ≥ max(1, 10·scale), stepped up tenfold, where the decreasing f is no longer > 0."""
    hi = max(1.0, 10 * scale)
    while f(hi) > 0:
        hi *= 10
        if hi > 1e12:
            raise StatisticsError(failure)
    return hi


def _root(f, lo, hi) -> float:
    return float(optimize.brentq(f, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500))


def _rss_root(y, v, X, target) -> float:
    """Smallest tau² ≥ 0 with generalized Q(tau²) = target (Q decreases in tau²); 0 if Q(0) ≤ target."""
    f = lambda t: _generalized_Q(y, v, X, t) - target
    if f(0.0) <= 0:
        return 0.0
    return _root(f, 0.0, _upper_bracket(f, float(np.var(y)), "tau2 root search did not bracket a solution"))


def _metafor_iteration(method, y, v, X, threshold) -> float:
    """metafor's own iteration for REML/ML/EB: start at HE, step until |change| < threshold.

    Only used when a caller asks for metafor's stopping rule (its default control threshold is
    1e-5, which leaves REML tau² ~1e-5 relative from the optimum) to reproduce such output.
    """
    k, p = X.shape
    tau2 = _pymare_tau2("HE", y, v, X)
    for _ in range(1000):
        if method == "EB":
            w = 1.0 / (v + tau2)
            adj = (_generalized_Q(y, v, X, tau2) * k / (k - p) - k) / float(np.sum(w))
        else:
            score, info = _likelihood_score(method, y, v, X, tau2)
            adj = score / info
        while tau2 + adj < 0:  # step halving at the boundary, as metafor does
            adj /= 2
        new = tau2 + adj
        if abs(new - tau2) <= threshold:
            return new
        tau2 = new
    raise StatisticsError(f"{method} estimation of tau2 did not converge")


def estimate_tau2(y, v, X, method: str, threshold: Optional[float] = None) -> float:
    """tau² by metafor's definition of ``method`` for design X (with intercept column).

    ``threshold`` None converges fully; a number reproduces metafor's iteration for REML, ML and EB
    stopped at that change in tau² (metafor's default control is threshold=1e-5).
    """
    k, p = X.shape
    if method == "EE":
        return 0.0
    if k <= p:
        return 0.0  # saturated: nothing left to estimate heterogeneity from
    if threshold is not None and method in ("REML", "ML", "EB"):
        return _metafor_iteration(method, y, v, X, threshold)
    if method in ("DL", "HE"):
        return _pymare_tau2(method, y, v, X)
    if method in ("REML", "ML"):
        return _fisher_scoring(method, y, v, X, _pymare_tau2(method, y, v, X))
    if method in ("PM", "EB"):
        # Paule–Mandel: generalized Q = k − p. metafor's empirical Bayes (Morris) iteration
        # tau² += (k/(k−p)·RSS − k)/Σw has the same fixed point, so EB equals PM numerically.
        return _rss_root(y, v, X, k - p)
    if method == "SJ":
        # Sidik–Jonkman one-step estimator from metafor's start value var(y)(k−1)/k.
        tau2_0 = float(np.var(y))  # population variance = var(yi)·(k−1)/k
        if tau2_0 <= 0:
            return 0.0
        return tau2_0 * _generalized_Q(y, v, X, tau2_0) / (k - p)
    if method == "HS":
        # Hunter–Schmidt: (Q_FE − k)/Σ(1/v), truncated at 0 (metafor uses k, not k − p).
        w = 1.0 / v
        return max(0.0, (_generalized_Q(y, v, X, 0.0) - k) / float(np.sum(w)))
    raise StatisticsError(f"unknown method {method!r}")


def se_tau2(y, v, X, method: str, tau2: float) -> Optional[float]:
    """metafor's standard error of the tau² estimate (rma.uni's se.tau2); None for EE."""
    k, p = X.shape
    if method == "EE" or k <= p:
        return None
    t = max(tau2, 0.0)
    if method in ("DL", "HS"):
        trP, trPP = _P_traces(v, X, 0.0)
        denom = trP if method == "DL" else float(np.sum(1.0 / v))
        return float(np.sqrt((2 * (k - p) + 4 * t * trP + 2 * t**2 * trPP) / denom**2))
    if method == "HE":
        P = np.eye(k) - X @ np.linalg.inv(X.T @ X) @ X.T  # OLS residual maker
        PV = P * v[None, :]
        return float(np.sqrt((2 * np.sum(PV * PV.T) + 4 * t * np.trace(PV) + 2 * t**2 * (k - p)) / (k - p) ** 2))
    if method == "SJ":
        tau2_0 = float(np.var(y))
        P = _P(v, X, tau2_0)
        PV = P * v[None, :]
        return float(np.sqrt(tau2_0**2 / (k - p) ** 2
                             * (2 * np.sum(PV * PV.T) + 4 * t * np.sum(PV * P) + 2 * t**2 * np.sum(P * P))))
    w = 1.0 / (v + tau2)
    if method == "ML":
        return float(np.sqrt(2 / np.sum(w**2)))
    if method == "REML":
        return float(np.sqrt(2 / _P_traces(v, X, tau2)[1]))
    # PM and EB
    return float(np.sqrt(2 * k**2 / (k - p) / np.sum(w) ** 2))


# --------------------------------------------------------------------------------------------------
# Q-profile confidence interval for tau² (Viechtbauer 2007; metafor confint.rma.uni)


def qprofile_ci(y, v, X, level: float = 95) -> tuple[float, float]:
    """(lower, upper) for tau²: generalized Q(tau²) equals the χ²(k−p) quantiles; bounds at 0.

    As metafor: if Q(0) is below the lower-tail quantile the interval is {0, 0} (metafor: "the CI
    is the null set"); if it is below the upper-tail quantile the lower bound is 0. Unlike metafor,
    the upper bound is not capped at its search limit max(100, 10·tau²) (which it prints as
    "> limit"): the bracket widens until the root is found.
    """
    k, p = X.shape
    df = k - p
    if df < 1:
        return (float("nan"), float("nan"))
    alpha = 1 - level / 100
    crit_lb = stats.chi2.ppf(1 - alpha / 2, df)  # Q above this: tau² too small
    crit_ub = stats.chi2.ppf(alpha / 2, df)
    q0 = _generalized_Q(y, v, X, 0.0)
    if q0 < crit_ub:
        return (0.0, 0.0)
    lb = 0.0 if q0 < crit_lb else _rss_root(y, v, X, crit_lb)
    ub = _rss_root(y, v, X, crit_ub)
    return (lb, ub)
