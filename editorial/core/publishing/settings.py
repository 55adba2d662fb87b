"""The `publish` section of editorial.yaml: where published articles go, and where to push.

```yaml
publish:
  article_url: https://example.org/articles/{id}/   # optional: links in the feed and pages
  remote: origin          # optional: what --push pushes to (default: the branch's upstream)
  branch: main
  withdrawn: site/data/withdrawn.json               # the takedown manifest (this is the default)
  targets:
    - {type: hugo, path: site/content/articles}
    - {type: jekyll, path: site/_posts}
    - {type: html, path: site/static/articles, template: templates/article.html}
    - {type: feed, path: site/static/feed.xml, limit: 20}
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from editorial.core.article import ARTICLES_DIR
from editorial.core.config import Config
from editorial.core.publishing.targets import TARGETS, PublishTarget

DEFAULT_WITHDRAWN = "site/data/withdrawn.json"


@dataclass(frozen=True)
class PublishSettings:
    targets: tuple[PublishTarget, ...] = ()
    article_url: str | None = None
    remote: str | None = None
    branch: str | None = None
    withdrawn: str | None = None

    def article_link(self, article_id: str) -> str | None:
        return self.article_url.replace("{id}", article_id) if self.article_url else None


def publish_settings(config: Config) -> PublishSettings:
    """Read and validate the `publish` section; every mistake is named with file and line."""
    section = config.section("publish")
    known = {"targets", "article_url", "remote", "branch", "withdrawn"}
    for key in section:
        if key not in known:
            raise config.error(f"publish.{key} is not a setting; known: "
                               + ", ".join(sorted(known)), ("publish", str(key)))
    raw_targets = section.get("targets") or []
    if not isinstance(raw_targets, list):
        raise config.error("publish.targets must be a list of {type, path}",
                           ("publish", "targets"))
    targets = tuple(_target(config, index, entry) for index, entry in enumerate(raw_targets))
    seen: dict[str, int] = {}
    for target in targets:
        if target.path in seen:
            raise config.error(f"publish.targets[{target.index}]: path {target.path!r} is "
                               f"already used by publish.targets[{seen[target.path]}]",
                               ("publish", "targets", target.index, "path"))
        seen[target.path] = target.index
    texts: dict[str, str | None] = {}
    for key in ("article_url", "remote", "branch", "withdrawn"):
        value = section.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise config.error(f"publish.{key} must be text", ("publish", key))
        texts[key] = value.strip() if isinstance(value, str) else None
    article_url = texts["article_url"]
    if article_url is not None and not article_url.startswith(("https://", "http://")):
        raise config.error("publish.article_url must be an http(s) address, e.g. "
                           "https://example.org/articles/{id}/", ("publish", "article_url"))
    withdrawn = texts["withdrawn"]
    if withdrawn is not None:
        withdrawn = _relative_path(config, withdrawn, ("publish", "withdrawn"))
    elif targets:
        withdrawn = DEFAULT_WITHDRAWN
    return PublishSettings(targets=targets, article_url=article_url, remote=texts["remote"],
                           branch=texts["branch"], withdrawn=withdrawn)


def _target(config: Config, index: int, entry: object) -> PublishTarget:
    """The entry as an instance of the target class its `type` names in `TARGETS`."""
    where: tuple[str | int, ...] = ("publish", "targets", index)
    if not isinstance(entry, dict):
        raise config.error(f"publish.targets[{index}] must be a mapping such as "
                           "{type: hugo, path: site/content/articles}", where)
    kind = entry.get("type")
    target_class = TARGETS.get(kind) if isinstance(kind, str) else None
    if target_class is None:
        raise config.error(f"publish.targets[{index}].type must be one of "
                           f"{', '.join(TARGETS.names())} (got {kind!r})", (*where, "type"))
    path = entry.get("path")
    if not isinstance(path, str) or not path.strip():
        raise config.error(f"publish.targets[{index}] ({kind}) needs a 'path' in the repo",
                           where)
    relative = _relative_path(config, path.strip(), (*where, "path"))
    options = {key: value for key, value in entry.items() if key not in ("type", "path")}
    for key, value in options.items():
        if key not in target_class.accepts:
            allowed = ", ".join(target_class.accepts) or "none"
            raise config.error(f"publish.targets[{index}] ({kind}): unknown setting {key!r}; "
                               f"allowed: {allowed}", (*where, str(key)))
        wanted_int = key in target_class.counts
        if wanted_int and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise config.error(f"publish.targets[{index}].{key} must be a whole number of "
                               "articles, 1 or more", (*where, key))
        if not wanted_int and (not isinstance(value, str) or not value.strip()):
            raise config.error(f"publish.targets[{index}].{key} must be text", (*where, key))
        if key in target_class.files:
            options[key] = _relative_path(config, value, (*where, key))
    problem = target_class.path_problem(relative)
    if problem is not None:
        raise config.error(f"publish.targets[{index}] ({kind}): {problem}", (*where, "path"))
    return target_class(str(kind), relative, options, index)


def _relative_path(config: Config, value: str, keys: tuple[str | int, ...]) -> str:
    """A path inside the repository, never under articles/ or .git, in '/' form."""
    path = PurePosixPath(value.replace("\\", "/"))
    parts = path.parts
    if path.is_absolute() or not parts or ".." in parts or parts[0] in (".git", ARTICLES_DIR):
        raise config.error(f"{value!r} must be a path inside the newsroom repo, outside "
                           f"{ARTICLES_DIR}/ and .git/", keys)
    return path.as_posix()
