"""Berman et al. 2000, Biol Psychiatry: the first placebo-controlled ketamine trial in depression."""

STUDY = {
    "id": "berman2000",
    "title": "Where it started: ketamine in depressed patients",
    "byline": "Classic trials revisited. Berman RM, Cappiello A, Anand A, et al. Biological Psychiatry, 2000.",
    "verified": True,
    "verification": (
        "design, n, dose and the HDRS changes checked against the abstract at "
        "scholars.mssm.edu/en/publications/antidepressant-effects-of-ketamine-in-depressed-patients-2 "
        "(Biological Psychiatry, 15 Feb 2000, issue 4, pages 351-354); DOI from a published reference list"
    ),
    "source": {
        "authors": "Berman RM, Cappiello A, Anand A, Oren DA, Heninger GR, Charney DS, Krystal JH",
        "year": 2000,
        "journal": "Biological Psychiatry",
        "doi": "10.1016/S0006-3223(99)00230-9",
        "title": "Antidepressant effects of ketamine in depressed patients",
    },
    "sections": [
        ("Background", [
            "By the late 1990s a growing body of preclinical research suggested that brain glutamate "
            "systems are involved in major depression and in the way antidepressants work. Yet no one had "
            "given a glutamate-blocking drug to depressed patients under placebo control. Berman and "
            "colleagues at Yale ran what they described as the first placebo-controlled, double-blind trial "
            "of a single dose of an N-methyl-D-aspartate (NMDA) receptor antagonist in depression.",
        ]),
        ("Methods", [
            "Seven subjects with major depression completed two test days. On one day they received an "
            "intravenous infusion of ketamine hydrochloride (.5 mg/kg) and on the other an infusion of "
            "saline, in random order and under double-blind conditions. Depressive symptoms were rated on "
            "the 25-item Hamilton Depression Rating Scale (HDRS) before and repeatedly after each infusion.",
        ]),
        ("Results", [
            "Depressive symptoms improved significantly within 72 hours after ketamine but not after "
            "placebo. Mean HDRS scores decreased by 14 ± SD 10 points during active treatment and by "
            "0 ± 12 points during sham treatment.",
            "The drug's acute effects - perceptual changes, a feeling of being 'high' - came and went "
            "within the first hours, while the mood effect appeared later and lasted days, which "
            "suggested that the antidepressant action was not simply the intoxication.",
        ]),
        ("Why it still matters", [
            "With only seven completers the trial could not settle anything, and the authors said so. "
            "Their cautious conclusion - that NMDA receptor-modulating drugs might have a role in treating "
            "depression - started the line of research that led to repeated-infusion protocols and, almost "
            "two decades later, to an approved intranasal esketamine product. The crossover design with "
            "a saline placebo, later criticised because ketamine's effects are easy to recognize, was "
            "answered by trials that used midazolam as an active placebo.",
        ]),
    ],
    "reference": (
        "Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed patients. "
        "Biological Psychiatry, 15 February 2000, pages 351-354. doi:10.1016/S0006-3223(99)00230-9"
    ),
    "non_facts": ["Biological Psychiatry, 2000", "late 1990s", "25-item", "within 72 hours",
                  "15 February 2000, pages 351-354"],
    "outputs": [
        {"file": "berman2000.txt", "layout": "plain text, one paragraph per line, upper-case headings"},
    ],
    "facts": [
        {"kind": "total_n", "value": 7, "note": "completers", "text": "Seven subjects"},
        {"kind": "frequency", "value": 1, "unit": "single", "drug": "ketamine", "text": "single dose",
         "note": "the background's NMDA receptor antagonist, which the methods name: ketamine hydrochloride"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous infusion"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": ".5 mg/kg"},
        {"kind": "instrument", "value": None, "unit": "HAM-D", "domain": "depression", "note": "printed as HDRS, 25-item",
         "text": "HDRS"},
        {"kind": "mean", "value": 14, "sd": 10, "group": "ketamine", "outcome": "HDRS decrease", "domain": "depression",
         "timepoint": "72 hours", "text": "14 ± SD 10"},
        {"kind": "mean", "value": 0, "sd": 12, "group": "placebo", "outcome": "HDRS decrease", "domain": "depression",
         "timepoint": "72 hours", "text": "0 ± 12"},
    ],
}
