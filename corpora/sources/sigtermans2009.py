"""Sigtermans et al. 2009, Pain: S(+)-ketamine vs placebo infusion in CRPS-1 (NRS pain)."""

STUDY = {
    "id": "sigtermans2009",
    "title": "Multiday S(+)-ketamine infusion relieves pain in complex regional pain syndrome type 1",
    "byline": "Trial report - Pain medicine. Based on Sigtermans MJ, van Hilten JJ, Bauer MCR, et al. Pain 2009.",
    "verified": True,
    "verification": (
        "all figures checked against the published abstract (PubMed 19604642; journals.lww.com Pain "
        "abstract page, doi 10.1016/j.pain.2009.06.023); the abstract does not say whether the "
        "dispersion after ± is an SD or an SEM, so the report does not say either"
    ),
    "source": {
        "authors": "Sigtermans MJ, van Hilten JJ, Bauer MCR, Arbous MS, Marinus J, Sarton EY, Dahan A",
        "year": 2009,
        "journal": "Pain",
        "doi": "10.1016/j.pain.2009.06.023",
        "title": "Ketamine produces effective and long-term pain relief in patients with Complex Regional Pain Syndrome Type 1",
    },
    "abstract": [
        ("Background", "Complex regional pain syndrome type 1 (CRPS-1) responds poorly to standard pain "
         "treatment. The investigators asked whether the N-methyl-D-aspartate receptor antagonist "
         "S(+)-ketamine improves pain in these patients."),
        ("Design", "Double-blind, randomized, placebo-controlled, parallel-group trial in 60 patients with "
         "CRPS-1 and severe pain, 48 of them women."),
        ("Main outcome", "Pain intensity on a numerical rating scale (NRS) from 0 to 10, followed over a "
         "12-week study period."),
    ],
    "sections": [
        ("Methods", [
            "Patients received either low-dose S(+)-ketamine (n = 30) or placebo (n = 30) as a continuous "
            "intravenous infusion lasting 4.2 days. The dose was not fixed: it was raised step by step "
            "for each patient according to pain relief and lowered when nausea, vomiting or "
            "psychomimetic effects appeared. At the end of the infusion the ketamine dose averaged "
            "22.2 ± 2.0 mg/h/70 kg.",
            "Most patients had long-standing disease, so the trial tested whether a multiday infusion "
            "could still change the course of chronic CRPS-1 rather than of its acute phase.",
        ]),
        ("Results", [
            "Across the whole 12-week study period, NRS pain scores were significantly lower in the "
            "ketamine group than in the placebo group (P < 0.001). The difference was largest at the end "
            "of the first week (Table 1) and faded afterwards; in week 12 the groups no longer differed "
            "significantly (P = 0.07).",
            "Pain relief did not translate into better function: the functional outcome measures did not "
            "improve with ketamine.",
            "Psychomimetic side effects, mostly mild to moderate, occurred during the infusion in more "
            "ketamine-treated than placebo-treated patients (Table 1; P < 0.001). Most patients found them "
            "acceptable, and no serious safety problem was reported.",
        ]),
        ("Interpretation", [
            "In a mostly chronic CRPS-1 population with severe pain at baseline, a multiday S(+)-ketamine "
            "infusion produced significant pain relief that lasted several weeks, without functional "
            "improvement. Whether repeated courses could extend the benefit was not tested.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Pain at the end of week 1 and psychomimetic side effects",
        "header": ["Outcome", "Ketamine", "Placebo"],
        "rows": [
            ["NRS pain, week 1", "2.68 ± 0.51", "5.45 ± 0.48"],
            ["Psychomimetic side effects", "76%", "18%"],
        ],
        "note": "NRS, numerical rating scale (0 = no pain, 10 = worst pain imaginable).",
        "first_col_frac": 0.42,
        "after": ("Across the whole 12-week study period, NRS pain scores were significantly lower in the "
                  "ketamine group than in the placebo group (P < 0.001). The difference was largest at the end "
                  "of the first week (Table 1) and faded afterwards; in week 12 the groups no longer differed "
                  "significantly (P = 0.07)."),
    },
    "reference": (
        "Sigtermans MJ, van Hilten JJ, Bauer MCR, et al. Ketamine produces effective and long-term pain "
        "relief in patients with Complex Regional Pain Syndrome Type 1. Pain. 2009;145:304-311. "
        "doi:10.1016/j.pain.2009.06.023"
    ),
    "non_facts": [
        "from 0 to 10", "(0 = no pain, 10 = worst pain imaginable)", "Table 1", "type 1", "Type 1",
        "CRPS-1", "end of week 1", "week 1", "week 12", "2009;145:304-311", "Pain 2009", "end of the first week",
    ],
    "outputs": [
        {"file": "sigtermans2009.pdf",
         "layout": "two-column PDF, full-width title and abstract, running header, page numbers, results table",
         "font": "times", "size": 10.5, "header": "PAIN MEDICINE - TRIAL REPORTS", "header_right": "CRPS-1 and S(+)-ketamine"},
    ],
    "facts": [
        {"kind": "total_n", "value": 60, "text": "60 patients"},
        {"kind": "count", "value": 48, "n": 60, "outcome": "women", "text": "48 of them women"},
        {"kind": "instrument", "value": None, "unit": "NRS", "domain": "pain", "text": "numerical rating scale (NRS)"},
        {"kind": "duration", "value": 12, "unit": "weeks", "note": "study period (follow-up)", "text": "12-week study period"},
        {"kind": "group_n", "value": 30, "group": "ketamine", "text": "n = 30", "context": "S(+)-ketamine (n = 30)"},
        {"kind": "group_n", "value": 30, "group": "placebo", "text": "n = 30", "context": "placebo (n = 30)"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "S(+)-ketamine", "text": "intravenous"},
        {"kind": "duration", "value": 4.2, "unit": "days", "note": "infusion length", "text": "4.2 days"},
        {"kind": "dose", "value": 22.2, "sd": 2.0, "unit": "mg/h/70 kg", "drug": "S(+)-ketamine",
         "timepoint": "end of infusion", "text": "22.2 ± 2.0 mg/h/70 kg"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.001, "op": "<", "outcome": "NRS pain scores", "domain": "pain",
         "timepoint": "12-week study period", "text": "P < 0.001", "context": "placebo group (P < 0.001)"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.07, "op": "=", "outcome": "NRS pain scores", "domain": "pain",
         "timepoint": "week 12", "text": "P = 0.07"},
        {"kind": "mean", "value": 2.68, "sd": 0.51, "group": "ketamine", "outcome": "NRS pain", "domain": "pain",
         "timepoint": "week 1", "note": "table cell; dispersion after ± not labelled (SD or SEM)", "text": "2.68 ± 0.51"},
        {"kind": "mean", "value": 5.45, "sd": 0.48, "group": "placebo", "outcome": "NRS pain", "domain": "pain",
         "timepoint": "week 1", "note": "table cell; dispersion after ± not labelled (SD or SEM)", "text": "5.45 ± 0.48"},
        {"kind": "percent", "value": 76, "group": "ketamine", "outcome": "psychomimetic side effects",
         "timepoint": "during the infusion", "note": "table cell", "text": "76%"},
        {"kind": "percent", "value": 18, "group": "placebo", "outcome": "psychomimetic side effects",
         "timepoint": "during the infusion", "note": "table cell", "text": "18%"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.001, "op": "<", "outcome": "psychomimetic side effects", "timepoint": "during the infusion",
         "text": "P < 0.001",
         "context": "(Table 1; P < 0.001)"},
    ],
}
