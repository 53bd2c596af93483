"""`evidencekit pool` (CLI) and synthesis.pool_outcome (library) against metafor's numbers."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from evidencekit import effects as E
from evidencekit.cli import cli
from evidencekit.errors import StatisticsError
from evidencekit.synthesis import pool_outcome

ORACLE = Path(__file__).parent / "data" / "metafor"
REF = json.loads((ORACLE / "reference.json").read_text())
METHODS = ("EE", "DL", "REML", "ML", "PM", "HE", "SJ", "HS", "EB")
# our JSON key -> metafor's name; Q-profile CIs are compared at 1e-5 (iterative root finding)
KEYS = {"estimate": "estimate", "se": "se", "zval": "zval", "pval": "pval", "ci_lb": "ci.lb",
        "ci_ub": "ci.ub", "tau2": "tau2", "I2": "I2", "H2": "H2", "QE": "QE", "QEp": "QEp",
        "pi_lb": "pi.lb", "pi_ub": "pi.ub"}
CI_KEYS = {"tau2_ci_lb": "tau2.ci.lb", "tau2_ci_ub": "tau2.ci.ub"}


def _pool_json(tmp_path, *args):
    res = CliRunner().invoke(cli, ["pool", "--out", str(tmp_path / "out"), "--json", "--no-plots", *args])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _close(ours, ref, rtol):
    if ref is None:
        return ours is None
    if ref == 0:
        return abs(ours) < 1e-8
    return ours == pytest.approx(ref, rel=rtol)


def _check(out, ref):
    bad = {k: (out[k], ref[m]) for k, m in KEYS.items() if not _close(out[k], ref[m], 1e-6)}
    bad.update({k: (out[k], ref[m]) for k, m in CI_KEYS.items() if m in ref and not _close(out[k], ref[m], 1e-5)})
    assert not bad, bad
    assert out["k"] == ref["k"]


@pytest.fixture(scope="module")
def yivi_csvs(tmp_path_factory):
    base = tmp_path_factory.mktemp("inputs")
    paths = {}
    for name in REF["datasets"]:
        d = pd.read_csv(ORACLE / "inputs" / f"{name}.csv")
        p = base / f"{name}.csv"
        d.to_csv(p, index=False)
        paths[name] = p
    return paths


@pytest.mark.parametrize("test", ["z", "knha"])
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("dataset", ["bcg", "normand", "molloy", "cannon"])
def test_cli_study_yi_vi_matches_metafor(tmp_path, yivi_csvs, dataset, method, test):
    out = _pool_json(tmp_path, "--input", str(yivi_csvs[dataset]), "--method", method, "--test", test)
    assert out["method"] == method and out["test"] == test
    _check(out, REF["datasets"][dataset]["models"][method][test])


def _arm_level(name, tmp_path):
    d = pd.read_csv(ORACLE / "inputs" / f"{name}.csv")
    if name == "bcg":
        d = d.assign(ai=d.tpos, n1i=d.tpos + d.tneg, ci=d.cpos, n2i=d.cpos + d.cneg)[["author", "year", "ai", "n1i", "ci", "n2i", "ablat", "alloc"]]
    elif name == "cannon":
        d = d.assign(ai=d.ep1t, n1i=d.nt, ci=d.ep1c, n2i=d.nc)[["trial", "ai", "n1i", "ci", "n2i"]]
    elif name == "normand":
        d = d[["source", "n1i", "m1i", "sd1i", "n2i", "m2i", "sd2i"]].rename(columns={"source": "study"})
    else:
        d = d[["authors", "year", "ri", "ni"]].rename(columns={"authors": "study"})
    path = tmp_path / f"{name}_arms.csv"
    d.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("dataset, args", [
    ("bcg", ["--measure", "RR"]), ("cannon", ["--measure", "RR"]),
    ("normand", ["--smd", "metafor"]), ("molloy", []),
])
@pytest.mark.parametrize("method, test", [("REML", "z"), ("DL", "knha"), ("PM", "z")])
def test_cli_arm_level_matches_metafor(tmp_path, dataset, args, method, test):
    out = _pool_json(tmp_path, "--input", str(_arm_level(dataset, tmp_path)), "--method", method,
                     "--test", test, *args)
    _check(out, REF["datasets"][dataset]["models"][method][test])
    assert out["measure"] == REF["datasets"][dataset]["measure"].upper().replace("SMD", "SMD")
    if dataset == "normand":
        assert out["smd_convention"] == "metafor"


def test_arm_level_bcg_odds_ratio_default_measure(tmp_path):
    out = _pool_json(tmp_path, "--input", str(_arm_level("bcg", tmp_path)))
    assert out["measure"] == "OR"
    y = np.array([s["yi"] for s in out["studies"]])
    np.testing.assert_allclose(y, REF["escalc"]["values"]["bcg_OR"]["yi"], rtol=1e-6)


def test_normand_default_is_cochrane_and_differs_from_metafor(tmp_path):
    path = _arm_level("normand", tmp_path)
    coch = _pool_json(tmp_path, "--input", str(path))
    mf = _pool_json(tmp_path, "--input", str(path), "--smd", "metafor")
    assert coch["smd_convention"] == "cochrane" and mf["smd_convention"] == "metafor"
    assert coch["estimate"] != pytest.approx(mf["estimate"], rel=1e-6)


@pytest.mark.parametrize("method", ["DL", "REML"])
def test_cli_by_matches_metafor_subgroups(tmp_path, method):
    out = _pool_json(tmp_path, "--input", str(_arm_level("bcg", tmp_path)), "--measure", "RR",
                     "--by", "alloc", "--method", method)
    ref = REF["subgroup"]["results"][method]
    # metafor's per-subgroup REML fits in the oracle agree with ours to ~4e-6 (tau2): 1e-5 here.
    rtol = 1e-6 if method == "DL" else 1e-5
    assert out["Qbetween"] == pytest.approx(ref["Qbetween_separate_tau2"], rel=rtol)
    assert out["Qbetween_p"] == pytest.approx(ref["Qbetween_p"], rel=rtol)
    assert out["Qbetween_df"] == ref["QM_df"]
    for name, g in ref["subgroups"].items():
        for key in ("k", "estimate", "se", "tau2", "QE", "I2"):
            assert out["subgroups"][name][key] == pytest.approx(g[key], rel=rtol), (name, key)


@pytest.mark.parametrize("method, test", [("REML", "z"), ("DL", "knha"), ("EE", "z")])
def test_cli_moderator_matches_metafor_metareg(tmp_path, method, test):
    out = _pool_json(tmp_path, "--input", str(_arm_level("bcg", tmp_path)), "--measure", "RR",
                     "--moderator", "ablat", "--method", method, "--test", test)
    ref = REF["metareg"]["models"][method][test]
    coefs = out["coefficients"]
    assert [c["name"] for c in coefs] == ref["names"]
    for key, rkey in [("estimate", "estimate"), ("se", "se"), ("zval", "zval"), ("pval", "pval"),
                      ("ci_lb", "ci.lb"), ("ci_ub", "ci.ub")]:
        np.testing.assert_allclose([c[key] for c in coefs], ref[rkey], rtol=1e-6)
    assert out["QM"] == pytest.approx(ref["QM"], rel=1e-6)
    assert out["QMp"] == pytest.approx(ref["QMp"], rel=1e-6)
    assert out["R2"] == pytest.approx(ref["R2"], rel=1e-6)


# ------------------------------------------------------------------ errors, one line each

def _pool_error(tmp_path, *args):
    res = CliRunner().invoke(cli, ["pool", "--out", str(tmp_path / "out"), "--no-plots", *args])
    assert res.exit_code == 1
    msg = res.output.strip()
    assert msg.startswith("Error: ") and "\n" not in msg and "Traceback" not in msg
    return msg


def test_error_k_less_than_two(tmp_path):
    p = tmp_path / "one.csv"
    pd.DataFrame({"study": ["A"], "yi": [0.3], "vi": [0.04]}).to_csv(p, index=False)
    assert "at least 2 studies" in _pool_error(tmp_path, "--input", str(p))


def test_error_zero_or_negative_variance_names_study(tmp_path):
    p = tmp_path / "zero.csv"
    pd.DataFrame({"study": ["A", "Bravo", "C"], "yi": [0.3, 0.1, 0.2], "vi": [0.04, 0.0, 0.02]}).to_csv(p, index=False)
    msg = _pool_error(tmp_path, "--input", str(p))
    assert "Bravo" in msg and "variance" in msg
    pd.DataFrame({"study": ["A", "B", "Cee"], "yi": [0.3, 0.1, 0.2], "vi": [0.04, 0.1, -0.02]}).to_csv(p, index=False)
    assert "Cee" in _pool_error(tmp_path, "--input", str(p))


def test_error_mixed_measures_and_measure_choice(tmp_path):
    p = tmp_path / "mixed.csv"
    pd.DataFrame({"study": list("ABCD"), "yi": [0.3, 0.1, 0.2, -0.1], "vi": [0.04, 0.1, 0.02, 0.05],
                  "measure": ["SMD", "SMD", "OR", "SMD"]}).to_csv(p, index=False)
    assert "mixed measures (OR, SMD)" in _pool_error(tmp_path, "--input", str(p))
    out = _pool_json(tmp_path, "--input", str(p), "--measure", "SMD")
    assert out["k"] == 3 and out["excluded"][0]["study"] == "C"
    assert "not commensurable with SMD" in out["excluded"][0]["reason"]


def test_error_missing_columns_and_unknown_outcome(tmp_path):
    p = tmp_path / "bad.csv"
    pd.DataFrame({"study": ["A", "B"], "effect": [1, 2]}).to_csv(p, index=False)
    assert "missing columns" in _pool_error(tmp_path, "--input", str(p))
    out = tmp_path / "out"
    out.mkdir()
    _tiny_evidence().to_csv(out / "evidence.csv", index=False)
    msg = _pool_error(tmp_path, "--outcome", "anxiety")
    assert "no effects for outcome anxiety; outcomes available: depression, pain" in msg


# ------------------------------------------------------------------ end to end from records

def _r(i, doc, kind, value, **kw):
    row = {"record_id": f"r{doc}{i:03d}", "doc_sha256": f"sha{doc}", "file": f"{doc}.pdf", "page": 1,
           "char_start": i * 10, "char_end": i * 10 + 5, "sentence": kw.pop("sentence", f"{doc}-{i}"),
           "rule_id": "test", "kind": kind, "value": value, "flags": kw.pop("flags", "")}
    row.update(kw)
    return row


def _tiny_evidence() -> pd.DataFrame:
    """Three ketamine-vs-control trials on MADRS/HDRS (means/SDs/n), one reporting a b only, and
    a pain trial; written here, not by the extractor."""
    rows = []
    arms = {"trialA": (24, 14.8, 9.1, 23, 22.7, 8.4), "trialB": (18, 18.0, 7.5, 18, 24.0, 8.0),
            "trialC": (30, 16.2, 10.1, 29, 19.9, 9.7)}
    inst = {"trialA": "MADRS", "trialB": "HDRS", "trialC": "MADRS"}
    for doc, (n1, m1, s1, n2, m2, s2) in arms.items():
        rows += [
            _r(1, doc, "group_n", n1, group="ketamine"), _r(2, doc, "group_n", n2, group="saline"),
            _r(3, doc, "mean", m1, sd=s1, group="ketamine", outcome=inst[doc], domain="depression",
               timepoint="24 h"),
            _r(4, doc, "mean", m2, sd=s2, group="saline", outcome=inst[doc], domain="depression",
               timepoint="24 h"),
        ]
        if doc != "trialC":  # trialC reports 24 h only, so 24 h is the most common timepoint
            rows += [
                _r(5, doc, "mean", m1 + 3, sd=s1, group="ketamine", outcome=inst[doc], domain="depression",
                   timepoint="day 7"),
                _r(6, doc, "mean", m2 + 1, sd=s2, group="saline", outcome=inst[doc], domain="depression",
                   timepoint="day 7"),
            ]
    rows.append(_r(1, "trialD", "b", -3.2, se=1.1, outcome="MADRS", domain="depression"))
    rows.append(_r(2, "trialD", "p", 0.02, p_op="=", p_value=0.02, outcome="MADRS", domain="depression"))
    rows += [_r(1, "painA", "md", -1.2, ci_low=-2.0, ci_high=-0.4, ci_level=95, n=60, outcome="NRS", domain="pain"),
             _r(2, "painB", "md", -0.6, ci_low=-1.5, ci_high=0.3, ci_level=95, n=44, outcome="NRS", domain="pain")]
    return pd.DataFrame(rows)


def test_end_to_end_from_evidence_csv(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _tiny_evidence().to_csv(out / "evidence.csv", index=False)
    res = pool_outcome(out_dir=out, outcome="depression")
    assert res.measure == "SMD" and res.pooled.k == 3 and res.smd_convention == "cochrane"
    # 24 h is shared by all three studies: it is the analysed timepoint
    assert set(res.studies["timepoint"]) == {"24 h"}
    assert "trialA.pdf: timepoint 24 h used (most common across studies)" in res.notes
    g, v = E.smd(14.8, 9.1, 24, 22.7, 8.4, 23)
    row = res.studies[res.studies.study == "trialA.pdf"].iloc[0]
    assert row.yi == pytest.approx(g[()]) and row.vi == pytest.approx(v[()])
    reasons = " | ".join(res.excluded["reason"])
    assert "measure B (regression coefficient b (scale units)) not commensurable with SMD" in reasons
    assert "measure MD" in reasons and "one effect per study" in reasons
    assert "p without its estimate" in reasons
    assert weights_sum(res) == pytest.approx(100)
    for key in ("csv", "json", "forest", "funnel"):
        assert Path(res.paths[key]).exists()
    saved = json.loads(Path(res.paths["json"]).read_text())
    assert saved["k"] == 3 and saved["smd_convention"] == "cochrane"
    table = pd.read_csv(res.paths["csv"])
    assert list(table["row"]) == ["study"] * 3 + ["pooled"]


def weights_sum(res):
    return res.studies["weight"].sum()


def test_end_to_end_instrument_synonyms_and_md(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _tiny_evidence().to_csv(out / "evidence.csv", index=False)
    # HDRS is HAM-D; only one trial used it, so there is nothing to pool on that instrument
    with pytest.raises(StatisticsError, match="k = 1"):
        pool_outcome(out_dir=out, outcome="HAM-D", measure="MD", write=False)
    madrs = pool_outcome(out_dir=out, outcome="madrs", write=False, measure="MD")
    assert madrs.pooled.k == 2 and madrs.measure == "MD"
    pain = pool_outcome(out_dir=out, outcome="pain", write=False)
    assert pain.measure == "MD" and pain.pooled.k == 2
    se = (-0.4 - -2.0) / (2 * E.critical_value(95, 58))
    assert pain.studies.iloc[0]["vi"] == pytest.approx(se ** 2)


def test_cli_table_output_names_test_convention_and_exclusions(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _tiny_evidence().to_csv(out / "evidence.csv", index=False)
    res = CliRunner().invoke(cli, ["pool", "--outcome", "depression", "--out", str(out), "--test", "knha",
                                   "--smd", "metafor"])
    assert res.exit_code == 0, res.output
    text = res.output
    assert "Knapp–Hartung t(2)" in text and "SMD convention: metafor" in text
    assert "Prediction interval" in text and "I² =" in text and "tau² =" in text
    assert "not commensurable with SMD" in text
    assert (out / "forest_depression.png").stat().st_size > 10_000


def test_smcr_sensitivity_over_r(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    rows = []
    for j, (pre, post, n) in enumerate([(30, 18, 18), (28, 20, 22), (32, 15, 15)]):
        doc = f"open{j}"
        rows += [_r(1, doc, "mean", pre, sd=6.0, n=n, group="ketamine", outcome="MADRS", domain="depression",
                    flags="baseline"),
                 _r(2, doc, "mean", post, sd=8.0, n=n, group="ketamine", outcome="MADRS", domain="depression",
                    timepoint="day 7")]
    pd.DataFrame(rows).to_csv(out / "evidence.csv", index=False)
    res = pool_outcome(out_dir=out, outcome="depression", r=0.5, write=False)
    assert res.measure == "SMCR"
    sens = res.sensitivity.set_index("r")
    assert sens.loc[0.5, "estimate"] == pytest.approx(res.pooled.estimate)
    assert list(sens.index) == [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    assert sens["estimate"].nunique() > 1  # the assumption matters under REML
    # a higher assumed correlation gives smaller variances: under equal effects a narrower CI
    ee = pool_outcome(out_dir=out, outcome="depression", method="EE", write=False).sensitivity.set_index("r")
    width = ee["ci_ub"] - ee["ci_lb"]
    assert width.is_monotonic_decreasing and width[0.8] < width[0.2]
    assert "pre–post correlation r = 0.5" in " ".join(res.notes)


def test_reads_the_evidence_store_when_present(tmp_path):
    """With DIR/evidence.db the store is read (its year labels studies), not evidence.csv."""
    from array import array

    from evidencekit.records import Document, Record
    from evidencekit.store import open_store

    out = tmp_path / "out"
    out.mkdir()
    pain = _tiny_evidence().query("domain == 'pain'")
    with open_store(out / "evidence.db") as store:
        run = store.begin_run("test", "rules", None)
        for doc_name, grp in pain.groupby("file"):
            doc = Document(path=doc_name, sha256=grp.doc_sha256.iloc[0], format="txt", text="x" * 100,
                           page_starts=(0,), origin=array("i", range(100)), year=2019)
            recs = [Record(doc_sha256=doc.sha256, file=doc_name, page=1, char_start=int(r.char_start),
                           char_end=int(r.char_end), sentence=r.sentence, rule_id="test", kind=r.kind,
                           value=r.value, ci_low=r.ci_low, ci_high=r.ci_high, ci_level=r.ci_level,
                           n=int(r.n), outcome=r.outcome, domain=r.domain) for r in grp.itertuples()]
            store.write_document(doc, recs, run, "rules", "test")
    # a decoy CSV that must not be read
    _tiny_evidence().query("domain == 'depression'").to_csv(out / "evidence.csv", index=False)
    res = pool_outcome(out_dir=out, outcome="pain", write=False)
    assert res.pooled.k == 2 and res.measure == "MD"
    with pytest.raises(StatisticsError, match="no effects for outcome depression"):
        pool_outcome(out_dir=out, outcome="depression", write=False)


def test_copies_of_one_article_count_once(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    ev = _tiny_evidence()
    ev["doi"] = ev["file"].map(lambda f: f"10.1/{f}")
    copy = ev[ev.file == "trialA.pdf"].assign(doc_sha256="shacopy", file="trialA_copy.txt",
                                               record_id=lambda d: d.record_id + "c")
    pd.concat([ev, copy]).to_csv(out / "evidence.csv", index=False)
    res = pool_outcome(out_dir=out, outcome="depression", write=False)
    assert res.pooled.k == 3 and "trialA_copy.txt" not in set(res.studies.study)
    assert any("another copy of the same article (10.1/triala.pdf): trialA.pdf used" == r
               for r in res.excluded.reason)


def test_json_carries_egger_trimfill_and_leave_one_out_as_metafor(tmp_path, yivi_csvs):
    out = _pool_json(tmp_path, "--input", str(yivi_csvs["bcg"]), "--measure", "RR")
    eg = REF["bias"]["bcg"]["regtest_rma_sei_REML"]
    assert out["egger"]["zval"] == pytest.approx(eg["zval"], rel=1e-6)
    assert out["egger"]["pval"] == pytest.approx(eg["pval"], rel=1e-6)
    tf = REF["bias"]["bcg"]["trimfill_REML"]
    assert out["trimfill"]["k0"] == tf["k0"] and out["trimfill"]["side"] == tf["side"]
    assert out["trimfill"]["estimate"] == pytest.approx(tf["estimate"], rel=1e-6)
    l1o = REF["leave1out"]["REML_z"]
    np.testing.assert_allclose([r["estimate"] for r in out["leave1out"]], l1o["estimate"], rtol=1e-6)
    assert not any("little power" in n for n in out["notes"])  # k = 13


def test_records_support_by_and_moderator_columns(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    ev = _tiny_evidence()
    ev["year"] = ev["file"].map({"trialA.pdf": 2006, "trialB.pdf": 2010, "trialC.pdf": 2013}).astype("Int64")
    ev.to_csv(out / "evidence.csv", index=False)
    res = pool_outcome(out_dir=out, outcome="depression", moderator="year", by="outcome", write=False)
    assert list(res.metareg.coefficients["name"]) == ["intrcpt", "year"]
    assert set(res.subgroups.groups) == {"HAM-D", "MADRS"}
    with pytest.raises(StatisticsError, match="no column 'dose'"):
        pool_outcome(out_dir=out, outcome="depression", by="dose", write=False)


def test_cli_reproduces_published_r_meta_smd_analysis(tmp_path):
    """`pool --input` on the Fleiss 1993 arm-level table gives what R meta printed (RevMan formulas)."""
    csv = Path(__file__).parent / "data" / "revman" / "fleiss1993cont.csv"
    out = _pool_json(tmp_path, "--input", str(csv), "--method", "DL")
    assert out["smd_convention"] == "cochrane" and out["measure"] == "SMD"
    assert (round(out["estimate"], 4), round(out["ci_lb"], 4), round(out["ci_ub"], 4)) == (-0.3434, -0.6068, -0.0800)
    assert [round(s["weight"], 2) for s in out["studies"]] == [11.54, 32.58, 31.23, 18.02, 6.63]
    res = CliRunner().invoke(cli, ["pool", "--input", str(csv), "--method", "DL", "--out", str(tmp_path / "o")])
    assert "-0.343 [-0.607, -0.080]" in res.output and "Wald z = -2.555" in res.output


def test_md_counts_only_studies_on_one_instrument_when_choosing_the_measure():
    from evidencekit.synthesis import choose_measure

    eff = pd.DataFrame({
        "study": ["A", "B", "C", "A", "B"], "measure": ["MD", "MD", "MD", "SMD", "SMD"],
        "outcome": ["MADRS", "HAM-D", "BDI", "MADRS", "HAM-D"], "yi": 0.1, "vi": 0.1,
    })
    notes = []
    measure, kept, excluded = choose_measure(eff, None, notes)
    assert measure == "SMD" and len(kept) == 2 and "MD (1 on BDI)" in notes[0]


def _md_frame(rows):
    """(study, instrument, timepoint) -> an MD effects frame."""
    return pd.DataFrame([{"study": s, "measure": "MD", "outcome": o, "timepoint": t, "yi": -1.0, "vi": 1.0}
                         for s, o, t in rows])


def test_md_instrument_is_the_one_with_most_studies_not_most_rows():
    from evidencekit.synthesis import md_instruments

    # MADRS: 2 studies reporting 3 timepoints each (6 rows); HAM-D/HDRS: 3 studies, one row each
    rows = [(s, "MADRS", t) for s in ("mD", "mE") for t in ("day 1", "day 7", "day 14")]
    rows += [("hA", "HAM-D", "day 1"), ("hB", "HDRS", "day 1"), ("hC", "HAM-D", "day 1")]
    ranked = md_instruments(_md_frame(rows))
    assert [(i.name, i.n_studies, i.n_rows) for i in ranked] == [("HAM-D", 3, 3), ("MADRS", 2, 6)]
    assert ranked[0].studies == ["hA", "hB", "hC"] and ranked[0].tie == ""


def test_md_instrument_ties_on_studies_are_broken_by_rows_then_named_then_name_whatever_the_row_order():
    from evidencekit.synthesis import md_instruments

    def first(rows):
        chosen = {md_instruments(_md_frame(order))[0].name for order in (rows, rows[::-1], rows[1:] + rows[:1])}
        assert len(chosen) == 1  # row order never decides
        return md_instruments(_md_frame(rows))[0]

    more_rows = first([("a", "VAS", "1 h"), ("b", "VAS", "1 h"), ("c", "NRS", "1 h"), ("c", "NRS", "2 h"),
                       ("d", "NRS", "1 h")])
    assert more_rows.name == "NRS" and more_rows.tie == "tie on 2 studies with VAS: more effect rows"
    named = first([("a", None, "1 h"), ("b", None, "1 h"), ("c", "NRS", "1 h"), ("d", "NRS", "1 h")])
    assert named.name == "NRS" and named.tie.endswith("a named instrument")
    by_name = first([("a", "VAS", "1 h"), ("c", "NRS", "1 h"), ("b", "BPI", "1 h")])
    assert by_name.name == "BPI" and by_name.tie == "tie on 1 study with NRS: name, alphabetically"


def _md_trials_most_rows_on_fewer_studies():
    """HAM-D MDs from 3 trials (one timepoint each); MADRS MDs from 2 trials at 3 timepoints each
    (6 rows, more than HAM-D's 3); SMDs from 2 other trials."""
    rows = []
    for doc, inst in (("hA", "HAM-D"), ("hB", "HDRS"), ("hC", "HAM-D")):
        rows.append(_r(1, doc, "md", -3.0, se=1.2, outcome=inst, domain="depression", timepoint="day 1",
                       sentence=f"{inst} on day 1: difference from placebo -3.0 (SE 1.2)"))
    for doc in ("mD", "mE"):
        for i, day in enumerate((1, 7, 14)):
            rows.append(_r(1 + i, doc, "md", -5.0 - i, se=2.0, outcome="MADRS", domain="depression",
                           timepoint=f"day {day}", sentence=f"Day {day}: MADRS LS mean difference -{5 + i} (SE 2.0)"))
    for doc in ("sF", "sG"):
        rows.append(_r(1, doc, "smd", -0.5, ci_low=-1.0, ci_high=0.0, ci_level=95, outcome="MADRS",
                       domain="depression", sentence="Ketamine vs placebo: SMD -0.5 (95% CI -1.0 to 0.0)."))
    return rows


def test_md_pools_the_instrument_with_most_studies_and_the_notes_say_exactly_what(tmp_path):
    """Before, the measure was chosen on 3 HAM-D studies but the 6 MADRS rows (2 studies) were pooled."""
    res = pool_outcome(out_dir=_write(tmp_path, _md_trials_most_rows_on_fewer_studies()), outcome="depression",
                       write=False)
    assert res.measure == "MD" and res.pooled.k == 3
    assert set(res.studies["study"]) == {"hA.pdf", "hB.pdf", "hC.pdf"}
    assert "measure MD chosen: most studies (3 on HAM-D); also found SMD (2)" in res.notes[0]
    assert ("MD pooled on HAM-D only (most studies): 3 studies (hA.pdf, hB.pdf, hC.pdf); set aside as not "
            "comparable (different scales): MADRS (2 studies: mD.pdf, mE.pdf; 6 effects)") in res.notes
    madrs = res.excluded[(res.excluded.measure == "MD") & (res.excluded.outcome == "MADRS")]
    assert len(madrs) == 6 and madrs["reason"].str.contains("not commensurable with MD on HAM-D").all()
    # the command line pools the same studies
    out = _pool_json(tmp_path, "--outcome", "depression")
    assert out["k"] == 3 and sorted(s["study"] for s in out["studies"]) == ["hA.pdf", "hB.pdf", "hC.pdf"]


def test_md_instrument_asked_for_explicitly_pools_only_its_studies(tmp_path):
    out = _write(tmp_path, _md_trials_most_rows_on_fewer_studies())
    res = pool_outcome(out_dir=out, outcome="MADRS", measure="MD", write=False)
    assert res.pooled.k == 2 and set(res.studies["study"]) == {"mD.pdf", "mE.pdf"}
    assert not any(n.startswith("MD pooled on") for n in res.notes)  # one instrument: nothing set aside


def test_error_non_numeric_cell_names_the_study(tmp_path):
    p = tmp_path / "typo.csv"
    pd.DataFrame({"study": ["A", "B", "C"], "n1i": [10, 12, "1O"], "m1i": [1, 2, 3], "sd1i": [1, 1, 1],
                  "n2i": [10, 12, 11], "m2i": [1, 2, 2], "sd2i": [1, 1, 1]}).to_csv(p, index=False)
    msg = _pool_error(tmp_path, "--input", str(p))
    assert "study C: n1i = '1O' is not a number" in msg


def test_unknown_method_is_a_one_line_error_and_case_does_not_matter(tmp_path):
    csv = Path(__file__).parent / "data" / "revman" / "fleiss1993cont.csv"
    assert "unknown method 'xx'" in _pool_error(tmp_path, "--input", str(csv), "--method", "xx")
    assert _pool_json(tmp_path, "--input", str(csv), "--method", "dl")["method"] == "DL"


# --------------------------------------------------------------------------- direction, SMC, dose arms, SEs as SDs

def _write(tmp_path, rows) -> Path:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    pd.DataFrame(rows).to_csv(out / "evidence.csv", index=False)
    return out


def _depression_trials():
    """A post-score MD, an improvement-scored MD ('in favour of ketamine') and a change-score MD."""
    return [
        _r(1, "postA", "md", -7.7, se=2.3, outcome="MADRS", domain="depression", timepoint="day 8",
           sentence="Day 8: LS mean difference from placebo (SE) -7.7 (2.3)"),
        _r(1, "improveB", "md", 7.6, ci_low=3.9, ci_high=11.3, ci_level=95, outcome="MADRS", domain="depression",
           sentence="The mean difference in improvement on the MADRS was 7.6 (95% CI 3.9–11.3) in favour of ketamine."),
        _r(1, "changeC", "md", -4.0, se=1.69, outcome="MADRS", domain="depression", timepoint="day 28",
           sentence="MADRS change from baseline, esketamine vs placebo: difference of LS means -4.0 (SE 1.69)."),
    ]


def test_improvement_scored_difference_is_pooled_on_the_common_direction(tmp_path):
    res = pool_outcome(out_dir=_write(tmp_path, _depression_trials()), outcome="depression", write=False)
    assert res.measure == "MD" and res.pooled.k == 3
    by = res.studies.set_index("study")
    assert by.loc["improveB.pdf", "yi"] == pytest.approx(-7.6) and by.loc["improveB.pdf", "ci_ub"] < 0
    assert (res.studies["yi"] < 0).all() and res.pooled.estimate < 0
    assert "sign flipped" in by.loc["improveB.pdf", "derivation"]


def test_within_group_d_is_never_pooled_with_between_group_smds(tmp_path):
    rows = [
        _r(1, "rctA", "smd", -0.6, ci_low=-1.1, ci_high=-0.1, ci_level=95, outcome="MADRS", domain="depression",
           sentence="Ketamine vs placebo at 24 h: SMD -0.6 (95% CI -1.1 to -0.1)."),
        _r(1, "rctB", "smd", -0.4, ci_low=-0.8, ci_high=0.0, ci_level=95, outcome="HAM-D", domain="depression",
           sentence="Versus saline, g = -0.4 (95% CI -0.8 to 0.0)."),
        _r(1, "armC", "total_n", 16, sentence="Sixteen patients received open-label ketamine."),
        _r(2, "armC", "d", 2.6, ci_low=1.6, ci_high=3.4, ci_level=95, outcome="MADRS", domain="depression",
           sentence="MADRS scores fell from baseline to day 1 (paired t15 = 11.3, d = 2.6 [1.6, 3.4])."),
    ]
    res = pool_outcome(out_dir=_write(tmp_path, rows), outcome="depression", write=False)
    assert res.measure == "SMD" and set(res.studies["study"]) == {"rctA.pdf", "rctB.pdf"}
    left = res.excluded.set_index("study").loc["armC.pdf"]
    assert left["measure"] == "SMC" and left["yi"] == pytest.approx(-2.6)
    assert "never pooled with between-group SMDs" in left["reason"]


def test_combined_dose_arms_are_the_one_effect_of_a_multi_arm_trial_and_the_reason_says_why(tmp_path):
    rows = [_r(1, "dose", "group_n", 33, group="placebo"), _r(2, "dose", "group_n", 11, group="esketamine 28 mg"),
            _r(3, "dose", "group_n", 12, group="esketamine 84 mg")]
    for i, (g, m, se) in enumerate((("placebo", -4.9, 1.74), ("esketamine 28 mg", -9.8, 2.72),
                                     ("esketamine 84 mg", -15.3, 2.56))):
        rows.append(_r(10 + i, "dose", "mean", m, se=se, group=g, outcome="MADRS", domain="depression",
                       timepoint="day 8", sentence="Day 8: LS mean change (SE)"))
    for i, (g, d, se) in enumerate((("esketamine 28 mg", -5.0, 2.99), ("esketamine 84 mg", -10.5, 2.79))):
        rows.append(_r(20 + i, "dose", "md", d, se=se, group=g, outcome="MADRS", domain="depression",
                       timepoint="day 8", sentence="Day 8: LS mean difference from placebo (SE)"))
    rows += _depression_trials()[:1]
    res = pool_outcome(out_dir=_write(tmp_path, rows), outcome="depression", measure="MD", write=False)
    used = res.studies.set_index("study").loc["dose.pdf"]
    assert "combined" in used["derivation"]
    reasons = res.excluded[res.excluded.study == "dose.pdf"]["reason"]
    assert reasons.str.contains("one dose arm against the shared control").sum() == 2


def test_arm_sds_that_are_probably_ses_keep_the_trial_out_with_the_reason(tmp_path):
    rows = [
        _r(1, "sem", "group_n", 30, group="ketamine"), _r(2, "sem", "group_n", 30, group="placebo"),
        _r(3, "sem", "mean", 2.68, sd=0.51, group="ketamine", outcome="NRS", domain="pain", timepoint="week 1"),
        _r(4, "sem", "mean", 5.45, sd=0.48, group="placebo", outcome="NRS", domain="pain", timepoint="week 1"),
        _r(1, "okA", "smd", -0.5, ci_low=-1.0, ci_high=0.0, ci_level=95, outcome="NRS", domain="pain",
           sentence="Ketamine vs placebo: SMD -0.5 (95% CI -1.0 to 0.0)."),
        _r(1, "okB", "smd", -0.3, ci_low=-0.7, ci_high=0.1, ci_level=95, outcome="VAS", domain="pain",
           sentence="Ketamine vs saline: SMD -0.3 (95% CI -0.7 to 0.1)."),
    ]
    res = pool_outcome(out_dir=_write(tmp_path, rows), outcome="pain", write=False)
    assert set(res.studies["study"]) == {"okA.pdf", "okB.pdf"}
    left = res.excluded[res.excluded.study == "sem.pdf"]
    assert set(left["measure"]) == {"SMD", "MD"} and left["reason"].str.contains("probably SEs").all()


def test_too_few_studies_names_each_measure_with_its_studies(tmp_path):
    rows = [
        _r(1, "rct", "smd", -0.5, ci_low=-1.0, ci_high=0.0, ci_level=95, outcome="NRS", domain="pain",
           sentence="Ketamine vs placebo: SMD -0.5 (95% CI -1.0 to 0.0)."),
        *[_r(i, "cohort", "b", -1.0, p_op="<", p_value=0.001, outcome=o, domain="pain", timepoint="day 26",
             sentence=f"{o}: b -1.0, P<0.001") for i, o in enumerate(("VAS", "SF-MPQ total", "SF-MPQ sensory"))],
    ]
    with pytest.raises(StatisticsError) as err:
        pool_outcome(out_dir=_write(tmp_path, rows), outcome="pain", write=False)
    msg = str(err.value)
    assert "SMD k=1 (rct.pdf)" in msg and "B k=1 (cohort.pdf: 3 outcomes)" in msg
    assert "at least 2 studies of one measure are needed" in msg and "\n" not in msg


def test_change_score_and_final_value_smds_are_not_pooled_together(tmp_path):
    rows = []
    for doc, (m1, m2, label) in {"finA": (14.8, 22.7, "MADRS"), "finB": (18.0, 24.0, "MADRS"),
                                 "chgC": (-15.0, -6.0, "MADRS LS mean change")}.items():
        rows += [_r(1, doc, "group_n", 20, group="ketamine"), _r(2, doc, "group_n", 20, group="placebo"),
                 _r(3, doc, "mean", m1, sd=8.0, group="ketamine", outcome=label, domain="depression", timepoint="day 1"),
                 _r(4, doc, "mean", m2, sd=8.5, group="placebo", outcome=label, domain="depression", timepoint="day 1")]
    res = pool_outcome(out_dir=_write(tmp_path, rows), outcome="depression", measure="SMD", write=False)
    assert set(res.studies["study"]) == {"finA.pdf", "finB.pdf"}
    left = res.excluded[(res.excluded.study == "chgC.pdf") & (res.excluded.measure == "SMD")]
    assert len(left) == 1 and "Handbook 10.5.2" in left["reason"].iloc[0]
    # MDs may mix change and final values
    md = pool_outcome(out_dir=tmp_path / "out", outcome="depression", measure="MD", write=False)
    assert md.pooled.k == 3


def test_active_and_placebo_comparators_pooled_together_are_named_in_the_notes(tmp_path):
    rows = []
    for doc, ctrl in (("plc", "placebo"), ("mor", "morphine"), ("ket", "ketorolac")):
        rows += [_r(1, doc, "group_n", 30, group="ketamine"), _r(2, doc, "group_n", 30, group=ctrl),
                 _r(3, doc, "mean", 3.1, sd=1.5, group="ketamine", outcome="VAS", domain="pain", timepoint="30 min"),
                 _r(4, doc, "mean", 4.0, sd=1.6, group=ctrl, outcome="VAS", domain="pain", timepoint="30 min")]
    res = pool_outcome(out_dir=_write(tmp_path, rows), outcome="pain", write=False)
    note = next(n for n in res.notes if n.startswith("comparators differ"))
    assert "active (mor.pdf, ket.pdf)" in note and "placebo (plc.pdf)" in note
    by = pool_outcome(out_dir=tmp_path / "out", outcome="pain", by="comparator", write=False)
    assert set(by.subgroups.groups) == {"active", "placebo"}


def test_implausible_smcr_is_left_out_with_the_baseline_sd_named(tmp_path):
    rows = []
    for doc, sd in (("wide", 5.0), ("wide2", 6.0), ("narrow", 0.25)):
        rows += [_r(1, doc, "total_n", 16, sentence="An open-label single-arm study."),
                 _r(2, doc, "mean", 30.0, sd=sd, outcome="MADRS", domain="depression", timepoint="baseline",
                    flags="baseline"),
                 _r(3, doc, "mean", 18.0, sd=8.0, outcome="MADRS", domain="depression", timepoint="day 1")]
    res = pool_outcome(out_dir=_write(tmp_path, rows), outcome="depression", measure="SMCR", write=False)
    assert set(res.studies["study"]) == {"wide.pdf", "wide2.pdf"}
    assert "baseline SD 0.25 is very small" in res.excluded.set_index("study").loc["narrow.pdf", "reason"]
