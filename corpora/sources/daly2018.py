"""Daly et al. 2018, JAMA Psychiatry: intranasal esketamine 28/56/84 mg vs placebo (SYNAPSE)."""

M = "\u2212"  # the table prints Unicode minus signs, as JAMA's typesetting does

STUDY = {
    "id": "daly2018",
    "title": "Intranasal esketamine added to oral antidepressants: a dose-finding trial in treatment-resistant depression",
    "byline": "Abstract and results summary. Daly EJ, Singh JB, Fedgchin M, et al. JAMA Psychiatry 2018.",
    "verified": True,
    "verification": (
        "design, randomized n per arm, 38 women, P values and discontinuations checked against the "
        "abstract (jamanetwork.com/journals/jamapsychiatry/fullarticle/2666767); every table value "
        "checked against Table 1 of the article as shown at pmc.ncbi.nlm.nih.gov/articles/PMC5838571 "
        "(table yoi170092t1); DOI from a published reference list (PMID 29282469)"
    ),
    "source": {
        "authors": "Daly EJ, Singh JB, Fedgchin M, et al.",
        "year": 2018,
        "journal": "JAMA Psychiatry",
        "doi": "10.1001/jamapsychiatry.2017.3739",
        "title": "Efficacy and Safety of Intranasal Esketamine Adjunctive to Oral Antidepressant Therapy in Treatment-Resistant Depression: A Randomized Clinical Trial",
    },
    "abstract": [
        ("Importance", "About a third of patients with major depressive disorder do not respond to "
         "available antidepressants."),
        ("Objective", "To assess the efficacy, safety and dose-response of intranasal esketamine "
         "hydrochloride in treatment-resistant depression (TRD)."),
    ],
    "sections": [
        ("Design and participants", [
            "This phase 2, double-blind, doubly randomized, delayed-start, placebo-controlled study ran "
            "at outpatient referral centers. Of 126 adults screened, 67 with TRD were randomized and 60 "
            "completed both one-week double-blind periods. The 67 participants (38 women) formed the "
            "intent-to-treat population.",
        ]),
        ("Interventions", [
            "In period 1, participants were randomized 3:1:1:1 to placebo (n = 33) or to esketamine 28 mg "
            "(n = 11), 56 mg (n = 11) or 84 mg (n = 12), given intranasally twice weekly. In period 2, "
            "placebo-treated participants with moderate-to-severe symptoms were rerandomized to one of the "
            "four arms. Participants continued their existing oral antidepressant throughout.",
        ]),
        ("Outcome", [
            "The primary end point was the change in the Montgomery-Asberg Depression Rating Scale "
            "(MADRS) total score from baseline to the end of each one-week period.",
        ]),
        ("Results", [
            "With both periods combined, all three esketamine doses were superior to placebo on the "
            "change in MADRS total score: P = .02 for 28 mg, P = .001 for 56 mg and P < .001 for 84 mg, "
            "with a significant ascending dose-response relationship (P < .001). Improvement appeared "
            "within hours of the first dose and was still present at the end of period 1 (Table 1).",
            "Three of 56 esketamine-treated participants (5%) in the double-blind phase, and none "
            "receiving placebo, had adverse events that led to discontinuation; so did 1 of 57 "
            "participants (2%) in the open-label phase. Events included syncope, headache, a "
            "dissociative syndrome and an ectopic pregnancy.",
        ]),
        ("Conclusions", [
            "Intranasal esketamine had a rapid, dose-related antidepressant effect in TRD, and the "
            "improvement appeared to persist when dosing became less frequent in the open-label phase. "
            "The results supported phase 3 trials.",
        ]),
    ],
    "table": {
        "caption": "Table 1. MADRS total score in period 1: baseline, change at 24 hours and at the period end point",
        "header": ["Period 1", "Placebo", "Esk 28 mg", "Esk 56 mg", "Esk 84 mg"],
        "rows": [
            ["Baseline, mean (SD)", "35.0 (5.18)", "31.3 (3.80)", "33.2 (6.26)", "35.0 (4.22)"],
            ["24 h: LS mean change (SE)", f"{M}5.7 (1.79)", f"{M}14.8 (2.80)", f"{M}15.7 (2.74)", f"{M}16.4 (2.64)"],
            ["24 h: LS mean difference from placebo (SE)", "", f"{M}9.1 (3.08)", f"{M}10.0 (3.00)", f"{M}10.7 (2.88)"],
            ["24 h: P value", "", ".002", "<.001", "<.001"],
            ["24 h: responders, n/N (%)", "1/33 (3%)", "4/11 (36%)", "3/11 (27.3%)", "5/12 (42%)"],
            ["End point: LS mean change (SE)", f"{M}4.9 (1.74)", f"{M}9.8 (2.72)", f"{M}12.4 (2.66)", f"{M}15.3 (2.56)"],
            ["End point: LS mean difference from placebo (SE)", "", f"{M}5.0 (2.99)", f"{M}7.6 (2.91)", f"{M}10.5 (2.79)"],
            ["End point: P value", "", ".05", ".006", "< .001"],
        ],
        "note": ("Esk, esketamine; LS, least squares. Negative change indicates improvement. The period 1 end point is the "
                 "end of the first one-week double-blind period."),
        "first_col_frac": 0.32,
    },
    "reference": (
        "Daly EJ, Singh JB, Fedgchin M, et al. Efficacy and safety of intranasal esketamine adjunctive to "
        "oral antidepressant therapy in treatment-resistant depression: a randomized clinical trial. JAMA "
        "Psychiatry. 2018;75(2):139-148. doi:10.1001/jamapsychiatry.2017.3739"
    ),
    "non_facts": [
        "phase 2", "randomized 3:1:1:1", "period 1", "period 2", "Period 1", "Table 1",
        "2018;75(2):139-148", "JAMA Psychiatry 2018", "24 hours", "24 h", "phase 3",
        # arm labels in the table header repeat the doses stated in the text
        "Esk 28 mg", "Esk 56 mg", "Esk 84 mg",
    ],
    "outputs": [
        {"file": "daly2018.pdf",
         "layout": "one-column PDF, Vera (Unicode minus in table), running header, page numbers, "
                   "multi-page: results table on page 2",
         "font": "vera", "size": 10.5, "table_on_new_page": True,
         "header": "JAMA Psychiatry - Original Investigation (summary)", "header_right": "Esketamine dose finding",
         "page_numbers": True},
    ],
    "facts": [
        {"kind": "count", "value": 126, "outcome": "screened", "text": "126 adults screened"},
        {"kind": "total_n", "value": 67, "note": "randomized", "text": "67 with TRD were randomized"},
        {"kind": "total_n", "value": 60, "note": "completed both double-blind periods (completers)", "text": "60",
         "context": "60 completed"},
        {"kind": "duration", "value": 1, "unit": "weeks", "note": "each double-blind period", "text": "one-week",
         "context": "both one-week double-blind periods"},
        {"kind": "total_n", "value": 67, "note": "intent-to-treat", "text": "67 participants"},
        {"kind": "count", "value": 38, "n": 67, "outcome": "women", "text": "38 women"},
        {"kind": "group_n", "value": 33, "group": "placebo", "text": "n = 33"},
        {"kind": "dose", "value": 28, "unit": "mg", "drug": "esketamine", "text": "28 mg", "context": "esketamine 28 mg"},
        {"kind": "group_n", "value": 11, "group": "esketamine 28 mg", "text": "n = 11", "context": "28 mg (n = 11)"},
        {"kind": "dose", "value": 56, "unit": "mg", "drug": "esketamine", "text": "56 mg", "context": "56 mg (n = 11)"},
        {"kind": "group_n", "value": 11, "group": "esketamine 56 mg", "text": "n = 11", "context": "56 mg (n = 11)"},
        {"kind": "dose", "value": 84, "unit": "mg", "drug": "esketamine", "text": "84 mg", "context": "84 mg (n = 12)"},
        {"kind": "group_n", "value": 12, "group": "esketamine 84 mg", "text": "n = 12"},
        {"kind": "route", "value": None, "unit": "intranasal", "drug": "esketamine", "text": "intranasally"},
        {"kind": "route", "value": None, "unit": "oral", "drug": "antidepressant", "text": "oral antidepressant"},
        {"kind": "frequency", "value": 2, "unit": "per week", "drug": "esketamine", "text": "twice weekly"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "p", "value": 0.02, "op": "=", "group": "esketamine 28 mg vs placebo", "outcome": "change in MADRS total score",
         "domain": "depression", "text": "P = .02", "context": "P = .02 for 28 mg"},
        {"kind": "p", "value": 0.001, "op": "=", "group": "esketamine 56 mg vs placebo", "outcome": "change in MADRS total score",
         "domain": "depression", "text": "P = .001", "context": "P = .001 for 56 mg"},
        {"kind": "p", "value": 0.001, "op": "<", "group": "esketamine 84 mg vs placebo", "outcome": "change in MADRS total score",
         "domain": "depression", "text": "P < .001", "context": "P < .001 for 84 mg"},
        {"kind": "p", "value": 0.001, "op": "<", "outcome": "dose-response relationship", "domain": "depression",
         "text": "P < .001", "context": "relationship (P < .001)"},
        {"kind": "count", "value": 3, "n": 56, "group": "esketamine", "outcome": "adverse events that led to discontinuation",
         "timepoint": "double-blind phase", "text": "Three of 56"},
        {"kind": "percent", "value": 5, "group": "esketamine", "outcome": "adverse events that led to discontinuation",
         "timepoint": "double-blind phase", "text": "5%"},
        {"kind": "count", "value": 0, "group": "placebo", "outcome": "adverse events that led to discontinuation",
         "timepoint": "double-blind phase", "note": "printed as the word none", "text": "none",
         "context": "none receiving placebo"},
        {"kind": "count", "value": 1, "n": 57, "outcome": "adverse events that led to discontinuation",
         "timepoint": "open-label phase", "text": "1 of 57"},
        {"kind": "percent", "value": 2, "outcome": "adverse events that led to discontinuation", "timepoint": "open-label phase",
         "text": "2%"},
    ],
}

_ARMS = ["placebo", "esketamine 28 mg", "esketamine 56 mg", "esketamine 84 mg"]
_rows = STUDY["table"]["rows"]


def _num(cell: str) -> float:
    return float(cell.replace(M, "-").split()[0])


def _inner(cell: str) -> float:
    return float(cell.split("(")[1].rstrip(")"))


def _ascii(cell: str) -> str:
    return cell.replace(M, "-")


for arm, cell in zip(_ARMS, _rows[0][1:]):
    STUDY["facts"].append({"kind": "mean", "value": _num(cell), "sd": _inner(cell), "group": arm,
                           "outcome": "MADRS total score", "domain": "depression", "timepoint": "baseline",
                           "text": cell, "note": "table cell"})
for row, timepoint in ((_rows[1], "24 hours"), (_rows[5], "period 1 end point")):
    for arm, cell in zip(_ARMS, row[1:]):
        STUDY["facts"].append({"kind": "mean", "value": _num(cell), "se": _inner(cell), "group": arm,
                               "outcome": "MADRS total score change (LS mean)", "domain": "depression",
                               "timepoint": timepoint, "text": _ascii(cell), "note": "table cell"})
for row, prow, timepoint in ((_rows[2], _rows[3], "24 hours"), (_rows[6], _rows[7], "period 1 end point")):
    for arm, cell, pcell in zip(_ARMS[1:], row[2:], prow[2:]):
        STUDY["facts"].append({"kind": "md", "value": _num(cell), "se": _inner(cell), "group": f"{arm} vs placebo",
                               "drug": "esketamine",
                               "outcome": "MADRS total score change vs placebo (LS mean difference)",
                               "domain": "depression", "timepoint": timepoint,
                               "text": _ascii(cell), "note": "table cell"})
        p = pcell.replace(" ", "")
        STUDY["facts"].append({"kind": "p", "value": float(p.lstrip("<")), "op": "<" if p.startswith("<") else "=",
                               "group": f"{arm} vs placebo", "outcome": "MADRS total score change vs placebo",
                               "domain": "depression", "timepoint": timepoint, "text": pcell,
                               "note": "table cell in the P value row under the LS mean difference"})
for arm, cell in zip(_ARMS, _rows[4][1:]):
    frac, pct = cell.split(" (")
    count, n = frac.split("/")
    STUDY["facts"].append({"kind": "count", "value": int(count), "n": int(n), "group": arm, "outcome": "responders",
                           "domain": "depression", "timepoint": "24 hours", "text": frac, "context": cell,
                           "note": "table cell"})
    STUDY["facts"].append({"kind": "percent", "value": float(pct.rstrip("%)")), "group": arm, "outcome": "responders",
                           "domain": "depression", "timepoint": "24 hours", "text": pct.rstrip(")"), "context": cell,
                           "note": "table cell"})
