"""Printing conventions of running text (not tables) that the rules read: a mean whose SD
parentheses go on with its n, the n printed beside a mean, an interval whose bounds each carry a %
with no space around the dash, and an unnamed treatment effect with an interval below zero."""

from __future__ import annotations

import pytest

from evidencekit.extract import extract_document
from evidencekit.normalise import normalise
from evidencekit.records import Document


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def extract(text, nlp):
    normalised, origin = normalise(text)
    return extract_document(Document("case.txt", "0" * 64, "txt", normalised, (0,), origin), nlp)


def means(text, nlp):
    return [(r.value, r.sd, r.n) for r in extract(text, nlp) if r.kind == "mean"]


@pytest.mark.parametrize("text, want", [
    ("At baseline the mean HAM-D score was 24.6 (SD 4.1; n = 38) in the ketamine arm.", (24.6, 4.1, 38)),
    ("Participants had a mean age of 44.1 years (SD 12.3, n = 62).", (44.1, 12.3, 62)),
    ("The mean pain score at 24 h was 3.1 ± 1.2 (n=30).", (3.1, 1.2, 30)),
    ("Mean MADRS fell to 12.7 (SD 7.6; N = 20) after the fourth infusion.", (12.7, 7.6, 20)),
])
def test_mean_carries_the_n_printed_with_it(text, want, nlp):
    assert want in means(text, nlp)


def test_mean_with_unit_before_its_sd(nlp):
    assert (44.1, 12.3, None) in means("Patients were on average 44.1 years (SD 12.3) old.", nlp)


@pytest.mark.parametrize("text, want", [
    # an n elsewhere in the sentence is another arm's or the sample's: the mean keeps none
    ("Scores were 3.1 ± 1.2 in the ketamine group (n = 30) and 4.0 ± 1.1 with placebo (n = 28).", {(3.1, 1.2, None), (4.0, 1.1, None)}),
    ("Of 62 patients (n = 62), the mean age was 44.1 (SD 12.3; range 21-70).", {(44.1, 12.3, None)}),
])
def test_no_n_from_elsewhere(text, want, nlp):
    assert want <= set(means(text, nlp))


@pytest.mark.parametrize("text, value, low, high", [
    ("Remission was more frequent with ketamine (difference 12%, 95% CI 5%–19%).", 12, 5, 19),
    ("The absolute risk reduction was 0.38% (95% CI 0.20%-0.55%).", 0.38, 0.20, 0.55),
])
def test_percent_interval_joined_by_a_dash(text, value, low, high, nlp):
    records = extract(text, nlp)
    assert any(r.value == value and r.ci_low == low and r.ci_high == high for r in records)
    assert not any(r.kind == "percent" and r.value == high for r in records)  # the bound is no percent of its own


@pytest.mark.parametrize("text, value, low, high", [
    ("The adjusted treatment effect on the MADRS was −5.3 (95% CI −8.1 to −2.5) at day 28.", -5.3, -8.1, -2.5),
    ("The between-group treatment effect was 3.2 points (95% CI 1.1 to 5.3).", 3.2, 1.1, 5.3),
    ("The intervention effect was 1.4 (95% CI −0.6 to 3.4).", 1.4, -0.6, 3.4),
])
def test_unnamed_treatment_effect_is_a_difference(text, value, low, high, nlp):
    assert any(r.kind == "md" and r.value == value and (r.ci_low, r.ci_high) == (low, high) for r in extract(text, nlp))


@pytest.mark.parametrize("text", [
    "The treatment effect was 0.72 (95% CI 0.60 to 0.88).",  # above zero on no stated scale: may be a ratio
    "The treatment effect was not significant (P = .3).",
    "The difference was not significant (P = .3).",
])
def test_no_difference_without_its_scale(text, nlp):
    assert not any(r.kind == "md" for r in extract(text, nlp))


@pytest.mark.parametrize("text, want", [
    # the value's own n between it and the arm named after it does not hide the arm
    ("The mean MADRS score was 12.7 (SD 7.6; n = 20) in the ketamine group.", {(12.7, "ketamine group")}),
    ("Pain was 3.1 ± 1.2 (n=30) in the ketamine group and 4.2 ± 1.0 (n = 29) in the placebo group.",
     {(3.1, "ketamine group"), (4.2, "placebo group")}),
])
def test_arm_named_after_a_mean_and_its_n(text, want, nlp):
    assert want <= {(r.value, r.group) for r in extract(text, nlp) if r.kind == "mean"}


def test_arm_after_a_later_number_is_not_the_means(nlp):
    # a number that is no n of this value stands between: the arm named after it is another value's
    records = extract("The mean score was 12.7 (SD 7.6) at week 2 and 10.1 (SD 6.0) in the ketamine group.", nlp)
    assert (12.7, "ketamine group") not in {(r.value, r.group) for r in records if r.kind == "mean"}


@pytest.mark.parametrize("text, want", [
    # APA style: mean, SD and n in one pair of parentheses
    ("Depressive symptoms were lower after the infusion (M = 4.2, SD = 1.1, n = 45).", (4.2, 1.1, 45)),
    # another value's n is not this one's
    ("Patients (M = 4.2, SD = 1.1) scored lower than controls (M = 5.0, SD = 1.3, n = 40).", (4.2, 1.1, None)),
    ("Patients (M = 4.2, SD = 1.1) scored lower than controls (M = 5.0, SD = 1.3, n = 40).", (5.0, 1.3, 40)),
])
def test_apa_mean_sd_n(text, want, nlp):
    assert want in means(text, nlp)
