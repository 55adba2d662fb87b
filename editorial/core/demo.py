"""`editorial demo`: a sample newsroom built through the same desk actions people use.

Every step is a real Desk action taken by the person whose job it is, committed under their
own git identity, on a simulated clock running over the past three weeks, so that the status
table, the history and the git log look like a desk's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from editorial.core import frontmatter, yamlio
from editorial.core.config import Person
from editorial.core.demo_texts import GLOSSARY, SAMPLES, SampleArticle
from editorial.core.desk import Desk, SourceText, commit_message
from editorial.core.files import atomic_write
from editorial.core.newsroom import Newsroom
from editorial.core.newsroom_root import CONFIG_FILE
from editorial.core.ports import Progress, VersionControl
from editorial.core.scaffold import scaffold
from editorial.core.workflow import Transition
from editorial.errors import RefusedError

PUBLICATION = "The Example Observer"
PEOPLE: dict[str, dict[str, object]] = {
    "dana": {"name": "Dana Haddad", "email": "dana@example.org",
             "roles": ["editor", "publisher"]},
    "omar": {"name": "Omar Khalil", "email": "omar@example.org", "roles": ["editor"]},
    "tariq": {"name": "Tariq Nasser", "email": "tariq@example.org", "roles": ["translator"]},
    "leila": {"name": "Leila Mansour", "email": "leila@example.org", "roles": ["translator"]},
    "yusuf": {"name": "Yusuf Demir", "email": "yusuf@example.org",
              "roles": ["translator", "editor"]},
}

# The stages each sample is taken to, one after the other, along the workflow's shortest
# way (so a desk's own stages in between are gone through too), in the order of
# demo_texts.SAMPLES; the last is where it is left. One is sent back once to its translator,
# one is spiked after assignment.
PLAN: tuple[tuple[str, ...], ...] = (
    ("published",), ("published",), ("withdrawn",), ("ready",), ("disclaimer",),
    ("editing", "translation", "editing"), ("translation",), ("translation",), ("source",),
    ("translation", "spiked"), ("translation",))
TRANSLATORS = ("tariq", "leila", "yusuf")
EDITORS = ("omar", "dana")
# Who takes an action that is not the assigned translator's or editor's: the desk's chief.
CHIEF = "dana"
CHIEF_ACTIONS = frozenset({"assign", "spike", "publish", "unpublish"})
# The reasons given where a transition asks for a note.
NOTES = {"return": "Please check the figures in the second paragraph.",
         "spike": "The outlet retracted the original report.",
         "unpublish": "The outlet withdrew the original after a legal complaint."}
# Hours the simulated clock moves on after each action (after `new` and `assign`, more for
# later samples, which came in later).
HOURS = {"submit": 6, "return": 9, "approve": 2, "disclaim": 5, "publish": 30}

VcsFactory = Callable[[Person], VersionControl]


class DemoClock:
    """Simulated time: starts three weeks back and moves forward a few hours per step."""

    def __init__(self, now: datetime) -> None:
        self.real_now = now
        self.current = now - timedelta(days=21)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, hours: float) -> None:
        self.current = min(self.current + timedelta(hours=hours),
                           self.real_now - timedelta(minutes=5))


@dataclass
class DemoBuilder:
    newsroom: Newsroom
    vcs_for: VcsFactory
    clock: DemoClock

    def desk(self, person_id: str) -> Desk:
        person = self.newsroom.person(person_id)
        return Desk(self.newsroom, person, vcs=self.vcs_for(person), clock=self.clock)

    def write_body(self, path: Path, body: str) -> None:
        """What a person does in their text editor: change a file's body, keep its header."""
        document = frontmatter.read(path)
        document.body = body + "\n"
        atomic_write(path, document.to_bytes())

    def run(self, index: int, sample: SampleArticle, waypoints: tuple[str, ...]) -> None:
        translator = TRANSLATORS[index % len(TRANSLATORS)]
        editor = EDITORS[index % len(EDITORS)]
        if editor == translator:
            editor = "omar"
        original = yamlio.dump({"title": sample.original_title})
        source = SourceText(
            text=f"---\n{original}---\n{sample.source}\n", language=sample.language,
            title=sample.title,
            author=sample.author, outlet=sample.outlet, url=sample.url,
            published=sample.published,
        )
        self.desk(CHIEF).new(source, article_id=sample.id)
        self.clock.advance(3 + index)
        workflow = self.newsroom.workflows.get(self.newsroom.config.workflow)
        stage = workflow.initial
        for waypoint in waypoints:
            for transition in workflow.way(stage, waypoint):
                self.take(index, sample, transition, translator, editor)
            stage = waypoint

    def take(self, index: int, sample: SampleArticle, transition: Transition,
             translator: str, editor: str) -> None:
        """One transition, by the person whose job it is, with the text it hands on written
        first, as that person would in their editor: the translation before the step that
        asks for one, the editor's edits before the step that measures them."""
        folder = self.newsroom.articles_dir / sample.id
        if any(gate.name == "translation-not-empty" for gate in transition.gates):
            self.write_body(folder / "translation.md", sample.translation)
        if "record-edit-metrics" in transition.effects:
            self.write_body(folder / "article.md", sample.edited)
        action = transition.action
        if action == "assign":
            self.desk(CHIEF).assign(sample.id, translator=translator, editor=editor)
            self.clock.advance(20 + 2 * index)
            return
        if action in CHIEF_ACTIONS:
            person = CHIEF
        elif transition.actor_key == "translator" or "translator" in transition.roles:
            person = translator
        elif "editor" in transition.roles:
            person = editor
        else:
            person = next(candidate.id for candidate in self.newsroom.config.people.values()
                          if any(candidate.has_role(role) for role in transition.roles))
        note = NOTES.get(action, "Taken in the demo.") if transition.note_required else None
        self.desk(person).take(sample.id, action, note=note)
        self.clock.advance(HOURS.get(action, 4))


def build_demo(root: Path, vcs_for: VcsFactory, now: datetime,
               init_repository: Callable[[Path], None],
               progress: Progress | None = None) -> Newsroom:
    """Make the sample newsroom at `root`, which must be missing or empty; `progress` hears
    how many sample articles are done."""
    if root.exists() and any(root.iterdir()):
        raise RefusedError(f"{root} is not empty", hint="give demo a new folder")
    root.mkdir(parents=True, exist_ok=True)
    init_repository(root)
    changes = scaffold(root, PUBLICATION, PEOPLE)
    config_path = root / CONFIG_FILE
    # The sample desk publishes to a Hugo site, standalone pages and a feed, so that its
    # published articles have real outputs to look at.
    changes.write(config_path, changes.writes[config_path] + yamlio.dump({"publish": {
        "targets": [{"type": "hugo", "path": "site/content/articles"},
                    {"type": "html", "path": "site/pages"},
                    {"type": "feed", "path": "site/static/feed.xml"}]}}).encode("utf-8"))
    changes.write(root / "glossary.yaml",
                  yamlio.dump({"terms": [dict(term) for term in GLOSSARY]}).encode("utf-8"))
    clock = DemoClock(now)
    newsroom = Newsroom(root)
    changes.apply()
    founder = newsroom.person("dana")
    vcs_for(founder).commit([root / path for path in changes.paths()],
                            commit_message("init: newsroom", [], "init", founder.id),
                            when=clock())
    builder = DemoBuilder(newsroom, vcs_for, clock)
    for index, (sample, waypoints) in enumerate(zip(SAMPLES, PLAN, strict=True)):
        if progress is not None:
            progress(index, len(SAMPLES))
        builder.run(index, sample, waypoints)
    return newsroom
