"""Popova et al. 2019, Am J Psychiatry (TRANSFORM-2): flexibly dosed esketamine nasal spray + new AD."""

M = "\u2212"

STUDY = {
    "id": "popova2019",
    "title": "Esketamine nasal spray plus a new oral antidepressant in treatment-resistant depression (TRANSFORM-2)",
    "byline": "Trial report - Depression. Popova V, Daly EJ, Trivedi M, et al. American Journal of Psychiatry, 2019.",
    "verified": True,
    "verification": (
        "design, 39 centers, doses, schedule, the day-28 difference of LS means with SE and 95% CI, "
        "discontinuation rates and the 1.5-hour resolution checked against the abstract (text of "
        "'Popova et al., 2019 - TRANSFORM-2' on scribd, where the PDF's minus glyphs extract as '2', "
        "i.e. 24.0 = -4.0, 27.31 = -7.31, 20.64 = -0.64; the abstract is also quoted in "
        "github.com/ASKurz/Experimental-design-and-the-GLMM/issues/4); 4-week induction from the "
        "trial's results record (NCT02418585); 223 analysed patients from Table 1 of Gastaldon et al. "
        "2019 (PMC8061126); DOI from several reference lists"
    ),
    "source": {
        "authors": "Popova V, Daly EJ, Trivedi M, et al.",
        "year": 2019,
        "journal": "American Journal of Psychiatry",
        "doi": "10.1176/appi.ajp.2019.19020172",
        "title": "Efficacy and Safety of Flexibly Dosed Esketamine Nasal Spray Combined With a Newly Initiated Oral Antidepressant in Treatment-Resistant Depression: A Randomized Double-Blind Active-Controlled Study",
    },
    "abstract": [
        ("Objective", "About one-third of patients with depression do not reach remission despite several "
         "antidepressants. TRANSFORM-2 compared switching such patients to flexibly dosed esketamine nasal "
         "spray plus a newly started oral antidepressant with switching them to a new antidepressant plus a "
         "placebo spray."),
        ("Main result", f"At day 28 the MADRS total score had fallen more with esketamine plus antidepressant "
         f"(difference of least-squares means {M}4.0, SE 1.69, 95% CI {M}7.31 to {M}0.64)."),
    ],
    "sections": [
        ("Methods", [
            "This phase 3, double-blind, active-controlled study ran at 39 outpatient referral centers. It "
            "enrolled adults with moderate to severe non-psychotic depression who had not responded to at "
            "least two antidepressants in the current episode, one of them assessed prospectively during "
            "the screening phase.",
            "Confirmed non-responders were randomly assigned to esketamine nasal spray (56 or 84 mg twice "
            "weekly) plus a newly initiated oral antidepressant, or to the new antidepressant plus a placebo "
            "nasal spray, for 4 weeks of double-blind induction. The new antidepressant was duloxetine, "
            "escitalopram, sertraline or extended-release venlafaxine, titrated on a fixed schedule. "
            "Sprays were self-administered under the direct supervision of a health care professional.",
            "The primary efficacy end point was the change in the Montgomery-Asberg Depression Rating "
            "Scale (MADRS) total score from baseline to day 28. The efficacy analysis included 223 "
            "patients.",
        ]),
        ("Results", [
            "The reduction in MADRS total score was significantly greater with esketamine plus "
            "antidepressant than with antidepressant plus placebo at day 28, and a clinically meaningful "
            "separation was also seen at earlier visits.",
            "The five most common adverse events - dissociation, nausea, vertigo, dysgeusia and "
            "dizziness - were all more frequent in the esketamine arm. Study drug was stopped because of "
            "an adverse event by 7% of patients in the esketamine arm and 0.9% in the placebo arm. Adverse "
            "events with esketamine generally began shortly after dosing and resolved within the "
            "observation period of about 1.5 hours.",
        ]),
        ("Conclusions", [
            "The authors concluded that current options for treatment-resistant depression have "
            "considerable limits in efficacy and acceptability, and that esketamine nasal spray with a "
            "new oral antidepressant is a rapidly acting alternative. Because both arms started a new "
            "antidepressant, the comparison isolates the added effect of the spray rather than the effect "
            "of switching treatment.",
        ]),
    ],
    "reference": (
        "Popova V, Daly EJ, Trivedi M, et al. Efficacy and safety of flexibly dosed esketamine nasal spray "
        "combined with a newly initiated oral antidepressant in treatment-resistant depression: a "
        "randomized double-blind active-controlled study. Am J Psychiatry. 2019;176(6):428-438. "
        "doi:10.1176/appi.ajp.2019.19020172"
    ),
    "non_facts": ["TRANSFORM-2", "phase 3", "39 outpatient", "day 28", "2019;176(6):428-438",
                  "American Journal of Psychiatry, 2019", "at least two"],
    "outputs": [
        {"file": "popova2019.pdf",
         "layout": "two-column PDF, Vera (Unicode minus), full-width title and abstract, running header, "
                   "page numbers, two pages",
         "font": "vera", "size": 11.5, "header": "Am J Psychiatry - Clinical trials", "header_right": "TRANSFORM-2",
         "page": "letter"},
    ],
    "facts": [
        {"kind": "md", "value": -4.0, "se": 1.69, "ci_low": -7.31, "ci_high": -0.64, "ci_level": 95,
         "outcome": "MADRS total score change", "domain": "depression", "timepoint": "day 28",
         "group": "esketamine plus antidepressant vs antidepressant plus placebo", "drug": "esketamine",
         "text": "-4.0", "context": "least-squares means -4.0, SE 1.69, 95% CI -7.31 to -0.64"},
        {"kind": "dose", "value": 56, "unit": "mg", "drug": "esketamine", "text": "56", "context": "56 or 84 mg"},
        {"kind": "dose", "value": 84, "unit": "mg", "drug": "esketamine", "text": "84 mg"},
        {"kind": "frequency", "value": 2, "unit": "per week", "drug": "esketamine", "text": "twice weekly"},
        {"kind": "route", "value": None, "unit": "intranasal", "drug": "esketamine", "text": "nasal spray",
         "context": "to esketamine nasal spray (56", "note": "first statement in the methods; the objective states it first"},
        {"kind": "route", "value": None, "unit": "oral", "drug": "antidepressant", "text": "oral antidepressant",
         "context": "plus a newly initiated oral antidepressant"},
        {"kind": "duration", "value": 4, "unit": "weeks", "text": "4 weeks"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "total_n", "value": 223, "note": "efficacy analysis", "text": "223 patients"},
        {"kind": "duration", "value": 1.5, "unit": "hours", "note": "post-dose observation period, printed as about 1.5 hours",
         "text": "1.5 hours"},
        {"kind": "percent", "value": 7, "group": "esketamine", "outcome": "study drug was stopped because of an adverse event",
         "text": "7%"},
        {"kind": "percent", "value": 0.9, "group": "placebo", "outcome": "study drug was stopped because of an adverse event",
         "text": "0.9%"},
    ],
}
