"""Ahmadi et al. 2014, J Res Med Sci: low-dose IV ketamine-midazolam vs IV morphine for closed limb
fractures in the emergency department; VAS change over 30 minutes (one-column PDF, Unicode minus table)."""

_KET = "ketamine-midazolam"

STUDY = {
    "id": "ahmadi2014",
    "title": "Ketamine with midazolam or morphine for closed limb fractures: a non-inferiority trial in the emergency department",
    "byline": ("Emergency analgesia digest. Based on Ahmadi O, Nasr Isfahani M, Feizi A. Journal of Research in "
               "Medical Sciences, 2014."),
    "verified": True,
    "verification": (
        "every number checked against the published abstract (PMC4155703 and search.isc.ac record "
        "2432674; PubMed 25197290); the abstract gives 236 patients in total but not the number per "
        "group, and does not say whether the dispersion after ± is an SD; it prints the minus of the "
        "change scores as a dash, restored here as U+2212; no DOI was verified, so none is printed"
    ),
    "source": {
        "authors": "Ahmadi O, Nasr Isfahani M, Feizi A",
        "year": 2014,
        "journal": "Journal of Research in Medical Sciences",
        "title": ("Comparing low-dose intravenous ketamine-midazolam with intravenous morphine with respect to "
                  "pain control in patients with closed limb fracture"),
    },
    "doi_printed": False,
    "sections": [
        ("Aim", [
            "Opioids are the usual analgesics for fractures in the emergency department (ED), but they "
            "depress breathing and circulation. The investigators compared low-dose intravenous ketamine "
            "combined with midazolam against intravenous morphine for pain control in patients with closed "
            "limb fractures, and compared the cardiopulmonary adverse events of the two regimens.",
        ]),
        ("Methods", [
            "This prospective, single-blind, non-inferiority trial randomized consecutive ED patients to "
            "two groups. One group received ketamine 300–500 mcg/kg plus midazolam 0.03 mg/kg; the other "
            "received morphine 0.05–0.1 mg/kg. Both regimens were given intravenously.",
            "Pain was rated on a visual analogue score (VAS) before the first dose (T0) and 30 minutes after "
            "it (T30), and adverse events were recorded over the same interval.",
        ]),
        ("Results", [
            "Two hundred and thirty-six patients were enrolled, 207 of them men (87.3%). In both groups the "
            "VAS score at T30 was significantly lower than at T0. The fall in VAS did not differ "
            "significantly between the groups (Table 1).",
            "Systolic blood pressure and respiratory rate did change differently in the two groups: blood "
            "pressure rose slightly with ketamine-midazolam and fell with morphine, and respiratory rate "
            "fell more with morphine (Table 1).",
        ]),
        ("Conclusion", [
            "Low-dose intravenous ketamine plus midazolam relieved the pain of closed limb fractures as well "
            "as morphine did, with fewer respiratory adverse events. The outcome is a change score, not a "
            "final value, and the comparator is an active drug; the abstract gives only the total enrolled, "
            "so arm sizes must come from the full paper before the trial is pooled.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Change from T0 to T30 by group, mean ± dispersion as printed in the abstract",
        "header": ["Change from T0 to T30", "Ketamine-midazolam", "Morphine", "P"],
        "rows": [
            ["VAS score", "\u22126.1 ± 1.1", "\u22126.2 ± 1.0", "0.16"],
            ["Systolic blood pressure", "1.5 ± 6.4", "\u22122.1 ± 6.6", "0.000"],
            ["Respiratory rate", "\u22120.2 ± 1.1", "\u22121.1 ± 6.1", "0.048"],
        ],
        "note": "T0, before the first analgesic dose; T30, 30 minutes after it.",
        "first_col_frac": 0.28,
        "after": ("Systolic blood pressure and respiratory rate did change differently in the two groups: blood "
                  "pressure rose slightly with ketamine-midazolam and fell with morphine, and respiratory rate "
                  "fell more with morphine (Table 1)."),
    },
    "reference": (
        "Ahmadi O, Nasr Isfahani M, Feizi A. Comparing low-dose intravenous ketamine-midazolam with "
        "intravenous morphine with respect to pain control in patients with closed limb fracture. J Res Med "
        "Sci. 2014;19(6):502-508."
    ),
    "non_facts": [
        "Sciences, 2014", "2014;19(6):502-508", "Table 1", "(T0)", "(T30)", "T0", "T30",
        "30 minutes after", "from T0 to T30",
    ],
    "outputs": [
        {"file": "ahmadi2014.pdf",
         "layout": "one-column PDF, Vera, running header, page numbers from 502, results table with Unicode minus and en-dash dose ranges",
         "font": "vera", "size": 10, "header": "JOURNAL OF RESEARCH IN MEDICAL SCIENCES - DIGEST",
         "header_right": "Fracture analgesia", "first_page": 502},
    ],
    "facts": [
        {"kind": "dose", "value": 300, "unit": "µg/kg", "drug": "ketamine", "note": "range 300–500",
         "text": "300–500 mcg/kg"},
        {"kind": "dose", "value": 0.03, "unit": "mg/kg", "drug": "midazolam", "text": "0.03 mg/kg"},
        {"kind": "dose", "value": 0.05, "unit": "mg/kg", "drug": "morphine", "note": "range 0.05–0.1",
         "text": "0.05–0.1 mg/kg"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine",
         "note": "first statement in the methods ('Both regimens were given intravenously'); the aim states it first",
         "text": "intravenously", "context": "given intravenously"},
        {"kind": "instrument", "value": None, "unit": "VAS", "domain": "pain", "text": "visual analogue score (VAS)"},
        {"kind": "total_n", "value": 236, "text": "Two hundred and thirty-six patients"},
        {"kind": "count", "value": 207, "n": 236, "outcome": "men", "text": "207 of them men"},
        {"kind": "percent", "value": 87.3, "outcome": "men", "text": "87.3%"},
        {"kind": "mean", "value": -6.1, "sd": 1.1, "group": _KET, "outcome": "VAS change", "domain": "pain",
         "timepoint": "30 minutes", "note": "table cell; change score, T0 to T30; dispersion after ± not labelled",
         "text": "-6.1 ± 1.1"},
        {"kind": "mean", "value": -6.2, "sd": 1.0, "group": "morphine", "outcome": "VAS change", "domain": "pain",
         "timepoint": "30 minutes", "note": "table cell; change score, T0 to T30; dispersion after ± not labelled",
         "text": "-6.2 ± 1.0"},
        {"kind": "p", "group": "ketamine-midazolam vs morphine",
         "value": 0.16, "op": "=", "outcome": "VAS change", "domain": "pain", "timepoint": "30 minutes",
         "note": "table cell",
         "text": "0.16"},
        {"kind": "mean", "value": 1.5, "sd": 6.4, "group": _KET, "outcome": "systolic blood pressure change",
         "timepoint": "30 minutes", "note": "table cell; change score, T0 to T30", "text": "1.5 ± 6.4"},
        {"kind": "mean", "value": -2.1, "sd": 6.6, "group": "morphine", "outcome": "systolic blood pressure change",
         "timepoint": "30 minutes", "note": "table cell; change score, T0 to T30", "text": "-2.1 ± 6.6"},
        {"kind": "p", "group": "ketamine-midazolam vs morphine",
         "value": 0.0, "op": "=", "outcome": "systolic blood pressure change", "timepoint": "30 minutes",
         "note": "table cell; printed as 0.000", "text": "0.000"},
        {"kind": "mean", "value": -0.2, "sd": 1.1, "group": _KET, "outcome": "respiratory rate change",
         "timepoint": "30 minutes", "note": "table cell; change score, T0 to T30", "text": "-0.2 ± 1.1"},
        {"kind": "mean", "value": -1.1, "sd": 6.1, "group": "morphine", "outcome": "respiratory rate change",
         "timepoint": "30 minutes", "note": "table cell; change score, T0 to T30", "text": "-1.1 ± 6.1"},
        {"kind": "p", "group": "ketamine-midazolam vs morphine",
         "value": 0.048, "op": "=", "outcome": "respiratory rate change", "timepoint": "30 minutes",
         "note": "table cell",
         "text": "0.048"},
    ],
}
