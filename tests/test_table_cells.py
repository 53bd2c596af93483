"""HTML and JATS tables keep their columns: cells are tab-separated, one tab per column, so empty
cells, colspan group headers and rowspan row labels stay in place (ingest._Grid, tables.split_row,
tables._grid_columns). Text and PDF tables keep the two-space separator."""

from __future__ import annotations

import pytest

from evidencekit.extract import extract_document
from evidencekit.ingest import read_document
from evidencekit.tables import split_row

# A results table as journals print it: a spanning arm header over "Mean | SD", a P cell spanning
# both header rows, an empty P cell, and a row label spanning two timepoint rows.
HTML_TABLE = """<html><body><p>Table 2. HAM-D scores by arm</p>
<table><thead>
<tr><th rowspan="2">Outcome</th><th rowspan="2">Time</th><th colspan="2">Ketamine (n = 30)</th>
<th colspan="2">Midazolam (n = 28)</th><th rowspan="2">P</th></tr>
<tr><th>Mean</th><th>SD</th><th>Mean</th><th>SD</th></tr></thead>
<tbody>
<tr><td rowspan="2">HAM-D</td><td>Baseline</td><td>24.1</td><td>4.2</td><td>23.8</td><td>4.9</td><td></td></tr>
<tr><td>Week 1</td><td>11.3</td><td>6.0</td><td>16.9</td><td>6.4</td><td>0.002</td></tr>
</tbody></table></body></html>"""

JATS_TABLE = """<?xml version="1.0" encoding="UTF-8"?>
<article><front><article-meta><title-group><article-title>Ketamine trial</article-title></title-group>
</article-meta></front><body><sec><title>Results</title>
<table-wrap id="T3"><label>Table 3</label><caption><p>Effect of trial arm on MADRS depression.</p></caption>
<table><thead>
<tr><th>Analysis</th><th>Week</th><th>n</th><th colspan="2">Group 1</th><th colspan="2">Group 2</th><th colspan="4">Group Difference</th></tr>
<tr><th/><th/><th/><th>Mean</th><th>SE</th><th>Mean</th><th>SE</th><th>Mean</th><th>SE</th><th>95% CI</th><th>p-Value</th></tr>
<tr><th/><th/><th/><th colspan="2">Ketamine</th><th colspan="2">Placebo</th></tr></thead>
<tbody>
<tr><td>ANCOVA</td><td>4</td><td>152</td><td>9.8</td><td>0.41</td><td>12.3</td><td>0.58</td><td>-2.46</td><td>0.636</td><td>-3.72 to -1.21</td><td>&lt;0.001</td></tr>
<tr><td rowspan="2">Mixed</td><td>4</td><td>148</td><td>9.8</td><td>0.27</td><td>12.1</td><td>0.38</td><td>-2.29</td><td>0.475</td><td>-3.22 to -1.36</td><td>–</td></tr>
<tr><td>8</td><td>140</td><td>9.6</td><td>0.33</td><td>11.5</td><td>0.46</td><td>-1.90</td><td>0.569</td><td>-3.02 to -0.79</td><td>–</td></tr>
</tbody></table></table-wrap></sec></body></article>"""


def _read(tmp_path, name, markup):
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return read_document(path)


@pytest.fixture
def html_doc(tmp_path):
    return _read(tmp_path, "table.html", HTML_TABLE)


@pytest.fixture
def jats_doc(tmp_path):
    return _read(tmp_path, "table.xml", JATS_TABLE)


def test_cells_keep_their_columns(html_doc):
    lines = html_doc.text.split("\n")
    # the colspan header is followed by the empty column it covers; the rowspan header cells leave
    # theirs empty in the second header row
    assert "Outcome\tTime\tKetamine (n = 30)\t\tMidazolam (n = 28)\t\tP" in lines
    assert "\t\tMean\tSD\tMean\tSD" in lines
    # an empty cell at the end of a row writes nothing; the rowspan label leaves its column empty
    assert "HAM-D\tBaseline\t24.1\t4.2\t23.8\t4.9" in lines
    assert "\tWeek 1\t11.3\t6.0\t16.9\t6.4\t0.002" in lines


def test_tabs_are_reader_characters_and_offsets_stay_exact(html_doc, jats_doc):
    for doc in (html_doc, jats_doc):
        assert "\t" in doc.text
        assert all(doc.origin[i] == -1 for i, c in enumerate(doc.text) if c == "\t")
        records = extract_document(doc)
        assert records
        for r in records:
            assert doc.text[r.char_start:r.char_end] == r.text


def test_split_row_keeps_empty_tab_cells_and_falls_back_to_two_spaces():
    style, cells = split_row("\tWeek 1\t\t16.9", 100)
    assert style == "tab"
    assert [c.text for c in cells] == ["", "Week 1", "", "16.9"]
    assert (cells[1].start, cells[3].start, cells[3].end) == (101, 109, 113)
    # PDF and text rows: two spaces or more, empty cells cannot be told apart
    style, cells = split_row("Week 1  11.3    16.9")
    assert style == "gap" and [c.text for c in cells] == ["Week 1", "11.3", "16.9"]


def test_group_header_spans_its_mean_and_sd_columns(html_doc):
    records = [r for r in extract_document(html_doc) if r.flags and "table" in r.flags]
    means = {(r.group, r.timepoint, r.value): r for r in records if r.kind == "mean"}
    week1 = means[("Ketamine", "week 1", 11.3)]
    assert (week1.sd, week1.n, week1.outcome) == (6.0, 30, "HAM-D")  # the rowspan label is the row's
    control = means[("Midazolam", "week 1", 16.9)]
    assert (control.sd, control.n) == (6.4, 28)
    assert means[("Ketamine", "baseline", 24.1)].sd == 4.2
    # negative: no SD is a record of its own, and the empty P cell of the baseline row makes no P
    assert not [r for r in records if r.kind == "sd"]
    assert [r.value for r in records if r.kind == "p"] == [0.002]
    # the P column beside the two arms compares them (corpus convention "A vs B", reference last)
    assert [r.group for r in records if r.kind == "p"] == ["Ketamine vs Midazolam"]


def test_comparison_columns_and_stacked_arm_names(jats_doc):
    records = [r for r in extract_document(jats_doc) if r.flags and "table" in r.flags]
    # the analysis ("ANCOVA", "Mixed") names no measure: every row reports the caption's MADRS
    assert {r.outcome for r in records if r.kind in ("mean", "md", "p", "total_n")} == {"MADRS depression"}
    ancova = [r for r in records if r.sentence.startswith("ANCOVA")]
    means = {(r.group, r.timepoint, r.se) for r in records if r.kind == "mean"}
    # "Group 1" over "Mean | SE" over "Ketamine": the arm named under the numbered group
    assert ("Ketamine", "week 4", 0.41) in means and ("Ketamine", "week 4", 0.41) in {(r.group, r.timepoint, r.se) for r in ancova}
    assert ("Placebo", "week 8", 0.46) in means  # rowspan "Mixed" fills its second row
    mds = {(r.timepoint, r.value): r for r in records if r.kind == "md"}
    first = mds[("week 4", -2.46)]
    assert first in ancova
    assert (first.value, first.se, first.ci_low, first.ci_high, first.p_value) == (-2.46, 0.636, -3.72, -1.21, 0.001)
    assert mds[("week 8", -1.9)].ci_low == -3.02
    # the comparison columns after the two arms compare them: "A vs B", as the gold convention has it
    assert {r.group for r in records if r.kind in ("md", "p")} == {"Ketamine vs Placebo"}
    # negative: "Group 1"/"Group Difference" are no arms, and an SE column makes no record of its own
    assert not [r for r in records if r.group in ("Group 1", "Group 2", "Group Difference")]
    assert not [r for r in records if r.kind == "se"]
    assert {r.value for r in records if r.kind == "total_n"} == {152, 148, 140}


def test_a_lone_header_row_does_not_spread_over_empty_columns(tmp_path):
    # one header row: its empty cell heads nothing (no row under it names a sub-column)
    doc = _read(tmp_path, "t.html", "<table><tr><th>Outcome</th><th>Ketamine</th><th></th><th>P</th></tr>"
                                    "<tr><td>MADRS</td><td>18.1 (4.2)</td><td>12</td><td>0.03</td></tr></table>")
    assert "Outcome\tKetamine\t\tP" in doc.text.split("\n")
    records = extract_document(doc)
    assert not [r for r in records if r.text == "12" and r.group == "Ketamine"]
    assert [r.value for r in records if r.kind == "p"] == [0.03]


def test_an_interval_outside_its_estimate_is_not_its_ci(tmp_path):
    doc = _read(tmp_path, "t.html", "<table><tr><th>Outcome</th><th>Mean difference</th><th>95% CI</th></tr>"
                                    "<tr><td>HAM-D</td><td>-5.6</td><td>-3.2 to 2.1</td></tr>"
                                    "<tr><td>MADRS</td><td>-4.1</td><td>-7.0 to -1.2</td></tr></table>")
    mds = {r.outcome: r for r in extract_document(doc) if r.kind == "md"}
    assert (mds["MADRS"].ci_low, mds["MADRS"].ci_high) == (-7.0, -1.2)
    assert mds["HAM-D"].ci_low is None  # -5.6 is not inside -3.2 to 2.1


def test_plain_text_tabs_still_become_two_spaces(tmp_path):
    doc = _read(tmp_path, "t.txt", "Outcome\tKetamine\tPlacebo\nMADRS\t18.1\t25.3\n")
    assert doc.text == "Outcome  Ketamine  Placebo\nMADRS  18.1  25.3"


@pytest.mark.parametrize("markup", [
    "<table><tr><td colspan='99999999'>a</td><td>b</td></tr></table>",  # a colspan beyond any real table
    "<table><tr><td rowspan='0' colspan='50'>a</td></tr>" + "<tr><td>b</td></tr>" * 300 + "</table>",
    "<td>cell</td><td>outside any table</td>",
    "<table>" * 3000 + "<tr><td>x</td><td>y</td></tr>" + "</table>" * 3000,
    "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table>d</td><td>e</td></tr></table>",
])
def test_hostile_table_markup_is_read_in_bounded_text(tmp_path, markup):
    doc = _read(tmp_path, "t.html", f"<html><body>{markup}</body></html>")
    # spans are capped (50 columns a cell, 200 a table): tabs grow with the rows, not the attributes
    assert all(line.count("\t") <= 200 for line in doc.text.split("\n"))
    assert all(doc.origin[i] == -1 for i, c in enumerate(doc.text) if c == "\t")


def test_hostile_jats_table(tmp_path):
    rows = "<tr><td rowspan='65534' colspan='1000'>a</td><td>b</td></tr>" * 50
    doc = _read(tmp_path, "t.xml", f"<article><body><p>x</p><table>{rows}<td>loose</td></table></body></article>")
    assert "loose" in doc.text and doc.text.count("\t") <= 50 * 250


def test_comparison_columns_name_the_experimental_arm_first(tmp_path):
    doc = _read(tmp_path, "t.html", "<table><tr><th>Outcome</th><th>Placebo (n = 20)</th><th>Esketamine 56 mg (n = 21)</th>"
                                    "<th>LS mean difference (95% CI)</th><th>P value</th></tr>"
                                    "<tr><td>MADRS</td><td>-8.4 (7.1)</td><td>-16.1 (8.0)</td><td>-7.7 (-12.0, -3.4)</td><td>.001</td></tr>"
                                    "</table>")
    records = [r for r in extract_document(doc) if r.flags and "table" in r.flags]
    assert {r.group for r in records if r.kind in ("md", "p")} == {"Esketamine 56 mg vs Placebo"}
    assert {r.group for r in records if r.kind == "mean"} == {"Placebo", "Esketamine 56 mg"}


def test_columns_that_are_no_arms_make_no_comparison(tmp_path):
    # BMC Oral Health 8:11 Table 3: the columns are statistics, not arms
    doc = _read(tmp_path, "t.xml", "<article><body><table><tr><th/><th>ICC</th><th>Mean difference</th><th>Limits of agreement</th></tr>"
                                   "<tr><td>Total OHIP-NL</td><td>0.90</td><td>-5.6</td><td>-37.9 to 26.7</td></tr>"
                                   "<tr><td>Handicap</td><td>0.89</td><td>-0.6</td><td>-5.4 to 4.1</td></tr></table></body></article>")
    records = extract_document(doc)
    mds = {r.outcome: r for r in records if r.kind == "md"}
    assert (mds["Total OHIP-NL"].value, mds["Handicap"].value) == (-5.6, -0.6)
    assert all(r.group is None for r in mds.values())
    assert not [r for r in records if r.value in (0.9, 0.89)]  # the ICC column is no estimate


def test_a_column_headed_as_the_arms_gives_each_row_its_arm(tmp_path):
    # PLoS ONE 6:e16976 Table 4 style: study rows (rowspan) with one row per drug regimen
    doc = _read(tmp_path, "t.xml", "<article><body><table><thead><tr><th/><th>Study Site</th><th>Drug Regimen</th><th>No. of children</th>"
                                   "<th>No. of episodes</th></tr></thead><tbody>"
                                   "<tr><td rowspan='2'>Cisse (2006) [20]</td><td rowspan='2'>Niakhar</td><td>SP+AS</td><td>542</td><td>96</td></tr>"
                                   "<tr><td>Placebo</td><td>546</td><td>438</td></tr></tbody></table></body></article>")
    counts = {r.value: r for r in extract_document(doc) if r.kind == "count"}
    assert (counts[96].group, counts[438].group) == ("SP+AS", "Placebo")
    # "No. of children" is each arm's size: the n of its episode count, no count of its own
    assert (counts[96].n, counts[438].n) == (542, 546) and 542 not in counts and 546 not in counts
    # the study and site columns (no arm header) name no measure, and no caption names one: no outcome
    # (the rowspan fills the second row: both rows are the study's)
    assert counts[438].outcome is None and counts[96].outcome is None


# JAMA style: "No. (%)" spans the arms named (with their n) in the row below; Difference and P span
# both header rows; section rows span the table; adverse-event rows leave cells empty.
JAMA_TABLE = """<table><thead>
<tr><th rowspan="2">Outcome</th><th colspan="2">No. (%)</th><th rowspan="2">Difference (95% CI)</th><th rowspan="2">P value</th></tr>
<tr><th>Ketamine (n = 52)</th><th>Placebo (n = 50)</th></tr></thead><tbody>
<tr><td colspan="5">Primary outcome</td></tr>
<tr><td>Response at day 7</td><td>27 (51.9)</td><td>12 (24.0)</td><td>27.9 (9.7 to 46.1)</td><td>.004</td></tr>
<tr><td colspan="5">Adverse events</td></tr>
<tr><td>Dissociation (CADSS &gt;4)</td><td>9 (17.3)</td><td>0</td><td></td><td></td></tr>
<tr><td>Headache</td><td>11 (21.2)</td><td></td><td></td><td>.02</td></tr>
</tbody></table>"""


def test_spanning_statistic_over_arm_headers_and_empty_cells(tmp_path):
    doc = _read(tmp_path, "t.html", f"<html><body>{JAMA_TABLE}</body></html>")
    records = [r for r in extract_document(doc) if r.flags and "table" in r.flags]
    by = {(r.kind, r.outcome, r.group): r for r in records}
    response = by[("count", "Response at day 7", "Ketamine")]
    assert (response.value, response.n) == (27, 52)
    assert by[("count", "Response at day 7", "Placebo")].value == 12
    md = by[("md", "Response at day 7", "Ketamine vs Placebo")]
    assert (md.value, md.ci_low, md.ci_high, md.p_value) == (27.9, 9.7, 46.1, 0.004)
    # the empty Placebo cell keeps .02 in the P column: no count of 0.02, no P taken for a count
    assert by[("p", "Headache", "Ketamine vs Placebo")].value == 0.02
    assert not [r for r in records if r.kind == "count" and r.value < 1 and r.value != 0]
    assert [r.value for r in records if r.outcome and r.outcome.startswith("Dissociation") and r.kind == "p"] == []


def test_timepoints_spanning_arm_columns(tmp_path):
    doc = _read(tmp_path, "t.html", "<table><tr><th rowspan='2'>Scale</th><th colspan='2'>Baseline</th><th colspan='2'>Week 4</th></tr>"
                                    "<tr><th>Ketamine</th><th>Placebo</th><th>Ketamine</th><th>Placebo</th></tr>"
                                    "<tr><td>MADRS</td><td>31.2 (5.1)</td><td>30.8 (4.9)</td><td>15.1 (8.2)</td><td>22.4 (7.7)</td></tr>"
                                    "</table>")
    means = {(r.group, r.timepoint): r.value for r in extract_document(doc) if r.kind == "mean"}
    assert means == {("Ketamine", "baseline"): 31.2, ("Placebo", "baseline"): 30.8,
                     ("Ketamine", "week 4"): 15.1, ("Placebo", "week 4"): 22.4}


def test_timepoint_columns_without_arms(tmp_path):
    # a single-arm table: the columns are visits, the row the scale
    doc = _read(tmp_path, "t.html", "<table><tr><th>Measure</th><th>Baseline</th><th>Day 1</th><th>Day 7</th></tr>"
                                    "<tr><td>HAM-D</td><td>24.1 ± 4.5</td><td></td><td>14.0 ± 6.2</td></tr></table>")
    means = {r.timepoint: (r.value, r.sd, r.group, r.outcome) for r in extract_document(doc) if r.kind == "mean"}
    # the empty Day 1 cell keeps 14.0 under Day 7
    assert means == {"baseline": (24.1, 4.5, None, "HAM-D"), "day 7": (14.0, 6.2, None, "HAM-D")}


def test_what_a_mean_is_of_is_no_arm(tmp_path):
    # BMC Oral Health 8:11 Table 1: "Mean total score | SD | Mean item score | SD"
    doc = _read(tmp_path, "t.xml", "<article><body><table><tr><th/><th>Mean total score</th><th>SD</th><th>Mean item score</th><th>SD</th></tr>"
                                   "<tr><td>Handicap (6)</td><td>3.2</td><td>5.4</td><td>0.5</td><td>0.9</td></tr></table></body></article>")
    means = {r.value: r for r in extract_document(doc) if r.kind == "mean"}
    assert (means[3.2].sd, means[0.5].sd) == (5.4, 0.9)
    assert means[0.5].group is None and means[3.2].group is None
    # negative: an arm named before its statistic keeps its name
    doc = _read(tmp_path, "t.xml", "<article><body><table><tr><th/><th>Ketamine, mean (SD)</th><th>Placebo, mean (SD)</th></tr>"
                                   "<tr><td>MADRS</td><td>18.1 (4.2)</td><td>25.3 (5.0)</td></tr></table></body></article>")
    assert {r.group for r in extract_document(doc) if r.kind == "mean"} == {"Ketamine", "Placebo"}


def test_a_row_label_without_words_is_no_outcome(tmp_path):
    # Ann Oncol 24:843 Table 3: deprivation quintiles and age bands as row labels
    doc = _read(tmp_path, "t.xml", "<article><body><table><tr><th/><th>Bladder</th><th/><th>Breast</th></tr>"
                                   "<tr><th/><th>Odds ratio (95% CI)</th><th>P</th><th>Odds ratio (95% CI)</th></tr>"
                                   "<tr><td>Affluent</td><td>Reference</td><td>0.126</td><td>Reference</td></tr>"
                                   "<tr><td>Current smoking</td><td>1.42 (1.10, 1.83)</td><td>0.007</td><td>1.12 (0.98, 1.28)</td></tr>"
                                   "<tr><td>2</td><td>1.05 (0.99, 1.13)</td><td/><td>1.07 (1.04, 1.10)</td></tr>"
                                   "<tr><td>30–49</td><td>1.50 (1.00, 2.24)</td><td>&lt;0.001</td><td>0.79 (0.69, 0.90)</td></tr>"
                                   "</table></body></article>")
    ors = {r.value: r for r in extract_document(doc) if r.kind == "or"}
    assert (ors[1.05].group, ors[1.07].group, ors[0.79].group) == ("Bladder", "Breast", "Breast")
    assert ors[1.05].outcome is None and ors[1.5].outcome is None
    # a worded covariate level of a ratio table ("Affluent") names no measure either (tables.names_no_measure)
    assert [r.outcome for r in extract_document(doc) if r.kind == "p" and r.value == 0.126] == [None]
    # negative: a worded label that is no level stays the row's
    assert [r.outcome for r in extract_document(doc) if r.kind == "p" and r.value == 0.007] == ["Current smoking"]
