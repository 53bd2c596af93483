"""Reviewer corrections: validated, kept with who/when/why, applied on read, never lost to a re-run."""

from __future__ import annotations

import csv
import functools
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import evidencekit.pipeline as pipeline
from evidencekit import review
from evidencekit.cli import cli
from evidencekit.pipeline import extract_paths, file_sha256
from evidencekit.review import ReviewError
from evidencekit.store import open_store
from test_pipeline import DOCS, PACK, CountingReader, regex_extractor, run, txt_reader, write_docs


@pytest.fixture
def corpus(tmp_path):
    return write_docs(tmp_path / "corpus", DOCS)


@pytest.fixture
def out(corpus, tmp_path):
    out = tmp_path / "out"
    run([corpus], out)
    return out


def rid(store, text):
    frame = store.records_frame(include_excluded=True)
    return frame[frame["text"] == text]["record_id"].iloc[0]


def row(store, record_id, **kw):
    frame = store.records_frame(**kw)
    match = frame[frame["record_id"] == record_id]
    return None if match.empty else match.iloc[0]


def csv_rows(out):
    with open(out / "evidence.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_set_is_applied_on_read_and_kept_in_history(out):
    with open_store(out / "evidence.db") as store:
        r = rid(store, "N=104")
        review.set_field(store, r, "value", "105", reason="typo in PDF", reviewer="ann")
        review.set_field(store, r, "outcome", "enrolment", reviewer="bob")
        current = row(store, r)
        assert current["value"] == 105.0 and current["outcome"] == "enrolment"
        assert current["corrected"] and current["corrected_fields"] == "value;outcome"
        raw = row(store, r, apply_corrections=False)
        assert raw["value"] == 104.0 and raw["corrected"] == False  # noqa: E712
        assert store.extracted_record(r)["value"] == 104.0  # the extraction itself is untouched
        history = review.history(store, r)
        assert list(history["reviewer"]) == ["ann", "bob"]
        assert list(history["old_value"]) == ["104.0", None]
        assert list(history["new_value"]) == ["105.0", "enrolment"]
        assert history["reason"].iloc[0] == "typo in PDF" and history["created_at"].notna().all()
        assert history["original_text"].iloc[0] == "N=104"


@pytest.mark.parametrize("record, field, value, message", [
    ("nope", "value", "1", "unknown record id 'nope'"),
    (None, "colour", "red", "unknown field 'colour'"),
    (None, "value", "abc", "value must be a number, got 'abc'"),
    (None, "n", "12.5", "n must be a whole number"),
    (None, "p_value", "nan", "p_value must be a finite number"),
    (None, "kind", "height", "unknown kind 'height'"),
    (None, "record_id", "x", "record_id says where a record comes from"),
    (None, "value", "104", "value is already 104.0"),
])
def test_set_validation(out, record, field, value, message):
    with open_store(out / "evidence.db") as store:
        with pytest.raises(ReviewError, match=message):
            review.set_field(store, record or rid(store, "N=104"), field, value)
        assert store.history().empty


def test_set_parses_operators_and_clears(out):
    with open_store(out / "evidence.db") as store:
        r = rid(store, "P=.042")
        review.set_field(store, r, "op", "<=")
        review.set_field(store, r, "value", "")
        current = row(store, r)
        assert current["op"] == "≤" and current["value"] != current["value"]  # NaN: cleared


def test_exclude_and_unexclude_record_and_document(out, corpus):
    with open_store(out / "evidence.db") as store:
        r = rid(store, "N=36")
        review.exclude_record(store, r, reason="duplicate", reviewer="ann")
        assert row(store, r) is None and row(store, r, include_excluded=True)["excluded"]
        with pytest.raises(ReviewError, match="already excluded"):
            review.exclude_record(store, r)
        review.exclude_record(store, r, undo=True)
        assert row(store, r) is not None

        review.exclude_document(store, str(corpus / "alpha.txt"), reason="not an RCT")
        frame = store.records_frame()
        assert not frame["file"].str.endswith("alpha.txt").any()
        sha = file_sha256(corpus / "alpha.txt")
        assert store.documents_frame().set_index("sha256").loc[sha, "excluded"]
        review.exclude_document(store, sha[:12], undo=True)
        assert store.records_frame()["file"].str.endswith("alpha.txt").sum() == 4
        assert list(store.history()["action"]) == ["exclude", "unexclude", "exclude", "unexclude"]


def test_add_a_missed_value_with_a_content_id(out, corpus):
    with open_store(out / "evidence.db") as store:
        new = review.add_record(store, str(corpus / "beta.txt"), "group_n", "18",
                                {"group": "ketamine", "p_value": "0.03", "page": "1"},
                                reason="rules missed it", reviewer="ann")
        added = row(store, new)
        assert added["added"] and added["kind"] == "group_n" and added["value"] == 18.0
        assert added["group"] == "ketamine" and added["p_value"] == 0.03 and added["page"] == 1
        assert added["doc_sha256"] == file_sha256(corpus / "beta.txt")
        assert added["file"].endswith("beta.txt") and added["rule_id"] == "review.add"
        with pytest.raises(ReviewError, match="already added"):
            review.add_record(store, str(corpus / "beta.txt"), "group_n", "18",
                              {"group": "ketamine", "p_value": "0.03", "page": "1"})
        other = review.add_record(store, str(corpus / "beta.txt"), "group_n", "18", {"group": "placebo"})
        assert other != new and len(new) == 16
        # An added record can be corrected and excluded like any other.
        review.set_field(store, new, "value", "19")
        assert row(store, new)["value"] == 19.0
        with pytest.raises(ReviewError, match="unknown kind"):
            review.add_record(store, str(corpus / "beta.txt"), "weight", "1")
        with pytest.raises(ReviewError, match="must be a number"):
            review.add_record(store, str(corpus / "beta.txt"), "total_n", "many")
        with pytest.raises(ReviewError, match="needs a --value"):
            review.add_record(store, str(corpus / "beta.txt"), "route")
        route = review.add_record(store, str(corpus / "beta.txt"), "route", None, {"unit": "intravenous"})
        assert row(store, route)["unit"] == "intravenous"


def test_corrections_survive_reextraction(out, corpus):
    with open_store(out / "evidence.db") as store:
        r104, r36 = rid(store, "N=104"), rid(store, "N=36")
        review.set_field(store, r104, "value", "105")
        review.exclude_record(store, r36)
        review.confirm(store, rid(store, "N=12"))
        added = review.add_record(store, str(corpus / "gamma.txt"), "p", "0.2", {"p_op": "<"})
    for kw in ({"force": True}, {"pack": SimpleNamespace(hash="rules-2", directory=None)}):
        run([corpus], out, **kw)
        with open_store(out / "evidence.db") as store:
            assert row(store, r104)["value"] == 105.0
            assert row(store, r36) is None
            assert row(store, rid(store, "N=12"))["confirmed"]
            assert row(store, added)["value"] == 0.2
            assert not store.records_frame()["correction_needs_recheck"].any()
            assert not store.history()["needs_recheck"].any()
    values = {r["record_id"]: r["value"] for r in csv_rows(out)}
    assert values[r104] == "105.0" and r36 not in values and values[added] == "0.2"


def changed_sentence_extractor(doc):
    """Same values at the same places, but a different sentence for N=104 (new sentence rules)."""
    records = regex_extractor(doc)
    for record in records:
        if record.text == "N=104":
            record.sentence = "We enrolled N=104 patients (re-segmented)"
    return records


def without_p_extractor(doc):
    return [r for r in regex_extractor(doc) if r.kind != "p"]


def test_changed_text_flags_the_correction_never_drops_it(out, corpus):
    with open_store(out / "evidence.db") as store:
        r104, rp = rid(store, "N=104"), rid(store, "P=.042")
        review.set_field(store, r104, "value", "105", reviewer="ann")
        review.set_field(store, rp, "value", "0.043", reviewer="ann")
    run([corpus], out, pack=SimpleNamespace(hash="rules-2", directory=None),
        extractor=changed_sentence_extractor)
    run([corpus], out, pack=SimpleNamespace(hash="rules-3", directory=None), extractor=without_p_extractor)
    with open_store(out / "evidence.db") as store:
        history = store.history().set_index("record_id")
        assert history.loc[r104, "needs_recheck"]
        assert history.loc[r104, "recheck_reason"] == "text under the record changed"
        assert history.loc[rp, "needs_recheck"]
        assert history.loc[rp, "recheck_reason"] == "record no longer extracted"
        n104 = row(store, r104)
        assert n104["value"] == 105.0 and n104["correction_needs_recheck"]
        assert "correction_needs_recheck" in n104["flags"]
        gone = row(store, rp)  # the rules no longer find it; the reviewer's number stays, flagged
        assert gone["value"] == 0.043 and "record_gone" in gone["flags"]
        review.confirm(store, r104, reason="checked the new sentence", reviewer="bob")
        assert not row(store, r104)["correction_needs_recheck"]
    lines = CliRunner().invoke(cli, ["review", "history", "--out", str(out)]).output.splitlines()
    assert any("[needs recheck: record no longer extracted]" in line for line in lines)


def test_changed_document_flags_its_corrections(out, corpus):
    with open_store(out / "evidence.db") as store:
        r12 = rid(store, "N=12")
        review.set_field(store, r12, "group", "all", reviewer="ann")
    (corpus / "gamma.txt").write_text("Gamma trial, second version\nN=13 patients took part.")
    run([corpus], out)
    with open_store(out / "evidence.db") as store:
        history = store.history()
        assert history["needs_recheck"].all()
        assert history["recheck_reason"].iloc[0].startswith("document changed")
        kept = row(store, r12)
        assert kept["group"] == "all" and kept["correction_needs_recheck"]
        assert 13.0 in set(store.records_frame()["value"])


# ---- the command line ------------------------------------------------------------------------


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result


def test_cli_review_subcommands(out, corpus):
    with open_store(out / "evidence.db") as store:
        r104, rp, r36 = rid(store, "N=104"), rid(store, "P=.042"), rid(store, "N=36")
    o = ("--out", out)
    result = invoke("review", "set", r104, "value", "105", "--reason", "typo", "--reviewer", "ann", *o)
    assert result.exit_code == 0, result.output
    assert f"ann set {r104} value: 104.0 -> 105.0 (typo)" in result.output
    result = invoke("review", "exclude", r36, "--reason", "duplicate", *o)
    assert result.exit_code == 0 and f"excluded {r36}" in result.output
    result = invoke("review", "exclude", "--document", corpus / "gamma.txt", *o)
    assert result.exit_code == 0 and "excluded document" in result.output
    result = invoke("review", "unexclude", "--document", corpus / "gamma.txt", *o)
    assert result.exit_code == 0
    result = invoke("review", "add", "--document", corpus / "beta.txt", "--kind", "group_n", "--value", "18",
                    "--group", "ketamine", "--p", "0.03", "--with", "timepoint=week 2", *o)
    assert result.exit_code == 0, result.output
    added = result.output.split()[-1]
    result = invoke("review", "confirm", rp, *o)
    assert result.exit_code == 0 and f"confirmed {rp}" in result.output
    result = invoke("review", "history", *o)
    assert result.exit_code == 0 and len(result.output.splitlines()) == 6
    assert f"add {added} group_n=18.0" in result.output
    result = invoke("review", "history", r104, *o)
    assert len(result.output.splitlines()) == 1

    rows = {r["record_id"]: r for r in csv_rows(out)}  # evidence.csv is rewritten after each decision
    assert rows[r104]["value"] == "105.0" and rows[r104]["corrected"] == "True"
    assert r36 not in rows
    assert rows[added]["group"] == "ketamine" and rows[added]["timepoint"] == "week 2"
    assert rows[rp]["confirmed"] == "True"


@pytest.mark.parametrize("args, message", [
    (("review", "set", "nope", "value", "1"), "Error: unknown record id 'nope'"),
    (("review", "set", "{r}", "value", "abc"), "Error: value must be a number, got 'abc'"),
    (("review", "set", "{r}", "colour", "red"), "Error: unknown field 'colour'"),
    (("review", "exclude", "--document", "nowhere.pdf"), "Error: nowhere.pdf: no such file or document"),
    (("review", "add", "--document", "{doc}", "--kind", "p", "--value", "x"), "Error: value must be a number"),
    (("review", "confirm", "nope"), "Error: unknown record id 'nope'"),
])
def test_cli_review_errors_are_one_line(out, corpus, args, message):
    with open_store(out / "evidence.db") as store:
        r = rid(store, "N=104")
    args = [a.format(r=r, doc=corpus / "beta.txt") for a in args]
    result = invoke(*args, "--out", out)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)


def test_cli_review_needs_an_existing_store(tmp_path):
    result = invoke("review", "history", "--out", tmp_path / "none")
    assert result.exit_code == 1 and "no evidence store here" in result.output
    assert not (tmp_path / "none").exists()
    result = invoke("review", "exclude", "--db", tmp_path / "x.db")
    assert result.exit_code == 2  # neither RECORD_ID nor --document


def test_done_when_flow(tmp_path, monkeypatch):
    """Extract a folder, correct two values, exclude one record, drop in a new file, re-run:
    only the new file is read; both corrections and the exclusion are still there."""
    corpus = write_docs(tmp_path / "corpus", DOCS)
    out = tmp_path / "out"
    reader = CountingReader()
    monkeypatch.setattr(pipeline, "extract_paths",
                        functools.partial(extract_paths, pack=PACK, extractor=regex_extractor,
                                          reader=reader, engine="inline"))
    assert invoke("extract", corpus, "--out", out, "--engine", "inline").exit_code == 0
    with open_store(out / "evidence.db") as store:
        r104, rp, r36 = rid(store, "N=104"), rid(store, "P=0.01"), rid(store, "N=36")
    assert invoke("review", "set", r104, "value", "105", "--out", out).exit_code == 0
    assert invoke("review", "set", rp, "p_value", "0.012", "--out", out).exit_code == 0
    assert invoke("review", "exclude", r36, "--out", out).exit_code == 0
    (corpus / "delta.txt").write_text("Delta trial\nN=48 adults (P=.21).")
    reader.read.clear()
    result = invoke("extract", corpus, "--out", out, "--engine", "inline")
    assert result.exit_code == 0
    assert reader.read == ["delta.txt"], result.output
    assert "4 documents read (new 1, changed 0, unchanged 3)" in result.output
    rows = {r["record_id"]: r for r in csv_rows(out)}
    assert rows[r104]["value"] == "105.0" and rows[rp]["p_value"] == "0.012"
    assert r36 not in rows
    assert any(r["text"] == "N=48" for r in rows.values())


def test_document_exclusion_carries_over_to_a_changed_file(out, corpus):
    with open_store(out / "evidence.db") as store:
        review.exclude_document(store, str(corpus / "gamma.txt"), reason="not an RCT", reviewer="ann")
    (corpus / "gamma.txt").write_text("Gamma trial, corrected version\nN=13 patients took part.")
    summary = run([corpus], out)
    assert summary.changed == 1
    with open_store(out / "evidence.db") as store:
        assert not store.records_frame()["file"].str.endswith("gamma.txt").any()
        carried = store.history().iloc[-1]
        assert carried["action"] == "exclude" and carried["reviewer"] == "evidencekit"
        assert carried["doc_sha256"] == file_sha256(corpus / "gamma.txt") and carried["needs_recheck"]
        review.exclude_document(store, str(corpus / "gamma.txt"), undo=True, reviewer="ann")
        assert 13.0 in set(store.records_frame()["value"])
