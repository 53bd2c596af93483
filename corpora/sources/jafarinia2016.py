"""Jafarinia et al. 2016, J Affect Disord: oral ketamine vs diclofenac in chronic pain with depression."""

STUDY = {
    "id": "jafarinia2016",
    "title": "Oral ketamine eases mild to moderate depression in patients with chronic pain",
    "byline": "Research digest. Jafarinia M, Afarideh M, Tafakhori A, et al. Journal of Affective Disorders, 2016.",
    "verified": True,
    "verification": (
        "design, daily doses, 20 completers per arm, HDRS P value and HADS-depression means ± SD with P "
        "values checked against the abstract (open-foundation.org and moreblossom.com copies; accepted "
        "manuscript on scribd with doi 10.1016/j.jad.2016.05.076); 50 mg three times daily from the "
        "annotation at clpsychiatry.org (2016, 4th quarter, chronic pain)"
    ),
    "source": {
        "authors": "Jafarinia M, Afarideh M, Tafakhori A, et al.",
        "year": 2016,
        "journal": "Journal of Affective Disorders",
        "doi": "10.1016/j.jad.2016.05.076",
        "title": "Efficacy and safety of oral ketamine versus diclofenac to alleviate mild to moderate depression in chronic pain patients: A double-blind, randomized, controlled trial",
    },
    "sections": [
        ("Why this trial", [
            "Ketamine, an antagonist of the glutamate N-methyl-D-aspartate receptor, relieves depression "
            "when it is infused, but infusions need a clinic, monitoring and staff. Patients with chronic "
            "pain often have depressive symptoms as well, and many already take analgesics by mouth. "
            "Investigators in Tehran asked whether ketamine taken as tablets could reduce depressive "
            "symptoms in such patients, using the anti-inflammatory analgesic diclofenac as the comparator "
            "so that both groups received an active pain drug.",
        ]),
        ("Design", [
            "The 6-week, randomized, double-blind, parallel-group trial had two arms: oral ketamine at a "
            "fixed daily dosage of 150 mg, given as 50 mg three times daily, and diclofenac at a fixed "
            "daily dosage of 150 mg. Twenty participants in each arm completed the trial, all with two "
            "post-baseline assessments, at week 3 and week 6.",
            "Depressive symptoms were rated with the Hamilton Depression Rating Scale (HDRS) and with the "
            "depression subscale of the Hospital Anxiety and Depression Scale (HADS) at baseline, week 3 "
            "and week 6.",
        ]),
        ("Results", [
            "HDRS scores were significantly lower in the ketamine group at week 6 (P=0.008), but not yet "
            "at week 3.",
            "On the HADS depression subscale, scores were lower with ketamine than with diclofenac at both "
            "visits: at week 3 the mean (±SD) was 6.95±1.47 versus 8.40±1.6 (P=0.005), and at week 6 it "
            "was 6.20±1.15 versus 7.35±1.18 (p=0.003).",
            "Oral ketamine was well tolerated. Adverse effects were few and mild, and no transient "
            "psychotomimetic effects were observed.",
        ]),
        ("Limits and meaning", [
            "The sample was small and follow-up short, and the trial did not measure whether pain itself "
            "changed differently between the groups. Still, the authors conclude that oral ketamine appears "
            "to be a safe and effective way to improve depressive symptoms in patients with chronic pain "
            "and mild to moderate depression.",
        ]),
    ],
    "reference": (
        "Jafarinia M, Afarideh M, Tafakhori A, et al. Efficacy and safety of oral ketamine versus "
        "diclofenac to alleviate mild to moderate depression in chronic pain patients: a double-blind, "
        "randomized, controlled trial. J Affect Disord. 2016;204:1-8. doi:10.1016/j.jad.2016.05.076"
    ),
    "non_facts": ["Journal of Affective Disorders, 2016", "2016;204:1-8", "at week 3 and week 6",
                  "week 3 and week 6", "at week 6", "at week 3",
                  "(±SD)"],
    "outputs": [
        {"file": "jafarinia2016.txt", "layout": "plain text, hard-wrapped at 76 columns, upper-case headings",
         "wrap": 76},
    ],
    "facts": [
        {"kind": "duration", "value": 6, "unit": "weeks", "text": "6-week"},
        {"kind": "route", "value": None, "unit": "oral", "drug": "ketamine", "text": "oral ketamine"},
        {"kind": "dose", "value": 150, "unit": "mg", "drug": "ketamine", "note": "daily dosage",
         "text": "150 mg", "context": "daily dosage of 150 mg, given"},
        {"kind": "dose", "value": 50, "unit": "mg", "drug": "ketamine", "text": "50 mg three times daily"},
        {"kind": "frequency", "value": 3, "unit": "per day", "drug": "ketamine", "text": "three times daily"},
        {"kind": "dose", "value": 150, "unit": "mg", "drug": "diclofenac", "note": "daily dosage", "text": "150 mg",
         "context": "daily dosage of 150 mg. Twenty"},
        {"kind": "group_n", "value": 20, "group": "each arm", "note": "completers", "text": "Twenty participants in each arm"},
        {"kind": "instrument", "value": None, "unit": "HAM-D", "domain": "depression", "note": "printed as HDRS",
         "text": "HDRS"},
        {"kind": "instrument", "value": None, "unit": "HADS depression subscale", "domain": "depression", "text": "HADS"},
        {"kind": "p", "group": "ketamine vs diclofenac",
         "value": 0.008, "op": "=", "outcome": "HDRS", "domain": "depression", "timepoint": "week 6",
         "text": "P=0.008"},
        {"kind": "mean", "value": 6.95, "sd": 1.47, "group": "ketamine", "outcome": "HADS depression subscale",
         "domain": "depression", "timepoint": "week 3", "text": "6.95±1.47"},
        {"kind": "mean", "value": 8.40, "sd": 1.6, "group": "diclofenac", "outcome": "HADS depression subscale",
         "domain": "depression", "timepoint": "week 3", "text": "8.40±1.6"},
        {"kind": "p", "group": "ketamine vs diclofenac",
         "value": 0.005, "op": "=", "outcome": "HADS depression subscale", "domain": "depression",
         "timepoint": "week 3", "text": "P=0.005"},
        {"kind": "mean", "value": 6.20, "sd": 1.15, "group": "ketamine", "outcome": "HADS depression subscale",
         "domain": "depression", "timepoint": "week 6", "text": "6.20±1.15"},
        {"kind": "mean", "value": 7.35, "sd": 1.18, "group": "diclofenac", "outcome": "HADS depression subscale",
         "domain": "depression", "timepoint": "week 6", "text": "7.35±1.18"},
        {"kind": "p", "group": "ketamine vs diclofenac",
         "value": 0.003, "op": "=", "outcome": "HADS depression subscale", "domain": "depression",
         "timepoint": "week 6", "text": "p=0.003"},
    ],
}
