"""Formal faults of an English text that need no understanding of the source: doubled spaces
and words, brackets and quotation marks left open, a missing full stop, URLs, e-mail
addresses and Markdown links lost in translation, and sentences the desk already translated
one way rendered another.

Every function here works on plain text and returns offsets into it; the rules in
`editorial.core.checks.formal` turn them into findings with file lines.
"""

# The curly quotes and Arabic punctuation here are the marks the rules look for.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Spot:
    offset: int  # into the text searched
    text: str    # what was found there


# -- double-spaces ---------------------------------------------------------------------------

# Two or more spaces between two visible characters of a line: indentation and the two
# trailing spaces of a Markdown line break are neither, nor the spaces after a list marker
# ("-   item", "1.  item"), which Markdown allows.
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:[-*+]|\d+[.)])$")


def double_spaces(text: str) -> list[Spot]:
    return [Spot(match.start(), match.group(0)) for match in _DOUBLE_SPACE.finditer(text)
            if not _LIST_MARKER.search(text, 0, match.start())]


def last_words(text: str, count: int = 4) -> str:
    """The end of a text, in whole words, for messages."""
    return " ".join(text.split()[-count:])


def first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


# -- repeated-words --------------------------------------------------------------------------

# Words English legitimately repeats ("he had had enough", "that that was", "is is" rarely
# is, so it is not here).
REPEAT_ALLOWED = frozenset({"had", "that", "bye", "ha", "knock", "no", "very", "so", "tut",
                            "chop", "pom", "yes"})
_REPEATED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)


def repeated_words(text: str) -> list[Spot]:
    return [Spot(match.start(), match.group(0)) for match in _REPEATED.finditer(text)
            if match.group(1).casefold() not in REPEAT_ALLOWED]


# -- unpaired-marks --------------------------------------------------------------------------

_PAIRS = {"(": ")", "[": "]", "«": "»", "“": "”", "‘": "’"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
# "a)" or "1)" opening a line: a list marker, not half a pair.
_LIST_PAREN = re.compile(r"^[ \t]*(?:\w|\d+)\)", re.MULTILINE)
# An apostrophe: ' or ’ between letters (don’t) or before a decade (’90s): never half a pair.
_APOSTROPHE = re.compile(r"(?<=[^\W_])[’'](?=[^\W_])|[’‘'](?=\d\ds)")
# After a plural s (the officials’ offices) it closes a quotation left open, if one is.
_AFTER_S = re.compile(r"(?<=s)’(?=\W|$)")


def unpaired_marks(text: str) -> list[Spot]:
    """Brackets and quotation marks of one paragraph with no partner: straight double quotes
    counted, the others matched as pairs (an apostrophe is not a closing single quote)."""
    skipped = {match.end() - 1 for match in _LIST_PAREN.finditer(text)}
    skipped |= {match.start() for match in _APOSTROPHE.finditer(text)}
    after_s = {match.start() for match in _AFTER_S.finditer(text)}
    open_marks: list[tuple[str, int]] = []
    found: list[Spot] = []
    for found_mark in _MARKS.finditer(text):
        offset, character = found_mark.start(), found_mark.group()
        if offset in skipped:
            continue
        if character in _PAIRS:
            open_marks.append((character, offset))
        elif character in _CLOSERS:
            opener = _CLOSERS[character]
            if open_marks and open_marks[-1][0] == opener:
                open_marks.pop()
            elif offset in after_s:
                continue
            elif any(open_mark == opener for open_mark, _ in open_marks):
                # Something opened after it was left open: that one is the unpaired mark.
                while open_marks[-1][0] != opener:
                    left_open, where = open_marks.pop()
                    found.append(Spot(where, left_open))
                open_marks.pop()
            else:
                found.append(Spot(offset, character))
    found += [Spot(offset, mark) for mark, offset in open_marks]
    straight = [match.start() for match in re.finditer('"', text)
                if match.start() not in skipped]
    if len(straight) % 2:
        found.append(Spot(straight[-1], '"'))
    return sorted(found, key=lambda spot: spot.offset)


# -- end-punctuation -------------------------------------------------------------------------

SOURCE_ENDS = frozenset(".!?؟:…»”\")۔")
# An Arabic question mark ends the sentence too: `untranslated-script` reports its script.
ENGLISH_ENDS = frozenset(".!?:”\"’)…»؟")
# Markdown that is not prose: headings, list items, quotes, tables, code, HTML, rules.
_NOT_PROSE = re.compile(r"^[ \t]*(?:#|[-*+][ \t]|\d+[.)][ \t]|>|\||```|~~~|<|---|\*\*\*)")
# Emphasis or a line break after the last word does not end the sentence.
_TRAILING = re.compile(r"[*_`\s]+$")


def is_prose(text: str) -> bool:
    return not _NOT_PROSE.match(text) and len(text.split()) >= 3


def ending(text: str) -> str:
    stripped = _TRAILING.sub("", text)
    return stripped[-1:] if stripped else ""


def lacks_end(source: str, english: str) -> bool:
    """Whether the English paragraph is prose that stops without the punctuation that ends
    its source paragraph."""
    return (is_prose(english) and is_prose(source) and ending(source) in SOURCE_ENDS
            and ending(english) not in ENGLISH_ENDS)


# -- urls-emails and markdown-links ------------------------------------------------------------

# A Markdown link or image: [text](target "title") or ![alt](target).
_MARKDOWN_LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^\s()<>]+)>?"
                            r"(?:\s+\"[^\"\n]*\")?\s*\)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]«»“”\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Punctuation that ends the sentence around a URL rather than the URL.
_URL_TAIL = ".,;:!?؟،؛…’"


@dataclass(frozen=True)
class Link:
    offset: int
    image: bool
    text: str
    target: str


def markdown_links(text: str) -> list[Link]:
    return [Link(match.start(), match.group(1) == "!", match.group(2), match.group(3))
            for match in _MARKDOWN_LINK.finditer(text)]


def without_addresses(text: str) -> str:
    """The text with its URLs, e-mail addresses and Markdown link targets blanked out (same
    length, so offsets hold): the digits of "decision-12" or "img/2024.jpg" are part of an
    address, which `urls-emails` and `markdown-links` compare whole, not figures to count."""
    def blank(match: re.Match[str], group: int = 0) -> str:
        start, end = match.span(group)
        whole = match.group(0)
        return (whole[:start - match.start()] + " " * (end - start)
                + whole[end - match.start():])
    text = _MARKDOWN_LINK.sub(lambda match: blank(match, 3), text)
    return _EMAIL.sub(blank, _URL.sub(blank, text))


def addresses(text: str) -> list[Spot]:
    """The bare URLs and e-mail addresses of a text, outside Markdown links (which
    `markdown-links` follows), each once, in order."""
    plain = _MARKDOWN_LINK.sub(lambda match: " " * len(match.group(0)), text)
    found: dict[str, int] = {}
    for match in (*_URL.finditer(plain), *_EMAIL.finditer(plain)):
        value = match.group(0).rstrip(_URL_TAIL)
        if value and "@" in value and "://" in value:
            continue  # the user part of a URL, found again as an address
        found.setdefault(value, match.start())
    return sorted((Spot(offset, value) for value, offset in found.items()),
                  key=lambda spot: spot.offset)


def address_in(value: str, english: str) -> bool:
    """Whether the English text holds the address as the source writes it (a trailing
    slash aside)."""
    return value.rstrip("/") in english


# -- inconsistent-translation ----------------------------------------------------------------

# A sentence ends at . ! ? or ؟ (with any closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"”’»)]*\s+")
# Shorter sentences ("وأضاف:", a dateline) recur with different sense; these say something.
MIN_SOURCE_WORDS = 6


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def source_key(sentence: str) -> str | None:
    """What identical source sentences share, given a sentence of `fingerprint.comparable`
    text (diacritics, tatweel and spacing already set aside): the sentence itself, without
    its final punctuation; None when it is too short. No finer folding: this runs on every
    sentence the desk published, once per check."""
    if sentence.count(" ") < MIN_SOURCE_WORDS - 1:
        return None
    return sentence.rstrip(".!?؟…\"”’»)")


def english_key(sentence: str) -> str:
    """What identical English renderings share: spacing, case and quote styles aside."""
    return " ".join(sentence.replace("’", "'").replace("“", '"').replace("”", '"')
                    .casefold().split())


def paired_sentences(source: str, english: str) -> Iterator[tuple[str, str]]:
    """The sentences of a source paragraph and its English paragraph, paired in order when
    both have as many; nothing when they differ (a split or merged sentence pairs no one)."""
    source_sentences, english_sentences = sentences(source), sentences(english)
    if len(source_sentences) == len(english_sentences):
        yield from zip(source_sentences, english_sentences, strict=True)
