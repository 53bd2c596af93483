"""Effect sizes against metafor's escalc (oracle), hand calculations and a published R meta analysis."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from evidencekit import effects as E
from evidencekit.errors import StatisticsError
from evidencekit.records import KINDS

DATA = Path(__file__).parent / "data"
ORACLE = DATA / "metafor"
REF = json.loads((ORACLE / "reference.json").read_text())["escalc"]["values"]


def _inputs(name):
    return pd.read_csv(ORACLE / "inputs" / f"{name}.csv")


def _bcg():
    d = _inputs("bcg")
    return d.assign(ai=d.tpos, n1i=d.tpos + d.tneg, ci=d.cpos, n2i=d.cpos + d.cneg)


@pytest.mark.parametrize("data, measure, key, kwargs", [
    ("normand", "SMD", "normand_SMD", {"smd_convention": "metafor"}),
    ("normand", "SMD", "normand_SMD_vtypeUB", {"smd_convention": "metafor", "vtype": "UB"}),
    ("normand", "MD", "normand_MD", {}),
    ("bcg", "RR", "bcg_RR", {}),
    ("bcg", "OR", "bcg_OR", {}),
    ("bcg", "RD", "bcg_RD", {}),
    ("molloy", "ZCOR", "molloy_ZCOR", {}),
])
def test_escalc_matches_metafor(data, measure, key, kwargs):
    d = _bcg()[["ai", "n1i", "ci", "n2i"]] if data == "bcg" else _inputs(data)
    if data == "molloy":
        d = d[["ri", "ni"]]
    out = E.escalc(d, measure, **kwargs)
    np.testing.assert_allclose(out["yi"], REF[key]["yi"], rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(out["vi"], REF[key]["vi"], rtol=1e-6)
    assert (out["measure"] == measure).all()


def test_events_from_four_cells_match_n_columns():
    d = _inputs("bcg").rename(columns={"tpos": "ai", "tneg": "bi", "cpos": "ci", "cneg": "di"})
    out = E.escalc(d[["ai", "bi", "ci", "di"]], "RR")
    np.testing.assert_allclose(out["yi"], REF["bcg_RR"]["yi"], rtol=1e-6)


def test_cochrane_smd_by_hand():
    # n 20/22, means 10/14, SDs 4/5: sp² = (19·16 + 21·25)/40
    sp = math.sqrt((19 * 16 + 21 * 25) / 40)
    d = (10 - 14) / sp
    g = d * (1 - 3 / (4 * 42 - 9))
    v = 42 / (20 * 22) + g ** 2 / (2 * (42 - 3.94))
    yi, vi = E.smd(10, 4, 20, 14, 5, 22, convention="cochrane")
    assert yi == pytest.approx(g, rel=1e-12)
    assert vi == pytest.approx(v, rel=1e-12)
    # metafor's exact J differs from the approximation in the 4th-5th decimal at this size
    ym, _ = E.smd(10, 4, 20, 14, 5, 22, convention="metafor")
    assert ym != pytest.approx(g, rel=1e-6)
    with pytest.raises(StatisticsError, match="unknown SMD convention"):
        E.smd(10, 4, 20, 14, 5, 22, convention="revman")


def _meta_print():
    """Rows of R meta's printed metacont output (tests/data/revman/fleiss1993cont_meta_print.txt)."""
    text = (DATA / "revman" / "fleiss1993cont_meta_print.txt").read_text()
    num = r"(-?\d+(?:\.\d+)?)"
    studies = [tuple(float(x) for x in m) for m in re.findall(
        rf"^\S+ \d{{4}}\s+{num} \[{num};\s+{num}\]\s+{num}", text, re.M)]
    pooled = re.search(rf"Random effects model\s+{num} \[{num}; {num}\]\s+{num}\s+{num}", text)
    q = re.search(rf"^\s*{num}\s+4\s+{num}\s*$", text, re.M)
    return studies, tuple(float(x) for x in pooled.groups()), tuple(float(x) for x in q.groups())


def test_published_meta_analysis_reproduced_with_cochrane_convention():
    """Fleiss 1993 via R meta's metacont (RevMan 5 formulas): see tests/data/revman/README.md."""
    from evidencekit.pool import fit

    studies, pooled, (Q, Qp) = _meta_print()
    assert len(studies) == 5
    d = pd.read_csv(DATA / "revman" / "fleiss1993cont.csv")
    out = E.escalc(d, "SMD", smd_convention="cochrane")
    se = np.sqrt(out["vi"])
    weights = 100 * (1 / out["vi"]) / (1 / out["vi"]).sum()
    for (g, lo, hi, w), y, s, ww in zip(studies, out["yi"], se, weights):
        assert (round(y, 4), round(y - 1.959964 * s, 4), round(y + 1.959964 * s, 4)) == (g, lo, hi)
        assert round(ww, 2) == w
    res = fit(out["yi"], out["vi"], method="DL")
    est, lo, hi, z, p = pooled
    assert (round(res.estimate, 4), round(res.ci_lb, 4), round(res.ci_ub, 4)) == (est, lo, hi)
    assert (round(res.zval, 3), round(res.pval, 4)) == (z, p)
    assert (round(res.QE, 2), round(res.QEp, 4)) == (Q, Qp) and res.tau2 == 0
    # The metafor convention does not reproduce the print: the convention matters.
    mf = E.escalc(d, "SMD", smd_convention="metafor")
    res_mf = fit(mf["yi"], mf["vi"], method="DL")
    assert (round(res_mf.estimate, 4), round(res_mf.ci_lb, 4), round(res_mf.ci_ub, 4)) != (est, lo, hi)


def test_smcr_matches_metafor_formula():
    # metafor SMCR: J(n−1)(m_post − m_pre)/sd_pre, vi = 2(1 − r)/n + yi²/(2n)
    n, r = 25, 0.6
    J = math.exp(math.lgamma(24 / 2) - math.log(math.sqrt(24 / 2)) - math.lgamma(23 / 2))
    y = J * (12 - 20) / 6
    yi, vi = E.smcr(20, 12, 6, n, r)
    assert yi == pytest.approx(y, rel=1e-12)
    assert vi == pytest.approx(2 * (1 - r) / n + y ** 2 / (2 * n), rel=1e-12)
    # higher assumed correlation -> smaller variance
    assert E.smcr(20, 12, 6, n, 0.8)[1] < vi < E.smcr(20, 12, 6, n, 0.2)[1]


def test_zero_cell_adds_half_to_that_study_only():
    yi, vi, zero = E.log_or([0, 5], [10, 20], [3, 6], [10, 20])
    assert zero.tolist() == [True, False]
    assert yi[0] == pytest.approx(math.log((0.5 * 7.5) / (10.5 * 3.5)))
    assert vi[0] == pytest.approx(1 / 0.5 + 1 / 10.5 + 1 / 3.5 + 1 / 7.5)
    assert yi[1] == pytest.approx(math.log((5 * 14) / (15 * 6)))
    out = E.escalc(pd.DataFrame({"ai": [0], "n1i": [10], "ci": [3], "n2i": [10]}), "RR")
    assert "0.5 added to every cell" in out["derivation"][0]


# ------------------------------------------------------------------ conversions (Handbook 6.3, 6.5.2)

def test_se_from_ci_z_and_t():
    assert E.se_from_ci(1.0, 4.92) == pytest.approx(3.92 / (2 * 1.959964), rel=1e-6)
    t = stats.t.ppf(0.975, 18)
    assert E.se_from_ci(-2, 2, df=18) == pytest.approx(4 / (2 * t))
    # ratio measures on the log scale: OR 2.0 (1.2 to 3.4)
    assert E.se_from_ci(1.2, 3.4, log=True) == pytest.approx((math.log(3.4) - math.log(1.2)) / 3.919928, rel=1e-6)
    assert E.se_from_ci(1, 3, level=90) == pytest.approx(2 / (2 * stats.norm.ppf(0.95)))
    with pytest.raises(E.ConversionRefused):
        E.se_from_ci(3, 1)


def test_sd_from_se_and_ci():
    assert E.sd_from_se(2.0, 25) == pytest.approx(10.0)
    # Handbook 6.5.2.2 worked example style: n = 25 (< 60) uses t(24)
    t24 = stats.t.ppf(0.975, 24)
    assert E.sd_from_ci(10, 20, 25) == pytest.approx(5 * 10 / (2 * t24))
    assert E.sd_from_ci(10, 20, 100) == pytest.approx(10 * 10 / 3.919928, rel=1e-6)


def test_se_from_t_and_p():
    assert E.se_from_t(3.0, -2.0) == pytest.approx(1.5)
    # exact p with df: t = t⁻¹(1 − p/2; df)
    assert E.se_from_p(2.5, 0.03, df=40) == pytest.approx(2.5 / stats.t.isf(0.015, 40))
    assert E.se_from_p(-2.5, 0.03) == pytest.approx(2.5 / stats.norm.isf(0.015))
    with pytest.raises(E.ConversionRefused, match="without its estimate"):
        E.se_from_p(None, 0.03)
    with pytest.raises(E.ConversionRefused):
        E.se_from_p(1.0, 1.0)


def test_combine_arms_matches_pooling_raw_data():
    rng = np.random.default_rng(3)
    a, b = rng.normal(10, 3, 17), rng.normal(13, 4, 23)
    n, m, s = E.combine_arms(17, a.mean(), a.std(ddof=1), 23, b.mean(), b.std(ddof=1))
    both = np.concatenate([a, b])
    assert (n, m, s) == pytest.approx((40, both.mean(), both.std(ddof=1)))


def test_sd_change_and_standardise_b():
    assert E.sd_change(3, 4, 0.5) == pytest.approx(math.sqrt(9 + 16 - 12))
    assert E.standardise_b(-4.0, 1.0, 8.0) == pytest.approx((-0.5, 1 / 64))
    with pytest.raises(E.ConversionRefused, match="SD of the outcome scale unknown"):
        E.standardise_b(-4.0, 1.0, None)


def test_escalc_errors():
    with pytest.raises(StatisticsError, match="needs columns"):
        E.escalc(pd.DataFrame({"x": [1]}))
    with pytest.raises(StatisticsError, match="cannot be computed"):
        E.escalc(pd.DataFrame({"ri": [0.2], "ni": [20]}), "SMD")


# ------------------------------------------------------------------ effects from records

def _rec(i, doc, kind, value, **kw):
    row = {"record_id": f"{doc[:2]}{i:014d}", "doc_sha256": doc, "file": f"{doc}.pdf", "kind": kind,
           "value": value, "sentence": kw.pop("sentence", f"s{i}"), "flags": kw.pop("flags", "")}
    row.update(kw)
    return row


def test_two_group_contrast_with_group_n_and_derivation():
    recs = pd.DataFrame([
        _rec(1, "aa", "group_n", 24, group="ketamine"),
        _rec(2, "aa", "group_n", 23, group="saline"),
        _rec(3, "aa", "mean", 14.8, sd=9.1, group="ketamine", outcome="MADRS", domain="depression", timepoint="24 h"),
        _rec(4, "aa", "mean", 22.7, sd=8.4, group="saline", outcome="MADRS", domain="depression", timepoint="24 h"),
    ])
    eff, refused = E.effects_from_records(recs)
    assert refused.empty
    smd = eff[eff.measure == "SMD"].iloc[0]
    g, v = E.smd(14.8, 9.1, 24, 22.7, 8.4, 23, convention="cochrane")
    assert smd.yi == pytest.approx(g) and smd.vi == pytest.approx(v)
    assert smd.convention == "cochrane" and smd.domain == "depression" and smd.outcome == "MADRS"
    assert "J = 1 − 3/(4N − 9)" in smd.derivation and "14.8/22.7" in smd.derivation
    assert smd.record_ids.split(";") == ["aa00000000000003", "aa00000000000001", "aa00000000000004",
                                         "aa00000000000002"]
    md = eff[eff.measure == "MD"].iloc[0]
    assert md.yi == pytest.approx(14.8 - 22.7)
    eff_m, _ = E.effects_from_records(recs, smd="metafor")
    assert eff_m[eff_m.measure == "SMD"].iloc[0].convention == "metafor"


def test_statistics_records_conversions_and_refusals():
    recs = pd.DataFrame([
        _rec(1, "bb", "or", 2.0, ci_low=1.2, ci_high=3.4, ci_level=95, outcome="response", domain="depression"),
        _rec(2, "bb", "b", -3.1, p_op="<", p_value=0.001, outcome="NRS", domain="pain"),
        _rec(3, "bb", "md", -4.0, p_op="=", p_value=0.02, df="1, 40", outcome="HAM-D", domain="depression"),
        _rec(4, "bb", "md", -2.0, p_op="NS", outcome="HAM-D", domain="depression"),
        _rec(5, "bb", "p", 0.04, p_op="=", p_value=0.04, outcome="VAS", domain="pain"),
        _rec(6, "bb", "mean", 10.0, group="ketamine", outcome="BDI", domain="depression", n=20),
        _rec(7, "bb", "mean", 12.0, group="placebo", outcome="BDI", domain="depression", n=20, sd=3.0),
        _rec(8, "bb", "md", -1.5, outcome="MADRS", domain="depression", sentence="t line"),
        _rec(9, "bb", "t", -2.5, outcome="MADRS", domain="depression", sentence="t line"),
    ])
    eff, refused = E.effects_from_records(recs)
    by_id = {r.record_ids.split(";")[0]: r for r in eff.itertuples()}
    orr = by_id["bb00000000000001"]
    assert orr.measure == "OR" and orr.yi == pytest.approx(math.log(2.0))
    assert orr.vi == pytest.approx(((math.log(3.4) - math.log(1.2)) / (2 * 1.959964)) ** 2, rel=1e-6)
    b = by_id["bb00000000000002"]
    assert b.measure == "B" and "p_bound" in b.flags
    assert b.vi == pytest.approx((3.1 / stats.norm.isf(0.0005)) ** 2)
    md = by_id["bb00000000000003"]
    assert md.vi == pytest.approx((4.0 / stats.t.isf(0.01, 40)) ** 2) and "se_from_p" in md.flags
    t_md = by_id["bb00000000000008"]
    assert t_md.vi == pytest.approx(0.6 ** 2) and "t = -2.5" in t_md.derivation
    reasons = dict(zip(refused.record_ids, refused.reason))
    assert "cannot give an SE" in reasons["bb00000000000004"]
    assert reasons["bb00000000000005"] == "p without its estimate"
    assert "SD missing" in reasons["bb00000000000006"]


def test_pre_post_single_arm_uses_baseline_as_pre_score():
    recs = pd.DataFrame([
        _rec(1, "cc", "mean", 30.0, sd=6.0, n=18, group="ketamine", outcome="MADRS", domain="depression",
             flags="baseline;table"),
        _rec(2, "cc", "mean", 18.0, sd=9.0, n=18, group="ketamine", outcome="MADRS", domain="depression",
             timepoint="day 7"),
    ])
    eff, _ = E.effects_from_records(recs, r=0.7)
    (row,) = eff.itertuples()
    y, v = E.smcr(30, 18, 6, 18, 0.7)
    assert row.measure == "SMCR" and row.yi == pytest.approx(y) and row.vi == pytest.approx(v)
    assert "r = 0.7" in row.derivation and row.r_assumed == 0.7


def test_several_doses_are_combined_against_one_control():
    recs = pd.DataFrame([
        _rec(1, "dd", "mean", 10.0, sd=3.0, n=10, group="ketamine 0.5 mg/kg", outcome="NRS", domain="pain"),
        _rec(2, "dd", "mean", 11.0, sd=4.0, n=12, group="ketamine 0.2 mg/kg", outcome="NRS", domain="pain"),
        _rec(3, "dd", "mean", 13.0, sd=3.5, n=11, group="placebo", outcome="NRS", domain="pain"),
    ])
    eff, _ = E.effects_from_records(recs)
    smd = eff[eff.measure == "SMD"].iloc[0]
    n, m, s = E.combine_arms(10, 10, 3, 12, 11, 4)
    assert smd.yi == pytest.approx(E.smd(m, s, n, 13, 3.5, 11)[0][()])
    assert "combined" in smd.derivation


def test_study_label_from_metadata_or_file():
    recs = pd.DataFrame([_rec(1, "ee", "md", 1.0, se=0.5, first_author="Zarate", year=2006)])
    eff, _ = E.effects_from_records(recs)
    assert eff.study.iloc[0] == "Zarate 2006"
    eff2, _ = E.effects_from_records(pd.DataFrame([_rec(1, "ee", "md", 1.0, se=0.5)]))
    assert eff2.study.iloc[0] == "ee.pdf"


def test_outcome_synonyms():
    assert E.normalise_outcome("HDRS-17") == "HAM-D"
    assert E.normalise_outcome("Hamilton") == "Hamilton"
    assert E.timepoint_hours("day 7") == 168 and E.timepoint_hours("40 min") == pytest.approx(2 / 3)
    assert E.timepoint_hours("End point") == math.inf and E.timepoint_hours("baseline") is None


def test_document_instrument_fills_missing_outcome_and_total_n_splits_two_arms():
    recs = pd.DataFrame([
        _rec(1, "ff", "instrument", None, outcome="MADRS", domain="depression"),
        _rec(2, "ff", "total_n", 40),
        _rec(3, "ff", "mean", -18.4, sd=12.0, group="Ketamine"),
        _rec(4, "ff", "mean", -5.7, sd=10.2, group="Placebo"),
    ])
    eff, refused = E.effects_from_records(recs)
    smd = eff[eff.measure == "SMD"].iloc[0]
    assert smd.outcome == "MADRS" and smd.domain == "depression"
    assert "outcome_from_document" in smd["flags"] and "assumed_equal_arms" in smd["flags"]
    assert smd.yi == pytest.approx(E.smd(-18.4, 12.0, 20, -5.7, 10.2, 20)[0][()])
    assert "total 40 split equally" in smd.derivation and refused.empty


def test_means_that_cannot_form_a_contrast_are_refused_with_reason():
    recs = pd.DataFrame([
        _rec(1, "gg", "mean", 7.6, sd=3.7, group="ketamine", outcome="MADRS", domain="depression"),
        _rec(2, "gg", "mean", 6.9, sd=1.4, outcome="HAM-D", domain="depression", timepoint="week 3"),
        _rec(3, "gg", "mean", 8.4, sd=1.6, outcome="HAM-D", domain="depression", timepoint="week 3"),
    ])
    eff, refused = E.effects_from_records(recs)
    assert eff.empty
    reasons = dict(zip(refused.record_ids, refused.reason))
    assert "no comparison group or baseline" in reasons["gg00000000000001"]
    assert reasons["gg00000000000002"] == "mean without its group: the arms cannot be told apart"


def test_value_without_domain_takes_the_documents_only_domain():
    recs = pd.DataFrame([
        _rec(1, "hh", "instrument", None, outcome="HAM-D", domain="depression"),
        _rec(2, "hh", "instrument", None, outcome="MADRS", domain="depression"),
        _rec(3, "hh", "d", -0.82, n=40, outcome="lowest dose", timepoint="day 1"),
    ])
    eff, _ = E.effects_from_records(recs)
    row = eff.iloc[0]
    assert row.domain == "depression" and row.outcome == "lowest dose"
    assert "outcome_from_document" in row["flags"] and "assumed_equal_arms" in row["flags"]
    # two domains in the document: nothing is inferred
    mixed = pd.concat([recs, pd.DataFrame([_rec(5, "hh", "instrument", None, outcome="NRS", domain="pain")])])
    eff2, _ = E.effects_from_records(mixed)
    assert pd.isna(eff2.iloc[0].domain)


def test_events_in_two_groups_give_rr_or_rd_with_zero_cell_correction():
    recs = pd.DataFrame([
        _rec(1, "ii", "count", 12, n=30, group="ketamine", outcome="response", domain="depression",
             timepoint="24 h"),
        _rec(2, "ii", "count", 0, group="midazolam", outcome="response", domain="depression", timepoint="24 h"),
        _rec(3, "ii", "group_n", 28, group="midazolam"),
    ])
    eff, refused = E.effects_from_records(recs)
    assert refused.empty
    by = eff.set_index("measure")
    y, v, _ = E.log_rr(12, 30, 0, 28)
    assert by.loc["RR", "yi"] == pytest.approx(y[()]) and by.loc["RR", "vi"] == pytest.approx(v[()])
    assert by.loc["RR", "yi"] == pytest.approx(math.log((12.5 / 31) / (0.5 / 29)))
    assert "0.5 added to every cell" in by.loc["OR", "derivation"]
    assert by.loc["RD", "yi"] == pytest.approx(12.5 / 31 - 0.5 / 29)
    assert by.loc["RR", "record_ids"] == "ii00000000000001;ii00000000000002;ii00000000000003"


def test_b_is_standardised_only_with_the_scales_baseline_sd():
    rows = [
        _rec(1, "jj", "b", -4.0, se=1.0, outcome="MADRS", domain="depression"),
        _rec(2, "jj", "mean", 30.0, sd=6.0, n=20, group="ketamine", outcome="MADRS", domain="depression",
             flags="baseline"),
        _rec(3, "jj", "mean", 31.0, sd=8.0, n=22, group="placebo", outcome="MADRS", domain="depression",
             flags="baseline"),
    ]
    eff, _ = E.effects_from_records(pd.DataFrame(rows))
    row = eff[eff.record_ids.str.startswith("jj00000000000001")].iloc[0]
    sd = math.sqrt((19 * 36 + 21 * 64) / 40)
    assert row.measure == "SMD" and row.yi == pytest.approx(-4.0 / sd) and row.vi == pytest.approx(1 / sd ** 2)
    assert "standardised_b" in row["flags"] and "pooled over 2 arms" in row.derivation
    eff_b, _ = E.effects_from_records(pd.DataFrame(rows[:1]))
    assert eff_b.iloc[0].measure == "B" and eff_b.iloc[0].yi == -4.0


def test_two_control_groups_are_refused_not_guessed():
    recs = pd.DataFrame([
        _rec(1, "kk", "mean", 10.0, sd=3.0, n=20, group="ketamine", outcome="MADRS", domain="depression"),
        _rec(2, "kk", "mean", 14.0, sd=3.0, n=20, group="saline", outcome="MADRS", domain="depression"),
        _rec(3, "kk", "mean", 13.0, sd=3.0, n=20, group="midazolam", outcome="MADRS", domain="depression"),
    ])
    eff, refused = E.effects_from_records(recs)
    assert eff.empty
    assert "several control groups ('saline', 'midazolam')" in refused.reason.iloc[0]


def test_single_arm_pre_post_takes_the_total_n():
    recs = pd.DataFrame([
        _rec(1, "ll", "total_n", 14),
        _rec(2, "ll", "mean", 33.0, sd=5.0, outcome="MADRS", domain="depression", flags="baseline"),
        _rec(3, "ll", "mean", 20.0, sd=9.0, outcome="MADRS", domain="depression", timepoint="day 1"),
    ])
    eff, refused = E.effects_from_records(recs)
    (row,) = eff.itertuples()
    assert row.measure == "SMCR" and row.yi == pytest.approx(E.smcr(33, 20, 5, 14)[0][()])
    assert "n = total 14 (single-arm study)" in row.derivation
    assert refused.empty


_ANY_NUMBER = st.sampled_from([None, float("nan"), 0.0, -1.0, 0.5, 3.0, 12.5, 1e6, -0.001, 1.0])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "doc_sha256": st.sampled_from(["a", "b"]), "kind": st.sampled_from(KINDS), "value": _ANY_NUMBER,
    "sd": _ANY_NUMBER, "se": _ANY_NUMBER, "n": st.sampled_from([None, 0, 1, 2, 10, 50]),
    "ci_low": _ANY_NUMBER, "ci_high": _ANY_NUMBER, "ci_level": st.sampled_from([None, 95.0, 90.0, 0.0]),
    "df": st.sampled_from([None, "10", "1, 48", "x"]), "p_op": st.sampled_from([None, "=", "<", ">", "NS"]),
    "p_value": st.sampled_from([None, 0.0, 0.001, 0.05, 1.0]),
    "outcome": st.sampled_from([None, "MADRS", "HDRS", "VAS"]), "domain": st.sampled_from([None, "depression", "pain"]),
    "group": st.sampled_from([None, "ketamine", "placebo", "saline", ""]),
    "timepoint": st.sampled_from([None, "24 h", "day 7"]), "sentence": st.sampled_from(["s1", "s2", None]),
    "flags": st.sampled_from(["", "baseline", None]),
}), min_size=1, max_size=20))
def test_any_records_give_finite_effects_or_reasons(rows):
    for i, row in enumerate(rows):
        row.update(record_id=f"r{i:03d}", file="f.pdf")
    eff, refused = E.effects_from_records(pd.DataFrame(rows))
    assert ((eff["vi"] > 0) & np.isfinite(eff["vi"]) & np.isfinite(eff["yi"])).all()
    assert eff["derivation"].str.len().gt(0).all() and refused["reason"].str.len().gt(0).all()


def test_implausibly_large_smd_is_flagged_for_review():
    recs = pd.DataFrame([
        _rec(1, "mm", "mean", 2.1, sd=0.4, n=30, group="ketamine", outcome="NRS", domain="pain"),
        _rec(2, "mm", "mean", 4.9, sd=0.5, n=30, group="placebo", outcome="NRS", domain="pain"),
    ])
    eff, _ = E.effects_from_records(recs)
    smd = eff[eff.measure == "SMD"].iloc[0]
    assert smd.yi < -3 and "implausible_smd" in smd["flags"] and "check that the SDs are not SEs" in smd.derivation


# --------------------------------------------------------------------------- direction of reported differences

def _reported_md(doc, value, sentence, domain="depression", lo=None, hi=None, **kw):
    return _rec(1, doc, "md", value, sentence=sentence, outcome=kw.pop("outcome", "MADRS"), domain=domain,
                ci_low=lo, ci_high=hi, ci_level=95, se=kw.pop("se", None if lo is not None else 1.5), **kw)


@pytest.mark.parametrize("value, lo, hi, sentence", [
    (7.6, 3.9, 11.3, "The mean difference in improvement on the MADRS between ketamine and placebo was 7.6 "
                     "(95% CI 3.9–11.3)."),
    (7.6, 3.9, 11.3, "The estimated mean difference in MADRS score between ketamine and placebo days was "
                     "7.6 points (95% CI 3.9–11.3) in favour of ketamine."),
    (5.2, 1.0, 9.4, "Ketamine produced a 5.2-point greater reduction in MADRS score than midazolam "
                    "(95% CI 1.0 to 9.4)."),
    (4.1, 0.2, 8.0, "The treatment difference (placebo minus ketamine) in MADRS total score was 4.1 "
                    "(95% CI 0.2 to 8.0)."),
    (3.0, 0.5, 5.5, "Difference in the decrease of depressive symptoms, ketamine vs saline: 3.0 (0.5 to 5.5)."),
])
def test_benefit_scored_differences_are_flipped_to_lower_is_better(value, lo, hi, sentence):
    eff, refused = E.effects_from_records(pd.DataFrame([_reported_md("dir", value, sentence, lo=lo, hi=hi)]))
    assert refused.empty, refused.reason.tolist()
    row = eff.iloc[0]
    assert row.yi == pytest.approx(-value) and "sign_flipped" in row["flags"]
    assert row.ci_lb < row.yi < row.ci_ub < 0  # the CI moves with the estimate
    assert f"sign flipped to {-value:g}" in row.derivation and f"reported mean difference {value:g}" in row.derivation


@pytest.mark.parametrize("value, sentence", [
    (-4.0, "At day 28 the MADRS total score had fallen more with esketamine (difference of least-squares "
           "means -4.0, SE 1.69)."),
    (-9.1, "24 h: LS mean difference from placebo (SE) -9.1 (3.08)"),
    (-3.5, "Change from baseline in MADRS, ketamine vs placebo: -3.5 (SE 1.2)."),
    (-5.2, "A greater reduction with ketamine than with midazolam (LS mean difference -5.2, SE 2.0)."),
    (-2.0, "Mean difference -2.0 in favour of ketamine."),
])
def test_differences_already_on_the_common_direction_are_kept(value, sentence):
    eff, refused = E.effects_from_records(pd.DataFrame([_reported_md("dir", value, sentence)]))
    assert refused.empty
    assert eff.iloc[0].yi == pytest.approx(value) and "sign_flipped" not in eff.iloc[0]["flags"]


def test_favouring_the_control_makes_the_difference_positive_and_b_follows_the_same_rule():
    eff, _ = E.effects_from_records(pd.DataFrame([
        _reported_md("fa", -1.4, "The NRS difference was -1.4 (SE 0.6), favouring placebo.", domain="pain",
                     outcome="NRS"),
        _rec(2, "fb", "b", 0.9, se=0.3, outcome="VAS", domain="pain",
             sentence="Ketamine was associated with a reduction in VAS pain (b 0.9, SE 0.3), in favour of ketamine."),
    ]))
    by = eff.set_index("study")
    assert by.loc["fa.pdf", "yi"] == pytest.approx(1.4) and "sign_flipped" in by.loc["fa.pdf", "flags"]
    assert by.loc["fb.pdf", "yi"] == pytest.approx(-0.9)


@pytest.mark.parametrize("sentence, domain, why", [
    ("The difference in improvement was 3.0 (SE 1.0) in favour of placebo.", "depression", "cues disagree"),
    ("Difference 2.5 (SE 1.0) in favour of the second period.", "depression", "names neither"),
    ("The difference in improvement of quality of life was 6.0 (SE 2.0).", "other", "not known"),
])
def test_undeterminable_direction_is_refused_with_the_reason(sentence, domain, why):
    value = float(re.search(r"(?:was|Difference) ([\d.]+)", sentence).group(1))
    eff, refused = E.effects_from_records(pd.DataFrame([_reported_md("un", value, sentence, domain=domain,
                                                                     se=1.0)]))
    assert eff.empty
    assert "direction cannot be determined" in refused.iloc[0].reason and why in refused.iloc[0].reason


# --------------------------------------------------------------------------- within-group d is not an SMD

def _pre_post_doc(doc="pp", design="In an open-label design, 20 patients received one ketamine infusion."):
    return [
        _rec(1, doc, "total_n", 20, sentence=design),
        _rec(2, doc, "mean", 34.0, sd=5.0, outcome="MADRS", domain="depression", timepoint="baseline",
             flags="table;baseline", sentence="Baseline 34.0 (5.0)"),
        _rec(3, doc, "mean", 18.0, sd=9.0, n=20, outcome="MADRS", domain="depression", timepoint="day 1",
             flags="table", sentence="Day 1 18.0 (9.0) n = 20, t19 = 9.1, p < 0.001, d = 2.1 [1.3, 2.8]"),
        _rec(4, doc, "d", 2.1, ci_low=1.3, ci_high=2.8, ci_level=95, outcome="MADRS", domain="depression",
             timepoint="day 1", flags="table",
             sentence="Day 1 18.0 (9.0) n = 20, t19 = 9.1, p < 0.001, d = 2.1 [1.3, 2.8]"),
    ]


def test_d_of_a_single_arm_study_is_a_within_group_change_on_the_post_minus_pre_direction():
    eff, refused = E.effects_from_records(pd.DataFrame(_pre_post_doc()))
    assert "SMD" not in set(eff.measure)
    smc = eff[eff.measure == "SMC"].iloc[0]
    assert smc.yi == pytest.approx(-2.1) and "sign_flipped" in smc["flags"]
    assert "single-arm" in smc.derivation and "not a between-group SMD" in smc.derivation
    assert "34 → 18" in smc.derivation
    # the SMCR computed from the means is a different measure (standardised by SD_pre)
    assert set(eff.measure) == {"SMC", "SMCR"}
    assert E.MEASURE_NAMES["SMC"] != E.MEASURE_NAMES["SMCR"]


@pytest.mark.parametrize("sentence, expected", [
    ("Within-group effect sizes from baseline were large with ketamine (d = 1.4, 95% CI 0.8 to 2.0); "
     "scores decreased in both groups.", -1.4),
    ("Pain fell from 7.1 to 3.2 (paired t test, d = 1.4, 95% CI 0.8 to 2.0).", -1.4),
    ("Scores rose from baseline to week 4 (d 1.4, 95% CI 0.8 to 2.0).", 1.4),
])
def test_within_group_wording_makes_a_d_an_smc_even_in_a_controlled_trial(sentence, expected):
    recs = pd.DataFrame([
        _rec(1, "wg", "group_n", 30, group="ketamine"), _rec(2, "wg", "group_n", 30, group="placebo"),
        _rec(3, "wg", "d", 1.4, ci_low=0.8, ci_high=2.0, ci_level=95, outcome="NRS", domain="pain", sentence=sentence),
    ])
    eff, refused = E.effects_from_records(recs)
    assert list(eff.measure) == ["SMC"] and eff.iloc[0].yi == pytest.approx(expected)


def test_between_group_d_in_change_from_baseline_stays_an_smd():
    recs = pd.DataFrame([
        _rec(1, "bg", "group_n", 30, group="ketamine"), _rec(2, "bg", "group_n", 30, group="placebo"),
        _rec(3, "bg", "d", -0.6, ci_low=-1.1, ci_high=-0.1, ci_level=95, outcome="MADRS", domain="depression",
             sentence="For the change from baseline, ketamine vs placebo gave d = -0.6 (95% CI -1.1 to -0.1)."),
    ])
    eff, _ = E.effects_from_records(recs)
    assert list(eff.measure) == ["SMD"] and eff.iloc[0].yi == pytest.approx(-0.6)


def test_within_group_d_without_a_direction_is_refused():
    recs = pd.DataFrame([
        _rec(1, "nd", "total_n", 12, sentence="A single-arm pilot in 12 patients."),
        _rec(2, "nd", "d", 1.1, ci_low=0.4, ci_high=1.8, ci_level=95, outcome="MADRS", domain="depression",
             sentence="The pre-post effect size was d = 1.1 (95% CI 0.4 to 1.8)."),
    ])
    eff, refused = E.effects_from_records(recs)
    assert eff.empty and "direction of the change cannot be determined" in refused.iloc[0].reason


# --------------------------------------------------------------------------- dose arms and implausible SDs

def test_reported_dose_arm_differences_rank_after_the_combined_arm_contrast():
    recs = pd.DataFrame([
        _rec(1, "da", "group_n", 33, group="placebo"), _rec(2, "da", "group_n", 11, group="esketamine 28 mg"),
        _rec(3, "da", "group_n", 12, group="esketamine 84 mg"),
        _rec(4, "da", "mean", -4.9, se=1.74, group="placebo", outcome="MADRS", domain="depression", timepoint="day 8"),
        _rec(5, "da", "mean", -9.8, se=2.72, group="esketamine 28 mg", outcome="MADRS", domain="depression",
             timepoint="day 8"),
        _rec(6, "da", "mean", -15.3, se=2.56, group="esketamine 84 mg", outcome="MADRS", domain="depression",
             timepoint="day 8"),
        _rec(7, "da", "md", -10.5, se=2.79, group="esketamine 84 mg", outcome="MADRS", domain="depression",
             timepoint="day 8", sentence="Day 8: LS mean difference from placebo (SE) -5.0 (2.99) -10.5 (2.79)"),
    ])
    eff, _ = E.effects_from_records(recs)
    md = eff[eff.measure == "MD"].set_index("priority")
    assert "combined" in md.loc[0, "derivation"]
    assert "one_of_several_arms" in md.loc[2, "flags"]


def test_sds_that_give_an_implausible_g_flag_the_md_too():
    recs = pd.DataFrame([
        _rec(1, "se", "group_n", 30, group="ketamine"), _rec(2, "se", "group_n", 30, group="placebo"),
        _rec(3, "se", "mean", 2.68, sd=0.51, group="ketamine", outcome="NRS", domain="pain", timepoint="week 1"),
        _rec(4, "se", "mean", 5.45, sd=0.48, group="placebo", outcome="NRS", domain="pain", timepoint="week 1"),
    ])
    eff, _ = E.effects_from_records(recs)
    by = eff.set_index("measure")
    assert "implausible_smd" in by.loc["SMD", "flags"] and "sd_maybe_se" in by.loc["MD", "flags"]
    assert "check that the SDs are not SEs" in by.loc["MD", "derivation"]


def test_ketamine_with_a_control_drug_is_the_intervention_against_an_active_comparator():
    recs = pd.DataFrame([
        _rec(1, "km", "group_n", 118, group="ketamine-midazolam"), _rec(2, "km", "group_n", 118, group="morphine"),
        _rec(3, "km", "mean", 2.1, sd=1.1, group="ketamine-midazolam", outcome="VAS", domain="pain", timepoint="30 min"),
        _rec(4, "km", "mean", 2.9, sd=1.0, group="morphine", outcome="VAS", domain="pain", timepoint="30 min"),
    ])
    eff, _ = E.effects_from_records(recs)
    md = eff[eff.measure == "MD"].iloc[0]
    assert md.yi == pytest.approx(2.1 - 2.9) and "ketamine-midazolam vs morphine" in md.derivation


def test_vital_signs_beside_a_pain_score_do_not_inherit_the_pain_domain():
    recs = pd.DataFrame([
        _rec(1, "vs", "instrument", None, outcome="VAS", domain="pain"),
        _rec(2, "vs", "group_n", 40, group="ketamine"), _rec(3, "vs", "group_n", 40, group="placebo"),
        _rec(4, "vs", "mean", 3.1, sd=1.2, group="ketamine", outcome="VAS"),
        _rec(5, "vs", "mean", 4.0, sd=1.3, group="placebo", outcome="VAS"),
        _rec(6, "vs", "mean", 128.0, sd=12.0, group="ketamine", outcome="Systolic blood pressure"),
        _rec(7, "vs", "mean", 121.0, sd=11.0, group="placebo", outcome="Systolic blood pressure"),
        _rec(8, "vs", "mean", 42.0, sd=9.0, group="ketamine", outcome="Time to first analgesic (min)"),
        _rec(9, "vs", "mean", 25.0, sd=8.0, group="placebo", outcome="Time to first analgesic (min)"),
    ])
    eff, _ = E.effects_from_records(recs)
    domains = eff.groupby("outcome")["domain"].first()
    assert domains["VAS"] == "pain"
    assert pd.isna(domains["Systolic blood pressure"]) and pd.isna(domains["Time to first analgesic (min)"])


def test_an_other_domain_scale_beside_the_pain_score_leaves_the_document_domain_pain():
    # "Pain (NRS) ... sedation (RASS)": the unlabelled arm means still take the trial's pain domain
    recs = pd.DataFrame([
        _rec(1, "rs", "instrument", None, outcome="NRS", domain="pain"),
        _rec(2, "rs", "instrument", None, outcome="RASS", domain="other"),
        _rec(3, "rs", "group_n", 30, group="ketamine"), _rec(4, "rs", "group_n", 30, group="placebo"),
        _rec(5, "rs", "mean", 2.8, sd=1.1, group="ketamine", timepoint="24 h"),
        _rec(6, "rs", "mean", 3.9, sd=1.4, group="placebo", timepoint="24 h"),
    ])
    eff, _ = E.effects_from_records(recs)
    md = eff[eff.measure == "MD"].iloc[0]
    assert md.domain == "pain" and md.outcome == "NRS"
    recs.loc[1, "domain"] = "depression"  # two symptom domains: no guess
    eff, _ = E.effects_from_records(recs)
    assert eff["domain"].isna().all()


@pytest.mark.parametrize("label, t, c, scoring, md", [
    ("MADRS LS mean change", -15.3, -4.9, "change_score", -10.4),
    ("MADRS", -12.0, -5.0, "change_score", -7.0),  # negative symptom scores can only be changes
    ("MADRS mean reduction from baseline", 15.3, 4.9, "sign_flipped", -10.4),
    ("MADRS", 14.8, 22.7, None, -7.9),
])
def test_arm_means_scored_as_change_or_benefit_are_marked_and_put_on_lower_is_better(label, t, c, scoring, md):
    recs = pd.DataFrame([
        _rec(1, "cs", "group_n", 20, group="ketamine"), _rec(2, "cs", "group_n", 20, group="placebo"),
        _rec(3, "cs", "mean", t, sd=8.0, group="ketamine", outcome=label, domain="depression", timepoint="day 8"),
        _rec(4, "cs", "mean", c, sd=8.0, group="placebo", outcome=label, domain="depression", timepoint="day 8"),
    ])
    eff, _ = E.effects_from_records(recs)
    row = eff[eff.measure == "MD"].iloc[0]
    assert row.yi == pytest.approx(md)
    flags = row["flags"].split(";")
    assert (scoring in flags) if scoring else ("change_score" not in flags and "sign_flipped" not in flags)


@pytest.mark.parametrize("name, canon", [
    ("MADRS-SI", "MADRS-SI"), ("MADRS suicide item", "MADRS suicide item"), ("MADRS item 10", "MADRS item 10"),
    ("MADRS total", "MADRS"), ("MADRS LS mean change", "MADRS"), ("HDRS-17", "HAM-D"), ("VAS, recovery unit", "VAS"),
])
def test_an_item_or_subscale_is_not_its_total_scale(name, canon):
    assert E.normalise_outcome(name) == canon


def test_a_suicide_item_does_not_take_the_place_of_the_total_score_in_a_pre_post_study():
    rows = _pre_post_doc("si")
    rows += [_rec(7, "si", "mean", 5.9, sd=0.3, outcome="MADRS-SI", domain="other", timepoint="baseline",
                  flags="baseline", sentence="MADRS-SI fell from 5.9 (0.3) at baseline to 0.8 (1.2) at day 1."),
             _rec(8, "si", "mean", 0.8, sd=1.2, outcome="MADRS-SI", domain="other", timepoint="day 1",
                  sentence="MADRS-SI fell from 5.9 (0.3) at baseline to 0.8 (1.2) at day 1.")]
    eff, _ = E.effects_from_records(pd.DataFrame(rows))
    smcr = eff[(eff.measure == "SMCR")].set_index("outcome")
    assert "from baseline 34 (SD 5) to 18" in smcr.loc["MADRS", "derivation"]
    assert "from baseline 5.9" in smcr.loc["MADRS-SI", "derivation"]


def test_smcr_from_a_squeezed_baseline_sd_is_flagged():
    rows = [_rec(1, "sq", "total_n", 16, sentence="Sixteen patients in an open-label pilot."),
            _rec(2, "sq", "mean", 5.9, sd=0.25, outcome="MADRS-SI", domain="other", timepoint="baseline",
                 flags="baseline"),
            _rec(3, "sq", "mean", 0.8, sd=1.2, outcome="MADRS-SI", domain="other", timepoint="day 1")]
    eff, _ = E.effects_from_records(pd.DataFrame(rows))
    row = eff[eff.measure == "SMCR"].iloc[0]
    assert row.yi < -6 and "implausible_smcr" in row["flags"] and "baseline SD 0.25 is very small" in row.derivation
