"""Statistics found in the many ways journals print them: p-value labels, subscript df, estimates
named before their interval, listed estimates, and what must stay no statistic."""

from __future__ import annotations

import pytest

from evidencekit.extract import default_nlp
from evidencekit.parsers import parse_df, parse_p
from test_extract import extract


@pytest.fixture(scope="module")
def nlp():
    return default_nlp()


def kinds(records, *wanted):
    return [(r.kind, r.value) for r in records if r.kind in wanted]


def test_p_labels_for_named_tests_hyphenated_unsigned_and_adjusted(nlp):
    # PMC2647759 Table 3 footnote; the others as NEJM, BMC and neuroimaging papers print them
    assert [(r.op, r.value) for r in extract("P for interaction = 0.05 for categorical stratified analysis.", nlp)
            if r.kind == "p"] == [("=", 0.05)]
    assert [(r.op, r.value) for r in extract("Risk rose across quartiles (P for linear trend < 0.001).", nlp)
            if r.kind == "p"] == [("<", 0.001)]
    assert [(r.op, r.value) for r in extract("Remission did not differ (P-value = 0.21).", nlp) if r.kind == "p"] == [("=", 0.21)]
    assert [(r.op, r.value) for r in extract("Length of stay was shorter (P value 0.03).", nlp) if r.kind == "p"] == [("=", 0.03)]
    assert [(r.op, r.value) for r in extract("Connectivity increased (pFDR = 0.012).", nlp) if r.kind == "p"] == [("=", 0.012)]
    assert [(r.op, r.value) for r in extract("The contrast survived correction (P(adj) < .001).", nlp) if r.kind == "p"] == [("<", 0.001)]
    # a P label with no value, or a number no P can be, is nothing
    assert not kinds(extract("The P value for the model is given in Table 2; P for the 12 sites was not computed.", nlp), "p")
    assert not kinds(extract("Scores were compared (P value 12 in the appendix).", nlp), "p")
    assert parse_p("P value, .004") == ("=", 0.004)
    assert parse_p("P value") == (None, None)


def test_p_glued_to_a_semicolon_after_counts(nlp):
    records = extract("Rescue analgesia was needed less often with ketamine (4 vs. 12;P=0.02).", nlp)
    assert [(r.op, r.value) for r in records if r.kind == "p"] == [("=", 0.02)]
    # a comma between decimals splits an interval, never a thousands separator
    assert kinds(extract("In all, 1,234 patients were randomised.", nlp), "total_n") == [("total_n", 1234)]


def test_f_with_subscript_degrees_of_freedom(nlp):
    records = extract("The group-by-time interaction was significant, F2,118 = 3.41, p = .036.", nlp)
    f = [r for r in records if r.kind == "f"]
    assert [(r.value, r.df, r.p_value) for r in f] == [(3.41, "2, 118", 0.036)]
    assert parse_df("F1,70 = 9.62") == ("1, 70", None)
    assert not kinds(extract("The classifier reached an F1 score of 0.82.", nlp), "f")


def test_estimates_named_before_their_interval(nlp):
    # Linseisen et al., Int J Cancer 2007 (EPIC): the name, then "being", the value and a CI with a glued comma
    records = extract("This association became more pronounced after calibration, the hazard ratio (HR) being "
                      "0.78 (95% CI 0.62,0.98) per 100 g increase in daily vegetable consumption.", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "hr"] == [(0.78, 0.62, 0.98)]
    records = extract("The hazard ratio for death from any cause was 0.84 (0.73 to 0.97).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "hr"] == [(0.84, 0.73, 0.97)]
    records = extract("The between-group difference in change was −3.9 points (95% CI, −6.1 to −1.7).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "md"] == [(-3.9, -6.1, -1.7)]
    records = extract("Effect size (Cohen’s d) was 0.62 (95% CI 0.21 to 1.03).", nlp)
    assert [(r.value, r.ci_low) for r in records if r.kind == "d"] == [(0.62, 0.21)]
    # BMJ style: the interval with no "95% CI" after a named difference
    records = extract("Those who chose therapy did better (mean difference in HADS score 3.1, 0.4 to 5.8).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "md"] == [(3.1, 0.4, 5.8)]


def test_no_estimate_from_medians_arms_or_an_unnamed_positive_value(nlp):
    records = extract("Scores did not differ: median 7 (IQR 4 to 11) vs. 8 (5 to 12); median difference 1, "
                      "95% CI −1 to 3; P = 0.41.", nlp)
    assert not kinds(records, "md")
    assert [(r.op, r.value) for r in records if r.kind == "p"] == [("=", 0.41)]
    records = extract("Mean scores were 12.1 (95% CI 10.2 to 14.0) with ketamine and 15.3 (95% CI 13.1 to 17.5) with placebo.", nlp)
    assert not kinds(records, "md", "or", "hr", "rr", "smd", "d")
    records = extract("Readmission was similar (0.81, 95% CI 0.66 to 0.99).", nlp)
    assert not kinds(records, "md", "or", "hr", "rr", "smd", "d")


def test_listed_estimates_take_the_kind_of_the_first_and_an_unnamed_difference(nlp):
    records = extract("The adjusted odds ratio was 1.52 (95% CI 1.10 to 2.10) for moderate and 2.31 "
                      "(95% CI 1.62 to 3.29) for severe depression.", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "or"] == [(1.52, 1.10, 2.10), (2.31, 1.62, 3.29)]
    records = extract("The effect size was 0.45 (95% CI [0.10 to 0.80]; P = 0.012) for 0.5 mg/kg versus saline, "
                      "0.30 (95% CI [-0.05 to 0.65]; P = 0.09) for 0.2 mg/kg versus saline.", nlp)
    assert [(r.value, r.p_value) for r in records if r.kind == "smd"] == [(0.45, 0.012), (0.30, 0.09)]
    records = extract("Ketamine had no effect on pain at day 7 (−0.41, 95% CI −1.20 to 0.38, p=0.31).", nlp)
    assert [(r.value, r.ci_low, r.ci_high, r.p_value) for r in records if r.kind == "md"] == [(-0.41, -1.20, 0.38, 0.31)]


def test_a_new_statement_after_a_named_estimate_is_no_listed_estimate(nlp):
    records = extract("The odds ratio was 2.10 (95% CI 1.20 to 3.40), and mean age was 45.2 (95% CI 43.1 to 47.3).", nlp)
    assert [r.value for r in records if r.kind == "or"] == [2.10]


def test_p_printed_before_its_estimate_in_one_parenthesis(nlp):
    records = extract("The lowest dose was significant only before adjustment (p = 0.01, p-adj = 0.09, d = -0.71 at week 2).", nlp)
    assert [(r.value, r.p_value) for r in records if r.kind == "d"] == [(-0.71, 0.01)]
    assert [r.value for r in records if r.kind == "p"] == [0.09]  # the adjusted P stands alone
    # a P closing its own parenthesis is no later estimate's
    records = extract("Scores were lower with ketamine (P = 0.03), and the effect size was large (d = 0.9).", nlp)
    assert [(r.value, r.p_value) for r in records if r.kind == "d"] == [(0.9, None)]


def test_a_p_in_a_new_parenthetical_statement_is_not_the_earlier_estimates(nlp):
    # Chu et al., Lancet 2020 wording with other numbers: the P of "change in relative risk" is not the aOR's
    records = extract("Infection was less likely with eye protection (n=3713, aOR 0.22, 95% CI 0.12 to 0.39); "
                      "protection increased with longer wear (change in relative risk [RR] 1.41 per hour; pinteraction=0.012).", nlp)
    assert [(r.kind, r.p_value) for r in records if r.kind in ("or", "rr")] == [("or", None), ("rr", 0.012)]


def test_an_estimate_name_declares_what_its_parentheses_hold(nlp):
    records = extract("The least-squares mean difference (SE) was −3.6 (1.41) points at day 28.", nlp)
    assert [(r.value, r.se) for r in records if r.kind == "md"] == [(-3.6, 1.41)]
    records = extract("At week 6, the difference in LS means (95% CI) was −2.9 (−5.4 to −0.4).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "md"] == [(-2.9, -5.4, -0.4)]
    records = extract("The difference in change from baseline was −3.5 (SE, 1.2; 95% CI, −5.9 to −1.1).", nlp)
    assert [(r.value, r.se, r.ci_low, r.ci_high) for r in records if r.kind == "md"] == [(-3.5, 1.2, -5.9, -1.1)]
    # without "(SE)" in the name, a number in parentheses after a difference is no SE
    records = extract("The mean difference was 4.2 (n = 40) in the completers.", nlp)
    assert [(r.value, r.se) for r in records if r.kind == "md"] == [(4.2, None)]


def test_an_arms_change_by_some_points(nlp):
    records = extract("HAM-D scores fell by 9.4 points with sertraline (t(40) = 5.1, p < .001) and 5.1 points with placebo.", nlp)
    assert [(r.value, r.text) for r in records if r.kind == "mean"] == [(9.4, "9.4 points"), (5.1, "5.1 points")]
    # a difference between arms is no arm's mean, and "and N points" alone is nothing
    records = extract("Ketamine improved MADRS scores by 5.2 points more than placebo.", nlp)
    assert not [r for r in records if r.kind == "mean"]
    assert not [r for r in extract("Items scored between 0 and 4 points on each scale.", nlp) if r.kind == "mean"]


def test_an_interval_printed_in_percent_is_no_percentage_of_people(nlp):
    records = extract("Among patients receiving ECT, 61% remitted compared with 44% with ketamine "
                      "(P = .03; difference 95% CI 3%, 31%).", nlp)
    assert [r.value for r in records if r.kind == "percent"] == [61, 44]
    assert all(r.ci_low is None for r in records)  # the interval is the unprinted difference's
    records = extract("The absolute risk reduction was 8.1% (95% CI, 2.0% to 14.2%).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in records if r.kind == "percent"] == [(8.1, 2.0, 14.2)]


def test_counts_set_side_by_side_after_the_number_of_patients(nlp):
    records = extract("The number of patients who required rescue analgesia was lower with ketamine (12 vs. 25; P = 0.01).", nlp)
    assert [r.value for r in records if r.kind == "count"] == [12, 25]
    # without "the number of ...", two numbers in parentheses are no counts
    assert not [r for r in extract("Median scores were similar (12 vs. 25; P = 0.4).", nlp) if r.kind == "count"]


def test_a_change_in_points_set_against_the_other_arm_alone_is_a_difference(nlp):
    records = extract("Pain was reduced by 1.8 points (95% CI 0.9 to 2.7) compared with placebo.", nlp)
    assert [(r.kind, r.value, r.ci_low, r.ci_high) for r in records if r.kind in ("md", "mean")] == [("md", 1.8, 0.9, 2.7)]
    records = extract("HAM-D scores fell by 9.4 points with sertraline compared with 5.1 points with placebo.", nlp)
    assert [(r.kind, r.value) for r in records if r.kind in ("md", "mean")] == [("mean", 9.4), ("mean", 5.1)]
