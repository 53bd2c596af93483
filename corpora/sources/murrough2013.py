"""Murrough et al. 2013, Am J Psychiatry: single ketamine infusion vs midazolam in TRD."""

STUDY = {
    "id": "murrough2013",
    "title": "Ketamine beats an active placebo at 24 hours in treatment-resistant depression",
    "byline": "Trial report - Depression. Murrough JW, Iosifescu DV, Chang LC, et al.",
    "verified": True,
    "verification": (
        "design, N=73 and the 2:1 midazolam comparison checked against the author manuscript abstract "
        "(NIHMS572203, vdocuments.pub/ni-hms-572203.html); the doses, the 72 analysed patients and every "
        "test statistic checked against the investigators' APA 2013 annual meeting abstract "
        "(scribd.com/document/143076815/Ketamine-Abstract), which the report names as its source for them; "
        "DOI checked in several published reference lists"
    ),
    "source": {
        "authors": "Murrough JW, Iosifescu DV, Chang LC, et al.",
        "year": 2013,
        "journal": "American Journal of Psychiatry",
        "doi": "10.1176/appi.ajp.2013.13030392",
        "title": "Antidepressant efficacy of ketamine in treatment-resistant major depression: a two-site randomized controlled trial",
    },
    "sections": [
        ("", [
            "Earlier studies of ketamine for depression were small and compared the drug with saline, an "
            "inactive placebo that patients can easily tell apart from a dissociative anesthetic. This "
            "trial was designed to close that gap by using midazolam, a benzodiazepine anesthetic with "
            "noticeable acute effects, as an active placebo.",
            "The two-site, parallel-arm trial randomly assigned patients with treatment-resistant major "
            "depression, in a current major depressive episode, to ketamine or midazolam in a 2:1 ratio "
            "(N=73). Patients and raters were blind to the assignment. The primary outcome was the change "
            "in the Montgomery-Asberg Depression Rating Scale (MADRS) score from baseline to 24 hours after "
            "the infusion, together with the proportion of patients meeting response criteria at that "
            "time.",
        ]),
        ("Treatment", [
            "The figures reported here are those the investigators presented in their 2013 meeting "
            "abstract, which covered 72 psychotropic medication-free patients. Each patient received a "
            "single infusion over 40 minutes of intravenous ketamine hydrochloride (0.5 mg/kg) or "
            "midazolam (0.045 mg/kg). Secondary outcomes were the durability of benefit over the following "
            "seven days and the safety and tolerability of both drugs.",
        ]),
        ("Findings", [
            "A treatment-by-time interaction showed that the two groups changed differently over the "
            "first 24 hours (F(1,70) = 9.62, p < 0.003).",
            "Within groups, MADRS scores fell by 16.5 points with ketamine (t(46) = -10.31, p < 0.0001) and "
            "by 8.8 points with midazolam (t(24) = -4.63, p < 0.0001). Midazolam therefore produced a "
            "sizeable improvement of its own, which is why the between-group contrast, rather than the "
            "change within the ketamine group, is the measure of ketamine's effect.",
            "Dissociative symptoms were common during and shortly after the ketamine infusion and "
            "resolved within hours.",
        ]),
        ("Why it matters", [
            "Because midazolam mimics some of the acute subjective effects of ketamine, this design makes "
            "it less likely that unblinding explains the antidepressant signal. The authors concluded that "
            "ketamine has rapid antidepressant effects in an optimized study design, supporting NMDA "
            "receptor modulation as a mechanism for accelerated improvement in severe and chronic "
            "depression.",
        ]),
    ],
    "reference": (
        "Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in "
        "treatment-resistant major depression: a two-site randomized controlled trial. Am J Psychiatry. "
        "2013;170(10):1134-1142. doi:10.1176/appi.ajp.2013.13030392"
    ),
    "non_facts": ["2:1 ratio", "2013 meeting", "2013;170(10):1134-1142", "24 hours"],
    "outputs": [
        {"file": "murrough2013.pdf",
         "layout": "one-column PDF, Helvetica, running header, page numbers",
         "font": "helvetica", "size": 10.5, "page": "letter",
         "header": "Psychiatry Trials Digest", "header_right": "Ketamine vs midazolam"},
    ],
    "facts": [
        {"kind": "total_n", "value": 73, "note": "randomized", "text": "N=73"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "total_n", "value": 72, "note": "analysed in the meeting abstract", "text": "72 psychotropic medication-free patients"},
        {"kind": "frequency", "value": 1, "unit": "single", "drug": "ketamine", "text": "single infusion"},
        {"kind": "duration", "value": 40, "unit": "min", "note": "infusion length", "text": "over 40 minutes"},
        {"kind": "duration", "value": 7, "unit": "days", "note": "follow-up for the durability of benefit",
         "text": "seven days", "context": "over the following seven days"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg"},
        {"kind": "dose", "value": 0.045, "unit": "mg/kg", "drug": "midazolam", "text": "0.045 mg/kg"},
        {"kind": "f", "value": 9.62, "df": "1, 70", "p_op": "<", "p_value": 0.003, "outcome": "MADRS",
         "domain": "depression", "group": "ketamine vs midazolam", "timepoint": "first 24 hours",
         "note": "treatment-by-time interaction over the first 24 hours",
         "text": "F(1,70) = 9.62", "context": "F(1,70) = 9.62, p < 0.003"},
        {"kind": "mean", "value": 16.5, "group": "ketamine", "outcome": "MADRS decrease from baseline",
         "domain": "depression", "timepoint": "24 hours", "text": "16.5 points"},
        {"kind": "t", "value": -10.31, "df": "46", "p_op": "<", "p_value": 0.0001, "group": "ketamine",
         "outcome": "MADRS", "domain": "depression", "timepoint": "24 hours", "text": "t(46) = -10.31", "context": "t(46) = -10.31, p < 0.0001"},
        {"kind": "mean", "value": 8.8, "group": "midazolam", "outcome": "MADRS decrease from baseline",
         "domain": "depression", "timepoint": "24 hours", "text": "8.8 points"},
        {"kind": "t", "value": -4.63, "df": "24", "p_op": "<", "p_value": 0.0001, "group": "midazolam",
         "outcome": "MADRS", "domain": "depression", "timepoint": "24 hours", "text": "t(24) = -4.63", "context": "t(24) = -4.63, p < 0.0001"},
    ],
}
