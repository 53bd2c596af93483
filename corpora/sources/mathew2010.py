"""Mathew et al. 2010, Int J Neuropsychopharmacol: open-label IV ketamine, then randomized riluzole vs
placebo for relapse prevention (log-rank chi-square), printed with the journal's ⩾ and χ² glyphs."""

STUDY = {
    "id": "mathew2010",
    "title": "Riluzole after ketamine: a relapse-prevention pilot in treatment-resistant depression",
    "byline": "Study summary. Mathew SJ, Murrough JW, aan het Rot M, Collins KA, Reich DL, Charney DS. "
              "International Journal of Neuropsychopharmacology, 2010.",
    "verified": True,
    "verification": (
        "all figures checked against the abstract (PubMed 19288975 at pubmed.gov/19288975; Cambridge "
        "journal page with authors; academic.oup.com copy at dbpia.nl.go.kr/ijnp/article/13/1/71/647687 "
        "printing 'log-rank χ2=0.17, d.f.=1, p=0.68' and '⩾50%'); doi 10.1017/S1461145709000169"
    ),
    "source": {
        "authors": "Mathew SJ, Murrough JW, aan het Rot M, Collins KA, Reich DL, Charney DS",
        "year": 2010,
        "journal": "International Journal of Neuropsychopharmacology",
        "doi": "10.1017/S1461145709000169",
        "title": "Riluzole for relapse prevention following intravenous ketamine in treatment-resistant depression: a pilot randomized, placebo-controlled continuation trial",
    },
    "sections": [
        ("Question", [
            "A single subanaesthetic dose of ketamine can relieve treatment-resistant depression within a "
            "day, but most patients relapse within days to weeks. This pilot had three aims: to replicate "
            "the acute effect of a single dose of i.v. ketamine, to test whether the glutamate-modulating "
            "drug riluzole prevents relapse afterwards, and to see whether pretreatment with lamotrigine "
            "softens ketamine's psychotomimetic effects or strengthens its antidepressant action.",
        ]),
        ("Design", [
            "Twenty-six medication-free patients received open-label i.v. ketamine (0.5 mg/kg over 40 min). "
            "Two hours before the infusion they were randomized to lamotrigine (300 mg) or placebo. "
            "Response meant a reduction of ⩾50% from baseline on the Montgomery-Asberg Depression Rating "
            "Scale (MADRS).",
            "Patients who still met the response criterion 72 h after ketamine entered a 32-day, "
            "randomized, double-blind, placebo-controlled continuation trial of flexibly dosed riluzole "
            "(100–200 mg/d). The main outcome of that phase was the time to relapse.",
        ]),
        ("Findings", [
            "Seventeen patients (65%) met the response criterion 24 h after ketamine. Lamotrigine did not "
            "reduce the mild, transient side-effects of ketamine and did not enhance its antidepressant "
            "effect.",
            "Fourteen patients (54%) were still responders at 72 h and went on to the continuation phase. "
            "An interim analysis found no significant difference in time to relapse between riluzole and "
            "placebo (log-rank χ² = 0.17, d.f. = 1, p = 0.68), with 80% of patients relapsing on riluzole "
            "vs. 50% on placebo. The trial was stopped for futility.",
        ]),
        ("Take-home", [
            "A single subanaesthetic dose of i.v. ketamine was well tolerated and had rapid antidepressant "
            "effects that lasted in some patients, but riluzole did not prevent relapse in the first month. "
            "Other strategies to keep patients well after ketamine are needed.",
        ]),
    ],
    "reference": (
        "Mathew SJ, Murrough JW, aan het Rot M, Collins KA, Reich DL, Charney DS. Riluzole for relapse "
        "prevention following intravenous ketamine in treatment-resistant depression: a pilot randomized, "
        "placebo-controlled continuation trial. Int J Neuropsychopharmacol. 2010;13(1):71-82. "
        "doi:10.1017/S1461145709000169"
    ),
    "non_facts": ["Neuropsychopharmacology, 2010", "2010;13(1):71-82", "reduction of ⩾50%", "72 h", "24 h",
                  "Two hours before"],
    "outputs": [
        {"file": "mathew2010.txt",
         "layout": "plain text with Unicode χ², ⩾ and an en-dash dose range; upper-case headings",
         "upper_title": True},
    ],
    "facts": [
        {"kind": "frequency", "value": 1, "unit": "single", "drug": "ketamine", "text": "single dose",
         "context": "single dose of i.v. ketamine"},
        {"kind": "total_n", "value": 26, "text": "Twenty-six medication-free patients"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "i.v. ketamine",
         "context": "open-label i.v. ketamine"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg"},
        {"kind": "duration", "value": 40, "unit": "min", "note": "infusion length", "text": "over 40 min"},
        {"kind": "dose", "value": 300, "unit": "mg", "drug": "lamotrigine", "text": "300 mg"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "duration", "value": 32, "unit": "days", "drug": "riluzole", "note": "continuation phase",
         "text": "32-day"},
        {"kind": "dose", "value": 100, "unit": "mg/d", "drug": "riluzole",
         "note": "flexible dose, printed as the range 100–200 mg/d (upper bound 200)", "text": "100–200 mg/d"},
        {"kind": "count", "value": 17, "n": 26, "outcome": "response", "domain": "depression", "timepoint": "24 h",
         "text": "Seventeen patients"},
        {"kind": "percent", "value": 65, "outcome": "response", "domain": "depression", "timepoint": "24 h",
         "text": "65%"},
        {"kind": "count", "value": 14, "n": 26, "outcome": "response", "domain": "depression", "timepoint": "72 h",
         "text": "Fourteen patients"},
        {"kind": "percent", "value": 54, "outcome": "response", "domain": "depression", "timepoint": "72 h",
         "text": "54%"},
        {"kind": "chi2", "value": 0.17, "df": "1", "p_op": "=", "p_value": 0.68, "outcome": "time to relapse",
         "domain": "depression", "group": "riluzole vs placebo", "note": "log-rank test", "text": "χ2 = 0.17",
         "context": "χ2 = 0.17, d.f. = 1, p = 0.68"},
        {"kind": "percent", "value": 80, "group": "riluzole", "outcome": "relapse", "domain": "depression",
         "text": "80%"},
        {"kind": "percent", "value": 50, "group": "placebo", "outcome": "relapse", "domain": "depression",
         "text": "50%", "context": "vs. 50% on placebo"},
    ],
}
