from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app
from editorial.core.schemas import SCHEMA_FILES, schema_path


@click.command("schema")
@click.argument("name", metavar="NAME", type=click.Choice(list(SCHEMA_FILES)))
@click.option("--output", "output_file", default="-", show_default=True,
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              metavar="FILE", help="Write the schema to FILE; - writes it to stdout.")
@pass_app
def command(app: App, name: str, output_file: Path) -> None:
    """Print the JSON Schema of editorial.yaml, article front matter, glossary.yaml or a
    workflow file, for an editor or a validator such as check-jsonschema.

    'editorial check' validates the desk's files with these same schemas.
    """
    data = schema_path(name).read_bytes()
    if str(output_file) == "-":
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        return
    from editorial.core.files import atomic_write  # for start-up time: only a file needs it

    atomic_write(output_file, data)
    app.say(f"wrote {output_file}")
