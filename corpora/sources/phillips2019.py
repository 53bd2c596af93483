"""Phillips et al. 2019, Am J Psychiatry: single (vs midazolam), repeated and maintenance infusions."""

STUDY = {
    "id": "phillips2019",
    "title": "Single, repeated and weekly maintenance ketamine infusions in treatment-resistant depression",
    "byline": "News report based on Phillips JL, Norris S, Talbot J, et al. American Journal of Psychiatry, 2019.",
    "verified": True,
    "verification": (
        "all figures checked against the abstract at pubmed.ncbi.nlm.nih.gov/30922101 (doi "
        "10.1176/appi.ajp.2018.18070834); the abstract gives no dose, so this report states none"
    ),
    "source": {
        "authors": "Phillips JL, Norris S, Talbot J, et al.",
        "year": 2019,
        "journal": "American Journal of Psychiatry",
        "doi": "10.1176/appi.ajp.2018.18070834",
        "title": "Single, Repeated, and Maintenance Ketamine Infusions for Treatment-Resistant Depression: A Randomized Controlled Trial",
    },
    "sections": [
        ("", [
            "Low, subanesthetic doses of ketamine relieve treatment-resistant depression within hours, "
            "but the relief is short-lived. A single-site Canadian trial tested three questions in the "
            "same patients: does one infusion beat an active placebo, do repeated infusions add up, and "
            "can weekly infusions keep a response going?",
        ]),
        ("Three phases", [
            "Forty-one participants with treatment-resistant depression completed a randomized, "
            "double-blind crossover comparison of single infusions of ketamine and of midazolam, an "
            "active placebo. After their depressive symptoms returned, they entered an open-label phase "
            "of repeated ketamine infusions, and responders - those whose Montgomery-Asberg Depression "
            "Rating Scale (MADRS) score fell by at least half - went on to a maintenance phase. The "
            "schedule of each phase is shown in the table.",
        ]),
        ("Results", [
            "At the primary efficacy end point, 24 hours after the infusion, a single ketamine infusion "
            "reduced depressive symptoms significantly more than midazolam did.",
            "Linear mixed models showed cumulative antidepressant effects with repeated infusions, and the "
            "response rate roughly doubled compared with a single dose: 59% of participants met response "
            "criteria after the repeated infusions.",
            "During the weekly maintenance infusions MADRS scores did not change further, meaning that "
            "responders held their gains but did not improve more.",
        ]),
        ("What it means", [
            "Repeated ketamine infusions had cumulative and sustained antidepressant effects, and once-"
            "weekly infusions maintained the reduction in symptoms among responders. The authors see the "
            "results as a basis for designing longer treatment courses; how long maintenance should last "
            "remains open.",
        ]),
    ],
    "table": {
        "caption": "Treatment phases",
        "header": ["Phase", "Design", "Schedule"],
        "rows": [
            ["Single infusion", "Randomized crossover, ketamine vs midazolam", "single infusion of each drug"],
            ["Repeated infusions", "Open-label ketamine", "six infusions, thrice weekly over 2 weeks"],
            ["Maintenance", "Open-label ketamine, responders only", "four infusions, once weekly"],
        ],
        "after": ("Forty-one participants with treatment-resistant depression completed a randomized, "
                  "double-blind crossover comparison of single infusions of ketamine and of midazolam, an "
                  "active placebo. After their depressive symptoms returned, they entered an open-label phase "
                  "of repeated ketamine infusions, and responders - those whose Montgomery-Asberg Depression "
                  "Rating Scale (MADRS) score fell by at least half - went on to a maintenance phase. The "
                  "schedule of each phase is shown in the table."),
        "first_col_frac": 0.25,
    },
    "reference": (
        "Phillips JL, Norris S, Talbot J, et al. Single, repeated, and maintenance ketamine infusions for "
        "treatment-resistant depression: a randomized controlled trial. Am J Psychiatry. "
        "2019;176(5):401-409. doi:10.1176/appi.ajp.2018.18070834"
    ),
    "non_facts": ["American Journal of Psychiatry, 2019", "2019;176(5):401-409", "24 hours"],
    "outputs": [
        {"file": "phillips2019.html",
         "layout": "HTML news page with <nav>, <script> and a <table> of the treatment schedule"},
    ],
    "facts": [
        {"kind": "total_n", "value": 41, "text": "Forty-one participants"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "percent", "value": 59, "outcome": "response", "domain": "depression",
         "timepoint": "after repeated infusions", "text": "59%"},
        {"kind": "frequency", "value": 1, "unit": "single", "drug": "ketamine", "text": "single infusions",
         "context": "comparison of single infusions of ketamine",
         "note": "first statement in the methods (Three phases); the schedule table repeats it"},
        {"kind": "administrations", "value": 6, "unit": "infusions", "drug": "ketamine", "note": "table cell", "text": "six infusions"},
        {"kind": "frequency", "value": 3, "unit": "per week", "drug": "ketamine", "note": "table cell", "text": "thrice weekly"},
        {"kind": "duration", "value": 2, "unit": "weeks", "note": "table cell", "text": "over 2 weeks"},
        {"kind": "administrations", "value": 4, "unit": "infusions", "drug": "ketamine", "note": "maintenance; table cell",
         "text": "four infusions"},
        {"kind": "frequency", "value": 1, "unit": "per week", "drug": "ketamine", "note": "maintenance; table cell",
         "text": "once weekly"},
    ],
}
