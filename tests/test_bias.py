"""evidencekit.bias (Egger regtest, Begg rank test, trim-and-fill) against R's metafor 3.8.

The oracle's REML regtest and trim-and-fill used metafor's default REML threshold (1e-5); they are
reproduced exactly with ``threshold=1e-5`` (see tests/test_pool.py).
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from evidencekit.errors import StatisticsError
from evidencekit.pool import egger, fit, rank_test, trimfill

DATA = Path(__file__).parent / "data" / "metafor"
BIAS = json.loads((DATA / "reference.json").read_text())["bias"]
DATASETS = sorted(BIAS)


def load(name):
    return pd.read_csv(DATA / "inputs" / f"{name}.csv")


def close(actual, expected, rtol=1e-6, atol=1e-10):
    if expected is None:
        return actual is None
    return bool(np.allclose(np.asarray(actual, float), np.asarray(expected, float), rtol=rtol, atol=atol))


EGGER = {
    "regtest_rma_sei_REML": dict(model="rma", method="REML", threshold=1e-5),
    "regtest_rma_sei_EE": dict(model="rma", method="EE"),
    "regtest_lm_sei": dict(model="lm"),
}


@pytest.mark.parametrize("dataset,key", [(d, k) for d in DATASETS for k in EGGER])
def test_egger_matches_metafor(dataset, key):
    df = load(dataset)
    ref = BIAS[dataset][key]
    res = egger(df.yi, df.vi, **EGGER[key])
    bad = [f"{k}: {res[k.replace('.', '_')]} vs {ref[k]}"
           for k in ("zval", "pval", "dfs", "limit.est", "limit.ci.lb", "limit.ci.ub")
           if not close(res[k.replace(".", "_")], ref[k])]
    assert not bad, "\n".join(bad)


def test_egger_lm_is_t_test_with_k_minus_2_df():
    df = load("bcg")
    res = egger(df.yi, df.vi, model="lm")
    assert res["dfs"] == len(df) - 2
    with pytest.raises(StatisticsError, match="rma"):
        egger(df.yi, df.vi, model="glm")
    with pytest.raises(StatisticsError, match="differing precision"):
        egger([0.1, 0.2, 0.3], [0.01, 0.01, 0.01])


@pytest.mark.parametrize("dataset", DATASETS)
def test_rank_test_matches_metafor(dataset):
    df = load(dataset)
    ref = BIAS[dataset]["ranktest_REML"]
    res = rank_test(df.yi, df.vi, "REML")
    assert close(res["tau"], ref["tau"]) and close(res["pval"], ref["pval"]), (res, ref)


def test_rank_test_uses_normal_approximation_with_ties():
    df = load("molloy")  # repeated sample sizes -> tied variances
    assert rank_test(df.yi, df.vi)["exact"] is False
    assert rank_test(load("bcg").yi, load("bcg").vi)["exact"] is True


TRIMFILL = {
    "trimfill_REML": dict(method="REML", threshold=1e-5),
    "trimfill_DL": dict(method="DL"),
    "trimfill_EE": dict(method="EE"),
    "trimfill_EE_R0": dict(method="EE", estimator="R0"),
}


@pytest.mark.parametrize("dataset,key", [(d, k) for d in DATASETS for k in TRIMFILL])
def test_trimfill_matches_metafor(dataset, key):
    df = load(dataset)
    ref = BIAS[dataset][key]
    res = trimfill(df.yi, df.vi, **TRIMFILL[key])
    assert (res.k0, res.side, res.estimator, res.result.k) == (ref["k0"], ref["side"], ref["estimator"], ref["k"])
    assert close(res.se_k0, ref["se.k0"])
    assert close(res.filled_yi, np.atleast_1d(ref["filled_yi"])) and close(res.filled_vi, np.atleast_1d(ref["filled_vi"]))
    bad = [f"{k}: {getattr(res.result, k.replace('.', '_'))} vs {ref[k]}"
           for k in ("estimate", "se", "ci.lb", "ci.ub", "pval", "tau2")
           if not close(getattr(res.result, k.replace(".", "_")), ref[k])]
    assert not bad, "\n".join(bad)


def test_trimfill_fills_mirror_images_and_augmented_fit_is_a_plain_fit():
    df = load("molloy")
    res = trimfill(df.yi, df.vi, "DL")
    assert len(res.yi) == len(df) + res.k0 and res.yi[len(df):] == res.filled_yi
    again = fit(res.yi, res.vi, "DL")
    assert again.estimate == pytest.approx(res.result.estimate, rel=1e-12)
    # an explicit side overrides the automatic one
    assert trimfill(df.yi, df.vi, "DL", side="right").side == "right"


def test_trimfill_refuses_bad_options():
    df = load("bcg")
    with pytest.raises(StatisticsError, match="L0"):
        trimfill(df.yi, df.vi, estimator="Q0")
    with pytest.raises(StatisticsError, match="side"):
        trimfill(df.yi, df.vi, side="up")
