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


def main():
    cli(prog_name="evidencekit")


if __name__ == "__main__":
    main()
