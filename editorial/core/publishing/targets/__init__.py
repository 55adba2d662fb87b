"""Publish targets: one class per kind of output (`hugo`, `jekyll`, `html`, `feed`), each
registered in `TARGETS` under the `type` that editorial.yaml names it by.

A target knows everything about its files: how to render them (`render` for an article's own
files, `render_latest` for a file made from the latest published articles, such as a feed),
where an article's files go (`patterns`, `article_paths`), and which files taking an
article down removes (`withdraw`). Publishing, unpublishing, the withdrawn manifest, the
validation of `publish.targets` and `check` (outputs, stray files, links) all ask the
registered classes, never a list of kinds of their own: a new target is one module in this
package, which is found and registered when the package is imported.

An instance is one entry of `publish.targets`, as read by `publish_settings`.
"""

from __future__ import annotations

import importlib
import pkgutil

from editorial.core.publishing.targets.base import TARGETS, PublishTarget

__all__ = ["TARGETS", "PublishTarget"]

# Every module of this package registers its target when imported: adding a module is all it
# takes for editorial.yaml to name the new target.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
