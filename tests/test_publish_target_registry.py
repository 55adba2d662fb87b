"""Every publish target is one class in `TARGETS`, and publish, unpublish, the withdrawn
manifest, the settings and `check` all read the registry: a target registered there is
picked up everywhere, and one that leaves out a part (what it owns, where its files go)
fails here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from editorial.core.publishing.settings import DEFAULT_WITHDRAWN
from editorial.core.publishing.targets import TARGETS, PublishTarget
from testing.newsroom import Newsroom, article_at, records

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom as Desk
    from editorial.core.publishing.entry import Entry

ROOT = Path(__file__).resolve().parent.parent
TITLE = "New water station opens in the east"   # the title `new_article` gives
# A folder for a target with one file per article, else a file for a target that is one.
SAMPLE_PATHS = ("site/out", "site/out.xml")
UNRELATED = "notes-of-the-webmaster.txt"


def sample_path(kind: str) -> str:
    target_class = TARGETS[kind]
    return next(path for path in SAMPLE_PATHS if target_class.path_problem(path) is None)


def changed_in_head(newsroom: Newsroom) -> list[str]:
    return newsroom.git("show", "--name-only", "--format=", "HEAD").split()


def output_problems(newsroom: Newsroom) -> list[str]:
    _, problems = newsroom.check_json()
    return sorted(str(problem["path"]) for problem in problems if problem["rule"] == "outputs")


def round_trip(newsroom: Newsroom, kind: str) -> list[str]:
    """Publish an article with only this target configured, take it down, then leave its
    files behind as an interrupted publish would; the files it published."""
    path = sample_path(kind)
    newsroom.configure(publish={"article_url": "https://example.org/articles/{id}/",
                                "targets": [{"type": kind, "path": path}]})
    article_id = newsroom.new_article()
    newsroom.advance_to(article_id, "published")
    written = [relative for relative in changed_in_head(newsroom)
               if relative == path or relative.startswith(path + "/")]
    assert written, f"publishing wrote nothing on the {kind} target"
    meta = newsroom.meta(article_id)
    outputs = [str(item["path"]) for item in records(meta, "outputs")] if "outputs" in meta \
        else []
    assert set(outputs) <= set(written)
    # What is not the article's own file is made from the latest articles (a feed).
    latest = [relative for relative in written if relative not in outputs]
    for relative in latest:
        assert TITLE in newsroom.path(relative).read_text(encoding="utf-8")
    published = {relative: newsroom.path(relative).read_bytes() for relative in outputs}
    assert newsroom.errors_by_rule() == {}

    newsroom.ok("unpublish", article_id, "--reason", "The outlet withdrew the report.")
    [gone] = json.loads(newsroom.path(DEFAULT_WITHDRAWN).read_text())["withdrawn"]
    assert gone["id"] == article_id
    assert sorted(gone["paths"]) == sorted(outputs)
    assert all(not newsroom.path(relative).exists() for relative in outputs)
    assert set(outputs) <= set(changed_in_head(newsroom))   # removed in the step's commit
    for relative in latest:
        assert TITLE not in newsroom.path(relative).read_text(encoding="utf-8")
    assert newsroom.errors_by_rule() == {}

    # Its files back on disk, as a publish interrupted before its commit leaves them, and a
    # file of the site's own beside them, which no target owns.
    for relative, data in published.items():
        newsroom.path(relative).parent.mkdir(parents=True, exist_ok=True)
        newsroom.path(relative).write_bytes(data)
    folder = newsroom.path(path) if TARGETS[kind].per_article else newsroom.path(path).parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / UNRELATED).write_text("not an article\n", encoding="utf-8")
    assert output_problems(newsroom) == sorted(outputs)
    return outputs


@pytest.mark.parametrize("kind", TARGETS.names())
def test_every_target_round_trips_through_publish_withdraw_and_check(
        newsroom: Newsroom, kind: str) -> None:
    outputs = round_trip(newsroom, kind)
    # A target with a file per article owns it; one made from the latest articles owns none.
    assert bool(outputs) == TARGETS[kind].per_article


class ToyTarget(PublishTarget):
    """A plain-text copy of each article: <path>/<id>.txt."""

    def render(self, newsroom: Desk, entry: Entry) -> dict[str, bytes]:
        return {f"{self.path}/{entry.id}.txt": f"{entry.title}\n\n{entry.body}".encode()}

    def patterns(self, article_id: str) -> list[str]:
        return [f"{self.path}/{article_id}.txt"]


@pytest.fixture
def toy() -> Iterator[str]:
    TARGETS.register("toy")(ToyTarget)
    yield "toy"
    TARGETS.remove("toy")


def test_a_target_registered_by_one_class_is_picked_up_everywhere(
        newsroom: Newsroom, toy: str) -> None:
    assert round_trip(newsroom, toy) == ["site/out/water-station.txt"]


def test_an_unknown_target_is_refused_with_the_registered_ones(tmp_path: Path, toy: str) -> None:
    newsroom, article_id = article_at(tmp_path, "ready")
    newsroom.configure(publish={"targets": [{"type": "wordpress", "path": "site/wp"}]})
    message = newsroom.refuses("publish", article_id, exit_code=2)
    assert "editorial.yaml:" in message
    assert "publish.targets[0].type must be one of" in message
    assert all(kind in message for kind in TARGETS.names())
    assert toy in message and "(got 'wordpress')" in message


def test_every_target_is_documented_in_the_table_of_targets() -> None:
    text = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    section = text.split("### Targets", 1)[1].split("\n### ", 1)[0]
    documented = re.findall(r"^\| `([\w-]+)` \|", section, re.MULTILINE)
    assert documented, "no table of targets in docs/publishing.md"
    missing = [kind for kind in TARGETS.names() if kind not in documented]
    assert not missing, f"targets not in docs/publishing.md's table: {missing}"
