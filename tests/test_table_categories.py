"""Tables of a measure by categories of participants ("Variable | level | n | Mean score | F (df)"):
the test-statistic column gives test statistics with their df, never means or an arm; a level under
its variable is a subgroup (the n's group), the measure being the caption's; cut-offs in brackets
stay whole."""

from __future__ import annotations

from evidencekit.extract import extract_document
from evidencekit.ingest import read_document
from evidencekit.tables import _clean_name, header_items, Cell

# Published style (group-validity tables of questionnaire papers): a JATS label and caption, a
# rowspan variable over its levels, "n | score | ANOVA F (df) | effect size", stars on F.
CATEGORY_JATS = """<?xml version="1.0" encoding="UTF-8"?>
<article><body><sec><title>Results</title>
<table-wrap id="T5"><label>Table 5</label><caption><p>Known-groups validity: associations between the mean
fatigue scores and patient characteristics, with the effect size of each association (eta squared)</p></caption>
<table><thead><tr><th/><th/><th>n</th><th>Fatigue</th><th>ANOVA F (df)</th><th>Eta2</th></tr></thead>
<tbody>
<tr><td rowspan="3">Employment</td><td>Full time</td><td>52</td><td>31.2</td><td rowspan="3">6.41** (2)</td><td rowspan="3">0.08</td></tr>
<tr><td>Part time</td><td>30</td><td>38.9</td></tr>
<tr><td>Not working</td><td>44</td><td>47.0</td></tr>
<tr><td rowspan="3">Age</td><td>1st tertile (&lt;45)</td><td>41</td><td>40.3</td><td rowspan="3">2.10 NS (2)</td><td rowspan="3">0.02</td></tr>
<tr><td>2nd tertile (45–60)</td><td>43</td><td>37.5</td></tr>
<tr><td>3rd tertile (&gt;60)</td><td>42</td><td>36.1</td></tr>
</tbody></table></table-wrap></sec></body></article>"""


def _records(tmp_path, text, name="t.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(read_document(path))


def test_test_statistic_column_gives_f_with_df_never_means_or_an_arm(tmp_path):
    records = _records(tmp_path, CATEGORY_JATS)
    fs = [r for r in records if r.kind == "f"]
    assert [(r.value, r.df, r.group) for r in fs] == [(6.41, "2", None)]
    assert fs[0].outcome == "fatigue scores"  # the caption's measure, not the row's level
    assert not any(r.group and "ANOVA" in r.group for r in records)
    assert not any(r.kind == "mean" and r.value in (6.41, 2.10) for r in records)
    # the NS printed in the F column is the omnibus test's: no arm
    assert [r.group for r in records if r.kind == "p" and r.text == "NS"] in ([], [None])


def test_levels_under_a_spanning_variable_are_subgroups(tmp_path):
    records = _records(tmp_path, CATEGORY_JATS)
    sizes = {r.value: r for r in records if r.kind == "group_n"}
    assert sizes[30].group == "Employment, Part time" and sizes[30].outcome is None
    assert sizes[44].group == "Employment, Not working"
    # a cut-off bracket is part of the level's name, never cut inside
    assert sizes[41].group == "Age, 1st tertile (<45)"
    assert sizes[42].group == "Age, 3rd tertile (>60)"
    # the means by level: the caption's measure (the "Fatigue" column names it, no arm) in that subgroup
    means = {r.value: r for r in records if r.kind == "mean"}
    assert (means[38.9].outcome, means[38.9].group) == ("fatigue scores", "Employment, Part time")
    assert set(means) == {31.2, 38.9, 47.0, 40.3, 37.5, 36.1}  # eta squared is no mean


def test_statistic_headers_with_test_name_and_df():
    def kinds(text):
        return [(i.type, i.kind) for i in header_items(Cell(0, len(text), text), False, True)]
    assert kinds("ANOVA F (df)") == [("kind", "f")]
    assert kinds("χ2 (df)") == [("kind", "chi2")]
    assert kinds("Welch t") == [("kind", "t")]
    assert kinds("Paired t-test") == [("kind", "t")]
    # negatives: an arm or a measure named like one stays a group; "Mean (SD)" stays means
    assert kinds("Fatigue") == [("group", None)]
    assert kinds("Mean (SD)") == [("kind", "mean_sd")]


def test_t_column_with_df_beside_arm_means_html(tmp_path):
    html = ("<html><body><p>Table 2. Pain scores by arm</p><table>"
            "<tr><th>Outcome</th><th>Ketamine, mean (SD)</th><th>Placebo, mean (SD)</th><th>t (df)</th><th>P</th></tr>"
            "<tr><td>NRS pain</td><td>3.1 (1.2)</td><td>4.6 (1.5)</td><td>-4.21 (58)</td><td>&lt;0.001</td></tr>"
            "</table></body></html>")
    records = _records(tmp_path, html, "t.html")
    means = {r.value: r for r in records if r.kind == "mean"}
    assert (means[3.1].group, means[3.1].sd, means[4.6].group) == ("Ketamine", 1.2, "Placebo")  # negative: real means stay
    ts = [r for r in records if r.kind == "t"]
    assert [(r.value, r.df, r.group) for r in ts] == [(-4.21, "58", "Ketamine vs Placebo")]
    assert not any(r.kind == "mean" and r.value == -4.21 for r in records)


def test_characteristics_under_arms_keep_their_row_as_outcome(tmp_path):
    # negative: "Sex | Male" under arm columns is the share of men in each arm, not a subgroup
    html = ("<html><body><table><tr><th/><th/><th>Ketamine (n = 30)</th><th>Placebo (n = 28)</th></tr>"
            "<tr><td rowspan=\"2\">Sex</td><td>Male</td><td>12 (40%)</td><td>10 (36%)</td></tr>"
            "<tr><td>Female</td><td>18 (60%)</td><td>18 (64%)</td></tr></table></body></html>")
    records = _records(tmp_path, html, "t.html")
    counts = {r.value: r for r in records if r.kind == "count"}
    assert counts[12].group == "Ketamine" and counts[12].outcome == "Sex, Male"
    assert counts[18].outcome == "Sex, Female"


def test_clean_name_keeps_matched_brackets():
    assert _clean_name("1st tertile (<7)") == "1st tertile (<7)"
    assert _clean_name("(Placebo)") == "Placebo"
    assert _clean_name("Responders (12)") == "Responders"
    assert _clean_name("Pain (VAS)*") == "Pain (VAS)"
    assert _clean_name("VAS)") == "VAS"
