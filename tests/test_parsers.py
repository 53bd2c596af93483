"""parsers.py: span text -> numbers, for each way journals print them."""

import math

import pytest

from evidencekit import parsers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("-7.31 to -0.64", [-7.31, -0.64]),
        ("0.55–0.94", [0.55, 0.94]),
        ("0.55-0.94", [0.55, 0.94]),
        ("0.2 - 0.9", [0.2, 0.9]),
        ("[-1.5; -0.3]", [-1.5, -0.3]),
        ("−2.4 to −0.1", [-2.4, -0.1]),
        ("1,204 patients", [1204.0]),
        (".001", [0.001]),
        ("1e-4", [0.0001]),
        ("1.2 × 10−4", [0.00012]),
        ("5 x 10-8", [5e-8]),
    ],
)
def test_numbers(text, expected):
    assert parsers.numbers(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, op, value",
    [
        ("P <.001", "<", 0.001),
        ("P=.042", "=", 0.042),
        ("p = .025", "=", 0.025),
        ("P = 0.04", "=", 0.04),
        ("P > 0.05", ">", 0.05),
        ("p ≤ 0.01", "≤", 0.01),
        ("p<=0.01", "≤", 0.01),
        ("P ≥ 0.05", "≥", 0.05),
        ("p < 1e-4", "<", 0.0001),
        ("P = 1.2 × 10−4", "=", 0.00012),
        ("a P value of 0.03", "=", 0.03),
        ("NS", ">", 0.05),
    ],
)
def test_parse_p(text, op, value):
    got_op, got_value = parsers.parse_p(text)
    assert got_op == op
    assert math.isclose(got_value, value)


@pytest.mark.parametrize(
    "text, value, df",
    [
        ("t(46) = 2.31", 2.31, "46"),
        ("t(23.5) = -1.9", -1.9, "23.5"),
        ("F(1, 48) = 5.2", 5.2, "1, 48"),
        ("F(2,96)=3.41", 3.41, "2, 96"),
        ("χ²(2, N = 100) = 5.1", 5.1, "2"),
        ("r(48) = .32", 0.32, "48"),
        ("b, -0.992", -0.992, None),
        ("OR 2.1", 2.1, None),
        ("mean difference (MD) = -4.1", -4.1, None),
        ("Cohen's d of 1.1", 1.1, None),
        ("RR=0.85", 0.85, None),
    ],
)
def test_parse_stat_and_df(text, value, df):
    op, got = parsers.parse_stat(text)
    assert op == "="
    assert got == pytest.approx(value)
    assert parsers.parse_df(text)[0] == df


def test_chi2_n_in_parentheses():
    assert parsers.parse_df("χ²(2, N = 100) = 5.1") == ("2", 100)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("95% CI 0.2–0.9", (0.2, 0.9, 95.0)),
        ("95% CI, -7.31 to -0.64", (-7.31, -0.64, 95.0)),
        ("[0.2, 0.9]", (0.2, 0.9, None)),
        ("90% CI: 1.1-2.0", (1.1, 2.0, 90.0)),
        ("(0.55, 0.94)", (0.55, 0.94, None)),
    ],
)
def test_parse_ci(text, expected):
    assert parsers.parse_ci(text) == pytest.approx(expected) if expected[2] else parsers.parse_ci(text)[:2] == pytest.approx(expected[:2])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("21.3 ± 5.2", (21.3, 5.2, "sd")),
        ("21.3±5.2", (21.3, 5.2, "sd")),
        ("21.3 (5.2)", (21.3, 5.2, "sd")),
        ("M = 21.3, SD = 5.2", (21.3, 5.2, "sd")),
        ("3.1 (SE 0.4)", (3.1, 0.4, "se")),
        ("-1.2 ± 0.4", (-1.2, 0.4, "sd")),
    ],
)
def test_parse_mean_sd(text, expected):
    assert parsers.parse_mean_sd(text) == expected


def test_parse_count():
    assert parsers.parse_count("14/24 (58%)") == (14, 24, 58.0)
    assert parsers.parse_count("12 of 25 (48.0%)") == (12, 25, 48.0)
    assert parsers.parse_count("14 (58%)") == (14, None, 58.0)


def test_parse_dose():
    assert parsers.parse_dose("0.5 mg/kg") == (0.5, "mg/kg")
    assert parsers.parse_dose("0.15mg/kg/h") == (0.15, "mg/kg/h")
    assert parsers.parse_dose("0.5 mg per kg") == (0.5, "mg/kg")
    assert parsers.parse_dose("56 mg") == (56.0, "mg")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3 times per week", (3.0, "per week")),
        ("twice weekly", (2.0, "per week")),
        ("twice-weekly", (2.0, "per week")),
        ("once daily", (1.0, "per day")),
        ("three times per week", (3.0, "per week")),
        ("single infusion", (1.0, "single")),
    ],
)
def test_parse_frequency(text, expected):
    assert parsers.parse_frequency(text) == expected


def test_number_words_and_durations():
    assert parsers.words_to_number("forty-seven") == 47
    assert parsers.words_to_number("one hundred and four") == 104
    assert parsers.words_to_number("Twenty") == 20
    assert parsers.words_to_number("patients") is None
    assert parsers.parse_duration("for two weeks") == (2.0, "weeks")
    assert parsers.parse_duration("over 40 min") == (40.0, "minutes")
    assert parsers.parse_timepoint("At day 26") == "day 26"
    assert parsers.parse_timepoint("at 4 weeks") == "4 weeks"


@pytest.mark.parametrize("text, expected", [
    ("0.5 mg kg−1", (0.5, "mg/kg")),
    ("0.25 mg kg−1 h−1", (0.25, "mg/kg/h")),
    ("1 mg mL-1", (1.0, "mg/mL")),
    ("2 microg x kg(-1) x min(-1)", (2.0, "µg/kg/min")),
    (".5mg/kg", (0.5, "mg/kg")),
    ("16 mg per day", (16.0, "mg/day")),
    ("0.3 mg.kg-1.h-1", (0.3, "mg/kg/h")),
    ("5 mcg/kg/min", (5.0, "µg/kg/min")),
    ("0.5 mg per kg per hour", (0.5, "mg/kg/h")),
])
def test_dose_units_in_every_journal_spelling(text, expected):
    assert parsers.parse_dose(text) == expected


def test_hyphenated_timepoints_and_years():
    assert parsers.parse_timepoint("at 24-hour") == "24 hours"
    assert parsers.parse_timepoint("the 12-month") == "12 months"
    assert parsers.parse_duration("follow-up was 5.6 years") == (5.6, "years")


def test_alternate_day_frequency():
    from evidencekit.parsers import parse_frequency

    assert parse_frequency("on alternate days") == (0.5, "per day")
    assert parse_frequency("every other week") == (0.5, "per week")


def test_one_of_a_unit_is_singular():
    from evidencekit.parsers import parse_timepoint

    assert [parse_timepoint(t) for t in ("1 days", "1 hours", "7 days", "30 minutes")] == ["1 day", "1 hour", "7 days", "30 minutes"]
