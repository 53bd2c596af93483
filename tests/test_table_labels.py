"""A table row's label is its outcome only when it names a measure. Covariate levels of a
regression table ("Female", "65–74", "Quintile 2"), studies and sites of a pooled table, and
analysis names ("ANCOVA", "Per protocol") name none: such rows report the measure the caption
names ("Factors associated with postoperative delirium"), or no outcome (tables.names_no_measure,
tables.caption_outcome)."""

from __future__ import annotations

import pytest

from evidencekit.extract import extract_document
from evidencekit.ingest import read_document
from evidencekit.tables import caption_outcome, names_no_measure


@pytest.mark.parametrize("label", ["2", "30–49", "85+", "≥75 years", "<65", "1st tertile (<7)", "Quintile 2", "Q4",
                                   "Okafor et al. (2012) [14], Ibadan", "Greenwood 1995 [3]", "Lee [8]",
                                   "ANCOVA", "Mixed model", "Per-protocol", "Intention to treat", "Unadjusted", "Model 2"])
def test_numbers_bands_studies_and_analyses_name_no_measure(label):
    assert names_no_measure(label)


@pytest.mark.parametrize("label", ["Female", "Men", "Least deprived", "Rural", "Yes", "Reference"])
def test_covariate_levels_name_no_measure_in_a_ratio_table_only(label):
    assert names_no_measure(label, ratios=True)
    # in a table of characteristics "Female 52%" is the share of women: the level is what is counted
    assert not names_no_measure(label)


@pytest.mark.parametrize("label", ["PHQ-9", "HAM-D total score", "Pain at rest", "Nausea", "Response", "Total OHIP-NL",
                                   "Time to first analgesic (min)", "BMI, kg/m2", "Systolic blood pressure", "Week 4 remission"])
def test_measures_are_kept(label):
    assert not names_no_measure(label, ratios=True)


@pytest.mark.parametrize("caption, measure", [
    ("Table 2. Factors associated with postoperative delirium (n = 412)", "postoperative delirium"),
    ("Adjusted associations of age, sex and income with late presentation to care", "late presentation to care"),
    ("Association between smoking, alcohol use and depression in older adults", "depression"),
    ("Effect of IPTp on low birth weight during the trial period.", "low birth weight"),
])
def test_caption_names_the_dependent_measure(caption, measure):
    assert caption_outcome(caption)[0] == measure


def test_caption_without_a_measure_names_none():
    assert caption_outcome("Table 1. Baseline characteristics of the participants")[0] is None


def _records(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [r for r in extract_document(read_document(path)) if "table" in r.flags.split(";")]


LOGISTIC = """<html><body><p>Table 2. Factors associated with postoperative delirium (n = 412)</p>
<table><thead><tr><th></th><th>Adjusted OR (95% CI)</th><th>P</th></tr></thead><tbody>
<tr><td>Male</td><td>Reference</td><td></td></tr>
<tr><td>Female</td><td>1.32 (1.01, 1.72)</td><td>0.04</td></tr>
<tr><td>&lt;65</td><td>Reference</td><td></td></tr>
<tr><td>65–74</td><td>1.80 (1.20, 2.70)</td><td>0.005</td></tr>
<tr><td>≥75</td><td>2.90 (1.90, 4.40)</td><td>&lt;0.001</td></tr>
</tbody></table></body></html>"""


def test_regression_rows_report_the_caption_measure(tmp_path):
    records = _records(tmp_path, "t.html", LOGISTIC)
    ors = {r.value: r for r in records if r.kind == "or"}
    assert set(ors) == {1.32, 1.8, 2.9}
    # covariate levels and bands are no outcome; a "<65 | Reference" row is no section row either
    assert {r.outcome for r in records if r.kind in ("or", "p")} == {"postoperative delirium"}


PER_ANALYSIS = """<?xml version="1.0" encoding="UTF-8"?>
<article><front><article-meta><title-group><article-title>Esketamine trial</article-title></title-group>
</article-meta></front><body><sec><title>Results</title>
<table-wrap id="T2"><label>Table 2</label><caption><p>Effect of esketamine on MADRS total score at day 28.</p></caption>
<table><thead><tr><th>Population</th><th>Esketamine, mean (SD)</th><th>Placebo, mean (SD)</th><th>P</th></tr></thead>
<tbody>
<tr><td>Intention to treat</td><td>19.8 (8.1)</td><td>23.4 (9.0)</td><td>0.02</td></tr>
<tr><td>Per-protocol</td><td>18.9 (7.7)</td><td>23.1 (8.8)</td><td>0.01</td></tr>
</tbody></table></table-wrap></sec></body></article>"""


def test_analysis_rows_report_the_jats_caption_measure(tmp_path):
    records = _records(tmp_path, "t.xml", PER_ANALYSIS)
    means = [r for r in records if r.kind == "mean"]
    assert {r.value for r in means} == {19.8, 23.4, 18.9, 23.1}
    assert {r.outcome for r in means} == {"MADRS total score"}


POOLED = """<html><body><p>Table 3. Effect of IPTp on low birth weight during the trial period.</p>
<table><thead><tr><th></th><th>Site</th><th>Arm</th><th>No. of women</th><th>No. of cases</th></tr></thead><tbody>
<tr><td rowspan="2">Okafor (2012) [14]</td><td rowspan="2">Ibadan</td><td>IPTp-SP</td><td>310</td><td>29</td></tr>
<tr><td>Placebo</td><td>305</td><td>47</td></tr>
</tbody></table></body></html>"""


def test_study_rows_report_the_caption_measure(tmp_path):
    records = _records(tmp_path, "t.html", POOLED)
    counts = {r.value: r for r in records if r.kind == "count"}
    assert (counts[29].group, counts[47].group) == ("IPTp-SP", "Placebo")
    # the study and site columns name no measure: the caption's is the rows' outcome
    assert counts[29].outcome == counts[47].outcome == "low birth weight"


# negative: a plain-text outcome table whose row labels ARE measures keeps them, and a table of
# characteristics keeps "Women" (the share counted), odds-ratio rows or not elsewhere.
OUTCOMES = """Results

Table 3. Secondary outcomes at week 6

                        Ketamine (n = 40)    Placebo (n = 41)    P
HAM-D, mean (SD)        12.1 (4.3)           15.2 (5.0)          0.01
Response, n (%)         18 (45)              9 (22)              0.03
Women, n (%)            21 (53)              20 (49)             0.74

Discussion follows here.
"""


def test_rows_that_name_measures_keep_them(tmp_path):
    records = _records(tmp_path, "t.txt", OUTCOMES)
    outcomes = {r.outcome for r in records if r.kind in ("mean", "count", "p")}
    assert {"HAM-D", "Response", "Women"} <= outcomes
    assert None not in outcomes


CATEGORIES = """<html><body><p>Table 4. Pain interference by patient characteristics</p>
<table><thead><tr><th></th><th></th><th>n</th><th>BPI interference</th><th>ANOVA F (df)</th></tr></thead><tbody>
<tr><td rowspan="2">Opioid use</td><td>No</td><td>64</td><td>3.1</td><td>6.20 (1)</td></tr>
<tr><td>Yes</td><td>31</td><td>4.7</td><td></td></tr>
<tr><td rowspan="2">Age</td><td>1st tertile (&lt;45)</td><td>33</td><td>3.4</td><td>1.10 (2)</td></tr>
<tr><td>2nd tertile (45–60)</td><td>30</td><td>3.6</td><td></td></tr>
</tbody></table></body></html>"""


def test_a_category_size_is_the_category_group_not_an_outcome(tmp_path):
    records = _records(tmp_path, "t.html", CATEGORIES)
    sizes = {r.value: r for r in records if r.kind == "group_n"}
    assert (sizes[31].group, sizes[31].outcome) == ("Opioid use, Yes", None)
    assert (sizes[30].group, sizes[30].outcome) == ("Age, 2nd tertile (45–60)", None)


def test_an_n_column_beside_measures_stays_the_measures(tmp_path):
    # negative: rows that name measures ("PHQ-9 | Week 6 | 31") keep them on their n
    records = _records(tmp_path, "t.html", CATEGORIES.replace("Opioid use", "PHQ-9").replace(">No<", ">Baseline<")
                       .replace(">Yes<", ">Week 6<"))
    sizes = {r.value: r for r in records if r.kind == "group_n"}
    assert sizes[31].outcome == "PHQ-9" and sizes[31].group is None


def test_without_a_caption_measure_a_level_row_has_no_outcome(tmp_path):
    # the text path reads the same row ("Female 1.32 (1.01, 1.72) 0.04"); its label must not come back
    records = _records(tmp_path, "t.html", LOGISTIC.replace("Factors associated with postoperative delirium", "Model results"))
    assert {r.outcome for r in records if r.kind in ("or", "p")} == {None}
