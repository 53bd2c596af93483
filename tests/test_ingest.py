"""read_document(): every reader, reading order on generated journal PDFs, offsets, bad input."""

import hashlib
from pathlib import Path
import re
import unicodedata

import pdfplumber
import pytest
from click.testing import CliRunner

from evidencekit.cli import cli
from evidencekit.errors import DocumentError
from evidencekit.ingest import find_doi, find_year, read_document
from evidencekit.records import PAGE_MARKER

# Same-meaning characters the normaliser may put in place of an original one.
_EQUIVALENT = {"\u2212": "-", "\u2010": "-", "\u2013": "-\u2013", "\u2012": "-", "\u00b7": ".",
               "\u2009": " ", "\u00a0": " ", "\u202f": " "}


def assert_origin_matches(doc, original_chars):
    """Every non-inserted character of doc.text came from the original character its origin names.

    original_chars(page, index) -> the original text at that position (a pdfplumber char's text, or one
    character of the decoded file).
    """
    checked = 0
    for j, ch in enumerate(doc.text):
        o = doc.origin[j]
        if o < 0:
            continue
        src = original_chars(doc.page_of(j), o)
        ok = ch in unicodedata.normalize("NFKC", src) + _EQUIVALENT.get(src, "") or src in "&"
        assert ok, f"text[{j}]={ch!r} but origin {o} is {src!r}"
        checked += 1
    assert checked > 0.7 * len(doc.text.replace(" ", ""))


def pdf_chars(path):
    with pdfplumber.open(path) as pdf:
        pages = [[c["text"] for c in page.chars] for page in pdf.pages]
    return lambda page, index: pages[page - 1][index]


def sentences(text):
    """The sentences of a plain-text article (paragraphs split at sentence ends)."""
    out = []
    for para in text.split("\n\n"):
        para = " ".join(para.split())
        out += [s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", para) if s]
    return out


LOREM = ("Participants received ketamine {k} as an intravenous infusion over forty minutes and were followed "
         "for two weeks with weekly ratings of depressive symptoms and pain intensity by blinded raters.")


# --- plain text ---------------------------------------------------------------------------------------

def test_plain_text_document(tmp_path, seed_text):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "txt"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.page_count == 1 and doc.page_starts == (0,)
    assert doc.title == "Ketamine Infusions Improve Symptoms of Depression and Pain"
    assert doc.doi == "10.3389/fpsyt.2022.793677"
    assert doc.year == 2022  # from the citation, not "between 2016 and 2018"
    for sentence in sentences(seed_text):
        assert sentence in doc.text
    source = seed_text
    assert_origin_matches(doc, lambda page, i: source[i])


def test_text_encodings(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffP\u2009<\u2009.001 and \u22120\u00b7992".encode("utf-8"))
    assert read_document(bom).text == "P < .001 and -0.992"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(b"Caf\xe9 patients: \x960\xb75 (range 2\x963)")
    assert read_document(legacy).text == "Caf\u00e9 patients: -0.5 (range 2\u20133)"


def test_form_feeds_are_page_breaks(tmp_path):
    path = tmp_path / "pages.txt"
    path.write_text("First page text.\fSecond page text.", encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "First page text." + PAGE_MARKER.format(n=2) + "Second page text."
    assert doc.page_count == 2
    start = doc.text.index("Second")
    assert doc.page_of(start) == 2 and doc.origin_of(start) == (2, 17)


# --- HTML ---------------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Ketamine for pain | Journal</title>
<meta name="citation_doi" content="doi:10.1000/ek.2021.7">
<meta name="citation_publication_date" content="2021/05/03">
<style>p { color: red }</style><script>var p = "P = 0.5";</script></head>
<body><nav><a href="/">Home</a> Menu</nav><header>Site header</header>
<h1>Ketamine for pain</h1>
<p>Ketamine reduced pain
   (b, &minus;0&middot;992; P&nbsp;&lt;&nbsp;.001) in <b>all</b> pa<i>tients</i>.</p>
<table><caption>Table 1. Effects</caption>
<tr><th>Outcome</th><th>b</th><th>P</th></tr>
<tr><td>VAS</td><td>&#8722;0.992</td><td>&lt;0.001</td></tr>
</table>
<aside>Related content</aside><footer>Copyright footer 1999</footer>
<form><input name=q> Search</form><noscript>Enable JS</noscript>
</body></html>"""


def test_html_document(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(HTML, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.text == ("Ketamine for pain\n\n"
                        "Ketamine reduced pain (b, -0.992; P < .001) in all patients.\n\n"
                        "Table 1. Effects\n\n"
                        "Outcome\tb\tP\n"
                        "VAS\t-0.992\t<0.001")
    assert (doc.title, doc.doi, doc.year) == ("Ketamine for pain", "10.1000/ek.2021.7", 2021)
    assert_origin_matches(doc, lambda page, i: HTML[i])
    # An entity maps to the start of its reference.
    minus = doc.text.index("-0.992")
    assert HTML[doc.origin[minus]:].startswith("&minus;")


def test_html_superscripts(tmp_path):
    path = tmp_path / "sup.html"
    path.write_text("<p>Ketamine improved MADRS<sup>12</sup> (P&lt;.001<sup>23,24</sup>), I<sup>2</sup> = 45%, "
                    "P = 2 &times; 10<sup>&minus;5</sup>, see [<a>3</a>].</p>", encoding="utf-8")
    assert read_document(path).text == "Ketamine improved MADRS (P<.001), I2 = 45%, P = 2 \u00d7 10^-5, see [3]."


def test_html_without_closing_head(tmp_path):
    path = tmp_path / "nohead.html"
    path.write_text("<html><head><title>T</title><meta charset=utf-8><body><p>Body text.</p>", encoding="utf-8")
    assert read_document(path).text == "Body text."


def test_html_with_nothing_but_scripts_is_an_error(tmp_path):
    path = tmp_path / "scripts.html"
    path.write_text("<html><script>" + "var a = 1;" * 1000 + "</script><style>x{}</style></html>")
    with pytest.raises(DocumentError, match="no text found"):
        read_document(path)


# --- JATS ---------------------------------------------------------------------------------------------

JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1-mathml3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
<front><journal-meta><journal-title-group><journal-title>Front Psychiatry</journal-title></journal-title-group></journal-meta>
<article-meta><article-id pub-id-type="pmid">35000000</article-id><article-id pub-id-type="doi">10.3389/fpsyt.2022.793677</article-id>
<title-group><article-title>Pre-treatment pain symptoms influence antidepressant response to ketamine</article-title></title-group>
<contrib-group><contrib><name><surname>Lan</surname></name></contrib></contrib-group>
<pub-date pub-type="collection"><year>2021</year></pub-date>
<pub-date pub-type="epub"><day>1</day><month>2</month><year>2022</year></pub-date>
<abstract><sec><title>Background</title><p>Pain &amp; depression co&#x2010;occur in &#x00E5;ll&nbsp;wards.</p></sec></abstract>
</article-meta></front>
<body><sec><title>Results</title><p>Ketamine reduced VAS (b, &#x2212;0&#x00B7;992; <italic>P</italic> &lt; .001)<xref ref-type="bibr" rid="B1">1</xref>. Pain fell [<xref ref-type="bibr" rid="B1">1</xref>], I<sup>2</sup> = 40%.</p>
<table-wrap id="T1"><label>Table 1</label><caption><p>Effects on pain.</p></caption><table><thead><tr><th>Scale</th><th>b</th><th>P</th></tr></thead>
<tbody><tr><td>VAS</td><td>&#x2212;0.992</td><td>&lt;0.001</td></tr><tr><td>Sensory index</td><td>&#x2212;1.017</td><td>&lt;0.001</td></tr></tbody></table></table-wrap>
</sec></body>
<back><ref-list><ref id="B1"><mixed-citation>Someone A. Old trial. 2019;3:44.</mixed-citation></ref></ref-list></back></article>
"""


def test_jats_document(tmp_path):
    path = tmp_path / "article.xml"
    path.write_text(JATS, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "jats"
    assert doc.text == ("Pre-treatment pain symptoms influence antidepressant response to ketamine\n\n"
                        "Background\n\nPain & depression co-occur in \u00e5ll wards.\n\n"
                        "Results\n\nKetamine reduced VAS (b, -0.992; P < .001). Pain fell [1], I2 = 40%.\n\n"
                        "Table 1\n\nEffects on pain.\n\n"
                        "Scale\tb\tP\nVAS\t-0.992\t<0.001\nSensory index\t-1.017\t<0.001")
    assert doc.title.startswith("Pre-treatment pain symptoms")
    assert doc.doi == "10.3389/fpsyt.2022.793677"
    assert doc.year == 2022  # the epub date, not the collection year
    assert "Someone" not in doc.text  # references are skipped
    assert_origin_matches(doc, lambda page, i: JATS[i])


@pytest.mark.parametrize("xml, reason", [
    ("<article><body><p>unclosed</body></article>", "malformed XML: mismatched tag"),
    ("<html><p>x</p></html>", r"not a JATS article \(root element <html>\)"),
    ("<article><front/></article>", "neither an abstract nor a body"),
    ("<article><body><p>&undefined;</p></body></article>", "malformed XML: undefined entity"),
    ("<article><body>" + "<sec>" * 5000 + "x" + "</sec>" * 5000 + "</body></article>", "nested more than"),
    ("<?xml version='1.0'?><!DOCTYPE a [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
     "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
     "<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'><!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>"
     "<!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'><!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>]>"
     "<article><body><p>&h;</p></body></article>", "malformed XML"),
])
def test_malformed_jats(tmp_path, xml, reason):
    path = tmp_path / "bad.xml"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(DocumentError, match=reason):
        read_document(path)


# --- PDF ----------------------------------------------------------------------------------------------

def test_two_column_reading_order(make_pdf):
    paragraphs = [LOREM.format(k=f"P{k}") for k in range(1, 41)]  # two pages: the header repeats
    path = make_pdf("two.pdf", [paragraphs], columns=2, title="A Trial of Ketamine in Depression",
                    abstract="Abstract. " + LOREM.format(k="ABSTRACT"), header="J Psychiatr Res {n}",
                    page_numbers="Page {n} of {total}", bottom_note="Correspondence: a@b.org. " * 3)
    doc = read_document(path)
    # Page 1 ends with its full-width footnote, after both columns; a paragraph runs on to page 2.
    note = "\n\n" + " ".join(["Correspondence: a@b.org."] * 3) + PAGE_MARKER.format(n=2)
    assert doc.page_count == 2 and note in doc.text
    joined = doc.text.replace(note, " ")
    order = [joined.index(LOREM.format(k=k)) for k in ["ABSTRACT"] + [f"P{i}" for i in range(1, 41)]]
    assert order == sorted(order), "paragraphs out of order"
    assert doc.text.startswith("A Trial of Ketamine in Depression\n\nAbstract. ")
    assert doc.title == "A Trial of Ketamine in Depression"
    assert "J Psychiatr Res" not in doc.text and "Page 1 of" not in doc.text
    assert_origin_matches(doc, pdf_chars(path))


def test_columns_are_not_interleaved_by_line(make_pdf):
    left = LOREM.format(k="LEFT") + " " + LOREM.format(k="LEFT2")
    right = LOREM.format(k="RIGHT") + " " + LOREM.format(k="RIGHT2")
    # Enough text to fill the first column so the second begins at the top of the right column.
    filler = [LOREM.format(k=f"F{i}") for i in range(12)]
    path = make_pdf("cols.pdf", [[left] + filler + [right]], columns=2)
    doc = read_document(path)
    for para in [left, right] + filler:
        assert para in doc.text
    assert doc.text.index(left) < doc.text.index(filler[-1]) < doc.text.index(right)


def test_running_headers_and_page_numbers_are_dropped(make_pdf):
    names = {1: "one", 2: "two", 3: "three"}
    pages = [[LOREM.format(k=f"page {names[n]}")] for n in range(1, 4)]
    path = make_pdf("run.pdf", pages, columns=1, header="Journal of Affective Disorders 2022;300:1-9",
                    page_numbers="{n}")
    doc = read_document(path)
    assert doc.page_count == 3
    assert "Journal of Affective" not in doc.text
    for n in range(1, 4):
        page_text = doc.text[doc.page_starts[n - 1]:]
        assert page_text.startswith(LOREM.format(k=f"page {names[n]}"))
    assert doc.text.count("--- page") == 2
    assert not re.search(r"^\d+$", doc.text, re.M)


def test_table_rows_keep_cells_apart(make_pdf):
    table = [["Scale", "b", "P"], ["VAS", "\u22120\u00b7992", "<0\u00b7001"],
             ["Sensory index", "\u22121\u00b7017", "<0\u00b7001"]]
    path = make_pdf("table.pdf", [["Table 2. Effects of ketamine on pain.", {"table": table},
                                   LOREM.format(k="after")]], columns=1, unicode=True)
    doc = read_document(path)
    assert "Scale  b  P\nVAS  -0.992  <0.001\nSensory index  -1.017  <0.001\n" in doc.text
    assert_origin_matches(doc, pdf_chars(path))


def test_table_in_a_two_column_page(make_pdf):
    table = [["Scale", "b", "P"], ["VAS", "-0.992", "<0.001"], ["MPQ", "-1.017", "<0.001"]]
    items = [LOREM.format(k=f"A{i}") for i in range(4)] + [{"table": table}] + \
            [LOREM.format(k=f"B{i}") for i in range(8)]
    doc = read_document(make_pdf("t2.pdf", [items], columns=2))
    assert "Scale  b  P\nVAS  -0.992  <0.001\nMPQ  -1.017  <0.001" in doc.text


@pytest.mark.parametrize("justify, word", [(True, "intravenously"), ("wordspace", "pharmacokinetically")])
def test_justified_prose_is_not_mistaken_for_a_table(make_pdf, justify, word):
    # Long words make loose lines whose word gaps exceed 1.5 character widths. Without space chars
    # (LaTeX) a gap is known to be a word gap only when the line has three or more equal ones.
    paragraphs = [f"Antidepressant {i} responses: " + LOREM.format(k=word) for i in range(8)]
    doc = read_document(make_pdf("just.pdf", [paragraphs], columns=2, justify=justify, font_size=10))
    for para in paragraphs:
        assert para in doc.text


def test_wide_table_on_a_one_column_page_is_not_split_into_columns(make_pdf):
    table = [["Outcome", "Placebo", "Esk 28 mg", "Esk 56 mg", "Esk 84 mg"]] + [
        [f"Measure {name}, mean (SD)", "35.0 (5.18)", "31.3 (3.80)", "33.2 (6.26)", "35.0 (4.22)"]
        for name in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")]
    doc = read_document(make_pdf("wide.pdf", [["Table 1. MADRS total score by arm.", {"table": table}]]))
    assert "Outcome  Placebo  Esk 28 mg  Esk 56 mg  Esk 84 mg\n" in doc.text
    assert "Measure zeta, mean (SD)  35.0 (5.18)  31.3 (3.80)  33.2 (6.26)  35.0 (4.22)" in doc.text


def test_journal_line_of_a_one_page_document_is_dropped(make_pdf):
    doc = read_document(make_pdf("one.pdf", [[LOREM.format(k="x")]], header="Psychiatry Advisor | News"))
    assert doc.text == LOREM.format(k="x")


def test_line_break_hyphen_in_a_pdf(make_pdf):
    doc = read_document(make_pdf("hy.pdf", [["The treat-\nment with ketamine and pre-\ntreatment pain "
                                             "scores on the HAM-\nD were recorded."]]))
    assert "The treatment with ketamine and pre-treatment pain scores on the HAM-D were recorded." in doc.text


def test_headings_start_paragraphs(make_pdf):
    doc = read_document(make_pdf("h.pdf", [[{"heading": "Methods"}, LOREM.format(k="m"),
                                            {"heading": "Results"}, LOREM.format(k="r")]]))
    assert doc.text == f"Methods\n\n{LOREM.format(k='m')}\n\nResults\n\n{LOREM.format(k='r')}"


def split_seed(seed_text):
    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    return paragraphs[0], paragraphs[1], paragraphs[2:]


def lancet(text):
    """The seed as a Lancet-style journal prints it: Unicode minus, middle-dot decimals, thin spaces."""
    text = re.sub(r"-(\d)\.(\d)", "\u2212\\1\u00b7\\2", text)
    return text.replace("P < .001", "P\u2009<\u2009.001")


def test_seed_article_two_column_pdf(make_pdf, seed_text, tmp_path):
    title, standfirst, body = split_seed(seed_text)
    path = make_pdf("seed.pdf", [[lancet(p) for p in body[:5]], [lancet(p) for p in body[5:]]], columns=2,
                    title=title, abstract=standfirst, header="Psychiatry Advisor \u2022 Ketamine",
                    page_numbers="Page {n} of {total}", unicode=True)
    doc = read_document(path)
    assert doc.page_count == 2
    assert doc.title == title
    assert doc.doi == "10.3389/fpsyt.2022.793677" and doc.year == 2022
    position = 0
    for sentence in sentences(seed_text):
        found = doc.text.find(sentence, position)
        assert found >= 0, f"sentence not whole or out of order: {sentence!r}"
        position = found + len(sentence)
    assert "(b, -0.992; P <.001)" in doc.text and "(b, -1.021; P < .001)" in doc.text
    assert "Psychiatry Advisor \u2022" not in doc.text and "Page 1 of 2" not in doc.text
    assert_origin_matches(doc, pdf_chars(path))
    # The `text` command prints exactly Document.text.
    result = CliRunner().invoke(cli, ["text", str(path)])
    assert result.exit_code == 0 and result.output == doc.text + "\n"


def test_pdf_origin_points_into_page_chars(make_pdf):
    path = make_pdf("o.pdf", [["Ketamine 0.5 mg/kg."], ["Second page MADRS 25."]])
    doc = read_document(path)
    j = doc.text.index("MADRS")
    page, index = doc.origin_of(j)
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page - 1].chars
    assert page == 2 and "".join(c["text"] for c in chars[index:index + 5]) == "MADRS"


def test_encrypted_pdf_with_an_empty_user_password_is_read(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "owner_only.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0))
    c.drawString(72, 700, "Readable though encrypted.")
    c.showPage()
    c.save()
    assert read_document(path).text == "Readable though encrypted."


# --- metadata from text ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, doi", [
    ("see doi:10.3389/fpsyt.2022.793677.", "10.3389/fpsyt.2022.793677"),
    ("https://doi.org/10.1016/S0140-6736(20)30123-4).", "10.1016/S0140-6736(20)30123-4"),
    ("(10.1001/jama.2019.1234)", "10.1001/jama.2019.1234"),
    ("ref 10.1000/first; DOI: 10.1000/own,", "10.1000/own"),
    ("no identifier 10.12/x here", None),
])
def test_find_doi(text, doi):
    assert find_doi(text) == doi


@pytest.mark.parametrize("text, year", [
    ("between 2016 and 2018. Frontline Psychiatry. 2022;13:793677.", 2022),
    ("Received 3 May 2019; Published online: 12 March 2020", 2020),
    ("Am J Psychiatry 2006 Aug;163(8):1234", 2006),
    ("© 2015 Elsevier", 2015),
    ("Pain. 2009;147(1-3):107-115.", 2009),
    ("Berman RM, Anand A, et al. Biological Psychiatry, 15 February 2000, pages 351-354.", 2000),
    ("from 2010 to 2014 in 1200 patients", None),
])
def test_find_year(text, year):
    assert find_year(text) == year


# --- bad input ----------------------------------------------------------------------------------------

@pytest.fixture
def bad_files(tmp_path, make_pdf):
    good = make_pdf("good.pdf", [["A readable page of text."]])
    data = good.read_bytes()
    files = {}

    def put(name, content):
        path = tmp_path / name
        path.write_bytes(content)
        files[name] = path

    put("empty.pdf", b"")
    put("truncated.pdf", data[: len(data) // 2])
    put("corrupt.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    put("not_a_pdf.pdf", b"Just a text file pretending.\n")
    # Cross-reference offsets point nowhere, /Root dangles, objects garbled so they cannot be rescanned.
    broken = re.sub(rb"\d{10} 00000 n", b"9999999999 00000 n", data)
    broken = re.sub(rb"/Root \d+ 0 R", b"/Root 999 0 R", broken)
    put("bad_xref.pdf", re.sub(rb"(\d+) 0 obj", rb"\1 0 jbo", broken))
    put("binary.txt", bytes(range(256)) * 20)
    put("report.docx", b"PK\x03\x04 zip bytes")
    files["encrypted.pdf"] = make_pdf("encrypted.pdf", [["Secret."]], encrypt="secret")
    files["scanned.pdf"] = make_pdf("scanned.pdf", [[{"image": True}]])
    files["missing.pdf"] = tmp_path / "missing.pdf"
    return files


REASONS = {
    "empty.pdf": "empty file (0 bytes)",
    "truncated.pdf": "corrupt or truncated PDF: ",
    "corrupt.pdf": "corrupt or truncated PDF: ",
    "bad_xref.pdf": "corrupt or truncated PDF: ",
    "not_a_pdf.pdf": "not a PDF (no %PDF- header)",
    "binary.txt": "not a text file",
    "report.docx": "unsupported file type '.docx'",
    "encrypted.pdf": "encrypted PDF; a password is needed",
    "scanned.pdf": "no text layer (scanned?); OCR it first",
    "missing.pdf": "no such file",
}


@pytest.mark.parametrize("name", sorted(REASONS))
def test_bad_input_raises_document_error(bad_files, name):
    with pytest.raises(DocumentError) as err:
        read_document(bad_files[name])
    assert err.value.reason.startswith(REASONS[name])
    assert err.value.path == str(bad_files[name])


def test_cut_anywhere_a_pdf_fails_cleanly(make_pdf, tmp_path):
    data = make_pdf("whole.pdf", [[LOREM.format(k="x")]], columns=1).read_bytes()
    for cut in range(10, len(data), max(1, len(data) // 25)):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(data[:cut])
        with pytest.raises(DocumentError):
            read_document(path)


def test_cli_reads_good_files_and_reports_each_bad_one(bad_files, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Ketamine reduced MADRS scores (P\u2009<\u2009.001).", encoding="utf-8")
    bad = [str(bad_files[name]) for name in sorted(REASONS)]
    result = CliRunner().invoke(cli, ["text", str(good)] + bad)
    assert result.exit_code == 1
    assert "Ketamine reduced MADRS scores (P < .001)." in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(bad)
    for line, name in zip(errors, sorted(REASONS)):
        assert line.startswith(f"evidencekit: {bad_files[name]}: {REASONS[name]}")


def test_cli_exit_status_is_zero_when_all_files_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Fine.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["text", str(good)])
    assert result.exit_code == 0 and result.stdout == "Fine.\n"


# --- the fast char path -------------------------------------------------------------------------------

CORPUS_PDFS = sorted((Path(__file__).parent.parent / "corpora").glob("*.pdf"))


def test_page_chars_equal_pdfplumber_chars(make_pdf, seed_text):
    """Origins index pdfplumber's page.chars; the reader reads the pdfminer layout directly, so prove the
    two lists are the same -- order, text, coordinates, size, font, orientation -- char for char."""
    from evidencekit._pdflayout import page_chars, plumber_chars

    title, standfirst, body = split_seed(seed_text)
    generated = [
        make_pdf("seed.pdf", [[lancet(p) for p in body]], columns=2, title=title, abstract=standfirst,
                 header="Header {n}", page_numbers="{n}", unicode=True, justify="wordspace"),
        make_pdf("table.pdf", [[{"table": [["a", "b"], ["1", "2"]]}, {"image": True}, "ﬁnal text."]]),
    ]
    for path in generated + CORPUS_PDFS:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                assert page_chars(page) == plumber_chars(page), f"{path} page {page.page_number}"


def test_symbol_font_without_unicode_map(tmp_path):
    """pdfminer decodes the base-14 Symbol font through StandardEncoding ("≤" -> "£"); the reader fixes it."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "symbol.pdf"
    c = canvas.Canvas(str(path))
    x = 72
    for font, text in [("Helvetica", "Remission (HAM-D "), ("Symbol", "≤"), ("Helvetica", "7) at day 3, "),
                       ("Symbol", "β"), ("Helvetica", " = 0.4 "), ("Symbol", "±"), ("Helvetica", " 0.1, "),
                       ("Symbol", "χ"), ("Helvetica", "2 = 5.1, 38 "), ("Symbol", "°"), ("Helvetica", "C.")]:
        c.setFont(font, 11)
        c.drawString(x, 700, text)
        x += c.stringWidth(text, font, 11)
    c.showPage()
    c.save()
    # pdfminer measures these glyphs by the wrong names, so spaces may appear around them.
    text = read_document(path).text.replace(" ", "")
    assert text == "Remission(HAM-D≤7)atday3,β=0.4±0.1,χ2=5.1,38°C."


# --- any bytes: a Document or a DocumentError, nothing else --------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_MARKUP = st.sampled_from(["<p>", "</p>", "<table>", "<tr>", "<td>", "</td>", "<script>", "</script>",
                           "&amp;", "&#x2212;", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->", "<article>",
                           "</article>", "<body>", "</body>", "<sec>", "<title>", "<?xml version='1.0'?>",
                           "<!DOCTYPE x [<!ENTITY e 'x'>]>", "&e;", "<", ">", "\x00", "\ufeff", "\u2212"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300),
                      st.lists(st.one_of(_MARKUP, st.text(max_size=20)), max_size=30).map(
                          lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html", ".xml"]))
def test_any_bytes_give_a_document_or_a_document_error(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except DocumentError as err:
        assert err.reason and "\n" not in err.reason
        return
    assert len(doc.origin) == len(doc.text) and doc.page_starts[0] == 0
    assert all(-1 <= o < len(data) for o in doc.origin)


def test_damaged_pdfs_give_a_document_or_a_document_error(make_pdf, tmp_path):
    """Random byte damage (seeded) anywhere in a PDF: pdfminer raises all sorts of exceptions on such
    files, and pdfplumber's close() raises again; read_document must turn each into a DocumentError."""
    import random

    data = make_pdf("whole.pdf", [["Ketamine reduced MADRS (P < .001).", {"table": [["a", "b"], ["1", "2"]]}],
                                  ["Page two text here."]]).read_bytes()
    rng = random.Random(1)
    path = tmp_path / "damaged.pdf"
    for _ in range(80):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        try:
            read_document(path)
        except DocumentError as err:
            assert err.reason and "\n" not in err.reason


def test_superscripts(tmp_path):
    """Raised small type: citation markers go (they would glue onto numbers: P<.001²³ -> P<.00123),
    powers of ten get a caret, and the squares of χ², I², R² join their symbol."""
    from reportlab.pdfgen import canvas

    from conftest import _fonts

    regular, _ = _fonts(unicode=True)
    path = tmp_path / "sup.pdf"
    c = canvas.Canvas(str(path))
    x = 72
    for text, raised in [("Ketamine improved MADRS scores", False), ("12", True), (" (P<.001)", False),
                         ("23,24", True), (", I", False), ("2", True), (" = 45%, \u03c7", False), ("2", True),
                         (" = 3.1 and P = 2 \u00d7 10", False), ("\u22125", True), (" in treatment", False),
                         ("3", True), (".", False)]:
        size = 6 if raised else 10
        c.setFont(regular, size)
        c.drawString(x, 703.5 if raised else 700, text)
        x += c.stringWidth(text, regular, size)
    c.showPage()
    c.save()
    doc = read_document(path)
    assert doc.text == ("Ketamine improved MADRS scores (P<.001), I2 = 45%, \u03c72 = 3.1 and "
                        "P = 2 \u00d7 10^-5 in treatment.")
    assert_origin_matches(doc, pdf_chars(path))


@pytest.mark.parametrize("turn", [90, -90, "page"])
def test_sideways_text_is_read_upright(tmp_path, turn):
    """A landscape table printed sideways on a portrait page (either way round), or a page whose
    /Rotate turns it: lines in reading order, cells apart."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "sideways.pdf"
    c = canvas.Canvas(str(path))
    if turn == "page":
        c.setPageRotation(90)
    else:
        c.translate(300, 400)
        c.rotate(turn)
        c.translate(-250, 0)
    rows = [("Table 3. Pain scores by arm", ""), ("Scale", "Ketamine  Placebo"),
            ("VAS", "2.68 \u00b1 0.51  5.45 \u00b1 0.48"), ("McGill", "10.1  14.2")]
    for k, (label, cells) in enumerate(rows):
        c.setFont("Helvetica", 10)
        c.drawString(0 if turn != "page" else 72, (0 if turn != "page" else 700) - 14 * k, label)
        x = 120 if turn != "page" else 192
        for cell in cells.split("  ") if cells else []:
            c.drawString(x, (0 if turn != "page" else 700) - 14 * k, cell)
            x += 90
    c.showPage()
    c.save()
    doc = read_document(path)
    assert doc.text == ("Table 3. Pain scores by arm\nScale  Ketamine  Placebo\n"
                        "VAS  2.68 \u00b1 0.51  5.45 \u00b1 0.48\nMcGill  10.1  14.2")


def test_wrapped_row_label_rejoins_its_row(make_pdf):
    table = [["Outcome", "Ketamine", "Placebo"],
             ["24 h: LS mean difference from", "-9.1 (3.08)", "-5.0 (2.99)"],
             ["placebo (SE)", "", ""],
             ["Secondary outcomes", "", ""],
             ["Psychomimetic side", "76%", "18%"],
             ["effects", "", ""]]
    doc = read_document(make_pdf("wrap.pdf", [["Table 2. Results.", {"table": table}]]))
    assert doc.text == ("Table 2. Results.\n\nOutcome  Ketamine  Placebo\n"
                        "24 h: LS mean difference from placebo (SE)  -9.1 (3.08)  -5.0 (2.99)\n"
                        "Secondary outcomes\nPsychomimetic side effects  76%  18%")


# --- column detection: short and unequal columns, tables, headings, font sizes ------------------------

def numbered_lines(n, start=1):
    """Sentences short enough for one column line, each a whole line ("\\n" forces the breaks), numbered
    so that their order can be checked."""
    arms = ("ketamine", "placebo", "midazolam")
    return [f"Line {k}: the {arms[k % 3]} arm changed by -{k % 7}.{k % 10} points (P = .0{k % 9 + 1})."
            for k in range(start, start + n)]


def flat(text):
    """The text as one line: page markers, line breaks and runs of spaces become single spaces."""
    return " ".join(re.sub(r"--- page \d+ ---", " ", text).split())


def assert_in_order(text, pieces):
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"not whole or out of order: {piece!r}\n---\n{text}"
        position = found + len(piece)


def left_column_capacity(make_pdf, **options):
    """How many forced lines fill the left column under the given title and abstract: build once with
    too many and count the lines drawn in the left half of page 1."""
    path = make_pdf("probe.pdf", [["\n".join(numbered_lines(150))]], columns=2, **options)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        return sum(1 for w in words if w["text"] == "Line" and w["x0"] < page.width / 2)


ABSTRACT = ("Background: ketamine relieves depression within hours, but its effect on pain in depressed "
            "patients is less clear. Methods: adults with treatment-resistant depression received six "
            "infusions of ketamine 0.5 mg/kg over two weeks; depressive symptoms and pain were rated before "
            "each infusion and one day after the last. ") * 3


@pytest.mark.parametrize("font_size", [9, 9.5, 10])
@pytest.mark.parametrize("spill", [1, 3, 8])
def test_short_right_column_under_a_tall_abstract(make_pdf, font_size, spill):
    # The shape of mercanoglu2022 set in 9 pt: a full-width abstract, a full left column and a few lines
    # at the top of the right column. The rows crossing the gutter (title, abstract) then cover it
    # about as often as the short column covers its own body; the page must still read as two columns.
    options = dict(title="Ketamine for Depression With Pain", abstract=ABSTRACT, font_size=font_size,
                   header="Psychiatry Advisor", page_numbers="{n}")
    capacity = left_column_capacity(make_pdf, **options)
    lines = numbered_lines(capacity + spill)
    doc = read_document(make_pdf("short.pdf", [["\n".join(lines)]], columns=2, **options))
    assert doc.page_count == 1
    assert_in_order(doc.text, [ABSTRACT.strip()] + lines)


@pytest.mark.parametrize("font_size", [9, 10])
def test_columns_of_unequal_length_on_every_page(make_pdf, font_size):
    # Three pages; the last one's right column holds a third of what its left column holds.
    paragraphs = [" ".join(numbered_lines(4, start=4 * k + 1)) for k in range(34)]
    doc = read_document(make_pdf("unequal.pdf", [paragraphs], columns=2, font_size=font_size,
                                 title="Ketamine and Pain", abstract=ABSTRACT, page_numbers="Page {n}"))
    assert doc.page_count >= 2
    assert_in_order(flat(doc.text), paragraphs)


@pytest.mark.parametrize("column", ["left", "right"])
def test_table_inside_one_column(make_pdf, column):
    table = [["Scale", "Baseline", "Day 13", "P"], ["MADRS", "32.1", "14.6", "<.001"],
             ["VAS", "5.2", "2.9", ".004"], ["SF-MPQ", "12.4", "7.7", ".010"]]
    before = [" ".join(numbered_lines(3, start=3 * k + 1)) for k in range(12 if column == "right" else 2)]
    after = [" ".join(numbered_lines(3, start=100 + 3 * k)) for k in range(6)]
    doc = read_document(make_pdf("t.pdf", [before + [{"table": table}] + after], columns=2,
                                 title="Ketamine Trial", abstract=ABSTRACT))
    rows = "Scale  Baseline  Day 13  P\nMADRS  32.1  14.6  <.001\nVAS  5.2  2.9  .004\nSF-MPQ  12.4  7.7  .010"
    assert rows in doc.text
    assert_in_order(flat(doc.text), before + [flat(rows)] + after)


def draw_pdf(path, items, size=9):
    """A one-page PDF of ``items``: (x, y from the top, text, bold) drawn as they are."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    for x, y, text, bold in items:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        c.drawString(x, letter[1] - y, text)
    c.showPage()
    c.save()
    return path


def test_full_width_table_between_column_blocks(tmp_path):
    # Two-column text, a table across the whole page, then two-column text again: each block reads
    # left column then right column, and the table's rows keep their place between them.
    left, right, gutter_x, pitch = 54, 316, 306, 11.5
    items, expected, y = [(left, 60, "A Randomized Trial of Ketamine for Depression With Pain", True)], [], 90
    cells_x = (54, 220, 320, 420, 510)
    table = [["Outcome", "Ketamine (n = 52)", "Placebo (n = 50)", "Difference", "P"],
             ["MADRS, day 1", "18.2 (7.1)", "27.5 (6.8)", "-9.3", "<.001"],
             ["MADRS, day 13", "14.6 (8.0)", "24.9 (7.7)", "-10.3", "<.001"],
             ["VAS pain, day 13", "2.9 (1.8)", "4.8 (2.0)", "-1.9", ".004"]]
    for block in (0, 1):
        lines = numbered_lines(24, start=1 + 24 * block)
        for k in range(12):
            items.append((left, y + k * pitch, lines[k], False))
            items.append((right, y + k * pitch, lines[12 + k], False))
        expected += lines
        y += 12 * pitch + 16
        if block == 0:
            for r, row in enumerate(table):
                items += [(x, y + r * pitch, cell, r == 0) for x, cell in zip(cells_x, row)]
            expected += ["  ".join(row) for row in table]
            y += len(table) * pitch + 16
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert all(stringWidth(line, "Helvetica", 9) < gutter_x - left for line in numbered_lines(48))
    doc = read_document(draw_pdf(tmp_path / "wide-table.pdf", items))
    assert_in_order(doc.text, expected)


@pytest.mark.parametrize("font_size", [9, 10])
@pytest.mark.parametrize("reach", [3, 8])
def test_heading_reaching_into_the_gutter(make_pdf, font_size, reach):
    # A bold heading a little wider than its column runs into the gutter (but not across its middle);
    # it is a heading of the left column, not a full-width line that splits the columns.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    heading = "Secondary outcomes: pain intensity, dissociation and sedation"
    gutter = 20
    column = stringWidth(heading, "Helvetica-Bold", font_size) - reach  # the heading ends `reach` into the gutter
    margin = (612 - gutter - 2 * column) / 2
    first = [" ".join(numbered_lines(3, start=3 * k + 1)) for k in range(5)]
    rest = [" ".join(numbered_lines(3, start=100 + 3 * k)) for k in range(10)]
    doc = read_document(make_pdf("h.pdf", [first + [{"heading": heading}] + rest], columns=2,
                                 font_size=font_size, gutter=gutter, margin=margin, title="Ketamine Trial"))
    assert f"\n\n{heading}\n\n" in doc.text
    assert_in_order(flat(doc.text), first + [heading] + rest)


SECOND_ARTICLE = """Low-dose ketamine for acute pain in the emergency department

Opioids are the usual first choice for severe acute pain, but they depress breathing and many patients still report moderate pain an hour after the first dose. Sub-dissociative ketamine has been proposed as an alternative or an adjunct.

In this randomized trial, 120 adults with acute abdominal, flank or musculoskeletal pain of at least 5 on an 11-point numerical rating scale received ketamine 0.3 mg/kg or morphine 0.1 mg/kg intravenously over 15 minutes. Pain was rated at 15, 30, 60 and 120 minutes.

At 30 minutes the mean pain score fell from 8.6 to 4.1 with ketamine and from 8.5 to 4.6 with morphine; the difference of -0.5 points (95% CI -1.4 to 0.4) was not significant. Rescue fentanyl was needed by 12 patients in the ketamine group and 9 in the morphine group.

Dizziness and a feeling of unreality were more common with ketamine (n = 23 vs n = 4, P < .001), while nausea was similar in both groups. No patient needed airway support or naloxone.

The authors concluded that a single sub-dissociative dose of ketamine gives analgesia comparable to morphine for 30 minutes, with more transient dizziness. They noted that pain returned sooner after ketamine, so a repeat dose or infusion may be needed for longer stays.

Limitations include the single centre, the short follow-up and the lack of a placebo arm; patients with chronic pain or opioid tolerance were excluded, so the findings may not apply to them."""


@pytest.mark.parametrize("article", ["seed", "second"])
@pytest.mark.parametrize("font_size, gutter, margin, justify", [
    (8, 10, 72, False), (8.5, 28, 36, True), (9, 14, 54, False), (9.5, 20, 72, True),
    (10, 20, 36, "wordspace"), (11, 14, 72, False), (11, 28, 54, True)])
def test_two_column_sweep_reads_every_sentence_whole_and_in_order(make_pdf, seed_text, article, font_size,
                                                                  gutter, margin, justify):
    text = seed_text if article == "seed" else SECOND_ARTICLE
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    path = make_pdf("sweep.pdf", [paragraphs[2:]], columns=2, title=paragraphs[0], abstract=paragraphs[1],
                    font_size=font_size, gutter=gutter, margin=margin, justify=justify,
                    header="Journal of Psychopharmacology {n}", page_numbers="{n}", unicode=True)
    doc = read_document(path)
    expected = sentences(unicodedata.normalize("NFKC", "\n\n".join(paragraphs[1:]).replace("\u2212", "-")))
    assert_in_order(flat(doc.text), expected)


def test_cli_stderr_holds_only_the_one_line_reports(make_pdf, tmp_path):
    """pdfminer logs warnings about damaged files; none of them may reach the CLI's stderr."""
    import random
    import subprocess
    import sys

    data = make_pdf("whole.pdf", [["Ketamine reduced MADRS (P < .001)."], ["Page two."]]).read_bytes()
    rng = random.Random(1)
    paths = []
    for k in range(30):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        paths.append(tmp_path / f"damaged{k}.pdf")
        paths[-1].write_bytes(bytes(damaged))
    result = subprocess.run([sys.executable, "-m", "evidencekit", "text", *map(str, paths)],
                            capture_output=True, text=True)
    lines = result.stderr.splitlines()
    assert lines and result.returncode == 1
    assert all(line.startswith("evidencekit: ") for line in lines), lines
