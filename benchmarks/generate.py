"""Build realistic newsroom repositories for the benchmarks: 1,000 to 50,000 articles.

A newsroom made by `editorial init`, with a desk of twelve people, whose archive is:

- most articles published (some spiked, a few withdrawn), and the newest few still in
  progress in every stage, as on a working desk;
- Arabic source texts and English translations of 600 to 900 words, the translation edited
  before publication and closed by the desk's disclaimer;
- files exactly as the commands write them: every article is taken through its steps by the
  real Desk API, so whatever the desk records (history, disclaimers, hashes, metrics) is
  there, and stays there as the desk evolves;
- a git history of one commit per action for a sample of the newest articles (with the
  translator's draft and the editor's edits committed too); the older archive is made by the
  same Desk API in scratch newsrooms in memory (`/dev/shm`), in parallel, and committed in
  bulk through `git fast-import`, so that 50,000 articles take minutes rather than hours.

Repositories are cached under `benchmarks/repos/<size>/` (ignored by git): run with `--force`
to build one again.

    python benchmarks/generate.py 1000 10000
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from multiprocessing import Pool
from pathlib import Path
from typing import TYPE_CHECKING, cast

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from editorial.core import frontmatter  # noqa: E402
from editorial.core.demo_texts import SAMPLES  # noqa: E402
from editorial.core.quality.numbers import english_quantities, source_numbers  # noqa: E402
from editorial.core.workflow import (  # noqa: E402
    DEFAULT_WORKFLOW,
    Transition,
    Workflow,
    builtin_dir,
    load_workflow,
)

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

REPOS = Path(__file__).resolve().parent / "repos"
PUBLICATION = "The Example Observer"
BRANCH = "main"
# Format of the cached repositories: bump it when what is generated changes.
GENERATOR_VERSION = "3"

TRANSLATORS = ("tariq", "sami", "leila", "omar", "nadia", "yusuf")
EDITORS = ("hana", "dana", "karim", "sami", "maya")
PUBLISHERS = ("dana", "maya", "rami")
PEOPLE: dict[str, dict[str, object]] = {}
for _person in sorted({*TRANSLATORS, *EDITORS, *PUBLISHERS}):
    _roles = [role for role, members in (("translator", TRANSLATORS), ("editor", EDITORS),
                                         ("publisher", PUBLISHERS)) if _person in members]
    PEOPLE[_person] = {"name": f"{_person.capitalize()} Desk",
                       "email": f"{_person}@example.org", "roles": _roles}

OUTLETS = ("Example Daily", "The Coastal Courier", "Northern Ledger", "Valley Gazette",
           "Capital Herald", "The Morning Post of the Plains", "Harbour Times", "Desert Star")
AUTHORS = tuple(f"{first} {last}" for first in ("Ahmad", "Salma", "Yasin", "Rania", "Fadi",
                                                "Mona", "Khalil", "Dalia")
                for last in ("Haddad", "Nasser", "Khoury", "Saleh", "Mansour"))
# Where the oldest articles end, by share: most on the site, a few spiked, fewer withdrawn.
SPIKED, WITHDRAWN = "spiked", "withdrawn"
# The stages an article is taken to, one after the other, along the workflow's shortest way;
# a spiked one is abandoned after its assignment, while it is being translated.
WAYPOINTS = {SPIKED: ("translation", SPIKED)}
# Hours between an action and the one before it; an action of a desk's own, DEFAULT_GAP.
GAPS = {"new": 0, "assign": 1, "submit": 30, "approve": 6, "disclaim": 1, "publish": 2,
        "unpublish": 200, "spike": 20}
DEFAULT_GAP = 4
NOTES = {"unpublish": "the outlet retracted the original report",
         "spike": "the story was overtaken by events"}
DEFAULT_NOTE = "taken by the benchmark generator"


@cache
def workflow() -> Workflow:
    """The built-in workflow, which the generated newsroom uses: its stages and transitions
    are what the articles go through."""
    from editorial.core import effects, gates

    return load_workflow(builtin_dir() / f"{DEFAULT_WORKFLOW}.yaml",
                         gate_arguments=gates.ARGUMENTS, effect_names=effects.EFFECTS)


def live_stage() -> str:
    """The stage of the articles on the site."""
    live = workflow().live_stage
    assert live is not None, "the built-in workflow marks its live stage"
    return live


@cache
def in_progress_stages() -> tuple[str, ...]:
    """The stages of unfinished work, in desk order: neither on the site nor ended."""
    return tuple(name for name, stage in workflow().stages.items()
                 if not stage.live and not stage.terminal)


def in_progress_count(count: int) -> int:
    """How many of `count` articles are unfinished: at least one in each such stage."""
    return min(60, max(count // 10, len(in_progress_stages())))


@cache
def way_to(stage: str) -> tuple[Transition, ...]:
    """The transitions that take a registered article to `stage`."""
    here, way = workflow().initial, []
    for waypoint in WAYPOINTS.get(stage, (stage,)):
        way += workflow().way(here, waypoint)
        here = waypoint
    return tuple(way)


def _words(texts: Sequence[str]) -> list[str]:
    """The words of the demo texts, without numbers, in digits or in words ("يومين", "three",
    "March"): the generator places its own, the same in source and translation."""
    return sorted({word for text in texts for word in re.findall(r"\w+", text)
                   if len(word) > 1 and word.isalpha() and not source_numbers(word)
                   and not english_quantities(word)})


ARABIC_WORDS = _words([sample.source for sample in SAMPLES if sample.language == "ar"])
ENGLISH_WORDS = _words([sample.translation for sample in SAMPLES])
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
TITLE_WORDS = sorted({word.lower() for word in ENGLISH_WORDS
                      if word.isascii() and word.isalpha() and len(word) > 3})


@dataclass(frozen=True)
class Step:
    action: str
    by: str
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class Plan:
    """Everything about one generated article: its texts, its people and its steps."""

    id: str
    title: str
    outlet: str
    author: str
    url: str
    published: str
    source: str
    translation: str
    stage: str
    registrar: str
    translator: str
    editor: str
    publisher: str
    created: datetime
    jitter: int  # minutes added to each step, so that articles do not move in lockstep

    def steps(self) -> list[Step]:
        """`new`, which registers the article in the workflow's first stage, then the
        transitions that take it to its stage."""
        at = self.created + timedelta(minutes=self.jitter)
        steps = [Step("new", self.registrar, at)]
        for transition in way_to(self.stage):
            action = transition.action
            at += timedelta(hours=GAPS.get(action, DEFAULT_GAP), minutes=self.jitter)
            note = NOTES.get(action, DEFAULT_NOTE) if transition.note_required else None
            steps.append(Step(action, self.actor(transition), at, note))
        return steps

    def actor(self, transition: Transition) -> str:
        """Who takes `transition`: the registrar assigns and spikes; otherwise the article's
        own translator, editor or publisher for that role, or else the first of its people
        allowed to."""
        if transition.action in ("assign", "spike"):
            return self.registrar
        if transition.actor_key in ("translator", "editor", "publisher"):
            return str(getattr(self, transition.actor_key))
        jobs = {"translator": self.translator, "editor": self.editor,
                "publisher": self.publisher}
        candidates = [*(jobs[role] for role in transition.roles if role in jobs),
                      self.editor, self.publisher, self.registrar, self.translator]
        allowed = [person for person in candidates
                   if set(transition.roles) & set(cast(list[str], PEOPLE[person]["roles"]))
                   and not (transition.four_eyes and person == self.translator)]
        if not allowed:
            raise RuntimeError(f"none of the people of {self.id} may take "
                               f"{transition.action} (role {', '.join(transition.roles)})")
        return allowed[0]

    def edited(self) -> str:
        """The editor's version of the draft: the first sentence of each paragraph tightened."""
        paragraphs = self.translation.split("\n\n")
        # Not next to another "this", which repeated-words would rightly report.
        return "\n\n".join(re.sub(r"(?<![Tt]his) the (?![Tt]his\b)", " this ", paragraph, count=1)
                           for paragraph in paragraphs)


ENGLISH_PER_ARABIC = 1.3


def _sentence(rng: random.Random, words: Sequence[str], length: int, number: str) -> str:
    return " ".join(_words_without_repeats(rng, words, length)) + f" {number}."


def _english_sentence(rng: random.Random, characters: int, number: str) -> str:
    """English words up to about `characters` letters: a sentence as long as a desk's
    translation of its source sentence, so that the aligner pairs them one to one."""
    chosen: list[str] = []
    while sum(len(word) + 1 for word in chosen) < characters:
        chosen += _words_without_repeats(rng, ENGLISH_WORDS, 1, chosen[-1:])
    # A capital after the full stop: before a small letter, a stop ends no sentence.
    text = " ".join(chosen)
    return text[:1].upper() + text[1:] + f" {number}."


def _words_without_repeats(rng: random.Random, words: Sequence[str], length: int,
                           before: Sequence[str] = ()) -> list[str]:
    """Random words, never one twice in a row (which `repeated-words` would report)."""
    chosen = list(before)
    while len(chosen) < len(before) + length:
        word = rng.choice(words)
        if not chosen or word.casefold() != chosen[-1].casefold():
            chosen.append(word)
    return chosen[len(before):]


def _texts(rng: random.Random, count: int) -> tuple[str, str]:
    """An Arabic source of about `count` words and its English translation, paragraph for
    paragraph: each English paragraph about as long as its source paragraph and stating the
    same numbers, as a desk's finished translation does, so that `check` finds nothing in
    them."""
    source, english = [], []
    written = 0
    while written < count:
        source_sentences, english_sentences = [], []
        for _ in range(rng.randint(2, 5)):
            length = rng.randint(9, 26)
            number = str(rng.randint(2, 9999))
            source_sentence = _sentence(rng, ARABIC_WORDS, length,
                                        number.translate(_ARABIC_INDIC))
            source_sentences.append(source_sentence)
            # English runs about a third longer than Arabic, letter for letter.
            english_sentences.append(_english_sentence(
                rng, round(len(source_sentence) * ENGLISH_PER_ARABIC), number))
            written += length
        source.append(" ".join(source_sentences))
        text = " ".join(english_sentences)
        english.append(text[:1].upper() + text[1:])
    return "\n\n".join(source) + "\n", "\n\n".join(english) + "\n"


def plan_for(index: int, count: int, *, in_progress: int, seed: int = 7) -> Plan:
    """Article `index` of `count`, oldest first; the newest `in_progress` are not finished."""
    rng = random.Random(seed * 1_000_003 + index)
    words = rng.sample(TITLE_WORDS, rng.randint(4, 8))
    title = " ".join(words).capitalize()
    article_id = "-".join(words[:5]) + f"-{index + 1}"
    ten_years = timedelta(days=3650)
    created = (datetime(2025, 1, 1, tzinfo=UTC) - ten_years
               + ten_years * index / max(count, 1) + timedelta(minutes=rng.randint(0, 600)))
    source, translation = _texts(rng, rng.randint(600, 900))
    newest = count - index
    if newest <= in_progress:
        stages = in_progress_stages()
        stage = stages[newest % len(stages)]
    else:
        roll = rng.random()
        stage = SPIKED if roll < 0.03 else WITHDRAWN if roll < 0.04 else live_stage()
    translator = rng.choice(TRANSLATORS)
    editor = rng.choice([person for person in EDITORS if person != translator])
    return Plan(
        id=article_id, title=title, outlet=rng.choice(OUTLETS), author=rng.choice(AUTHORS),
        url=f"https://news.example.org/{created:%Y/%m}/{index + 1}",
        published=(created - timedelta(days=1)).strftime("%Y-%m-%d"),
        source=source, translation=translation,
        stage=stage, registrar=rng.choice([e for e in EDITORS if e != translator]),
        translator=translator, editor=editor, publisher=rng.choice(PUBLISHERS),
        created=created.replace(microsecond=0, second=0), jitter=len(article_id) % 50,
    )


def variant(base: Plan, own: Plan) -> Plan:
    """`base` under the id and title of `own`: see `variant_files`."""
    return dataclasses.replace(base, id=own.id, title=own.title)


def variant_files(base: Plan, files: dict[str, bytes], own: Plan) -> dict[str, bytes]:
    """The files the Desk writes for `variant(base, own)`, from those it wrote for `base`:
    the id and the title are the only things that differ, and each is one front matter line
    (a test proves the result equal to the Desk's own). It spares the largest archives most
    of their YAML writing, which is what generating costs."""
    renamed = {}
    for path, data in files.items():
        for key, old, new in (("id", base.id, own.id), ("title", base.title, own.title)):
            line = f"\n{key}: {old}\n".encode()
            if line in data:
                data = data.replace(line, f"\n{key}: {new}\n".encode(), 1)
        renamed[path.replace(f"/{base.id}/", f"/{own.id}/")] = data
    return renamed


def _git(root: Path, *args: str, input_bytes: bytes | None = None,
         env: dict[str, str] | None = None) -> str:
    completed = subprocess.run(["git", *args], cwd=root, input=input_bytes, capture_output=True,
                               env={**os.environ, **(env or {})}, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {completed.stderr.decode(errors='replace')}")
    return completed.stdout.decode()


def _identity(person: str) -> dict[str, str]:
    name, email = str(PEOPLE[person]["name"]), str(PEOPLE[person]["email"])
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email}


def init_newsroom(root: Path) -> None:
    """`editorial init`, then the desk's people, as a desk would set itself up."""
    import yaml

    root.mkdir(parents=True)
    env = {**_identity("dana"), "GIT_CONFIG_NOSYSTEM": "1"}
    _git(root, "init", "-q", "-b", BRANCH)
    for key, value in (("user.name", "Dana Desk"), ("user.email", "dana@example.org"),
                       ("gc.auto", "0")):
        _git(root, "config", key, value)
    subprocess.run([sys.executable, "-m", "editorial", "init", ".", "--publication",
                    PUBLICATION], cwd=root, check=True, capture_output=True,
                   env={**os.environ, **env, "PYTHONPATH": str(ROOT)})
    config_path = root / "editorial.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["people"] = PEOPLE
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    _git(root, "commit", "-qam", "The desk's people", env=env)


_scratch: Path | None = None


def _start_worker(config: bytes, scratch_root: str) -> None:
    """Each worker process drives the Desk in its own scratch newsroom, in memory."""
    global _scratch
    _scratch = Path(tempfile.mkdtemp(prefix="worker-", dir=scratch_root))
    (_scratch / "editorial.yaml").write_bytes(config)
    (_scratch / "articles").mkdir()


def _build(args: tuple[int, int, int]) -> tuple[Plan, dict[str, bytes]]:
    index, count, in_progress = args
    assert _scratch is not None
    plan = plan_for(index, count, in_progress=in_progress)
    return plan, article_files(_scratch, plan)


def article_files(scratch: Path, plan: Plan) -> dict[str, bytes]:
    """One article's files as the Desk leaves them after its steps, made in the scratch
    newsroom `scratch` and removed from it again."""
    folder = scratch / "articles" / plan.id
    run_steps(scratch, plan, commit=False)
    files = {f"articles/{plan.id}/{file.name}": file.read_bytes()
             for file in sorted(folder.iterdir())}
    shutil.rmtree(folder)
    return files


def _fast_import_stream(built: Iterator[tuple[Plan, dict[str, bytes]]],
                        chunk: int) -> Iterator[bytes]:
    first = True
    batch: list[tuple[Plan, dict[str, bytes]]] = []

    def commit(batch: list[tuple[Plan, dict[str, bytes]]], first: bool) -> Iterator[bytes]:
        last = max(step.at for plan, _ in batch for step in plan.steps())
        stamp = int(last.timestamp())
        message = (f"Import the archive: {len(batch)} articles, {batch[0][0].id} to "
                   f"{batch[-1][0].id}\n").encode()
        yield (f"commit refs/heads/{BRANCH}\n"
               f"author Dana Desk <dana@example.org> {stamp} +0000\n"
               f"committer Dana Desk <dana@example.org> {stamp} +0000\n"
               f"data {len(message)}\n").encode() + message
        if first:
            yield f"from refs/heads/{BRANCH}^0\n".encode()
        for _, files in batch:
            for path, data in files.items():
                yield f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"
        yield b"\n"

    for item in built:
        batch.append(item)
        if len(batch) == chunk:
            yield from commit(batch, first)
            first, batch = False, []
    if batch:
        yield from commit(batch, first)


# Beyond this many archive articles, the rest are variants of these (see `variant_files`).
UNIQUE_ARCHIVE = 10_000


def import_archive(root: Path, count: int, in_progress: int, *, bulk: int,
                   workers: int) -> None:
    """The `bulk` oldest articles, made by the Desk in `workers` processes (at most
    `UNIQUE_ARCHIVE` of them; each of the others is a variant of the one made just before it)
    and committed by fast-import."""
    stride = max(1, math.ceil(bulk / UNIQUE_ARCHIVE))
    jobs = [(index, count, in_progress) for index in range(0, bulk, stride)]
    config = (root / "editorial.yaml").read_bytes()

    def archive(made: Iterator[tuple[Plan, dict[str, bytes]]]
                ) -> Iterator[tuple[Plan, dict[str, bytes]]]:
        for start, (base, files) in zip(range(0, bulk, stride), made, strict=True):
            yield base, files
            for index in range(start + 1, min(start + stride, bulk)):
                own = plan_for(index, count, in_progress=in_progress)
                yield variant(base, own), variant_files(base, files, own)

    process = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root,
                               stdin=subprocess.PIPE)
    assert process.stdin is not None
    memory = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with (tempfile.TemporaryDirectory(prefix="editorial-archive-", dir=memory) as scratch,
          Pool(workers, initializer=_start_worker, initargs=(config, scratch)) as pool):
        made = pool.imap(_build, jobs, chunksize=16)
        for data in _fast_import_stream(archive(made), chunk=1000):
            process.stdin.write(data)
    process.stdin.write(b"done\n")
    process.stdin.close()
    if process.wait() != 0:
        raise RuntimeError("git fast-import failed")
    # Check the archive out into the work tree and the index.
    _git(root, "reset", "-q", "--hard", BRANCH)


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2000, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def run_steps(root: Path, plan: Plan, *, commit: bool) -> None:
    """Take an article through its steps with the real Desk API, as its people would; with
    `commit`, one commit per action, plus the translator's draft and the editor's edits
    committed by hand."""
    from editorial.core.desk import Desk, SourceText
    from editorial.core.newsroom import Newsroom
    from editorial.vcs.git import GitRepo, Identity

    newsroom = _newsrooms.get(root) or _newsrooms.setdefault(root, Newsroom(root))
    clock = _Clock()
    folder = root / "articles" / plan.id

    def repo(person: str) -> GitRepo:
        entry = PEOPLE[person]
        return GitRepo(root, identity=Identity(str(entry["name"]), str(entry["email"])))

    def desk(person: str) -> Desk:
        return Desk(newsroom, newsroom.person(person), vcs=repo(person) if commit else None,
                    clock=clock)

    def by_hand(person: str, path: Path, body: str, message: str) -> None:
        _write_body(path, body)
        if commit:
            repo(person).commit([path], message, when=clock.now)

    draft = f"Draft translation of {plan.id}\n"
    for step in plan.steps():
        clock.now = step.at
        if step.action == "new":
            desk(step.by).new(SourceText(
                text=plan.source, language="ar", title=plan.title, author=plan.author,
                outlet=plan.outlet, url=plan.url, published=plan.published),
                article_id=plan.id)
        elif step.action == "assign":
            desk(step.by).assign(plan.id, translator=plan.translator)
        elif step.action in ("submit", "spike"):
            by_hand(plan.translator, folder / "translation.md", plan.translation, draft)
            desk(step.by).take(plan.id, step.action, note=step.note)
        elif step.action == "approve":
            by_hand(step.by, folder / "article.md", plan.edited(), f"Edit {plan.id}\n")
            desk(step.by).take(plan.id, "approve")
        else:
            desk(step.by).take(plan.id, step.action, note=step.note)
    if plan.stage == "translation":
        # The translator has started a draft that is not handed off yet.
        by_hand(plan.translator, folder / "translation.md", plan.translation, draft)


_newsrooms: dict[Path, Newsroom] = {}


def _write_body(path: Path, body: str) -> None:
    document = frontmatter.read(path)
    document.body = body
    path.write_bytes(document.to_bytes())


def generate(count: int, *, sample: int | None = None, force: bool = False,
             workers: int = 2, repos: Path = REPOS) -> Path:
    """The cached repository of `count` articles, built first if needed."""
    root = repos / str(count)
    stamp = root / ".git" / "editorial-benchmark"
    if stamp.is_file() and stamp.read_text() == GENERATOR_VERSION and not force:
        return root
    if root.exists():
        shutil.rmtree(root)
    started = time.monotonic()
    sample = min(100, max(count // 5, 1)) if sample is None else min(sample, count)
    in_progress = in_progress_count(count)
    init_newsroom(root)
    bulk = count - sample
    if bulk:
        import_archive(root, count, in_progress, bulk=bulk, workers=workers)
    for index in range(bulk, count):
        run_steps(root, plan_for(index, count, in_progress=in_progress), commit=True)
    # Pack the sample's loose objects, as a long-lived repository would have them.
    _git(root, "repack", "-d", "-q")
    stamp.write_text(GENERATOR_VERSION)
    print(f"generated {count} articles in {root} ({time.monotonic() - started:.0f} s)",
          file=sys.stderr)
    return root


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="numbers of articles")
    parser.add_argument("--sample", type=int, default=None,
                        help="articles made one commit per action (default: 100)")
    parser.add_argument("--force", action="store_true", help="build again even if cached")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repos", type=Path, default=REPOS, help="where repositories go")
    options = parser.parse_args(argv)
    for size in options.sizes:
        print(generate(size, sample=options.sample, force=options.force,
                       workers=options.workers, repos=options.repos))


if __name__ == "__main__":
    main()
