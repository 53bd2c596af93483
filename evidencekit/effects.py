"""Effect sizes (escalc-equivalent) and Cochrane Handbook conversions, and effects from records.

Three layers, each usable on its own:

* arm-level measures, vectorised over numpy/pandas, matching metafor's ``escalc``:
  :func:`smd`, :func:`md`, :func:`smcr`, :func:`log_or`, :func:`log_rr`, :func:`rd`, :func:`zcor`,
  and :func:`escalc` over a DataFrame with escalc's column names;
* conversions of reported statistics (Cochrane Handbook 6.3, 6.5.2): :func:`se_from_ci`,
  :func:`sd_from_se`, :func:`sd_from_ci`, :func:`se_from_t`, :func:`se_from_p`,
  :func:`combine_arms`, :func:`sd_change`, :func:`standardise_b`;
* :func:`effects_from_records`: extracted records -> one row per effect with its derivation in words
  and the ids of the records it used, plus the records refused with the reason.

Sign convention for two-group contrasts: treatment minus control (for symptom scales a negative SMD
favours the treatment); within one group, post minus pre. Reported differences scored as a benefit
("difference in improvement", "in favour of ketamine") are put on this direction (flag sign_flipped);
see the direction rule in evidencekit.record_effects.
"""

from __future__ import annotations

import math
import re
from typing import Optional

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

from evidencekit.errors import StatisticsError

SMD_CONVENTIONS = ("cochrane", "metafor")
MEASURE_NAMES = {
    "SMD": "standardised mean difference (Hedges' g)",
    "MD": "mean difference",
    "SMCR": "standardised mean change (raw-score standardisation)",
    "SMC": "reported within-group standardised mean change (pre–post d/g, standardiser as the authors define it)",
    "OR": "log odds ratio",
    "RR": "log risk ratio",
    "HR": "log hazard ratio",
    "RD": "risk difference",
    "ZCOR": "Fisher's z of a correlation",
    "B": "regression coefficient b (scale units)",
    "GEN": "generic effect (yi, vi as given; name it with --measure)",
}
RATIO_MEASURES = ("OR", "RR", "HR")  # pooled on the log scale, shown back-transformed

EFFECT_COLUMNS = [
    "effect_id", "study", "doc_sha256", "file", "outcome", "domain", "timepoint", "measure",
    "yi", "vi", "se", "ci_lb", "ci_ub", "n1", "n2", "convention", "r_assumed", "derivation",
    "record_ids", "flags", "priority", "article", "year", "comparator",
]
REFUSED_COLUMNS = ["study", "doc_sha256", "file", "outcome", "domain", "kind", "value", "reason",
                   "record_ids"]


class ConversionRefused(StatisticsError):
    """A reported statistic cannot be turned into an effect with a variance; str() is the reason."""


def _arr(x) -> np.ndarray:
    return np.asarray(x, dtype=float)


# --------------------------------------------------------------------------- arm-level measures

def hedges_j(n1, n2, convention: str = "cochrane") -> np.ndarray:
    """Small-sample correction J for Hedges' g under the named convention."""
    N = _arr(n1) + _arr(n2)
    if convention == "cochrane":
        return 1.0 - 3.0 / (4.0 * N - 9.0)
    if convention == "metafor":
        return _exact_j(N - 2.0)
    raise StatisticsError(f"unknown SMD convention {convention!r}; use one of {', '.join(SMD_CONVENTIONS)}")


def _exact_j(m) -> np.ndarray:
    m = _arr(m)
    return np.exp(gammaln(m / 2.0) - np.log(np.sqrt(m / 2.0)) - gammaln((m - 1.0) / 2.0))


def pooled_sd(sd1, n1, sd2, n2) -> np.ndarray:
    n1, n2 = _arr(n1), _arr(n2)
    return np.sqrt(((n1 - 1) * _arr(sd1) ** 2 + (n2 - 1) * _arr(sd2) ** 2) / (n1 + n2 - 2))


def smd(m1, sd1, n1, m2, sd2, n2, convention: str = "cochrane", vtype: str = "LS"):
    """Hedges' g of group 1 minus group 2 and its sampling variance -> (yi, vi).

    cochrane (RevMan 5, R meta): J = 1 - 3/(4N - 9), vi = N/(n1 n2) + g^2/(2(N - 3.94)).
    metafor (escalc): exact J from gamma functions; vi = 1/n1 + 1/n2 + g^2/(2N) (vtype "LS") or
    the unbiased estimate 1/n1 + 1/n2 + (1 - (m - 2)/(m J^2)) g^2, m = N - 2 (vtype "UB").
    """
    n1, n2 = _arr(n1), _arr(n2)
    N = n1 + n2
    J = hedges_j(n1, n2, convention)
    g = J * (_arr(m1) - _arr(m2)) / pooled_sd(sd1, n1, sd2, n2)
    if convention == "cochrane":
        vi = N / (n1 * n2) + g ** 2 / (2.0 * (N - 3.94))
    elif vtype == "LS":
        vi = 1.0 / n1 + 1.0 / n2 + g ** 2 / (2.0 * N)
    elif vtype == "UB":
        m = N - 2.0
        vi = 1.0 / n1 + 1.0 / n2 + (1.0 - (m - 2.0) / (m * J ** 2)) * g ** 2
    else:
        raise StatisticsError(f"unknown vtype {vtype!r} for SMD; use LS or UB")
    return g, vi


def md(m1, sd1, n1, m2, sd2, n2):
    """Raw mean difference group 1 minus group 2 -> (yi, vi) (Handbook 6.5.1)."""
    return _arr(m1) - _arr(m2), _arr(sd1) ** 2 / _arr(n1) + _arr(sd2) ** 2 / _arr(n2)


def smcr(m_pre, m_post, sd_pre, n, r=0.5):
    """Standardised mean change of one group (post minus pre over the pre-test SD) -> (yi, vi).

    metafor's SMCR (Becker 1988): yi = J(n - 1) (m_post - m_pre)/sd_pre, vi = 2(1 - r)/n + yi^2/(2n);
    r is the pre-post correlation, an assumption the user must be able to vary.
    """
    n = _arr(n)
    yi = _exact_j(n - 1.0) * (_arr(m_post) - _arr(m_pre)) / _arr(sd_pre)
    return yi, 2.0 * (1.0 - _arr(r)) / n + yi ** 2 / (2.0 * n)


def _two_by_two(ai, n1i, ci, n2i):
    """Cells a, b, c, d with 0.5 added to every cell of a study that has a zero cell (escalc's
    add=1/2, to="only0"); also returns the boolean mask of corrected studies."""
    a, c = _arr(ai), _arr(ci)
    b, d = _arr(n1i) - a, _arr(n2i) - c
    bad = (np.stack([a, b, c, d]) < 0).any(axis=0)
    if np.any(bad):
        row = int(np.flatnonzero(np.atleast_1d(bad))[0]) + 1
        raise StatisticsError(f"row {row}: events must lie between 0 and the group size (ai <= n1i, ci <= n2i)")
    zero = (a == 0) | (b == 0) | (c == 0) | (d == 0)
    add = np.where(zero, 0.5, 0.0)
    return a + add, b + add, c + add, d + add, zero


def log_or(ai, n1i, ci, n2i):
    """Log odds ratio of group 1 vs group 2 -> (yi, vi, zero_cell_corrected)."""
    a, b, c, d, zero = _two_by_two(ai, n1i, ci, n2i)
    return np.log(a * d / (b * c)), 1 / a + 1 / b + 1 / c + 1 / d, zero


def log_rr(ai, n1i, ci, n2i):
    """Log risk ratio of group 1 vs group 2 -> (yi, vi, zero_cell_corrected)."""
    a, b, c, d, zero = _two_by_two(ai, n1i, ci, n2i)
    n1, n2 = a + b, c + d
    return np.log((a / n1) / (c / n2)), 1 / a - 1 / n1 + 1 / c - 1 / n2, zero


def rd(ai, n1i, ci, n2i):
    """Risk difference group 1 minus group 2 -> (yi, vi, zero_cell_corrected)."""
    a, b, c, d, zero = _two_by_two(ai, n1i, ci, n2i)
    n1, n2 = a + b, c + d
    p1, p2 = a / n1, c / n2
    return p1 - p2, p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2, zero


def zcor(ri, ni):
    """Fisher's z of a correlation -> (yi, vi) with vi = 1/(n - 3)."""
    return np.arctanh(_arr(ri)), 1.0 / (_arr(ni) - 3.0)


ESCALC_COLUMNS = {
    "continuous": ("n1i", "m1i", "sd1i", "n2i", "m2i", "sd2i"),
    "events": ("ai", "n1i", "ci", "n2i"),
    "correlation": ("ri", "ni"),
}
ESCALC_MEASURES = {"continuous": ("SMD", "MD"), "events": ("OR", "RR", "RD"), "correlation": ("ZCOR",)}


def escalc_layout(columns) -> Optional[str]:
    """Which escalc input layout a table has ("continuous", "events", "correlation") or None.

    Events may also be given as the four cells ai, bi, ci, di (metafor's other spelling)."""
    cols = set(columns)
    if set(ESCALC_COLUMNS["continuous"]) <= cols:
        return "continuous"
    if set(ESCALC_COLUMNS["events"]) <= cols or {"ai", "bi", "ci", "di"} <= cols:
        return "events"
    if set(ESCALC_COLUMNS["correlation"]) <= cols:
        return "correlation"
    return None


def escalc(data: pd.DataFrame, measure: Optional[str] = None, smd_convention: str = "cochrane",
           vtype: str = "LS") -> pd.DataFrame:
    """Compute yi, vi (and a derivation per row) from arm-level columns named as in metafor's escalc.

    measure defaults to SMD for continuous, OR for events, ZCOR for correlations. Returns a copy of
    ``data`` with columns measure, yi, vi, convention, derivation added.
    """
    layout = escalc_layout(data.columns)
    if layout is None:
        raise StatisticsError(
            "input needs columns study, yi, vi or escalc arm-level columns "
            "(n1i, m1i, sd1i, n2i, m2i, sd2i | ai, n1i, ci, n2i | ri, ni)")
    measure = (measure or ESCALC_MEASURES[layout][0]).upper()
    if measure not in ESCALC_MEASURES[layout]:
        raise StatisticsError(f"measure {measure} cannot be computed from {layout} columns; "
                              f"use one of {', '.join(ESCALC_MEASURES[layout])}")
    out = data.copy()
    convention = None
    if layout == "continuous":
        args = [data[c] for c in ("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i")]
        if measure == "SMD":
            yi, vi = smd(*args, convention=smd_convention, vtype=vtype)
            convention = smd_convention
            what = f"Hedges' g ({_convention_words(smd_convention)})"
        else:
            yi, vi = md(*args)
            what = "mean difference"
        derivation = [f"{what} from means {_fmt(a)}/{_fmt(b)}, SDs {_fmt(c)}/{_fmt(d)}, n {_fmt(e)}/{_fmt(f)}"
                      for a, b, c, d, e, f in zip(data.m1i, data.m2i, data.sd1i, data.sd2i, data.n1i, data.n2i)]
    elif layout == "events":
        if "n1i" in data.columns and "n2i" in data.columns:
            n1i, n2i = data["n1i"], data["n2i"]
        else:
            n1i, n2i = data["ai"] + data["bi"], data["ci"] + data["di"]
        fn = {"OR": log_or, "RR": log_rr, "RD": rd}[measure]
        yi, vi, zero = fn(data["ai"], n1i, data["ci"], n2i)
        what = {"OR": "log odds ratio", "RR": "log risk ratio", "RD": "risk difference"}[measure]
        derivation = [f"{what} from events {_fmt(a)}/{_fmt(n1)} vs {_fmt(c)}/{_fmt(n2)}"
                      + ("; 0.5 added to every cell (zero cell)" if z else "")
                      for a, n1, c, n2, z in zip(data["ai"], n1i, data["ci"], n2i, zero)]
    else:
        yi, vi = zcor(data["ri"], data["ni"])
        derivation = [f"Fisher's z from r = {_fmt(r)}, n = {_fmt(n)}" for r, n in zip(data["ri"], data["ni"])]
    out["measure"] = measure
    out["yi"] = np.asarray(yi, dtype=float)
    out["vi"] = np.asarray(vi, dtype=float)
    out["convention"] = convention
    out["derivation"] = derivation
    return out


# --------------------------------------------------------------------------- conversions

def critical_value(level: float = 95, df: Optional[float] = None) -> float:
    """Two-sided critical value: z, or t with df degrees of freedom when df is given."""
    q = 1.0 - (1.0 - float(level) / 100.0) / 2.0
    return float(stats.norm.ppf(q) if df is None else stats.t.ppf(q, df))


def se_from_ci(lower, upper, level: float = 95, df: Optional[float] = None, log: bool = False):
    """SE of an estimate from its CI (Handbook 6.5.2.3): (U - L)/(2 z), or 2 t(df) for small samples.

    Ratio measures (OR, RR, HR): ``log=True`` works on ln L, ln U (Handbook 6.3.2)."""
    lo, hi = _arr(lower), _arr(upper)
    if log:
        if np.any(lo <= 0) or np.any(hi <= 0):
            raise ConversionRefused("CI of a ratio measure must be positive to take logs")
        lo, hi = np.log(lo), np.log(hi)
    if np.any(hi <= lo):
        raise ConversionRefused("CI upper limit not above lower limit")
    return (hi - lo) / (2.0 * critical_value(level, df))


def sd_from_se(se, n):
    """SD of a group mean from its SE: SD = SE·√n (Handbook 6.5.2.2)."""
    return _arr(se) * np.sqrt(_arr(n))


def sd_from_ci(lower, upper, n, level: float = 95):
    """SD of a group mean from its CI: √n·(U − L)/(2·q), q = t(n − 1) for n < 60, else z (6.5.2.2)."""
    n = float(n)
    q = critical_value(level, n - 1 if n < 60 else None)
    return math.sqrt(n) * (float(upper) - float(lower)) / (2.0 * q)


def se_from_t(estimate, t):
    """SE of an estimate from its t (or z) statistic: SE = |estimate/t| (Handbook 6.5.2.3)."""
    t = _arr(t)
    if np.any(t == 0):
        raise ConversionRefused("t = 0 gives no SE")
    return np.abs(_arr(estimate) / t)


def se_from_p(estimate, p, df: Optional[float] = None):
    """SE of an estimate from its exact two-sided p: SE = |estimate|/q, q = t⁻¹(1 − p/2; df), or z
    without df (Handbook 6.5.2.3)."""
    p = float(p)
    if not 0 < p < 1:
        raise ConversionRefused(f"p = {p:g} is not an exact p in (0, 1)")
    if estimate is None or not np.isfinite(estimate):
        raise ConversionRefused("p without its estimate")
    if estimate == 0:
        raise ConversionRefused("estimate 0 gives no SE from p")
    q = stats.norm.isf(p / 2) if df is None else stats.t.isf(p / 2, df)
    return abs(float(estimate)) / float(q)


def combine_arms(n1, m1, sd1, n2, m2, sd2):
    """Two arms combined into one (Handbook Table 6.5.a) -> (n, mean, sd)."""
    n1, n2, m1, m2, sd1, sd2 = map(float, (n1, n2, m1, m2, sd1, sd2))
    n = n1 + n2
    mean = (n1 * m1 + n2 * m2) / n
    var = ((n1 - 1) * sd1 ** 2 + (n2 - 1) * sd2 ** 2 + n1 * n2 / n * (m1 ** 2 + m2 ** 2 - 2 * m1 * m2)) / (n - 1)
    return n, mean, math.sqrt(var)


def sd_change(sd_pre, sd_post, r=0.5):
    """SD of change scores (Handbook 6.5.2.8): √(SD_pre² + SD_post² − 2r·SD_pre·SD_post)."""
    return np.sqrt(_arr(sd_pre) ** 2 + _arr(sd_post) ** 2 - 2 * _arr(r) * _arr(sd_pre) * _arr(sd_post))


def standardise_b(b, se, scale_sd):
    """A regression b in scale units as a standardised effect: (b/SD, (SE/SD)²); only valid when the
    SD of the outcome scale is known — otherwise keep measure "B" on the b scale."""
    if scale_sd is None or not np.isfinite(scale_sd) or scale_sd <= 0:
        raise ConversionRefused("SD of the outcome scale unknown; b stays on its own scale (measure B)")
    return float(b) / scale_sd, (float(se) / scale_sd) ** 2


# --------------------------------------------------------------------------- effects from records

_TIME_UNITS = [(r"min", 1 / 60), (r"h(?:ou)?rs?\b|\bh\b", 1.0), (r"day", 24.0), (r"week|wk", 168.0),
               (r"month", 730.0)]
_INSTRUMENT_SYNONYMS = {"hdrs": "HAM-D", "ham-d": "HAM-D", "hamd": "HAM-D", "hrsd": "HAM-D",
                        "madrs": "MADRS", "bdi": "BDI", "vas": "VAS", "nrs": "NRS"}


def normalise_outcome(name) -> Optional[str]:
    """Canonical instrument name so that HDRS and HAM-D group together."""
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return None
    key = re.sub(r"[\s_]+", "", str(name)).lower()
    for syn, canon in _INSTRUMENT_SYNONYMS.items():
        for prefix in (syn.replace("-", ""), syn):
            if key.startswith(prefix):
                # an item or subscale (MADRS-SI, "MADRS suicide item") is not the total score
                if _PART_OF_SCALE_RE.match(key[len(prefix):]):
                    return str(name).strip()
                return canon
    return str(name).strip()


_PART_OF_SCALE_RE = re.compile(r"[-:,(]?(?:si\b|suic|item|sub|factor|cluster|anhedon|core|q\d)")


_END_OF_TRIAL = re.compile(r"\bend[- ]?point\b|\bend of (?:the )?(?:study|treatment|trial|induction)\b|"
                           r"\bfinal (?:visit|assessment)\b", re.I)


def timepoint_hours(text) -> Optional[float]:
    """'24 h' -> 24, 'day 7' -> 168, 'week 2' -> 336, 'end point' -> inf (the trial's last
    assessment); None when no number and unit are found."""
    if not isinstance(text, str):
        return None
    if _END_OF_TRIAL.search(text):
        return math.inf
    num = re.search(r"(\d+(?:\.\d+)?)", text)
    if not num:
        return None
    for pattern, hours in _TIME_UNITS:
        if re.search(pattern, text, re.I):
            return float(num.group(1)) * hours
    return None


def effects_from_records(records: pd.DataFrame, smd: str = "cochrane", r: float = 0.5):
    """Effects computable from extracted records -> (effects_df, refused_df).

    Per document and outcome (+ timepoint): two-group contrasts (SMD under the named convention and
    MD) from mean + SD/SE/CI + n records of a treatment and a control group; pre/post standardised
    mean change (SMCR, assumed pre-post correlation r) from baseline-flagged vs follow-up means of a
    single arm; log RR/OR and RD from events; reported SMD/d/g, MD, OR/RR/HR, b/beta, r records with
    a CI, SE, t, n or p. Every effect has its derivation in words and its record ids; records that
    cannot be converted are returned in refused_df with the reason. See evidencekit.record_effects.
    """
    from evidencekit.record_effects import effects_from_records as _from_records

    return _from_records(records, smd_convention=smd, r=r)


def study_label(rows) -> str:
    """First author + year from document metadata, else the file name (one document's records, as a
    DataFrame or list of dicts); the label effects_from_records gives the study."""
    from evidencekit.record_effects import _plain_rows, study_label as _label

    return _label(_plain_rows(rows) if isinstance(rows, pd.DataFrame) else list(rows))


def _num(value) -> Optional[float]:
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _fmt(x) -> str:
    v = _num(x)
    if v is None:
        return "?"
    return f"{v:.0f}" if v == int(v) and abs(v) < 1e9 else f"{v:.4g}"


def _convention_words(convention: str) -> str:
    return ("cochrane: J = 1 − 3/(4N − 9), vi = N/(n1·n2) + g²/(2(N − 3.94))" if convention == "cochrane"
            else "metafor: exact J, vi = 1/n1 + 1/n2 + g²/(2N)")
