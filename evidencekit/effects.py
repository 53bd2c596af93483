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
favours the treatment).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
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
    "record_ids", "flags", "priority", "article", "year",
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
    if np.any(np.stack([a, b, c, d]) < 0):
        raise StatisticsError("events exceed group size (ai > n1i or ci > n2i)")
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

CONTROL_RE = re.compile(r"placebo|saline|midazolam|control|sham|vehicle|usual care|wait[- ]?list|\btau\b", re.I)
TREATMENT_RE = re.compile(r"ketamine|esketamine|arketamine|\bdrug\b|active|treatment|intervention", re.I)
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
        if key.startswith(syn.replace("-", "")) or key.startswith(syn):
            return canon
    return str(name).strip()


def timepoint_hours(text) -> Optional[float]:
    """'24 h' -> 24, 'day 7' -> 168, 'week 2' -> 336; None when no number and unit are found."""
    if not isinstance(text, str):
        return None
    num = re.search(r"(\d+(?:\.\d+)?)", text)
    if not num:
        return None
    for pattern, hours in _TIME_UNITS:
        if re.search(pattern, text, re.I):
            return float(num.group(1)) * hours
    return None


@dataclass
class _Arm:
    group: str
    mean: float
    sd: float
    n: float
    record_ids: list
    how: str  # how SD/n were obtained, for the derivation


def effects_from_records(records: pd.DataFrame, smd: str = "cochrane", r: float = 0.5):
    """Effects computable from extracted records -> (effects_df, refused_df).

    Per document and outcome (+ timepoint): two-group contrasts (SMD under the named convention and
    MD) from mean + SD/SE/CI + n records of a treatment and a control group; pre/post standardised
    mean change (SMCR, assumed pre-post correlation r) from baseline-flagged vs follow-up means of a
    single arm; reported SMD/d/g, MD, OR/RR/HR, b/beta, r records with a CI, SE, n or p. Records
    that cannot be converted are returned in refused_df with the reason.
    """
    if smd not in SMD_CONVENTIONS:
        raise StatisticsError(f"unknown SMD convention {smd!r}; use one of {', '.join(SMD_CONVENTIONS)}")
    effects, refused = [], []
    if records is None or len(records) == 0:
        return pd.DataFrame(columns=EFFECT_COLUMNS), pd.DataFrame(columns=REFUSED_COLUMNS)
    recs = records.copy()
    for col in ("flags", "group", "timepoint", "outcome", "domain", "drug", "p_op", "sentence", "file", "sd",
                "se", "n", "ci_low", "ci_high", "ci_level", "p_value", "df"):
        if col not in recs.columns:
            recs[col] = None
    recs["flags"] = recs["flags"].astype(object).where(recs["flags"].notna(), "").astype(str)
    for doc, doc_recs in recs.groupby("doc_sha256", sort=False, dropna=False):
        doc_recs = _inherit_document_outcome(doc_recs)
        doc_recs["outcome_key"] = doc_recs["outcome"].map(normalise_outcome)
        study = study_label(doc_recs)
        ctx = {"study": study, "doc_sha256": doc, "file": doc_recs["file"].iloc[0],
               "article": article_key(doc_recs), "year": _doc_year(doc_recs)}
        group_n = _group_sizes(doc_recs)
        _contrasts_from_means(doc_recs, group_n, ctx, smd, r, effects, refused)
        _contrasts_from_counts(doc_recs, group_n, ctx, effects, refused)
        _effects_from_statistics(doc_recs, group_n, ctx, smd, effects, refused)
    eff = pd.DataFrame(effects, columns=EFFECT_COLUMNS)
    if len(eff):
        eff["se"] = np.sqrt(eff["vi"].astype(float))
        eff["ci_lb"] = eff["yi"] - critical_value(95) * eff["se"]
        eff["ci_ub"] = eff["yi"] + critical_value(95) * eff["se"]
        eff["effect_id"] = [f"e{i + 1}" for i in range(len(eff))]
    return eff, pd.DataFrame(refused, columns=REFUSED_COLUMNS)


def article_key(doc_recs: pd.DataFrame) -> str:
    """Copies of one article (a PDF and its text version) share a DOI or title: one study."""
    row = doc_recs.iloc[0]
    if "doi" in doc_recs.columns and _present(row.get("doi")):
        return "doi:" + str(row["doi"]).strip().lower()
    if "title" in doc_recs.columns and _present(row.get("title")):
        return "title:" + re.sub(r"\W+", " ", str(row["title"]).lower()).strip()
    return "sha:" + str(row.get("doc_sha256"))


_VALUE_KINDS = ("mean", "md", "smd", "d", "g", "or", "rr", "hr", "b", "beta", "r", "p")


def _inherit_document_outcome(doc_recs: pd.DataFrame) -> pd.DataFrame:
    """A value with no domain takes the document's only domain (all its instruments in one domain),
    and, without an outcome of its own, the document's only instrument. Flagged outcome_from_document."""
    inst = doc_recs[doc_recs["kind"] == "instrument"]
    names = {normalise_outcome(o) for o in inst["outcome"].dropna()}
    domains = set(inst["domain"].dropna())
    if not domains:
        return doc_recs
    doc_recs = doc_recs.copy()
    # a value with no domain takes the document's only domain; with no outcome either, its only instrument
    need = doc_recs["kind"].isin(_VALUE_KINDS) & doc_recs["domain"].isna()
    if not need.any():
        return doc_recs
    if len(names) == 1:
        doc_recs.loc[need & doc_recs["outcome"].isna(), "outcome"] = next(iter(names))
    if len(domains) == 1:
        doc_recs.loc[need, "domain"] = next(iter(domains))
        doc_recs.loc[need, "flags"] = [";".join(f for f in (fl, "outcome_from_document") if f)
                                       for fl in doc_recs.loc[need, "flags"]]
    return doc_recs


def _doc_year(doc_recs: pd.DataFrame) -> Optional[int]:
    """Publication year from the document metadata (a moderator for cumulative/regression use)."""
    if "year" not in doc_recs.columns:
        return None
    years = pd.to_numeric(doc_recs["year"], errors="coerce").dropna()
    return int(years.iloc[0]) if len(years) else None


def study_label(doc_recs: pd.DataFrame) -> str:
    """First author + year from document metadata when the records carry it, else the file name."""
    row = doc_recs.iloc[0]
    for col in ("study", "study_label"):
        if col in doc_recs.columns and _present(row.get(col)):
            return str(row[col])
    author = None
    for col in ("first_author", "author", "authors"):
        if col in doc_recs.columns and _present(row.get(col)):
            author = re.split(r"[,;]| and | et al", str(row[col]))[0].strip()
            author = author.split()[-1] if author and " " in author and col != "first_author" else author
            break
    year = row.get("year") if "year" in doc_recs.columns else None
    if author and _present(year):
        return f"{author} {int(float(year))}"
    return Path(str(row.get("file") or row.get("doc_sha256") or "unknown")).name


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and str(value).strip() != ""


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


def _ids(ids) -> str:
    return ", ".join(f"{i[:8]}…" for i in ids)


def _convention_words(convention: str) -> str:
    return ("cochrane: J = 1 − 3/(4N − 9), vi = N/(n1·n2) + g²/(2(N − 3.94))" if convention == "cochrane"
            else "metafor: exact J, vi = 1/n1 + 1/n2 + g²/(2N)")


def _group_key(g) -> str:
    return re.sub(r"\s+", " ", str(g)).strip().lower() if _present(g) else ""


def _group_sizes(doc_recs: pd.DataFrame) -> dict:
    """group name -> (n, record_id) from group_n records of the document."""
    sizes = {}
    for _, row in doc_recs[doc_recs["kind"] == "group_n"].iterrows():
        n = _num(row.get("value"))
        if n and _present(row.get("group")):
            sizes.setdefault(_group_key(row["group"]), (n, row["record_id"]))
    return sizes


def _role(row) -> Optional[str]:
    text = " ".join(str(row.get(c) or "") for c in ("group", "drug"))
    if CONTROL_RE.search(str(row.get("group") or "")):
        return "control"
    if TREATMENT_RE.search(text):
        return "treatment"
    return None


def _base(ctx, row, measure, yi, vi, derivation, record_ids, flags="", n1=None, n2=None,
          convention=None, r_assumed=None, priority=1) -> dict:
    return {
        "effect_id": "", "study": ctx["study"], "doc_sha256": ctx["doc_sha256"], "file": ctx["file"],
        "outcome": row.get("outcome_key") or row.get("outcome"), "domain": row.get("domain"),
        "timepoint": row.get("timepoint"), "measure": measure, "yi": float(yi), "vi": float(vi),
        "se": None, "ci_lb": None, "ci_ub": None, "n1": n1, "n2": n2, "convention": convention,
        "r_assumed": r_assumed, "derivation": f"{derivation} (records {_ids(record_ids)})",
        "record_ids": ";".join(record_ids), "flags": _merge_flags(flags, row.get("flags")),
        "priority": priority, "article": ctx.get("article"), "year": ctx.get("year"),
    }


# Record flags a reviewer should still see on the effect computed from the record.
_CARRIED_FLAGS = ("outcome_from_document", "negated", "p_inconsistent", "correction_needs_recheck")


def _merge_flags(flags: str, record_flags) -> str:
    out = [f for f in str(flags or "").split(";") if f]
    for f in str(record_flags or "").split(";"):
        if f in _CARRIED_FLAGS and f not in out:
            out.append(f)
    return ";".join(out)


def _refuse(ctx, row, reason, refused, record_ids=None):
    refused.append({
        "study": ctx["study"], "doc_sha256": ctx["doc_sha256"], "file": ctx["file"],
        "outcome": row.get("outcome_key") or row.get("outcome"), "domain": row.get("domain"),
        "kind": row.get("kind"), "value": _num(row.get("value")), "reason": reason,
        "record_ids": ";".join(record_ids or [row["record_id"]]),
    })


def _arm(row, group_n, sd_rows, total_n=None) -> _Arm:
    """A group's mean with SD and n, converting SE or CI to SD where needed (Handbook 6.5.2.2).

    ``total_n`` (a two-arm trial's total, when no arm n is stated) gives each arm total/2, said so."""
    ids = [row["record_id"]]
    n = _num(row.get("n"))
    how = []
    if n is None:
        found = group_n.get(_group_key(row.get("group")))
        if found:
            n, nid = found
            ids.append(nid)
    if n is None and total_n:
        n = total_n[0] / 2
        ids.append(total_n[1])
        how.append(f"n {_fmt(n)} assumed (total {_fmt(total_n[0])} split equally; arm n not reported)")
    if n is None:
        raise ConversionRefused(f"n missing for group {row.get('group')!r}" if _present(row.get("group"))
                                else "n missing (group not stated)")
    sd = _num(row.get("sd"))
    if sd is None and sd_rows is not None:
        for _, srow in sd_rows.iterrows():
            if _group_key(srow.get("group")) == _group_key(row.get("group")) and srow.get("sentence") == row.get("sentence"):
                sd = _num(srow.get("value"))
                ids.append(srow["record_id"])
                break
    if sd is None and _num(row.get("se")) is not None:
        sd = float(sd_from_se(_num(row["se"]), n))
        how.append(f"SD = SE·√n from SE {_fmt(row['se'])}")
    if sd is None and _num(row.get("ci_low")) is not None and _num(row.get("ci_high")) is not None:
        level = _num(row.get("ci_level")) or 95
        sd = sd_from_ci(row["ci_low"], row["ci_high"], n, level)
        how.append(f"SD from {level:g}% CI {_fmt(row['ci_low'])}–{_fmt(row['ci_high'])} "
                   f"({'t' if n < 60 else 'z'})")
    if sd is None or sd <= 0:
        raise ConversionRefused(f"SD missing for group {row.get('group')!r}" if _present(row.get("group"))
                                else "SD missing (group not stated)")
    return _Arm(str(row.get("group")), float(row["value"]), sd, n, ids, "; ".join(how))


def _contrasts_from_means(doc_recs, group_n, ctx, convention, r, effects, refused):
    means = doc_recs[(doc_recs["kind"] == "mean") & doc_recs["value"].notna()]
    sd_rows = doc_recs[doc_recs["kind"] == "sd"]
    if means.empty:
        return
    totals = doc_recs[(doc_recs["kind"] == "total_n") & doc_recs["value"].notna()]
    total_n = (float(totals["value"].max()), totals.loc[totals["value"].idxmax(), "record_id"]) if len(totals) else None
    is_base = means["flags"].str.contains(r"\bbaseline\b", regex=True)
    for outcome, out_rows in means.groupby(means["outcome_key"].fillna(""), sort=False):
        base_rows = out_rows[is_base.loc[out_rows.index]]
        follow = out_rows[~is_base.loc[out_rows.index]]
        for tp, tp_rows in follow.groupby(follow["timepoint"].fillna(""), sort=False):
            keys = tp_rows["group"].map(_group_key)
            single_arm_pre_post = len(tp_rows) == 1 and not base_rows.empty
            if not single_arm_pre_post:
                for _, row in tp_rows[keys == ""].iterrows():
                    _refuse(ctx, row, "mean without its group: the arms cannot be told apart", refused)
                tp_rows = tp_rows[keys != ""]
                if tp_rows["group"].map(_group_key).nunique() == 1:
                    for _, row in tp_rows.iterrows():
                        _refuse(ctx, row, f"mean of one group only ({row['group']}): no comparison group "
                                "or baseline mean for this outcome and timepoint", refused)
                    continue
            arms, problems = {}, []
            two_arms = tp_rows["group"].map(_group_key).nunique() == 2
            for _, row in tp_rows.iterrows():
                key = _group_key(row.get("group"))
                if key in arms:
                    continue  # first statement of a group's mean wins (repeats in abstract/table)
                try:
                    arms[key] = (_role(row), _arm(row, group_n, sd_rows, total_n if two_arms else None), row)
                except ConversionRefused as err:
                    problems.append((row, str(err)))
            for row, reason in problems:
                _refuse(ctx, row, reason, refused)
            treat = [a for a in arms.values() if a[0] == "treatment"]
            ctrl = [a for a in arms.values() if a[0] == "control"]
            unknown = [a for a in arms.values() if a[0] is None]
            if len(ctrl) == 1 and not treat and len(unknown) == 1:
                treat = unknown  # the other arm of a two-arm trial is the intervention
            elif len(treat) == 1 and not ctrl and len(unknown) == 1:
                ctrl = unknown
            if treat and ctrl:
                _two_group(ctx, treat, ctrl[0], convention, effects)
            elif len(arms) >= 2:
                row = tp_rows.iloc[0]
                _refuse(ctx, row, "cannot tell treatment from control among groups "
                        + ", ".join(repr(a[1].group) for a in arms.values()), refused,
                        [rid for a in arms.values() for rid in a[1].record_ids])
            elif len(arms) == 1 and not base_rows.empty:
                _pre_post(ctx, next(iter(arms.values())), base_rows, group_n, sd_rows, r, effects, refused)


def _two_group(ctx, treat, ctrl, convention, effects):
    t_role, t_arm, t_row = treat[0]
    combined = ""
    if len(treat) > 1:  # several doses vs one control: combine arms (Handbook Table 6.5.a)
        n, m, s = t_arm.n, t_arm.mean, t_arm.sd
        ids = list(t_arm.record_ids)
        for _, arm, _ in treat[1:]:
            n, m, s = combine_arms(n, m, s, arm.n, arm.mean, arm.sd)
            ids += arm.record_ids
        combined = f"arms {', '.join(a[1].group for a in treat)} combined (Handbook Table 6.5.a); "
        t_arm = _Arm(" + ".join(a[1].group for a in treat), m, s, n, ids,
                     "; ".join(a[1].how for a in treat if a[1].how))
    _, c_arm, _ = ctrl
    ids = t_arm.record_ids + c_arm.record_ids
    hows = "; ".join(h for h in (t_arm.how, c_arm.how) if h)
    hows = f"; {hows}" if hows else ""
    args = (t_arm.mean, t_arm.sd, t_arm.n, c_arm.mean, c_arm.sd, c_arm.n)
    desc = (f"means {_fmt(t_arm.mean)}/{_fmt(c_arm.mean)}, SDs {_fmt(t_arm.sd)}/{_fmt(c_arm.sd)}, "
            f"n {_fmt(t_arm.n)}/{_fmt(c_arm.n)} ({t_arm.group} vs {c_arm.group}){hows}")
    flags = "assumed_equal_arms" if "assumed" in hows else ""
    # arm n assumed from the total is a weaker derivation than stated arm sizes
    prio = 1 if flags else 0
    g, v = smd(*args, convention=convention)
    effects.append(_base(ctx, t_row, "SMD", g[()], v[()],
                         f"{combined}Hedges' g ({_convention_words(convention)}) from {desc}", ids, flags,
                         n1=t_arm.n, n2=c_arm.n, convention=convention, priority=prio))
    y, v = md(*args)
    effects.append(_base(ctx, t_row, "MD", y[()], v[()], f"{combined}mean difference from {desc}", ids, flags,
                         n1=t_arm.n, n2=c_arm.n, priority=prio))


def _pre_post(ctx, arm_entry, base_rows, group_n, sd_rows, r, effects, refused):
    _, post, post_row = arm_entry
    same = base_rows[base_rows["group"].map(_group_key) == _group_key(post_row.get("group"))]
    pre_rows = same if not same.empty else base_rows
    try:
        pre = _arm(pre_rows.iloc[0], group_n, sd_rows)
    except ConversionRefused as err:
        _refuse(ctx, pre_rows.iloc[0], f"pre/post: {err}", refused)
        return
    n = min(pre.n, post.n)
    y, v = smcr(pre.mean, post.mean, pre.sd, n, r)
    effects.append(_base(
        ctx, post_row, "SMCR", y[()], v[()],
        f"standardised mean change (J(n − 1)·(post − pre)/SD_pre) from baseline {_fmt(pre.mean)} "
        f"(SD {_fmt(pre.sd)}) to {_fmt(post.mean)} at {post_row.get('timepoint') or 'follow-up'}, n {_fmt(n)}, "
        f"assumed pre–post correlation r = {r:g}", pre.record_ids + post.record_ids,
        flags="assumed_r", n1=n, r_assumed=r, priority=1))


def _contrasts_from_counts(doc_recs, group_n, ctx, effects, refused):
    """Events in a treatment and a control group (count records with their n) -> log RR, log OR, RD."""
    counts = doc_recs[(doc_recs["kind"] == "count") & doc_recs["value"].notna()
                      & doc_recs["outcome_key"].notna() & doc_recs["group"].notna()]
    for (outcome, tp), rows in counts.groupby([counts["outcome_key"], counts["timepoint"].fillna("")], sort=False):
        arms = {}
        for _, row in rows.iterrows():
            arms.setdefault(_group_key(row["group"]), row)
        roles = {k: _role(row) for k, row in arms.items()}
        treat = [k for k, v in roles.items() if v == "treatment"]
        ctrl = [k for k, v in roles.items() if v == "control"]
        if len(arms) == 2 and len(ctrl) == 1 and not treat:
            treat = [k for k in arms if k != ctrl[0]]
        if len(treat) != 1 or len(ctrl) != 1:
            for _, row in rows.iterrows():
                _refuse(ctx, row, "events: need one treatment and one control group", refused)
            continue
        sizes, ids = [], []
        for key in (treat[0], ctrl[0]):
            row = arms[key]
            n, rid = _num(row.get("n")), None
            if n is None and key in group_n:
                n, rid = group_n[key]
            ids += [row["record_id"]] + ([rid] if rid else [])
            sizes.append(n)
        t_row, c_row = arms[treat[0]], arms[ctrl[0]]
        if None in sizes:
            _refuse(ctx, t_row, "events without the group size n", refused, ids)
            continue
        a, c = float(t_row["value"]), float(c_row["value"])
        n1, n2 = sizes
        if a > n1 or c > n2:
            _refuse(ctx, t_row, "more events than participants", refused, ids)
            continue
        desc = f"events {_fmt(a)}/{_fmt(n1)} ({t_row['group']}) vs {_fmt(c)}/{_fmt(n2)} ({c_row['group']})"
        for measure, fn, words in (("RR", log_rr, "log risk ratio"), ("OR", log_or, "log odds ratio"),
                                   ("RD", rd, "risk difference")):
            y, v, zero = fn(a, n1, c, n2)
            extra = "; 0.5 added to every cell (zero cell)" if bool(zero) else ""
            effects.append(_base(ctx, t_row, measure, y[()], v[()], f"{words} from {desc}{extra}", ids,
                                 "zero_cell_corrected" if bool(zero) else "", n1=n1, n2=n2, priority=0))


_ESTIMATE_KINDS = {"smd": "SMD", "d": "SMD", "g": "SMD", "md": "MD", "or": "OR", "rr": "RR", "hr": "HR",
                   "b": "B", "beta": "B", "r": "ZCOR"}
_KIND_WORDS = {"smd": "reported SMD", "d": "reported Cohen's d", "g": "reported Hedges' g",
               "md": "reported mean difference", "or": "reported odds ratio", "rr": "reported risk ratio",
               "hr": "reported hazard ratio", "b": "regression b", "beta": "regression beta",
               "r": "correlation r"}


def _effects_from_statistics(doc_recs, group_n, ctx, convention, effects, refused):
    total_n = _num(doc_recs.loc[doc_recs["kind"] == "total_n", "value"].max()) if (doc_recs["kind"] == "total_n").any() else None
    tstats = doc_recs[doc_recs["kind"].isin(["t", "z"])]
    estimate_sentences = set()
    for _, row in doc_recs[doc_recs["kind"].isin(list(_ESTIMATE_KINDS))].iterrows():
        estimate_sentences.add(row.get("sentence"))
        try:
            eff = _statistic_effect(row, ctx, group_n, total_n, tstats, convention,
                                    _scale_sd(doc_recs, row.get("outcome_key")) if row["kind"] in ("b",) else None)
        except ConversionRefused as err:
            _refuse(ctx, row, str(err), refused)
            continue
        effects.append(eff)
    # A p value standing alone (no estimate in its sentence) for a named outcome cannot be used.
    lone_p = doc_recs[(doc_recs["kind"] == "p") & doc_recs["outcome"].notna()
                      & ~doc_recs["sentence"].isin(estimate_sentences)]
    for _, row in lone_p.iterrows():
        _refuse(ctx, row, "p without its estimate", refused)


def _scale_sd(doc_recs, outcome) -> Optional[tuple]:
    """(SD, record ids, words) of the outcome scale at baseline in this document, pooled over arms
    when each arm's n is known; None when the document does not give it unambiguously."""
    if not _present(outcome):
        return None
    base = doc_recs[(doc_recs["kind"] == "mean") & (doc_recs["outcome_key"] == outcome)
                    & doc_recs["flags"].str.contains(r"\bbaseline\b", regex=True) & doc_recs["sd"].notna()]
    if base.empty:
        return None
    sds, ns = base["sd"].astype(float).to_numpy(), pd.to_numeric(base.get("n"), errors="coerce").to_numpy()
    ids = list(base["record_id"])
    if len(base) == 1:
        return float(sds[0]), ids, f"baseline SD {_fmt(sds[0])}"
    if np.all(np.isfinite(ns)) and np.all(ns > 1):
        sd = math.sqrt(float(np.sum((ns - 1) * sds ** 2) / np.sum(ns - 1)))
        return sd, ids, f"baseline SD {_fmt(sd)} pooled over {len(base)} arms"
    return None


def _statistic_effect(row, ctx, group_n, total_n, tstats, convention, scale=None) -> dict:
    kind = str(row["kind"])
    measure = _ESTIMATE_KINDS[kind]
    est = _num(row.get("value"))
    if est is None:
        raise ConversionRefused(f"{_KIND_WORDS[kind]} without a value")
    ids = [row["record_id"]]
    words = f"{_KIND_WORDS[kind]} {_fmt(est)}"
    flags = []
    n = _num(row.get("n"))
    lo, hi = _num(row.get("ci_low")), _num(row.get("ci_high"))
    level = _num(row.get("ci_level")) or 95
    se = _num(row.get("se"))
    p_op = str(row.get("p_op") or "").strip()
    p = _num(row.get("p_value"))
    df = _df_value(row.get("df"))
    ratio = measure in RATIO_MEASURES

    if kind == "r":
        n = n or total_n
        if n is None or n <= 3:
            raise ConversionRefused("correlation r without n > 3")
        if not -1 < est < 1:
            raise ConversionRefused(f"r = {est:g} outside (-1, 1)")
        y, v = zcor(est, n)
        return _base(ctx, row, "ZCOR", y[()], v[()], f"Fisher's z from {words}, n = {_fmt(n)}", ids)

    if ratio:
        if est <= 0:
            raise ConversionRefused(f"{_KIND_WORDS[kind]} {est:g} is not positive")
        yi = math.log(est)
        words += " on the log scale"
    else:
        yi = est
    if se is not None and se > 0:
        if ratio:
            raise ConversionRefused("SE of a ratio measure given without saying its scale")
        how = f"SE {_fmt(se)} as reported"
    elif lo is not None and hi is not None:
        # Handbook 6.5.2.3: t(N − 2) for small trials ("fewer than 60 in each group"); n is the total
        small_df = df if df is not None else (n - 2 if n is not None and n < 120 else None)
        se = float(se_from_ci(lo, hi, level, small_df, log=ratio))
        how = (f"SE from {level:g}% CI {_fmt(lo)} to {_fmt(hi)}"
               + (" (log scale)" if ratio else "")
               + (f", t with {small_df:g} df" if small_df is not None else ", z"))
    elif measure == "SMD" and (n is not None or total_n is not None or len(group_n) == 2):
        if len(group_n) == 2:
            (n1, id1), (n2, id2) = list(group_n.values())
            ids += [id1, id2]
            how = f"variance from n {_fmt(n1)}/{_fmt(n2)} ({convention} formula)"
        else:
            n1 = n2 = (n or total_n) / 2
            flags.append("assumed_equal_arms")
            how = f"variance from total n {_fmt(n or total_n)} assuming equal arms ({convention} formula)"
        N = n1 + n2
        if convention == "cochrane":
            v = N / (n1 * n2) + est ** 2 / (2 * (N - 3.94))
        else:
            v = 1 / n1 + 1 / n2 + est ** 2 / (2 * N)
        return _base(ctx, row, "SMD", yi, v, f"{words}; {how}", ids, ";".join(flags), n1=n1, n2=n2,
                     convention=convention, priority=1)
    else:
        t_row = _t_in_sentence(row, tstats)
        if t_row is not None:
            se = float(se_from_t(yi, _num(t_row["value"])))
            ids.append(t_row["record_id"])
            how = f"SE = |estimate/t| from t = {_fmt(t_row['value'])}"
        elif p_op.upper() in ("NS", "N.S.", ">", "≥", ">="):
            raise ConversionRefused(f"P{p_op}{'' if p is None else _fmt(p)} cannot give an SE")
        elif p is not None and p_op in ("", "="):
            se = se_from_p(yi, p, df)
            flags.append("se_from_p")
            how = f"SE from exact p = {p:g} ({'t with ' + format(df, 'g') + ' df' if df is not None else 'z'})"
        elif p is not None and p_op in ("<", "≤", "<="):
            se = se_from_p(yi, p, df)
            flags.append("p_bound")
            how = f"conservative SE from p bound P{p_op}{p:g} taken as p = {p:g} (true SE is smaller)"
        else:
            raise ConversionRefused(f"{_KIND_WORDS[kind]} without SE, CI, t, n or p")
    if measure == "B" and scale is not None:
        # Only an unstandardised b in scale units is divided by the scale's SD (Handbook: SMD = MD/SD).
        sd, sd_ids, sd_words = scale
        y, v = standardise_b(yi, se, sd)
        flags.append("standardised_b")
        return _base(ctx, row, "SMD", y, v, f"{words} divided by the {sd_words} of {row.get('outcome_key')}; "
                     f"{how}", ids + sd_ids, ";".join(flags), convention=None, priority=2 + ("p_bound" in flags))
    prio = 1 if not flags else 2 + ("p_bound" in flags)
    return _base(ctx, row, measure, yi, se ** 2, f"{words}; {how}", ids, ";".join(flags),
                 convention=convention if measure == "SMD" else None, priority=prio)


def _df_value(df) -> Optional[float]:
    """The error df of a t or F statistic ('48' -> 48, '1, 48' -> 48)."""
    if not _present(df):
        return None
    parts = re.findall(r"\d+(?:\.\d+)?", str(df))
    return float(parts[-1]) if parts else None


def _t_in_sentence(row, tstats) -> Optional[pd.Series]:
    if tstats.empty or not _present(row.get("sentence")):
        return None
    same = tstats[(tstats["sentence"] == row.get("sentence")) & tstats["value"].notna()]
    return same.iloc[0] if len(same) else None
