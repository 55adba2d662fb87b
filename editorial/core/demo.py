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

# The stage each sample is left in, in the order of demo_texts.SAMPLES.
PLAN = ("published", "published", "withdrawn", "ready", "disclaimer", "editing",
        "translation", "translation", "source", "spiked", "translation")
TRANSLATORS = ("tariq", "leila", "yusuf")
EDITORS = ("omar", "dana")

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

    def run(self, index: int, sample: SampleArticle, target: str) -> None:
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
        self.desk("dana").new(source, article_id=sample.id)
        self.clock.advance(3 + index)
        if target == "source":
            return
        self.desk("dana").assign(sample.id, translator=translator, editor=editor)
        self.clock.advance(20 + 2 * index)
        if target == "translation":
            return
        if target == "spiked":
            self.desk("dana").take(sample.id, "spike",
                                   note="The outlet retracted the original report.")
            return
        folder = self.newsroom.articles_dir / sample.id
        self.write_body(folder / "translation.md", sample.translation)
        self.desk(translator).take(sample.id, "submit")
        self.clock.advance(6)
        if index == PLAN.index("editing"):
            self.desk(editor).take(sample.id, "return",
                                   note="Please check the figures in the second paragraph.")
            self.clock.advance(9)
            self.desk(translator).take(sample.id, "submit")
            self.clock.advance(4)
        if target == "editing":
            return
        self.write_body(folder / "article.md", sample.edited)
        self.desk(editor).take(sample.id, "approve")
        self.clock.advance(2)
        if target == "disclaimer":
            return
        self.desk(editor).take(sample.id, "disclaim")
        self.clock.advance(5)
        if target == "ready":
            return
        self.desk("dana").take(sample.id, "publish")
        self.clock.advance(30)
        if target == "withdrawn":
            self.desk("dana").take(sample.id, "unpublish",
                                   note="The outlet withdrew the original after a legal "
                                        "complaint.")


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
    for index, (sample, target) in enumerate(zip(SAMPLES, PLAN, strict=True)):
        if progress is not None:
            progress(index, len(SAMPLES))
        builder.run(index, sample, target)
    return newsroom
