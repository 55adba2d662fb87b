"""Workflow definitions read from YAML, and the engine that decides whether a step may be taken.

A workflow is data (see `workflows/translation.yaml`): stages in desk order, and transitions
each with an action, the stages it leaves from, the stage it reaches, the role it needs, the
gates that must hold and the effects it has. Code only supplies the named gates and effects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editorial.core import yamlio
from editorial.core.files import refuse_links
from editorial.errors import ConfigError, NotFoundError

WORKFLOWS_DIR = "workflows"
DEFAULT_WORKFLOW = "translation"
# Given what follows a gate's name in a workflow, what is wrong with it (None when nothing).
ArgumentCheck = Callable[[object], str | None]


@dataclass(frozen=True)
class Stage:
    name: str
    description: str = ""
    color: str = "white"
    listed: bool = True
    # Its articles are on the site (the workflow's one `live: true` stage): what publishing,
    # `check`, the memory and the figures mean by "published".
    live: bool = False
    # An article here has ended its life (withdrawn, spiked): no transition leaves it.
    terminal: bool = False


@dataclass(frozen=True)
class GateSpec:
    name: str
    argument: Any = None


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    actor_key: str | None = None
    four_eyes: bool = False
    note_required: bool = False
    gates: tuple[GateSpec, ...] = ()
    effects: tuple[str, ...] = ()


@dataclass
class Workflow:
    name: str
    path: Path
    description: str
    stages: dict[str, Stage]
    transitions: list[Transition] = field(default_factory=list)

    @property
    def initial(self) -> str:
        return next(iter(self.stages))

    @property
    def live_stage(self) -> str | None:
        """The stage whose articles are on the site; None in a workflow that publishes
        nothing."""
        return next((stage.name for stage in self.stages.values() if stage.live), None)

    def is_terminal(self, stage: str) -> bool:
        found = self.stages.get(stage)
        return found is not None and found.terminal

    def stage_rank(self, stage: str) -> int:
        for rank, name in enumerate(self.stages):
            if name == stage:
                return rank
        return len(self.stages)

    def actions(self) -> list[str]:
        return list(dict.fromkeys(t.action for t in self.transitions))

    def transitions_for(self, action: str) -> list[Transition]:
        return [t for t in self.transitions if t.action == action]

    def find(self, action: str, stage: str) -> Transition | None:
        for transition in self.transitions:
            if transition.action == action and stage in transition.sources:
                return transition
        return None

    def way(self, current: str, stage: str) -> list[Transition]:
        """The fewest transitions that take an article from `current` to `stage` (the first
        written wins a tie), through no terminal stage: how the demo, and the tests, walk an
        article along whatever stages the workflow has. Empty where `current` is `stage`."""
        ways: dict[str, list[Transition]] = {current: []}
        frontier = [current]
        while frontier and stage not in ways:
            following: list[str] = []
            for here in frontier:
                if self.is_terminal(here):
                    continue
                for transition in self.transitions:
                    if here in transition.sources and transition.target not in ways:
                        ways[transition.target] = [*ways[here], transition]
                        following.append(transition.target)
            frontier = following
        if stage not in ways:
            raise NotFoundError(f"the workflow {self.name!r} has no way from stage {current!r} "
                                f"to {stage!r}")
        return ways[stage]

    def available_from(self, stage: str) -> list[str]:
        return [t.action for t in self.transitions if stage in t.sources]


def open_stages(workflow: Workflow) -> set[str]:
    """The stages from which an article can still reach publication: work in progress."""
    live = workflow.live_stage
    if live is None:
        return {t_source for t in workflow.transitions for t_source in t.sources
                if t.target != t_source}
    reaching = {live}
    grew = True
    while grew:
        grew = False
        for transition in workflow.transitions:
            if transition.target in reaching:
                for source in transition.sources:
                    if source not in reaching:
                        reaching.add(source)
                        grew = True
    return reaching - {live}


@dataclass(frozen=True)
class Phases:
    """Where the stages of one workflow stand towards publication: its live stage, the
    stages that end an article's life, the stages from which an article can still reach the
    live one (work in progress), and those only a step out of it reaches (taken down)."""

    live: str | None
    terminal: frozenset[str]
    in_progress: frozenset[str]
    after_publication: frozenset[str]

    @classmethod
    def of(cls, workflow: Workflow) -> Phases:
        live = workflow.live_stage
        return cls(live, frozenset(s for s in workflow.stages if workflow.is_terminal(s)),
                   frozenset(open_stages(workflow)),
                   frozenset(t.target for t in workflow.transitions
                             if live in t.sources and t.target != live))


# A workflow that does not load: none of its articles is live, in progress or taken down.
NO_PHASES = Phases(None, frozenset(), frozenset(), frozenset())


def builtin_dir() -> Path:
    """The workflows shipped with editorial: inside the wheel, or at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / WORKFLOWS_DIR
    return installed if installed.is_dir() else package.parent / WORKFLOWS_DIR


def load_workflow(path: Path, *, gate_arguments: Mapping[str, ArgumentCheck],
                  effect_names: Iterable[str]) -> Workflow:
    """Read a workflow file; `gate_arguments` names the gates there are and checks what each
    is given."""
    text, data = _read_yaml(path)
    reader = _WorkflowReader(path, text, gate_arguments, set(effect_names))
    if not isinstance(data, dict):
        raise reader.fail("a workflow must be a mapping with 'stages' and 'transitions'")
    name = data.get("name", path.stem)
    if not isinstance(name, str):
        raise reader.fail("'name' must be text", "name")
    stages = reader.stages(data.get("stages"))
    transitions = reader.transitions(data.get("transitions"), stages)
    return Workflow(name=name, path=path, description=str(data.get("description", "")),
                    stages=stages, transitions=transitions)


def _read_yaml(path: Path) -> tuple[str, Any]:
    """A workflow file's text and its data, or a ConfigError saying where it is broken."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("workflow file not found", path=path) from None
    try:
        return text, yamlio.load(text, path=path)
    except Exception as error:
        raise ConfigError(str(getattr(error, "message", error)), path=path,
                          line=getattr(error, "line", None),
                          hint=getattr(error, "hint", None)) from None


@dataclass
class _WorkflowReader:
    """Checks each part of one workflow file's data, and says where a wrong one is."""

    path: Path
    text: str
    gate_arguments: Mapping[str, ArgumentCheck]
    known_effects: set[str]

    def fail(self, message: str, *keys: str | int) -> ConfigError:
        return ConfigError(message, path=self.path, line=yamlio.line_of(self.text, keys) or 1)

    def stages(self, data: object) -> dict[str, Stage]:
        if not isinstance(data, dict) or not data:
            raise self.fail("'stages' must map stage names to their settings", "stages")
        stages = {str(name): self.stage(name, settings or {}) for name, settings in data.items()}
        live = [name for name, stage in stages.items() if stage.live]
        if len(live) > 1:
            raise self.fail(f"stages.{live[1]}: only one stage is live (the one whose articles "
                            f"are on the site), and {live[0]} already is",
                            "stages", live[1], "live")
        return stages

    def stage(self, name: object, settings: object) -> Stage:
        if not isinstance(name, str) or not isinstance(settings, dict):
            raise self.fail(f"stage {name!r} must be a name with a mapping of settings",
                            "stages", str(name))
        listed = settings.get("listed", True)
        color = settings.get("color", "white")
        if not isinstance(listed, bool) or not isinstance(color, str):
            raise self.fail(f"stages.{name}: 'listed' is true or false, 'color' a colour name",
                            "stages", name)
        flags = {key: settings.get(key, False) for key in ("live", "terminal")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                raise self.fail(f"stages.{name}: '{key}' is true or false", "stages", name, key)
        if flags["live"] and flags["terminal"]:
            raise self.fail(f"stages.{name}: a live stage is not terminal (its articles can "
                            "still be corrected or withdrawn)", "stages", name, "terminal")
        return Stage(name, str(settings.get("description", "")), color, listed,
                     live=flags["live"], terminal=flags["terminal"])

    def transitions(self, data: object, stages: Mapping[str, Stage]) -> list[Transition]:
        if not isinstance(data, list):
            raise self.fail("'transitions' must be a list", "transitions")
        return [self.transition(index, entry, stages) for index, entry in enumerate(data)]

    def transition(self, index: int, entry: object,
                   stages: Mapping[str, Stage]) -> Transition:
        where = ("transitions", index)
        if not isinstance(entry, dict):
            raise self.fail(f"transitions[{index}] must be a mapping", *where)
        action = entry.get("action")
        if not isinstance(action, str) or not action:
            raise self.fail(f"transitions[{index}] needs an 'action'", *where)
        prefix = f"transitions[{index}] ({action}):"
        sources = _as_list(entry.get("from"))
        if not isinstance(sources, list) or not sources:
            raise self.fail(f"{prefix} 'from' must list stages", *where, "from")
        target = entry.get("to")
        for stage_name in [*sources, target]:
            if not isinstance(stage_name, str) or stage_name not in stages:
                raise self.fail(f"{prefix} unknown stage {stage_name!r}", *where)
        ended = next((name for name in sources if stages[name].terminal), None)
        if ended is not None:
            raise self.fail(f"{prefix} leaves {ended}, a terminal stage: remove it from "
                            f"'from', or 'terminal: true' from the stage", *where, "from")
        roles = _as_list(entry.get("role"))
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            raise self.fail(f"{prefix} 'role' must name a role", *where, "role")
        gates = self.gates(prefix, where, entry.get("gates") or [])
        effects = self.effects(prefix, where, entry.get("effects") or [])
        four_eyes = entry.get("four_eyes", False)
        if not isinstance(four_eyes, bool):
            raise self.fail(f"{prefix} 'four_eyes' is true or false", *where, "four_eyes")
        actor_key = entry.get("actor")
        if actor_key is not None and not isinstance(actor_key, str):
            raise self.fail(f"{prefix} 'actor' names a front matter key", *where, "actor")
        return Transition(
            action=action, sources=tuple(sources), target=str(target), roles=tuple(roles),
            actor_key=actor_key, four_eyes=four_eyes,
            note_required=entry.get("note") == "required", gates=gates, effects=effects,
        )

    def gates(self, prefix: str, where: tuple[str, int],
              entries: object) -> tuple[GateSpec, ...]:
        if not isinstance(entries, list):
            raise self.fail(f"{prefix} 'gates' must be a list", *where, "gates")
        gates: list[GateSpec] = []
        for position, gate in enumerate(entries):
            if isinstance(gate, dict) and len(gate) == 1:
                gate_name, argument = next(iter(gate.items()))
            else:
                gate_name, argument = gate, None
            check = self.gate_arguments.get(gate_name) if isinstance(gate_name, str) else None
            if check is None:
                raise self.fail(f"{prefix} unknown gate {gate_name!r}; known: "
                                + ", ".join(sorted(self.gate_arguments)),
                                *where, "gates", position)
            problem = check(argument)
            if problem is not None:
                raise self.fail(f"{prefix} the gate {gate_name} {problem}",
                                *where, "gates", position)
            gates.append(GateSpec(gate_name, argument))
        return tuple(gates)

    def effects(self, prefix: str, where: tuple[str, int], entries: object) -> tuple[str, ...]:
        if not isinstance(entries, list):
            raise self.fail(f"{prefix} 'effects' must be a list", *where, "effects")
        for position, effect in enumerate(entries):
            if not isinstance(effect, str) or effect not in self.known_effects:
                raise self.fail(f"{prefix} unknown effect {effect!r} (effects take no "
                                "argument); known: " + ", ".join(sorted(self.known_effects)),
                                *where, "effects", position)
        return tuple(entries)


def _as_list(value: object) -> object:
    """One name written alone, as the list of one it stands for."""
    return [value] if isinstance(value, str) else value


# Letters, digits, '.', '_' and '-': a file name in every system, and text that cannot
# break a line of output or a CI log.
WORKFLOW_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def is_workflow_name(name: str) -> bool:
    """A plain name, which can only be a file of the workflows folders; a path could reach a
    file that nobody reviews as the desk's configuration."""
    return WORKFLOW_NAME.fullmatch(name) is not None and ".." not in name


class WorkflowLibrary:
    """Workflows by name: the newsroom's own `workflows/*.yaml` first, then the built-in ones."""

    def __init__(self, search_path: list[Path], *, gate_arguments: Mapping[str, ArgumentCheck],
                 effect_names: Iterable[str], newsroom_root: Path | None = None) -> None:
        self.search_path = search_path
        # A workflow file inside the newsroom is never read through a symbolic link; the
        # built-in ones are editorial's own, wherever it is installed.
        self._newsroom_root = newsroom_root
        self._gate_arguments = gate_arguments
        self._effect_names = tuple(effect_names)
        self._loaded: dict[str, Workflow] = {}

    def get(self, name: str) -> Workflow:
        if not is_workflow_name(name):
            raise NotFoundError(f"{name!r} is not a workflow name: workflows are named, as "
                                "the file workflows/NAME.yaml, never given as paths")
        if name not in self._loaded:
            for folder in self.search_path:
                candidate = folder / f"{name}.yaml"
                if self._newsroom_root is not None and self._newsroom_root in folder.parents:
                    refuse_links(self._newsroom_root, [candidate])
                if candidate.is_file():
                    self._loaded[name] = load_workflow(
                        candidate, gate_arguments=self._gate_arguments,
                        effect_names=self._effect_names)
                    break
            else:
                raise NotFoundError(f"no workflow named {name!r}",
                                    hint="known: " + ", ".join(self.names()) or "none")
        return self._loaded[name]

    def names(self) -> list[str]:
        found = {p.stem for folder in self.search_path if folder.is_dir()
                 for p in folder.glob("*.yaml")}
        return sorted(found)
