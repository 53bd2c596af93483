"""Shivanekar et al. 2022, IJERPH: single open-label ketamine infusion after a suicide attempt.

A single-arm pre/post study: baseline vs follow-up means (SD) with paired t tests and Cohen's d,
printed the way the source's Table 3 prints them (df as a subscript-style `t15`).
"""

STUDY = {
    "id": "shivanekar2022",
    "title": "A single ketamine infusion after a suicide attempt: an open-label pilot on a consultation-liaison service",
    "byline": "Pilot study summary. Shivanekar S, et al. International Journal of Environmental Research and Public Health, 2022.",
    "verified": True,
    "verification": (
        "design, n, dose and timepoints checked against the abstract (pmc.ncbi.nlm.nih.gov/articles/PMC9656070, "
        "PubMed 36360672, doi 10.3390/ijerph192113792); every mean (SD), n, t, p and d checked against Table 3 "
        "of the article at pmc.ncbi.nlm.nih.gov/articles/PMC9656070/table/ijerph-19-13792-t003; the table "
        "does not state the level of the bracketed intervals after d, so neither does this report"
    ),
    "source": {
        "authors": "Shivanekar S, et al.",
        "year": 2022,
        "journal": "International Journal of Environmental Research and Public Health",
        "doi": "10.3390/ijerph192113792",
        "title": "A Pilot Study of Ketamine Infusion after Suicide Attempt: New Frontiers in Treating Acute Suicidality in a Real-World Medical Setting",
    },
    "sections": [
        ("Background", [
            "In research settings ketamine reduces suicidal thoughts within hours of a single infusion. "
            "This pilot asked whether the same holds in a real-world, ultra-high-risk group: patients "
            "admitted to a tertiary-care hospital after a suicide attempt and seen by the "
            "consultation-liaison (CL) psychiatry service.",
        ]),
        ("Methods", [
            "In an open-label design, 16 transdiagnostic CL patients aged 18 to 65 years received a single "
            "dose of intravenous ketamine (0.5 mg/kg) in the acute medical setting, and all were admitted "
            "to a psychiatric unit afterwards. Depression was rated with the Montgomery-Asberg Depression "
            "Rating Scale (MADRS), and suicidal ideation with the MADRS suicide item (MADRS-SI), the "
            "ideation score of the Columbia Suicide Severity Rating Scale (C-SSRS) and the Adult Suicidal "
            "Ideation Questionnaire. Ratings at 24 hours, 5 and 12 days and 1, 3 and 6 months were each "
            "compared with baseline using paired t tests, with Cohen's d as the effect size. Not every "
            "patient could be rated at every visit, so the number analysed changes over time (Table 1).",
        ]),
        ("Results", [
            "MADRS scores fell sharply by day 1 and stayed low to month 6 (Table 1).",
            "Suicidal ideation dropped just as fast. On the MADRS suicide item, scores fell from 5.94 (0.25) "
            "at baseline to 0.81 (1.22) at day 1 (t(15) = 17.0, p < 0.001, d = 5.8 [4.1, 7.3]); on the "
            "C-SSRS ideation score they fell from 4.94 (0.25) to 0.38 (0.72) (t(15) = 20.5, p < 0.001, "
            "d = 8.5 [6.1, 10.4]).",
            "Across all measures the decreases at the acute time points were statistically significant "
            "with large to very large effect sizes, and the gains were maintained to 6 months.",
        ]),
        ("Comment", [
            "Without a control group the size of these changes cannot be attributed to ketamine alone: "
            "hospital admission, new treatment and regression from the peak of a crisis all contribute. "
            "The authors present the results as a feasibility signal that ketamine could be given where "
            "these patients already receive care.",
        ]),
    ],
    "table": {
        "caption": "Table 1. MADRS total score, mean (SD), with paired comparisons against baseline",
        "header": ["Visit", "MADRS total", "Paired comparison with baseline"],
        "rows": [
            ["Baseline", "37.75 (6.2)", ""],
            ["Day 1", "16.75 (9.71)", "n = 16, t15 = 11.3, p < 0.001, d = 2.6 [1.6, 3.4]"],
            ["Day 5", "17.53 (9.28)", "n = 15, t14 = 8.7, p < 0.001, d = 2.5 [1.5, 3.4]"],
            ["Day 12", "16.20 (11.91)", "n = 10, t9 = 5.5, p < 0.001, d = 2.4 [1.2, 3.4]"],
            ["Month 1", "16.22 (11.72)", "n = 9, t8 = 6.6, p < 0.001, d = 2.3 [1.0, 3.3]"],
            ["Month 3", "14.09 (10.90)", "n = 11, t10 = 8.8, p < 0.001, d = 2.8 [1.5, 3.8]"],
            ["Month 6", "15.67 (11.68)", "n = 12, t11 = 7.0, p < 0.001, d = 2.4 [1.2, 3.3]"],
        ],
        "note": "Baseline n = 16. Bracketed values are the interval around d as printed in the source table.",
        "first_col_frac": 0.16,
        "after": "MADRS scores fell sharply by day 1 and stayed low to month 6 (Table 1).",
    },
    "reference": (
        "Shivanekar S, et al. A pilot study of ketamine infusion after suicide attempt: new frontiers in "
        "treating acute suicidality in a real-world medical setting. Int J Environ Res Public Health. "
        "2022;19(21):13792. doi:10.3390/ijerph192113792"
    ),
    "non_facts": ["aged 18 to 65 years", "at 24 hours, 5 and 12 days and 1, 3 and 6 months", "Table 1",
                  "by day 1", "to month 6", "at day 1", "to 6 months", "2022;19(21):13792",
                  "Public Health, 2022", "Day 1", "Day 5", "Day 12", "Month 1", "Month 3", "Month 6"],
    "outputs": [
        {"file": "shivanekar2022.pdf",
         "layout": "one-column PDF, Times, results table with statistics cells (n, t with df, p, d [interval]), "
                   "running header, page numbers",
         "font": "times", "size": 10.5, "header": "Int J Environ Res Public Health - pilot studies",
         "header_right": "Ketamine after suicide attempt"},
    ],
    "facts": [
        {"kind": "total_n", "value": 16, "text": "16 transdiagnostic CL patients"},
        {"kind": "frequency", "value": 1, "unit": "single", "drug": "ketamine", "text": "single dose"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous ketamine"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "instrument", "value": None, "unit": "MADRS-SI", "domain": "other", "text": "MADRS-SI"},
        {"kind": "instrument", "value": None, "unit": "C-SSRS", "domain": "other", "text": "C-SSRS"},
        {"kind": "instrument", "value": None, "unit": "ASIQ", "domain": "other",
         "text": "Adult Suicidal Ideation Questionnaire"},
        {"kind": "mean", "value": 5.94, "sd": 0.25, "outcome": "MADRS suicide item", "domain": "other",
         "timepoint": "baseline", "text": "5.94 (0.25)"},
        {"kind": "mean", "value": 0.81, "sd": 1.22, "outcome": "MADRS suicide item", "domain": "other",
         "timepoint": "day 1", "text": "0.81 (1.22)"},
        {"kind": "t", "value": 17.0, "df": "15", "p_op": "<", "p_value": 0.001, "outcome": "MADRS suicide item",
         "domain": "other", "timepoint": "day 1", "note": "paired", "text": "t(15) = 17.0",
         "context": "t(15) = 17.0, p < 0.001"},
        {"kind": "d", "value": 5.8, "ci_low": 4.1, "ci_high": 7.3, "outcome": "MADRS suicide item", "domain": "other",
         "timepoint": "day 1", "text": "d = 5.8", "context": "d = 5.8 [4.1, 7.3]"},
        {"kind": "mean", "value": 4.94, "sd": 0.25, "outcome": "C-SSRS ideation", "domain": "other",
         "timepoint": "baseline", "text": "4.94 (0.25)"},
        {"kind": "mean", "value": 0.38, "sd": 0.72, "outcome": "C-SSRS ideation", "domain": "other",
         "timepoint": "day 1", "text": "0.38 (0.72)"},
        {"kind": "t", "value": 20.5, "df": "15", "p_op": "<", "p_value": 0.001, "outcome": "C-SSRS ideation",
         "domain": "other", "timepoint": "day 1", "note": "paired", "text": "t(15) = 20.5",
         "context": "t(15) = 20.5, p < 0.001"},
        {"kind": "d", "value": 8.5, "ci_low": 6.1, "ci_high": 10.4, "outcome": "C-SSRS ideation", "domain": "other",
         "timepoint": "day 1", "text": "d = 8.5", "context": "d = 8.5 [6.1, 10.4]"},
        {"kind": "mean", "value": 37.75, "sd": 6.2, "outcome": "MADRS total", "domain": "depression",
         "timepoint": "baseline", "n": 16, "text": "37.75 (6.2)", "note": "table cell"},
        {"kind": "total_n", "value": 16, "note": "baseline, table note", "text": "Baseline n = 16"},
    ],
}

_VISITS = {"Day 1": "day 1", "Day 5": "day 5", "Day 12": "day 12", "Month 1": "month 1", "Month 3": "month 3",
           "Month 6": "month 6"}
for visit, mean_cell, stats in STUDY["table"]["rows"][1:]:
    tp = _VISITS[visit]
    n_part, t_part, p_part, d_part = [s.strip() for s in stats.split(",", 3)]
    n = int(n_part.split("=")[1])
    t_label, t_value = [s.strip() for s in t_part.split("=")]
    d_value, d_ci = d_part.split(" [")
    low, high = d_ci.rstrip("]").split(", ")
    mean, sd = mean_cell.split(" (")
    common = {"outcome": "MADRS total", "domain": "depression", "timepoint": tp}
    STUDY["facts"] += [
        {"kind": "mean", "value": float(mean), "sd": float(sd.rstrip(")")), "n": n, **common,
         "text": mean_cell, "note": "table cell"},
        {"kind": "total_n", "value": n, "timepoint": tp, "text": n_part, "context": f"{n_part}, {t_label}",
         "note": "table cell; analysed at this visit"},
        {"kind": "t", "value": float(t_value), "df": t_label[1:], "p_op": "<", "p_value": 0.001, "note": "table cell; paired",
         **common, "text": t_part, "context": f"{t_part}, {p_part}"},
        {"kind": "d", "value": float(d_value.split("=")[1]), "ci_low": float(low), "ci_high": float(high), **common,
         "text": d_value, "context": d_part, "note": "table cell"},
    ]
