"""Plain data passed between stages: Document -> Record -> Effect -> PooledResult.

Nothing here knows about spaCy, SQLite, PyMARE or click.
"""

from __future__ import annotations

import bisect
import hashlib
from array import array
from dataclasses import asdict, dataclass, field, fields
from typing import Optional

# A line of its own between pages in Document.text; `evidencekit text` prints the text as it is,
# so char offsets of records index exactly what the user sees.
PAGE_MARKER = "\n\n--- page {n} ---\n\n"


@dataclass(frozen=True)
class Document:
    """An article read into normalised text with a map back to the original.

    text          normalised text, pages joined with PAGE_MARKER lines
    page_starts   page_starts[i] is the offset in ``text`` where page i+1 begins (after its marker)
    origin        origin[j] is the position in the original of text[j]: for PDFs the index into that
                  page's pdfplumber ``chars``, for other formats the character offset in the decoded
                  file; -1 for characters the reader inserted (spaces, newlines, page markers)
    """

    path: str
    sha256: str
    format: str  # "pdf" | "html" | "txt" | "jats"
    text: str
    page_starts: tuple[int, ...]
    origin: array  # array('i'): compact even for a 10 MB text
    title: Optional[str] = None
    doi: Optional[str] = None
    year: Optional[int] = None

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        """1-based page number holding text[offset]."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def origin_of(self, offset: int) -> tuple[int, int]:
        """(page, position in the original) of text[offset]."""
        return self.page_of(offset), self.origin[offset]


# Vocabulary of Record.kind, documented in README.md.
KINDS = (
    "total_n", "group_n", "dose", "route", "frequency", "duration", "administrations", "instrument",
    "b", "beta", "md", "smd", "d", "g", "or", "rr", "hr", "r",
    "t", "f", "chi2", "z", "mean", "sd", "se", "count", "percent", "p",
)

DOMAINS = ("depression", "pain", "other")


@dataclass
class Record:
    """One extracted value, traceable to its document, page, characters, sentence and rule.

    Column order here is the column order of evidence.csv.
    """

    doc_sha256: str
    file: str
    page: int
    char_start: int  # into Document.text, i.e. what `evidencekit text` prints
    char_end: int
    sentence: str
    rule_id: str
    kind: str
    value: Optional[float] = None
    text: str = ""  # the matched characters, text == Document.text[char_start:char_end]
    unit: Optional[str] = None  # "mg/kg", "patients", "%", "weeks", or the named route/drug/instrument
    op: Optional[str] = None  # "=", "<", ">", "≤", "≥" for bounded values (mostly p)
    ci_low: Optional[float] = None
    ci_high: Optional[float] = None
    ci_level: Optional[float] = None  # 95 for "95% CI"
    se: Optional[float] = None
    sd: Optional[float] = None
    n: Optional[int] = None  # the n a mean/count belongs to, where stated with it
    df: Optional[str] = None  # "48" or "1, 48"
    p_op: Optional[str] = None
    p_value: Optional[float] = None
    outcome: Optional[str] = None
    domain: Optional[str] = None  # depression | pain | other
    group: Optional[str] = None
    timepoint: Optional[str] = None
    drug: Optional[str] = None
    flags: str = ""  # ";"-joined: negated, baseline, p_inconsistent, table, ...
    record_id: str = ""

    def __post_init__(self):
        if not self.record_id:
            self.record_id = record_id(self.doc_sha256, self.char_start, self.char_end, self.kind)

    def to_dict(self) -> dict:
        # Every field is a scalar: a shallow copy is what asdict() gives, ~40x cheaper per record
        # (the store writes thousands per document from the single writer process).
        return {name: getattr(self, name) for name in _RECORD_FIELDS}

    def add_flag(self, flag: str) -> None:
        present = [f for f in self.flags.split(";") if f]
        if flag not in present:
            present.append(flag)
        self.flags = ";".join(present)


_RECORD_FIELDS = tuple(f.name for f in fields(Record))
RECORD_COLUMNS = ["record_id"] + [f.name for f in fields(Record) if f.name != "record_id"]


def record_id(doc_sha256: str, char_start: int, char_end: int, kind: str) -> str:
    """Stable across re-runs: a function of the document's bytes, the position and the kind."""
    key = f"{doc_sha256}:{char_start}:{char_end}:{kind}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class Effect:
    """An effect size ready to pool, with how it was derived."""

    study: str
    yi: float
    vi: float
    measure: str  # SMD, MD, SMCR, OR (log), RR (log), RD, ZCOR, GEN (generic b/se)
    outcome: Optional[str] = None
    domain: Optional[str] = None
    doc_sha256: Optional[str] = None
    derivation: str = ""  # in words: "Hedges' g (cochrane) from means/SDs/n of two arms"
    record_ids: tuple[str, ...] = ()
    flags: str = ""
    convention: Optional[str] = None  # "cochrane" | "metafor" for SMD
    effect_id: str = ""
    extra: dict = field(default_factory=dict)  # moderators / subgroup columns


@dataclass
class PooledResult:
    """A fitted random-effects (or equal-effects) model, with the defaults that changed the answer."""

    k: int
    method: str
    test: str  # "z" | "knha"
    measure: str
    estimate: float
    se: float
    zval: float
    pval: float
    ci_lb: float
    ci_ub: float
    tau2: float
    tau2_ci_lb: Optional[float]
    tau2_ci_ub: Optional[float]
    I2: float
    H2: float
    QE: float
    QEp: float
    pi_lb: float
    pi_ub: float
    I2_ci_lb: Optional[float] = None
    I2_ci_ub: Optional[float] = None
    H2_ci_lb: Optional[float] = None
    H2_ci_ub: Optional[float] = None
    dfs: Optional[float] = None  # t degrees of freedom under knha
    outcome: Optional[str] = None
    smd_convention: Optional[str] = None
    level: float = 95.0  # confidence level (%) of ci_*, pi_* and the tau2/I2/H2 CIs
    se_tau2: Optional[float] = None  # metafor's se.tau2 (None for EE)

    def to_dict(self) -> dict:
        return asdict(self)
