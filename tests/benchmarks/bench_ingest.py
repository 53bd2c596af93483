"""Seconds per page: evidencekit's PDF reader against bare pdfplumber and bare pypdfium2.

    python tests/benchmarks/bench_ingest.py [--pages 20] [--repeat 3] [PDF ...]

Generates a two-column journal-like PDF (title, abstract, running header, page numbers, a table every
few paragraphs) of about --pages pages unless PDFs are given, and prints, per file, the best of
--repeat runs of:
  evidencekit          read_document(): text, reading order, normalisation, origin map
  pdfplumber text      page.extract_text() for every page (the layout-unaware baseline)
  pdfplumber chars     page.chars for every page (what a char-level reader on pdfplumber pays)
  pypdfium2 text       textpage.get_text_range() for every page (the native ceiling)
Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def generated_pdf(folder: Path, pages: int) -> Path:
    from conftest import build_pdf

    sentence = ("Participants received ketamine 0.5 mg/kg as an intravenous infusion over forty minutes; "
                "MADRS scores fell (b, \u22120\u00b7992; P\u2009<\u2009.001) and pain on the VAS eased. ")
    items = []
    for i in range(pages * 19):  # about 19 paragraphs fill a two-column page
        items.append(f"Paragraph {i}. " + sentence * 2)
        if i % 12 == 5:
            items.append({"table": [["Scale", "b", "P"], ["VAS", "\u22120\u00b7992", "<0\u00b7001"],
                                    ["SF-MPQ", "\u22121\u00b7017", "<0\u00b7001"]]})
    return build_pdf(folder / f"generated-{pages}.pdf", [items], columns=2, title="A generated trial report",
                     abstract="Abstract. " + sentence * 3, header="J Bench Psychiatry {n}",
                     page_numbers="Page {n} of {total}", unicode=True)


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import pdfplumber

    from bench_extract import pdfplumber_seconds, pypdfium2_seconds  # the same baselines bench_extract times

    from evidencekit.ingest import read_document

    def plumber_chars(path):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.chars
                page.close()

    with tempfile.TemporaryDirectory() as tmp:
        paths = args.pdfs or [generated_pdf(Path(tmp), args.pages)]
        print(f"{'file':32} {'pages':>5} {'evidencekit':>12} {'pdfplumber text':>16} {'pdfplumber chars':>17} "
              f"{'pypdfium2 text':>15}   (seconds per page, best of {args.repeat})")
        for path in paths:
            with pdfplumber.open(path) as pdf:
                n = len(pdf.pages)
            ours = best_of(args.repeat, lambda: read_document(path)) / n
            text = best_of(args.repeat, lambda: pdfplumber_seconds([path])) / n
            chars = best_of(args.repeat, lambda: plumber_chars(path)) / n
            pdfium = best_of(args.repeat, lambda: pypdfium2_seconds([path])) / n
            print(f"{path.name[:32]:32} {n:5d} {ours:12.4f} {text:16.4f} {chars:17.4f} {pdfium:15.5f}"
                  f"   ours/pdfplumber text = {ours / text:.2f}")


if __name__ == "__main__":
    main()
