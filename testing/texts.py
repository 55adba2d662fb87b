"""Sample texts for review tests: a translation and its edit, with an Arabic paragraph that
was left in the original, a note to the editor that must be escaped in HTML, and a paragraph
the editor split in two."""

# The Arabic letters are intended, not confusables.

BEFORE = (
    "Factions announced today a ceasefire in the northern countryside.\n"
    "\n"
    "The agreement, brokered by local dignitaries, takes effect at midnight <check time> "
    "& lasts a week.\n"
    "\n"
    'قال المتحدث باسم الفصائل إن الاتفاق "خطوة أولى".\n'
    "\n"
    "Residents expressed hope. Shops reopened.\n"
)
AFTER = (
    "Rebel factions announced on Sunday a ceasefire in the northern countryside.\n"
    "\n"
    "The agreement, brokered by local dignitaries, takes effect at midnight & lasts a week.\n"
    "\n"
    'قال المتحدث باسم الفصائل إن الاتفاق "خطوة أولى نحو السلام".\n'
    "\n"
    "Residents expressed cautious hope.\n"
    "\n"
    "Shops reopened in the afternoon.\n"
)
