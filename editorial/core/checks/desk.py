"""Rules a desk defines in editorial.yaml: a regular expression the English text must not
match, with the desk's own message.

    rules:
      numbers: warning                  # a built-in rule's severity
      no-hts-run:                       # a rule of the desk's own
        pattern: '\\bHTS-run\\b'
        source_pattern: 'هيئة تحرير الشام'   # optional: only where the source paragraph has it
        message: write "HTS-controlled", the desk's style
        severity: error                 # error (the default), warning or off

A desk rule is checked when the rules are loaded (a bad regular expression, an unknown key, a
missing message, a name a built-in rule has are configuration errors with file and line),
and runs after the built-in rules on every article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from editorial.core.checks.base import SEVERITIES, ArticleCheck, Finding, Rule, Severity
from editorial.core.checks.quality import body_of, english_file, texts
from editorial.core.quality.text import Paragraph, excerpt, position

if TYPE_CHECKING:
    from editorial.core.config import Config
    from editorial.core.newsroom import Newsroom

KEYS = ("pattern", "source_pattern", "message", "severity")
DEFAULT_SEVERITY: Severity = "error"
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def is_desk_rule(value: object) -> bool:
    """Whether a value under `rules:` defines a rule rather than setting a severity."""
    return isinstance(value, dict)


def desk_rules(newsroom: Newsroom, built_in: Mapping[str, Rule]) -> list[Rule]:
    """The enabled rules the desk defines under `rules:`; a broken one is a configuration
    error naming its line."""
    config = newsroom.config
    found = [_desk_rule(config, str(rule_id), value, built_in)
             for rule_id, value in config.section("rules").items() if is_desk_rule(value)]
    return [rule for rule in found if rule is not None]


def _desk_rule(config: Config, rule_id: str, definition: dict[str, Any],
               built_in: Mapping[str, Rule]) -> Rule | None:
    """One desk rule; None when it is turned off."""

    def fail(message: str, *keys: str) -> Exception:
        return config.error(f"rules.{rule_id}: {message}", ("rules", rule_id, *keys))

    if rule_id in built_in:
        raise fail("is a built-in rule, whose value is a severity; give the desk's rule "
                   "another name")
    if not RULE_ID.match(rule_id):
        raise fail("a desk rule's name is lowercase letters, digits and '-'")
    unknown = [str(key) for key in definition if key not in KEYS]
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}; a desk rule has {', '.join(KEYS)}",
                   unknown[0])
    message = definition.get("message")
    if not isinstance(message, str) or not message.strip():
        raise fail("needs a 'message' saying what is wrong and what to write instead")
    severity = definition.get("severity", DEFAULT_SEVERITY)
    severity = "off" if severity is False else severity
    if severity not in SEVERITIES:
        raise fail(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}", "severity")
    pattern = _compiled(definition, "pattern", fail, required=True)
    source_pattern = _compiled(definition, "source_pattern", fail, required=False)
    if severity == "off" or pattern is None:
        return None
    return Rule(rule_id, cast("Severity", severity), message.strip(),
                _matcher(pattern, source_pattern, message.strip()))


def _compiled(definition: dict[str, Any], key: str, fail: Callable[..., Exception], *,
              required: bool) -> re.Pattern[str] | None:
    value = definition.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise fail(f"'{key}' must be a regular expression", key)
    try:
        return re.compile(value)
    except re.error as error:
        raise fail(f"{key} {value!r} is not a regular expression: {error}", key) from None


def _matcher(pattern: re.Pattern[str], source_pattern: re.Pattern[str] | None,
             message: str) -> Callable[[ArticleCheck], Iterator[Finding]]:
    def matches(check: ArticleCheck) -> Iterator[Finding]:
        name = english_file(check)
        for paragraph in _paragraphs(check, source_pattern):
            for match in pattern.finditer(paragraph.text):
                line, column = position(paragraph.text, match.start(),
                                        first_line=paragraph.line)
                yield Finding(check.path(name), line,
                              f"{message} (found «{excerpt(match.group(), 60)}»)", column,
                              key=match.group(), about=paragraph.text)

    return matches


def _paragraphs(check: ArticleCheck,
                source_pattern: re.Pattern[str] | None) -> Iterator[Paragraph]:
    """The English paragraphs to search: all of them, or with a source pattern those whose
    aligned source paragraph matches it."""
    if source_pattern is None:
        body = body_of(check.now, english_file(check))
        if body is not None:
            yield from body.paragraphs
        return
    found = texts(check)
    if found is None:
        return
    for index, paragraph in enumerate(found.english_paragraphs):
        sources = next((step.source for step in found.steps if index in step.english), ())
        if any(source_pattern.search(found.source[source].text) for source in sources):
            yield paragraph

