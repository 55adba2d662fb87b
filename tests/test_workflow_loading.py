"""A workflow file is read part by part, and each wrong part is one configuration error
with the file and the line where it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial.core import effects, gates
from editorial.core.workflow import (
    GateSpec,
    Workflow,
    builtin_dir,
    load_workflow,
)
from editorial.errors import ConfigError

WORKFLOW = """\
name: wire
description: Short wire stories, checked once.
stages:
  incoming:
    description: Just in from the wire
  checking:
    color: yellow
  out:
    listed: false
transitions:
  - action: take
    from: incoming
    to: checking
    role: editor
    actor: editor
    gates: [translation-not-empty, {metadata: [title]}]
  - action: release
    from: [checking]
    to: out
    role: [editor, chief]
    four_eyes: true
    note: required
    effects: [freeze-translation]
"""


def load(tmp_path: Path, text: str) -> Workflow:
    path = tmp_path / "wire.yaml"
    path.write_text(text, encoding="utf-8")
    return load_workflow(path, gate_arguments=gates.ARGUMENTS, effect_names=effects.EFFECTS)


def test_a_workflow_as_written(tmp_path: Path) -> None:
    workflow = load(tmp_path, WORKFLOW)
    assert workflow.name == "wire"
    assert workflow.description == "Short wire stories, checked once."
    assert [(s.name, s.description, s.color, s.listed) for s in workflow.stages.values()] == [
        ("incoming", "Just in from the wire", "white", True),
        ("checking", "", "yellow", True),
        ("out", "", "white", False)]
    # A workflow that marks no stage publishes nothing, and ends nobody's life.
    assert workflow.live_stage is None
    assert not any(workflow.is_terminal(stage) for stage in workflow.stages)
    take, release = workflow.transitions
    assert (take.action, take.sources, take.target, take.roles, take.actor_key) == (
        "take", ("incoming",), "checking", ("editor",), "editor")
    assert take.gates == (GateSpec("translation-not-empty"), GateSpec("metadata", ["title"]))
    assert (take.four_eyes, take.note_required, take.effects) == (False, False, ())
    assert (release.sources, release.roles, release.four_eyes, release.note_required,
            release.effects) == (("checking",), ("editor", "chief"), True, True,
                                 ("freeze-translation",))


@pytest.mark.parametrize(("old", "new", "line", "expected"), [
    (WORKFLOW, "- just a list\n", 1,
     "a workflow must be a mapping with 'stages' and 'transitions'"),
    ("name: wire", "name: [wire]", 1, "'name' must be text"),
    ("stages:\n  incoming:\n    description: Just in from the wire\n  checking:\n"
     "    color: yellow\n  out:\n    listed: false\n", "stages: {}\n", 3,
     "'stages' must map stage names to their settings"),
    ("  out:\n    listed: false", "  out: [listed]", 8,
     "stage 'out' must be a name with a mapping of settings"),
    ("    listed: false", "    listed: 'no'", 8,
     "stages.out: 'listed' is true or false, 'color' a colour name"),
    ("    color: yellow", "    color: 3", 6,
     "stages.checking: 'listed' is true or false, 'color' a colour name"),
    ("transitions:\n", "transitions: {}\nunused:\n", 10, "'transitions' must be a list"),
    ("  - action: take\n", "  - take\n  - action: take\n", 11,
     "transitions[0] must be a mapping"),
    ("action: take", "action: ''", 11, "transitions[0] needs an 'action'"),
    ("    from: incoming", "    from: []", 12, "transitions[0] (take): 'from' must list stages"),
    ("    to: out", "    to: away", 17, "transitions[1] (release): unknown stage 'away'"),
    ("    from: [checking]", "    from: [checking, limbo]", 17,
     "transitions[1] (release): unknown stage 'limbo'"),
    ("    role: [editor, chief]", "    role: [editor, 2]", 20,
     "transitions[1] (release): 'role' must name a role"),
    ("    actor: editor", "    actor: [editor]", 15,
     "transitions[0] (take): 'actor' names a front matter key"),
    ("    effects: [freeze-translation]", "    effects: freeze-translation", 23,
     "transitions[1] (release): 'effects' must be a list"),
    ("    effects: [freeze-translation]", "    effects: [melt]", 23,
     "transitions[1] (release): unknown effect 'melt' (effects take no argument); known: "),
    ("gates: [translation-not-empty,", "gates: [moon-is-full,", 16,
     "transitions[0] (take): unknown gate 'moon-is-full'; known: "),
    ("    four_eyes: true", "    four_eyes: 1", 21,
     "transitions[1] (release): 'four_eyes' is true or false"),
    ("    listed: false", "    listed: false\n    live: 'yes'", 10,
     "stages.out: 'live' is true or false"),
    ("    listed: false", "    listed: false\n    terminal: 1", 10,
     "stages.out: 'terminal' is true or false"),
    ("    listed: false", "    listed: false\n    live: true\n    terminal: true", 11,
     "stages.out: a live stage is not terminal"),
    ("    color: yellow\n  out:\n    listed: false",
     "    color: yellow\n    live: true\n  out:\n    listed: false\n    live: true", 11,
     "stages.out: only one stage is live (the one whose articles are on the site), and "
     "checking already is"),
    ("    color: yellow", "    color: yellow\n    terminal: true", 19,
     "transitions[1] (release): leaves checking, a terminal stage"),
])
def test_each_wrong_part_is_named_with_its_line(tmp_path: Path, old: str, new: str,
                                                line: int, expected: str) -> None:
    assert old in WORKFLOW
    with pytest.raises(ConfigError) as raised:
        load(tmp_path, WORKFLOW.replace(old, new, 1))
    assert str(raised.value.message).startswith(expected)
    assert raised.value.line == line
    assert raised.value.path == tmp_path / "wire.yaml"


def test_stage_properties_as_written(tmp_path: Path) -> None:
    workflow = load(tmp_path, WORKFLOW.replace("    listed: false", "    terminal: true")
                    .replace("    color: yellow", "    color: yellow\n    live: true"))
    assert workflow.live_stage == "checking"
    assert [s for s in workflow.stages if workflow.is_terminal(s)] == ["out"]
    assert not workflow.is_terminal("no-such-stage")


def test_the_default_workflow_names_its_special_stages(tmp_path: Path) -> None:
    """The spec's contract, said once in the workflow file: what publishing, `check`, the
    memory and `stats` take as live, and the stages no step leaves."""
    builtin = (builtin_dir() / "translation.yaml").read_text(encoding="utf-8")
    workflow = load(tmp_path, builtin)
    assert workflow.live_stage == "published"
    assert [s for s in workflow.stages if workflow.is_terminal(s)] == ["withdrawn", "spiked"]



def test_the_built_in_workflow_is_the_specs(tmp_path: Path) -> None:
    """The one test that holds the built-in stages and transitions to the spec's table (its
    "The default workflow"): every other test walks an article along whatever the workflow
    says, so a stage added to the built-in workflow fails here, and only here, until the
    spec says the same."""
    workflow = load(tmp_path, (builtin_dir() / "translation.yaml").read_text(encoding="utf-8"))
    assert list(workflow.stages) == ["source", "translation", "editing", "disclaimer", "ready",
                                     "published", "withdrawn", "spiked"]
    before_publication = ("source", "translation", "editing", "disclaimer", "ready")
    assert {(t.action, t.sources, t.target, t.roles, t.four_eyes)
            for t in workflow.transitions} == {
        ("assign", ("source",), "translation", ("editor",), False),
        ("submit", ("translation",), "editing", ("translator",), False),
        ("approve", ("editing",), "disclaimer", ("editor",), True),
        ("return", ("editing",), "translation", ("editor",), False),
        ("disclaim", ("disclaimer",), "ready", ("editor",), False),
        # Idempotent: again once ready.
        ("disclaim", ("ready",), "ready", ("editor",), False),
        ("publish", ("ready",), "published", ("publisher",), False),
        # Publishing again rewrites outputs; `publish --at` schedules, staying ready.
        ("publish", ("published",), "published", ("publisher",), False),
        ("schedule", ("ready",), "ready", ("publisher",), False),
        ("correct", ("published",), "published", ("editor",), False),
        ("unpublish", ("published",), "withdrawn", ("publisher",), False),
        ("spike", before_publication, "spiked", ("editor",), False),
    }
    # The translator submits their own work only.
    assert workflow.transitions_for("submit")[0].actor_key == "translator"

def test_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="workflow file not found"):
        load_workflow(tmp_path / "none.yaml", gate_arguments=gates.ARGUMENTS,
                      effect_names=effects.EFFECTS)
    with pytest.raises(ConfigError) as raised:
        load(tmp_path, "stages: [unclosed\n")
    assert raised.value.line is not None
