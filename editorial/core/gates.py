"""The named gates a workflow can put before a transition.

Each gate returns the reasons it does not hold (empty when it does), so that a refusal can
list every unmet gate at once. A workflow file names them; see workflows/translation.yaml.
Each registers under its name with `gate`, saying what a workflow may give it after the name
(GATES and ARGUMENTS are `step`'s registries, named here too for whoever reads the gates).
"""

from __future__ import annotations

from typing import Any

from editorial.core import disclaimer
from editorial.core.article import CORRECTION_TYPES, PUBLISHED_BODY_HASH_KEY, body_hash
from editorial.core.effects import (
    DISCLAIMER_HASH_KEY,
    disclaimer_refreshable,
    disclaimer_text,
)
from editorial.core.step import ARGUMENTS as ARGUMENTS
from editorial.core.step import GATES as GATES
from editorial.core.step import StepContext, gate


def no_argument(value: object) -> str | None:
    return None if value is None else "takes no argument"


def _is_list_of_names(value: object) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(name, str) and name for name in value))


def front_matter_keys(value: object) -> str | None:
    if _is_list_of_names(value):
        return None
    return "needs a list of front matter keys, e.g. [title, source.url]"


def correction_types(value: object) -> str | None:
    if isinstance(value, list) and value and all(kind in CORRECTION_TYPES for kind in value):
        return None
    return f"needs a list of correction types ({', '.join(CORRECTION_TYPES)})"


def rule_ids(value: object) -> str | None:
    # Whether the rules exist is asked when the gate runs, of the rules registered then.
    if (isinstance(value, str) and value) or _is_list_of_names(value):
        return None
    return "needs a check rule id or a list of them, e.g. [glossary, numbers]"


@gate("translator-assigned", argument=no_argument)
def translator_assigned(step: StepContext, _: Any) -> list[str]:
    if step.article.translator:
        return []
    return ["no translator is assigned (use --translator PERSON)"]


@gate("translation-not-empty", argument=no_argument)
def translation_not_empty(step: StepContext, _: Any) -> list[str]:
    translation = step.article.read_translation()
    if translation is None or not translation.body.strip():
        return [f"{step.article.translation_path.name} is empty: write the translation first"]
    return []


@gate("body-not-empty", argument=no_argument)
def body_not_empty(step: StepContext, _: Any) -> list[str]:
    if disclaimer.without(step.article.body).strip():
        return []
    return ["article.md has no text"]


@gate("disclaimer-current", argument=no_argument)
def disclaimer_current(step: StepContext, _: Any) -> list[str]:
    found = disclaimer.blocks(step.article.body)
    if not found:
        return ["the disclaimer is missing (run 'editorial disclaim')"]
    if len(found) > 1:
        return [f"the disclaimer appears {len(found)} times (run 'editorial disclaim' to fix)"]
    if disclaimer.has_plain_copy(step.article.body, found[0]):
        return ["the disclaimer appears twice, once typed as the last paragraph (run "
                "'editorial disclaim' to fix, or delete that paragraph)"]
    if not disclaimer_refreshable(step.newsroom.workflow_of(step.article), step.article.stage):
        # Published: the wording it was published with stands, whatever editorial.yaml says
        # now (no transition could refresh it). One disclaimed before the wording was
        # recorded is taken as it is.
        recorded = step.article.meta.get(DISCLAIMER_HASH_KEY)
        if recorded and recorded != body_hash(found[0]):
            return ["the disclaimer is not the one it was given at 'editorial disclaim': "
                    "restore its text in article.md"]
        return []
    template_key = step.article.text("disclaimer_template")
    if found[0] != disclaimer_text(step.newsroom, step.article, template_key):
        return ["the disclaimer is out of date (run 'editorial disclaim' to refresh it)"]
    return []


@gate("metadata", argument=front_matter_keys)
def metadata(step: StepContext, keys: Any) -> list[str]:
    missing = [key for key in keys or [] if step.article.lookup(str(key)) in (None, "", [], {})]
    return [f"front matter lacks {', '.join(missing)}"] if missing else []


@gate("body-unchanged-since-publication", argument=no_argument)
def body_unchanged_since_publication(step: StepContext, _: Any) -> list[str]:
    """Publishing again must not slip an edited text out without saying so."""
    recorded = step.article.meta.get(PUBLISHED_BODY_HASH_KEY)
    if recorded and recorded != body_hash(step.article.body):
        return [f"the body changed since it was published: record the change with 'editorial "
                f"correct {step.article.id} --type correction|clarification --note TEXT'"]
    return []


@gate("body-edited-for", argument=correction_types)
def body_edited_for(step: StepContext, kinds: Any) -> list[str]:
    """A correction changes the text; the kinds listed must come with an edited body."""
    kind = step.options.get("type")
    recorded = step.article.meta.get(PUBLISHED_BODY_HASH_KEY)
    if kind in (kinds or []) and recorded and recorded == body_hash(step.article.body):
        return [f"the body is unchanged since it was published: edit "
                f"articles/{step.article.id}/article.md first (a clarification or a "
                "retraction may leave the text as it is)"]
    return []


@gate("checks", argument=rule_ids)
def checks(step: StepContext, rule_ids: Any) -> list[str]:
    """`checks: [glossary, numbers]`: those check rules, run on the article as it stands;
    each finding is an unmet gate, whatever severity the newsroom gives the rule in CI."""
    # deferred: start-up time (the quality analysis loads for a workflow that runs checks)
    from editorial.core.checks.quality import article_check, rules_named

    names = [rule_ids] if isinstance(rule_ids, str) else list(rule_ids or [])
    selected = rules_named(names, where=step.newsroom.workflow_of(step.article).path)
    check = article_check(step.newsroom, step.article)
    return [f"{finding.path}:{finding.line}: {finding.message} ({current.id})"
            for current in selected for finding in current.function(check)]
