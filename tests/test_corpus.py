"""The demo corpus in corpora/: every document has a valid gold, every gold fact can be found in
its document, the golds are in step with corpora/sources, and the build is byte-for-byte repeatable."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from evidencekit.records import DOMAINS, KINDS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
GOLD = CORPUS / "gold"
DOC_SUFFIXES = {".pdf", ".txt", ".html", ".xml"}


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()
STUDIES = builder.load_studies()
OUTPUTS = {o["file"]: (s, o) for s in STUDIES for o in s["outputs"]}
DOCUMENTS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in DOC_SUFFIXES and p.is_file())
GOLDS = sorted(p.name[: -len(".json")] for p in GOLD.glob("*.json"))

SOURCE_KEYS = {"authors", "year", "journal", "doi", "title"}
METADATA_KEYS = {"title", "doi", "year"}
OPS = {"=", "<", ">", "≤", "≥"}

def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def test_corpus_has_the_promised_documents():
    assert len({s["id"] for s in STUDIES}) >= 12
    suffixes = [Path(d).suffix for d in DOCUMENTS]
    assert suffixes.count(".txt") >= 2 and suffixes.count(".html") >= 2 and suffixes.count(".xml") >= 2
    assert suffixes.count(".pdf") >= 6
    seed = {"lan2022_seed.txt", "lan2022_seed_onecol.pdf", "lan2022_seed_twocol.pdf"}
    assert seed <= set(DOCUMENTS)


def test_only_the_documents_have_a_readable_extension():
    """`evidencekit extract corpora/` recurses: anything else it could read under corpora/ (a source
    copy, a stray build output) would be extracted as a second document."""
    ingest = pytest.importorskip("evidencekit.ingest", reason="evidencekit.ingest not available yet")
    readable = set(ingest.FORMATS) | DOC_SUFFIXES
    stray = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")
                   if p.is_file() and p.suffix.lower() in readable and p.parent != CORPUS)
    assert stray == []


def test_every_document_has_a_gold_and_every_gold_a_document():
    assert DOCUMENTS == GOLDS
    assert set(DOCUMENTS) == set(OUTPUTS)


@pytest.mark.parametrize("name", GOLDS)
def test_gold_follows_the_schema(name):
    gold = _gold(name)
    assert set(gold) == builder.GOLD_KEYS
    assert gold["document"] == name
    assert isinstance(gold["verified"], bool)
    assert isinstance(gold["verification"], str) and len(gold["verification"]) > 20
    if not gold["verified"]:
        assert "ILLUSTRATIVE" in gold["verification"]
    assert set(gold["source"]) <= SOURCE_KEYS
    assert {"authors", "year", "journal", "title"} <= set(gold["source"])
    assert set(gold["metadata"]) <= METADATA_KEYS and {"title", "year"} <= set(gold["metadata"])
    assert isinstance(gold["layout"], str) and gold["layout"]
    assert gold["facts"], "a gold lists at least one fact"
    for fact in gold["facts"]:
        assert set(fact) <= builder.FACT_KEYS, fact
        assert fact["kind"] in KINDS, fact
        assert isinstance(fact["text"], str) and fact["text"].strip(), fact
        assert fact["value"] is None or isinstance(fact["value"], (int, float)), fact
        for key in ("op", "p_op"):
            assert fact.get(key) is None or fact[key] in OPS, fact
        assert fact.get("domain") is None or fact["domain"] in DOMAINS, fact
        assert fact.get("df") is None or isinstance(fact["df"], str), fact
        if "ci_low" in fact or "ci_high" in fact:
            assert fact["ci_low"] <= fact["value"] <= fact["ci_high"], fact
        if "context" in fact:
            assert fact["text"] in fact["context"], fact
        if fact["kind"] in ("route", "instrument"):
            assert fact["value"] is None and fact.get("unit"), fact
        if fact["kind"] in ("p",):
            assert fact.get("op") in OPS and 0 <= fact["value"] <= 1, fact


def test_builder_vocabulary_is_the_record_vocabulary():
    assert tuple(builder.FACT_KINDS) == tuple(KINDS)


@pytest.mark.parametrize("name", GOLDS)
def test_golds_are_in_step_with_their_sources(name):
    study, output = OUTPUTS[name]
    assert _gold(name) == json.loads(json.dumps(builder.gold_for(study, output)))


@pytest.mark.parametrize("name", GOLDS)
def test_every_fact_and_every_printed_number_is_accounted_for(name):
    """Each fact's text is in the document's own text, and each number it prints is in the gold
    (or declared as a year, reference, scale range or time point)."""
    study, output = OUTPUTS[name]
    assert builder.check_study(study, output) == []


@pytest.mark.parametrize("name", [d for d in GOLDS if d.endswith(".txt")])
def test_plain_text_documents_contain_each_fact_text(name):
    text = _flat(builder.normalise((CORPUS / name).read_text(encoding="utf-8")))
    for fact in _gold(name)["facts"]:
        assert _flat(fact["text"]) in text, fact
        assert _flat(fact.get("context", fact["text"])) in text, fact


@pytest.mark.parametrize("name", GOLDS)
def test_reader_recovers_each_fact_text(name):
    """What evidencekit reads from the file (any format) contains every gold fact text."""
    ingest = pytest.importorskip("evidencekit.ingest", reason="evidencekit.ingest not available yet")
    document = ingest.read_document(str(CORPUS / name))
    text = _flat(document.text)
    missing = {snippet for f in _gold(name)["facts"] for snippet in (f["text"], f.get("context"))
               if snippet and _flat(snippet) not in text}
    assert not missing, f"{name}: not found in the text evidencekit reads: {sorted(missing)}"


@pytest.mark.parametrize("name", [d for d in GOLDS if _gold(d)["metadata"].get("doi")])
def test_printed_doi_is_the_metadata_doi(name):
    study, output = OUTPUTS[name]
    doi = _gold(name)["metadata"]["doi"]
    raw = (CORPUS / name).read_bytes()
    if name.endswith(".pdf"):
        assert doi in builder.plain_text(study, output)
    else:
        assert doi.encode() in raw


def test_seed_is_verbatim_and_its_three_forms_share_their_facts():
    seed = (CORPUS / "lan2022_seed.txt").read_bytes()
    shared = Path("/work/shared/seed-article.txt")
    if shared.exists():
        assert seed == shared.read_bytes()
    golds = [_gold(n) for n in ("lan2022_seed.txt", "lan2022_seed_onecol.pdf", "lan2022_seed_twocol.pdf")]
    assert golds[0]["facts"] == golds[1]["facts"] == golds[2]["facts"]
    assert all(g["metadata"]["doi"] == "10.3389/fpsyt.2022.793677" for g in golds)
    b = {f["outcome"]: f["value"] for f in golds[0]["facts"] if f["kind"] == "b"}
    assert b == {"VAS": -0.992, "sensory index": -1.017, "affective index": -1.021,
                 "present pain": -0.989, "total pain": -0.986}


@pytest.mark.parametrize("name", ["lan2022_seed_onecol.pdf", "lan2022_seed_twocol.pdf"])
def test_reader_gives_every_seed_sentence_whole_and_in_order(name):
    ingest = pytest.importorskip("evidencekit.ingest", reason="evidencekit.ingest not available yet")
    seed = (CORPUS / "lan2022_seed.txt").read_text(encoding="utf-8")
    sentences = [s for block in seed.split("\n\n") for s in re.split(r"(?<=[.?!”])\s+", block.strip()) if s]
    text = _flat(builder.normalise(ingest.read_document(str(CORPUS / name)).text))
    position = 0
    for sentence in sentences:
        found = text.find(_flat(builder.normalise(sentence)), position)
        assert found >= 0, f"{name}: sentence missing or out of order: {sentence[:70]!r}"
        position = found


def test_html_and_jats_documents_have_the_structure_readers_must_handle():
    from lxml import etree, html

    for name in (d for d in DOCUMENTS if d.endswith(".html")):
        tree = html.fromstring((CORPUS / name).read_bytes())
        for tag in ("script", "nav", "table"):
            assert tree.findall(f".//{tag}"), f"{name} lacks <{tag}>"
    for name in (d for d in DOCUMENTS if d.endswith(".xml")):
        tree = etree.parse(str(CORPUS / name))
        for path in ("front/article-meta/title-group/article-title",
                     "front/article-meta/article-id[@pub-id-type='doi']",
                     "front/article-meta/pub-date/year", "front/article-meta/abstract",
                     "body/sec", ".//table-wrap"):
            assert tree.getroot().findall(path), f"{name} lacks {path}"


@pytest.mark.parametrize("name", ["lan2022_seed_twocol.pdf", "lapidus2014.pdf", "fava2020.xml"])
def test_build_is_byte_identical(name, tmp_path):
    """Two rebuilds give the same bytes (fixed dates and ids, bundled font), and with the reportlab
    release that made the committed files they give exactly the committed files."""
    import reportlab

    builder.build(tmp_path / "a", only={name})
    builder.build(tmp_path / "b", only={name})
    first = (tmp_path / "a" / name).read_bytes()
    assert first == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "gold" / f"{name}.json").read_bytes() == (GOLD / f"{name}.json").read_bytes()
    built_with = (CORPUS / "BUILT_WITH").read_text(encoding="utf-8").split()[-1]
    if name.endswith(".pdf") and reportlab.Version != built_with:
        pytest.skip(f"committed PDFs were made with reportlab {built_with}, this is {reportlab.Version}")
    assert first == (CORPUS / name).read_bytes()
