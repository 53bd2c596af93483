"""`evidencekit report`: one static page, values linked to highlighted sentences, nothing runs.

The browser test opens the page in Debian's headless chromium (installed by .ci/install-browser):
it skips without chromium only outside CI; under CI=true a missing browser is a failure.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil

import pytest
from click.testing import CliRunner

from evidencekit.cli import cli
from evidencekit.records import Record
from evidencekit.report import CSP, anchor, context_html, write_report
from seed_records import build_store, document, rct_records, seed_records, sha

HOSTILE_TEXT = (
    "Ketamine for pain <script>window.__pwned=1</script> in a randomized trial\n\n"
    "Methods. <img src=x onerror=\"window.__pwned=1\"> A total of 60 patients were randomized "
    "<script>window.__pwned=1</script> to ketamine or placebo. "
    "Pain fell by 2.1 points (95% CI 1.2 to 3.0; P=.002) more with ketamine.\n"
)
HOSTILE_FILE = 'evil"<img src=x onerror=alert(1)>.txt'
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
DATA_SEED = os.path.join(os.path.dirname(__file__), "data", "seed-article.txt")


def _hostile_records() -> list[Record]:
    t = HOSTILE_TEXT
    out = []
    for needle, kind, extra in (("60", "total_n", dict(value=60)),
                                ("2.1", "md", dict(value=2.1, ci_low=1.2, ci_high=3.0, outcome="pain",
                                                   p_op="=", p_value=0.002))):
        start = t.index(needle, t.index("Methods."))
        sentence_start = t.index("<img src=x") if kind == "total_n" else t.index("Pain fell")
        sentence_end = t.index(".", start + len(needle)) + 1
        out.append(Record(doc_sha256=sha(t), file=HOSTILE_FILE, page=1, char_start=start,
                          char_end=start + len(needle), sentence=t[sentence_start:sentence_end],
                          rule_id=f"test.{kind}", kind=kind, text=needle, **extra))
    return out


def _seed_n104() -> Record:
    return next(r for r in seed_records() if r.kind == "total_n")


@pytest.fixture
def report_dir(tmp_path):
    """A store with the seed, the RCT and a hostile document; one correction, one exclusion, a
    reviewer text with markup; then the report."""
    store = build_store(tmp_path / "evidence.db")
    run = store.begin_run("test", "rules-test", None)
    doc = document(HOSTILE_TEXT, HOSTILE_FILE)
    store.write_document(doc, _hostile_records(), run, "rules-test", "test")
    store.finish_run(run)
    total, md = _hostile_records()
    store.add_correction("set", "<b>mallory</b>", record_id=md.record_id, doc_sha256=md.doc_sha256,
                         field="group", old_value=None, new_value="<script>window.__pwned=1</script>",
                         reason='"><img src=x onerror="window.__pwned=1">', original=md.to_dict())
    vas = next(r for r in seed_records() if r.text == "-0.992")
    store.add_correction("set", "alice", record_id=vas.record_id, doc_sha256=vas.doc_sha256,
                         field="value", old_value="-0.992", new_value="-0.99",
                         reason="rounding as printed in the abstract", original=vas.to_dict())
    dose = next(r for r in rct_records() if r.kind == "dose")
    store.add_correction("exclude", "bob", record_id=dose.record_id, doc_sha256=dose.doc_sha256,
                         reason="duplicate of table value", original=dose.to_dict())
    store.close()
    write_report(tmp_path, pool_if_missing=False)
    return tmp_path


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "nav", "a",
             "table", "tr", "th", "td", "span", "del", "ins", "b", "ul", "li", "section", "div",
             "mark", "s", "img", "pre"}


def _tags(page: str) -> list:
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, attrs))

    parser = Tags()
    parser.feed(page)
    return parser.found


def _links_to(page: str, record_id: str, shown: str) -> bool:
    """A value link: <a href="#src-ID" title="its sentence">shown</a>."""
    return re.search(rf'<a href="#{anchor(record_id)}"( title="[^"<>]*")?>{re.escape(shown)}</a>', page) is not None


def _page(report_dir) -> str:
    return (report_dir / "report.html").read_text(encoding="utf-8")


# ---- the page as text ----------------------------------------------------------------------


def test_n104_links_to_its_highlighted_sentence(report_dir):
    page = _page(report_dir)
    rec = _seed_n104()
    assert _links_to(page, rec.record_id, "104")
    section = re.search(rf'<section class="source" id="{anchor(rec.record_id)}">(.*?)</section>', page, re.S)
    assert section, "no source section for N=104"
    body = section.group(1)
    assert '<span class="sentence">Patients (N=<mark>104</mark>) with treatment-resistant' in body
    assert "seed-article.txt, page 1" in body
    assert "Affiliated Brain Hospital" in body  # the sentence before, as context


def test_document_and_reviewer_text_is_escaped(report_dir):
    page = _page(report_dir)
    assert "<script" not in page.lower()
    # Parsed as a browser would: only the page's own tags, no event handler attributes.
    tags = _tags(page)
    assert {name for name, _ in tags} <= PAGE_TAGS
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert 'evil&quot;&lt;img src=x onerror=alert(1)&gt;.txt' in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;b&gt;mallory&lt;/b&gt;" in page
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    # Self-contained: nothing is fetched from anywhere.
    assert not re.search(r'(src|href)="(?!#|data:)', page)
    assert "<link" not in page


def test_corrections_and_exclusions_marked(report_dir):
    page = _page(report_dir)
    vas = next(r for r in seed_records() if r.text == "-0.992")
    assert re.search(rf'<del>-0\.992</del> → <ins><a href="#{anchor(vas.record_id)}"[^>]*>-0\.99</a></ins>', page)
    assert "by <b>alice</b>" in page and "rounding as printed in the abstract" in page
    excluded = page[page.index('<h2 id="excluded">'):page.index('<h2 id="sources">')]
    assert '<tr class="excluded">' in excluded and "0.5" in excluded
    dose = next(r for r in rct_records() if r.kind == "dose")
    assert f'<section class="source excluded" id="{anchor(dose.record_id)}">' in page


def test_context_falls_back_to_stored_sentence_when_text_moved():
    html_ = context_html("something else entirely", 3, 6, "Patients (N=104) were enrolled.", "104")
    assert "Patients (N=<mark>104</mark>) were enrolled." in html_
    assert "no longer holds this value" in html_


def test_pooled_results_and_plots_embedded(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    build_store(tmp_path / "evidence.db").close()
    pooled = {"outcome": "pain", "measure": "SMD", "k": 3, "method": "REML", "test": "z",
              "estimate": -0.61, "ci_lb": -0.95, "ci_ub": -0.27, "tau2": 0.04, "I2": 31.2,
              "pi_lb": -1.1, "pi_ub": -0.12, "studies": [{"study": "<b>A</b> 2020", "yi": -0.5}]}
    (tmp_path / "pool_pain.json").write_text(json.dumps(pooled))
    fig, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    (tmp_path / "forest_pain.png").write_bytes(buf.getvalue())
    (tmp_path / "funnel_pain.png").write_bytes(b"<svg onload=alert(1)>")  # not a PNG: left out
    result = CliRunner().invoke(cli, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = _page(tmp_path)
    assert "SMD = -0.61 (95% CI -0.95 to -0.27) · k = 3 · τ² = 0.04 · I² = 31.2%" in page
    assert page.count('src="data:image/png;base64,') == 1
    assert "&lt;b&gt;A&lt;/b&gt; 2020" in page and "onload" not in page


def test_report_says_when_nothing_could_be_pooled(tmp_path):
    build_store(tmp_path / "evidence.db").close()
    write_report(tmp_path)
    page = _page(tmp_path)
    pooled = page[page.index('<h2 id="pooled">'):page.index('<h2 id="corrections">')]
    assert "Not pooled:" in pooled or "<img" in pooled


def test_missing_store_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "evidence.db" in result.output


# ---- the page in a real browser ------------------------------------------------------------


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("the selenium package")
    if missing:
        reason = f"headless browser test needs {', '.join(missing)} (run .ci/install-browser)"
        if _under_ci():
            pytest.fail(reason + " — CI must run it", pytrace=False)
        pytest.skip(reason)
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1000,700",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_in_browser_value_link_scrolls_to_marked_sentence_and_nothing_runs(report_dir, browser):
    from selenium.webdriver.common.by import By

    browser.get((report_dir / "report.html").as_uri())
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.find_elements(By.TAG_NAME, "script") == []
    assert all(img.get_attribute("src").startswith("data:") for img in browser.find_elements(By.TAG_NAME, "img"))
    # The hostile markup is on the page as visible text, not as elements.
    body_text = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned=1</script>" in body_text
    assert '<img src=x onerror="window.__pwned=1">' in body_text

    rec = _seed_n104()
    target_id = anchor(rec.record_id)
    top_before = browser.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top", target_id)
    height = browser.execute_script("return window.innerHeight")
    assert top_before > height, "the source must start out of view for the scroll check to mean anything"

    link = browser.find_element(By.CSS_SELECTOR, f'a[href="#{target_id}"]')
    assert link.text == "104"
    link.click()
    assert browser.execute_script("return location.hash") == "#" + target_id
    target = browser.find_element(By.CSS_SELECTOR, ":target")
    assert target.get_attribute("id") == target_id
    top_after = browser.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert 0 <= top_after < height
    mark = target.find_element(By.CSS_SELECTOR, ".sentence mark")
    assert mark.text == "104"
    assert target.find_element(By.CSS_SELECTOR, ".sentence").text.startswith("Patients (N=104) with")
    # :target styling applied (the page's highlight of the linked source).
    assert target.value_of_css_property("border-top-color") != \
        browser.find_element(By.CSS_SELECTOR, ".source:not(:target)").value_of_css_property("border-top-color")

    # The hostile document's value link works too, and still nothing ran.
    hostile = _hostile_records()[0]
    link = browser.find_element(By.CSS_SELECTOR, f'a[href="#{anchor(hostile.record_id)}"]')
    # Centre it first: the table's sticky header covers a link scrolled to the very top.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    target = browser.find_element(By.CSS_SELECTOR, ":target")
    assert target.find_element(By.TAG_NAME, "mark").text == "60"
    assert '<img src=x onerror="window.__pwned=1">' in target.text
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.find_elements(By.TAG_NAME, "script") == []


def test_report_pools_depression_itself_when_nothing_was_pooled(tmp_path):
    from evidencekit.store import open_store
    from seed_records import rct_variant

    store = open_store(tmp_path / "evidence.db")
    run = store.begin_run("test", "rules-test", None)
    for i, numbers in enumerate([(18.2, 6.1, 25.4, 7.3, 20), (15.0, 5.5, 19.1, 6.0, 31),
                                 (21.3, 7.9, 22.0, 8.4, 25)], start=1):
        text, records = rct_variant(i, *numbers)
        store.write_document(document(text, f"trial{i}.txt"), records, run, "rules-test", "test")
    store.finish_run(run)
    store.close()
    write_report(tmp_path)
    assert (tmp_path / "pool_depression.json").is_file()
    pooled = json.loads((tmp_path / "pool_depression.json").read_text())
    page = _page(tmp_path)
    section = page[page.index('<h2 id="pooled">'):page.index('<h2 id="corrections">')]
    assert f"k = {pooled['k']}" in section and pooled["k"] == 3
    assert "forest_depression.png" in section and 'src="data:image/png;base64,' in section
    assert "Not pooled:" in section.split('id="pool-pain"')[1]  # no pain effects: said, not failed
    # Each pooled study row links back to the records it was computed from.
    first_ids = pooled["studies"][0]["record_ids"].split(";")
    assert f'<a href="#{anchor(first_ids[0])}">' in section


def test_issue5_done_when_extract_correct_exclude_table_report(tmp_path, browser):
    """The issue's path on the seed article with the real rules: extract, correct two values,
    exclude one record, export xlsx with them applied, and N=104 links to its marked sentence."""
    from selenium.webdriver.common.by import By

    from evidencekit.store import open_store

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    shutil.copy(DATA_SEED, corpus / "seed-article.txt")
    runner = CliRunner()

    def ok(*args):
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, result.output
        return result

    ok("extract", corpus, "--out", out, "--engine", "inline")  # in-process: no worker start-up
    with open_store(out / "evidence.db") as store:
        records = store.records_frame()
    n104 = records[(records["kind"] == "total_n") & (records["value"] == 104)].iloc[0]
    vas = records[(records["kind"] == "b") & (records["value"] == -0.992)].iloc[0]
    sensory = records[(records["kind"] == "b") & (records["value"] == -1.017)].iloc[0]
    severe = records[(records["kind"] == "group_n") & (records["value"] == 27)].iloc[0]
    ok("review", "set", "--reason", "as in the abstract", "--reviewer", "alice", "--out", out,
       "--", vas["record_id"], "value", "-0.99")  # "--": a negative value is not an option
    ok("review", "set", sensory["record_id"], "timepoint", "day 26 (end of follow-up)",
       "--reviewer", "alice", "--out", out)
    ok("review", "exclude", severe["record_id"], "--reason", "subgroup, not an arm", "--out", out)

    ok("table", "--format", "xlsx", "-o", tmp_path / "table.xlsx", "--out", out)
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "table.xlsx").active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2)]
    by_id = {r["record_id"].value: r for r in rows}
    assert by_id[vas["record_id"]]["value"].value == -0.99
    assert by_id[vas["record_id"]]["value"].data_type == "n"
    assert by_id[sensory["record_id"]]["timepoint"].value == "day 26 (end of follow-up)"
    assert severe["record_id"] not in by_id
    assert by_id[n104["record_id"]]["value"].value == 104

    ok("report", "--out", out)
    page = (out / "report.html").read_text(encoding="utf-8")
    target_id = anchor(n104["record_id"])
    assert _links_to(page, n104["record_id"], "104")
    assert f"<mark>{n104['text']}</mark>" in page and "104" in n104["text"]
    assert re.search(rf'<del>-0\.992</del> → <ins><a href="#{anchor(vas["record_id"])}"[^>]*>-0\.99</a></ins>', page)

    browser.get((out / "report.html").as_uri())
    link = browser.find_element(By.CSS_SELECTOR, f'a[href="#{target_id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    target = browser.find_element(By.CSS_SELECTOR, ":target")
    assert target.get_attribute("id") == target_id
    assert target.find_element(By.CSS_SELECTOR, ".sentence mark").text == n104["text"]
    assert "Patients (N=104) with treatment-resistant" in target.find_element(By.CSS_SELECTOR, ".sentence").text
    assert "page 1" in target.text
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", target)
    assert 0 <= top < browser.execute_script("return window.innerHeight")


def test_effect_sizes_link_to_the_numbers_they_came_from(report_dir):
    page = _page(report_dir)
    effects = page[page.index('<h2 id="effects">'):page.index('<h2 id="pooled">')]
    means = [r for r in rct_records() if r.kind == "mean"]
    smd_row = next(row for row in effects.split("<tr>") if "<td>SMD</td>" in row)
    assert "-1.049" in smd_row and "Hedges" in smd_row  # g of 18.2 (6.1) vs 25.4 (7.3), n 20/20
    for rec in means:
        assert f'<a href="#{anchor(rec.record_id)}">' in smd_row
    # The hostile document's MD is listed with its reviewer-set group escaped, nothing raw.
    assert "<script" not in effects


def test_context_of_a_value_added_without_offsets():
    text = "Intro. Patients (N=104) were enrolled. Later, 104 more were screened."
    html_ = context_html(text, None, None, "Later, 104 more were screened.", "104")
    assert '<span class="sentence">Later, <mark>104</mark> more were screened.</span>' in html_
    html_ = context_html(text, None, None, "", "N=104")
    assert "Patients (<mark>N=104</mark>) were enrolled." in html_


def test_context_when_the_stored_sentence_is_not_verbatim_in_the_text():
    text = "Patients (N=104) were enrolled. Of them, 50 had pain."
    html_ = context_html(text, 12, 15, "Patients (N = 104) were enrolled.", "104")
    assert '<span class="sentence">Patients (N=<mark>104</mark>) were enrolled.</span>' in html_
