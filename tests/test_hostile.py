"""Hostile input: every bad file is reported by name and reason, every good file in the same batch
is extracted, and nothing hangs or takes the run down."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import hostile_inputs as hostile
from evidencekit.cli import cli
from evidencekit.workers import Limits

BAD = {  # file -> the start of the reason it is reported with
    "truncated.pdf": "corrupt or truncated PDF",
    "corrupt-xref.pdf": "corrupt or truncated PDF",
    "encrypted.pdf": "encrypted PDF; a password is needed to read it",
    "image-only.pdf": "no text layer (scanned?); OCR it first",
    "empty.pdf": "empty file (0 bytes)",
    "garbage.txt": "not a text file (binary data)",
    "malformed-jats.xml": "malformed XML",
}
GOOD = ["good.pdf", "good.txt", "encrypted-open.pdf", "two-thousand-pages.pdf", "deeply-nested.pdf",
        "scripts.html"]


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    """All hostile files, built once per session (the 2,000-page PDF takes about a second)."""
    folder = tmp_path_factory.mktemp("hostile")
    for build in (hostile.good_pdf, hostile.good_txt, hostile.truncated_pdf, hostile.corrupt_xref_pdf,
                  hostile.encrypted_pdf, hostile.image_only_pdf, hostile.empty_file, hostile.many_pages_pdf,
                  hostile.deeply_nested_pdf, hostile.binary_garbage_txt, hostile.script_heavy_html,
                  hostile.malformed_jats):
        build(folder)
    hostile.encrypted_pdf(folder, "encrypted-open.pdf", user_password="")
    return folder


def _records(db):
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT d.path, r.kind, r.value, r.page FROM records r JOIN documents d ON d.sha256 = r.doc_sha256"
        ).fetchall()


def test_a_hostile_batch_reports_each_bad_file_and_extracts_every_good_one(hostile_dir, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(hostile_dir), "--out", str(out), "--jobs", "2",
                                      "--timeout", "90"])
    assert result.exit_code == 1, result.output
    reported = {}
    for line in result.stderr.splitlines():
        if line.startswith("evidencekit: "):
            path, _, reason = line[len("evidencekit: "):].partition(": ")
            reported[path.rsplit("/", 1)[-1]] = reason
    for name, reason in BAD.items():
        assert reported.get(name, "").startswith(reason), (name, reported.get(name))
    assert set(reported) == set(BAD)
    assert "6 documents read (new 6, changed 0, unchanged 0)" in result.stdout

    records = _records(out / "evidence.db")
    by_file = {}
    for path, kind, value, page in records:
        by_file.setdefault(path.rsplit("/", 1)[-1], []).append((kind, value, page))
    assert sorted(by_file) == sorted(GOOD)
    for name in GOOD:
        assert ("total_n", 104.0) in {(k, v) for k, v, _ in by_file[name]}, name
    assert max(page for _, _, page in by_file["two-thousand-pages.pdf"]) == 2000
    # nothing from scripts, styles, handlers or the tracker was read as a value
    assert {v for _, v, _ in by_file["scripts.html"]} & {7777.0, 6666.0, 9000.0, 8000.0} == set()


def test_a_file_that_never_finishes_parsing_ends_on_time_with_the_rest_stored(hostile_dir, tmp_path):
    from evidencekit.pipeline import extract_paths

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("good.pdf", "good.txt"):
        (corpus / name).write_bytes((hostile_dir / name).read_bytes())
    (corpus / "never-ends.pdf").write_bytes((hostile_dir / "good.pdf").read_bytes() + b"\n% never ends\n")
    summary = extract_paths([corpus], tmp_path / "out", reader=hostile.read_or_hang, jobs=2,
                            limits=Limits(timeout=10))
    assert summary.failures == [(str(corpus / "never-ends.pdf"), "timed out after 10 s")]
    assert summary.new == 2
    stored = {p.rsplit("/", 1)[-1] for p, *_ in _records(tmp_path / "out" / "evidence.db")}
    assert stored == {"good.pdf", "good.txt"}


def test_a_ten_megabyte_single_line_text_file_is_read_whole(tmp_path):
    from evidencekit.ingest import read_document

    path = hostile.single_line_text(tmp_path)
    doc = read_document(path)
    assert path.stat().st_size >= 10 * 1024 * 1024
    assert doc.text == path.read_text(encoding="utf-8").strip()
    assert doc.page_count == 1 and doc.origin[len(doc.text) - 1] == len(doc.text) - 1
