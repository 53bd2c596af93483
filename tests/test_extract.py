"""extract.py: spans -> linked, typed Records; the seed article's facts and nothing false."""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path

import pytest

from evidencekit.extract import extract_document
from evidencekit.records import Document

SEED = Path(__file__).parent / "data" / "seed-article.txt"


def make_document(text: str, path: str = "test.txt") -> Document:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(path, sha, "txt", text, (0,), array("i", range(len(text))))


def extract(text: str, nlp=None):
    return extract_document(make_document(text), nlp)


def of_kind(records, kind):
    return [r for r in records if r.kind == kind]


def one(records, **fields):
    found = [r for r in records if all(getattr(r, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{fields}: {len(found)} records among {[(r.kind, r.value, r.text) for r in records]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_records(nlp):
    return extract_document(make_document(SEED.read_text(encoding="utf-8"), "seed-article.txt"), nlp)


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def test_seed_sample_sizes(seed_records):
    assert [(r.value, r.group) for r in of_kind(seed_records, "total_n")] == [(104, None)]
    groups = {(r.group, r.value) for r in of_kind(seed_records, "group_n")}
    assert groups == {("with pain", 50), ("without pain", 54), ("severe pain", 27), ("mild pain", 23)}


def test_seed_dosing(seed_records):
    dose = one(seed_records, kind="dose")
    assert (dose.value, dose.unit, dose.drug) == (0.5, "mg/kg", "ketamine")
    assert one(seed_records, kind="route").unit == "intravenous"
    frequency = one(seed_records, kind="frequency")
    assert (frequency.value, frequency.unit, frequency.text) == (3, "per week", "3 times per week")
    duration = one(seed_records, kind="duration")
    assert (duration.value, duration.unit) == (2, "weeks")
    assert one(seed_records, kind="administrations").value == 6


def test_seed_instruments_and_domains(seed_records):
    domains = {r.unit: r.domain for r in of_kind(seed_records, "instrument")}
    assert domains["MADRS"] == "depression"
    assert domains["SF-MPQ"] == "pain"
    assert domains["VAS"] == "pain"


def test_seed_b_coefficients_linked(seed_records):
    b = {r.value: r for r in of_kind(seed_records, "b")}
    expected = {-0.992: "VAS", -1.017: "sensory index", -1.021: "affective index", -0.989: "present pain",
                -0.986: "total pain"}
    assert set(b) == set(expected)
    for value, outcome in expected.items():
        record = b[value]
        assert outcome in record.outcome, record.outcome
        assert record.domain == "pain"
        assert (record.p_op, record.p_value) == ("<", 0.001)
        assert record.timepoint == "day 26"
        assert record.drug == "ketamine"
    # each p that belongs to a coefficient is not a record of its own
    assert not [p for p in of_kind(seed_records, "p") if "b," in p.sentence and "all P" not in p.text]


def test_seed_p_with_vas(seed_records):
    p = one(seed_records, kind="p", p_value=0.042)
    assert (p.p_op, p.outcome, p.domain) == ("=", "VAS", "pain")


def test_seed_nothing_false(seed_records):
    values = {r.value for r in seed_records if r.kind in ("total_n", "group_n", "dose")}
    assert not values & {2016, 2018, 2022, 13, 793677, 2}
    for r in seed_records:
        assert r.text == SEED.read_text(encoding="utf-8")[r.char_start : r.char_end]
        assert r.sentence and r.rule_id and r.page == 1


def test_seed_demographic_percentages_belong_to_groups(seed_records):
    percents = [(r.value, r.group) for r in of_kind(seed_records, "percent")]
    assert (52.0, "with pain") in percents and (48.1, "without pain") in percents
    assert all(group in ("with pain", "without pain") for _, group in percents)
