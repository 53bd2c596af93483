"""rules.py + nlp.py: strict pack validation, every rule's examples, tokenizer and sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evidencekit.errors import RuleError
from evidencekit.nlp import SPANS_KEY, build_nlp, sentence_starts
from evidencekit.rules import check_rule_pack, find_rule_dir, load_rule_pack

PACK_DIR = Path(__file__).resolve().parent.parent / "extractors"
PACK = load_rule_pack(str(PACK_DIR))


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(PACK)


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_every_example_matches_its_own_rule(nlp, rule):
    for example in rule.examples:
        doc = nlp(example)
        ids = {span.id_ for span in doc.spans[SPANS_KEY]}
        assert rule.id in ids, f"{rule.file}:{rule.line}: {example!r} gave {sorted(ids)}"


def test_default_pack_checks_clean():
    assert check_rule_pack(str(PACK_DIR)) == []
    families = {Path(r.file).stem for r in PACK.rules}
    assert {"sample_size", "dosing", "instruments", "effects", "tests", "pvalues", "descriptives", "timepoints"} <= families


def test_phrase_rules_match_case_insensitively(nlp):
    rule = next(r for r in PACK.rules if r.id == "instruments.madrs_2")
    assert rule.phrases and rule.pattern is None
    doc = nlp("scored on the montgomery-asberg depression rating scale")
    assert [s.id_ for s in doc.spans[SPANS_KEY] if s.label_ == "instrument"] == ["instruments.madrs_2"]


def test_instrument_rules_name_a_domain():
    for rule in PACK.rules:
        if rule.label == "instrument":
            assert rule.canonical and rule.domain in ("depression", "pain", "other")


def _copy_pack(tmp_path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(PACK_DIR, target)
    return target


def _append(pack: Path, file: str, line: str) -> int:
    path = pack / file
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [line]) + "\n", encoding="utf-8")
    return len(lines) + 1


RULE = {"id": "pvalues.extra", "label": "p", "pattern": [{"LOWER": "pee"}], "examples": ["pee"]}


@pytest.mark.parametrize(
    "line, reason",
    [
        (json.dumps({**RULE, "colour": "red"}), "unknown key(s) colour"),
        (json.dumps({**RULE, "id": "pvalues.p_op"}), "duplicate id 'pvalues.p_op'"),
        (json.dumps({**RULE, "pattern": [{"LOWERCASE": "x"}]}), "invalid pattern"),
        (json.dumps({**RULE, "pattern": [{"LOWER": "x", "OP": "!!"}]}), "invalid pattern"),
        (json.dumps({**RULE, "label": "NOPE"}), "unknown label 'NOPE'"),
        (json.dumps({**RULE, "examples": []}), "examples must be a non-empty list"),
        (json.dumps({k: v for k, v in RULE.items() if k != "pattern"}), "give exactly one of pattern and phrases"),
        (json.dumps({**RULE, "phrases": ["pee"]}), "give exactly one of pattern and phrases"),
        (json.dumps({k: v for k, v in {**RULE, "phrases": []}.items() if k != "pattern"}), "phrases must be a non-empty list"),
        (json.dumps({k: v for k, v in RULE.items() if k != "examples"}), "missing key(s) examples"),
        (json.dumps({**RULE, "id": "NoDot"}), "id must look like"),
        ('{"id": "pvalues.extra", "label": "p",', "invalid JSON"),
    ],
)
def test_strict_validation_names_file_and_line(tmp_path, line, reason):
    pack = _copy_pack(tmp_path)
    number = _append(pack, "pvalues.jsonl", line)
    with pytest.raises(RuleError) as err:
        load_rule_pack(str(pack))
    assert f"pvalues.jsonl:{number}: " in str(err.value)
    assert reason in str(err.value)


def test_instrument_without_domain_is_refused(tmp_path):
    pack = _copy_pack(tmp_path)
    line = json.dumps({"id": "instruments.new", "label": "instrument", "pattern": [{"TEXT": "XYZ"}],
                       "examples": ["XYZ"], "canonical": "XYZ"})
    number = _append(pack, "instruments.jsonl", line)
    with pytest.raises(RuleError, match=rf"instruments.jsonl:{number}: .*canonical and domain"):
        load_rule_pack(str(pack))


def test_check_reports_examples_a_rule_does_not_match(tmp_path):
    pack = _copy_pack(tmp_path)
    number = _append(pack, "pvalues.jsonl", json.dumps({**RULE, "examples": ["pee", "not this"]}))
    problems = check_rule_pack(str(pack))
    assert problems == [f"{pack / 'pvalues.jsonl'}:{number}: pvalues.extra: example not matched: 'not this'"]


def test_bad_tokenizer_regex(tmp_path):
    pack = _copy_pack(tmp_path)
    data = json.loads((pack / "tokenizer.json").read_text(encoding="utf-8"))
    data["infixes"].append("([unclosed")
    (pack / "tokenizer.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleError, match=r"tokenizer.json:1: infixes: invalid regex"):
        load_rule_pack(str(pack))


def test_lookup_order_and_hash(tmp_path, monkeypatch):
    pack = _copy_pack(tmp_path)
    assert load_rule_pack(str(pack)).directory == str(pack)
    assert load_rule_pack(str(pack)).hash == PACK.hash
    monkeypatch.chdir(tmp_path)
    (tmp_path / "extractors").mkdir()
    shutil.copy(PACK_DIR / "pvalues.jsonl", tmp_path / "extractors")
    assert find_rule_dir() == Path.cwd() / "extractors"
    assert len(load_rule_pack().rules) == sum(1 for r in PACK.rules if r.id.startswith("pvalues."))
    # without ./extractors: the packaged copy
    shutil.rmtree(tmp_path / "extractors")
    assert len(load_rule_pack().rules) == len(PACK.rules)
    _append(pack, "pvalues.jsonl", json.dumps(RULE))
    assert load_rule_pack(str(pack)).hash != PACK.hash
    with pytest.raises(RuleError, match="not found"):
        load_rule_pack(str(tmp_path / "missing"))


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Patients (N=104) with", ["Patients", "(", "N", "=", "104", ")", "with"]),
        ("P<.001).", ["P", "<", ".001", ")", "."]),
        ("P <.001)", ["P", "<", ".001", ")"]),
        ("RR=0.85", ["RR", "=", "0.85"]),
        ("0.55–0.94", ["0.55", "–", "0.94"]),
        ("(n=50)", ["(", "n", "=", "50", ")"]),
        ("14/24 (58%)", ["14", "/", "24", "(", "58", "%", ")"]),
        ("21.3±5.2", ["21.3", "±", "5.2"]),
        ("t(46)=2.31", ["t", "(", "46", ")", "=", "2.31"]),
        ("N= 104", ["N", "=", "104"]),
        ("-0.992;", ["-0.992", ";"]),
        ("HDRS-17", ["HDRS-17"]),
    ],
)
def test_tokenizer_splits_statistics(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def _sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_sentences_respect_abbreviations_and_p_values(nlp):
    text = ("VAS improved (b, -0.992; P <.001). Sensory index fell vs. baseline, as in Smith et al. (2019) and "
            "Fig. 2 shows, e.g. MADRS. No. 5 was 2.5 points lower. Response was 14/24 (58%).")
    assert _sentences(nlp, text) == [
        "VAS improved (b, -0.992; P <.001).",
        "Sensory index fell vs. baseline, as in Smith et al. (2019) and Fig. 2 shows, e.g. MADRS.",
        "No. 5 was 2.5 points lower.",
        "Response was 14/24 (58%).",
    ]


def test_table_rows_and_blank_lines_are_sentences(nlp):
    text = ("Table 2. MADRS, mean (SD)\nOutcome  Ketamine (n=24)  Placebo (n=23)\nMADRS  31.2 (4.5)  30.8 (5.1)\n"
            "Wrapped line of a\nparagraph continues here.\n\nResults\nThe next paragraph starts.")
    assert _sentences(nlp, text) == [
        "Table 2. MADRS, mean (SD)",
        "Outcome  Ketamine (n=24)  Placebo (n=23)",
        "MADRS  31.2 (4.5)  30.8 (5.1)",
        "Wrapped line of a\nparagraph continues here.",
        "Results",
        "The next paragraph starts.",
    ]


def test_sentence_starts_is_plain_function():
    assert sentence_starts("One. Two.", frozenset()) == [0, 5]
    assert sentence_starts("See vs. Two.", frozenset({"vs."})) == [0]


def test_rules_check_cli(tmp_path):
    from click.testing import CliRunner

    from evidencekit.cli import cli

    result = CliRunner().invoke(cli, ["rules", "check", str(PACK_DIR)])
    assert result.exit_code == 0, result.output
    assert f"{len(PACK.rules)} rules" in result.output
    pack = _copy_pack(tmp_path)
    number = _append(pack, "pvalues.jsonl", json.dumps({**RULE, "colour": "red"}))
    result = CliRunner().invoke(cli, ["rules", "check", str(pack)])
    assert result.exit_code == 1
    assert f"pvalues.jsonl:{number}: unknown key(s) colour" in result.output
