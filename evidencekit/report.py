"""`evidencekit report`: one self-contained static HTML page for reviewers.

The page holds the evidence table, each value linked (a plain #anchor) to its source sentence shown
in context with the value's characters in <mark>; reviewer corrections (old -> new, who, when,
why); excluded records struck through; pooled results with their forest and funnel plots.

Safety: every piece of document or reviewer text goes through html.escape(quote=True); images are
PNG bytes embedded as data: URIs; a Content-Security-Policy meta forbids scripts and any fetch,
so nothing in an article can run or call out when the page is opened.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pandas as pd

from evidencekit import __version__
from evidencekit.errors import EvidenceKitError
from evidencekit.export import document_texts, format_number, resolve_db

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
CONTEXT_CHARS = 240  # document text shown either side of the source sentence
DEFAULT_OUTCOMES = ("depression", "pain")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Shown first, in this order, in a pooled result's table; other keys follow.
POOL_KEYS = ("outcome", "measure", "k", "method", "test", "estimate", "se", "zval", "pval", "ci_lb",
             "ci_ub", "pi_lb", "pi_ub", "tau2", "tau2_ci_lb", "tau2_ci_ub", "I2", "H2", "QE", "QEp",
             "smd_convention")

# p-values among pooled-result keys (pval, QEp, QMp, Qbetween_p ...): tiny ones in e-notation.
P_KEYS = re.compile(r"(^|_)pval$|^Q\w*p$|^Q\w*p_|_p$", re.I)

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:80rem;
 padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}
.meta{color:#555;font-size:.9rem}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}
th,td{border:1px solid #d0d0d0;padding:.25rem .45rem;vertical-align:top;text-align:left;
 overflow-wrap:break-word}
th{white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
.context,h3{overflow-wrap:anywhere}
th{background:#f1f1f4;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.excluded td{color:#888;text-decoration:line-through}
tr.study td{background:#f7f7fa;padding-top:.5rem}
del{color:#a00}ins{color:#070;text-decoration:none;font-weight:600}
.badge{display:inline-block;font-size:.72rem;padding:0 .35rem;border-radius:.6rem;margin-left:.2rem;
 background:#e8e8ee;color:#333;white-space:nowrap}
.badge.corrected{background:#fff0c2}.badge.recheck{background:#ffd6d6}.badge.added{background:#d9f2ff}
.badge.confirmed{background:#dcf5dc}.badge.excluded{background:#eee;color:#777}
.source{border:1px solid #ddd;border-radius:.4rem;padding:.5rem .8rem;margin:.8rem 0;scroll-margin-top:1rem}
.source:target{border:2px solid #e08a00;background:#fff9ec;box-shadow:0 0 0 4px #ffe2a8}
.source.excluded .context{text-decoration:line-through;color:#777}
.source h3{font-size:.9rem;margin:.1rem 0 .3rem;font-weight:600}
.context{font-family:Georgia,serif;font-size:.95rem;white-space:pre-wrap;margin:.3rem 0}
.sentence{background:#eef4ff}
mark{background:#ffd54a;padding:0 .1rem;font-weight:700}
.corrections{font-size:.8rem;margin:.2rem 0 0 1rem;padding:0}
.note{background:#f6f6f6;border-left:4px solid #999;padding:.4rem .7rem}
img.plot{max-width:100%;border:1px solid #ddd;margin:.4rem .4rem 0 0}
.headline{font-size:1.05rem;font-weight:600}
"""


def esc(value) -> str:
    """Text for HTML: missing values as empty, everything else escaped (quotes too)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value), quote=True)


def anchor(record_id) -> str:
    """An id attribute value safe in HTML and in a #fragment, stable for a record id."""
    return "src-" + re.sub(r"[^A-Za-z0-9_-]", "_", str(record_id))


def _present(value) -> bool:
    return esc(value) != ""


def _int(value) -> Optional[int]:
    try:
        return int(value) if _present(value) else None
    except (TypeError, ValueError):
        return None


def _truthy(value) -> bool:
    return bool(value) if _present(value) else False


# ---------------------------------------------------------------------------------------------
# source sentences in context


def _sentence_bounds(text: str, start: int, end: int, sentence: str) -> tuple[int, int]:
    """Where the record's sentence lies in the document text, found around the value's offsets."""
    if sentence:
        lo = max(0, start - len(sentence))
        idx = text.find(sentence, lo, end + len(sentence))
        while idx != -1 and idx <= start:
            if idx + len(sentence) >= end:
                return idx, idx + len(sentence)
            idx = text.find(sentence, idx + 1, end + len(sentence))
    # The stored sentence is not verbatim in the text: fall back to the nearest sentence breaks.
    dot, newline = text.rfind(". ", 0, start), text.rfind("\n", 0, start)
    left = max(dot + 2 if dot != -1 else 0, newline + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return max(0, left), right


def _trim(text: str, keep_end: bool) -> str:
    """Context cut at a word boundary, with an ellipsis where it was cut."""
    if keep_end:
        cut = text.find(" ")
        return "…" + text[cut + 1:] if 0 <= cut < 40 else "…" + text
    cut = text.rfind(" ")
    return text[:cut] + "…" if cut > len(text) - 40 else text + "…"


def context_html(text: Optional[str], start, end, sentence: str, value_text: str) -> str:
    """The sentence with the value's characters in <mark>, inside a little surrounding text.

    Offsets come from the record; if the document text is gone or no longer holds the value at
    those offsets, the stored sentence is shown with the value marked where it occurs in it.
    """
    start, end = _int(start), _int(end)
    sentence = sentence or ""
    if (start is None or end is None) and text and value_text:
        # A value a reviewer added without offsets: find it in its sentence, else in the text.
        base = text.find(sentence) if sentence else -1
        i = sentence.find(value_text) if base != -1 else -1
        start = base + i if i != -1 else text.find(value_text)
        start = start if start != -1 else None
        end = start + len(value_text) if start is not None else None
    if text and start is not None and end is not None and 0 <= start < end <= len(text) and \
            (not value_text or text[start:end] == value_text):
        s_lo, s_hi = _sentence_bounds(text, start, end, sentence)
        s_lo, s_hi = min(s_lo, start), max(s_hi, end)
        before = text[max(0, s_lo - CONTEXT_CHARS):s_lo]
        after = text[s_hi:s_hi + CONTEXT_CHARS]
        if s_lo - CONTEXT_CHARS > 0:
            before = _trim(before, keep_end=True)
        if s_hi + CONTEXT_CHARS < len(text):
            after = _trim(after, keep_end=False)
        return (f'<p class="context">{esc(before)}<span class="sentence">{esc(text[s_lo:start])}'
                f'<mark>{esc(text[start:end])}</mark>{esc(text[end:s_hi])}</span>{esc(after)}</p>')
    if sentence and value_text and value_text in sentence:
        i = sentence.index(value_text)
        inner = f"{esc(sentence[:i])}<mark>{esc(value_text)}</mark>{esc(sentence[i + len(value_text):])}"
        return (f'<p class="context"><span class="sentence">{inner}</span></p>'
                '<p class="note">The document text at the stored offsets no longer holds this value; '
                'shown from the sentence stored with the record.</p>')
    if sentence:
        return f'<p class="context"><span class="sentence">{esc(sentence)}</span></p>'
    return '<p class="note">No source sentence stored for this record.</p>'


# ---------------------------------------------------------------------------------------------
# the page


@dataclass
class PoolSection:
    """One pooled outcome for the page: its JSON, its plots (PNG bytes), or why it is missing."""

    outcome: str
    result: Optional[dict] = None
    images: dict = field(default_factory=dict)  # name -> PNG bytes
    problem: Optional[str] = None


def _value_cell(rec, history: pd.DataFrame) -> str:
    """The value, linked to its source; a corrected value shows old -> new."""
    shown = format_number(rec.get("value")) if _present(rec.get("value")) else str(rec.get("text") or "")
    if not shown:
        shown = "(no value)"
    hover = str(rec.get("sentence") or "")[:300]
    link = f'<a href="#{anchor(rec["record_id"])}" title="{esc(hover)}">{esc(shown)}</a>'
    if _truthy(rec.get("corrected")) and "value" in str(rec.get("corrected_fields") or "").split(";"):
        sets = history[(history["record_id"] == rec["record_id"]) & (history["action"] == "set")
                       & (history["field"] == "value")] if len(history) else history
        if len(sets):
            old = sets.iloc[0]["old_value"]
            return f"<del>{esc(old)}</del> → <ins>{link}</ins>"
    return link


def _badges(rec) -> str:
    out = []
    if _truthy(rec.get("corrected")):
        fields = str(rec.get("corrected_fields") or "").replace(";", ", ")
        out.append(f'<span class="badge corrected" title="corrected: {esc(fields)}">corrected: {esc(fields)}</span>')
    if _truthy(rec.get("added")):
        out.append('<span class="badge added">added by reviewer</span>')
    if _truthy(rec.get("confirmed")):
        out.append('<span class="badge confirmed">confirmed</span>')
    if _truthy(rec.get("correction_needs_recheck")):
        out.append('<span class="badge recheck">needs a second look</span>')
    if _truthy(rec.get("excluded")):
        out.append('<span class="badge excluded">excluded</span>')
    return "".join(out)


def _ci(rec) -> str:
    if not (_present(rec.get("ci_low")) and _present(rec.get("ci_high"))):
        return ""
    return f"{format_number(rec['ci_low'])} to {format_number(rec['ci_high'])}"


def _p(rec) -> str:
    if not _present(rec.get("p_value")):
        return ""
    return f"{rec.get('p_op') or '='} {format_number(rec['p_value'])}".strip()


TABLE_HEAD = ("<tr><th>Page</th><th>Kind</th><th>Value</th><th>Unit</th><th>CI</th><th>p</th>"
              "<th>n</th><th>Outcome</th><th>Group</th><th>Timepoint</th><th>Status</th></tr>")
TABLE_COLUMNS = 11


def _table_rows(records: pd.DataFrame, labels: dict, history: pd.DataFrame, cls: str = "") -> str:
    """Rows of the evidence table, under one heading row per study."""
    by_doc: dict[str, list[dict]] = {}
    for rec in records.to_dict("records"):
        by_doc.setdefault(rec["doc_sha256"], []).append(rec)
    rows = []
    for sha, recs in by_doc.items():
        first = recs[0]
        doi = f" · doi {esc(first.get('doi'))}" if _present(first.get("doi")) else ""
        rows.append(f'<tr class="study"><td colspan="{TABLE_COLUMNS}"><b>{esc(labels.get(sha, first.get("file")))}'
                    f'</b> · {esc(first.get("file"))}{doi} · {len(recs)} values</td></tr>')
        for rec in recs:
            rows.append(
                f'<tr class="{cls}"><td class="num">{esc(_int(rec.get("page")))}</td><td>{esc(rec.get("kind"))}</td>'
                f'<td class="num">{_value_cell(rec, history)}</td><td>{esc(rec.get("unit"))}</td>'
                f'<td class="num">{esc(_ci(rec))}</td>'
                f'<td class="num">{esc(_p(rec))}</td><td class="num">{esc(_int(rec.get("n")))}</td>'
                f'<td>{esc(rec.get("outcome"))}</td><td>{esc(rec.get("group"))}</td>'
                f'<td>{esc(rec.get("timepoint"))}</td><td>{_badges(rec)}</td></tr>')
    return "\n".join(rows)


def _history_items(history: pd.DataFrame) -> str:
    items = []
    for c in history.to_dict("records"):
        change = esc(c.get("action"))
        if c.get("action") == "set":
            change = (f"set {esc(c.get('field'))}: <del>{esc(c.get('old_value'))}</del> → "
                      f"<ins>{esc(c.get('new_value'))}</ins>")
        elif c.get("action") == "add":
            change = "added this value"
        why = f" — “{esc(c.get('reason'))}”" if _present(c.get("reason")) else ""
        recheck = ""
        if _truthy(c.get("needs_recheck")):
            recheck = f' <span class="badge recheck">re-check: {esc(c.get("recheck_reason"))}</span>'
        items.append(f"<li>{change} by <b>{esc(c.get('reviewer'))}</b>, {esc(c.get('created_at'))}"
                     f"{why}{recheck}</li>")
    return "\n".join(items)


def _source_section(rec, text: Optional[str], history: pd.DataFrame, label: str) -> str:
    rid = rec["record_id"]
    own = history[history["record_id"] == rid] if len(history) else history
    value_text = str(rec.get("text") or "")
    # A reviewer may have set `text`; the mark shows what the document holds at the offsets.
    originals = own[(own["action"] == "set") & (own["field"] == "text")] if len(own) else own
    if len(originals):
        value_text = str(originals.iloc[0]["old_value"] or "")
    cls = "source excluded" if _truthy(rec.get("excluded")) else "source"
    corrections = f'<ul class="corrections">{_history_items(own)}</ul>' if len(own) else ""
    return (
        f'<section class="{cls}" id="{anchor(rid)}">'
        f'<h3>{esc(label)} — {esc(rec.get("file"))}, page {esc(_int(rec.get("page")))} · '
        f'{esc(rec.get("kind"))} {esc(rec.get("text"))} {_badges(rec)}</h3>'
        f'{context_html(text, rec.get("char_start"), rec.get("char_end"), rec.get("sentence") or "", value_text)}'
        f'<div class="meta">record {esc(rid)} · rule {esc(rec.get("rule_id"))}</div>{corrections}</section>')


def _fmt_pool_value(key: str, value) -> str:
    if isinstance(value, bool) or value is None:
        return esc(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return ""
        if key.lower().startswith(("i2", "i²")):
            return f"{value:.1f}%"
        if P_KEYS.search(key) and isinstance(value, float) and 0 <= value < 1e-4:
            return f"{value:.2e}"
        return esc(format_number(value, 4))
    return esc(value)


def _pool_cell(key: str, value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="num">{_fmt_pool_value(key, value)}</td>'
    if key == "record_ids" and isinstance(value, (str, list)):
        return f"<td>{_record_links(value)}</td>"
    if isinstance(value, (dict, list)):
        return f"<td>{esc(json.dumps(value, default=str))}</td>"
    return f"<td>{esc(value)}</td>"


def _pool_table(data, depth: int = 0) -> str:
    """A pooled-result JSON as tables: scalars as key/value rows, lists of objects as tables."""
    if depth > 3:
        return f"<pre>{esc(json.dumps(data, default=str)[:2000])}</pre>"
    if isinstance(data, list):
        if data and all(isinstance(d, dict) for d in data):
            cols = list(dict.fromkeys(k for d in data for k in d))
            head = "".join(f"<th>{esc(c)}</th>" for c in cols)
            body = "".join("<tr>" + "".join(_pool_cell(c, d.get(c)) for c in cols) + "</tr>" for d in data)
            return f"<table><tr>{head}</tr>{body}</table>"
        if data and all(isinstance(d, str) for d in data):
            return "<ul>" + "".join(f"<li>{esc(d)}</li>" for d in data) + "</ul>"
        return esc(", ".join(str(v) for v in data))
    if not isinstance(data, dict):
        return esc(data)
    keys = [k for k in POOL_KEYS if k in data] + [k for k in data if k not in POOL_KEYS and k != "paths"]
    scalars = [k for k in keys if not isinstance(data[k], (dict, list))]
    nested = [k for k in keys if isinstance(data[k], (dict, list))]
    out = ""
    if scalars:
        out += "<table>" + "".join(
            f'<tr><th>{esc(k)}</th><td class="num">{_fmt_pool_value(k, data[k])}</td></tr>'
            for k in scalars) + "</table>"
    for k in nested:
        if data[k] in ({}, []):
            continue
        out += f"<h4>{esc(k)}</h4>{_pool_table(data[k], depth + 1)}"
    return out


def _headline(result: dict) -> str:
    need = ("estimate", "ci_lb", "ci_ub")
    if not all(isinstance(result.get(k), (int, float)) for k in need):
        return ""
    parts = [f"{esc(result.get('measure') or 'estimate')} = {format_number(result['estimate'], 3)} "
             f"(95% CI {format_number(result['ci_lb'], 3)} to {format_number(result['ci_ub'], 3)})"]
    if isinstance(result.get("k"), int):
        parts.append(f"k = {result['k']}")
    if isinstance(result.get("tau2"), (int, float)):
        parts.append(f"τ² = {format_number(result['tau2'], 3)}")
    if isinstance(result.get("I2"), (int, float)):
        parts.append(f"I² = {result['I2']:.1f}%")
    if isinstance(result.get("pi_lb"), (int, float)) and isinstance(result.get("pi_ub"), (int, float)):
        parts.append(f"prediction interval {format_number(result['pi_lb'], 3)} to "
                     f"{format_number(result['pi_ub'], 3)}")
    if result.get("method"):
        parts.append(f"{esc(result['method'])}, {esc(result.get('test') or '')} test")
    return f'<p class="headline">{" · ".join(parts)}</p>'


def _pool_html(sections: list[PoolSection]) -> str:
    if not sections:
        return '<p class="note">No pooled results: nothing was pooled in this folder.</p>'
    out = []
    for sec in sections:
        out.append(f'<h3 id="pool-{esc(re.sub(r"[^A-Za-z0-9_-]", "_", sec.outcome))}">{esc(sec.outcome)}</h3>')
        if sec.problem:
            out.append(f'<p class="note">Not pooled: {esc(sec.problem)}</p>')
        if sec.result is not None:
            out.append(_headline(sec.result) + _pool_table(sec.result))
        for name, png in sec.images.items():
            data = base64.b64encode(png).decode("ascii")
            out.append(f'<img class="plot" alt="{esc(name)}" src="data:image/png;base64,{data}">')
    return "\n".join(out)


EFFECT_HEAD = ("<tr><th>Study</th><th>Outcome</th><th>Timepoint</th><th>Measure</th><th>yi</th>"
               "<th>95% CI</th><th>vi</th><th>Derivation</th><th>From records</th></tr>")


def _record_links(ids) -> str:
    ids = ids.split(";") if isinstance(ids, str) else list(ids or ())
    return " ".join(f'<a href="#{anchor(i)}">{esc(str(i)[:8])}</a>' for i in ids if i)


def _effects_html(effects: Optional[pd.DataFrame], refused: Optional[pd.DataFrame], labels: dict,
                  problem: Optional[str] = None) -> str:
    """Each effect size with the numbers it came from (links) and how, then what was refused and why."""
    if problem:
        return f'<p class="note">Effect sizes could not be computed: {esc(problem)}</p>'
    out = []
    if effects is not None and len(effects):
        rows = []
        for e in effects.to_dict("records"):
            ci = ""
            if _present(e.get("ci_lb")) and _present(e.get("ci_ub")):
                ci = f"{format_number(e['ci_lb'], 3)} to {format_number(e['ci_ub'], 3)}"
            rows.append(
                f"<tr><td>{esc(labels.get(e.get('doc_sha256'), e.get('study')))}</td><td>{esc(e.get('outcome'))}</td>"
                f"<td>{esc(e.get('timepoint'))}</td><td>{esc(e.get('measure'))}</td>"
                f'<td class="num">{esc(format_number(e.get("yi"), 3))}</td><td class="num">{esc(ci)}</td>'
                f'<td class="num">{esc(format_number(e.get("vi"), 4))}</td><td>{esc(e.get("derivation"))}</td>'
                f"<td>{_record_links(e.get('record_ids'))}</td></tr>")
        out.append(f'<div class="scroll"><table>{EFFECT_HEAD}{"".join(rows)}</table></div>')
    else:
        out.append("<p>No effect sizes could be computed from the records.</p>")
    if refused is not None and len(refused):
        items = "".join(
            f"<li>{esc(labels.get(r.get('doc_sha256'), r.get('study')))}: {esc(r.get('kind'))} "
            f"{esc(format_number(r.get('value')))} {esc(r.get('outcome'))} — {esc(r.get('reason'))} "
            f"{_record_links(r.get('record_ids'))}</li>" for r in refused.to_dict("records"))
        out.append(f"<h3>Not converted</h3><ul class=\"corrections\">{items}</ul>")
    return "\n".join(out)


def render_report(records: pd.DataFrame, texts: dict, history: pd.DataFrame,
                  pools: list[PoolSection], excluded_documents=(), title: str = "Evidence report",
                  generated_at: Optional[str] = None, effects: Optional[pd.DataFrame] = None,
                  refused: Optional[pd.DataFrame] = None, effects_problem: Optional[str] = None) -> str:
    """The whole page as a string.

    records   Store.records_frame(apply_corrections=True, include_excluded=True)
    texts     doc_sha256 -> document text (what the offsets index)
    history   Store.history(): every reviewer decision
    pools     pooled outcomes with their plots
    effects, refused   effects_from_records() of the records in the table (optional)
    """
    from evidencekit.export import study_labels

    generated_at = generated_at or _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    history = history if history is not None else pd.DataFrame(
        columns=["record_id", "action", "field", "old_value", "new_value"])
    if "excluded" not in records.columns:
        records = records.assign(excluded=False)
    labels = study_labels(records)
    excluded_mask = records["excluded"].fillna(False).astype(bool)
    kept, dropped = records[~excluded_mask], records[excluded_mask]

    sources = "\n".join(
        _source_section(rec, texts.get(rec["doc_sha256"]), history,
                        labels.get(rec["doc_sha256"], str(rec.get("file"))))
        for rec in records.to_dict("records"))
    n_docs = records["doc_sha256"].nunique() if len(records) else 0
    n_corrected = int(records.get("corrected", pd.Series(dtype=bool)).fillna(False).astype(bool).sum())

    excluded_docs_html = ""
    if len(excluded_documents):
        excluded_docs_html = ("<p>Excluded documents: " + ", ".join(
            f"<s>{esc(d)}</s>" for d in excluded_documents) + "</p>")
    history_html = (f'<ul class="corrections">{_history_items(history)}</ul>' if len(history)
                    else "<p>No reviewer decisions yet.</p>")
    dropped_html = (f'<div class="scroll"><table>{TABLE_HEAD}{_table_rows(dropped, labels, history, "excluded")}</table></div>'
                    if len(dropped) else "<p>No excluded records.</p>")

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{esc(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{esc(title)}</h1>
<p class="meta">evidencekit {esc(__version__)} · generated {esc(generated_at)} · {n_docs} documents ·
{len(kept)} values in the table · {n_corrected} corrected · {len(dropped)} excluded.
Click a value to see the sentence it was read from.</p>
<nav><a href="#evidence">Evidence table</a> · <a href="#effects">Effect sizes</a> · <a href="#pooled">Pooled results</a> ·
<a href="#corrections">Corrections</a> · <a href="#excluded">Excluded</a> · <a href="#sources">Sources</a></nav>

<h2 id="evidence">Evidence table</h2>
<div class="scroll"><table>{TABLE_HEAD}
{_table_rows(kept, labels, history)}
</table></div>

<h2 id="effects">Effect sizes</h2>
{_effects_html(effects, refused, labels, effects_problem)}

<h2 id="pooled">Pooled results</h2>
{_pool_html(pools)}

<h2 id="corrections">Corrections</h2>
{history_html}

<h2 id="excluded">Excluded</h2>
{excluded_docs_html}
{dropped_html}

<h2 id="sources">Sources</h2>
{sources}
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# pooled outputs on disk


def _png(path: Path) -> Optional[bytes]:
    data = path.read_bytes()
    return data if data.startswith(PNG_MAGIC) else None  # only real PNGs become data URIs


def read_pools(out_dir) -> list[PoolSection]:
    """DIR/pool_<outcome>.json with DIR/forest_<outcome>.png and funnel_<outcome>.png."""
    out_dir = Path(out_dir)
    sections = []
    for path in sorted(out_dir.glob("pool_*.json")):
        outcome = path.stem[len("pool_"):]
        sec = PoolSection(outcome)
        try:
            sec.result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            sec.problem = f"{path.name}: unreadable ({err})"
        for kind in ("forest", "funnel"):
            png = out_dir / f"{kind}_{outcome}.png"
            if png.is_file():
                data = _png(png)
                if data:
                    sec.images[png.name] = data
        sections.append(sec)
    return sections


def pool_defaults(out_dir, db=None, outcomes=DEFAULT_OUTCOMES) -> list[PoolSection]:
    """Pool depression and pain when nothing was pooled yet; a failure becomes a note, not an error."""
    problems = []
    try:
        from evidencekit.synthesis import pool_outcome
    except ImportError as err:
        return [PoolSection(o, problem=f"pooling is not available ({err})") for o in outcomes]
    import inspect

    accepts_db = "db" in inspect.signature(pool_outcome).parameters
    if db is not None and not accepts_db and Path(db).resolve() != (Path(out_dir) / "evidence.db").resolve():
        # pool_outcome reads DIR's own store; pooling it would describe other evidence.
        return [PoolSection(o, problem=f"the store {db} is not {Path(out_dir) / 'evidence.db'}; run "
                            f"`evidencekit pool --outcome {o} --out DIR` for it first") for o in outcomes]
    for outcome in outcomes:
        try:
            if accepts_db and db is not None:
                pool_outcome(out_dir, outcome, db=db)
            else:
                pool_outcome(out_dir, outcome)
        except EvidenceKitError as err:
            problems.append(PoolSection(outcome, problem=str(err)))
    return read_pools(out_dir) + problems


def _write_atomically(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_report(out_dir="outputs", db=None, pool_if_missing: bool = True) -> Path:
    """`evidencekit report`: read the store and DIR's pooled outputs, write DIR/report.html."""
    from evidencekit.store import open_store

    out_dir = Path(out_dir)
    db_path = resolve_db(db, out_dir)
    store = open_store(db_path)
    try:
        records = store.records_frame(apply_corrections=True, include_excluded=True)
        history = store.history()
        docs = store.documents_frame()
        texts = document_texts(store, records["doc_sha256"].dropna().unique())
    finally:
        store.close()
    excluded_docs = [str(p) for p in docs.loc[docs["excluded"].astype(bool), "path"]] if len(docs) else []

    pools = read_pools(out_dir)
    if not pools and pool_if_missing:
        pools = pool_defaults(out_dir, db=db_path)

    effects = refused = problem = None
    try:
        from evidencekit.effects import effects_from_records

        kept = records[~records["excluded"].astype(bool)] if "excluded" in records.columns else records
        effects, refused = effects_from_records(kept)
    except EvidenceKitError as err:
        problem = str(err)
    page = render_report(records, texts, history, pools, excluded_documents=excluded_docs,
                         effects=effects, refused=refused, effects_problem=problem)
    target = out_dir / "report.html"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, page)
    except OSError as err:
        raise EvidenceKitError(f"{target}: cannot write report: {err.strerror or err}") from err
    return target
