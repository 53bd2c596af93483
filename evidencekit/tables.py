"""Header-driven table interpreter: the lines of a table block -> Records.

Journals print a results table as a header that names the columns (arms, with their N, and the
statistics: "Hazard Ratio (95% CI)", "P Value", "no. (%)", "Mean (SD)") and rows whose first cell
names the outcome. Readers hand us such rows in three ways: cells separated by two spaces or a
tab (our PDF/HTML/JATS readers), by ``|`` (markdown and text dumps), or by single spaces (author
manuscripts, copied text). A single-space row is split by its shape: a text label followed by a
run of numeric cells (``264``, ``32 (18%)``, ``0.73 (0.63–0.86)``, ``<0.001``, ``12.3 ± 4.5``).

``table_records(doc, pack, end)`` finds every block with a usable header (at least one column
whose group or kind the header states) and returns its records, each with exact offsets into
Document.text, ``rule_id`` ``tables.<what>``, flag ``table``, outcome = row label (or the section
row above it), group = column group, timepoint from a header, a section row or the row label.
``merge_table_records`` lets those records replace the generic extractor's values in the rows
the interpreter read. Blocks without a usable header are left to the generic path.

The header vocabulary (``HEADER_KINDS``) is kept here as a documented constant rather than in the
rule pack: the pack loader validates spaCy patterns and hashes only ``*.jsonl`` and
``tokenizer.json``, and a new file type would change that contract.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from evidencekit.parsers import EVENT_LABEL, numbers, parse_p, parse_timepoint, stated_timepoint, timepoint_codes
from evidencekit.phrases import label_unit
from evidencekit.records import Record

__all__ = ["table_records", "merge_table_records", "is_table_line", "split_row", "HEADER_KINDS"]

_CI = r"(?:\s*[,;]?\s*[(\[]?\s*9[05]\s*%\s*(?:C[Il]|confidence\s+intervals?)\s*[)\]]?)?"
# the test a statistic's column names before it, and its degrees of freedom after it
_TEST_NAME = r"(?:(?i:(?:one|two)[- ]way\s+)?(?i:anova|ancova|welch'?s?|student'?s?|paired|unpaired|pearson'?s?)\s+)?"
_DF_NOTE = r"\s*(?:\(\s*d\.?f\.?\s*\))?\s*"
# Header words -> column kind, first match wins (so "mean difference" is md, not mean).
# count_pct: "no. (%)" cells "32 (18%)"; mean_sd: "Mean (SD)" cells "6.11 (6.76)" or "20.5, 11.9";
# rate: "% per yr" (an event rate, not a record kind); skip: medians and ranges.
HEADER_KINDS: tuple[tuple[str, str], ...] = (
    (rf"hazard\s+ratios?{_CI}|(?-i:\ba?HRs?\b){_CI}", "hr"),
    (rf"odds\s+ratios?{_CI}|(?-i:\ba?ORs?\b){_CI}", "or"),  # "OR", never the word "or" ("fever or history of fever")
    (rf"(?:relative\s+risks?|risk\s+ratios?|rate\s+ratios?){_CI}|(?-i:\b(?:a?RR|IRR)\b){_CI}", "rr"),
    (rf"cohen[’']?s?\s+d{_CI}|\bd\s*(?=[(\[]\s*9[05])" + _CI, "d"),
    (rf"hedges[’']?s?\s+g{_CI}", "g"),
    # an estimate the vocabulary has no kind for ("Risk difference in percentage points (95% CI)",
    # "Adjusted proportional difference (95% CI)", "Absolute risk reduction"): its column holds its place
    (rf"\b(?:absolute\s+)?risk\s+(?:difference|reduction)s?\b(?:[^|()]{{0,30}}?(?=\s*[(\[]\s*9[05]))?{_CI}|"
     rf"\bproportional\s+differences?[*∗†‡§¶]*{_CI}|"
     rf"\bnumbers?\s+needed\s+to\s+(?:treat|harm)\b|\bNN[TH]\b", "other"),
    (rf"standardi[sz]ed\s+mean\s+differences?{_CI}|\bSMD\b{_CI}", "smd"),
    (rf"mean\s+differences?{_CI}|\bMD\b{_CI}|\b(?:absolute\s+|between[- ]group\s+)?differences?\s*(?=[(\[]\s*9[05])" + _CI, "md"),
    (r"\b(?:partial\s+)?(?:eta|omega|η|ω)\s*(?:2|²|squared)", "other"),  # variance explained: no record kind
    (rf"\beffect\s+sizes?{_CI}", "smd"),  # unnamed: a standardised mean difference
    (r"^\s*(?:differences?|change(?:\s+from\s+baseline)?)\s*$", "qual"),  # an arm's change: its cells are means
    (r"[(\[]?\s*9[05]\s*%\s*(?:C[Il]|confidence\s+intervals?)\s*[)\]]?", "ci"),  # a CI column label on its own: part of the estimate's
    (r"%\s*per\s*(?:yr|year|100|1000)|rate\s+per\b|\bper\s+(?:yr|year)\b|"
     r"(?:\bno\.\s*of\s+events\s+)?\bper\s+(?:100|1000)\s+(?:patient|person)[- ]?(?:yrs?|years?)\b|"
     r"\b(?:event\s+|incidence\s+)?rate\b\s*[:,]?\s*(?:%|no\.)?\s*(?:of\s+(?:patients|participants|persons)\s*)?/\s*(?:\d+\s*)?"
     r"(?:patient[- ]|person[- ])?(?:yr|year)s?\b", "rate"),
    # "Test statistics and p value": the cells ("z = 1.99, p = 0.047") are read by the generic rules
    (r"\btest\s+statistics?\b(?:\s+and\s+p[- ]?values?)?", "skip"),
    (r"\bmedian\b[^|]*|\bIQR\b|\brange\b", "skip"),
    (r"\bp[- ]?values?\b|^\s*p\s*$|\bP\s*$|^\s*P\b", "p"),
    (r"\bmeans?\s*(?:\(\s*(?:SD|s\.d\.)\s*\)|±\s*SD|,\s*SD)", "mean_sd"),
    (r"\bmeans?\s*(?:\(\s*(?:SE|SEM|s\.e\.)\s*\)|±\s*SEM?|,\s*SEM?)", "mean_se"),
    (r"\bn\s+of\s+(?:total\s+)?n\s*\(\s*%\s*\)|\b(?:n|no\.?|number)\s*(?:of\s+[a-z]+\s*)?\(\s*%\s*\)|\bevents\s*\(\s*(?:%|estimated\s+percentage)\s*\)|\bn\s*/\s*N\s*\(\s*%\s*\)", "count_pct"),
    (r"\bn\s*/\s*N\b(?:\s+in\s+\w+)?", "count_n"),
    (r"\bno\.\s*of\s+[a-z]+|\bevents\b", "count"),
    (r"\bmeans?\b", "mean"),
    (r"\bSD\b|\bs\.d\.", "sd"),
    (r"\bSEM?\b", "se"),
    # test statistics in their own columns, under the test's name and with their df ("ANOVA F (df)", "χ2 (df)")
    (rf"^\s*{_TEST_NAME}(?:F|F[- ]values?|F\s*statistic|F[- ]tests?){_DF_NOTE}$", "f"),
    (rf"^\s*{_TEST_NAME}(?:t|t[- ]values?|t[- ]tests?){_DF_NOTE}$", "t"),
    (rf"^\s*{_TEST_NAME}(?:χ2|χ²|chi2|chi-square|chi-squared){_DF_NOTE}$", "chi2"),
    (r"^\s*d\.?f\.?\s*$", "df"),  # "6/2021" or "6, 2021" in it: a degrees-of-freedom pair, never a count
    (r"\bN\b(?:\s+with\s+data)?|\bn\b", "n"),
    (r"%", "percent"),
)
_HEADER_RE = [(re.compile(p, re.I if kind not in ("n", "sd", "se", "f", "t") else 0), kind) for p, kind in HEADER_KINDS]
TEST_KINDS = ("f", "t", "chi2", "df")
ESTIMATE_KINDS = ("hr", "or", "rr", "d", "g", "smd", "md")
PER_GROUP = ("count", "count_pct", "count_n", "mean", "mean_sd", "mean_se", "sd", "se", "n", "percent")
# a header text that starts as a number ("1000 PYAR", "<45"): a value, no name
_NUMBER_LEAD = re.compile(r"[\d.<>≤≥+-]")
# the statistic a header cell states before its arm: "Estimated proportion in control group"
_ARM_LEAD = re.compile(r"^(?:estimated\s+|observed\s+)?(?:proportions?|means?|medians?|numbers?|rates?)\s+(?:in|of|for)\s+(?:the\s+)?", re.I)
# a header taken for a group that names a comparison's statistic, not an arm
_NOT_AN_ARM_HEADER = re.compile(r"^\s*(?:(?:estimated\s+|treatment\s+|adjusted\s+|between[- ]group\s+)*(?:effects?|differences?|comparisons?|estimates?)|"
                                r"ICCs?|intraclass|limits?\s+of\s+agreement|correlations?|kappa|(?:cronbach'?s\s+)?alpha|ranges?|IQR|"
                                r"reliability|sensitivity|specificity|AUC|area\s+under)\b", re.I)
# arms that are the reference of a comparison: named last in "A vs B"
_REFERENCE_ARM = re.compile(r"\b(placebo|saline|midazolam|sham|controls?|usual\s+care|standard\s+care|no\s+treatment|waitlist|wait-list)\b", re.I)
# A column of the whole sample ("Total (n = 331)", "Overall", "All patients"): its values belong to no arm.
WHOLE_SAMPLE = re.compile(r"^\s*(?:total|overall|all(?:\s+(?:patients|participants|subjects))?|whole\s+sample|combined|pooled)\b"
                          r"(?!\s+(?:dose|score))", re.I)
# The first cell of a header row names the row labels, not a group.
_LABEL_HEADER = re.compile(r"^\s*(outcomes?|measures?(\s+and\s+group)?|variables?|characteristics?|statement|events?|"
                           r"endpoints?|parameters?|items?|adverse\s+events?|end\s+points?|scales?|group)\b", re.I)
_GROUP_N = re.compile(r"\(?\s*[nN]\s*=\s*([\d,]+)\s*\)?")
_TIME_LABEL = re.compile(r"^\s*(baseline|pre-?test|post-?test|pre-?infusion|post-?infusion|screening|endpoint|"
                         r"(?:pre|post)(?:-?treatment)?(?=\s*(?:$|\())|"
                         r"(day|week|wk|month|hour|hr|h|visit|year|min(ute)?s?|days|weeks|months|hours|T)\s*\d+|\d+\s*(h|hr|hours?|days?|weeks?|wks?|months?|mo|min|years?|yrs?)\b)",
                         re.I)

_NUM = r"[-−]?(?:\d+(?:\.\d+)?|\.\d+)"
_MARK = r"[*∗†‡§¶]{0,3}[a-z]?[*∗†‡§¶]{0,3}"
# One numeric cell; groups say which shape it is.
_CELL = re.compile(
    rf"(?:[A-Za-z]{{1,3}}\s*=\s*)?(?P<neg>[-−]\s(?=[\d.]))?(?:"
    rf"(?P<bound>[<>≤≥]\s?{_NUM})"
    rf"|(?P<ratio>{_NUM}\s*/\s*{_NUM}(?:\s*\(\s*{_NUM}\s*%?\s*\))?)"
    rf"|(?P<pm>{_NUM}\s*±\s*{_NUM})"
    rf"|(?P<ci>{_NUM}{_MARK}\s*[(\[]\s*{_NUM}\s*(?:[-–—]|,|;|to)\s*{_NUM}\s*[)\]])"
    rf"|(?P<paren>{_NUM}(?:[*∗†‡§¶]{{1,3}}[a-z]?)?\s*\(\s*{_NUM}\s*%?\s*\))"
    rf"|(?P<pair>{_NUM},\s+{_NUM})"
    rf"|(?P<plain>{_NUM}\s*%?)"
    rf"){_MARK}"
)
_P_SHAPED = re.compile(r"(?:[<>≤≥]\s?)?(?:0?\.\d{2,4}|1\.0{2,4})")
_BARE_INTERVAL = re.compile(rf"[(\[]\s*{_NUM}\s*(?:[-–—]|,|;|to)\s*{_NUM}\s*[)\]]{_MARK}")
_BARE_ESTIMATE = re.compile(rf"{_NUM}{_MARK}")
_SEPARATOR = re.compile(r"^[\s|:=+\-–—]*$")
_PIPE = re.compile(r"(^\s*\|)|(\|\s*$)|(\s\|\s)")
_TOKEN = re.compile(r"\S+")


@dataclass
class Cell:
    start: int  # offsets into the document text
    end: int
    text: str


def split_row(line: str, offset: int = 0) -> tuple[Optional[str], list[Cell]]:
    """("tab" | "pipe" | "gap" | "space" | None, cells) of one line; the first cell is the row label.

    A tab row (HTML and JATS tables) has one tab per column, so every cell keeps its column: empty
    cells, the columns a spanning cell covers and a row label a rowspan cell above fills come out
    as empty cells (the label included). A single-space row is cut by its shape: label, then a run
    of numeric cells to the line's end (at least three). Interior empty pipe cells are kept too."""
    if "\t" in line:
        return "tab", _tab_cells(line, offset)
    if _PIPE.search(line) and line.count("|") >= 1 and not _SEPARATOR.match(line):
        cells = _separated_cells(line, "|", offset)
        if cells and not cells[0].text and line.lstrip().startswith("|"):
            cells.pop(0)  # the edge before the first pipe; an empty label cell after it stays
        while cells and not cells[-1].text:
            cells.pop()
        return ("pipe", cells) if len(cells) >= 1 else (None, [])
    if re.search(r"\S {2,}\S", line.strip()):  # (a tab row was cut above)
        cells = []
        for match in re.finditer(r"\S+(?: \S+)*", line):
            # "1.60*  (1.01, 2.53)": an interval set off by a wide gap is its estimate's
            _append_cell(cells, Cell(offset + match.start(), offset + match.end(), match.group()), line, offset)
        return "gap", cells
    run = _numeric_run(line)
    if run is None:
        return None, []
    label_end, values = run
    label = line[:label_end].rstrip()
    lead = len(label) - len(label.lstrip())
    return "space", [Cell(offset + lead, offset + len(label), label.strip())] + [
        Cell(offset + s, offset + e, line[s:e]) for s, e in values]


def _separated_cells(line: str, separator: str, offset: int) -> list[Cell]:
    """The stripped cells between ``separator``s, empty ones included (they hold a column's place)."""
    cells, pos = [], 0
    for part in line.split(separator):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(offset + pos + lead, offset + pos + lead + len(stripped), stripped))
        pos += len(part) + 1
    return cells


def _append_cell(cells: list[Cell], cell: Cell, line: str, offset: int) -> None:
    """Add ``cell`` to the row, or join it to the estimate before it when it is that estimate's bare
    interval: one cell, as a header's "95% CI" names no column of its own."""
    if cell.text and cells and cells[-1].text and _BARE_INTERVAL.fullmatch(cell.text) and _BARE_ESTIMATE.fullmatch(cells[-1].text):
        first = cells[-1].start
        cells[-1] = Cell(first, cell.end, line[first - offset:cell.end - offset])
    else:
        cells.append(cell)


def _tab_cells(line: str, offset: int) -> list[Cell]:
    cells: list[Cell] = []
    for cell in _separated_cells(line, "\t", offset):
        _append_cell(cells, cell, line, offset)  # an estimate and its interval in columns of their own ("OR | 95% CI")
    while len(cells) > 1 and not cells[-1].text:
        cells.pop()
    return cells


def _numeric_run(line: str, minimum: int = 3) -> Optional[tuple[int, list[tuple[int, int]]]]:
    """(end of the label, [(start, end) of each numeric cell]) of a single-space row, or None."""
    stripped = line.rstrip()
    if len(stripped) > 600:  # a table row is short; this keeps the cell search linear in practice
        return None
    if not stripped or not re.search(r"[\d%)\]*∗†‡a-z]$", stripped) or not re.search(r"[A-Za-z]", stripped):
        return None
    cells: list[tuple[int, int]] = []
    end = len(stripped)
    while end > 0:
        best = None
        # the longest numeric cell that ends here and starts after a space (or at the line start)
        for start in [m.start() for m in _TOKEN.finditer(stripped[:end])][::-1][:5]:
            if start > 0 and not stripped[start - 1].isspace():
                continue
            if _CELL.fullmatch(stripped[start:end]):
                best = start
        if best is None:
            break
        cells.insert(0, (best, end))
        end = len(stripped[:best].rstrip())
    # "Day 1 12/20 60.0": a number after a time word belongs to the label
    if cells and re.search(r"\b(day|week|wk|month|hour|visit|year|T|grade|stage|type|phase|dose)\s*$", stripped[:cells[0][0]], re.I) \
            and re.fullmatch(r"\d+", stripped[cells[0][0]:cells[0][1]]):
        end = cells[0][1]
        cells = cells[1:]
    if len(cells) < minimum or not re.search(r"[A-Za-z]", stripped[:end]):
        return None
    return end, cells


def is_table_line(line: str) -> bool:
    """A line a reader printed as a table row: ``|`` cells, or a single-space row of a label and
    three numeric cells or more. (Two-space rows are normalise.is_table_row's own test.)"""
    stripped = line.strip()
    if not stripped:
        return False
    if "|" in stripped and (_PIPE.search(stripped) or _SEPARATOR.match(stripped)):
        return True
    return len(stripped) <= 300 and _numeric_run(stripped) is not None


# ---- header items

@dataclass
class Item:
    type: str  # "label" | "group" | "kind" | "time" | "text"
    text: str
    kind: Optional[str] = None  # kind hint (a HEADER_KINDS value) of a kind item or a group's own hint
    n: Optional[int] = None  # group size stated in the header
    n_span: Optional[tuple[int, int]] = None
    start: int = 0


def _kind_matches(text: str) -> list[tuple[int, int, str]]:
    # a group's "(N = 5128)" is never a statistic's name
    found: list[tuple[int, int, str]] = [(m.start(), m.end(), "") for m in _GROUP_N.finditer(text)]
    for regex, kind in _HEADER_RE:
        for m in regex.finditer(text):
            if m.end() > m.start() and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), kind))
    named = any(k in ESTIMATE_KINDS and not re.match(r"effect", text[s:e], re.I) for s, e, k in found)
    # "effect size: Cohen's d": the named statistic is the column's kind
    return sorted(f for f in found if f[2] and not (named and re.match(r"effect\s+size", text[f[0]:f[1]], re.I)))


# words that sit beside a statistic in a header without naming a group
_GENERIC_HEADER = re.compile(r"^[\s,;:()\[\]*∗†‡§¶]*?(?:\b(within|between|group|groups|effect|size|estimated|adjusted|"
                             r"unadjusted|value|change|from|baseline|no|of|patients|participants|with|data|in|trial|total|"
                             r"scores?|and|per|yr|year|the|a)\b[-\s,;:()\[\]*∗†‡§¶]*)*$", re.I)


def header_items(cell: Cell, first: bool, whole_cell: bool = False) -> list[Item]:
    """The column items one header cell names: a group (with its N and own hint), statistics, a
    timepoint, or the row-label column's name. A single-space header line is one cell holding
    several items."""
    text = cell.text
    items: list[Item] = []
    label = _LABEL_HEADER.match(text) if first else None
    pos = 0
    if label and first in ("label", "cell") and not _GROUP_N.search(text) and label.group(1).lower() != "group":
        # a cell of its own that starts with "Outcome", "Measure", ...: all of it heads the row labels
        # ("Outcome variable", "Measure by treatment-by-time interaction")
        return [Item("label", text, start=cell.start)]
    if label:
        items.append(Item("label", label.group(), start=cell.start))
        pos = label.end()
    elif first == "label" or first == "cell" and not _GROUP_N.search(text) and not _kind_matches(text) \
            and not _TIME_LABEL.match(text):
        # the first of several cells heads the row labels: "Dosing frequency" says the rows are arms
        return [Item("label", text, start=cell.start)]
    kinds = [k for k in _kind_matches(text) if k[0] >= pos]
    estimates = [k for k in kinds if k[2] in ESTIMATE_KINDS]
    if len(estimates) >= 2 and all(_ALTERNATIVES.fullmatch(text[a[1]:b[0]]) for a, b in zip(estimates, estimates[1:])):
        # "RR, HR, or estimated difference (95% CI)": one column whose cells name their own statistic
        kinds = sorted([k for k in kinds if k not in estimates] + [(estimates[0][0], estimates[-1][1], "other")])
    segments: list[tuple[int, int]] = []
    cursor = pos
    for s, e, _ in kinds:
        segments.append((cursor, s))
        cursor = e
    segments.append((cursor, len(text)))
    groups: list[Item] = []
    for s, e in segments:
        segment = text[s:e]
        if not segment.strip(" ,;:()[]*∗†‡§¶-–") or _GENERIC_HEADER.match(segment) \
                or re.fullmatch(r"\s*(?:treatment|between[- ]groups?|group)?\s*comparisons?\s*", segment, re.I):
            continue  # "Treatment comparison" spans the estimate columns: no arm
        sizes = list(_GROUP_N.finditer(segment))
        if len(sizes) == 1 and not _clean_name(_GROUP_N.sub(" ", segment).replace(")", " ").replace("(", " ")):
            # "(n = 66)" alone in a cell: an arm's size only where its whole line is such cells, one
            # per arm named above (_read_header decides)
            items.append(_size_item("bare_size", sizes[0], cell.start + s))
            continue
        if len(sizes) >= 2 and not _clean_name(segment[sizes[0].end():sizes[-1].start()].replace(")", " ").replace("(", " ")) \
                and all(not _clean_name(segment[a.end():b.start()]) for a, b in zip(sizes, sizes[1:])):
            # "All participants (N = 4678) (N = 4683)", or "(n = 66)" alone in a cell under its arm's
            # name: the arms' sizes, in column order
            items.extend(_size_item("size", m, cell.start + s) for m in sizes)
            continue
        if kinds and s >= kinds[-1][1] and (groups or len(kinds) >= 2) and not sizes:
            items.append(Item("text", _clean_name(segment), start=cell.start + s))  # a section row joined to the header
            continue
        if _TIME_LABEL.match(segment.strip(" ,;:()")) and not _GROUP_N.search(segment):
            items.append(Item("time", segment.strip(" ,;:()"), start=cell.start + s))
            continue
        for name, n, n_span in _split_groups(segment, cell.start + s, whole_cell):
            item = Item("group", name, n=n, n_span=n_span, start=cell.start + s)
            groups.append(item)
            items.append(item)
    for s, e, kind in kinds:
        items.append(Item("kind", text[s:e], kind=kind, start=cell.start + s))
    items.sort(key=lambda i: i.start)
    # "Intervention (mean, SD)", "Placebo Group (n=178)": one group with its own hint
    if len(groups) == 1 and len(kinds) == 1 and kinds[0][0] > groups[0].start - cell.start and kinds[0][2] in PER_GROUP:
        groups[0].kind = kinds[0][2]
        items = [i for i in items if i.type != "kind"]
    return items


# between the statistics one column offers: "RR, HR, or estimated difference", "OR/HR"
_ALTERNATIVES = re.compile(r"\s*(?:,\s*(?:or\s+|and\s+)?|\s+or\s+|\s*/\s*)(?:(?:estimated|adjusted|mean)\s+)?", re.I)


def _size_item(type_: str, size: re.Match, offset: int) -> Item:
    """The header item of a _GROUP_N match ("(n = 66)") found at offset + size.start(); its n_span
    covers "n = 66" alone."""
    inner = re.search(r"[nN]\s*=\s*[\d,]+", size.group())
    start = offset + size.start()
    return Item(type_, size.group(), n=int(size.group(1).replace(",", "")),
                n_span=(start + inner.start(), start + inner.end()), start=start)


def _first_cell_role(cells: list[Cell], row_width: int):
    """How to read the first cell of a header line: "label" when the line is as wide as the rows
    (it heads their labels), "cell" when it may head them (three cells or more: "Dosing frequency
    | Ketamine | Placebo"), else as any cell ("Placebo | Ketamine", whose label cell was lost)."""
    if len(cells) == row_width and len(cells) >= 3:
        return "label"
    return "cell" if len([c for c in cells if c.text]) >= 3 else True


def _split_groups(segment: str, offset: int, whole_cell: bool = False) -> list[tuple[str, Optional[int], Optional[tuple[int, int]]]]:
    """Group names in a header segment: each ends at its "(N = 5128)"; else at each repeat of a
    shared last word ("81-mg Group 325-mg Group"); else one group per capitalised word of a
    single-space header ("Ketamine Placebo"), never of a cell its line's gaps or pipes already set
    apart ("Usual Care" is one arm); else the whole segment."""
    sizes = list(_GROUP_N.finditer(segment))
    if sizes:
        out, cursor = [], 0
        for m in sizes:
            name = _clean_name(segment[cursor:m.start()])
            value = int(m.group(1).replace(",", ""))
            inner = re.search(r"[nN]\s*=\s*[\d,]+", m.group())
            span = (offset + m.start() + inner.start(), offset + m.start() + inner.end())
            if name:
                out.append((name, value, span))
            elif out:  # "All participants (N = 4678) (N = 4683)" is a row, handled elsewhere
                out.append((out[-1][0], value, span))
            cursor = m.end()
        return out
    words = segment.split()
    if not words:
        return []
    last = words[-1].lower()
    if len(words) >= 4 and sum(w.lower() == last for w in words) >= 2:
        out, current = [], []
        for w in words:
            current.append(w)
            if w.lower() == last:
                out.append((_clean_name(" ".join(current)), None, None))
                current = []
        return [o for o in out if o[0]]
    if not whole_cell and len(words) >= 2 and all(w[:1].isupper() for w in words) and len(words) <= 4 and "  " not in segment \
            and not any(w.lower() in ("group", "arm", "therapy", "treatment") for w in words):
        return [(_clean_name(w), None, None) for w in words]
    name = _clean_name(segment)
    return [(name, None, None)] if name else []


def _clean_name(text: str) -> str:
    text = re.sub(r"[*∗†‡§¶]+|(?<=\))[a-z]\b|\s[a-z]$", "", text)
    text = re.sub(r"\(\s*\d+\s*\)", "", text)  # "Responders (12)": the arm's size in parentheses
    # a bracket is cut off only where it is unmatched or wraps the whole name: "1st tertile (<7)" keeps its cut-off
    previous = None
    while text != previous:
        previous, text = text, text.strip(" ,;:-–—")
        if text[-1:] == "(" or text[:1] == ")":
            text = text[:-1] if text[-1:] == "(" else text[1:]
        elif text[:1] == "(" and (text.count("(") > text.count(")") or text[-1:] == ")" and _balanced(text[1:-1])):
            text = text[1:-1] if text.count("(") == text.count(")") else text[1:]
        elif text[-1:] == ")" and text.count(")") > text.count("("):
            text = text[:-1]
    return " ".join(text.split())


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


# ---- column model

@dataclass
class Column:
    group: Optional[str] = None
    kind: Optional[str] = None
    timepoint: Optional[str] = None
    n: Optional[int] = None


@dataclass
class _Layout:
    groups: list = field(default_factory=list)  # Items
    top: list = field(default_factory=list)  # kind Items after the groups (comparison columns)
    sub: list = field(default_factory=list)  # per-group sub-columns: kind or time Items
    sub_groups: list = field(default_factory=list)  # "Responders | Non-responders" under each arm
    section: Optional[str] = None  # a section row that came joined to the header ("MADRS total score")
    caption_kind: Optional[str] = None  # "Table 2. Depression scores, mean (SD)"
    row_header: Optional[str] = None  # "Dosing frequency": the rows are arms, not outcomes

    def columns(self) -> list[Column]:
        cols: list[Column] = []
        groups = self.groups or []
        per = len(self.sub) // len(groups) if groups and self.sub and len(self.sub) % len(groups) == 0 else 0
        tier = len(self.sub_groups) // len(groups) if groups and not per and len(self.sub_groups) % max(len(groups), 1) == 0 else 0
        for gi, g in enumerate(groups):
            if tier:  # "Placebo" over "Responders | Non-responders"
                for sg in self.sub_groups[gi * tier:(gi + 1) * tier]:
                    cols.append(Column(f"{g.text} {sg.text[:1].lower()}{sg.text[1:]}", sg.kind or g.kind, None, sg.n))
            elif per:
                for item in self.sub[gi * per:(gi + 1) * per]:
                    kind = item.kind if item.type == "kind" and item.kind != "qual" else g.kind
                    if kind == "smd" and re.match(r"\s*effect\s+sizes?\b", item.text, re.I):
                        kind = "d"  # an unnamed effect size under one arm is its pre-post Cohen's d, no between-arm SMD
                    cols.append(Column(g.text, kind, parse_timepoint(item.text) if item.type == "time" else None, g.n))
            else:
                cols.append(Column(None if WHOLE_SAMPLE.match(g.text) else g.text, g.kind, None, g.n))
        compared = self.compared_arms()
        if not per and not tier and groups and self.top:
            # one column per group and per comparison, in the order the header prints them
            # ("Odds ratio | Test statistics | Proportion in control | Proportion in intervention")
            placed = sorted([(g.start, Column(None if WHOLE_SAMPLE.match(g.text) else g.text, g.kind, None, g.n)) for g in groups]
                            + [(item.start, Column(compared, item.kind)) for item in self.top], key=lambda c: c[0])
            return [c for _, c in placed]
        for item in self.top:
            cols.append(Column(compared, item.kind))
        if not groups and self.sub:
            cols = [Column(None, i.kind if i.type == "kind" and i.kind != "qual" else None,
                           parse_timepoint(i.text) if i.type == "time" else None) for i in self.sub] + cols
        return cols

    def usable(self) -> bool:
        return bool(self.groups or self.top or any(i.type == "kind" for i in self.sub))

    def compared_arms(self) -> Optional[str]:
        return _compared_arms([g.text for g in self.groups or []])


def _compared_arms(names: list[str]) -> Optional[str]:
    """What a comparison column (P, difference, odds ratio) compares: "A vs B" when the header
    names exactly two arms besides a whole-sample column ("Ketamine-midazolam  Morphine  P"), the
    reference arm (placebo, control, ...) last; none across three or more arms (an omnibus test) or
    where no arm is named."""
    arms: list[str] = []
    for name in names:
        name = _ARM_LEAD.sub("", name.strip())
        if _NOT_AN_ARM_HEADER.match(name):
            continue  # "Estimated effects (95% CI)" heads the comparison's own column
        if name and not WHOLE_SAMPLE.match(name) and name.lower() not in (a.lower() for a in arms):
            arms.append(name)
    if len(arms) != 2 or any(len(a.split()) > 6 for a in arms):
        return None
    return _versus(*arms)


def _versus(first: str, second: str) -> str:
    """"A vs B" of two arms, the reference (placebo, control, ...) last as the convention prints it."""
    if _REFERENCE_ARM.search(first) and not _REFERENCE_ARM.search(second):
        first, second = second, first
    return f"{first} vs {second}"


def _read_header(layout: _Layout, items_by_line: list[list[Item]]) -> None:
    """Fold header lines into the layout: groups and the comparison columns after them first, then
    lines that only name statistics become the per-group sub-columns (a run repeated once per
    group; anything before it is a comparison column)."""
    pending: list = []  # consecutive lines that only name statistics: one run
    for items in items_by_line:
        items = [i for i in items if i.kind != "ci"]
        bare = [i for i in items if i.type == "bare_size"]
        if bare and len(bare) == len(items) == len(layout.groups) and not any(g.n for g in layout.groups):
            for g, size in zip(layout.groups, bare):  # "(n = 66)  (n = 140)" under "Ketamine  Placebo"
                g.n, g.n_span = size.n, size.n_span
            continue
        items = [i for i in items if i.type != "bare_size"]
        sizes = [i for i in items if i.type == "size"]
        texts = [i for i in items if i.type == "text"]
        if texts and not _NUMBER_LEAD.match(texts[-1].text):  # "1000 PYAR" of "Rate per 1000 PYAR" names nothing
            layout.section = texts[-1].text
        labels = [i for i in items if i.type == "label"]
        if labels and not _LABEL_HEADER.match(labels[0].text) and not layout.row_header:
            layout.row_header = labels[0].text
        groups = [i for i in items if i.type == "group"]
        stats = [i for i in items if i.type in ("kind", "time")]
        if len(items) == 1 and groups and groups[0].n is None and not layout.groups and pending \
                and all(i.kind in ESTIMATE_KINDS + TEST_KINDS + ("p", "other", "skip") for i in pending):
            layout.top += [i for i in pending if i.type == "kind"]  # "F test | df | P value" compare, no arm is named
            pending = []
            layout.section = groups[0].text  # "QIDS-SR16" under them: the rows' outcome
            continue
        if len(items) == 1 and groups and groups[0].n is None and layout.groups and (layout.sub or layout.top or pending
                                                                                     or len(layout.groups) >= 2):
            layout.section = groups[0].text  # "HAM-D total" under the header: the rows' outcome
            continue
        if groups:
            if layout.groups and not layout.sub and len(groups) > len(layout.groups) and len(groups) % len(layout.groups) == 0 \
                    and not any(g.n for g in groups):
                layout.sub_groups = groups  # second tier of arms
                continue
            layout.groups = list(groups) if not layout.groups else layout.groups + groups
            last_group = max(g.start for g in groups)
            after = [i for i in stats if i.start > last_group]
            # "Odds ratio | Test statistics | Control | Intervention": comparisons printed before the arms
            layout.top += [i for i in stats if i.start < min(g.start for g in groups) and i.type == "kind"
                           and i.kind not in PER_GROUP]
            _assign_stats(layout, after)
        elif stats:
            pending += stats
            continue
        if pending:
            _assign_stats(layout, pending)
            pending = []
        if sizes and len(sizes) == len(layout.groups):
            for g, size in zip(layout.groups, sizes):
                g.n, g.n_span = size.n, size.n_span
    if pending:
        _assign_stats(layout, pending)


def _assign_stats(layout: _Layout, stats: list[Item]) -> None:
    n_groups = len(layout.groups)
    if not stats:
        return
    if n_groups:
        # the longest suffix that is one pattern repeated once per group
        for size in range(len(stats) // n_groups, 0, -1):
            tail = stats[len(stats) - size * n_groups:]
            pattern = [(i.type, i.kind) for i in tail[:size]]
            if all([(i.type, i.kind) for i in tail[k * size:(k + 1) * size]] == pattern for k in range(n_groups)):
                layout.top += [i for i in stats[: len(stats) - size * n_groups] if i.type == "kind"]
                layout.sub = tail
                return
        # the run first, the comparison columns after it: "n (%) | rate | n (%) | rate | HR (95% CI) | P"
        for size in range(len(stats) // n_groups, 0, -1):
            head = stats[: size * n_groups]
            pattern = [(i.type, i.kind) for i in head[:size]]
            rest = stats[size * n_groups:]
            if size * n_groups < len(stats) and all(k in PER_GROUP + ("rate", "skip") for _, k in pattern) \
                    and all([(i.type, i.kind) for i in head[k * size:(k + 1) * size]] == pattern for k in range(n_groups)) \
                    and not any(i.kind in PER_GROUP for i in rest):
                layout.sub = head
                layout.top += [i for i in rest if i.type == "kind"]
                return
        shared = [i for i in stats if i.kind in PER_GROUP]
        if len(shared) == 1 and not any(g.kind for g in layout.groups):
            for g in layout.groups:  # "events (estimated percentage)" under both arms
                g.kind = shared[0].kind
            stats = [i for i in stats if i is not shared[0]]
        layout.top += [i for i in stats if i.type == "kind"]
    else:
        layout.sub += stats


# ---- blocks

def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, text[pos:stop]
        pos = stop + 1


def _is_prose(line: str) -> bool:
    return len(line.split()) > 14 and bool(re.search(r"[a-z]\.\s*$|[a-z]{3,}\.\s+[A-Z]", line)) or len(line) > 300


def table_blocks(text: str, start: int = 0, end: Optional[int] = None):
    """(header lines, body lines) per table block; each line is (offset, text). A block is a run
    of non-blank lines holding at least one row; its header is the non-row lines before its first
    row (after any prose)."""
    end = len(text) if end is None else end
    run: list[tuple[int, str]] = []
    for offset, line in list(_lines(text, start, end)) + [(end, "")]:
        if line.strip():
            run.append((offset, line))
            continue
        if run:
            yield from _split_run(run)
        run = []


def _split_run(run):
    rows = [i for i, (_, line) in enumerate(run) if split_row(line)[0] and _has_values(line)]
    if not rows:
        return
    first = rows[0]
    head_start = first
    while head_start > 0 and first - head_start < 8 and not _is_prose(run[head_start - 1][1]):
        head_start -= 1
    caption = None
    if re.match(r"\s*table\b", run[head_start][1], re.I) and head_start < first:
        caption = run[head_start]
        head_start += 1  # the caption: its "mean (SD)" or "n (%)" holds for every cell
    last = rows[-1]
    yield caption, run[head_start:first], run[first:last + 1]


def _is_title(line: str) -> bool:
    """A table's title printed without "Table N": one run of words (no column gaps), no full stop."""
    style, _ = split_row(line)
    return style is None and len(line.split()) >= 3 and not re.search(r"[.;]\s*$", line) and bool(re.search(r"[A-Za-z]{3}", line))


def caption_outcome(caption: Optional[str], instruments=()) -> tuple[Optional[str], Optional[str]]:
    """(outcome, domain) a table's caption or title names for rows that are only arms or timepoints:
    the instrument with the words that qualify it ("Table 2. PHQ-9 scores at 6 weeks" -> "PHQ-9
    scores"; "MADRS total score: mean change from baseline" -> "MADRS total score"), else the
    caption's head phrase when it names a measure ("Pain scores at rest, mean (SD)" -> "Pain scores
    at rest"); never a generic title ("Baseline characteristics", "Postoperative data")."""
    if not caption:
        return None, None
    text = re.sub(r"^\s*table\s*\w{0,4}\s*[.:|-]?\s*", "", caption, flags=re.I).strip()
    for regex, domain, _ in instruments:
        found = regex.search(text)
        if found:
            tail = re.match(r"(?:[ -]+(?!(?:at|by|in|on|from|to|for|of|and|vs|versus|with|after|over|during|mean|median|SD)\b)[A-Za-z][\w-]*){0,3}",
                            text[found.end():], re.I)
            return text[found.start() : found.end() + (tail.end() if tail else 0)].strip(), domain
    # "Effect of IPTc on clinical malaria ...", "Associations of gender, deprivation and age with
    # advanced stage at diagnosis", "Factors associated with relapse": the dependent measure
    # "associations between the mean total OHIP-NL scores and self-reported aspects ...": the one that names scores
    modelled = re.search(r"\beffects?\s+of\s+.+?\s+on\s+(?:the\s+)?(.+)"
                         r"|\bassociations?\s+between\s+(?:the\s+)?(?:mean\s+|average\s+)?([^,;:()]+?\b(?:scores?|levels?))\s+and\s+"
                         r"|\bassociations?\s+(?:of|between)\s+.+?\s+with\s+(.+)"
                         r"|\bassociations?\s+between\s+.+\s+and\s+(.+)|\b(?:associated\s+with|predictors\s+of|determinants\s+of)\s+(.+)",
                         text, re.I)
    if modelled:
        measure = re.split(r"\s*[:,(;\[*]\s*|\s+(?:by|in|among|during|at|after|according|over|across|for|using|vs\.?|versus)\s+",
                           next(g for g in modelled.groups() if g))[0].strip(" .")
        if measure and len(measure.split()) <= 6:
            return measure, None
    head = re.split(r"\s*[:,(;\[]\s*|\s+(?:by|in|among|according|over|across|between|for|of patients|vs\.?|versus)\s+", text)[0].strip()
    if not head or len(head.split()) > 6 or not re.search(r"\b(scores?|consumption|requirements?|intensity|severity|"
                                                          r"incidence|rates?|time|duration|pain|depression|symptoms?|use)\b", head, re.I):
        return None, None
    return head, None


def _has_values(line: str) -> bool:
    style, cells = split_row(line)
    return any(_CELL.fullmatch(c.text) for c in cells[1:])


# ---- records

@dataclass
class _Context:
    section: Optional[str] = None  # outcome named by a section row ("MADRS total score")
    section_time: Optional[str] = None
    section_unit: Optional[str] = None  # "VAS after arrival in PACU (minutes)": rows "0", "15" are times
    caption_domain: Optional[str] = None  # domain of the instrument the table's caption names
    title_time: Optional[str] = None  # the one timepoint the caption or title states ("PHQ-9 scores at 6 weeks")
    codes: dict = field(default_factory=dict)  # timepoint codes the article defines ("T30" -> "30 minutes")
    rows_timed: bool = False  # some row states its own timepoint ("NRS pain, week 4")
    titled: list = field(default_factory=list)  # records that took the title's timepoint
    ratios: bool = False  # odds/risk/hazard ratio columns or "Reference" cells: the rows are covariates

    def set_section(self, text: Optional[str]) -> None:
        unit = re.search(r"\s*[(\[,]\s*(minutes?|min|hours?|h|hrs?|days?|weeks?|months?)\s*[)\]]?\s*$", text or "", re.I)
        self.section = text[: unit.start()] if unit else text
        self.section_unit = unit.group(1) if unit else None


@dataclass
class _Grid:
    """The column model of a tab table (HTML, JATS), read by position: every header cell heads the
    columns below it, a spanning cell ("Ketamine (n = 30)" over "Mean | SD") all the columns it
    covers. ``labels`` leading columns name the row (outcome, arm or site, time); ``columns[j]``
    describes value column j (None for a label column)."""
    labels: int
    columns: list
    times: dict  # label column -> its header ("Month"): the column's cells are timepoints
    arms: set = field(default_factory=set)  # label columns whose cells name the row's arm ("Drug Regimen")


_TIME_HEADER = re.compile(r"^\s*(?:time(?:\s*point)?s?|months?|weeks?|days?|hours?|visits?|periods?|follow[- ]?up|assessment)\s*$", re.I)
_COMPARISON = re.compile(r"\bdifferences?\b|\bcomparisons?\b|\bvs\.?(?=\s|$)|\bversus\b", re.I)
_ARM_HEADER = re.compile(r"\b(?:regimens?|arms?|groups?|treatments?|interventions?|allocation)\b", re.I)
_PEOPLE_COUNT = re.compile(r"^\s*(?:no\.|number|n)\s*(?:of\s+)?(?:children|patients|participants|subjects|people|persons|"
                           r"individuals|women|men|adults|infants|randomi[sz]ed|analy[sz]ed)\b(?!.*%)", re.I)
_ARM_NUMBER = re.compile(r"^\s*(?:group|arm)\s*(?:\d{1,2}|[A-D])\s*$", re.I)
_INTERVAL = re.compile(rf"^[(\[]?\s*({_NUM})\s*(?:[-–—]|,|;|\bto\b)\s*({_NUM})\s*[)\]]?$")


def _grid_columns(header_rows: list[list[Cell]], body_rows: list[list[Cell]]) -> Optional[_Grid]:
    """The column model of a tab table from its header rows and value rows, or None if no column
    states a group or a statistic."""
    width = max(len(r) for r in header_rows + body_rows)
    rows = [r + [Cell(r[-1].end if r else 0, r[-1].end if r else 0, "")] * (width - len(r)) for r in header_rows]

    def starts(row):
        return {k for k, c in enumerate(row) if c.text}

    # A header row with gaps between its cells holds spanning cells; each covers the empty columns
    # after it up to its row's next cell or a spanning cell of another such row ("Group 1 | | Group 2"
    # over "Mean | SE | Mean | SE" and "Acupuncture | | Usual Care"), where another row heads them.
    sparse = [i for i, r in enumerate(rows) if any(not c.text for c in r[min(starts(r) or {0}):max(starts(r) or {0})])]
    stacks: list[list[Cell]] = [[] for _ in range(width)]
    for i, row in enumerate(rows):
        bounds = set().union(*[starts(rows[o]) for o in sparse if o != i])
        owner = None
        for k, cell in enumerate(row):
            if cell.text:
                owner = cell
            elif owner is not None and (k in bounds or not any(rows[o][k].text for o in range(len(rows)) if o != i)):
                owner = None
            if owner is not None:
                stacks[k].append(owner)
    values = [[c for c in r] for r in body_rows]
    labels = 1
    times: dict = {}
    arms_named: set = set()
    while labels < width - 1:
        heads = stacks[labels]
        head = " ".join(c.text for c in heads)
        cells = [r[labels].text for r in values if len(r) > labels and r[labels].text]
        if not cells or any(i.type in ("kind", "size", "bare_size") or i.n for c in heads for i in header_items(c, False, True)):
            break
        if _TIME_HEADER.match(head):
            times[labels] = head
        elif any(_CELL.fullmatch(c) for c in cells):
            break
        elif _ARM_HEADER.search(head):
            arms_named.add(labels)
        labels += 1
    columns: list = [None] * labels
    named_arms: set = set()  # columns headed by a cell that names only an arm ("Ketamine (n = 30)")
    for k in range(labels, width):
        column, arm = _grid_column(stacks[k])
        columns.append(column)
        if arm:
            named_arms.add(k)
    if not any(c.group or c.timepoint or c.kind not in (None, "skip", "ci", "rate", "other") for c in columns[labels:]):
        return None  # nothing to read by position ("Mean age | 37.9 (range ...)" is no header): the layout's
    arms = list(dict.fromkeys(columns[k].group for k in sorted(named_arms) if columns[k].kind in PER_GROUP + (None,)))
    last_arm = max((k for k, c in enumerate(columns) if c is not None and c.group in arms), default=0)
    if len(arms) == 2:
        # "Ketamine | Placebo | Difference (95% CI) | P": the comparison columns after the two arms
        # compare them, the experimental one first (the convention's "A vs B")
        compared = _versus(*arms)
        for column in columns[last_arm + 1:]:
            if column.group is None and column.kind in ESTIMATE_KINDS + ("p", "t", "f", "chi2"):
                column.group = compared
    return _Grid(labels, columns, times, arms_named)


def _grid_column(heads: list[Cell]) -> tuple[Column, bool]:
    """A value column from the header cells above it, top to bottom, and whether a cell of its own
    names its arm (no statistic beside the name: "Placebo", "Ketamine (n = 30)"). The lowest
    statistic named wins, arm names join ("Placebo" over "Responders"), a numbered arm ("Group 1")
    yields to the arm named under it, and a comparison ("Group Difference" over "Mean | SE") is a
    mean difference."""
    groups: list[Item] = []
    pure: list[Item] = []
    kind = timepoint = n = None
    comparison = False
    for cell in heads:
        items = header_items(cell, False, True)
        time_word = None if items else _TIME_LABEL.match(cell.text)
        if time_word and not re.sub(r"\([^()]*\)", "", cell.text[time_word.end():]).strip():
            timepoint = parse_timepoint(re.sub(r"\s*\(.*\)\s*$", "", cell.text))  # "Baseline" is no arm, and no generic word
            continue
        estimate = any(i.type == "kind" and i.kind in ESTIMATE_KINDS + TEST_KINDS + ("p",) for i in items)
        measured = min((i.start for i in items if i.type == "kind" and i.kind in PER_GROUP), default=None)
        for item in items:
            if item.type == "group" and estimate:
                continue  # "LS mean difference (95% CI)", "p-value (z-test)": a qualifier of the statistic, no arm
            if item.type == "group" and measured is not None and item.start > measured and item.n is None:
                continue  # "Mean item score": what the mean is of, no arm ("Ketamine, mean (SD)" names its arm first)
            if item.type == "group":
                if _COMPARISON.search(item.text):
                    comparison = True
                elif len(item.text.split()) <= 8 and not _NUMBER_LEAD.match(item.text):
                    # longer is a definition spanning columns; a number is a value row taken for a header
                    groups.append(item)
                    if not any(i.type == "kind" for i in items):
                        pure.append(item)
                n = item.n if item.n is not None else n
            elif item.type == "kind" and (item.kind != "ci" or kind is None):
                kind = item.kind  # "Odds ratio (95% CI)" is an odds ratio column
            elif item.type == "time":
                timepoint = parse_timepoint(item.text)
            elif item.type in ("size", "bare_size"):
                n = item.n
    if len(groups) >= 2:
        groups = [g for g in groups if not _ARM_NUMBER.match(g.text)] or groups
    if kind is None and groups and groups[-1].kind:
        kind = groups[-1].kind
    if kind == "count" and any(_PEOPLE_COUNT.search(cell.text) for cell in heads):
        kind = "n"  # "No. of children", "Number of patients": the arm's size, not an event count
    if comparison:
        groups = []
        if kind in ("mean", "mean_sd", "mean_se"):
            kind = "md"
    names = [g.text for g in groups if not WHOLE_SAMPLE.match(g.text)]
    group = " ".join([names[0]] + [f"{t[:1].lower()}{t[1:]}" for t in names[1:]]) if names else None
    return Column(group, kind, timepoint, n), bool(group and any(g in pure for g in groups))


def table_records(doc, pack=None, end: Optional[int] = None) -> tuple[list[Record], list[tuple[int, int]]]:
    """Records of every table block whose header is usable, and the (start, end) of the rows read."""
    records: list[Record] = []
    rows_read: list[tuple[int, int]] = []
    instruments = _instrument_names(pack)
    codes = timepoint_codes(doc.text)
    for caption, header, body in table_blocks(doc.text, 0, end):
        layout = _Layout()
        if caption is None:  # a title printed as its own paragraph above the table
            above = _title_above(doc.text, (header or body)[0][0])
            caption = above if above is not None and _is_title(above[1]) else None
        if caption is not None:
            hints = [k for _, _, k in _kind_matches(caption[1]) if k in PER_GROUP]
            layout.caption_kind = hints[0] if hints else None
        lines_items = []
        row_width = len(split_row(body[0][1])[1])
        for offset, line, cells in _header_cells(doc.text, header):
            items: list[Item] = []
            if len([c for c in cells if c.text]) == 1 and cells[0].text and line.count("|") >= 2 \
                    and any(i.type == "kind" for items in lines_items for i in items) \
                    and not _kind_matches(cells[0].text) and not _GROUP_N.search(cells[0].text):
                lines_items.append([Item("text", _clean_name(cells[0].text), start=cells[0].start)])  # "BSS | ||||"
                continue
            for k, cell in enumerate(cells):
                if cell.text:
                    items += header_items(cell, first=_first_cell_role(cells, row_width) if k == 0 else False,
                                          whole_cell=len([c for c in cells if c.text]) >= 2)
            lines_items.append(items)
        _read_header(layout, lines_items)
        grid = None
        rows = None  # (offset, line, style, cells) of each body line, split once
        if split_row(body[0][1])[0] == "tab":
            rows = [(offset, line, *split_row(line, offset)) for offset, line in body]
            header_rows = [cells for style, cells in (split_row(line, offset) for offset, line in header) if style == "tab"]
            body_rows = [cells for _, line, style, cells in rows if style == "tab" and _has_values(line)]
            grid = _grid_columns(header_rows, body_rows) if header_rows else None
        if not layout.usable() and grid is None:
            continue
        if rows is None:
            rows = [(offset, line, *split_row(line, offset)) for offset, line in body]
        context = _Context(codes=codes)
        context.set_section(layout.section)
        context.ratios = any(c is not None and c.kind in ("or", "rr", "hr") for c in (grid.columns if grid else layout.columns())) \
            or any(_REFERENCE_CELL.fullmatch(c.text.strip()) for *_, cells in rows for c in cells[1:])
        title = caption
        if title is None and len(header) >= 2 and _is_title(header[0][1]) and len(split_row(header[1][1])[1]) >= 2:
            title = header[0]  # "Analyses of primary outcome (PHQ-9 scores at 6 weeks)" over the column heads
        if title is None:  # its measure only: a sentence-like caption says nothing of the cells' format
            title = _title_above(doc.text, (header or body)[0][0], labelled=True)
        titled, context.caption_domain = caption_outcome(title[1] if title else None, instruments)
        if context.section is None and titled:
            context.set_section(titled)  # rows that are arms or timepoints report what the caption names
        block_start = caption[0] if caption is not None else (header or body)[0][0]
        context.title_time = _title_timepoint(caption, header, codes) or _title_timepoint(_title_above(doc.text, block_start), [], codes)
        block_records: list[Record] = []
        for g in layout.groups:
            if g.n is not None and g.n_span:
                s, e = g.n_span
                whole = bool(WHOLE_SAMPLE.match(g.text))  # "Total (n = 331)": the whole sample, no arm
                block_records.append(_record(doc, s, e, "tables.header_group_n", "total_n" if whole else "group_n",
                                             float(g.n), g.text, group=None if whole else g.text))
        above: list = []  # the label cells of the last value row: a rowspan label fills the rows under it
        categories = _category_rows(grid, rows) if grid is not None else set()
        for offset, line, style, cells in rows:
            values = cells[1:]
            if not style or not _has_values(line):
                _section_row(layout, context, line, offset, cells, block_records, doc)
                above = []
                continue
            if grid is not None and style == "tab":
                label, values, above, arm = _grid_label(grid, cells, above, offset)
                if not re.search(r"[A-Za-z]{2}", label.text) and not context.section_unit:
                    # "2", "30–49", "85+": a level of a covariate (quintile, age band), never an outcome's name
                    label = Cell(label.start, label.end, "")
                columns = [Column(arm, c.kind, c.timepoint, c.n) if arm and c.group is None and c.kind in PER_GROUP + (None,) else c
                           for c in grid.columns[grid.labels:]]  # "SP+AQ" under "Drug Regimen": the row's arm
                if categories:
                    columns = [_measure_column(c, context.section) for c in columns]
                made, read = _row_records(doc, layout, context, label, values, instruments, columns,
                                          qualify=grid.labels == 1, category=offset in categories)
            else:
                made, read = _row_records(doc, layout, context, cells[0], values, instruments)
            rows_read += read
            block_records += made
        if context.rows_timed:  # "Pain at week 4 and adverse events": the title's time is the timed rows' only
            for record in context.titled:
                record.timepoint = None
        records += block_records
    return records, rows_read


_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _measure_column(column: Column, measure: Optional[str]) -> Column:
    """In a table of levels of participants' variables, a column headed by the caption's measure
    ("Fatigue" under "associations between the mean fatigue scores and ...") holds that measure by
    level: no arm."""
    if column.group and measure:
        if set(_WORD.findall(column.group.lower())) <= set(_WORD.findall(measure.lower())):
            return Column(None, column.kind, column.timepoint, column.n)
    return column


def _category_rows(grid: _Grid, body_rows: list) -> set:
    """Offsets of the tab rows that are levels of a variable: a first label cell spanning the rows
    under it ("Dental status | Natural dentition", " | Partial denture", " | Full denture")."""
    if grid.labels < 2:
        return set()
    rows = [(offset, cells) for offset, line, style, cells in body_rows if style == "tab" and _has_values(line)]
    found: set = set()
    for (offset, cells), (next_offset, below) in zip(rows, rows[1:]):
        if len(cells) > 1 and len(below) > 1 and cells[1].text and not below[0].text and below[1].text \
                and (cells[0].text or offset in found) and not _TIME_LABEL.match(cells[1].text) \
                and not _TIME_LABEL.match(below[1].text):  # "PHQ-9 | Baseline", " | Week 6": a measure's visits
            found |= {offset, next_offset}
    return found


def _grid_label(grid: _Grid, cells: list[Cell], above: list, offset: int):
    """(label, value cells, label cells, arm) of a tab row: its label columns joined ("Mixed, Month
    6"), an empty one taking the cell above it (a rowspan label), a time column's number its header,
    and the arm a column headed "Drug Regimen" or "Treatment group" names (None without one)."""
    own = (cells + [Cell(offset, offset, "")] * grid.labels)[:grid.labels]
    filled = [c if c.text or k >= len(above) else above[k] for k, c in enumerate(own)]
    parts = []
    arm = None
    for k, cell in enumerate(filled):
        if not cell.text:
            continue
        if k in grid.arms:
            arm = _clean_name(cell.text) or None
            continue
        head = grid.times.get(k)
        parts.append(f"{head} {cell.text}" if head and re.fullmatch(r"\d+(?:\.\d+)?", cell.text) else cell.text)
    written = [c for c in own if c.text]
    start = written[0].start if written else offset
    end = written[-1].end if written else offset
    return Cell(start, end, ", ".join(parts)), cells[grid.labels:], filled, arm


def _title_timepoint(caption, header, codes=None) -> Optional[str]:
    """The timepoint a table's caption states ("Table 1. Change from T0 to T30 by group"), else its
    title line (one cell above the header: "MADRS total score: mean change from baseline to day 15"),
    else its row-label column's name ("Change from T0 to T30  Ketamine  Morphine  P")."""
    texts = [caption[1]] if caption is not None else []
    for _, line in header:
        style, cells = split_row(line)
        texts.append(line if len(cells) <= 1 else cells[0].text)
    return next((t for t in (stated_timepoint(text, codes) for text in texts) if t), None)


def _title_above(text: str, start: int, labelled: bool = False):
    """(offset, line) of a title printed as its own paragraph right above a table block ("MADRS
    total score: mean change from baseline to day 15"): one short line without a closing stop."""
    before = text[:start].rstrip()
    line_start = before.rfind("\n") + 1
    line = before[line_start:]
    # ``labelled``: also a caption with its closing stop, under its label paragraph ("Table 3" /
    # "Effect of trial arm on PHQ-9 depression.", JATS) or after it ("Table 3. Effect of ..."):
    # the label says it is the table's title
    previous = before[:line_start].rstrip()
    label = re.fullmatch(r"\s*table\s*\w{1,4}\.?\s*", previous[previous.rfind("\n") + 1:], re.I)
    if labelled and (label or re.match(r"\s*table\s*\w{1,4}\s*[.:|-]\s*\S", line, re.I)) and re.search(r"[^.]\.\s*$", line):
        line = line.rstrip()[:-1]
    if not line.strip() or len(line) > (300 if labelled and label else 160) or re.search(r"[.;:,]\s*$", line) or split_row(line)[0] \
            or "\n" not in text[line_start + len(line):start]:
        return None
    paragraph_start = before.rfind("\n\n", 0, line_start + 1)
    if text[paragraph_start + 2 if paragraph_start >= 0 else 0:line_start].strip():
        return None  # the last line of a paragraph, not a title
    return (line_start, line)


def _header_cells(text: str, header):
    """(offset, line, cells) per header line; separator lines go, and consecutive lines that are
    not cell rows are one cell (a header wrapped line by line: "Aspirin" / "(N = 2860)")."""
    out = []
    plain: list = []

    def flush():
        if plain:
            start = plain[0][0] + len(plain[0][1]) - len(plain[0][1].lstrip())
            end = plain[-1][0] + len(plain[-1][1].rstrip())
            out.append((start, text[start:end], [Cell(start, end, text[start:end])]))
            plain.clear()

    for offset, line in header:
        if _SEPARATOR.match(line):
            flush()
            continue
        style, cells = split_row(line, offset)
        if style in ("tab", "pipe", "gap"):
            flush()
            out.append((offset, line, cells))
        else:
            plain.append((offset, line))
    flush()
    return out


_FOOTNOTE_MARKS = re.compile(r"[*∗†‡§¶]+")
_REFERENCE_CELL = re.compile(r"ref(?:erence)?\.?(?:\s*\(?\s*1(?:\.0+)?\s*\)?)?|1(?:\.0+)?\s*\(ref(?:erence)?\.?\)", re.I)


def _section_row(layout: _Layout, context: _Context, line: str, offset: int, cells: list[Cell], out: list, doc) -> None:
    """A line between rows: group sizes ("All participants (N = 4678) (N = 4683)"), a new
    sub-header ("n/N in trial % n/N in trial %"), or a section naming the outcome or timepoint."""
    stripped = line.strip().strip("|").strip()
    rest = [c.text.strip() for c in cells[1:] if c.text.strip()]
    if rest and all(_REFERENCE_CELL.fullmatch(t) or re.fullmatch(r"n/?a|[-–—]", t, re.I) for t in rest):
        return  # "65–69 | Reference": a covariate's reference level, no section
    sizes = list(_GROUP_N.finditer(line))
    if sizes and len(sizes) == len(layout.groups):
        for g, m in zip(layout.groups, sizes):
            inner = re.search(r"[nN]\s*=\s*[\d,]+", m.group())
            g.n = int(m.group(1).replace(",", ""))
            out.append(_record(doc, offset + m.start() + inner.start(), offset + m.start() + inner.end(),
                               "tables.row_group_n", "group_n", float(g.n), line.strip(), group=g.text))
        return
    items = header_items(Cell(offset, offset + len(line), line), first=False)
    stats = [i for i in items if i.type == "kind"]
    if len(stats) >= 2 and layout.groups and len(stats) % len(layout.groups) == 0:
        layout.sub = []
        _assign_stats(layout, stats)
        rest = line[max(i.start + len(i.text) for i in stats) - offset:].strip(" |")
        if rest and re.search(r"[A-Za-z]{3}", rest):
            context.section, context.section_time = rest, None
        return
    if not stripped or not re.search(r"[A-Za-z]", stripped):
        return
    if _TIME_LABEL.match(stripped):
        context.section_time = parse_timepoint(stripped)
    else:
        context.set_section(stripped.rstrip(":"))
        context.section_time = None


def _row_records(doc, layout: _Layout, context: _Context, label: Cell, values: list[Cell], instruments,
                 columns: Optional[list] = None, qualify: bool = True, category: bool = False):
    """(records, (start, end) of the cells they were read from) of one row; ``columns`` are the
    values' own (a tab table's, by position), else the header layout's from the left."""
    by_position = columns is not None
    columns = layout.columns() if columns is None else columns
    sentence = doc.text[label.start: values[-1].end] if values else label.text
    label_text, unit = label_unit(label.text)
    outcome, timepoint = _outcome_of(label_text, context, instruments)
    qualifier = None
    if qualify and layout.row_header and not _TIME_LABEL.match(label.text):  # "Twice weekly" under "Dosing frequency"
        qualifier, outcome = _clean_name(label.text).lower(), context.section
    row_hint = _row_hint(label.text)
    out: list[Record] = []
    # align from the left; a row with fewer cells than columns lacks its last ones (often P)
    by_group: dict = {}
    read: list[tuple[int, int]] = []
    previous: list[Record] = []  # the records of the cell before (by position, in a tab table)
    for cell, column in zip(values, columns):
        if not cell.text:
            previous = []
            continue
        if by_position and _attach_spread(previous, cell, column, read):
            continue
        kind = column.kind if column.kind in ESTIMATE_KINDS + TEST_KINDS + ("p", "rate", "skip", "other") else (row_hint or column.kind or layout.caption_kind)
        if qualifier and column.group:
            column = Column(f"{column.group}, {qualifier}", column.kind, column.timepoint, column.n)
        own_time = column.timepoint or timepoint
        made = _cell_records(doc, cell, kind, column, outcome, own_time or context.title_time, sentence)
        if own_time:
            context.rows_timed = True
        elif context.title_time:
            context.titled += made
        if made:
            read.append((cell.start, cell.end))
        for record in made:
            if record.kind in ("mean", "count", "sd", "n"):
                # a column under no arm beside arm columns ("... | Usual Care | Total" over "n | Mean (SD)")
                # is the whole sample's: its n goes on its mean as an arm's does
                by_group.setdefault((column.group, column.timepoint), []).append(record)
        if by_position and column.n is not None:
            for record in made:  # "Mean | SD" under "Ketamine (n = 30)": the arm's size is its mean's n
                if record.kind == "mean" and record.n is None:
                    record.n = column.n
        out += made
        previous = made
    # "VAS 0  1.2 ± 0.4  1.1 ± 0.6  4.9 ± 0.8  0.000": a last cell no column read, shaped like a P and
    # after the arms' means or counts, is the P of a column whose header the table lost
    last = values[-1] if values else None
    if last is not None and last.text and not any(c.kind == "p" for c in columns) and (last.start, last.end) not in read \
            and _P_SHAPED.fullmatch(last.text) and len([r for r in out if r.kind in ("mean", "count")]) >= 2:
        op, value = parse_p(last.text if re.match(r"[<>≤≥]", last.text) else "=" + last.text)
        if value is not None:
            out.append(_record(doc, last.start, last.end, "tables.trailing_p", "p", value, sentence=sentence, op=op,
                               outcome=outcome, timepoint=timepoint))
            read.append((last.start, last.end))
    # "Mean SD N" in separate columns: the SD and N go on the mean of their group
    arms_beside = any(group is not None for group, _ in by_group)
    for (group, _), members in by_group.items():
        if group is None and (not arms_beside or sum(r.kind in ("mean", "count") for r in members) != 1
                              or sum(r.kind == "n" for r in members) > 1):
            continue
        mean = next((r for r in members if r.kind == "mean"), None)
        count = next((r for r in members if r.kind == "count"), None)
        for r in members:
            if r.kind == "sd" and mean is not None and mean.sd is None:
                mean.sd = r.value
                out.remove(r)
            elif r.kind == "n" and (mean or count) is not None:
                target = mean or count
                if target.n is None or target is mean:
                    target.n = int(r.value)
                out.remove(r)
    category = category or _category_level(label.text)
    level = " ".join(_FOOTNOTE_MARKS.sub("", label.text).split()) if category else None  # the category the row names
    for r in out:
        if r.kind == "n":
            # an N column on its own: the arm's size, or the whole sample's beside the arms' columns
            r.kind = "total_n" if r.group is None and arms_beside else "group_n"
            if r.kind == "group_n" and r.group is None and category:
                # "Oral health status | Excellent | 7": the size of the category the row names, no outcome's
                r.group, r.outcome = level, None
        elif category and r.group is None and r.outcome == outcome:
            # "Dental status | Natural dentition" under no arm: a subgroup of the table's measure (the
            # caption's), which is no row's name; a test across the levels is of that measure, no arm's
            r.outcome = context.section
            if r.kind in ("mean", "count", "percent"):
                r.group = level
    dfs = [r for r in out if r.kind == "df"]
    test = next((r for r in out if r.kind in ("f", "t", "chi2")), None)
    for r in dfs:  # a df column gives the row's test statistic its df; it is no value of its own
        if test is not None and test.df is None:
            test.df = r.df
        out.remove(r)
    # A P column is a value of its own: one P may test the arms' counts or means as much as the ratio
    # beside them, and a row may hold several estimates ("Risk difference (95% CI) | OR (95% CI) | P").
    # Where the row holds exactly one estimate or test statistic and one P, that P is also the
    # statistic's own (the "attached ... within its table row").
    stats = [r for r in out if r.kind in ESTIMATE_KINDS + ("f", "t", "chi2")]
    ps = [r for r in out if r.kind == "p"]
    unread_estimates = sum(1 for c in columns if c.kind == "other")  # risk difference, NNT: no records, but a P may be theirs
    if len(stats) == 1 and len(ps) == 1 and not unread_estimates and stats[0].p_value is None:
        stats[0].p_op, stats[0].p_value = ps[0].p_op, ps[0].p_value
    for r in out:
        if unit and r.kind in ("mean", "md") and not r.unit:
            r.unit = unit
    domain = _domain(outcome, instruments) or (context.caption_domain if outcome and outcome == context.section else None)
    for r in out:
        r.domain = domain
    return out, read


def _attach_spread(previous: list[Record], cell: Cell, column: Column, read: list) -> bool:
    """A tab table's SD, SE or 95% CI column right of its estimate's ("Mean | SE", "Mean difference |
    SE | 95% CI" under one head): the cell's value goes on the estimate of the cell before it (an
    estimate followed by its SE, then its CI). True if it did."""
    target = next((r for r in previous if r.kind in ESTIMATE_KINDS + ("mean",)), None)
    if target is None or column.group is not None and target.group != column.group:
        return False  # "Mean item score | SD": an SD column under no arm of its own is its mean's
    if column.kind in ("sd", "se") and getattr(target, column.kind) is None and target.sd is None and target.se is None:
        match = _CELL.fullmatch(cell.text)
        if match is None or match.lastgroup != "plain" or "%" in cell.text:
            return False
        value = numbers(match.group("plain"))
        if not value or value[0] < 0:
            return False
        setattr(target, column.kind, value[0])
    elif column.kind == "ci" and target.ci_low is None:
        interval = _INTERVAL.match(cell.text.strip())
        if interval is None:
            return False
        low, high = numbers(interval.group(1)) + numbers(interval.group(2))
        if not low <= target.value <= high:
            return False
        target.ci_low, target.ci_high, target.ci_level = low, high, 95.0
    else:
        return False
    read.append((cell.start, cell.end))
    return True


def _outcome_of(label: str, context: _Context, instruments=()) -> tuple[Optional[str], Optional[str]]:
    label = re.sub(r"\s*[—–-]\s*(no\.|n)\s*\(%\)\s*$|,?\s*(no\.|n)\s*\(%\)\s*$|,?\s*(mean\s*)?\((SD|SE|SEM)\)\s*$", "", label, flags=re.I)
    timed = re.fullmatch(r"\s*(?:([A-Za-z][\w-]*)\s+)?(\d+(?:\.\d+)?)\s*", label)
    if context.section_unit and context.section and timed and \
            (timed.group(1) is None or re.search(rf"\b{re.escape(timed.group(1))}\b", context.section, re.I)):
        # "15" (or "VAS 15") under "VAS after arrival in PACU (minutes)": 15 minutes
        return context.section, parse_timepoint(f"{timed.group(2)} {context.section_unit}")
    if _TIME_LABEL.match(label) and context.section:  # "Day 0 (pre-infusion)" under "MADRS total score"
        return context.section, parse_timepoint(re.sub(r"\s*\(.*\)\s*$", "", label))
    whole_time = _TIME_LABEL.match(label)
    if whole_time and re.fullmatch(r"\s*(\([^()]*\))?\s*", label[whole_time.end():]):
        return None, parse_timepoint(re.sub(r"\s*\(.*\)\s*$", "", label))  # "Baseline", "Day 7": a time, no outcome
    timepoint = context.section_time
    split = re.match(r"^(.*?)[,;:]\s*(.+)$", label)
    if split and (_TIME_LABEL.match(split.group(2)) or EVENT_LABEL.match(split.group(2))):  # "MADRS, week 4"
        label, timepoint = split.group(1), parse_timepoint(split.group(2))
    elif stated_timepoint(label, context.codes):  # "Primary outcome: improvement at 3 months": the outcome keeps its words
        timepoint = stated_timepoint(label, context.codes)
    lead = _TIME_LABEL.match(label)
    if lead and re.match(r"\s+[A-Za-z]", label[lead.end():]) and not context.section:  # "24 h MADRS"
        label, timepoint = label[lead.end():], parse_timepoint(lead.group())
    named = label
    label = _clean_name(label)
    if label and names_no_measure(named, context.ratios):
        return context.section, timepoint  # "30–49", "Women", "ANCOVA": the caption's measure, or none
    whole = next((name for regex, _, name in instruments if regex.fullmatch(label)), None)
    return (whole or label or context.section), timepoint


# Row labels that name what a row is, not what it measures: a number, band or quantile, a study
# ("Kweku (2008) [22]") or an analysis ("ANCOVA", "Per protocol"); in a table of odds, risk or
# hazard ratios also a covariate's level ("Women", "Affluent", "Yes") -- in a table of
# characteristics "Women 74%" is the share of women, so those levels stay outcomes there.
_BAND = re.compile(r"^(?:[<>≤≥]\s*)?\d+(?:[.,]\d+)?\s*(?:(?:[-–—]|to)\s*\d+(?:[.,]\d+)?|\+|\s*(?:or|and)\s+(?:more|over|above|older|under|less))?"
                   r"\s*(?:years?|yrs?|y)?(?:\s*\([^()]*\))?$"
                   r"|^(?:\d(?:st|nd|rd|th)\s+|(?:lowest|highest|top|bottom|first|second|third|fourth|fifth)\s+)?"
                   r"(?:tertile|quartile|quintile|decile|quantile)s?\b(?:\s*\d)?(?:\s*\([^()]*\)?)?$|^q\d$", re.I)
_STUDY = re.compile(r"^[A-Z][\w'’-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+))?\s*"
                    r"(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)\s*(?:\[[\d,–\s-]+\])?|(?:19|20)\d\d[a-z]?\s*(?:\[[\d,–\s-]+\])?|\[[\d,–\s-]+\])(?:\s*,.*)?$")
_ANALYSIS = re.compile(r"^(?:ancova|anova|mmrm|gee|glmm?|locf|itt|mixed(?:[- ]effects?)?(?:\s+models?)?|intention[- ]to[- ]treat|"
                       r"per[- ]protocol|complete[- ]cases?|available[- ]cases?|(?:multiple\s+)?imputation|(?:un)?adjusted|crude|"
                       r"sensitivity\s+analys[ie]s|primary\s+analysis|model\s*\d+|(?:fully\s+)?adjusted\s+model)(?:\s*\([^()]*\))?$", re.I)
_LEVEL = re.compile(r"^(?:men|women|males?|females?|boys|girls|(?:most\s+|least\s+|less\s+|more\s+)?(?:affluent|deprived)|"
                    r"(?:low|lower|middle|high|higher)(?:\s+(?:income|education|ses|socio-?economic\s+status))?|urban|rural|"
                    r"yes|no|none|present|absent|never|ever|current|former|excellent|very\s+good|good|fair|poor|"
                    r"ref\.?|reference(?:\s+(?:group|category))?)(?:\s*\([^()]*\))?$", re.I)


def _category_level(label: str) -> bool:
    """Whether a row label ends in a category's level ("Burning mouth syndrome, Yes", "Number of
    teeth, 1st tertile (<7)", "Women", "65–74"): the row is a category of participants."""
    last = _FOOTNOTE_MARKS.sub("", label.rsplit(",", 1)[-1]).strip()
    return bool(last) and bool(_BAND.match(last) or _LEVEL.match(last))


def names_no_measure(label: str, ratios: bool = False) -> bool:
    """Whether a table row label names no measure: a number, age band or quantile ("2", "30–49",
    "85+", "1st tertile (<7)"), a study ("Cisse (2006) [20], Niakhar"), an analysis ("ANCOVA",
    "Mixed", "Per protocol"), or -- ``ratios``: the table holds odds, risk or hazard ratios, whose
    rows are a model's covariates -- a covariate's level ("Women", "Affluent", "Yes")."""
    text = _FOOTNOTE_MARKS.sub("", label).strip(" ,;:")
    if not text:
        return False
    if _BAND.match(text) or _STUDY.match(text) or _ANALYSIS.match(text):
        return True
    return ratios and bool(_LEVEL.match(text))


def _row_hint(label: str) -> Optional[str]:
    if re.search(r"\b(no\.|n)\s*\(%\)", label, re.I):
        return "count_pct"
    if re.search(r"\(\s*(SD)\s*\)|±\s*SD", label, re.I):
        return "mean_sd"
    return None


def _cell_records(doc, cell: Cell, kind: Optional[str], column: Column, outcome, timepoint, sentence) -> list[Record]:
    match = _CELL.fullmatch(cell.text)
    if not match or kind in ("rate", "skip", "other"):
        return []
    shape = match.lastgroup
    body_start = cell.start + match.start(shape)
    body = match.group(shape)
    nums = [(m.start(), m.end(), v) for m, v in zip(re.finditer(r"[-−]?(?:\d+(?:\.\d+)?|\.\d+)", body), numbers(body))]
    if not nums:
        return []
    first_span = (body_start + nums[0][0], body_start + nums[0][1])
    if match.group("neg"):  # "- 0.5 (0.8)": a minus set off by a space (PDF text layers)
        nums[0] = (nums[0][0], nums[0][1], -nums[0][2])
        first_span = (cell.start + match.start("neg"), first_span[1])
    common = dict(outcome=outcome, timepoint=timepoint, group=column.group, sentence=sentence)
    records: list[Record] = []

    def add(rule, k, span, value, **extra):
        records.append(_record(doc, span[0], span[1], f"tables.{rule}", k, value, **{**common, **extra}))

    has_percent = "%" in body
    if kind == "df":  # "6/2021", "6, 2021", "46": degrees of freedom of the row's test statistic
        if shape in ("ratio", "pair", "plain") and len(nums) <= 2 and all(float(v).is_integer() for _, _, v in nums):
            add("header_df", "df", (body_start, body_start + len(body.rstrip())), None,
                df=", ".join(str(int(v)) for _, _, v in nums))
        return records
    if kind in ("f", "t", "chi2"):
        if shape == "plain" and not has_percent:
            add(f"header_{kind}", kind, (body_start, body_start + len(body.rstrip())), nums[0][2])
        elif shape == "paren" and not has_percent and float(nums[1][2]).is_integer() and nums[1][2] > 0:
            # "8.16*** (4)" under "ANOVA F (df)": the statistic and its degrees of freedom
            add(f"header_{kind}", kind, first_span, nums[0][2], df=str(int(nums[1][2])))
        return records
    if shape == "bound":
        if kind in (None, "p"):
            op, value = parse_p(body)
            add("header_p", "p", (body_start, body_start + len(body)), value, op=op)
        return records
    if shape == "ci":
        if kind in ESTIMATE_KINDS:
            add(f"header_{kind}_ci", kind, first_span, nums[0][2], ci_low=nums[1][2], ci_high=nums[2][2], ci_level=95.0)
        return records
    if shape == "ratio":
        count, total = nums[0][2], nums[1][2]
        if kind in (None, "count", "count_n", "count_pct", "percent"):
            add("header_count", "count", (body_start, body_start + nums[1][1]), count, n=int(total))
            if len(nums) > 2:
                add("header_percent", "percent", (body_start + nums[2][0], body_start + nums[2][1] + (1 if has_percent else 0)), nums[2][2])
        return records
    # "1.07(0.26)" under an arm (or the whole sample) whose statistic the header leaves unsaid: a decimal before a spread in
    # parentheses is no count (a count is whole), so it is a mean with its SD, as journals print them
    decimal_mean = (shape == "paren" and kind is None and (column.group is not None or column.n is not None) and not has_percent
                    and "." in body[nums[0][0]:nums[0][1]] and nums[1][2] >= 0)
    if shape in ("pm", "pair") or (shape == "paren" and kind in ("mean_sd", "mean_se", "mean")) or decimal_mean:
        if kind in ("mean_sd", "mean_se", "mean") or (shape == "pm" and kind is None) or decimal_mean:
            spread = {"se": nums[1][2]} if kind == "mean_se" else {"sd": abs(nums[1][2])}
            add("header_mean_sd" if "se" not in spread else "header_mean_se", "mean", first_span, nums[0][2], **spread)
        return records
    if shape == "paren":
        if kind in ("count_pct", "count") or (kind is None and (has_percent or _is_share(nums, column.n))):
            add("header_count_pct", "count", first_span, nums[0][2], n=column.n)
            p_end = body_start + nums[1][1] + (1 if body[nums[1][1]:].lstrip().startswith("%") else 0)
            add("header_count_pct", "percent", (body_start + nums[1][0], p_end), nums[1][2])
        elif kind in ESTIMATE_KINDS:
            pass  # "(0.6)" after an estimate is not a CI we can read
        return records
    # plain number
    value = nums[0][2]
    span = (body_start, body_start + len(body.rstrip()))
    if kind == "p":
        add("header_p", "p", span, value, op="=")
    elif kind in ESTIMATE_KINDS:
        add(f"header_{kind}", kind, span, value)
    elif kind in ("count", "count_pct", "count_n"):
        add("header_count", "count", span, value, n=column.n)
    elif kind == "percent" or has_percent:
        add("header_percent", "percent", span, value)
    elif kind in ("mean", "mean_sd", "mean_se"):
        add("header_mean", "mean", span, value)
    elif kind in ("sd", "se", "n"):
        add(f"header_{kind}", kind, span, value)
    return records


def _is_share(nums, n: Optional[int]) -> bool:
    """"40 (26.3)" under an arm of 152 is a count and its percentage: 40/152 = 26.3%."""
    if not n or len(nums) < 2 or nums[0][2] != int(nums[0][2]) or nums[0][2] > n:
        return False
    printed = str(nums[1][2])
    decimals = len(printed.split(".")[1]) if "." in printed and not printed.endswith(".0") else 0
    return abs(100 * nums[0][2] / n - nums[1][2]) <= 0.5 * 10 ** -decimals + 1e-9


def _record(doc, start: int, end: int, rule_id: str, kind: str, value, sentence: str = "", **fields) -> Record:
    record = Record(doc_sha256=doc.sha256, file=doc.path, page=doc.page_of(start), char_start=start, char_end=end,
                    sentence=sentence, rule_id=rule_id, kind=kind, value=value, text=doc.text[start:end],
                    flags="table", **{k: v for k, v in fields.items() if v is not None})
    if kind == "p" and record.op is not None:
        record.p_op, record.p_value = record.op, value
    return record


def _instrument_names(pack) -> list[tuple[re.Pattern, str, str]]:
    if pack is None:
        return []
    cached = pack.__dict__.get("_table_instruments")
    if cached is None:
        cached = []
        for rule in pack.rules:
            if rule.label == "instrument" and rule.domain:
                for phrase in rule.phrases or ((rule.canonical,) if rule.canonical else ()):
                    cached.append((re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.I), rule.domain, rule.canonical or phrase))
        object.__setattr__(pack, "_table_instruments", cached)
    return cached


def _domain(outcome: Optional[str], instruments) -> Optional[str]:
    if not outcome:
        return None
    # the instrument named first, and of the names starting there the longest: "EQ-VAS" is not the
    # pain VAS, "HADS-D" not the HADS total, "WOMAC pain" not the WOMAC total
    best = None
    for regex, domain, _ in instruments:
        found = regex.search(outcome)
        if found and (best is None or (found.start(), found.start() - found.end()) < best[0]):
            best = ((found.start(), found.start() - found.end()), domain)
    return best[1] if best else None


# Kinds the interpreter owns in the rows it read: the generic path's values there are replaced.
_REPLACED = ESTIMATE_KINDS + ("b", "beta", "r", "t", "f", "chi2", "z", "mean", "sd", "se", "count", "percent", "p",
                              "total_n", "group_n")


def merge_table_records(records: list[Record], table: list[Record], rows_read: list[tuple[int, int]]) -> list[Record]:
    """The generic records, less their values inside the rows the interpreter read and any record
    with the same span and kind as a table record, plus the table records."""
    if not table:
        return records
    starts = [s for s, _ in rows_read]
    taken = {(r.char_start, r.char_end, r.kind) for r in table}

    def in_rows(record: Record) -> bool:
        i = bisect.bisect_right(starts, record.char_start) - 1
        return i >= 0 and record.char_start < rows_read[i][1]

    sizes = [(r.char_start, r.char_end) for r in table if r.kind == "group_n"]

    def same_size(record: Record) -> bool:  # "(N = 5128)" read by both paths, spans a little apart
        return any(s < record.char_end and record.char_start < e for s, e in sizes)

    generic = {(r.char_start, r.char_end, r.kind): r for r in records}
    for record in table:  # what the generic path knew from the caption and the text around the table
        other = generic.get((record.char_start, record.char_end, record.kind))
        if other is not None:
            for name in ("outcome", "timepoint", "domain", "drug"):
                if getattr(record, name) is None and getattr(other, name) is not None:
                    if name == "outcome" and " ".join((record.sentence or "").split()).startswith(other.outcome):
                        continue  # the row's label ("Affluent", "ANCOVA"), which the table path found names no measure
                    setattr(record, name, getattr(other, name))
    kept = [r for r in records if (r.char_start, r.char_end, r.kind) not in taken
            and not (r.kind in _REPLACED and in_rows(r)) and not same_size(r)]

    # a test the text path read in a row whose comparison cells compare two arms ("OR ... | z = 1.99,
    # p = 0.047 | ..." beside "intervention vs control") compares the same two; the row is the
    # record's sentence, which both paths take from the row's line
    compared: dict = {}
    for r in table:
        if r.group and " vs " in r.group and r.sentence:
            compared.setdefault(" ".join(r.sentence.split()), set()).add(r.group)
    if compared:
        for r in kept:
            row = " ".join((r.sentence or "").split())
            if r.group is None and r.kind in ESTIMATE_KINDS + ("t", "f", "chi2", "z", "p") and len(compared.get(row, ())) == 1:
                r.group = next(iter(compared[row]))
    return kept + table
