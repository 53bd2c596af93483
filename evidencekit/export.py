"""Exports of the evidence store: `evidencekit table`.

Levels (what a row is):
  records             one extracted value; corrections applied, excluded records dropped
  effects             one effect size with yi/vi, as metafor's read.csv + rma(yi, vi, data=) takes it
  studies             one study, the table that goes into a paper
  revman-continuous   one study x outcome x timepoint: Mean/SD/Total of experimental and control arm
  revman-dichotomous  one study x outcome x timepoint: Events/Total of experimental and control arm
  all                 every level above, one sheet each (xlsx only)

Formats: csv, xlsx, json, md. Text cells a spreadsheet would run as a formula (first character
=, +, -, @, tab or carriage return) get a leading single quote in csv, xlsx and md; numbers stay
numbers (a numeric cell in xlsx, an unquoted number in csv). JSON is data, not a spreadsheet: it
keeps the text as it is.
"""

from __future__ import annotations

import io
import json
import re
from numbers import Number
from pathlib import Path
from typing import Optional

import pandas as pd

from evidencekit.errors import EvidenceKitError, StoreError
from evidencekit.records import RECORD_COLUMNS
from evidencekit.store import plain_value

LEVELS = ("records", "effects", "studies", "revman-continuous", "revman-dichotomous")
FORMATS = ("csv", "xlsx", "json", "md")

# Effect columns in the order metafor users expect: study, yi, vi first.
EFFECT_COLUMNS = ["study", "yi", "vi", "measure", "outcome", "domain", "convention",
                  "derivation", "record_ids"]

STUDY_COLUMNS = ["study", "design", "N", "arms", "dose", "route", "schedule", "outcomes",
                 "timepoint", "effect", "p", "file", "doi"]

REVMAN_CONTINUOUS_COLUMNS = [
    "Study", "Outcome", "Timepoint",
    "Mean experimental", "SD experimental", "Total experimental",
    "Mean control", "SD control", "Total control",
    "Experimental group", "Control group", "Note", "record_ids",
]
REVMAN_DICHOTOMOUS_COLUMNS = [
    "Study", "Outcome", "Timepoint",
    "Events experimental", "Total experimental",
    "Events control", "Total control",
    "Experimental group", "Control group", "Note", "record_ids",
]

EFFECT_KINDS = ("b", "beta", "md", "smd", "d", "g", "or", "rr", "hr", "r")
SCHEDULE_KINDS = ("frequency", "duration", "administrations")

# A group or drug named like this is the comparator arm; one named like EXPERIMENTAL the active arm.
COMPARATOR = re.compile(
    r"placebo|midazolam|saline|sham|control|usual care|treatment as usual|\btau\b|wait[- ]?list|"
    r"propofol|remifentanil|active comparator",
    re.I,
)
EXPERIMENTAL = re.compile(r"ketamine|esketamine|arketamine", re.I)
# Timepoint words that mark a pre-treatment value.
BASELINE = re.compile(r"baseline|pre[- ]?(treatment|infusion|intervention)|before|day 0\b|week 0\b", re.I)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------------------------------------
# cells


def _missing(value) -> bool:
    return not isinstance(value, (list, tuple, dict)) and plain_value(value) is None


def neutralise(value):
    """A text cell that a spreadsheet would evaluate gets a leading quote; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_number(value) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def _cell(value):
    """Plain Python value for a writer: None for missing, numbers as int/float, text neutralised."""
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python scalar
    if _is_number(value):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    return neutralise(str(value))


def format_number(value, digits: int = 3) -> str:
    """A number as a reader sees it in a paper table: 104, 0.5, -0.992."""
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.{digits}g}" if abs(value) < 1e-3 else f"{round(value, digits):g}"
    return str(value)


def _text(value) -> str:
    return "" if _missing(value) else str(value)


# ---------------------------------------------------------------------------------------------
# levels


def records_table(records: pd.DataFrame) -> pd.DataFrame:
    """The evidence table: evidence.csv columns first, then the document and correction columns."""
    front = [c for c in RECORD_COLUMNS if c in records.columns]
    # `excluded` is always False here (exclusions drop out), so it is left off as evidence.csv does.
    rest = [c for c in records.columns if c not in front and c != "excluded"]
    return records[front + rest].reset_index(drop=True)


def effects_table(effects: pd.DataFrame, labels: Optional[dict] = None) -> pd.DataFrame:
    """study, yi, vi, measure, ... with record_ids joined by ';' so one CSV cell holds them.

    ``labels`` (doc_sha256 -> study) renames studies as the studies level names them.
    """
    out = effects.copy()
    if labels and "doc_sha256" in out.columns and len(out):
        out["study"] = [labels.get(sha, study) for sha, study in zip(out["doc_sha256"], out["study"])]
    for col in EFFECT_COLUMNS:
        if col not in out.columns:
            out[col] = None
    if len(out):
        out["record_ids"] = out["record_ids"].map(
            lambda ids: ids if isinstance(ids, str) else ";".join(ids) if ids is not None else ""
        )
    extra = [c for c in out.columns if c not in EFFECT_COLUMNS and c not in ("extra",)]
    return out[EFFECT_COLUMNS + extra].reset_index(drop=True)


def study_label(rows) -> str:
    """First author + year as effects.study_label makes it (so every level names a study the same
    way); when the store knows no author, a short title + year rather than the file name.

    ``rows``: the records of one document, as a DataFrame or a list of dicts.
    """
    from evidencekit.effects import study_label as effect_study_label

    first = rows.iloc[0].to_dict() if isinstance(rows, pd.DataFrame) else rows[0]
    # The label depends on the first record only; a one-row list keeps this cheap per document.
    label = effect_study_label([{k: None if _missing(v) else v for k, v in first.items()}])
    title = _text(first.get("title")).strip()
    if title and label == Path(_text(first.get("file")) or _text(first.get("doc_sha256"))).name:
        year = first.get("year")
        short = title if len(title) <= 60 else title[:57].rsplit(" ", 1)[0] + "..."
        return f"{short} ({int(float(year))})" if not _missing(year) else short
    return label


def study_labels(records: pd.DataFrame) -> dict:
    """doc_sha256 -> study label."""
    if records is None or records.empty:
        return {}
    return {sha: study_label(rows) for sha, rows in _by_document(records).items()}


def _by_document(records: pd.DataFrame) -> dict[str, list[dict]]:
    """doc_sha256 -> its records as plain dicts, in table order (one pass; no per-group pandas)."""
    docs: dict[str, list[dict]] = {}
    for row in records.to_dict("records") if len(records) else []:
        docs.setdefault(row["doc_sha256"], []).append(row)
    return docs


def _values(rows: list[dict], kinds) -> list[dict]:
    kinds = kinds if isinstance(kinds, (list, tuple)) else (kinds,)
    return [r for r in rows if r.get("kind") in kinds]


def _column(rows: list[dict], name: str) -> list:
    return [r.get(name) for r in rows]


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        item = _text(item).strip()
        if item and item not in seen:
            seen.append(item)
    return seen


def _flags(row) -> set[str]:
    return {f for f in _text(row.get("flags")).split(";") if f}


def _is_baseline(row) -> bool:
    return "baseline" in _flags(row) or bool(BASELINE.search(_text(row.get("timepoint"))))


def _arm_role(name: str) -> Optional[str]:
    """'control' for a comparator arm, 'experimental' for a ketamine arm, None when the name says neither."""
    if COMPARATOR.search(name):
        return "control"
    if EXPERIMENTAL.search(name):
        return "experimental"
    return None


# How an article names its own design. Only statements about the article itself count ("This
# single-arm open-label trial", "In this randomized, placebo-controlled trial", "We conducted a
# cohort study"), not designs of cited work, and only in the title and the first pages' worth.
_SELF = (r"(?:\b(?:this|the present|the current|our|we (?:conducted|performed|report|ran|did|designed)"
         r"(?: an?)?|in an?)|(?:^|(?<=\n)|(?<=\. ))the)\b")  # "The ..." only where a sentence starts
STATED_DESIGNS = (
    ("crossover", re.compile(r"\bcross-?over\b", re.I)),
    ("RCT", re.compile(r"(?<!non-)(?<!non)\brandomi[sz]ed\b", re.I)),
    ("single-arm", re.compile(r"\bsingle[- ]arm\b|\bopen[- ]label\b|\buncontrolled\b|\bpre-?post\b", re.I)),
    ("cohort", re.compile(r"\bcohort\b", re.I)),
)
_SELF_STATEMENT = re.compile(_SELF + r"[^.]{0,80}?\b(?:trial|study|design|analysis)\b", re.I)
STATED_SCOPE = 6000  # characters: title, abstract and the start of the methods


def stated_design(text: str, title: str = "") -> Optional[str]:
    """'RCT', 'crossover', 'single-arm' or 'cohort' as the article states it about itself, else None."""
    statements = [title or ""] + [m.group(0) for m in _SELF_STATEMENT.finditer((text or "")[:STATED_SCOPE])]
    for statement in statements:
        for design, pattern in STATED_DESIGNS:
            if pattern.search(statement):
                return design
    return None


def _comparator_names(names) -> list[str]:
    """Comparator arms named once each: 'Placebo', 'placebo group' and 'saline placebo' -> 'placebo'."""
    return _unique(COMPARATOR.search(n).group(0).lower() for n in names if COMPARATOR.search(n))


def infer_design(rows: list[dict], text: str = "") -> str:
    """The design of one study, from its records and, where it says so, the article itself.

    From records: an arm named after a comparator (placebo, midazolam ...) next to another arm ->
    RCT-like; several groups, none a comparator (patients with vs without pain, all given ketamine)
    -> cohort; one treated group measured at baseline and after -> single-arm pre/post; anything
    else is "unclear". A design the article states about itself refines or overrides the guess,
    and a contradiction between the two is shown rather than resolved.
    """
    names = _unique(_column(rows, "group") + _column(rows, "drug"))
    comparators = _comparator_names(names)
    groups = _unique(_column(rows, "group"))
    title = _text(rows[0].get("title"))
    stated = stated_design(text, title)
    vs = f" vs {', '.join(comparators)}" if comparators else ""
    if comparators and len(names) >= 2:
        guess = "RCT-like"
    elif len(groups) >= 2:
        guess = "cohort"
    else:
        has_baseline = any(_is_baseline(r) for r in rows)
        has_followup = any(not BASELINE.search(t) for t in _unique(_column(rows, "timepoint")))
        guess = "single-arm pre/post" if has_baseline and has_followup else "unclear"
    subgroups = f" (subgroups: {', '.join(groups)})" if guess == "cohort" else ""
    if stated == "RCT":
        return f"RCT{vs}" if guess in ("RCT-like", "unclear") else f"RCT{vs} (stated; records show no comparator arm)"
    if stated == "crossover":
        return f"randomised crossover{vs}"
    if stated == "single-arm":
        if guess == "RCT-like":
            return f"unclear: stated single-arm/open-label, but records show a comparator{vs}"
        return "single-arm pre/post" + subgroups if guess != "cohort" else "single-arm" + subgroups
    if stated == "cohort":
        return "cohort" + (f" (groups: {', '.join(groups)})" if groups else "")
    if guess == "RCT-like":
        return f"RCT-like{vs}"
    if guess == "cohort":
        return f"cohort (groups: {', '.join(groups)})"
    return guess


def _effect_text(row) -> str:
    """'VAS: b -0.992 (95% CI -1.2 to -0.8)' as a paper's table prints it."""
    label = _text(row.get("outcome")) or _text(row.get("unit"))
    effect = f"{row['kind']} {format_number(row.get('value'))}"
    if not _missing(row.get("ci_low")) and not _missing(row.get("ci_high")):
        level = row.get("ci_level")
        level = f"{format_number(level)}% " if not _missing(level) else ""
        effect += f" ({level}CI {format_number(row['ci_low'])} to {format_number(row['ci_high'])})"
    return f"{label}: {effect}" if label else effect


def _p_text(row) -> str:
    if _missing(row.get("p_value")):
        return ""
    return f"P{_text(row.get('p_op')) or '='}{format_number(row['p_value'])}"


def studies_table(records: pd.DataFrame, texts: Optional[dict] = None) -> pd.DataFrame:
    """One row per study: design, N, arms, dose/route/schedule, outcomes, timepoint, effect with CI, p.

    ``texts`` maps doc_sha256 to the document text, where the article's stated design is looked up.
    """
    texts = texts or {}
    rows_out = []
    for sha, rows in _by_document(records).items():
        total = [r["value"] for r in _values(rows, "total_n") if not _missing(r.get("value"))]
        group_n = _values(rows, "group_n")
        arms = [f"{_text(r.get('group')) or _text(r.get('drug')) or 'group'} (n={format_number(r.get('value'))})"
                for r in group_n]
        n_total = float(max(total)) if total else None
        if n_total is None and group_n:
            n_total = float(sum(r["value"] for r in group_n if not _missing(r.get("value")))) or None
        doses = [f"{format_number(r['value'])} {_text(r.get('unit'))}".strip() if not _missing(r.get("value"))
                 else _text(r.get("text")) for r in _values(rows, "dose")]
        routes = [_text(r.get("unit")) or _text(r.get("text")) for r in _values(rows, "route")]
        schedule = [_text(r.get("text")) for r in _values(rows, SCHEDULE_KINDS)]
        instruments = [_text(r.get("unit")) or _text(r.get("text")) for r in _values(rows, "instrument")]
        effects = _values(rows, EFFECT_KINDS)
        rows_out.append({
            "study": study_label(rows),
            "design": infer_design(rows, texts.get(sha, "")),
            "N": int(n_total) if n_total is not None else None,
            "arms": "; ".join(_unique(arms)),
            "dose": "; ".join(_unique(doses)),
            "route": "; ".join(_unique(routes)),
            "schedule": "; ".join(_unique(schedule)),
            "outcomes": "; ".join(_unique(instruments + _column(rows, "outcome"))),
            "timepoint": "; ".join(_unique(_column(effects or rows, "timepoint"))),
            "effect": "; ".join(_effect_text(r) for r in effects),
            "p": "; ".join(p for p in (_p_text(r) for r in effects) if p),
            "file": _text(rows[0].get("file")),
            "doi": _text(rows[0].get("doi")),
        })
    table = pd.DataFrame(rows_out, columns=STUDY_COLUMNS)
    table["N"] = table["N"].astype("Int64")  # 104, not 104.0 beside a study without N
    return table


def _arms(rows: list[dict], kind: str) -> dict[tuple, dict[str, list]]:
    """(outcome, timepoint) -> {'experimental': [...], 'control': [...]} of the given kind's records."""
    found: dict[tuple, dict[str, list]] = {}
    for r in _values(rows, kind):
        if _is_baseline(r) and kind == "mean":
            continue  # RevMan rows compare arms after treatment; baselines are not outcomes
        name = _text(r.get("group")) or _text(r.get("drug"))
        role = _arm_role(name)
        if role is None:
            continue
        key = (_text(r.get("outcome")), _text(r.get("timepoint")))
        found.setdefault(key, {"experimental": [], "control": []})[role].append(r)
    return found


def _group_n(rows: list[dict], group: str):
    for r in _values(rows, "group_n"):
        if _text(r.get("group")) == group and not _missing(r.get("value")):
            return r
    return None


def _sd_for(rows: list[dict], mean_row):
    """The SD stated with a mean, or an SD record of the same group, outcome and timepoint."""
    if not _missing(mean_row.get("sd")):
        return mean_row["sd"], None
    for r in _values(rows, "sd"):
        if all(_text(r.get(c)) == _text(mean_row.get(c)) for c in ("group", "outcome", "timepoint")):
            return r["value"], r["record_id"]
    return None, None


def _n_for(rows: list[dict], row):
    if not _missing(row.get("n")):
        return int(row["n"]), None
    g = _group_n(rows, _text(row.get("group")))
    return (int(g["value"]), g["record_id"]) if g is not None else (None, None)


def _arm_name(r) -> str:
    return _text(r.get("group")) or _text(r.get("drug"))


def _comparisons(arms: dict[str, list]) -> list[tuple[dict, dict, str]]:
    """(experimental, control, note) pairs: each ketamine arm against the one comparator arm.

    Several ketamine arms (doses) share the control: one row each, with a note, as RevMan needs
    one comparison per row. Two values for the same arm (or two comparators) leave the choice
    to the reviewer: no rows.
    """
    control, experimental = arms["control"], arms["experimental"]
    names = [_arm_name(r) for r in experimental]
    if len(control) != 1 or not experimental or len(set(names)) != len(names):
        return []
    note = ""
    if len(experimental) > 1:
        note = (f"{len(experimental)} ketamine arms share this control: split its n across the "
                "comparisons or combine the arms (Cochrane Handbook 23.3.4)")
    return [(r, control[0], note) for r in experimental]


def _revman_rows(records: pd.DataFrame, kind: str, arm_cells, columns) -> pd.DataFrame:
    """One row per ketamine arm against the comparator arm, for arms reported as `kind` records.
    ``arm_cells(rows, record, role)`` gives the cells of one arm and the ids of the records used."""
    out = []
    for rows in _by_document(records).values():
        study = study_label(rows)
        for (outcome, timepoint), arms in _arms(rows, kind).items():
            pairs = _comparisons(arms)
            for exp, ctrl, note in pairs:
                label = f"{study} — {_arm_name(exp)}" if len(pairs) > 1 else study
                row = {"Study": label, "Outcome": outcome, "Timepoint": timepoint, "Note": note}
                ids = []
                for role, r in (("experimental", exp), ("control", ctrl)):
                    cells, used = arm_cells(rows, r, role)
                    row.update(cells)
                    row[f"{role.capitalize()} group"] = _arm_name(r)
                    ids += [i for i in (r["record_id"], *used) if i]
                row["record_ids"] = ";".join(ids)
                out.append(row)
    return pd.DataFrame(out, columns=columns)


def _continuous_cells(rows, r, role):
    sd, sd_id = _sd_for(rows, r)
    n, n_id = _n_for(rows, r)
    return {f"Mean {role}": r["value"], f"SD {role}": sd, f"Total {role}": n}, (sd_id, n_id)


def _dichotomous_cells(rows, r, role):
    n, n_id = _n_for(rows, r)
    events = int(r["value"]) if not _missing(r.get("value")) else None
    return {f"Events {role}": events, f"Total {role}": n}, (n_id,)


def revman_continuous(records: pd.DataFrame) -> pd.DataFrame:
    """Mean/SD/Total per arm after treatment, one row per ketamine arm against the comparator arm.
    Rows that lack an SD or n are still listed, with blanks for the reviewer to fill."""
    return _revman_rows(records, "mean", _continuous_cells, REVMAN_CONTINUOUS_COLUMNS)


def revman_dichotomous(records: pd.DataFrame) -> pd.DataFrame:
    """Events/Total per arm from count records (events with the n they are out of), one row per
    ketamine arm against the comparator arm."""
    return _revman_rows(records, "count", _dichotomous_cells, REVMAN_DICHOTOMOUS_COLUMNS)


def build_level(level: str, records: pd.DataFrame, effects: Optional[pd.DataFrame] = None,
                texts: Optional[dict] = None) -> pd.DataFrame:
    """The table of one level from the corrected, non-excluded records (their effects, document texts)."""
    if level == "records":
        return records_table(records)
    if level == "effects":
        if effects is None:
            effects = compute_effects(records)
        return effects_table(effects, study_labels(records))
    if level == "studies":
        return studies_table(records, texts)
    if level == "revman-continuous":
        return revman_continuous(records)
    if level == "revman-dichotomous":
        return revman_dichotomous(records)
    raise EvidenceKitError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)} or all")


def compute_effects(records: pd.DataFrame) -> pd.DataFrame:
    """Effect sizes from the corrected records, so a correction changes yi/vi too."""
    from evidencekit.effects import effects_from_records

    effects, _refused = effects_from_records(records)
    return effects


# ---------------------------------------------------------------------------------------------
# writers


def _cells(frame: pd.DataFrame) -> list[list]:
    return [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def to_csv(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    # dtype=object keeps each cell as it is: an int stays 104, not 104.0 beside a blank.
    safe = pd.DataFrame(_cells(frame), columns=[neutralise(str(c)) for c in frame.columns], dtype=object)
    safe.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def to_json(frame: pd.DataFrame) -> str:
    rows = []
    for row in frame.itertuples(index=False, name=None):
        item = {}
        for col, value in zip(frame.columns, row):
            if _missing(value):
                value = None
            elif hasattr(value, "item") and not isinstance(value, str):
                value = value.item()
            elif isinstance(value, tuple):
                value = list(value)
            item[str(col)] = value
        rows.append(item)
    return json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n"


def _md_cell(value) -> str:
    value = _cell(value)
    if value is None:
        return ""
    if _is_number(value):
        return format_number(value, 6) if isinstance(value, float) else str(value)
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def to_markdown(frame: pd.DataFrame) -> str:
    header = [_md_cell(str(c)) for c in frame.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for row in frame.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


XLSX_MAX_CHARS = 32767  # Excel's limit per cell; longer text makes Excel "repair" the file
# Control characters XML 1.0 cannot hold (openpyxl refuses them); a PDF or a binary .txt can have them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_cell(value):
    if isinstance(value, str):
        value = _XML_ILLEGAL.sub("\ufffd", value)
        if len(value) > XLSX_MAX_CHARS:
            value = value[:XLSX_MAX_CHARS - 1] + "…"
    return value


def write_xlsx(sheets: dict[str, pd.DataFrame], path) -> None:
    """One sheet per table; numbers as numeric cells, text neutralised, a bold frozen header.

    Characters XML cannot carry become U+FFFD and text beyond Excel's 32,767 per cell is cut with
    an ellipsis, so the workbook always opens.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Write-only: rows stream to the file (constant memory, several times faster on big stores).
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.freeze_panes = "A2"
        for i, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200) if not _missing(v)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        header = []
        for col in frame.columns:
            cell = WriteOnlyCell(ws, value=_xlsx_cell(neutralise(str(col))))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in _cells(frame):
            ws.append([_xlsx_cell(v) for v in row])
    try:
        wb.save(path)
    except OSError as err:
        raise EvidenceKitError(f"{path}: cannot write: {err.strerror or err}") from err


def render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(frame)
    if fmt == "json":
        return to_json(frame)
    if fmt == "md":
        return to_markdown(frame)
    raise EvidenceKitError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# ---------------------------------------------------------------------------------------------
# the command


def export_frames(levels, records: pd.DataFrame, fmt: str, output=None,
                  texts: Optional[dict] = None) -> Optional[str]:
    """Write the tables of ``levels`` in ``fmt`` to ``output``; return the text when output is None."""
    if fmt not in FORMATS:
        raise EvidenceKitError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "xlsx" and output is None:
        raise EvidenceKitError("xlsx is a binary file: give it a name with -o FILE.xlsx")
    if len(levels) > 1 and fmt != "xlsx":
        raise EvidenceKitError("--level all needs --format xlsx (one sheet per level)")
    effects = compute_effects(records) if "effects" in levels else None
    tables = {level: build_level(level, records, effects, texts) for level in levels}
    if fmt == "xlsx":
        write_xlsx(tables, output)
        return None
    text = render(tables[levels[0]], fmt)
    if output is None:
        return text
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        raise EvidenceKitError(f"{output}: cannot write: {err.strerror or err}") from err
    return None


def document_texts(store, shas) -> dict:
    """doc_sha256 -> stored text; a document the store no longer holds (a value added to it
    before it was replaced) gets "" so its records still export, without context."""
    texts = {}
    for sha in shas:
        try:
            texts[sha] = store.document_text(sha) or ""
        except StoreError:
            texts[sha] = ""
    return texts


def resolve_db(db=None, out_dir=None) -> Path:
    """--db wins; else DIR/evidence.db with DIR from --out (default outputs/). It must exist."""
    path = Path(db) if db else Path(out_dir or "outputs") / "evidence.db"
    if not path.is_file():
        raise StoreError(f"{path}: no evidence store here; run `evidencekit extract` first or pass --db")
    return path


def export_table(level: str = "records", fmt: str = "csv", output=None, db=None, out_dir=None) -> Optional[str]:
    """`evidencekit table`: read the store, apply corrections, drop exclusions, write one level."""
    from evidencekit.store import open_store

    levels = list(LEVELS) if level == "all" else [level]
    for lv in levels:
        if lv not in LEVELS:
            raise EvidenceKitError(f"unknown level {lv!r}; choose one of {', '.join(LEVELS)} or all")
    store = open_store(resolve_db(db, out_dir))
    try:
        records = store.records_frame(apply_corrections=True, include_excluded=False)
        texts = {}
        if "studies" in levels and len(records):
            texts = document_texts(store, records["doc_sha256"].dropna().unique())
    finally:
        close = getattr(store, "close", None)
        if close:
            close()
    return export_frames(levels, records, fmt, output, texts)
