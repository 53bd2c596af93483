"""Singh et al. 2016, Am J Psychiatry: twice- vs thrice-weekly IV ketamine vs placebo."""

M = "\u2212"

STUDY = {
    "id": "singh2016",
    "title": "How often to infuse: ketamine dosing frequency in treatment-resistant depression",
    "byline": "News report based on Singh JB, Fedgchin M, Daly EJ, et al. American Journal of Psychiatry, 2016.",
    "verified": True,
    "verification": (
        "all figures checked against the abstract at psychiatryonline.org/doi/abs/10.1176/appi.ajp.2016.16010037"
    ),
    "source": {
        "authors": "Singh JB, Fedgchin M, Daly EJ, et al.",
        "year": 2016,
        "journal": "American Journal of Psychiatry",
        "doi": "10.1176/appi.ajp.2016.16010037",
        "title": "A Double-Blind, Randomized, Placebo-Controlled, Dose-Frequency Study of Intravenous Ketamine in Patients With Treatment-Resistant Depression",
    },
    "sections": [
        ("", [
            "A single ketamine infusion can lift depression within hours, but the effect usually fades "
            "within days. A multicenter trial asked how often the infusions need to be repeated to hold "
            "the early benefit, comparing twice-weekly with thrice-weekly dosing against placebo.",
        ]),
        ("How the trial was run", [
            "Adults aged 18 to 64 years with treatment-resistant depression were randomly assigned to "
            "intravenous ketamine (0.5 mg/kg of body weight) or intravenous placebo, each given over 40 "
            "minutes, either twice weekly or thrice weekly for up to 4 weeks. Patients who left the "
            "double-blind phase for lack of efficacy after at least 2 weeks could enter an optional 2-week "
            "open-label phase and receive ketamine at the same frequency.",
            "The primary outcome was the change from baseline to day 15 in the total score on the "
            "Montgomery-Asberg Depression Rating Scale (MADRS).",
        ]),
        ("What they found", [
            "Of 68 randomized patients, 67 (45 women) received treatment. In both dosing schedules, MADRS "
            "scores dropped far more with ketamine than with placebo by day 15 (see table).",
            f"The open-label phase showed similar effects of ketamine: the mean MADRS change was "
            f"{M}12.2 (SD 12.8) on day 4 with twice-weekly dosing and {M}14.0 (SD 12.5) on day 5 with "
            f"thrice-weekly dosing.",
            "Both regimens were generally well tolerated. Headache, anxiety, dissociation, nausea and "
            "dizziness were the most common treatment-emergent adverse events. Dissociative symptoms were transient and became weaker with repeated "
            "doses.",
        ]),
        ("Bottom line", [
            "Twice-weekly and thrice-weekly infusions of 0.5 mg/kg ketamine maintained the antidepressant "
            "effect to a similar degree over 15 days, so the less frequent schedule may be enough.",
        ]),
    ],
    "table": {
        "caption": "MADRS total score: mean change from baseline to day 15",
        "header": ["Dosing frequency", "Ketamine, mean (SD)", "Placebo, mean (SD)"],
        "rows": [
            ["Twice weekly", f"{M}18.4 (12.0)", f"{M}5.7 (10.2)"],
            ["Thrice weekly", f"{M}17.7 (7.3)", f"{M}3.1 (5.7)"],
        ],
        "after": ("Of 68 randomized patients, 67 (45 women) received treatment. In both dosing schedules, MADRS "
                  "scores dropped far more with ketamine than with placebo by day 15 (see table)."),
    },
    "reference": (
        "Singh JB, Fedgchin M, Daly EJ, et al. A double-blind, randomized, placebo-controlled, "
        "dose-frequency study of intravenous ketamine in patients with treatment-resistant depression. "
        "Am J Psychiatry. 2016;173(8):816-826. doi:10.1176/appi.ajp.2016.16010037"
    ),
    "non_facts": ["aged 18 to 64 years", "after at least 2 weeks", "day 15", "day 4", "day 5",
                  "American Journal of Psychiatry, 2016", "2016;173(8):816-826",
                  # the conclusion repeats the dose stated in the methods: the same fact, listed once
                  "infusions of 0.5 mg/kg ketamine"],
    "outputs": [
        {"file": "singh2016.html",
         "layout": "HTML news page with <nav>, <script> and a results <table>"},
    ],
    "facts": [
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous ketamine"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg",
         "context": "ketamine (0.5 mg/kg of body weight)"},
        {"kind": "duration", "value": 40, "unit": "min", "note": "infusion length", "text": "over 40 minutes"},
        {"kind": "frequency", "value": 2, "unit": "per week", "group": "twice weekly", "drug": "ketamine", "text": "twice weekly",
         "context": "either twice weekly"},
        {"kind": "frequency", "value": 3, "unit": "per week", "group": "thrice weekly", "drug": "ketamine", "text": "thrice weekly",
         "context": "or thrice weekly for"},
        {"kind": "duration", "value": 4, "unit": "weeks", "text": "for up to 4 weeks"},
        {"kind": "duration", "value": 2, "unit": "weeks", "note": "optional open-label phase", "text": "2-week"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "duration", "value": 15, "unit": "days", "note": "period over which the effect was maintained",
         "text": "over 15 days"},
        {"kind": "total_n", "value": 68, "note": "randomized", "text": "68 randomized patients"},
        {"kind": "total_n", "value": 67, "note": "treated", "text": "67"},
        {"kind": "count", "value": 45, "n": 67, "outcome": "women", "text": "45 women"},
        {"kind": "mean", "value": -12.2, "sd": 12.8, "group": "ketamine, twice weekly (open-label)",
         "outcome": "MADRS change", "domain": "depression", "timepoint": "day 4", "text": "-12.2 (SD 12.8)"},
        {"kind": "mean", "value": -14.0, "sd": 12.5, "group": "ketamine, thrice weekly (open-label)",
         "outcome": "MADRS change", "domain": "depression", "timepoint": "day 5", "text": "-14.0 (SD 12.5)"},
        {"kind": "mean", "value": -18.4, "sd": 12.0, "group": "ketamine, twice weekly", "outcome": "MADRS change",
         "domain": "depression", "timepoint": "day 15", "text": "-18.4 (12.0)", "note": "table cell"},
        {"kind": "mean", "value": -5.7, "sd": 10.2, "group": "placebo, twice weekly", "outcome": "MADRS change",
         "domain": "depression", "timepoint": "day 15", "text": "-5.7 (10.2)", "note": "table cell"},
        {"kind": "mean", "value": -17.7, "sd": 7.3, "group": "ketamine, thrice weekly", "outcome": "MADRS change",
         "domain": "depression", "timepoint": "day 15", "text": "-17.7 (7.3)", "note": "table cell"},
        {"kind": "mean", "value": -3.1, "sd": 5.7, "group": "placebo, thrice weekly", "outcome": "MADRS change",
         "domain": "depression", "timepoint": "day 15", "text": "-3.1 (5.7)", "note": "table cell"},
    ],
}
