"""Recall of sample sizes, counts and their outcomes as journals print them: completers, a total
before a bracketed breakdown, one person, "none" beside other arms' counts, responders and
remitters named by their verb, and an event an elliptic clause ("so did ...") shares."""

from __future__ import annotations

import pytest

from tests.test_extract import extract, of_kind, one


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def test_completers_are_a_sample_size(nlp):
    records = extract("Forty-four patients were randomized; 36 completed the study and were analysed.", nlp)
    completers = one(records, kind="total_n", value=36.0)
    assert completers.text == "36 completed"
    records = extract("Of 52 patients enrolled, 41 completed both treatment periods.", nlp)
    one(records, kind="total_n", value=41.0)


def test_completed_things_are_no_sample(nlp):
    records = extract("The 24 completed questionnaires were scored by a blinded rater.", nlp)
    assert not [r for r in records if r.value == 24.0]


def test_qualifiers_joined_by_or_stay_in_the_sample(nlp):
    records = extract("Forty-two medication-free or unmedicated outpatients with bipolar depression were enrolled.", nlp)
    one(records, kind="total_n", value=42.0)
    records = extract("We enrolled 31 treatment-resistant or treatment-intolerant adults with chronic pain.", nlp)
    one(records, kind="total_n", value=31.0)


def test_or_more_is_no_sample(nlp):
    records = extract("Sites that enrolled 10 or more patients were included in the sensitivity analysis.", nlp)
    assert not of_kind(records, "total_n")


def test_total_before_a_bracketed_breakdown(nlp):
    records = extract("Of 120 patients screened, 96 (58 women) were randomized to ketamine or placebo.", nlp)
    one(records, kind="total_n", value=96.0)
    women = one(records, kind="count", value=58.0)
    assert women.n == 96 and women.outcome == "women"


def test_number_before_a_share_is_no_total(nlp):
    records = extract("At week 4, 12 (40%) responded to ketamine.", nlp)
    assert not of_kind(records, "total_n")


def test_one_person_is_a_count_of_what_they_had(nlp):
    records = extract("One patient in the placebo group discontinued because of nausea, and one man receiving "
                      "ketamine developed transient hypertension.", nlp)
    first = one(records, kind="count", text="One patient")
    assert first.value == 1.0 and first.group and "placebo" in first.group
    second = one(records, kind="count", text="one man")
    assert second.outcome == "transient hypertension"
    assert not of_kind(records, "total_n")


def test_one_person_in_a_discussion_restates_the_results(nlp):
    records = extract("Discussion\n\nBecause only one patient had a psychotic reaction, the drug appears safe.", nlp)
    assert not of_kind(records, "count")


def test_none_beside_other_arms_is_a_count_of_zero(nlp):
    records = extract("Four patients (13%) in the ketamine group and none in the control group reported "
                      "hallucinations.", nlp)
    zero = one(records, kind="count", value=0.0)
    assert zero.text == "none" and "control" in zero.group and zero.outcome == "hallucinations"


def test_none_on_its_own_states_no_count(nlp):
    records = extract("None of the patients reported hallucinations.", nlp)
    assert not of_kind(records, "count")


def test_responders_and_remitters_named_by_their_verb(nlp):
    records = extract("Using a MADRS score of 10 or less, 11 of 26 patients (42%) had remitted by day 7.", nlp)
    for kind in ("count", "percent"):
        remitters = one(records, kind=kind, value=11.0 if kind == "count" else 42.0)
        assert (remitters.outcome, remitters.domain) == ("remission", "depression")
    records = extract("On the HAM-D, 9 patients (30%) responded after the third infusion.", nlp)
    assert one(records, kind="percent", value=30.0).outcome == "response"


def test_other_events_keep_their_own_words(nlp):
    records = extract("On the MADRS, 12 patients (40%) had nausea after the infusion.", nlp)
    nausea = one(records, kind="percent", value=40.0)
    assert nausea.outcome.startswith("nausea") and nausea.domain is None


def test_relapse_takes_the_trial_symptom_domain(nlp):
    records = extract("Depression was rated with the MADRS. Time to relapse did not differ between lithium and "
                      "placebo (log-rank P = 0.41).", nlp)
    p = one(records, kind="p", value=0.41)
    assert p.outcome == "Time to relapse" and p.domain == "depression"
    records = extract("Depression was rated with the MADRS. Time to discharge did not differ between lithium and "
                      "placebo (log-rank P = 0.41).", nlp)
    assert one(records, kind="p", value=0.41).domain is None


def test_elliptic_clause_shares_the_event(nlp):
    records = extract("Two of 30 participants (7%) given ketamine had serious adverse events; so did 3 of 29 "
                      "participants (10%) given placebo.", nlp)
    for value in (2.0, 3.0):
        assert one(records, kind="count", value=value).outcome == "serious adverse events"


def test_a_stated_period_is_the_timepoint(nlp):
    records = extract("Pain scores changed differently in the two groups over the first 48 hours (F(1,58) = 6.20, "
                      "P = 0.016).", nlp)
    assert one(records, kind="f").timepoint == "first 48 hours"
    records = extract("Across the entire 8-week treatment period, HAM-D scores were lower with ketamine than with "
                      "placebo (P = 0.01).", nlp)
    assert one(records, kind="p").timepoint == "8 weeks treatment period"


def test_an_infusion_length_is_no_timepoint(nlp):
    records = extract("Ketamine was infused over 40 minutes and HAM-D scores were 12.1 ± 3.0 (P = 0.02).", nlp)
    assert one(records, kind="mean").timepoint is None


def test_a_mean_dose_reached_takes_its_time(nlp):
    records = extract("At the end of titration the mean ketamine dose was 0.8 ± 0.2 mg/kg in the active group.", nlp)
    assert one(records, kind="dose").timepoint == "end of titration"
    records = extract("Ketamine 0.5 mg/kg was given at the end of surgery.", nlp)
    assert one(records, kind="dose").timepoint is None


def test_a_change_starts_from_baseline(nlp):
    records = extract("HAM-D scores fell from 24.1 ± 3.2 at baseline to 10.2 ± 4.1 at week 2, and HAM-A scores "
                      "fell from 18.3 ± 2.9 to 9.4 ± 3.3.", nlp)
    assert one(records, kind="mean", value=18.3).timepoint == "baseline"
    assert one(records, kind="mean", value=9.4).timepoint != "baseline"
    records = extract("HAM-A scores fell from 18.3 ± 2.9 to 9.4 ± 3.3 at week 2.", nlp)
    assert one(records, kind="mean", value=18.3).timepoint != "baseline"  # the sentence names no baseline


PRIMARY = ("Methods\n\nThe primary outcome was the change in MADRS score from baseline to day 7.\n\nResults\n\n")


def test_general_symptom_words_take_the_primary_instrument(nlp):
    records = extract("Results: Depressive symptoms improved significantly with ketamine compared with placebo "
                      "(t = 3.10, P = 0.004).\n\n" + PRIMARY, nlp)
    assert (one(records, kind="t").outcome, one(records, kind="t").domain) == ("MADRS", "depression")
    records = extract("Results: Depressive symptoms improved significantly with ketamine compared with placebo "
                      "(t = 3.10, P = 0.004).", nlp)
    assert one(records, kind="t").outcome != "MADRS"  # no primary outcome defined


def test_an_interaction_that_names_no_score_is_on_the_primary_instrument(nlp):
    records = extract(PRIMARY + "A treatment-by-time interaction was significant (F(1,58) = 5.2, p = 0.03).", nlp)
    assert one(records, kind="f").outcome == "MADRS"
    records = extract(PRIMARY + "Age did not differ between sites (F(2,40) = 3.1, p = 0.06).", nlp)
    assert one(records, kind="f").outcome != "MADRS"


def test_a_change_in_the_primary_instrument_takes_its_time(nlp):
    records = extract(PRIMARY + "MADRS scores fell by 14.2 points with ketamine (t(30) = -8.1, p < 0.001).", nlp)
    assert one(records, kind="mean", value=14.2).timepoint == "day 7"
    assert one(records, kind="t").timepoint == "day 7"
    records = extract(PRIMARY + "MADRS scores were 30.1 ± 4.2 with ketamine and 29.8 ± 5.0 with placebo.", nlp)
    assert one(records, kind="mean", value=30.1).timepoint is None  # a score, not the change


def test_a_connective_does_not_name_the_outcome(nlp):
    records = extract("Pain scores were lower with ketamine than with placebo at 24 h (P = 0.01). However, the "
                      "difference was no longer significant at 48 h (P = 0.20).", nlp)
    assert one(records, kind="p", value=0.2).outcome == "Pain"
    records = extract("Conversely, P = 0.03 was reported.", nlp)
    assert one(records, kind="p").outcome != "Conversely"


def test_a_share_of_people_takes_what_they_did(nlp):
    records = extract("Overall, 41% of patients reported vivid dreams.", nlp)
    assert one(records, kind="percent").outcome == "vivid dreams"
    records = extract("In all, 12% of patients treated with ketamine were admitted, 5.6% of those admitted died.", nlp)
    assert one(records, kind="percent", value=12.0).outcome != "treated"
    assert one(records, kind="percent", value=5.6).outcome != "admitted"


def test_a_quoted_name_stays_in_the_outcome(nlp):
    records = extract('There was no difference in the number of patients who needed "rescue analgesia" between '
                      'groups (5 vs. 3; p=0.7).', nlp)
    assert one(records, kind="p").outcome == "needed rescue analgesia"


def test_a_threshold_improvement_takes_the_score_domain(nlp):
    records = extract("With pregabalin, 48% had at least a 30% reduction in pain intensity on the numeric rating "
                      "scale, compared with 27% with placebo.", nlp)
    share = one(records, kind="percent", value=48.0)
    assert share.outcome.startswith("at least a 30% reduction") and share.domain == "pain"
    records = extract("With pregabalin, 48% had at least a 30% reduction in clinic visits.", nlp)
    assert one(records, kind="percent", value=48.0).domain is None


def test_a_short_instrument_name_takes_its_domain(nlp):
    text = ("Outcomes were assessed with the Beck Depression Inventory. At 12 months, the difference in Beck "
            "scores was 2.1 (95% CI -0.5 to 4.7).")
    assert one(extract(text, nlp), kind="md").domain == "depression"
    text = ("Outcomes were assessed with the Visual Analogue Scale. At 12 months, the difference in Visual "
            "acuity was 2.1 (95% CI -0.5 to 4.7).")
    assert one(extract(text, nlp), kind="md").domain is None


def test_a_period_of_days_in_a_results_sentence_is_the_timepoint(nlp):
    records = extract("Pain intensity did not differ between groups over 28 days (area under the curve 120 ± 40 "
                      "vs 131 ± 52; P = 0.40).", nlp)
    assert one(records, kind="mean", value=120.0).timepoint == "28 days"
    records = extract("Ketamine was given over 2 weeks and HAM-D scores were 12.1 ± 3.0 (P = 0.02).", nlp)
    assert one(records, kind="mean").timepoint is None


def test_relapsing_people_count_a_relapse(nlp):
    records = extract("During continuation, 60% of patients relapsing on lithium had a HAM-D above 15.", nlp)
    assert one(records, kind="percent").outcome == "relapse"


def test_people_recruited_to_named_arms_are_their_size(nlp):
    records = extract("In total, 103 patients were randomised and 220 patients were recruited to the preference arms.", nlp)
    arm = one(records, kind="group_n", value=220.0)
    assert arm.group == "preference arms"
    one(records, kind="total_n", value=103.0)
    records = extract("Overall, 120 patients were randomised to the two groups.", nlp)
    one(records, kind="total_n", value=120.0)


def test_people_assigned_to_an_arm_and_the_rest_to_another(nlp):
    records = extract("Overall, 120 patients were randomly assigned to ketamine and 118 to placebo.", nlp)
    assert one(records, kind="group_n", value=120.0).group == "ketamine"
    assert one(records, kind="group_n", value=118.0).group == "placebo"
    records = extract("Overall, 120 patients were randomly assigned to ketamine or placebo.", nlp)
    one(records, kind="total_n", value=120.0)


def test_a_share_in_brackets_after_a_count_is_of_what_it_counts(nlp):
    records = extract("Of 150 participants enrolled, 96 of them women (64%), all completed the baseline visit.", nlp)
    assert one(records, kind="percent", value=64.0).outcome == "women"
    records = extract("Of 150 participants enrolled, 96 of them women; 64% were older than 40.", nlp)
    assert one(records, kind="percent", value=64.0).outcome != "women"


def test_a_p_after_the_relation_it_tests(nlp):
    records = extract("HAM-D scores fell with each ketamine dose, with a significant linear dose-response "
                      "relationship (P = .003).", nlp)
    p = one(records, kind="p")
    assert p.outcome == "dose-response relationship" and p.domain == "depression"
    records = extract("HAM-D scores fell more with ketamine than with placebo (P = .003).", nlp)
    assert one(records, kind="p").outcome == "HAM-D"


def test_a_statistic_naming_no_score_takes_its_paragraphs_one_score(nlp):
    records = extract("Results\n\nThe time-by-treatment interaction was significant for the MADRS. The lowest dose "
                      "reached significance only before correction (p-adj = 0.21, d = 0.55 at day 3).", nlp)
    assert one(records, kind="d").outcome == "MADRS" and one(records, kind="p").domain == "depression"
    records = extract("Results\n\nThe time-by-treatment interaction was significant for the MADRS.\n\nThe lowest "
                      "dose reached significance only before correction (p-adj = 0.21, d = 0.55 at day 3).", nlp)
    assert one(records, kind="d").outcome is None  # another paragraph


def test_the_second_arm_of_people_receiving_drugs(nlp):
    records = extract("Of the 40 patients, 22 patients receiving ketamine and eighteen receiving midazolam completed "
                      "the study.", nlp)
    assert one(records, kind="group_n", value=22.0).group == "ketamine"
    second = one(records, kind="group_n", value=18.0)
    assert second.group == "midazolam" and second.text == "eighteen"
    records = extract("Of the 40 patients, 22 were women and 18 receiving midazolam were men.", nlp)
    assert not of_kind(records, "group_n")  # no arm was given people before


ROW_NOTE_TABLE = ("Table 2. HAM-D total score, mean (SD), with paired tests against baseline\n\n"
                  "Visit  HAM-D  Paired test\n"
                  "Baseline  24.10 (3.2)\n"
                  "Week 1  12.40 (5.5)  n = 20, t19 = 8.1, p < 0.001\n"
                  "Week 4  10.90 (6.1)  n = 18, t17 = 7.7, p < 0.001\n\n")


def test_a_table_note_gives_the_n_of_the_row_it_names(nlp):
    records = extract(ROW_NOTE_TABLE + "Baseline n = 22. Values are unadjusted.", nlp)
    assert one(records, kind="mean", value=24.1).n == 22


def test_a_row_note_after_prose_is_not_the_tables(nlp):
    records = extract(ROW_NOTE_TABLE + "Scores fell at every visit in this cohort of adults.\n\nBaseline n = 22.", nlp)
    assert one(records, kind="mean", value=24.1).n is None


def test_counts_set_side_by_side_in_a_sentence_continuing_a_number_of_patients(nlp):
    records = extract("There was no difference in the number of patients who vomited in the two groups (4 vs. 6; "
                      "P = 0.5). In contrast, the difference was significant at 24 h (9 vs. 2; P = 0.03).", nlp)
    assert {r.value for r in of_kind(records, "count")} == {4.0, 6.0, 9.0, 2.0}
    records = extract("Pain scores did not differ. However, the difference was larger in the second week (11 vs. 3; "
                      "p=0.03).", nlp)
    assert not of_kind(records, "count")


def test_statistics_package_output_takes_its_variable_line(nlp):
    records = extract("Dependent Variable: Pain score\n\nSource  df  F  Sig.\n\nF = 6.10, p = 0.004", nlp)
    f = one(records, kind="f")
    assert (f.outcome, f.domain) == ("Pain score", "pain")
    records = extract("Dependent Variable: Pain score\n\nHAM-D scores fell after ketamine (t = 3.2, p = 0.01).", nlp)
    assert one(records, kind="t").outcome == "HAM-D"  # a statistic that names its own outcome keeps it


def test_a_count_threshold_stays_in_what_a_share_counts(nlp):
    # published style: "35.2% and 28.9% had 3 or more comorbid conditions, respectively"
    records = extract("In the intervention and control groups, 35.2% and 28.9% had 3 or more comorbid conditions, "
                      "respectively.", nlp)
    for value in (35.2, 28.9):
        assert one(records, kind="percent", value=value).outcome == "3 or more comorbid conditions"
    # a comparison, not a threshold: the number still ends the phrase
    records = extract("Overall, 41.0% and 22.5% reported pain 2 or more than 2 days after surgery.", nlp)
    assert "more" not in (one(records, kind="percent", value=41.0).outcome or "")
