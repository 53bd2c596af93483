"""Heidari et al. 2006, Acta Anaesthesiol Taiwan: oral ketamine vs placebo after orthopaedic trauma surgery;
postoperative pain means ± dispersion at five time points (one-column PDF, running header, prose)."""

STUDY = {
    "id": "heidari2006",
    "title": "Oral ketamine after orthopaedic trauma surgery: less pain and less morphine in a placebo-controlled trial",
    "byline": ("Clinical research summary. Based on Heidari SM, Saghaei M, Hashemi SJ, Parvazinia P. "
               "Acta Anaesthesiologica Taiwanica, 2006."),
    "verified": True,
    "verification": (
        "every number checked against the published abstract (PubMed 17233365, as shown on "
        "metajournal.com and ai-bt.com); the abstract gives the total of 72 patients but not the number "
        "per group, the ketamine dose, the pain scale or whether the dispersion after ± is an SD, so the "
        "report states none of these; no DOI was verified, so none is printed"
    ),
    "source": {
        "authors": "Heidari SM, Saghaei M, Hashemi SJ, Parvazinia P",
        "year": 2006,
        "journal": "Acta Anaesthesiologica Taiwanica",
        "title": "Effect of oral ketamine on the postoperative pain and analgesic requirement following orthopedic surgery",
    },
    "doi_printed": False,
    "sections": [
        ("Background", [
            "Besides its anaesthetic properties, ketamine is a potent analgesic. Given by mouth it has been "
            "used to treat postoperative stump pain after lower limb amputation, which suggested that oral "
            "ketamine might also ease the pain that follows orthopaedic operations for trauma, where "
            "patients often need large doses of opioids in the first postoperative day.",
        ]),
        ("Methods", [
            "Seventy-two adult trauma patients undergoing orthopaedic operations were randomly divided into "
            "a ketamine group and a placebo group. In the ketamine group, oral ketamine was given at 8-hour "
            "intervals after surgery; the placebo group received an identical-looking preparation.",
            "The severity of postoperative pain, the amount of morphine used and the time to the first "
            "rescue analgesic were recorded and compared between the two groups. The published abstract "
            "does not give the number of patients in each group, the ketamine dose or the name of the pain "
            "scale, and this summary does not supply them.",
        ]),
        ("Results", [
            "Patients in the ketamine group had significantly lower postoperative pain scores. At 2, 4 and "
            "8 h after surgery the ketamine group scored 5.2 ± 1.2, 4.9 ± 1.6 and 4.4 ± 2.2, against "
            "7.7 ± 1.5, 7.3 ± 1.6 and 6.3 ± 1.9 in the placebo group; at 16 h the scores were 4.3 ± 1.5 and "
            "6.0 ± 1.6, and at 24 h the ketamine group scored 3.4 ± 1.3 and the placebo group 5.1 ± 1.8 "
            "(P < 0.05 at each time point).",
            "The amount of morphine required in the first postoperative day was significantly lower in the "
            "ketamine group (10.1 ± 5.6 mg vs. 13.4 ± 7.8 mg in the placebo group; P < 0.05). The time to "
            "the first rescue analgesic on the ward was significantly longer with ketamine (3.5 ± 1.5 h vs. "
            "1.9 ± 1.2 h; P < 0.05).",
            "One woman in the ketamine group developed an emergence reaction after extubation; no other "
            "psychological side effect was reported.",
        ]),
        ("Interpretation", [
            "The authors concluded that oral ketamine may be used to reduce postoperative pain after "
            "orthopaedic procedures in trauma patients, and that, since only one patient had a "
            "psychological side effect that could not be attributed to ketamine with certainty, oral "
            "ketamine is not as fearsome with respect to emergence reactions as often assumed. Reviewers "
            "pooling this trial must take the group sizes from the full paper; the abstract gives only "
            "the total.",
        ]),
    ],
    "reference": (
        "Heidari SM, Saghaei M, Hashemi SJ, Parvazinia P. Effect of oral ketamine on the postoperative "
        "pain and analgesic requirement following orthopedic surgery. Acta Anaesthesiol Taiwan. "
        "2006;44(4):211-215."
    ),
    "non_facts": [
        "Taiwanica, 2006", "2006;44(4):211-215", "At 2, 4 and 8 h", "at 16 h", "at 24 h",
    ],
    "outputs": [
        {"file": "heidari2006.pdf",
         "layout": "one-column PDF, Times, running header, page numbers from 211, results in prose (± without a label)",
         "font": "times", "size": 10.5, "header": "ACTA ANAESTHESIOLOGICA - RESEARCH SUMMARIES",
         "header_right": "Oral ketamine after trauma surgery", "first_page": 211},
    ],
    "facts": [
        {"kind": "total_n", "value": 72, "text": "Seventy-two adult trauma patients"},
        {"kind": "route", "value": None, "unit": "oral", "drug": "ketamine", "text": "oral",
         "context": "oral ketamine was given"},
        {"kind": "frequency", "value": 8, "unit": "hour interval", "drug": "ketamine", "text": "8-hour intervals"},
        {"kind": "mean", "value": 5.2, "sd": 1.2, "group": "ketamine", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "2 h", "note": "dispersion after ± not labelled", "text": "5.2 ± 1.2"},
        {"kind": "mean", "value": 4.9, "sd": 1.6, "group": "ketamine", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "4 h", "note": "dispersion after ± not labelled", "text": "4.9 ± 1.6"},
        {"kind": "mean", "value": 4.4, "sd": 2.2, "group": "ketamine", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "8 h", "note": "dispersion after ± not labelled", "text": "4.4 ± 2.2"},
        {"kind": "mean", "value": 7.7, "sd": 1.5, "group": "placebo", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "2 h", "note": "dispersion after ± not labelled", "text": "7.7 ± 1.5"},
        {"kind": "mean", "value": 7.3, "sd": 1.6, "group": "placebo", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "4 h", "note": "dispersion after ± not labelled", "text": "7.3 ± 1.6"},
        {"kind": "mean", "value": 6.3, "sd": 1.9, "group": "placebo", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "8 h", "note": "dispersion after ± not labelled", "text": "6.3 ± 1.9"},
        {"kind": "mean", "value": 4.3, "sd": 1.5, "group": "ketamine", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "16 h", "note": "dispersion after ± not labelled", "text": "4.3 ± 1.5"},
        {"kind": "mean", "value": 6.0, "sd": 1.6, "group": "placebo", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "16 h", "note": "dispersion after ± not labelled", "text": "6.0 ± 1.6"},
        {"kind": "mean", "value": 3.4, "sd": 1.3, "group": "ketamine", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "24 h", "note": "dispersion after ± not labelled", "text": "3.4 ± 1.3"},
        {"kind": "mean", "value": 5.1, "sd": 1.8, "group": "placebo", "outcome": "postoperative pain score",
         "domain": "pain", "timepoint": "24 h", "note": "dispersion after ± not labelled", "text": "5.1 ± 1.8"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.05, "op": "<", "outcome": "postoperative pain score", "domain": "pain",
         "text": "P < 0.05", "context": "(P < 0.05 at each time point)"},
        {"kind": "mean", "value": 10.1, "sd": 5.6, "group": "ketamine", "outcome": "amount of morphine required",
         "unit": "mg", "timepoint": "first postoperative day", "text": "10.1 ± 5.6 mg"},
        {"kind": "mean", "value": 13.4, "sd": 7.8, "group": "placebo", "outcome": "amount of morphine required",
         "unit": "mg", "timepoint": "first postoperative day", "text": "13.4 ± 7.8 mg"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.05, "op": "<", "outcome": "amount of morphine required",
         "timepoint": "first postoperative day", "text": "P < 0.05",
         "context": "placebo group; P < 0.05"},
        {"kind": "mean", "value": 3.5, "sd": 1.5, "group": "ketamine", "outcome": "time to the first rescue analgesic",
         "unit": "h", "text": "3.5 ± 1.5 h"},
        {"kind": "mean", "value": 1.9, "sd": 1.2, "group": "placebo", "outcome": "time to the first rescue analgesic",
         "unit": "h", "text": "1.9 ± 1.2 h"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.05, "op": "<", "outcome": "time to the first rescue analgesic", "text": "P < 0.05",
         "context": "1.9 ± 1.2 h; P < 0.05"},
        {"kind": "count", "value": 1, "group": "ketamine", "outcome": "emergence reaction",
         "note": "printed as a word; the interpretation's 'only one patient' is the same fact", "text": "One woman"},
    ],
}
