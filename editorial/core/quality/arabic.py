# Arabic letters are the point of this module.
# ruff: noqa: RUF001, RUF002

"""Arabic text normalized for comparison: what a reader treats as the same word is the same.

Two levels:

- `normalize` removes what is cosmetic and never changes a word: harakat (U+064B-U+0652), the
  superscript alef (U+0670), tatweel (U+0640), invisible formatting characters, and differences
  of Unicode composition. Used to decide whether a source text really changed.
- `fold` goes further for matching words: it also folds the hamza forms of alef (إ أ آ) to
  bare alef, alef maqsura (ى) to ya (ي) and, if asked, ta marbuta (ة) to ha (ه), the
  spellings Arabic writers themselves use interchangeably.
"""

from __future__ import annotations

import re
import unicodedata

TATWEEL = "\u0640"
HARAKAT = "".join(chr(code) for code in range(0x064B, 0x0653)) + "\u0670"
# Marks that change how text is shown or joined but not what it says.
INVISIBLE_FORMATTING = ("\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff"
                        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# A regular expression rather than str.translate, which looks each character of non-ASCII
# text up in a dict: thirteen times slower on an Arabic article.
_COSMETIC = re.compile(f"[{HARAKAT}{TATWEEL}{INVISIBLE_FORMATTING}]")
# Pairs for str.replace, which scans non-ASCII text at C speed: str.translate looks each
# character up in a dict, twenty times slower on an Arabic article, and the translation
# memory folds the whole archive.
_FOLD = (("إ", "ا"), ("أ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"))
_FOLD_TA_MARBUTA = ("ة", "ه")

# Letters of the Arabic script (Arabic, Arabic Supplement, Extended-A, presentation forms).
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))
_WORD = re.compile(r"[^\W\d_]+")


def normalize(text: str) -> str:
    """The text without diacritics, tatweel or invisible formatting, in composed form."""
    return _COSMETIC.sub("", unicodedata.normalize("NFC", text))


def collapse_whitespace(text: str) -> str:
    # str.split() splits at the characters regular expressions call \s, and drops the ends.
    return " ".join(text.split())


def fold(text: str, *, ta_marbuta: bool = True) -> str:
    """`normalize`, then the spelling variants folded: the form words are matched in."""
    folded = normalize(text)
    for variant, letter in _FOLD:
        folded = folded.replace(variant, letter)
    return folded.replace(*_FOLD_TA_MARBUTA) if ta_marbuta else folded


def words(text: str) -> list[str]:
    """The words of already folded text, in order and in lower case: runs of letters, which
    digits, punctuation and spaces separate."""
    return _WORD.findall(text.casefold())


def _script_class(categories: str) -> str:
    """A regular expression class of the Arabic script's characters whose Unicode category
    starts with one of `categories`, tatweel left out: scanning a whole article with it
    costs what one character at a time in Python costs for a line. Written as ranges of
    consecutive characters, which compile in a fraction of the time a list of them takes."""
    codes = [code for low, high in _ARABIC_RANGES for code in range(low, high + 1)
             if chr(code) != TATWEEL and unicodedata.category(chr(code))[0] in categories]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges) + "]"


# Letters, marks and digits of the Arabic script: what is left untranslated in English text.
SCRIPT_CHARACTER = _script_class("LMN")
# Punctuation and symbols of the Arabic script: the Arabic comma, semicolon, question mark,
# percent sign, decimal and thousands separators, ornate parentheses and the rest.
SCRIPT_SIGN = _script_class("PS")
# Tatweel is a letter too (category Lm), though it carries no sound.
_LETTER = re.compile(f"{_script_class('L')}|{TATWEEL}")


def has_arabic(text: str) -> bool:
    return _LETTER.search(text) is not None


# Proclitics written joined to the next word: a conjunction (و، ف), then a preposition
# (ب، ك، ل), then the article (ال); ل before ال drops the alef (لل).
def _proclitics() -> tuple[str, ...]:
    found: set[str] = set()
    for conjunction in ("", "و", "ف"):
        for preposition in ("", "ب", "ك", "ل"):
            for article in ("", "ال"):
                if preposition == "ل" and article:
                    found.add(conjunction + "لل")
                else:
                    found.add(conjunction + preposition + article)
    return tuple(sorted(found, key=len, reverse=True))


PROCLITICS = _proclitics()


def stems(word: str) -> set[str]:
    """The word and every form of it with a leading proclitic removed (at least 2 letters
    left), so that بالهلال yields هلال and الهلال among others."""
    found = {word}
    for prefix in PROCLITICS:
        if prefix and word.startswith(prefix) and len(word) - len(prefix) >= 2:
            found.add(word[len(prefix):])
            # لل stands for ل + ال: the stem keeps its article.
            if prefix.endswith("لل"):
                found.add("ال" + word[len(prefix):])
    return found
