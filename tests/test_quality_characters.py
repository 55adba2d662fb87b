"""Script and invisible characters by Unicode property: the Arabic blocks' punctuation and
digits in the English text, every format or default-ignorable character (soft hyphen,
combining grapheme joiner, invisible operators ...), emoji sequences left alone, and the
characters a desk allows in editorial.yaml."""

# The samples are Arabic text on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from editorial.core.quality import script
from testing.newsroom import Newsroom

SOURCE = (
    "ارتفعت أسعار الوقود في درعا بنسبة ١٥٪ خلال أسبوع، وسط طوابير طويلة أمام المحطات.\n\n"
    "وسأل أحد السائقين: إلى متى سننتظر؟\n"
)
ENGLISH = (
    "Fuel prices in Daraa rose by 15% in a week, amid long queues at the stations.\n\n"
    "One driver asked: how long will we wait?\n"
)


def runs(text: str) -> list[str]:
    found, _ = script.arabic_runs(text)
    return [spot.text for spot in found]


def invisible(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    return [f"U+{ord(spot.text):04X}" for spot in
            script.invisible_characters(text, allowed=allowed)]


# -- Arabic punctuation and digits --------------------------------------------------------------

@pytest.mark.parametrize(("english", "run", "latin"), [
    ("Prices rose by 15٪ in a week.", "٪", "%"),
    ("Prices rose in Daraa، Homs and Hama.", "،", ","),
    ("Prices rose؛ queues grew.", "؛", ";"),
    ("How long will we wait؟", "؟", "?"),
    ("Inflation reached 2٫5 percent.", "٫", "."),
    ("The queue ended۔", "۔", "."),
    ("Prices rose by ١٥ percent.", "١٥", "15"),
    ("Prices rose by ۱۵% in a week.", "۱۵", "15"),
])
def test_arabic_punctuation_and_digits_in_english_are_found(english: str, run: str,
                                                             latin: str) -> None:
    assert runs(english) == [run]
    assert script.latin_equivalent(run) == latin
    # The fixed text has none.
    assert runs(english.replace(run, latin)) == []


def test_ornate_parentheses_have_no_plain_equivalent_and_letters_stay_script() -> None:
    assert runs("The verse ﴿ was quoted.") == ["﴿"]
    assert script.latin_equivalent("﴿") is None
    assert runs("The crowd chanted «حلب لنا»، loudly.") == ["حلب لنا", "،"]
    assert script.latin_equivalent("حلب لنا") is None
    # Guillemets and typographic quotes are not Arabic: English uses them too.
    assert runs("He said «no» and “never”.") == []


# -- invisible characters -----------------------------------------------------------------------

@pytest.mark.parametrize(("character", "name"), [
    ("\u00ad", "U+00AD SOFT HYPHEN"),
    ("\u034f", "U+034F COMBINING GRAPHEME JOINER"),
    ("\u2063", "U+2063 INVISIBLE SEPARATOR"),
    ("\u2064", "U+2064 INVISIBLE PLUS"),
    ("\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR"),
    ("\u0601", "U+0601 ARABIC SIGN SANAH"),
    ("\u2065", "U+2065 (unassigned)"),
    ("\u3164", "U+3164 HANGUL FILLER"),
    ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
])
def test_every_format_and_ignorable_character_is_found(character: str, name: str) -> None:
    text = f"The convoy left Daraa at dawn{character} and reached the border."
    assert invisible(text) == [name.split()[0]]
    assert script.character_name(character) == name
    assert invisible(text.replace(character, "")) == []


@pytest.mark.parametrize("sequence", [
    "\U0001f469\u200d\u2695\ufe0f",           # woman health worker: ZWJ, then VS16
    "\u2764\ufe0f",                          # red heart with VS16
    "1\ufe0f\u20e3",                         # keycap one
    "\U0001f44d\U0001f3fd",                  # thumbs up, skin tone
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # flag
    "\U0001f468\U0001f3fe\u200d\U0001f9b1",  # man, skin tone, ZWJ, curly hair
])
def test_emoji_sequences_are_left_alone(sequence: str) -> None:
    assert invisible(f"Readers replied {sequence} under the post.") == []


def test_joiners_and_selectors_outside_emoji_are_found() -> None:
    assert invisible("Daraa\u200dHoms and x\ufe0f and A\U000e0041") == [
        "U+200D", "U+FE0F", "U+E0041"]


def test_allowed_characters_are_not_reported() -> None:
    text = "The mayor\u00ad's office and a mark\u200f here."
    assert invisible(text, frozenset("\u00ad")) == ["U+200F"]


# -- through editorial check -------------------------------------------------------------------

@pytest.fixture
def article(newsroom: Newsroom) -> str:
    article_id = newsroom.new_article(source=SOURCE)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    return article_id


def by_rule(newsroom: Newsroom, rule_id: str) -> tuple[int, list[str]]:
    code, problems = newsroom.check_json()
    return code, [str(p["message"]) for p in problems if p["rule"] == rule_id]


def test_check_reports_arabic_punctuation_with_what_to_write(newsroom: Newsroom,
                                                              article: str) -> None:
    newsroom.write_translation(article, ENGLISH.replace("15%", "15٪")
                               .replace("wait?", "wait؟"))
    code, found = by_rule(newsroom, "untranslated-script")
    assert code == 1
    assert found == [
        f"Arabic punctuation or digits in the English text: «{run}» (write «{latin}», or put "
        f"it between {script.IGNORE_START} and {script.IGNORE_END})"
        for run, latin in (("٪", "%"), ("؟", "?"))]
    newsroom.write_translation(article, ENGLISH)
    assert by_rule(newsroom, "untranslated-script") == (0, [])


def test_check_reports_a_soft_hyphen_unless_the_desk_allows_it(newsroom: Newsroom,
                                                               article: str) -> None:
    newsroom.write_translation(article, ENGLISH.replace("stations", "sta\u00adtions")
                               .replace("driver", "dri\u2063ver"))
    code, found = by_rule(newsroom, "invisible-characters")
    assert code == 1
    assert found == ["invisible character U+00AD SOFT HYPHEN: delete it",
                     "invisible character U+2063 INVISIBLE SEPARATOR: delete it"]
    newsroom.configure(quality={"allowed_characters": ["U+00AD"]})
    assert by_rule(newsroom, "invisible-characters")[1] == [
        "invisible character U+2063 INVISIBLE SEPARATOR: delete it"]
    newsroom.write_translation(article, ENGLISH.replace("stations", "sta\u00adtions"))
    assert by_rule(newsroom, "invisible-characters") == (0, [])


@pytest.mark.parametrize(("value", "wrong", "message"), [
    ("U+00AD", "allowed_characters", "quality.allowed_characters must be a list of code "
                                     "points"),
    (["U+00AD", "soft hyphen"], "soft hyphen",
     "quality.allowed_characters[1] is not a code point written U+XXXX: 'soft hyphen'"),
    (["U+0041"], "U+0041", "quality.allowed_characters[0]: U+0041 LATIN CAPITAL LETTER A is "
                           "not an invisible character"),
])
def test_a_wrong_allowed_characters_setting_names_its_line(
        newsroom: Newsroom, article: str, value: object, wrong: str, message: str) -> None:
    newsroom.write_translation(article, ENGLISH)
    newsroom.configure(quality={"allowed_characters": value})
    lines = newsroom.path("editorial.yaml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if wrong in text)
    result = newsroom.check()
    assert result.exit_code == 2
    assert f"editorial.yaml:{line}: {message}" in result.stderr
