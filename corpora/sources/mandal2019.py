"""Mandal et al. 2019, Indian J Psychiatry: single-arm pre/post, six IV ketamine doses over 2 weeks.

ILLUSTRATIVE: design, sample, dose and schedule are as published (abstract, PMC6767816), but the
abstract gives no scores, so the means, SDs and paired t statistics here were constructed for the
demo corpus. The document says so in its own text, and its gold is marked "verified": false.
"""

STUDY = {
    "id": "mandal2019",
    "title": "Repeated ketamine doses in severe depression: a single-arm pre-post study",
    "byline": "Teaching example with illustrative figures. Design after Mandal S, Sinha VK, Goyal N. Indian Journal of Psychiatry, 2019.",
    "verified": False,
    "verification": (
        "ILLUSTRATIVE: the design (single-arm, 25 drug-free male inpatients, 0.5 mg/kg intravenous bolus, "
        "six doses over 2 weeks, assessments at 1 h, 2 weeks and 1 month) is checked against the abstract "
        "of Mandal et al. 2019 (PMC6767816, doi 10.4103/psychiatry.IndianJPsychiatry_484_18); the "
        "abstract reports no scores, so every mean, SD and t statistic in this document was constructed "
        "for the corpus and is NOT the published result; the text states this"
    ),
    "source": {
        "authors": "Mandal S, Sinha VK, Goyal N",
        "year": 2019,
        "journal": "Indian Journal of Psychiatry",
        "doi": "10.4103/psychiatry.IndianJPsychiatry_484_18",
        "title": "Efficacy of ketamine therapy in the treatment of depression",
    },
    "sections": [
        ("About this example", [
            "This summary follows the design of a single-arm study of ketamine in severe depression. The "
            "scores, standard deviations and test statistics below are illustrative values written for "
            "the evidencekit demo corpus, not the results published by the study's authors, whose abstract "
            "reports no scores. The example shows how a pre-post report prints its numbers: baseline and "
            "follow-up means with SDs, and paired t tests with their degrees of freedom.",
        ]),
        ("Design", [
            "Twenty-five drug-free or drug-naive men with severe depression and no history of psychotic "
            "disorder, head injury, organic disorder, cardiac disease or substance misuse were admitted. "
            "Each received ketamine hydrochloride at a subanesthetic dose of 0.5 mg/kg as an intravenous "
            "bolus. Six doses were given over 2 weeks. Depression was rated with the 17-item Hamilton "
            "Depression Rating Scale (HAM-D) and anxiety with the Hamilton Anxiety Rating Scale (HAM-A) "
            "at baseline, 1 hour after the first dose, after the last dose and 1 month later.",
        ]),
        ("Illustrative results", [
            "In this example HAM-D scores were lower than at baseline one hour after the first dose "
            "(paired t(24) = 8.12, P < .001) and after the sixth dose (t(24) = 14.37, P < .001), and one "
            "month after the last dose they were still well below baseline (t(24) = 12.66, P < .001). "
            "Taking remission as a HAM-D score ≤7, 9/25 patients (36%) had remitted after the sixth dose.",
            "HAM-A scores also fell by the sixth dose (t(24) = 11.05, P < .001). The means and SDs at every "
            "time point are set out in Table 1.",
            "Adverse effects in the published study were transient and subsided within an hour of each "
            "dose.",
        ]),
        ("Reading a pre-post design", [
            "Without a control group, regression to the mean, the natural course of a severe episode and "
            "the attention of an inpatient stay all add to the change from baseline, so a pre-post "
            "difference is an upper bound on the drug's effect. A meta-analysis should keep such studies "
            "apart from randomized comparisons or convert them with an explicit assumption about the "
            "pre-post correlation.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Illustrative HAM-D and HAM-A scores, mean ± SD (n = 25)",
        "header": ["Scale", "Baseline", "1 h after first dose", "After sixth dose", "1 month later"],
        "rows": [
            ["HAM-D", "28.4 ± 4.1", "17.9 ± 5.6", "9.2 ± 4.8", "10.1 ± 5.3"],
            ["HAM-A", "22.6 ± 5.0", "", "8.7 ± 4.2", ""],
        ],
        "note": "Illustrative values constructed for the evidencekit demo corpus; not the published results.",
        "first_col_frac": 0.16,
        "after": ("HAM-A scores also fell by the sixth dose (t(24) = 11.05, P < .001). The means and SDs at every "
                  "time point are set out in Table 1."),
    },
    "reference": (
        "Design after: Mandal S, Sinha VK, Goyal N. Efficacy of ketamine therapy in the treatment of "
        "depression. Indian J Psychiatry. 2019;61(5):480-485. doi:10.4103/psychiatry.IndianJPsychiatry_484_18"
    ),
    "doi_printed": True,
    "non_facts": ["Indian Journal of Psychiatry, 2019", "2019;61(5):480-485", "17-item", "1 hour", "1 month",
                  "1 h after first dose", "1 month later", "one hour after", "Table 1", "IndianJPsychiatry_484_18",
                  "HAM-D score ≤7"],
    "outputs": [
        {"file": "mandal2019.pdf",
         "layout": "one-column PDF, Helvetica, running header, page numbers, pre-post results table",
         "font": "helvetica", "size": 10.5,
         "header": "Evidence methods - worked example (illustrative figures)", "header_right": "Pre-post designs"},
    ],
    "facts": [
        {"kind": "total_n", "value": 25, "text": "Twenty-five"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous bolus"},
        {"kind": "administrations", "value": 6, "unit": "doses", "drug": "ketamine", "text": "Six doses"},
        {"kind": "duration", "value": 2, "unit": "weeks", "text": "over 2 weeks"},
        {"kind": "instrument", "value": None, "unit": "HAM-D", "domain": "depression", "text": "HAM-D"},
        {"kind": "instrument", "value": None, "unit": "HAM-A", "domain": "other", "text": "HAM-A"},
        {"kind": "mean", "value": 28.4, "sd": 4.1, "outcome": "HAM-D", "domain": "depression", "timepoint": "baseline",
         "text": "28.4 ± 4.1", "note": "table cell"},
        {"kind": "mean", "value": 17.9, "sd": 5.6, "outcome": "HAM-D", "domain": "depression",
         "timepoint": "1 hour after first dose", "text": "17.9 ± 5.6", "note": "table cell"},
        {"kind": "t", "value": 8.12, "df": "24", "p_op": "<", "p_value": 0.001, "outcome": "HAM-D", "domain": "depression",
         "timepoint": "1 hour after first dose", "note": "paired", "text": "t(24) = 8.12", "context": "t(24) = 8.12, P < .001"},
        {"kind": "mean", "value": 9.2, "sd": 4.8, "outcome": "HAM-D", "domain": "depression",
         "timepoint": "after sixth dose", "text": "9.2 ± 4.8", "note": "table cell"},
        {"kind": "t", "value": 14.37, "df": "24", "p_op": "<", "p_value": 0.001, "outcome": "HAM-D", "domain": "depression",
         "timepoint": "after sixth dose", "note": "paired", "text": "t(24) = 14.37", "context": "t(24) = 14.37, P < .001"},
        {"kind": "mean", "value": 10.1, "sd": 5.3, "outcome": "HAM-D", "domain": "depression",
         "timepoint": "1 month later", "text": "10.1 ± 5.3", "note": "table cell"},
        {"kind": "t", "value": 12.66, "df": "24", "p_op": "<", "p_value": 0.001, "outcome": "HAM-D", "domain": "depression",
         "timepoint": "1 month after last dose", "note": "paired", "text": "t(24) = 12.66",
         "context": "t(24) = 12.66, P < .001"},
        {"kind": "count", "value": 9, "n": 25, "outcome": "remission", "domain": "depression",
         "timepoint": "after sixth dose", "text": "9/25"},
        {"kind": "percent", "value": 36, "outcome": "remission", "domain": "depression",
         "timepoint": "after sixth dose", "text": "36%"},
        {"kind": "mean", "value": 22.6, "sd": 5.0, "outcome": "HAM-A", "domain": "other", "timepoint": "baseline",
         "text": "22.6 ± 5.0", "note": "table cell"},
        {"kind": "mean", "value": 8.7, "sd": 4.2, "outcome": "HAM-A", "domain": "other", "timepoint": "after sixth dose",
         "text": "8.7 ± 4.2", "note": "table cell"},
        {"kind": "t", "value": 11.05, "df": "24", "p_op": "<", "p_value": 0.001, "outcome": "HAM-A", "domain": "other",
         "timepoint": "after sixth dose", "note": "paired", "text": "t(24) = 11.05", "context": "t(24) = 11.05, P < .001"},
        {"kind": "total_n", "value": 25, "note": "table caption", "text": "n = 25"},
    ],
}
