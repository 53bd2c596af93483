"""Build the demo ketamine corpus: PDFs, plain text, HTML and JATS XML, plus one gold JSON each.

One source of truth per study lives in corpora/sources/<study>.py (a STUDY dict holding the printed
paragraphs, the table, the outputs to render and the hand-written facts). This script renders each
output and writes corpora/gold/<file>.json from the study's facts. Before writing a gold it checks,
on the normalised text of that output, that every fact's `text` is present and that every digit
printed in the body belongs to a fact or to a declared non-fact (years, DOIs, ages, reference
lines): a statistic the text states but the gold forgets is a build error.

Rebuilds are byte-identical: reportlab runs with invariant=1 (fixed dates and document ids), the
only TTF font is reportlab's bundled Vera (no system font lookup), and files are written in a
fixed order with fixed newlines.

    python corpora/build_corpus.py            # rebuild everything into corpora/
    python corpora/build_corpus.py --out DIR  # build into another directory (tests use this)
    python corpora/build_corpus.py --only lan2022_seed_twocol.pdf --out DIR
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

FACT_KINDS = (
    "total_n", "group_n", "dose", "route", "frequency", "duration", "administrations", "instrument",
    "b", "beta", "md", "smd", "d", "g", "or", "rr", "hr", "r",
    "t", "f", "chi2", "z", "mean", "sd", "se", "count", "percent", "p",
)
FACT_KEYS = {
    "kind", "value", "text", "unit", "op", "group", "outcome", "domain", "timepoint", "drug",
    "sd", "se", "n", "df", "ci_low", "ci_high", "ci_level", "p_op", "p_value", "note", "context",
}
GOLD_KEYS = {"document", "verified", "verification", "source", "layout", "metadata", "facts"}


# ---------------------------------------------------------------------------------------------
# Normalisation used to state gold `text`: the rules of evidencekit.normalise (issue 2) that touch
# statistics: NFKC; U+2212 minus and U+2010 hyphen become "-"; an en dash or figure dash that starts a
# number becomes "-" while one between digits stays (0.55–0.94 is a range); middle-dot decimals; odd
# spaces. This copy only checks golds and must agree with the reader's output (tests check that).
# ---------------------------------------------------------------------------------------------
_DASH_STARTING_NUMBER = re.compile(r"(?<![0-9])[\u2012\u2013](?=\.?[0-9])")
_MIDDOT_DECIMAL = re.compile(r"(?<=\d)[\u00b7\u2027\u22c5](?=\d)|(?<![\w])[\u00b7](?=\d)")


def normalise(text: str) -> str:
    text = text.replace("\u00ad", "")
    text = re.sub(r"[\u00a0\u2009\u202f\u2007\u2002\u2003]", " ", text)
    text = text.replace("\u2212", "-").replace("\u2010", "-")
    text = _DASH_STARTING_NUMBER.sub("-", text)
    text = _MIDDOT_DECIMAL.sub(".", text)
    return unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------------------------------------
# Studies
# ---------------------------------------------------------------------------------------------
def load_studies() -> list[dict]:
    studies = []
    for path in sorted(SOURCES.glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"corpus_source_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        study = module.STUDY
        study.setdefault("id", path.stem)
        studies.append(study)
    return studies


def paragraphs_of(study: dict) -> list[tuple[str, str]]:
    """The printed text in reading order as (role, text) pairs; roles pick the style."""
    out: list[tuple[str, str]] = []
    if study.get("verbatim"):
        lines = Path(study["verbatim"]).read_text(encoding="utf-8").split("\n")
        blocks = [b.strip() for b in "\n".join(lines).split("\n\n") if b.strip()]
        out.append(("title", blocks[0]))
        out.extend(("body", b) for b in blocks[1:])
        return out
    out.append(("title", study["title"]))
    if study.get("byline"):
        out.append(("byline", study["byline"]))
    for head, para in study.get("abstract", []):
        out.append(("abstract", f"{head}: {para}" if head else para))
    for head, paras in study["sections"]:
        if head:
            out.append(("heading", head))
        out.extend(("body", p) for p in paras)
    if study.get("reference"):
        out.append(("reference", study["reference"]))
    return out


def table_lines(table: dict) -> list[str]:
    lines = [table["caption"], "  ".join(table["header"])]
    lines += ["  ".join(row) for row in table["rows"]]
    if table.get("note"):
        lines.append(table["note"])
    return lines


def plain_text(study: dict, output: dict) -> str:
    """What a faithful reader should recover from the output, in order (before normalisation)."""
    parts = []
    for role, text in paragraphs_of(study):
        parts.append(text)
        if role == "body" and study.get("table") and text == study["table"].get("after"):
            parts.extend(table_lines(study["table"]))
    if study.get("table") and not study["table"].get("after"):
        parts.extend(table_lines(study["table"]))
    return "\n\n".join(parts)


def _covered(text: str, needles: list[str]) -> list[bool]:
    mask = [False] * len(text)
    for needle in needles:
        if not needle:
            continue
        start = 0
        while True:
            i = text.find(needle, start)
            if i < 0:
                break
            for j in range(i, i + len(needle)):
                mask[j] = True
            start = i + 1
    return mask


def check_study(study: dict, output: dict) -> list[str]:
    """Problems with the study's facts against one output's normalised text (empty when fine)."""
    problems = []
    text = normalise(plain_text(study, output))
    for fact in study["facts"]:
        extra = set(fact) - FACT_KEYS
        if extra:
            problems.append(f"{study['id']}: fact {fact.get('text')!r} has unknown keys {sorted(extra)}")
        if fact.get("kind") not in FACT_KINDS:
            problems.append(f"{study['id']}: fact {fact.get('text')!r} has kind {fact.get('kind')!r}")
        if fact.get("text") not in text:
            problems.append(f"{study['id']}/{output['file']}: fact text {fact.get('text')!r} not in text")
        ctx = fact.get("context")
        if ctx is not None and (fact.get("text") not in ctx or ctx not in text):
            problems.append(f"{study['id']}/{output['file']}: context {ctx!r} missing or lacks its text")
    words = len(text.split())
    if not 250 <= words <= 700:
        problems.append(f"{study['id']}/{output['file']}: {words} words, want 250-700")
    # every digit must belong to a fact, a declared non-fact, or a DOI
    needles = [f.get("context") or f["text"] for f in study["facts"]]
    needles += [normalise(s) for s in study.get("non_facts", [])]
    needles += re.findall(r"10\.\d{4,9}/[^\s]+", text)
    mask = _covered(text, needles)
    for m in re.finditer(r"\d+", text):
        if not all(mask[m.start():m.end()]):
            ctx = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
            problems.append(f"{study['id']}/{output['file']}: number {m.group()!r} not in gold: ...{ctx}...")
    return problems


def gold_for(study: dict, output: dict) -> dict:
    src = study["source"]
    metadata = {"title": study.get("printed_title") or study.get("title"), "year": src["year"]}
    if study.get("doi_printed", True) and src.get("doi"):
        metadata["doi"] = src["doi"]
    return {
        "document": output["file"],
        "verified": study["verified"],
        "verification": study["verification"],
        "source": src,
        "layout": output["layout"],
        "metadata": metadata,
        "facts": study["facts"],
    }


# ---------------------------------------------------------------------------------------------
# Renderers
# ---------------------------------------------------------------------------------------------
def render_txt(study: dict, output: dict, path: Path) -> None:
    if study.get("verbatim") and output.get("verbatim_copy"):
        source = Path(study["verbatim"])
        if source.resolve() != path.resolve():  # building into corpora/ itself: the copy is the source
            path.write_bytes(source.read_bytes())
        return
    parts = []
    for role, text in paragraphs_of(study):
        if role == "title":
            parts.append(text.upper() if output.get("upper_title") else text)
            parts.append("=" * min(len(text), 72))
        elif role == "heading":
            parts.append(text.upper())
        else:
            parts.append(_wrap(text, output.get("wrap")))
        if role == "body" and study.get("table") and text == study["table"].get("after"):
            parts.append(_txt_table(study["table"]))
    if study.get("table") and not study["table"].get("after"):
        parts.append(_txt_table(study["table"]))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8", newline="\n")


def _wrap(text: str, width) -> str:
    if not width:
        return text
    import textwrap
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False, break_long_words=False))


def _txt_table(table: dict) -> str:
    cols = [table["header"]] + table["rows"]
    widths = [max(len(r[i]) for r in cols) for i in range(len(table["header"]))]
    lines = [table["caption"]]
    for row in cols:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    if table.get("note"):
        lines.append(table["note"])
    return "\n".join(lines)


def render_html(study: dict, output: dict, path: Path) -> None:
    e = html.escape
    src = study["source"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(study['title'])}</title>",
        f'<meta name="citation_publication_date" content="{src["year"]}">',
    ]
    if study.get("doi_printed", True) and src.get("doi"):
        out.append(f'<meta name="citation_doi" content="{e(src["doi"])}">')
    out += [
        "<style>body{font-family:Georgia,serif;max-width:46em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}</style>",
        "<script>window.dataLayer=window.dataLayer||[];"
        "function track(){dataLayer.push({event:'pageview',articleId:20240117,version:3.2});}"
        "track();</script>",
        "</head>",
        "<body>",
        '<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News 2024</a></li>'
        '<li><a href="/topics/psychiatry">Psychiatry</a></li><li><a href="/cme">CME (1.5 credits)</a></li>'
        "</ul></nav>",
        "<article>",
    ]
    in_section = False
    for role, text in paragraphs_of(study):
        if role == "title":
            out.append(f"<h1>{e(text)}</h1>")
        elif role == "byline":
            out.append(f'<p class="byline">{e(text)}</p>')
        elif role == "abstract":
            out.append(f'<p class="standfirst"><strong>{e(text)}</strong></p>')
        elif role == "heading":
            if in_section:
                out.append("</section>")
            out.append(f"<section><h2>{e(text)}</h2>")
            in_section = True
        elif role == "reference":
            if in_section:
                out.append("</section>")
                in_section = False
            out.append(f'<p class="citation">{e(text)}</p>')
        else:
            out.append(f"<p>{e(text)}</p>")
        if role == "body" and study.get("table") and text == study["table"].get("after"):
            out.append(_html_table(study["table"]))
    if in_section:
        out.append("</section>")
    if study.get("table") and not study["table"].get("after"):
        out.append(_html_table(study["table"]))
    out += [
        "</article>",
        '<aside class="related"><h3>Related</h3><ul><li><a href="/a/1">Esketamine: what clinicians ask</a>'
        "</li></ul></aside>",
        '<script src="/static/analytics.js"></script>',
        "</body>",
        "</html>",
    ]
    path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")


def _html_table(table: dict) -> str:
    e = html.escape
    rows = ["<table>", f"<caption>{e(table['caption'])}</caption>", "<thead><tr>"]
    rows.append("".join(f"<th>{e(c)}</th>" for c in table["header"]) + "</tr></thead><tbody>")
    for r in table["rows"]:
        rows.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>")
    rows.append("</tbody></table>")
    if table.get("note"):
        rows.append(f'<p class="table-note">{e(table["note"])}</p>')
    return "\n".join(rows)


def render_jats(study: dict, output: dict, path: Path) -> None:
    x = xml_escape
    src = study["source"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" '
        '"JATS-archivearticle1.dtd">',
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" dtd-version="1.2">',
        "<front>",
        "<journal-meta>",
        f'<journal-id journal-id-type="nlm-ta">{x(output.get("journal_abbrev", src["journal"]))}</journal-id>',
        f"<journal-title-group><journal-title>{x(src['journal'])}</journal-title></journal-title-group>",
        "</journal-meta>",
        "<article-meta>",
    ]
    if study.get("doi_printed", True) and src.get("doi"):
        out.append(f'<article-id pub-id-type="doi">{x(src["doi"])}</article-id>')
    out += [
        f"<title-group><article-title>{x(study['title'])}</article-title></title-group>",
        "<contrib-group>"
        + "".join(
            f'<contrib contrib-type="author"><name><surname>{x(a.split()[0])}</surname>'
            f"<given-names>{x(' '.join(a.split()[1:]))}</given-names></name></contrib>"
            for a in study.get("jats_authors", [])
        )
        + "</contrib-group>",
        f'<pub-date pub-type="epub"><year>{src["year"]}</year></pub-date>',
        "<abstract>",
    ]
    for head, para in study.get("abstract", []):
        out.append(f"<sec><title>{x(head)}</title><p>{x(para)}</p></sec>")
    out += ["</abstract>", "</article-meta>", "</front>", "<body>"]
    table = study.get("table")
    for i, (head, paras) in enumerate(study["sections"], 1):
        out.append(f'<sec id="s{i}"><title>{x(head)}</title>')
        for p in paras:
            out.append(f"<p>{x(p)}</p>")
            if table and p == table.get("after"):
                out.append(_jats_table(table))
        out.append("</sec>")
    if table and not table.get("after"):
        out.append(_jats_table(table))
    out += ["</body>", "<back>"]
    if study.get("reference"):
        out.append(f'<ref-list><ref id="r1"><mixed-citation>{x(study["reference"])}</mixed-citation></ref></ref-list>')
    out += ["</back>", "</article>"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")


def _jats_table(table: dict) -> str:
    x = xml_escape
    rows = ['<table-wrap id="t1" position="float">', f"<caption><p>{x(table['caption'])}</p></caption>", "<table>"]
    rows.append("<thead><tr>" + "".join(f"<th>{x(c)}</th>" for c in table["header"]) + "</tr></thead><tbody>")
    for r in table["rows"]:
        rows.append("<tr>" + "".join(f"<td>{x(c)}</td>" for c in r) + "</tr>")
    rows.append("</tbody></table>")
    if table.get("note"):
        rows.append(f"<table-wrap-foot><p>{x(table['note'])}</p></table-wrap-foot>")
    rows.append("</table-wrap>")
    return "\n".join(rows)


# --- PDF ---------------------------------------------------------------------------------------
def _pdf_fonts(kind: str) -> dict:
    """Font names for a face: standard Type 1 fonts, or reportlab's bundled Vera for Unicode."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if kind == "vera":
        if "Vera" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
            pdfmetrics.registerFont(TTFont("Vera-Bold", "VeraBd.ttf"))
            pdfmetrics.registerFont(TTFont("Vera-Italic", "VeraIt.ttf"))
        return {"regular": "Vera", "bold": "Vera-Bold", "italic": "Vera-Italic"}
    if kind == "helvetica":
        return {"regular": "Helvetica", "bold": "Helvetica-Bold", "italic": "Helvetica-Oblique"}
    return {"regular": "Times-Roman", "bold": "Times-Bold", "italic": "Times-Italic"}


def _styles(fonts: dict, size: float):
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    lead = size * 1.25
    return {
        "title": ParagraphStyle("title", fontName=fonts["bold"], fontSize=size * 1.75, leading=size * 2.1,
                                spaceAfter=6, alignment=TA_LEFT),
        "byline": ParagraphStyle("byline", fontName=fonts["italic"], fontSize=size, leading=lead, spaceAfter=6),
        "abstract": ParagraphStyle("abstract", fontName=fonts["regular"], fontSize=size, leading=lead,
                                   spaceAfter=4, alignment=TA_JUSTIFY, leftIndent=6, rightIndent=6),
        "heading": ParagraphStyle("heading", fontName=fonts["bold"], fontSize=size * 1.1, leading=lead * 1.1,
                                  spaceBefore=6, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=fonts["regular"], fontSize=size, leading=lead, spaceAfter=5,
                               alignment=TA_JUSTIFY),
        "reference": ParagraphStyle("reference", fontName=fonts["regular"], fontSize=size * 0.85,
                                    leading=lead * 0.85, spaceBefore=8),
        "cell": ParagraphStyle("cell", fontName=fonts["regular"], fontSize=size * 0.85, leading=size * 1.05),
        "cellhead": ParagraphStyle("cellhead", fontName=fonts["bold"], fontSize=size * 0.85, leading=size * 1.05),
    }


def _flowables(study: dict, styles: dict, width: float, roles=None):
    from reportlab.platypus import Paragraph

    items = []
    for role, text in paragraphs_of(study):
        if roles is not None and role not in roles:
            continue
        items.append((role, Paragraph(xml_escape(text), styles[role])))
        if role == "body" and study.get("table") and text == study["table"].get("after"):
            items.append(("table", _pdf_table(study["table"], styles, width)))
    return items


def _pdf_table(table: dict, styles: dict, width: float):
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    ncol = len(table["header"])
    first = table.get("first_col_frac", 0.34)
    col_widths = [width * first] + [width * (1 - first) / (ncol - 1)] * (ncol - 1)
    data = [[Paragraph(xml_escape(c), styles["cellhead"]) for c in table["header"]]]
    data += [[Paragraph(xml_escape(c), styles["cell"]) for c in row] for row in table["rows"]]
    t = Table(data, colWidths=col_widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    parts = [Spacer(1, 4), Paragraph(xml_escape(table["caption"]), styles["heading"]), t]
    if table.get("note"):
        parts.append(Paragraph(xml_escape(table["note"]), styles["reference"]))
    parts.append(Spacer(1, 6))
    return KeepTogether(parts)


def render_pdf(study: dict, output: dict, path: Path) -> None:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageBreak, PageTemplate

    rl_config.invariant = 1
    fonts = _pdf_fonts(output.get("font", "times"))
    styles = _styles(fonts, output.get("size", 9.5))
    pagesize = LETTER if output.get("page") == "letter" else A4
    pw, ph = pagesize
    margin, gutter = 54.0, 16.0
    header = output.get("header")
    top = ph - margin - (14 if header else 0)
    bottom = margin

    def decorate(canv, doc):
        canv.saveState()
        canv.setFont(fonts["regular"], 7.5)
        if header:
            canv.drawString(margin, ph - margin + 4, header)
            canv.drawRightString(pw - margin, ph - margin + 4, output.get("header_right", ""))
            canv.setLineWidth(0.4)
            canv.line(margin, ph - margin, pw - margin, ph - margin)
        if output.get("page_numbers", True):
            canv.drawCentredString(pw / 2, margin / 2, str(doc.page + output.get("first_page", 1) - 1))
        canv.restoreState()

    src = study["source"]
    doc = BaseDocTemplate(
        str(path), pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin, invariant=1, title=study["title"], author=src["authors"],
        subject=f"{src['journal']} {src['year']}", creator="evidencekit corpora/build_corpus.py",
        producer="ReportLab", keywords="ketamine",
    )
    full_w = pw - 2 * margin

    if output["layout"].startswith("two-column"):
        col_w = (full_w - gutter) / 2
        head_roles = {"title", "byline", "abstract"}
        head = [f for r, f in _flowables(study, styles, full_w, head_roles)]
        standfirst = output.get("standfirst", 0)  # verbatim text: first N body paragraphs go full width
        body = [f for r, f in _flowables(study, styles, col_w) if r not in head_roles]
        if standfirst:
            head += body[:standfirst]
            body = body[standfirst:]
        head_h = sum(f.wrap(full_w, ph)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head) + 18
        col_top = top - head_h
        first = PageTemplate(id="first", onPage=decorate, frames=[
            Frame(margin, col_top, full_w, head_h, id="head", showBoundary=0),
            Frame(margin, bottom, col_w, col_top - bottom, id="c1"),
            Frame(margin + col_w + gutter, bottom, col_w, col_top - bottom, id="c2"),
        ])
        later = PageTemplate(id="later", onPage=decorate, frames=[
            Frame(margin, bottom, col_w, top - bottom, id="l1"),
            Frame(margin + col_w + gutter, bottom, col_w, top - bottom, id="l2"),
        ])
        doc.addPageTemplates([first, later])
        story = [NextPageTemplate("later")] + head + [FrameBreak()] + body
    else:
        frame = Frame(margin, bottom, full_w, top - bottom, id="body")
        doc.addPageTemplates([PageTemplate(id="one", onPage=decorate, frames=[frame])])
        story = []
        for role, f in _flowables(study, styles, full_w):
            if role == "table" and output.get("table_on_new_page"):
                story.append(PageBreak())
            story.append(f)
    if study.get("table") and not study["table"].get("after"):
        w = col_w if output["layout"].startswith("two-column") else full_w
        story.append(_pdf_table(study["table"], styles, w))
    doc.build(story)


RENDERERS = {".txt": render_txt, ".html": render_html, ".xml": render_jats, ".pdf": render_pdf}


# ---------------------------------------------------------------------------------------------
def build(out_dir: Path, only: set[str] | None = None, check: bool = True) -> list[Path]:
    studies = load_studies()
    problems = []
    written = []
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    for study in studies:
        for output in study["outputs"]:
            if only and output["file"] not in only:
                continue
            if check:
                problems += check_study(study, output)
            path = out_dir / output["file"]
            RENDERERS[path.suffix](study, output, path)
            gold_path = out_dir / "gold" / f"{output['file']}.json"
            gold_path.write_text(json.dumps(gold_for(study, output), indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8", newline="\n")
            written += [path, gold_path]
    if problems:
        raise SystemExit("corpus check failed:\n  " + "\n  ".join(problems))
    if not only:
        # PDF bytes depend on the reportlab release: record the one that made the committed files
        import reportlab

        stamp = out_dir / "BUILT_WITH"
        stamp.write_text(f"reportlab {reportlab.Version}\n", encoding="utf-8", newline="\n")
        written.append(stamp)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--only", action="append", help="build only this output file name (repeatable)")
    args = ap.parse_args(argv)
    written = build(args.out, set(args.only) if args.only else None)
    for p in written:
        print(os.path.relpath(p, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
