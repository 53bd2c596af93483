"""normalise(): each rule, and the offset map that every rule must keep right."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidencekit.normalise import is_table_row, normalise


def norm(text):
    return normalise(text)[0]


def check_map(source, out, origin):
    """Every kept character maps to a source character it was made from."""
    assert len(origin) == len(out)
    for j, o in enumerate(origin):
        assert -1 <= o < len(source)
        if o >= 0:
            src = source[o]
            allowed = unicodedata.normalize("NFKC", src) + {"\u2212": "-", "\u2010": "-", "\u2013": "-",
                                                           "\u2012": "-", "\u00b7": ".", "\t": " ",
                                                           "\n": " \n", "\r": "\n"}.get(src, "")
            composed = unicodedata.normalize("NFD", out[j]).startswith(src)  # é from e + U+0301
            assert out[j] in allowed or composed or (src.isspace() and out[j] == " "), (j, out[j], src)


@pytest.mark.parametrize("source, expected", [
    ("ﬁnal ﬂuoxetine eﬀect", "final fluoxetine effect"),  # ligatures
    ("ＭＡＤＲＳ", "MADRS"),  # full-width forms
    ("b, \u22120\u00b7992", "b, -0.992"),  # Lancet minus and middle dot
    ("P < 0\u00b7001", "P < 0.001"),
    ("(\u20130.5 to \u20130.2)", "(-0.5 to -0.2)"),  # en dash starting a number
    ("r=\u20120.3", "r=-0.3"),  # figure dash
    ("95% CI 0.55\u20130.94", "95% CI 0.55\u20130.94"),  # en dash between numbers is a range
    ("2016\u20132018", "2016\u20132018"),
    ("Montgomery\u2013\u00c5sberg", "Montgomery\u2013\u00c5sberg"),  # not before a number: unchanged
    ("pre\u2010treatment", "pre-treatment"),  # Unicode hyphen
    ("P\u2009<\u2009.001", "P < .001"),  # thin spaces
    ("10\u00a0mg and 5\u202fmg", "10 mg and 5 mg"),  # no-break, narrow no-break
    ("anti\u00addepressant", "antidepressant"),  # soft hyphen
    ("zero\u200bwidth", "zerowidth"),
    ("P \u2264 .05 and n \u2265 20", "P \u2264 .05 and n \u2265 20"),  # ≤ ≥ kept
    ("P < .001", "P < .001"),
    ("a\u00b7b", "a\u00b7b"),  # a middle dot between letters is not a decimal point
    ("e\u0301", "\u00e9"),  # combining accent composes
])
def test_character_rules(source, expected):
    out, origin = normalise(source)
    assert out == expected
    check_map(source, out, origin)


def test_ligature_characters_map_to_the_ligature():
    out, origin = normalise("a ﬁx")
    assert out == "a fix"
    assert list(origin) == [0, 1, 2, 2, 3]


def test_wrapped_lines_join_into_whole_sentences():
    source = "Patients with severe pain reported\nhigher scores  \n  than others.\n\n\n\nNext paragraph."
    out, origin = normalise(source)
    assert out == "Patients with severe pain reported higher scores than others.\n\nNext paragraph."
    check_map(source, out, origin)


@pytest.mark.parametrize("source, expected", [
    ("the treat-\nment was given", "the treatment was given"),
    ("depres-\nsive symptoms", "depressive symptoms"),
    ("the HAM-\nD score", "the HAM-D score"),  # capital after the break
    ("the SF-\nMPQ total", "the SF-MPQ total"),
    ("the SF-\nmpq total", "the SF-mpq total"),  # abbreviation before the break
    ("and pre-\ntreatment pain", "and pre-treatment pain"),  # known prefix
    ("ketamine-\ninduced change", "ketamine-induced change"),  # known second part
    ("COVID-\n19 cases", "COVID-19 cases"),  # digit after the break
    ("over the long-\nterm", "over the long-term"),
])
def test_line_break_hyphens(source, expected):
    out, origin = normalise(source)
    assert out == expected
    check_map(source, out, origin)


def test_hyphen_decision_follows_the_texts_own_words():
    # "dose-finding" elsewhere keeps the hyphen; "randomised" elsewhere joins the split word.
    text = "a dose-finding study. A dose-\nfinding trial was random-\nised. It was randomised twice."
    assert norm(text) == "a dose-finding study. A dose-finding trial was randomised. It was randomised twice."


def test_soft_hyphen_at_a_line_break_joins_the_word():
    out, origin = normalise("anti\u00ad\ndepressant effect")
    assert out == "antidepressant effect"
    check_map("anti\u00ad\ndepressant effect", out, origin)


def test_table_rows_stay_on_their_own_lines():
    source = "Table 2. Effects of ketamine\nScale  b  P\nVAS  -0.992  <0.001\nSensory  -1.017  <0.001\nText after the\ntable."
    assert norm(source) == ("Table 2. Effects of ketamine\nScale  b  P\nVAS  -0.992  <0.001\n"
                            "Sensory  -1.017  <0.001\nText after the table.")


def test_tab_separated_cells_become_two_spaces():
    assert norm("VAS\t-0.992\t<0.001\nMPQ\t-1.0\t0.2") == "VAS  -0.992  <0.001\nMPQ  -1.0  0.2"


def test_list_items_stay_on_their_own_lines():
    assert norm("Inclusion:\n• adults\n• MDD") == "Inclusion:\n• adults\n• MDD"
    assert norm("Steps:\n1. Screen\n2. Infuse") == "Steps:\n1. Screen\n2. Infuse"
    # ... but a wrapped line that merely starts with a number is joined.
    assert norm("ketamine (n =\n30) or placebo (n =\n30).") == "ketamine (n = 30) or placebo (n = 30)."


def test_is_table_row():
    assert is_table_row("VAS  -0.992  <0.001")
    assert not is_table_row("A sentence.  Another sentence with two spaces.")
    assert not is_table_row("plain words")


def test_line_endings_and_controls():
    source = "one\r\ntwo\rthree\x07"
    out, origin = normalise(source)
    assert out == "one two three"
    check_map(source, out, origin)


def test_blank_and_empty_text():
    assert normalise("") == ("", normalise("")[1])
    assert norm("\n \n\n") == ""
    assert norm("  text  \n\n") == "text"


def test_ascii_text_passes_through_with_an_identity_map():
    source = "Plain ASCII text, P=.04, n=20."
    out, origin = normalise(source)
    assert out == source and list(origin) == list(range(len(source)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_never_raises_and_map_stays_in_range(source):
    out, origin = normalise(source)
    assert len(origin) == len(out)
    assert all(-1 <= o < len(source) for o in origin)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab1.-\u2212\u2013\u00b7 \n\u00ad\u2009\tﬁ", max_size=80))
def test_map_points_at_the_source_of_each_character(source):
    out, origin = normalise(source)
    check_map(source, out, origin)
