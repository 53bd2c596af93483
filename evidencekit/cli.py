"""The command line: each command parses options, calls one library function and prints.

EvidenceKitError is turned into a one-line click error here and nowhere else.
"""

from __future__ import annotations

import sys

import click

from evidencekit import __version__
from evidencekit.errors import EvidenceKitError


class _Group(click.Group):
    """Turns the project's own exceptions into `Error: <one line>` and exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EvidenceKitError as err:
            raise click.ClickException(str(err)) from err


def report_failure(path, reason) -> None:
    """One line on stderr naming the file and the reason; the batch goes on."""
    click.echo(f"evidencekit: {path}: {reason}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evidencekit")
def cli():
    """Extract meta-analysis statistics from clinical articles and pool them."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
def text(files):
    """Print the normalised text the extractors see, with a marker line at each page break."""
    from evidencekit.errors import DocumentError
    from evidencekit.ingest import read_document

    failed = 0
    for path in files:
        try:
            doc = read_document(path)
        except DocumentError as err:
            report_failure(err.path, err.reason)
            failed += 1
            continue
        if len(files) > 1:
            click.echo(f"==> {path} <==")
        click.echo(doc.text)
    sys.exit(1 if failed else 0)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "md"]), default="csv",
              show_default=True, help="xlsx needs -o.")
@click.option("--level", type=click.Choice(["records", "effects", "studies", "revman-continuous",
                                            "revman-dichotomous", "all"]),
              default="records", show_default=True, help="What a row is; 'all' = one xlsx sheet per level.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="File to write (default: stdout).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), help="Evidence store (default: DIR/evidence.db).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str), default="outputs",
              show_default=True, help="Output folder holding evidence.db.")
def table(fmt, level, output, db, out_dir):
    """Export the evidence table with corrections applied and exclusions dropped.

    \b
    Levels (what a row is):
      records             one extracted value (the evidence table)
      effects             study, yi, vi, measure ... as metafor's rma(yi, vi, data=) reads it
      studies             one study: design, N, arms, dose/route/schedule, outcomes, effect, p
      revman-continuous   Mean/SD/Total of the ketamine and the comparator arm
      revman-dichotomous  Events/Total of the ketamine and the comparator arm
      all                 every level, one sheet each (xlsx only)
    Text cells starting with = + - @ tab or CR get a leading ' in csv, xlsx and md;
    numbers stay numbers.
    """
    from evidencekit.export import export_table

    text = export_table(level=level, fmt=fmt, output=output, db=db, out_dir=out_dir)
    if text is not None:
        click.echo(text, nl=False)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str), default="outputs",
              show_default=True, help="Folder with evidence.db and pool outputs; report.html goes here.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), help="Evidence store (default: DIR/evidence.db).")
def report(out_dir, db):
    """Write DIR/report.html: values linked to their highlighted sentences, corrections, pooled results."""
    from evidencekit.report import write_report

    click.echo(str(write_report(out_dir=out_dir, db=db)))


def _progress_callback(label: str):
    """A progress(done, total, path) callback drawing a click progress bar on a terminal, else None.

    Returns (callback, close)."""
    if not sys.stderr.isatty():
        return None, lambda: None
    state = {"bar": None, "done": 0}

    def update(done, total, path):
        if state["bar"] is None:
            state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
            state["bar"].__enter__()
        state["bar"].update(done - state["done"])
        state["done"] = done

    def close():
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)

    return update, close


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str), default="outputs",
              show_default=True, help="Folder for evidence.db and evidence.csv.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=str),
              help="Rule pack folder (default: ./extractors, else the packaged pack).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), help="Evidence store (default: DIR/evidence.db).")
@click.option("--force", is_flag=True, help="Re-read every file, even those already extracted.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: number of cores).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120, show_default=True,
              help="Seconds one document may take before it is reported and skipped.")
@click.option("--max-memory", "max_memory", type=click.IntRange(min=256), default=2048, show_default=True,
              help="MB of address space per worker; a document needing more is reported and skipped.")
@click.option("--engine", type=click.Choice(["local", "dask", "inline"]), default="local", show_default=True,
              help="local: isolated worker processes; dask: a dask.distributed cluster (--scheduler); "
                   "inline: in this process, no limits (debugging).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--wait", type=click.FloatRange(min=0), default=0, show_default=True,
              help="Seconds to wait for another extract writing the same store (0: refuse at once).")
def extract(paths, out_dir, rules_dir, db, force, jobs, timeout, max_memory, engine, scheduler, wait):
    """Extract statistics from PDF, HTML, text and JATS XML files or folders (read incrementally)."""
    from evidencekit.pipeline import extract_paths
    from evidencekit.workers import Limits

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    progress, close = _progress_callback("Extracting")
    try:
        summary = extract_paths(paths, out_dir=out_dir, rules_dir=rules_dir, force=force, db_path=db,
                                progress=progress, engine=engine, jobs=jobs, scheduler=scheduler, wait=wait,
                                limits=Limits(timeout=timeout, max_memory_mb=max_memory))
    finally:
        close()
    for path, reason in summary.failures:
        report_failure(path, reason)
    click.echo(summary.line())
    sys.exit(1 if summary.failed else 0)


def _review_options(command):
    """--reason, --reviewer, --db, --out: shared by every review subcommand that decides something."""
    command = click.option("--reason", help="Why (kept in the history).")(command)
    command = click.option("--reviewer", help="Who (default: your user name).")(command)
    return _store_options(command)


def _store_options(command):
    command = click.option("--db", type=click.Path(dir_okay=False, path_type=str),
                           help="Evidence store (default: DIR/evidence.db).")(command)
    return click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str), default="outputs",
                        show_default=True, help="Folder with evidence.db; evidence.csv there is rewritten.")(command)


@cli.group()
def review():
    """Correct, exclude, add and confirm values; every decision is kept with who, when and why."""


@review.command("set")
@click.argument("record_id")
@click.argument("field")
@click.argument("value")
@_review_options
def review_set(record_id, field, value, reason, reviewer, db, out_dir):
    """Set FIELD of a record to VALUE (e.g. value, outcome, group, timepoint, p_value; "" clears)."""
    from evidencekit import review as rv

    with rv.session(db, out_dir) as store:
        rv.set_field(store, record_id, field, value, reason=reason, reviewer=reviewer)
        click.echo(rv.describe(rv.history(store, record_id).iloc[-1].to_dict()))


@review.command("exclude")
@click.argument("record_id", required=False)
@click.option("--document", help="Exclude every record of this file (path or sha256) instead.")
@_review_options
def review_exclude(record_id, document, reason, reviewer, db, out_dir):
    """Drop a record (or a whole document) from the evidence table; it stays in the store."""
    _exclude(record_id, document, reason, reviewer, db, out_dir, undo=False)


@review.command("unexclude")
@click.argument("record_id", required=False)
@click.option("--document", help="Bring back every record of this file (path or sha256) instead.")
@_review_options
def review_unexclude(record_id, document, reason, reviewer, db, out_dir):
    """Undo an exclusion."""
    _exclude(record_id, document, reason, reviewer, db, out_dir, undo=True)


def _exclude(record_id, document, reason, reviewer, db, out_dir, undo):
    from evidencekit import review as rv

    if bool(record_id) == bool(document):
        raise click.UsageError("give either RECORD_ID or --document FILE_OR_SHA")
    with rv.session(db, out_dir) as store:
        if document:
            _, sha = rv.exclude_document(store, document, reason=reason, reviewer=reviewer, undo=undo)
            target = f"document {sha[:12]}"
        else:
            rv.exclude_record(store, record_id, reason=reason, reviewer=reviewer, undo=undo)
            target = record_id
    click.echo(f"{'included' if undo else 'excluded'} {target}")


_ADD_FIELDS = ("outcome", "group", "timepoint", "unit", "domain", "drug", "op", "p_op", "p_value",
               "ci_low", "ci_high", "ci_level", "se", "sd", "n", "df", "page", "sentence", "text")


def _add_options(command):
    for name in reversed(_ADD_FIELDS):
        flags = [f"--{name.replace('_', '-')}"] + (["--p"] if name == "p_value" else [])
        command = click.option(*flags, name, help=f"The record's {name}.")(command)
    return command


@review.command("add")
@click.option("--document", required=True, help="File (path or sha256) the value comes from.")
@click.option("--kind", required=True, help="One of the kinds in the README (total_n, b, p, mean ...).")
@click.option("--value", help="The number (routes, drugs, instruments: name them with --unit instead).")
@_add_options
@click.option("--with", "extra", multiple=True, metavar="FIELD=VALUE", help="Any other record field.")
@_review_options
def review_add(document, kind, value, extra, reason, reviewer, db, out_dir, **fields):
    """Add a value the rules missed; it gets a record id of its own and survives re-extraction."""
    from evidencekit import review as rv

    given = {k: v for k, v in fields.items() if v is not None}
    for item in extra:
        name, sep, val = item.partition("=")
        if not sep:
            raise click.UsageError(f"--with takes FIELD=VALUE, got {item!r}")
        given[name.strip()] = val
    with rv.session(db, out_dir) as store:
        rid = rv.add_record(store, document, kind, value, given, reason=reason, reviewer=reviewer)
    click.echo(f"added {rid}")


@review.command("confirm")
@click.argument("record_id")
@_review_options
def review_confirm(record_id, reason, reviewer, db, out_dir):
    """Mark a record checked against its source (settles a needs-recheck flag)."""
    from evidencekit import review as rv

    with rv.session(db, out_dir) as store:
        rv.confirm(store, record_id, reason=reason, reviewer=reviewer)
    click.echo(f"confirmed {record_id}")


@review.command("history")
@click.argument("record_id", required=False)
@_store_options
def review_history(record_id, db, out_dir):
    """Every decision (on one record, or all): who changed what from what to what, when, why."""
    from evidencekit import review as rv

    with rv.session(db, out_dir, write_csv=False) as store:
        frame = rv.history(store, record_id)
    for row in frame.to_dict("records"):
        click.echo(rv.describe(row))


@cli.command("pool")
@click.option("--outcome", help="depression, pain, or an instrument (MADRS, HAM-D ...); optional with --input.")
@click.option("--measure", help="SMD, MD, SMCR, OR, RR, RD, ZCOR, B (default: the one with most studies).")
@click.option("--method", metavar="REML|DL|ML|PM|HE|SJ|HS|EB|EE", default="REML", show_default=True,
              help="tau² estimator (EE: equal effects); any case.")
@click.option("--test", type=click.Choice(["z", "knha"]), default="z", show_default=True,
              help="Wald z or Knapp–Hartung t.")
@click.option("--by", help="Column for a subgroup analysis (between-groups Q test).")
@click.option("--moderator", help="Column for a meta-regression.")
@click.option("--input", "input_csv", type=click.Path(dir_okay=False, path_type=str),
              help="CSV of study, yi, vi or escalc arm-level columns instead of the evidence store.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str), default="outputs",
              show_default=True, help="Folder with the extracted evidence; pool_*, forest_*, funnel_* go here.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
@click.option("--smd", type=click.Choice(["cochrane", "metafor"]), default="cochrane", show_default=True,
              help="Hedges' g convention: RevMan 5/R meta, or metafor's exact J.")
@click.option("--r", "r", type=float, default=0.5, show_default=True,
              help="Assumed pre–post correlation for standardised mean change.")
@click.option("--no-plots", is_flag=True, help="Skip the forest and funnel PNGs (faster batch runs).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), help="Evidence store (default: DIR/evidence.db).")
def pool_command(outcome, measure, method, test, by, moderator, input_csv, out_dir, as_json, smd, r,
                 no_plots, db):
    """Pool commensurable effects of one outcome: estimate, heterogeneity, forest and funnel plots."""
    import json

    from evidencekit.synthesis import format_report, pool_outcome

    result = pool_outcome(out_dir=out_dir, outcome=outcome, measure=measure, method=method, test=test,
                          by=by, moderator=moderator, input_csv=input_csv, smd=smd, r=r,
                          plots=not no_plots, db=db)
    click.echo(json.dumps(result.to_json(), ensure_ascii=False) if as_json else format_report(result))


@cli.group()
def rules():
    """Validate and inspect rule packs (extractors/)."""


@rules.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=str))
def rules_check(directory):
    """Validate a rule pack strictly and run every rule's examples (default: ./extractors, else the packaged pack)."""
    from evidencekit.rules import check_rule_pack, find_rule_dir, load_rule_pack

    problems = check_rule_pack(directory)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in rule pack {find_rule_dir(directory)}")
    pack = load_rule_pack(directory)
    examples = sum(len(r.examples) for r in pack.rules)
    click.echo(f"{pack.directory}: {len(pack.rules)} rules, {examples} examples matched, sha256 {pack.hash[:12]}")


def main():
    cli(prog_name="evidencekit")


if __name__ == "__main__":
    main()
