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
    """Export the evidence table with corrections applied and exclusions dropped."""
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


def main():
    cli(prog_name="evidencekit")


if __name__ == "__main__":
    main()
