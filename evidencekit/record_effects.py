"""Extracted records -> effect sizes with their derivation in words, or the reason they cannot be.

Called through :func:`evidencekit.effects.effects_from_records`. Works on plain dicts per document
(pandas only at the edges): a store of tens of thousands of records converts in about a second.

Per document and outcome (+ timepoint):
* two-group contrasts (SMD under the named convention, and MD) from mean + SD/SE/CI + n records of a
  treatment and a control group; several doses against one control are combined (Handbook 6.5.a);
* pre/post standardised mean change (SMCR) from baseline-flagged vs follow-up means of one arm,
  with the assumed pre–post correlation r;
* log RR, log OR, RD from event counts of a treatment and a control group;
* reported SMD/d/g, MD, OR/RR/HR, b/beta, r with a CI, SE, t, n or p (Handbook 6.3, 6.5.2);
  a reported d/g/SMD that is within one group (single-arm document, or "from baseline", "pre-post",
  "within-group", paired t) is measure SMC, never an SMD (see _within_group).

Direction (one for every effect on a scale): treatment minus control, or post minus pre within one
group, on the scale as scored. Depression and pain symptom scales score lower = better, so there a
negative MD/SMD/b/SMC favours the treatment. Authors often print the benefit as a positive number
instead; the rule for reported MD/SMD/d/g/b/beta (see _direction):
* a difference scored as a benefit -- "difference in improvement/reduction/decrease/decline/fall/
  drop/relief", "change from baseline improvement", or a positive "greater reduction of 5 points"
  -- is flipped;
* "in favour of X" / "favouring X" fixes the sign: negative when X is the treatment, positive when
  X is the control;
* "change from baseline" alone is post minus pre: already on the common direction, kept;
* flipped effects carry flag sign_flipped and say so in the derivation; cues that disagree, a
  favoured group that is neither treatment nor control, or a benefit-scored difference in a domain
  whose scale direction is unknown (not depression/pain) are refused with the reason.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

import numpy as np
import pandas as pd

from evidencekit.effects import (
    EFFECT_COLUMNS, RATIO_MEASURES, REFUSED_COLUMNS, SMD_CONVENTIONS, ConversionRefused, _convention_words, _fmt, _num,
    combine_arms, critical_value, log_or, log_rr, md, normalise_outcome, rd, sd_from_ci, sd_from_se, se_from_ci,
    se_from_p, se_from_t, smcr, smd, standardise_b, zcor,
)
from evidencekit.errors import StatisticsError
from evidencekit.store import plain_value

CONTROL_RE = re.compile(r"placebo|saline|midazolam|control|sham|vehicle|usual care|wait[- ]?list|\btau\b", re.I)
TREATMENT_RE = re.compile(r"ketamine|esketamine|arketamine|\bdrug\b|active|treatment|intervention", re.I)
_BASELINE_RE = re.compile(r"(?:^|;)baseline(?:;|$)")
SMD_IMPLAUSIBLE = 3.0  # |g| beyond this is rare in clinical trials; flagged, and left out of pooling
SMCR_IMPLAUSIBLE = 6.0  # within one group large changes are common (SD_pre is narrowed by entry criteria)
_TEXT_COLUMNS = ("flags", "group", "timepoint", "outcome", "domain", "drug", "p_op", "sentence", "file", "df",
                 "doi", "title", "study", "study_label", "first_author", "author", "authors")
_NUMBER_COLUMNS = ("value", "sd", "se", "n", "ci_low", "ci_high", "ci_level", "p_value", "year")


@dataclass
class _Arm:
    group: str
    mean: float
    sd: float
    n: float
    record_ids: list
    how: str  # how SD/n were obtained, for the derivation


def effects_from_records(records: pd.DataFrame, smd_convention: str = "cochrane", r: float = 0.5):
    """-> (effects DataFrame with EFFECT_COLUMNS, refused DataFrame with REFUSED_COLUMNS)."""
    if smd_convention not in SMD_CONVENTIONS:
        raise StatisticsError(f"unknown SMD convention {smd_convention!r}; use one of {', '.join(SMD_CONVENTIONS)}")
    effects, refused = [], []
    if records is None or len(records) == 0:
        return pd.DataFrame(columns=EFFECT_COLUMNS), pd.DataFrame(columns=REFUSED_COLUMNS)
    by_doc: dict = {}
    for row in _plain_rows(records):
        by_doc.setdefault(row.get("doc_sha256"), []).append(row)
    outcome_keys: dict = {}
    with np.errstate(all="ignore"):  # tiny n gives inf/NaN: _drop_degenerate refuses those with the reason
        for doc, rows in by_doc.items():
            _document_effects(doc, rows, outcome_keys, smd_convention, r, effects, refused)
    effects = _drop_degenerate(effects, refused)
    eff = pd.DataFrame(effects, columns=EFFECT_COLUMNS)
    eff[["yi", "vi"]] = eff[["yi", "vi"]].astype(float)
    if len(eff):
        q = critical_value(95)
        eff["se"] = eff["vi"].astype(float) ** 0.5
        eff["ci_lb"] = eff["yi"] - q * eff["se"]
        eff["ci_ub"] = eff["yi"] + q * eff["se"]
        eff["effect_id"] = [f"e{i + 1}" for i in range(len(eff))]
    return eff, pd.DataFrame(refused, columns=REFUSED_COLUMNS)


def _document_effects(doc, rows, outcome_keys, smd_convention, r, effects, refused) -> None:
    rows = _inherit_document_outcome(rows)
    for row in rows:
        o = row.get("outcome")
        if o not in outcome_keys:
            outcome_keys[o] = normalise_outcome(o)
        row["outcome_key"] = outcome_keys[o]
    ctx = {"study": study_label(rows), "doc_sha256": doc, "file": rows[0].get("file"),
           "article": article_key(rows), "year": _doc_year(rows)}
    group_n = _group_sizes(rows)
    _contrasts_from_means(rows, group_n, ctx, smd_convention, r, effects, refused)
    _contrasts_from_counts(rows, group_n, ctx, effects, refused)
    _effects_from_statistics(rows, group_n, ctx, smd_convention, effects, refused)


def _drop_degenerate(effects: list, refused: list) -> list:
    """Tiny n or a zero-width CI can give an infinite, NaN or non-positive variance: refuse those."""
    kept = []
    for e in effects:
        if math.isfinite(e["yi"]) and math.isfinite(e["vi"]) and e["vi"] > 0:
            kept.append(e)
            continue
        refused.append({"study": e["study"], "doc_sha256": e["doc_sha256"], "file": e["file"],
                        "outcome": e["outcome"], "domain": e["domain"], "kind": e["measure"], "value": e["yi"],
                        "reason": f"{e['measure']}: estimate or variance not finite/positive (check n, SD, CI): "
                                  f"{e['derivation']}", "record_ids": e["record_ids"]})
    return kept


def _plain_rows(records: pd.DataFrame) -> list:
    """Rows as dicts with None for every missing value (NaN, pd.NA) and '' for missing flags."""
    rows = records.astype(object).where(records.notna(), None).to_dict("records")
    for row in rows:
        for col in _TEXT_COLUMNS + _NUMBER_COLUMNS + ("kind", "record_id", "doc_sha256"):
            row.setdefault(col, None)
        row["flags"] = str(row["flags"] or "")
        row["record_id"] = str(row["record_id"])
    return rows


def _where(rows: Iterable[dict], *kinds: str, has_value: bool = False) -> list:
    return [r for r in rows if r["kind"] in kinds and (not has_value or _num(r["value"]) is not None)]


def _grouped(rows: Iterable[dict], key: Callable) -> dict:
    """Insertion-ordered grouping (first appearance in the text first)."""
    out: dict = {}
    for row in rows:
        out.setdefault(key(row), []).append(row)
    return out


def _is_baseline(row) -> bool:
    return bool(_BASELINE_RE.search(row["flags"]))


# --------------------------------------------------------------------------- document-level facts

def article_key(rows: list) -> str:
    """Copies of one article (a PDF and its text version) share a DOI or title: one study."""
    row = rows[0]
    if _present(row.get("doi")):
        return "doi:" + str(row["doi"]).strip().lower()
    if _present(row.get("title")):
        return "title:" + re.sub(r"\W+", " ", str(row["title"]).lower()).strip()
    return "sha:" + str(row.get("doc_sha256"))


_VALUE_KINDS = ("mean", "md", "smd", "d", "g", "or", "rr", "hr", "b", "beta", "r", "p", "count")


# Outcomes that are never the document's symptom domain, though printed beside it (vital signs,
# rescue analgesia, satisfaction, adverse effects, times): they keep no domain rather than "pain".
_NOT_A_SYMPTOM_SCORE_RE = re.compile(
    r"blood pressure|\bBP\b|heart rate|pulse|respirat|saturation|SpO2|temperature|satisfaction|analgesi|"
    r"rescue|consumption|opioid|morphine|side[- ]effect|adverse|nausea|vomit|dissociat|sedation|psychomim|"
    r"halluc|time to|duration|length of stay|\((?:min|h|hours?|s|days?)\)", re.I)


def _inherit_document_outcome(rows: list) -> list:
    """A value with no domain takes the document's only domain (all its instruments in one domain),
    unless its own outcome is plainly not a symptom score (vital signs, rescue analgesia, satisfaction,
    adverse effects, times); without an outcome of its own it takes the document's only instrument.
    Flagged outcome_from_document."""
    # a sedation or cognition scale (domain "other") beside the trial's pain score does not make the
    # document's symptom domain ambiguous: only depression/pain instruments decide it
    inst = [r for r in _where(rows, "instrument") if r["domain"] != "other"]
    names = {normalise_outcome(r["outcome"]) for r in inst if _present(r["outcome"])}
    domains = {r["domain"] for r in inst if _present(r["domain"])}
    if len(domains) != 1:
        return rows
    domain = next(iter(domains))
    name = next(iter(names)) if len(names) == 1 else None
    out = []
    for row in rows:
        if row["kind"] in _VALUE_KINDS and not _present(row["domain"]) \
                and not _NOT_A_SYMPTOM_SCORE_RE.search(str(row["outcome"] or "")):
            row = dict(row, domain=domain, flags=_with_flags(row["flags"], "outcome_from_document"))
            if name and not _present(row["outcome"]):
                row["outcome"] = name
        out.append(row)
    return out


def _doc_year(rows: list) -> Optional[int]:
    """Publication year from the document metadata (usable as a moderator)."""
    for row in rows:
        y = _num(row.get("year"))
        if y is not None:
            return int(y)
    return None


def study_label(rows: list) -> str:
    """First author + year from document metadata when the records carry it, else the file name."""
    row = rows[0]
    for col in ("study", "study_label"):
        if _present(row.get(col)):
            return str(row[col])
    author = None
    for col in ("first_author", "author", "authors"):
        if _present(row.get(col)):
            author = re.split(r"[,;]| and | et al", str(row[col]))[0].strip()
            author = author.split()[-1] if author and " " in author and col != "first_author" else author
            break
    year = _doc_year(rows)
    if author and year is not None:
        return f"{author} {year}"
    return Path(str(row.get("file") or row.get("doc_sha256") or "unknown")).name


def _group_sizes(rows: list) -> dict:
    """group name -> (n, record_id) from the document's group_n records."""
    sizes = {}
    for row in _where(rows, "group_n"):
        n = _positive(row["value"])
        if n and _present(row["group"]):
            sizes.setdefault(_group_key(row["group"]), (n, row["record_id"]))
    return sizes


def _total_n(rows: list) -> Optional[tuple]:
    totals = [t for t in _where(rows, "total_n") if _positive(t["value"])]
    if not totals:
        return None
    best = max(totals, key=lambda r: _num(r["value"]))
    return _num(best["value"]), best["record_id"]


# --------------------------------------------------------------------------- small helpers

def _present(value) -> bool:
    return plain_value(value) is not None and str(value).strip() != ""


def _positive(value) -> Optional[float]:
    """A count (n) as a positive number, else None: n = 0 or -1 is not a sample size."""
    v = _num(value)
    return v if v is not None and v > 0 else None


def _ids(ids) -> str:
    return ", ".join(f"{i[:8]}…" for i in ids)


def _group_key(g) -> str:
    return re.sub(r"\s+", " ", str(g)).strip().lower() if _present(g) else ""


_STUDY_DRUG_RE = re.compile(r"\b(?:es|ar)?ketamine\b", re.I)


def _role(row) -> Optional[str]:
    group = str(row.get("group") or "")
    # ketamine given with a control drug ("ketamine-midazolam" vs morphine) is still the intervention
    if _STUDY_DRUG_RE.search(group) and not re.search(r"\b(?:vs\.?|versus)\b", group, re.I):
        return "treatment"
    if CONTROL_RE.search(group):
        return "control"
    if TREATMENT_RE.search(" ".join(str(row.get(c) or "") for c in ("group", "drug"))):
        return "treatment"
    return None


# Record flags a reviewer should still see on the effect computed from the record.
_CARRIED_FLAGS = ("outcome_from_document", "negated", "p_inconsistent", "correction_needs_recheck", "sign_flipped")


def _with_flags(flags, *added) -> str:
    """``flags`` (';'-separated, may be empty) with ``added`` appended."""
    return ";".join(f for f in (flags, *added) if f)


def _merge_flags(flags: str, record_flags) -> str:
    out = [f for f in str(flags or "").split(";") if f]
    for f in str(record_flags or "").split(";"):
        if f in _CARRIED_FLAGS and f not in out:
            out.append(f)
    return ";".join(out)


_COMPARATOR_KINDS = (("placebo", re.compile(r"placebo|saline|sham|vehicle|\bcontrol", re.I)),
                     ("active placebo", re.compile(r"midazolam", re.I)),
                     ("usual care", re.compile(r"usual care|wait[- ]?list|\btau\b", re.I)))


def comparator_kind(text) -> Optional[str]:
    """What a control arm is: placebo, active placebo (midazolam), usual care, or another active
    treatment -- pooled together only knowingly (`pool --by comparator`)."""
    if not _present(text):
        return None
    for kind, pattern in _COMPARATOR_KINDS:
        if pattern.search(str(text)):
            return kind
    return "active"


def _stated_comparator(row) -> Optional[str]:
    """The comparator a reported statistic names in its group or sentence ('vs placebo'), if any."""
    for text in (row.get("group"), row.get("sentence")):
        if _present(text) and (m := CONTROL_RE.search(str(text))):
            return comparator_kind(m.group(0))
    return None


def _base(ctx, row, measure, yi, vi, derivation, record_ids, flags="", n1=None, n2=None,
          convention=None, r_assumed=None, priority=1, comparator=None) -> dict:
    return {
        "effect_id": "", "study": ctx["study"], "doc_sha256": ctx["doc_sha256"], "file": ctx["file"],
        "outcome": row.get("outcome_key") or row.get("outcome"), "domain": row.get("domain"),
        "timepoint": row.get("timepoint"), "measure": measure, "yi": float(yi), "vi": float(vi),
        "se": None, "ci_lb": None, "ci_ub": None, "n1": n1, "n2": n2, "convention": convention,
        "r_assumed": r_assumed, "derivation": f"{derivation} (records {_ids(record_ids)})",
        "record_ids": ";".join(record_ids), "flags": _merge_flags(flags, row.get("flags")),
        "priority": priority, "article": ctx.get("article"), "year": ctx.get("year"),
        "comparator": comparator,
    }


def _refuse(ctx, row, reason, refused, record_ids=None):
    refused.append({
        "study": ctx["study"], "doc_sha256": ctx["doc_sha256"], "file": ctx["file"],
        "outcome": row.get("outcome_key") or row.get("outcome"), "domain": row.get("domain"),
        "kind": row.get("kind"), "value": _num(row.get("value")), "reason": reason,
        "record_ids": ";".join(record_ids or [row["record_id"]]),
    })


# --------------------------------------------------------------------------- means -> SMD, MD, SMCR

def _arm(row, group_n, sd_rows, total_n=None, arms_in_total=2) -> _Arm:
    """A group's mean with SD and n, converting SE or CI to SD where needed (Handbook 6.5.2.2).

    ``total_n`` (the trial's total, when no arm n is stated) gives each of ``arms_in_total`` arms an
    equal share (all of it for a single-arm study), said so."""
    ids = [row["record_id"]]
    n = _positive(row.get("n"))
    how = []
    if n is None:
        found = group_n.get(_group_key(row.get("group")))
        if found:
            n, nid = found
            ids.append(nid)
    if n is None and total_n:
        n = total_n[0] / arms_in_total
        ids.append(total_n[1])
        how.append(f"n {_fmt(n)} assumed (total {_fmt(total_n[0])} split equally; arm n not reported)"
                   if arms_in_total > 1 else f"n = total {_fmt(n)} (single-arm study)")
    if n is None:
        raise ConversionRefused(f"n missing for group {row.get('group')!r}" if _present(row.get("group"))
                                else "n missing (group not stated)")
    sd = _num(row.get("sd"))
    if sd is None:
        for srow in sd_rows:
            if _group_key(srow["group"]) == _group_key(row["group"]) and srow["sentence"] == row["sentence"]:
                sd = _num(srow["value"])
                ids.append(srow["record_id"])
                break
    if sd is None and _num(row.get("se")) is not None:
        sd = float(sd_from_se(_num(row["se"]), n))
        how.append(f"SD = SE·√n from SE {_fmt(row['se'])}")
    if sd is None and _num(row.get("ci_low")) is not None and _num(row.get("ci_high")) is not None and n >= 2:
        level = _num(row.get("ci_level")) or 95
        sd = sd_from_ci(row["ci_low"], row["ci_high"], n, level)
        how.append(f"SD from {level:g}% CI {_fmt(row['ci_low'])}–{_fmt(row['ci_high'])} "
                   f"({'t' if n < 60 else 'z'})")
    if sd is None or sd <= 0:
        raise ConversionRefused(f"SD missing for group {row.get('group')!r}" if _present(row.get("group"))
                                else "SD missing (group not stated)")
    return _Arm(str(row.get("group")), float(row["value"]), sd, n, ids, "; ".join(how))


def _contrasts_from_means(rows, group_n, ctx, convention, r, effects, refused):
    means = _where(rows, "mean", has_value=True)
    if not means:
        return
    sd_rows = _where(rows, "sd", has_value=True)
    total_n = _total_n(rows)
    for outcome, out_rows in _grouped(means, lambda m: m["outcome_key"] or "").items():
        base_rows = [m for m in out_rows if _is_baseline(m)]
        follow = [m for m in out_rows if not _is_baseline(m)]
        for tp, tp_rows in _grouped(follow, lambda m: m["timepoint"] or "").items():
            if not (len(tp_rows) == 1 and base_rows):  # not a single arm measured before and after
                for row in tp_rows:
                    if not _group_key(row["group"]):
                        _refuse(ctx, row, "mean without its group: the arms cannot be told apart", refused)
                tp_rows = [m for m in tp_rows if _group_key(m["group"])]
                if len({_group_key(m["group"]) for m in tp_rows}) == 1:
                    for row in tp_rows:
                        _refuse(ctx, row, f"mean of one group only ({row['group']}): no comparison group "
                                "or baseline mean for this outcome and timepoint", refused)
                    continue
            arms, problems = {}, []
            two_arms = len({_group_key(m["group"]) for m in tp_rows}) == 2
            single_arm = len(tp_rows) == 1 and bool(base_rows) and len(group_n) <= 1
            share = total_n if (two_arms or single_arm) else None
            for row in tp_rows:
                key = _group_key(row["group"])
                if key in arms:
                    continue  # first statement of a group's mean wins (repeats in abstract/table)
                try:
                    arms[key] = (_role(row), _arm(row, group_n, sd_rows, share, 2 if two_arms else 1), row)
                except ConversionRefused as err:
                    problems.append((row, str(err)))
            for row, reason in problems:
                _refuse(ctx, row, reason, refused)
            treat = [a for a in arms.values() if a[0] == "treatment"]
            ctrl = [a for a in arms.values() if a[0] == "control"]
            unknown = [a for a in arms.values() if a[0] is None]
            if len(ctrl) == 1 and not treat and len(unknown) == 1:
                treat = unknown  # the other arm of a two-arm trial is the intervention
            elif len(treat) == 1 and not ctrl and len(unknown) == 1:
                ctrl = unknown
            if treat and len(ctrl) == 1:
                _two_group(ctx, treat, ctrl[0], convention, effects)
            elif len(ctrl) > 1:
                _refuse(ctx, tp_rows[0], "several control groups (" + ", ".join(repr(a[1].group) for a in ctrl)
                        + "): exclude all but one with `evidencekit review`", refused,
                        [rid for a in arms.values() for rid in a[1].record_ids])
            elif len(arms) >= 2:
                _refuse(ctx, tp_rows[0], "cannot tell treatment from control among groups "
                        + ", ".join(repr(a[1].group) for a in arms.values()), refused,
                        [rid for a in arms.values() for rid in a[1].record_ids])
            elif len(arms) == 1 and base_rows:
                _pre_post(ctx, next(iter(arms.values())), base_rows, group_n, sd_rows, r, effects, refused,
                          total_n if single_arm else None)


def _two_group(ctx, treat, ctrl, convention, effects):
    t_arm, t_row = treat[0][1], treat[0][2]
    combined = ""
    if len(treat) > 1:  # several doses vs one control: combine arms (Handbook Table 6.5.a)
        n, m, s = t_arm.n, t_arm.mean, t_arm.sd
        ids = list(t_arm.record_ids)
        for _, arm, _ in treat[1:]:
            n, m, s = combine_arms(n, m, s, arm.n, arm.mean, arm.sd)
            ids += arm.record_ids
        combined = f"arms {', '.join(a[1].group for a in treat)} combined (Handbook Table 6.5.a); "
        t_arm = _Arm(" + ".join(a[1].group for a in treat), m, s, n, ids,
                     "; ".join(a[1].how for a in treat if a[1].how))
    c_arm = ctrl[1]
    ids = t_arm.record_ids + c_arm.record_ids
    hows = "; ".join(h for h in (t_arm.how, c_arm.how) if h)
    hows = f"; {hows}" if hows else ""
    args = (t_arm.mean, t_arm.sd, t_arm.n, c_arm.mean, c_arm.sd, c_arm.n)
    desc = (f"means {_fmt(t_arm.mean)}/{_fmt(c_arm.mean)}, SDs {_fmt(t_arm.sd)}/{_fmt(c_arm.sd)}, "
            f"n {_fmt(t_arm.n)}/{_fmt(c_arm.n)} ({t_arm.group} vs {c_arm.group}){hows}")
    flags = "assumed_equal_arms" if "assumed" in hows else ""
    prio = 1 if flags else 0  # arm n assumed from the total is weaker than stated arm sizes
    scoring, why = _arm_scoring([t_row, ctrl[2]] + [a[2] for a in treat[1:]])
    if scoring == "benefit":  # arms' means are improvements: put the contrast on lower = better
        args = (-t_arm.mean, t_arm.sd, t_arm.n, -c_arm.mean, c_arm.sd, c_arm.n)
        desc += f"; sign flipped to lower = better: {why}"
        flags = _with_flags(flags, "sign_flipped", "change_score")
    elif scoring == "change":
        desc += f"; change-from-baseline scores ({why})"
        flags = _with_flags(flags, "change_score")
    g, v = smd(*args, convention=convention)
    g_flags, warn = flags, ""
    if abs(float(g)) > SMD_IMPLAUSIBLE:  # SEs printed as "±" and read as SDs give huge g
        g_flags = _with_flags(flags, "implausible_smd")
        warn = f"; |g| > {SMD_IMPLAUSIBLE:g}: check that the SDs are not SEs"
    comp = comparator_kind(c_arm.group)
    effects.append(_base(ctx, t_row, "SMD", g[()], v[()],
                         f"{combined}Hedges' g ({_convention_words(convention)}) from {desc}{warn}", ids, g_flags,
                         n1=t_arm.n, n2=c_arm.n, convention=convention, priority=prio, comparator=comp))
    y, v = md(*args)
    md_flags, md_warn = flags, ""
    if warn:  # the same SDs make the MD's variance far too small
        md_flags = _with_flags(flags, "sd_maybe_se")
        md_warn = f"; Hedges' g from these SDs is {float(g):.2f}{warn}"
    effects.append(_base(ctx, t_row, "MD", y[()], v[()], f"{combined}mean difference from {desc}{md_warn}", ids,
                         md_flags, n1=t_arm.n, n2=c_arm.n, priority=prio, comparator=comp))


_ARM_BENEFIT_RE = re.compile(r"\b(?:improvement|reduction|decrease|decline|fall|drop|relief)\b", re.I)
_ARM_CHANGE_RE = re.compile(r"\bchange|\bfrom baseline\b|\bdifference from baseline\b", re.I)


def _arm_scoring(arm_rows) -> tuple:
    """('final' | 'change' | 'benefit', why) for arm means: the outcome label (or a table row's own
    label) naming an improvement/reduction scores a benefit (positive = better); 'change'/'from
    baseline', or a negative mean on a symptom scale (scores are >= 0), is a change score (post - pre).
    SMDs of change scores and of final values are not pooled together (Handbook 10.5.2)."""
    labels = []
    for row in arm_rows:
        label = str(row.get("outcome") or "")
        if "table" in str(row.get("flags") or "").split(";"):
            label += " " + str(row.get("sentence") or "")
        labels.append(label)
    text = " ".join(labels)
    if (m := _ARM_BENEFIT_RE.search(text)) and all((_num(r.get("value")) or 0) >= 0 for r in arm_rows) \
            and str(arm_rows[0].get("domain") or "").lower() in LOWER_IS_BETTER_DOMAINS:
        return "benefit", f"means are '{m.group(0)}' scores"
    if (m := _ARM_CHANGE_RE.search(text)):
        return "change", f"'{m.group(0)}'"
    if str(arm_rows[0].get("domain") or "").lower() in LOWER_IS_BETTER_DOMAINS and \
            any((_num(r.get("value")) or 0) < 0 for r in arm_rows):
        return "change", "negative means on a symptom scale"
    return "final", ""


def _pre_post(ctx, arm_entry, base_rows, group_n, sd_rows, r, effects, refused, total_n=None):
    _, post, post_row = arm_entry
    same = [b for b in base_rows if _group_key(b["group"]) == _group_key(post_row["group"])]
    pre_row = (same or base_rows)[0]
    try:
        pre = _arm(pre_row, group_n, sd_rows, total_n, 1)
    except ConversionRefused as err:
        _refuse(ctx, pre_row, f"pre/post: {err}", refused)
        return
    n = min(pre.n, post.n)
    y, v = smcr(pre.mean, post.mean, pre.sd, n, r)
    flags, warn = "assumed_r", ""
    if abs(float(y)) > SMCR_IMPLAUSIBLE:  # a baseline SD squeezed by entry criteria (or an SE) inflates y
        flags, warn = "assumed_r;implausible_smcr", (f"; |SMCR| > {SMCR_IMPLAUSIBLE:g}: baseline SD {_fmt(pre.sd)} is "
                                                     "very small (restricted by entry criteria, or an SE)")
    effects.append(_base(
        ctx, post_row, "SMCR", y[()], v[()],
        f"standardised mean change (J(n − 1)·(post − pre)/SD_pre) from baseline {_fmt(pre.mean)} "
        f"(SD {_fmt(pre.sd)}) to {_fmt(post.mean)} at {post_row.get('timepoint') or 'follow-up'}, n {_fmt(n)}, "
        f"assumed pre–post correlation r = {r:g}"
        + "".join(f"; {h}" for h in dict.fromkeys(x for x in (pre.how, post.how) if x)) + warn,
        pre.record_ids + post.record_ids,
        flags=flags, n1=n, r_assumed=r, priority=1))


# --------------------------------------------------------------------------- events -> RR, OR, RD

def _contrasts_from_counts(rows, group_n, ctx, effects, refused):
    counts = [c for c in _where(rows, "count", has_value=True) if c["outcome_key"] and _present(c["group"])]
    for _, grp in _grouped(counts, lambda c: (c["outcome_key"], c["timepoint"] or "")).items():
        arms = {}
        for row in grp:
            arms.setdefault(_group_key(row["group"]), row)
        roles = {k: _role(row) for k, row in arms.items()}
        treat = [k for k, v in roles.items() if v == "treatment"]
        ctrl = [k for k, v in roles.items() if v == "control"]
        if len(arms) == 2 and len(ctrl) == 1 and not treat:
            treat = [k for k in arms if k != ctrl[0]]
        if len(treat) != 1 or len(ctrl) != 1:
            for row in grp:
                _refuse(ctx, row, "events: need one treatment and one control group", refused)
            continue
        sizes, ids = [], []
        for key in (treat[0], ctrl[0]):
            row = arms[key]
            n, rid = _positive(row.get("n")), None
            if n is None and key in group_n:
                n, rid = group_n[key]
            ids += [row["record_id"]] + ([rid] if rid else [])
            sizes.append(n)
        t_row, c_row = arms[treat[0]], arms[ctrl[0]]
        if None in sizes:
            _refuse(ctx, t_row, "events without the group size n", refused, ids)
            continue
        a, c = float(t_row["value"]), float(c_row["value"])
        n1, n2 = sizes
        if not (0 <= a <= n1 and 0 <= c <= n2):
            _refuse(ctx, t_row, "events must lie between 0 and the group size n", refused, ids)
            continue
        desc = f"events {_fmt(a)}/{_fmt(n1)} ({t_row['group']}) vs {_fmt(c)}/{_fmt(n2)} ({c_row['group']})"
        for measure, fn, words in (("RR", log_rr, "log risk ratio"), ("OR", log_or, "log odds ratio"),
                                   ("RD", rd, "risk difference")):
            y, v, zero = fn(a, n1, c, n2)
            extra = "; 0.5 added to every cell (zero cell)" if bool(zero) else ""
            effects.append(_base(ctx, t_row, measure, y[()], v[()], f"{words} from {desc}{extra}", ids,
                                 "zero_cell_corrected" if bool(zero) else "", n1=n1, n2=n2, priority=0,
                                 comparator=comparator_kind(c_row["group"])))


# --------------------------------------------------------------------------- reported statistics

_ESTIMATE_KINDS = {"smd": "SMD", "d": "SMD", "g": "SMD", "md": "MD", "or": "OR", "rr": "RR", "hr": "HR",
                   "b": "B", "beta": "B", "r": "ZCOR"}
_KIND_WORDS = {"smd": "reported SMD", "d": "reported Cohen's d", "g": "reported Hedges' g",
               "md": "reported mean difference", "or": "reported odds ratio", "rr": "reported risk ratio",
               "hr": "reported hazard ratio", "b": "regression b", "beta": "regression beta",
               "r": "correlation r"}


def _effects_from_statistics(rows, group_n, ctx, convention, effects, refused):
    total = _total_n(rows)
    total_n = total[0] if total else None
    tstats = [t for t in _where(rows, "t", "z", has_value=True) if _present(t["sentence"])]
    estimate_sentences = set()
    single_arm = _single_arm_document(rows)
    for row in _where(rows, *_ESTIMATE_KINDS):
        estimate_sentences.add(row["sentence"])
        scale = _scale_sd(rows, row["outcome_key"]) if row["kind"] == "b" else None
        try:
            within = _within_group(row, single_arm) if row["kind"] in ("smd", "d", "g") else None
            if within:
                row = _orient_change(row, rows, within)
            elif row["kind"] in _SCALE_KINDS:
                row = _direction(row)
            effect = _statistic_effect(row, ctx, group_n, total_n, tstats, convention, scale, within=within)
            effect["comparator"] = None if within else _stated_comparator(row)
            if not within and _one_of_several_arms(row, group_n):
                # one dose arm against a shared control: the contrast with all arms combined comes first
                effect["flags"] = _with_flags(effect["flags"], "one_of_several_arms")
                effect["priority"] = effect["priority"] + 1
            effects.append(effect)
        except ConversionRefused as err:
            _refuse(ctx, row, str(err), refused)
    # A p value standing alone (no estimate in its sentence) for a named outcome cannot be used.
    for row in _where(rows, "p"):
        if _present(row["outcome"]) and row["sentence"] not in estimate_sentences:
            _refuse(ctx, row, "p without its estimate", refused)


# --------------------------------------------------------------------------- direction (module docstring)

LOWER_IS_BETTER_DOMAINS = ("depression", "pain")  # symptom scales: a lower score is better
_SCALE_KINDS = ("md", "smd", "d", "g", "b", "beta")
_BENEFIT = (r"improve(?:ment|ments|d)?|reductions?|reduced|decreases?|decreased|declines?|falls?|fallen|"
            r"drops?|lowering|relief")
# The estimate names a benefit-scored quantity: "difference in (MADRS) improvement", "MD in pain relief".
_BENEFIT_SCORED_RE = re.compile(
    rf"\b(?:differences?|MD|SMD|effect(?: size)?|Cohen'?s d|Hedges'? g)\s+(?:in|of|for)\s+(?:the\s+)?"
    rf"(?:[\w–-]+\s+){{0,4}}?(?:{_BENEFIT})\b|\bchange from baseline improvement\b", re.I)
# "a 5.2-point greater reduction": positive means benefit; a negative value beside it is the signed
# change difference (already post - pre) and is kept.
_GREATER_BENEFIT_RE = re.compile(rf"\b(?:greater|larger|bigger|more|additional)\s+(?:[\w–-]+\s+){{0,2}}?"
                                 rf"(?:{_BENEFIT})\b", re.I)
_FAVOUR_RE = re.compile(r"\b(?:in\s+favou?r\s+of|favou?ring|favou?rs?)\s+(?:the\s+)?([^.,;:()\[\]]{1,60})", re.I)
_EXPLICIT_ORDER_RE = re.compile(r"\b(?:placebo|control|saline|midazolam)\s*(?:minus|−|-)\s*(?:ketamine|esketamine|"
                                r"treatment|active|drug|intervention)\b", re.I)


def _direction(row) -> dict:
    """A reported between-group difference on the common direction (module docstring): the row with
    value flipped where the sentence scores the difference as a benefit, its words in 'direction'."""
    value = _num(row.get("value"))
    if value is None or value == 0:
        return row
    text = str(row.get("sentence") or "")
    domain = str(row.get("domain") or "").lower()
    lower_better = domain in LOWER_IS_BETTER_DOMAINS
    signs = []  # (sign the effect must have on the common direction, why)
    m = _BENEFIT_SCORED_RE.search(text)
    if m:
        signs.append((-math.copysign(1, value), f"'{m.group(0)}' scores the difference as a benefit"))
    elif value > 0 and (m := _GREATER_BENEFIT_RE.search(text)):
        signs.append((-1.0, f"'{m.group(0)}' reported as a positive benefit"))
    if (m := _EXPLICIT_ORDER_RE.search(text)):
        signs.append((-math.copysign(1, value), f"'{m.group(0)}' is control minus treatment"))
    if lower_better and (m := _FAVOUR_RE.search(text)):
        role = _role({"group": m.group(1)})
        if role is None:
            raise ConversionRefused(f"direction cannot be determined: '{m.group(0).strip()}' names neither the "
                                    "treatment nor the control")
        signs.append((-1.0 if role == "treatment" else 1.0, f"'{m.group(0).strip()}' ({role})"))
    if not signs:
        return row
    if len({s for s, _ in signs}) > 1:
        raise ConversionRefused("direction cannot be determined: the sentence's cues disagree ("
                                + "; ".join(w for _, w in signs) + ")")
    if not lower_better and not any("control minus" in w for _, w in signs):
        raise ConversionRefused(f"direction cannot be determined: {signs[0][1]}, but whether a lower "
                                f"{row.get('outcome') or 'score'} is better is not known (domain "
                                f"{domain or 'not stated'})")
    sign, why = signs[0]
    if math.copysign(1, value) == sign:
        return row
    scale = "lower = better" if lower_better else "scale as scored"
    return dict(row, value=-value, ci_low=_neg(row.get("ci_high")), ci_high=_neg(row.get("ci_low")),
                flags=_with_flags(row["flags"], "sign_flipped"),
                reported_value=value,
                direction=f"sign flipped to {_fmt(-value)}, treatment − control ({scale}): {why}")


def _neg(x):
    v = _num(x)
    return None if v is None else -v


_WITHIN_STRONG_RE = re.compile(r"\bwithin[- ](?:groups?|subjects?|patients?|arm)\b|\bpre[- ]?(?:to[- ]?)?post\b|"
                               r"\bpre[- ]?(?:treatment|infusion|dose)\s+to\s+post|\bpaired\b|\bsingle[- ]arm\b", re.I)
_WITHIN_WEAK_RE = re.compile(r"\bfrom baseline\b|\bbaseline to\b|\bcompared (?:with|to) baseline\b|"
                             r"\b(?:fell|rose|dropped|decreased|increased|improved|declined) from\b", re.I)
_BETWEEN_RE = re.compile(r"\bvs\.?\b|\bversus\b|\bbetween[- ](?:the\s+)?(?:groups?|arms|treatments)\b|"
                         r"\bcompared (?:with|to) (?!baseline)", re.I)


def _one_of_several_arms(row, group_n) -> bool:
    """The estimate's group is one of two or more treatment arms of the document (a dose arm)."""
    treat = [g for g in group_n if _role({"group": g}) == "treatment"]
    key = _group_key(row.get("group"))
    return len(treat) >= 2 and bool(key) and not CONTROL_RE.search(key) and any(key == g or g in key for g in treat)


_UNCONTROLLED_RE = re.compile(r"\bsingle[- ]arm\b|\bopen[- ]label\b|\buncontrolled\b|\bpre[- ]?post\b|"
                              r"\bcase series\b|\bno (?:control|comparison) group\b", re.I)


def _single_arm_document(rows) -> bool:
    """No comparator anywhere (no control group named in any record or sentence, at most one group),
    and a sign of a one-group design: a baseline mean, or 'single-arm', 'open-label', 'uncontrolled'."""
    groups = {_group_key(r["group"]) for r in rows if _present(r["group"])}
    if len(groups) > 1 or any(CONTROL_RE.search(g) for g in groups):
        return False
    if any(CONTROL_RE.search(str(r["sentence"] or "")) for r in rows):
        return False
    return (any(r["kind"] == "mean" and _is_baseline(r) for r in rows)
            or any(_UNCONTROLLED_RE.search(str(r["sentence"] or "")) for r in rows))


def _within_group(row, single_arm: bool) -> Optional[str]:
    """Why a reported d/g/SMD is a within-group (pre-post) standardised mean change, or None."""
    text = str(row.get("sentence") or "")
    if (m := _WITHIN_STRONG_RE.search(text)):
        return f"'{m.group(0)}'"
    between = _BETWEEN_RE.search(text) or CONTROL_RE.search(text) or CONTROL_RE.search(str(row.get("group") or ""))
    if (m := _WITHIN_WEAK_RE.search(text)) and not between:
        return f"'{m.group(0)}' with no comparison group in the sentence"
    if single_arm and not between:
        return "single-arm document (no comparison group)"
    return None


_DOWN_RE = re.compile(r"\b(?:fell|fallen|falls?|decreas\w*|declin\w*|dropp?\w*|reduc\w*|lower\w*)\b", re.I)
_UP_RE = re.compile(r"\b(?:rose|risen|rises?|increas\w*|higher)\b", re.I)


def _orient_change(row, rows, why) -> dict:
    """A within-group d on the post − pre direction: its sign from the document's baseline and
    follow-up means of the outcome (same sentence or timepoint), else from the sentence's words."""
    value = _num(row.get("value"))
    if value is None or value == 0:
        return dict(row, within=why)
    text = str(row.get("sentence") or "")
    same = [m for m in _where(rows, "mean", has_value=True)
            if m["outcome_key"] == row["outcome_key"] and m["domain"] == row["domain"]]
    # the baseline printed in the d's own sentence first ("fell from 5.9 at baseline to 0.8, d = 5.8")
    pre = sorted((m for m in same if _is_baseline(m)), key=lambda m: m["sentence"] != row["sentence"])
    post = ([m for m in same if not _is_baseline(m) and m["sentence"] == row["sentence"]]
            or [m for m in same if not _is_baseline(m) and _present(row.get("timepoint"))
                and m["timepoint"] == row["timepoint"]])
    if pre and post and _num(post[0]["value"]) != _num(pre[0]["value"]):
        change = _num(post[0]["value"]) - _num(pre[0]["value"])
        sign, how = math.copysign(1, change), f"means {_fmt(pre[0]['value'])} → {_fmt(post[0]['value'])}"
    elif (down := _DOWN_RE.search(text)) and not _UP_RE.search(text):
        sign, how = -1.0, f"'{down.group(0)}'"
    elif (up := _UP_RE.search(text)) and not _DOWN_RE.search(text):
        sign, how = 1.0, f"'{up.group(0)}'"
    else:
        raise ConversionRefused(f"within-group {_KIND_WORDS[row['kind']]} ({why}): direction of the change "
                                "cannot be determined (no baseline and follow-up means, no 'fell'/'rose')")
    out = dict(row, within=why)
    if math.copysign(1, value) != sign:
        out.update(value=-value, ci_low=_neg(row.get("ci_high")), ci_high=_neg(row.get("ci_low")),
                   flags=_with_flags(row["flags"], "sign_flipped"),
                   reported_value=value, direction=f"sign set to {_fmt(-value)}, post − pre, from {how}")
    return out


def _scale_sd(rows, outcome) -> Optional[tuple]:
    """(SD, record ids, words) of the outcome scale at baseline in this document, pooled over arms
    when each arm's n is known; None when the document does not give it unambiguously."""
    if not outcome:
        return None
    base = [m for m in _where(rows, "mean") if m["outcome_key"] == outcome and _is_baseline(m)
            and _num(m["sd"]) is not None]
    if not base:
        return None
    ids = [m["record_id"] for m in base]
    if len(base) == 1:
        return _num(base[0]["sd"]), ids, f"baseline SD {_fmt(base[0]['sd'])}"
    ns = [_positive(m["n"]) for m in base]
    if all(n is not None and n > 1 for n in ns):
        sds = [_num(m["sd"]) for m in base]
        sd = math.sqrt(sum((n - 1) * s ** 2 for n, s in zip(ns, sds)) / sum(n - 1 for n in ns))
        return sd, ids, f"baseline SD {_fmt(sd)} pooled over {len(base)} arms"
    return None


def _statistic_effect(row, ctx, group_n, total_n, tstats, convention, scale=None, within=None) -> dict:
    kind = str(row["kind"])
    measure = "SMC" if within else _ESTIMATE_KINDS[kind]
    est = _num(row.get("value"))
    if est is None:
        raise ConversionRefused(f"{_KIND_WORDS[kind]} without a value")
    ids = [row["record_id"]]
    words = f"{_KIND_WORDS[kind]} {_fmt(row.get('reported_value', est))}"
    if within:
        words = (f"within-group {words} ({within}): a standardised mean change (post − pre), not a "
                 "between-group SMD; its standardiser is the authors' (not SMCR's SD_pre)")
    if row.get("direction"):
        words += f" [{row['direction']}]"
    flags = []
    n = _positive(row.get("n"))
    lo, hi = _num(row.get("ci_low")), _num(row.get("ci_high"))
    level = _num(row.get("ci_level")) or 95
    se = _num(row.get("se"))
    p_op = str(row.get("p_op") or "").strip()
    p = _num(row.get("p_value"))
    df = _df_value(row.get("df"))
    ratio = measure in RATIO_MEASURES

    if kind == "r":
        n = n or total_n
        if n is None or n <= 3:
            raise ConversionRefused("correlation r without n > 3")
        if not -1 < est < 1:
            raise ConversionRefused(f"r = {est:g} outside (-1, 1)")
        y, v = zcor(est, n)
        return _base(ctx, row, "ZCOR", y[()], v[()], f"Fisher's z from {words}, n = {_fmt(n)}", ids)

    if ratio:
        if est <= 0:
            raise ConversionRefused(f"{_KIND_WORDS[kind]} {est:g} is not positive")
        yi = math.log(est)
        words += " on the log scale"
    else:
        yi = est
    if se is not None and se > 0:
        if ratio:
            raise ConversionRefused("SE of a ratio measure given without saying its scale")
        how = f"SE {_fmt(se)} as reported"
    elif lo is not None and hi is not None:
        # Handbook 6.5.2.3: t(N − 2) for small trials ("fewer than 60 in each group"); n is the total
        small_df = df if df is not None else (n - 2 if n is not None and n < 120 else None)
        if small_df is not None and small_df < 1:
            raise ConversionRefused(f"CI with {small_df:g} degrees of freedom gives no SE (n too small)")
        se = float(se_from_ci(lo, hi, level, small_df, log=ratio))
        how = (f"SE from {level:g}% CI {_fmt(lo)} to {_fmt(hi)}"
               + (" (log scale)" if ratio else "")
               + (f", t with {small_df:g} df" if small_df is not None else ", z"))
    elif measure == "SMD" and (n is not None or total_n is not None or len(group_n) == 2):  # not SMC
        if len(group_n) == 2:
            (n1, id1), (n2, id2) = list(group_n.values())
            ids += [id1, id2]
            how = f"variance from n {_fmt(n1)}/{_fmt(n2)} ({convention} formula)"
        else:
            n1 = n2 = (n or total_n) / 2
            flags.append("assumed_equal_arms")
            how = f"variance from total n {_fmt(n or total_n)} assuming equal arms ({convention} formula)"
        N = n1 + n2
        if N < 4:
            raise ConversionRefused(f"n = {_fmt(N)} is too small for the variance of an SMD")
        if convention == "cochrane":
            v = N / (n1 * n2) + est ** 2 / (2 * (N - 3.94))
        else:
            v = 1 / n1 + 1 / n2 + est ** 2 / (2 * N)
        return _base(ctx, row, "SMD", yi, v, f"{words}; {how}", ids, ";".join(flags), n1=n1, n2=n2,
                     convention=convention, priority=1)
    else:
        t_row = _t_in_sentence(row, tstats)
        if t_row is not None:
            se = float(se_from_t(yi, _num(t_row["value"])))
            ids.append(t_row["record_id"])
            how = f"SE = |estimate/t| from t = {_fmt(t_row['value'])}"
        elif p_op.upper() in ("NS", "N.S.", ">", "≥", ">="):
            raise ConversionRefused(f"P{p_op}{'' if p is None else _fmt(p)} cannot give an SE")
        elif p is not None and p_op in ("", "="):
            se = se_from_p(yi, p, df)
            flags.append("se_from_p")
            how = f"SE from exact p = {p:g} ({'t with ' + format(df, 'g') + ' df' if df is not None else 'z'})"
        elif p is not None and p_op in ("<", "≤", "<="):
            se = se_from_p(yi, p, df)
            flags.append("p_bound")
            how = f"conservative SE from p bound P{p_op}{p:g} taken as p = {p:g} (true SE is smaller)"
        else:
            raise ConversionRefused(f"{_KIND_WORDS[kind]} without SE, CI, t, n or p")
    if measure == "B" and scale is not None:
        # Only an unstandardised b in scale units is divided by the scale's SD (Handbook: SMD = MD/SD).
        sd, sd_ids, sd_words = scale
        y, v = standardise_b(yi, se, sd)
        flags.append("standardised_b")
        return _base(ctx, row, "SMD", y, v, f"{words} divided by the {sd_words} of {row.get('outcome_key')}; "
                     f"{how}", ids + sd_ids, ";".join(flags), convention=None, priority=2 + ("p_bound" in flags))
    prio = 1 if not flags else 2 + ("p_bound" in flags)
    return _base(ctx, row, measure, yi, se ** 2, f"{words}; {how}", ids, ";".join(flags),
                 convention=convention if measure == "SMD" else None, priority=prio,
                 n1=n if measure == "SMC" else None)


def _df_value(df) -> Optional[float]:
    """The error df of a t or F statistic ('48' -> 48, '1, 48' -> 48)."""
    if not _present(df):
        return None
    parts = re.findall(r"\d+(?:\.\d+)?", str(df))
    return float(parts[-1]) if parts else None


def _t_in_sentence(row, tstats) -> Optional[dict]:
    if not _present(row.get("sentence")):
        return None
    return next((t for t in tstats if t["sentence"] == row["sentence"]), None)
