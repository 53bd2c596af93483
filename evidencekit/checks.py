"""Statcheck-style consistency: recompute p where the text gives enough to do so, and flag records
whose reported p cannot follow from their reported statistic.

Recomputed from: t(df), F(df1, df2), χ²(df), z, r(df); an estimate with its SE (Wald z); an
estimate with its CI (ratio measures on the log scale). As in statcheck, every reported number
may lie anywhere in its rounding interval (2.31 stands for [2.305, 2.315]); the record is
flagged ``p_inconsistent`` only when no value in those intervals gives the reported p, and the
flag ``p_recomputed=<value>`` carries the p computed from the numbers as printed. A
``p_decision_error`` flag is added when the recomputed p falls on the other side of 0.05.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Callable, Optional

from scipy import stats

from evidencekit.records import Record

RATIOS = ("or", "rr", "hr")
ESTIMATES = ("b", "beta", "md", "smd", "d", "g", "or", "rr", "hr", "r")
_DECIMALS = re.compile(r"\d*\.(\d+)|\d+")


def check_records(records: list[Record]) -> None:
    """Add consistency flags in place to every record whose p can be recomputed."""
    for record in records:
        check_record(record)


def check_record(record: Record) -> Optional[float]:
    """Recompute p for one record; flag it when inconsistent. Returns the recomputed p, if any."""
    if record.p_value is None or record.kind == "p":
        return None
    computation = _p_function(record)
    if computation is None:
        return None
    p_of, inputs = computation
    try:
        printed = p_of(*[value for value, _ in inputs])
        candidates = [p_of(*corner) for corner in itertools.product(*[(v - h, v + h) for v, h in inputs])]
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    candidates = [c for c in candidates + [printed] if c is not None and not math.isnan(c)]
    if printed is None or math.isnan(printed) or not candidates:
        return None
    low, high = min(candidates), max(candidates)
    if not _consistent(record.p_op or "=", record.p_value, low, high):
        record.add_flag("p_inconsistent")
        record.add_flag(f"p_recomputed={_fmt(printed)}")
        reported_significant = _significant(record.p_op or "=", record.p_value)
        if reported_significant is not None and reported_significant != (printed < 0.05):
            record.add_flag("p_decision_error")
    return printed


def p_from_t(t: float, df: float) -> float:
    return 2 * stats.t.sf(abs(t), df)


def p_from_f(f: float, df1: float, df2: float) -> float:
    return stats.f.sf(f, df1, df2)


def p_from_chi2(x: float, df: float) -> float:
    return stats.chi2.sf(x, df)


def p_from_z(z: float) -> float:
    return 2 * stats.norm.sf(abs(z))


def p_from_r(r: float, df: float) -> float:
    if abs(r) >= 1:
        return 0.0
    return p_from_t(r * math.sqrt(df / (1 - r * r)), df)


def p_from_estimate_se(estimate: float, se: float) -> float:
    return p_from_z(estimate / se) if se > 0 else float("nan")


def p_from_estimate_ci(estimate: float, low: float, high: float, level: float = 95.0, ratio: bool = False) -> float:
    """Wald p from an estimate and its CI; ratio measures are symmetric on the log scale."""
    z_crit = stats.norm.ppf(0.5 + level / 200)
    if ratio:
        if min(estimate, low, high) <= 0:
            return float("nan")
        estimate, low, high = math.log(estimate), math.log(low), math.log(high)
    se = (high - low) / (2 * z_crit)
    return p_from_z(estimate / se) if se > 0 else float("nan")


def _p_function(record: Record) -> Optional[tuple[Callable, list[tuple[float, float]]]]:
    """The p formula for a record and its inputs as (printed value, half rounding unit)."""
    value = (record.value, _half_unit(record.text, record.value))
    dfs = _dfs(record.df)
    if record.kind == "t" and len(dfs) == 1:
        return p_from_t, [value, (dfs[0], 0.0)]
    if record.kind == "f" and len(dfs) == 2:
        return p_from_f, [value, (dfs[0], 0.0), (dfs[1], 0.0)]
    if record.kind == "chi2" and len(dfs) == 1:
        return p_from_chi2, [value, (dfs[0], 0.0)]
    if record.kind == "z":
        return p_from_z, [value]
    if record.kind == "r" and len(dfs) == 1:
        return p_from_r, [value, (dfs[0], 0.0)]
    if record.kind in ESTIMATES and record.se is not None:
        return p_from_estimate_se, [value, (record.se, _half_unit(None, record.se))]
    if record.kind in ESTIMATES and record.ci_low is not None and record.ci_high is not None:
        level = record.ci_level or 95.0
        ratio = record.kind in RATIOS

        def p_of(estimate, low, high):
            return p_from_estimate_ci(estimate, low, high, level, ratio)

        return p_of, [value, (record.ci_low, _half_unit(None, record.ci_low)), (record.ci_high, _half_unit(None, record.ci_high))]
    return None


def _dfs(df: Optional[str]) -> list[float]:
    if not df:
        return []
    try:
        return [float(part) for part in re.split(r"[,\s]+", df.strip()) if part]
    except ValueError:
        return []


def _half_unit(text: Optional[str], value: float) -> float:
    """Half the last printed digit: 2.31 -> 0.005. From the printed text where we have it."""
    digits = None
    if text:
        numbers = re.findall(r"\d*\.\d+|\d+", text)
        if numbers:
            last = numbers[-1]
            digits = len(last.split(".")[1]) if "." in last else 0
    if digits is None:
        printed = repr(float(value))
        digits = 0 if printed.endswith(".0") or "e" in printed else len(printed.split(".")[1])
    return 0.5 * 10 ** (-digits)


def _consistent(op: str, reported: float, low: float, high: float) -> bool:
    if op == "=":
        half = _half_unit(None, reported)
        return low <= reported + half and high >= reported - half
    if op in ("<", "≤"):
        return low <= reported
    if op in (">", "≥"):
        return high >= reported
    return True


def _significant(op: str, reported: float) -> Optional[bool]:
    if op in ("<", "≤"):
        return True if reported <= 0.05 else None
    if op in (">", "≥"):
        return False if reported >= 0.05 else None
    return reported < 0.05


def _fmt(p: float) -> str:
    return f"{p:.2g}" if p >= 0.0001 else f"{p:.1e}"
