"""Dosing records (dose, route, frequency, duration, administrations) and the drug they belong to,
on wording from published abstracts (each test names its source), with a negative case each."""

from __future__ import annotations

import pytest

from evidencekit.parsers import parse_frequency
from test_extract import extract, of_kind


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def dosing(records):
    return {(r.kind, r.value, r.unit) for r in records if r.kind in ("dose", "route", "frequency", "duration", "administrations")}


# ---- this trial's regimen, not the field's or another study's

def test_background_regimen_of_other_studies_is_no_record(nlp):
    """Fava 2020 (Mol Psychiatry) introduction and Heidari 2006 (Acta Anaesthesiol Taiwan) background."""
    records = extract("Introduction\nOver the last decade, a series of placebo-controlled studies have confirmed the ability of "
                      "intravenous (IV) ketamine (0.5 mg/kg infusion) to provide significant symptom amelioration. Almost all "
                      "the previous studies used standard IV doses of 0.5 mg/kg over 40 min.\n"
                      "Background\nOral ketamine has been used to treat postoperative stump pain following lower limb amputation.", nlp)
    assert dosing(records) == set()


def test_hedged_background_claim_is_no_record_but_methods_regimen_is(nlp):
    """Frontiers in Pain 2023 (oral ketamine clinic): a hedged introduction, then the methods."""
    records = extract("Introduction: Emerging evidence suggests that oral ketamine therapy may have a specific role in "
                      "managing treatment-resistant chronic pain.\nMethods: This study was a clinic-based retrospective study "
                      "of 79 patients treated with oral ketamine over a period up to 12 years.", nlp)
    route = [r for r in records if r.kind == "route"]
    assert [(r.unit, r.drug) for r in route] == [("oral", "ketamine")]
    assert "Methods" in route[0].sentence


def test_methods_hedge_is_still_the_regimen(nlp):
    """A modal verb in the methods states this trial's regimen (KADS 2023, revised flexible dosing)."""
    records = extract("Method\nDosing could be revised to flexible-dose ketamine 0.5–0.9 mg/kg or midazolam 0.025–0.045 mg/kg.", nlp)
    assert ("dose", 0.5, "mg/kg") in dosing(records)


def test_question_and_prior_trials_are_no_regimen(nlp):
    """KADS 2023 background ("Prior trials suggest that intravenous racemic ketamine ...")."""
    records = extract("Background\nPrior trials suggest that intravenous racemic ketamine is highly effective for "
                      "treatment-resistant depression. Does one infusion beat an active placebo?\nMethod\nParticipants "
                      "received twice-weekly subcutaneous racemic ketamine or midazolam for 4 weeks.", nlp)
    assert dosing(records) == {("route", None, "subcutaneous"), ("frequency", 2.0, "per week"), ("duration", 4.0, "weeks")}


def test_methods_statement_wins_over_the_aim(nlp):
    """Talati 2019 (Ind J Priv Psychiatry): the title-like aim names the route; the methods state the regimen."""
    records = extract("Aim\nTo compare a single intravenous ketamine infusion with placebo as an add-on to escitalopram.\n"
                      "Methods\nSixty patients were randomized to escitalopram 10 mg/day + single-dose intravenous (IV) "
                      "ketamine (0.5 mg/kg over 40 minutes) or escitalopram 10 mg/day + placebo.", nlp)
    for kind in ("route", "frequency"):
        found = of_kind(records, kind)
        assert len(found) == 1 and "Sixty patients" in found[0].sentence, kind


# ---- frequencies

@pytest.mark.parametrize("text, expected", [
    ("daily", (1.0, "per day")),
    ("weekly", (1.0, "per week")),
    ("every 8 h", (8.0, "hour interval")),
    ("at 8-hour intervals", (8.0, "hour interval")),
    ("q6h", (6.0, "hour interval")),
    ("one infusion every 35 days", (1.0, "per 35 days")),
    ("once a week", (1.0, "per week")),
    ("single dose", (1.0, "single")),
])
def test_frequency_spellings(text, expected):
    assert parse_frequency(text) == expected


def test_dosing_interval_in_methods(nlp):
    """Heidari 2006 abstract: "oral ketamine administered at 8-hour intervals postoperatively"."""
    records = extract("In ketamine group, oral ketamine administered at 8-hour intervals postoperatively.", nlp)
    frequency = of_kind(records, "frequency")
    assert [(r.value, r.unit, r.drug) for r in frequency] == [(8.0, "hour interval", "ketamine")]


def test_assessment_schedules_are_no_dosing_frequency(nlp):
    """PMC2950807 (CRPS ketamine infusion) and Goldberg 2005: assessments, not doses."""
    records = extract("Pain was assessed daily and ketamine and norketamine concentrations were obtained on Day 1. "
                      "Monitoring consisted of continuous ECG and non-invasive blood pressure every 15 minutes.", nlp)
    assert not of_kind(records, "frequency")


def test_bare_daily_after_a_regimen_not_before_a_noun(nlp):
    """Schwartzman 2009 abstract ("4 hours daily for 10 days") and "daily pain intensity" (Pickering 2020)."""
    records = extract("Patients received an intravenous infusion of ketamine (0.35 mg/kg/h) for 4 hours daily for 10 days.", nlp)
    assert [(r.value, r.unit, r.drug) for r in of_kind(records, "frequency")] == [(1.0, "per day", "ketamine")]
    records = extract("Daily pain intensity did not differ between ketamine 0.5 mg/kg and placebo over 35 days.", nlp)
    assert not of_kind(records, "frequency")


def test_single_dose_with_two_modifiers(nlp):
    """Bicer 2014 (Turk J Anaesthesiol Reanim): "a single intravenous bolus dose of 0.5 mg kg−1 ketamine"."""
    records = extract("Group 2 received only a single intravenous bolus dose of 0.5 mg kg−1 ketamine at induction.", nlp)
    assert [(r.value, r.unit, r.drug) for r in of_kind(records, "frequency")] == [(1.0, "single", "ketamine")]


# ---- durations

@pytest.mark.parametrize("text", [
    "The lockout time was 5 min in all three groups.",
    "Morphine 0.2 mg plus ketamine 0.5 mg per bolus with a 10 min lockout.",
])
def test_pca_lockout_is_a_duration(nlp, text):
    """Chinese J Anesthesiol 2003 and Eur J Anaesthesiol 1999 (patient-controlled analgesia)."""
    records = extract(text, nlp)
    assert [r.unit for r in of_kind(records, "duration")] == ["minutes"]
    assert "lockout" in of_kind(records, "duration")[0].flags


def test_observation_periods_are_durations_but_a_results_period_is_not(nlp):
    """corpora/README: an observation period with a stated length is a duration. Adriaenssens 1999 (Br J Anaesth):
    "... were noted for up to 48 h after the start of PCA"; Murrough 2013 (meeting abstract): "durability of benefit
    over the following seven days"; a results sentence's period is the value's timepoint instead."""
    records = extract("Pain scores, morphine consumption and side effects were noted for up to 48 h after the start of PCA.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "duration")] == [(48.0, "hours")]
    records = extract("Secondary outcomes were the durability of benefit over the following seven days.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "duration")] == [(7.0, "days")]
    records = extract("Pain over the first 24 hours was lower with ketamine (3.1 vs 4.2, P < 0.05).", nlp)
    assert not of_kind(records, "duration")


def test_postoperative_infusion_period_is_a_duration(nlp):
    """Brinck 2021 (medRxiv): "Study drugs were administered for 24 hours postoperative ..."; a follow-up is not."""
    records = extract("S-ketamine 0.5 mg ml−1 was added to oxycodone PCA and administered for 24 hours postoperative.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "duration")] == [(24.0, "hours")]
    records = extract("Ketamine 0.5 mg/kg was given and patients had a 6-week follow-up.", nlp)
    assert not of_kind(records, "duration")


# ---- routes

def test_route_by_mouth(nlp):
    records = extract("Methods\nKetamine 0.5 mg/kg was given by mouth in orange juice.", nlp)
    assert [(r.unit, r.drug) for r in of_kind(records, "route")] == [("oral", "ketamine")]
    assert not of_kind(extract("Methods\nThe ketamine group had a dry mouth more often (12 vs 3 patients).", nlp), "route")


# ---- the drug of a dosing record

def test_plain_ketamine_after_an_isomer_is_that_isomer(nlp):
    """Sigtermans 2009 (Pain) abstract: S(+)-ketamine, then "the ketamine dose"; a racemic trial keeps ketamine."""
    records = extract("We evaluated if the N-methyl-D-aspartate receptor antagonist S(+)-ketamine improves pain in CRPS-1 "
                      "patients. At the end of infusion, the ketamine dose was 22.2 ± 2.0 mg/h/70 kg.", nlp)
    dose = of_kind(records, "dose")
    assert [(r.value, r.sd, r.drug) for r in dose] == [(22.2, 2.0, "esketamine")]
    records = extract("This study determined the efficacy of a 5-day continuous racemic ketamine infusion. The plasma "
                      "concentrations of (S)-ketamine were determined. Ketamine was titrated to 40 mg/hr.", nlp)
    assert [r.drug for r in of_kind(records, "dose")] == ["ketamine"]


def test_regimen_without_a_drug_takes_the_trials_one_active_drug(nlp):
    """Mandal 2019 (Indian J Psychiatry) abstract: "Six doses were given over 2 weeks"."""
    records = extract("Injection ketamine hydrochloride was given at a subanesthetic dose of 0.5 mg/kg intravenous bolus "
                      "after preparation. Assessments were repeated 1 h after the first dose. Six doses were given over 2 "
                      "weeks and assessments were repeated.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "administrations")] == [(6.0, "ketamine")]
    records = extract("Patients received ketamine 0.5 mg/kg or dexmedetomidine 1 µg/kg. Six doses were given over 2 weeks.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "administrations")] == [(6.0, None)]


def test_schedule_of_one_active_arm_against_placebo(nlp):
    """Abdallah 2022 (Neuropsychopharmacology): "8 infusions administered twice weekly of intravenous placebo ..., low
    dose (0.2 mg/kg; n = 53) or standard dose (0.5 mg/kg; n = 51) ketamine"; "placebo-controlled" names no arm."""
    records = extract("Veterans with PTSD (n = 158) in a double-blind, placebo-controlled trial were randomized to 8 infusions "
                      "administered twice weekly of intravenous placebo (n = 54), low dose (0.2 mg/kg; n = 53) or standard "
                      "dose (0.5 mg/kg; n = 51) ketamine.", nlp)
    assert {(r.kind, r.value, r.drug) for r in records if r.kind in ("frequency", "administrations", "dose")} == {
        ("frequency", 2.0, "ketamine"), ("administrations", 8.0, "ketamine"), ("dose", 0.2, "ketamine"), ("dose", 0.5, "ketamine")}


def test_schedule_shared_by_several_active_arms_has_no_single_drug(nlp):
    """A schedule stated once for a list of active arms (constructed on the pattern of three-arm anaesthesia trials:
    "given either A (group A) or B (group B) or C (group C), administered twice daily") belongs to no one drug; a
    schedule inside one drug's clause keeps it (Jafarinia 2016: "oral ketamine ..., given as 50 mg three times daily, and diclofenac")."""
    records = extract("Patients were given either 1 mg/kg ketamine (group K) or 4 mg ondansetron (group O) or 5 mg "
                      "haloperidol (group H), administered twice daily for 3 consecutive days.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "frequency")] == [(2.0, None)]
    records = extract("The trial had two arms: oral ketamine at a fixed daily dosage of 150 mg, given as 50 mg three times "
                      "daily, and diclofenac at a fixed daily dosage of 150 mg.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "frequency")] == [(3.0, "ketamine")]


def test_dose_list_takes_the_drug_named_after_it(nlp):
    """Brinck 2021 (medRxiv) results: doses listed before "S-ketamine"; the amounts in brackets are consumption means."""
    records = extract("Patients receiving 0.75 mg ml−1 S-ketamine in oxycodone PCA needed 25% less oxycodone at 24 h "
                      "(61.2 mg) compared with patients receiving 0.5 mg ml−1 (74.7 mg) or 0.25 mg ml−1 (74.1 mg) "
                      "S-ketamine in oxycodone or oxycodone alone (81.9 mg).", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "dose")] == [(0.75, "esketamine"), (0.5, "esketamine"), (0.25, "esketamine")]
    assert [r.value for r in of_kind(records, "mean")] == [61.2, 74.7, 74.1, 81.9]
    records = extract("Patients received ketamine hydrochloride (0.5 mg/kg) or midazolam (0.045 mg/kg).", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "dose")] == [(0.5, "ketamine"), (0.045, "midazolam")]


def test_estimates_carry_the_experimental_drug_test_statistics_none(nlp):
    """corpora/README: a test statistic carries its arms in group, not a drug (dev passage pmc10810879: "responders to
    ketamine ... compared to non-responders (F(1,22) = 9.80"); an effect estimate carries the drug whose effect it is
    (the seed's "ketamine was found to have a significant effect on VAS (b, -0.992")."""
    records = extract("Responders to ketamine had significant lower MADRS score 24 h after infusion compared to "
                      "non-responders (F(1,22) = 9.80, p = 0.005).", nlp)
    assert [r.drug for r in of_kind(records, "f")] == [None]
    records = extract("At day 26, ketamine was found to have a significant effect on VAS (b, -0.992; P <.001).", nlp)
    assert [r.drug for r in of_kind(records, "b")] == ["ketamine"]


def test_result_period_after_surgery_is_no_treatment_duration(nlp):
    """Yücel 2011 (Curr Ther Res) style results: "Morphine consumption at 24 hours ..."; a consumption counted over a
    postoperative period is no regimen, an infusion given over it is (Brinck 2021)."""
    records = extract("Cumulative morphine consumption for 24 h postoperatively was lower with ketamine 0.5 mg/kg (P < 0.05).", nlp)
    assert not of_kind(records, "duration")


def test_interval_of_assessments_is_no_dosing_interval(nlp):
    """Goldberg 2005 (Pain Physician): "Monitoring consisted of ... non-invasive blood pressure every 15 minutes", here
    beside a regimen; an interval right after what is given stays (Heidari 2006: "administered at 8-hour intervals")."""
    records = extract("Ketamine 40-80 mg was infused daily with non-invasive blood pressure every 15 minutes.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "frequency")] == [(1.0, "per day")]
    records = extract("Ketamine 0.5 mg/kg was administered every 12 hours.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "frequency")] == [(12.0, "hour interval")]


def test_duration_takes_the_drug_said_to_last_that_long(nlp):
    """Brinck 2021 (medRxiv) "oxycodone-PCA was continued for further 48 hours"; Arp 2021 (Anesthesiol Res Pract)
    "a 0.2 mg/kg/hr ketamine infusion continued into the postop setting for up to 24 hours"; a course "received ...
    for 2 weeks" or a schedule after a list of arms belongs to no one drug."""
    records = extract("Study drugs were administered for 24 hours postoperative after which oxycodone-PCA was continued "
                      "for further 48 hours.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "duration")] == [(24.0, None), (48.0, "oxycodone")]
    records = extract("The ketamine group received a 0.3 mg/kg ketamine bolus after induction followed by a 0.2 mg/kg/hr "
                      "ketamine infusion continued into the postop setting for up to 24 hours.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "duration")] == [(24.0, "ketamine")]
    records = extract("Patients received six infusions of ketamine (0.5 mg/kg) three times per week for 2 weeks.", nlp)
    assert [(r.value, r.drug) for r in of_kind(records, "duration")] == [(2.0, None)]


def test_period_of_a_reported_result_is_no_duration(nlp):
    """A results sentence's "over 35 days (mean ... , P = 0.296)" is the period the value covers; the methods'
    "Six doses were given over 2 weeks" (Mandal 2019 abstract) is the regimen's."""
    records = extract("Daily pain intensity did not differ between ketamine and placebo over 35 days (185 ± 100 vs "
                      "187 ± 90, P = 0.296).", nlp)
    assert not of_kind(records, "duration")
    records = extract("Ketamine 0.5 mg/kg was given as an intravenous bolus. Six doses were given over 2 weeks.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "duration")] == [(2.0, "weeks")]
