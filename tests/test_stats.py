"""`editorial stats`: figures worked out by hand from histories, and the charts on real desks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from editorial.cli.main import cli
from editorial.core import effects, gates
from editorial.core.config import Person
from editorial.core.review.stats import compute_stats
from editorial.core.workflow import builtin_dir, load_workflow
from testing.newsroom import Newsroom, demo_newsroom

WORKFLOW = load_workflow(builtin_dir() / "translation.yaml", gate_arguments=gates.ARGUMENTS,
                         effect_names=effects.EFFECTS)
PEOPLE = {pid: Person(pid, pid.title(), "", frozenset(roles)) for pid, roles in
          {"dana": {"editor", "publisher"}, "hana": {"editor"}, "tariq": {"translator"},
           "sami": {"translator", "editor"}}.items()}
CHART_TITLES = ("Published per week", "Median hours in stage", "Open items per person",
                "Median edit rate of each translator's translations")


def _article(stage: str, translator: str, editor: str, steps: list[tuple[str, str, str]],
             edit_rate: float | None = None) -> dict[str, Any]:
    """Front matter with a history of (at, action, stage entered) steps."""
    history, before = [], None
    for at, action, to in steps:
        history.append({"at": f"2026-03-{at}:00Z", "by": "dana", "action": action,
                        "from": before, "to": to})
        before = to
    meta: dict[str, Any] = {"stage": stage, "translator": translator, "editor": editor,
                            "history": history}
    if edit_rate is not None:
        meta["edit_metrics"] = {"edit_rate": edit_rate}
    return meta


ARTICLES = [
    _article("published", "tariq", "hana", [
        ("02T08:00", "new", "source"), ("02T10:00", "assign", "translation"),
        ("03T10:00", "submit", "editing"), ("03T16:00", "approve", "disclaimer"),
        ("03T17:00", "disclaim", "ready"), ("04T09:00", "publish", "published"),
        ("05T09:00", "correct", "published")], edit_rate=0.1),
    _article("published", "tariq", "hana", [
        ("09T08:00", "new", "source"), ("09T12:00", "assign", "translation"),
        ("10T00:00", "submit", "editing"), ("10T02:00", "approve", "disclaimer"),
        ("10T03:00", "disclaim", "ready"), ("16T09:00", "publish", "published")],
        edit_rate=0.3),
    _article("translation", "sami", "hana", [
        ("10T09:00", "new", "source"), ("10T09:30", "assign", "translation")]),
    _article("editing", "tariq", "dana", [
        ("11T00:00", "new", "source"), ("11T06:00", "assign", "translation"),
        ("12T06:00", "submit", "editing")]),
    _article("spiked", "sami", "hana", [
        ("01T00:00", "new", "source"), ("01T01:00", "assign", "translation"),
        ("02T01:00", "spike", "spiked")]),
]


def test_figures_match_the_histories_worked_by_hand() -> None:
    stats = compute_stats(ARTICLES, people=PEOPLE, workflow=WORKFLOW).to_json()
    assert stats["published_per_week"] == [
        {"week": "2026-W10", "start": "2026-03-02", "count": 1},
        {"week": "2026-W11", "start": "2026-03-09", "count": 0},
        {"week": "2026-W12", "start": "2026-03-16", "count": 1},
    ]
    # source 2, 4, 0.5, 6, 1 h; translation 24, 12, 24, 24 h; editing 6, 2 h;
    # disclaimer 1, 1 h; ready 16, 150 h. No article has left published or spiked.
    assert stats["median_hours_in_stage"] == {
        "source": 2.0, "translation": 24.0, "editing": 4.0, "disclaimer": 1.0, "ready": 83.0}
    assert stats["stays_in_stage"]["translation"] == 4
    people = {person["id"]: person for person in stats["people"]}
    assert {pid: p["open_items"] for pid, p in people.items()} == {
        "dana": 1, "hana": 1, "tariq": 1, "sami": 1}
    assert people["hana"]["open_as"] == {"translator": 0, "editor": 1}
    assert people["tariq"]["median_edit_rate"] == 0.2
    assert people["tariq"]["translations_measured"] == 2
    assert people["sami"]["median_edit_rate"] is None


def test_since_leaves_out_what_happened_before() -> None:
    from datetime import UTC, datetime

    since = datetime(2026, 3, 10, tzinfo=UTC)
    stats = compute_stats(ARTICLES, people=PEOPLE, workflow=WORKFLOW, since=since).to_json()
    assert stats["since"] == "2026-03-10"
    assert [week["count"] for week in stats["published_per_week"]] == [0, 1]
    assert stats["median_hours_in_stage"]["editing"] == 2.0
    tariq = next(person for person in stats["people"] if person["id"] == "tariq")
    assert tariq["median_edit_rate"] == 0.3
    assert tariq["open_items"] == 1


def _assert_every_chart_drawn(output: str, *, without_bars: tuple[str, ...] = ()) -> None:
    """Each chart is there with a row, and a bar unless its figures may all be zero."""
    lines = output.splitlines()
    assert all(len(line) <= 80 for line in lines)
    for title in CHART_TITLES:
        start = next(index for index, line in enumerate(lines) if line.startswith(title))
        first_row = lines[start + 1]
        assert first_row.startswith("  ") and first_row.split()[-1][-1] in "0123456789)"
        if title not in without_bars:
            assert "█" in first_row, (title, first_row)


def test_stats_on_a_desk_built_with_the_commands(newsroom: Newsroom) -> None:
    published = newsroom.new_article(article_id="water-station")
    newsroom.advance_to(published, "editing")
    newsroom.write_body(published, "article.md",
                        newsroom.body(published).replace("about", "some"))
    newsroom.advance_to(published, "published")
    waiting = newsroom.new_article(article_id="second-story")
    newsroom.advance_to(waiting, "translation")

    result = newsroom.ok("stats")
    assert "\x1b[" not in result.stdout
    # The commands ran within seconds of each other: every stay rounds to 0 hours.
    _assert_every_chart_drawn(result.stdout, without_bars=("Median hours in stage",))
    assert "  source  " in result.stdout and "0h (2 stays)" in result.stdout

    stats = json.loads(newsroom.ok("stats", "--json").stdout)
    assert sum(week["count"] for week in stats["published_per_week"]) == 1
    assert set(stats["median_hours_in_stage"]) >= {"source", "translation", "editing"}
    people = {person["id"]: person for person in stats["people"]}
    recorded = newsroom.meta(published)["edit_metrics"]
    assert isinstance(recorded, dict)
    assert people["tariq"]["median_edit_rate"] == recorded["edit_rate"] > 0
    assert people["tariq"]["open_items"] == 1

    bad = newsroom.run("stats", "--since", "last week")
    assert bad.exit_code == 2


@pytest.mark.slow  # the demo newsroom
def test_stats_on_the_demo_newsroom_draws_every_chart(tmp_path: Path) -> None:
    target = demo_newsroom(tmp_path).root
    runner = CliRunner()
    result = runner.invoke(cli, ["--repo", str(target), "stats"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    _assert_every_chart_drawn(result.stdout)
    stats = json.loads(runner.invoke(cli, ["--repo", str(target), "stats", "--json"]).stdout)
    assert stats["published_per_week"] and stats["median_hours_in_stage"]
    assert sum(person["median_edit_rate"] is not None for person in stats["people"]) >= 2


def test_charts_render_the_same_every_time() -> None:
    import io

    from rich.console import Console

    from editorial.render.stats import print_stats
    from testing.golden import assert_golden

    out = io.StringIO()
    console = Console(file=out, width=80, no_color=True, markup=False, highlight=False)
    print_stats(console, compute_stats(ARTICLES, people=PEOPLE, workflow=WORKFLOW))
    assert_golden("stats_plain.txt", out.getvalue())


def test_the_figures_take_publication_from_the_workflow(tmp_path: Path) -> None:
    """A desk's own workflow whose live stage has another name is counted all the same."""
    path = tmp_path / "wire.yaml"
    path.write_text("stages:\n  draft: {}\n  online: {live: true}\n  killed: {terminal: true}\n"
                    "transitions:\n"
                    "  - {action: release, from: draft, to: online, role: editor}\n"
                    "  - {action: kill, from: [draft, online], to: killed, role: editor}\n",
                    encoding="utf-8")
    workflow = load_workflow(path, gate_arguments=gates.ARGUMENTS, effect_names=effects.EFFECTS)
    released = _article("online", "tariq", "hana", [
        ("02T08:00", "new", "draft"), ("03T08:00", "release", "online")])
    waiting = _article("draft", "sami", "hana", [("04T08:00", "new", "draft")])
    stats = compute_stats([released, waiting], people=PEOPLE, workflow=workflow)
    assert [week.count for week in stats.published_per_week] == [1]
    assert {p.id: p.open_items for p in stats.people if p.open_items} == {"sami": 1, "hana": 1}
