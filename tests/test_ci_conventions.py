"""CIs, SEs and per-arm n as real journals print them (tests/data/ci_conventions.jsonl).

Each line is a sentence (or a clause cut at a boundary) copied from a published abstract, trial report
or table, with its address, and the values a reviewer must get from it, written from the text: the
estimate's kind and value, its interval, SE and p where printed. `kind` null means any kind (the
estimate is printed without a name the rules know). Lines with `not_ci` are negatives: none of the
listed numbers may become an interval bound (ranges, IQRs, a CI belonging to another clause).
Lines with `gap` are printings the rules do not read yet: they are expected to fail (strict), so a
fix shows up as an unexpected pass and its line loses its `gap`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evidencekit.extract import extract_document
from evidencekit.normalise import normalise
from evidencekit.records import Document

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "ci_conventions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def extract(text: str, nlp):
    """As ingest reads a .txt file: normalised (a Lancet middle dot is a decimal point), then extracted."""
    normalised, origin = normalise(text)
    return extract_document(Document("case.txt", "0" * 64, "txt", normalised, (0,), origin), nlp)


def _same(a, b) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _problems(case, records) -> list[str]:
    problems = []
    for want in case["expect"]:
        found = [r for r in records if _same(r.value, want["value"]) and (want["kind"] is None or r.kind == want["kind"])]
        if not found:
            problems.append(f"no {want['kind']} {want['value']}")
            continue
        def fits(r):
            ok = True
            if "ci_low" in want:
                ok &= _same(r.ci_low, want["ci_low"]) and _same(r.ci_high, want["ci_high"])
            if "se" in want:
                ok &= _same(r.se, want["se"])
            if "p" in want:
                ok &= _same(r.p_value, want["p"])
            return ok
        if not any(fits(r) for r in found):
            r = found[0]
            problems.append(f"{want}: got {r.kind} {r.value} ci=({r.ci_low}, {r.ci_high}) se={r.se} p={r.p_value}")
    for bound in case.get("not_ci", []):
        for r in records:
            if _same(r.ci_low, bound) or _same(r.ci_high, bound):
                problems.append(f"{bound} became a CI bound of {r.kind} {r.value}")
    return problems


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(reason=c["gap"], strict=True)) if c.get("gap") else c
                                  for c in CASES], ids=[c["text"][:48] for c in CASES])
def test_ci_convention(case, nlp):
    problems = _problems(case, extract(case["text"], nlp))
    assert not problems, f"{case['text']}\n  " + "\n  ".join(problems)


def test_collection_is_varied():
    assert len(CASES) >= 40 and sum(1 for c in CASES if c.get("not_ci") is not None) >= 3


# Printings no clinical sentence in the search store showed (found only in non-clinical text: "rapporto 6,00x
# (CI95% 5,92–6,08)", "-0.24 (s.e. 0.15)"): minimal probes of the convention, with its negative.
@pytest.mark.parametrize("text, low, high", [
    ("The odds ratio was 1.52 (CI95% 1.10-2.10).", 1.10, 2.10),   # level run on after the abbreviation
    ("The odds ratio was 1.52 (CI 95%: 1.10-2.10).", 1.10, 2.10),
])
def test_level_printed_after_ci(text, low, high, nlp):
    record = next(r for r in extract(text, nlp) if r.kind == "or")
    assert (record.ci_low, record.ci_high) == (low, high)


def test_se_abbreviated_with_full_stops(nlp):
    record = next(r for r in extract("The mean difference was -2.4 (s.e. 0.8; P = 0.003).", nlp) if r.kind == "md")
    assert record.se == 0.8
    # an SD is no SE
    record = next(r for r in extract("The mean difference was -2.4 (SD 0.8).", nlp) if r.kind == "md")
    assert record.se is None


def test_estimate_with_parenthesised_se_stays_the_estimate(nlp):
    # probe of the printing "β = −0.32 (SE 0.11)" (no clinical sentence in the search store showed it)
    records = extract("Depressive symptoms decreased over time (β = −0.32 (SE 0.11), p = .004).", nlp)
    beta = next(r for r in records if r.kind == "beta")
    assert (beta.value, beta.se) == (-0.32, 0.11) and not any(r.kind == "mean" for r in records)
    # an unnamed value with its SD is still a mean
    assert [r.kind for r in extract("Scores were 3.1 (SD 1.2) at baseline.", nlp) if r.value == 3.1] == ["mean"]
