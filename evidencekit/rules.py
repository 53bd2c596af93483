"""Find rule packs and validate them strictly.

A rule pack is a directory of JSONL files, one spaCy token pattern per line, plus ``tokenizer.json``.
spaCy silently keeps unknown keys and accepts many malformed patterns, so every line is checked
here and each problem is reported as ``file:line: reason``. The format is documented in
extractors/README.md.

Lookup order: an explicit directory (``--rules DIR``), then ``./extractors`` in the working
directory, then the copy packaged in the wheel (``evidencekit._rulepack``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Optional

from evidencekit.errors import RuleError
from evidencekit.records import DOMAINS, KINDS

RULE_KEYS_REQUIRED = ("id", "label", "examples")  # and exactly one of "pattern" / "phrases"
RULE_KEYS_OPTIONAL = ("pattern", "phrases", "description", "canonical", "domain", "flags")
TOKENIZER_KEYS = ("description", "prefixes", "infixes", "suffixes", "abbreviations")

# Labels that are not record kinds: context the extractor links to values, or guards.
HELPER_LABELS = (
    "CI",  # confidence interval with its level: 95% CI 0.2-0.9, [0.2, 0.9]
    "CI_BARE",  # (0.2-0.9) right after an estimate
    "SE_VALUE",  # SE = 0.12 after an estimate
    "SD_VALUE",  # SD = 5.2 after a mean
    "DF",  # df = 46 after a test statistic
    "MEAN_PAREN",  # 21.3 (5.2): a mean only where the context says mean (SD)
    "PERCENT_PAIR",  # 60 vs 87%
    "P_CELL",  # .002 in a table: a p-value only in a row or column headed P
    "DRUG",
    "INSTRUMENT",
    "TIMEPOINT",
    "BASELINE",
    "NEGATION",
    "GROUP",
    "GUARD",  # years, citations, DOIs, dates: nothing overlapping them is a value
)
LABELS = tuple(k for k in KINDS if k != "instrument") + HELPER_LABELS
ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_.]+$")


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    pattern: Optional[list]  # a spaCy token pattern, or None for a phrase rule
    examples: tuple[str, ...]
    description: str = ""
    canonical: Optional[str] = None  # the name a match stands for: "MADRS", "intravenous", "ketamine"
    domain: Optional[str] = None  # instruments: depression | pain | other
    flags: tuple[str, ...] = ()  # flags every record from this rule carries
    file: str = ""
    line: int = 0
    phrases: tuple[str, ...] = ()  # literal names matched case-insensitively (spaCy's PhraseMatcher)

    def spacy_patterns(self) -> list[dict]:
        """The SpanRuler pattern dicts of this rule (one per phrase for a phrase rule)."""
        if self.phrases:
            return [{"label": self.label, "pattern": phrase, "id": self.id} for phrase in self.phrases]
        return [{"label": self.label, "pattern": [_native_token(t) for t in self.pattern], "id": self.id}]


_STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM"})


def _native_token(token: dict) -> dict:
    """The same token spec with one-word sets written as plain values: {"LOWER": {"IN": ["odds"]}}
    matches exactly what {"LOWER": "odds"} does, but spaCy's Matcher checks the plain value in C and
    calls a Python predicate for the set at every token of the document (about a tenth of its time)."""
    native = dict(token)
    for attr, value in token.items():
        if attr in _STRING_ATTRS and isinstance(value, dict) and list(value) == ["IN"] and len(value["IN"]) == 1 \
                and isinstance(value["IN"][0], str):
            native[attr] = value["IN"][0]
    return native


@dataclass(frozen=True)
class RulePack:
    directory: str
    hash: str  # sha256 over the pack files' names and bytes
    rules: tuple[Rule, ...]
    tokenizer: dict = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    @property
    def _by_id(self) -> dict:
        cached = self.__dict__.get("_by_id_cache")
        if cached is None:
            cached = {r.id: r for r in self.rules}
            object.__setattr__(self, "_by_id_cache", cached)
        return cached


def find_rule_dir(directory: Optional[str] = None) -> Path:
    """The pack directory: the one given, else ./extractors, else the packaged copy."""
    if directory is not None:
        path = Path(directory)
        if not path.is_dir():
            raise RuleError(f"{directory}: rule pack directory not found")
        return path
    local = Path.cwd() / "extractors"
    if local.is_dir() and any(local.glob("*.jsonl")):
        return local
    try:
        packaged = resources.files("evidencekit._rulepack")
    except ModuleNotFoundError as err:
        raise RuleError("no rule pack: no ./extractors and no packaged evidencekit._rulepack") from err
    # A wheel installs the pack as plain files, so the Traversable is a real directory.
    return Path(str(packaged))


def load_rule_pack(directory: Optional[str] = None) -> RulePack:
    """Load and validate a pack; the first problem found raises RuleError("file:line: reason")."""
    path = find_rule_dir(directory)
    rules, tokenizer, problems = _read_pack(path)
    if problems:
        raise RuleError(problems[0] if len(problems) == 1 else f"{problems[0]} (and {len(problems) - 1} more)")
    return RulePack(directory=str(path), hash=_pack_hash(path), rules=tuple(rules), tokenizer=tokenizer)


def check_rule_pack(directory: Optional[str] = None) -> list[str]:
    """Every problem in a pack: validation errors, then examples that their own rule does not match."""
    path = find_rule_dir(directory)
    rules, tokenizer, problems = _read_pack(path)
    if problems:
        return problems
    pack = RulePack(directory=str(path), hash=_pack_hash(path), rules=tuple(rules), tokenizer=tokenizer)
    from evidencekit.nlp import SPANS_KEY, build_nlp

    nlp = build_nlp(pack)
    for rule in pack.rules:
        for example in rule.examples:
            doc = nlp(example)
            if not any(span.id_ == rule.id for span in doc.spans[SPANS_KEY]):
                problems.append(f"{rule.file}:{rule.line}: {rule.id}: example not matched: {example!r}")
    return problems


def _pack_files(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.suffix == ".jsonl" or p.name == "tokenizer.json")


def _pack_hash(path: Path) -> str:
    digest = hashlib.sha256()
    for file in _pack_files(path):
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _read_pack(path: Path) -> tuple[list[Rule], dict, list[str]]:
    problems: list[str] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    jsonl = sorted(path.glob("*.jsonl"))
    if not jsonl:
        problems.append(f"{path}: no *.jsonl rule files")
    matcher = _validating_matcher()
    for file in jsonl:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{file}:0: cannot read: {err}")
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                rule = _parse_rule(json.loads(line), where, matcher)
            except json.JSONDecodeError as err:
                problems.append(f"{where}: invalid JSON: {err.msg} (column {err.colno})")
                continue
            except RuleError as err:
                problems.append(str(err))
                continue
            if rule.id in seen:
                problems.append(f"{where}: duplicate id {rule.id!r} (first at {seen[rule.id]})")
                continue
            seen[rule.id] = where
            rules.append(Rule(**{**rule.__dict__, "file": str(file), "line": number}))
    tokenizer = _read_tokenizer(path / "tokenizer.json", problems)
    return rules, tokenizer, problems


def _validating_matcher():
    import spacy
    from spacy.matcher import Matcher

    return Matcher(spacy.blank("en").vocab, validate=True)


def _parse_rule(data, where: str, matcher) -> Rule:
    if not isinstance(data, dict):
        raise RuleError(f"{where}: a rule must be a JSON object")
    unknown = sorted(set(data) - set(RULE_KEYS_REQUIRED) - set(RULE_KEYS_OPTIONAL))
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = [k for k in RULE_KEYS_REQUIRED if k not in data]
    if missing:
        raise RuleError(f"{where}: missing key(s) {', '.join(missing)}")
    rule_id, label = data["id"], data["label"]
    if not isinstance(rule_id, str) or not ID_RE.match(rule_id):
        raise RuleError(f"{where}: id must look like '<pack>.<rule>' (lowercase), got {rule_id!r}")
    if label not in LABELS and label != "instrument":
        raise RuleError(f"{where}: {rule_id}: unknown label {label!r}")
    examples = data["examples"]
    if not isinstance(examples, list) or not examples or not all(isinstance(e, str) and e for e in examples):
        raise RuleError(f"{where}: {rule_id}: examples must be a non-empty list of strings")
    for key in ("description", "canonical"):
        if key in data and not isinstance(data[key], str):
            raise RuleError(f"{where}: {rule_id}: {key} must be a string")
    domain = data.get("domain")
    if domain is not None and domain not in DOMAINS:
        raise RuleError(f"{where}: {rule_id}: domain must be one of {', '.join(DOMAINS)}")
    if label == "instrument" and (domain is None or "canonical" not in data):
        raise RuleError(f"{where}: {rule_id}: an instrument rule needs canonical and domain")
    if ("pattern" in data) == ("phrases" in data):
        raise RuleError(f"{where}: {rule_id}: give exactly one of pattern and phrases")
    phrases = data.get("phrases", [])
    if "phrases" in data and (not isinstance(phrases, list) or not phrases
                              or not all(isinstance(p, str) and p.strip() for p in phrases)):
        raise RuleError(f"{where}: {rule_id}: phrases must be a non-empty list of strings")
    flags = data.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) and re.match(r"^[a-z_]+$", f) for f in flags):
        raise RuleError(f"{where}: {rule_id}: flags must be a list of lowercase words")
    pattern = data.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise RuleError(f"{where}: {rule_id}: pattern must be a non-empty list of token objects")
        try:
            matcher.add(rule_id, [pattern])
        except Exception as err:  # spaCy raises MatchPatternError/ValueError with a multi-line message
            reason = " ".join(str(err).split())
            raise RuleError(f"{where}: {rule_id}: invalid pattern: {reason}") from err
    return Rule(
        id=rule_id,
        label=label,
        pattern=pattern,
        examples=tuple(examples),
        description=data.get("description", ""),
        canonical=data.get("canonical"),
        domain=domain,
        flags=tuple(flags),
        phrases=tuple(phrases),
    )


def _read_tokenizer(file: Path, problems: list[str]) -> dict:
    if not file.exists():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        problems.append(f"{file}:{err.lineno}: invalid JSON: {err.msg}")
        return {}
    if not isinstance(data, dict):
        problems.append(f"{file}:1: must be a JSON object")
        return {}
    unknown = sorted(set(data) - set(TOKENIZER_KEYS))
    if unknown:
        problems.append(f"{file}:1: unknown key(s) {', '.join(unknown)}")
    for key in ("prefixes", "infixes", "suffixes", "abbreviations"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.append(f"{file}:1: {key} must be a list of strings")
            continue
        if key == "abbreviations":
            continue
        for regex in items:
            try:
                re.compile(regex)
            except re.error as err:
                problems.append(f"{file}:1: {key}: invalid regex {regex!r}: {err}")
    return data
