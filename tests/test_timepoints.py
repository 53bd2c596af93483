"""Timepoints of extracted records, written the way trial reports print them: lists that govern
their own clause, named perioperative events, ordinal times, comparisons with baseline, table
captions, titles, section rows and row labels that state the time. Each rule has a negative case.

The sentences follow the wording of published ketamine and perioperative-analgesia trials (numbers
changed); none is a corpus sentence.
"""

from __future__ import annotations

import hashlib

import pytest

from evidencekit.extract import extract_document
from evidencekit.normalise import normalise
from evidencekit.parsers import parse_timepoint, stated_timepoint
from evidencekit.records import Document
from test_extract import of_kind


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def extract(raw: str, nlp):
    text, origin = normalise(raw)
    doc = Document("t.txt", hashlib.sha256(raw.encode()).hexdigest(), "txt", text, (0,), origin)
    return extract_document(doc, nlp)


# ---- prose

def test_a_listed_timepoint_run_governs_its_own_clause_only(nlp):
    records = extract(
        "At 1, 3 and 6 h after surgery VAS scores were 2.1 ± 0.8, 2.6 ± 1.0 and 3.0 ± 1.1 in group K, against "
        "3.9 ± 1.2, 4.2 ± 1.3 and 4.4 ± 1.0 in group N; at 24 h they were 1.9 ± 0.7 and 2.2 ± 0.9.", nlp)
    assert [(r.value, r.timepoint) for r in of_kind(records, "mean")] == [
        (2.1, "1 hour"), (2.6, "3 hours"), (3.0, "6 hours"), (3.9, "1 hour"), (4.2, "3 hours"), (4.4, "6 hours"),
        (1.9, "24 hours"), (2.2, "24 hours")]


def test_a_value_that_holds_at_every_timepoint_has_none_of_its_own(nlp):
    every = extract("At 2, 6, 12 and 24 h after surgery, patients in group K had lower VAS than those in "
                    "group C (P < 0.05 at each time point).", nlp)
    assert of_kind(every, "p")[0].timepoint is None
    single = extract("At 24 h after surgery, patients in group K had lower VAS than those in group C (P < 0.05).", nlp)
    assert of_kind(single, "p")[0].timepoint == "24 hours after surgery"


def test_named_perioperative_events_are_timepoints(nlp):
    day = extract("Morphine consumption in the first postoperative day was lower with ketamine "
                  "(18.2 ± 6.1 mg vs. 25.7 ± 8.0 mg; P = 0.01).", nlp)
    assert {r.timepoint for r in of_kind(day, "mean")} == {"first postoperative day"}
    pacu = extract("Pain scores in the PACU were lower in group K than in group C (2.1 ± 0.6 vs 3.4 ± 0.9, P < 0.001).", nlp)
    assert {r.timepoint for r in of_kind(pacu, "mean")} == {"pacu"}
    room = extract("Shivering in the recovery room occurred in 4 of 30 patients (13%) given ketamine.", nlp)
    assert of_kind(room, "percent")[0].timepoint == "recovery room"
    discharge = extract("At discharge, 21 patients (70%) were satisfied with analgesia.", nlp)
    assert of_kind(discharge, "percent")[0].timepoint == "discharge"


def test_words_like_recovery_or_end_of_the_alone_name_no_timepoint(nlp):
    recovery = extract("Ketamine did not delay the recovery of motor function (12.4 ± 3.1 vs 11.9 ± 2.8 min, P = 0.52).", nlp)
    assert {r.timepoint for r in of_kind(recovery, "mean")} == {None}
    end = extract("By the end of the first week of treatment, 14 of 25 patients (56%) had responded.", nlp)
    assert of_kind(end, "percent")[0].timepoint != "end of the"


def test_ordinal_times_and_administrations(nlp):
    minute = extract("The difference in VAS remained significant at the end of the 30th minute (P < 0.001).", nlp)
    assert of_kind(minute, "p")[0].timepoint == "30 minutes"
    pod = extract("On the 3rd postoperative day, 9 of 40 patients (22.5%) reported chronic pain symptoms.", nlp)
    assert of_kind(pod, "percent")[0].timepoint == "postoperative day 3"
    dose = extract("MADRS scores had fallen by the third infusion (t(14) = 5.1, p < 0.001).", nlp)
    assert of_kind(dose, "t")[0].timepoint == "third infusion"
    repeated = extract("Overall, 52% of participants met response criteria after the repeated infusions.", nlp)
    assert of_kind(repeated, "percent")[0].timepoint == "repeated infusions"


def test_baseline_as_the_reference_of_a_comparison_is_not_the_timepoint(nlp):
    later = extract("Four weeks after the last infusion, HAM-D scores were still well below baseline "
                    "(t(19) = 6.2, P < .001).", nlp)
    assert of_kind(later, "t")[0].timepoint == "4 weeks after last infusion"
    than = extract("Two hours after the dose, pain was lower than at baseline (P = 0.002).", nlp)
    assert of_kind(than, "p")[0].timepoint == "2 hours after dose"
    at_baseline = extract("MADRS scores were similar at baseline (31.2 ± 4.4 vs 30.8 ± 5.1, P = 0.71).", nlp)
    assert {r.timepoint for r in of_kind(at_baseline, "mean")} == {"baseline"}


def test_glued_units_and_a_later_clause_that_is_not_the_values(nlp):
    records = extract("Within 30min, pain relief was greater with ketamine than with morphine (MD 1.4, 95% CI 0.6 to 2.2); "
                      "the difference was no longer significant by day 2.", nlp)
    assert of_kind(records, "md")[0].timepoint == "30 minutes"
    later = extract("Pain relief was greater with ketamine (MD 1.4, 95% CI 0.6 to 2.2) at 30 min.", nlp)
    assert of_kind(later, "md")[0].timepoint == "30 minutes"  # after the value, same clause: still its time


def test_one_p_per_listed_timepoint_follows_its_values(nlp):
    records = extract("Sore throat was less frequent at 2 and 24 h after extubation (20.0% vs 45.0%; P=0.02 and "
                      "10.0% vs 30.0%; P=0.04, respectively).", nlp)
    assert [(r.value, r.timepoint) for r in of_kind(records, "p")] == [(0.02, "2 hours"), (0.04, "24 hours")]
    one_p = extract("Morphine consumption at 24 and 48 hours was lower in group MK at 28.1±10.2 and 45.3±14.0 mg "
                    "compared to group M at 41.0±15.1 and 70.2±18.8 mg, respectively (p<0.001).", nlp)
    assert of_kind(one_p, "p")[0].timepoint is None  # one p for the whole list


def test_the_previous_sentence_timepoint_carries_to_the_same_results(nlp):
    records = extract("Depressive symptoms improved markedly within 24 hours of the infusion. Mean MADRS scores fell "
                      "by 15 ± 9 points with ketamine and by 4 ± 8 points with saline.", nlp)
    assert {r.timepoint for r in of_kind(records, "mean")} == {"24 hours"}
    topic = extract("Depressive symptoms improved markedly within 24 hours of the infusion. Transient dissociation "
                    "occurred in 12 patients (40%).", nlp)
    assert of_kind(topic, "percent")[0].timepoint is None  # a new topic
    paragraph = extract("Depressive symptoms improved markedly within 24 hours of the infusion.\n\nMean MADRS scores "
                        "fell by 15 ± 9 points with ketamine.", nlp)
    assert of_kind(paragraph, "mean")[0].timepoint is None  # a new paragraph


def test_trial_phases_and_the_infusion_are_named_timepoints(nlp):
    records = extract("Two of 48 patients (4%) in the double-blind phase had adverse events leading to withdrawal; "
                      "so did 3 of 45 patients (7%) in the open-label phase.", nlp)
    assert [(r.value, r.timepoint) for r in of_kind(records, "percent")] == [
        (4.0, "double-blind phase"), (7.0, "open-label phase")]
    during = extract("Dissociative symptoms occurred during the infusion in more ketamine-treated patients (P < 0.001).", nlp)
    assert of_kind(during, "p")[0].timepoint == "infusion"
    design = extract("Patients entered an open-label phase after 4 weeks; 30% relapsed (P = 0.2).", nlp)
    assert of_kind(design, "p")[0].timepoint != "open-label phase"  # no "in/during the ... phase"


def test_the_same_outcome_named_again_carries_the_previous_timepoint(nlp):
    records = extract("At 6 months there was no difference between the mean distress scores in the two arms. Pooling "
                      "both cohorts, the difference in distress scores was 0.7 (95% confidence interval -1.2 to 2.6).", nlp)
    assert of_kind(records, "md")[0].timepoint == "6 months"
    other = extract("At 6 months there was no difference between the mean distress scores in the two arms. Pooling "
                    "both cohorts, the difference in employment rates was 4.1 (95% confidence interval -2.0 to 10.2).", nlp)
    assert [r.timepoint for r in of_kind(other, "md")] == [None]


# ---- tables

def test_a_row_label_that_ends_with_its_time(nlp):
    records = extract(
        "Outcome  Ketamine  Placebo  OR (95% CI)  P\n"
        "Remission at 12 weeks  40/120 (33.3)  28/118 (23.7)  1.61 (0.90–2.88)  0.11\n"
        "Remission, any time  52/120 (43.3)  41/118 (34.7)  1.44 (0.86–2.41)  0.17\n", nlp)
    at_twelve = {r.timepoint for r in records if r.kind in ("count", "percent", "or") and "12 weeks" in (r.sentence or "")}
    assert at_twelve == {"12 weeks"}
    any_time = {r.timepoint for r in records if r.kind in ("count", "percent", "or") and "any time" in (r.sentence or "")}
    assert any_time == {None}


def test_a_title_line_over_a_table_gives_its_one_timepoint(nlp):
    records = extract(
        "Depression scores at 8 weeks\n"
        "Measure  Ketamine, mean (SD)  Midazolam, mean (SD)\n"
        "MADRS  14.2 (7.1)  19.6 (8.0)\n"
        "QIDS-SR  8.1 (4.2)  10.9 (4.6)\n", nlp)
    assert {r.timepoint for r in of_kind(records, "mean")} == {"8 weeks"}
    two = extract(
        "Pain scores at 4 h and at 24 h\n"
        "Measure  Ketamine, mean (SD)  Placebo, mean (SD)\n"
        "NRS  3.2 (1.1)  4.0 (1.3)\n", nlp)
    assert {r.timepoint for r in of_kind(two, "mean")} == {None}


def test_a_change_score_caption_over_a_table_in_its_own_paragraph(nlp):
    records = extract(
        "Table 2. Mean change from baseline to day 28\n\n"
        "Scale  Esketamine  Placebo\n\n"
        "MADRS total  -19.8 ± 12.1  -15.8 ± 11.9\n", nlp)
    assert {r.timepoint for r in of_kind(records, "mean")} == {"day 28"}  # a change score is at the time it runs to


def test_a_timepoint_code_the_article_defines(nlp):
    records = extract(
        "Table 1. Change from T1 to T3 by group\n\n"
        "Measure  Ketamine  Placebo\n\n"
        "NRS  -3.1 ± 1.2  -1.4 ± 1.0\n\n"
        "T1, before induction; T3, 24 h after surgery.\n", nlp)
    assert {r.timepoint for r in of_kind(records, "mean")} == {"24 hours"}
    undefined = extract(
        "Table 1. Change from T1 to T3 by group\n\n"
        "Measure  Ketamine  Placebo\n\n"
        "NRS  -3.1 ± 1.2  -1.4 ± 1.0\n", nlp)
    assert {r.timepoint for r in of_kind(undefined, "mean")} == {"t3"}  # the code as printed


def test_section_rows_give_the_unit_of_numbered_row_labels(nlp):
    records = extract(
        "Variable  Group K (n = 25)  Group P (n = 25)  P\n"
        "NRS on the ward (hours)\n"
        "NRS 2  3.1 ± 1.0  4.0 ± 1.2  0.01\n"
        "NRS 12  2.4 ± 0.9  3.3 ± 1.1  0.02\n"
        "Ramsay 2  5 ± 1  6 ± 2  0.40\n", nlp)
    means = {(r.value, r.timepoint) for r in of_kind(records, "mean")}
    assert {(3.1, "2 hours"), (4.0, "2 hours"), (2.4, "12 hours"), (3.3, "12 hours")} <= means
    assert {t for v, t in means if v in (5, 6)} == {None}  # "Ramsay 2" is no NRS time


def test_a_caption_timepoint_stays_with_the_rows_that_state_it(nlp):
    records = extract(
        "Table 2. Pain at week 4 and adverse events\n"
        "Outcome  Ketamine  Placebo\n"
        "NRS pain, week 4  3.1 ± 0.6  5.2 ± 0.7\n"
        "Nausea  35%  12%\n", nlp)
    assert {r.timepoint for r in of_kind(records, "mean")} == {"week 4"}
    nausea = [r for r in records if r.outcome == "Nausea"]
    assert nausea and {r.timepoint for r in nausea} == {None}


def test_a_short_row_under_timepoint_columns_gets_no_guessed_time(nlp):
    records = extract(
        "Table 3. Scores by visit, mean ± SD\n\n"
        "Scale  Baseline  Week 1  Week 4\n\n"
        "MADRS  30.2 ± 4.1  18.5 ± 6.0  14.9 ± 7.2\n"
        "CGI-S  4.9 ± 0.6  3.1 ± 1.0\n", nlp)
    by_value = {r.value: r.timepoint for r in of_kind(records, "mean")}
    assert (by_value[30.2], by_value[18.5], by_value[14.9]) == ("baseline", "week 1", "week 4")
    assert by_value[4.9] is None and by_value[3.1] is None  # two cells under three visits: which two is unsaid


def test_a_row_label_naming_an_event_after_a_comma(nlp):
    records = extract(
        "Outcome  Ketamine (n = 40)  Control (n = 40)\n"
        "Pain score, PACU  2.8 ± 0.9  4.6 ± 1.2\n"
        "Pain score, on movement  3.9 ± 1.1  5.0 ± 1.4\n", nlp)
    by_value = {r.value: r.timepoint for r in of_kind(records, "mean")}
    assert by_value[2.8] == by_value[4.6] == "pacu"
    assert by_value[3.9] is None and by_value[5.0] is None


# ---- parsing

def test_parse_timepoint_ordinals_and_change_scores():
    assert parse_timepoint("the 60th minute") == "60 minutes"
    assert parse_timepoint("on the 30th day") == "day 30"
    assert parse_timepoint("the 2nd postoperative day") == "postoperative day 2"
    assert parse_timepoint("Change from T0 to T30") == parse_timepoint("change T0 to T30") == "change t0 to t30"
    assert parse_timepoint("in the recovery room") == "recovery room"
    assert parse_timepoint("1st dose") == "1st dose"  # an ordinal administration stays as printed


def test_stated_timepoint_needs_exactly_one():
    assert stated_timepoint("Primary outcome: improvement at 3 months") == "3 months"
    assert stated_timepoint("MADRS total score: mean change from baseline to day 15") == "day 15"
    assert stated_timepoint("Change from T0 to T30", {"T30": "30 min"}) == "30 minutes"
    assert stated_timepoint("Pain at 4 h and at 24 h") is None
    assert stated_timepoint("Patients treated for 6 weeks") is None  # a duration, not a time of measurement
    assert stated_timepoint("Adverse events at 2 days of treatment") is None
