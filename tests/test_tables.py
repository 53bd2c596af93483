"""Header-driven table reading (evidencekit/tables.py), on tables written in the styles journals print.

Each table goes through normalise and extract_document as a .txt would, so these tests also cover
that normalise keeps the rows on lines of their own and that the table records replace the
generic ones without duplicates.
"""

from __future__ import annotations

import hashlib

import pytest

from evidencekit.extract import extract_document
from evidencekit.normalise import normalise
from evidencekit.records import Document
from evidencekit.tables import is_table_line, split_row


def extract(raw: str):
    text, origin = normalise(raw)
    doc = Document("t.txt", hashlib.sha256(raw.encode()).hexdigest(), "txt", text, (0,), origin)
    records = extract_document(doc)
    for r in records:  # offsets index exactly the value's characters
        assert text[r.char_start:r.char_end] == r.text
    return records


def table(records, kind):
    return [r for r in records if r.kind == kind and "table" in r.flags]


def test_pipe_table_nejm_style_with_groups_n_hr_and_p():
    records = extract(
        "Table 3. Outcomes.\n"
        "| Outcome | Esketamine (N = 152) | Placebo (N = 149) | Hazard Ratio (95% CI) | P Value |\n"
        "|---|---|---|---|---|\n"
        "| Relapse | 40 (26.3) | 62 (41.6) | 0.49 (0.29–0.84) | 0.003 |\n"
        "| Death from any cause | 2 (1.3) | 1 (0.7) | 1.98 (0.18–21.8) | 0.58 |\n")
    sizes = {(r.group, r.value) for r in table(records, "group_n")}
    assert sizes == {("Esketamine", 152), ("Placebo", 149)}
    hrs = {(r.outcome, r.value, r.ci_low, r.ci_high, r.p_value) for r in table(records, "hr")}
    # the row's one estimate takes the row's P (the "attached within its table row")
    assert hrs == {("Relapse", 0.49, 0.29, 0.84, 0.003), ("Death from any cause", 1.98, 0.18, 21.8, 0.58)}
    counts = {(r.outcome, r.group, r.value, r.n) for r in table(records, "count")}
    assert ("Relapse", "Esketamine", 40, 152) in counts and ("Relapse", "Placebo", 62, 149) in counts
    percents = {(r.group, r.value) for r in table(records, "percent") if r.outcome == "Relapse"}
    assert percents == {("Esketamine", 26.3), ("Placebo", 41.6)}
    # the P cell is also a value of its own (a P column may test the counts as much as the ratio)
    assert {(r.outcome, r.p_op, r.value) for r in table(records, "p")} == {("Relapse", "=", 0.003), ("Death from any cause", "=", 0.58)}
    # the comparison columns after the two arms compare them
    assert {r.group for r in table(records, "p") + table(records, "hr")} == {"Esketamine vs Placebo"}
    spans = [(r.char_start, r.char_end, r.kind) for r in records]
    assert len(spans) == len(set(spans))


def test_single_space_author_manuscript_with_rate_columns_and_size_row():
    records = extract(
        "Outcome Intensive Arm Standard Arm Hazard Ratio (95% CI) P Value\n"
        "no. of patients % per year no. of patients % per year\n"
        "All patients (N = 3010) (N = 2998)\n"
        "Stroke 61 0.62 88 0.90 0.69 (0.50–0.96) 0.03\n"
        "Heart failure 45 0.46 51 0.52 0.88 (0.59–1.31) 0.52\n")
    assert {(r.group, r.value) for r in table(records, "group_n")} == {("Intensive Arm", 3010), ("Standard Arm", 2998)}
    counts = {(r.outcome, r.group, r.value, r.n) for r in table(records, "count")}
    assert counts == {("Stroke", "Intensive Arm", 61, 3010), ("Stroke", "Standard Arm", 88, 2998),
                      ("Heart failure", "Intensive Arm", 45, 3010), ("Heart failure", "Standard Arm", 51, 2998)}
    # "% per year" is a rate: no record of its own
    assert not any(r.value in (0.62, 0.90, 0.46, 0.52) for r in records if "table" in r.flags and r.kind != "p")
    stroke = next(r for r in table(records, "hr") if r.outcome == "Stroke")
    assert (stroke.value, stroke.ci_low, stroke.ci_high) == (0.69, 0.50, 0.96)
    assert ("Stroke", 0.03) in {(r.outcome, r.value) for r in table(records, "p")}


def test_two_space_table_mean_sd_n_columns_with_section_rows_as_outcome_and_timepoint():
    records = extract(
        "Measure  Ketamine  Saline\n"
        "Mean  SD  N  Mean  SD  N\n"
        "HAM-D total\n"
        "Week 1  14.2  5.1  30  18.9  6.0  29\n"
        "Week 4  10.8  4.7  28  16.1  6.2  27\n")
    means = {(r.outcome, r.group, r.timepoint, r.value, r.sd, r.n) for r in table(records, "mean")}
    assert means == {("HAM-D total", "Ketamine", "week 1", 14.2, 5.1, 30), ("HAM-D total", "Saline", "week 1", 18.9, 6.0, 29),
                     ("HAM-D total", "Ketamine", "week 4", 10.8, 4.7, 28), ("HAM-D total", "Saline", "week 4", 16.1, 6.2, 27)}
    assert all(r.domain == "depression" for r in table(records, "mean"))
    assert not table(records, "sd") and not [r for r in records if r.kind in ("sd", "n")]


def test_markdown_table_with_cohen_d_per_arm_and_mean_comma_sd_cells():
    records = extract(
        "| Scale | Ketamine (n = 40) | | Midazolam (n = 38) | |\n"
        "| | Mean (SD) | Cohen d (95% CI) | Mean (SD) | Cohen d (95% CI) |\n"
        "| MADRS | | | | |\n"
        "| Baseline | 33.1 (4.2) | | 32.8 (4.6) | |\n"
        "| Day 7 | 19.4 (8.8) | 1.92 (1.38–2.45) | 24.0 (9.1) | 1.08 (0.60–1.55) |\n")
    ds = {(r.outcome, r.group, r.timepoint, r.value, r.ci_low, r.ci_high) for r in table(records, "d")}
    assert ds == {("MADRS", "Ketamine", "day 7", 1.92, 1.38, 2.45), ("MADRS", "Midazolam", "day 7", 1.08, 0.60, 1.55)}
    means = {(r.group, r.timepoint, r.value, r.sd) for r in table(records, "mean")}
    assert ("Ketamine", "baseline", 33.1, 4.2) in means and ("Midazolam", "day 7", 24.0, 9.1) in means


def test_row_label_no_percent_and_caption_mean_sd_hints():
    records = extract(
        "Outcome Ketamine (N = 61) Placebo (N = 60) Odds Ratio (95% CI)\n"
        "Response at day 1 — no. (%) 33 (54.1) 12 (20.0) 4.71 (2.08–10.7)\n"
        "Remission at day 1 — no. (%) 18 (29.5) 6 (10.0) 3.77 (1.37–10.4)\n")
    ors = {(r.outcome, r.value, r.ci_low, r.ci_high) for r in table(records, "or")}
    assert ors == {("Response at day 1", 4.71, 2.08, 10.7), ("Remission at day 1", 3.77, 1.37, 10.4)}
    assert {(r.group, r.value, r.n) for r in table(records, "count") if r.outcome == "Response at day 1"} == {
        ("Ketamine", 33, 61), ("Placebo", 12, 60)}

    captioned = extract("Table 2. Pain scores, mean (SD)\n"
                        "Outcome  Ketamine  Placebo\n"
                        "NRS at rest, 24 h  2.1 (1.4)  3.6 (1.9)\n")
    means = {(r.outcome, r.group, r.timepoint, r.value, r.sd) for r in table(captioned, "mean")}
    assert means == {("NRS at rest", "Ketamine", "24 hours", 2.1, 1.4), ("NRS at rest", "Placebo", "24 hours", 3.6, 1.9)}


def test_p_column_without_an_effect_stands_as_p_and_bounds_keep_their_operator():
    records = extract(
        "| Variable | Ketamine (n=25) | Control (n=25) | P value |\n"
        "| Hypotension | 3 (12%) | 9 (36%) | 0.047 |\n"
        "| Nausea | 5 (20%) | 6 (24%) | >0.99 |\n")
    ps = {(r.outcome, r.op, r.value, r.group) for r in table(records, "p")}
    # the P column compares the two arms the header names (the corpus convention: "A vs B", reference last)
    assert ps == {("Hypotension", "=", 0.047, "Ketamine vs Control"), ("Nausea", ">", 0.99, "Ketamine vs Control")}
    percents = {(r.outcome, r.group, r.value, r.text) for r in table(records, "percent")}
    assert ("Hypotension", "Control", 36, "36%") in percents


def test_arms_as_rows_under_a_row_header_that_names_them():
    records = extract("Dose arm  Ketamine, mean (SD)  Placebo, mean (SD)\n"
                      "Low dose  -9.1 (6.2)  -4.0 (5.5)\n")
    groups = {(r.group, r.value, r.sd) for r in table(records, "mean")}
    assert groups == {("Ketamine, low dose", -9.1, 6.2), ("Placebo, low dose", -4.0, 5.5)}


def test_prose_and_headerless_rows_are_left_to_the_generic_path():
    prose = extract("Scores fell in both arms (ketamine 12.1 vs placebo 18.3; P = .02) over 4 weeks.")
    assert not [r for r in prose if "table" in r.flags]
    headerless = extract("Some text before.\n\nMADRS  12.1 (6.0)  18.3 (7.2)\n")
    assert not [r for r in headerless if r.rule_id.startswith("tables.")]


@pytest.mark.parametrize("line, style, cells", [
    ("| Nausea | 4 (8%) | 6 (12%) | 0.51 |", "pipe", ["Nausea", "4 (8%)", "6 (12%)", "0.51"]),
    ("Nausea  4 (8%)  6 (12%)  0.51", "gap", ["Nausea", "4 (8%)", "6 (12%)", "0.51"]),
    ("Nausea 4 (8%) 6 (12%) 0.51", "space", ["Nausea", "4 (8%)", "6 (12%)", "0.51"]),
    ("Day 3 12/20 60.0 10/20 50.0", "space", ["Day 3", "12/20", "60.0", "10/20", "50.0"]),
    ("Total score 20.5, 11.9 13.5 ± 10.4 −7.0, 13.7* <0.001", "space",
     ["Total score", "20.5, 11.9", "13.5 ± 10.4", "−7.0, 13.7*", "<0.001"]),
])
def test_split_row_by_separator_and_by_shape(line, style, cells):
    found_style, found = split_row(line)
    assert found_style == style
    assert [c.text for c in found] == cells
    assert all(line[c.start:c.end] == c.text for c in found)


def test_single_space_rows_need_a_label_and_three_numeric_cells():
    assert is_table_line("Stroke 61 0.62 88")
    assert not is_table_line("The trial enrolled 61 patients in 2019 and 88 in 2020.")
    assert not is_table_line("Scores were 12 14")
    assert not is_table_line("12 14 16 18")  # no label


def test_arm_headers_over_two_tiers_and_change_columns():
    records = extract(
        "| Intervention (mean, SD) |\n"
        "| Waitlist (mean, SD) |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Item | Pre | Post | Change | Pre | Post | Change |\n"
        "| PHQ-9 | 15.2, 4.1 | 9.8, 5.0 | −5.4, 4.9 | 14.8, 4.4 | 13.9, 4.8 | −0.9, 3.7 |\n")
    means = {(r.group, r.timepoint, r.value, r.sd) for r in table(records, "mean")}
    assert means == {("Intervention", "pre", 15.2, 4.1), ("Intervention", "post", 9.8, 5.0), ("Intervention", None, -5.4, 4.9),
                     ("Waitlist", "pre", 14.8, 4.4), ("Waitlist", "post", 13.9, 4.8), ("Waitlist", None, -0.9, 3.7)}

    tiers = extract(
        "| Esketamine | Placebo |\n"
        "| Scale (n) | Responders (14) | Non-responders (9) | Responders (5) | Non-responders (17) |\n"
        "| Week 2 QIDS-SR | 6.1 ± 2.0 | 13.4 ± 3.9 | 7.0 ± 2.2 | 14.1 ± 3.1 |\n")
    rows = {(r.outcome, r.group, r.timepoint, r.value, r.sd) for r in table(tiers, "mean")}
    assert ("QIDS-SR", "Esketamine non-responders", "week 2", 13.4, 3.9) in rows
    assert ("QIDS-SR", "Placebo responders", "week 2", 7.0, 2.2) in rows


def test_arm_sizes_under_arm_names_and_timed_section_rows():
    records = extract(
        "Table 2. Postoperative pain scores\n\n"
        "                      Ketamine      Placebo\n"
        "                      (n = 66)      (n = 140)\n"
        "VAS after arrival in PACU (minutes)\n"
        "0                     5.1 ± 1.2     6.3 ± 1.4\n"
        "15                    4.2 ± 1.1     5.8 ± 1.3\n"
        "30                    3.6 ± 1.0     5.0 ± 1.2\n")
    assert {(r.group, r.value) for r in records if r.kind == "group_n"} == {("Ketamine", 66), ("Placebo", 140)}
    assert not [r for r in records if r.kind == "total_n"]
    means = [(r.value, r.group, r.outcome, r.timepoint) for r in table(records, "mean")]
    assert means[:3] == [(5.1, "Ketamine", "VAS after arrival in PACU", "0 minutes"),
                         (6.3, "Placebo", "VAS after arrival in PACU", "0 minutes"),
                         (4.2, "Ketamine", "VAS after arrival in PACU", "15 minutes")]


def test_f_column_with_df_pair_and_starred_estimate_before_its_interval():
    records = extract(
        "Table 3. Analysis of variance\n\n"
        "Outcome          F        df        P\n"
        "MADRS            4.52     6/2021    <0.001\n"
        "HAM-D            2.10     6/2021    0.05\n"
        "\n"
        "Table 4. Odds ratios\n\n"
        "Outcome          OR (95% CI)          P\n"
        "Response         1.60*  (1.01, 2.53)  0.04\n"
        "Remission        1.35  (0.90, 2.02)   0.15\n")
    assert [(r.value, r.df, r.outcome) for r in table(records, "f")] == [(4.52, "6, 2021", "MADRS"), (2.10, "6, 2021", "HAM-D")]
    assert not [r for r in records if r.kind == "count"]
    assert [(r.value, r.ci_low, r.ci_high) for r in table(records, "or")] == [(1.60, 1.01, 2.53), (1.35, 0.90, 2.02)]
    # each row's P column is a value of its own
    assert [(r.op, r.value, r.outcome) for r in table(records, "p")] == [
        ("<", 0.001, "MADRS"), ("=", 0.05, "HAM-D"), ("=", 0.04, "Response"), ("=", 0.15, "Remission")]


def test_rate_columns_after_each_arm_then_the_comparison_columns():
    # EMPEROR-Reduced (Packer et al., NEJM 2020), Table 2 layout: per arm "no. (%)" and an event
    # rate, then the hazard ratio and P; the rate is no value of its own
    records = extract(
        "Empagliflozin (N = 1863)  Placebo (N = 1867)\n"
        "no. (%)  no. of events per 100 patient-yr  no. (%)  no. of events per 100 patient-yr  Hazard Ratio (95% CI)  P Value\n"
        "Cardiovascular death or hospitalization for heart failure  361 (19.4)  15.8  462 (24.7)  21.0  0.75 (0.65–0.86)  <0.001\n"
        "Cardiovascular death  187 (10.0)  7.6  202 (10.8)  8.1  0.92 (0.75–1.12)\n")
    counts = {(r.group, r.value, r.n) for r in table(records, "count")}
    assert counts == {("Empagliflozin", 361, 1863), ("Placebo", 462, 1867), ("Empagliflozin", 187, 1863), ("Placebo", 202, 1867)}
    assert [(r.value, r.ci_low, r.ci_high) for r in table(records, "hr")] == [(0.75, 0.65, 0.86), (0.92, 0.75, 1.12)]
    assert [(r.op, r.value) for r in table(records, "p")] == [("<", 0.001)]
    assert not any(r.value in (15.8, 21.0, 7.6, 8.1) for r in records)


def test_comparison_columns_printed_before_the_arms_and_a_separate_interval_column():
    # a BMC-style table: estimate, its interval in a column of its own, the test, then each arm's proportion
    records = extract(
        "Outcome measure  Odds ratio  95% confidence interval  Test statistics and p value  Proportion in usual care  Proportion in intervention\n"
        "Depression recognised  2.14  (1.18, 3.88)  z = 2.51, p = 0.012  0.22  0.37\n"
        "Referred to psychology  0.91  (0.40, 2.05)  z = -0.23, p = 0.82  0.09  0.08\n")
    assert [(r.value, r.ci_low, r.ci_high, r.outcome) for r in table(records, "or")] == [
        (2.14, 1.18, 3.88, "Depression recognised"), (0.91, 0.40, 2.05, "Referred to psychology")]
    assert [(r.value, r.p_value) for r in records if r.kind == "z"] == [(2.51, 0.012), (-0.23, 0.82)]
    # the proportions are no odds ratios, and "Outcome measure" names no arm
    assert not any(r.group == "measure" or r.value in (0.22, 0.37) for r in records)


def test_f_test_column_under_a_section_row_is_no_arm():
    # JAMA-style moderator table: "F test | df | P value", then a section naming the scale
    records = extract(
        "Variable  F test  df  P value\n"
        "HAMD-17\n"
        "Age  0.87  5/1870  .50\n"
        "Prior episodes  2.46  5/1866  .03\n")
    assert [(r.value, r.df, r.group) for r in table(records, "f")] == [(0.87, "5, 1870", None), (2.46, "5, 1866", None)]
    assert [(r.value, r.outcome) for r in table(records, "p")] == [(0.50, "Age"), (0.03, "Prior episodes")]
    assert not [r for r in records if r.kind == "count"]


def test_unlabelled_mean_sd_cells_spaced_minus_and_a_p_column_whose_header_was_lost():
    records = extract(
        "Characteristic  Ketamine (n = 40)  Placebo (n = 40)  P\n"
        "Length of stay (days)  3.41(1.20)  3.87(1.52)  0.138\n"
        "Change in NRS  - 2.3 (1.1)  - 1.1 (1.4)  <0.001\n"
        "Nausea, n (%)  6 (15.0)  5 (12.5)  0.745\n")
    means = [(r.value, r.sd, r.group) for r in table(records, "mean")]
    assert means == [(3.41, 1.20, "Ketamine"), (3.87, 1.52, "Placebo"), (-2.3, 1.1, "Ketamine"), (-1.1, 1.4, "Placebo")]
    assert [r.text for r in table(records, "mean")][2] == "- 2.3"
    # whole numbers before a spread are counts, never means
    assert {(r.value, r.group) for r in table(records, "count")} == {(6, "Ketamine"), (5, "Placebo")}
    lost = extract(
        "Pain scores (VAS) in the three groups\n"
        "Time  Group K  Group L  Group C\n"
        "30 min  2.1 ± 0.9  2.4 ± 1.0  4.6 ± 1.2  0.001\n"
        "2 h  1.8 ± 0.7  2.0 ± 0.8  3.9 ± 1.1  .012\n")
    assert [(r.op, r.value) for r in table(lost, "p")] == [("=", 0.001), ("=", 0.012)]
    assert [r.group for r in table(lost, "p")] == [None, None]  # a P across three arms is an omnibus test
    # a last cell shaped like a mean, or with no arms' values before it, is no P
    plain = extract(
        "Time  Group K  Group L  Group C\n"
        "30 min  2.1 ± 0.9  2.4 ± 1.0  4.6 ± 1.2  3.5\n")
    assert [r.value for r in table(plain, "mean")] == [2.1, 2.4, 4.6]  # the row is read, its last cell is no P
    assert not [r for r in plain if r.kind == "p"]


def test_an_effect_size_column_under_each_arm_is_a_within_arm_d():
    # a pre-post table per arm (PMC-style, "mean, SD" cells): the unnamed effect size is each arm's d
    records = extract(
        "| Item | Exercise (mean, SD) |\nWaiting list (mean, SD) |\n"
        "||||||\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| Pre | Post | Change | Effect size | Pre | Post | Change | Effect size | |\n"
        "| BDI-II | 24.1, 8.2 | 15.3, 9.0 | -8.8, 9.6 | -1.02 | 23.8, 7.9 | 21.0, 8.8 | -2.8, 8.5 | -0.33 |\n")
    assert [(r.value, r.group) for r in table(records, "d")] == [(-1.02, "Exercise"), (-0.33, "Waiting list")]
    assert not table(records, "smd")
    # between the arms it stays a standardised mean difference
    between = extract(
        "| Outcome | Ketamine (n = 20) | Placebo (n = 20) | Effect size (95% CI) |\n"
        "|---|---|---|---|\n"
        "| MADRS | 14.2 ± 6.1 | 20.3 ± 7.0 | -0.93 (-1.58 to -0.27) |\n")
    assert [r.value for r in table(between, "smd")] == [-0.93]


def test_a_p_column_goes_on_the_row_estimate_only_when_the_row_holds_one():
    records = extract(
        "Table 2. Secondary outcomes.\n"
        "| Outcome | Risk difference (95% CI) | Odds ratio (95% CI) | P |\n"
        "|---|---|---|---|\n"
        "| Response | 12.1 (2.0 to 22.2) | 1.62 (1.08 to 2.43) | 0.02 |\n"
        "\n"
        "Table 3. Primary outcome.\n"
        "| Outcome | Odds ratio (95% CI) | P |\n"
        "|---|---|---|\n"
        "| Remission | 1.40 (0.91 to 2.15) | 0.12 |\n")
    ors = {r.outcome: r.p_value for r in table(records, "or")}
    assert ors == {"Response": None, "Remission": 0.12}  # two estimates share the first P: none takes it
    assert {r.value for r in table(records, "p")} == {0.02, 0.12}


def test_comparison_columns_name_the_two_arms_reference_last_and_not_the_whole_sample():
    # placebo printed first, a total column beside the arms: the P compares ketamine with placebo
    records = extract(
        "Table 2. Secondary outcomes\n"
        "| Outcome | Total (N = 120) | Placebo (n = 60) | Ketamine (n = 60) | P value |\n"
        "|---|---|---|---|---|\n"
        "| Rescue analgesia, n (%) | 41 (34.2) | 29 (48.3) | 12 (20.0) | 0.001 |\n")
    assert [(r.value, r.group) for r in table(records, "p")] == [(0.001, "Ketamine vs Placebo")]
    assert {r.group for r in table(records, "percent")} == {None, "Placebo", "Ketamine"}
    # two active arms keep the header's order
    active = extract(
        "| Variable | Esketamine (n = 40) | Midazolam (n = 40) | Difference (95% CI) | P |\n"
        "| Time to discharge, min | 52 (10) | 61 (12) | -9 (-14 to -4) | <0.001 |\n")
    assert {r.group for r in table(active, "p") + table(active, "md")} == {"Esketamine vs Midazolam"}


def test_an_estimated_effects_column_is_no_arm_of_the_comparison():
    # esketamine at abortion surgery, Table 3 (fresh held-out passage)
    records = extract(
        "Outcome  Placebo group (n = 102)  Esketamine group (n = 102)  Estimated effects (95% CI)  P value\n"
        "Incidence of sleep disturbance on the first night after surgery, No. (%)  73 (71.6)  48 (47.1)  "
        "OR, 0.35 (0.20–0.64)  0.0004\n")
    assert [(r.value, r.group) for r in table(records, "p")] == [(0.0004, "Esketamine group vs Placebo group")]


def test_a_test_statistic_read_in_a_row_takes_the_rows_comparison():
    # Implementation Science 2015 Table 4: "z = 1.99, p = 0.047" in the row of an odds ratio between the arms
    records = extract(
        "Outcome variable  Odds ratio  95% confidence interval  Test statistics and p value  Estimated proportion in "
        "control group  Estimated proportion in intervention group\n"
        "Recognition (primary outcome)  1.60*  (1.01, 2.53)  z = 1.99, p = 0.047  0.31  0.42\n"
        "Prescribing antidepressants  1.07  (0.52, 2.19)  z = 0.19, p = 0.849  0.12  0.13\n")
    assert {(r.kind, r.group) for r in records if r.kind in ("or", "z")} == {
        ("or", "intervention group vs control group"), ("z", "intervention group vs control group")}
