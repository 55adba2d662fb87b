"""Publishing, `check` and the memory judge an article live by its own workflow's `live: true`
stage, whatever the stage is called there, not by the built-in workflow's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from editorial.core import workflow as workflow_module
from editorial.core.newsroom import Newsroom as CoreNewsroom
from testing.newsroom import Newsroom, built_once, renamed_workflow

FEED = "site/static/feed.xml"
MANIFEST = "site/data/withdrawn.json"
TARGETS = [{"type": "hugo", "path": "site/content/articles"}, {"type": "feed", "path": FEED}]

# A story of this desk's own, with a phrase the memory is asked for.
SOURCE = ("افتتحت البلدية صباح الأحد جسرا جديدا للمشاة فوق النهر في وسط المدينة.\n\n"
          "وقال رئيس البلدية إن الجسر سيخفف الازدحام على الطريق القديم.\n")
ENGLISH = ("The municipality opened a new footbridge over the river in the city centre on "
           "Sunday morning.\n\n"
           "The mayor said the bridge would ease congestion on the old road.\n")
PHRASE = "جسرا جديدا للمشاة"
FOOTBRIDGE = "footbridge"


def online(newsroom: Newsroom, article_id: str) -> str:
    """An article of the renamed workflow, published (in its stage `online`)."""
    newsroom.new_article(article_id=article_id, source=SOURCE)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, ENGLISH)
    newsroom.ok("submit", article_id, as_person="tariq")
    newsroom.advance_to(article_id, "online")
    return article_id


def renamed_desk(newsroom: Newsroom) -> None:
    """A desk publishing to TARGETS on its own workflow `renamed`."""
    newsroom.configure(publish={"targets": TARGETS, "withdrawn": MANIFEST})
    newsroom.adopt_workflow("renamed", renamed_workflow(), "name the live stage 'online'")


def footbridge_online(newsroom: Newsroom) -> None:
    renamed_desk(newsroom)
    online(newsroom, FOOTBRIDGE)


@pytest.fixture
def desk(tmp_path: Path) -> Newsroom:
    return built_once(tmp_path, renamed_desk)


@pytest.fixture
def online_desk(tmp_path: Path) -> Newsroom:
    """`desk` with the article FOOTBRIDGE online (built once per test process, then copied)."""
    return built_once(tmp_path, footbridge_online)


def bundle(article_id: str) -> str:
    return f"site/content/articles/{article_id}/index.md"


def manifest_ids(newsroom: Newsroom) -> list[str]:
    document: dict[str, Any] = json.loads(newsroom.path(MANIFEST).read_text(encoding="utf-8"))
    return [entry["id"] for entry in document["withdrawn"]]


def output_problems(newsroom: Newsroom) -> list[str]:
    _, problems = newsroom.check_json()
    return [str(problem["message"]) for problem in problems if problem["rule"] == "outputs"]


def test_an_article_live_in_its_own_workflow_is_in_the_feed_and_not_withdrawn(
        online_desk: Newsroom) -> None:
    article_id = FOOTBRIDGE
    assert online_desk.meta(article_id)["stage"] == "online"
    assert online_desk.meta(article_id)["workflow"] == "renamed"
    assert online_desk.path(bundle(article_id)).is_file()
    feed = online_desk.path(FEED).read_text(encoding="utf-8")
    assert feed.count("<entry>") == 1 and "footbridge" in feed
    assert manifest_ids(online_desk) == []
    assert online_desk.git("status", "--porcelain") == ""


def test_check_knows_the_outputs_of_an_article_live_in_its_own_workflow(
        online_desk: Newsroom) -> None:
    article_id = FOOTBRIDGE
    assert output_problems(online_desk) == []

    path = online_desk.path(bundle(article_id))
    path.write_text(path.read_text(encoding="utf-8") + "\nAdded by hand.\n", encoding="utf-8")
    [problem] = output_problems(online_desk)
    assert "differs from what was published" in problem


def test_rebuild_writes_the_outputs_of_an_article_live_in_its_own_workflow(
        online_desk: Newsroom) -> None:
    article_id = FOOTBRIDGE
    jekyll = {"type": "jekyll", "path": "site/_posts"}
    online_desk.configure(publish={"targets": [*TARGETS, jekyll], "withdrawn": MANIFEST})
    result = online_desk.ok("publish", "--rebuild")
    assert f"rebuilt the outputs of {article_id} (stays online" in result.stderr
    [post] = online_desk.path("site/_posts").iterdir()
    assert post.name.endswith(f"-{article_id}.md")
    assert output_problems(online_desk) == []


def test_the_memory_learns_from_an_article_live_in_its_own_workflow(online_desk: Newsroom) -> None:
    found = json.loads(online_desk.ok("concordance", PHRASE, "--json").stdout)
    assert [item["article"] for item in found["occurrences"]] == ["footbridge"]


def test_the_memory_follows_a_workflow_file_that_renames_its_live_stage(
        online_desk: Newsroom) -> None:
    assert concordance_ids(online_desk) == ["footbridge"]
    # No article changes: only the workflow file says another stage is the live one now.
    text = online_desk.path("workflows/renamed.yaml").read_text(encoding="utf-8")
    online_desk.path("workflows/renamed.yaml").write_text(
        text.replace("    live: true\n", "").replace(
            "  ready:\n", "  ready:\n    live: true\n"), encoding="utf-8")
    assert CoreNewsroom(online_desk.root).workflows.get("renamed").live_stage == "ready"
    assert concordance_ids(online_desk) == []


def concordance_ids(newsroom: Newsroom) -> list[str]:
    found = json.loads(newsroom.ok("concordance", PHRASE, "--json").stdout)
    return [item["article"] for item in found["occurrences"]]


def test_an_article_taken_down_leaves_the_site_and_the_memory(desk: Newsroom) -> None:
    kept = online(desk, "footbridge")
    gone = online(desk, "old-bridge")
    # Approved articles count too: one taken down has ended its life, in this workflow's
    # terminal stage, and is no longer vouched for.
    desk.configure(memory={"include": ["published", "approved"]})
    desk.ok("unpublish", gone, "--reason", "The municipality denied the opening date.")
    assert desk.meta(gone)["stage"] == "taken-down"
    assert not desk.path(bundle(gone)).exists()
    assert manifest_ids(desk) == [gone]
    feed = desk.path(FEED).read_text(encoding="utf-8")
    assert feed.count("<entry>") == 1 and kept in feed and gone not in feed
    assert output_problems(desk) == []
    found = json.loads(desk.ok("concordance", PHRASE, "--json").stdout)
    assert [item["article"] for item in found["occurrences"]] == [kept]


def test_a_workflow_that_does_not_load_is_read_once_and_makes_nothing_live(
        desk: Newsroom, monkeypatch: pytest.MonkeyPatch) -> None:
    (desk.root / "workflows" / "broken.yaml").write_text("stages: [\n", encoding="utf-8")
    loads: list[Path] = []
    original = workflow_module.load_workflow

    def counted(path: Path, **kwargs: Any) -> workflow_module.Workflow:
        loads.append(path)
        return original(path, **kwargs)

    monkeypatch.setattr(workflow_module, "load_workflow", counted)
    core = CoreNewsroom(desk.root)
    for _ in range(3):
        assert not core.is_live({"stage": "online", "workflow": "broken"})
        assert not core.is_terminal({"stage": "taken-down", "workflow": "broken"})
        assert not core.is_live({"stage": "online", "workflow": "../renamed"})
        assert core.is_live({"stage": "online"})
        assert not core.is_live({"stage": "published"})
        assert core.is_terminal({"stage": "taken-down", "workflow": "renamed"})
        # Front matter is hand-edited text: a stage that is not a name is neither.
        assert not core.is_terminal({"stage": ["taken-down"], "workflow": "renamed"})
        assert not core.is_live({"stage": None, "workflow": "broken"})
        assert core.is_live({"stage": "published", "workflow": "translation"})
    assert sorted(path.name for path in loads) == ["broken.yaml", "renamed.yaml",
                                                   "translation.yaml"]
