from __future__ import annotations

from pathlib import Path

import click

from editorial.cli.app import App, pass_app


@click.command("report")
@click.option("--html", "directory", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Write the dashboard into DIR (created if missing; refused if it holds "
                   "files an earlier report did not write).")
@pass_app
def command(app: App, directory: Path) -> None:
    """Write the desk's dashboard: a static page to open in a browser or publish.

    A board by stage, what each person has to do, the translations whose source changed
    since hand-off, the publishing calendar, the withdrawn articles and the figures of
    'editorial stats'. Self-contained: no server, nothing loaded from the network.
    """
    from editorial.core.article import utc_now
    from editorial.core.report import INDEX, build_report, write_site
    from editorial.render.report_html import html_page

    report = build_report(app.newsroom, utc_now())
    for problem in report.problems:
        app.say(f"editorial: warning: {problem} (left out of the dashboard)")
    write_site(directory, {INDEX: html_page(report).encode("utf-8")})
    app.say(f"wrote {directory / INDEX}")
