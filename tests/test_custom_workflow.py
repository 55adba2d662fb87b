"""A newsroom adds a stage in its own workflow file: no code changes, just YAML."""

from __future__ import annotations

import json

import yaml

from editorial.core.workflow import builtin_dir
from testing.newsroom import Newsroom


def legal_workflow() -> str:
    """The built-in workflow with a `legal` review between approval and the disclaimer."""
    data = yaml.safe_load((builtin_dir() / "translation.yaml").read_text(encoding="utf-8"))
    data["name"] = "legal"
    stages = data["stages"]
    order = list(stages)
    order.insert(order.index("disclaimer"), "legal")
    stages["legal"] = {"description": "the lawyers are reading it", "color": "red"}
    data["stages"] = {name: stages[name] for name in order}
    for transition in data["transitions"]:
        if transition["action"] == "approve":
            transition["to"] = "legal"
        if transition["action"] == "spike":
            transition["from"].append("legal")
    data["transitions"].append({"action": "clear-legal", "from": ["legal"], "to": "disclaimer",
                                "role": "publisher", "note": "required"})
    return yaml.safe_dump(data, sort_keys=False)


def adopt_legal_workflow(newsroom: Newsroom) -> None:
    """Add workflows/legal.yaml to the newsroom and make it the desk's default, by hand."""
    newsroom.path("workflows").mkdir()
    newsroom.path("workflows", "legal.yaml").write_text(legal_workflow(), encoding="utf-8")
    config = newsroom.path("editorial.yaml")
    config.write_text(config.read_text(encoding="utf-8").replace("workflow: translation",
                                                                 "workflow: legal"),
                      encoding="utf-8")
    newsroom.commit_all("add a legal review")


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

    newsroom.ok("disclaim", article_id, as_person="hana")
    newsroom.ok("publish", article_id)
    assert newsroom.meta(article_id)["stage"] == "published"


def test_an_article_keeps_its_own_workflow(newsroom: Newsroom) -> None:
    """An article names its workflow; changing the desk's default does not move it."""
    article_id = newsroom.new_article()
    adopt_legal_workflow(newsroom)
    newsroom.advance_to(article_id, "editing")
    newsroom.ok("approve", article_id, as_person="hana")
    assert newsroom.meta(article_id)["stage"] == "disclaimer"
