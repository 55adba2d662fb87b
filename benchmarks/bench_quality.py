"""How long the quality and formal rules take on one long article: a generated pair of an
Arabic source and its English translation of 5,000 English words, with numbers, names and
glossary terms, in a newsroom made by `editorial init` with a glossary.

Every registered rule of `checks.quality` and `checks.formal` runs on the article as
`editorial check` would run it; the figure is the median of several runs, each on texts no
cache has seen (a run number is written into both), against the 300 ms target.

    python benchmarks/bench_quality.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_MS = 300.0
ENGLISH_WORDS = 5000
ARTICLE_ID = "long-report"
RULE_MODULES = ("editorial.core.checks.quality", "editorial.core.checks.formal")
GLOSSARY = """\
terms:
  - source: حلب
    target: Aleppo
    forbidden: [Halab]
  - source: الدفاع المدني
    target: Civil Defence
    variants: [White Helmets]
  - source: هيئة تحرير الشام
    target: HTS
    variants: [Hayat Tahrir al-Sham]
  - source: الهلال الأحمر
    target: Red Crescent
"""
# Sentence pairs of a long report; {n} and {m} are numbers, written in Eastern Arabic digits
# in the source and Western digits in the English.
SENTENCES = (
    ("أعلن الهلال الأحمر في حلب توزيع {n} سلة غذائية على العائلات في الأحياء الشرقية.",
     "The Red Crescent in Aleppo announced the distribution of {n} food baskets to families "
     "in the eastern districts."),
    ("وقال متطوع إن الفرق عملت {m} ساعة متواصلة لإيصال المساعدات قبل العاصفة.",
     "A volunteer said the teams had worked {m} hours without a break to deliver the aid "
     "before the storm."),
    ("وانتشلت فرق الدفاع المدني {m} شخصاً من تحت أنقاض مبنى منهار في حي الصاخور.",
     "Civil Defence teams pulled {m} people from the rubble of a collapsed building in the "
     "al-Sakhour neighbourhood."),
    ("وأكدت إدارة تابعة لهيئة تحرير الشام أنها ستفتح المعبر أمام {n} شاحنة أسبوعياً.",
     "An HTS-run administration said it would open the crossing to {n} trucks a week."),
    ("وارتفع سعر ربطة الخبز إلى {n} ليرة بعد أن كان {m} ليرة الشهر الماضي.",
     "The price of a bundle of bread rose to {n} pounds from {m} pounds last month."),
    ("ويعيش في المخيمات القريبة من الحدود نحو {n} نازح بحسب أرقام الأمم المتحدة.",
     "About {n} displaced people live in the camps near the border, according to UN "
     "figures."),
    ("وقالت مديرة مدرسة إن {m} طالباً عادوا إلى الصفوف بعد انقطاع طويل.",
     "A school principal said {m} pupils had returned to class after a long interruption."),
    ("وطالب الأهالي بإصلاح شبكة المياه التي تضررت في {m} موقعاً على الأقل.",
     "Residents called for the water network, damaged in at least {m} places, to be "
     "repaired."),
)
SENTENCES_PER_PARAGRAPH = 3


def arabic_digits(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def article_pair(run: int) -> tuple[str, str]:
    """A source and its translation, paragraph for paragraph, of ENGLISH_WORDS English
    words; `run` is written into the first paragraph, so that each run's texts are new."""
    source_paragraphs = [f"تقرير رقم {arabic_digits(run + 1)} من مراسلينا."]
    english_paragraphs = [f"Report number {run + 1} from our correspondents."]
    words = len(english_paragraphs[0].split())
    index = 0
    while words < ENGLISH_WORDS:
        arabic, english = [], []
        for _ in range(SENTENCES_PER_PARAGRAPH):
            source_sentence, english_sentence = SENTENCES[index % len(SENTENCES)]
            n, m = 100 + 37 * index, 3 + index % 90
            arabic.append(source_sentence.format(n=arabic_digits(n), m=arabic_digits(m)))
            english.append(english_sentence.format(n=f"{n:,}", m=m))
            index += 1
        source_paragraphs.append(" ".join(arabic))
        english_paragraphs.append(" ".join(english))
        words += len(english_paragraphs[-1].split())
    return "\n\n".join(source_paragraphs) + "\n", "\n\n".join(english_paragraphs) + "\n"


def build(root: Path) -> None:
    """A newsroom with the glossary and the article, in translation."""
    from benchmarks.generate import init_newsroom
    from editorial.core.desk import Desk, SourceText
    from editorial.core.newsroom import Newsroom

    init_newsroom(root)
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    newsroom = Newsroom(root)
    at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    desk = Desk(newsroom, newsroom.person("dana"), vcs=None, clock=lambda: at)
    source, _ = article_pair(0)
    desk.new(SourceText(text=source, language="ar", title="A long report"),
             article_id=ARTICLE_ID)
    desk.assign(ARTICLE_ID, translator="tariq")


def timed_run(root: Path, run: int) -> tuple[float, float, list[str]]:
    """Milliseconds the rules take on the article with run `run`'s texts (wall clock, and
    this process's CPU time, which other work on the machine does not inflate), and the rules
    of what they report: the translation is faithful, so each is a false alarm."""
    from benchmarks.generate import _write_body
    from editorial.core.checks import load_rules
    from editorial.core.checks.base import ArticleCheck, ArticleFiles, run_rules
    from editorial.core.newsroom import Newsroom

    folder = root / "articles" / ARTICLE_ID
    source, english = article_pair(run)
    _write_body(folder / "source.md", source)
    _write_body(folder / "translation.md", english)
    rules = [rule for rule in load_rules().values()
             if rule.function.__module__ in RULE_MODULES]
    newsroom = Newsroom(root)  # a run of check reads the newsroom afresh
    started, cpu_started = time.perf_counter(), time.process_time()
    files: dict[str, bytes | None] = {
        name: (folder / name).read_bytes() for name in ("article.md", "source.md",
                                                        "translation.md")}
    check = ArticleCheck(newsroom, ARTICLE_ID, ArticleFiles(ARTICLE_ID, files))
    problems = list(run_rules(check, {}, rules))
    return ((time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000,
            sorted({p.rule for p in problems}))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="editorial-bench-quality-") as folder:
        root = Path(folder) / "newsroom"
        build(root)
        source, english = article_pair(1)
        timed_run(root, 0)  # the rule modules imported and compiled, as in a warm process
        results = [timed_run(root, run) for run in range(1, args.runs + 1)]
    times = [wall for wall, _, _ in results]
    median = statistics.median(times)
    cpu = statistics.median(cpu for _, cpu, _ in results)
    print(f"article: {len(english.split()):,} English words, {len(source.split()):,} Arabic "
          f"words, {english.count(chr(10) * 2) + 1} paragraphs")
    print(f"rules: the quality and formal rules; false alarms from: "
          f"{', '.join(results[0][2]) or 'none'}")
    print(f"runs: {', '.join(f'{value:.0f}' for value in times)} ms")
    verdict = "within" if median <= TARGET_MS else "OVER"
    print(f"median: {median:.0f} ms ({verdict} the {TARGET_MS:.0f} ms target); CPU time "
          f"{cpu:.0f} ms")


if __name__ == "__main__":
    main()
