"""Khavanin et al. 2021, Jundishapur J Chronic Dis Care: intranasal ketamine vs intravenous ketorolac for
renal colic in the emergency department; VAS at 5 minutes (one-column US-letter PDF, small results table)."""

STUDY = {
    "id": "khavanin2021",
    "title": "Intranasal ketamine against intravenous ketorolac for renal colic: a randomized emergency department trial",
    "byline": ("Emergency medicine trial summary. Based on Khavanin A, Moezzi M, Motamed H, Parozan S, Hosseini A. "
               "Jundishapur Journal of Chronic Disease Care, 2021."),
    "verified": True,
    "verification": (
        "every number checked against the published abstract (brieflands.com/articles/jjcdc-114775 and "
        "the journal's in-press page sites.kowsarpub.com/jjcdc/articles/114775.html, doi "
        "10.5812/jjcdc.114775); the abstract gives 100 patients in total but not the number per group, "
        "and does not say whether the dispersion after ± is an SD, so the report states neither"
    ),
    "source": {
        "authors": "Khavanin A, Moezzi M, Motamed H, Parozan S, Hosseini A",
        "year": 2021,
        "journal": "Jundishapur Journal of Chronic Disease Care",
        "doi": "10.5812/jjcdc.114775",
        "title": "Intranasal Ketamine Versus Intravenous Ketorolac for Pain Control in the Renal Colic: A Randomized Clinical Trial Study",
    },
    "abstract": [
        ("Question", "Does intranasal ketamine control the pain of renal colic as well as intravenous "
         "ketorolac, the usual first-line drug in the emergency department?"),
        ("Design", "Randomized clinical trial in adults presenting to the emergency department with renal "
         "colic, assigned to one of two groups."),
    ],
    "sections": [
        ("Methods", [
            "Renal colic is one of the most common reasons for attending the emergency department, and "
            "non-steroidal anti-inflammatory drugs and opioids are the standard treatments. In this trial "
            "the control group received ketorolac 30 mg intravenously, while the intervention group "
            "received ketamine 1 mg/kg as intranasal drops.",
            "Pain severity on a visual analogue scale (VAS), vital signs and adverse events were recorded "
            "for 60 minutes after the dose. Patient satisfaction with treatment was also scored.",
        ]),
        ("Results", [
            "A total of 100 patients were enrolled. Five minutes after the dose, the mean VAS score was "
            "lower in the intranasal ketamine group than in the ketorolac group (Table 1), and the "
            "difference remained significant at the end of the 60th minute (P < 0.001).",
            "Additional analgesics were given more often after intravenous ketorolac than after intranasal "
            "ketamine (22% vs. 0%; P = 0.001). Patient satisfaction was higher with intranasal ketamine "
            "(Table 1).",
        ]),
        ("Interpretation", [
            "The investigators concluded that intranasal ketamine is beneficial in controlling the pain of "
            "renal colic, acts quickly, has fewer adverse events and leaves patients more satisfied, and "
            "could be prescribed in place of the usual treatment. The comparison is against an active "
            "drug, not placebo, so a pooled analysis should keep it apart from placebo-controlled trials "
            "or at least test the comparator as a moderator. The group sizes must be taken from the full "
            "paper; the abstract gives only the total enrolled.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Outcomes by group, mean ± dispersion as printed in the abstract",
        "header": ["Outcome", "Intranasal ketamine", "Intravenous ketorolac", "P"],
        "rows": [
            ["VAS at 5 min", "5 ± 2.26", "8.62 ± 0.49", "< 0.001"],
            ["Satisfaction score", "3.56 ± 0.35", "1.82 ± 0.98", "< 0.001"],
        ],
        "note": "VAS, visual analogue scale for pain, 0 to 10.",
        "first_col_frac": 0.31,
        "after": ("A total of 100 patients were enrolled. Five minutes after the dose, the mean VAS score was "
                  "lower in the intranasal ketamine group than in the ketorolac group (Table 1), and the "
                  "difference remained significant at the end of the 60th minute (P < 0.001)."),
    },
    "reference": (
        "Khavanin A, Moezzi M, Motamed H, Parozan S, Hosseini A. Intranasal ketamine versus intravenous "
        "ketorolac for pain control in the renal colic: a randomized clinical trial study. Jundishapur J "
        "Chronic Dis Care. 2021;10(3):e114775. doi:10.5812/jjcdc.114775"
    ),
    "non_facts": [
        "Care, 2021", "2021;10(3):e114775", "Table 1", "Five minutes after", "the 60th minute",
        "VAS at 5 min", "0 to 10",
    ],
    "outputs": [
        {"file": "khavanin2021.pdf",
         "layout": "one-column PDF, Helvetica, US letter, running header, page numbers, results table with P column",
         "font": "helvetica", "size": 10, "page": "letter",
         "header": "Emergency Medicine Trial Summaries", "header_right": "Renal colic"},
    ],
    "facts": [
        {"kind": "dose", "value": 30, "unit": "mg", "drug": "ketorolac", "text": "30 mg"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketorolac", "text": "intravenously"},
        {"kind": "dose", "value": 1, "unit": "mg/kg", "drug": "ketamine", "text": "1 mg/kg"},
        {"kind": "route", "value": None, "unit": "intranasal", "drug": "ketamine", "text": "intranasal",
         "context": "intranasal drops"},
        {"kind": "instrument", "value": None, "unit": "VAS", "domain": "pain", "text": "visual analogue scale (VAS)"},
        {"kind": "duration", "value": 60, "unit": "min", "note": "observation period after the dose",
         "text": "for 60 minutes"},
        {"kind": "total_n", "value": 100, "text": "100 patients"},
        {"kind": "p", "group": "ketamine vs ketorolac",
         "value": 0.001, "op": "<", "outcome": "VAS", "domain": "pain", "timepoint": "60 min",
         "text": "P < 0.001", "context": "60th minute (P < 0.001)"},
        {"kind": "percent", "value": 22, "group": "ketorolac", "outcome": "additional analgesics", "text": "22%"},
        {"kind": "percent", "value": 0, "group": "ketamine", "outcome": "additional analgesics", "text": "0%"},
        {"kind": "p", "group": "ketamine vs ketorolac",
         "value": 0.001, "op": "=", "outcome": "additional analgesics", "text": "P = 0.001"},
        {"kind": "mean", "value": 5, "sd": 2.26, "group": "ketamine", "outcome": "VAS", "domain": "pain",
         "timepoint": "5 min", "note": "table cell; dispersion after ± not labelled (SD or SEM)", "text": "5 ± 2.26"},
        {"kind": "mean", "value": 8.62, "sd": 0.49, "group": "ketorolac", "outcome": "VAS", "domain": "pain",
         "timepoint": "5 min", "note": "table cell; dispersion after ± not labelled (SD or SEM)", "text": "8.62 ± 0.49"},
        {"kind": "p", "group": "ketamine vs ketorolac",
         "value": 0.001, "op": "<", "outcome": "VAS", "domain": "pain", "timepoint": "5 min",
         "note": "table cell", "text": "< 0.001", "context": "8.62 ± 0.49  < 0.001"},
        {"kind": "mean", "value": 3.56, "sd": 0.35, "group": "ketamine", "outcome": "satisfaction score",
         "note": "table cell; dispersion after ± not labelled", "text": "3.56 ± 0.35"},
        {"kind": "mean", "value": 1.82, "sd": 0.98, "group": "ketorolac", "outcome": "satisfaction score",
         "note": "table cell; dispersion after ± not labelled", "text": "1.82 ± 0.98"},
        {"kind": "p", "group": "ketamine vs ketorolac",
         "value": 0.001, "op": "<", "outcome": "satisfaction score", "note": "table cell",
         "text": "< 0.001", "context": "1.82 ± 0.98  < 0.001"},
    ],
}
