"""Grunebaum et al. 2018, Am J Psychiatry: ketamine vs midazolam for suicidal ideation in MDD."""

STUDY = {
    "id": "grunebaum2018",
    "title": "Ketamine for Rapid Reduction of Suicidal Thoughts in Major Depression: A Midazolam-Controlled Randomized Clinical Trial",
    "verified": True,
    "verification": (
        "all figures checked against the abstract at psychiatryonline.org/doi/full/10.1176/appi.ajp.2017.17060647 "
        "(also ichgcp.net); the number needed to treat in the abstract is left out of this report because "
        "the gold vocabulary has no kind for it"
    ),
    "source": {
        "authors": "Grunebaum MF, Galfalvy HC, Choo TH, et al.",
        "year": 2018,
        "journal": "American Journal of Psychiatry",
        "doi": "10.1176/appi.ajp.2017.17060647",
        "title": "Ketamine for Rapid Reduction of Suicidal Thoughts in Major Depression: A Midazolam-Controlled Randomized Clinical Trial",
    },
    "jats_authors": ["Grunebaum Michael F", "Galfalvy Hanga C", "Choo Tse-Hwei", "Mann J John"],
    "abstract": [
        ("Objective", "Drugs that rapidly relieve suicidal ideation in depression may reduce suicide risk. "
         "The authors tested the acute effect of adjunctive subanesthetic intravenous ketamine on clinically "
         "significant suicidal ideation in patients with major depressive disorder."),
        ("Method", "In a randomized clinical trial, adults (N=80) with current major depressive disorder and a "
         "score ≥4 on the Scale for Suicidal Ideation (SSI), of whom 54% (N=43) were taking antidepressant "
         "medication, were randomly assigned to a ketamine or a midazolam infusion. The primary outcome "
         "measure was the SSI score 24 hours after infusion (day 1)."),
    ],
    "sections": [
        ("Introduction", [
            "Rapid reductions in suicidal thoughts after ketamine had mostly been shown in patients with "
            "low levels of suicidal ideation, with a single depression-scale item as the measure, or "
            "against a saline control that patients can recognize. This trial enrolled patients with "
            "clinically significant suicidal ideation and used midazolam as an active comparator.",
        ]),
        ("Results", [
            "The reduction in SSI score at day 1 was 4.96 points greater in the ketamine group than in the "
            "midazolam group (95% CI=2.33, 7.59; Cohen's d=0.75). More patients responded to ketamine "
            "(Table 1; odds ratio=2.85, 95% CI=1.14, 7.15).",
            "Improvement on the depression subscale of the Profile of Mood States (POMS) was also greater "
            "at day 1 with ketamine (estimate=7.65, 95% CI=1.36, 13.94), and this effect mediated 33.6% of "
            "ketamine's effect on the SSI score.",
            "Side effects were short-lived. In an uncontrolled follow-up with optimized standard "
            "pharmacotherapy, clinical improvement was maintained for up to 6 weeks.",
        ]),
        ("Discussion", [
            "Adjunctive ketamine reduced clinically significant suicidal ideation in depressed patients "
            "within 24 hours more than midazolam did, and only partly through its antidepressant effect.",
        ]),
    ],
    "table": {
        "caption": "Table 1. Response at day 1 (reduction of at least 50% in SSI score)",
        "header": ["Outcome", "Ketamine", "Midazolam"],
        "rows": [["Responders", "55%", "30%"]],
        "after": ("The reduction in SSI score at day 1 was 4.96 points greater in the ketamine group than in the "
                  "midazolam group (95% CI=2.33, 7.59; Cohen's d=0.75). More patients responded to ketamine "
                  "(Table 1; odds ratio=2.85, 95% CI=1.14, 7.15)."),
    },
    "reference": (
        "Grunebaum MF, Galfalvy HC, Choo TH, et al. Ketamine for rapid reduction of suicidal thoughts in "
        "major depression: a midazolam-controlled randomized clinical trial. Am J Psychiatry. "
        "2018;175(4):327-335. doi:10.1176/appi.ajp.2017.17060647"
    ),
    "non_facts": ["score ≥4", "24 hours", "(day 1)", "at day 1", "Table 1",
                  "at least 50%", "2018;175(4):327-335", "95% CI"],
    "outputs": [
        {"file": "grunebaum2018.xml", "layout": "PubMed Central JATS XML with abstract, body sections and a table-wrap",
         "journal_abbrev": "Am J Psychiatry"},
    ],
    "facts": [
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous"},
        {"kind": "total_n", "value": 80, "text": "N=80"},
        {"kind": "instrument", "value": None, "unit": "SSI", "domain": "other", "text": "SSI"},
        {"kind": "percent", "value": 54, "outcome": "taking antidepressant medication", "text": "54%"},
        {"kind": "count", "value": 43, "n": 80, "outcome": "taking antidepressant medication", "text": "N=43"},
        {"kind": "md", "value": 4.96, "ci_low": 2.33, "ci_high": 7.59, "ci_level": 95, "outcome": "reduction in SSI score",
         "domain": "other", "timepoint": "day 1", "group": "ketamine vs midazolam", "drug": "ketamine",
         "text": "4.96 points",
         "context": "4.96 points greater in the ketamine group than in the midazolam group (95% CI=2.33, 7.59"},
        {"kind": "d", "value": 0.75, "outcome": "reduction in SSI score", "domain": "other", "timepoint": "day 1",
         "group": "ketamine vs midazolam", "drug": "ketamine", "text": "d=0.75"},
        {"kind": "instrument", "value": None, "unit": "POMS depression subscale", "domain": "depression",
         "text": "Profile of Mood States (POMS)"},
        {"kind": "md", "value": 7.65, "ci_low": 1.36, "ci_high": 13.94, "ci_level": 95,
         "outcome": "POMS depression subscale improvement", "domain": "depression", "timepoint": "day 1",
         "group": "ketamine vs midazolam", "drug": "ketamine", "text": "estimate=7.65", "context": "estimate=7.65, 95% CI=1.36, 13.94"},
        {"kind": "percent", "value": 33.6, "outcome": "share of ketamine's effect on SSI mediated by POMS depression",
         "timepoint": "day 1", "text": "33.6%"},
        {"kind": "duration", "value": 6, "unit": "weeks", "note": "uncontrolled follow-up", "text": "for up to 6 weeks"},
        {"kind": "percent", "value": 55, "group": "ketamine", "outcome": "responders", "domain": "other",
         "timepoint": "day 1", "text": "55%", "note": "table cell"},
        {"kind": "percent", "value": 30, "group": "midazolam", "outcome": "responders", "domain": "other",
         "timepoint": "day 1", "text": "30%", "note": "table cell"},
        {"kind": "or", "value": 2.85, "ci_low": 1.14, "ci_high": 7.15, "ci_level": 95, "outcome": "responders",
         "domain": "other", "timepoint": "day 1", "group": "ketamine vs midazolam", "drug": "ketamine",
         "text": "odds ratio=2.85",
         "context": "odds ratio=2.85, 95% CI=1.14, 7.15"},
    ],
}
