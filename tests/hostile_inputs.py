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


# ---------------------------------------------------------------------------------------------
# Hostile files. Each builder writes one file and returns its path; GOOD_TEXT is what a good one says.

GOOD_TEXT = (
    "A total of 104 patients were randomised to ketamine 0.5 mg/kg intravenously. "
    "MADRS scores fell (b, -0.992; P < .001)."
)


_GOOD_LINES = GOOD_TEXT.split(". ", 1)
_GOOD_LINES[0] += "."


def _pdf(path, pages, encrypt=None):
    """A plain reportlab PDF: each page a list of lines."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt, pageCompression=0)
    for lines in pages:
        y = 720
        for line in lines:
            c.setFont("Helvetica", 10)
            c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()
    return Path(path)


def good_pdf(folder, name="good.pdf"):
    return _pdf(Path(folder) / name, [_GOOD_LINES])


def good_txt(folder, name="good.txt"):
    path = Path(folder) / name
    path.write_text(GOOD_TEXT + "\n", encoding="utf-8")
    return path


def truncated_pdf(folder, name="truncated.pdf"):
    data = good_pdf(folder, "_whole.pdf").read_bytes()
    (Path(folder) / "_whole.pdf").unlink()
    path = Path(folder) / name
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_xref_pdf(folder, name="corrupt-xref.pdf"):
    """The xref table's offsets point nowhere and the trailer's /Root is a dangling reference."""
    import re

    data = good_pdf(folder, "_whole.pdf").read_bytes()
    (Path(folder) / "_whole.pdf").unlink()
    data = re.sub(rb"\d{10} 00000 n", b"9999999999 00000 n", data)
    data = re.sub(rb"/Root \d+ 0 R", b"/Root 999 0 R", data)
    # and the objects themselves garbled, so a reader cannot rebuild the table by scanning
    data = re.sub(rb"(\d+) 0 obj", rb"\1 0 jbo", data)
    path = Path(folder) / name
    path.write_bytes(data)
    return path


def encrypted_pdf(folder, name="encrypted.pdf", user_password="secret"):
    """Encrypted with a user password (cannot be opened without it) or with an empty user password
    and an owner password only (opens by anyone: permissions-only protection, common in journals)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption(user_password, ownerPassword="owner-only", canPrint=1, canCopy=0)
    return _pdf(Path(folder) / name, [_GOOD_LINES], encrypt=enc)


def image_only_pdf(folder, name="image-only.pdf"):
    """A scanned page: a picture, no text layer."""
    from reportlab.pdfgen import canvas

    path = Path(folder) / name
    c = canvas.Canvas(str(path))
    for i in range(40):
        c.setFillGray(i / 40)
        c.rect(72, 100 + i * 15, 400, 10, fill=1, stroke=0)
    c.showPage()
    c.save()
    return path


def empty_file(folder, name="empty.pdf"):
    path = Path(folder) / name
    path.write_bytes(b"")
    return path


def many_pages_pdf(folder, name="two-thousand-pages.pdf", pages=2000):
    """A long PDF with a line of text on every page (built in about a second)."""
    return _pdf(Path(folder) / name, [[f"Page {i + 1}: {_GOOD_LINES[0]}"] for i in range(pages)])


def deeply_nested_pdf(folder, name="deeply-nested.pdf", depth=100_000):
    """A hand-written PDF with an array nested ``depth`` deep in its page dictionary and in its
    document information dictionary (which pdfplumber resolves recursively for its metadata), and a
    text stream next to them: recursive parsers overflow on it."""
    content = b"BT /F1 12 Tf 72 720 Td (" + _GOOD_LINES[0].encode() + b") Tj ET"
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Nested " + nested + b" >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Deep) /Keywords " + nested + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = Path(folder) / name
    path.write_bytes(bytes(out))
    return path


def single_line_text(folder, name="single-line.txt", megabytes=10):
    """~``megabytes`` MB of article prose on one line: no newline anywhere."""
    sentence = (
        "In the ketamine group (n = 52) the mean MADRS score fell from 31.2 ± 5.1 to 18.4 ± 6.3 "
        "at week 2 (t(102) = 3.41, P = .001; 95% CI 1.2 to 4.5). "
    )
    repeats = megabytes * 1024 * 1024 // len(sentence) + 1
    path = Path(folder) / name
    path.write_text(sentence * repeats, encoding="utf-8")
    return path


def binary_garbage_txt(folder, name="garbage.txt"):
    import random

    rng = random.Random(6)
    path = Path(folder) / name
    path.write_bytes(bytes(rng.randrange(256) for _ in range(64 * 1024)))
    return path


def script_heavy_html(folder, name="scripts.html"):
    """Real article text buried under scripts, styles, handlers and a noscript tracker."""
    junk = "".join(
        f"<script>var n{i} = 'N=9{i:03d} patients; P < .0{i % 9 + 1}'; document.write(n{i});</script>"
        f"<style>.c{i}::after {{ content: 'N = 8{i:03d}'; }}</style>"
        for i in range(500)
    )
    html = (
        "<!DOCTYPE html><html><head><title>Ketamine trial</title>" + junk + "</head>"
        "<body onload=\"alert('N=7777')\"><script src='x.js'></script>"
        f"<article><h1>Ketamine trial</h1><p>{GOOD_TEXT}</p></article>"
        "<noscript><img src='https://tracker.example/p.gif?n=6666'></noscript>" + junk + "</body></html>"
    )
    path = Path(folder) / name
    path.write_text(html, encoding="utf-8")
    return path


def malformed_jats(folder, name="malformed-jats.xml"):
    """Unclosed elements and a stray ampersand in a JATS article."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">\n'
        "<front><article-meta><title-group><article-title>Ketamine & pain</article-title>"
        "</title-group></article-meta></front>\n"
        f"<body><sec><title>Results</title><p>{GOOD_TEXT}<italic>P</p></sec>\n"
    )
    path = Path(folder) / name
    path.write_text(xml, encoding="utf-8")
    return path


def read_or_hang(path):
    """evidencekit's reader, except that a file named never-ends* never finishes parsing."""
    if Path(str(path)).name.startswith("never-ends"):
        while True:
            time.sleep(0.05)
    from evidencekit.ingest import read_document

    return read_document(path)
