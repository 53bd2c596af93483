"""evidencekit: meta-analysis statistics from clinical articles, traceable to the sentence.

Public API (imported lazily so that ``import evidencekit`` stays light):

    read_document(path) -> Document          evidencekit.ingest
"""

__version__ = "0.1.0"

_API = {
    "read_document": "evidencekit.ingest",
}


def __getattr__(name):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'evidencekit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["__version__", *_API]
