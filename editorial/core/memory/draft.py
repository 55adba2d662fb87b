"""A translator's first draft: translation.md pre-filled from the memory and, optionally, a
machine-translation command.

Each source paragraph becomes one paragraph of the draft: the English of its best memory
match at or above the desk's threshold; else, with an engine, the engine's English; else the
source paragraph itself inside an `[[untranslated: …]]` marker, for the translator to
replace (see `marker`).

translation.md's front matter records where each paragraph came from (`draft:`, one entry
per paragraph: `origin` memory with the `article` and `score`, machine with the `engine`,
or translator), so that edit metrics can later tell post-editing effort per origin.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editorial.core.article import Article
from editorial.core.config import Person
from editorial.core.files import ChangeSet
from editorial.core.frontmatter import Document
from editorial.core.memory.marker import marked
from editorial.core.memory.match import EXACT, Memory, source_paragraphs
from editorial.core.quality.text import Paragraph, excerpt
from editorial.errors import PermissionDeniedError, RefusedError

if TYPE_CHECKING:
    from editorial.core.newsroom import Newsroom

DRAFT_ACTION = "draft"
DRAFT_KEY = "draft"
MEMORY, MACHINE, TRANSLATOR = "memory", "machine", "translator"
# A draft is written where the translation is: in the stage a translator submits from.
SUBMIT_ACTION = "submit"


@dataclass
class Draft:
    body: str
    origins: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        counts = {origin: sum(1 for entry in self.origins if entry["origin"] == origin)
                  for origin in (MEMORY, MACHINE, TRANSLATOR)}
        exact = sum(1 for entry in self.origins if entry.get("score") == EXACT)
        return (f"{len(self.origins)} paragraphs: {counts[MEMORY]} from memory ({exact} "
                f"exact), {counts[MACHINE]} by machine, {counts[TRANSLATOR]} left for the "
                "translator")


def compose(memory: Memory, article: Article, *, engine: str | None,
            timeout: int) -> Draft:
    draft = Draft("")
    pieces: list[str] = []
    for paragraph in source_paragraphs(article):
        entry: dict[str, Any] = {"paragraph": paragraph.number}
        best = memory.best(paragraph.text, exclude=article.id, limit=1)
        if best:
            pieces.append(best[0].segment.english)
            entry.update(origin=MEMORY, article=best[0].segment.article, score=best[0].score)
        elif engine is not None:
            pieces.append(machine_translate(engine, paragraph, timeout=timeout))
            entry.update(origin=MACHINE, engine=engine)
        else:
            pieces.append(marked(paragraph.text))
            entry.update(origin=TRANSLATOR)
        draft.origins.append(entry)
    draft.body = "\n\n".join(pieces) + "\n" if pieces else ""
    return draft


def machine_translate(command: str, paragraph: Paragraph, *, timeout: int) -> str:
    """The English a machine-translation command gives for one source paragraph: the
    paragraph on its stdin, the English on its stdout. A command that cannot be run, fails,
    takes longer than `timeout` seconds or says nothing is refused, naming the paragraph."""
    where = f"source paragraph {paragraph.number} (source.md line {paragraph.line})"
    hint = "fix the command (--engine, or memory.engine in editorial.yaml), or leave it out"
    try:
        arguments = shlex.split(command)
    except ValueError as error:
        raise RefusedError(f"the machine-translation command {command!r} cannot be split "
                           f"into words: {error}", hint=hint) from None
    if not arguments:
        raise RefusedError("the machine-translation command is empty", hint=hint)
    try:
        completed = subprocess.run(arguments, input=paragraph.text, capture_output=True,
                                   text=True, encoding="utf-8", errors="replace",
                                   timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RefusedError(f"the machine-translation command {arguments[0]!r} took over "
                           f"{timeout} s on {where}",
                           hint="raise memory.timeout in editorial.yaml, or " + hint) from None
    except OSError as error:
        raise RefusedError(f"the machine-translation command {arguments[0]!r} cannot be run: "
                           f"{error.strerror or error}", hint=hint) from None
    english = completed.stdout.strip()
    if completed.returncode != 0:
        said = excerpt(completed.stderr.strip().splitlines()[-1]
                       if completed.stderr.strip() else "", 120)
        raise RefusedError(f"the machine-translation command {arguments[0]!r} failed on "
                           f"{where} (exit {completed.returncode}{': ' + said if said else ''})",
                           hint=hint)
    if not english:
        raise RefusedError(f"the machine-translation command {arguments[0]!r} gave no "
                           f"English for {where}", hint=hint)
    return english


def draft_translation(newsroom: Newsroom, article: Article, actor: Person,
                      changes: ChangeSet, *, engine: str | None, force: bool) -> Draft:
    """Check that `actor` may draft `article` now, and queue its new translation.md in
    `changes`; refused, nothing is queued."""
    workflow = newsroom.workflow_of(article)
    if workflow.find(SUBMIT_ACTION, article.stage) is None:
        stages = sorted({stage for transition in workflow.transitions_for(SUBMIT_ACTION)
                         for stage in transition.sources})
        raise RefusedError(f"cannot draft {article.id}: it is in stage {article.stage!r}, "
                           f"and a draft is written in {', '.join(stages) or 'no stage'}")
    if article.translator != actor.id:
        raise PermissionDeniedError(f"{actor.id} cannot draft {article.id}: only its "
                                    f"translator ({article.translator or 'none assigned'}) can")
    translation = article.read_translation()
    if translation is not None and translation.body.strip() and not force:
        raise RefusedError(f"articles/{article.id}/translation.md already has text: drafting "
                           "would replace it", hint="pass --force to replace it")
    memory = Memory.open(newsroom)
    try:
        settings = memory.settings
        draft = compose(memory, article, engine=engine or settings.engine,
                        timeout=settings.timeout)
    finally:
        memory.close()
    meta = dict(translation.meta) if translation is not None else {}
    meta[DRAFT_KEY] = draft.origins
    document = Document(meta=meta, body=draft.body,
                        newline=translation.newline if translation is not None else "\n")
    changes.write(article.translation_path, document.to_bytes())
    return draft
