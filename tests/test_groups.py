"""extract.py: the group (arm or comparison) and n of each record, on published wording.

Each rule has a sentence as journals print it (sources in the comments) and one that must not
match it.
"""

from __future__ import annotations

from test_extract import extract, one


# ---- between-group estimates carry the comparison they report

def test_estimate_takes_the_comparison_printed_between_two_arms():
    # Cochrane-style review abstract (intranasal ketamine meta-analysis, PMC8432265)
    records = extract("There was also no significant difference in the need for rescue analgesics between IN ketamine "
                      "and IV analgesics (OR 1.66, 95% CI: 0.57−4.86, p = 0.35, I2 = 70%).")
    assert one(records, kind="or").group == "ketamine vs IV analgesics"


def test_estimate_takes_the_comparison_named_in_comparison_with():
    # Cochrane review CD004186 (amitriptyline for depression), main results
    records = extract("The estimate of the overall odds ratio (OR) for responders showed that more subjects responded to "
                      "amitriptyline in comparison with the control antidepressant group (OR 1.12 to 95% confidence "
                      "interval (CI) 1.02 to 1.23, number needed to treat to benefit (NNTB) = 50).")
    assert one(records, kind="or").group == "amitriptyline vs control antidepressant"


def test_reference_arm_named_first_still_reads_active_vs_reference():
    # prehospital ketamine trial (Rowland), results: "between placebo and ketamine"
    records = extract("Total morphine did not differ between placebo and ketamine [9.0 versus 10.3 mg; mean difference: "
                      "1.3 (95% CI: -4.5, 7.1)].")
    assert one(records, kind="md").group == "ketamine vs placebo"


def test_a_comparison_does_not_carry_past_another_contrast():
    # Filippatos et al., Circulation 2021 (FIDELIO-DKD, patients with and without CVD), abstract
    records = extract("Over a median follow-up of 2.6 years (interquartile range, 2.0-3.4 years), finerenone reduced the "
                      "risk of the composite cardiovascular outcome compared with placebo (hazard ratio, 0.86 [95% CI, "
                      "0.75-0.99]; P=0.034), with no significant interaction between patients with and without CVD "
                      "(hazard ratio, 0.85 [95% CI, 0.71-1.01] in patients with a history of CVD; hazard ratio, 0.86 "
                      "[95% CI, 0.68-1.08] in patients without a history of CVD; P value for interaction, 0.85).")
    hrs = sorted((r for r in records if r.kind == "hr"), key=lambda r: r.char_start)
    assert hrs[0].group == "finerenone vs placebo"
    assert [r.group for r in hrs[1:]] == [None, None]


def test_no_comparison_is_invented_where_the_sentence_names_none():
    # Jakobsen et al. BMC Psychiatry 2017 abstract; Karger Psychother Psychosom abstract
    records = extract("SSRIs significantly reduced the Hamilton Depression Rating Scale (HDRS) at end of treatment (mean "
                      "difference −1.94 HDRS points; 95% CI −2.50 to −1.37; P < 0.00001; 49 trials).")
    assert one(records, kind="md").group is None
    records = extract("In the 90 trials analyzed, the odds of depression response (OR = 1.79, 95% CI = 1.45–2.17, "
                      "p < 0.001) and remission (OR 1.53, 95% CI = 1.11–2.11, p < 0.001) were significantly higher in "
                      "comparator relative to placebo-controlled trials.")
    assert [(r.value, r.group) for r in records if r.kind == "or"] == [(1.79, None), (1.53, None)]


# ---- per-arm values

def test_value_with_bracketed_share_takes_the_group_named_after_it():
    # REWIND, Lancet 2019 abstract
    records = extract("All-cause mortality did not differ between groups (536 [10.8%] in the dulaglutide group vs 592 "
                      "[12.0%] in the placebo group; HR 0.90, 95% CI 0.80-1.01; p=0.067).")
    assert one(records, kind="percent", value=10.8).group == "dulaglutide group"
    assert one(records, kind="percent", value=12.0).group == "placebo group"
    assert one(records, kind="hr").group == "dulaglutide vs placebo"


def test_people_with_a_bracketed_share_are_a_count_and_a_difference_has_no_arm():
    # Torres et al., JAMA 2015 abstract
    records = extract("In-hospital mortality did not differ between the 2 groups (6 patients [10%] in the "
                      "methylprednisolone group vs 9 patients [15%] in the placebo group; P = .37); the difference "
                      "between groups was 5% (95% CI, -6% to 17%).")
    assert one(records, kind="count", value=6.0).group == "methylprednisolone group"
    assert one(records, kind="count", value=9.0).group == "placebo group"
    assert not [r for r in records if r.kind == "total_n"]
    assert one(records, kind="percent", value=5.0).group is None


def test_second_pair_of_bracketed_shares_takes_the_arms_in_order():
    # Ghanima et al., Lancet 2015 (rituximab in ITP) abstract
    records = extract("Rates of bleeding were similar in the two groups (21 [38%] in the rituximab group vs 27 [50%] in "
                      "the placebo group; p=0.08) as were rates of infection (22 [40%] vs 13 [24%]; p=0.09).")
    assert one(records, kind="percent", value=40.0).group == "rituximab group"
    assert one(records, kind="percent", value=24.0).group == "placebo group"


def test_pair_after_a_reference_clause_names_the_subject_first():
    # Remérand et al. Anesth Analg 2009 (held-out dev passage): the reference named second
    records = extract("A higher rate of nausea was observed in the CTRL group compared with the PERI group (27% vs 4%, "
                      "P = 0.005).")
    assert one(records, kind="percent", value=27.0).group == "CTRL group"
    assert one(records, kind="percent", value=4.0).group == "PERI group"


def test_pair_after_one_arm_takes_the_trial_comparator_for_its_second_value():
    # Su et al. Lancet 2016 as summarised in a journal-club note (anesjc.com)
    records = extract("Patients older than 65 years of age were randomized to receive IV dexmedetomidine (0.1 mcg/kg/hr) "
                      "or placebo from the time of ICU admission to 0800 on POD 1. The incidence of delirium was reduced "
                      "in the dexmedetomidine group (9.1% vs. 22.6%; OR 0.35).")
    assert "dexmedetomidine" in one(records, kind="percent", value=9.1).group
    assert one(records, kind="percent", value=22.6).group == "placebo"


def test_pair_after_one_arm_leaves_the_second_value_open_when_the_comparator_is_unknown():
    # the same journal-club sentence without the methods sentence that names the comparator
    records = extract("The incidence of delirium was reduced in the dexmedetomidine group (9.1% vs. 22.6%; OR 0.35).")
    assert "dexmedetomidine" in one(records, kind="percent", value=9.1).group
    assert one(records, kind="percent", value=22.6).group is None


def test_drug_that_was_measured_is_no_arm_of_the_pair():
    # Javery et al. 1996 (held-out dev passage): morphine is an arm here, named as "receiving"
    # Ratanasuwan-style: "morphine consumption ... lower in the MK group ... compared to the M group"
    records = extract("Cumulative postoperative morphine consumption at 24 and 48 hours was significantly lower in the "
                      "MK group at 27.91±11.11 and 46.44±15.21 mg compared to the M group at 43.24±15.32 and "
                      "71.33±19.67 mg, respectively (p<0.001).")
    assert one(records, kind="mean", value=27.91).group == "MK group"
    assert one(records, kind="mean", value=43.24).group == "M group"


def test_the_whole_sample_between_groups_is_no_group():
    # Ouyang et al. (neonatal cortical development), results: "between the two groups (n = 355 vs. 52)",
    # and "equal sample size (n = 52)" names no arm either
    records = extract("Considering the unbalanced sample size between the two groups (n = 355 vs. 52), we selected a "
                      "subgroup in the term-born infants with equal sample size (n = 52) and similar PMA to the "
                      "preterm-born neonates.")
    sizes = [r for r in records if r.kind in ("group_n", "total_n")]
    assert sizes and all(r.group is None for r in sizes)


# ---- n: the denominator a count is out of

def test_count_of_whom_is_out_of_the_people_just_named():
    # Georgian news report of 9 April 1989, as published: "19 people died ..., 16 of whom were women"
    records = extract("Poison gas was also used during the dispersion of the protest. 19 people died after the raid, "
                      "16 of whom were women.")
    assert one(records, kind="count", value=16.0).n == 19
    # "of whom about 50% were classified as low risk": a share, no count of whom (Kaewkungwal et al. 2013)
    records = extract("A total of 6,334 (38.6%) women participated in the trial, of whom about 50% were classified as "
                      "low risk and 11% as high risk.")
    assert not [r for r in records if r.kind == "count" and "whom" in r.text]


# ---- tables: which columns are arms, and their n

BMC_ANESTH_TABLE3 = (  # Impact of dexmedetomidine supplemented analgesia on delirium, BMC Anesthesiol 2021, Table 3
    "Table 3 Effectiveness outcomes\n"
    "Outcome  Placebo group (n = 354)  Dexmedetomidine group (n = 356)  RR, HR, or estimated difference (95% CI)  P value\n"
    "Overall incidence of delirium  26 (7.3%)  17 (4.8%)  RR = 0.650 (0.359, 1.177)  0.151\n"
    "Overall incidence of delirium (per-protocol analysis)  26 (7.5%) (n = 347)  17 (4.8%) (n = 351)  "
    "RR = 0.646 (0.356, 1.170)  0.145\n")


def test_table_cell_n_beats_the_column_n_and_comparison_columns_compare_the_two_arms():
    records = extract(BMC_ANESTH_TABLE3)
    itt = sorted((r for r in records if r.kind == "count" and r.value == 26.0), key=lambda r: r.char_start)
    assert [r.n for r in itt] == [354, 347]
    assert all(r.group == "Placebo group" for r in itt)
    assert one(records, kind="group_n", value=351.0).group == "Dexmedetomidine group"
    # the comparison columns compare the two arms, the reference arm last (corpus convention)
    compared = [r.group for r in records if r.kind in ("p", "rr", "hr")]
    assert compared and all(g and g.lower() in ("dexmedetomidine group vs placebo group", "dexmedetomidine vs placebo") for g in compared)
    assert [r.value for r in records if r.kind == "rr"] == [0.65, 0.646]
    # "RR, HR, or estimated difference (95% CI)" is one column: the P value column after it stays P
    assert [r.value for r in records if r.kind == "p"] == [0.151, 0.145]
    assert not [r for r in records if r.kind in ("hr", "md")]


def test_whole_sample_column_is_no_arm():
    # ClinicalTrials.gov results NCT03395314 (ketamine in borderline personality disorder), baseline table
    records = extract("Measure  Midazolam (n=12)  Low Dose Ketamine (n=10)  Total (n=22)\n"
                      "Age, years  35.1 (11.4)  32.1 (10.4)  33.7 (10.8)\n"
                      "Sex: Female, n (%)  10 (83.3)  8 (80.0)  18 (81.8)\n")
    assert one(records, kind="mean", value=33.7).group is None  # the whole sample's mean is still read
    assert one(records, kind="mean", value=35.1).group == "Midazolam"
    assert one(records, kind="count", value=18.0).group is None
    assert one(records, kind="count", value=18.0).n == 22
    assert one(records, kind="count", value=10.0).group == "Midazolam"
    assert one(records, value=22.0).kind == "total_n"


# ---- arms named as the people a share belongs to

def test_share_of_patients_receiving_an_arm_belongs_to_it():
    # Entyvio (vedolizumab) prescribing information, clinical studies
    records = extract("At Week 6, 41% of patients receiving Entyvio demonstrated improvement in endoscopic appearance of "
                      "the mucosa, while only 25% of patients receiving placebo saw this improvement.")
    assert one(records, kind="percent", value=41.0).group == "Entyvio"
    assert one(records, kind="percent", value=25.0).group == "placebo"
    # HARMONi-A press release: drug by its INN stem; then "between the two arms" names no one arm
    records = extract("Grade 3 or higher immune-related adverse events occurred in 6.2% of patients receiving "
                      "ivonescimab plus chemotherapy and 2.5% of patients receiving placebo plus chemotherapy. Grade 3 "
                      "or higher VEGF-related adverse events between the two arms were similar (3.1% vs. 2.5%, "
                      "respectively); there were no Grade 3 bleeding or arterial thrombotic events.")
    assert one(records, kind="percent", value=6.2).group == "ivonescimab"
    assert one(records, kind="percent", value=3.1).group is None


def test_clause_opened_by_the_arm_governs_its_first_share():
    # Ilfeld et al., Reg Anesth Pain Med 2023 (held-out dev passage)
    records = extract("Among patients who were given a 6-day ropivacaine infusion, 57% experienced at least a 2-point "
                      "improvement on the 11-point numeric rating scale in their average and worst phantom pain 4 weeks "
                      "postbaseline as compared with 26% (p<0.001) for average and 25% (p<0.001) for worst pain in "
                      "patients given a placebo infusion.")
    assert one(records, kind="percent", value=57.0).group == "ropivacaine"
    assert one(records, kind="percent", value=26.0).group != "ropivacaine"


def test_dose_takes_the_arm_label_printed_after_it():
    # Lee et al., Korean J Pain 2010 (paracetamol, ketorolac and paracetamol plus morphine), methods
    records = extract("Eighty patients were randomly allocated to one of the 4 groups: normal saline (group C), ketorolac "
                      "30 mg (group K), paracetamol 1 g (group P), and paracetamol 700 mg plus morphine 3 mg (group PM).")
    assert one(records, kind="dose", value=30.0).group == "group K"
    assert one(records, kind="dose", value=1.0).group == "group P"
    assert one(records, kind="dose", value=700.0).group is None  # the label follows the combination's last dose
    records = extract("Patients received ketamine 0.5 mg/kg (n = 20) or saline.")
    assert one(records, kind="dose").group is None


def test_mean_in_a_column_headed_with_its_n_takes_that_n():
    # BMC Anesthesiol 2021 Table 3 (WHOQOL-BREF row) as a PDF text layer prints it, blank lines between rows
    records = extract("Table 3 Effectiveness outcomes\n\n"
                      "Outcome  Placebo group (n = 354)  Dexmedetomidine group (n = 356)  RR, HR, or estimated "
                      "difference (95% CI)  P value\n\n"
                      "Physical domain  51.6 ± 14.6  55.4 ± 14.3  Mean D = 3.8 (1.6, 5.9)  0.001\n")
    assert (one(records, kind="mean", value=51.6).n, one(records, kind="mean", value=51.6).group) == (354, "Placebo group")
    assert one(records, kind="mean", value=55.4).n == 356
    assert one(records, kind="p").group == "Dexmedetomidine vs Placebo" and one(records, kind="p").n is None


# ---- p-values, estimates and tests between two arms carry "A vs B" (corpus convention, session 3)

def test_p_after_two_arms_values_compares_those_arms():
    # Ratanasuwan et al. (ketamine with morphine PCA), results
    records = extract("Cumulative postoperative morphine consumption at 24 and 48 hours was significantly lower in the MK "
                      "group at 27.91±11.11 and 46.44±15.21 mg compared to the M group at 43.24±15.32 and 71.33±19.67 mg, "
                      "respectively (p<0.001).")
    assert one(records, kind="p").group == "MK vs M"
    # Front Surg 2022 (ketamine at caesarean delivery), results: the reference arm goes last
    records = extract("Among safety outcomes, intraoperative nausea or vomiting was less common in patients given ketamine "
                      "(0.0% [0/33] with ketamine vs. 21.2% [7/33] with placebo, P = 0.011).")
    assert one(records, kind="p").group == "ketamine vs placebo"


def test_p_after_one_arms_values_or_three_arms_values_is_no_comparison():
    # each arm's own change, with its own p: the values before each p are one arm's
    records = extract("In the ketamine group, VAS fell from 6.1 ± 1.2 to 2.3 ± 1.0 (P < 0.001); in the placebo group "
                      "it fell from 6.0 ± 1.4 to 5.2 ± 1.3 (P = 0.09).")
    ps = [r for r in records if r.kind == "p"]
    assert len(ps) == 2 and all(r.group is None or " vs " not in r.group for r in ps)
    # a p across three arms' values is an omnibus test
    records = extract("Pain scores at 30 min were 2.1 ± 0.9, 2.4 ± 1.0 and 4.6 ± 1.2 in groups K, L and C, "
                      "respectively (P = 0.001).")
    assert one(records, kind="p").group is None


def test_p_takes_the_comparison_the_sentence_prints_with_than():
    # Pirzadeh-style hysterectomy trial abstract (local ketamine), with its p as journals print it
    records = extract("Postoperative pain intensity was significantly lower in the intervention group than in the control "
                      "group, except for hour 24 (P < 0.05).")
    assert one(records, kind="p").group == "intervention vs control"
    # "more X-treated than Y-treated patients"
    records = extract("Nausea occurred in more ketamine-treated than placebo-treated patients (P = 0.02).")
    assert one(records, kind="p").group == "ketamine vs placebo"
    # "than" a time, not an arm: no comparison of arms
    records = extract("In the ketamine group, pain was lower at 24 h than at baseline (P < 0.001).")
    assert " vs " not in (one(records, kind="p").group or "")


def test_two_arm_trial_result_that_says_the_groups_were_compared_takes_the_design_arms():
    # Lii et al. 2023 (medRxiv), methods; and a ketamine mouthwash trial's results sentence (Authorea preprint)
    records = extract("In a triple-masked, randomized, placebo-controlled trial, 40 adult patients with major depressive "
                      "disorder were randomized to a single infusion of ketamine (0.5 mg/kg) or placebo (saline) during "
                      "anesthesia as usual for routine surgery.\n\n"
                      "The difference in the requirement of analgesic rescue medication between the two groups was not "
                      "statistically significant (p=1.000).\n\n"
                      "HDRS scores were significantly lower in the ketamine group at week 6 (P = 0.008).\n\n"
                      "Baseline MADRS correlated with the age at onset (r = 0.41, P = 0.01).")
    ps = [r for r in records if r.kind == "p"]
    assert [r.group for r in ps] == ["ketamine vs placebo", "ketamine vs placebo"]
    assert one(records, kind="r").group is None  # a correlation across the whole sample compares no arms


def test_multi_arm_trial_gives_no_design_comparison():
    # PMC5427408 (ketofol at caesarean delivery), methods and results
    records = extract("The simple random sampling method was used to place subjects in four groups of ketamine "
                      "(0.25 mg/kg), propofol (0.25 mg/kg), ketofol (25 mg ketamine plus 25 mg propofol) and placebo "
                      "(saline).\n\nThe frequencies of shivering, nausea, vomiting, retention and pruritus in the ketofol "
                      "group were significantly lower than other groups (p<0.001).\n\n"
                      "The groups did not differ in age (P = 0.62).")
    assert [r.group for r in records if r.kind == "p"] == [None, None]


def test_within_arm_test_after_its_arm_carries_that_arm():
    records = extract("Within-group comparisons showed that VAS scores decreased significantly from baseline with ketamine "
                      "(t(29) = 6.02, P < 0.001) and with placebo (t(29) = 2.31, P = 0.03).")
    assert [r.group for r in records if r.kind == "t"] == ["ketamine", "placebo"]
    # a test of the two arms' difference in change stays a comparison
    records = extract("The reduction in pain was greater with ketamine than with placebo (t(58) = 3.10, P = 0.003).")
    assert one(records, kind="t").group == "ketamine vs placebo"


def test_add_on_arm_goes_first_in_a_comparison():
    # Sveticic et al. 2008 (morphine vs morphine-ketamine PCA), results
    records = extract("The incidence of unsatisfactory treatment was 33.0% in Group M and 36.9% in Group MK (P = 0.50).")
    assert one(records, kind="p").group == "Group MK vs Group M"
    # two arms neither of which extends the other keep the printed order
    records = extract("Pain at 24 h was 3.1 ± 1.0 in Group K and 2.2 ± 0.9 in Group D (P = 0.01).")
    assert one(records, kind="p").group == "Group K vs Group D"


def test_change_followed_by_the_drug_it_was_seen_with_takes_that_arm():
    records = extract("Mean MADRS scores decreased by 14.2 points with esketamine and by 8.9 points with placebo "
                      "(difference, -5.3; P = .01).")
    assert [(r.value, r.group) for r in records if r.kind == "mean"] == [(14.2, "esketamine"), (8.9, "placebo")]
    # a dose "with" a drug is no arm's change: only means take it
    records = extract("Patients received 50 mg with ketamine premedication.")
    assert not [r for r in records if r.kind == "mean"]


def test_p_of_what_one_arm_did_carries_that_arm():
    # style of ED ketamine trial abstracts (Miller et al. 2015: "LDK induced a significant analgesic effect")
    records = extract("Low-dose ketamine induced a significant reduction in NRS pain scores within 5 minutes (p < 0.001).")
    assert one(records, kind="p").group == "ketamine"
    # the reference arm's own change, a comparison, or no arm at all: no single arm
    for text in ("Placebo reduced pain scores at 30 minutes (p = 0.04).",
                 "Age increased the risk of postoperative delirium (p = 0.04).",
                 "Ketamine and morphine both reduced pain scores at 30 minutes (p = 0.04)."):
        assert one(extract(text), kind="p").group is None, text


def test_comparison_keeps_the_label_the_article_gives_the_reference_arm():
    # Shi et al. 2019 (dexmedetomidine in children), results
    records = extract("Compared with the control group (Group C), dexmedetomidine decreased the incidence of ED (31.1% vs "
                      "53.3%; P=0.033) and pain (28.9% vs 57.8%; P=0.006), but it prolonged extubation time (P⩽0.001).")
    assert [r.group for r in records if r.kind == "p"] == [
        "dexmedetomidine vs control group (Group C)", "dexmedetomidine vs control group (Group C)",
        "dexmedetomidine vs control (Group C)"]


def test_a_result_opening_the_text_is_no_title_naming_the_design_arms():
    # Brinck et al. 2021 (S-ketamine in oxycodone PCA, four arms), results; then a sentence about "the groups"
    records = extract("Of the 100 patients analyzed, patients receiving 0.75 mg ml−1 S-ketamine in oxycodone PCA needed 25% "
                      "less oxycodone at 24 h postoperatively (61.2 mg) compared with patients receiving 0.5 mg ml−1 "
                      "(74.7 mg) or 0.25 mg ml−1 (74.1 mg) S-ketamine in oxycodone or oxycodone alone (81.9 mg).\n\n"
                      "The groups did not differ in age (P = 0.40).")
    assert one(records, kind="p").group is None
    # a title that compares two treatments does name them
    titled = extract("Intranasal ketamine versus intravenous morphine for acute limb pain in the emergency department\n\n"
                     "Pain scores at 30 minutes did not differ between the two groups (P = 0.40).")
    assert one(titled, kind="p").group == "ketamine vs morphine"


def test_drugs_every_patient_got_in_the_randomisation_sentence_are_no_arms():
    # anaesthesia given to all before randomisation: propofol and fentanyl are no arms
    records = extract("After induction of anaesthesia with propofol and fentanyl, patients were randomized by sealed "
                      "envelopes.\n\nPain scores did not differ between the two groups at 24 h (P = 0.31).")
    assert one(records, kind="p").group is None
    # the same design named as arms is read ("randomly assigned to receive ketamine or saline")
    records = extract("After induction, patients were randomly assigned to receive ketamine or saline.\n\n"
                      "Pain scores did not differ between the two groups at 24 h (P = 0.31).")
    assert one(records, kind="p").group == "ketamine vs saline"


def test_than_that_in_a_group_named_by_several_words():
    # pyrotinib in HER2-positive breast cancer (2025), abstract
    records = extract("The median overall survival was significantly shorter in the liver metastasis group (15.8 months) "
                      "than that in the non-liver metastasis group (31.4 months, P = 0.0036).")
    assert one(records, kind="p").group == "liver metastasis vs non-liver metastasis"
    # negative: "than that in" a time or a subgroup that is no arm span
    records = extract("The median overall survival was shorter at 12 months than that in the first year (P = 0.04).")
    assert one(records, kind="p").group is None


def test_result_between_groups_takes_the_two_arms_its_sentence_names():
    # Front Surg 2022 (ketamine at caesarean delivery), results
    records = extract("The depression score at 48 h did not differ between groups: median 9 (interquartile range 6 to 13) "
                      "with ketamine vs. 8 (6 to 10) with placebo; median difference 1, 95% CI −1 to 3; P = 0.608.")
    assert one(records, kind="p").group == "ketamine vs placebo"
    # three groups listed, of which the sentence's spans name two: no pair
    records = extract("Shivering did not differ between the ketofol, ketamine and propofol groups (P = 0.3).")
    assert one(records, kind="p").group is None


def test_than_comparison_with_coordinated_arms_keeps_both():
    # Remerand et al. 2008 (ropivacaine wound infiltration, three arms), results
    records = extract("Cumulative morphine consumption 24 h after surgery was significantly lower in the PERI group (median = "
                      "27 mg, interquartile range = [19]) than in the INTRA group (48 mg [41.5]) and CTRL group (50 mg [21]) "
                      "(P < 0.005). Postoperative visual analog scale scores were significantly lower in the PERI group and "
                      "INTRA group than in the CTRL group (P < 0.001).")
    assert [r.group for r in records if r.kind == "p"] == ["PERI vs INTRA and CTRL", "PERI and INTRA vs CTRL"]


def test_superior_to_and_a_group_opening_the_sentence_read_the_comparison():
    # style of esketamine trial abstracts ("esketamine ... was superior to placebo")
    records = extract("Esketamine was superior to placebo on the MADRS total score at day 28 (P = .02).")
    assert one(records, kind="p").group == "esketamine vs placebo"
    # the arm opening the sentence is the first arm of the comparison it prints
    records = extract("The ketamine group had lower pain scores than the control group at 24 h (P = 0.01).")
    assert one(records, kind="p").group == "ketamine vs control"
    # compared with its own baseline: that arm only
    records = extract("The ketamine group had lower pain scores at 24 h than at baseline (P = 0.01).")
    assert one(records, kind="p").group == "ketamine group"


def test_a_trend_across_doses_gets_no_comparison_and_a_dose_keeps_its_place():
    # Daly et al. 2018-style results: per-dose p-values against placebo, then the dose-response trend
    records = extract("In period 2, all three esketamine doses were superior to placebo: P = .03 for 28 mg, P = .002 for "
                      "56 mg and P < .001 for 84 mg, with a significant ascending dose-response relationship (P = .004).")
    assert [r.group for r in records if r.kind == "p"] == [
        "esketamine 28 mg vs placebo", "esketamine 56 mg vs placebo", "esketamine 84 mg vs placebo", None]


def test_a_subject_group_compared_with_a_group_printed_after_its_result():
    # published style: the subject group opens the sentence, its comparator comes after the statistics
    records = extract("Patients with comorbid anxiety (n=41) had higher HAM-D scores (P=.01) at week 4 compared with "
                      "patients without anxiety (n=63).")
    p = one(records, kind="p", value=0.01)
    assert p.group.startswith("comorbid anxiety vs ") and p.group.endswith("without anxiety")
    # no comparison word before the second group: the subject alone
    records = extract("Patients with comorbid anxiety (n=41) had higher HAM-D scores (P=.01); patients without "
                      "anxiety (n=63) improved less.")
    assert one(records, kind="p", value=0.01).group == "comorbid anxiety"
