"""extract.py: spans -> linked, typed Records; the seed article's facts and nothing false."""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path

import pytest

from evidencekit.extract import extract_document
from evidencekit.records import Document

SEED = Path(__file__).parent / "data" / "seed-article.txt"


def make_document(text: str, path: str = "test.txt") -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(path, sha, "txt", text, (0,), array("i", range(len(text))))


def extract(text: str, nlp=None):
    return extract_document(make_document(text), nlp)


def of_kind(records, kind):
    return [r for r in records if r.kind == kind]


def one(records, **fields):
    found = [r for r in records if all(getattr(r, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{fields}: {len(found)} records among {[(r.kind, r.value, r.text) for r in records]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_records(nlp):
    return extract_document(make_document(SEED.read_text(encoding="utf-8"), "seed-article.txt"), nlp)


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def test_seed_sample_sizes(seed_records):
    assert [(r.value, r.group) for r in of_kind(seed_records, "total_n")] == [(104, None)]
    groups = {(r.group, r.value) for r in of_kind(seed_records, "group_n")}
    assert groups == {("with pain", 50), ("without pain", 54), ("severe pain", 27), ("mild pain", 23)}


def test_seed_dosing(seed_records):
    dose = one(seed_records, kind="dose")
    assert (dose.value, dose.unit, dose.drug) == (0.5, "mg/kg", "ketamine")
    assert one(seed_records, kind="route").unit == "intravenous"
    frequency = one(seed_records, kind="frequency")
    assert (frequency.value, frequency.unit, frequency.text) == (3, "per week", "3 times per week")
    duration = one(seed_records, kind="duration")
    assert (duration.value, duration.unit) == (2, "weeks")
    assert one(seed_records, kind="administrations").value == 6


def test_seed_instruments_and_domains(seed_records):
    domains = {r.unit: r.domain for r in of_kind(seed_records, "instrument")}
    assert domains["MADRS"] == "depression"
    assert domains["SF-MPQ"] == "pain"
    assert domains["VAS"] == "pain"


def test_seed_b_coefficients_linked(seed_records):
    b = {r.value: r for r in of_kind(seed_records, "b")}
    expected = {-0.992: "VAS", -1.017: "sensory index", -1.021: "affective index", -0.989: "present pain",
                -0.986: "total pain"}
    assert set(b) == set(expected)
    for value, outcome in expected.items():
        record = b[value]
        assert outcome in record.outcome, record.outcome
        assert record.domain == "pain"
        assert (record.p_op, record.p_value) == ("<", 0.001)
        assert record.timepoint == "day 26"
        assert record.drug == "ketamine"
    # each p that belongs to a coefficient is not a record of its own
    assert not [p for p in of_kind(seed_records, "p") if "b," in p.sentence and "all P" not in p.text]


def test_seed_p_with_vas(seed_records):
    p = one(seed_records, kind="p", p_value=0.042)
    assert (p.p_op, p.outcome, p.domain) == ("=", "VAS", "pain")


def test_seed_nothing_false(seed_records):
    values = {r.value for r in seed_records if r.kind in ("total_n", "group_n", "dose")}
    assert not values & {2016, 2018, 2022, 13, 793677, 2}
    for r in seed_records:
        assert r.text == SEED.read_text(encoding="utf-8")[r.char_start : r.char_end]
        assert r.sentence and r.rule_id and r.page == 1


def test_seed_demographic_percentages_belong_to_groups(seed_records):
    percents = [(r.value, r.group) for r in of_kind(seed_records, "percent")]
    assert (52.0, "with pain") in percents and (48.1, "without pain") in percents
    assert all(group in ("with pain", "without pain") for _, group in percents)


# ---- varied, realistic sentences in the styles journals print them


def test_nejm_style_ratio_with_ci_and_p():
    records = extract("At week 4, remission occurred in 24 of 60 patients (40.0%) in the esketamine group and in "
                      "15 of 62 (24.2%) in the placebo group (odds ratio, 2.10; 95% CI, 0.97 to 4.55; P=0.06).")
    ratio = one(records, kind="or")
    assert (ratio.value, ratio.ci_low, ratio.ci_high, ratio.ci_level) == (2.10, 0.97, 4.55, 95.0)
    assert (ratio.p_op, ratio.p_value, ratio.timepoint) == ("=", 0.06, "week 4")
    counts = {(r.value, r.n, r.group) for r in of_kind(records, "count")}
    assert counts == {(24, 60, "esketamine group"), (15, 62, "placebo group")}
    assert {r.value for r in of_kind(records, "percent")} == {40.0, 24.2}
    assert "p_inconsistent" not in ratio.flags


def test_lancet_style_mean_difference_with_negative_ci():
    records = extract("The least-squares mean difference in MADRS total score was −4.0 (95% CI, −7.31 to −0.64; "
                      "p=0·020) at day 28.".replace("·", "."))
    md = one(records, kind="md")
    assert (md.value, md.ci_low, md.ci_high) == (-4.0, -7.31, -0.64)
    assert (md.p_op, md.p_value, md.outcome, md.domain, md.timepoint) == ("=", 0.02, "MADRS", "depression", "day 28")


def test_jama_style_group_sizes_and_dosing():
    records = extract("Participants were randomized to ketamine (n = 36) or midazolam (n = 35). Ketamine "
                      "(0.5 mg/kg) was infused intravenously over 40 min, twice weekly for 2 weeks.")
    assert {(r.group, r.value) for r in of_kind(records, "group_n")} == {("ketamine", 36), ("midazolam", 35)}
    dose = one(records, kind="dose")
    assert (dose.value, dose.unit, dose.drug) == (0.5, "mg/kg", "ketamine")
    assert one(records, kind="route").unit == "intravenous"
    assert (one(records, kind="frequency").value, one(records, kind="frequency").unit) == (2, "per week")
    lengths = {(r.value, r.unit, "infusion_length" in r.flags) for r in of_kind(records, "duration")}
    assert lengths == {(40, "minutes", True), (2, "weeks", False)}


def test_apa_style_tests_are_checked():
    records = extract("Depression scores fell more with ketamine than with placebo, t(46) = 2.31, p = .025, and "
                      "the interaction was significant, F(1, 48) = 5.20, p = .001; χ2(1) = 4.20, p = .04.")
    t = one(records, kind="t")
    assert (t.value, t.df, t.p_value) == (2.31, "46", 0.025) and "p_inconsistent" not in t.flags
    f = one(records, kind="f")
    assert f.df == "1, 48" and "p_inconsistent" in f.flags and "p_recomputed=0.027" in f.flags
    chi = one(records, kind="chi2")
    assert (chi.value, chi.df, chi.p_value) == (4.2, "1", 0.04) and "p_inconsistent" not in chi.flags


def test_outcome_is_the_phrase_the_sentence_is_about():
    records = extract("The incidence of coughing during emergence was lower in the propofol group (60 vs 87%, P = 0.04).")
    p = one(records, kind="p")
    assert p.outcome == "incidence of coughing during emergence"
    assert {r.value for r in of_kind(records, "percent")} == {60.0, 87.0}
    records = extract("There was no significant difference in mortality between groups (P > 0.05).")
    p = one(records, kind="p")
    assert (p.outcome, p.p_op) == ("mortality", ">")
    assert "negated" in p.flags


def test_means_with_sd_baseline_and_timepoints():
    records = extract("MADRS scores fell from 31.2 ± 4.5 at baseline to 12.1 (SD 6.0) at 24 hours (P < .001).")
    base, later = sorted(of_kind(records, "mean"), key=lambda r: r.char_start)
    assert (base.value, base.sd, base.timepoint, base.outcome) == (31.2, 4.5, "baseline", "MADRS")
    assert "baseline" in base.flags
    assert (later.value, later.sd, later.timepoint) == (12.1, 6.0, "24 hours")
    assert one(records, kind="p").p_value == 0.001


def test_table_rows_take_outcome_group_and_timepoint_from_headers():
    text = ("Table 2. Depression scores, mean (SD)\n"
            "Outcome  Ketamine (n=24)  Placebo (n=23)\n"
            "MADRS, week 4  12.1 (6.0)  18.3 (7.2)\n"
            "HAM-D, week 4  9.4 (5.1)  13.0 (6.3)\n")
    records = extract(text)
    means = {(r.outcome, r.group, r.value, r.sd) for r in of_kind(records, "mean")}
    assert {("MADRS", "Ketamine", 12.1, 6.0), ("MADRS", "Placebo", 18.3, 7.2)} <= means
    assert all("table" in r.flags for r in of_kind(records, "mean"))
    assert {(r.group, r.value) for r in of_kind(records, "group_n")} == {("Ketamine", 24), ("Placebo", 23)}


def test_sample_size_forms():
    records = extract("A total of 104 patients were screened. Forty-seven participants were randomised, "
                      "24 per arm. Fourteen of 24 (58%) responded.")
    totals = {r.value for r in of_kind(records, "total_n")}
    assert 47 in totals and 2 not in totals
    assert one(records, kind="group_n").value == 24
    assert one(records, kind="count", value=14).n == 24


def test_no_false_numbers_from_citations_dates_and_thresholds():
    records = extract("Smith et al. (2019) enrolled patients between 2016 and 2018 (J Affect Disord. 2020;13:793677. "
                      "doi:10.1016/j.jad.2020.01.001). Response was a reduction of at least 50% on 12 March 2019; "
                      "patients taking 2 or more antidepressants were excluded.")
    assert [r for r in records if r.kind in ("total_n", "group_n", "dose", "percent", "count")] == []


def test_p_value_formats():
    records = extract("Ketamine reduced scores (b = -1.2, SE = 0.3, p = 1.2 × 10−4). The effect on sleep was NS. "
                      "A second estimate was b = 0.4 (p < 1e-4).")
    first, second = sorted(of_kind(records, "b"), key=lambda r: r.char_start)
    assert (first.se, first.p_op, first.p_value) == (0.3, "=", pytest.approx(1.2e-4))
    assert (second.p_op, second.p_value) == ("<", 1e-4)
    ns = one(records, kind="p")
    assert (ns.p_op, ns.p_value) == (">", 0.05) and "p_ns" in ns.flags


def test_references_are_not_read():
    text = ("Ketamine 0.5 mg/kg was given to 40 patients.\n\n" + "Body text. " * 30 +
            "\n\nReferences\n\n1. Berman RM, et al. 34 patients given 0.5 mg/kg. Biol Psychiatry. 2000;47:351-354.\n")
    records = extract(text)
    assert all(r.char_start < text.index("References") for r in records)


def test_extraction_ignores_the_order_of_pack_files(nlp):
    text = SEED.read_text(encoding="utf-8")
    again = extract_document(make_document(text, "seed-article.txt"), nlp)
    first = extract_document(make_document(text, "seed-article.txt"), nlp)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in first]


CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.mark.parametrize("name", ["seed-article.txt", "lan2022_seed_onecol.pdf", "lan2022_seed_twocol.pdf"])
def test_seed_facts_through_read_document(nlp, name):
    from evidencekit.ingest import read_document

    path = SEED if name.endswith(".txt") else CORPORA / name
    if not path.exists():
        pytest.skip(f"{path} not built")
    doc = read_document(str(path))
    records = extract_document(doc, nlp)
    for r in records:
        assert r.text == doc.text[r.char_start : r.char_end]
        assert r.page == doc.page_of(r.char_start)
    assert [r.value for r in of_kind(records, "total_n")] == [104]
    assert {(r.group, r.value) for r in of_kind(records, "group_n")} == {
        ("with pain", 50), ("without pain", 54), ("severe pain", 27), ("mild pain", 23)}
    b = {r.value: (r.outcome, r.p_op, r.p_value) for r in of_kind(records, "b")}
    assert set(b) == {-0.992, -1.017, -1.021, -0.989, -0.986}
    assert all(v[1:] == ("<", 0.001) for v in b.values())
    assert one(records, kind="p", p_value=0.042).outcome == "VAS"
    assert (one(records, kind="dose").value, one(records, kind="route").unit) == (0.5, "intravenous")
    assert not [r for r in records if r.kind in ("total_n", "group_n", "dose") and r.value in (2016, 2018, 2022, 13)]


def test_randomised_and_analysed_sample_sizes():
    records = extract("Of 126 adults screened, 67 patients were randomized and 60 patients were analysed.")
    flags = {r.value: (r.kind, r.flags) for r in records if r.kind in ("total_n", "count")}
    assert flags[126][0] == "count"
    assert flags[67] == ("total_n", "randomised")
    assert flags[60] == ("total_n", "analysed")


def test_negated_baseline_and_table_flags():
    records = extract("At baseline, MADRS scores did not differ between groups (P = .61).")
    p = one(records, kind="p")
    assert {"negated"} <= set(p.flags.split(";"))
    assert p.outcome == "MADRS" and p.timepoint == "baseline" and "baseline" in p.flags


def test_p_values_in_a_p_column_and_a_p_row():
    text = ("Table 3. Secondary outcomes, mean (SD)\n"
            "Outcome  Ketamine  Placebo  P value\n"
            "BDI-II  14.2 (6.1)  19.8 (7.0)  .004\n"
            "QIDS-SR  8.1 (3.2)  9.0 (3.9)  .31\n")
    records = extract(text)
    ps = {(r.outcome, r.p_op, r.p_value) for r in of_kind(records, "p")}
    assert ps == {("BDI", "=", 0.004), ("QIDS-SR", "=", 0.31)}
    assert {(r.outcome, r.group, r.value) for r in of_kind(records, "mean")} >= {("BDI", "Ketamine", 14.2), ("QIDS-SR", "Placebo", 9.0)}


def test_respectively_assigns_values_to_groups_in_order():
    records = extract("MADRS scores decreased by 12.1 ± 6.0 and 5.2 ± 4.1 points in the ketamine and placebo "
                      "groups, respectively (P = .002).")
    means = {(r.value, r.group) for r in of_kind(records, "mean")}
    assert means == {(12.1, "ketamine group"), (5.2, "placebo group")}
    assert one(records, kind="p").outcome == "MADRS"


HOSTILE = ["", "\n\n\n", "P <", "(n=)", "95% CI", "t( = ", "±±", "OR = ", "F(,) = 3", "p = 1e-999", "p = 1e999",
           "14/0 (0%)", "1/2/3/4", "N=99999999999999999999", "r(0) = 1.0, p = .5", "t(0) = 2, p = .05",
           "F(0, 0) = 1, p = .3", "HR 0 (0–0), p=.01", "OR -1 (95% CI -2 to 3), p = .2", "z = 1e308, p = .1",
           "Table 1\n  a  b\n1  2  3"]


@pytest.mark.parametrize("text", HOSTILE)
def test_odd_input_never_crashes(nlp, text):
    for r in extract(text, nlp):
        assert r.text == text[r.char_start : r.char_end]


def test_random_statistics_text_never_crashes(nlp):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("0123456789 .,;:()[]=<>±%/-–−×\nPpNnbtFOR") + ["CI", "SD", "mg/kg", "ketamine", "MADRS"])

    @settings(max_examples=60, deadline=None)
    @given(st.lists(alphabet, max_size=60).map("".join))
    def check(text):
        for r in extract(text, nlp):
            assert r.text == text[r.char_start : r.char_end]

    check()


def test_reference_entries_without_a_heading_are_not_read():
    text = ("Forty patients received ketamine 0.5 mg/kg.\n\n"
            "12. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in 9 depressed patients "
            "given 0.5 mg/kg. Biol Psychiatry. 2000;47:351-354.\n\n"
            "Zarate CA, Singh JB, et al. A randomized trial in 18 patients. Arch Gen Psychiatry. 2006;63:856-864.\n")
    records = extract(text)
    assert {(r.kind, r.value) for r in records if r.kind in ("total_n", "dose")} == {("total_n", 40), ("dose", 0.5)}


def test_count_denominator_inferred_only_when_the_percentage_agrees():
    records = extract("Twenty-six patients received ketamine. Seventeen patients (65%) responded at 24 h. "
                      "Nine patients (50%) reported dizziness.")
    counts = {r.value: r.n for r in of_kind(records, "count")}
    assert counts == {17: 26, 9: None}


# ---- how journals print statistics (sentences written for these tests, in each journal's style)

def test_percent_labels_are_no_proportions(nlp):
    """Lancet/Cochrane style: an interval's level, heterogeneity and a solution's strength are no percentages."""
    records = extract("Pain fell more with lidocaine (SMD -0.41, 95% CI -0.62 to -0.20; I2 = 38%), and 0.9% saline "
                      "was the comparator; I² of 12% was seen for nausea, which affected 31% of patients.", nlp)
    assert [r.value for r in of_kind(records, "percent")] == [31.0]


def test_space_as_thousands_separator_in_sample_sizes(nlp):
    """BMJ/Lancet print thin spaces in thousands; normalised text has a plain space."""
    records = extract("We pooled 38 cohort studies (n=31 412 adults). A total of 12 480 patients were screened.", nlp)
    assert sorted(r.value for r in records if r.kind in ("total_n", "group_n")) == [12480.0, 31412.0]
    assert not [r for r in records if r.value in (31.0, 412.0, 12.0, 480.0)]


def test_results_in_mg_are_means_not_doses(nlp):
    """Anaesthesia journals report opioid consumption in mg: a mean with SD, never a dose."""
    records = extract("Cumulative fentanyl consumption at 12 h was 31.2±8.4 and 55.9±12.0 mg in the two groups "
                      "(P<0.01). Total tramadol use did not differ [150 versus 175 mg].", nlp)
    assert not of_kind(records, "dose")
    means = {(r.value, r.sd) for r in of_kind(records, "mean")}
    assert {(31.2, 8.4), (55.9, 12.0), (150.0, None), (175.0, None)} <= means
    assert one(records, kind="mean", value=55.9).unit == "mg"


def test_medians_in_mg_are_kept_out(nlp):
    records = extract("Morphine consumption was lower in group A (median = 18 mg, interquartile range = [12]) than "
                      "in group B (36 mg [20]) (P < 0.01).", nlp)
    assert not of_kind(records, "dose") and not [r for r in records if r.value in (18.0, 36.0)]


def test_doses_with_a_dosing_cue_stay_doses(nlp):
    records = extract("Patients received ketamine 0.25 mg/kg as a bolus. The mean infusion dose averaged 12.1 ± 1.5 "
                      "mg/h. P = .03 for 40 mg.", nlp)
    assert {r.value for r in of_kind(records, "dose")} == {0.25, 12.1, 40.0}


def test_per_is_no_percent(nlp):
    records = extract("Risk fell with each metre of distance (relative risk 1.9 per m) and 14 per cent of wards.", nlp)
    assert [r.value for r in of_kind(records, "percent")] == [14.0]


def test_people_given_an_arm_are_group_sizes(nlp):
    """NEJM/JAMA style: the arm is named by what the people received or which group they were in."""
    records = extract("Of 90 patients, 44 patients received esketamine and 46 patients received placebo. Midazolam "
                      "was given to 1210 participants and 1198 participants served as controls.", nlp)
    assert {(r.value, r.group) for r in of_kind(records, "group_n")} == {
        (44.0, "esketamine"), (46.0, "placebo"), (1210.0, "midazolam"), (1198.0, "control")}
    assert [r.value for r in of_kind(records, "total_n")] == [90.0]


def test_arm_named_inside_the_parentheses_of_its_n(nlp):
    """Anaesthesia-journal style "(Group K, n = 41)"; a predicate before an n names no arm."""
    records = extract("Recovery was faster (Group K, n = 41) than in Group P (n = 39). Mortality was higher "
                      "(n=1 204, relative risk 1.3). In all, 96 patients were randomly assigned (48 per group).", nlp)
    assert {(r.value, r.group) for r in of_kind(records, "group_n")} == {
        (41.0, "Group K"), (39.0, "Group P"), (48.0, None)}
    assert one(records, value=1204.0).kind == "total_n"


def test_regimen_in_british_and_anaesthesia_styles(nlp):
    """BJA/Indian-journal style regimens: possessive durations, exponent units, a route before its
    abbreviation, 'single-dose', 'for the first 48 h', follow-up length; a follow-up visit is no duration."""
    records = extract("Methods. Adults were randomised to 8 weeks' treatment with a single-dose intravenous (IV) "
                      "ketamine 0.3 mg kg−1 bolus and then 0.1 mg kg−1 h−1 for the first 24 h. The median follow-up "
                      "was 2.5 years, and 80 patients (90%) attended the 12-month follow-up.", nlp)
    durations = {(r.value, r.unit) for r in of_kind(records, "duration")}
    assert durations == {(8.0, "weeks"), (24.0, "hours"), (2.5, "years")}
    assert {(r.value, r.unit) for r in of_kind(records, "dose")} == {(0.3, "mg/kg"), (0.1, "mg/kg/h")}
    assert one(records, kind="route").unit == "intravenous"
    assert one(records, kind="frequency").unit == "single"


def test_written_counts_bare_ratio_intervals_and_plural_p(nlp):
    """JAMA/Lancet style: a count in words with its percentage, a ratio whose interval follows a
    comma without "CI", and "P values > .50" that summarises several tests and so belongs to none."""
    records = extract("Background. Vomiting was rarer with ketamine (RR 0.42, 0.20-0.88); four (20%) patients "
                      "stopped early, and the other outcomes did not differ (P values > .50).", nlp)
    rr = one(records, kind="rr")
    assert (rr.value, rr.ci_low, rr.ci_high, rr.p_value) == (0.42, 0.20, 0.88, None)
    count = one(records, kind="count")
    assert (count.value, count.n) == (4.0, None)
    p = one(records, kind="p")
    assert (p.op, p.value) == (">", 0.5)


def test_a_passage_opening_with_a_sentence_states_its_regimen(nlp):
    records = extract("Thirty adults received a single intravenous infusion of ketamine 0.5 mg/kg over 40 min.", nlp)
    assert {r.kind for r in records} >= {"frequency", "route", "duration", "dose"}
    titled = extract("Single intravenous infusion of ketamine for depression\n\nThirty adults were enrolled.", nlp)
    assert not [r for r in titled if r.kind in ("frequency", "route")]


def test_values_of_a_versus_pair_take_the_arms_in_order(nlp):
    """Anaesthesia/Annals style "A compared with B (x% vs y%)" and "between A and B [x versus y mg]"."""
    records = extract("Intro. Shivering was more frequent in the saline group than in the ketamine group (40% vs 12%, "
                      "P = 0.01). Rescue fentanyl did not differ between placebo and ketamine [110 versus 95 mg]. "
                      "At 6 h Group B had lower scores (2.4 ± 1.1 vs 3.9 ± 1.3, p = 0.02).", nlp)
    assert one(records, kind="percent", value=40.0).group == "saline group"
    assert one(records, kind="percent", value=12.0).group == "ketamine group"
    assert one(records, kind="mean", value=110.0).group == "placebo"
    assert one(records, kind="mean", value=95.0).group == "ketamine"
    assert one(records, kind="mean", value=2.4).group == "Group B"
    assert one(records, kind="mean", value=3.9).group is None  # the other arm is not named


def test_p_after_a_listed_noun_phrase_takes_it_as_outcome(nlp):
    """Side-effect lists (Anesth Analg style): each p belongs to the phrase right before it; a verb,
    a group or a timepoint before a p names no outcome."""
    records = extract("Intro. Patients given ketamine reported less vomiting (P < 0.01), sedation (P = 0.04), and "
                      "dry mouth (P < 0.001). Scores no longer differed significantly (P = 0.30).", nlp)
    assert [(r.outcome, r.value) for r in of_kind(records, "p")][:3] == [
        ("vomiting", 0.01), ("sedation", 0.04), ("dry mouth", 0.001)]
    assert one(records, kind="p", value=0.30).outcome != "differed significantly"


def test_respectively_lists_of_timepoints_and_outcomes(nlp):
    """Meta-analysis abstracts: "response and remission rates at 4 and 24 h, and day 28 were a% and
    b%; c% and d%; ...", and means per arm "at 12 and 36 hours ... x±sd and y±sd mg ... respectively"."""
    records = extract("Intro. Response and remission rates in the esketamine group at 4 and 24 h, and day 28 were "
                      "61.0% and 30.5%; 55.2% and 28.1%; and 44.0% and 25.0%, respectively. Cumulative fentanyl "
                      "consumption at 12 and 36 hours was lower in the K group at 31.2±8.4 and 55.9±12.0 mg "
                      "compared to the C group at 40.1±9.9 and 70.2±15.5 mg, respectively (p<0.001).", nlp)
    percents = [(r.value, r.outcome, r.timepoint) for r in of_kind(records, "percent")]
    assert percents == [(61.0, "response", "4 hours"), (30.5, "remission", "4 hours"), (55.2, "response", "24 hours"),
                        (28.1, "remission", "24 hours"), (44.0, "response", "day 28"), (25.0, "remission", "day 28")]
    means = [(r.value, r.timepoint, r.unit, r.group) for r in of_kind(records, "mean")]
    assert means == [(31.2, "12 hours", "mg", "K group"), (55.9, "36 hours", "mg", "K group"),
                     (40.1, "12 hours", "mg", "C group"), (70.2, "36 hours", "mg", "C group")]


def test_sample_size_in_words_in_the_hundreds(nlp):
    records = extract("Two hundred and forty-one adults were randomised.", nlp)
    assert [(r.kind, r.value) for r in records if r.kind in ("total_n", "group_n", "count")] == [("total_n", 241.0)]


def test_interleaved_timepoints_domains_from_phrases_and_study_counts(nlp):
    """Cochrane/meta-analysis abstracts: "at 10 (MD a), 20 (MD b) and 40 (MD c) minutes", counts of
    trials, and a phrase naming pain giving the domain; "phase 3 trials" is no count."""
    records = extract("Intro. Nine randomised controlled trials were pooled. There was no difference in pain "
                      "scores at 10 (MD 0.50, p = 0.30), 20 (MD 0.10, p = 0.80) and 40 (MD -0.20, p = 0.60) minutes. "
                      "These findings support phase 3 trials.", nlp)
    assert [(r.value, r.timepoint, r.domain) for r in of_kind(records, "md")] == [
        (0.5, "10 minutes", "pain"), (0.1, "20 minutes", "pain"), (-0.2, "40 minutes", "pain")]
    assert [(r.value, r.outcome) for r in of_kind(records, "count")] == [(9.0, "randomised controlled trials")]


def test_interval_dash_against_its_upper_limit_and_postbaseline(nlp):
    """Cell Press style "95% CI 0.41 –1.20" (an en dash set against the upper limit) is a range."""
    records = extract("Intro. Anhedonia improved with ketamine compared with placebo (Cohen's d 0.77, 95% CI 0.41 –1.20); "
                      "significant decreases were observed for irritability (P < .03) 2 weeks postbaseline.", nlp)
    d = one(records, kind="d")
    assert (d.value, d.ci_low, d.ci_high) == (0.77, 0.41, 1.2)
    p = one(records, kind="p")
    assert (p.outcome, p.timepoint) == ("irritability", "2 weeks postbaseline")


def test_per_group_n_and_statistic_labels_are_no_outcomes(nlp):
    records = extract("Intro. Eighty students (n = 40 per group) took part. The test gave t = 3.10, p = 0.002, "
                      "Cohen's d = .52.", nlp)
    assert {(r.kind, r.value) for r in records if r.kind in ("total_n", "group_n")} == {("total_n", 80.0), ("group_n", 40.0)}
    assert one(records, kind="t").outcome is None and one(records, kind="d").outcome is None


def test_ratio_named_with_its_abbreviation_in_brackets(nlp):
    """Lancet style: "pooled adjusted odds ratio [aOR] 0.21" (middle dots as normalise leaves them)."""
    records = extract("Intro. Infection was rarer with masks (n=2 647, pooled adjusted odds ratio [aOR] 0.21, 95% CI "
                      "0.12 to 0.37), and the hazard ratio (HR) 0.80 favoured screening.", nlp)
    assert {(r.kind, r.value) for r in records if r.kind in ("or", "hr")} == {("or", 0.21), ("hr", 0.8)}
    assert one(records, kind="or").ci_high == 0.37
    assert one(records, value=2647.0).kind == "total_n"


def test_follow_up_visits_listed_after_their_counts(nlp):
    """BMC style flow sentence: "x (a%) and y (b%) attended 6- and 12-month follow-up respectively"."""
    records = extract("Intro. Of 220 patients, 180 (82%) and 150 (68%) attended 6- and 12-month follow-up respectively.", nlp)
    assert [(r.value, r.timepoint) for r in of_kind(records, "count")] == [(180.0, "6 months"), (150.0, "12 months")]
    assert [(r.value, r.timepoint) for r in of_kind(records, "percent")] == [(82.0, "6 months"), (68.0, "12 months")]
    assert not of_kind(records, "duration")


def test_timepoints_in_years(nlp):
    """NEJM/JAMA style long-term outcomes: "at 2 years", never the last day named before."""
    records = extract("Intro. Patients received ketamine on postoperative day 1, and at 2 years 41 of 60 (68.3%) were "
                      "alive (HR, 0.75; 95% CI, 0.64 to 0.89).", nlp)
    assert one(records, kind="count").timepoint == "2 years"


def test_jama_style_brackets_and_an_interval_of_an_unread_difference(nlp):
    """JAMA: "mean [SD], 12.1 [5.4] vs 18.3 [6.1]"; a CI after a difference no rule reads
    ("difference, -2.7 percentage points [95% CI, ...]") is never given to the percentage before it."""
    records = extract("Intro. The outcome occurred in 12.4% vs 15.1% of patients (difference, -2.7 percentage points "
                      "[95% CI, -4.1 to -1.3]). Scores improved with ketamine vs placebo (mean [SD], 12.1 [5.4] vs "
                      "18.3 [6.1]; P = .002).", nlp)
    assert all(r.ci_low is None for r in of_kind(records, "percent"))
    assert [(r.value, r.sd, r.group) for r in of_kind(records, "mean")] == [(12.1, 5.4, "ketamine"), (18.3, 6.1, "placebo")]


def test_nejm_counts_and_arms_named_in_parentheses(nlp):
    records = extract("Intro. The primary outcome occurred in 301 patients (13.1%) in the ketamine group and in 356 "
                      "(15.5%) in the placebo group. Response rates were 45% (esketamine) and 20% (placebo).", nlp)
    assert [(r.value, r.group) for r in of_kind(records, "count")] == [(301.0, "ketamine group"), (356.0, "placebo group")]
    assert [(r.value, r.group) for r in of_kind(records, "percent")][2:] == [(45.0, "esketamine"), (20.0, "placebo")]


def test_assigned_arms_with_an_elided_verb(nlp):
    """NEJM: "2294 were assigned to ketamine and 2291 to placebo"; "67 were randomized to ketamine or
    placebo" is the whole sample."""
    records = extract("Intro. Of 4585 patients, 2294 were assigned to ketamine and 2,291 to placebo. In a second "
                      "trial, 67 were randomized to ketamine or placebo.", nlp)
    assert [(r.value, r.group) for r in of_kind(records, "group_n")] == [(2294.0, "ketamine"), (2291.0, "placebo")]
    assert [r.value for r in of_kind(records, "total_n")] == [4585.0, 67.0]


def test_people_after_a_count_are_not_its_outcome(nlp):
    records = extract("Intro. Remission occurred in 12/30 (40.0%) versus 5/30 (16.7%) patients (RR 2.40, 95% CI 0.96 "
                      "to 5.99); 16 (53.3%) and 14 (46.7%) men.", nlp)
    assert [r.outcome for r in of_kind(records, "count")][:2] == ["remission", "remission"]


def test_adverse_event_counts_per_group_after_a_semicolon(nlp):
    """Anaesthesia journals: "...; 3 (10%) patients in Group K and 9 (30%) in Group S had nausea"."""
    records = extract("Results. VAS scores at 6 h were lower in Group K than Group S (2.1 ± 0.8 vs 3.6 ± 1.1, "
                      "P < 0.001); 3 (10%) patients in Group K and 9 (30%) in Group S had nausea.", nlp)
    assert [(r.value, r.group, r.outcome) for r in of_kind(records, "count")] == [
        (3.0, "Group K", "nausea"), (9.0, "Group S", "nausea")]


@pytest.mark.parametrize("text, expected", [
    ("Patients received ketamine 0.5 mg/kg and ketorolac 30 mg intravenously before incision.",
     {("dose", 0.5): "ketamine", ("dose", 30.0): "ketorolac", ("route", None): "ketorolac"}),
    ("Patients received ketamine (0.15 mg/kg) and magnesium sulfate (3g) before surgery.",
     {("dose", 0.15): "ketamine", ("dose", 3.0): "magnesium sulfate"}),
    ("Patients were randomized to ketamine infusion or to sertraline 50 mg or placebo orally daily.",
     {("dose", 50.0): "sertraline", ("route", None): "sertraline"}),
    ("They had escitalopram 10 mg/day + single-dose intravenous (IV) ketamine (0.5 mg/kg) or escitalopram 10 mg/day.",
     {("frequency", 1.0): "ketamine", ("route", None): "ketamine", ("dose", 0.5): "ketamine"}),
])
def test_dose_goes_to_the_drug_nearest_before_it(nlp, text, expected):
    records = extract(text, nlp)
    got = {(r.kind, r.value): r.drug for r in records if (r.kind, r.value) in expected}
    assert got == expected


def test_an_arm_is_no_outcome_what_it_acted_on_is(nlp):
    records = extract("Compared with placebo, dexmedetomidine decreased the incidence of ED (31.1% vs 53.3%; P=0.033).", nlp)
    assert {(r.kind, r.value, r.outcome, r.group) for r in records} == {
        ("percent", 31.1, "incidence of ED", "dexmedetomidine"), ("percent", 53.3, "incidence of ED", "placebo"),
        ("p", 0.033, "incidence of ED", "dexmedetomidine vs placebo")}  # the p compares the two arms (corpus convention)


def test_runs_of_means_take_listed_timepoints_and_their_arm(nlp):
    records = extract("Patients were randomized to ketamine or placebo. Pain scores at 2, 4 and 8 h were 5.2 ± 1.2, "
                      "4.9 ± 1.6 and 4.4 ± 2.2, against 7.7 ± 1.5, 7.3 ± 1.6 and 6.3 ± 1.9 in the placebo group.", nlp)
    assert [(r.value, r.group, r.timepoint) for r in of_kind(records, "mean")] == [
        (5.2, "ketamine", "2 hours"), (4.9, "ketamine", "4 hours"), (4.4, "ketamine", "8 hours"),
        (7.7, "placebo group", "2 hours"), (7.3, "placebo group", "4 hours"), (6.3, "placebo group", "8 hours")]


def test_run_of_means_for_listed_arms_respectively(nlp):
    records = extract("Morphine consumption was 185 ± 100, 196 ± 92, and 187 ± 90 mg for ketamine, "
                      "ketamine/magnesium, and placebo, respectively.", nlp)
    assert [(r.value, r.sd, r.group) for r in of_kind(records, "mean")] == [
        (185, 100, "ketamine"), (196, 92, "ketamine/magnesium"), (187, 90, "placebo")]


@pytest.mark.parametrize("text, kind, value, ci, p", [
    ("The effect size of the main endpoint was −0.2 (95% CI [−0.6 to 0.3]; P = 0.425).", "smd", -0.2, (-0.6, 0.3), 0.425),
    ("The mean difference in MADRS score between groups was not significant (−5.82, 95% CI −13.3 to 1.64, p=0.13).",
     "md", -5.82, (-13.3, 1.64), 0.13),
])
def test_estimate_named_earlier_in_its_clause(nlp, text, kind, value, ci, p):
    record = one(extract(text, nlp), kind=kind)
    assert (record.value, (record.ci_low, record.ci_high), record.p_value) == (value, ci, p)


def test_bare_number_before_a_ci_with_no_name_is_no_estimate(nlp):
    records = extract("Mean VAS at 24 h was 3.1 (95% CI 2.5 to 3.7) in the ketamine group.", nlp)
    assert not [r for r in records if r.kind in ("md", "smd", "or", "hr", "rr", "d", "g")]


def test_dose_lists_continuations_and_alternate_days(nlp):
    records = extract("Patients received ketamine at doses of (0.25, 0.5, and 0.75 mg ml−1) intravenously for 24 hours, "
                      "and oral ketamine for further 48 hours on alternate days.", nlp)
    assert [(r.value, r.unit) for r in of_kind(records, "dose")] == [(0.25, "mg/ml"), (0.5, "mg/ml"), (0.75, "mg/ml")]
    assert {(r.value, r.unit) for r in of_kind(records, "duration")} == {(24, "hours"), (48, "hours")}
    assert [(r.value, r.unit) for r in of_kind(records, "frequency")] == [(0.5, "per day")]


def test_continuations_outside_a_regimen_are_no_dosing(nlp):
    records = extract("Patients were observed for a further 48 hours and visited on alternate days.", nlp)
    assert not of_kind(records, "duration") and not of_kind(records, "frequency")


def test_semicolon_chunks_take_listed_timepoints(nlp):
    records = extract("The incidence of nausea was lower at 1 and 7 days after discharge "
                      "(33.3% vs 60.0%; 20.0% vs 46.7%; P = 0.02 and P = 0.03).", nlp)
    assert [(r.value, r.timepoint) for r in of_kind(records, "percent")] == [
        (33.3, "1 day"), (60.0, "1 day"), (20.0, "7 days"), (46.7, "7 days")]


def test_arm_values_after_a_difference_mention_are_no_difference(nlp):
    records = extract("The mean difference between groups was significant: ketamine 12.1 (95% CI 10.2 to 14.0), "
                      "placebo 8.0 (95% CI 6.1 to 9.9).", nlp)
    assert not of_kind(records, "md")


def test_primary_endpoint_is_no_timepoint(nlp):
    record = one(extract("The effect size of the main endpoint was −0.2 (95% CI [−0.6 to 0.3]; P = 0.425).", nlp), kind="smd")
    assert record.timepoint is None
