"""Hand-made records at the real character offsets of two small articles, for the export and
report tests: the seed article (single-arm ketamine trial, N=104) and a short two-arm RCT text.

Each record's text is exactly document_text[char_start:char_end], as the extractor promises.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from evidencekit.records import RECORD_COLUMNS, Record

DATA = Path(__file__).parent / "data"

SEED_TEXT = (DATA / "seed-article.txt").read_text(encoding="utf-8")

RCT_TEXT = (
    "Ketamine versus placebo for chronic pain and depression\n\n"
    "In this randomized, placebo-controlled trial, 40 patients received 0.5 mg/kg ketamine or saline "
    "placebo intravenously once weekly for 4 weeks. At week 4 the MADRS score was 18.2 (SD 6.1) in the "
    "ketamine group (n=20) and 25.4 (SD 7.3) in the placebo group (n=20). "
    "Response occurred in 10 of 20 patients given ketamine and 3 of 20 given placebo.\n"
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _at(text: str, needle: str, after: str = "") -> tuple[int, int]:
    """Offsets of ``needle`` at its first place after the first ``after``."""
    start = text.index(needle, text.index(after) if after else 0)
    return start, start + len(needle)


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    hi_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return text[lo:hi].strip()


def make(text: str, file: str, needle: str, kind: str, after: str = "", **fields) -> Record:
    start, end = _at(text, needle, after)
    return Record(
        doc_sha256=sha(text), file=file, page=1, char_start=start, char_end=end,
        sentence=_sentence(text, start, end), rule_id=f"test.{kind}", kind=kind,
        text=text[start:end], **fields,
    )


def seed_records() -> list[Record]:
    t, f = SEED_TEXT, "seed-article.txt"
    return [
        make(t, f, "104", "total_n", after="Patients (N=", value=104, unit="patients"),
        make(t, f, "n=50", "group_n", after="Patients with (", value=50, group="with pain"),
        make(t, f, "n=54", "group_n", after="Patients with (", value=54, group="without pain"),
        make(t, f, "0.5 mg/kg", "dose", value=0.5, unit="mg/kg", drug="ketamine"),
        make(t, f, "intravenous", "route", unit="intravenous"),
        make(t, f, "3 times per week", "frequency", value=3, unit="per week"),
        make(t, f, "2 weeks", "duration", value=2, unit="weeks"),
        make(t, f, "MADRS", "instrument", unit="MADRS", domain="depression"),
        make(t, f, "-0.992", "b", value=-0.992, outcome="VAS", domain="pain", timepoint="day 26",
             p_op="<", p_value=0.001, drug="ketamine"),
        make(t, f, "-1.017", "b", value=-1.017, outcome="SF-MPQ sensory", domain="pain",
             timepoint="day 26", p_op="<", p_value=0.001, drug="ketamine"),
    ]


def rct_records() -> list[Record]:
    t, f = RCT_TEXT, "rct.txt"
    common = dict(outcome="MADRS", domain="depression", timepoint="week 4")
    return [
        make(t, f, "40", "total_n", value=40, unit="patients"),
        make(t, f, "0.5 mg/kg", "dose", value=0.5, unit="mg/kg", drug="ketamine"),
        make(t, f, "18.2", "mean", value=18.2, sd=6.1, n=20, group="ketamine", **common),
        make(t, f, "25.4", "mean", value=25.4, sd=7.3, n=20, group="placebo", **common),
        make(t, f, "n=20", "group_n", after="ketamine group", value=20, group="ketamine"),
        make(t, f, "n=20", "group_n", after="placebo group", value=20, group="placebo"),
        make(t, f, "10 of 20", "count", value=10, n=20, group="ketamine", outcome="response",
             domain="depression", timepoint="week 4"),
        make(t, f, "3 of 20", "count", value=3, n=20, group="placebo", outcome="response",
             domain="depression", timepoint="week 4"),
    ]


def rct_variant(i: int, m1: float, sd1: float, m2: float, sd2: float, n: int) -> tuple[str, list[Record]]:
    """Another two-arm trial like RCT_TEXT with its own numbers: (text, records)."""
    text = (f"Trial {i} of ketamine for depression\n\nIn this randomized, placebo-controlled trial, "
            f"{2 * n} patients were treated. At week 4 the MADRS score was {m1} (SD {sd1}) in the ketamine "
            f"group (n={n}) and {m2} (SD {sd2}) in the placebo group (n={n}).\n")
    f = f"trial{i}.txt"
    common = dict(outcome="MADRS", domain="depression", timepoint="week 4")
    records = [
        make(text, f, f"{2 * n}", "total_n", value=2 * n),
        make(text, f, f"{m1}", "mean", after="MADRS", value=m1, sd=sd1, n=n, group="ketamine", **common),
        make(text, f, f"{m2}", "mean", after="ketamine group", value=m2, sd=sd2, n=n, group="placebo", **common),
    ]
    return text, records


DOCS = {
    sha(SEED_TEXT): dict(title="Ketamine Infusions Improve Symptoms of Depression and Pain", doi=None, year=2022),
    sha(RCT_TEXT): dict(title="=HYPERLINK(\"http://evil\",\"Ketamine versus placebo\")", doi="10.1/x", year=2020),
}


def frame(records: list[Record]) -> pd.DataFrame:
    """What Store.records_frame returns: the record columns plus the document's title, doi, year."""
    df = pd.DataFrame([r.to_dict() for r in records])[RECORD_COLUMNS]
    for col in ("title", "doi", "year"):
        df[col] = [DOCS.get(s, {}).get(col) for s in df["doc_sha256"]]
    return df


def document(text: str, path: str):
    """A one-page plain-text Document of ``text``, as ingest would read a .txt file."""
    from array import array

    from evidencekit.records import Document

    meta = DOCS.get(sha(text), {})
    return Document(path=path, sha256=sha(text), format="txt", text=text, page_starts=(0,),
                    origin=array("i", range(len(text))), title=meta.get("title"),
                    doi=meta.get("doi"), year=meta.get("year"))


def build_store(db_path, with_rct: bool = True):
    """A real evidence store holding the seed article (and the RCT text) with their records."""
    from evidencekit.store import open_store

    store = open_store(db_path)
    run = store.begin_run("test", "rules-test", None)
    store.write_document(document(SEED_TEXT, "seed-article.txt"), seed_records(), run, "rules-test", "test")
    if with_rct:
        store.write_document(document(RCT_TEXT, "rct.txt"), rct_records(), run, "rules-test", "test")
    store.finish_run(run)
    return store
