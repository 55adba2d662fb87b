"""Translation quality analysis: pure text functions behind the quality check rules.

Nothing here reads files, runs git or prints: it takes text and returns facts about it, so
that the check rules, the workflow gates and `status` can share it.
"""
