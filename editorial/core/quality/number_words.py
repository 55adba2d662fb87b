# Arabic number words are the point of this module.
# ruff: noqa: RUF003

"""Numbers an Arabic source writes in words, read as the numbers the English renders them by.

Read: the cardinals (واحد to عشرة, أحد عشر to تسعة عشر, the tens عشرون to تسعون, مئة/مائة
and the hundreds, ألف, مليون, مليار), joined with و ("خمسة وعشرون" is 25, "ثلاثمئة وعشرون"
is 320) and multiplied by a scale ("ثلاثة آلاف" is 3000); the duals of scales and of the units
of time (ألفين, مليونين, يومين, شهرين, "مرتين" twice), which state a 2 as surely as a digit;
ordinals with the article (الأول to العاشر, and أول), which only an English ordinal renders;
fractions (نصف, ربع, ثلث, ثلثا, "ثلاثة أرباع"); and the vague quantities عشرات, مئات, آلاف,
ملايين ("عشرات الآلاف"), which only "dozens", "hundreds", "tens of thousands"... render, and
whose absence is never a wrong number.

Words are matched in the folded text (`arabic.fold`), after a conjunction و/ف and, for the
forms other than ست, a preposition ب/ل/ك: "لثلاث" is "for three", "لست" (I am not) no six.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from editorial.core.quality import arabic

# What a number may be rendered by: a value, or what no plain value is, an ordinal or a
# vague quantity of a magnitude ("hundreds").
Reading = Decimal | str


def ordinal(value: int) -> str:
    return f"ordinal:{value}"


def vague(magnitude: Decimal) -> str:
    return f"vague:{magnitude.normalize():f}"


THIRD = Decimal(1) / Decimal(3)

# Folded spellings (hamza on alef dropped, ى as ي, ة as ه) by what they are.
_UNITS = {
    "واحد": 1, "واحده": 1, "واحدا": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
# Only with عشر after them: أحد عشر, اثنا عشر.
_TEEN_UNITS = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}
_TENS = {f"{stem}{ending}": value for stem, value in (
    ("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70),
    ("ثمان", 80), ("تسع", 90)) for ending in ("ون", "ين")}
_HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200,
             "مائتين": 200, "مئتا": 200, "مئتي": 200}
_HUNDREDS.update({f"{unit}{hundred}": value * 100 for unit, value in (
    ("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9))
    for hundred in ("مئه", "مائه")})
_SCALES = {"الف": 1_000, "الفا": 1_000, "مليون": 1_000_000, "مليونا": 1_000_000,
           "مليار": 1_000_000_000, "مليارا": 1_000_000_000}
# After a unit ("ثلاثة آلاف") a multiplier; alone a vague quantity ("آلاف الأشخاص").
_PLURAL_SCALES = {"الاف": 1_000, "ملايين": 1_000_000, "مليارات": 1_000_000_000}
_VAGUE = {"عشرات": 10, "مئات": 100}
_DUALS = {word: 2_000 for word in ("الفان", "الفين")}
_DUALS.update({word: 2_000_000 for word in ("مليونان", "مليونين")})
_DUALS.update({word: 2_000_000_000 for word in ("ملياران", "مليارين")})
_DUALS.update({word: 2 for word in (
    "يومين", "يومان", "شهرين", "شهران", "اسبوعين", "اسبوعان", "عامين", "عامان", "سنتين",
    "سنتان", "ساعتين", "ساعتان", "دقيقتين", "مرتين")})
# Any noun in the dual with the article ("الرئيسان", "الطرفين"), a feminine one without it
# ("ربطتين", two bundles), or "كلا"/"كلتا" (both):
# Arabic says "two" with no number word, and the English "two" renders it. A masculine
# plural ending in -ين passes too; for the English "two" alone that errs on the quiet side.
_DUAL_NOUN = re.compile(r"(?<![^\W\d_])(?:[وفبل]?ال|لل)[^\W\d_]{3,}(?:ان|ين)(?![^\W\d_])"
                        r"|(?<![^\W\d_])[^\W\d_]{2,}(?:تين|تان)(?![^\W\d_])"
                        r"|(?<![^\W\d_])كل(?:تا|ا)(?![^\W\d_])")  # noqa: RUF001


def says_two(text: str) -> bool:
    """Whether an Arabic text has a noun in the dual, which an English "two" may render."""
    return _DUAL_NOUN.search(arabic.fold(text)) is not None


_ORDINALS = {"اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
             "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7,
             "سابعه": 7, "ثامن": 8, "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10,
             "عاشره": 10}
_FRACTIONS = {"نصف": Decimal("0.5"), "ربع": Decimal("0.25"), "ثلث": THIRD,
              "ثلثا": 2 * THIRD, "ثلثي": 2 * THIRD}
_QUARTERS = {"ارباع"}  # "ثلاثة أرباع"
# The month names whose second word is an ordinal: كانون الأول is December.
_MONTH_FIRST_WORDS = {"كانون", "تشرين", "ربيع", "جمادي"}
# Spellings that a preposition joined to them makes another word: "لست" is "I am not".
_NOT_AFTER_PREPOSITION = {"ست"}
_NOT_WITH_ARTICLE = {"واحد", "واحده", "واحدا", "اثنان", "اثنين", "اثنتان", "اثنتين", "ست"}

_ALL = {*_UNITS, *_TEEN_UNITS, *_TENS, *_HUNDREDS, *_SCALES, *_PLURAL_SCALES, *_VAGUE,
        *_DUALS, *_ORDINALS, *_FRACTIONS, *_QUARTERS}


def _spellings() -> dict[str, tuple[str, str, bool, str]]:
    """Each number word as written with its prefixes: (conjunction, preposition, article,
    word). Looked up by the whole written word, the one lookup most words of a text cost;
    the bare word wins over a reading with a prefix ("واحد" is one, not "و" + "احد")."""
    found: dict[str, tuple[str, str, bool, str]] = {}
    for conjunction in ("و", "ف", ""):
        for preposition in ("ب", "ل", "ك", ""):
            for article in ("ال", ""):
                for word in _ALL:
                    found[conjunction + preposition + article + word] = (
                        conjunction, preposition, bool(article), word)
    return found


_SPELLINGS = _spellings()
# Between two words of one number: spaces; before a part added to it, "و" as well.
_GAP = re.compile(r"\s+")
_AND_GAP = re.compile(r"\s+و")


class Word(NamedTuple):
    """One number word of the source: where it is, and its kind and value. A tuple: made
    for every number word of every paragraph, faster than a frozen dataclass."""

    start: int  # in the original text, after any conjunction or preposition
    end: int
    kind: str   # unit, teen-unit, ten, tens, hundreds, scale, plural-scale, vague, dual,
    #             ordinal, fraction, quarters
    value: Decimal
    joined: bool  # written after a conjunction و
    article: bool


def _kind(word: str) -> tuple[str, Decimal]:
    for kind, table in (("unit", _UNITS), ("teen-unit", _TEEN_UNITS), ("tens", _TENS),
                        ("hundreds", _HUNDREDS), ("scale", _SCALES),
                        ("plural-scale", _PLURAL_SCALES), ("vague", _VAGUE),
                        ("dual", _DUALS), ("ordinal", _ORDINALS)):
        if word in table:
            return kind, Decimal(table[word])
    if word in _FRACTIONS:
        return "fraction", _FRACTIONS[word]
    return "quarters", Decimal("0.25")


# What `arabic.normalize` removes, inside a word as written.
_COSMETIC = re.compile(f"[{arabic.HARAKAT}{arabic.TATWEEL}{arabic.INVISIBLE_FORMATTING}]")
# A word as written: Arabic letters, with any diacritics or tatweel inside it.
_WRITTEN_WORD = re.compile(
    f"(?:[\u0621-\u064a\u0671]|{_COSMETIC.pattern})*[\u0621-\u064a\u0671]"
    f"[{arabic.HARAKAT}]*")

_PREVIOUS_WORD = re.compile(f"({_WRITTEN_WORD.pattern})\\s*$")

# A text's words repeat, and so do a desk's: each spelling is folded once.
folded = lru_cache(maxsize=16_384)(arabic.fold)


def _skip_letters(written: str, letters: int) -> int:
    """How many characters of `written` hold its first `letters` letters (and the marks
    on them)."""
    if not letters:
        return 0
    seen = 0
    for index, character in enumerate(written):
        if not _COSMETIC.match(character):
            if seen == letters:
                return index
            seen += 1
    return len(written)


def words(text: str) -> list[Word]:
    """The number words of the text, in order, with offsets into it."""
    # Most paragraphs have few number words or none: the distinct words tell which, before a
    # look at each word in turn.
    wanted = {word for word in set(_WRITTEN_WORD.findall(text)) if folded(word) in _SPELLINGS}
    found: list[Word] = []
    if not wanted:
        return found
    for match in _WRITTEN_WORD.finditer(text):
        if match.group() not in wanted:
            continue
        spelling = _SPELLINGS[folded(match.group())]
        conjunction, preposition, article, word = spelling
        kind, value = _kind(word)
        if preposition and word in _NOT_AFTER_PREPOSITION:
            continue
        # Ordinals take the article, and after عشرات or مئات the plural scales do ("عشرات
        # الآلاف"); a cardinal does after a definite noun ("الأشهر الثلاثة", the three months),
        # but not the ones that are other words with it (الاثنين is Monday, الست a lady).
        if article and kind not in ("ordinal", "plural-scale", "scale") and not (
                kind == "unit" and word not in _NOT_WITH_ARTICLE):
            continue
        if kind == "ordinal" and not article and word not in ("اول", "ثاني"):
            continue
        if kind == "ordinal":
            previous = _PREVIOUS_WORD.search(text, max(0, match.start() - 20),
                                             match.start())
            if previous and folded(previous.group(1)) in _MONTH_FIRST_WORDS:
                continue
        # The number starts after a conjunction or preposition, at its article if any.
        start = match.start() + _skip_letters(match.group(),
                                              len(conjunction) + len(preposition))
        found.append(Word(start, match.end(), kind, value,
                          conjunction == "و", article))
    return found


@dataclass(frozen=True)
class Found:
    """A number found in the source, in words or (see `numbers.source_numbers`) digits."""

    start: int
    end: int
    value: Decimal
    readings: frozenset[Reading]
    reported: bool
    scale: Decimal  # the scale word it ends with (1 when none), for "مليون و٥٠٠ ألف"


def _adjacent(text: str, left: Word, right: Word) -> bool:
    return not right.joined and _GAP.fullmatch(text, left.end, right.start) is not None


def _joined(text: str, left: Word, right: Word) -> bool:
    """`right` is added to `left` with و: "خمسة وعشرون"."""
    return right.joined and (left.end == right.start - 1 or _AND_GAP.fullmatch(
        text, left.end, right.start) is not None)


def numbers(text: str) -> list[Found]:
    """The numbers the words of the text state: a run of words of one number read as one."""
    found: list[Found] = []
    run = words(text)
    index = 0
    while index < len(run):
        word = run[index]
        following = run[index + 1] if index + 1 < len(run) else None
        consumed = 1
        if word.kind == "ordinal":
            found.append(Found(word.start, word.end, word.value,
                                    frozenset((ordinal(int(word.value)),)), True, Decimal(1)))
        elif word.kind == "vague" or (word.kind == "plural-scale" and not word.article):
            magnitude, end = word.value, word.end
            if word.kind == "vague" and following and following.kind in (
                    "plural-scale", "scale") and _adjacent(text, word, following):
                magnitude *= following.value  # "عشرات الآلاف"
                end, consumed = following.end, 2
            found.append(Found(word.start, end, magnitude,
                                    frozenset((vague(magnitude),)), False, Decimal(1)))
        elif word.kind == "fraction":
            found.append(Found(word.start, word.end, word.value,
                                    frozenset((word.value,)), True, Decimal(1)))
        else:
            consumed, value, scale = _cardinal(text, run, index)
            if consumed:
                # "في وقت واحد" is "at once": a lone واحد is as often no figure.
                lone_one = consumed == 1 and word.kind == "unit" and value == 1
                found.append(Found(word.start, run[index + consumed - 1].end, value,
                                        frozenset((value,)), not lone_one, scale))
            consumed = consumed or 1
        index += consumed
    return found


def _cardinal(text: str, run: list[Word], start: int) -> tuple[int, Decimal, Decimal]:
    """How many words from `start` state one cardinal, its value and the scale it ends
    with; (0, 0, 1) when none starts there."""
    total = current = Decimal(0)  # the parts closed by a scale; the part being read
    scale = Decimal(1)
    index = start
    while index < len(run):
        word, kind, value = run[index], run[index].kind, run[index].value
        if word.article and (index > start or kind != "unit"):
            break  # only a cardinal after a definite noun starts with the article
        if index == start:
            if kind == "teen-unit":
                ten = run[index + 1] if index + 1 < len(run) else None
                if ten is None or ten.value != 10 or ten.kind != "unit" \
                        or not _adjacent(text, word, ten):
                    break
                current, index = value + 10, index + 1  # أحد عشر
            elif kind in ("unit", "tens", "hundreds"):
                current = value
            elif kind == "scale":
                total = scale = value
            elif kind == "dual":  # "ألفين" is two thousands, "يومين" two days
                total, scale = value, value / 2 if value > 2 else Decimal(1)
            else:
                break
        elif _joined(text, run[index - 1], word):
            if kind in ("unit", "tens", "hundreds") and (
                    (current == 0 and total and value < scale)           # "ألف وخمسمئة"
                    or (kind == "tens" and 0 < current % 100 < 10)       # "خمسة وعشرون"
                    or (kind != "hundreds" and current and current % 100 == 0)):  # "مئة وخمسة"
                current += value
            else:
                break
        elif _adjacent(text, run[index - 1], word):
            last = run[index - 1].kind
            if kind == "unit" and value == 10 and last == "unit" and current < 10:
                current += 10  # "ثلاثة عشر"
            elif kind == "hundreds" and value == 100 and last == "unit" and current < 10:
                current *= 100  # "ثلاث مئة"
            elif kind in ("scale", "plural-scale") and current and (
                    kind == "scale" or current <= 10):
                total, current, scale = total + current * value, Decimal(0), value
            elif kind == "quarters" and last == "unit" and not total:
                current /= 4  # "ثلاثة أرباع"
            else:
                break
        else:
            break
        index += 1
    if index == start:
        return 0, Decimal(0), Decimal(1)
    return index - start, total + current, scale
