"""The newsroom's glossary (`glossary.yaml`): source terms and how the desk renders them.

```yaml
terms:
  - source: حلب                  # the term in the source language (required)
    target: Aleppo               # the English rendering the desk uses (required)
    variants: [Aleppine]         # other English renderings that are also right
    forbidden: [Halab, Haleb]    # English renderings that are wrong
    source_variants: [حلبا]      # other spellings of the source term
    allowed: [Halab Club]        # names holding a forbidden form that are right as written
    note: The city's established English name.
```

A source term is found with or without diacritics, whatever its hamza or alef maqsura
spelling, and with the proclitics written joined to it (و ف ب ك ل ال and their combinations,
e.g. وال، بال، لل); the later words of a term of several may carry the article (ليرة سورية
is found in الليرة السورية). English renderings are matched as whole words, ignoring case,
allowing a plural or possessive ending ("ceasefires", "Aleppo's"), also as part of a
hyphenated compound ("SDF-controlled", "HTS-run"), and a curly apostrophe (U+2019) the same
as a straight one.

`allowed` lists official names that hold the term or a forbidden form and are right as they
stand, such as "Rif Dimashq" for a desk that writes دمشق as "Damascus": they satisfy the
term where they appear, and a forbidden form inside them is not reported; unlike variants,
messages do not offer them as renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial.core import yamlio
from editorial.core.files import refuse_links
from editorial.core.quality import arabic
from editorial.errors import ConfigError, EditorialError

_KEYS = ("source", "target", "variants", "forbidden", "source_variants", "allowed", "note")


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    source_variants: tuple[str, ...] = ()
    note: str = ""
    line: int | None = None  # where the term starts in glossary.yaml
    allowed: tuple[str, ...] = ()

    @property
    def renderings(self) -> tuple[str, ...]:
        """Every right English rendering: the target first."""
        return (self.target, *self.variants)

    @property
    def accepted(self) -> tuple[str, ...]:
        """What satisfies the term in English, and keeps a forbidden form inside it from
        being reported: the renderings and the allowed names."""
        return (*self.renderings, *self.allowed)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.source, *self.source_variants)

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "target": self.target, "variants": list(self.variants),
                "forbidden": list(self.forbidden),
                "source_variants": list(self.source_variants), "allowed": list(self.allowed),
                "note": self.note}


@dataclass(frozen=True)
class Glossary:
    path: Path
    terms: tuple[Term, ...] = ()

    def lookup(self, query: str) -> list[Term]:
        """The terms whose source spelling (with proclitics, diacritics, hamza forms) or
        English rendering (ignoring case) `query` is."""
        lowered = _plain(query)
        by_english = [term for term in self.terms if lowered in
                      (_plain(text) for text in (*term.accepted, *term.forbidden))]
        if by_english:
            return by_english
        wanted = SourceText.of(query)
        return [term for term in self.terms if wanted.contains(term)]


def load(path: Path) -> Glossary:
    """The glossary at `path`; an empty one when the file does not exist."""
    refuse_links(path.parent, [path])
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Glossary(path)
    except UnicodeDecodeError as error:
        raise ConfigError(f"not UTF-8 text ({error.reason})", path=path) from None
    try:
        data = yamlio.load(text, path=path)
    except EditorialError as error:
        raise ConfigError(error.message, path=path, line=error.line, hint=error.hint) from None

    def fail(message: str, *keys: str | int) -> ConfigError:
        return ConfigError(message, path=path, line=yamlio.line_of(text, keys) or 1,
                           hint="see 'Glossary' in the documentation of editorial check")

    if data is None:
        return Glossary(path)
    if not isinstance(data, dict) or not isinstance(data.get("terms", []), list):
        raise fail("a glossary is a mapping with 'terms:', a list of {source, target, ...}",
                   "terms")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data.get("terms") or []):
        where = ("terms", index)
        if not isinstance(entry, dict):
            raise fail(f"terms[{index}] must be a mapping with source and target", *where)
        unknown = sorted(str(key) for key in entry if key not in _KEYS)
        if unknown:
            raise fail(f"terms[{index}]: unknown key {unknown[0]!r}; known: {', '.join(_KEYS)}",
                       *where, unknown[0])
        for key in ("source", "target"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise fail(f"terms[{index}] needs '{key}' as text", *where)
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("variants", "forbidden", "source_variants", "allowed"):
            strings = _strings(entry.get(key))
            if strings is None:
                raise fail(f"terms[{index}].{key} must be a list of text", *where, key)
            lists[key] = strings
        note = entry.get("note", "")
        if not isinstance(note, str):
            raise fail(f"terms[{index}].note must be text", *where, "note")
        source, target = entry["source"].strip(), entry["target"].strip()
        if not _words_of(source):
            raise fail(f"terms[{index}].source has no letters", *where, "source")
        for key in ("variants", "forbidden", "allowed"):
            for english in lists[key]:
                if arabic.has_arabic(english):
                    raise fail(f"terms[{index}].{key}: {english!r} is not English; other "
                               "source spellings go under source_variants", *where, key)
        key_text = " ".join(_words_of(source))
        if key_text in seen:
            raise fail(f"terms[{index}]: the source term {source!r} is already listed in "
                       f"terms[{seen[key_text]}]", *where)
        seen[key_text] = index
        terms.append(Term(source, target, lists["variants"], lists["forbidden"],
                          lists["source_variants"], note.strip(),
                          yamlio.line_of(text, where), lists["allowed"]))
    return Glossary(path, tuple(terms))


def _strings(value: Any) -> tuple[str, ...] | None:
    """A list of non-empty strings (a single string is a list of one); None if not that."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip()
                                              for item in value):
        return None
    return tuple(item.strip() for item in value)


_cache: dict[Path, tuple[tuple[int, int], Glossary]] = {}


def load_cached(path: Path) -> Glossary:
    """`load`, read again only when the file changed: every article's check needs it."""
    try:
        stat = path.lstat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        return Glossary(path)
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, load(path))
        _cache[path] = cached
    return cached[1]


# -- matching -------------------------------------------------------------------------------

def _words_of(text: str) -> list[str]:
    return arabic.words(arabic.fold(text))


def _index(words: list[str]) -> dict[str, list[int]]:
    """Each stem of each word (proclitics removed) -> the positions of the words."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        for stem in arabic.stems(word):
            index.setdefault(stem, []).append(position)
    return index


def phrase_positions(phrase: str, words: list[str], index: dict[str, list[int]]) -> list[int]:
    """Where a (possibly multi-word) source phrase starts among `words`: its first word may
    carry proclitics, the others are matched as written (folded) or with the article, since
    an adjective agrees with its noun in definiteness: ليرة سورية, الليرة السورية."""
    wanted = _words_of(phrase)
    if not wanted:
        return []
    found = []
    for position in index.get(wanted[0], []):
        rest = words[position + 1 : position + len(wanted)]
        if len(rest) == len(wanted) - 1 and all(
                word in (want, _ARTICLE + want) for word, want in zip(rest, wanted[1:],
                                                                      strict=True)):
            found.append(position)
    return found


_ARTICLE = "ال"


@dataclass(frozen=True)
class SourceText:
    """A source paragraph prepared for finding terms in."""

    words: list[str]
    index: dict[str, list[int]]

    @classmethod
    def of(cls, text: str) -> SourceText:
        words = _words_of(text)
        return cls(words, _index(words))

    def contains(self, term: Term) -> str | None:
        """The spelling of the term found in this text, if any."""
        for spelling in term.spellings:
            if phrase_positions(spelling, self.words, self.index):
                return spelling
        return None


# The apostrophes a writer or a keyboard may put for one another.
_APOSTROPHES = "'\u2019\u2018\u02bc"
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")


def _plain(english: str) -> str:
    """English text as a lookup compares it: spaces collapsed, case folded, one apostrophe."""
    return _APOSTROPHE.sub("'", " ".join(english.split()).casefold())


def english_pattern(rendering: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for an English rendering, spaces and hyphens
    as written, any apostrophe for any other, allowing a plural or possessive ending. A
    hyphen ends a word: "SDF-controlled" has "SDF", "HTS-run" has "HTS"."""
    any_apostrophe = f"[{_APOSTROPHES}]"
    parts = [any_apostrophe.join(re.escape(piece) for piece in _APOSTROPHE.split(part))
             for part in rendering.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + f"(?:s|es|{any_apostrophe}s)?(?!\\w)",
                      re.IGNORECASE)
