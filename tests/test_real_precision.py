"""Precision patterns found by the hand audit of real PMC/PLOS articles (tests/data/real/): each
test uses published wording and a negative example the rule must leave alone."""

from __future__ import annotations

import pytest

from test_extract import extract, of_kind


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def sizes(records):
    return [(r.kind, r.value, r.group) for r in records if r.kind in ("total_n", "group_n")]


# ---- sample sizes

@pytest.mark.parametrize("text", [
    # Wilson et al. 2011, PLoS ONE 6:e16976
    "The rate difference was highest in Kambila, Mali at 4544 episodes per 1000 children due to the high incidence.",
    "The rate difference was lowest in Farafenni at 6 episodes per 1000 PYAR.",
    "The incidence was 12.5 per 100 person-years in the control arm.",
    # MacPherson et al. 2013, PLoS Med 10:e1001518
    "Acupuncturists were allocated an average of 13 patients each (range two to 45).",
    "Data from three studies that followed children during the malaria transmission season showed a slight increase.",
    # van der Meulen et al. 2008, BMC Oral Health 8:11
    "In the sample, a total of 14 missing answers that did not exceed these criteria were imputed.",
    "Table 1\n\nPatients characteristics at baseline.",
])
def test_numbers_of_people_that_are_no_sample_size(nlp, text):
    assert sizes(extract(text, nlp)) == []


@pytest.mark.parametrize("text,value", [
    ("A total of 120 patients were admitted to the study.", 120),
    ("We enrolled 104 patients with depression.", 104),
    ("A total of 47 depressed participants were randomised.", 47),
])
def test_sample_sizes_still_read(nlp, text, value):
    assert [v for k, v, _ in sizes(extract(text, nlp)) if k == "total_n"] == [value]


def test_people_counted_for_an_event_are_a_count(nlp):
    records = extract("There was also evidence of a reduction in admissions; 27 children were admitted to hospital in "
                      "the IPTc group compared with 45 in the placebo group (PE: 41%, 95%CI: 5–63%, p = 0.03).", nlp)
    assert sizes(records) == []
    assert [(r.value, r.outcome) for r in of_kind(records, "count") if r.value == 27] == [(27, "admitted")]
    # Figueira et al. 2012, Crit Care 16(Suppl 1):P396: the admitted population is screened, not the sample
    records = extract("During this period 1,900 patients were admitted, 697 needed MV for at least 48 hours.", nlp)
    assert sizes(records) == []


def test_arm_sizes_in_parentheses_after_each_arm(nlp):
    records = extract("Patients were randomized to receive up to 12 weekly sessions of acupuncture plus usual care "
                      "(302 patients), up to 12 weekly sessions of counseling plus usual care (302 patients), or "
                      "usual care alone (151 patients).", nlp)
    assert sizes(records) == [("group_n", 302, "acupuncture plus usual care"), ("group_n", 302, "counseling plus usual care"),
                              ("group_n", 151, "usual care alone")]
    # one size in parentheses after the study's population is no arm's
    assert sizes(extract("We studied consecutive admissions to a general ICU (104 patients).", nlp)) == [("total_n", 104, None)]


def test_two_subgroup_sizes_are_no_total(nlp):
    # Arnedo et al. 2012, PLoS ONE 7:e47391
    records = extract("There were no significant statistical differences between patients that had virological "
                      "failure (n = 55) and those patients (n = 871) who did not.", nlp)
    assert [k for k, _, _ in sizes(records)] == ["group_n", "group_n"]
    assert [k for k, _, _ in sizes(extract("Patients (n = 104) completed the scales.", nlp))] == ["total_n"]


def test_people_with_a_decimal_comma_share_are_a_count(nlp):
    records = extract("Among the whole population studied, 274 patients (29,7%, 95% CI: 13.6–18.4) had detectable "
                      "viral load.", nlp)
    assert sizes(records) == []
    assert [r.value for r in of_kind(records, "count")] == [274]


# ---- CIs printed as "95%CI:" with percent bounds

def test_percent_ci_glued_label(nlp):
    records = extract("The PE of IPTc against clinical malaria was 35% (95%CI: 17–48%) in Ghana and 69% "
                      "(95%CI: 54–80%) in Mali (Table 4).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in of_kind(records, "percent")] == [(35, 17, 48), (69, 54, 80)]
    records = extract("Random effect meta-analysis of all studies gave a summary rate ratio of 0.25 (95%CI: 0.17–0.36).", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in of_kind(records, "rr")] == [(0.25, 0.17, 0.36)]
    # a percent with no interval after it stays a plain percent
    assert [(r.value, r.ci_low) for r in of_kind(extract("Of the patients, 95% completed the trial.", nlp), "percent")] == [(95, None)]


# ---- "NS" as a group's name

def test_ns_naming_nonsurvivors_is_no_p(nlp):
    records = extract("The APACHE II score on admission was 23 ± 7, in survivors (S) 20 ± 7 and 24 ± 6 in "
                      "nonsurvivors (NS) (P = 0.002).", nlp)
    assert [(r.value, r.op) for r in of_kind(records, "p")] == [(0.002, "=")]
    assert not any("negated" in r.flags for r in records)
    records = extract("Duration of MV was 32.7 ± 30.2 days in S, 20.79 ± 20.73 in NS (P = 0.019).", nlp)
    assert [r.value for r in of_kind(records, "p")] == [0.019]


@pytest.mark.parametrize("text", [
    "Mean scores were 12.1 and 12.9 (NS).",
    "The difference between the arms was small (p = NS).",
    "The differences were not significant (NS).",
])
def test_ns_in_a_p_position_is_still_not_significant(nlp, text):
    records = of_kind(extract(text, nlp), "p")
    assert [(r.op, r.value) for r in records] == [(">", 0.05)]


# ---- tables

# MacPherson et al. 2013, PLoS Med 10:e1001518, Table 2 (as the JATS reader lays it out)
_TRIAL_TABLE = ("Table 2\n\nUnadjusted depression outcomes.\n\n"
                "Outcome Measures  Acupuncture + Usual Care  Counselling + Usual Care  Usual Care  Total\n"
                "n  Mean (SD)  n  Mean (SD)  n  Mean (SD)  n  Mean (SD)\n"
                "PHQ-9\n"
                "Baseline  301  15.3 (5.33)  302  16.6 (5.27)  151  16.2 (5.09)  754  16.0 (5.29)\n"
                "3 mo  249  9.4 (6.33)  237  10.9 (6.45)  128  12.7 (6.47)  614  10.7 (6.51)\n")


def test_trial_table_arm_names_total_column_and_month_rows(nlp):
    means = of_kind(extract(_TRIAL_TABLE, nlp), "mean")
    assert [(r.value, r.sd, r.n, r.group, r.outcome, r.timepoint) for r in means] == [
        (15.3, 5.33, 301, "Acupuncture + Usual Care", "PHQ-9", "baseline"),
        (16.6, 5.27, 302, "Counselling + Usual Care", "PHQ-9", "baseline"),
        (16.2, 5.09, 151, "Usual Care", "PHQ-9", "baseline"),
        (16.0, 5.29, 754, None, "PHQ-9", "baseline"),  # the Total column: the whole sample's, no arm
        (9.4, 6.33, 249, "Acupuncture + Usual Care", "PHQ-9", "3 months"),
        (10.9, 6.45, 237, "Counselling + Usual Care", "PHQ-9", "3 months"),
        (12.7, 6.47, 128, "Usual Care", "PHQ-9", "3 months"),
        (10.7, 6.51, 614, None, "PHQ-9", "3 months"),
    ]


def test_single_space_header_still_splits_capitalised_arms(nlp):
    records = extract("Table 2. Scores, mean (SD)\nOutcome Ketamine Midazolam Saline\n"
                      "MADRS 12.1 (4.2) 20.3 (5.1) 21.0 (4.4)\nHAM-D 10.1 (4.2) 21.3 (5.1) 20.2 (3.3)\n", nlp)
    assert [r.group for r in of_kind(records, "mean")] == ["Ketamine", "Midazolam", "Saline"] * 2


def test_lower_case_or_in_a_header_is_no_odds_ratio(nlp):
    # Wilson et al. 2011, PLoS ONE 6:e16976, Table 4 (first rows)
    table = ("Table 4\n\nEffect of IPTc on clinical malaria during the intervention period.\n\n"
             "Study  Site  Drug Regimen  No. of children  Definition of clinical malaria (fever or history of fever plus any level of parasitaemia)\n"
             "No. of episodes  Incidence Rate per 1000 PYAR  Rate Difference per 1000 PYAR  PE (95% CI)\n"
             "Cisse (2006) [20]  Niakhar  SP+AS  542  96  758  3681  83 (79–86)\n"
             "Placebo  546  438  4439  -\n")
    assert of_kind(extract(table, nlp), "or") == []
    records = extract("Outcome  Ketamine  Placebo  OR (95% CI)\nResponse  12/30  5/30  2.40 (1.10–5.20)\n", nlp)
    assert [(r.value, r.ci_low, r.ci_high) for r in of_kind(records, "or")] == [(2.4, 1.1, 5.2)]


def test_row_of_column_sizes_under_the_column_names(nlp):
    # Lyratzopoulos et al. 2013, Ann Oncol 24:843, Table 1 (first columns)
    table = ("Table 1.\n\nDistribution of stage by cancer\n\n"
             "Bladder  Breast  Colon  Total\n"
             "n = 4924  n = 22 447  n = 12 019  n = 98 942\n"
             "Stage I  2219 45%  8595 38%  1489 12%  25 703 26%\n")
    records = extract(table, nlp)
    assert sizes(records) == [("group_n", 4924, "Bladder"), ("group_n", 22447, "Breast"), ("group_n", 12019, "Colon"),
                              ("total_n", 98942, None)]
    assert [r.group for r in of_kind(records, "percent")][:3] == ["Bladder", "Breast", "Colon"]
    # a header row that names its columns still replaces the one above
    records = extract("Outcome  Ketamine  Placebo\nMADRS, mean (SD)  12.1 (4.2)  20.3 (5.1)\n", nlp)
    assert [r.group for r in of_kind(records, "mean")] == ["Ketamine", "Placebo"]


def test_people_in_a_named_arm_and_a_denominator_that_is_an_arm(nlp):
    # Wilson et al. 2011, PLoS ONE 6:e16976
    records = extract("Pooling of data indicated that there were 47 deaths among 35,350 children in the IPTc arms "
                      "compared to 16 deaths per 5,186 children in the control arms.", nlp)
    assert sizes(records) == [("group_n", 35350, "IPTc arms"), ("group_n", 5186, "control arms")]
    assert [k for k, _, _ in sizes(extract("We enrolled 120 patients in the two groups.", nlp))] == ["total_n"]


# ---- outcomes: what a sentence's subject names when it is not a measure (session 3 audit of all
# 418 records: connectives, pronouns, clause fragments, "evidence", the study or analysis, the people)

def outcome_of(records, kind):
    return [(r.value, r.outcome) for r in of_kind(records, kind)]


@pytest.mark.parametrize("text,expected", [
    # a connective before the subject is not the outcome; the subject after it is
    ("However, depressive symptoms improved more with ketamine than with placebo (P = 0.01).", "depressive symptoms"),
    ("Likewise, the odds ratio for 'Current smoking' (1.80; P = 0.02) indicates a higher risk.", None),
    ("Conversely, older patients with renal cancer were less likely to be diagnosed late (P = 0.009).", None),
    # a clause fragment or a pronoun is no outcome
    ("Because of interactions between age and sex (P < 0.001 for both), we fitted separate models.", None),
    ("This difference (P = 0.03) was no longer seen at 6 months.", None),
    # "there was evidence that X ...": X
    ("There was good evidence that hospital admission was less frequent in the intervention arm (P = 0.01).",
     "hospital admission"),
    ("There was no evidence (P = 0.6) for a dose gradient.", None),
    # the analysis or the studies that gave a value do not name what it measured
    ("Random-effects meta-analysis of all trials gave a pooled odds ratio of 0.62 (95% CI 0.45 to 0.85).", None),
    ("Controlled trials demonstrated protective efficacies between 40% and 70%.", None),
    # the people a value is about
    ("Younger patients with asthma were more likely to be admitted (P = 0.03).", None),
])
def test_subject_that_names_no_measure_is_no_outcome(nlp, text, expected):
    records = [r for r in extract(text, nlp) if r.kind in ("p", "percent", "or")]
    assert records and {r.outcome for r in records} == {expected}


def test_second_clause_reports_its_own_subject(nlp):
    records = extract("Hospital mortality was 12% and in-hospital readmission was 31%.", nlp)
    assert outcome_of(records, "percent") == [(12.0, "Hospital mortality"), (31.0, "in-hospital readmission")]
    # a list inside one subject stays one outcome
    records = extract("The incidence of nausea and vomiting was 20% and 25%.", nlp)
    assert outcome_of(records, "percent") == [(20.0, "incidence of nausea and vomiting"),
                                              (25.0, "incidence of nausea and vomiting")]


def test_a_count_of_studies_is_not_carried_to_the_next_sentence(nlp):
    records = extract("Data were pooled across nine studies. This gives a relative risk of 0.70 (95% CI 0.55 to 0.90).", nlp)
    assert [r.outcome for r in of_kind(records, "rr")] == [None]
    records = extract("Remission rates were reported in detail. This gives a relative risk of 0.70 (95% CI 0.55 to 0.90).", nlp)
    assert [r.outcome for r in of_kind(records, "rr")] == [None]  # no count of studies; the pronoun subject names nothing


@pytest.mark.parametrize("text", [
    "The cohort (54% women; mean age ± SD = 63.4 ± 8.1 years) was followed for two years.",
    "Participants were aged 45.2 ± 11.3 years.",
    "The patients' age was 52 ± 12 years.",
])
def test_a_value_printed_after_age_is_an_age(nlp, text):
    assert [r.outcome for r in of_kind(extract(text, nlp), "mean")] == ["age"]


def test_by_age_is_no_age_label(nlp):
    records = extract("Advanced stage also varied by age (P < 0.001), being more likely in older age.", nlp)
    assert [r.outcome for r in of_kind(records, "p")] == ["Advanced stage"]


def test_an_age_band_is_no_sample_size(nlp):
    assert sizes(extract("Risk was higher than in 50–59-year-old women (P < 0.001).", nlp)) == []
    assert sizes(extract("We enrolled 40 women aged 50–59 years.", nlp)) == [("total_n", 40, None)]


def test_k_out_of_n_counts_k(nlp):
    records = extract("Seven out of 40 patients (17.5%) relapsed.", nlp)
    assert [(r.value, r.n) for r in of_kind(records, "count")] == [(7.0, 40)]
    records = extract("Eighteen out of 55 (33%) samples could be sequenced.", nlp)
    assert [r.value for r in of_kind(records, "count")] == [18.0]
    assert sizes(records) == []


def test_effect_of_names_the_intervention_not_the_outcome(nlp):
    records = extract("Meta-analysis of the prevalence of malaria in four trials showed a protective effect of "
                      "chemoprevention (risk ratio 0.62, 95% CI 0.41 to 0.93, p = 0.02).", nlp)
    assert [r.outcome for r in of_kind(records, "rr")] == ["prevalence of malaria"]
    records = extract("The effect of ketamine on pain intensity was significant (P = 0.01).", nlp)
    assert [r.outcome for r in of_kind(records, "p")] == ["pain intensity"]
    records = extract("There was no effect of training (odds ratio 1.10, 95% CI 0.80 to 1.50).", nlp)
    assert [r.outcome for r in of_kind(records, "or")] == [None]


def test_non_responders_are_not_responders(nlp):
    records = extract("Of 40 patients, 9 (22.5%) were non-responders.", nlp)
    assert {r.outcome for r in records if r.kind in ("count", "percent")} == {"non-responders"}
    records = extract("Of 40 patients, 9 (22.5%) were responders.", nlp)
    assert {r.outcome for r in records if r.kind in ("count", "percent")} == {"response"}


def test_a_named_endpoint_is_no_timepoint(nlp):
    records = extract("Five trials which assessed this endpoint gave a risk ratio of 0.47 (95% CI 0.30 to 0.75).", nlp)
    assert [r.timepoint for r in of_kind(records, "rr")] == [None]
    records = extract("The primary endpoint was met in 30 patients (60%).", nlp)
    assert [(r.kind, r.timepoint) for r in records] == [("count", None), ("percent", None)]
    records = extract("MADRS change from baseline to endpoint was -12.1 ± 5.0.", nlp)
    assert [r.timepoint for r in of_kind(records, "mean")] == ["endpoint"]


def test_people_not_included_are_counted_not_a_sample(nlp):
    records = extract("Of the 111 non-included patients, 8 were lost to follow-up.", nlp)
    assert sizes(records) == []
    assert sizes(extract("Of the 111 included patients, 8 were lost to follow-up.", nlp)) == [("total_n", 111, None)]


def test_had_a_measure_of_value(nlp):
    records = extract("Late-onset sepsis had an ICU mortality of 41%, an in-hospital mortality of 48%.", nlp)
    assert [(r.value, r.outcome) for r in of_kind(records, "percent")] == [(41.0, "ICU mortality"), (48.0, "in-hospital mortality")]
    records = extract("Women had a prevalence of depression of 20%.", nlp)
    assert [r.outcome for r in of_kind(records, "percent")] == ["prevalence of depression"]
    # a statistic's name is no measure; a list needs the "had a X of" that opens it
    records = extract("The ketamine group had a mean of 12.1 ± 3.0.", nlp)
    assert [r.outcome for r in of_kind(records, "mean")] == [None]
    records = extract("Mortality was 30%, a figure of 12% above the national rate.", nlp)
    assert [r.outcome for r in of_kind(records, "percent")][0] == "Mortality"


def test_count_with_its_share_takes_what_follows(nlp):
    records = extract("Mean attendance was 6.1 sessions (SD = 2.0), with 88 participants (41.5%) having attended every "
                      "session.", nlp)
    assert {r.outcome for r in records if r.kind in ("count", "percent")} == {"having attended every session"}
    # a preposition or the end of the sentence after the share: the sentence's own outcome stays
    records = extract("Depression improved in 12 patients (30%) by week 4.", nlp)
    assert [r.outcome for r in of_kind(records, "count")] == ["Depression"]
    records = extract("Nausea occurred in 12 patients (30%).", nlp)
    assert [r.outcome for r in of_kind(records, "count")] == ["Nausea"]


@pytest.mark.parametrize("text", [
    "Adults who had received opioids for at least 12 weeks were eligible.",
    "Patients requiring ventilation for 72 hours or longer were included.",
])
def test_an_entry_threshold_is_no_duration(nlp, text):
    assert of_kind(extract(text, nlp), "duration") == []


def test_a_minimum_observation_period_stays_a_duration(nlp):
    records = extract("Each patient was observed for at least four weeks before the first infusion.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "duration")] == [(4.0, "weeks")]


def test_share_of_an_item_in_a_listed_category(nlp):
    records = extract("The most frequent complications were bleeding (14%), infection (9%) and ileus (4%).", nlp)
    assert outcome_of(records, "percent") == [(14.0, "bleeding"), (9.0, "infection"), (4.0, "ileus")]
    records = extract("The leading cause of admission was asthma (41%) followed by pneumonia (22%).", nlp)
    assert outcome_of(records, "percent") == [(41.0, "asthma"), (22.0, "pneumonia")]
    records = extract("Side effects included dizziness (18%).", nlp)
    assert outcome_of(records, "percent") == [(18.0, "dizziness")]
    # a predicate or an arm before the share is no item
    records = extract("Side effects were frequent (35%).", nlp)
    assert outcome_of(records, "percent") == [(35.0, "Side effects")]
    records = extract("Mortality was lower in the ketamine group (20%).", nlp)
    assert outcome_of(records, "percent") == [(20.0, "Mortality")]
