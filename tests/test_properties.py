"""Property-based: on arbitrary Unicode, reading, normalising, extraction and the number parsers never
raise (other than DocumentError for a file that is not text), and every value's offsets — in the
records and in the store — point at its own characters in the text `evidencekit text` prints."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidencekit import parsers
from evidencekit.errors import DocumentError
from evidencekit.ingest import read_document
from evidencekit.normalise import normalise

# Text the way journals print statistics, cut up and glued to arbitrary Unicode, so examples reach
# the rules instead of bouncing off them.
FRAGMENTS = [
    "N=104", "(n = 50)", "n=54", "a total of 104 patients", "twenty-four per arm", "P<.001", "P = .042",
    "p ≤ 0.05", "NS", "b, -0.992", "β = −1.02", "OR 1.8", "HR=0.7", "95% CI 0.2–0.9", "[0.2, 0.9]",
    "0.2 to 0.9", "SE 0.12", "21.3 ± 5.2", "21.3 (5.2)", "t(48) = 2.1", "F(1, 48)=4.2", "χ²(2)=5.9",
    "z = 1.96", "MADRS", "HAM-D", "VAS", "SF-MPQ", "ketamine", "0.5 mg/kg", "56 mg", "intravenous",
    "over 40 min", "3 times per week", "for 2 weeks", "six infusions", "14/24 (58%)", "week 4", "day 26",
    "d = 0.8", "Hedges' g", "r = .45", "1e-4", "1,204", "ketamine group (n = 36)", "at baseline",
    "no significant difference in", "(", ")", ";", ",", ".", " ", "\n", "\n\n", "  ", "\t", "\u00a0",
    "\u2009", "\u2212", "ﬁ", "-\n", "Table 1", "References\n",
]
UNICODE = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
_GLUE = st.sampled_from([" ", " ", " ", "", ", ", "; ", ". ", "\n"])
ARTICLE_TEXT = st.lists(
    st.tuples(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS), st.text(max_size=8)), _GLUE)
    .map("".join),
    max_size=40,
).map("".join)
ANY_TEXT = st.one_of(UNICODE, ARTICLE_TEXT)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

PARSERS = [parsers.numbers, parsers.parse_number, parsers.words_to_number, parsers.parse_operator,
           parsers.parse_p, parsers.parse_stat, parsers.parse_df, parsers.parse_ci, parsers.parse_mean_sd,
           parsers.parse_count, parsers.parse_dose, parsers.parse_frequency, parsers.parse_duration,
           parsers.parse_timepoint]


@PROPERTY
@given(ANY_TEXT)
def test_number_parsers_never_raise(text):
    for parse in PARSERS:
        parse(text)


@PROPERTY
@given(ANY_TEXT)
def test_normalise_never_raises_and_maps_every_character(text):
    out, origin = normalise(text)
    assert len(origin) == len(out)
    assert all(-1 <= i < len(text) for i in origin)


@pytest.fixture(scope="module")
def nlp():
    from evidencekit.extract import default_nlp

    return default_nlp()


def _read_text_file(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("prop") / "article.txt"
    path.write_text(text, encoding="utf-8")
    try:
        return path, read_document(path)
    except DocumentError:  # empty, or not text (control characters): a clear refusal, not a crash
        return path, None


@PROPERTY
@given(text=ANY_TEXT)
def test_extraction_never_raises_and_every_offset_points_at_its_value(tmp_path_factory, nlp, text):
    from evidencekit.extract import extract_document

    _, doc = _read_text_file(tmp_path_factory, text)
    if doc is None:
        return
    for record in extract_document(doc, nlp):
        assert record.text == doc.text[record.char_start:record.char_end], record
        assert record.text.strip(), record
        assert record.page == doc.page_of(record.char_start)
        assert record.doc_sha256 == doc.sha256


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ARTICLE_TEXT)
def test_every_stored_offset_points_at_the_text_of_its_value(tmp_path_factory, text):
    from evidencekit.pipeline import extract_paths

    path, doc = _read_text_file(tmp_path_factory, text)
    out = path.parent / "out"
    summary = extract_paths([path], out, engine="inline")
    if doc is None:
        assert summary.failed == 1
        return
    with sqlite3.connect(out / "evidence.db") as con:
        stored = con.execute("SELECT char_start, char_end, text, page FROM records").fetchall()
    assert len(stored) == summary.values
    for start, end, value_text, page in stored:
        assert doc.text[start:end] == value_text
        assert doc.page_of(start) == page
