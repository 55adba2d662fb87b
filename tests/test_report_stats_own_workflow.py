"""The dashboard and `stats` judge an article published, in progress or taken down by its own
workflow's stages, not by the desk's workflow only: a desk may hold articles on several."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from editorial.cli.main import cli
from editorial.core import effects, gates
from editorial.core.config import Person
from editorial.core.newsroom import Newsroom as CoreNewsroom
from editorial.core.review.stats import compute_stats
from editorial.core.workflow import NO_PHASES, Phases, builtin_dir, load_workflow
from testing.newsroom import Newsroom, built_once, renamed_workflow

# On the built-in workflow: one live, one withdrawn. On the desk's own `renamed` workflow,
# whose live stage is `online` and withdrawn one `taken-down`: the same.
LIVE = {"harbour-reopens": "published", "footbridge-opens": "online"}
TAKEN_DOWN = {"harbour-closes": "withdrawn", "footbridge-delayed": "taken-down"}


def build(newsroom: Newsroom) -> None:
    """Articles on the built-in workflow while it is the desk's, then the desk's own
    workflow adopted and articles on it; each article names its workflow."""
    for article_id in ("harbour-reopens", "harbour-closes"):
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, "published")
    newsroom.ok("unpublish", "harbour-closes", "--reason", "The port denied the closure.")
    newsroom.adopt_workflow("renamed", renamed_workflow(), "name the live stage 'online'")
    for article_id in ("footbridge-opens", "footbridge-delayed"):
        newsroom.new_article(article_id=article_id)
        newsroom.advance_to(article_id, "online")
    newsroom.ok("unpublish", "footbridge-delayed", "--reason", "The opening was postponed.")


@pytest.fixture(params=["renamed", "translation"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Newsroom:
    """The desk above, with either workflow as the desk's: the other's articles must count
    all the same."""
    newsroom = built_once(tmp_path, build)
    if request.param == "translation":
        config = newsroom.path("editorial.yaml")
        config.write_text(config.read_text(encoding="utf-8").replace(
            "workflow: renamed", "workflow: translation"), encoding="utf-8")
        newsroom.commit_all("back to the built-in workflow")
    return newsroom


def test_the_desk_is_built_as_the_tests_say(desk: Newsroom) -> None:
    for article_id, stage in {**LIVE, **TAKEN_DOWN}.items():
        assert desk.meta(article_id)["stage"] == stage
    assert {article_id: desk.meta(article_id)["workflow"] for article_id in LIVE} == {
        "harbour-reopens": "translation", "footbridge-opens": "renamed"}


def test_stats_count_the_publications_of_every_workflow(desk: Newsroom) -> None:
    stats = json.loads(desk.ok("stats", "--json", as_person=None).stdout)
    # Each of the four articles was published once, the withdrawn ones before they left.
    assert sum(week["count"] for week in stats["published_per_week"]) == 4


class Sections(HTMLParser):
    """The article ids (the `<code>` in each row) of each section of the dashboard."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, list[str]] = {}
        self.section: str | None = None
        self.in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.section = dict(attrs).get("id")
        self.in_code = tag == "code"

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.section = None
        self.in_code = False

    def handle_data(self, data: str) -> None:
        if self.in_code and self.section is not None:
            self.ids.setdefault(self.section, []).append(data)


def test_the_dashboard_lists_the_published_and_withdrawn_of_every_workflow(
        desk: Newsroom, tmp_path: Path) -> None:
    target = tmp_path / "site"
    result = CliRunner().invoke(cli, ["--repo", str(desk.root), "report", "--html",
                                      str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    sections = Sections()
    sections.feed((target / "index.html").read_text(encoding="utf-8"))
    assert sorted(sections.ids["calendar"]) == sorted(LIVE)
    assert sorted(sections.ids["withdrawn"]) == sorted(TAKEN_DOWN)


def test_phases_are_those_of_the_workflow_front_matter_names(desk: Newsroom) -> None:
    (desk.root / "workflows" / "broken.yaml").write_text("stages: [\n", encoding="utf-8")
    core = CoreNewsroom(desk.root)
    renamed = core.phases({"workflow": "renamed"})
    assert renamed.live == "online" and renamed.after_publication == {"taken-down"}
    builtin = core.phases({"workflow": "translation"})
    assert builtin.live == "published" and builtin.after_publication == {"withdrawn"}
    assert renamed.in_progress == builtin.in_progress
    assert "source" in renamed.in_progress and "online" not in renamed.in_progress
    # Front matter that names none is on the desk's; one that does not load has nothing.
    assert core.phases({}) == core.phases({"workflow": core.config.workflow})
    assert core.phases({"workflow": "broken"}) == NO_PHASES
    # Kept by name: asked again, the same object, not a workflow read again.
    assert core.phases({"workflow": "renamed"}) is renamed


def test_open_items_are_counted_by_each_article_s_own_workflow(tmp_path: Path) -> None:
    """An article waiting in a stage only its own workflow has is still work in progress, and
    its release a publication."""
    path = tmp_path / "wire.yaml"
    path.write_text("stages:\n  draft: {}\n  out: {live: true}\n"
                    "transitions:\n  - {action: release, from: draft, to: out, role: editor}\n",
                    encoding="utf-8")
    workflows = {name: load_workflow(file, gate_arguments=gates.ARGUMENTS,
                                     effect_names=effects.EFFECTS)
                 for name, file in {"wire": path,
                                    "translation": builtin_dir() / "translation.yaml"}.items()}
    people = {"tariq": Person("tariq", "Tariq", "", frozenset({"translator"}))}

    def wire(stage: str, steps: list[tuple[str, str]]) -> dict[str, Any]:
        history = [{"at": at, "by": "dana", "action": "step", "from": before, "to": to}
                   for (at, to), before in zip(steps, [None, *(to for _, to in steps)],
                                               strict=False)]
        return {"workflow": "wire", "stage": stage, "translator": "tariq", "history": history}

    articles = [wire("draft", [("2026-03-02T08:00:00Z", "draft")]),
                wire("out", [("2026-03-02T08:00:00Z", "draft"),
                             ("2026-03-03T08:00:00Z", "out")])]
    stats = compute_stats(
        articles, people=people, workflow=workflows["translation"],
        phases=lambda meta: Phases.of(workflows[str(meta.get("workflow"))]))
    assert [week.count for week in stats.published_per_week] == [1]
    [tariq] = stats.people
    assert (tariq.open_items, tariq.open_as["translator"]) == (1, 1)
