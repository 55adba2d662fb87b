"""Align source paragraphs with English paragraphs, and the sentences inside aligned ones, to
find dropped and merged paragraphs and dropped sentences.

A translation keeps the source's paragraphs in order, each English paragraph about a steady
multiple of its source paragraph's length. The alignment is the cheapest path through the
paragraphs where each step pairs one source paragraph with one English paragraph (1-1), or
splits, merges, drops or adds one (1-2, 2-1, 1-0, 0-1); a step costs its kind's improbability
(after Gale and Church, 1993) plus how far the English length strays from the expected
multiple of the source length. The multiple is first the whole texts' ratio, then re-estimated
from the paragraphs paired one to one, and the alignment made again.

Lengths alone cannot tell which of several similar paragraphs was dropped, so anchors serve:
the numbers of a paragraph, the words it writes in Latin letters (names such as "UNICEF" or
"BBC"), and names compared by their consonants (see Anchors). Pairing a source paragraph with
English text that has its anchors costs less, with English text that lacks them costs more.

Inside each aligned pair the sentences are aligned the same way, with the paragraphs' multiple
and the same anchors, so that a sentence left out of a paragraph is found. A translator often
joins two or three Arabic sentences into one English sentence, or splits one: at that level
merges and splits of up to three sentences are steps of their own, and are never omissions.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from editorial.core.quality import arabic
from editorial.core.quality.numbers import english_numbers, source_numbers
from editorial.core.quality.text import Paragraph


@dataclass(frozen=True)
class _Level:
    # -log of how often each kind of step occurs in real translations.
    step_costs: dict[tuple[int, int], float]
    # How much an English unit's length varies around the expected multiple, as a variance
    # of the log ratio per source character: long units keep closer to it than short ones.
    spread_per_char: float


_PARAGRAPHS = _Level({(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (1, 0): 4.5, (0, 1): 4.5}, 15.0)
# Arabic sentences are often split in English, and sometimes joined, up to three at a time.
# A sentence's length follows its source's more closely than a paragraph's (Gale and Church
# measured a variance of 6.8 characters per character), since it has one thought.
_SENTENCES = _Level({(1, 1): 0.0, (1, 2): 1.6, (2, 1): 3.0, (1, 0): 4.5, (0, 1): 4.5,
                     (1, 3): 3.2, (3, 1): 5.0}, 8.0)
_MIN_SPREAD = 0.12 ** 2
_SMOOTHING = 10  # characters: keeps very short paragraphs (a heading) from dominating
# Per source number found (a reward) or not found (a cost) in the English paragraphs paired
# with its paragraph; per Latin word of the source found (a reward).
_FOUND_ANCHOR = -1.0
_MISSING_ANCHOR = 2.0
# Per English name whose skeleton a source word of the pairing has.
_FOUND_NAME = -1.0
_SMALL_NUMBER = 12
# Cells either side of the diagonal worked out, beyond the difference in counts.
_BAND = 8
# Per paragraph break inside a run of sentences paired with the other side's.
_CROSSING = 2.3
# A dropped paragraph is *confident* when the best alignment that gives it (each of its
# sentences) English text costs at least this much more than the one that drops it: the
# drop is then at least e**3, about 20, times likelier than any merge or pairing.
CONFIDENT_MARGIN = 3.0


@dataclass(frozen=True)
class Step:
    source: tuple[int, ...]   # indexes into the source paragraphs (or sentences)
    english: tuple[int, ...]  # indexes into the English paragraphs (or sentences)


def length(text: str) -> int:
    """Characters that carry text: no spaces, no diacritics."""
    # str.split() splits at exactly the characters str.isspace() accepts.
    return len("".join(arabic.normalize(text).split()))


# A word in Latin letters, two or more: in an Arabic source, a name left as written.
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
# A capitalised English word: a name, whose Arabic spelling the source may have.
_ENGLISH_NAME = re.compile(r"(?<![\w'\u2019])[A-Z][a-z'\u2019]+(?:-[A-Z]?[a-z'\u2019]+)*")

# Names are compared as consonant skeletons, the letters both spellings write: حمص and
# "Homs" are both "hms", خالد and "Khaled" both "kld". Long vowels, alef, ain, hamza, waw and
# ya are left out (English writes them as vowels, or not at all), and letters English spells
# alike are one class (ص س ش: "s").
_CONSONANT_CLASSES = {
    "\u0628": "b", "\u062a": "t", "\u062b": "t", "\u062c": "j", "\u062d": "h",
    "\u062e": "k", "\u062f": "d", "\u0630": "d", "\u0631": "r", "\u0632": "z",
    "\u0633": "s", "\u0634": "s", "\u0635": "s", "\u0636": "d", "\u0637": "t",
    "\u0638": "z", "\u063a": "g", "\u0641": "f", "\u0642": "k", "\u0643": "k",
    "\u0644": "l", "\u0645": "m", "\u0646": "n", "\u0647": "h",
}
# Every other letter of the Arabic block is left out.
_ARABIC_CONSONANTS = str.maketrans({
    **{chr(code): None for code in range(0x0600, 0x0700)}, **_CONSONANT_CLASSES})
_ENGLISH_DIGRAPHS = re.compile("kh|sh|th|dh|gh|ch|[qc]")
_ENGLISH_DIGRAPH_CLASS = {"kh": "k", "sh": "s", "th": "t", "dh": "d", "gh": "G", "ch": "s",
                          "q": "k", "c": "k"}
_ENGLISH_OTHER = re.compile("[^bdfghjklmnrstz]+")
_DOUBLED = re.compile(r"(.)\1+")
# Shorter skeletons match too many words by chance.
_MIN_SKELETON = 3


def _arabic_skeletons(text: str) -> set[str]:
    found: set[str] = set()
    for word in arabic.words(arabic.fold(text, ta_marbuta=False)):
        if arabic.has_arabic(word):  # Latin words are anchors of their own
            found |= _word_skeletons(word)
    return found


@functools.lru_cache(maxsize=8192)
def _word_skeletons(word: str) -> frozenset[str]:
    """The skeletons of a word and of its stems without proclitics: cached, since an article
    repeats its words, and every word is read for its paragraph and again for its sentence."""
    skeletons = (_DOUBLED.sub(r"\1", stem.translate(_ARABIC_CONSONANTS))
                 for stem in arabic.stems(word))
    return frozenset(skeleton for skeleton in skeletons if len(skeleton) >= _MIN_SKELETON)


def _english_skeleton(name: str) -> str:
    lowered = name.casefold().rstrip("h")  # a final h writes a vowel: "Hamah", "Daraah"
    classes = _ENGLISH_DIGRAPHS.sub(lambda match: _ENGLISH_DIGRAPH_CLASS[match.group()],
                                    lowered)
    # A lone g is the Egyptian ج ("Gamal"), gh is غ: "G" keeps it apart until then.
    return _DOUBLED.sub(r"\1", _ENGLISH_OTHER.sub("", classes.replace("g", "j")
                                                    .replace("G", "g")))


@dataclass(frozen=True)
class Anchors:
    """What ties a unit of text to its translation: numbers, which the English must have
    (a pairing without them costs more); numbers of the English above twelve, which the
    source must have (smaller ones are as often "one by one" or a month); and the Latin
    words and name skeletons of an Arabic source, which only reward a pairing (a translator
    may leave a web address or an acronym out, and the skeletons of every source word are
    there, most of them no name)."""

    numbers: frozenset[Decimal] = frozenset()
    words: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    large: frozenset[Decimal] = frozenset()  # of English numbers, those above twelve

    def __or__(self, other: Anchors) -> Anchors:
        return Anchors(self.numbers | other.numbers, self.words | other.words,
                       self.names | other.names, self.large | other.large)

    def pairing_cost(self, english: Anchors) -> float:
        """What pairing this source text with `english` costs or saves, by its anchors."""
        # Asked for every cell of the alignment: the common case, no anchors, is tested first.
        cost = 0.0
        if self.numbers:
            found = len(self.numbers & english.numbers)
            cost += _FOUND_ANCHOR * found + _MISSING_ANCHOR * (len(self.numbers) - found)
        if english.large:
            cost += _MISSING_ANCHOR * len(english.large - self.numbers)
        if self.words:
            cost += _FOUND_ANCHOR * len(self.words & english.words)
        if self.names and english.names:
            cost += _FOUND_NAME * len(self.names & english.names)
        return cost


def source_anchors(text: str) -> Anchors:
    # In a source in Latin letters (French, Turkish) every word is Latin and most are no
    # name: only its capitalised words are anchors there.
    arabic_script = arabic.has_arabic(text)
    words = _LATIN_WORD.findall(text) if arabic_script else _ENGLISH_NAME.findall(text)
    return Anchors(frozenset(number.value for number in source_numbers(text)),
                   frozenset(word.casefold() for word in words),
                   frozenset(_arabic_skeletons(text)) if arabic_script else frozenset())


def english_anchors(text: str) -> Anchors:
    names = {_english_skeleton(name) for name in _ENGLISH_NAME.findall(text)}
    numbers = english_numbers(text)
    return Anchors(numbers,
                   frozenset(word.casefold() for word in _LATIN_WORD.findall(text)),
                   frozenset(name for name in names if len(name) >= _MIN_SKELETON),
                   frozenset(number for number in numbers if number > _SMALL_NUMBER))


def _expectation(source_length: int, ratio: float, level: _Level) -> tuple[float, float]:
    """What a source run's length leads to expect of the English: its length (smoothed) and
    how far it may stray, as a variance of the log ratio."""
    return (ratio * source_length + _SMOOTHING,
            max(_MIN_SPREAD, level.spread_per_char / (source_length + 1)))


@dataclass(frozen=True)
class _Side:
    lengths: list[int]
    anchors: list[Anchors]
    # For sentences, the paragraph step of each: a step that joins sentences of two costs
    # what a paragraph merge costs.
    paragraphs: list[int] | None = None

    @classmethod
    def of(cls, texts: Sequence[str], *, source: bool,
           paragraphs: list[int] | None = None) -> _Side:
        anchors = source_anchors if source else english_anchors
        return cls([length(text) for text in texts], [anchors(text) for text in texts],
                   paragraphs)

    def runs(self, width: int) -> list[tuple[int, Anchors, int]]:
        """The length, the anchors and the paragraph breaks crossed of every run of `width`
        units, by the index it starts at: worked out once, where each step of the alignment
        would ask again."""
        return [(sum(self.lengths[start:start + width]),
                 functools.reduce(operator.or_, self.anchors[start:start + width]),
                 self.paragraphs[start + width - 1] - self.paragraphs[start]
                 if self.paragraphs else 0)
                for start in range(len(self.lengths) - width + 1)]


@dataclass(frozen=True)
class _Alignment:
    steps: list[Step]
    cost: float


def _align(source: _Side, english: _Side, ratio: float, level: _Level,
           *, keep: frozenset[int] = frozenset(),
           paired: frozenset[tuple[int, int]] = frozenset()) -> _Alignment:
    """The cheapest alignment; a source unit in `keep` may not be dropped (1-0). For
    sentences, `paired` holds the (source, English) paragraph steps that go together: a
    step pairing sentences of others costs a paragraph merge more."""
    rows, cols = len(source.lengths), len(english.lengths)
    # The kinds of step as (source units taken, English units taken, cost), in the order
    # they are tried: on a tie the first one tried stays.
    kinds = [(taken_source, taken_english, step_cost)
             for (taken_source, taken_english), step_cost in level.step_costs.items()]
    widest = max(max(pair) for pair in level.step_costs)
    # By width, then by start: the expected English length and spread of each source run,
    # with its anchors; the smoothed length of each English run, with its anchors.
    source_runs = [[], *([(*_expectation(run_length, ratio, level), anchors, breaks)
                          for run_length, anchors, breaks in source.runs(width)]
                         for width in range(1, widest + 1))]
    english_runs = [[], *([(run_length + _SMOOTHING, anchors, breaks)
                           for run_length, anchors, breaks in english.runs(width)]
                          for width in range(1, widest + 1))]
    source_paragraphs, english_paragraphs = source.paragraphs or [], english.paragraphs or []
    log = math.log
    infinity = float("inf")
    cost = [[infinity] * (cols + 1) for _ in range(rows + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (cols + 1) for _ in range(rows + 1)]
    cost[0][0] = 0.0
    # Only cells near the diagonal are worked out (after Gale and Church): a path strays from
    # it by one cell per paragraph dropped or added, and the band allows for more than the
    # difference in counts, so the cheapest path lies within it.
    band = abs(rows - cols) + _BAND
    for i in range(rows + 1):
        centre = i * cols // rows if rows else 0
        for j in range(max(0, centre - band), min(cols, centre + band) + 1):
            here = cost[i][j]
            if here == infinity:
                continue
            for taken_source, taken_english, step_cost in kinds:
                ni, nj = i + taken_source, j + taken_english
                if ni > rows or nj > cols or (not taken_english and i in keep):
                    continue
                total = here + step_cost
                if taken_source and taken_english:
                    # A pairing costs how far the English length strays from the expected
                    # one, and what its anchors say (see Anchors).
                    expected, spread, wanted, source_breaks = source_runs[taken_source][i]
                    english_length, stated, english_breaks = english_runs[taken_english][j]
                    pair_cost = (log(english_length / expected) ** 2 / spread
                                 + wanted.pairing_cost(stated)
                                 + _CROSSING * (source_breaks + english_breaks))
                    if paired and (source_paragraphs[i], english_paragraphs[j]) not in paired:
                        pair_cost += _CROSSING
                    total += pair_cost
                if total < cost[ni][nj]:
                    cost[ni][nj] = total
                    back[ni][nj] = (taken_source, taken_english)
    steps: list[Step] = []
    i, j = rows, cols
    if cost[i][j] == infinity:  # every unit kept with no English to give it: no alignment
        return _Alignment([], infinity)
    while i or j:
        taken = back[i][j]
        assert taken is not None
        steps.append(Step(tuple(range(i - taken[0], i)), tuple(range(j - taken[1], j))))
        i, j = i - taken[0], j - taken[1]
    steps.reverse()
    return _Alignment(steps, cost[rows][cols])


# English length per source length (letters, no spaces) in news translated from the Arabic
# script, and from Latin letters (French, Turkish): 1.19 to 1.41 over the Arabic texts of
# editorial's demo and tests, 0.90 and 0.95 over the French and Turkish ones.
_PRIOR_RATIO = {True: 1.3, False: 0.95}
# How many source characters that prior weighs as. A text's own ratio hides what it lacks
# (a dropped sentence lowers it until the rest fits): a short text leans on the prior, a
# long one on itself.
_PRIOR_WEIGHT = 400


def _ratio(english_length: int, source_length: int, *, arabic_script: bool) -> float:
    return ((english_length + _PRIOR_RATIO[arabic_script] * _PRIOR_WEIGHT)
            / (source_length + _PRIOR_WEIGHT))


def _paired_lengths(source: _Side, english: _Side, steps: Sequence[Step]) -> tuple[int, int]:
    """English length and source length of the units paired one to one."""
    paired = [(english.lengths[s.english[0]], source.lengths[s.source[0]])
              for s in steps if len(s.source) == 1 and len(s.english) == 1]
    return sum(pair[0] for pair in paired), sum(pair[1] for pair in paired)


@dataclass(frozen=True)
class Alignment:
    steps: list[Step]
    ratio: float   # English length per source length: what the steps were costed with
    source: _Side
    english: _Side


def align_paragraphs(source: Sequence[Paragraph], english: Sequence[Paragraph]) -> Alignment:
    source_side = _Side.of([p.text for p in source], source=True)
    english_side = _Side.of([p.text for p in english], source=False)
    total_source = sum(source_side.lengths)
    if not total_source or not english_side.lengths:
        return Alignment([Step((index,), ()) for index in range(len(source))] + [
            Step((), (index,)) for index in range(len(english))], 1.0, source_side,
            english_side)
    arabic_script = any(arabic.has_arabic(p.text) for p in source)
    ratio = _ratio(sum(english_side.lengths), total_source, arabic_script=arabic_script)
    steps = _align(source_side, english_side, ratio, _PARAGRAPHS).steps
    if len(steps) > sum(1 for s in steps if len(s.source) == len(s.english) == 1):
        ratio = _ratio(*_paired_lengths(source_side, english_side, steps),
                       arabic_script=arabic_script)
        steps = _align(source_side, english_side, ratio, _PARAGRAPHS).steps
    return Alignment(steps, ratio, source_side, english_side)


def align(source: Sequence[Paragraph], english: Sequence[Paragraph]) -> list[Step]:
    return align_paragraphs(source, english).steps


def counterpart(steps: Sequence[Step], source_index: int) -> int | None:
    """The English paragraph a source paragraph went into, or, when it was dropped, the
    English paragraph where it should have been (the next one, else the last)."""
    last: int | None = None
    for position, step in enumerate(steps):
        if step.english:
            last = step.english[-1]
        if source_index in step.source:
            if step.english:
                return step.english[0]
            for later in steps[position + 1:]:
                if later.english:
                    return later.english[0]
            return last
    return last


# -- sentences --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    start: int  # offset into its paragraph's text
    text: str


# Quotes and brackets that close a sentence after its full stop, or open a word before it.
_CLOSERS = "\"')]\u00bb\u201d\u2019"
_OPENERS = "\"'([\u00ab\u201c\u2018"
# A sentence ends at . ! ? (and the Arabic question mark U+061F and full stop U+06D4, and an
# ellipsis), with any closing quotes or brackets after it, before a space or the end of the
# paragraph: so "2.5" and "www.example.org" never end one.
_END = re.compile(f"([.!?\u061f\u06d4\u2026]+)[{re.escape(_CLOSERS)}]*(?=\\s|$)")
# English words written with a full stop that does not end the sentence.
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "cpl", "adm",
    "gov", "sen", "rep", "pres", "st", "mt", "ft", "jr", "sr", "no", "nos", "vs", "v", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "cf", "al", "ca", "est", "dept", "univ", "hon"))
# Initials and dotted abbreviations: "J.", "U.S.", "U.N.", and in Arabic a letter standing
# for a title, as "\u062f." (doctor).
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


def _ends_sentence(text: str, match: re.Match[str], *, english: bool) -> bool:
    """Whether a full stop (or !, ?) found by _END ends its sentence."""
    if match.group(1) != ".":
        return True
    before = text[:match.start()].split()
    word = before[-1].lstrip(_OPENERS) if before else ""
    if _INITIALS.fullmatch(word):
        return False
    if english:
        following = text[match.end():].lstrip()
        return word.casefold() not in ABBREVIATIONS and not following[:1].islower()
    return True


def sentences(text: str, *, english: bool) -> list[Sentence]:
    """The sentences of a paragraph. In English a full stop after an abbreviation ("Dr.",
    "Jan."), after initials ("U.S.") or before a lower-case word does not end a sentence; in
    either language a full stop after a single letter or dotted letters does not."""
    found: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        if not _ends_sentence(text, match, english=english):
            continue
        piece = text[start:match.end()]
        if piece.strip():
            found.append(Sentence(start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = match.end()
    rest = text[start:]
    if rest.strip():
        found.append(Sentence(start + len(rest) - len(rest.lstrip()), rest.strip()))
    return found


@dataclass(frozen=True)
class Omission:
    paragraph: int         # index of the source paragraph
    sentence: int | None   # index of the sentence in it; None when the whole paragraph went
    text: str              # what has no English
    start: int             # offset of that text in the paragraph
    # See CONFIDENT_MARGIN. For a sentence: that it is this sentence, not one beside it of
    # about its length, that has no English.
    confident: bool


def omissions(source: Sequence[Paragraph], english: Sequence[Paragraph],
              alignment: Alignment) -> list[Omission]:
    """Source paragraphs, and sentences of paired paragraphs, that have no English.

    A paragraph the paragraph alignment drops is aligned again by sentences with the
    paragraphs before and after it, since the English of its first sentences may have gone
    into a neighbour's paragraph; the same holds for two paragraphs merged into one. A
    paragraph none of whose sentences is paired with English there is dropped."""
    found: list[Omission] = []
    for group in _groups(alignment.steps):
        if any(step.english for step in group):
            found.extend(_dropped_sentences(source, english, group, alignment.ratio))
        else:  # an English text that matches none of the source: which went is anyone's guess
            found.extend(Omission(index, None, source[index].text, 0, False)
                         for step in group for index in step.source)
    return found


def _groups(steps: Sequence[Step]) -> list[list[Step]]:
    """The steps to align by sentences together: each step with source and English on its
    own, and each dropped paragraph with the steps either side of it."""
    joined = [False] * len(steps)  # whether a step goes with the one before it
    for position, step in enumerate(steps):
        if not step.english and step.source:
            if position:
                joined[position] = True
            if position + 1 < len(steps):
                joined[position + 1] = True
    groups: list[list[Step]] = []
    for step, with_previous in zip(steps, joined, strict=True):
        if with_previous and groups:
            groups[-1].append(step)
        else:
            groups.append([step])
    return [group for group in groups if any(step.source for step in group)]


def _dropped_sentences(source: Sequence[Paragraph], english: Sequence[Paragraph],
                       group: Sequence[Step], ratio: float) -> list[Omission]:
    # Every sentence of the steps' source paragraphs, as (its step, its paragraph, its index
    # in the paragraph, it); every sentence of their English, as (its step, its text). A
    # sentence pairs freely within its step (paragraphs the paragraph alignment merged are
    # one); pairing it with another step's, or across steps, costs a paragraph merge.
    units = [(position, index, number, sentence) for position, step in enumerate(group)
             for index in step.source
             for number, sentence in enumerate(sentences(source[index].text, english=False))]
    english_texts = [(position, sentence.text) for position, step in enumerate(group)
                     for index in step.english
                     for sentence in sentences(english[index].text, english=True)]
    if len(units) < 2:
        return []
    paired = frozenset((position, position) for position in range(len(group)))
    source_side = _Side.of([sentence.text for *_, sentence in units], source=True,
                           paragraphs=[position for position, *_ in units])
    english_side = _Side.of([text for _, text in english_texts], source=False,
                            paragraphs=[position for position, _ in english_texts])
    best = _align(source_side, english_side, ratio, _SENTENCES, paired=paired)
    dropped = {row for s in best.steps if not s.english for row in s.source}
    found: list[Omission] = []
    for index in (index for step in group for index in step.source):
        rows = frozenset(row for row, unit in enumerate(units) if unit[1] == index)
        if rows <= dropped:
            margin = _align(source_side, english_side, ratio, _SENTENCES, keep=rows,
                            paired=paired).cost - best.cost
            found.append(Omission(index, None, source[index].text, 0,
                                  margin >= CONFIDENT_MARGIN))
            continue
        for row in sorted(rows & dropped):
            margin = _align(source_side, english_side, ratio, _SENTENCES,
                            keep=frozenset({row}), paired=paired).cost - best.cost
            _, _, number, sentence = units[row]
            found.append(Omission(index, number, sentence.text, sentence.start,
                                  margin >= CONFIDENT_MARGIN))
    return found
