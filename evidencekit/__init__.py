"""evidencekit: meta-analysis statistics from clinical articles, traceable to the sentence.

Public API (imported lazily so that ``import evidencekit`` stays light):

    read_document(path) -> Document                          evidencekit.ingest
    extract_document(doc, nlp=None) -> list[Record]         evidencekit.extract
    extract_paths(paths, out_dir="outputs", ...) -> summary  evidencekit.pipeline
    open_store(path) -> Store (records_frame(), ...)         evidencekit.store
    effects_from_records(records) -> (effects, refused)      evidencekit.effects
    escalc(frame, measure) -> DataFrame                      evidencekit.effects
    fit(yi, vi, method="REML", test="z") -> PooledResult     evidencekit.pool
    pool_outcome(out_dir, outcome, ...) -> SynthesisResult   evidencekit.synthesis
"""

__version__ = "0.1.0"

_API = {
    "read_document": "evidencekit.ingest",
    "extract_document": "evidencekit.extract",
    "extract_paths": "evidencekit.pipeline",
    "open_store": "evidencekit.store",
    "effects_from_records": "evidencekit.effects",
    "escalc": "evidencekit.effects",
    "fit": "evidencekit.pool",
    "pool_outcome": "evidencekit.synthesis",
}


def __getattr__(name):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'evidencekit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["__version__", *_API]
