"""Every rule, gate and effect is registered where it is defined, documented, and found by
the workflow loader from its registry alone: a toy gate and a toy effect registered here run
in a step of a newsroom's own workflow with no other change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editorial.core import effects, gates
from editorial.core.checks import load_rules
from editorial.core.registry import Registry
from editorial.core.step import ARGUMENTS, EFFECTS, GATES, StepContext, gate
from testing.newsroom import Newsroom

ROOT = Path(__file__).resolve().parent.parent


def documentation() -> str:
    """The README and every page of docs/: where a newcomer looks a name up."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def undocumented(registry: Registry[Any]) -> list[str]:
    text = documentation()
    return [name for name in registry
            if not re.search(rf"`{re.escape(name)}(?![a-z0-9-])", text)]


def test_the_registries_hold_what_the_modules_define() -> None:
    # The documentation tests below would pass on empty registries.
    assert {"glossary", "numbers", "transition", "governance"} <= set(load_rules())
    assert gates.GATES is GATES and "checks" in GATES and set(ARGUMENTS) == set(GATES)
    assert effects.EFFECTS is EFFECTS and "freeze-translation" in EFFECTS


@pytest.mark.parametrize("kind", ["rule", "gate", "effect"])
def test_everything_registered_is_documented(kind: str) -> None:
    registries: dict[str, Registry[Any]] = {"rule": load_rules(), "gate": GATES,
                                            "effect": EFFECTS}
    assert undocumented(registries[kind]) == []


def test_an_undocumented_name_is_found() -> None:
    toy: Registry[int] = Registry("toy")
    toy.add("freeze-translation", 1)
    toy.add("freeze-translationx", 2)
    toy.add("no-such-thing-anywhere", 3)
    assert undocumented(toy) == ["freeze-translationx", "no-such-thing-anywhere"]


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="effect 'record-editor' is registered twice"):
        EFFECTS.add("record-editor", effects.record_editor)


TOY_WORKFLOW = """\
name: toy
stages:
  draft: {description: being written}
  stamped: {description: stamped by the desk, color: green}
transitions:
  - action: stamp
    from: [draft]
    to: stamped
    role: publisher
    gates:
      - toy-title-has: water
    effects: [toy-stamp]
"""


def title_has(value: object) -> str | None:
    return None if isinstance(value, str) and value else "needs a word"


@pytest.fixture
def toys() -> Iterator[None]:
    """A gate and an effect registered the way gates.py and effects.py register theirs."""

    @gate("toy-title-has", argument=title_has)
    def toy_title_has(step: StepContext, word: Any) -> list[str]:
        title = str(step.article.meta.get("title", ""))
        return [] if word in title.lower() else [f"the title does not mention {word}"]

    @EFFECTS.register("toy-stamp")
    def toy_stamp(step: StepContext) -> None:
        step.article.meta["stamped_by"] = step.actor.id

    yield
    GATES.remove("toy-title-has")
    ARGUMENTS.remove("toy-title-has")
    EFFECTS.remove("toy-stamp")


def adopt_toy_workflow(newsroom: Newsroom) -> None:
    newsroom.adopt_workflow("toy", TOY_WORKFLOW, "a workflow of the desk's own")


def test_a_toy_gate_and_effect_run_in_a_step(newsroom: Newsroom, toys: None) -> None:
    adopt_toy_workflow(newsroom)
    article_id = newsroom.new_article()

    def retitle(title: str) -> None:
        newsroom.edit(article_id, lambda document: document.meta.update(title=title))
        newsroom.commit_all("retitle")

    retitle("A new station opens in the east")
    refusal = newsroom.refuses("move", article_id, "stamp")
    assert "the title does not mention water" in refusal

    retitle("New water station opens in the east")
    newsroom.ok("move", article_id, "stamp")
    meta = newsroom.meta(article_id)
    assert (meta["stage"], meta["stamped_by"]) == ("stamped", "dana")


def test_without_the_toys_the_workflow_names_unknown_ones(newsroom: Newsroom) -> None:
    adopt_toy_workflow(newsroom)
    source = newsroom.root.parent / "source.txt"
    source.write_text("افتتحت محطة مياه جديدة في شرق المدينة.\n", encoding="utf-8")
    refusal = newsroom.refuses("new", str(source), "--lang", "ar", "--title", "Water",
                               exit_code=2)
    assert "workflows/toy.yaml" in refusal and "unknown gate 'toy-title-has'" in refusal
