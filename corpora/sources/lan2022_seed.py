"""Lan et al. 2022 (the seed): a news report of a single-arm open-label trial, printed verbatim.

The text is /work/shared/seed-article.txt copied unchanged to corpora/lan2022_seed.txt, the committed
document itself; it is read from there (no second copy under sources/, so `evidencekit extract corpora/`
sees it once) and rendered three times (plain text copy, one-column PDF, two-column PDF with a running
header).
"""

from pathlib import Path

_WITH, _WITHOUT = "with pain", "without pain"

STUDY = {
    "id": "lan2022_seed",
    "verbatim": str(Path(__file__).resolve().parents[1] / "lan2022_seed.txt"),
    "title": "Ketamine Infusions Improve Symptoms of Depression and Pain",
    "verified": True,
    "verification": (
        "text is the seed article verbatim (Psychiatry Advisor news report); design, N=104, six "
        "intravenous infusions, MADRS and SF-MPQ checked against the abstract at "
        "https://www.frontiersin.org/articles/10.3389/fpsyt.2022.793677/full and PMC8967176; the "
        "b coefficients and subgroup n are as the news report states them (full text not re-read)"
    ),
    "source": {
        "authors": "Lan X, Zhou Y, Wang C, et al.",
        "year": 2022,
        "journal": "Frontiers in Psychiatry",
        "doi": "10.3389/fpsyt.2022.793677",
        "title": "Pre-treatment Pain Symptoms Influence Antidepressant Response to Ketamine in Depressive Patients",
    },
    "non_facts": [
        "between 2016 and 2018",
        "At day 26",
        "2 or more antidepressants",
        "Frontline Psychiatry. 2022;13:793677",
    ],
    "outputs": [
        {"file": "lan2022_seed.txt", "layout": "plain text (verbatim seed article)", "verbatim_copy": True},
        {"file": "lan2022_seed_onecol.pdf", "layout": "one-column PDF, Times, page numbers",
         "font": "times", "size": 11},
        {"file": "lan2022_seed_twocol.pdf",
         "layout": "two-column PDF, full-width title and standfirst, running header, page numbers",
         "font": "helvetica", "size": 9, "standfirst": 1,
         "header": "Psychiatry Advisor  |  Depression  |  News", "header_right": "Ketamine, depression and pain"},
    ],
    "facts": [
        {"kind": "total_n", "value": 104, "text": "N=104"},
        {"kind": "route", "value": None, "unit": "intravenous", "drug": "ketamine", "text": "intravenous"},
        {"kind": "dose", "value": 0.5, "unit": "mg/kg", "drug": "ketamine", "text": "0.5 mg/kg"},
        {"kind": "frequency", "value": 3, "unit": "per week", "drug": "ketamine", "text": "3 times per week"},
        {"kind": "duration", "value": 2, "unit": "weeks", "text": "for 2 weeks"},
        {"kind": "instrument", "value": None, "unit": "MADRS", "domain": "depression", "text": "MADRS"},
        {"kind": "instrument", "value": None, "unit": "SF-MPQ", "domain": "pain", "text": "SF-MPQ"},
        {"kind": "group_n", "value": 50, "group": _WITH, "text": "n=50"},
        {"kind": "group_n", "value": 54, "group": _WITHOUT, "text": "n=54"},
        {"kind": "percent", "value": 52.0, "group": _WITH, "outcome": "men", "text": "52.0%"},
        {"kind": "percent", "value": 48.1, "group": _WITHOUT, "outcome": "men", "text": "48.1%"},
        {"kind": "percent", "value": 70.0, "group": _WITH, "outcome": "suicidality", "text": "70.0%"},
        {"kind": "percent", "value": 81.5, "group": _WITHOUT, "outcome": "suicidality", "text": "81.5%"},
        {"kind": "percent", "value": 20.0, "group": _WITH, "outcome": "taking 2 or more antidepressants",
         "text": "20.0%"},
        {"kind": "percent", "value": 14.8, "group": _WITHOUT, "outcome": "taking 2 or more antidepressants",
         "text": "14.8%"},
        {"kind": "percent", "value": 28.0, "group": _WITH, "outcome": "mood stabilizers", "text": "28.0%"},
        {"kind": "percent", "value": 29.6, "group": _WITHOUT, "outcome": "mood stabilizers", "text": "29.6%"},
        {"kind": "percent", "value": 44.0, "group": _WITH, "outcome": "benzodiazepines", "text": "44.0%"},
        {"kind": "percent", "value": 51.9, "group": _WITHOUT, "outcome": "benzodiazepines", "text": "51.9%"},
        {"kind": "percent", "value": 48.0, "group": _WITH, "outcome": "antipsychotics", "text": "48.0%"},
        {"kind": "percent", "value": 57.4, "group": _WITHOUT, "outcome": "antipsychotics", "text": "57.4%"},
        {"kind": "group_n", "value": 27, "group": "severe pain", "text": "n=27"},
        {"kind": "group_n", "value": 23, "group": "mild pain", "text": "n=23"},
        {"kind": "instrument", "value": None, "unit": "VAS", "domain": "pain", "text": "VAS"},
        {"kind": "instrument", "value": None, "unit": "SF-MPQ sensory index", "domain": "pain", "text": "sensory index"},
        {"kind": "instrument", "value": None, "unit": "SF-MPQ affective index", "domain": "pain", "text": "affective index"},
        {"kind": "instrument", "value": None, "unit": "SF-MPQ present pain intensity", "domain": "pain",
         "text": "present pain"},
        {"kind": "instrument", "value": None, "unit": "SF-MPQ total pain", "domain": "pain", "text": "total pain",
         "context": "total pain (b, -0.986"},
        {"kind": "p", "value": 0.042, "op": "=", "outcome": "VAS", "domain": "pain",
         "group": "severe pain vs mild pain or no pain", "text": "P=.042", "context": "(VAS) (P=.042)"},
        {"kind": "p", "value": 0.001, "op": "<", "outcome": "MADRS total pain",
         "group": "severe pain vs mild pain or no pain",
         "text": "P<.001", "context": "MADRS total pain (P<.001)"},
        {"kind": "b", "value": -0.992, "outcome": "VAS", "domain": "pain", "p_op": "<", "p_value": 0.001,
         "timepoint": "day 26", "drug": "ketamine", "text": "b, -0.992", "context": "b, -0.992; P <.001"},
        {"kind": "b", "value": -1.017, "outcome": "sensory index", "domain": "pain", "p_op": "<",
         "p_value": 0.001, "timepoint": "day 26", "drug": "ketamine", "text": "b, -1.017", "context": "b, -1.017; P <.001"},
        {"kind": "b", "value": -1.021, "outcome": "affective index", "domain": "pain", "p_op": "<",
         "p_value": 0.001, "timepoint": "day 26", "drug": "ketamine", "text": "b, -1.021", "context": "b, -1.021; P < .001"},
        {"kind": "b", "value": -0.989, "outcome": "present pain", "domain": "pain", "p_op": "<",
         "p_value": 0.001, "timepoint": "day 26", "drug": "ketamine", "text": "b, -0.989", "context": "b, -0.989; P<.001"},
        {"kind": "b", "value": -0.986, "outcome": "total pain", "domain": "pain", "p_op": "<",
         "p_value": 0.001, "timepoint": "day 26", "drug": "ketamine", "text": "b, -0.986", "context": "b, -0.986; P<.001"},
        {"kind": "p", "value": 0.001, "op": "<", "outcome": "interaction between ketamine and pre-treatment pain",
         "text": "P<.001", "context": "(all P<.001)"},
        {"kind": "administrations", "value": 6, "unit": "infusions", "drug": "ketamine", "text": "6 infusions"},
    ],
}
