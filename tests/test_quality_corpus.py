"""The labelled evaluation corpus is well formed, and its script builds a newsroom, runs the
real rules and prints a row per rule. No precision is asserted: the corpus says what SHOULD
happen, and the rules are measured against it in docs/quality.md."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks import quality_eval
from editorial.core.checks import load_rules

CASES = quality_eval.load_corpus()


def test_case_ids_are_unique() -> None:
    repeated = [case_id for case_id, count in Counter(case.id for case in CASES).items()
                if count > 1]
    assert repeated == []
    assert len(CASES) >= 120


def test_every_label_names_an_evaluated_rule() -> None:
    for case in CASES:
        assert case.about in quality_eval.EVALUATED, case.id
        assert case.expect <= set(quality_eval.EVALUATED), case.id


def test_every_evaluated_rule_but_the_one_still_to_come_is_registered() -> None:
    # extra-numbers lands with the numbers rule's rewrite; any other name is a typo.
    assert set(quality_eval.EVALUATED) - set(load_rules()) <= {"extra-numbers"}


@pytest.mark.parametrize("rule_id", quality_eval.EVALUATED)
def test_every_rule_has_five_planted_errors_and_five_harmless_variants(rule_id: str) -> None:
    positive = [case.id for case in CASES if rule_id in case.expect]
    negative = [case.id for case in CASES if case.about == rule_id and rule_id not in case.expect]
    assert len(positive) >= 5, positive
    assert len(negative) >= 5, negative


def test_the_tally_counts_hits_false_alarms_and_misses() -> None:
    cases = [case for case in CASES if case.id in {"numbers-missing", "numbers-in-words",
                                                   "double-spaces-between-words"}]
    counts = quality_eval.tally(cases, {"numbers-missing": set(),
                                        "numbers-in-words": {"numbers"},
                                        "double-spaces-between-words": {"double-spaces"}})
    assert (counts["numbers"].tp, counts["numbers"].fp, counts["numbers"].fn) == (0, 1, 1)
    assert (counts["double-spaces"].tp, counts["double-spaces"].precision,
            counts["double-spaces"].recall) == (1, "1.00", "1.00")
    assert counts["glossary"].precision == quality_eval.NONE


def test_the_script_runs_end_to_end_on_a_slice() -> None:
    wanted = {"numbers-missing", "source-changed-word", "glossary-hyphenated-run",
              "markdown-links-editor-dropped-translators-link", "double-spaces-between-words",
              "inconsistent-quote-rendered-differently"}
    cases = [case for case in CASES if case.id in wanted]
    report = quality_eval.evaluate(cases, misses=True)
    assert report.startswith(f"{len(wanted)} cases.")
    rows = {line.split("|")[1].strip(" `"): [cell.strip() for cell in line.split("|")[2:-1]]
            for line in report.splitlines() if line.startswith("| `")}
    assert list(rows) == list(quality_eval.EVALUATED)
    registered = load_rules()
    for rule_id, cells in rows.items():
        if rule_id not in registered:
            assert cells[3:] == ["not available", "not available"], rule_id
            continue
        # Every labelled positive of the slice is a hit or a miss, whatever the rule does.
        tp, fn = int(cells[0]), int(cells[2])
        assert tp + fn == sum(rule_id in case.expect for case in cases), rule_id
