"""`evidencekit table`: levels, formats, corrections applied, exclusions dropped, formula injection."""

from __future__ import annotations

import io
import json
import math

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from evidencekit.cli import cli
from evidencekit.export import neutralise, studies_table
from seed_records import RCT_TEXT, SEED_TEXT, build_store, frame, rct_records, seed_records, sha

INJECTED_GROUP = '=HYPERLINK("http://evil.example","click")'
INJECTED_OUTCOME = "-0.992 is lower"


@pytest.fixture
def store_dir(tmp_path):
    """A store with the seed and the RCT, one value corrected, two text fields set to formulas,
    one record excluded."""
    store = build_store(tmp_path / "evidence.db")
    by_kind = {(r.file, r.kind, r.text): r for r in seed_records() + rct_records()}
    vas = by_kind[("seed-article.txt", "b", "-0.992")]
    sensory = by_kind[("seed-article.txt", "b", "-1.017")]
    dose = by_kind[("rct.txt", "dose", "0.5 mg/kg")]
    store.add_correction("set", "alice", record_id=vas.record_id, doc_sha256=vas.doc_sha256,
                         field="outcome", old_value="VAS", new_value=INJECTED_OUTCOME,
                         reason="test", original=vas.to_dict())
    store.add_correction("set", "alice", record_id=sensory.record_id, doc_sha256=sensory.doc_sha256,
                         field="group", old_value=None, new_value=INJECTED_GROUP,
                         reason="test", original=sensory.to_dict())
    store.add_correction("set", "bob", record_id=sensory.record_id, doc_sha256=sensory.doc_sha256,
                         field="value", old_value="-1.017", new_value="-1.07",
                         reason="typo in extraction", original=sensory.to_dict())
    store.add_correction("exclude", "bob", record_id=dose.record_id, doc_sha256=dose.doc_sha256,
                         reason="duplicate", original=dose.to_dict())
    store.close()
    return tmp_path


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    return result


# ---- neutralisation ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", INJECTED_GROUP])
def test_formula_text_gets_a_leading_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["ketamine", "1-2", "", -0.992, 5, None])
def test_other_cells_unchanged(value):
    assert neutralise(value) == value


# ---- xlsx ------------------------------------------------------------------------------------


def _sheet_rows(ws):
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, row)) for row in ws.iter_rows(min_row=2)]


def test_xlsx_numbers_are_numeric_cells_text_is_neutralised(store_dir):
    out = store_dir / "table.xlsx"
    result = run("table", "--format", "xlsx", "-o", str(out), "--out", str(store_dir))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    header, rows = _sheet_rows(ws)
    vas = next(r for r in rows if r["kind"].value == "b" and r["value"].value == -0.992)
    assert vas["value"].data_type == "n" and vas["value"].value == -0.992
    assert vas["char_start"].data_type == "n"
    assert vas["p_value"].data_type == "n" and vas["p_value"].value == 0.001
    # The matched characters are text, so they are neutralised like any text.
    assert vas["text"].data_type == "s" and vas["text"].value == "'-0.992"
    assert vas["outcome"].value == "'" + INJECTED_OUTCOME
    sensory = next(r for r in rows if r["group"].value == "'" + INJECTED_GROUP)
    assert sensory["value"].value == -1.07 and sensory["value"].data_type == "n"  # correction applied
    assert sensory["corrected"].value is True
    assert "excluded" not in header and "corrected_fields" in header
    assert not any(r["kind"].value == "dose" and r["file"].value == "rct.txt" for r in rows)  # excluded
    assert len(rows) == len(seed_records()) + len(rct_records()) - 1
    # No cell anywhere starts a formula.
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if cell.data_type == "s":
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_all_levels_one_sheet_each(store_dir):
    out = store_dir / "all.xlsx"
    result = run("table", "--format", "xlsx", "--level", "all", "-o", str(out), "--db",
                 str(store_dir / "evidence.db"))
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["records", "effects", "studies", "revman-continuous", "revman-dichotomous"]
    header, rows = _sheet_rows(wb["effects"])
    assert header[:3] == ["study", "yi", "vi"]
    assert all(r["yi"].data_type == "n" and r["vi"].data_type == "n" for r in rows)
    assert any(r["yi"].value < 0 for r in rows)  # negative effects are numbers, not text


def test_xlsx_needs_an_output_file(store_dir):
    result = run("table", "--format", "xlsx", "--out", str(store_dir))
    assert result.exit_code == 1
    assert "xlsx" in result.output and "-o" in result.output


def test_missing_store_is_a_clear_error(tmp_path):
    result = run("table", "--out", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "evidence.db" in result.output and "Traceback" not in result.output


# ---- csv / json / md ---------------------------------------------------------------------------


def test_csv_numbers_unquoted_text_neutralised(store_dir):
    result = run("table", "--out", str(store_dir))
    assert result.exit_code == 0, result.output
    assert ",-0.992," in result.output  # the value column: a bare number
    assert ",'-0.992," in result.output  # the text column: neutralised
    table = pd.read_csv(io.StringIO(result.output))
    assert pd.api.types.is_float_dtype(table["value"])
    assert (table["outcome"] == "'" + INJECTED_OUTCOME).sum() == 1
    assert set(table["file"]) == {"seed-article.txt", "rct.txt"}


def test_effects_csv_reads_as_metafor_input(store_dir, tmp_path):
    out = tmp_path / "effects.csv"
    result = run("table", "--level", "effects", "-o", str(out), "--out", str(store_dir))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert list(table.columns[:6]) == ["study", "yi", "vi", "measure", "outcome", "domain"]
    assert pd.api.types.is_float_dtype(table["yi"]) and pd.api.types.is_float_dtype(table["vi"])
    smd = table[table["measure"] == "SMD"].iloc[0]
    # Hedges' g from the RCT's arms, computed here from the Cochrane formulas.
    n1 = n2 = 20
    sp = math.sqrt(((n1 - 1) * 6.1 ** 2 + (n2 - 1) * 7.3 ** 2) / (n1 + n2 - 2))
    g = (1 - 3 / (4 * (n1 + n2) - 9)) * (18.2 - 25.4) / sp
    assert smd["yi"] == pytest.approx(g, rel=1e-9)
    assert smd["vi"] == pytest.approx(1 / n1 + 1 / n2 + g ** 2 / (2 * (n1 + n2 - 3.94)), rel=1e-9)
    assert smd["study"] == "'" + '=HYPERLINK("http://evil","Ketamine versus placebo") (2020)'
    assert all(table["record_ids"].str.len() > 0)


def test_json_keeps_text_as_is(store_dir):
    result = run("table", "--format", "json", "--out", str(store_dir))
    rows = json.loads(result.output)
    vas = next(r for r in rows if r["text"] == "-0.992")
    assert vas["value"] == -0.992 and vas["outcome"] == INJECTED_OUTCOME
    assert vas["ci_low"] is None


def test_markdown_escapes_pipes_and_neutralises(store_dir):
    result = run("table", "--format", "md", "--level", "studies", "--out", str(store_dir))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("| study | design | N |")
    assert set(lines[1].replace("|", "").split()) == {"---"}
    rct = next(line for line in lines if "Ketamine versus placebo" in line)
    assert rct.startswith("| '=HYPERLINK(")
    assert all(line.count(" | ") == lines[0].count(" | ") for line in lines[2:])  # no stray pipes


# ---- studies and RevMan rows ---------------------------------------------------------------


def test_studies_level(store_dir):
    result = run("table", "--level", "studies", "--format", "json", "--out", str(store_dir))
    rows = {r["file"]: r for r in json.loads(result.output)}
    seed, rct = rows["seed-article.txt"], rows["rct.txt"]
    assert seed["N"] == 104
    # The reviewer-set group of one effect (a formula, see the fixture) counts as a group too.
    assert seed["design"].startswith("single-arm (subgroups: with pain, without pain, =HYPERLINK(")
    assert seed["arms"] == "with pain (n=50); without pain (n=54)"
    assert seed["dose"] == "0.5 mg/kg" and seed["route"] == "intravenous"
    assert seed["schedule"] == "3 times per week; 2 weeks"
    assert "-0.992 is lower: b -0.992" in seed["effect"] and "b -1.07" in seed["effect"]
    assert seed["p"] == "P<0.001; P<0.001"
    assert seed["timepoint"] == "day 26"
    assert rct["design"] == "RCT vs placebo"
    assert rct["N"] == 40 and rct["dose"] == ""  # the RCT's dose record is excluded


def test_design_from_records_alone():
    records = frame(rct_records())
    assert studies_table(records)["design"].iloc[0] == "RCT-like vs placebo"
    seed = frame(seed_records())
    assert studies_table(seed)["design"].iloc[0] == "cohort (groups: with pain, without pain)"
    texts = {sha(SEED_TEXT): SEED_TEXT, sha(RCT_TEXT): RCT_TEXT}
    assert studies_table(seed, texts)["design"].iloc[0] == "single-arm (subgroups: with pain, without pain)"
    lone = seed[seed["kind"] == "total_n"]
    assert studies_table(lone)["design"].iloc[0] == "unclear"
    # A single-arm statement next to a placebo arm in the records is shown, not resolved.
    conflict = {sha(RCT_TEXT): "This single-arm open-label study enrolled 40 patients."}
    assert studies_table(records, conflict)["design"].iloc[0].startswith("unclear: stated single-arm")


@pytest.mark.parametrize("text, design", [
    ("Randomized trials have shown benefit. This open-label study enrolled 12 patients.", "single-arm"),
    ("In this non-randomized trial, 30 patients were enrolled.", None),
    ("We conducted a randomised, double-blind, crossover trial.", "crossover"),
    ("We performed a retrospective cohort study of 200 patients.", "cohort"),
    ("Earlier work (a randomized controlled trial) found an effect.", None),
    ("DESIGN\n\nThe 6-week, randomized, double-blind, parallel-group trial had two arms.", "RCT"),
    ("As in the randomized trial of Smith et al., we gave ketamine.", None),
])
def test_stated_design_only_from_statements_about_the_article(text, design):
    from evidencekit.export import stated_design

    assert stated_design(text) == design


def test_revman_rows(store_dir):
    result = run("table", "--level", "revman-continuous", "--format", "json", "--out", str(store_dir))
    (row,) = json.loads(result.output)
    assert (row["Mean experimental"], row["SD experimental"], row["Total experimental"]) == (18.2, 6.1, 20)
    assert (row["Mean control"], row["SD control"], row["Total control"]) == (25.4, 7.3, 20)
    assert row["Outcome"] == "MADRS" and row["Control group"] == "placebo"
    result = run("table", "--level", "revman-dichotomous", "--format", "json", "--out", str(store_dir))
    (row,) = json.loads(result.output)
    assert (row["Events experimental"], row["Total experimental"]) == (10, 20)
    assert (row["Events control"], row["Total control"]) == (3, 20)


def test_xlsx_survives_control_characters_and_huge_cells(tmp_path):
    from evidencekit.export import XLSX_MAX_CHARS, export_frames

    records = frame(seed_records())
    records.loc[0, "sentence"] = "N=104\x00\x07 patients\x1b"
    records.loc[1, "sentence"] = "x" * (XLSX_MAX_CHARS + 500)
    out = tmp_path / "t.xlsx"
    export_frames(["records"], records, "xlsx", out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    col = header.index("sentence")
    sentences = [row[col].value for row in ws.iter_rows(min_row=2)]
    assert sentences[0] == "N=104\ufffd\ufffd patients\ufffd"
    assert len(sentences[1]) == XLSX_MAX_CHARS and sentences[1].endswith("…")


def test_revman_rows_for_each_dose_arm_against_a_shared_control():
    from evidencekit.export import revman_continuous
    from seed_records import make

    text = ("Week 1 MADRS was 20.1 (SD 5.0) with ketamine 0.5 mg/kg (n=15), 18.3 (SD 6.0) with "
            "ketamine 1.0 mg/kg (n=16) and 27.0 (SD 5.5) with midazolam (n=15).")
    common = dict(outcome="MADRS", timepoint="week 1")
    records = frame([
        make(text, "doses.txt", "20.1", "mean", value=20.1, sd=5.0, n=15, group="ketamine 0.5 mg/kg", **common),
        make(text, "doses.txt", "18.3", "mean", value=18.3, sd=6.0, n=16, group="ketamine 1.0 mg/kg", **common),
        make(text, "doses.txt", "27.0", "mean", value=27.0, sd=5.5, n=15, group="midazolam", **common),
    ])
    table = revman_continuous(records)
    assert list(table["Experimental group"]) == ["ketamine 0.5 mg/kg", "ketamine 1.0 mg/kg"]
    assert list(table["Mean control"]) == [27.0, 27.0] and list(table["Total control"]) == [15, 15]
    assert table["Study"].str.endswith(("— ketamine 0.5 mg/kg", "— ketamine 1.0 mg/kg")).all()
    assert table["Note"].str.contains("share this control").all()
    # Two means for the same arm and outcome: which is the outcome is the reviewer's call.
    doubled = pd.concat([records, records.iloc[[0]].assign(record_id="other", value=19.0)])
    assert revman_continuous(doubled).empty
