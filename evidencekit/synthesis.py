"""`evidencekit pool`: records (or a CSV of effects) -> commensurable effects -> model -> outputs.

pool_outcome() is the one library function behind the command. It loads what `extract` stored
(or reads --input), computes effects, keeps only commensurable ones and lists every other effect
with the reason it was left out, fits the model with evidencekit.pool, and writes
pool_<outcome>.csv/.json and the forest and funnel plots.

Selection, in order: the outcome's domain or instrument; one copy per article (DOI/title); effects
from SDs that are probably SEs (|g| > 3, |SMCR| > 6) left out; one measure (SMD, MD, SMCR, SMC --
a within-group d -- never mixed); MD on one instrument (most studies, then most rows, then name:
md_instruments, the same rule that counted MD when the measure was chosen); SMD on change scores or
on final values, not both (Handbook 10.5.2); one effect per study (shared timepoint, then the
combined-arm contrast over single dose arms, then the most direct derivation). Signs are already on
one direction (lower = better on symptom scales; see evidencekit.record_effects). With k < 2 the
error names every measure found and its studies.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

from evidencekit import effects as E
from evidencekit import pool
from evidencekit.errors import StatisticsError
from evidencekit.records import DOMAINS, PooledResult

# When no --measure is given and measures tie on study count, prefer the one that keeps most
# information comparable across instruments.
MEASURE_PREFERENCE = ("SMD", "MD", "SMCR", "OR", "RR", "HR", "RD", "ZCOR", "B")
JSON_KEYS = ("k", "method", "test", "estimate", "se", "zval", "pval", "ci_lb", "ci_ub", "tau2",
             "tau2_ci_lb", "tau2_ci_ub", "I2", "H2", "QE", "QEp", "pi_lb", "pi_ub")
SENSITIVITY_R = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
EXCLUDED_COLUMNS = ["study", "measure", "outcome", "domain", "timepoint", "yi", "vi", "reason",
                    "derivation", "record_ids"]


@dataclass
class SynthesisResult:
    outcome: str
    slug: str
    measure: str
    pooled: PooledResult
    studies: pd.DataFrame  # the effects pooled, one per study, with weight (%)
    excluded: pd.DataFrame  # effects and records left out, with the reason
    notes: list = field(default_factory=list)  # choices made on the user's behalf, in words
    smd_convention: Optional[str] = None
    subgroups: Optional[object] = None  # pool.SubgroupResult with --by
    by: Optional[str] = None
    metareg: Optional[object] = None  # pool.MetaRegResult with --moderator
    moderator: Optional[str] = None
    sensitivity: Optional[pd.DataFrame] = None  # SMCR over the assumed pre-post correlation
    leave1out: Optional[pd.DataFrame] = None  # k >= 3
    egger: Optional[dict] = None  # k >= 3, studies of differing precision
    trimfill: Optional[dict] = None
    paths: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        out = summary_dict(self.pooled)
        out.update(measure=self.measure, smd_convention=self.smd_convention, outcome=self.outcome,
                   level=getattr(self.pooled, "level", 95), I2_ci_lb=self.pooled.I2_ci_lb,
                   I2_ci_ub=self.pooled.I2_ci_ub, H2_ci_lb=self.pooled.H2_ci_lb,
                   H2_ci_ub=self.pooled.H2_ci_ub)
        if self.subgroups is not None:
            sg = self.subgroups
            out["by"] = self.by
            out["subgroups"] = {name: summary_dict(r) for name, r in sg.groups.items()}
            out.update(Qbetween=sg.Qbetween, Qbetween_df=sg.df, Qbetween_p=sg.Qbetween_p,
                       QM_common_tau2=sg.QM, QMp_common_tau2=sg.QMp)
        if self.metareg is not None:
            mr = self.metareg
            out["moderator"] = self.moderator
            out["coefficients"] = _clean_json(mr.coefficients.to_dict(orient="records"))
            out.update(QM=mr.QM, QM_df=mr.QM_df, QMp=mr.QMp, R2=mr.R2, tau2_residual=mr.tau2,
                       QE_residual=mr.QE, QEp_residual=mr.QEp, I2_residual=mr.I2)
        if self.sensitivity is not None:
            out["sensitivity_r"] = _clean_json(self.sensitivity.to_dict(orient="records"))
        if self.leave1out is not None:
            out["leave1out"] = _clean_json(self.leave1out.to_dict(orient="records"))
        if self.egger is not None:
            out["egger"] = self.egger
        if self.trimfill is not None:
            out["trimfill"] = self.trimfill
        out["studies"] = _clean_json(self.studies[[c for c in STUDY_JSON_COLUMNS if c in self.studies]]
                                     .to_dict(orient="records"))
        out["excluded"] = _clean_json(self.excluded.to_dict(orient="records"))
        out["notes"] = list(self.notes)
        out["paths"] = {k: str(v) for k, v in self.paths.items()}
        return _clean_json(out)


STUDY_JSON_COLUMNS = ["study", "yi", "vi", "se", "ci_lb", "ci_ub", "weight", "measure", "outcome",
                      "domain", "timepoint", "comparator", "derivation", "record_ids", "flags"]


def summary_dict(r: PooledResult) -> dict:
    return {k: getattr(r, k) for k in JSON_KEYS}


def _clean_json(obj):
    """NaN/inf -> None and numpy scalars -> Python, so the JSON is strict."""
    if isinstance(obj, dict):
        return {k: _clean_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean_json(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj) if math.isfinite(obj) else None
    if obj is pd.NA or obj is pd.NaT:
        return None
    return obj


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "outcome"


# ------------------------------------------------------------------------------ loading

def load_records(out_dir, db=None) -> pd.DataFrame:
    """The records `extract` stored: the evidence store ``db`` (default out_dir/evidence.db;
    corrections applied, excluded records dropped) when it exists, else out_dir/evidence.csv."""
    out_dir = Path(out_dir)
    db_path = Path(db) if db else out_dir / "evidence.db"
    if db and not db_path.exists():
        raise StatisticsError(f"{db_path}: no such evidence store")
    if db_path.exists():
        from evidencekit.store import open_store

        with open_store(db_path) as store:
            return store.records_frame(apply_corrections=True, include_excluded=False)
    csv = out_dir / "evidence.csv"
    if csv.exists():
        # ids are text even when all digits; df "1, 48" stays text
        return pd.read_csv(csv, dtype={"record_id": str, "doc_sha256": str, "file": str, "df": str,
                                       "flags": str, "group": str, "timepoint": str, "outcome": str})
    raise StatisticsError(f"{out_dir}: no evidence.db or evidence.csv; run `evidencekit extract` first "
                          "or pass --input effects.csv")


def _read_input(path) -> pd.DataFrame:
    path = Path(path)
    try:
        data = pd.read_csv(path)
    except FileNotFoundError:
        raise StatisticsError(f"{path}: no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise StatisticsError(f"{path}: not a readable CSV ({str(err).splitlines()[0]})") from None
    data.columns = [str(c).strip() for c in data.columns]
    return data


def effects_from_input(path, measure: Optional[str] = None, smd: str = "cochrane") -> tuple:
    """(effects DataFrame, excluded DataFrame, notes) from a CSV of study/yi/vi or escalc columns."""
    data = _read_input(path)
    name = Path(path).name
    notes = []
    excluded = pd.DataFrame(columns=EXCLUDED_COLUMNS)
    study_col = next((c for c in ("study", "studlab", "author", "trial") if c in data.columns), None)
    layout = E.escalc_layout(data.columns)
    numeric = ["yi", "vi"] if {"yi", "vi"} <= set(data.columns) else [
        c for c in (*E.ESCALC_COLUMNS.get(layout or "", ()), "bi", "di") if c in data.columns]
    for col in numeric:  # a typo in a cell is a one-line error naming the study, not a traceback
        values = pd.to_numeric(data[col], errors="coerce")
        bad = values.isna() & data[col].notna()
        if bad.any():
            who = data.loc[bad, study_col].iloc[0] if study_col else int(bad.to_numpy().argmax()) + 1
            raise StatisticsError(f"{name}: study {who}: {col} = {data.loc[bad, col].iloc[0]!r} is not a number")
        data[col] = values
    if {"yi", "vi"} <= set(data.columns):
        eff = data.copy()
        if "measure" in eff.columns and eff["measure"].notna().any():
            eff["measure"] = eff["measure"].fillna("").astype(str).str.upper()
            found = sorted(set(eff["measure"]) - {""})
            if measure:
                keep = eff["measure"] == measure.upper()
                excluded = _exclusions(eff[~keep], lambda r: f"measure {r['measure']} not commensurable "
                                                             f"with {measure.upper()}")
                eff = eff[keep]
            elif len(found) > 1:
                raise StatisticsError(f"{name}: mixed measures ({', '.join(found)}) cannot be pooled "
                                      "together; choose one with --measure")
            else:
                measure = found[0] if found else None
        eff["measure"] = (measure or "GEN").upper()
        eff["derivation"] = "yi, vi as given in " + name
        eff["convention"] = None  # yi/vi computed elsewhere: their SMD convention is not ours to name
    else:
        if layout is None:
            raise StatisticsError(
                f"{name}: missing columns: needs study, yi, vi or escalc arm-level columns "
                f"(n1i, m1i, sd1i, n2i, m2i, sd2i | ai, n1i, ci, n2i | ri, ni); found {', '.join(data.columns)}")
        eff = E.escalc(data, measure, smd_convention=smd)
    eff["study"] = (eff[study_col].astype(str) if study_col else
                    pd.Series([str(i + 1) for i in range(len(eff))], index=eff.index))
    if not eff["study"].is_unique and "year" in eff.columns:  # "Rosenthal et al" twice -> add years
        eff["study"] = eff["study"] + " " + eff["year"].astype(str)
    for col in ("outcome", "domain", "timepoint", "record_ids", "flags"):
        if col not in eff.columns:
            eff[col] = None
    return eff.reset_index(drop=True), excluded, notes


def _exclusions(frame: pd.DataFrame, reason) -> pd.DataFrame:
    """The rows of ``frame`` left out, each with reason(row); row.name is the frame's index."""
    rows = []
    for idx, rec in zip(frame.index, frame.to_dict("records")):
        row = pd.Series(rec, name=idx, dtype=object)
        rows.append({c: rec.get(c) for c in EXCLUDED_COLUMNS if c != "reason"} | {"reason": reason(row)})
    return pd.DataFrame(rows, columns=EXCLUDED_COLUMNS)


# ------------------------------------------------------------------------------ selection

def match_outcome(effects: pd.DataFrame, outcome: str) -> pd.Series:
    """depression/pain/other match the domain; anything else an instrument (HAM-D = HDRS ...)."""
    if outcome.lower() in DOMAINS:
        return effects["domain"].fillna("").str.lower() == outcome.lower()
    want = (E.normalise_outcome(outcome) or "").lower()
    return effects["outcome"].map(lambda o: (E.normalise_outcome(o) or "").lower() == want)


def available_outcomes(effects: pd.DataFrame) -> list:
    doms = sorted(set(effects["domain"].dropna().astype(str)))
    inst = sorted(set(effects["outcome"].dropna().astype(str)) - set(doms))
    return doms + inst


def choose_measure(effects: pd.DataFrame, measure: Optional[str], notes: list) -> tuple:
    """(measure, kept, excluded): only one measure is pooled; the others are listed with why."""
    measures = Counter({m: effects.loc[effects.measure == m, "study"].nunique()
                        for m in effects["measure"].unique()})
    md_on = None
    if "MD" in measures:  # raw mean differences pool only on one instrument: count the studies on it
        md_on = md_instruments(effects[effects.measure == "MD"])[0]
        measures["MD"] = md_on.n_studies
    if "SMD" in measures:  # SMDs pool only change scores or only final values: count the larger set
        smd = effects[effects.measure == "SMD"]
        change = _has_flag(smd, "change_score")
        measures["SMD"] = max(smd.loc[change, "study"].nunique(), smd.loc[~change, "study"].nunique())
    if measure:
        measure = measure.upper()
        if measure not in measures:
            have = ", ".join(f"{m} ({n} {'study' if n == 1 else 'studies'})" for m, n in measures.most_common())
            raise StatisticsError(f"no {measure} effects for this outcome; measures available: {have}")
    else:
        measure = max(measures, key=lambda m: (measures[m], -_preference(m)))
        if len(measures) > 1:
            def count(m):  # an MD count is of one instrument's studies: say which
                return f"{measures[m]} on {md_on.label}" if m == "MD" else str(measures[m])
            others = ", ".join(f"{m} ({count(m)})" for m, _ in measures.most_common() if m != measure)
            notes.append(f"measure {measure} chosen: most studies ({count(measure)}); also found {others} "
                         "(listed as excluded; choose with --measure)")
    keep = effects["measure"] == measure
    excluded = _exclusions(effects[~keep], lambda r: _not_commensurable(r["measure"], measure))
    return measure, effects[keep], excluded


def _not_commensurable(m, measure) -> str:
    if m == "SMC":  # said in full: a pre-post d looks like an SMD but is not one
        return (f"measure SMC (within-group pre–post d/g) not commensurable with {measure}: never pooled with "
                "between-group SMDs, nor with SMCR (different standardiser); pool it alone with --measure SMC")
    return f"measure {m} ({E.MEASURE_NAMES.get(m, m)}) not commensurable with {measure}"


def measure_summary(effects: pd.DataFrame) -> str:
    """'SMD k=1 (sigtermans2009), B k=1 (lan2022: 5 outcomes)': what each measure could pool."""
    parts = []
    for m, grp in effects.groupby("measure", sort=False):
        studies = []
        for study, sgrp in grp.groupby("study", sort=False):
            n_out = sgrp["outcome"].fillna("?").nunique()
            studies.append(f"{study}: {n_out} outcomes" if n_out > 1 else str(study))
        parts.append((len(studies), -_preference(m), f"{m} k={len(studies)} ({', '.join(studies)})"))
    return ", ".join(p for *_, p in sorted(parts, reverse=True)) or "no effects"


def _left_out_words(parts) -> str:
    """Why effects were left out, each reason once with its studies and measures, then how many
    records gave no effect at all (one line)."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return "nothing"
    excl = pd.concat(frames, ignore_index=True)
    is_effect = excl["measure"].map(_given)
    who: dict = {}
    for row in excl[is_effect].itertuples():
        reason = re.sub(r"\s*\(records [^)]*\)", "", str(row.reason)).strip()
        who.setdefault(reason, {}).setdefault(str(row.study), {})[str(row.measure)] = None
    words = [", ".join(f"{st} {'/'.join(ms)}" for st, ms in studies.items()) + f": {reason}"
             for reason, studies in who.items()]
    if len(words) > 4:  # one line: the first reasons, then a count (the full list is in the JSON)
        words = words[:4] + [f"{len(words) - 4} more reason(s)"]
    n_rec = int((~is_effect).sum())
    if n_rec:
        common = Counter(excl.loc[~is_effect, "reason"].astype(str)).most_common(1)[0][0]
        words.append(f"{n_rec} record(s) gave no effect (most often: {common})")
    return "; ".join(words)


# Flags that keep an effect out of the pool: the arm SDs that made it are probably SEs ("mean ± SEM"
# read as SD), so both its SMD and its MD variance are wrong. A reviewer fixes the SD with
# `evidencekit review`; the corrected effect is no longer flagged.
IMPLAUSIBLE_FLAGS = ("implausible_smd", "sd_maybe_se", "implausible_smcr")


def drop_implausible(effects: pd.DataFrame) -> tuple:
    """Effects computed from SDs that are probably SEs are left out with the reason."""
    if "flags" not in effects or effects.empty:
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)
    bad = _has_flag(effects, *IMPLAUSIBLE_FLAGS)
    if not bad.any():
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)

    def reason(r):
        if r["measure"] == "SMCR":
            m = re.search(r"\(SD ([\d.]+)\)", str(r["derivation"]))
            return (f"implausible standardised mean change {r['yi']:.1f}: baseline SD {m.group(1) if m else '?'} is "
                    "very small (restricted by entry criteria, or an SE read as SD); check it with `evidencekit review`")
        m = re.search(r"SDs ([\d.]+)/([\d.]+)", str(r["derivation"]))
        sds = f" from arm SDs {m.group(1)}/{m.group(2)}" if m else ""
        return (f"implausible effect size{sds} (|Hedges' g| > 3): the ± values are probably SEs, not SDs, "
                "which also makes the variance far too small; confirm or correct the SDs with `evidencekit review`")
    return effects[~bad], _exclusions(effects[bad], reason)


def _preference(m):
    return MEASURE_PREFERENCE.index(m) if m in MEASURE_PREFERENCE else len(MEASURE_PREFERENCE)


def one_per_study(effects: pd.DataFrame, notes: list) -> tuple:
    """Keep one effect per study: the timepoint most studies share (else the study's latest), then
    the most direct derivation (arm-level data before reported statistics before p-derived SEs),
    then the first reported."""
    if effects["study"].is_unique:
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)
    rows = effects.to_dict("records")
    index = list(effects.index)
    tp_key = [str(r["timepoint"]).strip().lower() if _given(r.get("timepoint")) else "" for r in rows]
    by_study: dict = {}
    for pos, r in enumerate(rows):
        by_study.setdefault(r["study"], []).append(pos)
    common = Counter(t for positions in by_study.values() for t in {tp_key[p] for p in positions} - {""})
    keep, reasons = [], {}
    for study, positions in by_study.items():
        if len(positions) == 1:
            keep.append(index[positions[0]])
            continue
        tps = {tp_key[p] for p in positions} - {""}
        chosen_tp, why = None, ""
        if tps:
            chosen_tp = max(tps, key=lambda t: (common[t], E.timepoint_hours(t) or -1))
            why = "most common across studies" if common[chosen_tp] > 1 else "latest reported"
        cand = [p for p in positions if tp_key[p] == chosen_tp] if chosen_tp else positions
        prio = {p: _priority(rows[p]) for p in positions}
        best = min(cand, key=lambda p: prio[p])  # stable: first reported wins ties
        keep.append(index[best])
        b = rows[best]
        what = " at ".join(str(x) for x in (b.get("outcome"), b.get("timepoint")) if _given(x)) or "one effect"
        if chosen_tp:
            notes.append(f"{study}: timepoint {b['timepoint']} used ({why})")
        for p in positions:
            if p == best:
                continue
            if chosen_tp and tp_key[p] != chosen_tp:
                because = f"timepoint {why}"
            elif "one_of_several_arms" in str(rows[p].get("flags") or "") and \
                    "combined" in str(b.get("derivation") or ""):
                because = ("one dose arm against the shared control; all arms combined against it used, so "
                           "the control is counted once (Handbook 23.3.4)")
            elif prio[p] > prio[best]:
                because = "more direct derivation"
            else:
                because = "first reported"
            reasons[index[p]] = f"one effect per study: {what} of {study} used ({because})"
    excluded = _exclusions(effects.loc[list(reasons)], lambda r: reasons[r.name])
    return effects.loc[sorted(keep, key=index.index)], excluded


def _priority(row) -> float:
    p = row.get("priority")
    return 9.0 if not _given(p) else float(p)


def _given(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and str(x) != ""


@dataclass
class Instrument:
    """The MD effects of one instrument: its name (None when the effect names none), the studies
    (in order of first appearance) and how many effect rows (timepoints, arms) they give."""
    name: Optional[str]
    studies: list
    n_rows: int
    tie: str = ""  # how it won over an instrument with as many studies ("" = it had more studies)

    @property
    def n_studies(self) -> int:
        return len(self.studies)

    @property
    def label(self) -> str:
        return self.name or "instrument not stated"


def _instrument_key(outcome) -> Optional[str]:
    return E.normalise_outcome(outcome) if _given(outcome) else None


def md_instruments(effects: pd.DataFrame) -> list:
    """The instruments of these MD effects, best first, as Instrument: the one a mean difference is
    pooled on comes first. Raw mean differences are only commensurable on one scale, and the pool
    should hold as many independent studies as it can, so the rule is: most studies; on a tie, most
    effect rows (more timepoints/arms to choose the shared timepoint from); then an instrument that
    is named before effects whose instrument is not stated; then the name (case-insensitive), so the
    choice never depends on row order. choose_measure counts MD by the first one and md_one_instrument
    pools it: the two cannot disagree."""
    keys = [_instrument_key(o) for o in effects["outcome"]]
    by_key: dict = {}
    for key, study in zip(keys, effects["study"]):
        inst = by_key.setdefault(key, Instrument(key, [], 0))
        inst.n_rows += 1
        if study not in inst.studies:
            inst.studies.append(study)
    ranked = sorted(by_key.values(), key=lambda i: (-i.n_studies, -i.n_rows, i.name is None,
                                                    (i.name or "").lower(), i.name or ""))
    if len(ranked) > 1 and ranked[0].n_studies == ranked[1].n_studies:
        first, second = ranked[:2]
        first.tie = (f"tie on {first.n_studies} {_studies(first.n_studies)} with {second.label}: "
                     + ("more effect rows" if first.n_rows > second.n_rows else
                        "a named instrument" if second.name is None else "name, alphabetically"))
    return ranked


def _studies(n: int) -> str:
    return "study" if n == 1 else "studies"


def md_one_instrument(effects: pd.DataFrame, notes: list) -> tuple:
    """Raw mean differences are only commensurable on one instrument: keep md_instruments' first and
    list the others' effects as excluded. The note names the instrument, its k studies and what was
    set aside (instrument, studies, effect rows)."""
    ranked = md_instruments(effects)
    if len(ranked) <= 1:
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)
    main = ranked[0]
    keys = pd.Series([_instrument_key(o) for o in effects["outcome"]], index=effects.index, dtype=object)
    keep = keys.map(lambda k: k == main.name)
    why = f"most studies; {main.tie}" if main.tie else "most studies"
    aside = "; ".join(f"{i.label} ({i.n_studies} {_studies(i.n_studies)}: {', '.join(map(str, i.studies))}; "
                      f"{i.n_rows} effect{'s' if i.n_rows != 1 else ''})" for i in ranked[1:])
    notes.append(f"MD pooled on {main.label} only ({why}): {main.n_studies} {_studies(main.n_studies)} "
                 f"({', '.join(map(str, main.studies))}); set aside as not comparable (different scales): {aside}")
    return effects[keep], _exclusions(effects[~keep], lambda r: (
        f"MD on {_instrument_key(r['outcome']) or 'an instrument not stated'} not commensurable with MD on "
        f"{main.label} (different scales; {main.label} has the most studies: {main.n_studies})"))


def _has_flag(effects: pd.DataFrame, *flags) -> pd.Series:
    """Rows whose ';'-separated flags include any of ``flags`` (False without a flags column)."""
    if "flags" not in effects:
        return pd.Series(False, index=effects.index)
    return effects["flags"].fillna("").astype(str).map(lambda f: any(x in f.split(";") for x in flags))


def smd_one_scoring(effects: pd.DataFrame, notes: list) -> tuple:
    """SMDs of change scores and of final values differ in their SD, so they are not pooled together
    (Cochrane Handbook 10.5.2; MDs may be mixed). Keep the kind more studies have (final values on a
    tie) and list the others with the reason."""
    change = _has_flag(effects, "change_score")
    if change.all() or not change.any():
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)
    n_change, n_final = effects.loc[change, "study"].nunique(), effects.loc[~change, "study"].nunique()
    keep = change if n_change > n_final else ~change
    kept, left = ("change-from-baseline", "final-value") if n_change > n_final else ("final-value", "change-score")
    notes.append(f"SMD pooled on {kept} scores only ({max(n_change, n_final)} studies); {left} SMDs listed as "
                 "excluded (Handbook 10.5.2: their SDs differ); MD may combine both (--measure MD)")
    return effects[keep], _exclusions(effects[~keep], lambda r: f"SMD of {left} scores not pooled with SMDs of "
                                                                f"{kept} scores (Handbook 10.5.2: different SDs)")


def one_copy_per_article(effects: pd.DataFrame) -> tuple:
    """Copies of one article (same DOI or title, e.g. a PDF and its text) count once: keep the copy
    with most effects for this outcome (first on ties), list the others' effects as excluded."""
    if "article" not in effects or effects["article"].isna().all():
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)
    article = effects["article"].fillna(effects["doc_sha256"]).astype(str)
    docs = effects["doc_sha256"].astype(str)
    sizes = Counter(zip(article, docs))
    best, label = {}, dict(zip(docs, effects["study"]))
    for (art, doc), n in sizes.items():  # insertion order = first appearance: ties keep the first
        if art not in best or n > sizes[(art, best[art])]:
            best[art] = doc
    drop = [best[a] != d for a, d in zip(article, docs)]
    if not any(drop):
        return effects, pd.DataFrame(columns=EXCLUDED_COLUMNS)
    reason = {d: f"another copy of the same article ({a.split(':', 1)[-1]}): {label[best[a]]} used"
              for a, d in zip(article, docs) if best[a] != d}
    mask = pd.Series(drop, index=effects.index)
    excluded = _exclusions(effects[mask], lambda r: reason[str(r["doc_sha256"])])
    return effects[~mask], excluded


def _unique_labels(effects: pd.DataFrame) -> pd.DataFrame:
    """Two documents with the same label (same first author and year) stay two studies."""
    if "doc_sha256" not in effects or effects["doc_sha256"].isna().all():
        return effects
    labels = {}
    for study, grp in effects.groupby("study", sort=False):
        docs = list(dict.fromkeys(grp["doc_sha256"]))
        for i, d in enumerate(docs):
            labels[(study, d)] = study if i == 0 else f"{study} ({chr(97 + i)})"
    effects = effects.copy()
    effects["study"] = [labels.get((s, d), s) for s, d in zip(effects["study"], effects["doc_sha256"])]
    return effects


# ------------------------------------------------------------------------------ the analysis

def pool_outcome(out_dir="outputs", outcome: Optional[str] = None, measure: Optional[str] = None,
                 method: str = "REML", test: str = "z", by: Optional[str] = None,
                 moderator: Optional[str] = None, input_csv=None, smd: str = "cochrane",
                 r: float = 0.5, level: float = 95, write: bool = True, plots: bool = True,
                 db=None) -> SynthesisResult:
    """Pool the commensurable effects of one outcome -> SynthesisResult.

    outcome    depression | pain | other (a domain) or an instrument (case-insensitive; HAM-D = HDRS);
               optional with ``input_csv`` (then the CSV's stem names the outputs)
    measure    which measure to pool; default: the one with most studies (the others are excluded
               with the reason, and a note says so)
    method, test, level   the model: REML|DL|ML|PM|HE|SJ|HS|EB|EE, "z" (Wald) or "knha"
    by / moderator        a column of the effects: subgroup analysis / meta-regression
    input_csv  study, yi, vi -- or escalc arm-level columns, from which ``measure`` is computed
    smd, r     Hedges' g convention (cochrane | metafor); assumed pre-post correlation for SMCR
    db         the evidence store (default out_dir/evidence.db; evidence.csv when there is none)
    write, plots          write pool_<slug>.csv/.json (and forest_/funnel_<slug>.png) to out_dir

    Raises StatisticsError (one line) for k < 2, a zero/negative variance (naming the study),
    mixed measures in an input CSV, missing columns and an outcome with no effects.
    """
    if smd not in E.SMD_CONVENTIONS:
        raise StatisticsError(f"unknown SMD convention {smd!r}; use cochrane or metafor")
    if not 0 <= float(r) < 1:
        raise StatisticsError(f"assumed pre-post correlation r must be in [0, 1), got {r}")
    method, test = pool._check_method(method, test)
    notes: list = []
    excluded_parts = []
    if input_csv is not None:
        effects, excl, notes = effects_from_input(input_csv, measure, smd)
        excluded_parts.append(excl)
        label = outcome or Path(input_csv).stem
        if outcome and "outcome" in effects and effects["outcome"].notna().any():
            keep = match_outcome(effects.assign(domain=effects.get("domain")), outcome)
            effects = effects[keep]
        measure = effects["measure"].iloc[0] if len(effects) else (measure or "")
    else:
        if not outcome:
            raise StatisticsError("--outcome is required without --input (depression, pain or an instrument)")
        records = load_records(out_dir, db)
        all_effects, refused = E.effects_from_records(records, smd=smd, r=r)
        label = outcome
        keep = match_outcome(all_effects, outcome) if len(all_effects) else pd.Series(dtype=bool)
        effects = all_effects[keep] if len(all_effects) else all_effects
        if effects.empty:
            avail = available_outcomes(all_effects) if len(all_effects) else []
            raise StatisticsError(f"no effects for outcome {outcome}; outcomes available: "
                                  + (", ".join(avail) if avail else "none (no poolable effects in the records)"))
        ref = refused[match_outcome(refused, outcome)] if len(refused) else refused
        if len(ref):
            excluded_parts.append(ref.assign(measure=None, timepoint=None, yi=None, vi=None,
                                              derivation=ref["kind"].astype(str) + " record")
                                  [EXCLUDED_COLUMNS])
        effects, excl = one_copy_per_article(effects)
        excluded_parts.append(excl)
        effects, excl = drop_implausible(effects)
        excluded_parts.append(excl)
        effects = _unique_labels(effects)
        found = measure_summary(effects)
        if effects.empty:
            raise StatisticsError(f"{label}: no poolable effects — left out: " + _left_out_words(excluded_parts))
        measure, effects, excl = choose_measure(effects, measure, notes)
        excluded_parts.append(excl)
        if measure == "MD":
            effects, excl = md_one_instrument(effects, notes)
            excluded_parts.append(excl)
        if measure == "SMD":
            effects, excl = smd_one_scoring(effects, notes)
            excluded_parts.append(excl)
        effects, excl = one_per_study(effects, notes)
        excluded_parts.append(excl)
    effects = effects.reset_index(drop=True)
    excluded = pd.concat([e for e in excluded_parts if len(e)], ignore_index=True) if any(
        len(e) for e in excluded_parts) else pd.DataFrame(columns=EXCLUDED_COLUMNS)

    k = len(effects)
    if k < 2:
        if input_csv is None:
            raise StatisticsError(f"k = {k} for outcome {label} ({measure or 'no measure'}): found {found} — "
                                  "at least 2 studies of one measure are needed to pool"
                                  + (f". Left out: {_left_out_words([excluded])}" if len(excluded) else ""))
        left = ""
        if len(excluded):
            first = excluded.iloc[0]
            left = f"; {len(excluded)} effect(s)/record(s) left out, e.g. {first['study']}: {first['reason']}"
        raise StatisticsError(f"k = {k} for outcome {label} ({measure or 'no measure'}): at least 2 studies "
                              f"are needed to pool{left}")
    yi = effects["yi"].to_numpy(dtype=float)
    vi = effects["vi"].to_numpy(dtype=float)
    for name, y, v in zip(effects["study"], yi, vi):
        if not np.isfinite(y):
            raise StatisticsError(f"study {name}: effect size is missing or not finite")
        if not np.isfinite(v) or v <= 0:
            raise StatisticsError(f"study {name}: sampling variance must be > 0, got {v:g}")

    convention = smd if measure == "SMD" and "convention" in effects and effects["convention"].notna().any() else None
    pooled = pool.fit(yi, vi, method=method, test=test, level=level, measure=measure)
    pooled.outcome = label
    pooled.smd_convention = convention
    w = 1.0 / (vi + (pooled.tau2 if method != "EE" else 0.0))
    studies = effects.assign(se=np.sqrt(vi), weight=100 * w / w.sum())
    q = pool_crit(level)
    studies["ci_lb"] = yi - q * studies["se"]
    studies["ci_ub"] = yi + q * studies["se"]

    result = SynthesisResult(outcome=label, slug=slugify(label), measure=measure, pooled=pooled,
                             studies=studies, excluded=excluded, notes=notes, smd_convention=convention)
    if by:
        groups = _column(effects, by)
        result.subgroups = pool.subgroup(yi, vi, groups.astype(str), method=method, test=test, level=level)
        result.by = by
    if moderator:
        X, names = _design(_column(effects, moderator), moderator)
        result.metareg = pool.metareg(yi, vi, X, names, method=method, test=test, level=level)
        result.moderator = moderator
    if measure == "SMCR" and "n1" in effects:
        result.sensitivity = smcr_sensitivity(effects, method, test, level)
        notes.append(f"SMCR assumes a pre–post correlation r = {r:g}; sensitivity over r = "
                     + ", ".join(f"{x:g}" for x in SENSITIVITY_R) + " in sensitivity_r")
    if "comparator" in studies and studies["comparator"].map(_given).any():
        kinds = studies["comparator"].map(lambda c: c if _given(c) else "not stated")
        if studies["comparator"].dropna().nunique() > 1:  # "not stated" alone is no difference
            notes.append("comparators differ: " + "; ".join(
                f"{kind} ({', '.join(studies.loc[kinds == kind, 'study'].astype(str))})" for kind in kinds.unique())
                + " — ketamine against an active drug is a different question from ketamine against placebo; "
                  "see --by comparator")
    flagged = [f"{row.study} ({row.flags})" for row in studies.itertuples()
               if _given(getattr(row, "flags", None)) and any(
                   f in str(row.flags) for f in ("implausible_smd", "p_bound", "assumed_equal_arms"))]
    if flagged:
        notes.append("check before trusting: " + "; ".join(flagged))
    if k >= 3:
        _small_study_checks(result, yi, vi, method, test, level)
    if write:
        result.paths = write_outputs(result, out_dir, plots=plots)
    return result


def _small_study_checks(result: SynthesisResult, yi, vi, method, test, level) -> None:
    """Leave-one-out, Egger's regression test and trim-and-fill (metafor's defaults: L0, side from
    Egger's slope). With fewer than 10 studies the tests have little power: said in the notes."""
    labels = list(result.studies["study"].astype(str))
    try:
        result.leave1out = pool.leave_one_out(yi, vi, method=method, test=test, labels=labels, level=level)
    except StatisticsError as err:
        result.notes.append(f"leave-one-out not computed: {err}")
    try:
        result.egger = pool.egger(yi, vi, method=method if method != "EE" else "EE", test=test)
        tf = pool.trimfill(yi, vi, method=method, test=test, level=level)
        result.trimfill = {"k0": tf.k0, "side": tf.side, "estimator": tf.estimator,
                           "estimate": tf.result.estimate, "ci_lb": tf.result.ci_lb, "ci_ub": tf.result.ci_ub}
    except StatisticsError as err:
        result.notes.append(f"small-study tests not computed: {err}")
    if len(yi) < 10:
        result.notes.append(f"Egger's test and trim-and-fill with k = {len(yi)} < 10 have little power")


def pool_crit(level):
    from scipy import stats

    return float(stats.norm.ppf(1 - (1 - level / 100) / 2))


def _column(effects: pd.DataFrame, name: str) -> pd.Series:
    if name not in effects.columns:
        avail = [c for c in effects.columns if c not in ("yi", "vi", "se", "derivation", "record_ids")]
        raise StatisticsError(f"no column {name!r} for --by/--moderator; columns: {', '.join(map(str, avail))}")
    col = effects[name]
    if col.isna().any():
        missing = ", ".join(effects.loc[col.isna(), "study"].astype(str))
        raise StatisticsError(f"column {name!r} is missing for study {missing}")
    return col


def _design(col: pd.Series, name: str):
    """Numeric moderator as is; a categorical one as indicators of every level but the first."""
    numeric = pd.to_numeric(col, errors="coerce")
    if numeric.notna().all():
        return numeric.to_numpy(dtype=float)[:, None], [name]
    levels = sorted(col.astype(str).unique())
    X = np.column_stack([(col.astype(str) == lev).to_numpy(dtype=float) for lev in levels[1:]])
    return X, [f"{name}{lev}" for lev in levels[1:]]


def smcr_sensitivity(effects: pd.DataFrame, method, test, level) -> pd.DataFrame:
    """SMCR's variance 2(1 − r)/n + y²/(2n) depends on the assumed pre-post correlation r."""
    rows = []
    y = effects["yi"].to_numpy(dtype=float)
    n = effects["n1"].to_numpy(dtype=float)
    for rr in SENSITIVITY_R:
        v = 2 * (1 - rr) / n + y ** 2 / (2 * n)
        res = pool.fit(y, v, method=method, test=test, level=level, measure="SMCR")
        rows.append({"r": rr, "estimate": res.estimate, "ci_lb": res.ci_lb, "ci_ub": res.ci_ub,
                     "tau2": res.tau2, "I2": res.I2})
    return pd.DataFrame(rows)


def write_outputs(result: SynthesisResult, out_dir, plots: bool = True) -> dict:
    from evidencekit.plot import forest_plot, funnel_plot

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    slug = result.slug
    p = result.pooled
    table = result.studies[[c for c in STUDY_JSON_COLUMNS if c in result.studies]].copy()
    table.insert(0, "row", "study")
    pooled_row = {"row": "pooled", "study": f"{p.method} ({p.test})", "yi": p.estimate, "se": p.se,
                  "vi": p.se ** 2, "ci_lb": p.ci_lb, "ci_ub": p.ci_ub, "weight": 100.0,
                  "measure": result.measure}
    table = pd.concat([table, pd.DataFrame([pooled_row])], ignore_index=True)
    paths = {"csv": out_dir / f"pool_{slug}.csv", "json": out_dir / f"pool_{slug}.json"}
    table.to_csv(paths["csv"], index=False)
    if plots:
        paths["forest"] = out_dir / f"forest_{slug}.png"
        paths["funnel"] = out_dir / f"funnel_{slug}.png"
        title = f"{result.outcome}: {result.measure}"
        forest_plot(result.studies, p, paths["forest"], title=f"Forest plot — {title}",
                    measure=result.measure, convention=result.smd_convention)
        funnel_plot(result.studies, p, paths["funnel"], title=f"Funnel plot — {title}",
                    measure=result.measure)
    result.paths = paths
    paths["json"].write_text(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    return paths


# ------------------------------------------------------------------------------ text output

def format_report(result: SynthesisResult) -> str:
    """The readable table `evidencekit pool` prints."""
    p = result.pooled
    lvl = getattr(p, "level", 95) or 95
    ratio = result.measure in E.RATIO_MEASURES
    tr = math.exp if ratio else (lambda x: x)
    scale = f" (shown as {result.measure}; pooled on the log scale)" if ratio else ""
    lines = [f"Outcome: {result.outcome}   measure: {result.measure} — "
             f"{E.MEASURE_NAMES.get(result.measure, result.measure)}{scale}"]
    if result.smd_convention:
        lines.append(f"SMD convention: {result.smd_convention} ({E._convention_words(result.smd_convention)})")
    lines.append("")
    width = max([len(str(s)) for s in result.studies["study"]] + [5])
    lines.append(f"{'study':<{width}}  {'estimate':>9}  {lvl:g}% CI{'':<14}  weight")
    for row in result.studies.itertuples():
        lines.append(f"{str(row.study):<{width}}  {tr(row.yi):>9.3f}  [{tr(row.ci_lb):.3f}, {tr(row.ci_ub):.3f}]"
                     f"{'':<4}{row.weight:6.1f}%")
    test_words = "Wald z" if p.test == "z" else f"Knapp–Hartung t({p.dfs:g})" if p.dfs else "Knapp–Hartung t"
    model = "equal-effects" if p.method == "EE" else f"random-effects ({p.method})"
    lines += ["",
              f"Pooled ({model}, k = {p.k}): {tr(p.estimate):.3f} [{tr(p.ci_lb):.3f}, {tr(p.ci_ub):.3f}], "
              f"{test_words} = {p.zval:.3f}, p = {p.pval:.3g}"]
    tau_ci = (f" [{p.tau2_ci_lb:.4g}, {p.tau2_ci_ub:.4g}]" if p.tau2_ci_lb is not None else "")
    i2_ci = (f" [{p.I2_ci_lb:.1f}, {p.I2_ci_ub:.1f}]" if p.I2_ci_lb is not None else "")
    lines.append(f"Heterogeneity: tau² = {p.tau2:.4g}{tau_ci}, I² = {p.I2:.1f}%{i2_ci}, H² = {p.H2:.3g}, "
                 f"Q({p.k - 1}) = {p.QE:.3f}, p = {p.QEp:.3g}")
    lines.append(f"Prediction interval: [{tr(p.pi_lb):.3f}, {tr(p.pi_ub):.3f}]")
    if result.subgroups is not None:
        sg = result.subgroups
        lines += ["", f"Subgroups by {result.by}:"]
        for name, g in sg.groups.items():
            lines.append(f"  {name}: k = {g.k}, {tr(g.estimate):.3f} [{tr(g.ci_lb):.3f}, {tr(g.ci_ub):.3f}], "
                         f"tau² = {g.tau2:.4g}, I² = {g.I2:.1f}%")
        lines.append(f"  Test for subgroup differences: Q({sg.df}) = {sg.Qbetween:.3f}, p = {sg.Qbetween_p:.3g}")
    if result.metareg is not None:
        mr = result.metareg
        lines += ["", f"Meta-regression on {result.moderator}:"]
        for c in mr.coefficients.itertuples():
            lines.append(f"  {c.name:<16} {c.estimate:9.4f}  SE {c.se:.4f}  p = {c.pval:.3g}  "
                         f"[{c.ci_lb:.4f}, {c.ci_ub:.4f}]")
        r2 = "" if mr.R2 is None else f", R² = {mr.R2:.1f}%"
        lines.append(f"  QM({mr.QM_df}) = {mr.QM:.3f}, p = {mr.QMp:.3g}; residual tau² = {mr.tau2:.4g}{r2}")
    if result.egger is not None:
        e = result.egger
        stat = "z" if e.get("dfs") is None else f"t({e['dfs']})"
        lines += ["", f"Small-study effects: Egger's test {stat} = {e['zval']:.3f}, p = {e['pval']:.3g}"]
        if result.trimfill is not None:
            t = result.trimfill
            lines.append(f"Trim-and-fill ({t['estimator']}): {t['k0']} missing on the {t['side']}; adjusted "
                         f"{tr(t['estimate']):.3f} [{tr(t['ci_lb']):.3f}, {tr(t['ci_ub']):.3f}]")
    if result.sensitivity is not None:
        lines += ["", "Sensitivity to the assumed pre–post correlation r:"]
        for s in result.sensitivity.itertuples():
            lines.append(f"  r = {s.r:.1f}: {s.estimate:.3f} [{s.ci_lb:.3f}, {s.ci_ub:.3f}], I² = {s.I2:.1f}%")
    if len(result.excluded):
        lines += ["", f"Left out ({len(result.excluded)}):"]
        seen = Counter()
        for e in result.excluded.itertuples():  # identical lines once, with a count
            what = [e.measure if _given(e.measure) else "record"] + [x for x in (e.outcome, e.timepoint) if _given(x)]
            seen[f"  {e.study} [{', '.join(map(str, what))}]: {e.reason}"] += 1
        lines += [line + (f" (×{n})" if n > 1 else "") for line, n in seen.items()]
    if "derivation" in result.studies and result.studies["derivation"].map(_given).any():
        lines += ["", "Derivations:"] + [f"  {row.study}: {row.derivation}"
                                         for row in result.studies.itertuples() if _given(row.derivation)]
    if result.notes:
        lines += ["", "Notes:"] + [f"  {n}" for n in result.notes]
    if result.paths:
        lines += ["", "Wrote: " + ", ".join(str(v) for v in result.paths.values())]
    return "\n".join(lines)
