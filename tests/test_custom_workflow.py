"""A newsroom adds a stage in its own workflow file: no code changes, just YAML."""

from __future__ import annotations

import json

import yaml

from editorial.core.workflow import builtin_dir
from testing.newsroom import Newsroom


def legal_workflow(before: str = "disclaimer") -> str:
    """The built-in workflow with a `legal` review just before the stage `before`: what led
    to `before` leads to `legal`, and `clear-legal` goes on to `before`."""
    data = yaml.safe_load((builtin_dir() / "translation.yaml").read_text(encoding="utf-8"))
    data["name"] = "legal"
    stages = data["stages"]
    order = list(stages)
    order.insert(order.index(before), "legal")
    stages["legal"] = {"description": "the lawyers are reading it", "color": "red"}
    data["stages"] = {name: stages[name] for name in order}
    for transition in data["transitions"]:
        if transition["to"] == before and before not in transition["from"]:
            transition["to"] = "legal"
        if transition["action"] == "spike":
            transition["from"].append("legal")
    data["transitions"].append({"action": "clear-legal", "from": ["legal"], "to": before,
                                "role": "publisher", "note": "required"})
    return yaml.safe_dump(data, sort_keys=False)


def adopt_legal_workflow(newsroom: Newsroom, text: str | None = None) -> None:
    """Add workflows/legal.yaml (`text`, or the legal review before the disclaimer) to the
    newsroom and make it the desk's default, by hand."""
    newsroom.adopt_workflow("legal", text or legal_workflow(), "add a legal review")


def test_a_newsroom_workflow_with_an_extra_stage(newsroom: Newsroom) -> None:
    adopt_legal_workflow(newsroom)

    article_id = newsroom.new_article()
    assert newsroom.meta(article_id)["workflow"] == "legal"
    newsroom.advance_to(article_id, "editing")
    newsroom.ok("approve", article_id, as_person="hana")
    assert newsroom.meta(article_id)["stage"] == "legal"

    listed = json.loads(newsroom.ok("status", "--json").stdout)["articles"]
    assert [(a["id"], a["stage"]) for a in listed] == [(article_id, "legal")]
    assert "legal" in newsroom.ok("status").stdout

    # The new stage's rules hold: its role, its note, and the steps that skip it.
    newsroom.refuses("disclaim", article_id, as_person="hana")
    newsroom.refuses("move", article_id, "clear-legal", "--note", "fine", as_person="hana")
    newsroom.refuses("move", article_id, "clear-legal", exit_code=2)
    newsroom.ok("move", article_id, "clear-legal", "--note", "nothing actionable")
    meta = newsroom.meta(article_id)
    assert meta["stage"] == "disclaimer"
    history = meta["history"]
    assert isinstance(history, list)
    assert history[-1] == {**history[-1], "action": "clear-legal", "from": "legal",
                           "to": "disclaimer", "by": "dana", "note": "nothing actionable"}
    subject = newsroom.git("log", "-1", "--format=%s").strip()
    assert subject == "clear-legal: water-station (legal -> disclaimer)"

    # On from the stage it gave way to, along whatever stages follow.
    newsroom.advance_to(article_id, "published")
    assert newsroom.meta(article_id)["stage"] == "published"


def test_an_article_keeps_its_own_workflow(newsroom: Newsroom) -> None:
    """An article names its workflow; changing the desk's default does not move it."""
    article_id = newsroom.new_article()
    adopt_legal_workflow(newsroom)
    newsroom.advance_to(article_id, "editing")
    newsroom.ok("approve", article_id, as_person="hana")
    assert newsroom.meta(article_id)["stage"] == "disclaimer"


def test_the_toolkit_walks_any_workflow_and_the_commands_follow(newsroom: Newsroom) -> None:
    """A stage like a built-in one, between the disclaimer and publication: the toolkit's walk
    takes it from the workflow (so tests that walk articles do not spell out stages), and
    status, show and check treat it as any other stage."""
    built_in = newsroom.stages_to("published")
    adopt_legal_workflow(newsroom, legal_workflow(before="ready"))
    ready = built_in.index("ready")
    assert newsroom.stages_to("published") == [*built_in[:ready], "legal", *built_in[ready:]]

    held = newsroom.new_article(article_id="held-back")
    newsroom.advance_to(held, "legal")
    assert newsroom.meta(held)["stage"] == "legal"
    listed = json.loads(newsroom.ok("status", "--json").stdout)["articles"]
    assert [(a["id"], a["stage"]) for a in listed] == [(held, "legal")]
    assert "1 article: 1 legal" in newsroom.ok("status").stdout
    assert "legal" in newsroom.ok("show", held).stdout
    newsroom.refuses("publish", held)  # the review is not skipped

    cleared = newsroom.new_article(article_id="cleared")
    newsroom.advance_to(cleared, "published")
    history = newsroom.meta(cleared)["history"]
    assert isinstance(history, list)
    assert [entry["to"] for entry in history] == newsroom.stages_to("published")
    assert [entry["action"] for entry in history][-2:] == ["clear-legal", "publish"]
    assert newsroom.check().exit_code == 0, newsroom.check().output
