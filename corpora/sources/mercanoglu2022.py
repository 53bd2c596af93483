"""Mercanoglu et al. 2022, Int J Clin Pract: ketamine or dexmedetomidine added to TIVA in laparoscopic
cholecystectomy; VAS pain by time point, ketamine vs saline control (two-column PDF, results table)."""

_RECOVERY = "recovery unit"

STUDY = {
    "id": "mercanoglu2022",
    "title": "Ketamine added to total intravenous anaesthesia lowers early pain after laparoscopic cholecystectomy",
    "byline": ("Trial report - Anaesthesia and analgesia. Based on Mercanoglu EE, Kelebek NG, Turker G, et al. "
               "International Journal of Clinical Practice, 2022."),
    "verified": True,
    "verification": (
        "design, arms, doses, PCA settings and sample size checked against the abstract (Bursa Uludag "
        "University record avesis.uludag.edu.tr, doi 10.1155/2022/1878705); every number in the table "
        "checked against the published Table 3 'Postoperative data (mean ± SD)' at "
        "preview.hindawi.com/journals/ijclp/2022/1878705/tab3, whose header gives n = 30 per group; the "
        "dexmedetomidine column of that table is not reproduced"
    ),
    "source": {
        "authors": "Mercanoglu EE, Kelebek NG, Turker G, Aksu H, Yayli MO, Karakuzu Z, et al.",
        "year": 2022,
        "journal": "International Journal of Clinical Practice",
        "doi": "10.1155/2022/1878705",
        "title": ("Comparison of the Effect of Ketamine and Dexmedetomidine Combined with Total Intravenous "
                  "Anesthesia in Laparoscopic Cholecystectomy Procedures: A Prospective Randomized Controlled Study"),
    },
    "abstract": [
        ("Background", "Total intravenous anaesthesia (TIVA) with remifentanil is popular for laparoscopic "
         "cholecystectomy, but patients often wake with considerable pain. The investigators asked whether "
         "adding ketamine or dexmedetomidine to TIVA improves postoperative analgesia."),
        ("Design", "Prospective randomized controlled study in 90 adults of ASA physical status I and II "
         "undergoing elective laparoscopic cholecystectomy, randomized equally into three groups."),
        ("Main outcome", "Pain on a visual analogue scale (VAS), recorded with rescue morphine use and side "
         "effects for 48 hours after surgery."),
    ],
    "sections": [
        ("Methods", [
            "All patients received remifentanil, propofol and rocuronium infusions guided by the bispectral "
            "index. In the ketamine group (n = 30), ketamine 10 mcg/kg/min was added to TIVA before surgery; "
            "the control group (n = 30) received a normal saline infusion instead. A third group received "
            "dexmedetomidine 0.5 mcg/kg/h; its results are not reproduced in this report.",
            "After surgery, analgesia was provided with intravenous patient-controlled analgesia (PCA) with "
            "morphine, 1 mg bolus with a 5 min lockout time. Haemodynamic variables, VAS pain, rescue "
            "morphine requirements, sedation, nausea and vomiting were recorded.",
        ]),
        ("Results", [
            "Patients given ketamine reported less pain than controls in the recovery unit and during the "
            "first postoperative hours, and they asked for their first analgesic much later. By 24 hours "
            "the two groups had the same mean VAS, and at 48 hours pain was low in both (Table 1).",
            "Fewer patients in the ketamine group needed a rescue analgesic drug. No serious adverse event "
            "was reported in the abstract.",
        ]),
        ("Interpretation", [
            "A ketamine infusion added to remifentanil-propofol TIVA gave better early analgesia after "
            "laparoscopic cholecystectomy than saline, with the benefit fading over the first postoperative "
            "day. For pooling, the 24-hour row is the time point most trials of perioperative ketamine report.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Postoperative data, ketamine vs control (mean ± SD)",
        "header": ["Outcome", "Ketamine (n = 30)", "Control (n = 30)"],
        "rows": [
            ["First analgesic (min)", "127.47 ± 32.52", "26.33 ± 9.10"],
            ["VAS, recovery unit", "3.17 ± 0.46", "6.33 ± 1.47"],
            ["VAS at 4 h", "3.37 ± 0.77", "4.97 ± 0.85"],
            ["VAS at 8 h", "3.77 ± 0.97", "4.80 ± 0.76"],
            ["VAS at 24 h", "3.90 ± 0.66", "3.90 ± 0.80"],
            ["VAS at 48 h", "3.0 ± 0.53", "2.93 ± 0.37"],
            ["Rescue drug, n (%)", "9 (30%)", "28 (93.3%)"],
        ],
        "note": "VAS, visual analogue scale for pain (0 = no pain, 10 = worst pain). Ketamine arm and saline control of the three-arm trial.",
        "first_col_frac": 0.34,
        "after": ("Patients given ketamine reported less pain than controls in the recovery unit and during the "
                  "first postoperative hours, and they asked for their first analgesic much later. By 24 hours "
                  "the two groups had the same mean VAS, and at 48 hours pain was low in both (Table 1)."),
    },
    "reference": (
        "Mercanoglu EE, Kelebek NG, Turker G, et al. Comparison of the effect of ketamine and "
        "dexmedetomidine combined with total intravenous anesthesia in laparoscopic cholecystectomy "
        "procedures: a prospective randomized controlled study. Int J Clin Pract. 2022;2022:1878705. "
        "doi:10.1155/2022/1878705"
    ),
    "non_facts": [
        "ASA physical status I and II", "Table 1", "at 4 h", "at 8 h", "at 24 h",
        "at 48 h", "By 24 hours", "at 48 hours", "the 24-hour row", "(0 = no pain, 10 = worst pain)",
        "Practice, 2022", "2022;2022:1878705", "(min)",
    ],
    "outputs": [
        {"file": "mercanoglu2022.pdf",
         "layout": "two-column PDF, full-width title and abstract, running header, page numbers, results table",
         "font": "helvetica", "size": 9.5, "header": "CLINICAL ANAESTHESIA - TRIAL REPORTS",
         "header_right": "Ketamine in TIVA"},
    ],
    "facts": [
        {"kind": "total_n", "value": 90, "text": "90 adults"},
        {"kind": "duration", "value": 48, "unit": "hours", "note": "observation period after surgery",
         "text": "for 48 hours"},
        {"kind": "instrument", "value": None, "unit": "VAS", "domain": "pain", "text": "visual analogue scale (VAS)"},
        {"kind": "group_n", "value": 30, "group": "ketamine", "text": "n = 30", "context": "ketamine group (n = 30)"},
        {"kind": "dose", "value": 10, "unit": "µg/kg/min", "drug": "ketamine", "text": "10 mcg/kg/min"},
        {"kind": "group_n", "value": 30, "group": "control", "text": "n = 30", "context": "control group (n = 30)"},
        {"kind": "dose", "value": 0.5, "unit": "µg/kg/h", "drug": "dexmedetomidine", "text": "0.5 mcg/kg/h"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "morphine",
         "note": "PCA route, the first route the methods state; ketamine was infused within TIVA",
         "text": "intravenous", "context": "intravenous patient-controlled analgesia"},
        {"kind": "dose", "value": 1, "unit": "mg", "drug": "morphine", "note": "PCA bolus", "text": "1 mg bolus"},
        {"kind": "duration", "value": 5, "unit": "min", "note": "PCA lockout time", "text": "5 min lockout"},
        {"kind": "group_n", "value": 30, "group": "ketamine", "note": "table header", "text": "n = 30",
         "context": "Ketamine (n = 30)"},
        {"kind": "group_n", "value": 30, "group": "control", "note": "table header", "text": "n = 30",
         "context": "Control (n = 30)"},
        {"kind": "mean", "value": 127.47, "sd": 32.52, "n": 30, "group": "ketamine", "outcome": "first analgesic",
         "unit": "min", "note": "table cell", "text": "127.47 ± 32.52"},
        {"kind": "mean", "value": 26.33, "sd": 9.10, "n": 30, "group": "control", "outcome": "first analgesic",
         "unit": "min", "note": "table cell", "text": "26.33 ± 9.10"},
        {"kind": "mean", "value": 3.17, "sd": 0.46, "n": 30, "group": "ketamine", "outcome": "VAS", "domain": "pain",
         "timepoint": _RECOVERY, "note": "table cell", "text": "3.17 ± 0.46"},
        {"kind": "mean", "value": 6.33, "sd": 1.47, "n": 30, "group": "control", "outcome": "VAS", "domain": "pain",
         "timepoint": _RECOVERY, "note": "table cell", "text": "6.33 ± 1.47"},
        {"kind": "mean", "value": 3.37, "sd": 0.77, "n": 30, "group": "ketamine", "outcome": "VAS", "domain": "pain",
         "timepoint": "4 h", "note": "table cell", "text": "3.37 ± 0.77"},
        {"kind": "mean", "value": 4.97, "sd": 0.85, "n": 30, "group": "control", "outcome": "VAS", "domain": "pain",
         "timepoint": "4 h", "note": "table cell", "text": "4.97 ± 0.85"},
        {"kind": "mean", "value": 3.77, "sd": 0.97, "n": 30, "group": "ketamine", "outcome": "VAS", "domain": "pain",
         "timepoint": "8 h", "note": "table cell", "text": "3.77 ± 0.97"},
        {"kind": "mean", "value": 4.80, "sd": 0.76, "n": 30, "group": "control", "outcome": "VAS", "domain": "pain",
         "timepoint": "8 h", "note": "table cell", "text": "4.80 ± 0.76"},
        {"kind": "mean", "value": 3.90, "sd": 0.66, "n": 30, "group": "ketamine", "outcome": "VAS", "domain": "pain",
         "timepoint": "24 h", "note": "table cell", "text": "3.90 ± 0.66"},
        {"kind": "mean", "value": 3.90, "sd": 0.80, "n": 30, "group": "control", "outcome": "VAS", "domain": "pain",
         "timepoint": "24 h", "note": "table cell", "text": "3.90 ± 0.80"},
        {"kind": "mean", "value": 3.0, "sd": 0.53, "n": 30, "group": "ketamine", "outcome": "VAS", "domain": "pain",
         "timepoint": "48 h", "note": "table cell", "text": "3.0 ± 0.53"},
        {"kind": "mean", "value": 2.93, "sd": 0.37, "n": 30, "group": "control", "outcome": "VAS", "domain": "pain",
         "timepoint": "48 h", "note": "table cell", "text": "2.93 ± 0.37"},
        {"kind": "count", "value": 9, "n": 30, "group": "ketamine", "outcome": "rescue drug",
         "note": "table cell", "text": "9 (30%)"},
        {"kind": "percent", "value": 30, "group": "ketamine", "outcome": "rescue drug",
         "note": "table cell", "text": "30%"},
        {"kind": "count", "value": 28, "n": 30, "group": "control", "outcome": "rescue drug",
         "note": "table cell", "text": "28 (93.3%)"},
        {"kind": "percent", "value": 93.3, "group": "control", "outcome": "rescue drug",
         "note": "table cell", "text": "93.3%"},
    ],
}
