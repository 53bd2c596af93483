"""Speed and memory of `evidencekit extract`, side by side with bare text extraction.

    python tests/benchmarks/bench_extract.py [--corpus DIR] [--docs 40] [--pages 8] [--jobs-max 2]

Not a test (pytest does not collect it): it prints figures and asserts nothing about time.
Without --corpus it generates DOCS two-column articles of PAGES pages each with reportlab (realistic
prose with sample sizes, doses, means/SDs, test statistics, CIs and p-values), cached under the
system temp dir so re-runs skip the build. It then measures, in one run:

  (a) end-to-end `evidencekit extract` (a fresh process, --jobs 1 and --jobs J) against the time
      pdfplumber alone takes to extract the text of the same PDFs (page.extract_text(), one
      process), and against bare pypdfium2 (textpage.get_text_range()); target ratio <= 1.5
  (b) an unchanged re-run as a fraction of the cold run; target <= 0.05
  (c) peak memory (sum of the RSS of the extract process and its workers, and the largest single
      process, sampled every 20 ms with psutil) for a corpus a quarter the size and the full
      corpus; target: flat within 20%
  (d) speed-up of --jobs 2 over --jobs 1 on a cold run; target >= 1.7
  and where the time goes inside one worker: reading (pdfplumber chars + layout) vs extraction
  (spaCy + rules), document by document, in this process.

Figures depend on the machine and on what else runs on it: run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Corpus

_DRUGS = ["ketamine", "esketamine", "midazolam", "saline placebo"]
_SCALES = ["MADRS", "HAM-D", "BDI-II", "QIDS-SR", "VAS", "NRS", "BPI", "SF-MPQ total score"]


def _sentences(rng: random.Random) -> list[str]:
    n = rng.randint(40, 400)
    a, b = rng.randint(10, n // 2 + 10), rng.randint(10, n // 2 + 10)
    m1, m2 = rng.uniform(10, 35), rng.uniform(10, 35)
    s1, s2 = rng.uniform(2, 9), rng.uniform(2, 9)
    t, df = rng.uniform(0.5, 5), a + b - 2
    p = rng.choice(["< .001", "= .003", "= 0.04", "= .21", "< 0.01", "> 0.05"])
    lo, hi = sorted((rng.uniform(-3, 1), rng.uniform(0, 4)))
    scale, drug = rng.choice(_SCALES), rng.choice(_DRUGS[:2])
    dose = rng.choice(["0.5 mg/kg", "0.2 mg/kg", "56 mg", "84 mg", "0.15 mg/kg/h"])
    route = rng.choice(["intravenously over 40 min", "intranasally", "orally", "as a subcutaneous injection"])
    return [
        f"A total of {n} patients were screened and {a + b} were randomised to {drug} (n = {a}) or "
        f"{rng.choice(_DRUGS[2:])} (n = {b}).",
        f"{drug.capitalize()} {dose} was given {route}, {rng.choice(['twice weekly', '3 times per week', 'once'])} "
        f"for {rng.randint(1, 6)} weeks.",
        f"At week {rng.randint(1, 8)}, the mean {scale} score was {m1:.1f} ± {s1:.1f} in the {drug} group and "
        f"{m2:.1f} ± {s2:.1f} in the control group (t({df}) = {t:.2f}, P {p}).",
        f"The mean difference was {m1 - m2:.2f} (95% CI {lo:.2f} to {hi:.2f}), and the standardised effect "
        f"was d = {abs(m1 - m2) / ((s1 + s2) / 2):.2f}.",
        f"Response, defined as a 50% reduction in {scale}, occurred in {rng.randint(3, a)}/{a} "
        f"({rng.randint(10, 90)}%) patients.",
        f"In the regression model, {scale} change predicted pain relief (b, {rng.uniform(-2, 2):.3f}; "
        f"SE {rng.uniform(0.05, 0.6):.2f}; P {p}).",
        "Adverse events were mostly transient dissociation and raised blood pressure, which resolved "
        "within two hours of each infusion without intervention in every case.",
        "Participants were recruited from outpatient clinics of two university hospitals between "
        f"{rng.randint(2005, 2015)} and {rng.randint(2016, 2022)}, after written informed consent.",
        "These findings agree with earlier trials of glutamatergic agents in treatment-resistant "
        "depression, although the follow-up here was shorter and the sample smaller than planned.",
    ]


def build_article(path: Path, seed: int, pages: int) -> None:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    rng = random.Random(seed)
    width, height = letter
    margin, gutter = 50, 18
    col = (width - 2 * margin - gutter) / 2
    frames = [Frame(margin + i * (col + gutter), margin, col, height - 2 * margin, id=f"c{i}") for i in range(2)]
    doc = BaseDocTemplate(str(path), pagesize=letter, title=f"Ketamine trial {seed}",
                          pageTemplates=[PageTemplate(frames=frames)])
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=9, leading=11, alignment=TA_JUSTIFY)
    head = ParagraphStyle("head", fontName="Times-Bold", fontSize=10, leading=13, spaceBefore=6)
    story = []
    sections = ["Introduction", "Methods", "Participants", "Interventions", "Outcomes", "Results",
                "Secondary outcomes", "Safety", "Discussion", "Limitations"]
    # ~11 paragraphs of ~5 sentences fill a two-column page at 9 pt
    for i in range(pages * 11):
        if i % 9 == 0:
            story.append(Paragraph(sections[(i // 9) % len(sections)], head))
        sents = _sentences(rng)
        rng.shuffle(sents)
        story.append(Paragraph(" ".join(sents[:5]), body))
    doc.build(story)


def build_corpus(docs: int, pages: int) -> Path:
    key = hashlib.sha256(f"v1:{docs}:{pages}".encode()).hexdigest()[:10]
    folder = Path(tempfile.gettempdir()) / f"evidencekit-bench-{key}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(docs):
            build_article(folder / f"article{i:03d}.pdf", seed=i, pages=pages)
        done.write_text("ok")
    return folder


# ---------------------------------------------------------------------------------------------
# Measurements


def pdfplumber_seconds(files) -> tuple[float, int]:
    import pdfplumber

    started, pages = time.perf_counter(), 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
                page.close()
    return time.perf_counter() - started, pages


def pypdfium2_seconds(files) -> float:
    import pypdfium2

    started = time.perf_counter()
    for path in files:
        pdf = pypdfium2.PdfDocument(str(path))
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
    return time.perf_counter() - started


def run_extract(paths, out: Path, *extra) -> dict:
    """`evidencekit extract` in a fresh process: wall time, peak summed RSS of it and its workers
    (sampled every 20 ms) and the largest single process's peak RSS."""
    import psutil

    cmd = [sys.executable, "-m", "evidencekit", "extract", *map(str, paths), "--out", str(out), *map(str, extra)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_sum = peak_one = 0
    cpu: dict = {}  # pid -> last CPU seconds seen (user + system)
    try:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                procs = [root, *root.children(recursive=True)]
                sizes = []
                for p in procs:
                    with p.oneshot():
                        sizes.append(p.memory_info().rss)
                        times = p.cpu_times()
                        cpu[p.pid] = times.user + times.system
                peak_sum, peak_one = max(peak_sum, sum(sizes)), max(peak_one, max(sizes))
            except psutil.Error:
                pass
            time.sleep(0.02)
    finally:
        stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"extract failed ({proc.returncode}):\n{stderr}")
    parent_cpu = cpu.pop(proc.pid, 0.0)
    return {"seconds": seconds, "peak_sum_mb": peak_sum / 2**20, "max_proc_mb": peak_one / 2**20,
            "parent_cpu": parent_cpu, "workers_cpu": sum(cpu.values()), "summary": stdout.strip()}


def stage_split(files, rules_dir=None) -> tuple[float, float]:
    """(read, extract) seconds over the corpus in this process, after one warm-up document."""
    from evidencekit.extract import extract_document
    from evidencekit.ingest import read_document
    from evidencekit.nlp import build_nlp
    from evidencekit.rules import load_rule_pack

    nlp = build_nlp(load_rule_pack(rules_dir))
    extract_document(read_document(files[0]), nlp)  # warm caches and lazy imports
    read_s = extract_s = 0.0
    for path in files:
        t0 = time.perf_counter()
        doc = read_document(path)
        t1 = time.perf_counter()
        extract_document(doc, nlp)
        t2 = time.perf_counter()
        read_s += t1 - t0
        extract_s += t2 - t1
    return read_s, extract_s


def frozen_rules(work: Path, rules_dir) -> Path:
    """A copy of the rule pack in ``work``: an edit to extractors/ during the run would change the rules
    hash and make the "unchanged" re-run re-read everything."""
    from evidencekit.rules import find_rule_dir

    rules = work / "rules"
    shutil.copytree(find_rule_dir(rules_dir), rules)
    return rules


def speedup_only(files, args) -> None:
    """(d) alone, less exposed to other load on the machine: best of two alternated cold runs each."""
    work = Path(tempfile.mkdtemp(prefix="evidencekit-bench-out-"))
    rules = frozen_rules(work, args.rules)
    best = {"1": float("inf"), str(args.jobs_max): float("inf")}
    try:
        for attempt in range(2):
            for jobs in best:
                out = work / f"j{jobs}-{attempt}"
                result = run_extract(files, out, "--jobs", jobs, "--rules", rules)
                seconds = result["seconds"]
                best[jobs] = min(best[jobs], seconds)
                print(f"  --jobs {jobs}: {seconds:.2f} s; CPU: parent {result['parent_cpu']:.1f} s, workers "
                      f"{result['workers_cpu']:.1f} s, i.e. {result['workers_cpu'] / seconds:.2f} cores busy in "
                      f"workers (load average {os.getloadavg()[0]:.2f})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    j = str(args.jobs_max)
    print(f"(d) speed-up --jobs {j} over --jobs 1 (best of 2 each): {best['1']:.2f} / {best[j]:.2f} s = "
          f"{best['1'] / best[j]:.2f}   (target >= 1.7)")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="folder of PDFs (default: generate one)")
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--jobs-max", type=int, default=2, help="J for the parallel runs (default 2)")
    ap.add_argument("--rules", help="rule pack folder (default: as evidencekit extract finds it)")
    ap.add_argument("--only-speedup", action="store_true",
                    help="only (d): cold --jobs 1 and --jobs J runs, alternated twice, best of each")
    ap.add_argument("--skip-split", action="store_true", help="skip the in-process read/extract split")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    corpus = args.corpus or build_corpus(args.docs, args.pages)
    files = sorted(corpus.glob("*.pdf"))
    if not files:
        raise SystemExit(f"no PDFs in {corpus}")
    print(f"corpus: {len(files)} PDFs in {corpus} (ready in {time.perf_counter() - started:.1f} s); "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")

    if args.only_speedup:
        return speedup_only(files, args)
    plumb_s, pages = pdfplumber_seconds(files)
    pdfium_s = pypdfium2_seconds(files)
    print(f"pages: {pages}", flush=True)
    print(f"pdfplumber alone   {plumb_s:8.2f} s  ({plumb_s / pages * 1000:.1f} ms/page)")
    print(f"pypdfium2 alone    {pdfium_s:8.2f} s  ({pdfium_s / pages * 1000:.2f} ms/page)", flush=True)

    work = Path(tempfile.mkdtemp(prefix="evidencekit-bench-out-"))
    rules = frozen_rules(work, args.rules)
    try:
        quarter = files[: max(1, len(files) // 4)]
        j = str(args.jobs_max)
        runs = {}
        for name, paths, out, jobs in (("cold1", files, "j1", "1"), ("rerun", files, "j1", "1"),
                                       ("coldj", files, "jn", j), ("small1", quarter, "q1", "1"),
                                       ("smallj", quarter, "qn", j)):
            runs[name] = run_extract(paths, work / out, "--jobs", jobs, "--rules", rules)
            r = runs[name]
            print(f"  {name:6s} {len(paths):3d} PDFs --jobs {jobs}: {r['seconds']:7.2f} s, peak RSS sum "
                  f"{r['peak_sum_mb']:.0f} MB, largest {r['max_proc_mb']:.0f} MB; CPU parent {r['parent_cpu']:.1f} s, "
                  f"workers {r['workers_cpu']:.1f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cold1, rerun, coldj, small1, smallj = (runs[k] for k in ("cold1", "rerun", "coldj", "small1", "smallj"))

    print(f"extract --jobs 1   {cold1['seconds']:8.2f} s  ({cold1['seconds'] / pages * 1000:.1f} ms/page)  "
          f"{cold1['summary']}")
    print(f"extract --jobs {j}   {coldj['seconds']:8.2f} s")
    print()
    print(f"(a) extract/pdfplumber  --jobs 1: {cold1['seconds'] / plumb_s:5.2f}   --jobs {j}: "
          f"{coldj['seconds'] / plumb_s:5.2f}   (target <= 1.5)")
    print(f"    extract/pypdfium2   --jobs 1: {cold1['seconds'] / pdfium_s:5.1f}   --jobs {j}: "
          f"{coldj['seconds'] / pdfium_s:5.1f}")
    print(f"(b) unchanged re-run / cold: {rerun['seconds']:.2f} / {cold1['seconds']:.2f} s = "
          f"{rerun['seconds'] / cold1['seconds']:.3f}   (target <= 0.05)")
    for label, small, full in (("1", small1, cold1), (j, smallj, coldj)):
        print(f"(c) peak RSS --jobs {label}, {len(quarter)} -> {len(files)} PDFs: "
              f"sum {small['peak_sum_mb']:.0f} -> {full['peak_sum_mb']:.0f} MB "
              f"({full['peak_sum_mb'] / small['peak_sum_mb'] - 1:+.0%}); largest process "
              f"{small['max_proc_mb']:.0f} -> {full['max_proc_mb']:.0f} MB   (target: within 20%)")
    print(f"(d) speed-up --jobs {j} over --jobs 1: {cold1['seconds'] / coldj['seconds']:.2f}   (target >= 1.7)")

    if not args.skip_split:
        read_s, extract_s = stage_split(files, args.rules)
        print(f"in one process: reading {read_s:.2f} s ({read_s / pages * 1000:.1f} ms/page: pdfplumber chars + "
              f"layout), extraction {extract_s:.2f} s ({extract_s / pages * 1000:.1f} ms/page: spaCy + rules); "
              f"startup of a worker not included")


if __name__ == "__main__":
    main()
