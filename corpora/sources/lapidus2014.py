"""Lapidus et al. 2014, Biol Psychiatry: intranasal ketamine 50 mg vs saline, crossover.

Printed in Lancet house style: middle-dot decimals (7·6), Unicode minus, en-dash ranges, ≥, and
typographic ligatures (ﬁ, ﬂ) that the reader must undo with NFKC.
"""

STUDY = {
    "id": "lapidus2014",
    "title": "Intranasal ketamine in major depression: a randomised, double-blind, crossover trial",
    "byline": "Research summary. Lapidus KAB, Levitch CF, Perez AM, et al. Biological Psychiatry, 2014.",
    "verified": True,
    "verification": (
        "all figures checked against the abstract (pmc.ncbi.nlm.nih.gov/articles/PMC4185009 and the "
        "Elsevier abstract page linkinghub.elsevier.com/retrieve/pii/S0006322314002273, doi "
        "10.1016/j.biopsych.2014.03.026); printed here with Lancet-style middle-dot decimals"
    ),
    "source": {
        "authors": "Lapidus KAB, Levitch CF, Perez AM, et al.",
        "year": 2014,
        "journal": "Biological Psychiatry",
        "doi": "10.1016/j.biopsych.2014.03.026",
        "title": "A Randomized Controlled Trial of Intranasal Ketamine in Major Depressive Disorder",
    },
    "abstract": [
        ("Background", "Ketamine infusions, which block the N-methyl-D-aspartate glutamate receptor, have "
         "rapid antidepressant effects in treatment-resistant depression. This trial tested the safety, "
         "tolerability and efficacy of an intranasal formulation in patients who had failed at least one "
         "antidepressant."),
        ("Methods", "20 patients with major depression were randomised and 18 completed two treatment days "
         "in a crossover design, receiving intranasal ketamine hydrochloride (50 mg) on one day and saline "
         "on the other."),
        ("Findings", "Depressive symptoms improved signiﬁcantly 24 h after ketamine compared with placebo "
         "(t=4·39, p<0·001)."),
    ],
    "sections": [
        ("Methods", [
            "The order of the two treatment days was randomly assigned by the research pharmacy. "
            "Investigators, anaesthesiologists and raters were masked to treatment; ketamine and saline "
            "were supplied in identical syringes and given as ﬁve intranasal applications separated by "
            "5 min. Patients kept their existing psychotropic medications.",
            "The primary efficacy outcome was the change in depression severity on the "
            "Montgomery–Åsberg Depression Rating Scale (MADRS) 24 h after each treatment. Secondary "
            "outcomes were persistence of beneﬁt, self-reported depression, anxiety and the proportion "
            "of responders (≥50% reduction in MADRS score). Psychotomimetic, dissociative and "
            "haemodynamic effects were monitored, and a ﬂat dose was used for every patient.",
        ]),
        ("Results", [
            "The estimated mean difference in MADRS score between ketamine and placebo days was "
            "7·6 ± 3·7 points (95% CI 3·9–11·3) in favour of ketamine.",
            "8 of 18 patients (44%) met response criteria 24 h after ketamine, compared with 1 of 18 (6%) "
            "after placebo (p=0·033).",
            "Intranasal ketamine was well tolerated: psychotomimetic and dissociative effects were minimal "
            "and there were no clinically signiﬁcant changes in blood pressure or heart rate.",
        ]),
        ("Interpretation", [
            "This was the ﬁrst controlled evidence that intranasal ketamine has rapid antidepressant "
            "effects. The small sample and the crossover design, in which carry-over and unmasking are "
            "possible, call for larger parallel-group trials before the route can be recommended.",
        ]),
    ],
    "reference": (
        "Lapidus KAB, Levitch CF, Perez AM, et al. A randomized controlled trial of intranasal ketamine "
        "in major depressive disorder. Biol Psychiatry 2014; 76: 970–76. doi:10.1016/j.biopsych.2014.03.026"
    ),
    "non_facts": ["separated by 5 min", "24 h", "(≥50% reduction in MADRS score)",
                  "Biol Psychiatry 2014; 76: 970–76", "Biological Psychiatry, 2014"],
    "outputs": [
        {"file": "lapidus2014.pdf",
         "layout": "two-column PDF, Lancet-style typography (middle-dot decimals, en-dash "
                   "ranges, ≥, ligatures), full-width title and abstract, running header, page numbers",
         "font": "vera", "size": 10, "header": "Articles", "header_right": "Intranasal ketamine"},
    ],
    "facts": [
        {"kind": "route", "value": None, "unit": "intranasal", "drug": "ketamine", "text": "intranasal",
         "context": "receiving intranasal ketamine hydrochloride",
         "note": "first statement in the methods; the background's 'intranasal formulation' precedes it"},
        {"kind": "total_n", "value": 20, "note": "randomised", "text": "20 patients"},
        {"kind": "total_n", "value": 18, "note": "completed both treatment days", "text": "18 completed"},
        {"kind": "dose", "value": 50, "unit": "mg", "drug": "ketamine", "text": "50 mg"},
        {"kind": "administrations", "value": 5, "unit": "applications", "drug": "ketamine",
         "note": "one dose given as five applications", "text": "five intranasal applications"},
        {"kind": "t", "value": 4.39, "p_op": "<", "p_value": 0.001, "outcome": "MADRS", "domain": "depression",
         "timepoint": "24 h", "group": "ketamine vs placebo", "text": "t=4.39", "context": "t=4.39, p<0.001"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "md", "value": 7.6, "sd": 3.7, "ci_low": 3.9, "ci_high": 11.3, "ci_level": 95,
         "outcome": "MADRS", "domain": "depression", "timepoint": "24 h", "group": "ketamine vs placebo",
         "drug": "ketamine", "note": "printed as 7·6 ± 3·7 (95% CI 3·9–11·3); the source does not say whether ± is an SD or SE",
         "text": "7.6 ± 3.7",
         "context": "7.6 ± 3.7 points (95% CI 3.9–11.3)"},
        {"kind": "count", "value": 8, "n": 18, "group": "ketamine", "outcome": "response", "domain": "depression",
         "timepoint": "24 h", "text": "8 of 18"},
        {"kind": "percent", "value": 44, "group": "ketamine", "outcome": "response", "domain": "depression",
         "timepoint": "24 h", "text": "44%"},
        {"kind": "count", "value": 1, "n": 18, "group": "placebo", "outcome": "response", "domain": "depression",
         "timepoint": "24 h", "text": "1 of 18"},
        {"kind": "percent", "value": 6, "group": "placebo", "outcome": "response", "domain": "depression",
         "timepoint": "24 h", "text": "6%"},
        {"kind": "p", "group": "ketamine vs placebo",
         "value": 0.033, "op": "=", "outcome": "response", "domain": "depression", "timepoint": "24 h",
         "text": "p=0.033"},
    ],
}
