"""Forest and funnel plots are written headless, are real PNGs, and scale with k."""

import dataclasses
from pathlib import Path

import matplotlib
import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest

from evidencekit.plot import axis_label, forest_plot, funnel_plot
from evidencekit.pool import fit

ORACLE = Path(__file__).parent / "data" / "metafor"


@pytest.fixture(scope="module")
def bcg():
    d = pd.read_csv(ORACLE / "inputs" / "bcg.csv")
    res = fit(d.yi, d.vi, method="REML", measure="RR")
    w = 1 / (d.vi + res.tau2)
    d = d.assign(study=d.author + " " + d.year.astype(str), weight=100 * w / w.sum())
    return d, res


def test_backend_is_headless():
    import evidencekit.plot  # noqa: F401

    assert matplotlib.get_backend().lower() == "agg"


def test_forest_and_funnel_written(tmp_path, bcg):
    d, res = bcg
    forest = forest_plot(d, res, tmp_path / "sub" / "forest.png")
    funnel = funnel_plot(d, res, tmp_path / "funnel.png")
    for path in (forest, funnel):
        assert path.exists() and path.stat().st_size > 10_000
        img = mpimg.imread(path)
        assert img.ndim == 3 and img.shape[0] > 300 and img.shape[1] > 300
        assert img.std() > 0.05  # not a blank canvas
    # the forest plot grows with the number of studies
    small = mpimg.imread(forest_plot(d.head(3), res, tmp_path / "small.png"))
    assert small.shape[0] < mpimg.imread(forest).shape[0]


def test_axis_labels_name_scale_and_convention():
    assert axis_label("OR") == "Odds ratio (log scale)"
    assert axis_label("SMD", "cochrane") == "Standardised mean difference (Hedges' g), cochrane convention"
    assert axis_label("MD") == "Mean difference"


def test_forest_without_prediction_interval_and_tiny_weights(tmp_path, bcg):
    d, res = bcg
    res = dataclasses.replace(res, pi_lb=float("nan"), pi_ub=float("nan"))
    d = d.assign(weight=np.r_[99.0, np.full(len(d) - 1, 1 / (len(d) - 1))])
    path = forest_plot(d, res, tmp_path / "f.png", measure="MD")
    assert mpimg.imread(path).shape[0] > 300
