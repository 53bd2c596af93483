"""The JATS reader on real PubMed Central / PLOS full texts nobody here wrote (tests/data/real/README.md).

Each test names the markup a real file uses and what the reader must make of it; the negative
half checks the fix did not spread past the markup it is for.
"""

import re
from pathlib import Path

import pytest

from evidencekit.extract import extract_document
from evidencekit.ingest import read_document
from evidencekit.pipeline import find_files

REAL = Path(__file__).parent / "data" / "real"
FILES = sorted(p for p in REAL.iterdir() if p.suffix in (".nxml", ".xml"))


@pytest.fixture(scope="module")
def docs():
    return {p.name: read_document(p) for p in FILES}


@pytest.fixture(scope="module")
def records(docs):
    return {name: extract_document(doc) for name, doc in docs.items()}


def lines(doc):
    return doc.text.split("\n")


def test_every_real_file_reads_with_its_doctype_namespaces_and_metadata(docs):
    # DOCTYPE with an external DTD, xmlns:mml/xlink, <?properties?>, comments in <permissions>
    expected = {
        "cc11003.nxml": ("10.1186/cc11003", 2012),
        "mds526.excerpt.nxml": ("10.1093/annonc/mds526", 2012),
        "1472-6831-8-11.excerpt.nxml": ("10.1186/1472-6831-8-11", 2008),
        "pone.0016976.excerpt.xml": ("10.1371/journal.pone.0016976", 2011),
        "pone.0047391.excerpt.xml": ("10.1371/journal.pone.0047391", 2012),
        "pmed.1001518.excerpt.xml": ("10.1371/journal.pmed.1001518", 2013),
    }
    assert set(expected) <= set(docs)
    for name, (doi, year) in expected.items():
        assert (docs[name].doi, docs[name].year) == (doi, year), name
        assert docs[name].title and not docs[name].title.startswith("<")


def test_a_folder_yields_its_nxml_files():
    # PMC ships JATS as .nxml; `extract DIR/` must not skip them (nor take the README and the audit csv)
    assert find_files([REAL]) == ([str(p) for p in FILES], [])


def test_break_inside_a_table_cell_keeps_the_row_on_one_line(docs):
    # mds526 Table 1 prints each cell as "2219 <break/><italic>45%</italic>"
    text = lines(docs["mds526.excerpt.nxml"])
    row = next(line for line in text if line.startswith("Stage I\t"))
    assert row.startswith("Stage I\t2219 45%\t8595 38%\t1489 12%")
    assert row.endswith("25 703 26%")
    assert not any(re.fullmatch(r"\d+%(\t\d[\d ]* ?)?", line) for line in text)  # no orphan "45%  8595"
    # negative: the rows themselves still end at </tr>
    assert "Stage II\t1403 28%" in text[text.index(row) + 1]


def test_break_in_a_cell_gives_each_cell_its_percent(docs, records):
    # the percents of the "Stage I" row are read from that one row (whatever the table reader names them)
    text = docs["mds526.excerpt.nxml"].text
    start = text.index("Stage I\t2219")
    end = text.index("\n", start)
    in_row = [r.value for r in records["mds526.excerpt.nxml"] if r.kind == "percent" and start <= r.char_start < end]
    assert in_row[:3] == [45.0, 38.0, 12.0]


def test_table_footnote_marker_is_not_glued_to_a_header(docs):
    # pone.0016976 Table 4: "No. of episodes<xref ref-type="table-fn" rid="nt104">A</xref>"
    text = docs["pone.0016976.excerpt.xml"].text
    assert "No. of episodes\tIncidence Rate per 1000 PYAR" in text
    assert "episodesA" not in text
    # negative: a bibliography xref between words stays ("Cisse (2006) [20]")
    assert "Cisse (2006) [20]\tNiakhar\tSP+AS\t542" in text
    # pmed.1001518 Table 3: "ANCOVA<xref ref-type="table-fn">a</xref>" must not read "ANCOVAa"
    rct = docs["pmed.1001518.excerpt.xml"].text
    assert "ANCOVA\t3\t452\t9.8\t0.41" in rct and "ANCOVAa" not in rct and "Mixedb" not in rct


def test_alternatives_graphic_and_figure_files_leave_no_text(docs):
    text = docs["pone.0016976.excerpt.xml"].text
    assert "info:doi" not in text and ".t004" not in text
    assert "Figure 2\n\nEffect of IPTc on clinical malaria" in text  # the caption stays


def test_italic_p_next_to_its_operator_reads_as_one_p_value(records):
    # cc11003: "(<italic>P </italic>= 0.002)"
    p = [r for r in records["cc11003.nxml"] if r.kind == "p" and r.text.startswith("P")]
    assert [(r.op, r.value) for r in p] == [("=", 0.002), ("=", 0.019), ("=", 0.007)]


def test_back_matter_references_give_no_text_and_no_records(docs, records):
    doc = docs["cc11003.nxml"]
    assert "Med Intensiva" not in doc.text and "Curr Opin Crit Care" not in doc.text
    assert not any("Chest" in r.sentence or r.value in (2006, 2008, 133, 151) for r in records["cc11003.nxml"])


def test_superscript_footnote_letters_do_not_touch_p_values(docs, records):
    # mds526 Table 3: "<0.001<sup>b</sup>", header "<italic>P</italic><sup>a</sup>"
    text = docs["mds526.excerpt.nxml"].text
    assert "<0.001\t0.79 (0.69, 0.90)" in text and "0.001b" not in text
    p_values = {r.value for r in records["mds526.excerpt.nxml"] if r.kind == "p"}
    assert 0.001 in p_values and p_values <= {0.001, 0.002, 0.003, 0.007, 0.009, 0.01, 0.032, 0.065,
                                              0.126, 0.372, 0.362, 0.391, 0.915}


def test_every_record_offset_indexes_the_text(docs, records):
    for name, recs in records.items():
        text = docs[name].text
        for r in recs:
            assert text[r.char_start:r.char_end] == r.text, (name, r.text)


def test_html_br_and_paragraphs_inside_a_cell_keep_the_row(tmp_path):
    # mds526 Table 1 as PMC's HTML pages print it: <br/> between a count and its italic percent,
    # and a cell wrapped in <p>; </td> omitted, as HTML allows.
    page = tmp_path / "mds526.html"
    page.write_text("<html><body><table><tr><th></th><th>Bladder</th><th>Breast</th></tr>"
                    "<tr><td>Stage I</td><td>2219 <br/><i>45%</i></td><td><p>8595</p><p><i>38%</i></p></td></tr>"
                    "<tr><td>Stage II<td>1403 <br><i>28%</i><td>9124 <br><i>41%</i></tr></table>"
                    "<p>Considering socio-demographic inequalities<br>for all cancers together.</p></body></html>",
                    encoding="utf-8")
    text = read_document(page).text.split("\n")
    assert "Stage I\t2219 45%\t8595 38%" in text
    assert "Stage II\t1403 28%\t9124 41%" in text  # negative: a new <tr> still starts a new line
    assert text.index("Stage II\t1403 28%\t9124 41%") == text.index("Stage I\t2219 45%\t8595 38%") + 1
