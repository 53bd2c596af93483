"""Outcome, domain and unit linking: the phrase a value reports, its domain, and the unit printed
beside it or in its row label. Wording follows published abstracts and tables (not the corpus)."""

from __future__ import annotations

import pytest

from evidencekit.phrases import label_unit
from evidencekit.tables import caption_outcome
from test_extract import extract, of_kind


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def outcomes(records, kind):
    return [(r.value, r.outcome) for r in of_kind(records, kind)]


def test_outcome_stated_without_values_governs_the_next_sentence(nlp):
    records = extract("Children in the dexmedetomidine group had significantly lower emergence agitation scores than "
                      "the control group. At 10 min after arrival in the PACU, the scores were 1.2 ± 0.4 and 3.5 ± 1.1 "
                      "(P < 0.001).", nlp)
    assert outcomes(records, "mean") == [(1.2, "emergence agitation"), (3.5, "emergence agitation")]
    assert [r.outcome for r in of_kind(records, "p")] == ["emergence agitation"]


def test_stated_outcome_does_not_reach_an_unrelated_or_distant_sentence(nlp):
    records = extract("Pain scores were significantly lower with ketamine. Nausea occurred in 5 patients (10%).\n\n"
                      "At 24 h, 12.4 ± 3.1 and 18.9 ± 4.2 were recorded.", nlp)
    assert [r.value for r in of_kind(records, "mean")] == [12.4, 18.9]  # the distant sentence's values are read
    assert all(r.outcome is None or "pain" not in r.outcome.lower() for r in records if r.kind in ("percent", "count", "mean"))


def test_stated_outcome_runs_through_a_continued_report_in_pain_domain(nlp):
    records = extract("Postoperative pain scores were significantly lower in the ketamine group. "
                      "At 6 h the scores were 2.1 ± 0.9 and 3.8 ± 1.2.", nlp)
    assert {(r.outcome, r.domain) for r in of_kind(records, "mean")} == {("Postoperative pain", "pain")}


@pytest.mark.parametrize("text, expected", [
    ("The time to first analgesic request was longer in group K (245.2 ± 65.3 min vs 180.4 ± 55.1 min; P < 0.001).",
     [(245.2, "min"), (180.4, "min")]),
    ("Duration of analgesia was 6.2 ± 1.1 vs. 4.0 ± 0.9 h (P = 0.002).", [(6.2, "h"), (4.0, "h")]),
])
def test_a_duration_unit_printed_after_the_sd(nlp, text, expected):
    assert [(r.value, r.unit) for r in of_kind(extract(text, nlp), "mean")] == expected


def test_a_value_followed_by_a_timepoint_has_no_unit(nlp):
    records = extract("Mean VAS was 3.5 ± 1.5 at 24 h in the ketamine group.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "mean")] == [(3.5, None)]


@pytest.mark.parametrize("label, expected", [
    ("Time to first analgesic (min)", ("Time to first analgesic", "min")),
    ("Morphine consumption, mg", ("Morphine consumption", "mg")),
    ("Length of stay [days]", ("Length of stay", "days")),
    ("Pain (VAS)", ("Pain (VAS)", None)),
    ("Nausea, n (%)", ("Nausea, n (%)", None)),
    ("(min)", ("(min)", None)),
])
def test_label_unit(label, expected):
    assert label_unit(label) == expected


def test_a_row_label_unit_goes_on_the_rows_means(nlp):
    text = ("Table 3. Postoperative data\n"
            "Variable  Ketamine (n = 30)  Placebo (n = 30)\n"
            "Morphine consumption, mg  12.4 ± 3.1  18.9 ± 4.2\n"
            "Time to first analgesic request (min)  127.5 ± 32.5  26.3 ± 9.1\n"
            "Heart rate  72.1 ± 8.0  75.3 ± 9.2\n")
    got = {(r.value, r.outcome, r.unit) for r in of_kind(extract(text, nlp), "mean")}
    assert {(12.4, "Morphine consumption", "mg"), (127.5, "Time to first analgesic request", "min"),
            (72.1, "Heart rate", None)} <= got


@pytest.mark.parametrize("caption, expected", [
    ("Table 2. HAM-D scores by visit, mean (SD)", ("HAM-D scores", "depression")),
    ("Analyses of primary outcome (log-transformed PHQ-9 scores at 6 weeks)", ("PHQ-9 scores", "depression")),
    ("Table 4. Fentanyl consumption by time after surgery", ("Fentanyl consumption", None)),
    ("Table 1. Baseline characteristics of the patients", (None, None)),
    ("Table 2. Postoperative data, ketamine vs control (mean ± SD)", (None, None)),
])
def test_caption_outcome(nlp, caption, expected):
    from evidencekit.nlp import pack_of
    from evidencekit.tables import _instrument_names

    assert caption_outcome(caption, _instrument_names(pack_of(nlp))) == expected


def test_rows_that_are_timepoints_take_the_caption_outcome(nlp):
    text = ("Table 2. HAM-D scores by visit, mean (SD)\n"
            "Visit  Ketamine (n = 20)  Placebo (n = 20)\n"
            "Baseline  24.1 (4.2)  23.8 (4.0)\n"
            "Day 7  12.3 (5.5)  19.9 (6.1)\n")
    got = {(r.value, r.outcome, r.domain, r.timepoint) for r in of_kind(extract(text, nlp), "mean")}
    assert (12.3, "HAM-D scores", "depression", "day 7") in got


def test_a_title_paragraph_above_a_table_names_the_arms_outcome(nlp):
    text = ("Results\n\nMADRS total score: change from baseline to day 28\n\n"
            "Schedule  Esketamine, mean (SD)  Placebo, mean (SD)\n"
            "Weekly  -16.2 (8.1)  -10.5 (9.0)\n")
    got = {(r.value, r.outcome, r.domain) for r in of_kind(extract(text, nlp), "mean")}
    assert (-16.2, "MADRS total score", "depression") in got


def test_a_generic_title_names_no_outcome_and_a_time_row_label_is_no_outcome(nlp):
    text = ("Table 1. Characteristics of the participants\n"
            "Visit  Ketamine (n = 20)  Placebo (n = 20)\n"
            "Baseline  24.1 (4.2)  23.8 (4.0)\n")
    means = of_kind(extract(text, nlp), "mean")
    assert [(r.outcome, r.timepoint) for r in means] == [(None, "baseline"), (None, "baseline")]


def test_an_arm_that_did_not_change_an_outcome(nlp):
    records = extract("Ketamine did not reduce the incidence of postoperative nausea and vomiting (24% vs 28%; P = 0.61).", nlp)
    assert {r.outcome for r in records if r.kind in ("percent", "p")} == {"incidence of postoperative nausea and vomiting"}


def test_values_in_later_brackets_report_the_outcome_named_before_them(nlp):
    records = extract("Compared with saline, magnesium reduced the incidence of shivering (10% vs 36%; P = 0.01) and "
                      "nausea (8% vs 30%; P = 0.02), but it prolonged recovery time (P = 0.004).", nlp)
    assert outcomes(records, "percent") == [(10, "incidence of shivering"), (36, "incidence of shivering"),
                                            (8, "nausea"), (30, "nausea")]
    assert outcomes(records, "p") == [(0.01, "incidence of shivering"), (0.02, "nausea"), (0.004, "recovery time")]


def test_a_first_bracket_keeps_the_whole_coordinated_outcome(nlp):
    records = extract("Propofol reduced the incidence of nausea and vomiting (20% vs 35%; P = 0.03).", nlp)
    assert {r.outcome for r in of_kind(records, "percent")} == {"incidence of nausea and vomiting"}


def test_a_bare_pain_event_has_no_domain_a_pain_score_has(nlp):
    events = extract("Compared with placebo, clonidine reduced the incidence of agitation (20% vs 45%; P = 0.02) "
                     "and pain (25% vs 50%; P = 0.01).", nlp)
    assert {(r.outcome, r.domain) for r in of_kind(events, "percent") if r.value in (25, 50)} == {("pain", None)}
    scores = extract("Group B had significantly lower mean pain score on movement (2.3 ± 1.1 vs 3.9 ± 1.4, p = 0.004).", nlp)
    assert {(r.outcome, r.domain) for r in scores if r.kind in ("mean", "p")} == {("pain", "pain")}


def test_an_arm_named_by_its_dose_is_no_outcome(nlp):
    records = extract("The highest dose was superior to placebo only on day 1 (p = 0.01, d = 0.9).", nlp)
    assert [r.value for r in of_kind(records, "d")] == [0.9]
    assert all(r.outcome is None or "dose" not in r.outcome for r in records)


def test_the_n_in_brackets_after_a_percentage_and_arms_after_it(nlp):
    records = extract("Of 120 participants, 31% (n = 37) were current smokers.", nlp)
    assert outcomes(records, "percent") == [(31, "current smokers")]
    arm = extract("Response occurred in 52% of patients given the active drug compared with 30% receiving placebo.", nlp)
    assert [r.value for r in of_kind(arm, "percent")] == [52, 30]
    assert all(r.outcome != "receiving placebo" for r in arm)


def test_an_opening_phrase_with_a_list_is_skipped_to_the_subject(nlp):
    records = extract("At 6, 12, and 24 hours after surgery, fentanyl consumption was lower in group D (P < 0.05).", nlp)
    assert outcomes(records, "p") == [(0.05, "fentanyl consumption")]


def test_the_main_endpoint_takes_the_domain_of_the_outcome_just_reported(nlp):
    records = extract("Average pain intensity did not differ between groups over 12 weeks (P = 0.31). The effect size of "
                      "the primary outcome was 0.15 (95% CI -0.2 to 0.5; P = 0.40).", nlp)
    assert {(r.kind, r.domain) for r in records if r.kind == "smd"} == {("smd", "pain")}
    apart = extract("Average pain intensity did not differ between groups over 12 weeks (P = 0.31).\n\nThe effect size of "
                    "the primary outcome was 0.15 (95% CI -0.2 to 0.5; P = 0.40).", nlp)
    assert {(r.kind, r.domain) for r in apart if r.kind == "smd"} == {("smd", None)}
