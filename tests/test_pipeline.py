"""extract_paths: incremental extraction into the store, failures, crashes, evidence.csv, the CLI.

Most tests use a small regex extractor and a plain-text reader so they run in milliseconds and do
not depend on the rule pack; ``test_real_extractor_on_seed`` runs the real one.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from array import array
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import evidencekit.pipeline as pipeline
from evidencekit.cli import cli
from evidencekit.errors import DocumentError
from evidencekit.pipeline import extract_paths, file_sha256, find_files
from evidencekit.records import RECORD_COLUMNS, Document, Record
from evidencekit.store import open_store

PACK = SimpleNamespace(hash="rules-1", directory="fake-rules")

_STATS = [
    (re.compile(r"\bN\s*=\s*(\d+)"), "total_n"),
    (re.compile(r"\bn\s*=\s*(\d+)"), "group_n"),
    (re.compile(r"\bP\s*=\s*(0?\.\d+)"), "p"),
]


def txt_reader(path) -> Document:
    """A plain-text reader: the file's text, one page; refuses empty files like ingest does."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise DocumentError(path, "empty file")
    text = data.decode("utf-8")
    return Document(path=str(path), sha256=file_sha256(path), format="txt", text=text,
                    page_starts=(0,), origin=array("i", range(len(text))),
                    title=text.splitlines()[0][:60])


def regex_extractor(doc: Document) -> list[Record]:
    """N=, n= and P= values, each with the sentence it stands in."""
    out = []
    for pattern, kind in _STATS:
        for m in pattern.finditer(doc.text):
            start = max(doc.text.rfind(". ", 0, m.start()) + 1, doc.text.rfind("\n", 0, m.start()) + 1)
            end = doc.text.find(".", m.end())
            sentence = doc.text[start:end if end != -1 else len(doc.text)].strip()
            out.append(Record(doc_sha256=doc.sha256, file=doc.path, page=doc.page_of(m.start()),
                              char_start=m.start(), char_end=m.end(), sentence=sentence,
                              rule_id=f"fake.{kind}", kind=kind, value=float(m.group(1)),
                              text=m.group(0)))
    return out


class CountingReader:
    """txt_reader that remembers which files it read."""

    def __init__(self):
        self.read = []

    def __call__(self, path):
        self.read.append(os.path.basename(path))
        return txt_reader(path)


def run(paths, out_dir, reader=None, **kw):
    kw.setdefault("pack", PACK)
    kw.setdefault("extractor", regex_extractor)
    kw.setdefault("engine", "inline")  # workers are tested in test_workers.py; keep these fast
    return extract_paths([str(p) for p in paths], out_dir=str(out_dir), reader=reader or txt_reader,
                         **kw)


def write_docs(folder: Path, docs: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


DOCS = {
    "alpha.txt": "Alpha trial\nWe enrolled N=104 patients. Pain fell (P=.042). Group sizes n=50 and n=54.",
    "beta.txt": "Beta trial\nA total of N=36 were randomised. Mood improved (P=0.01).",
    "gamma.txt": "Gamma trial\nN=12 patients took part.",
}


@pytest.fixture
def corpus(tmp_path):
    return write_docs(tmp_path / "corpus", DOCS)


def test_first_run_stores_everything_and_writes_csv(corpus, tmp_path):
    out = tmp_path / "out"
    summary = run([corpus], out)
    assert (summary.new, summary.changed, summary.unchanged, summary.failed) == (3, 0, 0, 0)
    assert summary.values == 7
    assert summary.line() == (f"3 documents read (new 3, changed 0, unchanged 0), 7 values found, "
                              f"0 files failed -> {out / 'evidence.csv'}")
    with open(out / "evidence.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7
    assert list(rows[0].keys())[:len(RECORD_COLUMNS)] == RECORD_COLUMNS
    n104 = [r for r in rows if r["text"] == "N=104"][0]
    assert n104["kind"] == "total_n" and float(n104["value"]) == 104
    assert n104["sentence"] == "We enrolled N=104 patients"
    assert n104["file"].endswith("alpha.txt")
    with open_store(out / "evidence.db") as store:
        runs = store.runs_frame()
        assert list(runs["n_new"]) == [3] and runs["finished"].notna().all()
        assert list(runs["rules_hash"]) == ["rules-1"] and list(runs["rules_dir"]) == ["fake-rules"]
        docs = store.documents_frame()
        assert set(docs["rules_hash"]) == {"rules-1"} and docs["current"].all()
        sha = file_sha256(corpus / "alpha.txt")
        assert store.document_text(sha) == DOCS["alpha.txt"]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_second_run_reads_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    run([corpus], out)
    reader = CountingReader()
    summary = run([corpus], out, reader=reader)
    assert reader.read == []
    assert (summary.new, summary.changed, summary.unchanged) == (0, 0, 3)
    assert summary.values == 7
    # Touching a file without changing its bytes costs a hash, not a read.
    os.utime(corpus / "beta.txt", ns=(1, 1))
    summary = run([corpus], out, reader=reader)
    assert reader.read == [] and summary.unchanged == 3


def test_renamed_file_is_recognised_by_hash(corpus, tmp_path):
    out = tmp_path / "out"
    run([corpus], out)
    (corpus / "beta.txt").rename(corpus / "beta-renamed.txt")
    reader = CountingReader()
    summary = run([corpus], out, reader=reader)
    assert reader.read == []
    assert (summary.unchanged, summary.renamed, summary.new) == (3, 1, 0)
    with open_store(out / "evidence.db") as store:
        frame = store.records_frame()
        beta = frame[frame["doc_sha256"] == file_sha256(corpus / "beta-renamed.txt")]
        assert len(beta) == 2 and set(beta["file"]) == {str(corpus / "beta-renamed.txt")}
        paths = {r["path"] for r in store.conn.execute("SELECT path FROM files")}
        assert str(corpus / "beta.txt") not in {os.path.relpath(p) for p in paths}
        assert os.path.abspath(corpus / "beta-renamed.txt") in paths


def test_changed_file_is_reread_and_replaces_its_records(corpus, tmp_path):
    out = tmp_path / "out"
    run([corpus], out)
    old_sha = file_sha256(corpus / "gamma.txt")
    (corpus / "gamma.txt").write_text("Gamma trial\nN=14 patients took part (P=.30).")
    reader = CountingReader()
    summary = run([corpus], out, reader=reader)
    assert reader.read == ["gamma.txt"]
    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 2)
    with open_store(out / "evidence.db") as store:
        frame = store.records_frame()
        gamma = frame[frame["file"].str.endswith("gamma.txt")]
        assert sorted(gamma["value"]) == [0.30, 14.0]
        assert old_sha not in set(frame["doc_sha256"])
        docs = store.documents_frame().set_index("sha256")
        assert not docs.loc[old_sha, "current"]  # kept for history, out of the table


def test_new_rules_or_version_reread_all_and_force_too(corpus, tmp_path):
    out = tmp_path / "out"
    run([corpus], out)
    reader = CountingReader()
    summary = run([corpus], out, reader=reader, pack=SimpleNamespace(hash="rules-2", directory=None))
    assert sorted(reader.read) == sorted(DOCS) and summary.changed == 3
    reader.read.clear()
    assert run([corpus], out, reader=reader, pack=SimpleNamespace(hash="rules-2", directory=None)).unchanged == 3
    summary = run([corpus], out, reader=reader, pack=SimpleNamespace(hash="rules-2", directory=None),
                  version="9.9")
    assert sorted(reader.read) == sorted(DOCS) and summary.changed == 3
    reader.read.clear()
    summary = run([corpus], out, reader=reader, pack=SimpleNamespace(hash="rules-2", directory=None),
                  version="9.9", force=True)
    assert sorted(reader.read) == sorted(DOCS) and summary.changed == 3
    with open_store(out / "evidence.db") as store:
        assert len(store.records_frame()) == 7  # re-reads replace, never duplicate


def test_failures_are_reported_and_the_batch_goes_on(corpus, tmp_path):
    (corpus / "empty.txt").write_text("   ")
    out = tmp_path / "out"
    summary = run([corpus, tmp_path / "missing.pdf"], out)
    assert summary.failed == 2 and summary.new == 3
    reasons = dict(summary.failures)
    assert reasons[str(corpus / "empty.txt")] == "empty file"
    assert reasons[str(tmp_path / "missing.pdf")] == "no such file or directory"
    assert "2 files failed" in summary.line()
    with open_store(out / "evidence.db") as store:
        assert sorted(store.failures_frame()["reason"]) == ["empty file", "no such file or directory"]


def test_crash_inside_a_document_leaves_the_store_as_before(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run([corpus], out)
    with open_store(out / "evidence.db") as store:
        before = store.records_frame()
    (corpus / "alpha.txt").write_text("Alpha trial\nWe enrolled N=105 patients.")

    from evidencekit.store import Store

    def crash(self, *args, **kwargs):  # after the old records were deleted and new ones inserted
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "_flag_changed_corrections", crash)
    with pytest.raises(KeyboardInterrupt):
        run([corpus], out, force=True)
    monkeypatch.undo()
    with open_store(out / "evidence.db") as store:
        after = store.records_frame()
        assert after.equals(before)
        assert not store.conn.in_transaction


def test_crash_in_the_extractor_keeps_documents_already_written(corpus, tmp_path):
    out = tmp_path / "out"

    def breaks_on_gamma(doc):
        if doc.path.endswith("gamma.txt"):
            raise RuntimeError("extractor bug")
        return regex_extractor(doc)

    with pytest.raises(RuntimeError):
        run([corpus], out, extractor=breaks_on_gamma)
    with open_store(out / "evidence.db") as store:
        files = set(store.records_frame()["file"].map(os.path.basename))
        assert files == {"alpha.txt", "beta.txt"}
    summary = run([corpus], out)  # the next run picks up where it stopped
    assert (summary.new, summary.unchanged) == (1, 2)


def test_find_files_recurses_folders_for_supported_suffixes(tmp_path):
    write_docs(tmp_path / "a" / "b", {"x.pdf": "", "y.HTML": "", "z.docx": "", ".hidden.txt": ""})
    write_docs(tmp_path / "a", {"w.xml": "", "v.htm": "", "u.txt": ""})
    files, missing = find_files([tmp_path / "a", tmp_path / "a" / "u.txt", tmp_path / "nope.txt"])
    names = [os.path.relpath(f, tmp_path) for f in files]
    assert names == ["a/u.txt", "a/v.htm", "a/w.xml", "a/b/x.pdf", "a/b/y.HTML"]
    assert missing == [(str(tmp_path / "nope.txt"), "no such file or directory")]


def test_same_bytes_under_two_names_are_one_document(corpus, tmp_path):
    (corpus / "alpha-copy.txt").write_text(DOCS["alpha.txt"], encoding="utf-8")
    reader = CountingReader()
    summary = run([corpus], tmp_path / "out", reader=reader)
    assert reader.read.count("alpha.txt") + reader.read.count("alpha-copy.txt") == 1
    assert (summary.new, summary.unchanged) == (3, 1)
    assert summary.values == 7


def test_progress_callback_counts_every_file(corpus, tmp_path):
    calls = []
    run([corpus, tmp_path / "missing.txt"], tmp_path / "out", progress=lambda d, t, p: calls.append((d, t)))
    assert calls[0] == (0, 4) and calls[-1] == (4, 4)
    assert [d for d, _ in calls] == list(range(5))


def test_process_document_is_pure(corpus, tmp_path):
    result = pipeline.process_document(str(corpus / "beta.txt"), PACK, regex_extractor, txt_reader)
    assert result.document.sha256 == file_sha256(corpus / "beta.txt")
    assert [r.kind for r in result.records] == ["total_n", "p"]
    assert not list(tmp_path.glob("**/*.db"))


# ---- the command line ------------------------------------------------------------------------


@pytest.fixture
def fake_cli(monkeypatch):
    """`evidencekit extract` over the fake reader and extractor."""
    monkeypatch.setattr(pipeline, "extract_paths",
                        functools.partial(extract_paths, pack=PACK, extractor=regex_extractor,
                                          reader=txt_reader, engine="inline"))
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()


def test_cli_extract_summary_and_incremental_rerun(fake_cli, corpus, tmp_path):
    out = tmp_path / "out"
    result = fake_cli.invoke(cli, ["extract", str(corpus), "--out", str(out), "--engine", "inline"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(
        f"3 documents read (new 3, changed 0, unchanged 0), 7 values found, 0 files failed -> {out / 'evidence.csv'}")
    assert (out / "evidence.db").exists() and (out / "evidence.csv").exists()
    result = fake_cli.invoke(cli, ["extract", str(corpus), "--out", str(out), "--engine", "inline"])
    assert "(new 0, changed 0, unchanged 3)" in result.stdout
    result = fake_cli.invoke(cli, ["extract", str(corpus), "--out", str(out), "--force", "--engine", "inline"])
    assert "(new 0, changed 3, unchanged 0)" in result.stdout


def test_cli_extract_failures_exit_1_with_one_line_each(fake_cli, corpus, tmp_path):
    (corpus / "empty.txt").write_text("")
    db = tmp_path / "elsewhere" / "store.db"
    result = fake_cli.invoke(cli, ["extract", str(corpus), "--out", str(tmp_path / "out"), "--db", str(db), "--engine", "inline"])
    assert result.exit_code == 1
    assert f"evidencekit: {corpus / 'empty.txt'}: empty file" in result.stderr.splitlines()
    assert "1 files failed" in result.stdout
    assert db.exists() and (tmp_path / "out" / "evidence.csv").exists()


# ---- the real extractor ----------------------------------------------------------------------


def test_real_extractor_on_seed(tmp_path):
    pytest.importorskip("evidencekit.extract")
    pytest.importorskip("evidencekit.ingest")
    seed = Path(__file__).parent / "data" / "seed-article.txt"
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    summary = extract_paths([str(folder)], out_dir=str(out), engine="inline")
    assert (summary.new, summary.failed) == (1, 0) and summary.values > 10
    with open_store(out / "evidence.db") as store:
        frame = store.records_frame()
        total_n = frame[frame["kind"] == "total_n"]
        assert 104.0 in set(total_n["value"])
        text = store.document_text(frame["doc_sha256"].iloc[0])
        for row in frame.itertuples():  # every stored offset points at the text of its value
            assert text[row.char_start:row.char_end] == row.text
    assert extract_paths([str(folder)], out_dir=str(out), engine="inline").unchanged == 1


def test_unchanged_run_does_not_load_the_rule_pack(tmp_path, monkeypatch):
    """The pack's hash decides what to re-read; validating the pack (slow) waits until a document
    must be read. The cheap hash must be the hash load_rule_pack gives."""
    from evidencekit import rules

    pack_dir = Path(__file__).parents[1] / "extractors"
    if not pack_dir.is_dir():
        pytest.skip("no rule pack in the repo")
    ref = pipeline._PackRef(str(pack_dir))
    assert ref.hash == rules.load_rule_pack(str(pack_dir)).hash
    corpus = write_docs(tmp_path / "corpus", {"a.txt": "N=5 took part."})
    out = tmp_path / "out"
    loads = []
    monkeypatch.setattr(rules, "load_rule_pack", lambda d=None: loads.append(d) or SimpleNamespace(
        hash=ref.hash, directory=str(pack_dir)))
    kw = dict(out_dir=str(out), rules_dir=str(pack_dir), extractor=regex_extractor, reader=txt_reader,
              engine="inline")
    assert extract_paths([str(corpus)], **kw).new == 1 and len(loads) == 1
    assert extract_paths([str(corpus)], **kw).unchanged == 1 and len(loads) == 1
