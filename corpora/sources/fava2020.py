"""Fava et al. 2020, Mol Psychiatry: single IV ketamine 0.1-1.0 mg/kg vs midazolam, dose ranging."""

M = "\u2212"

STUDY = {
    "id": "fava2020",
    "title": "Double-blind, placebo-controlled, dose-ranging trial of intravenous ketamine as adjunctive therapy in treatment-resistant depression",
    "verified": True,
    "verification": (
        "all figures checked against the abstract at pmc.ncbi.nlm.nih.gov/articles/PMC6447473 (Mol "
        "Psychiatry 2020;25(7):1592-1603, doi 10.1038/s41380-018-0256-5, published online 2018) and the "
        "registry entry NCT01920555"
    ),
    "source": {
        "authors": "Fava M, Freeman MP, Flynn M, et al.",
        "year": 2020,
        "journal": "Molecular Psychiatry",
        "doi": "10.1038/s41380-018-0256-5",
        "title": "Double-blind, placebo-controlled, dose-ranging trial of intravenous ketamine as adjunctive therapy in treatment-resistant depression (TRD)",
    },
    "jats_authors": ["Fava Maurizio", "Freeman Marlene P", "Flynn Martina", "Papakostas George I"],
    "abstract": [
        ("Background", "Placebo-controlled studies have shown that subanesthetic intravenous ketamine has "
         "rapid, transient antidepressant effects, but the optimal antidepressant dose is unknown."),
        ("Aim", "To compare a broad range of subanesthetic doses of intravenous ketamine with an active "
         "placebo among outpatients with treatment-resistant depression (TRD) over the 3 days after a "
         "single infusion."),
    ],
    "sections": [
        ("Methods", [
            "The outpatient study ran at six US academic sites. Eligible patients were 18 to 70 years old "
            "and had failed to achieve a satisfactory response to at least two adequate treatment courses "
            "in the current depressive episode. Ketamine was added to their ongoing, stable antidepressant "
            "therapy.",
            "After a washout period, 99 eligible patients were randomly assigned, in equal proportions, to "
            "one of five arms (Table 1). Each arm received a single intravenous infusion over 40 min.",
            "The 6-item Hamilton Depression Rating Scale (HAM-D-6) was the primary outcome; the "
            "Montgomery-Asberg Depression Rating Scale (MADRS), the Symptoms of Depression Questionnaire, "
            "the Positive Affect Scale and the Clinical Global Impressions scales were secondary. "
            "Assessments took place on days 0, 1, 3 (end point), 5, 7, 14 and 30.",
        ]),
        ("Results", [
            "The overall group-by-time interaction was significant for the HAM-D-6. In post hoc pairwise "
            "comparisons that controlled for multiple comparisons, the standard and the high dose of "
            "ketamine were superior to active placebo. The lowest dose was significant only before "
            f"adjustment (p = 0.02, p-adj = 0.14, d = {M}0.82 at day 1).",
            "Most of the interaction effect came from differences at day 1; there was no significant "
            "difference between arms at day 3. The higher doses caused more dissociative symptoms and "
            "transient rises in blood pressure.",
        ]),
        ("Conclusions", [
            "There was evidence for clinically meaningful efficacy of the 0.5 and 1.0 mg/kg doses compared "
            "with active placebo in the acute treatment of TRD, and no clear evidence for lower doses.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Randomized arms (single intravenous infusion)",
        "header": ["Arm", "Dose", "Patients randomized"],
        "rows": [
            ["Ketamine, very low dose", "0.1 mg/kg", "n = 18"],
            ["Ketamine, low dose", "0.2 mg/kg", "n = 20"],
            ["Ketamine, standard dose", "0.5 mg/kg", "n = 22"],
            ["Ketamine, high dose", "1.0 mg/kg", "n = 20"],
            ["Midazolam (active placebo)", "0.045 mg/kg", "n = 19"],
        ],
        "after": ("After a washout period, 99 eligible patients were randomly assigned, in equal proportions, to "
                  "one of five arms (Table 1). Each arm received a single intravenous infusion over 40 min."),
    },
    "reference": (
        "Fava M, Freeman MP, Flynn M, et al. Double-blind, placebo-controlled, dose-ranging trial of "
        "intravenous ketamine as adjunctive therapy in treatment-resistant depression (TRD). Mol "
        "Psychiatry. 2020;25(7):1592-1603. doi:10.1038/s41380-018-0256-5"
    ),
    "non_facts": ["18 to 70 years", "6-item", "HAM-D-6",
                  "days 0, 1, 3 (end point), 5, 7, 14 and 30", "Table 1", "at day 1", "at day 3",
                  "2020;25(7):1592-1603",
                  # the conclusion repeats doses stated in Table 1: the same facts, listed once
                  "0.5 and 1.0 mg/kg doses"],
    "outputs": [
        {"file": "fava2020.xml", "layout": "PubMed Central JATS XML with abstract, body sections and a table-wrap",
         "journal_abbrev": "Mol Psychiatry"},
    ],
    "facts": [
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous infusion",
         "context": "single intravenous infusion over 40 min"},
        {"kind": "duration", "value": 3, "unit": "days", "note": "observation period after the infusion (the aim)",
         "text": "3 days", "context": "over the 3 days"},
        {"kind": "total_n", "value": 99, "note": "randomized", "text": "99 eligible patients"},
        {"kind": "frequency", "value": 1, "unit": "single", "drug": "ketamine", "text": "single intravenous infusion",
         "context": "single intravenous infusion over 40 min"},
        {"kind": "duration", "value": 40, "unit": "min", "note": "infusion length", "text": "over 40 min"},
        {"kind": "instrument", "value": None, "unit": "HAM-D", "domain": "depression", "note": "6-item version (HAM-D-6)",
         "text": "HAM-D-6"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "instrument", "value": None, "unit": "SDQ", "domain": "depression",
         "text": "Symptoms of Depression Questionnaire"},
        {"kind": "instrument", "value": None, "unit": "PAS", "domain": "other", "text": "Positive Affect Scale"},
        {"kind": "instrument", "value": None, "unit": "CGI", "domain": "other", "text": "Clinical Global Impressions"},
        {"kind": "d", "value": -0.82, "p_op": "=", "p_value": 0.02, "group": "ketamine 0.1 mg/kg vs midazolam",
         "drug": "ketamine", "outcome": "HAM-D-6", "domain": "depression", "timepoint": "day 1", "text": "d = -0.82",
         "context": "p = 0.02, p-adj = 0.14, d = -0.82"},
        {"kind": "p", "value": 0.14, "op": "=", "group": "ketamine 0.1 mg/kg vs midazolam", "outcome": "HAM-D-6",
         "domain": "depression", "timepoint": "day 1", "note": "adjusted for multiple comparisons",
         "text": "p-adj = 0.14"},
        {"kind": "dose", "value": 0.1, "unit": "mg/kg", "drug": "ketamine", "text": "0.1 mg/kg", "note": "table cell"},
        {"kind": "group_n", "value": 18, "group": "ketamine 0.1 mg/kg", "text": "n = 18", "note": "table cell"},
        {"kind": "dose", "value": 0.2, "unit": "mg/kg", "drug": "ketamine", "text": "0.2 mg/kg", "note": "table cell"},
        {"kind": "group_n", "value": 20, "group": "ketamine 0.2 mg/kg", "text": "n = 20", "note": "table cell"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg", "note": "table cell"},
        {"kind": "group_n", "value": 22, "group": "ketamine 0.5 mg/kg", "text": "n = 22", "note": "table cell"},
        {"kind": "dose", "value": 1.0, "unit": "mg/kg", "drug": "ketamine", "text": "1.0 mg/kg", "note": "table cell"},
        {"kind": "group_n", "value": 20, "group": "ketamine 1.0 mg/kg", "text": "n = 20", "note": "table cell"},
        {"kind": "dose", "value": 0.045, "unit": "mg/kg", "drug": "midazolam", "text": "0.045 mg/kg", "note": "table cell"},
        {"kind": "group_n", "value": 19, "group": "midazolam", "text": "n = 19", "note": "table cell"},
    ],
}
