"""checks.py: statcheck-style recomputation of p, allowing for the reported rounding."""

from __future__ import annotations

import pytest

from evidencekit import checks
from evidencekit.records import Record


def stat(kind, value, text, p_op="=", p_value=None, **fields):
    return Record(doc_sha256="0" * 64, file="x.txt", page=1, char_start=0, char_end=len(text), sentence=text,
                  rule_id="test.rule", kind=kind, value=value, text=text, p_op=p_op, p_value=p_value, **fields)


def test_formulas_match_known_values():
    assert checks.p_from_t(2.31, 46) == pytest.approx(0.0254, abs=2e-4)
    assert checks.p_from_f(5.2, 1, 48) == pytest.approx(0.0271, abs=2e-4)
    assert checks.p_from_chi2(3.84, 1) == pytest.approx(0.0500, abs=2e-4)
    assert checks.p_from_z(1.96) == pytest.approx(0.0500, abs=2e-4)
    assert checks.p_from_r(0.3, 48) == pytest.approx(0.0343, abs=5e-4)
    # OR 2.0 with 95% CI 1.2-3.33 is symmetric on the log scale around log 2 with se 0.26
    assert checks.p_from_estimate_ci(2.0, 1.2, 3.333, ratio=True) == pytest.approx(checks.p_from_z(0.6931 / 0.2606), rel=1e-2)


@pytest.mark.parametrize(
    "record",
    [
        stat("t", 2.31, "t(46) = 2.31", "=", 0.025, df="46"),
        stat("t", 2.31, "t(46) = 2.31", "<", 0.05, df="46"),
        stat("f", 5.2, "F(1, 48) = 5.2", "=", 0.027, df="1, 48"),
        stat("chi2", 4.2, "χ2(1) = 4.2", "=", 0.04, df="1"),
        stat("z", 2.1, "z = 2.1", "=", 0.036),
        stat("b", -0.50, "b = -0.50", "=", 0.012, se=0.2),
        stat("or", 2.1, "OR 2.1", "=", 0.01, ci_low=1.2, ci_high=3.7),
        stat("md", -3.98, "mean difference -3.98", "=", 0.02, ci_low=-7.31, ci_high=-0.64),
        # statcheck's rounding: t = 1.96 stands for [1.955, 1.965], so p = .05 is consistent
        stat("t", 1.96, "t(1000) = 1.96", "=", 0.05, df="1000"),
    ],
)
def test_consistent_records_are_not_flagged(record):
    assert checks.check_record(record) is not None
    assert "p_inconsistent" not in record.flags


def test_inconsistent_p_is_flagged_with_the_recomputed_value():
    record = stat("t", 2.31, "t(46) = 2.31", "=", 0.001, df="46")
    recomputed = checks.check_record(record)
    assert recomputed == pytest.approx(0.0254, abs=2e-4)
    assert "p_inconsistent" in record.flags
    assert "p_recomputed=0.025" in record.flags.split(";")


def test_decision_error_when_significance_flips():
    record = stat("f", 1.2, "F(1, 48) = 1.2", "<", 0.05, df="1, 48")
    checks.check_record(record)
    assert {"p_inconsistent", "p_decision_error"} <= set(record.flags.split(";"))


def test_ratio_ci_on_log_scale_and_bounds():
    # HR 0.72 (0.60-0.86): symmetric on the log scale, p about .0003
    good = stat("hr", 0.72, "HR 0.72", "<", 0.001, ci_low=0.60, ci_high=0.86)
    bad = stat("hr", 0.72, "HR 0.72", ">", 0.05, ci_low=0.60, ci_high=0.86)
    checks.check_records([good, bad])
    assert "p_inconsistent" not in good.flags
    assert "p_inconsistent" in bad.flags


def test_nothing_to_recompute():
    assert checks.check_record(stat("t", 2.3, "t = 2.3", "=", 0.03)) is None  # no df
    assert checks.check_record(stat("b", -0.992, "b, -0.992", "<", 0.001)) is None  # no SE or CI
    assert checks.check_record(stat("mean", 21.3, "21.3 ± 5.2", "=", 0.03, sd=5.2)) is None
