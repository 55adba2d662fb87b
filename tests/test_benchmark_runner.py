"""The benchmark runner's measuring: what its ratios rest on."""

from __future__ import annotations

from pathlib import Path

from benchmarks.run import ENV, measure_interleaved


def test_commands_measured_in_turn_alternate_run_by_run(tmp_path: Path) -> None:
    """Each run of the first command is followed by one of the second, so that a busier
    spell of the machine falls on both sides of their ratio."""
    log = tmp_path / "order.txt"
    commands = [(["sh", "-c", f"echo {name} >> {log}"], tmp_path, ENV)
                for name in ("small", "large")]

    samples = measure_interleaved(commands, 3)

    assert log.read_text().split() == ["small", "large"] * 3
    assert len(samples) == 2
    assert all(sample.seconds > 0 and sample.max_rss_kb > 0 for sample in samples)
