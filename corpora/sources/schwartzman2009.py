"""Schwartzman et al. 2009, Pain: outpatient IV ketamine vs saline for CRPS (10 daily 4-h infusions)."""

STUDY = {
    "id": "schwartzman2009",
    "title": "Outpatient ketamine infusions for complex regional pain syndrome: a placebo-controlled trial",
    "byline": "Pain research brief. Schwartzman RJ, Alexander GM, Grothusen JR, et al. Pain, 2009.",
    "verified": True,
    "verification": (
        "schedule, maximum infusion rate, cap, co-medication and p < 0.05 checked against the abstract "
        "(journals.lww.com/pain abstract page and scienceopen.com, doi 10.1016/j.pain.2009.08.015) and the "
        "registry entry NCT00579085; the abstract gives no per-arm numbers or pain scores, so this report "
        "states none"
    ),
    "source": {
        "authors": "Schwartzman RJ, Alexander GM, Grothusen JR, Paylor T, Reichenberger E, Perreault M",
        "year": 2009,
        "journal": "Pain",
        "doi": "10.1016/j.pain.2009.08.015",
        "title": "Outpatient intravenous ketamine for the treatment of complex regional pain syndrome: a double-blind placebo controlled study",
    },
    "sections": [
        ("Background", [
            "Complex regional pain syndrome (CRPS) is a severe chronic pain condition that usually follows "
            "trauma. Its mechanism is unknown, but clinical and experimental work points to the "
            "N-methyl-D-aspartate (NMDA) receptor and to glial activation in its onset and persistence. "
            "Ketamine is the most potent NMDA antagonist in clinical use and has an established place in "
            "acute and chronic pain, which made it a natural candidate for a controlled trial in CRPS.",
        ]),
        ("Methods", [
            "After giving informed consent, patients were randomly assigned to ketamine or placebo under "
            "double-blind conditions. Each was observed for at least two weeks before treatment and for "
            "three months afterwards, so that change could be judged against each patient's own course.",
            "All patients received an intravenous infusion of normal saline, with or without ketamine, "
            "for 4 hours daily for 10 days in an outpatient unit. The ketamine infusion rate was increased "
            "to a maximum of 0.35 mg/kg/h and never exceeded 25 mg/h. To limit psychotomimetic effects and "
            "keep the two arms alike, both the ketamine and the placebo group were given clonidine and "
            "midazolam (Versed).",
            "Pain was rated on several scales at each visit, including the intensity of spontaneous pain "
            "and of pain evoked by touch and by cold.",
        ]),
        ("Results", [
            "Outpatient intravenous ketamine produced statistically significant reductions in many of the "
            "pain parameters (p < 0.05). In the placebo group no treatment effect was seen on any "
            "parameter. The infusions were given safely in the outpatient setting.",
        ]),
        ("Comment", [
            "The authors judged the benefit promising but modest and called for a larger randomized "
            "placebo-controlled trial with higher ketamine doses and a longer follow-up. For reviewers, "
            "the trial is a reminder that the dose and schedule of ketamine for pain vary widely between "
            "studies: here a low, capped hourly rate was spread over consecutive days, whereas other "
            "trials have used continuous multiday infusions tailored to effect.",
        ]),
    ],
    "reference": (
        "Schwartzman RJ, Alexander GM, Grothusen JR, Paylor T, Reichenberger E, Perreault M. Outpatient "
        "intravenous ketamine for the treatment of complex regional pain syndrome: a double-blind placebo "
        "controlled study. Pain. 2009;147(1-3):107-115. doi:10.1016/j.pain.2009.08.015"
    ),
    "non_facts": ["Pain, 2009", "2009;147(1-3):107-115"],
    "outputs": [
        {"file": "schwartzman2009.pdf",
         "layout": "one-column PDF, Times, US letter, page numbers starting at 107, no running header",
         "font": "times", "size": 11, "page": "letter", "first_page": 107},
    ],
    "facts": [
        {"kind": "duration", "value": 2, "unit": "weeks", "note": "minimum observation before treatment",
         "text": "for at least two weeks"},
        {"kind": "duration", "value": 3, "unit": "months", "note": "follow-up after treatment",
         "text": "for three months"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous infusion"},
        {"kind": "duration", "value": 4, "unit": "hours", "note": "infusion length", "text": "4 hours daily"},
        {"kind": "frequency", "value": 1, "unit": "per day", "drug": "ketamine", "text": "daily"},
        {"kind": "duration", "value": 10, "unit": "days", "text": "for 10 days"},
        {"kind": "dose", "value": 0.35, "unit": "mg/kg/h", "drug": "ketamine", "note": "maximum infusion rate",
         "text": "0.35 mg/kg/h"},
        {"kind": "dose", "value": 25, "unit": "mg/h", "drug": "ketamine", "note": "cap", "text": "25 mg/h"},
        {"kind": "p", "value": 0.05, "op": "<", "outcome": "pain parameters", "domain": "pain", "group": "ketamine", "text": "p < 0.05"},
    ],
}
