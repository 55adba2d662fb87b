"""Articles for the translation memory's tests: an older published one, and a newer one
whose source repeats one of its paragraphs, varies another and adds a third."""

from __future__ import annotations

from testing.newsroom import Newsroom

OLDER_SOURCE = (
    "أقر مجلس المحافظة يوم الثلاثاء موازنة العام المقبل بعد نقاش استمر ثلاث ساعات.\n\n"
    "وقال المتحدث باسم المجلس إن الموازنة تخصص حصة كبيرة لإصلاح الطرق والمدارس في الريف.\n\n"
    "ولم يصدر أي تعليق رسمي من وزارة المالية حتى مساء اليوم.\n"
)
OLDER_ENGLISH = (
    "The provincial council approved next year's budget on Tuesday after a three-hour "
    "debate.\n\n"
    "A council spokesman said the budget sets aside a large share for repairing roads and "
    "schools in the countryside.\n\n"
    "The finance ministry had made no official comment by this evening.\n"
)
# The older article's third paragraph again, with diacritics the older one lacks; its second
# with two words changed; and a paragraph the archive has never seen.
REPEATED = "ولم يصدر أيّ تعليقٍ رسميّ من وزارة المالية حتى مساء اليوم."
VARIED = "وقال المتحدث باسم المجلس إن الموازنة تخصص حصة صغيرة لإصلاح الطرق والجسور في الريف."
UNSEEN = "وتظاهر عشرات السكان أمام مبنى المحافظة مطالبين بتعبيد الطريق الرئيسي المؤدي إلى السوق."
NEWER_SOURCE = f"{REPEATED}\n\n{VARIED}\n\n{UNSEEN}\n"

OLDER = "council-budget"
NEWER = "council-roads"


def publish(newsroom: Newsroom, article_id: str, source: str, english: str) -> None:
    """Register, translate, edit and publish an article, each step by its own person."""
    newsroom.new_article(article_id=article_id, source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
    newsroom.write_translation(article_id, english)
    newsroom.ok("submit", article_id, as_person="tariq")
    newsroom.advance_to(article_id, "published")


def in_translation(newsroom: Newsroom, article_id: str = NEWER,
                   source: str = NEWER_SOURCE) -> None:
    newsroom.new_article(article_id=article_id, source=source)
    newsroom.ok("assign", article_id, "--translator", "tariq")
