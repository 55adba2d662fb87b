# Arabic and Persian digits and separators are the point of this module.
# ruff: noqa: RUF002, RUF003

"""Numbers in a source text and in its English translation, as values that can be compared.

Source side (any language, Arabic in mind): runs of Western digits 0-9, Eastern Arabic digits
٠-٩ (U+0660-U+0669) or Persian digits ۰-۹ (U+06F0-U+06F9); the Arabic decimal separator ٫
(U+066B) and a "." between digits make a decimal; the Arabic thousands separator ٬ (U+066C) and
a "," or a space (as in French, "2 500") before groups of exactly three digits are thousands
separators. A scale word after the number multiplies it: ألف/آلاف (thousand), مليون/ملايين
(million), مليار/مليارات/بليون (billion), so "٤٠ ألف" is 40000; likewise French mille,
million(s), milliard(s) and Turkish bin, milyon, milyar. Arabic number words are read by
`number_words`.

Both sides: a clock time ("18:45", "6:45 pm"), an abbreviated range of years ("2023-24"), a
phone number or id (compared as digits), "11.500" and "17،5" read by the text's other numbers.
A percentage may be rendered as a part ("a quarter" for 25%), months as years (18 months,
"a year and a half"), hundredths as cents ("31 cents" for 0.31 dollars).

English side: digits with or without thousands commas ("12000", "12,000", "3.5"), optionally
followed by a scale ("40 thousand", "1.5 million", "2bn", "40k"); number words from "zero" to
"nineteen", the tens "twenty" to "ninety", compounds ("twenty-five", "two hundred and fifty"),
scales ("forty thousand", "a million"), ordinals ("first" to "twentieth", "32nd" as digits)
and the capitalised month names (March is 3), since a date in digits is often written with the
month's name in English; parts ("half a million", "three and a half million", "two thirds"),
"$2.3m", multiples ("doubled"), "half past four", and the vague "dozens", "hundreds",
"tens of thousands".

Numbers are compared as accounts (`account`): each source number needs its own English number
stating one of its readings, so a figure changed in one place is not hidden by the same
figure elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from editorial.core.config import Conversion
from editorial.core.quality import arabic, number_words
from editorial.core.quality.digits import western
from editorial.core.quality.formal import without_addresses
from editorial.core.quality.number_words import (
    THIRD,
    Found,
    Reading,
    ordinal,
    vague,
)

# Figures written the same in both languages once the digits are Western: a time ("18:45",
# "6.45pm"), an abbreviated range of years ("2023-24", "2024/25"), a phone number or an id
# (a leading zero or a "+", spaced groups), thousands separated by dots ("11.500"), and a
# decimal with the Arabic comma ("17،5").
_FIGURE_FORMS = (
    r"(?P<time>\d{1,2}:\d{2}(?!\d)|\d{1,2}\.\d{2}(?=[ \u00a0]?(?i:[ap])\.?(?i:m)\b))"
    r"(?P<clock>[ \u00a0]?(?P<meridiem>(?i:[ap]))\.?(?i:m)\b\.?)?"
    r"|(?P<years>(?:1[89]|20)\d{2})[-\u2013/](?P<short>\d{2})(?![\d/:,]|\.\d)"
    r"|(?P<phone>\+\d{1,3}(?:[ -]?\d{2,4}){2,}|0\d{2,4}(?:[ -]\d{2,4})+|0\d{5,})(?![\d,]|\.\d)"
    r"|(?P<dotted>\d{1,3}(?:\.\d{3})+)(?![\d,]|\.\d)"
    r"|(?P<comma>\d+\u060c\d+)")
_SOURCE_NUMBER = re.compile(
    _FIGURE_FORMS + r"|(?P<plain>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\.\d)|\d+(?:\.\d+)?)")
# Which of "." and "," a text writes thousands with: dots when it writes "1.250.000" or a
# decimal comma ("3,5", "17،5"), commas when it writes "12,000" or a decimal point ("3.5").
_DOT_THOUSANDS = re.compile(r"\d\.\d{3}\.\d{3}(?!\d)|\d,\d{1,2}(?![\d,])|\d\u060c\d")
_COMMA_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d|\.\d)|\d\.\d{4,}")
_SOURCE_SCALES = {
    "الف": 1_000, "الفا": 1_000, "الاف": 1_000,
    "مليون": 1_000_000, "مليونا": 1_000_000, "ملايين": 1_000_000,
    "مليار": 1_000_000_000, "مليارا": 1_000_000_000, "مليارات": 1_000_000_000,
    "بليون": 1_000_000_000,
    "mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
    "bin": 1_000, "milyon": 1_000_000, "milyar": 1_000_000_000,
}
_SOURCE_SCALE = re.compile(r"[ \u00a0\u202f]*([^\W\d_]+)")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")

UNITS = {name: value for value, name in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"))}
TENS = {name: 10 * value for value, name in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
ORDINALS = {name: value for value, name in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth"), start=1)}
ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
                 "thousandth": 1_000, "millionth": 1_000_000})
MONTHS = {name: value for value, name in enumerate((
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"), start=1)}
# Written straight after the digits: "2bn", "40k". Not "m", which is as often metres.
_SUFFIX_SCALES = {"k": 1_000, "mn": 1_000_000, "bn": 1_000_000_000}


def _word_tree(words: Iterable[str]) -> str:
    """A regular expression for any of `words`, as a tree by first letter: the engine tries
    one branch per letter rather than every word in turn."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[:1], []).append(word[1:])
    branches = [letter + _word_tree(rests[letter]) for letter in sorted(rests) if letter]
    if not branches:
        return ""
    return "(?:" + "|".join(branches) + ("|)" if "" in rests else ")")


# The words that can state a number or join one ("a million", "two hundred and fifty"). A
# word outside them only ever ends a number, as the letters it puts between two tokens do, so
# the tokens skip it: most words of a text are never looked at in Python.
# Vague quantities: "hundreds" renders مئات, never a figure. "tens" only before "of".
VAGUE_WORDS = {"dozens": 10, "tens": 10, "scores": 10, "hundreds": 100, "thousands": 1_000,
               "millions": 1_000_000, "billions": 1_000_000_000}
# A part of a whole: "half", "a quarter", "two thirds" ("third" is an ordinal too).
PARTS = {"half": Decimal("0.5"), "halves": Decimal("0.5"), "quarter": Decimal("0.25"),
         "quarters": Decimal("0.25"), "third": THIRD, "thirds": THIRD}
# Twice what is said: "twice", "a couple of days".
PAIRS = {"twice", "couple"}
# A multiple, which is also an increase: "doubled" renders ٢ and ١٠٠٪.
MULTIPLES = {"double": 2, "doubled": 2, "doubling": 2, "doubles": 2, "triple": 3,
             "tripled": 3, "tripling": 3, "triples": 3, "quadrupled": 4}
_NUMBER_WORDS = (*UNITS, *TENS, *SCALES, *ORDINALS, *VAGUE_WORDS, *PARTS, *PAIRS, *MULTIPLES,
                 "a", "and")
# A letter as `[a-z]` ignoring case finds it, the few non-ASCII letters it takes in (such as
# the Kelvin sign) included: a word is a whole run of them. A word that ignoring case takes
# for a number word but whose lower case is none (spelled with a long s) is harmless: it is
# looked up as it would have been anyway.
_LETTER = "[A-Za-z\u0130\u0131\u017f\u212a]"
_FIRST_LETTERS = "".join(sorted({word[0] for word in _NUMBER_WORDS}
                                | {word[0].upper() for word in _NUMBER_WORDS}
                                | {month[0] for month in MONTHS}))
_ENGLISH_TOKEN = re.compile(
    # A look at one character rules out most places, where no token can start.
    rf"(?=[\d+{_FIRST_LETTERS}])"
    rf"(?:(?=[\d+])(?P<figure>{_FIGURE_FORMS}"
    r"|(?P<plain>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
    rf"(?P<suffix>{_LETTER}+)?"
    rf"|(?<!{_LETTER})(?P<word>(?i:{_word_tree(_NUMBER_WORDS)})|{'|'.join(MONTHS)})(?!{_LETTER}))")
# What may stand between two tokens of one number: spaces, or one hyphen.
_NUMBER_GAP = re.compile(r"[ \u00a0]+|-")
_OF_VAGUE = re.compile(r"[ \u00a0]+of\b(?:[ \u00a0]+(thousands|millions|billions)\b)?",
                       re.IGNORECASE)
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
_HALF = r"[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half"
_SPAN_WORDS = r"(?:years?|months?|weeks?|days?|hours?|miles?|kilomet(?:re|er)s?)"
# "three and a half million", "two years and a half"; "a year and a half".
_AND_A_HALF = re.compile(rf"(?i:(?:[ \u00a0]+{_SPAN_WORDS})?{_HALF}"
                         r"(?:[ \u00a0]+(thousand|million|billion))?\b)")
_A_AND_A_HALF = re.compile(rf"(?i:an?[ \u00a0]+{_SPAN_WORDS}{_HALF}\b)")
# "half a million"
_HALF_A = re.compile(r"(?i:[ \u00a0]+a[ \u00a0]+(thousand|million|billion)\b)")
# "half past four", "a quarter to six"
_PAST = re.compile(r"(?i:[ \u00a0]+(past|to)[ \u00a0]+([a-z]+|\d{1,2})\b)")
_CURRENCY = "$£€"
_HUNDREDTHS = {"cent", "cents", "pence", "piastre", "piastres", "piaster", "piasters"}


@dataclass(frozen=True)
class Quantity:
    """One number as written in a text, and every value a number of the other text may
    render it by."""

    value: Decimal                # its plain value, e.g. 40000 for "٤٠ ألف"
    text: str                     # as written, e.g. "٤٠ ألف"
    offset: int                   # where it starts in the text searched
    readings: frozenset[Reading]  # what a counterpart must state one of to render it
    # Whether it counts when nothing renders it: a month's name in the English does not.
    reported: bool = True
    unit: str = ""  # the word after it, folded and in lower case, for unit conversions


_SEPARATORS = re.compile(r"[, \u00a0\u202f]")


def _value(digits: str) -> Decimal:
    return Decimal(_SEPARATORS.sub("", digits))


_LETTERS = re.compile(r"[^\W\d_]")


def shown(number: Quantity) -> tuple[str, str]:
    """How a message names a number, and the key a desk accepts it by: as written, in
    Western digits ("2016", not "2,016"; "0933456789" with its zero); a number with words
    ("٤٠ ألف", "يومين") by its value, never regrouped ("40000")."""
    written = western(number.text)
    if _LETTERS.search(written):
        value = f"{number.value.normalize():f}"
        return value, value
    return written, _SEPARATORS.sub("", written)


def _dot_thousands(digits: str) -> bool | None:
    """Whether the text (Western digits) writes thousands with dots, by its other numbers;
    None when they do not tell."""
    dots, commas = _DOT_THOUSANDS.search(digits), _COMMA_THOUSANDS.search(digits)
    return None if bool(dots) == bool(commas) else bool(dots)


def _time(hour: int, minute: int, meridiem: str) -> frozenset[Reading]:
    """The times of day a clock time may be, on the 24-hour clock: "6:45" may be morning or
    evening, "6:45 pm" and "18:45" only evening."""
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    hours = {hour} if meridiem or not 0 < hour < 12 else {hour, hour + 12}
    return frozenset(f"time:{each}:{minute:02d}" for each in hours)


def _figure(match: re.Match[str], dot_thousands: bool | None,
            meridiem: str = "") -> list[tuple[int, int, Decimal, frozenset[Reading]]]:
    """The numbers one match of `_FIGURE_FORMS` or a plain number states: start, end, value
    and readings. A range of years states two."""
    if match.group("time"):
        hour, minute = map(int, re.split("[:.]", match.group("time")))
        mark = (match.group("meridiem") or meridiem).lower()
        end = match.end("clock") if match.group("clock") else match.end("time")
        return [(match.start(), end, Decimal(hour * 100 + minute), _time(hour, minute, mark))]
    if match.group("years"):
        first = int(match.group("years"))
        second = first - first % 100 + int(match.group("short"))
        second += 100 if second < first else 0
        return [(match.start(), match.start() + 4, Decimal(first), frozenset({Decimal(first)})),
                (match.start("short"), match.end("short"), Decimal(second),
                 frozenset({Decimal(second)}))]
    if match.group("phone"):
        # Compared as digit strings: the last nine digits, which a country code or a
        # leading zero in front leave the same.
        digits = re.sub(r"\D", "", match.group("phone"))
        return [(match.start(), match.end("phone"), Decimal(digits),
                 frozenset({f"digits:{digits[-9:].lstrip('0')}"}))]
    if match.group("dotted"):
        written = match.group("dotted")
        thousands = Decimal(written.replace(".", ""))
        if written.count(".") > 1 or dot_thousands:
            readings: frozenset[Reading] = frozenset({thousands})
        elif dot_thousands is False:
            readings = frozenset({Decimal(written)})
        else:
            readings = frozenset({thousands, Decimal(written)})
        return [(match.start(), match.end("dotted"), thousands, readings)]
    if match.group("comma"):
        whole, fraction = match.group("comma").split("\u060c")
        decimal = Decimal(f"{whole}.{fraction}")
        thousands = Decimal(whole + fraction)
        readings = frozenset({decimal, thousands}) if len(fraction) == 3 and \
            dot_thousands is not False else frozenset({decimal})
        return [(match.start(), match.end("comma"), decimal, readings)]
    value = _value(match.group("plain"))
    return [(match.start(), match.end("plain"), value, frozenset({value}))]


_PERCENT = re.compile(r"[ \u00a0]*(?:%|\u066a|بالم[ئا]+ة|في الم[ئا]+ة|(?i:per ?cent)\b)")
_NEXT_WORD = re.compile(r"[ \u00a0\u202f-]*([^\W\d_]+)")
_MONTH_WORDS = {"شهر", "شهرا", "شهور", "اشهر"}
_EVENING_WORDS = {"مساء", "مساءا", "ليلا"}
_MORNING_WORDS = {"صباحا", "صباح", "فجرا"}


def _unit(text: str, end: int) -> str:
    word = _NEXT_WORD.match(text, end)
    return number_words.folded(word.group(1)).casefold() if word else ""


def _percent_or_months(text: str, end: int, value: Decimal,
                       readings: frozenset[Reading]) -> tuple[int, frozenset[Reading]]:
    """A percentage may be rendered as a part ("a quarter" for 25%, "half" for 50%, and
    "doubled" states 100); a number of months as years ("a year and a half" for 18)."""
    percent = _PERCENT.match(text, end)
    if percent:
        return percent.end(), readings | {value / 100}
    if _unit(text, end) in _MONTH_WORDS and (value * 2) % 12 == 0:
        return end, readings | {value / 12}
    return end, readings


@lru_cache(maxsize=4096)
def source_numbers(text: str) -> tuple[Quantity, ...]:
    """Every number of the source text, in digits or (Arabic) in words, in order. Kept per
    text: the alignment and the numbers rule both ask, paragraph by paragraph."""
    ascii_digits = western(without_addresses(text))
    dot_thousands = _dot_thousands(ascii_digits)
    found: list[Found] = []
    for match in _SOURCE_NUMBER.finditer(ascii_digits):
        meridiem = ""
        if match.group("time"):
            after = _unit(ascii_digits, match.end())
            meridiem = "p" if after in _EVENING_WORDS else "a" if after in _MORNING_WORDS \
                else ""
        for start, end, value, readings in _figure(match, dot_thousands, meridiem):
            multiplier = Decimal(1)
            if match.group("plain"):
                scale = _SOURCE_SCALE.match(ascii_digits, end)
                scale_word = arabic.fold(scale.group(1)).casefold() if scale else ""
                multiplier = Decimal(_SOURCE_SCALES.get(scale_word, 1))
                if scale and multiplier > 1:
                    value *= multiplier
                    readings = frozenset({value})
                    end = scale.end()
            if match.group("plain") or match.group("dotted") or match.group("comma"):
                end, readings = _percent_or_months(ascii_digits, end, value, readings)
            found.append(Found(start, end, value, readings, True, multiplier))
    if _ARABIC_LETTER.search(text):
        # A scale word after digits ("٤٠ ألف") is theirs, not a number of its own.
        taken = {offset for digits in found for offset in range(digits.start, digits.end)}
        for word in number_words.numbers(text):
            if word.start in taken:
                continue
            if word.reported and all(isinstance(r, Decimal) for r in word.readings):
                # "خمسون بالمئة" is a half as "٥٠٪" is; "ثمانية عشر شهراً" a year and a half.
                end, readings = _percent_or_months(ascii_digits, word.end, word.value,
                                                   word.readings)
                word = Found(word.start, end, word.value, readings, True, word.scale)
            found.append(word)
        found.sort(key=lambda number: number.start)
    return tuple(Quantity(number.value, text[number.start:number.end], number.start,
                          number.readings, number.reported, _unit(ascii_digits, number.end))
                 for number in _joined(text, found))


# Between two numbers of one sum ("مليون و٥٠٠ ألف"), or the ends of a range ("٢٥ و٦٠ ألف").
_SUM_GAP = re.compile(r"\s*و\s*")
_RANGE_GAP = re.compile("\\s*(?:و|-|\u2013|[اإ]لى)\\s*")


def _joined(text: str, found: list[Found]) -> list[Found]:
    """"مليون و٥٠٠ ألف" read as one number, 1.5 million; in "بين ٢٥ و٦٠ ألف" the scale
    of the second end may be the first's too (25,000-60,000)."""
    joined: list[Found] = []
    for number in found:
        previous = joined[-1] if joined else None
        if previous is not None and previous.scale > 1 and number.value < previous.scale \
                and _SUM_GAP.fullmatch(text, previous.end, number.start):
            total = previous.value + number.value
            joined[-1] = Found(previous.start, number.end, total, frozenset((total,)),
                               True, number.scale)
            continue
        if previous is not None and previous.scale == 1 and number.scale > 1 \
                and previous.value < number.scale \
                and _RANGE_GAP.fullmatch(text, previous.end, number.start):
            joined[-1] = Found(previous.start, previous.end, previous.value,
                               previous.readings | {previous.value * number.scale},
                               previous.reported, previous.scale)
        joined.append(number)
    return joined


@lru_cache(maxsize=4096)
def english_numbers(text: str) -> frozenset[Decimal]:
    """Every value the English text states, in digits or in words (see the module's doc),
    and the plain value of each of its numbers, as `source_numbers` gives them: the
    alignment's anchors."""
    return frozenset(reading for quantity in english_quantities(text)
                     for reading in (quantity.value, *quantity.readings)
                     if isinstance(reading, Decimal))


@lru_cache(maxsize=4096)
def english_quantities(text: str) -> tuple[Quantity, ...]:
    """Every number the English text states, in digits or in words, in order. No number
    runs across a blank line, so a text's numbers are its paragraphs' together."""
    text = without_addresses(text)
    dot_thousands = _dot_thousands(text)
    found: list[Quantity] = []
    tokens = list(_ENGLISH_TOKEN.finditer(text))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.group("figure"):
            stated = _english_figure(text, tokens, index, dot_thousands)
        else:
            stated = _english_words(text, tokens, index)
        found += stated
        # Go on after what the numbers took ("tens of thousands", "and a half").
        end = max((number.offset + len(number.text) for number in stated), default=0)
        index += 1
        while index < len(tokens) and tokens[index].start() < end:
            index += 1
    return tuple(found)


def _english_figure(text: str, tokens: list[re.Match[str]], index: int,
                    dot_thousands: bool | None) -> list[Quantity]:
    token = tokens[index]
    figures = _figure(token, dot_thousands)
    if not token.group("plain"):
        return [Quantity(value, text[start:end], start, readings, unit=_unit(text, end))
                for start, end, value, readings in figures]
    _, end, value, _ = figures[0]
    extra: set[Reading] = set()
    suffix = (token.group("suffix") or "").lower()
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    following_word = (following.group("word") or "").lower() if following else ""
    unit = ""
    if suffix in _SUFFIX_SCALES or (suffix == "m" and token.start() > 0
                                    and text[token.start() - 1] in _CURRENCY):
        value *= _SUFFIX_SCALES.get(suffix, 1_000_000)  # "2bn", "$2.3m"
        end = token.end()
    elif suffix in _ORDINAL_SUFFIXES and value == value.to_integral_value():
        extra.add(ordinal(int(value)))  # "the 32nd edition"
        end = token.end()
    elif suffix:
        unit = suffix  # "15km"
    elif following and following_word in SCALES and _adjacent(text, token, following):
        value *= SCALES[following_word]
        end = following.end()
    half = _AND_A_HALF.match(text, end)
    if half:  # "3 and a half million", "2 years and a half"
        value = (value + Decimal("0.5")) * SCALES.get((half.group(1) or "").lower(), 1)
        end = half.end()
    readings = frozenset({value, *extra})
    if _unit(text, end) in _HUNDREDTHS:
        readings |= {value / 100}  # "31 cents" for 0.31 dollars
    end, readings = _percent_or_months(text, end, value, readings)
    return [Quantity(value, text[token.start():end], token.start(), readings,
                     unit=unit or _unit(text, end))]


def _english_words(text: str, tokens: list[re.Match[str]], index: int) -> list[Quantity]:
    token = tokens[index]
    word = token.group("word")
    lower = word.lower()
    start = token.start()
    consumed, spelled = _spelled_number(text, tokens, index)
    if consumed:
        last = tokens[index + consumed - 1]
        value, end = Decimal(spelled), last.end()
        after = tokens[index + consumed] if index + consumed < len(tokens) else None
        half = _AND_A_HALF.match(text, end)
        if after is not None and (after.group("word") or "").lower() in PARTS \
                and _adjacent(text, last, after):
            value *= PARTS[after.group("word").lower()]  # "three quarters", "two-thirds"
            end = after.end()
        elif half:  # "three and a half million"
            value = (value + Decimal("0.5")) * SCALES.get((half.group(1) or "").lower(), 1)
            end = half.end()
        # A lone "one" is as often a pronoun ("one of them") as a number.
        lone_one = lower == "one" and end == token.end()
        return [Quantity(value, text[start:end], start, frozenset({value}),
                         reported=not lone_one, unit=_unit(text, end))]
    if lower == "a" and (span := _A_AND_A_HALF.match(text, start)):
        return [Quantity(Decimal("1.5"), span.group(), start, frozenset({Decimal("1.5")}))]
    if lower in ("half", "quarter"):
        scale = _HALF_A.match(text, token.end())
        if lower == "half" and scale:  # "half a million"
            value = PARTS[lower] * SCALES[scale.group(1).lower()]
            return [Quantity(value, text[start:scale.end()], start, frozenset({value}))]
        clock = _PAST.match(text, token.end())
        hour = _hour(clock.group(2)) if clock else None
        if clock and hour is not None:  # "half past four", "a quarter to six"
            past = clock.group(1).lower() == "past"
            minute = int(PARTS[lower] * 60) if past else 60 - int(PARTS[lower] * 60)
            hour = hour if past else (hour - 2) % 12 + 1
            return [Quantity(Decimal(hour * 100 + minute), text[start:clock.end()], start,
                             _time(hour, minute, ""))]
    # What follows is often no figure of the source ("the first time", a date's month,
    # "half the town"): it renders one when there is one, and is never one too many.
    readings: set[Reading] = set()
    end = token.end()
    stated: Decimal | None = None
    if word in MONTHS:
        stated = Decimal(MONTHS[word])
    elif lower in ORDINALS:
        stated = Decimal(ORDINALS[lower])
        readings.add(ordinal(ORDINALS[lower]))
    if lower in PARTS:
        readings.add(PARTS[lower])
        stated = stated or PARTS[lower]
    elif lower in PAIRS:
        stated = Decimal(2)
    elif lower in MULTIPLES:
        stated = Decimal(MULTIPLES[lower])
        readings.add((stated - 1) * 100)  # doubled: up 100%
    elif lower in VAGUE_WORDS:
        magnitude = Decimal(VAGUE_WORDS[lower])
        of = _OF_VAGUE.match(text, end)
        if of and of.group(1):  # "tens of thousands"
            magnitude *= VAGUE_WORDS[of.group(1).lower()]
            end = of.end()
        if lower != "tens" or of:
            return [Quantity(magnitude, text[start:end], start,
                             frozenset({vague(magnitude)}), reported=False)]
    if stated is None:
        return []
    return [Quantity(stated, text[start:end], start, frozenset({stated, *readings}),
                     reported=False)]


def _hour(word: str) -> int | None:
    hour = int(word) if word.isdigit() else UNITS.get(word.lower())
    return hour if hour is not None and 1 <= hour <= 12 else None


# The spellings of a unit a desk names in `numbers.conversions`, in the source and in English.
UNIT_SPELLINGS = {
    "km": ("km", "كم", "كلم", "كيلومتر", "كيلومترا", "كيلومترات", "kilometre", "kilometres",
           "kilometer", "kilometers"),
    "m": ("m", "متر", "مترا", "أمتار", "metre", "metres", "meter", "meters"),
    "kg": ("kg", "كغ", "كلغ", "كيلوغرام", "كيلوغراما", "كيلوغرامات", "kilogram", "kilograms",
           "kilo", "kilos"),
    "miles": ("miles", "mile", "mi"),
    "feet": ("feet", "foot", "ft"),
    "lb": ("lb", "lbs", "pound", "pounds"),
}


@lru_cache(maxsize=64)
def _unit_words(names: tuple[str, ...]) -> frozenset[str]:
    """The words after a number that name one of the units, folded as `Quantity.unit` is."""
    return frozenset(arabic.fold(spelling).casefold() for name in names
                     for spelling in UNIT_SPELLINGS.get(name, (name,)))


def _converts(source: Quantity, english: Quantity, conversions: Sequence[Conversion]) -> bool:
    """Whether the English number is the source number converted to another unit."""
    for conversion in conversions:
        if source.unit in _unit_words(conversion.source_units) \
                and english.unit in _unit_words(conversion.english_units):
            expected = float(source.value) * conversion.factor
            if abs(float(english.value) - expected) <= conversion.tolerance * expected:
                return True
    return False


def account(source: Sequence[Quantity], english: Sequence[Quantity],
            taken: set[int] | None = None,
            conversions: Sequence[Conversion] = ()) -> tuple[list[int], set[int]]:
    """Pair source numbers with English numbers one to one, each English number rendering
    at most one source number: the indexes of the source numbers left without one, and of
    the English numbers paired. `taken` English numbers are already paired elsewhere; an
    English number may render a source number by one of its readings, or converted to
    another unit by one of the desk's `conversions`.

    As many source numbers as possible are paired (augmenting paths, after Kuhn), those
    that count when left over first: "dozens" never takes the English number a figure
    needs. A paragraph holds a few dozen numbers at most, so this stays cheap."""
    owner: dict[int, int] = {}  # English index -> source index
    blocked = taken or set()
    # English figures first: a source 3 takes "three" rather than "March", which is never
    # one too many when it is left over.
    targets = sorted(range(len(english)), key=lambda target: not english[target].reported)

    def place(at: int, seen: set[int]) -> bool:
        for target in targets:
            if target in seen or target in blocked or not (
                    source[at].readings & english[target].readings
                    or _converts(source[at], english[target], conversions)):
                continue
            seen.add(target)
            if target not in owner or place(owner[target], seen):
                owner[target] = at
                return True
        return False

    order = sorted(range(len(source)), key=lambda at: not source[at].reported)
    unpaired = [at for at in order if not place(at, set())]
    return sorted(unpaired), set(owner)


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Only spaces or one hyphen between two tokens: they belong to one number."""
    return _NUMBER_GAP.fullmatch(text, left.end(), right.start()) is not None


# The words a spelled number can start with ("a" only before a scale: "a million").
_FIRST_WORDS = {*UNITS, *TENS, "a"}


def _spelled_number(text: str, tokens: list[re.Match[str]], start: int) -> tuple[int, int]:
    """How many tokens from `start` spell one number ("two hundred and fifty", "a million",
    "twenty-five"), and its value; (0, 0) when none starts there."""
    first = tokens[start].group("word")
    if first is None or first.lower() not in _FIRST_WORDS:
        return 0, 0  # most words of a text: answered before any of the work below
    total = current = 0
    last: str | None = None  # kind of the last number word: units, tens or scale
    index = start
    while index < len(tokens):
        word = (tokens[index].group("word") or "").lower()
        if index > start and not _adjacent(text, tokens[index - 1], tokens[index]):
            break
        following = (tokens[index + 1].group("word") or "").lower() \
            if index + 1 < len(tokens) else ""
        if word in UNITS and (last in (None, "scale") or (last == "tens" and
                                                           1 <= UNITS[word] <= 9)):
            current, last = current + UNITS[word], "units"
        elif word in TENS and last in (None, "scale"):
            current, last = current + TENS[word], "tens"
        elif word in SCALES and (last in ("units", "tens") or (last == "scale" and word !=
                                                                "hundred") or last == "a"):
            if SCALES[word] == 100:
                current = max(current, 1) * 100
            else:
                total, current = total + max(current, 1) * SCALES[word], 0
            last = "scale"
        elif word == "a" and last is None and following in SCALES:
            last = "a"
        elif word == "and" and last == "scale" and (following in UNITS or following in TENS):
            pass  # "two hundred and fifty"
        else:
            break
        index += 1
    if last in (None, "a"):
        return 0, 0
    return index - start, total + current
