"""`html`: a standalone page per article, <path>/<id>/index.html, from a Jinja2 template."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from editorial.core.files import read_if_inside
from editorial.core.publishing.targets.base import TARGETS, PublishTarget
from editorial.errors import ConfigError, RefusedError

if TYPE_CHECKING:
    import jinja2

    from editorial.core.newsroom import Newsroom
    from editorial.core.publishing.entry import Entry

NEWSROOM_TEMPLATE = "templates/article.html"
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


@TARGETS.register("html")
class HtmlTarget(PublishTarget):
    accepts = ("template",)
    files = ("template",)

    def render(self, newsroom: Newsroom, entry: Entry) -> dict[str, bytes]:
        return render_html_page(newsroom, load_template(newsroom, self), entry, self)

    def patterns(self, article_id: str) -> list[str]:
        return [f"{self.path}/{article_id}/index.html"]


def load_template(newsroom: Newsroom, target: PublishTarget) -> jinja2.Template:
    """The html target's template: its `template` setting, else the newsroom's
    templates/article.html, else the one editorial ships.

    A template comes with a pull request like any file of the desk, so it runs in Jinja's
    sandbox: it can show what it is given, never reach Python's internals (and through them
    run commands on the machine that publishes)."""
    # Loaded for the html target alone: Jinja is slow to import (start-up time).
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    root = newsroom.root
    chosen = target.options.get("template")
    path = root / (chosen or NEWSROOM_TEMPLATE)
    data = read_if_inside(root, path)
    if data is None and chosen is not None:
        raise newsroom.config.error(f"publish.targets[{target.index}].template: no file "
                                    f"{chosen}", ("publish", "targets", target.index,
                                                  "template"))
    if data is None:
        path = PACKAGE_TEMPLATES / "article.html"
        data = path.read_bytes()
    environment = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                                       keep_trailing_newline=True)
    try:
        # Compiled under its own path, so that an error while rendering names its line.
        code = environment.compile(data.decode("utf-8"), filename=str(path))
    except jinja2.TemplateSyntaxError as error:
        raise ConfigError(f"template error: {error.message}", path=path,
                          line=error.lineno) from None
    return environment.template_class.from_code(environment, code,
                                                environment.make_globals(None))


def render_html_page(newsroom: Newsroom, template: jinja2.Template, entry: Entry,
                     target: PublishTarget) -> dict[str, bytes]:
    """The html target's page, with a template's mistake or unsafe access named by its file
    and line."""
    # deferred: start-up time (Jinja and the renderers load for the html target alone)
    import jinja2
    from jinja2.exceptions import SecurityError

    from editorial.core.publishing import renderers  # deferred: start-up time (as Jinja)

    try:
        return renderers.html_page(entry, target, template)
    except jinja2.TemplateError as error:
        path = Path(template.filename or NEWSROOM_TEMPLATE)
        line = _template_line(error, str(path))
        if isinstance(error, SecurityError):
            # Said in the message itself: a refusal is reported by its message alone.
            where = f"{_shown(newsroom, path)}:{line}" if line else _shown(newsroom, path)
            raise RefusedError(f"{where}: the html template may not do this: {error} (a "
                               "template shows the values it is given and cannot reach "
                               "Python's internals)") from None
        raise ConfigError(f"the html template failed: {error}", path=path,
                          line=line) from None


def _shown(newsroom: Newsroom, path: Path) -> str:
    return path.relative_to(newsroom.root).as_posix() if path.is_relative_to(newsroom.root) \
        else str(path)


def _template_line(error: BaseException, filename: str) -> int | None:
    """The template's line Jinja's rewritten traceback points at, if any."""
    import traceback  # deferred: start-up time (read only when a template fails)

    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if frame.filename == filename]
    return lines[-1] if lines else None
