"""Hostile inputs for the robustness tests: files that break parsers, and tasks that misbehave.

Imported by spawned worker processes too (they inherit sys.path), so it must import cheaply and
define its task functions at module level.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from evidencekit.errors import DocumentError

# ---------------------------------------------------------------------------------------------
# Tasks for evidencekit.workers: the item says how to misbehave.


def misbehave(item: str, *args):
    """``ok:<x>`` returns (x, pid); ``sleep:<s>``; ``error``; ``crash``; ``memory``; ``recurse``; ``exit``."""
    action, _, arg = item.partition(":")
    if action == "ok":
        return (arg, os.getpid(), args)
    if action == "sleep":
        time.sleep(float(arg))
        return ("slept", os.getpid(), args)
    if action == "error":
        raise DocumentError(item, "not a document this reader understands")
    if action == "bug":
        raise ValueError("boom")
    if action == "memory":
        hog = []
        while True:  # grows until the worker's address-space limit stops it
            hog.append(bytearray(64 * 1024 * 1024))
    if action == "crash":
        import ctypes

        ctypes.string_at(0)  # SIGSEGV, as a native parser overflowing its stack would
    if action == "recurse":
        def down(n):
            return down(n + 1) + 1

        return down(0)
    if action == "exit":
        os._exit(3)
    raise AssertionError(f"unknown action {item!r}")


_WARM = []


def warm(*args):
    _WARM.append(args)


def warmed(item: str, *args):
    """Returns how many times warm() ran in this worker: once, however many items it took."""
    time.sleep(0.3)  # long enough that both workers are started before the queue drains
    return len(_WARM), os.getpid()


def hang_on_named(path, *args):
    """process_document, except that a file named ``never-ends*`` never finishes parsing."""
    if Path(str(path)).name.startswith("never-ends"):
        while True:
            time.sleep(0.05)
    from evidencekit.pipeline import process_document

    return process_document(path, *args)


# ---------------------------------------------------------------------------------------------
# A stand-in reader and extractor for pipeline tests that must not depend on the real ones:
# module-level, so they pickle by reference into worker processes.


class TinyPack:
    hash = "tiny-pack"
    directory = None


def read_plain(path):
    """Document from a UTF-8 text file; a file named never-ends* never finishes reading."""
    import hashlib
    from array import array

    from evidencekit.records import Document

    if Path(path).name.startswith("never-ends"):
        while True:
            time.sleep(0.05)
    data = Path(path).read_bytes()
    if not data:
        raise DocumentError(path, "empty file (0 bytes)")
    text = data.decode("utf-8")
    return Document(str(path), hashlib.sha256(data).hexdigest(), "txt", text, (0,), array("i", range(len(text))))


def numbers_as_totals(doc):
    """One total_n record per integer in the text."""
    import re

    from evidencekit.records import Record

    return [
        Record(doc.sha256, doc.path, 1, m.start(), m.end(), doc.text, "tiny.n", "total_n", float(m.group()), m.group())
        for m in re.finditer(r"\d+", doc.text)
    ]
