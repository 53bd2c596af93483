"""The instrument lexicon (extractors/instruments.jsonl + instruments_clinical.jsonl): names as trials
print them, the domain each instrument measures, and ambiguous abbreviations left alone in ordinary prose.

Positive sentences are published wording (abstracts of ketamine/esketamine, delirium, sedation and
recovery trials), not the demo corpus.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from evidencekit.extract import extract_document
from evidencekit.nlp import build_nlp
from evidencekit.normalise import normalise
from evidencekit.records import Document
from evidencekit.rules import load_rule_pack

PACK = load_rule_pack(str(Path(__file__).resolve().parent.parent / "extractors"))


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(PACK)


def _records(nlp, text: str):
    clean, origin = normalise(text)
    doc = Document("passage.txt", hashlib.sha256(text.encode()).hexdigest(), "txt", clean, (0,), origin)
    return extract_document(doc, nlp)


def _instruments(nlp, text: str) -> dict:
    """{canonical name: domain} of the instrument records extracted from text."""
    return {r.unit: r.domain for r in _records(nlp, text) if r.kind == "instrument"}


@pytest.mark.parametrize("text, expected", [
    ("Delirium was diagnosed using Confusion Assessment Method for the Intensive Care Unit (CAM-ICU) scale.",
     {"CAM-ICU": "other"}),
    ("Trained ICU nurses evaluated patients without coma (Richmond Agitation Sedation Scale –4/–5) every 8 hours "
     "with the Confusion Assessment Method ICU.", {"RASS": "other", "CAM-ICU": "other"}),
    ("To conduct a comparative effectiveness study of the Confusion Assessment Method for the ICU (CAM-ICU) and the "
     "newly developed 3-minute diagnostic assessment for delirium using the Confusion Assessment Method (3D-CAM) in "
     "general medicine inpatients.", {"CAM-ICU": "other", "3D-CAM": "other"}),
    ("Agitation was diagnosed using the Riker Sedation-Agitation Scale (SAS), with a score of 5 or higher indicating "
     "agitation.", {"Riker SAS": "other"}),
    ("Pregnant individuals with Edinburgh postnatal depression scale scores of ≥10 were enrolled.", {"EPDS": "depression"}),
    ("The children were evaluated by the Pediatric Anesthesia Emergence Delirium Scale and a four-point agitation scale.",
     {"PAED": "other"}),
    ("ECG electrocardiogram, FLAAC Face Legs Activity Cry and Consolability, PEAD Pediatric Anesthesia Emergence Delirium",
     {"FLACC": "pain", "PAED": "other"}),
    ("The quality of postoperative functional recovery was assessed by the QoR-40 questionnaire.", {"QoR-40": "other"}),
    ("The 15-item quality of recovery scale (QoR-15) was used to evaluate recovery quality.", {"QoR-15": "other"}),
    ("The self-rating depressive scale (SDS) was used to assess depressive state on the day before surgery.",
     {"Zung SDS": "depression"}),
    ("The quality of recovery (QoR-40), Numerical Rating Scale (NRS), and Pittsburgh Sleep Index (PSQI) scores were "
     "assessed at 8, 24, 48, 72 hours.", {"QoR-40": "other", "NRS": "pain", "PSQI": "other"}),
    ("The trial followed patients using the Beck Scale for Suicidal Ideation, the Columbia-Suicide Severity Rating Scale, "
     "and the Montgomery-Asberg Depression Rating Scale.", {"SSI": "other", "C-SSRS": "other", "MADRS": "depression"}),
    ("The psychometric properties of the Suicide Ideation and Behavior Assessment Tool (SIBAT) were evaluated in 130 "
     "participants.", {"SIBAT": "other"}),
    ("Patients were transported to the post anesthetic care unit (PACU) and agitation state scale was checked by "
     "Aono's four-point scale (AFPS).", {"Aono": "other"}),
    ("We compared the Pediatric Anesthesia Emergence Delirium (PAED), Watcha and Cravero scales for assessing the "
     "presence of ED.", {"PAED": "other", "Cravero": "other"}),
])
def test_published_wording_names_the_instrument(nlp, text, expected):
    assert _instruments(nlp, text) == expected


@pytest.mark.parametrize("name, canonical", [
    ("CAM-ICU", "CAM-ICU"), ("CAM – ICU", "CAM-ICU"), ("PHQ-9", "PHQ-9"), ("PHQ-2", "PHQ-2"), ("HAM-A", "HAM-A"),
    ("HAM-D-6", "HAM-D"), ("Bech-6", "HAM-D"), ("HADS-D", "HADS-D"), ("QoR-15", "QoR-15"), ("DRS-R-98", "DRS-R-98"),
    ("Nu-DESC", "Nu-DESC"), ("MOAA/S", "MOAA/S"), ("OAA/S", "OAA/S"), ("CES-D", "CES-D"), ("IDS-C30", "IDS-C"),
    ("Quick Inventory of Depressive Symptomatology-Self-Report", "QIDS-SR"), ("EQ-5D-5L", "EQ-5D"),
    ("C-SSRS", "C-SSRS"), ("CAPS-5", "CAPS-5"), ("PCL-5", "PCL-5"), ("SF-MPQ-2", "SF-MPQ"),
    ("Short-Form McGill Pain Questionnaire-2", "SF-MPQ"), ("Richmond Agitation–Sedation Scale", "RASS"),
])
def test_hyphenated_names_tokenize_into_one_instrument(nlp, name, canonical):
    assert list(_instruments(nlp, f"Outcomes were rated with the {name} at baseline.")) == [canonical]


@pytest.mark.parametrize("text, canonical, domain", [
    # a subscale takes the construct it measures; a total over several constructs is other
    ("HADS-A", "HADS-A", "other"),
    ("WOMAC pain subscale", "WOMAC pain", "pain"),
    ("WOMAC", "WOMAC", "other"),
    # disability, catastrophizing and neuropathic screening are not pain intensity
    ("Oswestry Disability Index", "ODI", "other"),
    ("Pain Catastrophizing Scale", "PCS", "other"),
    ("DN4 questionnaire", "DN4", "other"),
    ("PROMIS Pain Interference", "PROMIS pain interference", "pain"),
    ("PROMIS Depression", "PROMIS depression", "depression"),
    # a visual analogue scale of something other than pain
    ("EQ-5D visual analogue scale", "EQ-VAS", "other"),
    ("EQ-VAS", "EQ-VAS", "other"),
    ("VAS for anxiety", "anxiety VAS", "other"),
    ("Sheehan Disability Scale", "SDS", "other"),
    ("CGI-SS-R", "CGI-SS", "other"),
])
def test_domain_is_the_construct_the_instrument_measures(nlp, text, canonical, domain):
    assert _instruments(nlp, f"Patients completed the {text} at each visit.") == {canonical: domain}


@pytest.mark.parametrize("text", [
    "The camera recorded each session.",
    "A cam lock secured the infusion pump.",
    "Complementary and alternative medicine (CAM) use was reported by 40% of patients.",
    "The patient-controlled sedation (PCS) pump delivered 5 mg boluses.",
    "Physical component summary (PCS) and mental component summary (MCS) scores improved.",
    "A crisis visit was scheduled at the inter-stimulus interval (ISI) of 500 ms.",
    "Patients' faces were covered with a mask; FACES were not recorded.",
    "A clinical audit of anaesthetic records was performed.",
    "Bai et al. reported similar findings.",
    "Nasal caps were applied after extubation.",
    "Proteins were separated by SDS-PAGE and analysed with SAS version 9.4.",
    "Patients with generalized anxiety disorder were excluded.",
    "Dementia was staged with the Global Deterioration Scale (GDS) stage 4 or GDS 5.",
    "Sleep apnoea was graded by the oxygen desaturation index (ODI).",
    "Injury of the posterior cruciate ligament (PCL) was repaired.",
    "PONV occurred in 20% of patients on the paeds ward.",
])
def test_ordinary_prose_names_no_instrument(nlp, text):
    assert _instruments(nlp, text) == {}


@pytest.mark.parametrize("text, canonical", [
    ("Delirium was CAM-positive in 12 patients.", "CAM"),
    ("The ISI score fell from 18 to 9.", "ISI"),
    ("Anxiety was rated with the BAI.", "BAI"),
    ("Drinking was screened with the AUDIT.", "AUDIT"),
    ("The RSS was higher at 30 min.", "RSS"),
    ("GDS scores were lower after treatment.", "GDS"),
])
def test_ambiguous_abbreviations_match_in_an_instrument_context(nlp, text, canonical):
    assert list(_instruments(nlp, text)) == [canonical]


def test_statistic_after_a_new_instrument_takes_its_name_and_domain(nlp):
    text = ("On POD1, compared to the opioid group, the esketamine group exhibited a significantly elevated QoR-40 "
            "score (p < 0.001), but scores were similar by POD3 (p = 0.333).")
    first = next(r for r in _records(nlp, text) if r.kind == "p")
    assert (first.value, first.outcome, first.domain) == (0.001, "QoR-40", "other")


def test_table_row_takes_the_domain_of_its_most_specific_instrument_name(nlp):
    records = _records(nlp, "Table 2. Secondary outcomes at 24 h\n\n"
                            "Outcome  Ketamine (n = 40)  Placebo (n = 40)  P\n"
                            "EQ-VAS  72.1 ± 10.2  65.3 ± 11.4  0.01\n"
                            "HADS-D  6.2 ± 3.1  8.9 ± 3.4  0.002\n"
                            "WOMAC pain  5.1 ± 2.0  6.8 ± 2.2  0.03\n"
                            "Minimum RASS score  -0.5 ± 0.8  -0.6 ± 0.9  0.76\n")
    domains = {(r.outcome, r.domain) for r in records if r.kind == "mean"}
    assert domains == {("EQ-VAS", "other"), ("HADS-D", "depression"), ("WOMAC pain", "pain"),
                       ("Minimum RASS score", "other")}


def test_an_abbreviation_the_article_defines_as_something_else_is_no_instrument(nlp):
    # surgery and anaesthesia trials: "SSI" is the infection, not the Scale for Suicide Ideation
    text = ("The primary outcome was surgical site infection (SSI) within 30 days of surgery. "
            "SSI occurred in 12 of 150 patients (8.0%) in the ketamine group.")
    assert _instruments(nlp, text) == {}
    text = ("Suicidal ideation was rated with the Scale for Suicide Ideation (SSI). "
            "The SSI score fell by 4.1 points (95% CI 2.0 to 6.2) after ketamine.")
    assert set(_instruments(nlp, text)) == {"SSI"}
    text = "Delirium was assessed with the Confusion Assessment Method (CAM) daily."
    assert set(_instruments(nlp, text)) == {"CAM"}
